package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.caseway.process.CaseProcess.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service-planning model: a plan goes back to the case manager until the supervisor approves it. */
@Deployment(resources = "processes/service-planning.bpmn")
class ServicePlanningProcessTest {

    private static final String CASE = "CW-2026-000001";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.registerBeans(List.of("P1S1"));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void returnedPlanGoesBackToTheCaseManagerUntilApproved() {
        ProcessInstance planning = runtimeService().startProcessInstanceByKey("service-planning", CASE,
                Map.of("caseNumber", CASE, "riskLevel", "LOW"));

        assertThat(planning).isWaitingAtExactly(Tasks.SERVICE_PLAN);
        assertThat(task(Tasks.SERVICE_PLAN, planning)).hasCandidateGroup("case-managers");
        complete(task(Tasks.SERVICE_PLAN, planning));
        assertThat(planning).isWaitingAtExactly(Tasks.APPROVE_SERVICE_PLAN);
        assertThat(task(Tasks.APPROVE_SERVICE_PLAN, planning)).hasCandidateGroup("supervisors");
        complete(task(Tasks.APPROVE_SERVICE_PLAN, planning),
                withVariables("planDecision", "RETURNED", "reviewComments", "Add a housing goal"));

        assertThat(planning).isWaitingAtExactly(Tasks.SERVICE_PLAN).isNotEnded();
        complete(task(Tasks.SERVICE_PLAN, planning));
        complete(task(Tasks.APPROVE_SERVICE_PLAN, planning), withVariables("planDecision", "APPROVED"));

        assertThat(planning).isEnded().hasPassed("endEvent_planApproved");
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery()
                .processInstanceId(planning.getId()).activityId(Tasks.SERVICE_PLAN).count()).isEqualTo(2);
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery()
                .processInstanceId(planning.getId()).activityId(Tasks.APPROVE_SERVICE_PLAN).count()).isEqualTo(2);
    }

    @Test
    void planApprovedAtOnceEnds() {
        ProcessInstance planning = runtimeService().startProcessInstanceByKey("service-planning", CASE,
                Map.of("caseNumber", CASE));
        complete(task(Tasks.SERVICE_PLAN, planning));
        complete(task(Tasks.APPROVE_SERVICE_PLAN, planning), withVariables("planDecision", "APPROVED"));

        assertThat(planning).isEnded().hasPassedInOrder(Tasks.SERVICE_PLAN, Tasks.APPROVE_SERVICE_PLAN,
                "endEvent_planApproved");
    }
}
