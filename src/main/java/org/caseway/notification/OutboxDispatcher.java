package org.caseway.notification;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caseway.notification.NotificationChannel.Undeliverable;
import org.caseway.system.CasewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Rows queued in a transaction are handed to one background thread after it
 * commits (never sent inside it, never in the committing thread), which takes them in batches of
 * what has been handed over meanwhile; a scheduled sweep sends what that missed and retries
 * failures, each after a longer wait (caseway.notifications.retry-backoff, doubling up to
 * max-retry-backoff). A row is delivered once however often it is dispatched: rows of a channel
 * that writes to Caseway's own database (in-app; {@link Notifications} delivers those queued in a transaction
 * at once, these are the rest) are delivered and marked sent in one transaction
 * per batch, whose row locks only one node or thread wins; every other send (e-mail) is preceded
 * by a claim (a conditional UPDATE that only one node or thread wins).
 * Log lines name the outbox id, kind, case number and channel only.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int SWEEP_BATCH = 200;
    /** The most rows one transaction delivers and marks sent. */
    private static final int BATCH = 100;
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
    /** Committed rows waiting for the notification thread, which takes them in batches. */
    private final Queue<Long> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOverCount = new AtomicInteger();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final TransactionTemplate transaction;

    OutboxDispatcher(Outbox outbox, List<NotificationChannel> channels, CasewayProperties properties,
                     PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.settings = properties.notifications();
        this.transaction = new TransactionTemplate(transactions);
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
                    handOver(ids);
                }
            });
        } else {
            handOver(ids);
        }
    }

    /**
     * Queues committed rows for the notification thread, which drains the queue in batches: under load a batch holds
     * the rows of many transactions, when it is quiet each transaction's rows leave at once. Rows beyond the
     * queue's capacity stay PENDING for a sweep queued behind the batches.
     */
    private void handOver(List<Long> ids) {
        if (handedOverCount.addAndGet(ids.size()) > QUEUE_CAPACITY) {
            handedOverCount.addAndGet(-ids.size());
            // a burst of escalations outran the notification thread: a sweep after what is queued sends the rows
            log.debug("Notification queue full; a sweep sends the rows");
            sweepSoon();
            return;
        }
        handedOver.addAll(ids);
        if (drainQueued.compareAndSet(false, true) && !inBackground(this::drain)) {
            drainQueued.set(false);
        }
    }

    private void drain() {
        drainQueued.set(false);
        List<Long> batch = new ArrayList<>(BATCH);
        Long id;
        while ((id = handedOver.poll()) != null) {
            handedOverCount.decrementAndGet();
            batch.add(id);
            if (batch.size() == BATCH) {
                dispatchAll(batch);
                batch.clear();
            }
        }
        dispatchAll(batch);
    }

    @Scheduled(fixedDelayString = "${caseway.notifications.dispatch-interval}",
            initialDelayString = "${caseway.notifications.dispatch-interval}")
    void scheduledSweep() {
        sweepSoon();
    }

    /** Queues a sweep on the notification thread (not the scheduler's, shared with other jobs: mail may be slow). */
    private void sweepSoon() {
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

    /**
     * Dispatches the pending rows and those whose claim went stale, a batch at a time, until no full batch is left or
     * a batch delivered nothing (a mail server that is down is not tried row after row); returns how many were
     * delivered. One batch per sweep left thousands of rows of a burst waiting a minute per 200.
     */
    int sweep() {
        int delivered = 0;
        List<Long> due;
        int sent;
        do {
            OffsetDateTime now = OffsetDateTime.now();
            due = outbox.due(now, now.minus(settings.claimTimeout()), SWEEP_BATCH);
            sent = dispatchAll(due);
            delivered += sent;
        } while (due.size() == SWEEP_BATCH && sent > 0);
        return delivered;
    }

    /**
     * Delivers these rows: those of transactional channels in one transaction per channel, the others one claimed row
     * at a time; returns how many this call delivered (rows another node or thread holds, or that were already sent,
     * are passed over).
     */
    int dispatchAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Set<Long> done = new HashSet<>();
        for (NotificationChannel channel : channels.values()) {
            if (channel.transactional() && channel.active()) {
                OffsetDateTime now = OffsetDateTime.now();
                List<Long> marked = transaction.execute(status -> {
                    List<Long> won = outbox.markSent(ids, channel.name(), now, now.minus(settings.claimTimeout()));
                    channel.deliverAll(won);
                    return won;
                });
                done.addAll(marked);
                log.debug("Delivered {} notifications via {}", marked.size(), channel.name());
            }
        }
        int delivered = done.size();
        if (delivered < ids.size()) {
            for (long id : ids) {
                if (!done.contains(id)) {
                    delivered += dispatch(id) ? 1 : 0;
                }
            }
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
        handedOver.clear();
        if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
