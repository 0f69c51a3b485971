package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * On PostgreSQL the queries a user runs with authorization checks are never prepared on the server (so each run is
 * planned with its values), while the engine's lookups and its own queries are, after the driver's usual five runs;
 * the connections keep PostgreSQL's default plan cache mode. Watched through pg_prepared_statements of the connection one engine command uses. Shares the context of
 * the other REST tests.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class QueryPlansWithValuesTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void queriesAreNotPreparedOnTheServerButLookupsAre() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's plan cache");
        // as a case manager: the queries carry the authorization checks
        engine.getIdentityService().setAuthentication("mary", List.of("intake", "case-managers", "team-mental-health"));
        List<String> prepared;
        try {
            prepared = configuration().getCommandExecutorTxRequired().execute(context -> {
            for (int i = 0; i < 12; i++) {
                // a value that differs each time: MyBatis would answer a repeated query from its session cache
                Date before = new Date(System.currentTimeMillis() + 60_000 + i);
                engine.getTaskService().createTaskQuery().taskUnassigned().taskCreatedBefore(before).count();
                engine.getTaskService().createTaskQuery().taskCreatedBefore(before).listPage(0, 15);
                engine.getRepositoryService().getProcessDefinition(anyProcessDefinition());
                context.getDbSqlSession().selectById(
                        org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.class, "no-such-task-" + i);
            }
            return preparedOnThisConnection();
            });
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(prepared).noneMatch(sql -> sql.contains("ACT_RU_TASK") && sql.contains("PERMS_"))
                .noneMatch(sql -> sql.toLowerCase().contains("count(distinct res.id_)"));
        assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RU_TASK") && sql.contains("ID_ = $1"));
    }

    @Test
    void connectionsKeepTheDefaultPlanCacheModeWithoutJitAndWithCachedPageCosts() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's plan cache");
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("auto");
        assertThat(jdbc.sql("SHOW jit").query(String.class).single()).isEqualTo("off");
        assertThat(jdbc.sql("SHOW random_page_cost").query(String.class).single()).isEqualTo("1.1");
    }

    @Test
    void theSameQueriesWithoutAUserArePreparedLikeEverythingElse() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's plan cache");
        // the engine's queries for itself (a listener's, a job's) run without authorization checks
        List<String> prepared = configuration().getCommandExecutorTxRequired().execute(context -> {
            for (int i = 0; i < 12; i++) {
                Date before = new Date(System.currentTimeMillis() + 60_000 + i);
                engine.getTaskService().createTaskQuery().taskUnassigned().taskCreatedBefore(before).count();
            }
            return preparedOnThisConnection();
        });

        assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RU_TASK") && sql.contains("CREATE_TIME_ <")
                && !sql.contains("PERMS_"));
    }

    @Test
    void onlyQueriesWithAuthorizationChecksAreSentUnnamed() {
        TaskQueryImpl checked = new TaskQueryImpl();
        checked.getAuthCheck().setAuthorizationCheckEnabled(true);

        assertThat(QueryPlansWithValues.checksAuthorizations(checked)).isTrue();
        assertThat(QueryPlansWithValues.checksAuthorizations(new TaskQueryImpl())).isFalse();
        assertThat(QueryPlansWithValues.checksAuthorizations("a task id")).isFalse();
        assertThat(QueryPlansWithValues.checksAuthorizations(null)).isFalse();
    }

    private String anyProcessDefinition() {
        return engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list().get(0).getId();
    }

    private static List<String> preparedOnThisConnection() {
        Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT statement FROM pg_prepared_statements");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                statements.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statements;
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
