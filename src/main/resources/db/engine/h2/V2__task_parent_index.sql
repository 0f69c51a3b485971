-- Every task completion asks for the task's subtasks (select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?); the
-- engine has no index on PARENT_TASK_ID_, so each completion read the whole task table (measured on PostgreSQL,
-- db/engine/postgres V2). H2 has no partial indexes: a plain one.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_TASK_PARENT ON ${prefix}ACT_RU_TASK (PARENT_TASK_ID_);
