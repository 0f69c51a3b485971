package org.caseway.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.caseway.casefile.CaseClock;
import org.caseway.sla.SlaReportAccess.Scope;
import org.caseway.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisors' view of deadlines (issue 5): open tasks on time, at risk and overdue, missed
 * deadlines, the tasks that will miss theirs soon per case manager, and how long tasks take. Reads
 * {@code sla_clock} and {@code sla_breach}; answers carry case numbers, task keys and user ids only.
 *
 * <p>Every report is as of the engine's clock ({@link CaseClock}): a clock row created after that
 * moment did not exist yet and is not counted, nor is a breach or completion after it.
 */
@Service
public class SlaReports {

    /** How long the time-to-complete figures look back. */
    public static final Duration COMPLETION_WINDOW = Duration.ofDays(90);
    /** The most forecast tasks one answer lists (the earliest due first). */
    public static final int FORECAST_LIMIT = 1000;

    private static final int ENGINE_QUERY_CHUNK = 500;

    /** An open task's deadline state at a moment. */
    public enum State {
        ON_TIME, AT_RISK, OVERDUE;

        /** OVERDUE from the deadline on, AT_RISK from the goal (reminder) on, ON_TIME before. */
        public static State at(OffsetDateTime now, OffsetDateTime goalAt, OffsetDateTime dueAt) {
            if (!now.isBefore(dueAt)) {
                return OVERDUE;
            }
            return now.isBefore(goalAt) ? ON_TIME : AT_RISK;
        }
    }

    public record OpenTasks(long onTime, long atRisk, long overdue, long total) {
        static OpenTasks of(long onTime, long atRisk, long overdue) {
            return new OpenTasks(onTime, atRisk, overdue, onTime + atRisk + overdue);
        }
    }

    /** One team's open tasks; team null: cases not yet routed to a team (intake). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamOpenTasks(String team, long onTime, long atRisk, long overdue) {
    }

    public record BreachCounts(long total, long level1, long level2) {
    }

    public record BreachWindows(BreachCounts last7Days, BreachCounts last30Days) {
    }

    /** Time from a task's creation to its completion, per task key (interpolated percentiles, see {@link Percentiles}). */
    public record TimeToComplete(String taskKey, int completed, String median, long medianSeconds, String p90,
                                 long p90Seconds) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(OffsetDateTime asOf, String team, List<String> visibleTeams, OpenTasks openTasks,
                          List<TeamOpenTasks> openTasksByTeam, BreachWindows breaches, OffsetDateTime completedSince,
                          List<TimeToComplete> timeToComplete) {
    }

    /** A missed deadline; late runs from the deadline to the task's end, or to asOf while the task is open. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BreachLine(long id, String caseNumber, String team, String taskKey, int level,
                             OffsetDateTime deadline, OffsetDateTime breachedAt, String late, long lateSeconds,
                             boolean taskOpen, String assignee, String escalatedTo, String escalationId,
                             OffsetDateTime completedAt, String resolution, String resolvedBy,
                             OffsetDateTime resolvedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BreachList(OffsetDateTime asOf, OffsetDateTime from, OffsetDateTime to, String team,
                             List<String> visibleTeams, long total, int size, boolean truncated,
                             List<BreachLine> breaches) {
    }

    /** team null: a case not yet routed to a team (intake). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ForecastTask(String taskId, String caseNumber, String team, String taskKey, State state,
                               OffsetDateTime dueAt, String dueIn, long dueInSeconds) {
    }

    /** The forecast tasks of one case manager (the task's current assignee); assignee null: unassigned. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ForecastGroup(String assignee, int count, List<ForecastTask> tasks) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Forecast(OffsetDateTime asOf, OffsetDateTime until, int days, String team, List<String> visibleTeams,
                           int total, boolean truncated, List<ForecastGroup> caseManagers) {
    }

    private final JdbcClient jdbc;
    private final SlaReportAccess access;
    private final CurrentUser currentUser;
    private final TaskService taskService;

    SlaReports(JdbcClient jdbc, SlaReportAccess access, CurrentUser currentUser, TaskService taskService) {
        this.jdbc = jdbc;
        this.access = access;
        this.currentUser = currentUser;
        this.taskService = taskService;
    }

    /** Open tasks by state, breaches of the last 7 and 30 days, time to complete per task key. */
    @Transactional(readOnly = true)
    public Summary summary(String team) {
        Scope scope = access.scope(team);
        OffsetDateTime now = CaseClock.now();
        List<TeamOpenTasks> byTeam = openByTeam(scope, now);
        OpenTasks open = OpenTasks.of(byTeam.stream().mapToLong(TeamOpenTasks::onTime).sum(),
                byTeam.stream().mapToLong(TeamOpenTasks::atRisk).sum(),
                byTeam.stream().mapToLong(TeamOpenTasks::overdue).sum());
        OffsetDateTime completedSince = now.minus(COMPLETION_WINDOW);
        return new Summary(now, scope.team(), scope.visibleTeams(), open, byTeam, breachWindows(scope, now),
                completedSince, timeToComplete(scope, completedSince, now));
    }

    /** The breaches recorded from..to (inclusive), newest first, at most size of them. */
    @Transactional(readOnly = true)
    public BreachList breaches(String team, OffsetDateTime from, OffsetDateTime to, int size) {
        if (from.isAfter(to) || size < 1) {
            throw new IllegalArgumentException("from must not be after to, and size must be positive");
        }
        Scope scope = access.scope(team);
        OffsetDateTime now = CaseClock.now();
        if (scope.isEmpty()) {
            return new BreachList(now, local(from), local(to), scope.team(), scope.visibleTeams(), 0, size, false,
                    List.of());
        }
        String where = " WHERE b.breached_at >= :from AND b.breached_at <= :to" + teamFilter("b.team", scope);
        long total = params(jdbc.sql("SELECT COUNT(*) FROM sla_breach b" + where), scope)
                .param("from", from).param("to", to).query(Long.class).single();
        List<BreachLine> lines = params(jdbc.sql("""
                SELECT b.id, f.case_number, b.team, b.task_key, b.level, b.deadline, b.breached_at, b.assignee,
                       b.escalated_to, b.escalation_id, b.completed_at, b.resolution, b.resolved_by, b.resolved_at,
                       c.ended_at AS task_ended_at
                FROM sla_breach b
                JOIN case_file f ON f.id = b.case_id
                LEFT JOIN sla_clock c ON c.task_id = b.task_id""" + where
                + " ORDER BY b.breached_at DESC, b.id DESC LIMIT :size"), scope)
                .param("from", from).param("to", to).param("size", size)
                .query((rs, n) -> breachLine(rs, now)).list();
        return new BreachList(now, local(from), local(to), scope.team(), scope.visibleTeams(), total, size,
                total > lines.size(), lines);
    }

    /**
     * The open tasks that are not overdue yet but whose deadline falls within the next days: the ones that
     * will breach if nothing changes, per case manager (the task's current assignee in the engine). A clock
     * whose task the engine no longer has is left out: that task has ended and cannot breach.
     */
    @Transactional(readOnly = true)
    public Forecast forecast(String team, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be positive");
        }
        Scope scope = access.scope(team);
        OffsetDateTime now = CaseClock.now();
        OffsetDateTime until = now.plusDays(days);
        if (scope.isEmpty()) {
            return new Forecast(now, until, days, scope.team(), scope.visibleTeams(), 0, false, List.of());
        }
        List<ForecastTask> tasks = params(jdbc.sql("""
                SELECT c.task_id, f.case_number, c.team, c.task_key, c.goal_at, c.due_at
                FROM sla_clock c
                JOIN case_file f ON f.id = c.case_id
                WHERE c.ended_at IS NULL AND c.created_at <= :now AND c.due_at > :now AND c.due_at <= :until"""
                + teamFilter("c.team", scope) + " ORDER BY c.due_at, c.task_id LIMIT :limit"), scope)
                .param("now", now).param("until", until).param("limit", FORECAST_LIMIT + 1)
                .query((rs, n) -> {
                    OffsetDateTime goalAt = time(rs, "goal_at");
                    OffsetDateTime dueAt = time(rs, "due_at");
                    Duration dueIn = Duration.ofSeconds(Duration.between(now, dueAt).toSeconds());
                    return new ForecastTask(rs.getString("task_id"), rs.getString("case_number"),
                            rs.getString("team"), rs.getString("task_key"), State.at(now, goalAt, dueAt), dueAt,
                            iso(dueIn), dueIn.toSeconds());
                }).list();
        boolean truncated = tasks.size() > FORECAST_LIMIT;
        if (truncated) {
            tasks = tasks.subList(0, FORECAST_LIMIT);
        }
        Map<String, Task> engineTasks = engineTasks(tasks.stream().map(ForecastTask::taskId).toList());
        Map<String, List<ForecastTask>> perAssignee = new HashMap<>();
        int total = 0;
        for (ForecastTask task : tasks) {
            Task engineTask = engineTasks.get(task.taskId());
            if (engineTask != null) {
                perAssignee.computeIfAbsent(engineTask.getAssignee(), a -> new ArrayList<>()).add(task);
                total++;
            }
        }
        List<ForecastGroup> groups = perAssignee.entrySet().stream()
                .map(e -> new ForecastGroup(e.getKey(), e.getValue().size(), List.copyOf(e.getValue())))
                .sorted(Comparator.comparingInt(ForecastGroup::count).reversed()
                        .thenComparing(ForecastGroup::assignee, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Forecast(now, until, days, scope.team(), scope.visibleTeams(), total, truncated, groups);
    }

    /**
     * Open tasks per team and state as of now, for every team (no access check: for the metrics gauge).
     * One grouped query; teams without open tasks are not in the map, tasks without a team are under null.
     */
    Map<String, OpenTasks> openTasksOfEveryTeam(OffsetDateTime now) {
        Map<String, OpenTasks> counts = new HashMap<>();
        openQuery("", now).query(rs -> {
            counts.put(rs.getString("team"),
                    OpenTasks.of(rs.getLong("on_time"), rs.getLong("at_risk"), rs.getLong("overdue")));
        });
        return counts;
    }

    private List<TeamOpenTasks> openByTeam(Scope scope, OffsetDateTime now) {
        Map<String, TeamOpenTasks> byTeam = new LinkedHashMap<>();
        scope.teams().forEach(t -> byTeam.put(t, new TeamOpenTasks(t, 0, 0, 0)));
        if (scope.isEmpty()) {
            return List.copyOf(byTeam.values());
        }
        params(openQuery(teamFilter("team", scope), now), scope).query(rs -> {
            String team = rs.getString("team");
            byTeam.put(team, new TeamOpenTasks(team, rs.getLong("on_time"), rs.getLong("at_risk"),
                    rs.getLong("overdue")));
        });
        List<TeamOpenTasks> lines = new ArrayList<>(byTeam.values());
        lines.sort(Comparator.comparing(TeamOpenTasks::team, Comparator.nullsLast(Comparator.naturalOrder())));
        return lines;
    }

    private JdbcClient.StatementSpec openQuery(String teamFilter, OffsetDateTime now) {
        return jdbc.sql("""
                SELECT team,
                       SUM(CASE WHEN due_at > :now AND goal_at > :now THEN 1 ELSE 0 END) AS on_time,
                       SUM(CASE WHEN due_at > :now AND goal_at <= :now THEN 1 ELSE 0 END) AS at_risk,
                       SUM(CASE WHEN due_at <= :now THEN 1 ELSE 0 END) AS overdue
                FROM sla_clock
                WHERE ended_at IS NULL AND created_at <= :now""" + teamFilter + " GROUP BY team")
                .param("now", now);
    }

    private BreachWindows breachWindows(Scope scope, OffsetDateTime now) {
        long[] week = new long[3];
        long[] month = new long[3];
        if (!scope.isEmpty()) {
            params(jdbc.sql("""
                    SELECT level,
                           SUM(CASE WHEN breached_at >= :since7 THEN 1 ELSE 0 END) AS last7,
                           COUNT(*) AS last30
                    FROM sla_breach
                    WHERE breached_at >= :since30 AND breached_at <= :now""" + teamFilter("team", scope)
                    + " GROUP BY level"), scope)
                    .param("since7", now.minusDays(7)).param("since30", now.minusDays(30)).param("now", now)
                    .query(rs -> {
                        int level = rs.getInt("level");
                        long last7 = rs.getLong("last7");
                        long last30 = rs.getLong("last30");
                        week[0] += last7;
                        month[0] += last30;
                        if (level == 1 || level == 2) {
                            week[level] += last7;
                            month[level] += last30;
                        }
                    });
        }
        return new BreachWindows(new BreachCounts(week[0], week[1], week[2]),
                new BreachCounts(month[0], month[1], month[2]));
    }

    private List<TimeToComplete> timeToComplete(Scope scope, OffsetDateTime since, OffsetDateTime now) {
        if (scope.isEmpty()) {
            return List.of();
        }
        Map<String, List<Long>> millisPerKey = new TreeMap<>();
        params(jdbc.sql("""
                SELECT task_key, created_at, ended_at
                FROM sla_clock
                WHERE end_reason = 'COMPLETED' AND ended_at >= :since AND ended_at <= :now"""
                + teamFilter("team", scope)), scope)
                .param("since", since).param("now", now)
                .query(rs -> {
                    long millis = Duration.between(time(rs, "created_at"), time(rs, "ended_at")).toMillis();
                    millisPerKey.computeIfAbsent(rs.getString("task_key"), k -> new ArrayList<>())
                            .add(Math.max(0, millis));
                });
        return millisPerKey.entrySet().stream().map(e -> {
            long[] millis = e.getValue().stream().mapToLong(Long::longValue).toArray();
            Duration median = seconds(Percentiles.of(millis, 0.5));
            Duration p90 = seconds(Percentiles.of(millis, 0.9));
            return new TimeToComplete(e.getKey(), millis.length, iso(median), median.toSeconds(), iso(p90),
                    p90.toSeconds());
        }).toList();
    }

    private BreachLine breachLine(ResultSet rs, OffsetDateTime now) throws SQLException {
        OffsetDateTime deadline = time(rs, "deadline");
        OffsetDateTime completedAt = time(rs, "completed_at");
        OffsetDateTime taskEndedAt = time(rs, "task_ended_at");
        OffsetDateTime lateUntil = completedAt != null ? completedAt : taskEndedAt != null ? taskEndedAt : now;
        Duration late = Duration.between(deadline, lateUntil);
        if (late.isNegative()) {
            late = Duration.ZERO;
        }
        late = Duration.ofSeconds(late.toSeconds());
        return new BreachLine(rs.getLong("id"), rs.getString("case_number"), rs.getString("team"),
                rs.getString("task_key"), rs.getInt("level"), deadline, time(rs, "breached_at"), iso(late),
                late.toSeconds(), completedAt == null && taskEndedAt == null, rs.getString("assignee"),
                rs.getString("escalated_to"), rs.getString("escalation_id"), completedAt, rs.getString("resolution"),
                rs.getString("resolved_by"), time(rs, "resolved_at"));
    }

    /** The engine's tasks by id, read without the caller's engine authorization (Caseway checked the team). */
    private Map<String, Task> engineTasks(List<String> taskIds) {
        Map<String, Task> tasks = new HashMap<>();
        for (int from = 0; from < taskIds.size(); from += ENGINE_QUERY_CHUNK) {
            String[] chunk = taskIds.subList(from, Math.min(taskIds.size(), from + ENGINE_QUERY_CHUNK))
                    .toArray(String[]::new);
            currentUser.withoutEngineAuthorization(() ->
                    taskService.createTaskQuery().taskIdIn(chunk).listPage(0, chunk.length))
                    .forEach(task -> tasks.put(task.getId(), task));
        }
        return tasks;
    }

    private static String teamFilter(String column, Scope scope) {
        return scope.unrestricted() ? "" : " AND " + column + " IN (:teams)";
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, Scope scope) {
        return scope.unrestricted() ? statement : statement.param("teams", scope.teams());
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return local(rs.getObject(column, OffsetDateTime.class));
    }

    /** Times in answers carry the server's offset, as the rest of Caseway's API does. */
    private static OffsetDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(ZoneId.systemDefault()).toOffsetDateTime();
    }

    private static Duration seconds(double millis) {
        return Duration.ofSeconds(Math.round(millis / 1000.0));
    }

    /** ISO-8601, e.g. PT5H30M (days as hours: PT72H). */
    private static String iso(Duration duration) {
        return duration.toString();
    }
}
