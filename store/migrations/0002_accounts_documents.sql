-- 0002_accounts_documents.sql: accounts with roles per process, sessions,
-- API tokens, login throttling, process documents and the audit log.
-- Times are Unix seconds (UTC).

-- A number that every change to the registry raises, so that servers
-- know when what they have rendered from it is out of date.
CREATE TABLE registry_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 1);

CREATE TABLE users (
    login                TEXT PRIMARY KEY,
    government           TEXT REFERENCES countries (alpha3),
    organisation         TEXT REFERENCES organisations (slug),
    admin                INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at           BIGINT NOT NULL,
    CHECK (government IS NULL OR organisation IS NULL)
);

-- A user's role in one process.
CREATE TABLE grants (
    login   TEXT NOT NULL REFERENCES users (login),
    process TEXT NOT NULL REFERENCES processes (slug),
    role    TEXT NOT NULL CHECK (role IN ('secretariat', 'focal-point', 'official',
                                          'observer', 'civil-society')),
    PRIMARY KEY (login, process)
);

-- Only hashes of session and API tokens are kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    login      TEXT NOT NULL REFERENCES users (login),
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL,
    address    TEXT
);
CREATE INDEX sessions_login ON sessions (login);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    login      TEXT NOT NULL REFERENCES users (login),
    created_at BIGINT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX api_tokens_login ON api_tokens (login);

-- Failed logins, by account ("user:NAME") and by address ("addr:IP").
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    process         TEXT NOT NULL REFERENCES processes (slug),
    title           TEXT NOT NULL CHECK (length(title) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('declaration', 'plan', 'report', 'note', 'other')),
    issued          TEXT,
    level           TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    state           TEXT REFERENCES countries (alpha3),
    body            TEXT NOT NULL DEFAULT '',
    attachment_name TEXT,
    attachment_type TEXT,
    attachment      BLOB,
    created_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX documents_process ON documents (process, issued);

-- The named readers of a restricted document.
CREATE TABLE document_readers (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    login    TEXT NOT NULL REFERENCES users (login),
    PRIMARY KEY (document, login)
);

-- Append-only: who did what, when, from where.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      BIGINT NOT NULL,
    login   TEXT,
    address TEXT,
    action  TEXT NOT NULL,
    process TEXT,
    object  TEXT,
    detail  TEXT
);
CREATE INDEX audit_log_process ON audit_log (process, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
