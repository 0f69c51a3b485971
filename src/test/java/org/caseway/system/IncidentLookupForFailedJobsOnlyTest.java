package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
 * A job deleted with retries left is not searched for its incident, and a failed job's incident still goes with
 * its job: after its last retry failed, and after its retries were set to 0 by hand. The engine's searches are
 * counted on this thread by a MyBatis interceptor. Uses an asynchronous step of a process deployed for the test,
 * removed afterwards; shares the context of the other REST tests (their job executor is off), on H2 and, with
 * -Ppostgres, PostgreSQL.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class IncidentLookupForFailedJobsOnlyTest {

    private static final String PROCESS = "incidentLookupTest";

    @Autowired
    ProcessEngine engine;

    private String deployment;

    @BeforeEach
    void deployAStepThatFailsOnRequest() {
        IncidentSearches.install(configuration());
        deployment = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                        // an unknown name fails the step when 'fail' is true
                        .serviceTask().camundaAsyncBefore().camundaExpression("${fail ? noSuchThing : true}")
                        .userTask().endEvent().done())
                .deploy().getId();
    }

    @AfterEach
    void removeIt() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void aJobThatRanWithRetriesLeftIsDeletedWithoutSearchingForItsIncident() {
        Job job = start(false);

        int searches = IncidentSearches.during(() -> management().executeJob(job.getId()));

        assertThat(management().createJobQuery().jobId(job.getId()).count()).isZero();
        assertThat(searches).isZero();
    }

    @Test
    void aJobThatFailedOnceAndThenRanIsDeletedWithoutSearchingEither() {
        Job job = start(true);
        assertThatThrownBy(() -> management().executeJob(job.getId())).isNotNull();
        runtime().setVariable(job.getProcessInstanceId(), "fail", false);

        int searches = IncidentSearches.during(() -> management().executeJob(job.getId()));

        assertThat(searches).isZero();
        assertThat(runtime().createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
    }

    @Test
    void anIncidentOfAJobThatFailedItsLastRetryGoesWithTheJob() {
        Job job = start(true);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> management().executeJob(job.getId())).isNotNull();
        }
        assertThat(runtime().createIncidentQuery().incidentType("failedJob").configuration(job.getId())
                .count()).isOne();

        int searches = IncidentSearches.during(() -> runtime().deleteProcessInstance(job.getProcessInstanceId(), "test"));

        assertThat(searches).isPositive();
        assertThat(runtime().createIncidentQuery().configuration(job.getId()).count()).isZero();
    }

    @Test
    void anIncidentOfAJobWhoseRetriesWereSetToZeroIsResolvedWhenItRuns() {
        Job job = start(false);
        management().setJobRetries(job.getId(), 0);
        assertThat(runtime().createIncidentQuery().configuration(job.getId()).count()).isOne();

        int searches = IncidentSearches.during(() -> management().executeJob(job.getId()));

        assertThat(searches).isPositive();
        assertThat(runtime().createIncidentQuery().configuration(job.getId()).count()).isZero();
    }

    private Job start(boolean fail) {
        String instance = runtime().startProcessInstanceByKey(PROCESS, Map.of("fail", fail)).getId();
        return management().createJobQuery().processInstanceId(instance).singleResult();
    }

    private RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    private ManagementService management() {
        return engine.getManagementService();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** Counts the engine's search for incidents by configuration on the thread that asks for a count. */
    @Intercepts(@Signature(type = Executor.class, method = "query",
            args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
    static class IncidentSearches implements Interceptor {

        private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

        static synchronized void install(ProcessEngineConfigurationImpl configuration) {
            var mybatis = configuration.getSqlSessionFactory().getConfiguration();
            if (mybatis.getInterceptors().stream().noneMatch(IncidentSearches.class::isInstance)) {
                mybatis.addInterceptor(new IncidentSearches());
            }
        }

        static int during(Runnable action) {
            COUNT.set(new int[1]);
            try {
                action.run();
                return COUNT.get()[0];
            } finally {
                COUNT.remove();
            }
        }

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            int[] count = COUNT.get();
            if (count != null && ((MappedStatement) invocation.getArgs()[0]).getId().endsWith("selectIncidentsByConfiguration")) {
                count[0]++;
            }
            return invocation.proceed();
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }
}
