-- From this release the engine gives every job a due date (ensure-job-due-date-not-null, application.yaml), so job
-- acquisition asks for "DUEDATE_ <= now" instead of "DUEDATE_ is null or DUEDATE_ <= now". PostgreSQL reads that
-- condition in CASEWAY_IDX_JOB_DUEDATE's order and stops at the first jobs it can take; with the "is null or" it
-- collected every due job and sorted them all for each acquisition: in a burst of 10,000 deadlines (20,000 due jobs)
-- 13-40 ms -> 0.2-5 ms per acquisition (EXPLAIN ANALYZE; README "Performance"). A job an earlier release created
-- without a due date (an async continuation) would no longer be acquired: it is due now.
UPDATE ${prefix}ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL;
