-- Every Tasklist filter list and count joins the user's grants on AUTH.RESOURCE_ID_ in (RES.ID_, D.KEY_, '*') (see
-- V1): PostgreSQL probes ACT_IDX_AUTH_RESOURCE_ID three times per task. The probe for '*' returned every global
-- grant of every resource type (40 in the demo: applications, users, groups, filters, deployments...) and read each
-- of them for each task, only to keep the few on tasks (resource type 7) and process definitions (6). This index
-- holds the grants of those two types only; the query asks for them (A.RESOURCE_TYPE_ = 7 ... or
-- A.RESOURCE_TYPE_ = 6 ...), and QueryPlansWithValues plans it with those values, so PostgreSQL can use it.
-- "My groups' unassigned tasks" for mary at 1,000 open tasks through /engine-rest (p50, curl, same database
-- before and after): list 48-65 ms -> 31-38 ms, count 35-44 ms -> 23-27 ms (README "Indexes").
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_AUTH_TASK_RESOURCE ON ${prefix}ACT_RU_AUTHORIZATION (RESOURCE_ID_)
    WHERE RESOURCE_TYPE_ IN (6, 7);
ANALYZE ${prefix}ACT_RU_AUTHORIZATION;
