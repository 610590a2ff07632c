-- 0001_registry.sql: the registry: sources, countries, organisations,
-- processes with their leadership, working groups and participations.

CREATE TABLE sources (
    id        TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    series    TEXT,
    author    TEXT,
    publisher TEXT,
    published TEXT,
    as_of     TEXT,
    file      TEXT
);

CREATE TABLE countries (
    alpha3        TEXT PRIMARY KEY CHECK (length(alpha3) = 3),
    alpha2        TEXT NOT NULL UNIQUE CHECK (length(alpha2) = 2),
    numeric_code  TEXT NOT NULL,
    name          TEXT NOT NULL,
    iso_name      TEXT NOT NULL,
    official_name TEXT,
    territory_of  TEXT REFERENCES countries (alpha3)
);

CREATE TABLE organisations (
    slug    TEXT PRIMARY KEY,
    acronym TEXT NOT NULL,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL
);

-- Every name a country, organisation or process is known by, as written;
-- matching folds them (accents, case, punctuation) in the application.
CREATE TABLE names (
    kind TEXT NOT NULL CHECK (kind IN ('country', 'organisation', 'process')),
    name TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (kind, name, id)
);

CREATE TABLE processes (
    slug                    TEXT PRIMARY KEY,
    position                INTEGER NOT NULL,
    acronym                 TEXT NOT NULL,
    name                    TEXT NOT NULL,
    established             INTEGER NOT NULL,
    region                  TEXT NOT NULL,
    scope                   TEXT NOT NULL CHECK (scope IN ('geographic', 'thematic')),
    secretariat_arrangement TEXT NOT NULL,
    secretariat_text        TEXT NOT NULL,
    secretariat_since       INTEGER,
    source                  TEXT NOT NULL REFERENCES sources (id),
    section                 TEXT NOT NULL,
    as_of                   TEXT NOT NULL
);

-- Ordered lists of text: aliases, themes, goals, priorities, notes.
CREATE TABLE process_texts (
    process  TEXT NOT NULL REFERENCES processes (slug),
    list     TEXT NOT NULL CHECK (list IN ('alias', 'theme', 'goal', 'priority', 'note')),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (process, list, position)
);

CREATE TABLE secretariat_organisations (
    process      TEXT NOT NULL REFERENCES processes (slug),
    position     INTEGER NOT NULL,
    organisation TEXT NOT NULL REFERENCES organisations (slug),
    PRIMARY KEY (process, position)
);

CREATE TABLE leaders (
    process      TEXT NOT NULL REFERENCES processes (slug),
    position     INTEGER NOT NULL,
    post         TEXT NOT NULL CHECK (post IN ('chair', 'co-chair', 'steering-group', 'thematic-coordinator')),
    country      TEXT REFERENCES countries (alpha3),
    organisation TEXT REFERENCES organisations (slug),
    portfolio    TEXT,
    since        INTEGER,
    until        INTEGER,
    PRIMARY KEY (process, position),
    CHECK ((country IS NULL) <> (organisation IS NULL))
);

CREATE TABLE working_groups (
    process  TEXT NOT NULL REFERENCES processes (slug),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (process, position)
);

CREATE TABLE working_group_chairs (
    process  TEXT NOT NULL,
    grp      INTEGER NOT NULL,
    position INTEGER NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('chair', 'co-chair')),
    country  TEXT NOT NULL REFERENCES countries (alpha3),
    PRIMARY KEY (process, grp, position),
    FOREIGN KEY (process, grp) REFERENCES working_groups (process, position)
);

CREATE TABLE participations (
    process      TEXT NOT NULL REFERENCES processes (slug),
    position     INTEGER NOT NULL,
    party_kind   TEXT NOT NULL CHECK (party_kind IN ('government', 'territory', 'organisation')),
    country      TEXT REFERENCES countries (alpha3),
    organisation TEXT REFERENCES organisations (slug),
    role         TEXT NOT NULL CHECK (role IN ('member', 'observer', 'partner', 'participant', 'activity-partner')),
    status       TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'former')),
    since        INTEGER,
    until        INTEGER CHECK (until IS NULL OR since IS NULL OR until > since),
    label        TEXT,
    note         TEXT,
    source       TEXT NOT NULL REFERENCES sources (id),
    section      TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    PRIMARY KEY (process, position),
    CHECK ((country IS NULL) <> (organisation IS NULL))
);

CREATE INDEX participations_by_country ON participations (country);
CREATE INDEX participations_by_organisation ON participations (organisation);
