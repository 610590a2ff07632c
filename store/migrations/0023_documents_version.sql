-- 0023_documents_version.sql: a second number beside the registry's
-- version, raised by every change to a document (added, changed, given a
-- file, deleted), so that servers know when pages listing documents are
-- out of date.

ALTER TABLE registry_version ADD COLUMN documents BIGINT NOT NULL DEFAULT 1;
