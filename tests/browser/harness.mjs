// What the browser scenarios (run.mjs, linkage.mjs, events.mjs, flows.mjs, cooperation.mjs) need
// besides the browser itself: a tally of checks, a fresh database on the engine the environment
// selects, running the lienket command, and a `lienket serve` on a free port with its log kept.

import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

// The tally of checks: ok(name), fail(name, err), and the totals.
export function createTally() {
  const tally = {
    passed: 0,
    failed: 0,
    failures: [],
    ok(name) {
      tally.passed += 1;
      console.log(`  ok  ${name}`);
    },
    fail(name, err) {
      tally.failed += 1;
      const msg = err && err.message ? err.message.split('\n')[0] : String(err);
      tally.failures.push(`${name}: ${msg}`);
      console.log(`  FAIL ${name}: ${msg}`);
    },
  };
  return tally;
}

// Runs `bin args...` to completion; throws with its message when it fails.
export function runLienket(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`lienket ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 400)}`);
  }
  return r.stdout;
}

// A fresh database for one scenario: a SQLite file in `dir`, or — when LIENKET_TEST_DATABASE_URL
// names a PostgreSQL database, as for CTest's pg.browser.* — a new schema in it, selected through
// the URI (options=-csearch_path=…, as store/test_database.hpp does) and dropped by drop().
// Returns { db, drop() }: db is what --db takes.
export function freshDatabase(dir) {
  const base = process.env.LIENKET_TEST_DATABASE_URL || '';
  if (!base) return { db: path.join(dir, 'lienket.db'), drop() {} };
  const schema = `lienket_browser_${process.pid}_${Date.now() % 1000000}`;
  const psql = (sql) => {
    const r = spawnSync('psql', [base, '-qXc', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql ${sql}: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  };
  psql(`CREATE SCHEMA ${schema}`);
  const sep = base.includes('?') ? '&' : '?';
  return {
    db: `${base}${sep}options=-csearch_path%3D${schema}`,
    drop() {
      try {
        psql(`DROP SCHEMA ${schema} CASCADE`);
      } catch (err) {
        console.log(`could not drop the test schema: ${err.message}`);
      }
    },
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `lienket --db db serve` on a free loopback port and waits until it prints its URL.
// Returns { child, url, log() }: log() is everything the server printed (its access log).
export async function startServer(bin, db) {
  const port = await freePort();
  const child = spawn(bin, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => { log += c; });
  child.stderr.on('data', (c) => { log += c; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within 20 s:\n${log}`)), 20000);
    const onData = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}/`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${log}`));
    });
  });
  return { child, url, log: () => log };
}

// SIGTERM (the server finishes what it is doing), SIGKILL after 10 s.
export async function stopServer(server) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      resolve();
    }, 10000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
