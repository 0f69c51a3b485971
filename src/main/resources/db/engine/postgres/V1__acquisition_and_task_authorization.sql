-- Caseway's additions to the engine's tables on PostgreSQL, applied after the engine's schema
-- (org.caseway.system.EngineSchemaMigrations). Measured with EXPLAIN ANALYZE on PostgreSQL 15 at 100,500 open
-- tasks, 318,049 timer jobs (three SLA timers per task, due over the next 30 days), 166,200 task
-- authorizations; numbers are before -> after, README "Indexes".

-- Job acquisition with jobExecutorAcquireByDueDate (where (DUEDATE_ is null or DUEDATE_ <= now) and ...
-- order by DUEDATE_ limit 3): the engine has no index on DUEDATE_, so every poll read all 318k rows.
-- Nothing due: 300 ms (seq scan; 72 ms without the JIT compilation it triggers) -> 0.08 ms.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_JOB_DUEDATE ON ${prefix}ACT_RU_JOB (DUEDATE_);

-- The same query's "no exclusive job of the instance is running" check (not exists ... LOCK_OWNER_ is not null
-- and LOCK_EXP_TIME_ >= now) read all jobs to find the few locked ones. With 1,141 jobs due:
-- 51 ms -> 0.08 ms (593 ms without either index). Partial: only locked jobs are in it.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_JOB_LOCKED ON ${prefix}ACT_RU_JOB (PROCESS_INSTANCE_ID_)
    WHERE LOCK_OWNER_ IS NOT NULL;

-- Task queries with authorization checks (every Tasklist filter list and count) join the user's grants:
-- ... left join (select A.* from ACT_RU_AUTHORIZATION A where A.TYPE_ < 2 and (A.USER_ID_ in (..) or
-- A.GROUP_ID_ in (..)) and (A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2 or A.RESOURCE_TYPE_ = 6 and
-- A.PERMS_ & 64 = 64)) AUTH on AUTH.RESOURCE_ID_ in (RES.ID_, D.KEY_, '*').
-- PostgreSQL cannot estimate "PERMS_ & 2 = 2" (it guesses 0.5 %: 298 grants instead of 63,535), so it
-- compares every task with every grant. Statistics on the two expressions give it the real number and it
-- probes ACT_IDX_AUTH_RESOURCE_ID per task instead:
-- count of "My groups' unassigned tasks" for mary > 20 s (timeout) -> 250 ms, "Overdue" count > 20 s ->
-- 400 ms, "My tasks" count > 20 s -> 160 ms, sam's "My tasks" count 14.9 s -> 215 ms (JIT off).
-- They only help plans made with the values: the postgres profile sets plan_cache_mode=force_custom_plan,
-- because a generic plan of a prepared statement (pgjdbc prepares after 5 uses) cannot use them.
CREATE STATISTICS IF NOT EXISTS CASEWAY_STAT_AUTH_READ ON (PERMS_ & 2) FROM ${prefix}ACT_RU_AUTHORIZATION;
CREATE STATISTICS IF NOT EXISTS CASEWAY_STAT_AUTH_READ_TASK ON (PERMS_ & 64) FROM ${prefix}ACT_RU_AUTHORIZATION;
ANALYZE ${prefix}ACT_RU_AUTHORIZATION;
