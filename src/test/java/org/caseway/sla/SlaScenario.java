package org.caseway.sla;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.caseway.api.RestClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known SLA picture at a fixed engine clock {@link #NOW}, for the SLA view's REST and browser tests.
 *
 * <p>Four real cases are opened through {@code POST /api/cases} (at the real time, before the clock is
 * fixed, so anything the engine records for their intake tasks lies after {@code NOW}); then clocks and
 * breaches are inserted for them at times relative to {@code NOW}. Reports are "as of" the engine clock,
 * so rows of other tests (created at the real time, years later) do not count. The tasks the forecast
 * groups by assignee are standalone engine tasks; every row and task is removed again by {@link #remove()}.
 *
 * <pre>
 * open clocks (state at NOW)       mental health (sam)          youth (paula)   health (paula)   no team
 *   ON_TIME                        F2 F4 N1 G1 = 4              Y2 = 1          0                U1 = 1
 *   AT_RISK                        F1 F3(goal = NOW) = 2        0               H1 = 1           0
 *   OVERDUE                        O1(due = NOW) O2 = 2         Y1 = 1          0                0
 *   not counted                    FUT (created after NOW), X1 (cancelled), the completed ones
 * forecast (due in (NOW, NOW+7d])  mary: F1 (+5h), F2 (+3d); liam: F3 (+2h); unassigned: F4 (+6d);
 *                                  G1 (+4d) has no engine task and is left out      health: nina H1 (+1d)
 * breaches                         B2 L2 NOW-1d (O2), B1 L1 NOW-3d (O2), B3 L1 NOW-10d (L1, completed a day
 *                                  late), B4 L1 NOW-40d, B5 after NOW (O1)           youth: BY1 L1 NOW-2h (Y1)
 * completed (last 90 days)         needsAssessment 1..10 h (median 5.5 h, p90 9.1 h); intake 2 h; referService
 *                                  5 d (L1); not counted: an intake 100 days ago, one after NOW, cancelled ones
 *                                                                youth: servicePlan 1 d, 3 d
 * </pre>
 */
public final class SlaScenario {

    /** The fixed engine clock of the scenario: a Wednesday, long before any other test's rows. */
    public static final OffsetDateTime NOW = OffsetDateTime.of(2020, 1, 15, 10, 0, 0, 0, ZoneOffset.UTC);

    public static final String MENTAL_HEALTH = "team-mental-health";
    public static final String YOUTH = "team-youth";
    public static final String HEALTH = "team-health";

    private final RestClient api;
    private final JdbcClient jdbc;
    private final TaskService taskService;

    private final List<Long> caseIds = new ArrayList<>();
    private final List<String> engineTaskIds = new ArrayList<>();
    /** Case numbers: mental health 1 and 2, youth, health. */
    public String mh1;
    public String mh2;
    public String youth;
    public String health;
    /** Task ids of the forecast tasks (engine tasks) by scenario name (F1..F4, H1). */
    public final Map<String, String> taskIds = new LinkedHashMap<>();

    public SlaScenario(RestClient api, JdbcClient jdbc, TaskService taskService) {
        this.api = api;
        this.jdbc = jdbc;
        this.taskService = taskService;
    }

    public SlaScenario create() {
        mh1 = api.openCase("mary", "MENTAL_HEALTH");
        mh2 = api.openCase("mary", "MENTAL_HEALTH");
        youth = api.openCase("john", "CHILD");
        health = api.openCase("nina", "MEDICARE");
        long mh1Id = caseId(mh1);
        long mh2Id = caseId(mh2);
        long youthId = caseId(youth);
        long healthId = caseId(health);

        taskIds.put("F1", engineTask("mary"));
        taskIds.put("F2", engineTask("mary"));
        taskIds.put("F3", engineTask("liam"));
        taskIds.put("F4", engineTask(null));
        taskIds.put("H1", engineTask("nina"));
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));

        // mental health, open
        open(taskIds.get("F1"), mh1Id, MENTAL_HEALTH, "servicePlan", hours(-30), hours(-1), hours(5));
        open(taskIds.get("F2"), mh1Id, MENTAL_HEALTH, "followUpContact", days(-2), days(1), days(3));
        open(taskIds.get("F3"), mh2Id, MENTAL_HEALTH, "needsAssessment", days(-3), NOW, hours(2));
        open(taskIds.get("F4"), mh2Id, MENTAL_HEALTH, "outreach", days(-1), days(2), days(6));
        open(id("N1"), mh1Id, MENTAL_HEALTH, "reassessment", days(-1), days(5), days(10));
        open(id("G1"), mh2Id, MENTAL_HEALTH, "followUpContact", days(-1), days(2), days(4));
        String o1 = id("O1");
        String o2 = id("O2");
        open(o1, mh1Id, MENTAL_HEALTH, "approveServicePlan", days(-2), hours(-4), NOW);
        open(o2, mh2Id, MENTAL_HEALTH, "servicePlan", days(-10), days(-5), days(-3));
        open(id("FUT"), mh1Id, MENTAL_HEALTH, "outreach", hours(1), days(1), days(2));
        clock(id("X1"), mh1Id, MENTAL_HEALTH, "referService", days(-9), days(-8), days(-7), hours(-1), "CANCELLED");
        // youth, health, no team yet
        String y1 = id("Y1");
        open(y1, youthId, YOUTH, "needsAssessment", days(-4), days(-2), hours(-2));
        open(id("Y2"), youthId, YOUTH, "servicePlan", days(-1), days(10), days(20));
        open(taskIds.get("H1"), healthId, HEALTH, "needsAssessment", days(-2), hours(-1), days(1));
        open(id("U1"), healthId, null, "intake", days(-1), days(20), days(30));

        // completed: needsAssessment 1..10 hours, intake 2 hours (plus two outside the window)
        for (int h = 1; h <= 10; h++) {
            OffsetDateTime created = days(-20).plusHours(h * 11L);
            clock(id("NA" + h), h % 2 == 0 ? mh1Id : mh2Id, MENTAL_HEALTH, "needsAssessment", created,
                    created.plusDays(2), created.plusDays(5), created.plusHours(h), "COMPLETED");
        }
        clock(id("I1"), mh1Id, MENTAL_HEALTH, "intake", days(-1).minusHours(2), days(1), days(2), days(-1),
                "COMPLETED");
        clock(id("I2"), mh1Id, MENTAL_HEALTH, "intake", days(-100).minusMinutes(30), days(-99), days(-98),
                days(-100), "COMPLETED");
        clock(id("I3"), mh2Id, MENTAL_HEALTH, "intake", hours(1), days(1), days(2), hours(3), "COMPLETED");
        clock(id("SP1"), youthId, YOUTH, "servicePlan", days(-12), days(-8), days(-5), days(-11), "COMPLETED");
        clock(id("SP2"), youthId, YOUTH, "servicePlan", days(-12), days(-8), days(-5), days(-9), "COMPLETED");
        clock(id("SP3"), youthId, YOUTH, "servicePlan", days(-12), days(-8), days(-5), days(-6), "CANCELLED");

        // breaches
        breach(o2, mh2Id, MENTAL_HEALTH, "servicePlan", 2, days(-1), days(-1), "mary", "program-managers",
                null, null, null);
        breach(o2, mh2Id, MENTAL_HEALTH, "servicePlan", 1, days(-3), days(-3), "mary", "sam", null, null, null);
        String late = id("L1");
        clock(late, mh1Id, MENTAL_HEALTH, "referService", days(-14), days(-12), days(-10), days(-9), "COMPLETED");
        breach(late, mh1Id, MENTAL_HEALTH, "referService", 1, days(-10), days(-10), "liam", "sam", days(-9),
                "COMPLETED", "liam");
        breach(id("B4"), mh1Id, MENTAL_HEALTH, "intake", 1, days(-40), days(-40), null, "sam", null, null, null);
        breach(o1, mh1Id, MENTAL_HEALTH, "approveServicePlan", 1, hours(1), hours(1), "sam", "sam", null, null,
                null);
        breach(y1, youthId, YOUTH, "needsAssessment", 1, hours(-2), hours(-2), "john", "paula", null, null, null);
        return this;
    }

    /** Removes the scenario's rows and engine tasks and gives the engine its real clock back. */
    public void remove() {
        ClockUtil.reset();
        for (long caseId : caseIds) {
            jdbc.sql("DELETE FROM sla_breach WHERE case_id = ?").param(caseId).update();
            jdbc.sql("DELETE FROM sla_clock WHERE case_id = ?").param(caseId).update();
        }
        engineTaskIds.forEach(id -> taskService.deleteTask(id, true));
        caseIds.clear();
        engineTaskIds.clear();
    }

    private long caseId(String caseNumber) {
        long id = jdbc.sql("SELECT id FROM case_file WHERE case_number = ?").param(caseNumber)
                .query(Long.class).single();
        caseIds.add(id);
        return id;
    }

    private String engineTask(String assignee) {
        Task task = taskService.newTask();
        task.setName("SLA scenario task");
        task.setAssignee(assignee);
        taskService.saveTask(task);
        engineTaskIds.add(task.getId());
        return task.getId();
    }

    private static String id(String name) {
        return "sla-scenario-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void open(String taskId, long caseId, String team, String taskKey, OffsetDateTime created,
                      OffsetDateTime goal, OffsetDateTime due) {
        clock(taskId, caseId, team, taskKey, created, goal, due, null, null);
    }

    private void clock(String taskId, long caseId, String team, String taskKey, OffsetDateTime created,
                       OffsetDateTime goal, OffsetDateTime due, OffsetDateTime ended, String endReason) {
        jdbc.sql("""
                INSERT INTO sla_clock (task_id, case_id, team, task_key, sla_priority, business_hours, policy_version,
                                       created_at, goal_at, due_at, second_at, ended_at, end_reason)
                VALUES (?, ?, ?, ?, 'ROUTINE', FALSE, 1, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, caseId, team, taskKey, created, goal, due, due.plusDays(2), ended, endReason)
                .update();
    }

    private void breach(String taskId, long caseId, String team, String taskKey, int level, OffsetDateTime deadline,
                        OffsetDateTime breachedAt, String assignee, String escalatedTo, OffsetDateTime completedAt,
                        String resolution, String resolvedBy) {
        jdbc.sql("""
                INSERT INTO sla_breach (task_id, case_id, team, task_key, level, deadline, breached_at, assignee,
                                        escalated_to, completed_at, resolution, resolved_by, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, caseId, team, taskKey, level, deadline, breachedAt, assignee, escalatedTo,
                        completedAt, resolution, resolvedBy, completedAt)
                .update();
        jdbc.sql("UPDATE sla_clock SET breached = TRUE WHERE task_id = ?").param(taskId).update();
    }

    public static OffsetDateTime hours(long hours) {
        return NOW.plus(Duration.ofHours(hours));
    }

    public static OffsetDateTime days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }
}
