-- Tasklist's "Overdue" and "Due today" filters ask for tasks by due date; the engine has no index on DUE_DATE_, so
-- each count and page read the whole task table (measured on PostgreSQL, db/engine/postgres V3). H2 has no partial
-- indexes: a plain one.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_TASK_DUE ON ${prefix}ACT_RU_TASK (DUE_DATE_);
