-- Alerts sent to other systems. As 0001: only types and statements SQLite and
-- PostgreSQL read alike; times in microseconds since 1970 UTC.

-- Where alerts go: format is json or slack; events a JSON list of event names
-- (complaint.urgent, survey.detractor).
CREATE TABLE webhooks (
    id         TEXT   NOT NULL PRIMARY KEY,
    url        TEXT   NOT NULL,
    format     TEXT   NOT NULL,
    events     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- One alert to one webhook about one response (subject). status is pending,
-- delivered or failed. A sender claims a pending delivery by moving its
-- next_attempt_at past the send's timeout while it sends, so no two senders take it.
CREATE TABLE webhook_deliveries (
    id              TEXT   NOT NULL PRIMARY KEY,
    webhook_id      TEXT   NOT NULL REFERENCES webhooks (id),
    event           TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    delivered_at    BIGINT,
    UNIQUE (webhook_id, event, subject)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (created_at);
CREATE INDEX webhook_deliveries_by_subject ON webhook_deliveries (subject);
