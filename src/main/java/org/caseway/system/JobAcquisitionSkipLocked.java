package org.caseway.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Several nodes on one PostgreSQL database share the due jobs instead of fighting over them.
 *
 * <p>Each node's job acquisition selects the next due jobs ({@value #ENGINE_STATEMENT}, ordered by due date) and
 * then locks them with an optimistic UPDATE in the same transaction. Two nodes that acquire at the same moment
 * select the same jobs, and one of them loses every lock: in a burst of deadlines on two nodes, 15 to 23% of the
 * acquired jobs (README "Performance"). On PostgreSQL this plugin adds {@code FOR UPDATE OF RES SKIP LOCKED} to
 * that select, so a second node passes over the jobs another node is acquiring at that moment and takes the
 * next ones. The optimistic lock stays as it is, so exactly-once execution does not depend on this: it only
 * removes the collisions. The row locks last until the acquisition commits (milliseconds); a task completion
 * that deletes one of those jobs waits that long. H2 runs one node per database file and keeps the engine's
 * statement.
 */
@Component
class JobAcquisitionSkipLocked extends AbstractProcessEnginePlugin {

    static final String ENGINE_STATEMENT = "selectNextJobsToExecute";
    static final String STATEMENT = "org.caseway.system.JobAcquisition.selectNextJobsToExecuteSkipLocked";
    static final String LOCKING_CLAUSE = " FOR UPDATE OF RES SKIP LOCKED";

    private final CasewayProperties properties;

    JobAcquisitionSkipLocked(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.engine().skipLockedAcquisition() || !"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        EngineStatements.addDerived(configuration, ENGINE_STATEMENT, STATEMENT, sql -> sql + LOCKING_CLAUSE);
        EngineStatements.map(configuration, ENGINE_STATEMENT, STATEMENT);
    }
}
