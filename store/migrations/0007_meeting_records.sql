-- 0007_meeting_records.sql: what a meeting is about and what it leaves:
-- its agenda, the papers attached from the document library, and minutes
-- that go from draft to circulated to final; final minutes change only
-- through a corrigendum, itself minutes that point to what they correct.

CREATE TABLE agenda_items (
    id            BIGINT PRIMARY KEY,
    meeting       BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    proposer_kind TEXT NOT NULL CHECK (proposer_kind IN ('state', 'secretariat', 'partner')),
    country       TEXT REFERENCES countries (alpha3),
    organisation  TEXT REFERENCES organisations (slug),
    UNIQUE (meeting, position)
);

CREATE TABLE meeting_documents (
    meeting  BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    document BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting, document)
);

CREATE TABLE minutes (
    id         BIGINT PRIMARY KEY,
    meeting    BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    corrects   BIGINT REFERENCES minutes (id),
    state      TEXT NOT NULL CHECK (state IN ('draft', 'circulated', 'final')),
    body       TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX minutes_meeting ON minutes (meeting, id);

INSERT INTO id_sequences (name, last) VALUES ('agenda_items', 0);
INSERT INTO id_sequences (name, last) VALUES ('minutes', 0);
