package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.caseway.process.CaseProcess.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the service-coordination model (brokerage and clinical). */
@Deployment(resources = "processes/service-coordination.bpmn")
class ServiceCoordinationProcessTest {

    private static final String CASE = "CW-2026-000007";
    private static final String SERVICE = CASE + "-P1S1";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @BeforeEach
    void beans() {
        // the Spring Boot tests' engine may live in the same JVM: assert against this one
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.registerBeans(List.of("P1S1"));
    }

    @AfterEach
    void resetBeans() {
        Mocks.reset();
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset();
    }

    private ProcessInstance coordinate(String model) {
        return runtimeService().startProcessInstanceByKey(CaseProcess.SERVICE_COORDINATION_KEY, CASE,
                Map.of("caseNumber", CASE, "serviceId", SERVICE, "model", model));
    }

    private void providerAnswers(String response) {
        runtimeService().createMessageCorrelation(CaseProcess.MESSAGE_REFERRAL_RESPONSE)
                .processInstanceBusinessKey(CASE)
                .processInstanceVariableEquals("serviceId", SERVICE)
                .setVariable("providerResponse", response)
                .correlate();
    }

    @Test
    void clinicalModelDeliversTheServiceDirectly() {
        ProcessInstance instance = coordinate("CLINICAL");

        assertThat(instance).isWaitingAt(Tasks.DELIVER_SERVICE);
        assertThat(task()).hasCandidateGroup("case-managers");
        complete(task());

        assertThat(instance).isEnded().hasPassed("endEvent_serviceDelivered").hasNotPassed(Tasks.REFER_SERVICE);
    }

    @Test
    void brokerageReferralAcceptedByProvider() {
        ProcessInstance instance = coordinate("BROKERAGE");

        assertThat(instance).isWaitingAt(Tasks.REFER_SERVICE);
        complete(task());
        assertThat(instance).isWaitingAt("gateway_awaitProviderResponse");
        providerAnswers("ACCEPTED");

        assertThat(instance).isEnded().hasPassed("endEvent_serviceStarted").hasNotPassed(Tasks.REFERRAL_FOLLOW_UP);
    }

    @Test
    void declinedReferralGoesBackToReferAnotherProvider() {
        ProcessInstance instance = coordinate("BROKERAGE");
        assertThat(instance).isWaitingAt(Tasks.REFER_SERVICE);
        complete(task());
        providerAnswers("DECLINED");

        assertThat(instance).isWaitingAt(Tasks.REFER_SERVICE);
        complete(task());
        providerAnswers("WAITLISTED");
        assertThat(instance).isEnded().hasPassed("endEvent_serviceStarted");
    }

    @Test
    void unansweredReferralRaisesFollowUpUntilTheProviderAnswers() {
        ProcessInstance instance = coordinate("BROKERAGE");
        assertThat(instance).isWaitingAt(Tasks.REFER_SERVICE);
        complete(task());

        assertThat(instance).isWaitingAt("gateway_awaitProviderResponse");
        execute(job("timer_responseOverdue"));
        assertThat(instance).isWaitingAt(Tasks.REFERRAL_FOLLOW_UP);
        assertThat(task()).hasCandidateGroup("case-managers");
        complete(task(), withVariables("followUpOutcome", "KEEP_WAITING"));

        assertThat(instance).isWaitingAt("gateway_awaitProviderResponse");
        execute(job("timer_responseOverdue"));
        complete(task(), withVariables("followUpOutcome", "RESPONSE_RECEIVED", "providerResponse", "ACCEPTED"));

        assertThat(instance).isEnded().hasPassed("endEvent_serviceStarted");
        org.assertj.core.api.Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId(Tasks.REFERRAL_FOLLOW_UP).count()).isEqualTo(2);
    }

    @Test
    void providerAnswerDuringFollowUpEndsTheFollowUp() {
        ProcessInstance instance = coordinate("BROKERAGE");
        assertThat(instance).isWaitingAt(Tasks.REFER_SERVICE);
        complete(task());
        execute(job("timer_responseOverdue"));
        assertThat(instance).isWaitingAt(Tasks.REFERRAL_FOLLOW_UP);

        providerAnswers("ACCEPTED");

        assertThat(instance).isEnded().hasPassed("boundary_referralResponse", "endEvent_serviceStarted");
    }
}
