-- The rate limits' buckets, shared by every receiver on one PostgreSQL database (on
-- SQLite the one receiver keeps them in memory; the table stays empty). As 0001: only
-- types and statements SQLite and PostgreSQL read alike; times in microseconds.

-- One bucket per limit (`scope`: responses, sign-in) and client address, as a
-- theoretical arrival time (GCRA): the bucket is full once `tat` is past, and a
-- request passes while `tat` is less than one period ahead. `passed` is the last
-- request's fate, as the statement that took it left it.
CREATE TABLE rate_limits (
    scope  TEXT   NOT NULL,
    client TEXT   NOT NULL,
    tat    BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    PRIMARY KEY (scope, client)
);
CREATE INDEX rate_limits_by_tat ON rate_limits (tat);
