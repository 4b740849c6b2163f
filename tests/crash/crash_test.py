#!/usr/bin/env python3
"""Crash consistency: kill `lienket` with SIGKILL at many points and check that nothing is lost.

    tests/crash/crash_test.py LIENKET MAKE_IMPORT_CSV [--rows N] [--import-kills K]
                              [--web-kills K] [--seed S] [--report FILE]

Two phases, each kill point at a time drawn from a fixed seed (the run is repeatable):

  import  A generated canonical CSV (MAKE_IMPORT_CSV, as the import benchmark does; 200,000 rows by
          default) is imported into a fresh copy of a prepared database, and the process is killed
          at a random moment spread over 0..1.6 times the import's measured duration. Afterwards
          the database passes SQLite's integrity and foreign-key checks (and `lienket doctor`),
          and the import is wholly present (its import_batches row and exactly its rows) or wholly
          absent (no batch row, no observation).
  web     `lienket serve` on one database, three officers of three provinces logged in, each
          sending entry-grid PUTs (`/api/submissions/{unit}/monthly/{period}`, a new value each
          time) with its own session and CSRF token; the server is killed at a random moment,
          checked, and restarted on the same file for the next kill point. Every edit answered
          200 with the value in the grid before the kill must be in the audit log (value_set with
          that new value), and each cell holds its last acknowledged value or a later one that
          was in flight when the server died.

Prints one line per kill point and a summary; exit 0 when every check holds, 1 otherwise.
Uses only Python's standard library.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "Crash-test-password-1"
PROVINCES = ["nghe-an", "ha-tinh", "thanh-hoa"]
INDICATORS = ["retail_sales", "exports", "imports"]


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def check_database(lienket, db, where):
    """Integrity and foreign keys by SQLite itself, then `lienket doctor`'s own integrity check."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            fail(f"{where}: PRAGMA integrity_check: {integrity[:5]}")
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            fail(f"{where}: PRAGMA foreign_key_check: {fk[:5]}")
    finally:
        con.close()
    doctor = run([lienket, "--db", db, "doctor", "--json"])
    try:
        checks = {c["id"]: c for c in json.loads(doctor.stdout)["checks"]}
    except (ValueError, KeyError) as e:
        fail(f"{where}: doctor's answer is not JSON ({e}): {doctor.stdout[:300]} {doctor.stderr[:300]}")
    integrity = checks.get("integrity")
    if integrity is None or integrity.get("status") != "ok":
        fail(f"{where}: lienket doctor: {integrity}")


def add_user(lienket, db, login, role, unit=None):
    cmd = [lienket, "--db", db, "user", "add", "--login", login, "--name", login, "--role", role,
           "--password-stdin"]
    if unit:
        cmd += ["--unit", unit]
    r = run(cmd, input=PASSWORD + "\n")
    if r.returncode != 0:
        fail(f"user add {login}: {r.stdout} {r.stderr}")


# --- import phase

def import_phase(args, work, rng):
    csv_path = os.path.join(work, "import.csv")
    r = run([args.make_import_csv, "--rows", str(args.rows), "--out", csv_path])
    if r.returncode != 0:
        fail(f"make_import_csv: {r.stderr}")
    base = os.path.join(work, "import-base.db")
    r = run([args.lienket, "--db", base, "init"])
    if r.returncode != 0:
        fail(f"init: {r.stderr}")
    con = sqlite3.connect(base)
    base_observations = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    base_batches = con.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    con.close()

    def fresh(name):
        db = os.path.join(work, name)
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        shutil.copyfile(base, db)
        return db

    # One clean import: its duration spreads the kill points, and it proves the file imports.
    db = fresh("import-clean.db")
    start = time.monotonic()
    r = run([args.lienket, "--db", db, "import", csv_path, "--json"])
    duration = time.monotonic() - start
    if r.returncode != 0:
        fail(f"the clean import failed: {r.stdout[-500:]} {r.stderr[-500:]}")
    print(f"import: {args.rows} rows in {duration:.2f} s uninterrupted", flush=True)

    outcomes = {"present": 0, "absent": 0}
    for k in range(args.import_kills):
        db = fresh("import-kill.db")
        delay = rng.uniform(0.0, 1.6 * duration)
        proc = subprocess.Popen([args.lienket, "--db", db, "import", csv_path, "--json"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished_before_kill = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        where = f"import kill {k + 1} at {delay:.3f} s"
        check_database(args.lienket, db, where)
        con = sqlite3.connect(db)
        batches = con.execute(
            "SELECT id, rows_read, rows_inserted FROM import_batches ORDER BY id").fetchall()[base_batches:]
        observations = con.execute("SELECT count(*) FROM observations").fetchone()[0]
        if batches:
            batch_id, rows_read, rows_inserted = batches[-1]
            in_batch = con.execute("SELECT count(*) FROM observations WHERE batch_id = ?1",
                                   (batch_id,)).fetchone()[0]
        con.close()
        if not batches:
            if observations != base_observations:
                fail(f"{where}: no batch row but {observations - base_observations} new observations")
            outcome = "absent"
        else:
            if len(batches) != 1 or rows_read != args.rows or rows_inserted != args.rows \
                    or in_batch != args.rows or observations != base_observations + args.rows:
                fail(f"{where}: partial import: batches {batches}, {in_batch} rows in the batch, "
                     f"{observations - base_observations} new observations of {args.rows}")
            outcome = "present"
        if finished_before_kill and outcome != "present":
            fail(f"{where}: the import had finished but is absent")
        outcomes[outcome] += 1
        note = " (had already finished)" if finished_before_kill else ""
        print(f"{where}: integrity ok, import wholly {outcome}{note}", flush=True)
    return outcomes, duration


# --- web phase

class Officer:
    def __init__(self, port, login, unit, period):
        self.port, self.login, self.unit, self.period = port, login, unit, period
        self.cookie = self.csrf = None

    def request(self, method, path, body=None, timeout=10):
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
            headers["X-CSRF-Token"] = self.csrf
        con.request(method, path, body=json.dumps(body) if body is not None else None,
                    headers=headers)
        r = con.getresponse()
        data = r.read()
        cookie = r.getheader("Set-Cookie")
        con.close()
        return r.status, data, cookie

    def log_in(self):
        status, data, cookie = self.request("POST", "/api/login",
                                            {"login": self.login, "password": PASSWORD})
        if status != 200:
            fail(f"login {self.login}: HTTP {status} {data[:200]}")
        self.cookie = cookie.split(";")[0]
        self.csrf = json.loads(data)["csrf_token"]


def previous_month():
    today = datetime.date.today()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def start_server(lienket, db, log):
    proc = subprocess.Popen([lienket, "--db", db, "serve", "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()
    if "http://" not in line:
        fail(f"the server did not start: {line}")
    port = int(line.split("http://", 1)[1].split("/")[0].rsplit(":", 1)[1])
    # Drain the rest of standard output so the server never blocks on it.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, port


def web_phase(args, work, rng):
    db = os.path.join(work, "web.db")
    r = run([args.lienket, "--db", db, "init"])
    if r.returncode != 0:
        fail(f"init: {r.stderr}")
    for i, unit in enumerate(PROVINCES):
        add_user(args.lienket, db, f"officer{i}", "officer", unit)
    period = previous_month()
    log = open(os.path.join(work, "server.log"), "a")
    acked = []          # (unit, indicator, value_text) answered 200 with the value in the grid
    sent = []           # every value ever sent, acknowledged or not
    last_acked = {}     # (unit, indicator) -> index into the officer's sequence
    counter = [0]
    lock = threading.Lock()
    total_acked = 0

    for k in range(args.web_kills):
        proc, port = start_server(args.lienket, db, log)
        officers = [Officer(port, f"officer{i}", unit, period) for i, unit in enumerate(PROVINCES)]
        for o in officers:
            o.log_in()
        stop = threading.Event()
        acked_now = []

        def edit_loop(o):
            while not stop.is_set():
                with lock:
                    counter[0] += 1
                    n = counter[0]
                indicator = INDICATORS[n % len(INDICATORS)]
                value = str(1000 + n)   # tỷ đồng or triệu USD: a plausible, distinct whole number
                with lock:
                    sent.append((o.unit, indicator, value, n))
                path = f"/api/submissions/{o.unit}/monthly/{o.period}"
                try:
                    status, data, _ = o.request(
                        "PUT", path, {"values": [{"indicator": indicator, "value": value}]})
                except (OSError, http.client.HTTPException):
                    return  # the server died under us
                if status != 200:
                    fail(f"PUT {path} {indicator}={value}: HTTP {status} {data[:300]}")
                grid = json.loads(data)
                shown = {row["indicator"]: vi_number(row.get("value")) for row in grid["rows"]}
                if shown.get(indicator) != value:
                    fail(f"PUT {indicator}={value} answered 200 but the grid shows "
                         f"{shown.get(indicator)}: {data[:300]}")
                with lock:
                    acked_now.append((o.unit, indicator, value, n))

        threads = [threading.Thread(target=edit_loop, args=(o,)) for o in officers]
        for t in threads:
            t.start()
        delay = rng.uniform(0.2, 2.0)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
        acked.extend(acked_now)
        total_acked += len(acked_now)
        where = f"web kill {k + 1} at {delay:.3f} s"
        check_database(args.lienket, db, where)

        con = sqlite3.connect(db)
        audited = set(con.execute(
            "SELECT u.key, a.indicator_id, a.new_value FROM audit_log a JOIN units u ON u.id = a.unit_id "
            "WHERE a.action = 'value_set' AND a.period = ?1", (period,)).fetchall())
        cells = {(unit, ind): value for unit, ind, value in con.execute(
            "SELECT u.key, e.indicator_id, e.value FROM entry_values e "
            "JOIN submissions s ON s.id = e.submission_id JOIN units u ON u.id = s.unit_id "
            "WHERE s.form_id = 'monthly' AND s.period = ?1", (period,)).fetchall()}
        con.close()
        # Audit and cells hold the canonical value (đồng, USD): compare by the number entered.
        audited_numbers = {(u, i, canonical_to_entered(i, v)) for u, i, v in audited if v}
        missing = [a for a in acked if (a[0], a[1], a[2]) not in audited_numbers]
        if missing:
            fail(f"{where}: {len(missing)} acknowledged edits lost, e.g. {missing[:3]}")
        # Each cell holds its last acknowledged value, or a later one sent before the kill.
        for unit in PROVINCES:
            for ind in INDICATORS:
                mine = [a for a in acked if a[0] == unit and a[1] == ind]
                if not mine:
                    continue
                last = max(mine, key=lambda a: a[3])
                stored = canonical_to_entered(ind, cells.get((unit, ind)))
                later = {s[2] for s in sent if s[0] == unit and s[1] == ind and s[3] >= last[3]}
                if stored not in later:
                    fail(f"{where}: {unit}/{ind} holds {stored}, not the last acknowledged "
                         f"{last[2]} or a later one")
        print(f"{where}: integrity ok, {len(acked_now)} edits acknowledged in this run, "
              f"all {len(acked)} acknowledged so far present", flush=True)
    log.close()
    return total_acked


def vi_number(text):
    """"1.001" or "1.001,5" as the grid shows them -> "1001", "1001.5"."""
    if text is None:
        return None
    return text.replace(".", "").replace(",", ".")


def canonical_to_entered(indicator, value):
    """The whole number entered in the grid's unit from the stored canonical value (an audit
    line's "1001000000000 [estimate]" or a cell's "1001000000000")."""
    if value is None:
        return None
    value = value.split(" ")[0]
    scale = 10 ** 9 if indicator == "retail_sales" else 10 ** 6  # tỷ đồng; triệu USD
    whole, _, frac = value.partition(".")
    if frac.strip("0"):
        return value
    n = int(whole)
    return str(n // scale) if n % scale == 0 else value


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lienket")
    p.add_argument("make_import_csv")
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--import-kills", type=int, default=12)
    p.add_argument("--web-kills", type=int, default=12)
    p.add_argument("--seed", type=int, default=20261126)
    p.add_argument("--report")
    args = p.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="lienket-crash.")
    try:
        started = time.monotonic()
        outcomes, duration = import_phase(args, work, rng)
        acked = web_phase(args, work, rng)
        elapsed = time.monotonic() - started
        summary = (f"PASS: {args.import_kills + args.web_kills} SIGKILLs (seed {args.seed}) in "
                   f"{elapsed:.0f} s. Import of {args.rows} rows ({duration:.2f} s uninterrupted), "
                   f"{args.import_kills} kills: wholly present {outcomes['present']}, wholly absent "
                   f"{outcomes['absent']}, partial 0. Web edits, {args.web_kills} kills of the "
                   f"server: {acked} acknowledged entry-grid PUTs, lost 0. Integrity check ok "
                   f"after every kill.")
        print(summary, flush=True)
        if args.report:
            with open(args.report, "w") as f:
                f.write(summary + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
