-- PostgreSQL's V5 is a partial index (the grants on tasks and process definitions only) that H2 cannot create.
-- Nothing to do on H2: this script keeps the two databases' migration histories the same.
SELECT 1;
