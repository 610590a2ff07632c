-- 0012_statistics.sql: indicators a process collects, the imports that
-- brought data in (who, when, from which file), each cell's latest value,
-- and every earlier value an import replaced or deleted.

CREATE TABLE indicators (
    id          BIGINT PRIMARY KEY,
    process     TEXT NOT NULL REFERENCES processes (slug),
    code        TEXT NOT NULL CHECK (length(code) > 0),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    definition  TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL CHECK (length(unit) > 0),
    unit_mult   INTEGER NOT NULL DEFAULT 0,
    periodicity TEXT NOT NULL CHECK (periodicity IN ('A', 'S', 'Q', 'M')),
    notes       TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL CHECK (level IN ('public', 'participants', 'members', 'restricted')),
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (process, code)
);

-- codes: the dimension's code list separated by commas; '' takes any code.
CREATE TABLE indicator_dimensions (
    indicator BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    codes     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator, position),
    UNIQUE (indicator, name)
);

CREATE TABLE stat_imports (
    id         BIGINT PRIMARY KEY,
    process    TEXT NOT NULL REFERENCES processes (slug),
    file_name  TEXT NOT NULL,
    format     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    added      BIGINT NOT NULL DEFAULT 0,
    revised    BIGINT NOT NULL DEFAULT 0,
    deleted    BIGINT NOT NULL DEFAULT 0,
    unchanged  BIGINT NOT NULL DEFAULT 0
);

-- One row per cell, kept in series order (state, dimensions, period), the
-- order files come in and exports go out: dims holds the indicator's other dimensions' codes
-- joined by '.' ('' without any); value is the number's shortest exact
-- text (the same on every engine), NULL for a missing value; unit is set
-- only when a state reports in another unit than the indicator's.
CREATE TABLE observations (
    indicator BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    ref_area  TEXT NOT NULL,
    period    TEXT NOT NULL,
    dims      TEXT NOT NULL DEFAULT '',
    value     TEXT,
    status    TEXT NOT NULL,
    comment   TEXT,
    unit      TEXT,
    import    BIGINT NOT NULL REFERENCES stat_imports (id),
    PRIMARY KEY (indicator, ref_area, dims, period)
)
-- if sqlite
WITHOUT ROWID
-- end if
;

-- What a cell held before an import (replaced_by) revised or deleted it.
CREATE TABLE observation_history (
    indicator   BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    ref_area    TEXT NOT NULL,
    period      TEXT NOT NULL,
    dims        TEXT NOT NULL,
    value       TEXT,
    status      TEXT NOT NULL,
    comment     TEXT,
    unit        TEXT,
    import      BIGINT NOT NULL REFERENCES stat_imports (id),
    replaced_by BIGINT NOT NULL REFERENCES stat_imports (id),
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX observation_history_cell ON observation_history (indicator, ref_area, dims, period);

-- The cells an import has met so far, so that a file naming one cell
-- twice is refused; emptied when the import ends.
CREATE TABLE import_cells (
    import    BIGINT NOT NULL,
    indicator BIGINT NOT NULL,
    ref_area  TEXT NOT NULL,
    period    TEXT NOT NULL,
    dims      TEXT NOT NULL,
    PRIMARY KEY (import, indicator, ref_area, dims, period)
);

INSERT INTO id_sequences (name, last) VALUES ('indicators', 0);
INSERT INTO id_sequences (name, last) VALUES ('stat_imports', 0);
