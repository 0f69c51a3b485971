-- Caseway's additions to the engine's tables on H2 (the embedded default), applied after the engine's schema
-- (org.caseway.system.EngineSchemaMigrations). The same version as db/engine/postgres: the job acquisition
-- index, measured on PostgreSQL (README "Indexes"). H2 has neither partial indexes nor expression statistics,
-- so the PostgreSQL script's other two changes have no H2 counterpart.
CREATE INDEX IF NOT EXISTS CASEWAY_IDX_JOB_DUEDATE ON ${prefix}ACT_RU_JOB (DUEDATE_);
