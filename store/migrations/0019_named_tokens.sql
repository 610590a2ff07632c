-- 0019_named_tokens.sql: personal API tokens with a number, a name, an
-- end and the last time they were used, so that each can be listed and
-- revoked on its own and none lasts for ever.

ALTER TABLE api_tokens ADD COLUMN id BIGINT;
ALTER TABLE api_tokens ADD COLUMN name TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;

UPDATE api_tokens SET id = (
    SELECT count(*) FROM api_tokens t
    WHERE t.created_at < api_tokens.created_at
       OR (t.created_at = api_tokens.created_at AND t.token_hash <= api_tokens.token_hash));
UPDATE api_tokens SET name = CASE scope WHEN 'calendar' THEN 'calendar feed' ELSE 'issued before tokens had names' END;
CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);
INSERT INTO id_sequences (name, last) SELECT 'api_tokens', count(*) FROM api_tokens;

-- Tokens issued before now end 90 days from now; calendar feeds run
-- until a new address replaces them.
-- if sqlite
UPDATE api_tokens SET expires_at = unixepoch() + 90 * 86400 WHERE scope = 'api';
-- end if
-- if postgresql
UPDATE api_tokens SET expires_at = CAST(extract(epoch FROM now()) AS BIGINT) + 90 * 86400 WHERE scope = 'api';
-- end if
