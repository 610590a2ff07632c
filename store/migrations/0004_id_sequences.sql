-- 0004_id_sequences.sql: numbers for records the audit log can name,
-- given once each: a deleted record's number is never given again (a
-- bare SQLite rowid would give the largest one again), and a platform
-- copied to another engine goes on numbering where it was.

CREATE TABLE id_sequences (
    name TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);
INSERT INTO id_sequences (name, last) SELECT 'documents', coalesce(max(id), 0) FROM documents;
