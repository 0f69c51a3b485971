package org.caseway.system;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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

    private final CasewayProperties properties;

    AuthorizedGroupIdsByIndex(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.engine().indexedAuthorizedGroups() || !DATABASES.contains(configuration.getDatabaseType())) {
            return;
        }
        EngineStatements.addMapper(configuration, MAPPER, STATEMENT);
        EngineStatements.map(configuration, ENGINE_STATEMENT, STATEMENT);
    }
}
