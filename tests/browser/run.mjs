// End-to-end test of the web application in Debian's Chromium (never a downloaded browser).
//
//   node tests/browser/run.mjs /path/to/lienket        (or LIENKET_BIN=/path/to/lienket)
//
// Creates a fresh database in a temporary folder (init + load-observed), three users, starts
// `lienket serve` on a free port and walks through a reporting month as the users would: Nghệ An's
// officer types a wrong figure, sees the inline error, fixes it, saves and submits, and is refused
// Hà Tĩnh's report; the regional coordinator sees who has reported, approves Nghệ An, finds its
// figure on the overview and downloads the XLSX and DOCX reports. Any request to a host other than
// the server fails the test. Screenshots of every step go to $LIENKET_ARTIFACTS (default
// tests/browser/artifacts/). Exit status 0 when every check passed, 1 otherwise.
//
// LIENKET_URL=http://127.0.0.1:PORT/ runs the same steps against a server already running (whose
// database must have the three users below); CHROMIUM=/path overrides /usr/bin/chromium.

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
const externalUrl = process.env.LIENKET_URL;

const kPassword = 'Mật-khẩu-thử-12345';
const kUsers = [
  { login: 'mb.coordinator', name: 'Điều phối vùng miền Bắc', role: 'coordinator', region: 'mien-bac-28' },
  { login: 'na.officer', name: 'Cán bộ Sở Công Thương Nghệ An', role: 'officer', unit: 'nghe-an' },
  { login: 'ht.officer', name: 'Cán bộ Sở Công Thương Hà Tĩnh', role: 'officer', unit: 'ha-tinh' },
];

// The month being reported now: the one before the current month.
function reportingMonth(today = new Date()) {
  const y = today.getFullYear();
  const m = today.getMonth(); // 0-based: the previous month in 1-based terms
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

const tally = createTally();
async function main() {
  if (!externalUrl && !bin) {
    console.error('usage: node tests/browser/run.mjs /path/to/lienket   (or LIENKET_BIN=..., or LIENKET_URL=...)');
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath} (apt-get install chromium)`);
    process.exit(2);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  // Screenshots and downloads of an earlier run would mix with this one's.
  for (const f of fs.readdirSync(artifacts)) {
    if (/\.(png|xlsx|docx)$/.test(f)) fs.rmSync(path.join(artifacts, f));
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lienket-browser-'));
  let fresh = null;
  let server = null;
  let browser = null;
  try {
    let baseUrl = externalUrl;
    if (!externalUrl) {
      fresh = freshDatabase(tmp);
      const db = fresh.db;
      runLienket(bin, ['--db', db, 'init']);
      runLienket(bin, ['--db', db, 'load-observed']);
      for (const u of kUsers) {
        const args = ['--db', db, 'user', 'add', '--login', u.login, '--name', u.name, '--role', u.role, '--password-stdin'];
        if (u.unit) args.push('--unit', u.unit);
        if (u.region) args.push('--region', u.region);
        runLienket(bin, args, `${kPassword}\n`);
      }
      server = await startServer(bin, db);
      baseUrl = server.url;
      console.log(`server: ${baseUrl} (database ${db})`);
    }
    const origin = new URL(baseUrl).origin;

    // A persistent context on a fresh profile folder inside the temporary directory.
    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const context = browser;
    const foreign = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/') || u === origin || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      foreign.push(u);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] || await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    page.setDefaultTimeout(15000);

    let shot = 0;
    const snap = async (name, p = page) => {
      shot += 1;
      const file = path.join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
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
    const expectText = async (locator, re, what) => {
      await locator.first().waitFor({ state: 'visible' });
      const deadline = Date.now() + 10000;
      let text = '';
      while (Date.now() < deadline) {
        text = (await locator.first().innerText()).trim();
        if (re.test(text)) return text;
        await page.waitForTimeout(150);
      }
      throw new Error(`${what}: expected ${re}, found "${text.slice(0, 200)}"`);
    };
    const login = async (loginName) => {
      await page.goto(`${baseUrl}#/login`);
      await page.fill('input[name=login]', loginName);
      await page.fill('input[name=password]', kPassword);
      await page.click('form button[type=submit]');
      await expectText(page.locator('[data-testid=current-user]'), /\S/, 'the header shows the user');
    };

    const month = reportingMonth();
    const entryUrl = (unit) => `${baseUrl}#/entry/${unit}/monthly/${month}`;
    console.log(`reporting month: ${month}`);

    await step('overview opens without login, in Vietnamese', async () => {
      await page.goto(baseUrl);
      await expectText(page.locator('main h1'), /Tổng quan/, 'overview title');
      await page.locator('.indicator-card, .alert.info').first().waitFor();
      await snap('overview-anonymous');
    });

    await step('wrong password shows the server message', async () => {
      await page.goto(`${baseUrl}#/login`);
      await page.fill('input[name=login]', 'na.officer');
      await page.fill('input[name=password]', 'sai-mat-khau');
      await page.click('form button[type=submit]');
      await expectText(page.locator('[data-testid=login-error]'), /\S{3,}/, 'login error');
      await snap('login-wrong-password');
    });

    await step("Nghệ An's officer logs in", async () => {
      await login('na.officer');
      await snap('officer-logged-in');
    });

    await step('the monthly entry grid opens', async () => {
      await page.goto(entryUrl('nghe-an'));
      await page.locator('[data-testid=entry-grid]').waitFor();
      await page.locator('#cell-retail_sales').waitFor();
      await snap('entry-empty');
    });

    await step('a wrong figure shows an inline error as one types', async () => {
      await page.fill('#cell-retail_sales', 'abc');
      await page.locator('tr[data-indicator=retail_sales] [data-testid=msg-error]').waitFor();
      await page.fill('#cell-exports', '-512,3');
      await page.locator('tr[data-indicator=exports] [data-testid=msg-error]').waitFor();
      const submit = page.locator('[data-testid=submit]');
      if (await submit.count() && !(await submit.isDisabled())) throw new Error('Submit stays enabled while there are errors');
      await snap('entry-inline-errors');
    });

    await step('Enter moves to the next row, as in a spreadsheet', async () => {
      await page.focus('#cell-retail_sales');
      await page.keyboard.press('Enter');
      const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
      if (id !== 'cell-retail_sales_yoy') throw new Error(`focus went to ${id}`);
    });

    await step('fixing the figures clears the errors; save keeps a draft', async () => {
      await page.fill('#cell-retail_sales', '8.123,4');
      await page.fill('#cell-exports', '512,3');
      await page.waitForFunction(() => !document.querySelector('[data-testid=msg-error]'));
      await page.click('[data-testid=save]');
      await expectText(page.locator('[data-testid=submission-status]'), /Nháp/, 'status after saving');
      const v = await page.inputValue('#cell-retail_sales');
      if (!/8\.?123,4/.test(v)) throw new Error(`saved value reads "${v}"`);
      await snap('entry-saved-draft');
    });

    await step('Excel round trip: the pre-filled form downloads and uploads back with a preview', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=excel-download]'),
      ]);
      const file = path.join(artifacts, 'bieu-nghe-an.xlsx');
      await download.saveAs(file);
      if (fs.readFileSync(file).subarray(0, 2).toString('latin1') !== 'PK') throw new Error('the form is not an .xlsx file');
      await page.locator('[data-testid=excel-file]').setInputFiles(file);
      await page.locator('[data-testid=upload-preview]').waitFor();
      await snap('entry-excel-preview');
      await page.click('[data-testid=upload-preview] button.secondary'); // cancel: nothing written
    });

    await step('submit', async () => {
      const accept = page.locator('[data-testid=accept-warnings]');
      if (await accept.count()) await accept.check();
      await page.click('[data-testid=submit]');
      await expectText(page.locator('[data-testid=submission-status]'), /Đã nộp/, 'status after submitting');
      await snap('entry-submitted');
    });

    await step("Hà Tĩnh's report is refused to Nghệ An's officer", async () => {
      await page.goto(entryUrl('ha-tinh'));
      const refused = page.locator('[data-testid=page-error]');
      const grid = page.locator('[data-testid=entry-grid]');
      await Promise.race([refused.waitFor(), grid.waitFor()]);
      if (await refused.count()) {
        await expectText(refused, /\S{5,}/, 'refusal message');
      } else {
        // Shown read-only: no editable figure, and a write through the API is refused.
        const editable = await page.locator('[data-testid=entry-grid] input.num-input:not([readonly])').count();
        if (editable) throw new Error("Hà Tĩnh's figures are editable by Nghệ An's officer");
        throw new Error("Hà Tĩnh's report opened (read-only) instead of being refused");
      }
      await snap('entry-other-province-refused');
    });

    await step('log out', async () => {
      await page.goto(`${baseUrl}#/overview`);
      await page.click('[data-testid=logout]');
      await page.locator('input[name=login]').waitFor();
    });

    await step('the coordinator logs in', async () => {
      await login('mb.coordinator');
    });

    await step('completeness: Nghệ An submitted, others missing and late', async () => {
      await page.goto(`${baseUrl}#/completeness?form=monthly&period=${month}&region=mien-bac-28`);
      await expectText(page.locator('[data-testid=status-nghe-an]'), /Đã nộp/, "Nghệ An's status");
      await expectText(page.locator('[data-testid=status-ha-tinh]'), /Chưa nộp/, "Hà Tĩnh's status");
      // The month's report is due on the 20th of the following month (this month): before
      // then nobody is late, after it everyone who has not delivered is. (The 20th and 21st are
      // left alone: the server counts in UTC, this script in local time.)
      const lateRows = await page.locator('[data-testid=completeness-table] tr.late-row').count();
      const day = new Date().getUTCDate();
      if (day > 21 && lateRows < 1) throw new Error('no late province highlighted after the due date');
      if (day < 20 && lateRows > 0) throw new Error(`${lateRows} provinces marked late before the due date`);
      await snap('completeness');
    });

    await step('reminders: texts to copy when the server has no SMTP', async () => {
      await page.click('[data-testid=remind]');
      await page.locator('.remind-box .alert, .remind-box .card').first().waitFor();
      await snap('completeness-reminders');
    });

    await step('the coordinator approves Nghệ An', async () => {
      await page.goto(entryUrl('nghe-an'));
      await page.click('[data-testid=approve]');
      await expectText(page.locator('[data-testid=submission-status]'), /Đã duyệt/, 'status after approval');
      await page.locator('[data-testid=locked]').waitFor();
      await expectText(page.locator('[data-testid=history]'), /nộp[\s\S]*duyệt/, 'the workflow history');
      const editable = await page.locator('[data-testid=entry-grid] input.num-input:not([readonly])').count();
      if (editable) throw new Error('an approved report is still editable');
      await snap('entry-approved');
    });

    await step("the overview of the month shows Nghệ An's figure", async () => {
      await page.goto(`${baseUrl}#/overview?region=mien-bac-28&period=${month}&dataset=observed&ind=retail_sales`);
      await expectText(page.locator('[data-testid=value-nghe-an]'), /8\.123,4/, "Nghệ An's retail sales in the ranking");
      await page.locator('.chart.map canvas').waitFor(); // ECharts loaded from the server and drew the map
      await page.locator('.chart.ranking canvas').waitFor();
      await page.waitForTimeout(800); // let the map and charts draw before the screenshot
      await snap('overview-month');
    });

    for (const format of ['xlsx', 'docx']) {
      await step(`the ${format.toUpperCase()} report downloads`, async () => {
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 60000 }),
          page.click(`[data-testid=report-${format}]`),
        ]);
        const file = path.join(artifacts, `report.${format}`);
        await download.saveAs(file);
        const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
        if (head !== 'PK') throw new Error(`the ${format} file starts with "${head}", not "PK"`);
      });
    }

    await step('English switch', async () => {
      await page.click('button.lang');
      await expectText(page.locator('main h1'), /Regional overview/, 'English title');
      await expectText(page.locator('[data-testid=value-nghe-an]'), /8,123\.4/, 'the figure in English format');
      await page.waitForTimeout(800);
      await snap('overview-english');
      await page.click('button.lang');
      await expectText(page.locator('main h1'), /Tổng quan/, 'back to Vietnamese');
    });

    await step('phone layout (390×844): overview and the entry grid as cards', async () => {
      const phone = await context.newPage();
      phone.on('pageerror', (e) => pageErrors.push(e.message));
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${baseUrl}#/overview?region=mien-bac-28&period=${month}&dataset=observed&ind=retail_sales`);
      await phone.locator('[data-testid=value-nghe-an]').waitFor();
      await phone.waitForTimeout(800);
      await phone.screenshot({ path: path.join(artifacts, 'phone-overview.png') });
      await phone.goto(entryUrl('nghe-an'));
      await phone.locator('[data-testid=entry-grid]').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await phone.screenshot({ path: path.join(artifacts, 'phone-entry.png'), fullPage: true });
      await phone.close();
      if (overflow > 2) throw new Error(`the entry page is ${overflow}px wider than the phone`);
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
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`browser: ${tally.passed} passed, ${tally.failed} failed`);
  if (tally.failed) {
    for (const f of tally.failures) console.log(`  - ${f}`);
    process.exit(1);
  }
}

main();
