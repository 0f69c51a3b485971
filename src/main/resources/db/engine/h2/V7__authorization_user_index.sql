-- PostgreSQL's V7 is a partial index (the grants a person's authorization check reads) that H2 cannot create.
-- Nothing to do on H2: this script keeps the two databases' migration histories the same.
SELECT 1;
