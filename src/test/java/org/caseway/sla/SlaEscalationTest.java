package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.caseway.system.CasewayProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Deadlines of real tasks on the real models, policy and calendar, with the engine clock: the
 * reminder, the breach and its escalation task, the second escalation, completion stopping what
 * remains, crisis deadlines around the clock, a policy redeploy, and the supervisor's actions.
 * The job executor is off: the test moves the clock and runs each timer job itself.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SlaEscalationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CasewayProperties properties;
    @Autowired
    SlaClockReconciler reconciler;

    RestClient api;
    ZoneId zone;

    @BeforeEach
    void setUp() {
        api = new RestClient(rest);
        zone = properties.sla().calendar().zone();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDateTime local) {
        ClockUtil.setCurrentTime(Date.from(local.atZone(zone).toInstant()));
    }

    private Date local(LocalDateTime local) {
        return Date.from(local.atZone(zone).toInstant());
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Monday 2026-03-02 10:00: a mental-health case passes intake, mary's needs assessment is open. */
    private Task assessmentOpenedMonday() {
        clockAt(LocalDateTime.of(2026, 3, 2, 10, 0));
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        api.complete("mary", caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        return openTask(caseNumber, "needsAssessment");
    }

    private Task openTask(String caseNumber, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey).singleResult();
    }

    private Job timeout(Task task, String listenerId) {
        return managementService.createJobQuery().executionId(task.getExecutionId()).list().stream()
                .filter(job -> managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                        .singleResult().getJobConfiguration().contains(listenerId)
                        || jobConfiguration(job).contains(listenerId))
                .findFirst().orElse(null);
    }

    private String jobConfiguration(Job job) {
        return jdbc.sql("SELECT HANDLER_CFG_ FROM ACT_RU_JOB WHERE ID_ = ?").param(job.getId()).query(String.class).single();
    }

    private void fire(Task task, String listenerId) {
        Job job = timeout(task, listenerId);
        assertThat(job).as("%s timer of %s", listenerId, task.getTaskDefinitionKey()).isNotNull();
        ClockUtil.setCurrentTime(job.getDuedate());
        managementService.executeJob(job.getId());
    }

    private long breaches(String taskId, int level) {
        return jdbc.sql("SELECT COUNT(*) FROM sla_breach WHERE task_id = ? AND level = ?").params(taskId, level)
                .query(Long.class).single();
    }

    private List<String> timeline(String caseNumber) {
        return jdbc.sql("""
                SELECT t.event_type FROM timeline_entry t JOIN case_file c ON c.id = t.case_id
                WHERE c.case_number = ? ORDER BY t.id""").param(caseNumber).query(String.class).list();
    }

    private List<String> outbox(String caseNumber, String kind) {
        return jdbc.sql("SELECT recipient FROM notification_outbox WHERE case_number = ? AND kind = ? AND channel = 'IN_APP' ORDER BY recipient")
                .params(caseNumber, kind).query(String.class).list();
    }

    private String caseOf(Task task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult()
                .getBusinessKey();
    }

    @Test
    void routineTaskGetsBusinessDayDeadlinesFromThePolicy() {
        Task assessment = assessmentOpenedMonday();

        // needsAssessment, routine, no risk yet: reminder after 5 business days, due after 10, second escalation 5 later
        assertThat(assessment.getFollowUpDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 9, 10, 0)));
        assertThat(assessment.getDueDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 16, 10, 0)));
        assertThat(timeout(assessment, "slaSecondEscalation").getDuedate())
                .isEqualTo(local(LocalDateTime.of(2026, 3, 23, 10, 0)));
        assertThat(assessment.getPriority()).isEqualTo(SlaPriority.ROUTINE.taskPriority());
        assertThat(jdbc.sql("SELECT policy_version FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void reminderBreachAndSecondEscalationEachHappenOnceAndStopWhenTheTaskIsDone() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);

        fire(assessment, "slaGoal");
        assertThat(taskService.getVariableLocal(assessment.getId(), "slaState")).isEqualTo("AT_RISK");
        String caseManager = assessment.getAssignee();
        assertThat(caseManager).as("the case's case manager works the assessment").isIn("mary", "liam");
        assertThat(outbox(caseNumber, "SLA_REMINDER")).containsExactly(caseManager);
        assertThat(breaches(assessment.getId(), 1)).isZero();

        Job deadline = timeout(assessment, "slaDeadline");
        fire(assessment, "slaDeadline");
        Task overdue = taskService.createTaskQuery().taskId(assessment.getId()).singleResult();
        assertThat(taskService.getVariableLocal(assessment.getId(), "slaState")).isEqualTo("OVERDUE");
        assertThat(overdue.getPriority()).isEqualTo(SlaPriority.ROUTINE.taskPriority() + SlaEscalations.OVERDUE_PRIORITY_RAISE);
        assertThat(breaches(assessment.getId(), 1)).isOne();
        Task escalation = openTask(caseNumber, "escalation");
        assertThat(escalation.getAssignee()).as("the team's only supervisor").isEqualTo("sam");
        assertThat(outbox(caseNumber, "SLA_ESCALATION")).containsExactly("sam");
        assertThat(outbox(caseNumber, "SLA_OVERDUE")).containsExactly(caseManager);
        assertThat(managementService.createJobQuery().jobId(deadline.getId()).count())
                .as("the deadline's job is gone once run: it cannot escalate twice").isZero();
        JsonNode breachView = api.read(api.call("sam", org.springframework.http.HttpMethod.GET,
                "/api/sla/breaches?team=team-mental-health", null));
        assertThat(breachView.get("breaches").findValuesAsText("caseNumber")).as("the supervisors' SLA view").contains(caseNumber);
        String metrics = api.call(null, org.springframework.http.HttpMethod.GET, "/actuator/prometheus", null).getBody();
        assertThat(metrics).containsPattern("caseway_sla_breaches_total\\{[^}]*task_key=\"needsAssessment\"[^}]*\\} [1-9]");

        fire(assessment, "slaSecondEscalation");
        assertThat(breaches(assessment.getId(), 2)).isOne();
        List<Task> escalations = taskService.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey("escalation").list();
        assertThat(escalations).hasSize(2);
        assertThat(outbox(caseNumber, "SLA_SECOND_ESCALATION")).containsExactly("pat");
        assertThat(managementService.createJobQuery().executionId(assessment.getExecutionId()).count())
                .as("nothing left to fire").isZero();

        api.complete(caseManager, caseNumber, "needsAssessment", values("needHealth", "NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Low mood"));

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey("escalation")
                .count()).as("escalations end with the late task").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sla_breach WHERE task_id = ? AND completed_at IS NOT NULL")
                .param(assessment.getId()).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT end_reason FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                .query(String.class).single()).isEqualTo("COMPLETED");
        assertThat(timeline(caseNumber)).contains("SLA_REMINDER", "SLA_BREACH", "SLA_SECOND_ESCALATION",
                "SLA_ESCALATION_CLOSED");
    }

    @Test
    void completionBeforeTheGoalStopsEveryTimer() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        assertThat(managementService.createJobQuery().executionId(assessment.getExecutionId()).count()).isEqualTo(3);

        api.complete(assessment.getAssignee(), caseNumber, "needsAssessment", values("needHealth", "NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Low mood"));

        assertThat(managementService.createJobQuery().executionId(assessment.getExecutionId()).count()).isZero();
        assertThat(breaches(assessment.getId(), 1) + breaches(assessment.getId(), 2)).isZero();
    }

    @Test
    void completionAfterTheBreachStopsTheSecondEscalation() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        fire(assessment, "slaDeadline");
        Job second = timeout(assessment, "slaSecondEscalation");
        assertThat(second).isNotNull();

        api.complete(assessment.getAssignee(), caseNumber, "needsAssessment", values("needHealth", "NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Low mood"));

        assertThat(managementService.createJobQuery().jobId(second.getId()).count()).isZero();
        assertThat(breaches(assessment.getId(), 2)).isZero();
    }

    @Test
    void crisisWorkCountsHoursAroundTheClock() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        clockAt(LocalDateTime.of(2026, 3, 7, 3, 0)); // Saturday 03:00

        ResponseEntity<String> reported = api.call("mary", org.springframework.http.HttpMethod.POST,
                "/api/cases/" + caseNumber + "/crisis", "{\"description\": \"Client in danger\", \"severity\": \"HIGH\"}");
        assertThat(reported.getStatusCode().value()).as(reported.getBody()).isLessThan(300);

        Task response = openTask(caseNumber, "crisisResponse");
        assertThat(response.getDueDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 7, 4, 0)));
        assertThat(response.getFollowUpDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 7, 3, 30)));
        assertThat(response.getPriority()).isEqualTo(100);
        Task review = openTask(caseNumber, "crisisReview");
        assertThat(review.getDueDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 7, 5, 0)));
    }

    @Test
    void aRedeployedPolicyGovernsTasksCreatedAfterwards() throws Exception {
        String original = new String(getClass().getResourceAsStream("/processes/sla-policy.dmn").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String changed = original.replace(
                "<description>Routine evaluation within ten business days (CCBHC)</description>",
                "<description>Routine evaluation within three business days</description>")
                .replaceFirst("(Routine evaluation within three business days</description>(?:\\s*<inputEntry[^\\n]*\\n){3}\\s*"
                        + "<outputEntry id=\"[^\"]+\"><text>)\"P5D\"(</text></outputEntry>\\s*<outputEntry id=\"[^\"]+\"><text>)\"P10D\"",
                        "$1\"P1D\"$2\"P3D\"");
        assertThat(changed).contains("\"P3D\"").isNotEqualTo(original);
        String deployment = repositoryService.createDeployment().name("sla-policy change")
                .addString("sla-policy.dmn", changed).deploy().getId();
        try {
            Task assessment = assessmentOpenedMonday();
            assertThat(assessment.getDueDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 5, 10, 0)));
            assertThat(jdbc.sql("SELECT policy_version FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                    .query(Integer.class).single()).isEqualTo(2);
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
        Task next = assessmentOpenedMonday();
        assertThat(next.getDueDate()).as("back to version 1").isEqualTo(local(LocalDateTime.of(2026, 3, 16, 10, 0)));
    }

    @Test
    void supervisorExtendsTheDeadlineWithAReason() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        fire(assessment, "slaDeadline"); // Monday 16 March 10:00

        ResponseEntity<String> noReason = api.submit("sam", caseNumber, "escalation",
                values("escalationAction", "EXTEND", "newDeadline", "2026-03-18"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody()).contains("extensionReason");

        api.complete("sam", caseNumber, "escalation", values("escalationAction", "EXTEND", "newDeadline", "2026-03-18",
                "extensionReason", "Client in hospital until Tuesday"));

        Instant newDue = LocalDateTime.of(2026, 3, 18, 17, 0).atZone(zone).toInstant();
        assertThat(taskService.createTaskQuery().taskId(assessment.getId()).singleResult().getDueDate())
                .isEqualTo(Date.from(newDue));
        Job rearmed = timeout(assessment, "slaDeadline");
        assertThat(rearmed).as("the new deadline is watched again").isNotNull();
        assertThat(rearmed.getDuedate()).isEqualTo(Date.from(newDue));
        assertThat(jdbc.sql("SELECT resolution FROM sla_breach WHERE task_id = ?").param(assessment.getId())
                .query(String.class).single()).isEqualTo("EXTENDED");
        assertThat(timeline(caseNumber)).contains("DEADLINE_EXTENDED");
        assertThat(String.join(" ", jdbc.sql("SELECT summary FROM timeline_entry").query(String.class).list()))
                .doesNotContain("hospital");

        fire(assessment, "slaDeadline");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sla_breach WHERE task_id = ? AND level = 1").param(assessment.getId())
                .query(Long.class).single()).as("a missed extended deadline is a new breach").isEqualTo(2);
    }

    @Test
    void supervisorReassignsTheLateTaskWithinTheTeam() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        fire(assessment, "slaDeadline");

        ResponseEntity<String> otherTeam = api.submit("sam", caseNumber, "escalation",
                values("escalationAction", "REASSIGN", "reassignTo", "john"));
        assertThat(otherTeam.getStatusCode().value()).isEqualTo(400);
        assertThat(otherTeam.getBody()).contains("reassignTo");

        String colleague = "mary".equals(assessment.getAssignee()) ? "liam" : "mary";
        ResponseEntity<String> sameOne = api.submit("sam", caseNumber, "escalation",
                values("escalationAction", "REASSIGN", "reassignTo", assessment.getAssignee()));
        assertThat(sameOne.getStatusCode().value()).isEqualTo(400);
        api.complete("sam", caseNumber, "escalation", values("escalationAction", "REASSIGN", "reassignTo", colleague));

        assertThat(taskService.createTaskQuery().taskId(assessment.getId()).singleResult().getAssignee()).isEqualTo(colleague);
        assertThat(outbox(caseNumber, "TASK_REASSIGNED")).containsExactly(colleague);
        JsonNode notAllowed = api.read(api.call("mary", org.springframework.http.HttpMethod.GET,
                "/engine-rest/task?taskDefinitionKey=escalation&processInstanceBusinessKey=" + caseNumber + "&maxResults=10", null));
        assertThat(notAllowed.size()).as("case managers do not see their supervisor's escalations").isZero();
    }

    private static Map<String, Object> assessment() {
        return values("needHealth", "NEED", "needMentalHealth", "NEED", "needHousing", "NO_NEED", "needIncome", "NO_NEED",
                "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED", "needSubstanceUse", "NO_NEED",
                "riskLevel", "MEDIUM", "riskReason", "Low mood");
    }

    @Test
    void aLateTaskCancelledByTheFlowClosesItsEscalation() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        fire(assessment, "slaDeadline");

        ResponseEntity<String> closure = api.call("sam", org.springframework.http.HttpMethod.POST,
                "/api/cases/" + caseNumber + "/closure-request", "{\"reason\": \"CLIENT_REQUEST\"}");

        assertThat(closure.getStatusCode().value()).as(closure.getBody()).isEqualTo(202);
        assertThat(openTask(caseNumber, "escalation")).as("the escalation ends with the cancelled task").isNull();
        assertThat(jdbc.sql("SELECT resolution FROM sla_breach WHERE task_id = ?").param(assessment.getId())
                .query(String.class).single()).isEqualTo("TASK_CANCELLED");
        assertThat(jdbc.sql("SELECT end_reason FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                .query(String.class).single()).isEqualTo("CANCELLED");
    }

    @Test
    void aSubmittedLateTaskIsRefusedAndTheLateTaskComesFromTheBreachRecord() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        Task other = assessmentOpenedMonday();
        fire(assessment, "slaDeadline");
        String colleague = "mary".equals(assessment.getAssignee()) ? "liam" : "mary";
        String otherAssignee = other.getAssignee();

        ResponseEntity<String> redirected = api.submit("sam", caseNumber, "escalation", values("escalationAction", "REASSIGN",
                "reassignTo", colleague, "escalatedTaskId", other.getId()));
        assertThat(redirected.getStatusCode().value()).as(redirected.getBody()).isEqualTo(400);
        assertThat(redirected.getBody()).contains("escalatedTaskId");
        assertThat(taskService.createTaskQuery().taskId(assessment.getId()).singleResult().getAssignee())
                .as("refused: nothing changed").isEqualTo(assessment.getAssignee());
        // the level sent back as the number 1 (an Integer) for the stored 1L would break the flow's reading of it
        ResponseEntity<String> level = api.submit("sam", caseNumber, "escalation", values("escalationAction", "REASSIGN",
                "reassignTo", colleague, "escalationLevel", 1));
        assertThat(level.getStatusCode().value()).as(level.getBody()).isEqualTo(400);
        assertThat(level.getBody()).contains("escalationLevel");

        api.complete("sam", caseNumber, "escalation", values("escalationAction", "REASSIGN", "reassignTo", colleague));

        assertThat(taskService.createTaskQuery().taskId(assessment.getId()).singleResult().getAssignee()).isEqualTo(colleague);
        assertThat(taskService.createTaskQuery().taskId(other.getId()).singleResult().getAssignee())
                .as("a task of another case, named in a submitted variable, is untouched").isEqualTo(otherAssignee);
    }

    @Test
    void aSupervisorsOwnLateTaskIsNotEscalatedToThemButToTheProgramManagers() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        api.complete(assessment.getAssignee(), caseNumber, "needsAssessment", assessment());
        String future = java.time.LocalDate.of(2026, 9, 1).toString();
        api.complete(assessment.getAssignee(), caseNumber, "servicePlan", values("goal1", "Sleep better",
                "goal1TargetDate", future, "service1Type", "COUNSELLING", "service1Provider", "Northside Clinic",
                "service1TargetDate", future, "service1Goal", "1", "clientAgreesToPlan", true));
        Task approval = openTask(caseNumber, "approveServicePlan");
        assertThat(approval.getAssignee()).isEqualTo("sam");

        fire(approval, "slaDeadline");

        Task escalation = openTask(caseNumber, "escalation");
        assertThat(escalation.getAssignee()).isNull();
        assertThat(taskService.getIdentityLinksForTask(escalation.getId())).extracting(link -> link.getGroupId())
                .containsExactly("program-managers");
        assertThat(taskService.getVariableLocal(escalation.getId(), "caseSummary"))
                .as("no client data on an escalation").isNull();
        ResponseEntity<String> toCaseManager = api.submit("pat", caseNumber, "escalation",
                values("escalationAction", "REASSIGN", "reassignTo", assessment.getAssignee()));
        assertThat(toCaseManager.getStatusCode().value()).isEqualTo(400);
        assertThat(toCaseManager.getBody()).contains("reassignTo").contains("supervisor");
    }

    @Test
    void anExtendedDeadlinesSecondEscalationCountsWorkingDays() {
        Task assessment = assessmentOpenedMonday();
        String caseNumber = caseOf(assessment);
        fire(assessment, "slaDeadline"); // Monday 16 March 10:00

        api.complete("sam", caseNumber, "escalation", values("escalationAction", "EXTEND", "newDeadline", "2026-03-19",
                "extensionReason", "Waiting for the hospital's report"));

        // due Thursday 19 March 17:00 (closing: counting starts at Friday's opening); 5 working days later is
        // Friday 27 March 09:00, in working days like the policy says
        assertThat(timeout(assessment, "slaSecondEscalation").getDuedate())
                .isEqualTo(local(LocalDateTime.of(2026, 3, 27, 9, 0)));
    }

    @Test
    void clocksOfTasksThatEndedWithoutTheirListenersAreStopped() {
        Task assessment = assessmentOpenedMonday();
        runtimeService.deleteProcessInstance(assessment.getProcessInstanceId(), "removed in Cockpit", true);
        assertThat(jdbc.sql("SELECT ended_at FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                .query(java.time.OffsetDateTime.class).optional()).as("no listener ran").isEmpty();

        assertThat(reconciler.stopClocksOfVanishedTasks()).isPositive();

        assertThat(jdbc.sql("SELECT end_reason FROM sla_clock WHERE task_id = ?").param(assessment.getId())
                .query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(reconciler.stopClocksOfVanishedTasks()).as("nothing left to stop").isZero();
    }

    @Test
    void aTaskMarkedByTheApplySlaTemplateGetsTheWholeSlaBlock() {
        clockAt(LocalDateTime.of(2026, 3, 2, 10, 0));
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String model = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="http://caseway.org/test" id="definitions_applySla">
                  <process id="apply-sla-check" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="followUpContact"/>
                    <userTask id="followUpContact" name="Follow-up contact" camunda:candidateGroups="case-managers">
                      <extensionElements>
                        <camunda:properties><camunda:property name="caseway.sla" value="policy"/></camunda:properties>
                      </extensionElements>
                    </userTask>
                    <sequenceFlow id="f2" sourceRef="followUpContact" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""";
        String deployment = repositoryService.createDeployment().addString("apply-sla-check.bpmn", model).deploy().getId();
        try {
            runtimeService.startProcessInstanceByKey("apply-sla-check", caseNumber);
            Task task = taskService.createTaskQuery().processDefinitionKey("apply-sla-check")
                    .processInstanceBusinessKey(caseNumber).singleResult();

            // followUpContact, routine, no risk yet: reminder after 3 working days, due after 5, second 3 later
            assertThat(task.getDueDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 9, 10, 0)));
            assertThat(task.getFollowUpDate()).isEqualTo(local(LocalDateTime.of(2026, 3, 5, 10, 0)));
            for (String timeout : List.of("slaGoal", "slaDeadline", "slaSecondEscalation")) {
                assertThat(timeout(task, timeout)).as(timeout).isNotNull();
            }
            fire(task, "slaDeadline");
            assertThat(breaches(task.getId(), 1)).isOne();
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }
}
