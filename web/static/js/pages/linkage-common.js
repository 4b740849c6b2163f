// What the linkage pages (Liên kết cung – cầu) share: province names over both administrative
// maps, stars, seasons, quantities, state badges, the listing card, the score bar of a match and
// the moderation / owner actions on a listing.
//
// Listings keep the province of their organisation as registered, which may be a unit of the
// 63-province map (Bắc Giang) or of the 34-province one (Bắc Ninh 2025): the lookups below know
// both.

import { h, replace, field } from '../dom.js';
import { t, getLang, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { formatNumber, formatDate } from '../format.js';
import { todayIso } from '../periods.js';
import { toast } from '../app.js';

export const kStates = ['draft', 'pending', 'published', 'rejected', 'expired', 'withdrawn'];
export const kScoreParts = ['text', 'code', 'quantity', 'season', 'distance', 'inter_province'];

// Units of both maps (before and after 1 July 2025), by key, and the province options sorted the
// Vietnamese way.
export async function places() {
  const [before, now] = await Promise.all([catalog.units('2025-06-30'), catalog.units(todayIso())]);
  const byKey = new Map();
  for (const u of [...before.list, ...now.list]) if (u.type !== 'country' && !byKey.has(u.key)) byKey.set(u.key, u);
  const list = [...byKey.values()].sort((a, b) => nameOf(a).localeCompare(nameOf(b), getLang()));
  return { byKey, list };
}

export function placeName(pl, key) {
  if (!key) return '';
  const u = pl && pl.byKey.get(key);
  return u ? nameOf(u) : key;
}

// currentOnly: the provinces of today's map (deliveries happen from now on).
export function provinceOptions(pl, emptyLabel, { currentOnly = false } = {}) {
  const opts = pl.list.filter((u) => !currentOnly || !u.valid_to).map((u) => ({ value: u.key, label: nameOf(u) + (u.valid_to ? ` (${t('lk_before_2025')})` : '') }));
  return emptyLabel ? [{ value: '', label: emptyLabel }, ...opts] : opts;
}

// "★★★★" with the number spoken for screen readers; a lapsed certificate is said so.
export function stars(n, valid = true) {
  const k = Number(n) || 0;
  if (!k) return null;
  return h('span', { class: `stars${valid === false ? ' lapsed' : ''}`, title: t('lk_stars_label', { n: k }) },
    h('span', { 'aria-hidden': 'true' }, '★'.repeat(k)),
    h('span', { class: 'sr-only' }, t('lk_stars_label', { n: k })),
    valid === false ? h('span', { class: 'lapsed-note' }, ` ${t('lk_ocop_lapsed')}`) : null);
}

// [5,6,7] -> "tháng 5–7"; [11,12,1,2] -> "tháng 11–2"; twelve months -> "quanh năm".
// The server writes a season as text ("5-7", "11-2", "1-3, 9-10", "1-12"); arrays are read too.
export function parseMonths(months) {
  if (Array.isArray(months)) return months.map(Number).filter((m) => m >= 1 && m <= 12);
  const out = [];
  for (const part of String(months || '').split(/[,;\s]+/)) {
    const m = /^(\d{1,2})(?:[-–](\d{1,2}))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || a > 12 || b < 1 || b > 12) continue;
    for (let k = a; ; k = k === 12 ? 1 : k + 1) {
      out.push(k);
      if (k === b) break;
    }
  }
  return out;
}

export function monthsText(months) {
  const set = new Set(parseMonths(months));
  if (!set.size) return '';
  if (set.size === 12) return t('lk_all_year');
  // Start each run at a month whose predecessor is missing, so runs may wrap over the new year.
  const runs = [];
  for (let m = 1; m <= 12; m += 1) {
    const prev = m === 1 ? 12 : m - 1;
    if (!set.has(m) || set.has(prev)) continue;
    let end = m;
    while (set.has(end === 12 ? 1 : end + 1)) end = end === 12 ? 1 : end + 1;
    runs.push(end === m ? `${m}` : `${m}–${end}`);
  }
  return t('lk_months', { m: runs.join(', ') });
}

export function number(text, lang = getLang()) {
  if (text === null || text === undefined || text === '') return '';
  return formatNumber(String(text), 3, lang, { trim: true });
}

export function quantityText(q) {
  if (!q || q.value === undefined || q.value === null) return '';
  return `${number(q.value)} ${q.unit || ''}`.trim();
}

export function stateBadge(state) {
  return h('span', { class: `badge lk-state lk-state-${state}`, 'data-testid': 'listing-state' }, t(`lk_state_${state}`));
}

export function kindBadge(kind) {
  return h('span', { class: `badge lk-kind lk-kind-${kind}` }, t(`lk_kind_${kind}`));
}

export function verifiedBadge(org) {
  if (!org) return null;
  return org.verified
    ? h('span', { class: 'badge lk-verified', title: t('lk_verified_title') }, `✓ ${t('lk_verified')}`)
    : h('span', { class: 'badge lk-unverified' }, t('lk_unverified'));
}

export function demoBanner() {
  return h('p', { class: 'banner-demo', role: 'note', 'data-testid': 'demo-banner' }, t('lk_demo_banner'));
}

export function windowText(w) {
  if (!w || (!w.from && !w.to)) return '';
  const lang = getLang();
  return `${formatDate(w.from, lang)} – ${formatDate(w.to, lang)}`;
}

export function listingHref(l) {
  return `#/linkage/listing/${encodeURIComponent(l.id)}`;
}

// One listing as a card: kind, title (a link to its matches), product and stars, season,
// quantity, province, organisation with its verified badge.
export function listingCard(l, pl, { showState = false, extra = null, headingLevel = 'h3' } = {}) {
  const p = l.product || {};
  const org = l.organisation || {};
  const facts = [
    p.name_vi ? [t('lk_product'), h('span', null, p.name_vi, ' ', stars(p.ocop_stars, p.ocop_valid))] : null,
    monthsText(l.months) ? [t('lk_season'), monthsText(l.months)] : null,
    l.quantity ? [l.kind === 'request' ? t('lk_quantity_needed') : t('lk_quantity'), quantityText(l.quantity)] : null,
    l.min_order ? [t('lk_min_order'), `${number(l.min_order)} ${(l.quantity && l.quantity.unit) || ''}`] : null,
    [t('lk_province'), placeName(pl, org.unit)],
    l.window && (l.window.from || l.window.to) ? [t('lk_window'), windowText(l.window)] : null,
  ].filter(Boolean);
  return h('article', { class: `card lk-card lk-card-${l.kind}`, 'data-testid': 'listing-card', 'data-listing': l.id },
    h('p', { class: 'lk-card-top' }, kindBadge(l.kind), showState || l.state !== 'published' ? stateBadge(l.state) : null,
      l.dataset === 'illustrative' ? h('span', { class: 'badge lk-demo' }, t('lk_demo_badge')) : null),
    h(headingLevel, { class: 'card-title' }, h('a', { href: listingHref(l) }, l.title || p.name_vi || `#${l.id}`)),
    h('dl', { class: 'lk-facts' }, facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
    h('p', { class: 'lk-org' }, h('span', { class: 'lk-org-name' }, org.name || ''), ' ', verifiedBadge(org)),
    extra);
}

// A small inline form (reason, date) under the action buttons.
function inlineForm(box, { label, input, submitLabel, onSubmit, testid }) {
  const message = h('p', { class: 'field-error', 'aria-live': 'assertive' });
  const form = h('form', {
    class: 'lk-inline-form',
    novalidate: true,
    'data-testid': testid,
    onsubmit: async (e) => {
      e.preventDefault();
      replace(message);
      try {
        await onSubmit(input.value.trim());
      } catch (err) {
        replace(message, errorMessage(err));
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    },
  },
  field(label, input),
  message,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary small' }, submitLabel),
    h('button', { type: 'button', class: 'secondary small', onclick: () => replace(box) }, t('cancel'))));
  replace(box, form);
  input.focus();
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The buttons the server allows on this listing (its `can`), each calling the API then `onDone`
// with the updated listing.
export function listingActions(l, onDone) {
  const can = l.can || {};
  const formBox = h('div', { class: 'lk-action-form' });
  const base = `/api/linkage/listings/${encodeURIComponent(l.id)}`;
  const run = async (action, json, okKey) => {
    const body = await api.post(`${base}/${action}`, json || {});
    toast(t(okKey), 'ok');
    onDone((body && body.listing) || null);
  };
  const guard = (action, okKey) => async (e) => {
    const b = e.currentTarget;
    b.disabled = true;
    try {
      await run(action, {}, okKey);
    } catch (err) {
      toast(errorMessage(err), 'error');
      b.disabled = false;
    }
  };
  const buttons = [];
  if (can.submit) buttons.push(h('button', { type: 'button', class: 'primary small', 'data-testid': 'listing-submit', onclick: guard('submit', 'lk_submitted') }, t('lk_action_submit')));
  if (can.approve) buttons.push(h('button', { type: 'button', class: 'primary small', 'data-testid': 'listing-approve', onclick: guard('approve', 'lk_approved') }, t('lk_action_approve')));
  if (can.reject) {
    buttons.push(h('button', {
      type: 'button',
      class: 'danger small',
      'data-testid': 'listing-reject',
      onclick: () => inlineForm(formBox, {
        label: t('lk_reject_reason'),
        input: h('textarea', { rows: 2, required: true, 'data-testid': 'reject-reason' }),
        submitLabel: t('lk_action_reject'),
        testid: 'reject-form',
        onSubmit: async (reason) => {
          if (!reason) throw new Error(t('lk_reason_required'));
          await run('reject', { reason }, 'lk_rejected');
        },
      }),
    }, t('lk_action_reject')));
  }
  if (can.renew) {
    buttons.push(h('button', {
      type: 'button',
      class: 'secondary small',
      'data-testid': 'listing-renew',
      onclick: () => inlineForm(formBox, {
        label: t('lk_renew_to'),
        input: h('input', { type: 'date', required: true, value: addDays(todayIso(), 90), min: todayIso() }),
        submitLabel: t('lk_action_renew'),
        testid: 'renew-form',
        onSubmit: (validTo) => run('renew', { valid_to: validTo }, 'lk_renewed'),
      }),
    }, t('lk_action_renew')));
  }
  if (can.withdraw) {
    buttons.push(h('button', {
      type: 'button',
      class: 'danger small',
      'data-testid': 'listing-withdraw',
      onclick: async (e) => {
        if (!window.confirm(t('lk_withdraw_confirm'))) return;
        await guard('withdraw', 'lk_withdrawn')(e);
      },
    }, t('lk_action_withdraw')));
  }
  if (!buttons.length) return null;
  return h('div', { class: 'lk-actions' }, h('div', { class: 'actions' }, buttons), formBox);
}

// The score of a match as a stacked bar (SVG rectangles: no style attributes under the page's
// Content-Security-Policy) with its parts named beside it.
const kSvg = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(kSvg, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

export function scoreScale(matches) {
  const max = Math.max(0, ...matches.map((m) => Number(m.score && m.score.total) || 0));
  if (max <= 1) return 1;
  if (max <= 100) return 100;
  return max;
}

export function scoreText(value, scale) {
  const v = Number(value) || 0;
  // Shown out of 100 whatever scale the server uses.
  return formatNumber(String(Math.round((v / scale) * 1000) / 10), 1, getLang(), { trim: true });
}

export function scoreBar(score, scale) {
  const total = Number(score.total) || 0;
  const label = t('lk_score_aria', {
    total: scoreText(total, scale),
    parts: kScoreParts.filter((k) => Number(score[k])).map((k) => `${t(`lk_part_${k}`)} ${scoreText(score[k], scale)}`).join(', '),
  });
  const rects = [];
  let x = 0;
  for (const k of kScoreParts) {
    const v = Math.max(0, Number(score[k]) || 0);
    const w = Math.min(100 - x, (v / scale) * 100);
    if (w <= 0) continue;
    rects.push(svg('rect', { x: `${x}%`, y: 0, width: `${w}%`, height: '100%', class: `lk-part-${k}` }));
    x += w;
  }
  return h('div', { class: 'lk-scorebar' },
    svg('svg', { class: 'lk-bar', role: 'img', 'aria-label': label, preserveAspectRatio: 'none', width: '100%', height: '14' },
      svg('rect', { x: 0, y: 0, width: '100%', height: '100%', class: 'lk-bar-bg' }), ...rects),
    h('span', { class: 'lk-score-total', 'data-testid': 'match-score' }, scoreText(total, scale)));
}

export function scoreParts(score, scale) {
  return h('ul', { class: 'lk-parts' }, kScoreParts.map((k) => {
    const v = Number(score[k]) || 0;
    return h('li', { class: v ? '' : 'zero' },
      h('span', { class: `lk-swatch lk-part-${k}`, 'aria-hidden': 'true' }),
      h('span', null, t(`lk_part_${k}`)), ' ',
      h('strong', null, scoreText(v, scale)));
  }));
}

export function scoreLegend() {
  return h('p', { class: 'legend lk-legend' }, kScoreParts.map((k) => h('span', { class: 'legend-item' },
    h('span', { class: `lk-swatch lk-part-${k}`, 'aria-hidden': 'true' }), t(`lk_part_${k}`))));
}

export function reasons(m) {
  const list = (getLang() === 'en' ? m.reasons_en || m.reasons_vi : m.reasons_vi || m.reasons_en) || [];
  return h('ul', { class: 'lk-reasons', 'data-testid': 'match-reasons' }, list.map((r) => h('li', null, r)));
}

// A search to keep: the server alerts (in-app) when a new listing matches it.
export async function saveSearch(search, button) {
  if (!api.user()) {
    location.hash = `#/login?next=${encodeURIComponent(location.hash)}`;
    return;
  }
  if (button) button.disabled = true;
  try {
    await api.post('/api/linkage/saved-searches', search);
    toast(t('lk_search_saved'), 'ok');
    if (button) replace(button, t('lk_search_saved_short'));
  } catch (err) {
    toast(errorMessage(err), 'error');
    if (button) button.disabled = false;
  }
}

export function errorBox(err) {
  return h('div', { class: 'alert error', role: 'alert' }, h('p', null, errorMessage(err)),
    err && err.request_id ? h('p', { class: 'muted small' }, `request_id: ${err.request_id}`) : null);
}
