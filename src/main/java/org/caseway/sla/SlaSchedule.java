package org.caseway.sla;

import java.time.Instant;

/**
 * The points in time of one task's SLA, fixed when the task is created (moved only by an extension),
 * and the policy's second-escalation offset, which an extended deadline keeps.
 */
public record SlaSchedule(SlaPriority priority, boolean businessHours, int policyVersion, Instant createdAt,
                          Instant goalAt, Instant dueAt, Instant secondAt, SlaDuration secondAfter) {
}
