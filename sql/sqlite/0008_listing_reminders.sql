-- lienket schema, version 8 (SQLite): reminders to a listing's owner that its window is about to
-- end (issue 5: "owners are reminded before expiry"). One row per listing and window end, written
-- by the listing upkeep (api/listing_upkeep.hpp: the server runs it hourly, `lienket upkeep` by
-- hand or from cron), so a reminder is sent once per window and again after a renewal. The owner's
-- members see it in the app until they mark it seen; `emailed_to` records the address written to
-- when an SMTP server is configured.

CREATE TABLE listing_reminders (
  listing_id   INTEGER NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  valid_to     TEXT NOT NULL,              -- the window end the reminder is about
  reminded_at  TEXT NOT NULL,
  emailed_to   TEXT NOT NULL DEFAULT '',   -- '' when not e-mailed
  seen_at      TEXT,
  seen_by      INTEGER REFERENCES users(id),
  PRIMARY KEY (listing_id, valid_to)
);
