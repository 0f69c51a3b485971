package org.caseway.notification;

/**
 * The port every notification leaves through: one adapter per channel (e-mail, in-app). The
 * dispatcher calls {@link #deliver} after the queuing transaction committed, one outbox row at a
 * time, outside any transaction.
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

    /** The message cannot be delivered on this channel, now or later (e.g. no e-mail address). */
    final class Undeliverable extends Exception {
        Undeliverable(String reason) {
            super(reason, null, false, false);
        }
    }
}
