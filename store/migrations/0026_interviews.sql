-- 0026_interviews.sql: the report's method: semi-structured interviews
-- following a protocol (a set of questions), each with the interviewee's
-- kind of affiliation and the language it was held in, and the statements
-- coded from it against the report's effects, each possibly the ground of
-- a piece of evidence. Interviews are confidential: who was interviewed
-- and for which organisation are kept at the restricted level, always;
-- evidence drawn from a statement quotes no one by name.

CREATE TABLE interview_protocols (
    id         BIGINT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    questions  TEXT NOT NULL CHECK (length(questions) > 0),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE interviews (
    id           BIGINT PRIMARY KEY,
    process      TEXT NOT NULL REFERENCES processes (slug),
    protocol     BIGINT NOT NULL REFERENCES interview_protocols (id),
    held         TEXT,
    affiliation  TEXT NOT NULL CHECK (affiliation IN ('government', 'international-organisation', 'ngo',
                     'academia', 'other')),
    language     TEXT NOT NULL CHECK (length(language) = 2),
    interviewee  TEXT,
    organisation TEXT,
    notes        TEXT,
    level        TEXT NOT NULL DEFAULT 'restricted' CHECK (level = 'restricted'),
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX interviews_process ON interviews (process, id);

CREATE TABLE interview_statements (
    id        BIGINT PRIMARY KEY,
    interview BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    effect    TEXT NOT NULL,
    text      TEXT NOT NULL CHECK (length(text) > 0),
    evidence  BIGINT REFERENCES evidence (id) ON DELETE SET NULL,
    UNIQUE (interview, position)
);

INSERT INTO id_sequences (name, last) VALUES ('interview_protocols', 0);
INSERT INTO id_sequences (name, last) VALUES ('interviews', 0);
INSERT INTO id_sequences (name, last) VALUES ('interview_statements', 0);
