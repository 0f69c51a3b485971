-- Lookups that scanned whole tables once there are many cases (benchmark, issue 7: a case's lifecycle took 2.4x
-- as long at 100,000 open cases as at 1,000 on PostgreSQL):
-- the returning-client check at intake (CaseAssignment: same first name, last name and date of birth) ...
CREATE INDEX ix_client_identity ON client (last_name, first_name, date_of_birth);
-- ... and the join from a client to their cases
CREATE INDEX ix_case_file_client ON case_file (client_id);
