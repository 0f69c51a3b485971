package org.caseway.notification;

import java.util.List;
import org.caseway.system.PostgresPlans;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** In-app adapter: the notification the recipient reads under /api/notifications. Always on. */
@Component
class InAppChannel implements NotificationChannel {

    static final String NAME = "IN_APP";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    InAppChannel(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    /** Copies the rows into the inboxes; a row that already has its in-app record is left out. */
    @Override
    public void deliverAll(List<Long> outboxIds) {
        if (outboxIds.isEmpty()) {
            return;
        }
        // planned with its values on PostgreSQL, as the outbox's own statements (Outbox): both tables grow fast
        batches.update(connection -> PostgresPlans.prepare(connection, """
                INSERT INTO in_app_notification (outbox_id, recipient, kind, case_number, subject, body, created_at)
                SELECT o.id, o.recipient, o.kind, o.case_number, o.subject, o.body, o.created_at
                FROM notification_outbox o
                WHERE o.id IN (%s) AND NOT EXISTS (SELECT 1 FROM in_app_notification n WHERE n.outbox_id = o.id)"""
                .formatted(Outbox.placeholders(outboxIds.size())), outboxIds.toArray()));
    }

    /**
     * Records one notice: in the transaction that queued it (its outbox row just written as sent), or a claimed row
     * of the dispatcher. Idempotent: one in-app record per outbox row (unique outbox_id), however often it is
     * delivered.
     */
    @Override
    public void deliver(OutboxMessage message) {
        try {
            jdbc.sql("""
                    INSERT INTO in_app_notification (outbox_id, recipient, kind, case_number, subject, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(message.id(), message.recipient(), message.kind(), message.caseNumber(), message.subject(),
                            message.body(), message.createdAt())
                    .update();
        } catch (DuplicateKeyException alreadyDelivered) {
            // an earlier attempt wrote it and stopped before marking the row sent
        }
    }
}
