package org.caseway.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

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
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.ProcessTestSupport.Beans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The case-conference model: one input task per participant, then the outcome, with or without a plan change. */
@Deployment(resources = {"processes/case-conference.bpmn", "processes/service-planning.bpmn",
        "processes/service-coordination.bpmn"})
class CaseConferenceProcessTest {

    private static final String CASE = "CW-2026-000001";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    private Beans beans;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine.getProcessEngine());
        ProcessTestSupport.startClock();
        beans = ProcessTestSupport.registerBeans(List.of("P1S1"), List.of("P2S1"),
                ProcessTestSupport.CONFERENCE_PARTICIPANTS);
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ProcessTestSupport.resetClock();
    }

    private ProcessInstance conferenceCalled(Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", CASE, "caseType", "MENTAL_HEALTH",
                "model", "CLINICAL", "priority", "ROUTINE", "riskLevel", "HIGH"));
        variables.putAll(extra);
        return runtimeService().startProcessInstanceByKey("case-conference", CASE, variables);
    }

    @Test
    void everyParticipantGetsTheirOwnInputTaskAndTheOutcomeWaitsForAll() {
        ProcessInstance conference = conferenceCalled(Map.of("conferenceId", "K9"));

        assertThat(conference).isWaitingAt("conferenceInput");
        Assertions.assertThat(beans.conferences().askedFor()).isNotEmpty().containsOnly("K9");
        List<Task> inputs = taskQuery().processInstanceId(conference.getId()).taskDefinitionKey("conferenceInput")
                .list();
        Assertions.assertThat(inputs).extracting(Task::getAssignee).containsExactlyInAnyOrder("mary", "john", "sam");
        Assertions.assertThat(runtimeService().getVariable(conference.getId(), "conferenceId")).isEqualTo("K9");

        complete(taskQuery().taskDefinitionKey("conferenceInput").taskAssignee("mary").singleResult());
        complete(taskQuery().taskDefinitionKey("conferenceInput").taskAssignee("john").singleResult());
        assertThat(conference).isWaitingAt("conferenceInput").isNotWaitingAt("conferenceOutcome");
        assertThat(taskQuery().taskDefinitionKey("conferenceInput").singleResult()).isAssignedTo("sam");
        complete(taskQuery().taskDefinitionKey("conferenceInput").taskAssignee("sam").singleResult());

        assertThat(conference).isWaitingAtExactly("conferenceOutcome");
        assertThat(task("conferenceOutcome", conference)).hasCandidateGroup("case-managers").isNotAssigned();
    }

    @Test
    void conferenceCalledWithoutAnIdGetsOneBeforeParticipantsAreAsked() {
        ProcessInstance conference = conferenceCalled(Map.of());

        Assertions.assertThat(runtimeService().getVariable(conference.getId(), "conferenceId")).isEqualTo("K1");
        Assertions.assertThat(beans.conferences().askedFor()).isNotEmpty().containsOnly("K1");
        Assertions.assertThat(taskQuery().taskDefinitionKey("conferenceInput").count()).isEqualTo(3);
    }

    @Test
    void conferenceWithoutPlanChangeEnds() {
        ProcessInstance conference = conferenceCalled(Map.of());
        taskQuery().taskDefinitionKey("conferenceInput").list().forEach(input -> complete(input));
        complete(task("conferenceOutcome", conference), withVariables("planChangeNeeded", "NO"));

        assertThat(conference).isEnded().hasPassed("endEvent_conferenceHeld")
                .hasNotPassed("callActivity_conferenceRevisePlan");
    }

    @Test
    void conferenceWithPlanChangeRevisesThePlanAndCoordinatesTheChangedServices() {
        ProcessInstance conference = conferenceCalled(Map.of());
        taskQuery().taskDefinitionKey("conferenceInput").list().forEach(input -> complete(input));
        complete(task("conferenceOutcome", conference), withVariables("planChangeNeeded", "YES"));

        assertThat(conference).isWaitingAtExactly("callActivity_conferenceRevisePlan");
        ProcessInstance planning = calledProcessInstance("service-planning", conference);
        assertThat(planning).hasBusinessKey(CASE);
        complete(task(Tasks.SERVICE_PLAN, planning));
        complete(task(Tasks.APPROVE_SERVICE_PLAN, planning), withVariables("planDecision", "APPROVED"));

        assertThat(conference).isWaitingAt("callActivity_conferenceCoordinateServices");
        ProcessInstance service = calledProcessInstance(CaseProcess.SERVICE_COORDINATION_KEY, conference);
        assertThat(service).hasBusinessKey(CASE);
        Assertions.assertThat(runtimeService().getVariable(service.getId(), "serviceId")).isEqualTo(CASE + "-P2S1");
        complete(task(Tasks.DELIVER_SERVICE, service));

        assertThat(conference).isEnded().hasPassed("endEvent_conferencePlanRevised");
    }
}
