package org.caseway.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a database created at one of the engine's built-in history levels (none, activity, audit, full:
 * every installation before the {@value CasewayHistoryLevel#NAME} level) to the configured
 * {@value CasewayHistoryLevel#NAME} level. The engine refuses to start when the level stored in
 * ACT_GE_PROPERTY differs from the configured one ("historyLevel mismatch"); this runs in postInit, before
 * the engine's own check, with plain JDBC on the engine's data source.
 *
 * <p>Nothing happens on a new database (no ACT_GE_PROPERTY yet: the engine stores the configured level
 * itself), when the stored level is already ours or is an unknown custom one, or when the configuration
 * asks for a built-in level (a test that wants the job log, or a rollback, keeps its level and meets the
 * engine's check). The update is conditional on the old value, so of several nodes starting together one
 * changes the level and logs it.
 */
@Component
class HistoryLevelUpgrade extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(HistoryLevelUpgrade.class);

    private static final Map<Integer, HistoryLevel> BUILT_IN = Map.of(
            HistoryLevel.HISTORY_LEVEL_NONE.getId(), HistoryLevel.HISTORY_LEVEL_NONE,
            HistoryLevel.HISTORY_LEVEL_ACTIVITY.getId(), HistoryLevel.HISTORY_LEVEL_ACTIVITY,
            HistoryLevel.HISTORY_LEVEL_AUDIT.getId(), HistoryLevel.HISTORY_LEVEL_AUDIT,
            HistoryLevel.HISTORY_LEVEL_FULL.getId(), HistoryLevel.HISTORY_LEVEL_FULL);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryLevel() instanceof CasewayHistoryLevel level) {
            upgrade(configuration.getDataSource(), configuration.getDatabaseTablePrefix(), level);
        }
    }

    static void upgrade(DataSource dataSource, String tablePrefix, HistoryLevel target) {
        String table = (tablePrefix == null ? "" : tablePrefix) + "ACT_GE_PROPERTY";
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, table)) {
                return;
            }
            Integer stored = storedLevel(connection, table);
            if (stored == null || !BUILT_IN.containsKey(stored)) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                    + " SET VALUE_ = ?, REV_ = REV_ + 1 WHERE NAME_ = 'historyLevel' AND VALUE_ = ?")) {
                update.setString(1, Integer.toString(target.getId()));
                update.setString(2, Integer.toString(stored));
                if (update.executeUpdate() == 1) {
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                    log.info("history level changed from {} to {}", BUILT_IN.get(stored).getName(), target.getName());
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not move the stored history level to " + target.getName(), e);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Integer storedLevel(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT VALUE_ FROM " + table + " WHERE NAME_ = 'historyLevel'");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            try {
                return Integer.valueOf(row.getString(1).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
