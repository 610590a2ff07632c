-- 0008_calendar_feeds.sql: what a personal token opens: the API ('api')
-- or only the holder's calendar feed ('calendar'), a secret address a
-- calendar application reads without signing in.

ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'api';
