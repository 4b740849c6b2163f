// Browser scenario of the trade-promotion events (Xúc tiến thương mại, issue 5) in Debian's
// Chromium, as linkage.mjs:
//
//   node tests/browser/events.mjs /path/to/lienket     (or LIENKET_BIN=...)
//
// A fresh database (init + demo load, which adds one illustrative event hosted by Hà Nội), users
// made with `lienket user add`, and two organisations registered through the API (a Bắc Giang
// cooperative and a Thanh Hóa supermarket). Hà Nội's officer creates an event with a morning and
// an afternoon session; the cooperative registers for both, the supermarket for the morning only
// and invites the cooperative to a must-meet; the cooperative accepts; the officer schedules,
// tries to move the meeting to the afternoon (the conflict is shown, nothing moves), moves it to
// another morning cell, and finalises; the supermarket sees its agenda, downloads the PDF and
// records the meeting held; the figures count it. The demo event shows its banner and its grid.
// Any request to another host, or a script error, fails. Screenshots go to $LIENKET_ARTIFACTS
// (default tests/browser/artifacts/), named events-*.png.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { createTally, freshDatabase, runLienket, startServer, stopServer } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.resolve(process.env.LIENKET_ARTIFACTS || path.join(here, 'artifacts'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const bin = process.argv[2] || process.env.LIENKET_BIN;

const kPassword = 'Mật-khẩu-thử-12345';
const kUsers = [
  { login: 'hn.officer', name: 'Cán bộ Sở Công Thương Hà Nội', role: 'officer', unit: 'ha-noi' },
  { login: 'bg.htx', name: 'HTX Vải thiều Lục Ngạn (thử)', role: 'enterprise' },
  { login: 'th.buyer', name: 'Siêu thị Thanh Hóa (thử)', role: 'enterprise' },
];

function taxCode(prefix) {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (let n = 0; n < 1000; n += 1) {
    const nine = (prefix + String(Date.now() + n).slice(-7)).slice(0, 9);
    const sum = [...nine].reduce((s, d, i) => s + Number(d) * w[i], 0);
    const check = 10 - (sum % 11);
    if (check < 10) return nine + String(check);
  }
  throw new Error('no tax code');
}

// Logs in through the API (node's fetch) and creates an organisation for the account.
async function apiOrganisation(baseUrl, login, org) {
  const res = await fetch(new URL('/api/login', baseUrl), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password: kPassword }),
  });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  const made = await fetch(new URL('/api/linkage/organisations', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf, Origin: new URL(baseUrl).origin },
    body: JSON.stringify(org),
  });
  if (made.status !== 201) throw new Error(`organisation for ${login}: ${made.status} ${await made.text()}`);
  return (await made.json()).organisation.id;
}

const tally = createTally();

async function main() {
  if (!bin) {
    console.error('usage: node tests/browser/events.mjs /path/to/lienket   (or LIENKET_BIN=...)');
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath} (apt-get install chromium)`);
    process.exit(2);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) if (/^events-.*\.png$/.test(f)) fs.rmSync(path.join(artifacts, f));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lienket-events-'));
  let fresh = null;
  let server = null;
  let browser = null;
  try {
    fresh = freshDatabase(tmp);
    const db = fresh.db;
    runLienket(bin, ['--db', db, 'init']);
    runLienket(bin, ['--db', db, 'demo', 'load']);
    for (const u of kUsers) {
      const args = ['--db', db, 'user', 'add', '--login', u.login, '--name', u.name, '--role', u.role, '--password-stdin'];
      if (u.unit) args.push('--unit', u.unit);
      runLienket(bin, args, `${kPassword}\n`);
    }
    server = await startServer(bin, db);
    const baseUrl = server.url;
    const origin = new URL(baseUrl).origin;
    console.log(`server: ${baseUrl} (database ${db})`);
    const probe = await fetch(new URL('/api/events', baseUrl));
    if (probe.status !== 200) throw new Error(`GET /api/events answers ${probe.status}: the events API is missing or broken`);
    await apiOrganisation(baseUrl, 'bg.htx', { kind: 'cooperative', name: 'HTX Vải thiều Phượng Sơn (thử)', tax_code: taxCode('24'), unit: 'bac-giang', registered_on: '2019-03-15' });
    await apiOrganisation(baseUrl, 'th.buyer', { kind: 'enterprise', name: 'Siêu thị Nông sản Thanh Hóa (thử)', tax_code: taxCode('38'), unit: 'thanh-hoa', registered_on: '2018-05-02' });

    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    const foreign = [];
    await browser.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/') || u === origin || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      foreign.push(u);
      return route.abort('blockedbyclient');
    });
    const page = browser.pages()[0] || await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // 409 is the server refusing a move with conflicts, as tested.
      if (m.type() === 'error' && !/status of (400|401|403|404|409)/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => d.accept());
    page.setDefaultTimeout(15000);

    let shot = 0;
    const snap = async (name) => {
      shot += 1;
      await page.screenshot({ path: path.join(artifacts, `events-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
    };
    const step = async (name, fn) => {
      try {
        await fn();
        tally.ok(name);
      } catch (err) {
        tally.fail(name, err);
        await snap(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => {});
      }
    };
    const login = async (loginName) => {
      await page.goto(`${baseUrl}#/login`);
      if (await page.locator('[data-testid=logout]').count()) {
        await page.click('[data-testid=logout]');
        await page.locator('[data-testid=logout]').waitFor({ state: 'detached' });
        await page.reload();
        await page.locator('input[name=login]').waitFor();
      }
      await page.fill('input[name=login]', loginName);
      await page.fill('input[name=password]', kPassword);
      await page.click('form button[type=submit]');
      await page.locator('[data-testid=current-user]').waitFor();
    };
    const toastSays = async (re) => {
      await page.waitForFunction((src) => {
        const el = document.querySelector('.toast.show');
        return el && new RegExp(src).test(el.textContent);
      }, re.source);
    };
    let eventUrl = '';
    const openEvent = async () => {
      await page.goto(eventUrl);
      await page.reload();
      await page.locator('[data-testid=event-title]').waitFor();
    };
    const d = new Date();
    const y = d.getFullYear() + 1;
    const day = `${y}-06-12`;

    await step('the event list shows the illustrative demo event with its banner', async () => {
      await page.goto(`${baseUrl}#/events`);
      await page.locator('[data-testid=event-card]').first().waitFor();
      await page.locator('[data-testid=demo-banner]').waitFor();
      await snap('list-anonymous');
    });

    await step("Hà Nội's officer creates an event with two sessions", async () => {
      await login('hn.officer');
      await page.goto(`${baseUrl}#/events`);
      await page.locator('[data-testid=event-create]').waitFor();
      if ((await page.inputValue('[data-testid=ev-unit]')) !== 'ha-noi') throw new Error('the host is not prefilled');
      await page.fill('[data-testid=ev-title]', 'Hội nghị giao thương vải thiều (thử)');
      await page.fill('[data-testid=ev-venue]', 'Trung tâm Hội nghị, Hà Nội');
      await page.fill('[data-testid=ev-starts]', day);
      await page.fill('[data-testid=ev-ends]', day);
      const row = page.locator('[data-testid=ev-sessions] .ev-session-row').first();
      await row.locator('[name=day]').fill(day);
      await row.locator('[name=ends_at]').fill('09:00');  // slots 0-2; the afternoon is 3-5
      await row.locator('[name=tables]').fill('3');
      await page.click('text=Thêm phiên');
      const second = page.locator('[data-testid=ev-sessions] .ev-session-row').nth(1);
      await second.locator('[name=day]').fill(day);
      await second.locator('[name=starts_at]').fill('14:00');
      await second.locator('[name=ends_at]').fill('15:00');
      await second.locator('[name=tables]').fill('2');
      await page.click('[data-testid=ev-create-submit]');
      await page.waitForURL(/#\/events\/\d+$/);
      eventUrl = page.url();
      await page.locator('[data-testid=event-title]').waitFor();
      const state = await page.locator('[data-testid=event-state]').first().innerText();
      if (!/Đang nhận đăng ký/.test(state)) throw new Error(`state: ${state}`);
    });

    await step('the Bắc Giang cooperative registers for both sessions', async () => {
      await login('bg.htx');
      await openEvent();
      await page.locator('[data-testid=ev-register]').waitFor();
      await page.click('[data-testid=ev-register-submit]');
      await toastSays(/Đã đăng ký/);
      await page.locator('[data-testid=ev-participant]').first().waitFor();
    });

    await step('the Thanh Hóa supermarket registers for the morning and invites the cooperative to a must-meet', async () => {
      await login('th.buyer');
      await openEvent();
      await page.locator('[data-testid=ev-register]').waitFor();
      await page.locator('[data-testid=ev-register] input[name=session]').nth(1).uncheck();
      await page.click('[data-testid=ev-register-submit]');
      await toastSays(/Đã đăng ký/);
      const coop = page.locator('[data-testid=ev-participant]', { hasText: 'Phượng Sơn' });
      await coop.locator('select').selectOption('must_meet');
      await coop.locator('[data-testid=ev-invite]').click();
      await toastSays(/Đã gửi lời mời/);
      await page.locator('[data-testid=ev-request]').first().waitFor();
    });

    await step('the cooperative accepts', async () => {
      await login('bg.htx');
      await openEvent();
      await page.click('[data-testid=ev-accept]');
      await toastSays(/Đã chấp nhận/);
      await snap('participant-requests');
    });

    await step('the officer schedules; a move to the afternoon shows the conflict; a morning cell takes it', async () => {
      await login('hn.officer');
      await openEvent();
      await page.click('[data-testid=ev-schedule]');
      await toastSays(/Đã xếp lịch/);
      await page.locator('[data-testid=ev-grid] [data-testid=ev-cell]').first().waitFor();
      await page.click('[data-testid=ev-grid] [data-testid=ev-move]');
      // Slot 3 is the afternoon (14:00–14:20): Thanh Hóa does not attend it.
      await page.click('[data-testid=ev-drop][data-slot="3"][data-table="1"]');
      await page.locator('[data-testid=ev-conflicts]').waitFor();
      const text = await page.locator('[data-testid=ev-conflicts]').innerText();
      if (!/xung đột/.test(text)) throw new Error(`conflicts: ${text}`);
      await snap('organiser-conflict');
      // A morning cell that is free.
      const free = page.locator('.ev-free [data-testid=ev-drop]');
      const slots = await free.evaluateAll((els) => els.map((e) => Number(e.dataset.slot)));
      const index = slots.findIndex((s) => s < 3);
      if (index < 0) throw new Error('no free morning cell');
      await free.nth(index).click();
      await toastSays(/Đã chuyển/);
      await page.locator('.ev-pinned').waitFor();
      await page.click('[data-testid=ev-finalise]');
      await toastSays(/chốt lịch/);
      await page.locator('[data-testid=ev-grid]').waitFor();
      await snap('organiser-grid-final');
    });

    await step('the supermarket sees its agenda, gets the PDF and records the meeting held', async () => {
      await login('th.buyer');
      await openEvent();
      const agenda = page.locator('[data-testid=ev-my-agenda]');
      await agenda.locator('[data-testid=ev-agenda-row]').first().waitFor();
      const row = await agenda.locator('[data-testid=ev-agenda-row]').first().innerText();
      if (!/Phượng Sơn/.test(row) || !/Bàn \d/.test(row)) throw new Error(`agenda row: ${row}`);
      const href = await agenda.locator('[data-testid=ev-agenda-pdf]').getAttribute('href');
      const pdf = await page.request.get(new URL(href, baseUrl).toString());
      if (pdf.status() !== 200 || !(pdf.headers()['content-type'] || '').includes('application/pdf')) throw new Error(`PDF: ${pdf.status()}`);
      const bytes = await pdf.body();
      if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('not a PDF');
      fs.writeFileSync(path.join(artifacts, 'events-agenda.pdf'), bytes);
      await page.click('[data-testid=ev-held]');
      await toastSays(/Đã ghi nhận/);
      await page.locator('[data-testid=event-figures]').waitFor();
      const figures = await page.locator('[data-testid=event-figures]').innerText();
      if (!/Đã gặp\s*1/.test(figures)) throw new Error(`figures: ${figures}`);
      await snap('participant-agenda');
    });

    await step('the demo event shows its banner and, to its organiser, a full grid', async () => {
      await login('hn.officer');
      await page.goto(`${baseUrl}#/events`);
      await page.locator('[data-testid=event-card]', { hasText: 'minh họa' }).locator('a').first().click();
      await page.locator('[data-testid=demo-banner]').waitFor();
      await page.locator('[data-testid=ev-grid] [data-testid=ev-cell]').first().waitFor();
      const cells = await page.locator('[data-testid=ev-grid] [data-testid=ev-cell]').count();
      if (cells < 20) throw new Error(`the demo grid has ${cells} meetings`);
      await snap('demo-page');
      shot += 1;
      await page.locator('[data-testid=ev-schedule-grid]').screenshot({ path: path.join(artifacts, `events-${String(shot).padStart(2, '0')}-demo-grid.png`) });
    });

    await step('English', async () => {
      await page.click('button.lang');
      await page.locator('[data-testid=event-title]').waitFor();
      await page.waitForFunction(() => /Schedule by time slot and table/.test(document.body.innerText));
      await page.click('button.lang');
    });

    if (pageErrors.length) tally.fail('no script errors', new Error(pageErrors.join('\n')));
    else tally.ok('no script errors');
    if (foreign.length) tally.fail('no foreign requests', new Error(foreign.join('\n')));
    else tally.ok('no foreign requests');
    const log = server.log();
    const fivexx = log.split('\n').filter((l) => /"status":5\d\d/.test(l));
    if (fivexx.length) tally.fail('no 5xx answers', new Error(fivexx.slice(0, 5).join('\n')));
    else tally.ok('no 5xx answers');
  } catch (err) {
    tally.fail('setup', err);
    if (server) console.log(server.log());
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server);
    if (fresh) fresh.drop();
    if (server) {
      fs.writeFileSync(path.join(artifacts, 'events-server.log'), server.log());
      for (const line of server.log().split('\n')) {
        if (/"status":5\d\d|"level":"error"/.test(line)) console.log(`  server: ${line}`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`browser (events): ${tally.passed} passed, ${tally.failed} failed`);
  if (tally.failed) {
    for (const f of tally.failures) console.log(`  - ${f}`);
    process.exit(1);
  }
}

main();
