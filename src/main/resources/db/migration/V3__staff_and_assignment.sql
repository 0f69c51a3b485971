-- Case manager profiles (linked to Camunda users by user id) and who owns each case.
CREATE TABLE staff_profile (
    user_id         VARCHAR(64)  PRIMARY KEY,
    team            VARCHAR(64)  NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    qualifications  VARCHAR(500) NOT NULL DEFAULT '',
    languages       VARCHAR(200) NOT NULL DEFAULT '',
    caseload_cap    INT          NOT NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    absent_until    DATE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_staff_team ON staff_profile (team);

ALTER TABLE case_file ADD COLUMN team VARCHAR(64);
ALTER TABLE case_file ADD COLUMN case_manager VARCHAR(64);
CREATE INDEX ix_case_file_manager ON case_file (case_manager);
