-- Whether a task missed a deadline, kept on its clock (set in the transaction that records the breach) instead of
-- looked up in sla_breach each time the clock is read: an escalation reads the clock three times, every task end
-- once. On PostgreSQL the lookup was planned once per connection while sla_breach was still empty and then read the
-- whole table at every call as it grew (3-4 ms per read with 10,000 breaches; README "Performance").
ALTER TABLE sla_clock ADD COLUMN breached BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE sla_clock SET breached = TRUE WHERE task_id IN (SELECT task_id FROM sla_breach);
