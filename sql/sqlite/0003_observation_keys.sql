-- lienket schema, version 3 (SQLite): observations keyed by small integers.
-- Independent of version 2 (accounts and workflow); it touches only the observations table.
--
-- Why: the unique vintage index of version 1 held seven texts per row (indicator, period,
-- basis, dataset, status, publication date) and an import of a million rows spent most of its
-- writing time in it. The same identity is now held by integers: indicator and basis as codes
-- from two small lookup tables, the period as year*10000 + first_month*100 + last_month, the
-- publication date as yyyymmdd, status, qualifier and dataset as fixed codes. The index leads
-- with the period because figures arrive period by period (a month's report, a half-year's
-- file): an import then adds to one end of the index instead of all over it. Nothing else
-- changes: every vintage is kept, one vintage cannot be stored twice, ids are preserved.
--
-- Codes (fixed; the program and this file must agree):
--   status_code     0 estimate, 1 preliminary, 2 official (the order "latest" uses)
--   qualifier_code  0 exact, 1 lower_bound, 2 upper_bound, 3 approx
--   dataset_code    1 illustrative, 2 observed (the alphabetical order of the names)

CREATE TABLE indicator_codes (
  code          INTEGER PRIMARY KEY,
  indicator_id  TEXT NOT NULL UNIQUE REFERENCES indicators(id)
);

CREATE TABLE basis_codes (
  code   INTEGER PRIMARY KEY,
  basis  TEXT NOT NULL UNIQUE
);

INSERT INTO indicator_codes (indicator_id)
  SELECT DISTINCT indicator_id FROM observations ORDER BY indicator_id;
INSERT INTO basis_codes (basis) SELECT DISTINCT basis FROM observations ORDER BY basis;

-- One row per vintage of a figure. Values are exact decimals stored as canonical text in the
-- indicator's canonical unit (đồng, USD, index points, count), never binary floating point.
CREATE TABLE observations_v3 (
  id              INTEGER PRIMARY KEY,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  indicator_code  INTEGER NOT NULL REFERENCES indicator_codes(code),
  -- year*10000 + first_month*100 + last_month: 2024-H1 is 20240106, 2024-05 is 20240505
  period_key      INTEGER NOT NULL CHECK (period_key % 100 BETWEEN (period_key / 100) % 100 AND 12
                                          AND (period_key / 100) % 100 >= 1),
  value           TEXT NOT NULL,
  status_code     INTEGER NOT NULL CHECK (status_code BETWEEN 0 AND 2),
  qualifier_code  INTEGER NOT NULL CHECK (qualifier_code BETWEEN 0 AND 3),
  basis_code      INTEGER NOT NULL REFERENCES basis_codes(code),
  source_id       INTEGER NOT NULL REFERENCES sources(id),
  note            TEXT NOT NULL DEFAULT '',
  as_of_key       INTEGER NOT NULL,   -- publication date of this vintage, yyyymmdd
  dataset_code    INTEGER NOT NULL CHECK (dataset_code BETWEEN 1 AND 2),
  batch_id        INTEGER NOT NULL REFERENCES import_batches(id),
  recorded_at     TEXT NOT NULL
);

INSERT INTO observations_v3 (id, unit_id, indicator_code, period_key, value, status_code,
                             qualifier_code, basis_code, source_id, note, as_of_key,
                             dataset_code, batch_id, recorded_at)
  SELECT o.id, o.unit_id, i.code, o.year * 10000 + o.first_month * 100 + o.last_month, o.value,
         CASE o.status WHEN 'estimate' THEN 0 WHEN 'preliminary' THEN 1 ELSE 2 END,
         CASE o.qualifier WHEN 'exact' THEN 0 WHEN 'lower_bound' THEN 1
                          WHEN 'upper_bound' THEN 2 ELSE 3 END,
         b.code, o.source_id, o.note,
         CAST(substr(o.as_of, 1, 4) || substr(o.as_of, 6, 2) || substr(o.as_of, 9, 2) AS INTEGER),
         CASE o.dataset WHEN 'illustrative' THEN 1 ELSE 2 END,
         o.batch_id, o.recorded_at
  FROM observations o
  JOIN indicator_codes i ON i.indicator_id = o.indicator_id
  JOIN basis_codes b ON b.basis = o.basis
  ORDER BY o.id;

DROP TABLE observations;
ALTER TABLE observations_v3 RENAME TO observations;

CREATE UNIQUE INDEX observations_vintage
  ON observations (period_key, indicator_code, unit_id, basis_code, dataset_code, status_code,
                   as_of_key, source_id);

-- Planner statistics for the new index (see kRefreshStatistics in src/store/sqlite_store.cpp).
PRAGMA analysis_limit = 1000;
ANALYZE observations;
