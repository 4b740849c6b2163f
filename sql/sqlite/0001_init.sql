-- lienket schema, version 1 (SQLite). Forward-only: later changes are new numbered files.
-- Reference data (units, regions, indicators) is loaded by the program from data/ when it
-- creates a database; observations only ever arrive through imports.

CREATE TABLE units (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  code          TEXT NOT NULL,
  name_vi       TEXT NOT NULL,
  full_name_vi  TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  type          TEXT NOT NULL,
  valid_from    TEXT NOT NULL,
  valid_to      TEXT,
  centroid_lat  REAL,
  centroid_lon  REAL
);

CREATE TABLE unit_aliases (
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  alias    TEXT NOT NULL,
  PRIMARY KEY (unit_id, alias)
);

CREATE TABLE unit_succession (
  old_unit_id     INTEGER NOT NULL REFERENCES units(id),
  new_unit_id     INTEGER NOT NULL REFERENCES units(id),
  effective_date  TEXT NOT NULL,
  is_seat         INTEGER NOT NULL CHECK (is_seat IN (0, 1)),
  PRIMARY KEY (old_unit_id, new_unit_id)
);

CREATE TABLE unit_profile (
  unit_id              INTEGER NOT NULL REFERENCES units(id),
  year                 INTEGER NOT NULL,
  area_km2             TEXT,
  population_thousand  TEXT,
  source_area          TEXT NOT NULL DEFAULT '',
  source_population    TEXT NOT NULL DEFAULT '',
  note                 TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, year)
);

CREATE TABLE regions (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  name_vi     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  parent_key  TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  shipped     INTEGER NOT NULL CHECK (shipped IN (0, 1))
);

CREATE TABLE region_members (
  region_id  INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (region_id, unit_id)
);

CREATE TABLE bases (
  id              TEXT PRIMARY KEY,
  name_vi         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  description_en  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE indicators (
  id                TEXT PRIMARY KEY,
  name_vi           TEXT NOT NULL,
  name_en           TEXT NOT NULL,
  unit              TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('flow', 'stock', 'index', 'plan')),
  aggregation       TEXT NOT NULL,
  time_aggregation  TEXT NOT NULL,
  precision         INTEGER NOT NULL,
  display_unit_vi   TEXT NOT NULL,
  display_unit_en   TEXT NOT NULL,
  bases             TEXT NOT NULL,   -- '|'-separated basis ids
  default_basis     TEXT NOT NULL,
  min_value         TEXT,
  max_value         TEXT,
  growth_of         TEXT NOT NULL DEFAULT '',
  plan_of           TEXT NOT NULL DEFAULT '',
  description_vi    TEXT NOT NULL DEFAULT '',
  description_en    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sources (
  id    INTEGER PRIMARY KEY,
  text  TEXT NOT NULL UNIQUE
);

CREATE TABLE import_batches (
  id                 INTEGER PRIMARY KEY,
  file_name          TEXT NOT NULL,
  file_sha256        TEXT NOT NULL,
  format             TEXT NOT NULL,
  dataset            TEXT NOT NULL,
  imported_by        TEXT NOT NULL,
  imported_at        TEXT NOT NULL,
  rows_read          INTEGER NOT NULL,
  rows_inserted      INTEGER NOT NULL,
  rows_unchanged     INTEGER NOT NULL,
  warnings_accepted  INTEGER NOT NULL
);

-- One row per vintage of a figure. Values are exact decimals stored as canonical text in the
-- indicator's canonical unit (đồng, USD, index points, count), never binary floating point.
CREATE TABLE observations (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  indicator_id  TEXT NOT NULL REFERENCES indicators(id),
  period        TEXT NOT NULL,   -- canonical code: 2024, 2024-H1, 2024-M01-M05 ...
  year          INTEGER NOT NULL,
  first_month   INTEGER NOT NULL CHECK (first_month BETWEEN 1 AND 12),
  last_month    INTEGER NOT NULL CHECK (last_month BETWEEN first_month AND 12),
  value         TEXT NOT NULL,
  -- CHECKs are written with OR rather than IN (...): SQLite builds an ephemeral table for an IN
  -- list on every row inserted, which made bulk imports several times slower.
  status        TEXT NOT NULL CHECK (status = 'estimate' OR status = 'preliminary'
                                     OR status = 'official'),
  qualifier     TEXT NOT NULL CHECK (qualifier = 'exact' OR qualifier = 'lower_bound'
                                     OR qualifier = 'upper_bound' OR qualifier = 'approx'),
  basis         TEXT NOT NULL,
  source_id     INTEGER NOT NULL REFERENCES sources(id),
  note          TEXT NOT NULL DEFAULT '',
  as_of         TEXT NOT NULL,   -- publication date of this vintage, ISO
  dataset       TEXT NOT NULL CHECK (dataset = 'observed' OR dataset = 'illustrative'),
  batch_id      INTEGER NOT NULL REFERENCES import_batches(id),
  recorded_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX observations_vintage
  ON observations (indicator_id, unit_id, period, basis, dataset, status, as_of, source_id);
