-- 0014_glossary.sql: the glossary: entries (one concept, as one process
-- uses it, or shared by all when process is NULL) with a term and a
-- definition in each of the processes' languages, and the terms related
-- to it or contesting it.

CREATE TABLE glossary_entries (
    id         BIGINT PRIMARY KEY,
    process    TEXT REFERENCES processes (slug),
    level      TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    subject    TEXT,
    note       TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX glossary_entries_process ON glossary_entries (process);

-- folded: the term with accents, case and punctuation set aside, for
-- finding it however it is typed; search: the same of term and definition.
CREATE TABLE glossary_terms (
    id         BIGINT PRIMARY KEY,
    entry      BIGINT NOT NULL REFERENCES glossary_entries (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es', 'ru', 'ar')),
    term       TEXT NOT NULL CHECK (length(term) > 0),
    folded     TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    source     TEXT,
    search     TEXT NOT NULL,
    UNIQUE (entry, lang)
);
CREATE INDEX glossary_terms_folded ON glossary_terms (folded);

-- Full-text search over the folded term and definition: SQLite's FTS5
-- kept by triggers (the index is derived, and copy-store leaves it to
-- them), PostgreSQL's text search through an index.
-- if sqlite
CREATE VIRTUAL TABLE glossary_search USING fts5(search, content = 'glossary_terms', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER glossary_terms_indexed AFTER INSERT ON glossary_terms BEGIN
    INSERT INTO glossary_search (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER glossary_terms_unindexed AFTER DELETE ON glossary_terms BEGIN
    INSERT INTO glossary_search (glossary_search, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER glossary_terms_reindexed AFTER UPDATE ON glossary_terms BEGIN
    INSERT INTO glossary_search (glossary_search, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO glossary_search (rowid, search) VALUES (new.id, new.search);
END;
-- end if
-- if postgresql
CREATE INDEX glossary_terms_search ON glossary_terms USING gin (to_tsvector('simple', search));
-- end if

CREATE TABLE glossary_relations (
    entry BIGINT NOT NULL REFERENCES glossary_entries (id) ON DELETE CASCADE,
    kind  TEXT NOT NULL CHECK (kind IN ('related', 'contested')),
    term  TEXT NOT NULL,
    PRIMARY KEY (entry, kind, term)
);

INSERT INTO id_sequences (name, last) VALUES ('glossary_entries', 0);
INSERT INTO id_sequences (name, last) VALUES ('glossary_terms', 0);
