-- Work that every node runs on its own schedule and that must not run on two nodes at once (Tasklist's shared and
-- personal filters: two nodes each finding none would each create one) first locks its row here, until its
-- transaction ends (org.caseway.system.ClusterLock).
CREATE TABLE cluster_lock (
    name VARCHAR(64) PRIMARY KEY
);
INSERT INTO cluster_lock (name) VALUES ('tasklist-filters');
