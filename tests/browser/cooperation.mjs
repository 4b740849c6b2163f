// Browser scenario of the cooperation pages (Hợp tác giữa các tỉnh, Đề nghị giữa các Sở) in
// Debian's Chromium, as linkage.mjs:
//
//   node tests/browser/cooperation.mjs /path/to/lienket     (or LIENKET_BIN=...)
//
// A fresh database (init + demo load: the illustrative Northern-midlands agreement, this year's
// plan with tasks of which some are overdue, and Bắc Ninh's request for help selling lychee),
// three officers made with `lienket user add`, `lienket serve` on a free port. The officer of
// this year's lead province opens the overdue dashboard and sees the overdue tasks by owner with
// the days overdue, then the agreement with its overdue rows highlighted and the consolidation
// naming the parties whose report is missing; Thanh Hóa's officer finds the lychee request in
// its inbox and answers it, naming its focal point; Bắc Ninh's officer sees the answer in its
// outbox; the English switch. Any request to another host, or a script error, fails.
// Screenshots go to $LIENKET_ARTIFACTS (default tests/browser/artifacts/), named cooperation-*.png.

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
// The demo agreement's parties as they stand from 2026, in rotation order from its first year 2024
// (store/sqlite_cooperation_store.cpp): the lead of year Y is the (Y − 2024)th, wrapping around.
const kRotation = ['bac-ninh-2025', 'lang-son', 'thai-nguyen-2025', 'phu-tho-2025', 'tuyen-quang-2025'];
const year = new Date().getUTCFullYear();
const leadUnit = kRotation[(year - 2024) % kRotation.length];
const kUsers = [
  { login: 'lead.officer', name: 'Cán bộ Sở Công Thương tỉnh chủ trì', unit: leadUnit },
  { login: 'th.officer', name: 'Cán bộ Sở Công Thương Thanh Hóa', unit: 'thanh-hoa' },
  { login: 'bn.officer', name: 'Cán bộ Sở Công Thương Bắc Ninh', unit: 'bac-ninh-2025' },
];

const tally = createTally();

async function main() {
  if (!bin) {
    console.error('usage: node tests/browser/cooperation.mjs /path/to/lienket   (or LIENKET_BIN=...)');
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath} (apt-get install chromium)`);
    process.exit(2);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) {
    if (/^cooperation-.*\.png$/.test(f)) fs.rmSync(path.join(artifacts, f));
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lienket-cooperation-'));
  let fresh = null;
  let server = null;
  let browser = null;
  try {
    fresh = freshDatabase(tmp);
    const db = fresh.db;
    runLienket(bin, ['--db', db, 'init']);
    runLienket(bin, ['--db', db, 'demo', 'load']);
    for (const u of kUsers) {
      runLienket(bin, ['--db', db, 'user', 'add', '--login', u.login, '--name', u.name, '--role', 'officer',
        '--unit', u.unit, '--password-stdin'], `${kPassword}\n`);
    }
    server = await startServer(bin, db);
    const baseUrl = server.url;
    const origin = new URL(baseUrl).origin;
    console.log(`server: ${baseUrl} (database ${db}); lead province this year: ${leadUnit}`);

    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
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
      if (m.type() === 'error' && !/status of (400|401|403|404|409)/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    page.setDefaultTimeout(15000);

    let shot = 0;
    const snap = async (name) => {
      shot += 1;
      await page.screenshot({ path: path.join(artifacts, `cooperation-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
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

    let agreementHref = '';
    await step('the lead province opens the overdue dashboard and sees overdue tasks by owner', async () => {
      await login('lead.officer');
      await page.click('a[href="#/cooperation"]');
      await page.locator('[data-testid=agreements]').waitFor();
      await page.click('[data-testid=overdue-link]');
      const table = page.locator('[data-testid=overdue-tasks]');
      await table.waitFor();
      const rows = await table.locator('tbody tr').count();
      if (rows < 2) throw new Error(`expected at least 2 overdue tasks, found ${rows}`);
      const badge = await table.locator('.badge.co-overdue').first().innerText();
      if (!/Quá hạn \d+ ngày/.test(badge)) throw new Error(`no days overdue: "${badge}"`);
      const lead = await table.locator('.badge.co-lead').count();
      if (lead < 1) throw new Error('the lead province\'s tasks are not marked as led by it');
      const owners = await page.locator('[data-testid=overdue-by-owner] li').count();
      if (owners < 2) throw new Error(`expected overdue tasks of several owners, found ${owners}`);
      agreementHref = await table.locator('tbody a').first().getAttribute('href');
      await snap('overdue-dashboard');
    });

    await step('the agreement highlights overdue tasks and the consolidation names the missing reports', async () => {
      await page.goto(`${baseUrl}${agreementHref}`);
      await page.locator('.co-plan').first().waitFor();
      const overdueRows = await page.locator('tr.co-row-overdue').count();
      if (overdueRows < 2) throw new Error(`expected highlighted overdue rows, found ${overdueRows}`);
      const done = await page.locator('.badge.co-status-done').count();
      if (done < 1) throw new Error('no task shows the done badge');
      await page.click(`[data-testid=consolidate-${year}]`);
      await page.locator('[data-testid=missing-reports]').waitFor();
      await snap('agreement');
    });

    await step('a receiving officer answers the lychee request from its inbox', async () => {
      await login('th.officer');
      await page.goto(`${baseUrl}#/cooperation/requests`);
      const card = page.locator('.co-request', { hasText: 'vải thiều' }).first();
      await card.waitFor();
      const form = card.locator('form[data-testid^=reply-form]');
      await form.locator('textarea[name=reply]').fill('Sở Công Thương Thanh Hóa đã giới thiệu các siêu thị trên địa bàn (thử).');
      await form.locator('input[name=reply_name]').fill('Lê Thị B (thử)');
      await form.locator('input[name=reply_position]').fill('Chuyên viên');
      await form.locator('input[name=reply_email]').fill('dau-moi@sct-thanhhoa.example');
      await form.locator('button[type=submit]').click();
      await page.locator('.co-request .co-mine .badge.co-state-answered').first().waitFor();
      await snap('request-answered');
    });

    await step('the sending Department sees the answer in its outbox', async () => {
      await login('bn.officer');
      await page.goto(`${baseUrl}#/cooperation/requests?box=outbox`);
      const card = page.locator('.co-request', { hasText: 'vải thiều' }).first();
      await card.waitFor();
      const reply = await card.locator('[data-testid=reply-text]').first().innerText();
      if (!/Thanh Hóa/.test(reply)) throw new Error(`reply not shown: "${reply}"`);
      if (await card.locator('.badge.co-state-answered').count() !== 1) throw new Error('Thanh Hóa is not shown as answered');
    });

    await step('English: the overdue dashboard in English', async () => {
      await login('lead.officer');
      await page.goto(`${baseUrl}#/cooperation/overdue`);
      await page.locator('[data-testid=overdue-tasks]').waitFor();
      await page.click('button.lang');
      await page.locator('h1', { hasText: 'Overdue tasks' }).waitFor();
      const badge = await page.locator('[data-testid=overdue-tasks] .badge.co-overdue').first().innerText();
      if (!/\d+ days overdue/.test(badge)) throw new Error(`badge not in English: "${badge}"`);
      await snap('overdue-english');
      await page.click('button.lang');
    });

    await step('no request left the server', async () => {
      if (foreign.length) throw new Error(`requests to other hosts: ${foreign.join(', ')}`);
    });
    await step('no script error in the page', async () => {
      if (pageErrors.length) throw new Error(pageErrors.join(' | '));
    });
  } catch (err) {
    tally.fail('setup', err);
    if (server) console.log(server.log());
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server);
    if (fresh) fresh.drop();
    if (server) {
      fs.writeFileSync(path.join(artifacts, 'cooperation-server.log'), server.log());
      for (const line of server.log().split('\n')) {
        if (/"status":5\d\d|"level":"error"/.test(line)) console.log(`  server: ${line}`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`browser (cooperation): ${tally.passed} passed, ${tally.failed} failed`);
  if (tally.failed) {
    for (const f of tally.failures) console.log(`  - ${f}`);
    process.exit(1);
  }
}

main();
