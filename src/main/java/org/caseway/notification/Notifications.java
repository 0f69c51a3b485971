package org.caseway.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.caseway.system.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notifies people on every active channel (e-mail, in-app). Notices are written to the outbox
 * in the caller's transaction (the engine's, inside listeners and jobs) and leave after it
 * commits: a rolled-back or re-run job sends nothing twice. A channel that writes to Caseway's own
 * database (in-app) delivers in that transaction itself, its outbox row written as sent.
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Outbox outbox;
    private final List<NotificationChannel> channels;
    private final OutboxDispatcher dispatcher;
    private final IdentityService identityService;
    private final CurrentUser currentUser;

    Notifications(Outbox outbox, List<NotificationChannel> channels, OutboxDispatcher dispatcher,
                  IdentityService identityService, CurrentUser currentUser) {
        this.outbox = outbox;
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.identityService = identityService;
        this.currentUser = currentUser;
    }

    /** Queues the notice for one user on every channel, in the caller's transaction; leaves after commit. */
    public void toUser(String userId, Notice notice) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a notice needs a recipient");
        }
        queue(List.of(userId), Objects.requireNonNull(notice));
    }

    /** Queues it for every member of a Camunda group (resolved now, one outbox row per user and channel). */
    public void toGroup(String groupId, Notice notice) {
        Objects.requireNonNull(notice);
        List<String> members = currentUser.withoutEngineAuthorization(() -> identityService.createUserQuery()
                .memberOfGroup(groupId).orderByUserId().asc().list().stream().map(User::getId).toList());
        if (members.isEmpty()) {
            log.warn("{} reached nobody: the group {} has no members", notice, groupId);
        }
        queue(members, notice);
    }

    private void queue(List<String> userIds, Notice notice) {
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        List<Long> later = new ArrayList<>();
        for (String userId : userIds) {
            for (NotificationChannel channel : channels) {
                if (!channel.active()) {
                    continue;
                }
                if (inTransaction && channel.transactional()) {
                    // in the inbox when the caller's work commits, never if it rolls back: no wait for the notification
                    // thread, which a burst of escalations on 8 job threads kept 20 to 36 s behind
                    deliverNow(channel, outbox.addSent(channel.name(), userId, notice));
                } else {
                    later.add(outbox.add(channel.name(), userId, notice));
                }
            }
        }
        dispatcher.afterCommit(later);
    }

    private static void deliverNow(NotificationChannel channel, OutboxMessage message) {
        try {
            channel.deliver(message);
        } catch (NotificationChannel.Undeliverable e) {
            throw new IllegalStateException(channel.name() + " is transactional and cannot refuse a notice", e);
        }
    }
}
