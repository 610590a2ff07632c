-- 0025_evidence.sql: evidence of what a process changed in migration
-- governance, in the report's three phases (1 agenda setting and issue
-- definition, 2 consensus building and position convergence, 3 changes
-- in law, policy and practice), each with the effect it shows, where it
-- comes from (a published source and its section, a document or meeting
-- record held here, an interview) and how strong the causal claim is:
-- the process contributed to the change, the change coincided with it,
-- or participants claim it did.

CREATE TABLE evidence (
    id          BIGINT PRIMARY KEY,
    process     TEXT NOT NULL REFERENCES processes (slug),
    phase       INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 3),
    effect      TEXT NOT NULL CHECK (effect IN ('building-trust', 'increasing-understanding',
                    'ideational-experimentation', 'breaking-national-divides', 'breaking-departmental-divides',
                    'networks', 'common-language', 'harmonised-positions', 'regional-position',
                    'capacity-building', 'policy-change', 'bilateral-cooperation')),
    description TEXT NOT NULL CHECK (length(description) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('publication', 'document', 'meeting', 'interview', 'other')),
    source      TEXT NOT NULL CHECK (length(source) > 0),
    section     TEXT,
    document    BIGINT REFERENCES documents (id) ON DELETE SET NULL,
    meeting     BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    happened    TEXT,
    strength    TEXT NOT NULL CHECK (strength IN ('contributed', 'coincided', 'claimed')),
    confidence  TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
    level       TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX evidence_process ON evidence (process, phase, id);

-- The governments the evidence concerns, by alpha-3.
CREATE TABLE evidence_states (
    evidence BIGINT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    state    TEXT NOT NULL REFERENCES countries (alpha3),
    PRIMARY KEY (evidence, position)
);

INSERT INTO id_sequences (name, last) VALUES ('evidence', 0);
