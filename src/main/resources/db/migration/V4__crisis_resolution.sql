-- A crisis is open until its crisis-intervention flow ends; open crises weigh on the caseload.
ALTER TABLE case_crisis ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
