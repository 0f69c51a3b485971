package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Through REST, a task count gives what the list of the same query holds, for every way a person may be granted a
 * task: a grant of their own or of a group on the task (and both), a grant on its process definition, a grant on all
 * tasks, a grant without the permission to read, none, and as a candidate; for a task of no process, an or-query
 * and a Tasklist filter (its count and its page) as well; a candidates' queue pages each task once, in order. On
 * PostgreSQL the counts run rewritten ({@link TaskCountGrantJoin}), and so do candidates' pages
 * ({@link TaskPageSemiJoin}); on H2 everything runs as the engine writes it. The
 * people, grants and six tasks of a process of its own are made for each test and removed after it. Shares the
 * context of the other REST tests.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TaskCountsRestTest {

    private static final String PROCESS = "grantJoinProbe";
    private static final String TEAM = "grant-join-team";
    private static final String CANDIDATES = "grant-join-candidates";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    FilterService filterService;
    @Autowired
    TaskCountGrantJoin taskCountGrantJoin;
    @Autowired
    TaskPageSemiJoin taskPageSemiJoin;

    RestClient api;
    String deployment;
    List<String> tasks;
    final List<String> grants = new ArrayList<>();
    final List<String> standaloneTasks = new ArrayList<>();
    final List<String> filters = new ArrayList<>();

    @BeforeEach
    void sixTasks() {
        api = new RestClient(rest);
        deployment = repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("probe").endEvent().done()).deploy().getId();
        for (int i = 0; i < 6; i++) {
            runtimeService.startProcessInstanceByKey(PROCESS);
        }
        tasks = taskService.createTaskQuery().processDefinitionKey(PROCESS).orderByTaskId().asc().list().stream()
                .map(Task::getId).toList();
        assertThat(tasks).hasSize(6);
        for (String user : List.of("gjalice", "gjbob", "gjcarol", "gjdave", "gjerin", "gjfrank", "gjgrace")) {
            User person = identityService.newUser(user);
            person.setPassword("demo");
            identityService.saveUser(person);
        }
        identityService.saveGroup(identityService.newGroup(TEAM));
        identityService.saveGroup(identityService.newGroup(CANDIDATES));
        identityService.createMembership("gjbob", TEAM);
        identityService.createMembership("gjfrank", CANDIDATES);
    }

    @AfterEach
    void removeThem() {
        grants.forEach(authorizationService::deleteAuthorization);
        filters.forEach(filterService::deleteFilter);
        standaloneTasks.forEach(task -> taskService.deleteTask(task, true));
        repositoryService.deleteDeployment(deployment, true);
        for (String user : List.of("gjalice", "gjbob", "gjcarol", "gjdave", "gjerin", "gjfrank", "gjgrace")) {
            identityService.deleteUser(user);
        }
        identityService.deleteGroup(TEAM);
        identityService.deleteGroup(CANDIDATES);
    }

    @Test
    void everyWayToBeGrantedATaskCountsWhatTheListHolds() {
        grantUser("gjalice", Resources.TASK, tasks.get(0), Permissions.READ);
        grantUser("gjalice", Resources.TASK, tasks.get(1), Permissions.READ);
        // a grant of the person's own and one of their group on the same task: one task
        grantUser("gjbob", Resources.TASK, tasks.get(2), Permissions.READ);
        grantGroup(TEAM, Resources.TASK, tasks.get(2), Permissions.READ);
        grantUser("gjcarol", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
        grantUser("gjdave", Resources.TASK, "*", Permissions.READ);
        // permissions that do not let one read a task, and a grant on another process
        grantUser("gjerin", Resources.TASK, tasks.get(3), Permissions.UPDATE);
        grantUser("gjerin", Resources.PROCESS_DEFINITION, "another-process", ProcessDefinitionPermissions.READ_TASK);
        // a grant on a task and on its process definition
        grantUser("gjgrace", Resources.TASK, tasks.get(0), Permissions.READ);
        grantUser("gjgrace", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);

        String query = "processDefinitionKey=" + PROCESS;
        assertCount("gjalice", query, 2);
        assertCount("gjbob", query, 1);
        assertCount("gjcarol", query, 6);
        assertCount("gjdave", query, 6);
        assertCount("gjerin", query, 0);
        assertCount("gjfrank", query, 0);
        assertCount("gjgrace", query, 6);
        // with another criterion: what the grants allow of what it selects
        assertCount("gjalice", query + "&taskId=" + tasks.get(1), 1);
        assertCount("gjbob", query + "&taskId=" + tasks.get(1), 0);
        assertCount("gjcarol", query + "&taskId=" + tasks.get(1), 1);
        assertRewrittenOnPostgres();
    }

    @Test
    void aCandidatesQueueCountsTheTasksOfTheirGroupsUnassigned() {
        // a candidate group gets its grant on the task from the engine, as in every queue of Caseway
        taskService.addCandidateGroup(tasks.get(4), CANDIDATES);
        taskService.addCandidateGroup(tasks.get(5), CANDIDATES);
        taskService.addCandidateGroup(tasks.get(1), CANDIDATES);
        taskService.setAssignee(tasks.get(1), "gjalice");
        grants.addAll(authorizationService.createAuthorizationQuery().groupIdIn(CANDIDATES).list().stream()
                .map(Authorization::getId).toList());

        String queue = "processDefinitionKey=" + PROCESS + "&candidateUser=gjfrank";
        assertCount("gjfrank", queue, 2);
        assertCount("gjfrank", "processDefinitionKey=" + PROCESS, 3);
        assertCount("gjfrank", "processDefinitionKey=" + PROCESS + "&candidateGroups=" + CANDIDATES, 2);
        assertCount("gjerin", "processDefinitionKey=" + PROCESS + "&candidateGroup=" + CANDIDATES, 0);
        assertRewrittenOnPostgres();
    }

    @Test
    void aTaskOfNoProcessCountsByItsOwnGrantOnly() {
        Task standalone = taskService.newTask();
        standalone.setName("grant join probe without a process");
        taskService.saveTask(standalone);
        standaloneTasks.add(standalone.getId());
        grantUser("gjalice", Resources.TASK, standalone.getId(), Permissions.READ);
        grantUser("gjcarol", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
        grantUser("gjdave", Resources.TASK, "*", Permissions.READ);

        String query = "taskId=" + standalone.getId();
        assertCount("gjalice", query, 1);
        assertCount("gjcarol", query, 0);
        assertCount("gjdave", query, 1);
        assertCount("gjerin", query, 0);
        assertRewrittenOnPostgres();
    }

    @Test
    void anOrQueryCountsWhatItsListHolds() {
        grantUser("gjalice", Resources.TASK, tasks.get(0), Permissions.READ);
        grantUser("gjalice", Resources.TASK, tasks.get(1), Permissions.READ);
        grantUser("gjcarol", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
        // the task of this id or of an assignee nobody is, of the probe process
        String orQuery = """
                {"processDefinitionKey": "%s", "orQueries": [{"taskId": "%s", "assignee": "nobody-has-this"}]}""";
        String query = orQuery.formatted(PROCESS, tasks.get(1));
        String otherTask = orQuery.formatted(PROCESS, tasks.get(2));

        assertPostedCount("gjalice", query, 1);
        assertPostedCount("gjcarol", query, 1);
        assertPostedCount("gjalice", otherTask, 0);
        assertPostedCount("gjcarol", otherTask, 1);
        assertRewrittenOnPostgres();
    }

    @Test
    void aTasklistFilterCountsWhatItsPageHolds() {
        grantUser("gjalice", Resources.TASK, tasks.get(0), Permissions.READ);
        grantUser("gjcarol", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
        Filter filter = filterService.newTaskFilter("grant join probe")
                .setQuery(taskService.createTaskQuery().processDefinitionKey(PROCESS));
        filterService.saveFilter(filter);
        filters.add(filter.getId());
        for (String user : List.of("gjalice", "gjcarol", "gjerin")) {
            grantUser(user, Resources.FILTER, filter.getId(), Permissions.READ);
        }

        for (var expected : java.util.Map.of("gjalice", 1, "gjcarol", 6, "gjerin", 0).entrySet()) {
            assertCountIsListSize(expected.getKey() + " filter", expected.getValue(),
                    api.call(expected.getKey(), HttpMethod.GET, "/engine-rest/filter/" + filter.getId() + "/count", null),
                    api.call(expected.getKey(), HttpMethod.GET,
                            "/engine-rest/filter/" + filter.getId() + "/list?firstResult=0&maxResults=50", null));
        }
        assertRewrittenOnPostgres();
    }

    @Test
    void aCandidatesQueuePagesHoldEachTaskOnceInOrder() {
        // task 2 through both of gjfrank's groups, task 3 through a group and as a candidate himself
        identityService.createMembership("gjfrank", TEAM);
        for (int i = 0; i < 5; i++) {
            taskService.addCandidateGroup(tasks.get(i), CANDIDATES);
            taskService.setPriority(tasks.get(i), List.of(30, 70, 50, 10, 90).get(i));
        }
        taskService.addCandidateGroup(tasks.get(2), TEAM);
        taskService.addCandidateUser(tasks.get(3), "gjfrank");
        taskService.setAssignee(tasks.get(4), "gjalice");
        grants.addAll(authorizationService.createAuthorizationQuery().groupIdIn(CANDIDATES, TEAM).list().stream()
                .map(Authorization::getId).toList());
        grants.addAll(authorizationService.createAuthorizationQuery().userIdIn("gjfrank").list().stream()
                .map(Authorization::getId).toList());

        String queue = "/engine-rest/task?processDefinitionKey=" + PROCESS + "&candidateUser=gjfrank";
        assertPage(queue + "&sortBy=priority&sortOrder=desc&firstResult=0&maxResults=2", tasks.get(1), tasks.get(2));
        assertPage(queue + "&sortBy=priority&sortOrder=desc&firstResult=2&maxResults=2", tasks.get(0), tasks.get(3));
        assertPage(queue + "&sortBy=priority&sortOrder=desc&firstResult=4&maxResults=2");
        assertPage(queue + "&sortBy=id&sortOrder=asc&firstResult=1&maxResults=10", tasks.get(1), tasks.get(2),
                tasks.get(3));

        // Tasklist's request for such a filter: its page of cards, and its count
        Filter filter = filterService.newTaskFilter("candidates probe").setQuery(taskService.createTaskQuery()
                .processDefinitionKey(PROCESS).taskCandidateUser("gjfrank"));
        filterService.saveFilter(filter);
        filters.add(filter.getId());
        grantUser("gjfrank", Resources.FILTER, filter.getId(), Permissions.READ);
        ResponseEntity<String> cards = api.call("gjfrank", HttpMethod.POST, "/engine-rest/filter/" + filter.getId()
                        + "/list?firstResult=0&maxResults=15",
                "{\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"asc\"}]}", "application/hal+json");
        assertThat(cards.getStatusCode().value()).as(cards.getBody()).isEqualTo(200);
        assertThat(api.read(cards).get("count").asLong()).isEqualTo(4);
        assertThat(api.read(cards).get("_embedded").get("task").findValuesAsText("id"))
                .containsExactly(tasks.get(3), tasks.get(0), tasks.get(2), tasks.get(1));
        assertPagesRewrittenOnPostgres();
    }

    private void assertPage(String path, String... expected) {
        ResponseEntity<String> page = api.call("gjfrank", HttpMethod.GET, path, null);
        assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
        assertThat(api.read(page).findValuesAsText("id")).as(path).containsExactly(expected);
    }

    /**
     * On PostgreSQL the candidates' pages above ran as semi-joins; on H2 as the engine writes them. (Texts are kept
     * per shape across the shared context: another test may have rewritten this one's first.)
     */
    private void assertPagesRewrittenOnPostgres() {
        String runs = engine.getDbSqlSessionFactory().mapStatement(TaskPageSemiJoin.ENGINE_STATEMENT);
        if (TestDatabase.postgres()) {
            assertThat(runs).isEqualTo(TaskPageSemiJoin.STATEMENT);
            assertThat(taskPageSemiJoin.rewrittenTexts()).isPositive();
        } else {
            assertThat(runs).isEqualTo(TaskPageSemiJoin.ENGINE_STATEMENT);
            assertThat(taskPageSemiJoin.rewrittenTexts()).isZero();
        }
    }

    private void assertPostedCount(String user, String body, long expected) {
        assertCountIsListSize(user + " " + body, expected,
                api.call(user, HttpMethod.POST, "/engine-rest/task/count", body),
                api.call(user, HttpMethod.POST, "/engine-rest/task?firstResult=0&maxResults=50", body));
    }

    private void assertCount(String user, String query, long expected) {
        assertCountIsListSize(user + " " + query, expected,
                api.call(user, HttpMethod.GET, "/engine-rest/task/count?" + query, null),
                api.call(user, HttpMethod.GET, "/engine-rest/task?" + query + "&firstResult=0&maxResults=50", null));
    }

    private void assertCountIsListSize(String what, long expected, ResponseEntity<String> count,
                                       ResponseEntity<String> list) {
        assertThat(count.getStatusCode().value()).as(count.getBody()).isEqualTo(200);
        assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
        assertThat(api.read(count).get("count").asLong()).as(what).isEqualTo(expected);
        assertThat(api.read(list)).as(what).hasSize((int) expected);
    }

    /**
     * On PostgreSQL the counts above ran rewritten, with the engine's text written through the parse cache; on H2 the
     * engine runs its own statement.
     */
    private void assertRewrittenOnPostgres() {
        String runs = engine.getDbSqlSessionFactory().mapStatement(TaskCountGrantJoin.ENGINE_STATEMENT);
        if (TestDatabase.postgres()) {
            assertThat(runs).isEqualTo(TaskCountGrantJoin.STATEMENT);
            assertThat(taskCountGrantJoin.rewrittenTexts()).isPositive();
            assertThat(engine.getSqlSessionFactory().getConfiguration()
                    .getMappedStatement(TaskCountGrantJoin.ENGINE_STATEMENT).getSqlSource())
                    .isInstanceOf(DynamicSqlCaches.CachedParse.class);
        } else {
            assertThat(runs).isEqualTo(TaskCountGrantJoin.ENGINE_STATEMENT);
            assertThat(taskCountGrantJoin.rewrittenTexts()).isZero();
        }
    }

    private void grantUser(String user, Resource resource, String resourceId, Permission permission) {
        grant(user, null, resource, resourceId, permission);
    }

    private void grantGroup(String group, Resource resource, String resourceId, Permission permission) {
        grant(null, group, resource, resourceId, permission);
    }

    private void grant(String user, String group, Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(user);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        grants.add(authorizationService.saveAuthorization(authorization).getId());
    }
}
