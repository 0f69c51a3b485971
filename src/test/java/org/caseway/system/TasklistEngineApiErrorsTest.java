package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.caseway.CasewayApplication;
import org.caseway.support.ConcurrentChangeProcess;
import org.caseway.support.TasklistSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tasklist does not call /engine-rest: it calls the webapp's own engine API ({@link TasklistSession#ENGINE_API}, a
 * Jersey application of Camunda's webapp starter, session and CSRF token). A case manager completing a task there
 * while something else changes the same task gets the same 409 as on /engine-rest, whose message Tasklist shows in
 * its error notification; the task stays open and a retry completes it. A task that does not exist is a 404 whose
 * message Tasklist recognizes ("The task does not exist anymore"). Other errors keep Camunda's status.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TasklistEngineApiErrorsTest {

    /** What the case manager typed into the form: it must not come back in an error. */
    private static final String NOTE = "Sleeps badly since the eviction notice";

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    private final ObjectMapper json = new ObjectMapper();
    private String deploymentId;
    private TasklistSession mary;

    @BeforeEach
    void deployAndLogIn() {
        deploymentId = ConcurrentChangeProcess.deploy(repositoryService);
        mary = TasklistSession.login(port, "mary", "demo");
    }

    @AfterEach
    void undeploy() {
        ConcurrentChangeProcess.undeploy(repositoryService, deploymentId);
    }

    private String startTask() {
        return ConcurrentChangeProcess.startTask(runtimeService, taskService, ConcurrentChangeProcess.KEY, "mary");
    }

    private static String task(String taskId, String action) {
        return TasklistSession.ENGINE_API + "/task/" + taskId + "/" + action;
    }

    private static String withNote() {
        return "{\"variables\": {\"note\": {\"value\": \"" + NOTE + "\", \"type\": \"String\"}}}";
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private void assertConflict(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = read(response);
        assertThat(error.get("type").asText()).isEqualTo("OptimisticLockingException");
        // Tasklist shows this message under "An error happened while submitting the task form"
        assertThat(error.get("message").asText()).isEqualTo(ConcurrentChange.MESSAGE);
        assertThat(error.get("code").asInt()).as("the engine's code for optimistic locking").isEqualTo(1);
        assertThat(response.body()).doesNotContain("at org.", "\tat ", "ENGINE-", "TaskEntity", NOTE);
    }

    @Test
    void aCompletionInTasklistRacingAnotherChangeIsAConflictAndTheRetryGoesThrough() {
        String taskId = startTask();
        HttpResponse<String> opened = mary.get(TasklistSession.ENGINE_API + "/task/" + taskId);
        assertThat(opened.statusCode()).as("Tasklist shows mary her task: %s", opened.body()).isEqualTo(200);

        // Tasklist completes a task with a form through submit-form
        ConcurrentChangeProcess.arm(taskId);
        assertConflict(mary.post(task(taskId, "submit-form"), withNote()));

        Task stillOpen = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(stillOpen).as("the task is still open").isNotNull();
        assertThat(stillOpen.getPriority()).as("the other change is kept").isEqualTo(ConcurrentChangeProcess.RAISED_PRIORITY);
        assertThat(taskService.getVariable(taskId, "note")).as("nothing of the refused completion is kept").isNull();

        // and one without a form through complete
        ConcurrentChangeProcess.arm(taskId);
        assertConflict(mary.post(task(taskId, "complete"), withNote()));
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        HttpResponse<String> retry = mary.post(task(taskId, "submit-form"), withNote());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
        String processInstanceId = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
                .getProcessInstanceId();
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .finished().count()).as("the retry completed the task").isEqualTo(1);
    }

    @Test
    void anUnknownTaskIsNotFoundAndOtherErrorsKeepTheirStatus() {
        for (String action : new String[] {"submit-form", "complete"}) {
            HttpResponse<String> unknown = mary.post(task("no-such-task", action), withNote());
            assertThat(unknown.statusCode()).as("%s: %s", action, unknown.body()).isEqualTo(404);
            JsonNode error = read(unknown);
            assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
            // Tasklist's task view recognizes "No matching task" and says "The task does not exist anymore"
            assertThat(error.get("message").asText()).isEqualTo("No matching task with id no-such-task");
            assertThat(unknown.body()).doesNotContain("at org.", "\tat ", "ENGINE-", NOTE);
        }

        String taskId = startTask();
        HttpResponse<String> badVariable = mary.post(task(taskId, "submit-form"),
                "{\"variables\": {\"count\": {\"value\": \"many\", \"type\": \"Integer\"}}}");
        assertThat(badVariable.statusCode()).as(badVariable.body()).isEqualTo(400);
        assertThat(read(badVariable).get("type").asText()).isEqualTo("InvalidRequestException");

        HttpResponse<String> forged = mary.postWithoutCsrfToken(task(taskId, "complete"), withNote());
        assertThat(forged.statusCode()).as("the webapp's CSRF protection still applies").isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("none of these touched the task").isEqualTo(1);
    }
}
