-- One schema for SQLite and PostgreSQL: only types and statements both read alike.
-- Times are microseconds since 1970-01-01 UTC.

-- A registered form: one row per (form id, the form's own version). Registering the
-- same version again with the same definition changes nothing; with another, it is refused.
CREATE TABLE forms (
    form_id       TEXT   NOT NULL,
    version       BIGINT NOT NULL,
    definition    TEXT   NOT NULL,
    sha256        TEXT   NOT NULL,
    registered_at BIGINT NOT NULL,
    PRIMARY KEY (form_id, version)
);

-- One row per Idempotency-Key (the response's `id`): the primary key is what makes a
-- second receipt harmless, even from two receivers on one database.
CREATE TABLE responses (
    id           TEXT   NOT NULL PRIMARY KEY,
    form_id      TEXT   NOT NULL,
    form_version BIGINT,
    kind         TEXT,
    received_at  BIGINT NOT NULL,
    -- json, form or multipart: how it came.
    format       TEXT   NOT NULL,
    -- SHA-256 of the canonical payload (and of each file part): equal means the same body.
    body_sha256  TEXT   NOT NULL,
    -- The payload as received (rebuilt as JSON for the flat form format).
    payload      TEXT   NOT NULL,
    -- verified, mismatch or unknown_form; problems is a JSON list of {path, message}.
    verification TEXT   NOT NULL,
    problems     TEXT   NOT NULL,
    -- A checklist's figures: match or mismatch (null for other forms), and the
    -- figures scored here, as JSON.
    figures      TEXT,
    checklist    TEXT
);
CREATE INDEX responses_by_form ON responses (form_id, received_at);

-- Files that came as parts of a multipart response; the bytes are in the file store
-- under storage_key.
CREATE TABLE attachments (
    response_id  TEXT   NOT NULL REFERENCES responses (id),
    part         TEXT   NOT NULL,
    file_name    TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT   NOT NULL,
    storage_key  TEXT   NOT NULL,
    PRIMARY KEY (response_id, part)
);
