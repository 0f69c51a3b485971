package org.caseway.notification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.caseway.casefile.CaseClock;
import org.caseway.system.PostgresPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SingleColumnRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox. Rows are written in the caller's transaction; every later change is
 * a conditional UPDATE, so that of several nodes (or threads) exactly one claims and sends a row.
 *
 * <p>The statements of the sending side are planned with their values on PostgreSQL ({@link PostgresPlans}): the
 * outbox grows by thousands of rows in a burst of escalations, faster than statistics follow, and a cached plan made
 * while it held a few rows read all of them for each row marked sent (a burst of 10,000 escalations: 833 million
 * rows read, one PostgreSQL backend busy for minutes).
 */
@Repository
class Outbox {

    static final String PENDING = "PENDING";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String SKIPPED = "SKIPPED";

    private static final int ERROR_MAX = 500;

    /**
     * A row to send now: pending and its next attempt due (first value: now), or claimed by a node that stopped, its
     * claim older than the second value.
     */
    private static final String DUE = """
            (status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
             OR (status = 'SENDING' AND claimed_at < ?))""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    Outbox(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Queues the notice for one recipient on one channel, in the caller's transaction. */
    long add(String channel, String recipient, Notice notice) {
        return insert(channel, recipient, notice, CaseClock.now(), PENDING);
    }

    /**
     * Records a notice that the caller's transaction delivers itself (a channel that writes to Caseway's own
     * database): the row is written as sent, and nothing is left for the notification thread.
     */
    OutboxMessage addSent(String channel, String recipient, Notice notice) {
        OffsetDateTime now = CaseClock.now();
        long id = insert(channel, recipient, notice, now, SENT);
        return new OutboxMessage(id, channel, recipient, notice.kind(), notice.caseNumber(), notice.subject(),
                notice.body(), now, 0);
    }

    private long insert(String channel, String recipient, Notice notice, OffsetDateTime now, String status) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO notification_outbox (channel, recipient, kind, case_number, subject, body, created_at, status,
                                                 sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(channel, recipient, notice.kind(), notice.caseNumber(), notice.subject(), notice.body(),
                        now, status, SENT.equals(status) ? now : null)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Rows to send: pending ones whose next attempt is due, and those whose claim is older than staleBefore (their
     * node stopped).
     */
    List<Long> due(OffsetDateTime now, OffsetDateTime staleBefore, int limit) {
        return batches.query(connection -> PostgresPlans.prepare(connection, """
                SELECT id FROM notification_outbox WHERE %s
                ORDER BY created_at, id LIMIT ?""".formatted(DUE), now, staleBefore, limit), new SingleColumnRowMapper<>(Long.class));
    }

    /** True if this node now holds the row: nobody else sends it until it is released or goes stale. */
    boolean claim(long id, String node, OffsetDateTime now, OffsetDateTime staleBefore) {
        return update("""
                UPDATE notification_outbox SET status = 'SENDING', claimed_at = ?, claimed_by = ?
                WHERE id = ? AND %s""".formatted(DUE),
                now, node, id, now, staleBefore) == 1;
    }

    /**
     * Marks those of these rows that are of this channel and due (or whose claim went stale) as sent, in two
     * statements whatever their number; returns their ids. Meant for the transaction that also delivers them: its row
     * locks make one node or thread the only one to mark, and so to deliver, each row. The rows are locked in
     * ascending order ({@code ORDER BY id FOR UPDATE}), so that two such transactions over overlapping rows wait for
     * each other instead of deadlocking; one that waited finds the rows no longer due and leaves them out.
     */
    List<Long> markSent(List<Long> ids, String channel, OffsetDateTime now, OffsetDateTime staleBefore) {
        List<Long> sorted = ids.stream().sorted().distinct().toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(sorted);
        values.addAll(List.of(channel, now, staleBefore));
        List<Long> due = batches.query(connection -> PostgresPlans.prepare(connection, """
                SELECT id FROM notification_outbox
                WHERE id IN (%s) AND channel = ? AND %s
                ORDER BY id FOR UPDATE""".formatted(placeholders(sorted.size()), DUE), values.toArray()),
                new SingleColumnRowMapper<>(Long.class));
        if (!due.isEmpty()) {
            List<Object> marked = new ArrayList<>(List.of(now));
            marked.addAll(due);
            update("""
                    UPDATE notification_outbox
                    SET status = 'SENT', sent_at = ?, last_error = NULL, claimed_at = NULL, claimed_by = NULL
                    WHERE id IN (%s)""".formatted(placeholders(due.size())), marked.toArray());
        }
        return due;
    }

    /** {@code ?, ?, ?} for an IN list of this many values. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    Optional<OutboxMessage> message(long id) {
        return batches.query(connection -> PostgresPlans.prepare(connection, """
                SELECT id, channel, recipient, kind, case_number, subject, body, created_at, attempts
                FROM notification_outbox WHERE id = ?""", id),
                (rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("kind"), rs.getString("case_number"),
                        rs.getString("subject"), rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getInt("attempts")))
                .stream().findFirst();
    }

    void sent(long id, String node, OffsetDateTime now) {
        release(id, node, SENT, now, null);
    }

    void skipped(long id, String node, OffsetDateTime now, String reason) {
        release(id, node, SKIPPED, now, reason);
    }

    /**
     * Back to PENDING for another attempt, not before nextAttemptAt, or FAILED when the attempts are used up; returns
     * the new status.
     */
    String failed(long id, String node, String error, int maxAttempts, OffsetDateTime nextAttemptAt) {
        update("""
                UPDATE notification_outbox
                SET status = CASE WHEN attempts + 1 >= ? THEN 'FAILED' ELSE 'PENDING' END,
                    attempts = attempts + 1, last_error = ?, claimed_at = NULL, claimed_by = NULL, next_attempt_at = ?
                WHERE id = ? AND status = 'SENDING' AND claimed_by = ?""",
                maxAttempts, truncate(error), nextAttemptAt, id, node);
        return batches.query(connection -> PostgresPlans.prepare(connection,
                        "SELECT status FROM notification_outbox WHERE id = ?", id),
                new SingleColumnRowMapper<>(String.class)).get(0);
    }

    private void release(long id, String node, String status, OffsetDateTime now, String reason) {
        update("""
                UPDATE notification_outbox SET status = ?, sent_at = ?, last_error = ?, claimed_at = NULL, claimed_by = NULL
                WHERE id = ? AND status = 'SENDING' AND claimed_by = ?""",
                status, SENT.equals(status) ? now : null, truncate(reason), id, node);
    }

    /** A statement of the sending side, planned with its values (see the class comment). */
    private int update(String sql, Object... values) {
        return batches.update(connection -> PostgresPlans.prepare(connection, sql, values));
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= ERROR_MAX ? text : text.substring(0, ERROR_MAX - 3) + "...";
    }
}
