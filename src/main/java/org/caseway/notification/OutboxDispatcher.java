package org.caseway.notification;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caseway.notification.NotificationChannel.Undeliverable;
import org.caseway.system.CasewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the outbox. Rows queued in a transaction are handed to one background thread after it
 * commits (never sent inside it, never in the committing thread); a scheduled sweep sends what
 * that missed and retries failures, each after a longer wait (caseway.notifications.retry-backoff, doubling up to
 * max-retry-backoff). Every send is preceded by a claim (a conditional UPDATE that
 * only one node or thread wins), so a row is delivered once however often it is dispatched.
 * Log lines name the outbox id, kind, case number and channel only.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int SWEEP_BATCH = 200;
    private static final int QUEUE_CAPACITY = 10_000;

    private final Outbox outbox;
    private final Map<String, NotificationChannel> channels;
    private final CasewayProperties.Notifications settings;
    /**
     * Who holds a claim: this JVM ("pid@host" plus a random part, since containers often share both).
     * Stale claims are judged by each node's clock: nodes are expected to keep time (NTP) well within
     * the claim timeout.
     */
    private final String node = truncate(ManagementFactory.getRuntimeMXBean().getName() + "/"
            + java.util.UUID.randomUUID().toString().substring(0, 8), 100);
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "caseway-notifications");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicBoolean sweepQueued = new AtomicBoolean();

    OutboxDispatcher(Outbox outbox, List<NotificationChannel> channels, CasewayProperties properties) {
        this.outbox = outbox;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.settings = properties.notifications();
    }

    /** Sends these rows once the caller's transaction has committed (at once if there is none). */
    void afterCommit(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    inBackground(() -> ids.forEach(OutboxDispatcher.this::dispatch));
                }
            });
        } else {
            inBackground(() -> ids.forEach(this::dispatch));
        }
    }

    @Scheduled(fixedDelayString = "${caseway.notifications.dispatch-interval}",
            initialDelayString = "${caseway.notifications.dispatch-interval}")
    void scheduledSweep() {
        // on the notification thread, not the scheduler's (shared with other jobs): mail may be slow
        if (sweepQueued.compareAndSet(false, true)) {
            if (!inBackground(() -> {
                try {
                    sweep();
                } finally {
                    sweepQueued.set(false);
                }
            })) {
                sweepQueued.set(false);
            }
        }
    }

    /** Dispatches the pending rows and those whose claim went stale; returns how many were delivered. */
    int sweep() {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> due = outbox.due(now, now.minus(settings.claimTimeout()), SWEEP_BATCH);
        int delivered = 0;
        for (long id : due) {
            delivered += dispatch(id) ? 1 : 0;
        }
        return delivered;
    }

    /** Claims and delivers one row; false if another node or thread holds it, or it was not delivered. */
    boolean dispatch(long id) {
        OffsetDateTime now = OffsetDateTime.now();
        if (!outbox.claim(id, node, now, now.minus(settings.claimTimeout()))) {
            return false;
        }
        OutboxMessage message = outbox.message(id).orElseThrow();
        try {
            NotificationChannel channel = channels.get(message.channel());
            if (channel == null || !channel.active()) {
                throw new Undeliverable("the channel is off");
            }
            channel.deliver(message);
            outbox.sent(id, node, OffsetDateTime.now());
            log.debug("Sent {}", message);
            return true;
        } catch (Undeliverable e) {
            outbox.skipped(id, node, OffsetDateTime.now(), e.getMessage());
            log.info("Skipped {}: {}", message, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            Duration wait = settings.backoffAfter(message.attempts() + 1);
            String status = outbox.failed(id, node, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    settings.maxAttempts(), OffsetDateTime.now().plus(wait));
            if (Outbox.FAILED.equals(status)) {
                log.warn("Gave up on {} after {} attempts: {}", message, settings.maxAttempts(), e.getClass().getName());
            } else {
                log.warn("Could not deliver {} (attempt {}), retried in {} or later: {}", message,
                        message.attempts() + 1, wait, e.getClass().getName());
            }
            return false;
        }
    }

    private boolean inBackground(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Notification dispatch stopped, the next sweep goes on: {}", e.toString());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("Notification queue full or closed; the next sweep sends the rows");
            return false;
        }
    }

    /** Lets a send in progress finish; rows still queued stay PENDING for the sweep of this or another node. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.getQueue().clear();
        if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
