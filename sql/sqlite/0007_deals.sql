-- lienket schema, version 7 (SQLite): deals between organisations of the linkage directory and
-- their follow-ups at 3, 6 and 12 months (issue 5, "afterwards: deals"), from which the two-way
-- flow ledger between provinces is computed (linkage/flows.hpp).
--
-- A deal names its parties (seller and buyer organisations), where the goods come from and go to
-- (units that existed on the signing date; the program counts an old unit for its successor when
-- the ledger is asked in the new era), and optionally the trade-promotion event and B2B meeting it
-- came from (sql/sqlite/0005_events.sql) and the listings it answers. Quantities and values are
-- exact decimals as TEXT (core::Decimal); sums are made in C++. Follow-up figures are cumulative
-- since signature. `dataset` as in 0004: a deal between illustrative organisations is
-- illustrative and `demo remove` deletes it first (the parties' foreign keys restrict deletion).

CREATE TABLE deals (
  id                   INTEGER PRIMARY KEY,
  type                 TEXT NOT NULL CHECK (type IN ('purchase_contract', 'distribution',
                                                     'offtake', 'mou')),
  title                TEXT NOT NULL,
  signed_on            TEXT NOT NULL,                      -- "YYYY-MM-DD"
  seller_id            INTEGER NOT NULL REFERENCES organisations(id),
  buyer_id             INTEGER NOT NULL REFERENCES organisations(id),
  origin_unit_id       INTEGER NOT NULL REFERENCES units(id),
  destination_unit_id  INTEGER NOT NULL REFERENCES units(id),
  event_id             INTEGER REFERENCES events(id) ON DELETE SET NULL,
  meeting_id           INTEGER REFERENCES event_meetings(id) ON DELETE SET NULL,
  note                 TEXT NOT NULL DEFAULT '',
  dataset              TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_by           INTEGER REFERENCES users(id),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (seller_id <> buyer_id)
);
CREATE INDEX deals_signed ON deals (signed_on);
CREATE INDEX deals_origin ON deals (origin_unit_id);
CREATE INDEX deals_destination ON deals (destination_unit_id);
CREATE INDEX deals_event ON deals (event_id);

-- The products of a deal, numbered 0.. in the order given.
CREATE TABLE deal_lines (
  deal_id        INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  line_no        INTEGER NOT NULL CHECK (line_no >= 0),
  product_name   TEXT NOT NULL,
  product_id     INTEGER REFERENCES products(id) ON DELETE SET NULL,
  product_group  TEXT NOT NULL,                            -- "food", ..., "vcpa-a"
  quantity       TEXT NOT NULL,                            -- exact decimal in `unit`
  unit           TEXT NOT NULL,                            -- ProductUnitId
  value          TEXT NOT NULL,                            -- exact decimal, đồng
  PRIMARY KEY (deal_id, line_no)
);

-- The offer and request a deal answers.
CREATE TABLE deal_listings (
  deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  listing_id  INTEGER NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  PRIMARY KEY (deal_id, listing_id)
);

-- The follow-up at 3, 6 or 12 months; recorded again, it is corrected (and audited).
CREATE TABLE deal_follow_ups (
  deal_id      INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  months       INTEGER NOT NULL CHECK (months IN (3, 6, 12)),
  recorded_on  TEXT NOT NULL,                              -- "YYYY-MM-DD"
  note         TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (deal_id, months)
);

-- Delivered by the follow-up's date, cumulative since signature, per deal line.
CREATE TABLE deal_follow_up_lines (
  deal_id             INTEGER NOT NULL,
  months              INTEGER NOT NULL,
  line_no             INTEGER NOT NULL,
  delivered_quantity  TEXT NOT NULL,                       -- exact decimal in the line's unit
  delivered_value     TEXT NOT NULL,                       -- exact decimal, đồng
  PRIMARY KEY (deal_id, months, line_no),
  FOREIGN KEY (deal_id, months) REFERENCES deal_follow_ups (deal_id, months) ON DELETE CASCADE
);
