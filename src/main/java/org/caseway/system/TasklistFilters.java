package org.caseway.system;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The case managers' work queues as Tasklist filters, created idempotently at start-up. Every node does this
 * and refreshes them on its own schedule, one node at a time ({@link ClusterLock}): two nodes finding no filter
 * would each create one, and two refreshing the same filter at once would fail on its revision.
 *
 * <p>Expressions in stored queries are off (a stored expression is code that runs on the server),
 * so filters hold literal values: "My tasks" and "My groups' unassigned tasks" are filters of each
 * person, and "Due today" and "Overdue" hold dates that this class moves forward on a schedule. The
 * engine's authorizations limit every filter to the tasks the user may see (their own and their groups').
 *
 * <p>"My groups' unassigned tasks" asks for the tasks the person is a candidate for, directly or through
 * a group ({@code taskCandidateUser}): the engine reads the person's groups when the filter runs, so a
 * new team or role shows at once, and the query starts from the candidate links of those groups. A
 * queue therefore costs what it holds, not what the agency holds: one shared filter of all unassigned
 * tasks, left to the authorization check, made a case manager outside intake wait 0.9 s at 100,000 open
 * intake tasks (README, "Benchmarks"). Earlier builds had that shared filter; start-up removes it.
 */
@Component
public class TasklistFilters {

    static final String MY_TASKS = "My tasks";
    static final String MY_GROUPS_UNASSIGNED = "My groups' unassigned tasks";
    static final String DUE_TODAY = "Due today";
    static final String OVERDUE = "Overdue";
    static final String AWAITING_APPROVAL = "Awaiting my approval";
    static final String CRISES = "Crises open now";
    static final String ESCALATIONS = "Missed deadlines";

    private static final List<String> WORKERS = List.of(Roles.INTAKE, Roles.CASE_MANAGERS, Roles.SUPERVISORS, Roles.PROGRAM_MANAGERS);

    private final FilterService filterService;
    private final TaskService taskService;
    private final EngineAccess access;
    private final org.camunda.bpm.engine.IdentityService identityService;
    private final ClusterLock lock;

    TasklistFilters(FilterService filterService, TaskService taskService, EngineAccess access,
                    org.camunda.bpm.engine.IdentityService identityService, ClusterLock lock) {
        this.identityService = identityService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.access = access;
        this.lock = lock;
    }

    @Order(1)
    @EventListener(ApplicationReadyEvent.class)
    void ensureSharedFilters() {
        lock.run(ClusterLock.TASKLIST_FILTERS, this::sharedFilters);
    }

    private void sharedFilters() {
        // the shared "My groups' unassigned tasks" of earlier builds; deleting a filter deletes its grants
        sharedFilters(MY_GROUPS_UNASSIGNED).forEach(filter -> filterService.deleteFilter(filter.getId()));
        shared(CRISES, 5, "Crisis responses, safety plans and supervisor reviews: the tightest deadlines",
                taskService.createTaskQuery().taskDefinitionKeyIn(Tasks.CRISIS_RESPONSE, Tasks.SAFETY_PLAN,
                        Tasks.CRISIS_REVIEW), WORKERS);
        shared(DUE_TODAY, 20, "Tasks due today", dueToday(), WORKERS);
        shared(OVERDUE, 30, "Tasks past their due date", overdue(), WORKERS);
        shared(AWAITING_APPROVAL, 40, "Service plans and closures waiting for a supervisor's decision",
                taskService.createTaskQuery().taskDefinitionKeyIn(Tasks.APPROVE_SERVICE_PLAN, Tasks.APPROVE_CLOSURE),
                List.of(Roles.SUPERVISORS));
        shared(ESCALATIONS, 35, "Tasks that missed their deadline, escalated to you: reassign, extend or acknowledge",
                taskService.createTaskQuery().taskDefinitionKey(Tasks.ESCALATION),
                List.of(Roles.SUPERVISORS, Roles.PROGRAM_MANAGERS));
    }

    /** Everyone who works cases gets their own filters (also people added after start-up, at the next refresh). */
    @Order(3)
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    public void ensurePersonalFilters() {
        lock.run(ClusterLock.TASKLIST_FILTERS, () -> {
            for (String group : WORKERS) {
                identityService.createUserQuery().memberOfGroup(group).list()
                        .forEach(user -> personalFilter(user.getId()));
            }
        });
    }

    /** The person's own filters; called for every case worker when their account is set up. */
    public void ensurePersonalFilter(String userId) {
        lock.run(ClusterLock.TASKLIST_FILTERS, () -> personalFilter(userId));
    }

    private void personalFilter(String userId) {
        // one query for the person's filters, at every refresh for every case worker
        Set<String> existing = filterService.createTaskFilterQuery().filterOwner(userId).list().stream()
                .map(Filter::getName).collect(Collectors.toSet());
        personal(existing, userId, MY_TASKS, 0, "Tasks assigned to you",
                taskService.createTaskQuery().taskAssignee(userId));
        // the candidate's unassigned tasks (the engine's default for a candidate query)
        personal(existing, userId, MY_GROUPS_UNASSIGNED, 10, "Unassigned tasks of your teams and roles: claim one to work it",
                taskService.createTaskQuery().taskCandidateUser(userId));
    }

    private void personal(Set<String> existing, String userId, String name, int priority, String description,
                          TaskQuery query) {
        if (!existing.contains(name)) {
            Filter filter = filterService.newTaskFilter(name).setOwner(userId).setQuery(query)
                    .setProperties(properties(priority, description));
            filterService.saveFilter(filter);
            access.grantUser(userId, FILTER, filter.getId(), READ);
        }
    }

    /** Moves the literal dates of "Due today" and "Overdue" forward. */
    @Scheduled(fixedDelayString = "${caseway.tasklist.filter-refresh-interval}",
            initialDelayString = "${caseway.tasklist.filter-refresh-interval}")
    public void refreshDateFilters() {
        lock.run(ClusterLock.TASKLIST_FILTERS, () -> {
            update(DUE_TODAY, dueToday());
            update(OVERDUE, overdue());
        });
    }

    private TaskQuery dueToday() {
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
        return taskService.createTaskQuery()
                .dueAfter(Date.from(today.atStartOfDay(ZoneId.systemDefault()).toInstant().minusMillis(1)))
                .dueBefore(Date.from(today.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant()));
    }

    private TaskQuery overdue() {
        return taskService.createTaskQuery().dueBefore(ClockUtil.getCurrentTime());
    }

    private void shared(String name, int priority, String description, TaskQuery query, List<String> groups) {
        Filter filter = sharedFilters(name).findFirst().orElse(null);
        if (filter == null) {
            filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties(priority, description));
            filterService.saveFilter(filter);
        }
        for (String group : groups) {
            access.grantGroup(group, FILTER, filter.getId(), READ);
        }
    }

    private void update(String name, TaskQuery query) {
        sharedFilters(name).forEach(f -> filterService.saveFilter(f.setQuery(query)));
    }

    private Stream<Filter> sharedFilters(String name) {
        return filterService.createTaskFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null);
    }

    private static Map<String, Object> properties(int priority, String description) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        // what each task card in the list shows, so cases can be told apart without opening them
        properties.put("variables", List.of(
                Map.of("name", "caseNumber", "label", "Case"),
                Map.of("name", "caseType", "label", "Type"),
                Map.of("name", "priority", "label", "Priority"),
                Map.of("name", "slaState", "label", "SLA")));
        properties.put("showUndefinedVariable", false);
        return properties;
    }
}
