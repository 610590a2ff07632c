-- 0006_meetings.sql: meetings at both levels of a process (technical
-- workshops and working groups; senior officials and ministers), and the
-- delegates each state or organisation sent to them.

CREATE TABLE meetings (
    id            BIGINT PRIMARY KEY,
    process       TEXT NOT NULL REFERENCES processes (slug),
    title         TEXT NOT NULL CHECK (length(title) > 0),
    type          TEXT NOT NULL CHECK (type IN ('technical-workshop', 'thematic-seminar', 'working-group',
                                                'senior-officials', 'ministerial', 'ad-hoc')),
    series        TEXT,
    working_group TEXT,
    host          TEXT REFERENCES countries (alpha3),
    in_kind       INTEGER NOT NULL DEFAULT 0 CHECK (in_kind IN (0, 1)),
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    venue         TEXT,
    chair         TEXT,
    level         TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX meetings_process ON meetings (process, start_date);

-- One person at one meeting, for a state or an organisation. name_key is
-- the name folded (accents, case and punctuation set aside), which
-- recognises the same person across meetings.
CREATE TABLE delegates (
    id           BIGINT PRIMARY KEY,
    meeting      BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    country      TEXT REFERENCES countries (alpha3),
    organisation TEXT REFERENCES organisations (slug),
    full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
    name_key     TEXT NOT NULL,
    rank         TEXT NOT NULL CHECK (rank IN ('technical', 'mid-level', 'senior', 'political')),
    department   TEXT,
    created_at   BIGINT NOT NULL,
    UNIQUE (meeting, name_key),
    CHECK ((country IS NULL) <> (organisation IS NULL))
);
CREATE INDEX delegates_meeting ON delegates (meeting);

INSERT INTO id_sequences (name, last) VALUES ('meetings', 0);
INSERT INTO id_sequences (name, last) VALUES ('delegates', 0);
