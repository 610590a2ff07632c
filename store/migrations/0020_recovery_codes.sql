-- 0020_recovery_codes.sql: one-time recovery codes for a user who has lost
-- the phone with their second factor: each kept only as a hash, and
-- spent once.

CREATE TABLE recovery_codes (
    login     TEXT NOT NULL REFERENCES users (login),
    code_hash TEXT NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (login, code_hash)
);
