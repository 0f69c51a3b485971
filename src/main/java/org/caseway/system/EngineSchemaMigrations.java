package org.caseway.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Caseway's changes to the engine's own tables (indexes for our queries, planner statistics), applied
 * after the engine has created or updated its schema.
 *
 * <p>Our tables come from Spring Boot's Flyway (db/migration), which runs before the engine exists, so on
 * a fresh database the engine's tables are not there yet. This plugin runs a second Flyway once the engine
 * is built: scripts in {@code db/engine/<engine database type>} (h2, postgres), its own history table
 * {@value #HISTORY_TABLE}, baselined at version 0 on a database that already has tables. Flyway's lock on the
 * history table (an advisory lock on PostgreSQL) lets one of several nodes that start together migrate
 * while the others wait and then find nothing to do; scripts use IF NOT EXISTS so an index an operator
 * created by hand is kept. {@code ${prefix}} in a script is the engine's table prefix.
 */
@Component
class EngineSchemaMigrations extends AbstractProcessEnginePlugin {

    static final String HISTORY_TABLE = "caseway_engine_schema_history";
    static final String LOCATION = "classpath:db/engine/";

    private static final Logger LOG = LoggerFactory.getLogger(EngineSchemaMigrations.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        migrate((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration());
    }

    MigrateResult migrate(ProcessEngineConfigurationImpl configuration) {
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        MigrateResult result = Flyway.configure()
                .dataSource(configuration.getDataSource())
                .table(HISTORY_TABLE)
                .locations(LOCATION + configuration.getDatabaseType())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("prefix", prefix))
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Engine schema additions for {}: {} migration(s) applied, now at version {}",
                    configuration.getDatabaseType(), result.migrationsExecuted, result.targetSchemaVersion);
        }
        return result;
    }
}
