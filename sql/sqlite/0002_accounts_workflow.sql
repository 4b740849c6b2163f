-- lienket schema, version 2 (SQLite): accounts, sessions, the submission workflow and the audit
-- trail of the web application.
--
-- A province's figures travel draft -> submitted -> approved (or returned -> resubmitted). While a
-- submission is open its values live in `entry_values`, visible only to the province's staff and
-- the coordinators; approval writes them to `observations` as a new vintage (nothing there is ever
-- overwritten), which is what readers see. Every change of a value or a state is a row of
-- `audit_log`.

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  login          TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  email          TEXT NOT NULL DEFAULT '',
  role           TEXT NOT NULL CHECK (role = 'admin' OR role = 'coordinator' OR role = 'officer'
                                      OR role = 'approver' OR role = 'enterprise'),
  unit_id        INTEGER REFERENCES units(id),   -- officer, approver
  region_key     TEXT,                            -- coordinator
  password_hash  TEXT NOT NULL,                   -- argon2id, libsodium's crypto_pwhash_str
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- Only the SHA-256 of a session token is stored: a copy of the database opens no session.
CREATE TABLE sessions (
  token_sha256  TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  address       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  form_id       TEXT NOT NULL,
  period        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status = 'draft' OR status = 'submitted'
                                     OR status = 'approved' OR status = 'returned'),
  revision      INTEGER NOT NULL DEFAULT 0,   -- approvals so far; each writes one vintage
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  submitted_at  TEXT,
  submitted_by  INTEGER REFERENCES users(id),
  approved_at   TEXT,
  approved_by   INTEGER REFERENCES users(id),
  UNIQUE (unit_id, form_id, period)
);

-- The values of an open submission, as entered, converted to the indicator's canonical unit.
CREATE TABLE entry_values (
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  indicator_id   TEXT NOT NULL REFERENCES indicators(id),
  value          TEXT NOT NULL,         -- exact decimal, canonical unit
  qualifier      TEXT NOT NULL,
  status         TEXT NOT NULL,         -- estimate, preliminary, official
  note           TEXT NOT NULL DEFAULT '',
  updated_by     INTEGER NOT NULL REFERENCES users(id),
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (submission_id, indicator_id)
);

-- Comments of the workflow: a return's reason, a reopening's reason, a submission's note.
CREATE TABLE submission_comments (
  id             INTEGER PRIMARY KEY,
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  action         TEXT NOT NULL,
  text           TEXT NOT NULL
);

-- Who changed what, when, old -> new, and through which path. Append-only.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  user_id       INTEGER REFERENCES users(id),
  user_login    TEXT NOT NULL,
  action        TEXT NOT NULL,     -- value_set, value_cleared, submit, approve, return, reopen,
                                   -- publish, user_create, user_update, login_failed ...
  via           TEXT NOT NULL,     -- form, import, workflow, cli, admin
  unit_id       INTEGER REFERENCES units(id),
  indicator_id  TEXT,
  period        TEXT,
  form_id       TEXT,
  old_value     TEXT,
  new_value     TEXT,
  comment       TEXT NOT NULL DEFAULT '',
  request_id    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_cell ON audit_log (unit_id, indicator_id, period);

CREATE TABLE reminders_sent (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  user_id  INTEGER NOT NULL REFERENCES users(id),
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  form_id  TEXT NOT NULL,
  period   TEXT NOT NULL,
  channel  TEXT NOT NULL,   -- smtp, copied
  address  TEXT NOT NULL DEFAULT ''
);
