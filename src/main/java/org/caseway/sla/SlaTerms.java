package org.caseway.sla;

/**
 * What the sla-policy table says for one task: the reminder (goal) and the deadline, counted
 * from the task's creation, and how long after the deadline the second escalation comes.
 */
public record SlaTerms(SlaDuration goal, SlaDuration deadline, SlaDuration secondEscalationAfter,
                       boolean businessHours, int policyVersion) {
}
