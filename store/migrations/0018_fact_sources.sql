-- 0018_fact_sources.sql: every theme, goal, priority, note and working
-- group with its own source, section and as-of date (NULL source: the
-- process's own, as before).

ALTER TABLE process_texts ADD COLUMN section TEXT;
ALTER TABLE process_texts ADD COLUMN as_of TEXT;
ALTER TABLE process_texts ADD COLUMN as_of_stated INTEGER NOT NULL DEFAULT 1
    CHECK (as_of_stated IN (0, 1));

ALTER TABLE working_groups ADD COLUMN source TEXT REFERENCES sources (id);
ALTER TABLE working_groups ADD COLUMN section TEXT;
ALTER TABLE working_groups ADD COLUMN as_of TEXT;
ALTER TABLE working_groups ADD COLUMN as_of_stated INTEGER NOT NULL DEFAULT 1
    CHECK (as_of_stated IN (0, 1));

-- The history also records the lists 'registry apply' replaces: a
-- process's themes, goals, priorities, notes and working groups.
-- if postgresql
ALTER TABLE registry_history DROP CONSTRAINT registry_history_fact_check;
ALTER TABLE registry_history ADD CONSTRAINT registry_history_fact_check
    CHECK (fact IN ('participation', 'post', 'themes', 'goals', 'priorities', 'notes', 'working_groups'));
-- end if
-- if sqlite
CREATE TABLE registry_history_new (
    id       INTEGER PRIMARY KEY,
    at       BIGINT NOT NULL,
    login    TEXT NOT NULL,
    process  TEXT NOT NULL REFERENCES processes (slug),
    action   TEXT NOT NULL CHECK (action IN ('add', 'end', 'correct', 'apply')),
    fact     TEXT NOT NULL
        CHECK (fact IN ('participation', 'post', 'themes', 'goals', 'priorities', 'notes', 'working_groups')),
    position INTEGER NOT NULL,
    before   TEXT,
    after    TEXT,
    source   TEXT NOT NULL REFERENCES sources (id),
    section  TEXT NOT NULL,
    as_of    TEXT NOT NULL
);
INSERT INTO registry_history_new SELECT * FROM registry_history;
DROP TABLE registry_history;
ALTER TABLE registry_history_new RENAME TO registry_history;
CREATE INDEX registry_history_process ON registry_history (process, id);
-- end if
