-- lienket schema, version 5 (SQLite): trade-promotion events of issue 5 (B2B meetings, as b2match
-- or Grip do) — an event hosted by a province, its sessions (each cut into slots of the event's
-- slot length, with a number of tables per slot), the organisations that register with the
-- sessions they attend and a meeting quota, meeting requests between participants (made by a
-- participant or proposed from the matching), the meetings that accepted requests become (a slot
-- and a table from the scheduler or the organiser, provisional then final, held or not) and the
-- minimum number of meetings per province.
--
-- Times are local clock times as ISO TEXT ("2026-06-12", "08:00"); timestamps ISO UTC TEXT.
-- Slots are numbered 0.. in time order over the sessions (date, start); the program maps them
-- to clock times (linkage/event.hpp). `dataset` as in 0004: 'illustrative' rows are the demo's.

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units(id),   -- host province
  title          TEXT NOT NULL,
  venue          TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  starts_on      TEXT NOT NULL,                           -- first day, "YYYY-MM-DD"
  ends_on        TEXT NOT NULL,                           -- last day
  slot_minutes   INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  default_quota  INTEGER NOT NULL DEFAULT 8 CHECK (default_quota >= 0),
  state          TEXT NOT NULL CHECK (state IN ('draft', 'open', 'scheduled_provisional',
                                                'final', 'closed')),
  dataset        TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_by     INTEGER REFERENCES users(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX events_unit ON events (unit_id);
CREATE INDEX events_state ON events (state, starts_on);

-- A session: one date, a start and an end; (end - start) / slot_minutes slots, each with
-- `tables` tables.
CREATE TABLE event_sessions (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  day        TEXT NOT NULL,                 -- "YYYY-MM-DD"
  starts_at  TEXT NOT NULL,                 -- "HH:MM"
  ends_at    TEXT NOT NULL,                 -- "HH:MM", after starts_at
  tables     INTEGER NOT NULL CHECK (tables BETWEEN 1 AND 500),
  UNIQUE (event_id, day, starts_at)
);

-- A registered organisation.
CREATE TABLE event_participants (
  id               INTEGER PRIMARY KEY,
  event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  max_meetings     INTEGER NOT NULL CHECK (max_meetings >= 0),   -- quota
  note             TEXT NOT NULL DEFAULT '',
  registered_by    INTEGER REFERENCES users(id),
  registered_at    TEXT NOT NULL,
  checked_in_at    TEXT,
  checked_in_by    INTEGER REFERENCES users(id),
  UNIQUE (event_id, organisation_id)
);
CREATE INDEX event_participants_org ON event_participants (organisation_id);

-- The sessions a participant attends.
CREATE TABLE event_participant_sessions (
  participant_id  INTEGER NOT NULL REFERENCES event_participants(id) ON DELETE CASCADE,
  session_id      INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
  PRIMARY KEY (participant_id, session_id)
);

-- A meeting request from one participant to another. 'no' records that the requester does not
-- want to meet the other (never scheduled, never proposed again).
CREATE TABLE event_meeting_requests (
  id                 INTEGER PRIMARY KEY,
  event_id           INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  from_participant   INTEGER NOT NULL REFERENCES event_participants(id) ON DELETE CASCADE,
  to_participant     INTEGER NOT NULL REFERENCES event_participants(id) ON DELETE CASCADE,
  priority           TEXT NOT NULL CHECK (priority IN ('must_meet', 'meet', 'no')),
  origin             TEXT NOT NULL CHECK (origin IN ('participant', 'matching')),
  from_listing_id    INTEGER REFERENCES listings(id) ON DELETE SET NULL,  -- matching: the pair
  to_listing_id      INTEGER REFERENCES listings(id) ON DELETE SET NULL,
  match_score        TEXT,                                 -- matching: the score, decimal text
  message            TEXT NOT NULL DEFAULT '',
  state              TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'declined')),
  created_by         INTEGER REFERENCES users(id),
  created_at         TEXT NOT NULL,
  answered_by        INTEGER REFERENCES users(id),
  answered_at        TEXT,
  CHECK (from_participant <> to_participant),
  UNIQUE (event_id, from_participant, to_participant)
);
CREATE INDEX event_meeting_requests_to ON event_meeting_requests (to_participant);

-- The meeting an accepted request became; created on acceptance (unscheduled), placed by the
-- scheduler (provisional) or by hand (pinned), then final. Its id stays while it moves, so deals
-- can refer to it.
CREATE TABLE event_meetings (
  id                  INTEGER PRIMARY KEY,
  event_id            INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  request_id          INTEGER NOT NULL UNIQUE REFERENCES event_meeting_requests(id)
                        ON DELETE CASCADE,
  slot                INTEGER,                 -- 0-based over the event's slots; NULL unscheduled
  table_no            INTEGER,                 -- 1-based table number; NULL unscheduled
  status              TEXT NOT NULL CHECK (status IN ('unscheduled', 'provisional', 'final')),
  unscheduled_reason  TEXT NOT NULL DEFAULT '',  -- "no_common_slot", "quota", ...
  pinned              INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  held_by_first       TEXT,                    -- when the requester recorded it held
  held_by_second      TEXT,                    -- when the counterpart recorded it held
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK ((slot IS NULL) = (table_no IS NULL))
);
CREATE INDEX event_meetings_event ON event_meetings (event_id, slot);

-- At least `meetings` meetings with a participant of the province, so small provinces are not
-- crowded out (a soft objective of the scheduler).
CREATE TABLE event_province_minimums (
  event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  meetings  INTEGER NOT NULL CHECK (meetings >= 0),
  PRIMARY KEY (event_id, unit_id)
);
