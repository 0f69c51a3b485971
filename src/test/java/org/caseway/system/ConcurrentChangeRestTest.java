package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
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
 * A task completed through /engine-rest while something else changes the same task (a deadline raising its
 * priority, another node, another person) fails on the engine's optimistic locking: the client gets 409 with
 * Camunda's error shape and a message to reload and try again, the task stays open and a retry completes it.
 * Every other error of the engine's REST API keeps the status Camunda gives it.
 *
 * <p>The conflict is real, not simulated: {@link ConcurrentChangeProcess} lets another thread raise the task's
 * priority in its own transaction while the completion is under way; the completion's flush then finds the task at
 * a newer revision and the engine throws its OptimisticLockingException.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ConcurrentChangeRestTest {

    /** What the client sends along: it must not come back in an error. */
    private static final String NOTE = "Sleeps badly since the eviction notice";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

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

    private String startTask() {
        return ConcurrentChangeProcess.startTask(runtimeService, taskService, ConcurrentChangeProcess.KEY, "mary");
    }

    private ResponseEntity<String> post(String path, String body) {
        return api.call("mary", HttpMethod.POST, path, body);
    }

    private static String withNote() {
        return "{\"variables\": {\"note\": {\"value\": \"" + NOTE + "\", \"type\": \"String\"}}}";
    }

    private void assertConflict(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(409);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json");
        JsonNode error = api.read(response);
        assertThat(error.get("type").asText()).isEqualTo("OptimisticLockingException");
        assertThat(error.get("message").asText()).isEqualTo(ConcurrentChange.MESSAGE)
                .contains("changed").contains("Reload").contains("try again");
        assertThat(error.get("code").asInt()).as("the engine's code for optimistic locking").isEqualTo(1);
        assertThat(response.getBody()).doesNotContain("at org.", "\tat ", "ENGINE-", "TaskEntity", NOTE);
    }

    @Test
    void aCompletionRacingAnotherChangeIsAConflictAndTheTaskStaysForTheRetry() {
        String taskId = startTask();
        ConcurrentChangeProcess.arm(taskId);

        assertConflict(post("/engine-rest/task/" + taskId + "/complete", withNote()));

        Task stillOpen = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(stillOpen).as("the task is still open").isNotNull();
        assertThat(stillOpen.getPriority()).as("the other change is kept").isEqualTo(ConcurrentChangeProcess.RAISED_PRIORITY);
        assertThat(taskService.getVariable(taskId, "note")).as("nothing of the refused completion is kept").isNull();

        // the same through the form endpoint Tasklist-like clients use
        ConcurrentChangeProcess.arm(taskId);
        assertConflict(post("/engine-rest/task/" + taskId + "/submit-form", withNote()));
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        ResponseEntity<String> retry = post("/engine-rest/task/" + taskId + "/complete", withNote());
        assertThat(retry.getStatusCode().value()).as(retry.getBody()).isEqualTo(204);
        String processInstanceId = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
                .getProcessInstanceId();
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .finished().count()).as("the retry completed the task").isEqualTo(1);
    }

    @Test
    void theEnginesOwnExceptionUnwrappedIsAConflictToo() {
        // Camunda's assignee resource lets the engine's OptimisticLockingException through as it is
        String taskId = startTask();
        ConcurrentChangeProcess.arm(taskId);

        assertConflict(post("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"liam\"}"));
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("mary");

        ResponseEntity<String> retry = post("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"liam\"}");
        assertThat(retry.getStatusCode().value()).as(retry.getBody()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("liam");
    }

    @Test
    void otherErrorsKeepTheStatusCamundaGivesThem() {
        String taskId = startTask();

        // an unknown task: 404 like reading it, where Camunda answers 500 (TaskNotFoundRestTest)
        ResponseEntity<String> unknown = post("/engine-rest/task/no-such-task/complete", "{}");
        assertThat(unknown.getStatusCode().value()).as(unknown.getBody()).isEqualTo(404);
        assertThat(api.read(unknown).get("type").asText()).isEqualTo("InvalidRequestException");
        assertThat(api.read(unknown).get("message").asText()).isEqualTo("No matching task with id no-such-task");

        // a variable that cannot be converted: 400 (unchanged)
        ResponseEntity<String> badVariable = post("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"count\": {\"value\": \"many\", \"type\": \"Integer\"}}}");
        assertThat(badVariable.getStatusCode().value()).as(badVariable.getBody()).isEqualTo(400);
        assertThat(api.read(badVariable).get("type").asText()).isEqualTo("InvalidRequestException");

        // an unknown task read: 404 (unchanged)
        ResponseEntity<String> missing = api.call("mary", HttpMethod.GET, "/engine-rest/task/no-such-task", null);
        assertThat(missing.getStatusCode().value()).as(missing.getBody()).isEqualTo(404);

        // an unbounded query, refused by the engine itself (a ProcessEngineException, not a RestException): 400
        ResponseEntity<String> unbounded = api.call("mary", HttpMethod.GET, "/engine-rest/task?maxResults=5000", null);
        assertThat(unbounded.getStatusCode().value()).as(unbounded.getBody()).isEqualTo(400);
        assertThat(api.read(unbounded).get("type").asText()).isEqualTo("BadUserRequestException");

        assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("none of these touched the task").isEqualTo(1);
    }
}
