package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

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

/** Both paths of the sla-escalation model, and its own deadline timers. */
@Deployment(resources = "processes/sla-escalation.bpmn")
class SlaEscalationProcessTest {

    private static final String CASE = "CW-2026-000001";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.startClock();
        ProcessTestSupport.registerBeans(List.of());
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ProcessTestSupport.resetClock();
    }

    private ProcessInstance escalation(String lateTaskId, long level) {
        return runtimeService().startProcessInstanceByKey(CaseProcess.SLA_ESCALATION_KEY, CASE, Map.of(
                "caseNumber", CASE, "escalatedTaskId", lateTaskId, "escalationLevel", level, "slaPriority", "ROUTINE"));
    }

    @Test
    void levelOneGoesToTheSupervisorsAndEndsWhenHandled() {
        ProcessInstance escalation = escalation("task-1", 1);

        assertThat(escalation).isWaitingAtExactly(Tasks.ESCALATION);
        Task task = task(escalation);
        assertThat(task).hasCandidateGroup("supervisors");
        Assertions.assertThat(jobQuery().processInstanceId(escalation.getId()).count())
                .as("reminder, deadline and second-escalation timers of the escalation task itself").isEqualTo(3);
        complete(task, Map.of("escalationAction", "ACKNOWLEDGE"));

        assertThat(escalation).hasPassed("endEvent_handled").isEnded();
        Assertions.assertThat(jobQuery().processInstanceId(escalation.getId()).count()).isZero();
    }

    @Test
    void levelTwoGoesToTheProgramManagers() {
        ProcessInstance escalation = escalation("task-1", 2);

        assertThat(task(escalation)).hasCandidateGroup("program-managers");
    }

    @Test
    void endsWithoutActionWhenTheLateTaskEnds() {
        ProcessInstance other = escalation("task-2", 1);
        ProcessInstance escalation = escalation("task-1", 1);

        runtimeService().createMessageCorrelation(CaseProcess.MESSAGE_ESCALATED_TASK_ENDED)
                .processInstanceVariableEquals("escalatedTaskId", "task-1").correlateAll();

        assertThat(escalation).hasPassed("endEvent_lateTaskEnded").isEnded();
        assertThat(other).isWaitingAtExactly(Tasks.ESCALATION);
    }

    @Test
    void theEscalationTasksOwnTimersFireItsListeners() {
        List<String> fired = new java.util.ArrayList<>();
        Mocks.register("slaReminder", (org.camunda.bpm.engine.delegate.TaskListener) t -> fired.add("reminder"));
        Mocks.register("slaBreach", (org.camunda.bpm.engine.delegate.TaskListener) t -> fired.add("breach"));
        Mocks.register("slaSecondEscalation", (org.camunda.bpm.engine.delegate.TaskListener) t -> fired.add("second"));
        ProcessInstance escalation = escalation("task-1", 1);

        jobQuery().processInstanceId(escalation.getId()).orderByJobDuedate().asc().list().forEach(job -> execute(job));

        Assertions.assertThat(fired).containsExactly("reminder", "breach", "second");
        assertThat(escalation).isWaitingAtExactly(Tasks.ESCALATION);
    }
}
