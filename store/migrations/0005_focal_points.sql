-- 0005_focal_points.sql: national focal points and their alternates, per
-- process and state (or organisation): the "switchboard" between meetings.

CREATE TABLE focal_points (
    id           BIGINT PRIMARY KEY,
    process      TEXT NOT NULL REFERENCES processes (slug),
    country      TEXT REFERENCES countries (alpha3),
    organisation TEXT REFERENCES organisations (slug),
    alternate    INTEGER NOT NULL DEFAULT 0 CHECK (alternate IN (0, 1)),
    full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
    title        TEXT,
    ministry     TEXT NOT NULL CHECK (ministry IN ('foreign-affairs', 'interior', 'justice', 'labour',
                                                   'immigration', 'other')),
    email        TEXT NOT NULL,
    phone        TEXT,
    languages    TEXT NOT NULL DEFAULT '',
    verified     TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    CHECK ((country IS NULL) <> (organisation IS NULL))
);
CREATE INDEX focal_points_process ON focal_points (process, country, organisation);

INSERT INTO id_sequences (name, last) VALUES ('focal_points', 0);
