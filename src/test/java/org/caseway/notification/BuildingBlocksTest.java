package org.caseway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The building blocks analysts place with element templates: "Notify" and "Record timeline entry". */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class BuildingBlocksTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    JdbcClient jdbc;

    private String deploymentId;

    @AfterEach
    void undeploy() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    private void deploy(BpmnModelInstance model) {
        deploymentId = repositoryService.createDeployment().addModelInstance("building-blocks.bpmn", model).deploy().getId();
    }

    @Test
    void notifyAndTimelineEntryWriteTheOutboxAndTheTimelineOfTheCase() {
        String caseNumber = new RestClient(rest).openCase("mary", "MENTAL_HEALTH");
        deploy(Bpmn.createExecutableProcess("building-blocks").camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("notifyTeam").camundaDelegateExpression("${notifyDelegate}")
                .camundaInputParameter("notifyUsers", "mary, liam")
                .camundaInputParameter("notifyGroup", "program-managers")
                .camundaInputParameter("notifyKind", "MILESTONE")
                .camundaInputParameter("notifySubject", "plan review due")
                .camundaInputParameter("notifyMessage", "The plan is up for its quarterly review.")
                .serviceTask("recordMilestone").camundaDelegateExpression("${timelineEntryDelegate}")
                .camundaInputParameter("timelineEvent", "MILESTONE_REACHED")
                .camundaInputParameter("timelineSummary", "Quarterly review started")
                .endEvent().done());

        runtimeService.startProcessInstanceByKey("building-blocks", caseNumber);

        assertThat(jdbc.sql("""
                SELECT recipient FROM notification_outbox WHERE case_number = ? AND kind = 'MILESTONE' AND channel = 'IN_APP'
                ORDER BY recipient""").param(caseNumber).query(String.class).list()).containsExactly("liam", "mary", "pat");
        assertThat(jdbc.sql("SELECT subject FROM notification_outbox WHERE case_number = ? AND kind = 'MILESTONE'")
                .param(caseNumber).query(String.class).list()).allSatisfy(subject ->
                assertThat(subject).contains(caseNumber).contains("plan review due").doesNotContain("Lopez"));
        List<String> summaries = jdbc.sql("""
                SELECT t.summary FROM timeline_entry t JOIN case_file c ON c.id = t.case_id
                WHERE c.case_number = ? AND t.event_type = 'MILESTONE_REACHED'""").param(caseNumber).query(String.class).list();
        assertThat(summaries).containsExactly("Quarterly review started");
    }

    @Test
    void aMisconfiguredBlockFailsAndNamesTheMissingParameter() {
        String caseNumber = new RestClient(rest).openCase("mary", "MENTAL_HEALTH");
        deploy(Bpmn.createExecutableProcess("building-blocks").camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("recordMilestone").camundaDelegateExpression("${timelineEntryDelegate}")
                .camundaInputParameter("timelineEvent", "milestone reached")
                .endEvent().done());

        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("building-blocks", caseNumber))
                .hasMessageContaining("recordMilestone").hasMessageContaining("timelineEvent");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("building-blocks").count()).isZero();
    }
}
