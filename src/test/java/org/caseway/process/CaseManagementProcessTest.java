package org.caseway.process;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.caseway.process.ProcessTestSupport.CONFERENCE_PARTICIPANTS;
import static org.caseway.process.ProcessTestSupport.NOW;
import static org.caseway.process.ProcessTestSupport.moveClockTo;
import static org.caseway.process.ProcessTestSupport.now;
import static org.caseway.process.ProcessTestSupport.plusDays;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.ProcessTestSupport.Beans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every path of the case-management model, with the processes it calls deployed as they are (call
 * activities bind to the latest version): the called instances share the case number as business key.
 */
@Deployment(resources = {"processes/case-management.bpmn", "processes/contact-cadence.dmn",
        "processes/service-planning.bpmn", "processes/service-coordination.bpmn", "processes/case-reassessment.bpmn",
        "processes/case-conference.bpmn", "processes/crisis-intervention.bpmn", "processes/case-closure.bpmn"})
class CaseManagementProcessTest {

    private static final String CASE = "CW-2026-000001";

    private static final String CRISIS = "crisis-intervention";
    private static final String PLANNING = "service-planning";
    private static final String REASSESSMENT = "case-reassessment";
    private static final String CONFERENCE = "case-conference";
    private static final String CLOSURE = "case-closure";

    private static final String ACTIVE_CASE = "subProcess_activeCase";
    private static final String CONTACT_TIMER = "timer_nextContactDue";
    private static final String REASSESSMENT_TIMER = "startEvent_reassessmentScheduled";
    private static final String POST_CLOSURE_TIMER = "timer_postClosureCheckDue";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    private Beans beans;

    @BeforeEach
    void setUp() {
        // the Spring Boot tests' engine may live in the same JVM: assert against this one
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.startClock();
        beans = ProcessTestSupport.registerBeans(List.of("P1S1", "P1S2"), List.of("P2S3"), CONFERENCE_PARTICIPANTS);
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ProcessTestSupport.resetClock();
    }

    // ---------------------------------------------------------------- intake

    @Test
    void notEligibleEndsAtIntakeWithReferralElsewhere() {
        ProcessInstance instance = openCase("CLINICAL");

        assertThat(instance).isWaitingAt(Tasks.INTAKE);
        assertThat(task(Tasks.INTAKE)).hasCandidateGroup("intake");
        completeTask(Tasks.INTAKE, "intakeOutcome", "NOT_ELIGIBLE", "urgentRisk", false);

        assertThat(instance).isEnded().hasPassed("CaseNotEligible")
                .hasNotPassed("callActivity_intakeCrisis", ACTIVE_CASE, Tasks.NEEDS_ASSESSMENT);
    }

    @Test
    void acceptedCaseGetsItsCaseManagerBeforeActiveCare() {
        ProcessInstance instance = openCase("CLINICAL");
        completeTask(Tasks.INTAKE, "intakeOutcome", "ACCEPTED", "urgentRisk", false);

        assertThat(instance).hasPassedInOrder("serviceTask_assignCaseManager", "gateway_caseManagerChosen")
                .hasNotPassed(Tasks.ASSIGN_CASE_MANAGER).isWaitingAt(Tasks.NEEDS_ASSESSMENT);
        assertThat(instance).variables().containsEntry("caseManager", "mary");
    }

    @Test
    void nobodyEligibleGivesTheSupervisorsAnAssignmentTask() {
        Mocks.register("assignCaseManagerDelegate", ProcessTestSupport.NOBODY_ELIGIBLE);
        ProcessInstance instance = openCase("CLINICAL");
        completeTask(Tasks.INTAKE, "intakeOutcome", "ACCEPTED", "urgentRisk", false);

        assertThat(instance).isWaitingAt(Tasks.ASSIGN_CASE_MANAGER).hasNotPassed(Tasks.NEEDS_ASSESSMENT);
        assertThat(task(Tasks.ASSIGN_CASE_MANAGER)).hasCandidateGroup("supervisors");
        completeTask(Tasks.ASSIGN_CASE_MANAGER, "caseManager", "liam");
        assertThat(instance).isWaitingAt(Tasks.NEEDS_ASSESSMENT);
    }

    @Test
    void imminentRiskAtIntakeGoesToCrisisResponseBeforeNeedsAssessment() {
        ProcessInstance instance = openCase("CLINICAL");
        completeTask(Tasks.INTAKE, "intakeOutcome", "ACCEPTED", "urgentRisk", true);

        assertThat(instance).isWaitingAtExactly("callActivity_intakeCrisis");
        ProcessInstance crisis = single(CRISIS);
        assertThat(crisis).hasBusinessKey(CASE).isWaitingAt("crisisReview", "crisisResponse");
        Assertions.assertThat(runtimeService().getVariables(crisis.getId()))
                .containsEntry("caseNumber", CASE).containsEntry("crisisId", "C1");
        Assertions.assertThat(taskQuery().taskDefinitionKey(Tasks.NEEDS_ASSESSMENT).count()).isZero();

        resolveCrisis(crisis, "MONITORING");

        assertThat(crisis).isEnded().hasPassed("endEvent_crisisStabilised");
        assertThat(instance).isWaitingAtExactly(inActiveCare(Tasks.NEEDS_ASSESSMENT))
                .hasPassedInOrder(Tasks.INTAKE, "callActivity_intakeCrisis", "gateway_eligible");
    }

    // ---------------------------------------------------------------- the whole way, goals met

    @Test
    void acceptedCaseRunsThroughPlanningServicesMonitoringAndClosureToThePostClosureCheck() {
        ProcessInstance instance = openCase("CLINICAL");
        assertThat(instance).isWaitingAt(Tasks.INTAKE);
        completeTask(Tasks.INTAKE, "intakeOutcome", "ACCEPTED", "urgentRisk", false);

        assertThat(instance).isWaitingAtExactly(inActiveCare(Tasks.NEEDS_ASSESSMENT));
        assertThat(task(Tasks.NEEDS_ASSESSMENT)).hasCandidateGroup("case-managers");
        completeTask(Tasks.NEEDS_ASSESSMENT, "riskLevel", "HIGH");

        // service planning: returned once, then approved
        assertThat(instance).isWaitingAtExactly(inActiveCare("callActivity_servicePlanning"));
        ProcessInstance planning = single(PLANNING);
        assertThat(planning).hasBusinessKey(CASE).isWaitingAt(Tasks.SERVICE_PLAN);
        Assertions.assertThat(runtimeService().getVariable(planning.getId(), "riskLevel")).isEqualTo("HIGH");
        completeTask(Tasks.SERVICE_PLAN);
        assertThat(task(Tasks.APPROVE_SERVICE_PLAN)).hasCandidateGroup("supervisors");
        completeTask(Tasks.APPROVE_SERVICE_PLAN, "planDecision", "RETURNED", "reviewComments", "Add a housing goal");
        assertThat(planning).isWaitingAt(Tasks.SERVICE_PLAN);
        completeTask(Tasks.SERVICE_PLAN);
        completeTask(Tasks.APPROVE_SERVICE_PLAN, "planDecision", "APPROVED");
        assertThat(planning).isEnded().hasPassed("endEvent_planApproved");

        // one clinical service-coordination instance per planned service
        assertThat(instance).isWaitingAt("callActivity_coordinateServices");
        List<ProcessInstance> services = all(CaseProcess.SERVICE_COORDINATION_KEY);
        Assertions.assertThat(services).hasSize(2);
        Assertions.assertThat(services).extracting(s -> runtimeService().getVariable(s.getId(), "serviceId"))
                .containsExactlyInAnyOrder(CASE + "-P1S1", CASE + "-P1S2");
        deliverEveryService();

        // monitoring at the high-risk cadence, twice
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        assertThat(contactTimer(instance)).hasDueDate(plusDays(NOW, 7));
        Assertions.assertThat(runtimeService().getVariable(instance.getId(), "contactInterval")).isEqualTo("P7D");
        contactFallsDue(instance);
        assertThat(task(Tasks.FOLLOW_UP_CONTACT)).hasCandidateGroup("case-managers");
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE"));
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        assertThat(contactTimer(instance)).hasDueDate(plusDays(NOW, 14));
        contactFallsDue(instance);

        // goals met: closure proposed, returned once
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("PROPOSE_CLOSURE"));
        assertThat(instance).isWaitingAtExactly("callActivity_closure")
                .hasPassed("endEvent_closureProposed").hasNotPassed("boundary_closureRequested");
        ProcessInstance closure = single(CLOSURE);
        assertThat(closure).hasBusinessKey(CASE).isWaitingAt(Tasks.CLOSURE_SUMMARY);
        assertThat(task(Tasks.CLOSURE_SUMMARY)).hasCandidateGroup("case-managers");
        completeTask(Tasks.CLOSURE_SUMMARY);
        assertThat(task(Tasks.APPROVE_CLOSURE)).hasCandidateGroup("supervisors");
        completeTask(Tasks.APPROVE_CLOSURE, "closureDecision", "RETURNED", "closureReviewComments", "Check goal 2");

        // returned: back to monitoring, not to needs assessment or planning
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        Assertions.assertThat(timesPassed(instance, Tasks.NEEDS_ASSESSMENT)).isEqualTo(1);
        Assertions.assertThat(timesPassed(instance, "callActivity_servicePlanning")).isEqualTo(1);
        Assertions.assertThat(timesPassed(instance, "callActivity_coordinateServices#multiInstanceBody")).isEqualTo(1);
        assertThat(contactTimer(instance)).hasDueDate(plusDays(now(), 7));
        contactFallsDue(instance);
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("PROPOSE_CLOSURE"));

        ProcessInstance secondClosure = single(CLOSURE);
        Assertions.assertThat(secondClosure.getId()).isNotEqualTo(closure.getId());
        completeTask(Tasks.CLOSURE_SUMMARY);
        completeTask(Tasks.APPROVE_CLOSURE, "closureDecision", "APPROVED");

        // closed, checked 30 days later, then the record is complete
        assertThat(instance).hasPassed("CaseClosed").isWaitingAtExactly(POST_CLOSURE_TIMER);
        Date closedAt = now();
        Job postClosure = job(instance, POST_CLOSURE_TIMER);
        assertThat(postClosure).hasDueDate(plusDays(closedAt, 30));
        moveClockTo(postClosure.getDuedate());
        execute(postClosure);
        assertThat(instance).isWaitingAtExactly("postClosureCheck");
        assertThat(task("postClosureCheck")).hasCandidateGroup("case-managers");
        completeTask("postClosureCheck");

        assertThat(instance).isEnded().hasPassed("endEvent_caseEnded").hasPassedInOrder(Tasks.INTAKE,
                Tasks.NEEDS_ASSESSMENT, "callActivity_servicePlanning", "callActivity_coordinateServices",
                Tasks.FOLLOW_UP_CONTACT, "callActivity_closure", "CaseClosed", "postClosureCheck");
        Assertions.assertThat(timesPassed(instance, "callActivity_closure")).isEqualTo(2);
        Assertions.assertThat(timesPassed(instance, ACTIVE_CASE)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} risk: next contact every {1} days")
    @CsvSource({"HIGH, 7", "MEDIUM, 14", "LOW, 30"})
    void contactRepeatsAtTheCadenceOfTheRiskLevel(String riskLevel, int days) {
        ProcessInstance instance = caseInMonitoring("CLINICAL", riskLevel);

        assertThat(contactTimer(instance)).hasDueDate(plusDays(NOW, days));
        contactFallsDue(instance);
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE"));

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER)).hasPassed(Tasks.FOLLOW_UP_CONTACT);
        assertThat(contactTimer(instance)).hasDueDate(plusDays(NOW, 2 * days));
        contactFallsDue(instance);
        assertThat(instance).isWaitingAtExactly(inActiveCare(Tasks.FOLLOW_UP_CONTACT));
        Assertions.assertThat(timesPassed(instance, "businessRuleTask_contactCadence")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- crises

    @Test
    void crisisDuringServicePlanningLeavesTheServicePlanOpen() {
        ProcessInstance instance = acceptedCase("CLINICAL", "MEDIUM");
        assertThat(instance).isWaitingAtExactly(inActiveCare("callActivity_servicePlanning"));
        String servicePlanTask = task(Tasks.SERVICE_PLAN).getId();

        reportCrisis("C7");

        assertThat(instance).isWaitingAtExactly(
                inActiveCare("callActivity_servicePlanning", "eventSubProcess_crisis", "callActivity_crisis"));
        ProcessInstance crisis = single(CRISIS);
        assertThat(crisis).hasBusinessKey(CASE).isWaitingAt("crisisReview", "crisisResponse");
        Assertions.assertThat(runtimeService().getVariables(crisis.getId()))
                .containsEntry("crisisId", "C7").containsEntry("riskLevel", "MEDIUM");
        Assertions.assertThat(task(Tasks.SERVICE_PLAN).getId()).isEqualTo(servicePlanTask);

        resolveCrisis(crisis, "MONITORING");

        assertThat(instance).isWaitingAtExactly(inActiveCare("callActivity_servicePlanning"))
                .hasPassed("endEvent_crisisHandled");
        Assertions.assertThat(task(Tasks.SERVICE_PLAN).getId()).isEqualTo(servicePlanTask);
        completeTask(Tasks.SERVICE_PLAN);
        completeTask(Tasks.APPROVE_SERVICE_PLAN, "planDecision", "APPROVED");
        assertThat(instance).isWaitingAt("callActivity_coordinateServices");
    }

    @Test
    void twoConcurrentCrisesEachGetTheirOwnCrisisIntervention() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "HIGH");

        reportCrisis("C1");
        reportCrisis("C2");

        List<ProcessInstance> crises = all(CRISIS);
        Assertions.assertThat(crises).hasSize(2).allSatisfy(c -> assertThat(c).hasBusinessKey(CASE));
        Assertions.assertThat(crises).extracting(c -> runtimeService().getVariable(c.getId(), "crisisId"))
                .containsExactlyInAnyOrder("C1", "C2");
        Assertions.assertThat(taskQuery().taskDefinitionKey("crisisResponse").count()).isEqualTo(2);
        Assertions.assertThat(taskQuery().taskDefinitionKey("crisisReview").count()).isEqualTo(2);
        Assertions.assertThat(runtimeService().createExecutionQuery().processInstanceId(instance.getId())
                .activityId("callActivity_crisis").count()).isEqualTo(2);
        assertThat(instance).isWaitingAt(CONTACT_TIMER);

        ProcessInstance first = crises.get(0);
        ProcessInstance second = crises.get(1);
        resolveCrisis(first, "MONITORING");
        assertThat(first).isEnded();
        assertThat(second).isNotEnded();
        assertThat(instance).isWaitingAtExactly(
                inActiveCare(CONTACT_TIMER, "eventSubProcess_crisis", "callActivity_crisis"));

        resolveCrisis(second, "MONITORING");
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        Assertions.assertThat(timesPassed(instance, "endEvent_crisisHandled")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- after a follow-up contact

    @Test
    void threeMissedContactsThenFailedOutreachGoesToClosureForLostContact() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "MEDIUM");
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "missedContacts", 3L));

        assertThat(instance).isWaitingAtExactly(inActiveCare("outreach"));
        assertThat(task("outreach")).hasCandidateGroup("case-managers");
        completeTask("outreach", "outreachOutcome", "FAILED");

        assertThat(instance).hasPassed("endEvent_lostContact").isWaitingAtExactly("callActivity_closure");
        Assertions.assertThat(jobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(single(CLOSURE)).isWaitingAt(Tasks.CLOSURE_SUMMARY);
        completeTask(Tasks.CLOSURE_SUMMARY);
        completeTask(Tasks.APPROVE_CLOSURE, "closureDecision", "APPROVED");
        assertThat(instance).hasPassed("CaseClosed").isWaitingAtExactly(POST_CLOSURE_TIMER);
    }

    @Test
    void threeMissedContactsThenClientReachedContinuesMonitoring() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "LOW");
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "missedContacts", 4L));
        assertThat(instance).isWaitingAtExactly(inActiveCare("outreach"));
        completeTask("outreach", "outreachOutcome", "REACHED");

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER)).hasNotPassed("endEvent_lostContact");
        assertThat(contactTimer(instance)).hasDueDate(plusDays(now(), 30));
        Assertions.assertThat(all(CLOSURE)).isEmpty();
    }

    @Test
    void significantChangeWithPlanChangeRevisesThePlanAndCoordinatesTheChangedServices() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "MEDIUM");
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "significantChange", true));

        assertThat(instance).isWaitingAtExactly(inActiveCare("callActivity_changeReassessment"));
        ProcessInstance reassessment = single(REASSESSMENT);
        assertThat(reassessment).hasBusinessKey(CASE).isWaitingAt("reassessment");
        assertThat(task("reassessment")).hasCandidateGroup("case-managers");
        completeTask("reassessment", "planChangeNeeded", "YES");

        assertThat(reassessment).isWaitingAt("callActivity_revisePlan");
        ProcessInstance planning = single(PLANNING);
        Assertions.assertThat(planning.getBusinessKey()).isEqualTo(CASE);
        completeTask(Tasks.SERVICE_PLAN);
        completeTask(Tasks.APPROVE_SERVICE_PLAN, "planDecision", "APPROVED");

        assertThat(reassessment).isWaitingAt("callActivity_coordinateChangedServices");
        List<ProcessInstance> changed = all(CaseProcess.SERVICE_COORDINATION_KEY);
        Assertions.assertThat(changed).extracting(s -> runtimeService().getVariable(s.getId(), "serviceId"))
                .containsExactly(CASE + "-P2S3");
        deliverEveryService();

        assertThat(reassessment).isEnded().hasPassed("endEvent_planRevised");
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER))
                .hasPassed("callActivity_changeReassessment");
        assertThat(contactTimer(instance)).hasDueDate(plusDays(now(), 14));
        Assertions.assertThat(timesPassed(instance, Tasks.NEEDS_ASSESSMENT)).isEqualTo(1);
    }

    @Test
    void significantChangeWithoutPlanChangeContinuesMonitoring() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "MEDIUM");
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "significantChange", true));
        ProcessInstance reassessment = single(REASSESSMENT);
        completeTask("reassessment", "planChangeNeeded", "NO");

        assertThat(reassessment).isEnded().hasPassed("endEvent_monitoringContinues")
                .hasNotPassed("callActivity_revisePlan");
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        Assertions.assertThat(all(PLANNING)).isEmpty();
    }

    @Test
    void reassessedRiskLevelSetsTheNextContactCadence() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "LOW");
        contactFallsDue(instance);
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "significantChange", true));

        completeTask("reassessment", "planChangeNeeded", "NO", "riskLevel", "HIGH");

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        Assertions.assertThat(runtimeService().getVariable(instance.getId(), "riskLevel")).isEqualTo("HIGH");
        assertThat(contactTimer(instance)).hasDueDate(plusDays(now(), 7));
    }

    @Test
    void highRiskWithoutProgressOverTwoContactsCallsACaseConference() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "HIGH");
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "noProgressContacts", 2L));

        assertThat(instance).isWaitingAtExactly(inActiveCare("callActivity_noProgressConference"));
        ProcessInstance conference = single(CONFERENCE);
        assertThat(conference).hasBusinessKey(CASE).isWaitingAt("conferenceInput");
        giveConferenceInputs();
        completeTask("conferenceOutcome", "planChangeNeeded", "NO");

        assertThat(conference).isEnded().hasPassed("endEvent_conferenceHeld");
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER))
                .hasPassed("callActivity_noProgressConference");
    }

    @ParameterizedTest(name = "{0} risk, {1} contacts without progress: keep monitoring")
    @CsvSource({"HIGH, 1", "MEDIUM, 2", "LOW, 5"})
    void noConferenceUnlessHighRiskWithoutProgressOverTwoContacts(String riskLevel, long noProgressContacts) {
        ProcessInstance instance = caseInMonitoring("CLINICAL", riskLevel);
        contactFallsDue(instance);

        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE", "noProgressContacts", noProgressContacts));

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER))
                .hasNotPassed("callActivity_noProgressConference",
                "callActivity_changeReassessment", "outreach", "endEvent_closureProposed");
    }

    // ---------------------------------------------------------------- requested and scheduled events

    @Test
    void requestedReassessmentRunsWhileMonitoringContinues() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "HIGH");

        runtimeService().createMessageCorrelation("ReassessmentRequested").processInstanceBusinessKey(CASE)
                .setVariable("reassessmentReason", "New diagnosis").correlate();

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER,
                "eventSubProcess_reassessmentRequested", "callActivity_requestedReassessment"));
        ProcessInstance reassessment = single(REASSESSMENT);
        assertThat(reassessment).hasBusinessKey(CASE).isWaitingAt("reassessment");
        Assertions.assertThat(runtimeService().getVariables(reassessment.getId()))
                .containsEntry("reassessmentReason", "New diagnosis").containsEntry("riskLevel", "HIGH");

        // the regular contact still falls due while the reassessment is open
        contactFallsDue(instance);
        assertThat(instance).isWaitingAtExactly(inActiveCare(Tasks.FOLLOW_UP_CONTACT,
                "eventSubProcess_reassessmentRequested", "callActivity_requestedReassessment"));
        completeTask(Tasks.FOLLOW_UP_CONTACT, contact("CONTINUE"));

        completeTask("reassessment", "planChangeNeeded", "NO");
        assertThat(reassessment).isEnded();
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER))
                .hasPassed("endEvent_requestedReassessmentDone");
    }

    @Test
    void scheduledReassessmentFiresEveryNinetyDays() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "LOW");

        Job scheduled = job(instance, REASSESSMENT_TIMER);
        assertThat(scheduled).hasDueDate(plusDays(NOW, 90));
        moveClockTo(scheduled.getDuedate());
        execute(scheduled);

        assertThat(instance).isWaitingAt("callActivity_scheduledReassessment", CONTACT_TIMER);
        ProcessInstance reassessment = single(REASSESSMENT);
        assertThat(reassessment).hasBusinessKey(CASE).isWaitingAt("reassessment");
        assertThat(job(instance, REASSESSMENT_TIMER)).hasDueDate(plusDays(NOW, 180));

        completeTask("reassessment", "planChangeNeeded", "NO");
        assertThat(instance).hasPassed("endEvent_scheduledReassessmentDone")
                .isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        assertThat(job(instance, REASSESSMENT_TIMER)).hasDueDate(plusDays(NOW, 180));
    }

    @Test
    void requestedConferenceAsksEachParticipantForInputThenForTheOutcome() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "MEDIUM");

        runtimeService().createMessageCorrelation("CaseConferenceRequested").processInstanceBusinessKey(CASE)
                .setVariable("conferenceId", "K7").correlate();

        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER,
                "eventSubProcess_conferenceRequested", "callActivity_requestedConference"));
        ProcessInstance conference = single(CONFERENCE);
        assertThat(conference).hasBusinessKey(CASE).isWaitingAt("conferenceInput");
        Assertions.assertThat(runtimeService().getVariable(conference.getId(), "conferenceId")).isEqualTo("K7");
        Assertions.assertThat(beans.conferences().askedFor()).isNotEmpty().containsOnly("K7");
        List<Task> inputs = taskQuery().taskDefinitionKey("conferenceInput").list();
        Assertions.assertThat(inputs).extracting(Task::getAssignee).containsExactlyInAnyOrder("mary", "john", "sam");

        giveConferenceInputs();
        assertThat(conference).isWaitingAt("conferenceOutcome");
        assertThat(task("conferenceOutcome")).hasCandidateGroup("case-managers");
        completeTask("conferenceOutcome", "planChangeNeeded", "NO");

        assertThat(conference).isEnded();
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER)).hasPassed("endEvent_conferenceDone");
    }

    @Test
    void closureRequestedDuringMonitoringInterruptsActiveCareAndGoesToClosure() {
        ProcessInstance instance = caseInMonitoring("CLINICAL", "MEDIUM");
        runtimeService().createMessageCorrelation("ReassessmentRequested").processInstanceBusinessKey(CASE).correlate();
        ProcessInstance reassessment = single(REASSESSMENT);

        runtimeService().createMessageCorrelation("ClosureRequested").processInstanceBusinessKey(CASE)
                .setVariable("closureReason", "CLIENT_REQUEST").correlate();

        assertThat(instance).hasPassed("boundary_closureRequested").isWaitingAtExactly("callActivity_closure")
                .hasNotPassed("endEvent_closureProposed");
        assertThat(reassessment).isEnded();
        Assertions.assertThat(jobQuery().processInstanceId(instance.getId()).count()).isZero();
        ProcessInstance closure = single(CLOSURE);
        Assertions.assertThat(runtimeService().getVariable(closure.getId(), "closureReason"))
                .isEqualTo("CLIENT_REQUEST");
        assertThat(closure).isWaitingAt(Tasks.CLOSURE_SUMMARY);
        completeTask(Tasks.CLOSURE_SUMMARY);
        completeTask(Tasks.APPROVE_CLOSURE, "closureDecision", "APPROVED");

        assertThat(instance).hasPassed("CaseClosed").isWaitingAtExactly(POST_CLOSURE_TIMER);
        assertThatCode(() -> runtimeService().createMessageCorrelation("ClosureRequested")
                .processInstanceBusinessKey(CASE).correlate()).isInstanceOf(Exception.class);
    }

    // ---------------------------------------------------------------- helpers

    /** The given activities, plus the active case sub process they (or the case's other work) run beside. */
    private static String[] inActiveCare(String... activityIds) {
        String[] ids = new String[activityIds.length + 1];
        ids[0] = ACTIVE_CASE;
        System.arraycopy(activityIds, 0, ids, 1, activityIds.length);
        return ids;
    }

    private ProcessInstance openCase(String model) {
        return runtimeService().startProcessInstanceByKey(CaseProcess.KEY, CASE, Map.of(
                "caseNumber", CASE, "caseType", "MENTAL_HEALTH", "model", model, "priority", "ROUTINE"));
    }

    /** Intake accepted without urgent risk, needs assessed: service planning has started. */
    private ProcessInstance acceptedCase(String model, String riskLevel) {
        ProcessInstance instance = openCase(model);
        completeTask(Tasks.INTAKE, "intakeOutcome", "ACCEPTED", "urgentRisk", false);
        completeTask(Tasks.NEEDS_ASSESSMENT, "riskLevel", riskLevel);
        return instance;
    }

    /** Plan approved at once, every planned service delivered: waiting for the first contact. */
    private ProcessInstance caseInMonitoring(String model, String riskLevel) {
        ProcessInstance instance = acceptedCase(model, riskLevel);
        completeTask(Tasks.SERVICE_PLAN);
        completeTask(Tasks.APPROVE_SERVICE_PLAN, "planDecision", "APPROVED");
        deliverEveryService();
        assertThat(instance).isWaitingAtExactly(inActiveCare(CONTACT_TIMER));
        return instance;
    }

    private void deliverEveryService() {
        List<Task> deliveries = taskQuery().taskDefinitionKey(Tasks.DELIVER_SERVICE).list();
        Assertions.assertThat(deliveries).isNotEmpty();
        deliveries.forEach(delivery -> complete(delivery));
    }

    /** Moves the clock to the next contact's due date and fires the timer. */
    private void contactFallsDue(ProcessInstance instance) {
        Job timer = contactTimer(instance);
        moveClockTo(timer.getDuedate());
        execute(timer);
        assertThat(instance).isWaitingAt(Tasks.FOLLOW_UP_CONTACT);
    }

    private Job contactTimer(ProcessInstance instance) {
        return job(instance, CONTACT_TIMER);
    }

    private static Job job(ProcessInstance instance, String activityId) {
        Job job = jobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("job of %s", activityId).isNotNull();
        return job;
    }

    /** What a follow-up contact routes on: nothing unusual unless {@code overrides} say so. */
    private static Map<String, Object> contact(String nextStep, Object... overrides) {
        Map<String, Object> variables = new HashMap<>(Map.of("nextStep", nextStep, "missedContacts", 0L,
                "significantChange", false, "noProgressContacts", 0L));
        for (int i = 0; i < overrides.length; i += 2) {
            variables.put((String) overrides[i], overrides[i + 1]);
        }
        return variables;
    }

    private void reportCrisis(String crisisId) {
        runtimeService().createMessageCorrelation("CrisisReported").processInstanceBusinessKey(CASE)
                .setVariable("crisisId", crisisId).correlate();
    }

    /** Supervisor review, crisis response and safety plan of one crisis-intervention instance. */
    private static void resolveCrisis(ProcessInstance crisis, String crisisOutcome) {
        complete(BpmnAwareTests.task("crisisReview", crisis));
        complete(BpmnAwareTests.task("crisisResponse", crisis));
        complete(BpmnAwareTests.task("safetyPlan", crisis), Map.of("crisisOutcome", crisisOutcome));
    }

    private static void giveConferenceInputs() {
        List<Task> inputs = taskQuery().taskDefinitionKey("conferenceInput").list();
        Assertions.assertThat(inputs).hasSize(CONFERENCE_PARTICIPANTS.size());
        inputs.forEach(input -> complete(input));
    }

    private static ProcessInstance single(String processDefinitionKey) {
        List<ProcessInstance> instances = all(processDefinitionKey);
        Assertions.assertThat(instances).as("running %s instances", processDefinitionKey).hasSize(1);
        return instances.get(0);
    }

    private static List<ProcessInstance> all(String processDefinitionKey) {
        return runtimeService().createProcessInstanceQuery().processDefinitionKey(processDefinitionKey)
                .processInstanceBusinessKey(CASE).orderByProcessInstanceId().asc().list();
    }

    /** The single open task with this key, in whichever of the case's instances it is. */
    private static Task task(String taskKey) {
        Task task = taskQuery().taskDefinitionKey(taskKey).singleResult();
        Assertions.assertThat(task).as("open %s task", taskKey).isNotNull();
        return task;
    }

    private static void completeTask(String taskKey, Object... keyValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], keyValues[i + 1]);
        }
        complete(task(taskKey), variables);
    }

    private static void completeTask(String taskKey, Map<String, Object> variables) {
        complete(task(taskKey), variables);
    }

    private static long timesPassed(ProcessInstance instance, String activityId) {
        return historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).finished().count();
    }
}
