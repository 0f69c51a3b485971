package org.caseway.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SLA counters and timers for the Actuator's Prometheus endpoint, called where deadlines are missed,
 * escalated and met (task listeners in engine transactions). Inside a transaction a metric moves only
 * after the commit, so a rolled-back command counts nothing.
 *
 * <p>Prometheus names: {@code caseway_sla_breaches_total{task_key,level}},
 * {@code caseway_sla_escalations_total{task_key,level}} and
 * {@code caseway_sla_time_to_complete_seconds_{count,sum,max,bucket}{task_key}}. Tags hold task keys and
 * levels only, never case or client data.
 */
@Component
public class SlaMetrics {

    static final String BREACHES = "caseway.sla.breaches";
    static final String ESCALATIONS = "caseway.sla.escalations";
    static final String TIME_TO_COMPLETE = "caseway.sla.time.to.complete";

    /** Histogram buckets of time to complete, for histogram_quantile() and "share done within X". */
    private static final Duration[] COMPLETION_BUCKETS = {Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(10),
            Duration.ofDays(21), Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(90)};

    private final MeterRegistry registry;

    SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A deadline was missed: level 1 at the deadline, level 2 past the second limit. */
    public void breach(String taskKey, int level) {
        Counter counter = Counter.builder(BREACHES).description("Missed SLA deadlines")
                .tag("task_key", key(taskKey)).tag("level", Integer.toString(level)).register(registry);
        afterCommit(counter::increment);
    }

    /** A missed deadline was escalated (to the team's supervisor at level 1, program managers at level 2). */
    public void escalation(String taskKey, int level) {
        Counter counter = Counter.builder(ESCALATIONS).description("SLA escalations")
                .tag("task_key", key(taskKey)).tag("level", Integer.toString(level)).register(registry);
        afterCommit(counter::increment);
    }

    /** A task was completed this long after it was created (a negative duration counts as zero). */
    public void completed(String taskKey, Duration timeToComplete) {
        Timer timer = Timer.builder(TIME_TO_COMPLETE).description("Time from a user task's creation to its completion")
                .tag("task_key", key(taskKey)).serviceLevelObjectives(COMPLETION_BUCKETS).register(registry);
        Duration recorded = timeToComplete == null || timeToComplete.isNegative() ? Duration.ZERO : timeToComplete;
        afterCommit(() -> timer.record(recorded));
    }

    private static String key(String taskKey) {
        return taskKey == null || taskKey.isBlank() ? "unknown" : taskKey;
    }

    private static void afterCommit(Runnable update) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    update.run();
                }
            });
        } else {
            update.run();
        }
    }
}
