package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.caseway.process.CaseProcess.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the case-management model. */
@Deployment(resources = {"processes/case-management.bpmn", "processes/service-coordination.bpmn"})
class CaseManagementProcessTest {

    private static final String CASE = "CW-2026-000001";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource(ProcessTestSupport.ENGINE_CONFIG).build();

    @org.junit.jupiter.api.BeforeEach
    void useThisEngine() {
        // the Spring Boot tests' engine may live in the same JVM: assert against this one
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine.getProcessEngine());
    }

    @AfterEach
    void resetBeans() {
        Mocks.reset();
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset();
    }

    private ProcessInstance openCase(String model) {
        return runtimeService().startProcessInstanceByKey(CaseProcess.KEY, CASE, Map.of(
                "caseNumber", CASE, "caseType", "MENTAL_HEALTH", "model", model, "priority", "ROUTINE"));
    }

    @Test
    void notEligibleEndsAtIntakeWithReferralElsewhere() {
        ProcessTestSupport.registerBeans(List.of("P1S1"));
        ProcessInstance instance = openCase("CLINICAL");

        assertThat(instance).isWaitingAt(Tasks.INTAKE);
        assertThat(task()).hasCandidateGroup("intake");
        complete(task(), withVariables("intakeOutcome", "NOT_ELIGIBLE"));

        assertThat(instance).isEnded().hasPassed("CaseNotEligible").hasNotPassed(Tasks.NEEDS_ASSESSMENT);
    }

    @Test
    void acceptedCaseRunsFromIntakeToClosureWithPlanAndClosureReturnedOnce() {
        ProcessTestSupport.registerBeans(List.of("P2S1", "P2S2"));
        ProcessInstance instance = openCase("CLINICAL");

        assertThat(instance).isWaitingAt(Tasks.INTAKE);
        complete(task(), withVariables("intakeOutcome", "ACCEPTED"));
        assertThat(instance).isWaitingAt(Tasks.NEEDS_ASSESSMENT);
        assertThat(task()).hasCandidateGroup("case-managers");
        complete(task(), withVariables("riskLevel", "MEDIUM"));

        assertThat(instance).isWaitingAt(Tasks.SERVICE_PLAN);
        complete(task());
        assertThat(instance).isWaitingAt(Tasks.APPROVE_SERVICE_PLAN);
        assertThat(task()).hasCandidateGroup("supervisors");
        complete(task(), withVariables("planDecision", "RETURNED", "reviewComments", "Add a housing goal"));

        assertThat(instance).isWaitingAt(Tasks.SERVICE_PLAN);
        complete(task());
        complete(task(), withVariables("planDecision", "APPROVED"));

        // one called service-coordination instance per planned service, each with the case number as business key
        assertThat(instance).isWaitingAt("callActivity_coordinateServices");
        List<ProcessInstance> services = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(CaseProcess.SERVICE_COORDINATION_KEY).list();
        org.assertj.core.api.Assertions.assertThat(services).hasSize(2)
                .allSatisfy(s -> org.assertj.core.api.Assertions.assertThat(s.getBusinessKey()).isEqualTo(CASE));
        org.assertj.core.api.Assertions.assertThat(services)
                .extracting(s -> runtimeService().getVariable(s.getId(), "serviceId"))
                .containsExactlyInAnyOrder(CASE + "-P2S1", CASE + "-P2S2");
        List<Task> deliveries = taskQuery().taskDefinitionKey(Tasks.DELIVER_SERVICE).list();
        org.assertj.core.api.Assertions.assertThat(deliveries).hasSize(2);
        deliveries.forEach(delivery -> complete(delivery));

        assertThat(instance).isWaitingAt(Tasks.FOLLOW_UP_CONTACT);
        complete(task());
        assertThat(instance).isWaitingAt(Tasks.CLOSURE_SUMMARY);
        complete(task());
        assertThat(instance).isWaitingAt(Tasks.APPROVE_CLOSURE);
        assertThat(task()).hasCandidateGroup("supervisors");
        complete(task(), withVariables("closureDecision", "RETURNED", "closureReviewComments", "Check goal 2"));

        assertThat(instance).isWaitingAt(Tasks.FOLLOW_UP_CONTACT);
        complete(task());
        complete(task());
        complete(task(), withVariables("closureDecision", "APPROVED"));

        assertThat(instance).isEnded().hasPassed("CaseClosed").hasPassedInOrder(Tasks.INTAKE, Tasks.NEEDS_ASSESSMENT,
                Tasks.SERVICE_PLAN, Tasks.APPROVE_SERVICE_PLAN, "callActivity_coordinateServices",
                Tasks.FOLLOW_UP_CONTACT, Tasks.CLOSURE_SUMMARY, Tasks.APPROVE_CLOSURE);
    }
}
