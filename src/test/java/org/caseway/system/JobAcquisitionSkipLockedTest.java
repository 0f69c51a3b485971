package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * On PostgreSQL a node's job acquisition passes over the jobs another node is acquiring at that moment (rows it
 * holds locked) and takes the next due ones, without waiting for it; on H2 the engine's own acquisition runs.
 * Uses jobs of a process deployed for the test, removed afterwards; shares the context of the other REST tests
 * (their job executor is off).
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class JobAcquisitionSkipLockedTest {

    private static final String PROCESS = "skipLockedAcquisitionTest";

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    private String deployment;

    @BeforeEach
    void threeDueJobs() {
        deployment = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                        .intermediateCatchEvent().timerWithDuration("PT1H").endEvent().done())
                .deploy().getId();
        ManagementService management = engine.getManagementService();
        for (int i = 0; i < 3; i++) {
            engine.getRuntimeService().startProcessInstanceByKey(PROCESS);
        }
        // due long ago: first in the acquisition's due-date order, before any job other tests left behind
        long past = System.currentTimeMillis() - Duration.ofDays(3650).toMillis();
        List<Job> jobs = jobs();
        for (int i = 0; i < jobs.size(); i++) {
            management.setJobDuedate(jobs.get(i).getId(), new Date(past + i * 1000L));
        }
    }

    @AfterEach
    void removeThem() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void postgresAcquisitionUsesTheSkipLockedStatement() {
        String mapped = configuration().getDbSqlSessionFactory().mapStatement(JobAcquisitionSkipLocked.ENGINE_STATEMENT);
        assertThat(mapped).isEqualTo(TestDatabase.postgres()
                ? JobAcquisitionSkipLocked.STATEMENT : JobAcquisitionSkipLocked.ENGINE_STATEMENT);
    }

    @Test
    void anAcquisitionPassesOverTheJobsAnotherNodeIsAcquiring() throws Exception {
        assumeTrue(TestDatabase.postgres(), "several nodes share a PostgreSQL database only");
        List<String> ours = jobs().stream().map(Job::getId).toList();
        String held = ours.get(0);

        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            // the other node's acquisition, between its select and its commit: the row is locked
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT ID_ FROM ACT_RU_JOB WHERE ID_ = ? FOR UPDATE")) {
                lock.setString(1, held);
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next()).isTrue();
                }
            }

            // with the engine's statement this acquisition would select the held job and wait for its row lock
            AcquiredJobs acquired = CompletableFuture.supplyAsync(() -> configuration().getCommandExecutorTxRequired()
                    .execute(new AcquireJobsCmd(configuration().getJobExecutor(), 2))).get(20, TimeUnit.SECONDS);
            List<String> taken = new ArrayList<>();
            acquired.getJobIdBatches().forEach(taken::addAll);

            assertThat(taken).containsExactlyInAnyOrder(ours.get(1), ours.get(2));
            otherNode.rollback();
        }
        assertThat(engine.getManagementService().createJobQuery().jobId(held).singleResult()).isNotNull();
    }

    private List<Job> jobs() {
        return engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS).orderByJobId().asc().list();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
