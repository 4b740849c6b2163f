// Browser scenario of the linkage pages (Liên kết cung – cầu) in Debian's Chromium, as run.mjs:
//
//   node tests/browser/linkage.mjs /path/to/lienket     (or LIENKET_BIN=..., or LIENKET_URL=...)
//
// A fresh database in a temporary folder (init + demo load), five users made with `lienket user
// add`, `lienket serve` on a free port. An OCOP producer of Bắc Giang (an enterprise account)
// registers its cooperative, adds its lychee, posts an offer and submits it; Bắc Giang's officer
// approves it; a supermarket buyer of Thanh Hóa posts a request, Thanh Hóa's officer approves it,
// and the request's page shows the Bắc Giang offer among its matches with the score and the
// reasons; anonymous readers find the offer in the market by typing without tone marks. Then the
// English switch and the phone layout. Any request to another host, or a script error, fails.
// Screenshots go to $LIENKET_ARTIFACTS (default tests/browser/artifacts/), named linkage-*.png.

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
  { login: 'bg.htx', name: 'HTX Vải thiều Lục Ngạn (thử)', role: 'enterprise' },
  { login: 'bg.officer', name: 'Cán bộ Sở Công Thương Bắc Giang', role: 'officer', unit: 'bac-giang' },
  { login: 'th.buyer', name: 'Siêu thị Thanh Hóa (thử)', role: 'enterprise' },
  { login: 'th.officer', name: 'Cán bộ Sở Công Thương Thanh Hóa', role: 'officer', unit: 'thanh-hoa' },
];

// A valid tax code (mã số thuế): nine digits and the check digit of the official weights.
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
// The same with a wrong check digit.
function wrongTaxCode(good) {
  return good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
}

// The next lychee season (May–July) that has not started yet.
function season() {
  const now = new Date();
  const y = now.getMonth() >= 4 ? now.getFullYear() + 1 : now.getFullYear();
  return { y, offerFrom: `${y}-05-15`, offerTo: `${y}-07-31`, requestFrom: `${y}-06-01`, requestTo: `${y}-07-15` };
}

const tally = createTally();

async function main() {
  if (!externalUrl && !bin) {
    console.error('usage: node tests/browser/linkage.mjs /path/to/lienket   (or LIENKET_BIN=..., or LIENKET_URL=...)');
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath} (apt-get install chromium)`);
    process.exit(2);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) {
    if (/^linkage-.*\.png$/.test(f)) fs.rmSync(path.join(artifacts, f));
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lienket-linkage-'));
  let fresh = null;
  let server = null;
  let browser = null;
  try {
    let baseUrl = externalUrl;
    if (!externalUrl) {
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
      baseUrl = server.url;
      console.log(`server: ${baseUrl} (database ${db})`);
    }
    const origin = new URL(baseUrl).origin;

    const probe = await fetch(new URL('/api/linkage/listings', baseUrl));
    if (probe.status !== 200) {
      throw new Error(`GET /api/linkage/listings answers ${probe.status}: the server's linkage API is missing or broken`);
    }

    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
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
      // 400 and 409 are the server refusing a wrong tax code or a step out of order, as tested.
      if (m.type() === 'error' && !/status of (400|401|403|404|409)/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => d.accept());
    page.setDefaultTimeout(15000);

    let shot = 0;
    const snap = async (name, p = page) => {
      shot += 1;
      await p.screenshot({ path: path.join(artifacts, `linkage-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
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
        // The logout redraws the login page: wait for it, then start from a fresh load.
        await page.locator('[data-testid=logout]').waitFor({ state: 'detached' });
        await page.reload();
        await page.locator('input[name=login]').waitFor();
      }
      await page.fill('input[name=login]', loginName);
      await page.fill('input[name=password]', kPassword);
      await page.click('form button[type=submit]');
      await expectText(page.locator('[data-testid=current-user]'), /\S/, 'the header shows the user');
    };
    const logout = async () => {
      await page.goto(`${baseUrl}#/linkage`);
      const b = page.locator('[data-testid=logout]');
      if (await b.count()) {
        await b.click();
        await page.locator('input[name=login]').waitFor();
      }
    };
    const listingIdFromUrl = () => {
      const m = /#\/linkage\/listing\/([^/?]+)/.exec(page.url());
      if (!m) throw new Error(`not on a listing page: ${page.url()}`);
      return decodeURIComponent(m[1]);
    };
    // Registers the account's organisation when it has none yet.
    const registerOrganisation = async ({ name, unit, prefix, tryWrong, registeredOn }) => {
      await page.goto(`${baseUrl}#/linkage/mine`);
      await page.locator('[data-testid=org-form], [data-testid=my-org]').first().waitFor();
      if (await page.locator('[data-testid=my-org]').count()) return;
      const good = taxCode(prefix);
      await page.fill('[data-testid=org-name]', name);
      // Registered before the 2025 merger, in the province of its certificate.
      if (registeredOn) await page.fill('[data-testid=org-registered-on]', registeredOn);
      await page.selectOption('[data-testid=org-unit]', unit);
      if (tryWrong) {
        await page.fill('[data-testid=org-tax-code]', wrongTaxCode(good));
        await page.click('[data-testid=org-save]');
        // The server's reason, beside the tax code field (or above the form).
        const inline = page.locator('[data-testid=org-form] [data-testid=org-tax-code] ~ .field-error');
        await page.waitForFunction(() => {
          const f = document.querySelector('[data-testid=org-tax-code]');
          return f && f.getAttribute('aria-invalid') === 'true'
            || document.querySelector('[data-testid=org-message] .alert');
        });
        const text = (await inline.count()) ? await inline.innerText() : await page.locator('[data-testid=org-message]').innerText();
        if (!/\S{3,}/.test(text)) throw new Error('no message about the wrong tax code');
        console.log(`      the server says: ${text.trim()}`);
        await snap('org-wrong-tax-code');
      }
      await page.fill('[data-testid=org-tax-code]', good);
      await page.click('[data-testid=org-save]');
      await page.locator('[data-testid=my-org]').waitFor();
    };

    const s = season();
    let offerId = null;
    let requestId = null;
    const offerTitle = `Vải thiều Lục Ngạn loại 1 – vụ ${s.y}`;

    await step('the market opens without login, in Vietnamese', async () => {
      await page.goto(`${baseUrl}#/linkage`);
      await expectText(page.locator('main h1'), /Chợ cung – cầu/, 'market title');
      await page.locator('[data-testid=market-count]').waitFor();
      await expectText(page.locator('[data-testid=market-count]'), /\d/, 'result count');
      await snap('market-anonymous');
    });

    await step("Bắc Giang's producer registers its cooperative (a wrong tax code is refused inline)", async () => {
      await login('bg.htx');
      await registerOrganisation({ name: 'HTX Vải thiều Lục Ngạn Thử Nghiệm', unit: 'bac-giang', prefix: '24', tryWrong: true, registeredOn: '2019-04-10' });
      await snap('mine-registered');
    });

    await step('adds its lychee as a product', async () => {
      await page.click('[data-testid=add-product]');
      await page.fill('[data-testid=product-name]', 'Vải thiều Lục Ngạn');
      await page.fill('[data-testid=product-months]', '5-7');
      await page.click('[data-testid=product-form] button[type=submit]');
      await expectText(page.locator('[data-testid=products-table]'), /Vải thiều Lục Ngạn/, 'the product list');
    });

    await step('posts a lychee offer and submits it for review', async () => {
      await page.goto(`${baseUrl}#/linkage/new`);
      await page.locator('[data-testid=listing-form]').waitFor();
      await page.check('[data-testid=kind-offer]');
      await page.fill('[data-testid=listing-title-input]', offerTitle);
      await page.fill('[data-testid=listing-description]', 'Vải thiều tươi đạt VietGAP, có mã vùng trồng, thu hái trong ngày.');
      await page.fill('[data-testid=listing-quantity]', '200');
      await page.selectOption('[data-testid=listing-unit]', 'tấn');
      await page.fill('[data-testid=listing-min-order]', '5');
      await page.fill('[data-testid=listing-from]', s.offerFrom);
      await page.fill('[data-testid=listing-to]', s.offerTo);
      await snap('offer-form');
      await page.click('[data-testid=listing-save-submit]');
      await page.waitForURL(/#\/linkage\/listing\//);
      offerId = listingIdFromUrl();
      await expectText(page.locator('[data-testid=listing-state]'), /Chờ duyệt/, 'state after submitting');
      await snap('offer-submitted');
    });

    await step("the offer waits in the owner's list", async () => {
      await page.goto(`${baseUrl}#/linkage/mine`);
      await expectText(page.locator(`[data-testid=my-listings] [data-listing="${offerId}"]`), /Chờ duyệt/, 'state badge in My business');
      await snap('mine-listings');
    });

    await step("Bắc Giang's officer approves it", async () => {
      await login('bg.officer');
      await page.goto(`${baseUrl}#/linkage/moderation`);
      const card = page.locator(`[data-testid=pending-listings] [data-listing="${offerId}"]`);
      await card.waitFor();
      await snap('moderation-pending');
      // Reject needs a reason: an empty one is refused by the page.
      await card.locator('[data-testid=listing-reject]').click();
      await card.locator('[data-testid=reject-form] button[type=submit]').click();
      await expectText(card.locator('[data-testid=reject-form] .field-error'), /\S/, 'reason required');
      await card.locator('[data-testid=reject-form] button.secondary').click();
      await card.locator('[data-testid=listing-approve]').click();
      await card.waitFor({ state: 'detached' });
      const verify = page.locator('[data-testid=unverified-orgs] tr', { hasText: 'HTX Vải thiều Lục Ngạn Thử Nghiệm' }).locator('[data-testid=verify-org]');
      if (await verify.count()) {
        await verify.click();
        await page.locator('[data-testid=unverified-orgs] tr', { hasText: 'HTX Vải thiều Lục Ngạn Thử Nghiệm' }).waitFor({ state: 'detached' });
      }
      await snap('moderation-approved');
    });

    await step("Thanh Hóa's buyer posts a lychee request", async () => {
      await login('th.buyer');
      await registerOrganisation({ name: 'Siêu thị Thanh Hóa Thử Nghiệm', unit: 'thanh-hoa', prefix: '28', registeredOn: '2021-09-01' });
      await page.goto(`${baseUrl}#/linkage/new?kind=request`);
      await page.locator('[data-testid=listing-form]').waitFor();
      await page.check('[data-testid=kind-request]');
      await page.fill('[data-testid=listing-title-input]', 'Cần mua vải thiều tươi cho chuỗi siêu thị');
      await page.fill('[data-testid=listing-description]', 'Cần 50 tấn vải thiều tươi loại 1, giao tại Thanh Hóa.');
      await page.fill('[data-testid=listing-quantity]', '50');
      await page.selectOption('[data-testid=listing-unit]', 'tấn');
      await page.fill('[data-testid=listing-from]', s.requestFrom);
      await page.fill('[data-testid=listing-to]', s.requestTo);
      await page.selectOption('[data-testid=listing-delivery]', ['thanh-hoa']);
      await page.click('[data-testid=listing-save-submit]');
      await page.waitForURL(/#\/linkage\/listing\//);
      requestId = listingIdFromUrl();
      await expectText(page.locator('[data-testid=listing-state]'), /Chờ duyệt/, 'state after submitting');
    });

    await step("Thanh Hóa's officer approves the request", async () => {
      await login('th.officer');
      await page.goto(`${baseUrl}#/linkage/moderation`);
      const card = page.locator(`[data-testid=pending-listings] [data-listing="${requestId}"]`);
      await card.locator('[data-testid=listing-approve]').click();
      await card.waitFor({ state: 'detached' });
    });

    await step("the request's matches show the Bắc Giang offer with its score and reasons", async () => {
      await login('th.buyer');
      await page.goto(`${baseUrl}#/linkage/listing/${encodeURIComponent(requestId)}`);
      await page.locator('[data-testid=matches]').waitFor();
      const match = page.locator(`[data-testid=match][data-listing="${offerId}"]`);
      await match.waitFor();
      await expectText(match, /Bắc Giang/, 'the province of the offer');
      await expectText(match.locator('[data-testid=match-score]'), /\d/, 'the score');
      const reasons = await match.locator('[data-testid=match-reasons] li').allInnerTexts();
      if (!reasons.length) throw new Error('no reason shown');
      console.log(`      reasons: ${reasons.join(' | ')}`);
      if (await match.locator('svg.lk-bar rect[class^="lk-part-"]').count() < 1) throw new Error('the score bar has no part');
      await snap('request-matches');
    });

    await step('the buyer saves the search', async () => {
      await page.click('[data-testid=save-search]');
      await expectText(page.locator('[data-testid=save-search]'), /Đã lưu/, 'save button');
      await page.goto(`${baseUrl}#/linkage/alerts`);
      await page.locator('[data-testid=saved-searches]').waitFor();
      await snap('alerts');
    });

    await step('English switch on the matches', async () => {
      await page.goto(`${baseUrl}#/linkage/listing/${encodeURIComponent(requestId)}`);
      await page.locator('[data-testid=matches]').waitFor();
      await page.click('button.lang');
      await expectText(page.locator('.lk-match-section h2'), /Best matching suppliers/, 'English heading');
      await snap('request-matches-english');
      await page.click('button.lang');
      await expectText(page.locator('.lk-match-section h2'), /Nguồn cung/, 'back to Vietnamese');
    });

    await step('anonymous readers find the offer typing without tone marks', async () => {
      await logout();
      await page.goto(`${baseUrl}#/linkage?q=${encodeURIComponent('vai thieu luc ngan')}&kind=offer`);
      const card = page.locator(`[data-testid=listing-card][data-listing="${offerId}"]`);
      await card.waitFor();
      await expectText(card, /Bắc Giang/, 'province on the card');
      await expectText(card, /tháng 5–7/, 'season on the card');
      await snap('market-search');
    });

    await step('anonymous readers filter by province', async () => {
      await page.goto(`${baseUrl}#/linkage`);
      await page.locator('[data-testid=market-count]').waitFor();
      await page.selectOption('[data-testid=market-unit]', 'bac-giang');
      await page.waitForURL(/unit=bac-giang/);
      await page.locator(`[data-testid=listing-card][data-listing="${offerId}"]`).waitFor();
      const others = await page.locator('[data-testid=listing-card]').evaluateAll((cards) => cards.filter((c) => !/Bắc Giang/.test(c.innerText)).length);
      if (others) throw new Error(`${others} cards of other provinces under the Bắc Giang filter`);
    });

    await step('phone layout (390×844): market and matches as one column', async () => {
      const phone = await context.newPage();
      phone.on('pageerror', (e) => pageErrors.push(e.message));
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${baseUrl}#/linkage?q=${encodeURIComponent('vải thiều')}`);
      await phone.locator('[data-testid=listing-card]').first().waitFor();
      let overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await phone.screenshot({ path: path.join(artifacts, 'linkage-phone-market.png'), fullPage: true });
      if (overflow > 2) throw new Error(`the market is ${overflow}px wider than the phone`);
      await phone.goto(`${baseUrl}#/linkage/listing/${encodeURIComponent(requestId)}`);
      await phone.locator('[data-testid=matches]').waitFor();
      overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await phone.screenshot({ path: path.join(artifacts, 'linkage-phone-matches.png'), fullPage: true });
      await phone.close();
      if (overflow > 2) throw new Error(`the matches page is ${overflow}px wider than the phone`);
    });

    await step('keyboard: the market search works with the keyboard alone', async () => {
      await page.goto(`${baseUrl}#/linkage`);
      await page.locator('[data-testid=market-q]').focus();
      await page.keyboard.type('vải thiều');
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=/);
      await page.locator(`[data-testid=listing-card][data-listing="${offerId}"]`).waitFor();
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
    // The server's access log (one JSON line per request) beside the screenshots, and its
    // errors on the console: a 500 names its request id there.
    if (server) {
      fs.writeFileSync(path.join(artifacts, 'linkage-server.log'), server.log());
      for (const line of server.log().split('\n')) {
        if (/"status":5\d\d|"level":"error"/.test(line)) console.log(`  server: ${line}`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`browser (linkage): ${tally.passed} passed, ${tally.failed} failed`);
  if (tally.failed) {
    for (const f of tally.failures) console.log(`  - ${f}`);
    process.exit(1);
  }
}

main();
