-- 0015_document_contents.sql: a document's text and attached file kept
-- apart from what lists and the access check read, so that refusing a
-- hidden paper, or listing around it, never reads its contents.

CREATE TABLE document_contents (
    document   BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    body       TEXT NOT NULL DEFAULT '',
-- if sqlite
    attachment BLOB
-- end if
-- if postgresql
    attachment BYTEA
-- end if
);
INSERT INTO document_contents (document, body, attachment) SELECT id, body, attachment FROM documents;

ALTER TABLE documents ADD COLUMN attachment_size BIGINT NOT NULL DEFAULT 0;
UPDATE documents SET attachment_size = coalesce(length(attachment), 0);
ALTER TABLE documents DROP COLUMN body;
ALTER TABLE documents DROP COLUMN attachment;
