// A province's profile: its identity, area and population, and its figures for a period.
//
// URL: #/province/<unit>?period=2024-H1&dataset=observed

import { h, replace, field, select, escapeHtml } from '../dom.js';
import { t, getLang, nameOf } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { navigate } from '../app.js';
import { toDisplayNumber, isPeriodCode, periodLabel, formatQualified, formatGrowth, formatTable, formatNumber, formatDate, toNumber, qualifierWord } from '../format.js';

export async function renderProvince(main, params) {
  const lang = getLang();
  const dataset = params.dataset === 'illustrative' ? 'illustrative' : 'observed';
  let period = params.period;
  if (!period) {
    const periods = await api.get('/api/periods', { region: 'mien-bac-28', dataset }).catch(() => ({ periods: [] }));
    period = (periods.periods || [])[0] || '';
  }
  const [body, inds] = await Promise.all([
    api.get(`/api/units/${encodeURIComponent(params.unit)}/profile`, { period, dataset }),
    catalog.indicators(),
  ]);
  const u = body.unit || {};
  const p = body.profile || {};
  const facts = [];
  if (u.code) facts.push(h('li', null, `${t('code_label')}: ${u.code}`));
  if (p.area_km2) facts.push(h('li', null, `${t('area')}: ${formatNumber(p.area_km2, 1, lang, { trim: true })} km²${p.year ? ` (${p.year})` : ''}`));
  if (p.population_thousand) facts.push(h('li', null, `${t('population')}: ${formatNumber(p.population_thousand, 1, lang, { trim: true })} ${t('thousand_persons')}${p.year ? ` (${p.year})` : ''}`));
  if (u.valid_from || u.valid_to) facts.push(h('li', null, t('valid_period', { from: formatDate(u.valid_from, lang), to: formatDate(u.valid_to, lang) || t('until_now') })));
  const perIndicator = new Map();
  for (const r of body.indicators || []) perIndicator.set(r.indicator, (perIndicator.get(r.indicator) || 0) + 1);
  const rows = (body.indicators || []).map((r) => {
    const ind = inds.byId.get(r.indicator) || { id: r.indicator };
    const unit = lang === 'en' ? ind.display_unit_en : ind.display_unit_vi;
    const q = qualifierWord(r.qualifier, lang);
    return h('tr', null,
      h('th', { scope: 'row', 'data-label': t('col_indicator') }, nameOf(ind) || r.indicator,
        perIndicator.get(r.indicator) > 1 && r.basis ? h('small', { class: 'muted block' }, r.basis) : null),
      h('td', { class: 'num', 'data-label': t('col_input') }, (q ? `${q} ` : '') + formatTable(r.value, ind, lang)),
      h('td', { 'data-label': t('col_unit') }, unit || ''),
      h('td', { class: 'num', 'data-label': t('col_previous', { unit: '' }) }, r.previous ? formatTable(r.previous, ind, lang) : '—'),
      h('td', { class: `num ${toNumber(r.growth_pct) < 0 ? 'down' : ''}`, 'data-label': t('col_growth') }, r.growth_pct ? formatGrowth(r.growth_pct, lang) : '—'),
      h('td', { 'data-label': t('col_status') }, r.status ? t(`status_${r.status}`) : ''),
      h('td', { 'data-label': t('col_as_of') }, formatDate(r.as_of, lang)),
      h('td', { 'data-label': '' }, h('span', { class: 'muted small' }, formatQualified(r.value, r.qualifier, ind, lang))));
  });
  const periodInput = h('input', { type: 'text', value: period, size: 10, id: 'profile-period' });
  const periodForm = h('form', {
    class: 'controls',
    onsubmit: (e) => {
      e.preventDefault();
      const p = periodInput.value.trim().toUpperCase();
      if (!isPeriodCode(p)) {
        periodInput.setAttribute('aria-invalid', 'true');
        return;
      }
      const q = new URLSearchParams({ period: p, dataset });
      navigate(`#/province/${encodeURIComponent(params.unit)}?${q.toString()}`);
    },
  }, field(t('period'), periodInput, t('period_code_hint')),
  h('div', { class: 'field actions-inline' }, h('button', { type: 'submit', class: 'primary' }, t('show'))));
  replace(main,
    h('p', null, h('button', { type: 'button', class: 'link-button', onclick: () => history.back() }, '← ', t('back'))),
    h('h1', null, t('province_title'), ': ', u.full_name_vi && lang === 'vi' ? u.full_name_vi : nameOf(u) || params.unit),
    facts.length ? h('ul', { class: 'facts inline' }, facts) : null,
    dataset === 'illustrative' ? h('div', { class: 'banner-demo', role: 'note' }, t('illustrative_banner')) : null,
    periodForm,
    h('h2', null, period ? t('indicators_of_period', { period: periodLabel(period, lang) }) : t('indicators_of_period', { period: '' })),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'profile-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('col_indicator')), h('th', { scope: 'col', class: 'num' }, t('col_input')), h('th', { scope: 'col' }, t('col_unit')),
        h('th', { scope: 'col', class: 'num' }, t('col_previous', { unit: '' }).replace(' ()', '')), h('th', { scope: 'col', class: 'num' }, t('col_growth')),
        h('th', { scope: 'col' }, t('col_status')), h('th', { scope: 'col' }, t('col_as_of')), h('th', { scope: 'col' }, t('col_readable')))),
      h('tbody', null, rows))) : h('p', { class: 'muted' }, t('no_indicators')),
    renderHistory(params.unit, period, dataset, body.indicators || [], inds, lang));
}

// The province's figures for the same kind of period over the last six years (2019-H1 … 2024-H1).
function renderHistory(unit, period, dataset, rows, inds, lang) {
  const box = h('div', { class: 'chart series' });
  const withValue = rows.filter((r) => r.value !== null && r.value !== undefined);
  if (!period || !withValue.length || !window.echarts) return null;
  const choices = withValue.map((r) => ({ value: `${r.indicator}|${r.basis || ''}`, label: nameOf(inds.byId.get(r.indicator)) || r.indicator }));
  const chooser = select(choices, choices[0].value, { class: 'wide-select' });
  let chart = null;
  const draw = async () => {
    const [indicatorId, basis] = chooser.value.split('|');
    const indicator = inds.byId.get(indicatorId) || { id: indicatorId };
    const year = Number(period.slice(0, 4));
    const suffix = period.slice(4);
    const body = await api.get('/api/observations', {
      unit, indicator: indicatorId, year_from: year - 5, year_to: year, dataset,
    }).catch(() => ({ observations: [] }));
    const points = (body.observations || [])
      .filter((o) => o.period.slice(4) === suffix && (!basis || o.basis === basis))
      .sort((a, b) => (a.period < b.period ? -1 : 1));
    if (chart) chart.dispose();
    chart = window.echarts.init(box);
    const unitText = (lang === 'en' ? indicator.display_unit_en : indicator.display_unit_vi) || '';
    chart.setOption({
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (prm) => {
          const o = points[prm[0].dataIndex];
          return `<strong>${escapeHtml(periodLabel(o.period, lang))}</strong><br>${escapeHtml(formatQualified(o.value, o.qualifier, indicator, lang))}`;
        },
      },
      xAxis: { type: 'category', data: points.map((o) => periodLabel(o.period, lang)) },
      yAxis: { type: 'value', name: unitText, axisLabel: { formatter: (v) => v.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN') } },
      series: [{ type: 'bar', barMaxWidth: 60, data: points.map((o) => toDisplayNumber(o.value, indicator)), itemStyle: { color: '#3182bd' } }],
    });
  };
  chooser.addEventListener('change', draw);
  setTimeout(draw, 0);
  return h('section', { class: 'panel' },
    h('h2', null, t('province_history')),
    field(t('choose_indicator'), chooser),
    box);
}
