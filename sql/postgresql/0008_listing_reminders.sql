-- lienket schema, version 8 (PostgreSQL): reminders to a listing's owner that its window is about
-- to end; the twin of sql/sqlite/0008_listing_reminders.sql, which explains the table.

CREATE TABLE listing_reminders (
  listing_id   BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  valid_to     TEXT NOT NULL,
  reminded_at  TEXT NOT NULL,
  emailed_to   TEXT NOT NULL DEFAULT '',
  seen_at      TEXT,
  seen_by      BIGINT REFERENCES users(id),
  PRIMARY KEY (listing_id, valid_to)
);
