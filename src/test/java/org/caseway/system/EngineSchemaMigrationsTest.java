package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.caseway.CasewayApplication;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Caseway's additions to the engine's tables (db/engine) are there once Caseway has started on a fresh database,
 * on H2 and, with -Ppostgres, on PostgreSQL; a second start on the same database applies nothing, and two nodes
 * that find the additions missing at the same moment both start, one of them applying them (PostgreSQL only: an H2
 * file database is open in one process at a time). Shares the context of the other REST tests and leaves the
 * database as it found it.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class EngineSchemaMigrationsTest {

    /** Flyway quotes the name of its table: lower case on H2 as well. */
    static final String HISTORY = '"' + EngineSchemaMigrations.HISTORY_TABLE + '"';

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    EngineSchemaMigrations migrations;

    @Test
    void theAdditionsExistAfterStartUp() throws SQLException {
        assertThat(indexes("ACT_RU_JOB")).contains("caseway_idx_job_duedate");
        assertThat(indexes("ACT_RU_TASK")).contains("caseway_idx_task_parent", "caseway_idx_task_due");
        assertThat(applied()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        if (postgres()) {
            assertThat(indexes("ACT_RU_JOB")).contains("caseway_idx_job_locked");
            assertThat(indexes("ACT_RU_AUTHORIZATION")).contains("caseway_idx_auth_task_resource", "caseway_idx_auth_user");
            assertThat(indexes("ACT_RU_TASK")).contains("caseway_idx_task_created_due");
            assertThat(statistics()).containsExactlyInAnyOrder("caseway_stat_auth_read", "caseway_stat_auth_read_task");
        }
    }

    @Test
    void aSecondStartOnTheSameDatabaseAppliesNothing() {
        MigrateResult again = migrations.migrate(configuration());

        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(applied()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void twoNodesStartingTogetherApplyTheAdditionsOnce() throws Exception {
        assumeTrue(postgres(), "several nodes share a PostgreSQL database only");
        // a database whose engine schema exists but has none of Caseway's additions yet (as before this release)
        jdbc().sql("DROP TABLE " + HISTORY).update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_JOB_DUEDATE").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_JOB_LOCKED").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_TASK_PARENT").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_TASK_DUE").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_AUTH_TASK_RESOURCE").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_TASK_CREATED_DUE").update();
        jdbc().sql("DROP INDEX CASEWAY_IDX_AUTH_USER").update();
        jdbc().sql("DROP STATISTICS CASEWAY_STAT_AUTH_READ, CASEWAY_STAT_AUTH_READ_TASK").update();
        assertThat(indexes("ACT_RU_JOB")).doesNotContain("caseway_idx_job_duedate");

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<MigrateResult>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> {
                await(together);
                return migrations.migrate(configuration());
            }));
        }

        List<MigrateResult> results = nodes.stream().map(CompletableFuture::join).toList();
        assertThat(results).allMatch(result -> result.success);
        assertThat(results.stream().mapToInt(result -> result.migrationsExecuted).sum()).isEqualTo(7);
        assertThat(indexes("ACT_RU_JOB")).contains("caseway_idx_job_duedate", "caseway_idx_job_locked");
        assertThat(indexes("ACT_RU_TASK")).contains("caseway_idx_task_parent", "caseway_idx_task_due",
                "caseway_idx_task_created_due");
        assertThat(indexes("ACT_RU_AUTHORIZATION")).contains("caseway_idx_auth_task_resource", "caseway_idx_auth_user");
        assertThat(statistics()).hasSize(2);
        assertThat(applied()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private boolean postgres() {
        return "postgres".equals(configuration().getDatabaseType());
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private List<String> applied() {
        return jdbc().sql("SELECT \"version\" FROM " + HISTORY
                + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"").query(String.class).list();
    }

    private List<String> statistics() {
        return jdbc().sql("SELECT stxname FROM pg_statistic_ext WHERE stxname LIKE 'caseway%'").query(String.class).list();
    }

    /** Index names of the table, lower case, from the JDBC metadata (H2 stores names in upper case, PostgreSQL in lower). */
    private List<String> indexes(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            String name = metadata.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
            try (ResultSet rs = metadata.getIndexInfo(null, null, name, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
