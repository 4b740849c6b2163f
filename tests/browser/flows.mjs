// Browser scenario of the two-way flow ledger (Luồng hàng hai chiều) in Debian's Chromium:
//
//   node tests/browser/flows.mjs /path/to/lienket     (or LIENKET_BIN=...)
//
// A fresh database (init + demo load), an OCOP cooperative of Bắc Giang and a supermarket of
// Thanh Hóa registered by their enterprise accounts, and Thanh Hóa's officer. The cooperative's
// account opens #/flows for the first half of 2025 (real data only): no flow yet. It records its
// lychee contract with the supermarket in the form; the matrix then shows 3,60 tỷ đồng from Bắc
// Giang to Thanh Hóa, and the balances follow. The illustrative deals show with their banner and
// the Sankey chart; Thanh Hóa's officer sees the deal and records its overdue 3-month follow-up;
// the English switch; no request to another host, no script error. Screenshots go to
// $LIENKET_ARTIFACTS (default tests/browser/artifacts/), named flows-*.png.

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
  { login: 'bg.htx', name: 'HTX Vải thiều Lục Ngạn (thử)', role: 'enterprise' },
  { login: 'th.buyer', name: 'Siêu thị Thanh Hóa (thử)', role: 'enterprise' },
  { login: 'th.officer', name: 'Cán bộ Sở Công Thương Thanh Hóa', role: 'officer', unit: 'thanh-hoa' },
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

// Logs in through the API (as the front end does); returns post(path, body) for that account.
async function apiAs(baseUrl, login) {
  const res = await fetch(new URL('/api/login', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: kPassword }),
  });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (p, body, expected) => {
    const r = await fetch(new URL(p, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
    if (r.status !== expected) throw new Error(`${login} POST ${p}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

const tally = createTally();

async function main() {
  if (!bin) {
    console.error('usage: node tests/browser/flows.mjs /path/to/lienket   (or LIENKET_BIN=...)');
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath} (apt-get install chromium)`);
    process.exit(2);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) if (/^flows-.*\.png$/.test(f)) fs.rmSync(path.join(artifacts, f));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lienket-flows-'));
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
    // The two organisations, the supermarket verified by its Department so that other accounts
    // find it in the directory.
    await (await apiAs(baseUrl, 'bg.htx'))('/api/linkage/organisations', {
      kind: 'HTX', name: 'HTX Vải thiều Lục Ngạn (thử)', tax_code: taxCode('2402'), unit: 'bac-giang', registered_on: '2019-03-15',
    }, 201);
    const market = await (await apiAs(baseUrl, 'th.buyer'))('/api/linkage/organisations', {
      kind: 'DN', name: 'Siêu thị Thanh Hóa (thử)', tax_code: taxCode('2801'), unit: 'thanh-hoa', registered_on: '2015-01-10',
    }, 201);
    await (await apiAs(baseUrl, 'th.officer'))(`/api/linkage/organisations/${market.organisation.id}/verify`, {}, 200);

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
      await page.screenshot({ path: path.join(artifacts, `flows-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
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
      if (await page.locator('[data-testid=logout]').count()) {
        await page.click('[data-testid=logout]');
        await page.locator('[data-testid=logout]').waitFor({ state: 'detached' });
        await page.reload();
        await page.locator('input[name=login]').waitFor();
      }
      await page.fill('input[name=login]', loginName);
      await page.fill('input[name=password]', kPassword);
      await page.click('form button[type=submit]');
      await expectText(page.locator('[data-testid=current-user]'), /\S/, 'the header shows the user');
    };
    const h1 = `${baseUrl}#/flows?period=2025-H1&basis=contracted&measure=value&region=mien-bac-28&dataset=observed`;

    await step('the cooperative sees no flow yet in H1 2025', async () => {
      await login('bg.htx');
      await page.goto(h1);
      await expectText(page.locator('[data-testid=flows-total]'), /0 thỏa thuận/, 'the summary');
      await page.locator('[data-testid=flow-matrix-empty]').waitFor();
    });

    await step('records its lychee contract with the Thanh Hóa supermarket', async () => {
      await page.click('[data-testid=deal-new] summary');
      await page.selectOption('[data-testid=deal-type]', 'purchase_contract');
      await page.fill('[data-testid=deal-title]', 'Hợp đồng tiêu thụ vải thiều Lục Ngạn 2025');
      await page.fill('[data-testid=deal-date]', '2025-05-20');
      // The account's own cooperative is chosen already; the buyer is found by name.
      const seller = await page.$eval('[data-testid=deal-seller]', (el) => el.options[el.selectedIndex].text);
      if (!/HTX Vải thiều Lục Ngạn/.test(seller)) throw new Error(`the seller chosen is "${seller}"`);
      await page.fill('[data-testid=deal-buyer-q]', 'Siêu thị Thanh Hóa');
      await page.locator('[data-testid=deal-buyer] option', { hasText: 'Siêu thị Thanh Hóa (thử)' }).waitFor({ state: 'attached' });
      const value = await page.locator('[data-testid=deal-buyer] option', { hasText: 'Siêu thị Thanh Hóa (thử)' }).getAttribute('value');
      await page.selectOption('[data-testid=deal-buyer]', value);
      await page.fill('[data-testid=deal-product]', 'Vải thiều Lục Ngạn');
      await page.selectOption('[data-testid=deal-group]', 'food');
      await page.fill('[data-testid=deal-quantity]', '120');
      await page.fill('[data-testid=deal-unit]', 'tấn');
      await page.fill('[data-testid=deal-value]', '3600000000');
      await snap('deal-form');
      await page.click('[data-testid=deal-save]');
      await expectText(page.locator('#toast'), /Đã ghi nhận thỏa thuận số \d+/, 'the confirmation');
    });

    await step('the matrix shows Bắc Giang → Thanh Hóa and the balances', async () => {
      await expectText(page.locator('[data-testid=cell-bac-giang-thanh-hoa]'), /^3,60$/, 'the cell');
      await expectText(page.locator('[data-testid=flows-total]'), /1 thỏa thuận, tổng 3,60 tỷ đồng/, 'the summary');
      await expectText(page.locator('[data-testid=balance-bac-giang]'), /^3,60$/, "Bắc Giang's balance");
      await expectText(page.locator('[data-testid=balance-thanh-hoa]'), /^[−-]3,60$/, "Thanh Hóa's balance");
      await expectText(page.locator('[data-testid=deal-list]'), /Hợp đồng tiêu thụ vải thiều Lục Ngạn 2025/, 'the deal in the list');
      await snap('matrix-after-deal');
    });

    await step('the illustrative deals show with their banner and the Sankey chart', async () => {
      await page.goto(`${baseUrl}#/flows?period=2024&basis=contracted&measure=value&region=mien-bac-28`);
      await page.locator('[data-testid=flows-demo]').waitFor();
      await page.locator('[data-testid=flow-matrix] td.fl-has').first().waitFor();
      await page.locator('[data-testid=flows-chart] svg').waitFor();
      await snap('illustrative-2024');
    });

    await step("Thanh Hóa's officer records the overdue 3-month follow-up", async () => {
      await login('th.officer');
      await page.goto(h1);
      const card = page.locator('[data-testid^=deal-]', { hasText: 'Hợp đồng tiêu thụ vải thiều Lục Ngạn 2025' }).first();
      await card.waitFor();
      await expectText(card, /quá hạn/, 'the 3-month follow-up is overdue');
      await card.locator('input[data-testid^=fu-qty-]').first().fill('50');
      await card.locator('input[data-testid^=fu-value-]').first().fill('1500000000');
      await card.locator('form.fl-fu button').first().click();
      await expectText(page.locator('#toast'), /Đã ghi kết quả theo dõi/, 'the confirmation');
      await expectText(page.locator('[data-testid^=deal-]', { hasText: 'Hợp đồng tiêu thụ vải thiều Lục Ngạn 2025' }).first(), /đã ghi/, 'the follow-up recorded');
      await snap('follow-up');
    });

    await step('the page reads in English', async () => {
      await page.click('header .lang');
      await page.goto(h1);
      await expectText(page.locator('h1'), /Two-way flows of goods between provinces/, 'the English title');
      await expectText(page.locator('[data-testid=cell-bac-giang-thanh-hoa]'), /^3\.60$/, 'the cell in English');
      await snap('english');
      await page.click('header .lang');
    });

    await step('no request to another host', async () => {
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
      fs.writeFileSync(path.join(artifacts, 'flows-server.log'), server.log());
      for (const line of server.log().split('\n')) {
        if (/"status":5\d\d|"level":"error"/.test(line)) console.log(`  server: ${line}`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`browser (flows): ${tally.passed} passed, ${tally.failed} failed`);
  if (tally.failed) {
    for (const f of tally.failures) console.log(`  - ${f}`);
    process.exit(1);
  }
}

main();
