package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Cases walked from intake to closure through the engine's REST task endpoints and Caseway's API. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class CaseLifecycleRestTest {

    /** Client data and notes this test submits: none of it may reach a log line. */
    private static final List<String> CONFIDENTIAL = List.of("Lopez", "1980-05-01", "ana@example.org", "555 0100",
            "Sleeps badly", "Missed rent twice", "Lives alone", "Tidy flat", "Six weeks wait");

    private static final String FUTURE = LocalDate.now().plusMonths(6).toString();
    private static final String TODAY = LocalDate.now().toString();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcClient jdbc;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    /** Fires the case's due-next timers (next contact, referral answer...) as the job executor would. */
    private void fireTimer(String caseNumber, String activityId) {
        List<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .list().stream().map(org.camunda.bpm.engine.runtime.ProcessInstance::getId).toList();
        List<Job> timers = instances.stream().flatMap(id -> managementService.createJobQuery().processInstanceId(id)
                .timers().activityId(activityId).list().stream()).toList();
        assertThat(timers).as("timer %s of %s", activityId, caseNumber).hasSize(1);
        managementService.executeJob(timers.get(0).getId());
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> assessment(String risk) {
        return values("needHealth", "NEED", "needMentalHealth", "NEED", "needHousing", "NEED", "needIncome", "NO_NEED",
                "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED", "needSubstanceUse", "NO_NEED",
                "riskLevel", risk, "riskReason", "Missed rent twice", "assessmentNotes", "Sleeps badly");
    }

    private static Map<String, Object> twoServicePlan() {
        return values("goal1", "Keep the tenancy", "goal1TargetDate", FUTURE, "goal2", "Weekly counselling",
                "goal2TargetDate", FUTURE,
                "service1Type", "HOUSING_SUPPORT", "service1Provider", "City Housing", "service1TargetDate", FUTURE,
                "service1Goal", "1",
                "service2Type", "COUNSELLING", "service2Provider", "Northside Clinic", "service2TargetDate", FUTURE,
                "service2Goal", "2", "clientAgreesToPlan", true);
    }

    private void acceptAndPlan(String caseNumber) {
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true,
                "consentToShare", true, "consentShareWith", "Housing and counselling providers",
                "eligibilityNotes", "Lives alone"));
        api.complete("mary", caseNumber, "needsAssessment", assessment("MEDIUM"));
        api.complete("mary", caseNumber, "servicePlan", twoServicePlan());
    }

    @Test
    void brokerageCaseWalksFromIntakeToClosure(org.springframework.boot.test.system.CapturedOutput logs) {
        String caseNumber = api.openCase("mary", "LEGAL");
        acceptAndPlan(caseNumber);

        // the supervisor returns the plan; the case manager sees it prefilled and resubmits
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "RETURNED",
                "reviewComments", "Add a target date for counselling"));
        String revisedPlan = api.taskId("mary", caseNumber, "servicePlan");
        JsonNode prefilled = api.read(api.call("mary", HttpMethod.GET,
                "/engine-rest/task/" + revisedPlan + "/form-variables", null));
        assertThat(prefilled.get("goal1").get("value").asText()).isEqualTo("Keep the tenancy");
        assertThat(prefilled.get("reviewComments").get("value").asText()).contains("target date");
        assertThat(prefilled.get("reviewCommentsText").get("value").asText()).as("escaped for the form's markdown")
                .isEqualTo("Add a target date for counselling");
        Map<String, Object> revised = twoServicePlan();
        revised.put("service2TargetDate", LocalDate.now().plusMonths(1).toString());
        api.complete("mary", caseNumber, "servicePlan", revised);
        String secondReview = api.taskId("sam", caseNumber, "approveServicePlan");
        JsonNode reviewForm = api.read(api.call("sam", HttpMethod.GET,
                "/engine-rest/task/" + secondReview + "/form-variables", null));
        assertThat(reviewForm.has("planDecision")).as("the earlier RETURNED is not preselected").isFalse();
        assertThat(reviewForm.get("planSummary").get("value").asText()).contains("Version 2").contains("City Housing");
        assertThat(reviewForm.get("caseSummary").get("value").asText()).contains("Lopez").contains("risk **MEDIUM**");
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));

        JsonNode coordinating = api.caseDetails("mary", caseNumber);
        assertThat(coordinating.get("stage").asText()).isEqualTo("SERVICE_COORDINATION");
        assertThat(coordinating.get("plan").get("version").asInt()).isEqualTo(2);
        assertThat(coordinating.get("plan").get("services").get(1).get("targetDate").asText())
                .as("the revision, not the prefilled previous version, is recorded")
                .isEqualTo(LocalDate.now().plusMonths(1).toString());
        List<String> serviceIds = new ArrayList<>();
        coordinating.get("plan").get("services").forEach(s -> serviceIds.add(s.get("serviceId").asText()));
        assertThat(serviceIds).containsExactly(caseNumber + "-P2S1", caseNumber + "-P2S2");

        // both referrals are sent
        JsonNode referTasks = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=referService&maxResults=10", null));
        assertThat(referTasks.size()).isEqualTo(2);
        referTasks.forEach(t -> assertThat(api.submitTask("mary", t.get("id").asText(), values(
                "referralSentOn", TODAY, "referralChannel", "SECURE_EMAIL",
                "informationShared", "Needs summary")).getStatusCode().value()).isEqualTo(204));

        // provider 1 answers through the API; provider 2 does not answer in time
        ResponseEntity<String> answer = api.call("mary", HttpMethod.POST, "/api/cases/" + caseNumber + "/services/"
                + serviceIds.get(0) + "/referral-response", "{\"response\": \"ACCEPTED\"}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
        ResponseEntity<String> again = api.call("mary", HttpMethod.POST, "/api/cases/" + caseNumber + "/services/"
                + serviceIds.get(0) + "/referral-response", "{\"response\": \"ACCEPTED\"}");
        assertThat(again.getStatusCode().value()).isEqualTo(409);

        Job overdue = managementService.createJobQuery().timers()
                .processInstanceId(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                        .variableValueEquals("serviceId", serviceIds.get(1)).singleResult().getId())
                .singleResult();
        assertThat(overdue.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 9L * 24 * 3600 * 1000));
        managementService.executeJob(overdue.getId());
        api.complete("mary", caseNumber, "referralFollowUp", values("followUpOutcome", "RESPONSE_RECEIVED",
                "providerResponse", "WAITLISTED", "responseNotes", "Six weeks wait"));

        fireTimer(caseNumber, "timer_nextContactDue");
        assertThat(api.caseDetails("mary", caseNumber).get("stage").asText()).isEqualTo("MONITORING");
        api.complete("mary", caseNumber, "followUpContact", values("contactDate", TODAY, "contactMode", "HOME_VISIT",
                "clientReached", "YES", "goal1Progress", "MET", "goal2Progress", "SOME", "contactNotes", "Tidy flat",
                "nextStep", "PROPOSE_CLOSURE"));
        api.complete("mary", caseNumber, "closureSummary", values("closureReason", "GOALS_MET",
                "goal1Outcome", "MET", "goal2Outcome", "PARTIALLY_MET", "closureNotes", "Good progress"));
        api.complete("sam", caseNumber, "approveClosure", values("closureDecision", "RETURNED",
                "closureReviewComments", "One more contact first"));
        List<String> proposedOnly = new ArrayList<>();
        api.caseDetails("mary", caseNumber).get("plan").get("goals").forEach(g -> proposedOnly.add(g.get("status").asText()));
        assertThat(proposedOnly).as("a returned closure does not finalise outcomes").doesNotContain("PARTIALLY_MET");
        fireTimer(caseNumber, "timer_nextContactDue");
        api.complete("mary", caseNumber, "followUpContact", values("contactDate", TODAY, "contactMode", "PHONE",
                "clientReached", "YES", "goal1Progress", "MET", "goal2Progress", "MET", "nextStep", "PROPOSE_CLOSURE"));
        api.complete("mary", caseNumber, "closureSummary", values("closureReason", "GOALS_MET",
                "goal1Outcome", "MET", "goal2Outcome", "MET"));
        api.complete("sam", caseNumber, "approveClosure", values("closureDecision", "APPROVED"));

        JsonNode closed = api.caseDetails("mary", caseNumber);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closureReason").asText()).isEqualTo("GOALS_MET");
        assertThat(closed.get("openTasks")).isEmpty();
        assertThat(closed.get("waitingAt").toString()).contains("timer_postClosureCheckDue");
        List<String> goalStatuses = new ArrayList<>();
        closed.get("plan").get("goals").forEach(g -> goalStatuses.add(g.get("status").asText()));
        assertThat(goalStatuses).containsExactly("MET", "MET");
        List<String> events = new ArrayList<>();
        closed.get("timeline").forEach(e -> events.add(e.get("eventType").asText() + ":" + e.path("taskKey").asText("")));
        assertThat(events).contains("CASE_OPENED:", "TASK_COMPLETED:intake", "TASK_COMPLETED:approveServicePlan",
                "REFERRAL_RESPONSE:", "TASK_COMPLETED:referralFollowUp", "TASK_COMPLETED:approveClosure", "CASE_CLOSED:");

        // one check with the client 30 days after closure, then the case record is complete
        fireTimer(caseNumber, "timer_postClosureCheckDue");
        api.complete("mary", caseNumber, "postClosureCheck", values("checkDate", TODAY, "clientContacted", "YES",
                "clientStatus", "STABLE"));
        assertThat(api.caseDetails("mary", caseNumber).get("waitingAt")).isEmpty();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey("case-closure").finished().count()).isEqualTo(2);

        // what steps recorded lives in Caseway's tables; notes are case notes, not process variables
        long caseId = jdbc.sql("SELECT id FROM case_file WHERE case_number = ?").param(caseNumber)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT kind FROM case_note WHERE case_id = ?").param(caseId).query(String.class).list())
                .contains("eligibilityNotes", "assessmentNotes", "riskReason", "responseNotes", "contactNotes",
                        "closureNotes");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_record WHERE case_id = ?").param(caseId)
                .query(Long.class).single()).isGreaterThanOrEqualTo(14);
        assertThat(jdbc.sql("SELECT summary FROM timeline_entry WHERE case_id = ?").param(caseId)
                .query(String.class).list()).noneMatch(summary -> CONFIDENTIAL.stream().anyMatch(summary::contains));
        assertNothingConfidentialIn(logs);

        // the engine's history keeps routing values only: no notes, no client details
        List<String> historicNames = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(closed.get("processInstanceId").asText()).list().stream()
                .map(org.camunda.bpm.engine.history.HistoricVariableInstance::getName).toList();
        assertThat(historicNames).contains("caseNumber", "riskLevel", "intakeOutcome", "closureDecision")
                .doesNotContain("assessmentNotes", "eligibilityNotes", "caseSummary", "goal1", "consentShareWith");
        // and no per-update details at all: the "caseway" history level does not write them (README "History and retention")
        assertThat(historyService.createHistoricDetailQuery().list()).isEmpty();
    }

    private static void assertNothingConfidentialIn(org.springframework.boot.test.system.CapturedOutput logs) {
        // the capture sees what is logged (a refused submission itself logs nothing above DEBUG)
        org.slf4j.LoggerFactory.getLogger(CaseLifecycleRestTest.class).warn("log capture check");
        assertThat(logs.getAll()).contains("log capture check");
        CONFIDENTIAL.forEach(secret -> assertThat(logs.getAll()).as("log output").doesNotContain(secret));
    }

    @Test
    void clinicalCaseDeliversServicesAndKeepsOnlyRoutingVariables() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        acceptAndPlan(caseNumber);
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));

        String processInstanceId = api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
        Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
        assertThat(variables).containsKeys("caseNumber", "intakeOutcome", "riskLevel", "urgentRisk")
                .doesNotContainKeys("eligibilityNotes", "assessmentNotes", "riskReason", "goal1", "consentShareWith");

        JsonNode deliveries = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=deliverService&maxResults=10", null));
        assertThat(deliveries.size()).isEqualTo(2);
        deliveries.forEach(t -> assertThat(api.submitTask("mary", t.get("id").asText(), values("deliveredOn", TODAY,
                "durationMinutes", 50, "deliveryOutcome", "COMPLETED")).getStatusCode().value()).isEqualTo(204));

        // monitoring: the next contact is due after the contact-cadence table's interval for MEDIUM risk (14 days)
        Job nextContact = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId("timer_nextContactDue").singleResult();
        assertThat(nextContact.getDuedate()).isCloseTo(
                new java.util.Date(System.currentTimeMillis() + java.time.Duration.ofDays(14).toMillis()), 60_000);
        fireTimer(caseNumber, "timer_nextContactDue");
        assertThat(api.caseDetails("mary", caseNumber).get("stage").asText()).isEqualTo("MONITORING");
    }

    @Test
    void aDeclinedReferralIsReferredAgainToAnotherProvider() {
        String caseNumber = api.openCase("mary", "LEGAL");
        acceptAndPlan(caseNumber);
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));
        String serviceId = caseNumber + "-P1S1";
        JsonNode referrals = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=referService&maxResults=10", null));
        referrals.forEach(t -> api.submitTask("mary", t.get("id").asText(), values("referralSentOn", TODAY,
                "referralChannel", "PHONE")));

        assertThat(api.call("mary", HttpMethod.POST, "/api/cases/" + caseNumber + "/services/" + serviceId
                + "/referral-response", "{\"response\": \"DECLINED\", \"reason\": \"No capacity\"}")
                .getStatusCode().value()).isEqualTo(204);

        String again = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=referService&maxResults=10", null)).get(0).get("id").asText();
        JsonNode form = api.read(api.call("mary", HttpMethod.GET, "/engine-rest/task/" + again + "/form-variables", null));
        assertThat(form.get("referralNotice").get("value").asText()).contains("City Housing").contains("declined");
        assertThat(form.get("provider").get("value").asText()).isEqualTo("City Housing");
        assertThat(form.get("consentSummary").get("value").asText()).contains("Housing and counselling providers");
        assertThat(api.submitTask("mary", again, values("provider", "Eastside Housing Trust", "referralSentOn", TODAY,
                "referralChannel", "SECURE_EMAIL")).getStatusCode().value()).isEqualTo(204);

        JsonNode services = api.caseDetails("mary", caseNumber).get("plan").get("services");
        assertThat(services.get(0).get("provider").asText()).isEqualTo("Eastside Housing Trust");
        assertThat(services.get(0).get("status").asText()).isEqualTo("REFERRED");
    }

    @Test
    void notEligibleCaseClosesWithTheReferralElsewhereRecorded() {
        String caseNumber = api.openCase("mary", "ACADEMIC");

        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "NOT_ELIGIBLE",
                "referredTo", "Community college advising"));

        JsonNode closed = api.caseDetails("mary", caseNumber);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closureReason").asText()).isEqualTo("NOT_ELIGIBLE");
        assertThat(closed.get("referredTo").asText()).isEqualTo("Community college advising");
    }

    @Test
    void badFormSubmissionIsRefusedNamingEachFieldAndTheTaskStaysOpen(org.springframework.boot.test.system.CapturedOutput logs) {
        String caseNumber = api.openCase("mary", "SUBSTANCE_ABUSE");
        String intake = api.taskId("mary", caseNumber, "intake");

        ResponseEntity<String> noConsent = api.submitTask("mary", intake, values("intakeOutcome", "ACCEPTED"));
        assertThat(noConsent.getStatusCode().value()).isEqualTo(400);
        assertThat(noConsent.getBody()).contains("consentToServices")
                .as("named as Tasklist shows it").contains("Client consents to receive services");

        ResponseEntity<String> unknown = api.submitTask("mary", intake, values("intakeOutcome", "MAYBE",
                "emergencyContactPhone", "call me"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("intakeOutcome").contains("emergencyContactPhone");

        assertThat(api.taskId("mary", caseNumber, "intake")).isEqualTo(intake);
        JsonNode details = api.caseDetails("mary", caseNumber);
        assertThat(details.get("stage").asText()).isEqualTo("INTAKE");
        assertThat(details.get("consent").path("toServices").isNull() || details.get("consent").path("toServices").isMissingNode())
                .isTrue();

        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        api.complete("mary", caseNumber, "needsAssessment", assessment("HIGH"));
        ResponseEntity<String> noCrisisPlan = api.submit("mary", caseNumber, "servicePlan", twoServicePlan());
        assertThat(noCrisisPlan.getStatusCode().value()).isEqualTo(400);
        assertThat(noCrisisPlan.getBody()).contains("crisisPlan");
        assertNothingConfidentialIn(logs);
    }

    @Test
    void everyTaskRendersItsDeployedCamundaForm() {
        String caseNumber = api.openCase("mary", "MEDICARE");
        String intake = api.taskId("mary", caseNumber, "intake");

        ResponseEntity<String> form = api.call("mary", HttpMethod.GET, "/engine-rest/task/" + intake + "/deployed-form", null);

        assertThat(form.getStatusCode().value()).isEqualTo(200);
        JsonNode schema = api.read(form);
        assertThat(schema.get("id").asText()).isEqualTo("intake");
        List<String> keys = new ArrayList<>();
        schema.get("components").forEach(c -> keys.add(c.path("key").asText()));
        assertThat(keys).contains("intakeOutcome", "consentToServices", "consentToShare", "urgentRisk");
    }
}
