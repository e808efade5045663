-- Mystery-shop visits under review, as ODK Central reviews submissions. As 0001:
-- only types and statements SQLite and PostgreSQL read alike; times in microseconds
-- since 1970 UTC. Nothing here depends on the tables of other migrations but
-- `responses`, so the migrations between 0002 and this one may come in any order.

-- A visit's review now: received (the same as no row), has_issues, approved or
-- rejected; reviewer is the actor as the audit log writes it (token, user:NAME).
CREATE TABLE visit_reviews (
    response_id TEXT   NOT NULL PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    state       TEXT   NOT NULL,
    reviewer    TEXT   NOT NULL,
    comment     TEXT,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX visit_reviews_by_state ON visit_reviews (state);

-- Every change of a visit's review, oldest read first. id is random (no sequence
-- type both databases share).
CREATE TABLE review_events (
    id          TEXT   NOT NULL PRIMARY KEY,
    response_id TEXT   NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    actor       TEXT   NOT NULL,
    from_state  TEXT   NOT NULL,
    to_state    TEXT   NOT NULL,
    comment     TEXT
);
CREATE INDEX review_events_by_response ON review_events (response_id, at);
