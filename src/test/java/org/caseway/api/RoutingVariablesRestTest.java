package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseway.api.RestClient.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.caseway.CasewayApplication;
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
 * The variables a case's processes route on (case manager, contact counters, other stages' decisions) cannot be
 * set by a client through a task: completing a task sets only the routing fields of its own form, and a task's
 * variable endpoints set none of them. A refusal is a 400 naming the variable, and nothing changes.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class RoutingVariablesRestTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;

    private RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    private static Map<String, Object> assessment() {
        return values("needHealth", "NEED", "needMentalHealth", "NO_NEED", "needHousing", "NEED", "needIncome", "NO_NEED",
                "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED", "needSubstanceUse", "NO_NEED",
                "riskLevel", "LOW", "riskReason", "Stable housing");
    }

    /** A case at its needs assessment, worked by mary; returns the case number. */
    private String caseAtAssessment() {
        String caseNumber = api.openCase("mary", "LEGAL");
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        return caseNumber;
    }

    private String processOf(String caseNumber) {
        return api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
    }

    private void assertRefused(ResponseEntity<String> response, String... names) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        JsonNode error = api.read(response);
        for (String name : names) {
            assertThat(error.get("message").asText()).contains(name);
        }
        assertThat(response.getBody()).doesNotContain("\tat ", "at org.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "submit-form"})
    void completingATaskCannotSetWhatTheFlowRoutesOnElsewhere(String action) {
        String caseNumber = caseAtAssessment();
        String processId = processOf(caseNumber);
        Map<String, Object> before = runtimeService.getVariables(processId);
        String task = api.taskId("mary", caseNumber, "needsAssessment");

        Map<String, Object> sent = assessment();
        sent.put("caseManager", "eve");
        sent.put("missedContacts", 5);
        sent.put("planDecision", "APPROVED");
        ResponseEntity<String> response = api.call("mary", HttpMethod.POST,
                "/engine-rest/task/" + task + "/" + action, api.variables(sent));

        assertRefused(response, "caseManager", "missedContacts", "planDecision");
        assertThat(api.taskId("mary", caseNumber, "needsAssessment")).as("the task stays open").isEqualTo(task);
        assertThat(runtimeService.getVariables(processId)).as("nothing changed").isEqualTo(before);
        assertThat(api.caseDetails("mary", caseNumber).path("riskLevel").isTextual()).as("nothing recorded").isFalse();
    }

    @Test
    void aTasksOwnRoutingFieldsAndValuesSentBackUnchangedAreAccepted() {
        String caseNumber = caseAtAssessment();
        String processId = processOf(caseNumber);

        Map<String, Object> sent = assessment();
        sent.put("caseNumber", caseNumber);
        api.complete("mary", caseNumber, "needsAssessment", sent);

        assertThat(runtimeService.getVariable(processId, "riskLevel")).isEqualTo("LOW");
        assertThat(runtimeService.getVariable(processId, "caseNumber")).isEqualTo(caseNumber);
        assertThat(api.caseDetails("mary", caseNumber).get("stage").asText()).isEqualTo("SERVICE_PLANNING");
    }

    @Test
    void aTasksVariableEndpointsCannotChangeOrRemoveTheProcesssRoutingVariables() {
        String caseNumber = caseAtAssessment();
        String processId = processOf(caseNumber);
        Map<String, Object> before = runtimeService.getVariables(processId);
        String task = api.taskId("mary", caseNumber, "needsAssessment");
        String variables = "/engine-rest/task/" + task + "/variables";

        assertRefused(api.call("mary", HttpMethod.PUT, variables + "/caseManager",
                "{\"value\": \"eve\", \"type\": \"String\"}"), "caseManager");
        assertRefused(api.call("mary", HttpMethod.POST, variables,
                "{\"modifications\": {\"intakeOutcome\": {\"value\": \"NOT_ELIGIBLE\"}}}"), "intakeOutcome");
        assertRefused(api.call("mary", HttpMethod.POST, variables, "{\"deletions\": [\"caseNumber\"]}"), "caseNumber");
        assertRefused(api.call("mary", HttpMethod.DELETE, variables + "/caseType", null), "caseType");
        assertThat(runtimeService.getVariables(processId)).as("nothing changed").isEqualTo(before);

        // nor through the task's own variables, which the stage's recorders read first (a service id, say)
        assertRefused(api.call("mary", HttpMethod.PUT, "/engine-rest/task/" + task + "/localVariables/serviceId",
                "{\"value\": \"" + caseNumber + "-P1S2\", \"type\": \"String\"}"), "serviceId");
        assertThat(runtimeService.getVariables(processId)).as("nothing changed").isEqualTo(before);

        // the process's other variables stay the client's to set
        ResponseEntity<String> other = api.call("mary", HttpMethod.PUT, variables + "/draft",
                "{\"value\": \"half written\", \"type\": \"String\"}");
        assertThat(other.getStatusCode().value()).as(other.getBody()).isEqualTo(204);
        assertThat(runtimeService.getVariable(processId, "draft")).isEqualTo("half written");

        // a value too long for the database is the request's fault, with or without a routing variable sent back
        String tooLong = "{\"modifications\": {\"caseNumber\": {\"value\": \"" + caseNumber + "\"}, \"draft\": {\"value\": \""
                + "x".repeat(5000) + "\", \"type\": \"String\"}}}";
        for (String body : new String[] {tooLong, tooLong.replace("\"caseNumber\": {\"value\": \"" + caseNumber + "\"}, ", "")}) {
            ResponseEntity<String> rejected = api.call("mary", HttpMethod.POST, variables, body);
            assertThat(rejected.getStatusCode().value()).as(rejected.getBody()).isEqualTo(400);
            assertThat(api.read(rejected).get("message").asText()).contains("too long");
        }
        assertThat(runtimeService.getVariable(processId, "draft")).isEqualTo("half written");
    }

    @Test
    void aValueSentBackMustBeTheStoredValueOfTheStoredType() {
        String caseNumber = caseAtAssessment();
        String processId = processOf(caseNumber);
        String task = api.taskId("mary", caseNumber, "needsAssessment");
        assertThat(runtimeService.getVariable(processId, "urgentRisk")).isEqualTo(false);

        // "false" for the stored false would make the flag a text the flow cannot route on
        ResponseEntity<String> asText = api.call("mary", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
                api.variables(withValue(assessment(), "urgentRisk", "false")));
        assertRefused(asText, "urgentRisk");
        assertThat(runtimeService.getVariable(processId, "urgentRisk")).isEqualTo(false);

        api.complete("mary", caseNumber, "needsAssessment", withValue(assessment(), "urgentRisk", false));
        assertThat(api.caseDetails("mary", caseNumber).get("stage").asText()).isEqualTo("SERVICE_PLANNING");
    }

    @Test
    void resolvingADelegatedTaskSetsNoRoutingVariable() {
        String caseNumber = caseAtAssessment();
        String processId = processOf(caseNumber);
        String task = api.taskId("mary", caseNumber, "needsAssessment");
        ResponseEntity<String> delegated = api.call("mary", HttpMethod.POST, "/engine-rest/task/" + task + "/delegate",
                "{\"userId\": \"liam\"}");
        assertThat(delegated.getStatusCode().value()).as(delegated.getBody()).isEqualTo(204);

        // resolving runs no stage listener: nothing would check the risk level it sent
        assertRefused(api.call("liam", HttpMethod.POST, "/engine-rest/task/" + task + "/resolve",
                api.variables(values("riskLevel", "LOW"))), "riskLevel");
        assertRefused(api.call("liam", HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form",
                api.variables(values("riskLevel", "LOW"))), "riskLevel");
        assertThat(runtimeService.getVariables(processId)).doesNotContainKey("riskLevel");
    }

    private static Map<String, Object> withValue(Map<String, Object> values, String name, Object value) {
        values.put(name, value);
        return values;
    }

    @Test
    void someoneWhoMayNotWorkTheTaskIsToldThatAndNothingMore() {
        String caseNumber = caseAtAssessment();
        String task = api.taskId("mary", caseNumber, "needsAssessment");

        ResponseEntity<String> response = api.call("alex", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
                api.variables(values("caseManager", "alex")));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
        assertThat(response.getBody()).doesNotContain("caseManager");
    }

    @Test
    void refusalsOfBadInputAreNotLoggedAsEngineErrors(org.springframework.boot.test.system.CapturedOutput logs) {
        String caseNumber = caseAtAssessment();
        String task = api.taskId("mary", caseNumber, "needsAssessment");
        Map<String, Object> withoutRisk = assessment();
        withoutRisk.remove("riskLevel");

        // refused by the guard before the engine's command, and by the stage's listener inside it
        assertRefused(api.call("mary", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
                api.variables(values("caseManager", "eve"))), "caseManager");
        assertRefused(api.submitTask("mary", task, withoutRisk), "riskLevel");
        assertRefused(api.call("mary", HttpMethod.POST, "/engine-rest/task/" + task + "/variables",
                "{\"deletions\": [\"caseNumber\"]}"), "caseNumber");

        assertThat(logs.getAll()).doesNotContain("ENGINE-16004").doesNotContain("is set by Caseway");
    }
}
