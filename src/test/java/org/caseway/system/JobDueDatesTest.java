package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every job has a due date (ensure-job-due-date-not-null), so job acquisition asks for due jobs by the due-date
 * index alone; a job an earlier release left without one is dated by db/engine V4 and acquired again. Uses an
 * asynchronous continuation of a process deployed for the test, removed afterwards; shares the context of the other
 * REST tests (their job executor is off), on H2 and, with -Ppostgres, PostgreSQL.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class JobDueDatesTest {

    private static final String PROCESS = "jobDueDatesTest";
    private static final String HISTORY = EngineSchemaMigrationsTest.HISTORY;

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    EngineSchemaMigrations migrations;

    private String deployment;

    @BeforeEach
    void deployAnAsynchronousStep() {
        deployment = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                        .manualTask().camundaAsyncBefore().endEvent().done())
                .deploy().getId();
    }

    @AfterEach
    void removeIt() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void anAsynchronousContinuationIsDueWhenItIsCreated() {
        long before = System.currentTimeMillis();
        Job job = startOne();

        assertThat(job.getDuedate()).isNotNull();
        assertThat(job.getDuedate().getTime()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
        assertThat(nextJobsToExecute()).contains(job.getId());
    }

    @Test
    void aJobAnEarlierReleaseLeftWithoutDueDateIsDatedAndAcquiredAgain() {
        Job job = startOne();
        jdbc().sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?").param(job.getId()).update();
        // acquisition now asks for DUEDATE_ <= now only: without V4 such a job would wait for ever
        assertThat(nextJobsToExecute()).doesNotContain(job.getId());
        // a database on which V4 (and what came after it) has not run yet (as before that release)
        jdbc().sql("DELETE FROM " + HISTORY + " WHERE \"version\" IN ('4', '5', '6', '7')").update();

        assertThat(migrations.migrate(configuration()).migrationsExecuted).isEqualTo(4);

        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate()).isNotNull();
        assertThat(nextJobsToExecute()).contains(job.getId());
    }

    private Job startOne() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS).getId();
        return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
    }

    /** The ids the job executor's acquisition statement selects now (without locking them). */
    private List<String> nextJobsToExecute() {
        return configuration().getCommandExecutorTxRequired().execute(context -> context.getJobManager()
                .findNextJobsToExecute(new Page(0, 10_000)).stream().map(AcquirableJobEntity::getId).toList());
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }
}
