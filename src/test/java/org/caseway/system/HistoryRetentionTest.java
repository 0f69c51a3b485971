package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 7: the "caseway" history level keeps the audit trail (who did what: the user operation log, task
 * history, identity links) and drops the job log, decision history and variable details; no removal time is
 * written; history cleanup removes an ended case's history its time to live after it ended. Cases are
 * opened and worked through the REST API as a case manager would.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class HistoryRetentionTest {

    /** The engine history tables that have a removal time column and get rows from a worked case. */
    private static final List<String> HISTORY_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
            "ACT_HI_VARINST", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_INCIDENT", "ACT_HI_JOB_LOG",
            "ACT_HI_DECINST", "ACT_HI_DETAIL");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired
    JdbcClient jdbc;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void engineRunsAtCasewayLevelWithoutRemovalTimeAndWithTheCleanupWindow() {
        assertThat(engineConfiguration.getHistoryLevel()).isSameAs(CasewayHistoryLevel.INSTANCE);
        assertThat(managementService.getHistoryLevel()).isEqualTo(CasewayHistoryLevel.ID);
        assertThat(managementService.getProperties()).containsEntry("historyLevel", "35");
        assertThat(engineConfiguration.getHistoryRemovalTimeStrategy())
                .isEqualTo(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_NONE);
        assertThat(engineConfiguration.getHistoryCleanupStrategy())
                .isEqualTo(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
        assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
        assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    }

    @Test
    void workedCaseLeavesTheAuditTrailAndNoJobLogDecisionHistoryOrDetails() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        String processInstanceId = api.caseDetails("mary", caseNumber).get("processInstanceId").asText();
        String intake = api.taskId("mary", caseNumber, "intake");
        // the SLA block is in place: timer jobs on the task and one sla-policy evaluation, which "full" would log
        assertThat(managementService.createJobQuery().processInstanceId(processInstanceId).timers().count())
                .as("SLA timers of the intake task").isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("SELECT policy_version FROM sla_clock WHERE task_id = ?").param(intake)
                .query(Integer.class).single()).as("the policy version, in our table").isPositive();

        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        String assessment = api.taskId("mary", caseNumber, "needsAssessment");
        api.complete("mary", caseNumber, "needsAssessment", Map.ofEntries(Map.entry("needHealth", "NEED"),
                Map.entry("needMentalHealth", "NO_NEED"), Map.entry("needHousing", "NEED"),
                Map.entry("needIncome", "NO_NEED"), Map.entry("needLegal", "NO_NEED"),
                Map.entry("needFamilySocial", "NO_NEED"), Map.entry("needSubstanceUse", "NO_NEED"),
                Map.entry("riskLevel", "LOW"), Map.entry("riskReason", "Stable"),
                Map.entry("assessmentNotes", "Settled")));

        // who did what: the user operation log has both completions by mary
        List<UserOperationLogEntry> completions = historyService.createUserOperationLogQuery()
                .processInstanceId(processInstanceId).entityType(EntityTypes.TASK)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
        assertThat(completions).extracting(UserOperationLogEntry::getTaskId).contains(intake, assessment);
        assertThat(completions).extracting(UserOperationLogEntry::getUserId).containsOnly("mary");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_OP_LOG WHERE USER_ID_ = 'mary' AND OPERATION_TYPE_ = 'Complete'"
                + " AND PROC_INST_ID_ = ?").param(processInstanceId).query(Long.class).single()).isGreaterThanOrEqualTo(2);

        // the task history and who could and did work the tasks
        List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).finished().list();
        assertThat(tasks).extracting(HistoricTaskInstance::getTaskDefinitionKey).contains("intake", "needsAssessment");
        assertThat(historyService.createHistoricIdentityLinkLogQuery().taskId(intake).list())
                .as("identity link history of the intake task").isNotEmpty();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
                .isPositive();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("riskLevel").count()).as("routing variables stay in history").isOne();

        // not written at this level: job log, decision history, variable details
        assertThat(historyService.createHistoricJobLogQuery().count()).as("job log").isZero();
        assertThat(historyService.createHistoricDecisionInstanceQuery().count()).as("decision instances").isZero();
        assertThat(historyService.createHistoricDetailQuery().count()).as("history details").isZero();
        assertThat(count("ACT_HI_JOB_LOG") + count("ACT_HI_DECINST") + count("ACT_HI_DEC_IN") + count("ACT_HI_DEC_OUT")
                + count("ACT_HI_DETAIL")).isZero();

        // removal time strategy none: no history row carries a removal time
        HISTORY_TABLES.forEach(table -> assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table
                + " WHERE REMOVAL_TIME_ IS NOT NULL").query(Long.class).single()).as("rows with a removal time in %s", table)
                .isZero());
        assertThat(count("ACT_HI_TASKINST")).isPositive();
    }

    @Test
    void cleanupRemovesTheHistoryOfACaseThatEndedLongerAgoThanItsTimeToLiveAndKeepsAYoungerOne() {
        Duration timeToLive = Duration.ofDays(2557);
        Instant now = Instant.now();

        // a case that ended a day more than seven years ago, and one that ended today
        ClockUtil.setCurrentTime(Date.from(now.minus(timeToLive).minus(Duration.ofDays(1))));
        String old = closedAsNotEligible();
        ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofMinutes(5))));
        String young = closedAsNotEligible();
        ClockUtil.setCurrentTime(Date.from(now));
        assertThat(ended(old)).isNotEmpty().allSatisfy(p -> assertThat(p.getRemovalTime()).isNull());
        assertThat(ended(young)).isNotEmpty();

        Job cleanup = historyService.cleanUpHistoryAsync(true);
        managementService.executeJob(cleanup.getId());

        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(old).count())
                .as("history of the case that ended more than its time to live ago").isZero();
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(old).count()).isZero();
        assertThat(ended(young)).as("history of the younger case").isNotEmpty();
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(young).count())
                .isPositive();
    }

    /** A case closed at intake (not eligible): its processes end at once. */
    private String closedAsNotEligible() {
        String caseNumber = api.openCase("mary", "ACADEMIC");
        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "NOT_ELIGIBLE",
                "referredTo", "Community college advising"));
        assertThat(api.caseDetails("mary", caseNumber).get("status").asText()).isEqualTo("CLOSED");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .unfinished().count()).as("running processes of %s", caseNumber).isZero();
        return caseNumber;
    }

    private List<HistoricProcessInstance> ended(String caseNumber) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseNumber).finished()
                .list();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
