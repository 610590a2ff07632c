-- 0021_user_names_resets.sql: a user's full name and email, and one-time
-- links an administrator or secretariat hands over to reset a password
-- (rcphub sends no mail), each kept only as a hash and spent once.

ALTER TABLE users ADD COLUMN full_name TEXT;
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    login      TEXT NOT NULL REFERENCES users (login),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_resets_login ON password_resets (login);
