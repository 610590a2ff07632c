-- 0016_living_registry.sql: what kind each process is, the address of each
-- source, and for each participation the name its source writes and
-- whether its source states the date or it is inferred.

ALTER TABLE sources ADD COLUMN url TEXT;

ALTER TABLE processes ADD COLUMN kind TEXT NOT NULL DEFAULT 'rcp'
    CHECK (kind IN ('rcp', 'irf', 'global'));

ALTER TABLE processes ADD COLUMN as_of_stated INTEGER NOT NULL DEFAULT 1
    CHECK (as_of_stated IN (0, 1));

ALTER TABLE participations ADD COLUMN source_name TEXT;

ALTER TABLE participations ADD COLUMN as_of_stated INTEGER NOT NULL DEFAULT 1
    CHECK (as_of_stated IN (0, 1));
