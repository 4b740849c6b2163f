// A province's profile: its identity, area and population, and its figures for a period.
//
// URL: #/province/<unit>?period=2024-H1&dataset=observed

import { h, replace } from '../dom.js';
import { t, getLang, nameOf } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatQualified, formatGrowth, formatTable, formatNumber, formatDate, toNumber, qualifierWord } from '../format.js';

export async function renderProvince(main, params) {
  const lang = getLang();
  const [body, inds] = await Promise.all([
    api.get(`/api/units/${encodeURIComponent(params.unit)}/profile`, { period: params.period, dataset: params.dataset }),
    catalog.indicators(),
  ]);
  const u = body.unit || {};
  const p = body.profile || {};
  const facts = [];
  if (u.code) facts.push(h('li', null, `${t('code_label')}: ${u.code}`));
  if (p.area_km2) facts.push(h('li', null, `${t('area')}: ${formatNumber(p.area_km2, 1, lang, { trim: true })} km²${p.year ? ` (${p.year})` : ''}`));
  if (p.population_thousand) facts.push(h('li', null, `${t('population')}: ${formatNumber(p.population_thousand, 1, lang, { trim: true })} ${t('thousand_persons')}${p.year ? ` (${p.year})` : ''}`));
  if (u.valid_from || u.valid_to) facts.push(h('li', null, t('valid_period', { from: formatDate(u.valid_from, lang), to: formatDate(u.valid_to, lang) || t('until_now') })));
  const rows = (body.indicators || []).map((r) => {
    const ind = inds.byId.get(r.indicator) || { id: r.indicator };
    const unit = lang === 'en' ? ind.display_unit_en : ind.display_unit_vi;
    const q = qualifierWord(r.qualifier, lang);
    return h('tr', null,
      h('th', { scope: 'row', 'data-label': t('col_indicator') }, nameOf(ind) || r.indicator),
      h('td', { class: 'num', 'data-label': t('col_input') }, (q ? `${q} ` : '') + formatTable(r.value, ind, lang)),
      h('td', { 'data-label': t('col_unit') }, unit || ''),
      h('td', { class: 'num', 'data-label': t('col_previous', { unit: '' }) }, r.previous ? formatTable(r.previous, ind, lang) : '—'),
      h('td', { class: `num ${toNumber(r.growth_pct) < 0 ? 'down' : ''}`, 'data-label': t('col_growth') }, r.growth_pct ? formatGrowth(r.growth_pct, lang) : '—'),
      h('td', { 'data-label': t('col_status') }, r.status ? t(`status_${r.status}`) : ''),
      h('td', { 'data-label': t('col_as_of') }, formatDate(r.as_of, lang)),
      h('td', { 'data-label': '' }, h('span', { class: 'muted small' }, formatQualified(r.value, r.qualifier, ind, lang))));
  });
  const period = body.period || params.period;
  replace(main,
    h('p', null, h('button', { type: 'button', class: 'link-button', onclick: () => history.back() }, '← ', t('back'))),
    h('h1', null, t('province_title'), ': ', u.full_name_vi && lang === 'vi' ? u.full_name_vi : nameOf(u) || params.unit),
    facts.length ? h('ul', { class: 'facts inline' }, facts) : null,
    h('h2', null, period ? t('indicators_of_period', { period: periodLabel(period, lang) }) : t('indicators_of_period', { period: '' })),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'profile-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('col_indicator')), h('th', { scope: 'col', class: 'num' }, t('col_input')), h('th', { scope: 'col' }, t('col_unit')),
        h('th', { scope: 'col', class: 'num' }, t('col_previous', { unit: '' }).replace(' ()', '')), h('th', { scope: 'col', class: 'num' }, t('col_growth')),
        h('th', { scope: 'col' }, t('col_status')), h('th', { scope: 'col' }, t('col_as_of')), h('th', { scope: 'col' }, t('col_readable')))),
      h('tbody', null, rows))) : h('p', { class: 'muted' }, t('no_indicators')));
}
