package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.caseway.process.CaseProcess.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Both paths of the case-reassessment model. */
@Deployment(resources = {"processes/case-reassessment.bpmn", "processes/service-planning.bpmn",
        "processes/service-coordination.bpmn"})
class CaseReassessmentProcessTest {

    private static final String CASE = "CW-2026-000001";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.startClock();
        ProcessTestSupport.registerBeans(List.of("P1S1"), List.of("P2S1", "P2S2"),
                ProcessTestSupport.CONFERENCE_PARTICIPANTS);
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ProcessTestSupport.resetClock();
    }

    private ProcessInstance reassessmentDue() {
        return runtimeService().startProcessInstanceByKey("case-reassessment", CASE, Map.of("caseNumber", CASE,
                "caseType", "MENTAL_HEALTH", "model", "CLINICAL", "priority", "ROUTINE", "riskLevel", "MEDIUM"));
    }

    @Test
    void noPlanChangeEndsWithMonitoringContinuing() {
        ProcessInstance reassessment = reassessmentDue();

        assertThat(reassessment).isWaitingAtExactly("reassessment");
        assertThat(task("reassessment", reassessment)).hasCandidateGroup("case-managers");
        complete(task("reassessment", reassessment), withVariables("planChangeNeeded", "NO"));

        assertThat(reassessment).isEnded().hasPassed("endEvent_monitoringContinues")
                .hasNotPassed("callActivity_revisePlan", "callActivity_coordinateChangedServices");
    }

    @Test
    void planChangeRevisesThePlanThenCoordinatesEachChangedService() {
        ProcessInstance reassessment = reassessmentDue();
        complete(task("reassessment", reassessment), withVariables("planChangeNeeded", "YES"));

        assertThat(reassessment).isWaitingAtExactly("callActivity_revisePlan");
        ProcessInstance planning = calledProcessInstance("service-planning", reassessment);
        assertThat(planning).hasBusinessKey(CASE).isWaitingAt(Tasks.SERVICE_PLAN);
        Assertions.assertThat(runtimeService().getVariable(planning.getId(), "riskLevel")).isEqualTo("MEDIUM");
        complete(task(Tasks.SERVICE_PLAN, planning));
        complete(task(Tasks.APPROVE_SERVICE_PLAN, planning), withVariables("planDecision", "APPROVED"));

        assertThat(reassessment).isWaitingAt("callActivity_coordinateChangedServices");
        List<ProcessInstance> services = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(CaseProcess.SERVICE_COORDINATION_KEY).superProcessInstanceId(reassessment.getId())
                .list();
        Assertions.assertThat(services).hasSize(2).allSatisfy(s -> assertThat(s).hasBusinessKey(CASE));
        Assertions.assertThat(services).extracting(s -> runtimeService().getVariable(s.getId(), "serviceId"))
                .containsExactlyInAnyOrder(CASE + "-P2S1", CASE + "-P2S2");
        List<Task> deliveries = taskQuery().taskDefinitionKey(Tasks.DELIVER_SERVICE).list();
        Assertions.assertThat(deliveries).hasSize(2);
        complete(deliveries.get(0));
        assertThat(reassessment).isWaitingAt("callActivity_coordinateChangedServices");
        complete(deliveries.get(1));

        assertThat(reassessment).isEnded().hasPassedInOrder("reassessment", "callActivity_revisePlan",
                "callActivity_coordinateChangedServices", "endEvent_planRevised");
    }
}
