package org.caseway.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;

/**
 * Statements PostgreSQL plans with the values they carry, each time they run, instead of switching to the generic
 * plan it caches on a connection after five runs. A generic plan is made from the table's statistics of that moment
 * and kept until they change: one made while a table was nearly empty scans the whole table for a single row once
 * it has grown, until the next ANALYZE. On other databases nothing changes.
 */
public final class PostgresPlans {

    private PostgresPlans() {
    }

    /** Sends this statement unnamed (the JDBC driver's prepare threshold 0), so that each run is planned anew. */
    public static <S extends Statement> S withValues(S statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }

    /**
     * A statement of {@code sql} with these values, planned with them ({@link #withValues}): for a
     * {@code JdbcTemplate}'s statement creator. Values are set as {@code JdbcTemplate} sets arguments.
     */
    public static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = withValues(connection.prepareStatement(sql));
        new ArgumentPreparedStatementSetter(values).setValues(statement);
        return statement;
    }
}
