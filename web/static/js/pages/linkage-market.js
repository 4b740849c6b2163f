// Chợ cung – cầu: the published offers and requests of every province, searched in Vietnamese
// (the server folds tones: "vai thieu" finds "Vải thiều Lục Ngạn") and filtered by kind, province
// and OCOP stars. The search lives in the URL, so a result page can be bookmarked or sent.
//
// URL: #/linkage?q=vải thiều&kind=offer&unit=bac-giang&stars=4

import { h, replace, field, select } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { navigate } from '../app.js';
import { places, provinceOptions, listingCard, demoBanner, saveSearch, errorBox } from './linkage-common.js';

function marketHash(s) {
  const q = new URLSearchParams();
  for (const k of ['q', 'kind', 'unit', 'stars']) if (s[k]) q.set(k, s[k]);
  const text = q.toString();
  return `#/linkage${text ? `?${text}` : ''}`;
}

export async function renderLinkageMarket(main, params) {
  const state = {
    q: params.q || '',
    kind: params.kind === 'offer' || params.kind === 'request' ? params.kind : '',
    unit: params.unit || '',
    stars: ['3', '4', '5'].includes(params.stars) ? params.stars : '',
  };
  const pl = await places();
  const user = api.user();

  const qInput = h('input', { type: 'search', name: 'q', value: state.q, class: 'lk-search', placeholder: t('lk_search_placeholder'), 'data-testid': 'market-q', autocomplete: 'off' });
  const kind = select([{ value: '', label: t('lk_kind_all') }, { value: 'offer', label: t('lk_kind_offer_long') }, { value: 'request', label: t('lk_kind_request_long') }], state.kind, { name: 'kind', 'data-testid': 'market-kind' });
  const unit = select(provinceOptions(pl, t('lk_all_provinces')), state.unit, { name: 'unit', 'data-testid': 'market-unit' });
  const stars = select([{ value: '', label: t('lk_any_stars') }, ...[3, 4, 5].map((n) => ({ value: String(n), label: t('lk_min_stars_opt', { n }) }))], state.stars, { name: 'stars', 'data-testid': 'market-stars' });
  const form = h('form', {
    class: 'controls lk-controls',
    role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      navigate(marketHash({ q: qInput.value.trim(), kind: kind.value, unit: unit.value, stars: stars.value }));
    },
  },
  h('div', { class: 'field lk-search-field' }, h('label', { for: 'lk-q' }, t('lk_search')), qInput, h('small', { class: 'hint' }, t('lk_search_hint'))),
  field(t('lk_kind'), kind), field(t('lk_province'), unit), field(t('lk_ocop'), stars),
  h('div', { class: 'actions actions-inline' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'market-search' }, t('lk_search_button'))));
  qInput.id = 'lk-q';
  // Changing a filter searches at once; the text waits for Enter or the button.
  for (const s of [kind, unit, stars]) s.addEventListener('change', () => form.requestSubmit());

  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'market-results' }, h('p', { class: 'loading' }, t('loading')));
  // A saved search needs words (the server alerts on new listings matching them).
  const saveButton = state.q ? h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'save-search',
    onclick: (e) => saveSearch({ query: state.q, kind: state.kind || null, unit: state.unit || null }, e.currentTarget),
  }, t('lk_save_search')) : h('span', { class: 'muted small' }, t('lk_save_needs_words'));

  const links = [];
  if (user && user.role === 'enterprise') links.push(h('a', { class: 'button primary', href: '#/linkage/new' }, t('lk_new_listing')));
  if (user) links.push(h('a', { class: 'button secondary', href: '#/linkage/alerts' }, t('nav_linkage_alerts')));

  replace(main,
    h('div', { class: 'lk-head' }, h('h1', null, t('lk_market_title')), h('div', { class: 'actions' }, links)),
    h('p', { class: 'muted' }, t('lk_market_intro')),
    form,
    h('div', { class: 'lk-result-bar' }, h('p', { class: 'lk-count', 'data-testid': 'market-count' }), saveButton),
    results);

  try {
    const body = await api.get('/api/linkage/listings', { q: state.q, kind: state.kind, unit: state.unit, ocop_min_stars: state.stars });
    const list = body.listings || [];
    const countEl = main.querySelector('[data-testid=market-count]');
    replace(countEl, t('lk_count', { n: body.total ?? list.length }));
    const demo = list.some((l) => l.dataset === 'illustrative');
    if (!list.length) {
      replace(results, h('p', { class: 'alert info' }, state.q || state.kind || state.unit || state.stars ? t('lk_no_results') : t('lk_market_empty')));
      return;
    }
    replace(results,
      demo ? demoBanner() : null,
      h('div', { class: 'cards lk-cards' }, list.map((l) => listingCard(l, pl, { headingLevel: 'h2' }))));
  } catch (err) {
    replace(results, errorBox(err));
  }
  return undefined;
}
