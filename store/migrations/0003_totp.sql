-- 0003_totp.sql: an optional second factor (TOTP, RFC 6238) per user:
-- the shared secret in base32, and the last time step used, so that no
-- code is accepted twice.

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
