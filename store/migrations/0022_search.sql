-- 0022_search.sql: one full-text index over the records people write
-- (documents, meetings, plans of action, indicators), each entry the
-- record's title and text folded (accents, case and punctuation set
-- aside) by the store in the transaction that writes the record. It
-- names records only: who may read a hit is decided by the access
-- policy on the record itself, before anything of it is shown.
-- Entries of records older than this migration are written by the store
-- when it applies it.

CREATE TABLE search_entries (
    id      BIGINT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('document', 'meeting', 'plan', 'indicator')),
    ref     BIGINT NOT NULL,
    process TEXT NOT NULL REFERENCES processes (slug),
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    UNIQUE (kind, ref)
);
INSERT INTO id_sequences (name, last) VALUES ('search_entries', 0);

-- if sqlite
CREATE VIRTUAL TABLE search_index USING fts5(title, body, content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER search_entries_indexed AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_entries_unindexed AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_entries_reindexed AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- end if
-- if postgresql
CREATE INDEX search_entries_text ON search_entries USING gin (
    (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')));
-- end if
