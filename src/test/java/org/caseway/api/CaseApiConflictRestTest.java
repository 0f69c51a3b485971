package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.caseway.CasewayApplication;
import org.caseway.system.ConcurrentChange;
import org.caseway.support.ConcurrentChangeProcess;
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
 * Caseway's own API meets the engine's optimistic locking too: a supervisor reassigns a case while one of its
 * tasks changes at the same moment ({@link ConcurrentChangeProcess}: a real OptimisticLockingException in the
 * middle of the reassignment). The answer is a 409 problem document asking to reload and try again, the whole
 * reassignment is rolled back (case manager and tasks as before, the other change kept) and a retry goes through.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CaseApiConflictRestTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    private RestClient api;
    private String deploymentId;

    @BeforeEach
    void deploy() {
        api = new RestClient(rest);
        deploymentId = ConcurrentChangeProcess.deploy(repositoryService);
    }

    @AfterEach
    void undeploy() {
        ConcurrentChangeProcess.undeploy(repositoryService, deploymentId);
    }

    @Test
    void aReassignmentRacingAChangeOfOneOfTheCasesTasksIsAConflictAndRollsBackWhole() {
        String caseNumber = api.openCase("demo", "MENTAL_HEALTH");
        api.complete("demo", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        String manager = api.caseDetails("demo", caseNumber).get("caseManager").asText();
        String assessment = api.taskId("demo", caseNumber, "needsAssessment");
        // one more task of the case, assigned to its case manager, that changes while the reassignment moves it
        String racing = taskService.createTaskQuery().processInstanceId(runtimeService.startProcessInstanceByKey(
                ConcurrentChangeProcess.KEY, caseNumber, Map.of(ConcurrentChangeProcess.ASSIGNEE, manager)).getId())
                .singleResult().getId();
        ConcurrentChangeProcess.arm(racing);

        ResponseEntity<String> conflict = api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"reason\": \"Conflict of interest\"}");

        assertThat(conflict.getStatusCode().value()).as(conflict.getBody()).isEqualTo(409);
        assertThat(conflict.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        JsonNode problem = api.read(conflict);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asText()).isEqualTo(ConcurrentChange.MESSAGE);
        assertThat(conflict.getBody()).doesNotContain("at org.", "\tat ", "ENGINE-", "TaskEntity", "Lopez",
                "Conflict of interest");
        assertThat(api.caseDetails("demo", caseNumber).get("caseManager").asText()).as("case manager as before")
                .isEqualTo(manager);
        assertThat(taskService.createTaskQuery().taskId(assessment).singleResult().getAssignee()).isEqualTo(manager);
        Task changed = taskService.createTaskQuery().taskId(racing).singleResult();
        assertThat(changed.getAssignee()).isEqualTo(manager);
        assertThat(changed.getPriority()).as("the other change is kept").isEqualTo(ConcurrentChangeProcess.RAISED_PRIORITY);

        ResponseEntity<String> retry = api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"reason\": \"Conflict of interest\"}");
        assertThat(retry.getStatusCode().value()).as(retry.getBody()).isEqualTo(200);
        String other = api.read(retry).get("caseManager").asText();
        assertThat(other).isNotEqualTo(manager);
        assertThat(taskService.createTaskQuery().taskId(assessment).singleResult().getAssignee()).isEqualTo(other);
        assertThat(taskService.createTaskQuery().taskId(racing).singleResult().getAssignee()).isEqualTo(other);
    }
}
