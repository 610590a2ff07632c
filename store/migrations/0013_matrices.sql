-- 0013_matrices.sql: policy matrices: a process's questions (dimensions
-- of policy) with their allowed answers, optionally ordered and scored,
-- and each member state's dated, sourced answers over time.

CREATE TABLE matrices (
    id          BIGINT PRIMARY KEY,
    process     TEXT NOT NULL REFERENCES processes (slug),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    description TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (process, name)
);

-- answers: the allowed answers, one per line, in order; scores: their
-- scores, one per line, or '' (an ordered question then scores each by
-- its place, from 0).
CREATE TABLE matrix_questions (
    id       BIGINT PRIMARY KEY,
    matrix   BIGINT NOT NULL REFERENCES matrices (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code     TEXT NOT NULL CHECK (length(code) > 0),
    text     TEXT NOT NULL CHECK (length(text) > 0),
    answers  TEXT NOT NULL,
    ordered  INTEGER NOT NULL DEFAULT 0,
    scores   TEXT NOT NULL DEFAULT '',
    UNIQUE (matrix, code),
    UNIQUE (matrix, position)
);

-- One answer of a state (alpha-3), holding from its day until the
-- state's next answer to the question.
CREATE TABLE matrix_answers (
    id         BIGINT PRIMARY KEY,
    question   BIGINT NOT NULL REFERENCES matrix_questions (id) ON DELETE CASCADE,
    state      TEXT NOT NULL,
    answer     TEXT NOT NULL,
    answered   TEXT NOT NULL,
    source     TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (question, state, answered)
);
CREATE INDEX matrix_answers_question ON matrix_answers (question, state, answered);

INSERT INTO id_sequences (name, last) VALUES ('matrices', 0);
INSERT INTO id_sequences (name, last) VALUES ('matrix_questions', 0);
INSERT INTO id_sequences (name, last) VALUES ('matrix_answers', 0);
