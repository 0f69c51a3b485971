package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.caseway.process.ProcessTestSupport.NOW;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the crisis-intervention model, with the reassessment and conference it may call. */
@Deployment(resources = {"processes/crisis-intervention.bpmn", "processes/case-reassessment.bpmn",
        "processes/case-conference.bpmn", "processes/service-planning.bpmn", "processes/service-coordination.bpmn"})
class CrisisInterventionProcessTest {

    private static final String CASE = "CW-2026-000001";
    private static final String KEY = "crisis-intervention";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.startClock();
        ProcessTestSupport.registerBeans(List.of("P1S1"), List.of("P2S1"), ProcessTestSupport.CONFERENCE_PARTICIPANTS);
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ProcessTestSupport.resetClock();
    }

    private ProcessInstance crisisReported(Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", CASE, "caseType", "MENTAL_HEALTH",
                "model", "CLINICAL", "priority", "URGENT", "riskLevel", "HIGH"));
        variables.putAll(extra);
        return runtimeService().startProcessInstanceByKey(KEY, CASE, variables);
    }

    @Test
    void supervisorReviewAndUrgentCrisisResponseAreCreatedInParallel() {
        ProcessInstance crisis = crisisReported(Map.of());

        assertThat(crisis).isWaitingAtExactly("crisisReview", "crisisResponse");
        Task review = task("crisisReview", crisis);
        assertThat(review).hasCandidateGroup("supervisors");
        Assertions.assertThat(review.getPriority()).isEqualTo(100);
        Task response = task("crisisResponse", crisis);
        assertThat(response).hasCandidateGroup("case-managers");
        // its deadline comes from the sla-policy (SlaEscalationTest): here the SLA timers exist
        Assertions.assertThat(BpmnAwareTests.jobQuery().executionId(response.getExecutionId()).count()).isEqualTo(3);
        Assertions.assertThat(response.getPriority()).isEqualTo(100);
        // the listener gives a crisis reported without an id one
        Assertions.assertThat(runtimeService().getVariable(crisis.getId(), "crisisId")).isEqualTo("C1");
    }

    @Test
    void crisisKeepsTheIdItWasReportedWith() {
        ProcessInstance crisis = crisisReported(Map.of("crisisId", "C42"));

        Assertions.assertThat(runtimeService().getVariable(crisis.getId(), "crisisId")).isEqualTo("C42");
    }

    @Test
    void stabilisedCrisisGoesBackToMonitoringOnceTheSupervisorHasReviewedIt() {
        ProcessInstance crisis = crisisReported(Map.of());

        complete(task("crisisResponse", crisis));
        assertThat(crisis).isWaitingAtExactly("crisisReview", "safetyPlan");
        Task safetyPlan = task("safetyPlan", crisis);
        assertThat(safetyPlan).hasCandidateGroup("case-managers");
        Assertions.assertThat(safetyPlan.getPriority()).isEqualTo(90);
        complete(safetyPlan, withVariables("crisisOutcome", "MONITORING"));

        assertThat(crisis).isWaitingAtExactly("crisisReview").hasPassed("endEvent_crisisStabilised");
        complete(task("crisisReview", crisis));

        assertThat(crisis).isEnded().hasPassed("endEvent_crisisStabilised", "endEvent_supervisorInformed")
                .hasNotPassed("callActivity_crisisReassessment", "callActivity_crisisConference");
    }

    @Test
    void crisisNeedingReassessmentCallsTheReassessment() {
        ProcessInstance crisis = crisisReported(Map.of());
        complete(task("crisisReview", crisis));
        complete(task("crisisResponse", crisis));
        complete(task("safetyPlan", crisis), withVariables("crisisOutcome", "REASSESSMENT"));

        assertThat(crisis).isWaitingAtExactly("callActivity_crisisReassessment");
        ProcessInstance reassessment = calledProcessInstance("case-reassessment", crisis);
        assertThat(reassessment).hasBusinessKey(CASE).isWaitingAt("reassessment");
        Assertions.assertThat(runtimeService().getVariables(reassessment.getId()))
                .containsEntry("caseNumber", CASE).containsEntry("riskLevel", "HIGH");
        complete(task("reassessment", reassessment), withVariables("planChangeNeeded", "NO"));

        assertThat(reassessment).isEnded();
        assertThat(crisis).isEnded().hasPassed("endEvent_crisisReassessed");
    }

    @Test
    void crisisNeedingACaseConferenceCallsTheConference() {
        ProcessInstance crisis = crisisReported(Map.of());
        complete(task("crisisReview", crisis));
        complete(task("crisisResponse", crisis));
        complete(task("safetyPlan", crisis), withVariables("crisisOutcome", "CONFERENCE"));

        assertThat(crisis).isWaitingAtExactly("callActivity_crisisConference");
        ProcessInstance conference = calledProcessInstance("case-conference", crisis);
        assertThat(conference).hasBusinessKey(CASE).isWaitingAt("conferenceInput");
        Assertions.assertThat(runtimeService().getVariable(conference.getId(), "conferenceId")).isEqualTo("K1");
        taskQuery().taskDefinitionKey("conferenceInput").list().forEach(input -> complete(input));
        complete(task("conferenceOutcome", conference), withVariables("planChangeNeeded", "NO"));

        assertThat(conference).isEnded();
        assertThat(crisis).isEnded().hasPassed("endEvent_crisisConferenced");
    }
}
