package org.caseway.notification;

import java.util.List;

/**
 * The port every notification leaves through: one adapter per channel (e-mail, in-app). The
 * dispatcher calls {@link #deliver} after the queuing transaction committed, one claimed outbox row
 * at a time, outside any transaction. A channel that only writes to Caseway's own database is
 * {@link #transactional()}: {@link Notifications} has it {@link #deliver} each notice in the transaction that
 * queues it (the outbox row written as sent), and the dispatcher delivers the rows still pending (queued
 * outside a transaction, or by an earlier release) a batch at a time in the transaction that marks them sent.
 */
interface NotificationChannel {

    /** The channel's name in the outbox (channel column). */
    String name();

    /** Whether new notices are queued for this channel (false: configured off). */
    boolean active();

    /**
     * Delivers one message. Throws {@link Undeliverable} when it can never be delivered (the row
     * is SKIPPED) and any runtime exception when a later attempt may succeed (the row is retried).
     */
    void deliver(OutboxMessage message) throws Undeliverable;

    /**
     * Whether delivering is a write to Caseway's own database, which never throws {@link Undeliverable}. Then a
     * notice is delivered in the transaction that queues it, and the dispatcher marks a batch of pending rows sent
     * and calls {@link #deliverAll} in one transaction, without claiming each row first: the rows are delivered and
     * marked together, or neither.
     */
    default boolean transactional() {
        return false;
    }

    /** Delivers these outbox rows, in the caller's transaction; only for {@link #transactional()} channels. */
    default void deliverAll(List<Long> outboxIds) {
        throw new UnsupportedOperationException(name() + " delivers one claimed row at a time");
    }

    /** The message cannot be delivered on this channel, now or later (e.g. no e-mail address). */
    final class Undeliverable extends Exception {
        Undeliverable(String reason) {
            super(reason, null, false, false);
        }
    }
}
