-- From this release the engine gives every job a due date (ensure-job-due-date-not-null, application.yaml), and job
-- acquisition no longer asks for jobs without one (db/engine/postgres V4). A job an earlier release created without
-- a due date (an async continuation) would no longer be acquired: it is due now.
UPDATE ${prefix}ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL;
