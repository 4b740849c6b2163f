// The single page: header, hash routes and the page modules. Every page is a function
// render(main, params) that fills <main>; it may return a cleanup function called when the page
// is left (charts, timers).
//
// Routes: #/overview  #/login  #/entry  #/entry/<unit>/<form>/<period>  #/submissions
//         #/completeness  #/province/<unit>  #/users  #/audit/<unit>/<indicator>/<period>
//         Liên kết cung – cầu: #/linkage  #/linkage/listing/<id>  #/linkage/mine  #/linkage/new
//         #/linkage/edit/<id>  #/linkage/moderation  #/linkage/alerts  #/linkage/import
//         Xúc tiến thương mại: #/events  #/events/<id>
//         Luồng hàng hai chiều: #/flows?period=&basis=&measure=&group=&region=&dataset=

import { h, replace } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import * as api from './api.js';
import * as catalog from './catalog.js';
import { todayIso } from './periods.js';
import { renderLogin } from './pages/login.js';
import { renderOverview } from './pages/overview.js';
import { renderEntry, renderEntryChooser } from './pages/entry.js';
import { renderSubmissions } from './pages/submissions.js';
import { renderCompleteness } from './pages/completeness.js';
import { renderProvince } from './pages/province.js';
import { renderUsers } from './pages/users.js';
import { renderAudit } from './pages/audit.js';
import { renderLinkageMarket } from './pages/linkage-market.js';
import { renderLinkageListing } from './pages/linkage-listing.js';
import { renderLinkageMine, renderLinkageListingForm } from './pages/linkage-mine.js';
import { renderLinkageModeration } from './pages/linkage-moderation.js';
import { renderLinkageAlerts } from './pages/linkage-alerts.js';
import { renderLinkageImport } from './pages/linkage-import.js';
import { renderCooperationList, renderCooperationAgreement, renderCooperationOverdue, renderCooperationRequests } from './pages/cooperation.js';
import { renderEvents, renderEvent } from './pages/events.js';
import { renderFlows } from './pages/flows.js';

const routes = [
  { re: /^\/?$/, page: renderOverview, nav: 'overview' },
  { re: /^\/overview$/, page: renderOverview, nav: 'overview' },
  { re: /^\/login$/, page: renderLogin, nav: 'login' },
  { re: /^\/entry$/, page: renderEntryChooser, nav: 'entry', auth: true },
  { re: /^\/entry\/([^/]+)\/([^/]+)\/([^/]+)$/, page: renderEntry, nav: 'entry', auth: true,
    params: ['unit', 'form', 'period'] },
  { re: /^\/submissions$/, page: renderSubmissions, nav: 'submissions', auth: true },
  { re: /^\/completeness$/, page: renderCompleteness, nav: 'completeness', auth: true },
  { re: /^\/province\/([^/]+)$/, page: renderProvince, nav: 'overview', params: ['unit'] },
  { re: /^\/users$/, page: renderUsers, nav: 'users', auth: true },
  { re: /^\/audit\/([^/]+)\/([^/]+)\/([^/]+)$/, page: renderAudit, nav: 'entry', auth: true,
    params: ['unit', 'indicator', 'period'] },
  { re: /^\/linkage$/, page: renderLinkageMarket, nav: 'linkage' },
  { re: /^\/linkage\/listing\/([^/]+)$/, page: renderLinkageListing, nav: 'linkage', params: ['id'] },
  { re: /^\/linkage\/mine$/, page: renderLinkageMine, nav: 'linkage-mine', auth: true },
  { re: /^\/linkage\/new$/, page: renderLinkageListingForm, nav: 'linkage-mine', auth: true },
  { re: /^\/linkage\/edit\/([^/]+)$/, page: renderLinkageListingForm, nav: 'linkage-mine', auth: true, params: ['id'] },
  { re: /^\/linkage\/moderation$/, page: renderLinkageModeration, nav: 'linkage-moderation', auth: true },
  { re: /^\/linkage\/alerts$/, page: renderLinkageAlerts, nav: 'linkage-alerts', auth: true },
  { re: /^\/linkage\/import$/, page: renderLinkageImport, nav: 'linkage-mine', auth: true },
  { re: /^\/cooperation$/, page: renderCooperationList, nav: 'cooperation', auth: true },
  { re: /^\/cooperation\/agreement\/([^/]+)$/, page: renderCooperationAgreement, nav: 'cooperation', auth: true, params: ['id'] },
  { re: /^\/cooperation\/overdue$/, page: renderCooperationOverdue, nav: 'cooperation', auth: true },
  { re: /^\/cooperation\/requests$/, page: renderCooperationRequests, nav: 'cooperation-requests', auth: true },
  { re: /^\/cooperation\/requests\/([^/]+)$/, page: renderCooperationRequests, nav: 'cooperation-requests', auth: true, params: ['id'] },
  { re: /^\/events$/, page: renderEvents, nav: 'events' },
  { re: /^\/events\/([^/]+)$/, page: renderEvent, nav: 'events', params: ['id'] },
  { re: /^\/flows$/, page: renderFlows, nav: 'flows', auth: true },
];

let cleanup = null;
let places = null; // key -> {name_vi, name_en} of units and regions, for the header
let currentNav = '';
let alertCount = 0; // unseen linkage alerts of the logged-in user, shown in the menu

// Asks the server how many linkage alerts are unseen and redraws the header when it changed.
export async function refreshAlertCount() {
  let n = 0;
  if (api.user()) {
    try {
      const body = await api.get('/api/linkage/alerts');
      n = body.unseen ?? (body.alerts || []).filter((a) => !a.seen).length;
    } catch {
      n = 0;
    }
  }
  if (n !== alertCount) {
    alertCount = n;
    renderHeader();
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '');
  const [path, queryString] = raw.split('?');
  const query = Object.fromEntries(new URLSearchParams(queryString || ''));
  return { path: path || '/', query };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

export function toast(text, kind = 'info') {
  const el = document.getElementById('toast');
  replace(el, text);
  el.className = `toast show ${kind}`;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    el.className = 'toast';
  }, 5000);
}

function navItems(user) {
  const items = [{ key: 'overview', href: '#/overview', label: t('nav_overview') }];
  if (user) {
    if (user.role !== 'enterprise') {
      items.push({ key: 'entry', href: '#/entry', label: t('nav_entry') });
      items.push({ key: 'submissions', href: '#/submissions', label: t('nav_submissions') });
    }
    if (user.role === 'coordinator' || user.role === 'admin' || user.role === 'approver') {
      items.push({ key: 'completeness', href: '#/completeness', label: t('nav_completeness') });
    }
    if (user.role === 'admin') items.push({ key: 'users', href: '#/users', label: t('nav_users') });
  }
  // Cooperation between provinces is the Departments' and coordinators' business, not businesses'.
  if (user && user.role !== 'enterprise') {
    items.push({ key: 'cooperation', href: '#/cooperation', label: t('nav_cooperation') });
    items.push({ key: 'cooperation-requests', href: '#/cooperation/requests', label: t('nav_requests') });
  }
  items.push({ key: 'linkage', href: '#/linkage', label: t('nav_linkage') });
  items.push({ key: 'events', href: '#/events', label: t('nav_events') });
  if (user) items.push({ key: 'flows', href: '#/flows', label: t('nav_flows') });
  if (user && user.role === 'enterprise') items.push({ key: 'linkage-mine', href: '#/linkage/mine', label: t('nav_linkage_mine') });
  if (user && (user.role === 'officer' || user.role === 'approver' || user.role === 'admin')) {
    items.push({ key: 'linkage-moderation', href: '#/linkage/moderation', label: t('nav_linkage_moderation') });
  }
  // Alerts come from saved searches, which businesses keep; others see the entry when there is news.
  if (user && (user.role === 'enterprise' || alertCount > 0 || currentNav === 'linkage-alerts')) {
    items.push({ key: 'linkage-alerts', href: '#/linkage/alerts', label: t('nav_linkage_alerts'), count: alertCount,
      countLabel: t('nav_linkage_alerts_count', { n: alertCount }) });
  }
  return items;
}

function renderHeader() {
  const user = api.user();
  const header = document.getElementById('header');
  const nav = h(
    'nav',
    { 'aria-label': t('app_name'), class: 'main-nav' },
    h('ul', null, navItems(user).map((it) => h('li', null, h('a', {
      href: it.href,
      'aria-current': it.key === currentNav ? 'page' : null,
      'aria-label': it.count ? it.countLabel : null,
    }, it.label, it.count ? h('span', { class: 'nav-count', 'data-testid': 'alert-count' }, String(it.count)) : null)))),
  );
  const langButton = h('button', {
    type: 'button',
    class: 'link-button lang',
    lang: getLang() === 'vi' ? 'en' : 'vi',
    'aria-label': t('lang_switch_label'),
    onclick: () => {
      setLang(getLang() === 'vi' ? 'en' : 'vi');
      document.title = t('app_name');
      renderHeader();
      route();
    },
  }, t('lang_switch'));
  let userBox;
  if (user) {
    const key = user.unit || user.region || '';
    const p = places && places.get(key);
    const place = p ? (getLang() === 'en' ? p.name_en || p.name_vi : p.name_vi) : key;
    userBox = h('div', { class: 'user-box' },
      h('span', { class: 'user-name', 'data-testid': 'current-user' }, user.display_name || user.login),
      h('span', { class: 'user-role' }, t(`role_${user.role}`) + (place ? ` · ${place}` : '')),
      h('button', {
        type: 'button',
        class: 'link-button',
        'data-testid': 'logout',
        onclick: async () => {
          await api.logout().catch(() => {});
          navigate('#/login');
        },
      }, t('logout')));
  } else {
    userBox = h('div', { class: 'user-box' }, h('a', { href: '#/login', class: 'button small' }, t('nav_login')));
  }
  replace(header,
    h('div', { class: 'brand' },
      h('a', { href: '#/overview', class: 'brand-link' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'LK'),
        h('span', null, h('strong', null, t('app_name')), h('small', null, t('app_sub'))))),
    nav,
    h('div', { class: 'header-tools' }, langButton, userBox));
}

// Each route renders into a container of its own inside <main>: a page still loading when the
// next route starts (a slow overview after the login's redirect) then finishes into a detached
// container instead of replacing the newer page.
let routeSeq = 0;

async function route() {
  const seq = ++routeSeq;
  const { path, query } = parseHash();
  const match = routes.find((r) => r.re.test(path));
  const main = h('div', { class: 'view' });
  replace(document.getElementById('main'), main);
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // A page's cleanup must never block the next page.
    }
    cleanup = null;
  }
  if (!match) {
    currentNav = '';
    renderHeader();
    replace(main, h('h1', null, t('not_found_page')), h('p', null, h('a', { href: '#/overview' }, t('back_overview'))));
    return;
  }
  currentNav = match.nav;
  renderHeader();
  document.getElementById('toast').className = 'toast';
  const m = match.re.exec(path);
  const params = { ...query };
  (match.params || []).forEach((name, i) => {
    params[name] = decodeURIComponent(m[i + 1]);
  });
  if (match.auth && !api.user()) {
    const back = location.hash;
    navigate(`#/login?next=${encodeURIComponent(back)}`);
    return;
  }
  replace(main, h('p', { class: 'loading' }, t('loading')));
  try {
    const result = await match.page(main, params);
    if (typeof result === 'function') {
      // A page overtaken by the next route cleans up at once.
      if (seq === routeSeq) cleanup = result;
      else result();
    }
  } catch (err) {
    showError(main, err);
  }
  if (seq === routeSeq) window.scrollTo(0, 0);
}

export function showError(container, err, { title } = {}) {
  const msg = err && (err.message_vi || err.message_en) ? (getLang() === 'en' ? err.message_en || err.message_vi : err.message_vi || err.message_en) : String(err && err.message ? err.message : err);
  replace(container, h('div', { class: 'alert error', role: 'alert', 'data-testid': 'page-error' },
    h('h1', null, title || t('error_title')),
    h('p', null, msg),
    err && err.request_id ? h('p', { class: 'muted' }, `request_id: ${err.request_id}`) : null,
    h('p', null, h('a', { href: '#/overview' }, t('back_overview')))));
}

async function start() {
  setLang(getLang());
  document.title = t('app_name');
  const skip = document.querySelector('.skip');
  skip.textContent = t('skip');
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main').focus();
  });
  try {
    await api.loadMe();
  } catch {
    // The overview works without a session; pages that need one send the reader to the login.
  }
  api.onUserChange(() => {
    renderHeader();
    refreshAlertCount();
  });
  Promise.all([catalog.units(todayIso()), catalog.regions()]).then(([units, regions]) => {
    places = new Map([...units.list.map((u) => [u.key, u]), ...regions.list.map((r) => [r.key, r])]);
    renderHeader();
  }).catch(() => {});
  window.addEventListener('hashchange', route);
  route();
  refreshAlertCount();
  setInterval(refreshAlertCount, 120000);
}

start();
