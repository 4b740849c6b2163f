-- lienket schema, version 6 (SQLite): cooperation programmes between provinces and requests
-- between Departments (issue 5; the rules are in src/linkage/cooperation.hpp).
--
--   coop_agreements + coop_agreement_parties (in rotation order) + coop_documents;
--   coop_plans: one per agreement and year, with the lead province (the rotation's, or another
--     party's with a reason); coop_tasks: owner province, deadline, status — "overdue" is computed
--     from the deadline and today, never stored —, evidence; coop_task_links: what a task produced
--     as "event:ID" / "deal:ID" text, so this table depends on neither events nor deals;
--   coop_reports: progress reports per party and period (the lead consolidates them);
--   dept_requests + dept_request_recipients (one state, focal point and reply per receiving
--     Department) + dept_request_attachments;
--   coop_files: uploaded documents, evidence and attachments, base64 TEXT with size and SHA-256
--     (TEXT keeps the column portable; files are at most 5 MB).
-- Dates are ISO TEXT; timestamps ISO UTC TEXT; `dataset` as in 0004 ('illustrative' = the demo).

CREATE TABLE coop_files (
  id              INTEGER PRIMARY KEY,
  file_name       TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  size            INTEGER NOT NULL CHECK (size > 0),
  sha256          TEXT NOT NULL,
  content_base64  TEXT NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL
);

CREATE TABLE coop_agreements (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('bilateral', 'regional')),
  signed_on    TEXT NOT NULL,
  valid_from   TEXT NOT NULL,
  valid_to     TEXT,
  fields_json  TEXT NOT NULL,           -- JSON array of the fields of cooperation
  summary      TEXT NOT NULL DEFAULT '',
  dataset      TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_by   INTEGER REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE coop_agreement_parties (
  agreement_id  INTEGER NOT NULL REFERENCES coop_agreements(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,       -- 0.. rotation order
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX coop_agreement_parties_unit ON coop_agreement_parties (unit_id);

CREATE TABLE coop_documents (
  id            INTEGER PRIMARY KEY,
  agreement_id  INTEGER NOT NULL REFERENCES coop_agreements(id) ON DELETE CASCADE,
  title         TEXT NOT NULL,
  number        TEXT NOT NULL DEFAULT '',
  issued_on     TEXT NOT NULL,
  file_id       INTEGER REFERENCES coop_files(id)
);
CREATE INDEX coop_documents_agreement ON coop_documents (agreement_id);

CREATE TABLE coop_plans (
  id                INTEGER PRIMARY KEY,
  agreement_id      INTEGER NOT NULL REFERENCES coop_agreements(id) ON DELETE CASCADE,
  year              INTEGER NOT NULL,
  lead_unit_id      INTEGER NOT NULL REFERENCES units(id),
  rotation_unit_id  INTEGER NOT NULL REFERENCES units(id),
  lead_overridden   INTEGER NOT NULL DEFAULT 0 CHECK (lead_overridden = 0 OR lead_overridden = 1),
  lead_reason       TEXT NOT NULL DEFAULT '',
  title             TEXT NOT NULL,
  notes             TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  UNIQUE (agreement_id, year)
);

CREATE TABLE coop_tasks (
  id                INTEGER PRIMARY KEY,
  plan_id           INTEGER NOT NULL REFERENCES coop_plans(id) ON DELETE CASCADE,
  title             TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  owner_unit_id     INTEGER NOT NULL REFERENCES units(id),
  deadline          TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done',
                                                    'cancelled')),
  evidence_text     TEXT NOT NULL DEFAULT '',
  evidence_link     TEXT NOT NULL DEFAULT '',
  evidence_file_id  INTEGER REFERENCES coop_files(id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX coop_tasks_plan ON coop_tasks (plan_id);
CREATE INDEX coop_tasks_deadline ON coop_tasks (deadline, status);

CREATE TABLE coop_task_links (
  task_id  INTEGER NOT NULL REFERENCES coop_tasks(id) ON DELETE CASCADE,
  entity   TEXT NOT NULL,               -- "event:12", "deal:7"
  PRIMARY KEY (task_id, entity)
);
CREATE INDEX coop_task_links_entity ON coop_task_links (entity);

CREATE TABLE coop_reports (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES coop_plans(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  period        TEXT NOT NULL,          -- core::Period code, "2026-H1"
  body          TEXT NOT NULL,
  submitted_by  INTEGER REFERENCES users(id),
  submitted_at  TEXT NOT NULL
);
CREATE INDEX coop_reports_plan ON coop_reports (plan_id, period);

CREATE TABLE dept_requests (
  id              INTEGER PRIMARY KEY,
  from_unit_id    INTEGER NOT NULL REFERENCES units(id),
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  product         TEXT NOT NULL DEFAULT '',
  quantity        TEXT NOT NULL DEFAULT '',
  deadline        TEXT NOT NULL,
  focal_name      TEXT NOT NULL,
  focal_position  TEXT NOT NULL DEFAULT '',
  focal_phone     TEXT NOT NULL DEFAULT '',
  focal_email     TEXT NOT NULL DEFAULT '',
  dataset         TEXT NOT NULL CHECK (dataset IN ('observed', 'illustrative')),
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL
);
CREATE INDEX dept_requests_from ON dept_requests (from_unit_id);

CREATE TABLE dept_request_recipients (
  request_id      INTEGER NOT NULL REFERENCES dept_requests(id) ON DELETE CASCADE,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  state           TEXT NOT NULL CHECK (state IN ('sent', 'acknowledged', 'answered', 'declined',
                                                 'closed')),
  focal_name      TEXT NOT NULL DEFAULT '',
  focal_position  TEXT NOT NULL DEFAULT '',
  focal_phone     TEXT NOT NULL DEFAULT '',
  focal_email     TEXT NOT NULL DEFAULT '',
  reply           TEXT NOT NULL DEFAULT '',
  replied_at      TEXT NOT NULL DEFAULT '',
  replied_by      INTEGER REFERENCES users(id),
  reminded_on     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (request_id, unit_id)
);
CREATE INDEX dept_request_recipients_unit ON dept_request_recipients (unit_id, state);

CREATE TABLE dept_request_attachments (
  request_id  INTEGER NOT NULL,
  unit_id     INTEGER NOT NULL,
  file_id     INTEGER NOT NULL REFERENCES coop_files(id),
  PRIMARY KEY (request_id, unit_id, file_id),
  FOREIGN KEY (request_id, unit_id) REFERENCES dept_request_recipients (request_id, unit_id)
    ON DELETE CASCADE
);
