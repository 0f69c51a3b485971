package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.caseway.CasewayApplication;
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
 * A case lives through months: monitoring at the pace its risk sets, two crises at once, a
 * scheduled reassessment that changes the plan, a case conference when a high-risk client makes no
 * progress, and a closure with its post-closure check. The engine clock moves; timers fire as the
 * job executor would fire them; everything goes through the REST APIs and ends up in the timeline.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CaseJourneyTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;

    RestClient api;
    Date start;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
        start = new Date();
        ClockUtil.setCurrentTime(start);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void advance(Duration duration) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    }

    private String today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()).toString();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private Job timer(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers().activityId(activityId)
                .singleResult();
    }

    /** Moves the clock to the timer's due date and fires it. */
    private void fire(Job timer) {
        ClockUtil.setCurrentTime(new Date(Math.max(ClockUtil.getCurrentTime().getTime(), timer.getDuedate().getTime())));
        managementService.executeJob(timer.getId());
    }

    private long daysFromStart(Date date) {
        return Duration.between(start.toInstant(), date.toInstant()).toHours() / 24;
    }

    private List<String> taskIds(String caseNumber, String taskKey, String user) {
        List<String> ids = new ArrayList<>();
        api.read(api.call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + caseNumber
                + "&taskDefinitionKey=" + taskKey + "&maxResults=20", null)).forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private void contact(String caseNumber, String pi, String progress, String nextStep) {
        fire(timer(pi, "timer_nextContactDue"));
        api.complete("mary", caseNumber, "followUpContact", values("contactDate", today(), "contactMode", "HOME_VISIT",
                "clientReached", "YES", "goal1Progress", progress, "nextStep", nextStep));
    }

    @Test
    void aCaseLivesThroughMonthsOfCare() {
        String future = LocalDate.now().plusYears(1).toString();
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String pi = api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        api.complete("mary", caseNumber, "needsAssessment", values("needHealth", "NO_NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Isolated"));
        api.complete("mary", caseNumber, "servicePlan", values("goal1", "Weekly social contact", "goal1TargetDate", future,
                "service1Type", "COUNSELLING", "service1Provider", "Northside Clinic", "service1TargetDate", future,
                "service1Goal", "1", "clientAgreesToPlan", true));
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));
        api.complete("mary", caseNumber, "deliverService", values("deliveredOn", today(), "durationMinutes", 60,
                "deliveryOutcome", "COMPLETED"));

        // monitoring at the MEDIUM pace: every 14 days
        assertThat(daysFromStart(timer(pi, "timer_nextContactDue").getDuedate())).isEqualTo(14);
        contact(caseNumber, pi, "SOME", "CONTINUE");
        contact(caseNumber, pi, "SOME", "CONTINUE");
        assertThat(daysFromStart(timer(pi, "timer_nextContactDue").getDuedate())).isEqualTo(42);

        // two crises at once, each in its own flow, beside monitoring
        advance(Duration.ofDays(3));
        for (String description : List.of("Overdose scare", "Assaulted at the hostel")) {
            ResponseEntity<String> crisis = api.call("mary", HttpMethod.POST, "/api/cases/" + caseNumber + "/crisis",
                    "{\"description\": \"" + description + "\", \"severity\": \"HIGH\"}");
            assertThat(crisis.getStatusCode().value()).isEqualTo(201);
        }
        assertThat(taskIds(caseNumber, "crisisResponse", "mary")).hasSize(2);
        for (String response : taskIds(caseNumber, "crisisResponse", "mary")) {
            api.submitTask("mary", response, values("contactMade", "YES", "contactMethod", "MOBILE_CRISIS_TEAM",
                    "clientSafeNow", "YES", "immediateSafetyActions", "Crisis team attended"));
        }
        for (String plan : taskIds(caseNumber, "safetyPlan", "mary")) {
            api.submitTask("mary", plan, values("warningSigns", "Withdrawal", "supportContacts", "Brother",
                    "followUpWithin", "H24", "crisisOutcome", "MONITORING"));
        }
        for (String review : taskIds(caseNumber, "crisisReview", "sam")) {
            api.submitTask("sam", review, values("supervisorAction", "NONE"));
        }
        assertThat(timer(pi, "timer_nextContactDue")).as("monitoring went on").isNotNull();

        // day 90: the scheduled reassessment finds HIGH risk and changes the plan
        Job scheduled = timer(pi, "startEvent_reassessmentScheduled");
        assertThat(daysFromStart(scheduled.getDuedate())).isEqualTo(90);
        fire(scheduled);
        api.complete("mary", caseNumber, "reassessment", values("changesSinceLastAssessment", "Two crises",
                "riskLevel", "HIGH", "riskReason", "Repeated crises", "planChangeNeeded", "YES"));
        api.complete("mary", caseNumber, "servicePlan", values("goal1", "Weekly social contact", "goal1TargetDate", future,
                "service1Type", "COUNSELLING", "service1Provider", "Northside Clinic", "service1TargetDate", future,
                "service1Goal", "1", "service2Type", "SUBSTANCE_USE_TREATMENT", "service2Provider", "Harbour Recovery",
                "service2TargetDate", future, "service2Goal", "1", "crisisPlan", "Call the crisis line; brother stays",
                "clientAgreesToPlan", true));
        api.complete("sam", caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));
        assertThat(taskIds(caseNumber, "deliverService", "mary")).as("only the new service is coordinated").hasSize(1);
        api.complete("mary", caseNumber, "deliverService", values("deliveredOn", today(), "durationMinutes", 90,
                "deliveryOutcome", "COMPLETED"));
        assertThat(api.caseDetails("mary", caseNumber).get("riskLevel").asText()).isEqualTo("HIGH");

        // HIGH risk: weekly contacts; two without progress call a case conference of the case team
        contact(caseNumber, pi, "NONE", "CONTINUE");
        Date afterFirstHighContact = ClockUtil.getCurrentTime();
        assertThat(Duration.between(afterFirstHighContact.toInstant(),
                timer(pi, "timer_nextContactDue").getDuedate().toInstant()).toDays()).isEqualTo(7);
        contact(caseNumber, pi, "NONE", "CONTINUE");
        List<String> inputs = taskIds(caseNumber, "conferenceInput", "demo");
        assertThat(inputs).isNotEmpty();
        for (JsonNode input : api.read(api.call("demo", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=conferenceInput&maxResults=20", null))) {
            String participant = input.get("assignee").asText();
            assertThat(api.submitTask(participant, input.get("id").asText(), values("conferenceContribution",
                    "Input from " + participant)).getStatusCode().value()).isEqualTo(204);
        }
        api.complete("mary", caseNumber, "conferenceOutcome", values("decisions", "Keep the revised plan",
                "actions", "Mary: weekly home visits", "planChangeNeeded", "NO"));

        // progress, then closure: goals met, approved, post-closure check 30 days later
        contact(caseNumber, pi, "MET", "PROPOSE_CLOSURE");
        api.complete("mary", caseNumber, "closureSummary", values("closureReason", "GOALS_MET", "goal1Outcome", "MET"));
        api.complete("sam", caseNumber, "approveClosure", values("closureDecision", "APPROVED"));
        assertThat(api.caseDetails("mary", caseNumber).get("status").asText()).isEqualTo("CLOSED");
        Date closedAt = ClockUtil.getCurrentTime();
        Job check = timer(pi, "timer_postClosureCheckDue");
        assertThat(Duration.between(closedAt.toInstant(), check.getDuedate().toInstant()).toDays()).isEqualTo(30);
        fire(check);
        api.complete("mary", caseNumber, "postClosureCheck", values("checkDate", today(), "clientContacted", "YES",
                "clientStatus", "STABLE"));

        JsonNode closed = api.caseDetails("mary", caseNumber);
        assertThat(closed.get("waitingAt")).isEmpty();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count()).isZero();
        List<String> events = new ArrayList<>();
        closed.get("timeline").forEach(e -> events.add(e.get("eventType").asText() + ":" + e.path("taskKey").asText("")));
        assertThat(events).contains("CASE_OPENED:", "TASK_COMPLETED:needsAssessment", "TASK_COMPLETED:approveServicePlan",
                "TASK_COMPLETED:crisisResponse", "TASK_COMPLETED:safetyPlan", "TASK_COMPLETED:crisisReview",
                "TASK_COMPLETED:reassessment", "CONFERENCE_CALLED:", "TASK_COMPLETED:conferenceInput",
                "TASK_COMPLETED:conferenceOutcome", "TASK_COMPLETED:closureSummary", "TASK_COMPLETED:approveClosure",
                "CASE_CLOSED:", "TASK_COMPLETED:postClosureCheck", "CASE_RECORD_COMPLETE:");
        assertThat(events).filteredOn("CRISIS_REPORTED:"::equals).hasSize(2);
        assertThat(events).filteredOn("TASK_COMPLETED:followUpContact"::equals).hasSize(5);
        assertThat(closed.get("plan").get("version").asInt()).isEqualTo(2);
    }
}
