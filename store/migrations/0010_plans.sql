-- 0010_plans.sql: plans of action a process adopts (usually at a
-- meeting), their items, the commitments each owner takes on (an item for
-- all members becomes one commitment per member government on the day of
-- adoption), and the progress reported on each commitment over time.

CREATE TABLE plans (
    id         BIGINT PRIMARY KEY,
    process    TEXT NOT NULL REFERENCES processes (slug),
    meeting    BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    title      TEXT NOT NULL CHECK (length(title) > 0),
    adopted    TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    body       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX plans_process ON plans (process, adopted);

CREATE TABLE plan_items (
    id       BIGINT PRIMARY KEY,
    plan     BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL CHECK (length(text) > 0),
    due      TEXT,
    output   TEXT,
    UNIQUE (plan, position)
);

-- owner: a government's alpha-3, or 'secretariat'.
CREATE TABLE commitments (
    id    BIGINT PRIMARY KEY,
    item  BIGINT NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    UNIQUE (item, owner)
);

CREATE TABLE progress (
    id         BIGINT PRIMARY KEY,
    commitment BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'dropped')),
    reported   TEXT NOT NULL,
    note       TEXT,
    evidence   BIGINT REFERENCES documents (id) ON DELETE SET NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX progress_commitment ON progress (commitment, reported, id);

INSERT INTO id_sequences (name, last) VALUES ('plans', 0);
INSERT INTO id_sequences (name, last) VALUES ('plan_items', 0);
INSERT INTO id_sequences (name, last) VALUES ('commitments', 0);
INSERT INTO id_sequences (name, last) VALUES ('progress', 0);
