-- lienket schema, version 4 (SQLite): the linkage directory of issue 5 — organisations and the
-- accounts that act for them, products, offers and requests (listings) with their moderation,
-- vetoes, saved searches and their in-app alerts. (Version 3 is another migration; the versions
-- need not be consecutive, they apply in file-name order.)
--
-- Every row carries `dataset`: 'observed' for what users and imports entered, 'illustrative' for
-- the invented demo directory (`lienket demo load`), which `demo remove` deletes whole. Every
-- change is a row of audit_log, whose new column `entity` names what changed
-- ("organisation:12", "listing:40").

ALTER TABLE audit_log ADD COLUMN entity TEXT;
CREATE INDEX audit_log_entity ON audit_log (entity);

CREATE TABLE organisations (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('enterprise', 'cooperative',
                                                 'household_business')),
  name             TEXT NOT NULL,
  tax_code         TEXT UNIQUE,                  -- canonical "0101234567" or "0101234567-001"
  citizen_id       TEXT NOT NULL DEFAULT '',     -- household businesses: 12 digits or ''
  unit_id          INTEGER NOT NULL REFERENCES units(id),  -- as on registered_on
  registered_on    TEXT NOT NULL,
  address          TEXT NOT NULL DEFAULT '',
  sector           TEXT NOT NULL DEFAULT '',     -- VSIC section letter or ''
  contact_person   TEXT NOT NULL DEFAULT '',
  phone            TEXT NOT NULL DEFAULT '',     -- "+84…"
  email            TEXT NOT NULL DEFAULT '',
  claim_status     TEXT NOT NULL CHECK (claim_status IN ('unclaimed', 'claimed', 'verified')),
  claimed_by       INTEGER REFERENCES users(id),
  verified_by      INTEGER REFERENCES users(id),
  verified_on      TEXT,
  dataset          TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX organisations_unit ON organisations (unit_id);

-- Which enterprise accounts act for which organisation.
CREATE TABLE organisation_members (
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX organisation_members_org ON organisation_members (organisation_id);

CREATE TABLE products (
  id                 INTEGER PRIMARY KEY,
  organisation_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name_vi            TEXT NOT NULL,
  local_name         TEXT NOT NULL DEFAULT '',
  vcpa               TEXT NOT NULL DEFAULT '',   -- digits or section letter, '' unknown
  hs                 TEXT NOT NULL DEFAULT '',   -- digits, '' unknown
  ocop_group         TEXT,                       -- food, beverage, ... NULL without OCOP
  ocop_stars         INTEGER CHECK (ocop_stars IS NULL OR ocop_stars BETWEEN 3 AND 5),
  ocop_certified_on  TEXT,
  certifications     TEXT NOT NULL DEFAULT '',   -- ids "vietgap,organic"
  unit               TEXT NOT NULL,              -- ProductUnitId
  capacity_per_year  TEXT,                       -- exact decimal in `unit`
  season             INTEGER NOT NULL DEFAULT 0, -- 12 bits, month m is bit m-1
  price_min          TEXT,                       -- exact decimal đồng per unit
  price_max          TEXT,
  packaging          TEXT NOT NULL DEFAULT '',
  dataset            TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (organisation_id, name_vi)
);

CREATE TABLE listings (
  id                       INTEGER PRIMARY KEY,
  kind                     TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
  organisation_id          INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  product_id               INTEGER REFERENCES products(id) ON DELETE SET NULL,
  title                    TEXT NOT NULL,
  description              TEXT NOT NULL DEFAULT '',
  vcpa                     TEXT NOT NULL DEFAULT '',
  hs                       TEXT NOT NULL DEFAULT '',
  quantity                 TEXT NOT NULL,      -- exact decimal in `unit`
  unit                     TEXT NOT NULL,
  min_order                TEXT,
  price_min                TEXT,
  price_max                TEXT,
  valid_from               TEXT NOT NULL,
  valid_to                 TEXT NOT NULL,
  required_certifications  TEXT NOT NULL DEFAULT '',
  min_stars                INTEGER NOT NULL DEFAULT 0,
  state                    TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'published',
                                                          'rejected', 'expired', 'withdrawn')),
  moderating_unit_id       INTEGER REFERENCES units(id),
  rejection_reason         TEXT NOT NULL DEFAULT '',
  published_on             TEXT,
  moderated_by             INTEGER REFERENCES users(id),
  moderated_at             TEXT,
  dataset                  TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_by               INTEGER REFERENCES users(id),
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);
CREATE INDEX listings_org ON listings (organisation_id);
CREATE INDEX listings_state ON listings (state, kind);

-- Where a listing delivers (offers) or wants the goods (requests); none = anywhere / own province.
CREATE TABLE listing_delivery (
  listing_id  INTEGER NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (listing_id, unit_id)
);

-- `organisation_id` never wants to be matched with `vetoed_id` (either way).
CREATE TABLE org_vetoes (
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vetoed_id        INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (organisation_id, vetoed_id)
);

CREATE TABLE saved_searches (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  query         TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'offer', 'request')),
  filters_json  TEXT NOT NULL DEFAULT '{}',    -- {"unit_id": 24}
  created_at    TEXT NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);

-- A published listing that matched a saved search, computed when the listing was approved.
CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY,
  saved_search_id  INTEGER NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
  listing_id       INTEGER NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,
  seen_at          TEXT,
  UNIQUE (saved_search_id, listing_id)
);
