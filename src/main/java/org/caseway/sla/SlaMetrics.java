package org.caseway.sla;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** SLA metrics for Prometheus: placeholder until the SLA view lands (same issue); records nothing yet. */
@Component
public class SlaMetrics {

    public void breach(String taskKey, int level) {
    }

    public void escalation(String taskKey, int level) {
    }

    public void completed(String taskKey, Duration timeToComplete) {
    }
}
