package org.caseway.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node at a time, for short work that each node runs on its own schedule and that reads before it writes: the
 * work runs in one transaction that first locks the named row of {@code cluster_lock} (V10), so a second node waits
 * until the first has committed and then sees what it wrote. The engine's commands inside join that transaction.
 * Works the same on H2 and PostgreSQL; nothing to clean up when a node dies (its transaction, and the lock, end).
 */
@Component
class ClusterLock {

    /** Tasklist's shared and personal filters ({@link TasklistFilters}). */
    static final String TASKLIST_FILTERS = "tasklist-filters";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    ClusterLock(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs {@code work} holding the lock {@code name}; joins the caller's transaction if there is one. */
    void run(String name, Runnable work) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.sql("SELECT name FROM cluster_lock WHERE name = ? FOR UPDATE").param(name)
                    .query(String.class).optional().isEmpty()) {
                throw new IllegalStateException("No cluster lock '" + name + "' (migration V10)");
            }
            work.run();
        });
    }
}
