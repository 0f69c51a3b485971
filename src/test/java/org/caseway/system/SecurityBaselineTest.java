package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The security baseline: authentication everywhere, least privilege, and the engine's unsafe defaults off. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SecurityBaselineTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    FilterService filterService;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    CasewayProperties properties;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task?maxResults=5", "/engine-rest/process-definition?maxResults=5",
            "/api/cases", "/api/cases/CW-2026-000001"})
    void everyApiRequiresAuthentication(String path) {
        assertThat(api.call(null, HttpMethod.GET, path, null).getStatusCode().value()).isEqualTo(401);

        HttpHeaders wrong = new HttpHeaders();
        // ivy: wrong passwords delay further logins of that user (the engine's brute-force protection)
        wrong.setBasicAuth("ivy", "not-her-password");
        ResponseEntity<String> response = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(wrong), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void openingACaseWithoutCredentialsCreatesNothing() {
        long before = api.totalCases();
        ResponseEntity<String> response = api.call(null, HttpMethod.POST, "/api/cases",
                RestClient.NEW_CASE.formatted("LEGAL"));
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(api.totalCases()).isEqualTo(before);
    }

    @Test
    void rolesWithoutCaseWorkAreForbiddenFromCaseRecords() {
        String caseNumber = api.openCase("mary", "LEGAL");

        assertThat(api.call("alex", HttpMethod.GET, "/api/cases/" + caseNumber, null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(api.call("alex", HttpMethod.POST, "/api/cases", RestClient.NEW_CASE.formatted("LEGAL"))
                .getStatusCode().value()).isEqualTo(403);
        // Camunda authorization: an analyst sees no case tasks, a case manager sees her group's
        assertThat(api.read(api.call("alex", HttpMethod.GET, "/engine-rest/task?maxResults=50", null)).size()).isZero();
        assertThat(api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&maxResults=5", null)).size()).isEqualTo(1);
        assertThat(api.read(api.call("nina", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&maxResults=5", null)).size()).as("nina is not in intake").isZero();
    }

    @Test
    void readsOfAClientRecordAreAttributedToTheReader() {
        String caseNumber = api.openCase("mary", "CHILD");
        api.caseDetails("john", caseNumber);

        api.caseDetails("john", caseNumber);

        assertThat(jdbc.sql("""
                SELECT a.user_id FROM record_access a JOIN case_file c ON c.id = a.case_id
                WHERE c.case_number = ? AND a.action = 'READ_CASE'""").param(caseNumber).query(String.class).list())
                .containsExactly("john", "john");
    }

    @Test
    void engineDefaultsAreHardened() {
        assertThat(engine.isAuthorizationEnabled()).isTrue();
        assertThat(engine.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(engine.isDeserializationTypeValidationEnabled()).isTrue();
        assertThat(engine.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(engine.isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(engine.isWebappsAuthenticationLoggingEnabled()).isTrue();
        assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);

        ResponseEntity<String> unbounded = api.call("demo", HttpMethod.GET, "/engine-rest/task", null);
        assertThat(unbounded.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void everyDeployedDefinitionKeepsItsHistoryForSevenYears() {
        var definitions = repositoryService.createProcessDefinitionQuery().list();
        assertThat(definitions).extracting(ProcessDefinition::getKey)
                .contains("case-management", "service-coordination");
        assertThat(definitions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(2557));
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("case-model").singleResult()
                .getHistoryTimeToLive()).isEqualTo(2557);
    }

    @Test
    void actuatorHealthIsOpenForProbesButDetailsAreNot() {
        ResponseEntity<String> health = api.call(null, HttpMethod.GET, "/actuator/health", null);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("UP").doesNotContain("jdbc");
        assertThat(api.call(null, HttpMethod.GET, "/actuator/env", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void tasklistFiltersExistOnceAndPersonalFiltersBelongToTheirOwner() {
        for (String name : new String[] {"Due today", "Overdue", "Awaiting my approval", "Crises open now"}) {
            assertThat(filterService.createTaskFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
        }
        for (String name : new String[] {"My tasks", "My groups' unassigned tasks"}) {
            assertThat(filterService.createTaskFilterQuery().filterName(name).filterOwner("mary").count()).as(name)
                    .isEqualTo(1);
            assertThat(filterService.createTaskFilterQuery().filterName(name).list())
                    .as(name + " belongs to someone").allSatisfy(filter -> assertThat(filter.getOwner()).isNotNull());
        }

        JsonFilters filtersOfMary = new JsonFilters(api.read(api.call("mary", HttpMethod.GET, "/engine-rest/filter?maxResults=50", null)));
        assertThat(filtersOfMary.names()).containsExactlyInAnyOrder("My tasks", "My groups' unassigned tasks",
                "Due today", "Overdue", "Crises open now");
        JsonFilters filtersOfSam = new JsonFilters(api.read(api.call("sam", HttpMethod.GET, "/engine-rest/filter?maxResults=50", null)));
        assertThat(filtersOfSam.names()).contains("Awaiting my approval");
    }

    @Test
    void anAdministratorsFilterListHoldsTheSharedFiltersAndTheirOwnNotEveryCaseWorkers() {
        // Given: every case worker has their own two filters, and demo is an administrator (and a supervisor)
        long ownedByOthers = filterService.createTaskFilterQuery().list().stream()
                .filter(f -> f.getOwner() != null && !"demo".equals(f.getOwner())).count();
        assertThat(ownedByOthers).as("filters of other people").isGreaterThanOrEqualTo(4);

        // When: demo's Tasklist lists the filters as Tasklist 7.24 does: their count, then pages of 2,000
        long counted = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/filter/count?itemCount=false&resourceType=Task",
                null)).get("count").asLong();
        com.fasterxml.jackson.databind.JsonNode listed = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task", null));

        // Then: the shared filters and demo's own, once each
        assertThat(new JsonFilters(listed).names()).containsExactlyInAnyOrder("My tasks", "My groups' unassigned tasks",
                "Due today", "Overdue", "Crises open now", "Awaiting my approval", "Missed deadlines");
        listed.forEach(f -> assertThat(f.get("owner").isNull() || "demo".equals(f.get("owner").asText()))
                .as(f.toString()).isTrue());
        assertThat(counted).isEqualTo(listed.size());
        // a page is a page of that list
        com.fasterxml.jackson.databind.JsonNode page = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/filter?resourceType=Task&sortBy=name&sortOrder=asc&firstResult=2&maxResults=3", null));
        com.fasterxml.jackson.databind.JsonNode sorted = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/filter?resourceType=Task&sortBy=name&sortOrder=asc&maxResults=2000", null));
        assertThat(new JsonFilters(page).names()).containsExactlyElementsOf(new JsonFilters(sorted).names().subList(2, 5));

        // and an administrator who asks for a person's filters, or one filter by its id, still gets them
        com.fasterxml.jackson.databind.JsonNode ofMary = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/filter?owner=mary&maxResults=2000", null));
        assertThat(new JsonFilters(ofMary).names()).containsExactlyInAnyOrder("My tasks", "My groups' unassigned tasks");
        String marysQueue = filterService.createTaskFilterQuery().filterName("My tasks").filterOwner("mary").singleResult()
                .getId();
        assertThat(api.call("demo", HttpMethod.GET, "/engine-rest/filter/" + marysQueue, null).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void taskCardsShowTheCaseToWhoeverMaySeeTheTaskAndNothingMore() {
        // Given: a case waiting at intake in the intake workers' queue
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String intake = api.taskId("mary", caseNumber, "intake");

        // Then: mary's queue, opened as Tasklist opens it, shows the case on the task's card
        assertThat(cardOf("mary", "My groups' unassigned tasks", caseNumber, intake))
                .containsEntry("caseNumber", caseNumber).containsEntry("caseType", "MENTAL_HEALTH")
                .containsEntry("priority", "ROUTINE");

        // and so does the case manager's own queue once intake accepted the case (the rules choose who: the
        // caseloads of this shared test context decide)
        api.complete("mary", caseNumber, "intake", RestClient.values("intakeOutcome", "ACCEPTED",
                "consentToServices", true));
        String assessment = api.taskId("demo", caseNumber, "needsAssessment");
        com.fasterxml.jackson.databind.JsonNode task = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/task/" + assessment, null));
        String caseManager = task.get("assignee").asText();
        assertThat(cardOf(caseManager, "My tasks", caseNumber, assessment)).containsEntry("caseNumber", caseNumber);

        // but the case's process stays closed to them (no grant on the process instance), and the engine's history
        // keeps the process's own routing value only, not the copies on each task
        assertThat(api.call(caseManager, HttpMethod.GET, "/engine-rest/process-instance/"
                + task.get("processInstanceId").asText() + "/variables", null).getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = 'caseNumber' AND TEXT_ = ?")
                .param(caseNumber).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE TASK_ID_ IS NOT NULL AND TEXT_ = ?")
                .param(caseNumber).query(Long.class).single()).isZero();
    }

    @Test
    void tasklistListsReadEachCardsProcessDefinitionOncePerTimeToLive() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String intake = api.taskId("mary", caseNumber, "intake");

        com.fasterxml.jackson.databind.JsonNode page = tasklistPage("mary", "My groups' unassigned tasks", caseNumber);
        com.fasterxml.jackson.databind.JsonNode definition = page.path("_embedded").path("processDefinition").get(0);
        assertThat(definition.get("key").asText()).isEqualTo("case-management");
        assertThat(definition.get("name").asText()).isNotBlank();

        // the node keeps what it embedded (caseway.tasklist.card-links-time-to-live) and serves the next list from it
        org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache cache =
                (org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache) org.camunda.bpm.engine.rest.hal.Hal
                        .getInstance().getHalRelationCache(org.camunda.bpm.engine.rest.hal.processDefinition.HalProcessDefinition.class);
        assertThat(cache.getSecondsToLive()).isEqualTo(properties.tasklist().cardLinksTimeToLive().toSeconds());
        assertThat(cache.get(definition.get("id").asText())).isNotNull();
        assertThat(tasklistPage("mary", "My groups' unassigned tasks", caseNumber).path("_embedded").path("processDefinition")
                .get(0).get("name").asText()).isEqualTo(definition.get("name").asText());
        assertThat(cardOf("mary", "My groups' unassigned tasks", caseNumber, intake)).containsEntry("caseNumber", caseNumber);
    }

    @Test
    void myGroupsUnassignedTasksHoldWhatThePersonIsACandidateForThroughTheGroupsTheyHaveNow() {
        // Given: a case waiting at intake, a task for the intake workers (mary), not for liam's team
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String intake = api.taskId("mary", caseNumber, "intake");
        assertThat(taskIds(tasklistPage("mary", "My groups' unassigned tasks", caseNumber))).containsExactly(intake);
        assertThat(tasklistPage("liam", "My groups' unassigned tasks", caseNumber).get("count").asLong()).isZero();

        identityService.createMembership("liam", Roles.INTAKE);
        try {
            // When: liam joins intake, his own queue shows the task at once (groups are read when a filter runs)
            assertThat(taskIds(tasklistPage("liam", "My groups' unassigned tasks", caseNumber))).containsExactly(intake);

            // and once mary claims it, it is nobody's unassigned task any more
            assertThat(api.call("mary", HttpMethod.POST, "/engine-rest/task/" + intake + "/claim",
                    "{\"userId\":\"mary\"}").getStatusCode().value()).isEqualTo(204);
            assertThat(tasklistPage("liam", "My groups' unassigned tasks", caseNumber).get("count").asLong()).isZero();
            assertThat(tasklistPage("mary", "My groups' unassigned tasks", caseNumber).get("count").asLong()).isZero();
            assertThat(taskIds(tasklistPage("mary", "My tasks", caseNumber))).containsExactly(intake);
        } finally {
            identityService.deleteMembership("liam", Roles.INTAKE);
        }
    }

    private static java.util.List<String> taskIds(com.fasterxml.jackson.databind.JsonNode page) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        page.path("_embedded").path("task").forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    /** The card of a task of a case in a filter, fetched as Tasklist fetches it. */
    private java.util.Map<String, String> cardOf(String user, String filterName, String caseNumber, String taskId) {
        com.fasterxml.jackson.databind.JsonNode task = java.util.stream.StreamSupport.stream(
                        tasklistPage(user, filterName, caseNumber).path("_embedded").path("task").spliterator(), false)
                .filter(t -> taskId.equals(t.get("id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(taskId + " not on the first page of " + filterName));
        java.util.Map<String, String> card = new java.util.LinkedHashMap<>();
        task.path("_embedded").path("variable").forEach(v -> card.put(v.get("name").asText(), v.get("value").asText()));
        return card;
    }

    /**
     * A filter's first page as Tasklist asks for it (HAL, its request body), searched for one case's tasks as
     * Tasklist's search by business key does: the shared test context holds many other tasks.
     */
    private com.fasterxml.jackson.databind.JsonNode tasklistPage(String user, String filterName, String caseNumber) {
        String filterId = api.read(api.call(user, HttpMethod.GET, "/engine-rest/filter?maxResults=50", null))
                .findParents("name").stream().filter(f -> filterName.equals(f.get("name").asText())).findFirst()
                .orElseThrow().get("id").asText();
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.set(HttpHeaders.ACCEPT, "application/hal+json, application/json; q=0.5");
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        String tasklistQuery = "{\"processInstanceBusinessKey\":\"" + caseNumber + "\","
                + "\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
                + "\"active\":true}";
        ResponseEntity<String> response = rest.exchange("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                HttpMethod.POST, new HttpEntity<>(tasklistQuery, headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return api.read(response);
    }

    record JsonFilters(com.fasterxml.jackson.databind.JsonNode node) {
        java.util.List<String> names() {
            java.util.List<String> names = new java.util.ArrayList<>();
            node.forEach(f -> names.add(f.get("name").asText()));
            return names;
        }
    }
}
