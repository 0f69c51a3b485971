-- TASK_CANCELLED and TASK_DONE resolutions need more than 12 characters.
ALTER TABLE sla_breach ALTER COLUMN resolution SET DATA TYPE VARCHAR(20);
-- The policy's secondEscalationAfter, kept so an extended deadline's second escalation counts in the
-- same calendar (working days or around the clock) as the first.
ALTER TABLE sla_clock ADD COLUMN second_after VARCHAR(20);
