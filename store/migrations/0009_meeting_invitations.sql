-- 0009_meeting_invitations.sql: the day a meeting's invitations went out,
-- for the secretariat's checklist.

ALTER TABLE meetings ADD COLUMN invitations_sent TEXT;
