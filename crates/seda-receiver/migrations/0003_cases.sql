-- Complaints followed to closure. As 0001: only types and statements SQLite and
-- PostgreSQL read alike; times in microseconds since 1970 UTC.

-- One case per complaint response, opened when the response is first stored (or, for
-- complaints stored before this table, when the receiver starts). status is received,
-- acknowledged, in_progress, resolved, closed or reopened; urgency urgent or normal;
-- contact_phone holds digits only.
CREATE TABLE cases (
    response_id        TEXT   NOT NULL PRIMARY KEY REFERENCES responses (id),
    reference          TEXT   NOT NULL,
    form_id            TEXT   NOT NULL,
    status             TEXT   NOT NULL,
    urgency            TEXT   NOT NULL,
    topic              TEXT,
    owner              TEXT,
    received_at        BIGINT NOT NULL,
    due_at             BIGINT NOT NULL,
    public_reply       TEXT,
    public_reply_at    BIGINT,
    root_cause         TEXT,
    language           TEXT,
    contact_email      TEXT,
    contact_phone      TEXT,
    survey_response_id TEXT,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX cases_by_reference ON cases (reference);
CREATE INDEX cases_by_due ON cases (status, due_at);

-- A case's history: received, status, owner, note, reply or root_cause. from_status
-- and to_status are set for status moves; text holds a note, a reply, an owner or a
-- root cause. id is random; events are read by time.
CREATE TABLE case_events (
    id          TEXT   NOT NULL PRIMARY KEY,
    response_id TEXT   NOT NULL REFERENCES cases (response_id),
    at          BIGINT NOT NULL,
    actor       TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    text        TEXT
);
CREATE INDEX case_events_by_case ON case_events (response_id, at);
