package org.caseway.notification;

import java.time.OffsetDateTime;

/** One outbox row: a notice for one recipient on one channel. */
record OutboxMessage(long id, String channel, String recipient, String kind, String caseNumber, String subject,
                     String body, OffsetDateTime createdAt, int attempts) {

    /** Id, channel, kind and case number only: what a log line may say about a message. */
    @Override
    public String toString() {
        return "notification " + id + " (" + kind + ", case " + caseNumber + ") via " + channel;
    }
}
