-- 0011_progress_links.sql: evidence of progress may be a link as well as a
-- paper of the document library.

ALTER TABLE progress ADD COLUMN evidence_link TEXT;
