package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
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
 * Through REST, a person's large task count is answered from their last one and made again behind it
 * ({@link LargeTaskCounts}), while short counts, pages, other people's counts and the engine's own stay exact. "Large" is 3 here ({@code from}), and every kept count is made again at its next request
 * ({@code fresh-for} 0). A context and engine of their own for those settings; on H2 and, in CI's second run,
 * PostgreSQL.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.process-engine-name=" + LargeTaskCountsRestTest.ENGINE,
                "caseway.engine.large-task-counts.from=3", "caseway.engine.large-task-counts.fresh-for=0s",
                "caseway.engine.large-task-counts.kept-for=1h"})
@ActiveProfiles({"demo", "test"})
class LargeTaskCountsRestTest {

    /**
     * This context's engine has its own name: under "default" it would replace, in the engine registry, the engine
     * that the other REST tests' authentication filter and resources look up. Its REST API is under its name.
     */
    static final String ENGINE = "largecounts";
    private static final String REST = "/engine-rest/engine/" + ENGINE;
    private static final String TEAM = "large-count-team";
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final List<String> PEOPLE = List.of("lcmary", "lcliam");

    @Autowired
    TestRestTemplate rest;
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
    LargeTaskCounts largeTaskCounts;

    RestClient api;
    /** A process of each test's own: the counts kept for one test's queries are not another's. */
    String process;
    String queue;
    String deployment;
    final List<String> filters = new ArrayList<>();
    final List<String> grants = new ArrayList<>();

    @BeforeEach
    void aTeamQueue() {
        api = new RestClient(rest);
        process = "largeCountProbe" + TESTS.incrementAndGet();
        queue = REST + "/task/count?processDefinitionKey=" + process + "&candidateUser=";
        // a task for the team's candidates, whose grant the engine gives the group
        deployment = repositoryService.createDeployment().addModelInstance(process + ".bpmn",
                Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1).startEvent()
                        .userTask("probe").camundaCandidateGroups(TEAM).endEvent().done()).deploy().getId();
        identityService.saveGroup(identityService.newGroup(TEAM));
        for (String user : PEOPLE) {
            User person = identityService.newUser(user);
            person.setPassword("demo");
            identityService.saveUser(person);
        }
        identityService.createMembership("lcmary", TEAM);
    }

    @AfterEach
    void removeIt() {
        grants.forEach(authorizationService::deleteAuthorization);
        filters.forEach(filterService::deleteFilter);
        repositoryService.deleteDeployment(deployment, true);
        PEOPLE.forEach(identityService::deleteUser);
        identityService.deleteGroup(TEAM);
    }

    @Test
    void aLargeCountIsAnsweredFromTheLastOneWhileItIsMadeAgain() {
        startCases(4);
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(4);
        long refreshes = largeTaskCounts.refreshes();

        startCases(2);
        // one request behind: the kept count, and the page as it is now
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(4);
        assertThat(api.read(ok(api.call("lcmary", HttpMethod.GET, REST + "/task?processDefinitionKey=" + process
                + "&candidateUser=lcmary&firstResult=0&maxResults=50", null)))).hasSize(6);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("lcmary", queue + "lcmary") == 6);
        assertThat(largeTaskCounts.refreshes()).isGreaterThan(refreshes);

        // a count that fell below the threshold is dropped at its refresh and is exact from then on
        claimAllBut(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("lcmary", queue + "lcmary") == 1);
        startCases(1);
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(2);
    }

    @Test
    void aShortCountIsExactAtEveryRequest() {
        startCases(1);
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(1);
        startCases(1);
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(2);
        // reaching the threshold, it is counted exactly before it is kept
        startCases(1);
        assertThat(count("lcmary", queue + "lcmary")).isEqualTo(3);
    }

    @Test
    void eachPersonsCountIsTheirOwnAndTheEnginesIsExact() {
        // no groups, grants of their own: the two people's statements differ in the user id they bind alone
        identityService.deleteMembership("lcmary", TEAM);
        List<String> tasks = startCases(4);
        tasks.forEach(task -> grantRead("lcmary", Resources.TASK, task));
        grantRead("lcliam", Resources.TASK, tasks.get(0));
        String sameQuery = REST + "/task/count?processDefinitionKey=" + process;
        assertThat(count("lcmary", sameQuery)).isEqualTo(4);
        // the same query of someone else with other grants: their own count, not the one kept for mary
        assertThat(count("lcliam", sameQuery)).isEqualTo(1);
        assertThat(count("demo", sameQuery)).isEqualTo(4);
        assertThat(taskService.createTaskQuery().processDefinitionKey(process).count()).isEqualTo(4);

        startCases(2).forEach(task -> grantRead("lcmary", Resources.TASK, task));
        assertThat(count("lcmary", sameQuery)).isEqualTo(4);
        assertThat(count("lcliam", sameQuery)).isEqualTo(1);
        // the engine's own count, with no person to check: exact at once
        assertThat(taskService.createTaskQuery().processDefinitionKey(process).count()).isEqualTo(6);
        // an administrator is checked through the grants of camunda-admin, and keeps counts of their own
        await().atMost(Duration.ofSeconds(10)).until(() -> count("demo", sameQuery) == 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("lcmary", sameQuery) == 6);
    }

    @Test
    void eachOfAPersonsQueriesHasItsOwnCount() {
        startCases(4);
        List<String> tasks = taskService.createTaskQuery().processDefinitionKey(process).list().stream()
                .map(Task::getId).toList();
        taskService.setPriority(tasks.get(0), 80);
        // two queries that differ in one value bound alone, both large enough to keep
        String all = REST + "/task/count?processDefinitionKey=" + process + "&maxPriority=100";
        String normal = REST + "/task/count?processDefinitionKey=" + process + "&maxPriority=50";
        assertThat(count("lcmary", all)).isEqualTo(4);
        assertThat(count("lcmary", normal)).isEqualTo(3);
        assertThat(largeTaskCounts.keptCounts()).isGreaterThanOrEqualTo(2);
        assertThat(count("lcmary", all)).isEqualTo(4);
        assertThat(count("lcmary", normal)).isEqualTo(3);
    }

    @Test
    void tasklistsRequestCarriesTheKeptCountAndTheCurrentPage() {
        startCases(3);
        Filter filter = filterService.newTaskFilter("large count probe")
                .setQuery(taskService.createTaskQuery().processDefinitionKey(process).taskCandidateUser("lcmary"));
        filterService.saveFilter(filter);
        filters.add(filter.getId());
        grantRead("lcmary", Resources.FILTER, filter.getId());
        String list = REST + "/filter/" + filter.getId() + "/list?firstResult=0&maxResults=15";

        assertThat(halCount(list)).isEqualTo(3);
        long refreshes = largeTaskCounts.refreshes();
        startCases(1);
        ResponseEntity<String> page = halList(list);
        assertThat(api.read(page).get("count").asLong()).isEqualTo(3);
        assertThat(api.read(page).get("_embedded").get("task")).hasSize(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> halCount(list) == 4);
        // made again in the background, and still kept: not dropped and counted anew
        assertThat(largeTaskCounts.refreshes()).isGreaterThan(refreshes);
        assertThat(largeTaskCounts.keptCounts()).isPositive();
        // what operators see: counts kept and made again, none dropped
        String metrics = ok(api.call(null, HttpMethod.GET, "/actuator/prometheus", null)).getBody();
        assertThat(metric(metrics, "caseway_task_counts_kept", "")).isPositive();
        assertThat(metric(metrics, "caseway_task_counts_refreshes_total", "")).isGreaterThan(refreshes);
        assertThat(metric(metrics, "caseway_task_counts_dropped_total", "reason=\"failed\"")).isZero();
        assertThat(count("lcmary", REST + "/filter/" + filter.getId() + "/count")).isEqualTo(4);
    }

    private List<String> startCases(int n) {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(runtimeService.startProcessInstanceByKey(process).getId());
        }
        return started.stream().map(instance -> taskService.createTaskQuery().processInstanceId(instance)
                .singleResult().getId()).toList();
    }

    private void claimAllBut(int left) {
        List<Task> open = taskService.createTaskQuery().processDefinitionKey(process).taskUnassigned().list();
        open.subList(left, open.size()).forEach(task -> taskService.claim(task.getId(), "lcliam"));
    }

    private long count(String user, String path) {
        return api.read(ok(api.call(user, HttpMethod.GET, path, null))).get("count").asLong();
    }

    private ResponseEntity<String> halList(String path) {
        return ok(api.call("lcmary", HttpMethod.POST, path,
                "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}", "application/hal+json"));
    }

    private long halCount(String path) {
        return api.read(halList(path)).get("count").asLong();
    }

    /** The value of a series in Prometheus's text format: its first line that holds this label (or any, if ""). */
    private static double metric(String scrape, String name, String label) {
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + label + " not in the scrape"));
    }

    private static ResponseEntity<String> ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return response;
    }

    private void grantRead(String user, Resource resource, String resourceId) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(user);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(Permissions.READ);
        grants.add(authorizationService.saveAuthorization(authorization).getId());
    }
}
