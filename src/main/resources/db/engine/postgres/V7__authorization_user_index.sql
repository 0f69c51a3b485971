-- Every query with a person's authorization check reads the grants of that person, of '*' and of their groups
-- (USER_ID_ IN (?, '*') OR GROUP_ID_ IN (...), TYPE_ < 2). The engine indexes GROUP_ID_ alone, but USER_ID_ only
-- behind TYPE_ (ACT_UNIQ_AUTH_USER: TYPE_, USER_ID_, ...), so with TYPE_ < 2 PostgreSQL reads that whole index: at
-- 100,000 open tasks (one grant each) 9-12 ms of a 12-16 ms "Overdue" count for liam, 0.01 ms with this index
-- (EXPLAIN ANALYZE; README "Indexes"). TYPE_ < 2 (global and grant) is what the checks read; revokes are not.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_AUTH_USER ON ${prefix}ACT_RU_AUTHORIZATION (USER_ID_) WHERE TYPE_ < 2;
