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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The case-closure model: summary, then the supervisor's decision, which the calling case routes on. */
@Deployment(resources = "processes/case-closure.bpmn")
class CaseClosureProcessTest {

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

    @ParameterizedTest(name = "closure {0}")
    @ValueSource(strings = {"APPROVED", "RETURNED"})
    void summaryThenSupervisorDecisionEndsTheClosure(String decision) {
        ProcessInstance closure = runtimeService().startProcessInstanceByKey("case-closure", CASE,
                Map.of("caseNumber", CASE, "closureReason", "GOALS_MET"));

        assertThat(closure).isWaitingAtExactly(Tasks.CLOSURE_SUMMARY);
        assertThat(task(Tasks.CLOSURE_SUMMARY, closure)).hasCandidateGroup("case-managers");
        complete(task(Tasks.CLOSURE_SUMMARY, closure));
        assertThat(closure).isWaitingAtExactly(Tasks.APPROVE_CLOSURE);
        assertThat(task(Tasks.APPROVE_CLOSURE, closure)).hasCandidateGroup("supervisors");
        complete(task(Tasks.APPROVE_CLOSURE, closure), withVariables("closureDecision", decision));

        assertThat(closure).isEnded().hasPassedInOrder(Tasks.CLOSURE_SUMMARY, Tasks.APPROVE_CLOSURE,
                "endEvent_closureDecided");
        // the caller maps closureDecision out: it must be the supervisor's, as set on the instance
        Assertions.assertThat(historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(closure.getId()).variableName("closureDecision").singleResult().getValue())
                .isEqualTo(decision);
    }
}
