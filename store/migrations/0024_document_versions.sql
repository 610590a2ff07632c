-- 0024_document_versions.sql: every version of a document kept as it was
-- written (its fields, its text, the name of its file), with who wrote it
-- and when; the document itself carries its version number and who
-- changed it last. Documents older than this have their present form as
-- version 1.

ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN changed_by TEXT;
UPDATE documents SET changed_by = created_by;

CREATE TABLE document_versions (
    document        BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    issued          TEXT,
    level           TEXT NOT NULL,
    state           TEXT,
    body            TEXT NOT NULL,
    attachment_name TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      BIGINT NOT NULL,
    PRIMARY KEY (document, version)
);
INSERT INTO document_versions (document, version, title, kind, issued, level, state, body, attachment_name,
                               changed_by, changed_at)
SELECT d.id, 1, d.title, d.kind, d.issued, d.level, d.state, c.body, d.attachment_name, d.created_by, d.updated_at
FROM documents d JOIN document_contents c ON c.document = d.id;
