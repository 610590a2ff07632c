-- 0027_search_evidence.sql: evidence of effects joins the full-text index
-- (its effect, description, section and source). The index's kinds are
-- checked by the table, so SQLite builds it anew under the same name
-- (keeping every entry and its number, which the FTS5 table refers to)
-- and PostgreSQL replaces the check. The store writes the entries of
-- existing evidence when it applies the last migration.

-- if sqlite
CREATE TABLE search_entries_next (
    id      BIGINT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('document', 'meeting', 'plan', 'indicator', 'evidence')),
    ref     BIGINT NOT NULL,
    process TEXT NOT NULL REFERENCES processes (slug),
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    UNIQUE (kind, ref)
);
INSERT INTO search_entries_next (id, kind, ref, process, title, body)
    SELECT id, kind, ref, process, title, body FROM search_entries;
DROP TABLE search_entries;
ALTER TABLE search_entries_next RENAME TO search_entries;
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
ALTER TABLE search_entries DROP CONSTRAINT search_entries_kind_check;
ALTER TABLE search_entries ADD CONSTRAINT search_entries_kind_check
    CHECK (kind IN ('document', 'meeting', 'plan', 'indicator', 'evidence'));
-- end if
