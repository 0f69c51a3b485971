-- Every task completion asks for the task's subtasks (select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?), and
-- the engine has no index on PARENT_TASK_ID_: each completion read the whole task table. At 100,000 open tasks that
-- was 20-57 ms per completion, most of a case's lifecycle slowing from 176 ms at 1,000 open cases to 446 ms at
-- 100,000 (found with log_min_duration_statement; README "Indexes"). Caseway has no subtasks, so the index holds
-- only the rare task that has a parent: 57 ms -> 0.02 ms, with prepared (generic) plans as well.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_TASK_PARENT ON ${prefix}ACT_RU_TASK (PARENT_TASK_ID_)
    WHERE PARENT_TASK_ID_ IS NOT NULL;
