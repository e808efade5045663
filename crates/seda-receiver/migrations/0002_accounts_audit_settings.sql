-- Accounts, sessions, the audit log and per-form settings. As 0001: only types and
-- statements SQLite and PostgreSQL read alike; times in microseconds since 1970 UTC.

-- A person who signs in. password_hash is an argon2id PHC string; role is admin
-- (everything) or viewer (reads only: exports, the audit log, settings).
CREATE TABLE users (
    name          TEXT   NOT NULL PRIMARY KEY,
    password_hash TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);

-- A signed-in browser: the cookie holds a random token, only its SHA-256 is kept,
-- so a copy of the database signs no one in.
CREATE TABLE sessions (
    token_sha256 TEXT   NOT NULL PRIMARY KEY,
    user_name    TEXT   NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Every admin action: who (token, user:NAME, cli, system), when, what, to what.
-- id is random (no sequence type both databases share); entries are read by time.
CREATE TABLE audit_log (
    id     TEXT   NOT NULL PRIMARY KEY,
    at     BIGINT NOT NULL,
    actor  TEXT   NOT NULL,
    action TEXT   NOT NULL,
    target TEXT,
    client TEXT,
    detail TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);

-- A form's abuse and privacy settings; a form without a row takes any origin and
-- keeps responses forever. allowed_origins is a JSON list, NULL for any origin.
CREATE TABLE form_settings (
    form_id         TEXT   NOT NULL PRIMARY KEY,
    allowed_origins TEXT,
    retention_days  BIGINT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX responses_by_time ON responses (received_at);
