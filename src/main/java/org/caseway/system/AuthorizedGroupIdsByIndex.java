package org.caseway.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the cost of every authorized engine command independent of the number of open tasks.
 *
 * <p>Before its first authorization check, each command (every Tasklist request, every task completion by a case
 * manager) asks which groups have any authorization at all: the engine's statement {@value #ENGINE_STATEMENT} is
 * {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}, which reads every authorization. Caseway's
 * team-scoped work queues give each open task its own authorizations, so that read grows with the case load
 * (about 35 ms per command at 200,000 authorizations on PostgreSQL here). This plugin maps the statement to one
 * that returns the same groups by stepping through the engine's own index on GROUP_ID_, one probe per group
 * (about 1 ms at the same size). Only for the databases Caseway supports; others keep the engine's statement.
 */
@Component
class AuthorizedGroupIdsByIndex extends AbstractProcessEnginePlugin {

    static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
    static final String STATEMENT = "org.caseway.system.AuthorizedGroupIds.selectAuthorizedGroupIdsByIndex";
    private static final String MAPPER = "org/caseway/system/authorized-group-ids.xml";
    private static final Set<String> DATABASES = Set.of("h2", "postgres");

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!DATABASES.contains(configuration.getDatabaseType())) {
            return;
        }
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(STATEMENT, false)) {
            try (InputStream mapper = getClass().getClassLoader().getResourceAsStream(MAPPER)) {
                if (mapper == null) {
                    throw new IllegalStateException(MAPPER + " is missing from the classpath");
                }
                new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // the engine's mappings for a database type are shared by all engines in the JVM: change a copy
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        Map<String, String> mappings = sessions.getStatementMappings() == null
                ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
        mappings.put(ENGINE_STATEMENT, STATEMENT);
        sessions.setStatementMappings(mappings);
    }
}
