package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The living case through REST: crises, reassessment, conferences and closure requests, with their bad input and wrong states. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class LivingCaseRestTest {

    private static final String TODAY = LocalDate.now().toString();
    private static final String FUTURE = LocalDate.now().plusMonths(6).toString();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private ResponseEntity<String> post(String user, String caseNumber, String path, String body) {
        return api.call(user, HttpMethod.POST, "/api/cases/" + caseNumber + path, body);
    }

    private List<String> openTaskKeys(String caseNumber) {
        List<String> keys = new ArrayList<>();
        api.caseDetails("demo", caseNumber).get("openTasks").forEach(t -> keys.add(t.get("taskKey").asText()));
        return keys;
    }

    /** Intake, assessment, plan approved, the one clinical service delivered: the case is in monitoring. */
    private String caseInMonitoring() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        api.complete("mary", caseNumber, "needsAssessment", values("needHealth", "NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Low mood"));
        api.complete("mary", caseNumber, "servicePlan", values("goal1", "Sleep better", "goal1TargetDate", FUTURE,
                "service1Type", "COUNSELLING", "service1Provider", "Northside Clinic", "service1TargetDate", FUTURE,
                "service1Goal", "1", "clientAgreesToPlan", true));
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));
        api.complete("mary", caseNumber, "deliverService", values("deliveredOn", TODAY, "durationMinutes", 50,
                "deliveryOutcome", "COMPLETED"));
        return caseNumber;
    }

    @Test
    void aCrisisDuringPlanningRunsBesideThePlanAndTheSupervisorSeesItAtOnce() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));

        ResponseEntity<String> first = post("mary", caseNumber, "/crisis",
                "{\"description\": \"Threatened self-harm on the phone\", \"severity\": \"IMMINENT\"}");
        ResponseEntity<String> second = post("liam", caseNumber, "/crisis",
                "{\"description\": \"Eviction notice served\", \"severity\": \"HIGH\"}");

        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(second.getStatusCode().value()).isEqualTo(201);
        assertThat(api.read(first).get("id").asLong()).isNotEqualTo(api.read(second).get("id").asLong());
        assertThat(openTaskKeys(caseNumber)).contains("needsAssessment")
                .filteredOn("crisisResponse"::equals).hasSize(2);
        assertThat(openTaskKeys(caseNumber)).filteredOn("crisisReview"::equals).hasSize(2);
        JsonNode supervisorQueue = api.read(api.call("sam", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=crisisReview&maxResults=10", null));
        assertThat(supervisorQueue.size()).isEqualTo(2);
        JsonNode response = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=crisisResponse&maxResults=10", null)).get(0);
        assertThat(response.get("priority").asInt()).isEqualTo(100);
        assertThat(response.get("due").asText()).isNotEmpty();

        String responseTask = response.get("id").asText();
        assertThat(api.submitTask("mary", responseTask, values("contactMade", "YES", "contactMethod", "PHONE",
                "clientSafeNow", "YES", "immediateSafetyActions", "Stayed on the line, GP informed"))
                .getStatusCode().value()).isEqualTo(204);
        String safetyPlan = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=safetyPlan&maxResults=10", null)).get(0).get("id").asText();
        assertThat(api.submitTask("mary", safetyPlan, values("warningSigns", "Not sleeping", "supportContacts",
                "Sister", "followUpWithin", "H24", "crisisOutcome", "MONITORING")).getStatusCode().value()).isEqualTo(204);
        assertThat(openTaskKeys(caseNumber)).contains("needsAssessment").filteredOn("crisisResponse"::equals).hasSize(1);

        List<String> events = new ArrayList<>();
        api.caseDetails("mary", caseNumber).get("timeline").forEach(e -> events.add(e.get("eventType").asText()));
        assertThat(events).filteredOn("CRISIS_REPORTED"::equals).hasSize(2);
    }

    @Test
    void imminentRiskAtIntakeGoesStraightToCrisisResponseBeforeAssessment() {
        String caseNumber = api.openCase("mary", "SUBSTANCE_ABUSE");
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true,
                "urgentRisk", true, "urgentRiskType", "SELF_HARM"));

        assertThat(openTaskKeys(caseNumber)).contains("crisisResponse", "crisisReview").doesNotContain("needsAssessment");
    }

    @Test
    void crisisRequestsAreValidatedAndRefusedForUnknownOrClosedCases() {
        String caseNumber = api.openCase("mary", "ACADEMIC");
        long before = api.caseDetails("mary", caseNumber).get("timeline").size();

        ResponseEntity<String> bad = post("mary", caseNumber, "/crisis", "{\"severity\": \"CATASTROPHIC\"}");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"field\":\"description\"").contains("\"field\":\"severity\"");
        assertThat(post("mary", "CW-1999-000001", "/crisis", "{\"description\": \"x\", \"severity\": \"HIGH\"}")
                .getStatusCode().value()).isEqualTo(404);
        assertThat(post("alex", caseNumber, "/crisis", "{\"description\": \"x\", \"severity\": \"HIGH\"}")
                .getStatusCode().value()).isEqualTo(403);

        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "NOT_ELIGIBLE", "referredTo", "College"));
        ResponseEntity<String> closed = post("mary", caseNumber, "/crisis", "{\"description\": \"x\", \"severity\": \"HIGH\"}");
        assertThat(closed.getStatusCode().value()).isEqualTo(409);
        assertThat(closed.getBody()).contains("closed");
        List<String> events = new ArrayList<>();
        api.caseDetails("mary", caseNumber).get("timeline").forEach(e -> events.add(e.get("eventType").asText()));
        assertThat(events).as("nothing half-done").doesNotContain("CRISIS_REPORTED").hasSize((int) before + 2);
    }

    @Test
    void reassessmentOnRequestDuringMonitoringAndRefusedBeforeActiveCare() {
        String early = api.openCase("mary", "LEGAL");
        ResponseEntity<String> tooEarly = post("mary", early, "/reassessment", "{\"reason\": \"New job\"}");
        assertThat(tooEarly.getStatusCode().value()).isEqualTo(409);
        assertThat(post("mary", early, "/reassessment", "{\"reason\": \"\"}").getStatusCode().value()).isEqualTo(400);

        String caseNumber = caseInMonitoring();
        ResponseEntity<String> requested = post("mary", caseNumber, "/reassessment", "{\"reason\": \"Lost her job\"}");
        assertThat(requested.getStatusCode().value()).as(requested.getBody()).isEqualTo(202);
        assertThat(openTaskKeys(caseNumber)).contains("reassessment");

        String reassessment = api.taskId("mary", caseNumber, "reassessment");
        JsonNode form = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task/" + reassessment + "/form-variables", null));
        assertThat(form.get("reassessmentReason").get("value").asText()).contains("Lost her job");
        api.complete("mary", caseNumber, "reassessment", values("changesSinceLastAssessment", "Job loss",
                "riskLevel", "HIGH", "riskReason", "Financial stress", "planChangeNeeded", "YES"));
        assertThat(api.caseDetails("mary", caseNumber).get("riskLevel").asText()).isEqualTo("HIGH");
        assertThat(openTaskKeys(caseNumber)).contains("servicePlan");
    }

    @Test
    void conferenceWithNamedParticipantsGivesEachAnInputTask() {
        String caseNumber = caseInMonitoring();

        ResponseEntity<String> unknown = post("sam", caseNumber, "/conference",
                "{\"participants\": [\"mary\", \"nobody-here\"], \"reason\": \"No progress\"}");
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("participants[1]");
        assertThat(post("sam", caseNumber, "/conference", "{\"participants\": [], \"reason\": \"x\"}")
                .getStatusCode().value()).isEqualTo(400);

        ResponseEntity<String> called = post("sam", caseNumber, "/conference",
                "{\"participants\": [\"mary\", \"john\", \"sam\"], \"reason\": \"No progress on sleep\"}");
        assertThat(called.getStatusCode().value()).as(called.getBody()).isEqualTo(201);

        for (String participant : List.of("mary", "john", "sam")) {
            JsonNode mine = api.read(api.call(participant, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                    + caseNumber + "&taskDefinitionKey=conferenceInput&assignee=" + participant + "&maxResults=5", null));
            assertThat(mine.size()).as(participant).isEqualTo(1);
            assertThat(api.submitTask(participant, mine.get(0).get("id").asText(), values("conferenceContribution",
                    "View of " + participant)).getStatusCode().value()).isEqualTo(204);
        }
        String outcome = api.taskId("mary", caseNumber, "conferenceOutcome");
        JsonNode form = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task/" + outcome + "/form-variables", null));
        assertThat(form.get("conferenceInputs").get("value").asText()).contains("View of john");
        api.complete("mary", caseNumber, "conferenceOutcome", values("decisions", "Keep the plan",
                "actions", "Mary: call GP by Friday", "planChangeNeeded", "NO"));
        assertThat(openTaskKeys(caseNumber)).doesNotContain("conferenceOutcome", "servicePlan");
    }

    @Test
    void closureRequestStopsActiveCareAndNeedsTheSupervisor() {
        String caseNumber = caseInMonitoring();

        assertThat(post("mary", caseNumber, "/closure-request", "{\"reason\": \"BORED\"}").getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<String> requested = post("mary", caseNumber, "/closure-request", "{\"reason\": \"TRANSFERRED\"}");
        assertThat(requested.getStatusCode().value()).as(requested.getBody()).isEqualTo(202);
        assertThat(openTaskKeys(caseNumber)).contains("closureSummary");
        assertThat(api.caseDetails("mary", caseNumber).has("closureReason")).as("only once approved").isFalse();
        assertThat(post("mary", caseNumber, "/closure-request", "{\"reason\": \"CLIENT_REQUEST\"}").getStatusCode().value())
                .as("already under way").isEqualTo(409);

        String summary = api.taskId("mary", caseNumber, "closureSummary");
        JsonNode form = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task/" + summary + "/form-variables", null));
        assertThat(form.get("closureReason").get("value").asText()).isEqualTo("TRANSFERRED");
        ResponseEntity<String> noAgency = api.submitTask("mary", summary, values("closureReason", "TRANSFERRED",
                "goal1Outcome", "PARTIALLY_MET"));
        assertThat(noAgency.getStatusCode().value()).isEqualTo(400);
        assertThat(noAgency.getBody()).contains("transferredTo");
        api.complete("mary", caseNumber, "closureSummary", values("closureReason", "TRANSFERRED",
                "transferredTo", "County Mental Health", "goal1Outcome", "PARTIALLY_MET"));
        api.complete("sam", caseNumber, "approveClosure", values("closureDecision", "APPROVED"));

        JsonNode closed = api.caseDetails("mary", caseNumber);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closureReason").asText()).isEqualTo("TRANSFERRED");
    }

    @Test
    void threeMissedContactsOpenOutreachAndFailedOutreachClosesAsLostContact() {
        String caseNumber = caseInMonitoring();
        String processInstanceId = api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
        for (int missed = 1; missed <= 3; missed++) {
            Job due = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId("timer_nextContactDue").singleResult();
            managementService.executeJob(due.getId());
            api.complete("mary", caseNumber, "followUpContact", values("contactDate", TODAY, "contactMode", "PHONE",
                    "clientReached", "NO", "nextStep", "CONTINUE"));
        }
        assertThat(openTaskKeys(caseNumber)).contains("outreach");
        api.complete("mary", caseNumber, "outreach", values("outreachAttempts", "Calls, letter, home visit",
                "outreachOutcome", "FAILED"));

        String summary = api.taskId("mary", caseNumber, "closureSummary");
        JsonNode form = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task/" + summary + "/form-variables", null));
        assertThat(form.get("closureReason").get("value").asText()).isEqualTo("LOST_CONTACT");
    }

    @Test
    void engineRestCannotBeUsedAroundCaseway() {
        String caseNumber = api.openCase("mary", "LEGAL");

        ResponseEntity<String> start = api.call("mary", HttpMethod.POST,
                "/engine-rest/process-definition/key/case-management/start", "{\"businessKey\": \"" + caseNumber + "\"}");
        assertThat(start.getStatusCode().value()).as("case workers cannot start case processes").isEqualTo(403);
        ResponseEntity<String> deploy = api.call("alex", HttpMethod.GET, "/engine-rest/variable-instance?maxResults=10", null);
        assertThat(api.read(deploy).size()).as("analysts read no case data").isZero();

        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true,
                "clientSsn", "123-45-6789"));
        String processInstanceId = api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
        assertThat(runtimeService.getVariables(processInstanceId)).doesNotContainKey("clientSsn");
    }
}
