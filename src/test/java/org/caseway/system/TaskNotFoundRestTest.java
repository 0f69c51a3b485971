package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.caseway.support.ConcurrentChangeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A request to /engine-rest about a task that does not exist (never did, or was completed meanwhile) is a 404 with
 * the answer Camunda itself gives a read of an unknown task, where Camunda gives 500 for completing, submitting the
 * form of, claiming it or changing its variables. Only that case: a null inside the completion of a task that exists
 * keeps Camunda's 500, and 4xx answers keep their status (also Camunda's 400 for unclaiming an unknown task). (The same through Tasklist's engine API: TasklistEngineApiErrorsTest.)
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TaskNotFoundRestTest {

    private static final String NULL_INSIDE = "test_nullInsideCompletion";

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
        deploymentId = repositoryService.createDeployment()
                .addModelInstance(ConcurrentChangeProcess.KEY + ".bpmn", ConcurrentChangeProcess.model())
                .addModelInstance(NULL_INSIDE + ".bpmn", Bpmn.createExecutableProcess(NULL_INSIDE)
                        .camundaHistoryTimeToLive(1).startEvent().userTask("work").camundaAssignee("mary")
                        .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, NullInside.class).endEvent().done())
                .deploy().getId();
    }

    @AfterEach
    void undeploy() {
        repositoryService.deleteDeployment(deploymentId, true);
    }

    private String startTask(String processKey) {
        return ConcurrentChangeProcess.startTask(runtimeService, taskService, processKey, "mary");
    }

    private ResponseEntity<String> post(String path, String body) {
        return api.call("mary", HttpMethod.POST, path, body);
    }

    /** Camunda's own answer to reading a task that does not exist. */
    private ResponseEntity<String> read(String taskPath) {
        return api.call("mary", HttpMethod.GET, taskPath, null);
    }

    private void assertNotFound(ResponseEntity<String> response, String taskId) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json");
        JsonNode error = api.read(response);
        assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
        // Tasklist recognizes "No matching task" (it then says "The task does not exist anymore" and closes the task)
        assertThat(error.get("message").asText()).isEqualTo("No matching task with id " + taskId);
        assertThat(response.getBody()).doesNotContain("at org.", "\tat ", "ENGINE-", "is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task/", "/engine-rest/engine/default/task/"})
    void completingOrSubmittingAnUnknownTaskIsNotFoundLikeReadingIt(String tasks) {
        ResponseEntity<String> readIt = read(tasks + "no-such-task");
        assertThat(readIt.getStatusCode().value()).as(readIt.getBody()).isEqualTo(404);

        for (String action : new String[] {"complete", "submit-form"}) {
            ResponseEntity<String> response = post(tasks + "no-such-task/" + action, "{\"variables\": {}}");
            assertNotFound(response, "no-such-task");
            assertThat(api.read(response)).as("the same answer as reading it").isEqualTo(api.read(readIt));
        }
    }

    @Test
    void otherRequestsAboutAnUnknownTaskThatCamundaAnswersWith500AreNotFoundToo() {
        // these let the engine's NullValueException through as it is, without Camunda's RestException around it
        assertNotFound(post("/engine-rest/task/no-such-task/claim", "{\"userId\": \"mary\"}"), "no-such-task");
        assertNotFound(post("/engine-rest/task/no-such-task/delegate", "{\"userId\": \"mary\"}"), "no-such-task");
        assertNotFound(post("/engine-rest/task/no-such-task/resolve", "{}"), "no-such-task");
        // a sub-resource of the task: its variables
        assertNotFound(api.call("mary", HttpMethod.PUT, "/engine-rest/task/no-such-task/variables/note",
                "{\"value\": \"x\", \"type\": \"String\"}"), "no-such-task");
        assertNotFound(api.call("mary", HttpMethod.GET, "/engine-rest/task/no-such-task/variables", null), "no-such-task");
        // the deployed form (Tasklist loads a task's Camunda Form by it): a NullPointerException inside the engine
        assertNotFound(api.call("mary", HttpMethod.GET, "/engine-rest/task/no-such-task/deployed-form", null), "no-such-task");
    }

    @Test
    void aTaskCompletedMeanwhileIsNotFound() {
        String taskId = startTask(ConcurrentChangeProcess.KEY);
        assertThat(post("/engine-rest/task/" + taskId + "/complete", "{}").getStatusCode().value()).isEqualTo(204);

        assertNotFound(post("/engine-rest/task/" + taskId + "/submit-form", "{}"), taskId);
    }

    @Test
    void aNullInsideTheCompletionOfATaskThatExistsKeepsCamundasAnswer() {
        String taskId = startTask(NULL_INSIDE);

        ResponseEntity<String> response = post("/engine-rest/task/" + taskId + "/complete", "{}");

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(500);
        assertThat(api.read(response).get("message").asText()).contains(NullInside.MESSAGE);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("rolled back: the task is open").isEqualTo(1);
    }

    @Test
    void refusalsKeepTheirStatus() {
        String taskId = startTask(ConcurrentChangeProcess.KEY);

        // a task the caller may not work on: Camunda's 403 (the engine checks after finding the task)
        ResponseEntity<String> forbidden = api.call("alex", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "{}");
        assertThat(forbidden.getStatusCode().value()).as(forbidden.getBody()).isEqualTo(403);

        // a variable that cannot be converted: 400
        ResponseEntity<String> badVariable = post("/engine-rest/task/" + taskId + "/submit-form",
                "{\"variables\": {\"count\": {\"value\": \"many\", \"type\": \"Integer\"}}}");
        assertThat(badVariable.getStatusCode().value()).as(badVariable.getBody()).isEqualTo(400);

        // an unknown task that Camunda already answers with a 4xx keeps it: unclaim and assignee are 400
        ResponseEntity<String> unclaim = post("/engine-rest/task/no-such-task/unclaim", null);
        assertThat(unclaim.getStatusCode().value()).as(unclaim.getBody()).isEqualTo(400);
        assertThat(api.read(unclaim).get("type").asText()).isEqualTo("NotFoundException");

        assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("none of these touched the task").isEqualTo(1);
    }

    /** A listener whose bug is a null: the engine's NullValueException, for a task that exists. */
    public static class NullInside implements TaskListener {

        static final String MESSAGE = "the listener met a null";

        @Override
        public void notify(DelegateTask task) {
            throw new NullValueException(MESSAGE);
        }
    }
}
