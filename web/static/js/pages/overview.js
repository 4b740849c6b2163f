// Region overview: one card per conference indicator, a choropleth map, a ranking and the regional
// total over the years, for a region, a period and a dataset (real or illustrative). Readable
// without logging in.
//
// URL: #/overview?region=mien-bac-28&period=2024-H1&dataset=observed&ind=retail_sales&by=value

import { h, replace, field, select, escapeHtml } from '../dom.js';
import { t, getLang, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import {
  formatQualified, formatTable, formatPercent, formatGrowth, formatNumber,
  formatDate, periodLabel, isPeriodCode, toNumber, toDisplayNumber, qualifierWord,
} from '../format.js';
import { periodEnd, periodKind } from '../periods.js';
import { navigate } from '../app.js';

const kDefaultRegion = 'mien-bac-28';
const kValueColours = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const kGrowthColours = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'];
const kOutside = '#eceff1';
const kNoData = '#cfd4d8';

function provinceHash(key, state) {
  const q = new URLSearchParams({ period: state.period, dataset: state.dataset });
  return `#/province/${encodeURIComponent(key)}?${q.toString()}`;
}

function hashFor(state) {
  const q = new URLSearchParams();
  for (const k of ['region', 'period', 'dataset', 'as_of', 'ind', 'by']) if (state[k]) q.set(k, state[k]);
  return `#/overview?${q.toString()}`;
}

export async function renderOverview(main, params) {
  const lang = getLang();
  const state = {
    region: params.region || kDefaultRegion,
    dataset: params.dataset === 'illustrative' ? 'illustrative' : 'observed',
    period: params.period || '',
    ind: params.ind || '',
    by: params.by === 'growth' ? 'growth' : 'value',
    as_of: /^\d{4}-\d{2}-\d{2}$/.test(params.as_of || '') ? params.as_of : '',
  };
  const [regions, inds, periodsBody] = await Promise.all([
    catalog.regions(),
    catalog.indicators(),
    api.get('/api/periods', { region: state.region, dataset: state.dataset }),
  ]);
  const periods = periodsBody.periods || [];
  // The newest period with data, preferring a whole year, half, quarter or month over a running
  // total such as 2024-M01-M08 (the conference reports the former); every period stays offered.
  if (!state.period) state.period = periods.find((p) => /^\d{4}(-H[12]|-Q[1-4]|-\d{2})?$/.test(p)) || periods[0] || '';

  const charts = [];
  const onResize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', onResize);
  const cleanup = () => {
    window.removeEventListener('resize', onResize);
    charts.forEach((c) => c.dispose());
  };

  const region = regions.byKey.get(state.region);
  const controls = renderControls(state, regions, periods);
  const body = h('div', { class: 'overview-body' });
  replace(main,
    h('h1', null, t('overview_title'), ': ', region ? nameOf(region) : state.region,
      state.period ? ` — ${periodLabel(state.period, lang)}` : ''),
    controls,
    body);

  if (!state.period) {
    replace(body, h('p', { class: 'alert info' }, t('no_periods')));
    return cleanup;
  }
  let overview;
  try {
    overview = await api.get('/api/overview', {
      region: state.region, period: state.period, dataset: state.dataset, as_of: state.as_of, lang,
    });
  } catch (err) {
    replace(body, h('div', { class: 'alert error', role: 'alert' }, errorMessage(err)));
    return cleanup;
  }
  const units = await catalog.units(periodEnd(state.period) || undefined);
  const indicatorsWithData = overview.indicators || [];
  if (!state.ind || !indicatorsWithData.some((i) => i.indicator === state.ind)) {
    const preferred = indicatorsWithData.find((i) => i.total !== null) || indicatorsWithData[0];
    state.ind = preferred ? preferred.indicator : '';
  }

  const parts = [];
  if (overview.illustrative) {
    parts.push(h('div', { class: 'banner-demo', role: 'note', 'data-testid': 'illustrative-banner' }, t('illustrative_banner')));
  }
  parts.push(renderMeta(overview, lang));
  if (!indicatorsWithData.length) {
    parts.push(h('p', { class: 'alert info' }, t('no_indicators')));
    parts.push(renderReports(state, lang));
    replace(body, parts);
    return cleanup;
  }
  parts.push(h('section', { class: 'cards', 'aria-label': t('overview_title') },
    indicatorsWithData.map((item) => renderCard(item, inds.byId.get(item.indicator), units, state, lang))));

  const item = indicatorsWithData.find((i) => i.indicator === state.ind);
  const indicator = inds.byId.get(state.ind) || { id: state.ind, unit: item.unit };
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': t('choose_indicator') },
    indicatorsWithData.map((i) => h('button', {
      type: 'button',
      class: 'tab',
      'aria-pressed': i.indicator === state.ind ? 'true' : 'false',
      onclick: () => navigate(hashFor({ ...state, ind: i.indicator })),
    }, nameOf(inds.byId.get(i.indicator)) || i.indicator)));
  parts.push(h('h2', { id: 'detail' }, nameOf(indicator)));
  parts.push(tabs);

  const mapBox = h('div', { class: 'chart map', role: 'img', 'aria-label': `${t('map_title')}: ${nameOf(indicator)}` });
  const legend = h('div', { class: 'legend' });
  const byToggle = h('div', { class: 'segmented', role: 'group', 'aria-label': t('map_colour_by') },
    h('span', { class: 'seg-label' }, t('map_colour_by') + ':'),
    ['value', 'growth'].map((by) => h('button', {
      type: 'button',
      'aria-pressed': state.by === by ? 'true' : 'false',
      onclick: () => navigate(hashFor({ ...state, by })),
    }, t(by === 'value' ? 'map_by_value' : 'map_by_growth'))));
  const rankBox = h('div', { class: 'chart ranking' });
  parts.push(h('div', { class: 'two-col' },
    h('section', { class: 'panel' }, h('h3', null, t('map_title')), byToggle, mapBox, legend,
      h('p', { class: 'muted small' }, t('open_profile'))),
    h('section', { class: 'panel' }, h('h3', null, t('ranking_title')), rankBox)));
  if ((item.sub_regions || []).length) parts.push(renderSubRegions(item, indicator, regions, lang));
  parts.push(renderRankingTable(item, indicator, units, state, lang));
  const seriesBox = h('div', { class: 'chart series' });
  const seriesSection = h('section', { class: 'panel' },
    h('h3', null, t('series_title', { kind: periodLabel(state.period, lang).replace(/\d{4}/, '').replace(/\/$/, '').trim() || state.period })),
    seriesBox);
  parts.push(seriesSection);
  parts.push(renderReports(state, lang));
  replace(body, parts);

  if (!window.echarts) {
    for (const box of [mapBox, rankBox, seriesBox]) {
      box.classList.add('empty');
      replace(box, h('p', { class: 'alert warning' }, t('charts_missing')));
    }
    return cleanup;
  }
  drawMap(mapBox, legend, overview, item, indicator, units, state, lang, charts).catch((err) => {
    replace(mapBox, h('p', { class: 'alert error' }, errorMessage(err)));
  });
  drawRanking(rankBox, item, indicator, units, state, lang, charts);
  drawSeries(seriesBox, state, item, indicator, lang, charts).catch((err) => {
    replace(seriesBox, h('p', { class: 'alert error' }, errorMessage(err)));
  });
  return cleanup;
}

function renderControls(state, regions, periods) {
  const lang = getLang();
  const regionSelect = select(
    regions.list.filter((r) => r.kind !== 'subregion' || true).map((r) => ({ value: r.key, label: nameOf(r) })),
    state.region,
    { name: 'region', onchange: (e) => navigate(hashFor({ ...state, region: e.target.value, period: '', ind: '' })) },
  );
  const options = periods.map((p) => ({ value: p, label: `${periodLabel(p, lang)} (${p})` }));
  if (state.period && !periods.includes(state.period)) {
    options.unshift({ value: state.period, label: `${periodLabel(state.period, lang)} (${state.period})` });
  }
  const periodSelect = select(options, state.period, {
    name: 'period',
    'data-testid': 'period-select',
    onchange: (e) => navigate(hashFor({ ...state, period: e.target.value })),
  });
  const codeInput = h('input', { type: 'text', name: 'period_code', inputmode: 'text', placeholder: '2024-H1', size: 10, 'data-testid': 'period-code' });
  const codeError = h('small', { class: 'field-error', 'aria-live': 'polite' });
  const asOf = h('input', { type: 'date', name: 'as_of', value: state.as_of, id: 'as-of' });
  const dataset = h('fieldset', { class: 'radio-group' },
    h('legend', null, t('dataset')),
    ['observed', 'illustrative'].map((d) => h('label', null,
      h('input', {
        type: 'radio', name: 'dataset', value: d, checked: state.dataset === d,
        onchange: () => navigate(hashFor({ ...state, dataset: d, period: '' })),
      }),
      ' ', t(d === 'observed' ? 'dataset_observed' : 'dataset_illustrative'))));
  return h('form', {
    class: 'controls',
    onsubmit: (e) => {
      e.preventDefault();
      const code = codeInput.value.trim().toUpperCase().replace(/M$/, 'M');
      if (code) {
        const canonical = code.replace(/^(\d{4})-(\d)M$/i, '$1-$2M');
        if (!isPeriodCode(canonical)) {
          replace(codeError, t('period_code_bad'));
          codeInput.setAttribute('aria-invalid', 'true');
          codeInput.focus();
          return;
        }
        navigate(hashFor({ ...state, period: canonical, as_of: asOf.value }));
      } else {
        navigate(hashFor({ ...state, period: periodSelect.value, as_of: asOf.value }));
      }
    },
  },
  field(t('region'), regionSelect),
  field(t('period'), periodSelect),
  h('div', { class: 'field' }, h('label', { for: 'period-code' }, t('period_code')),
    Object.assign(codeInput, { id: 'period-code' }), h('small', { class: 'hint' }, t('period_code_hint')), codeError),
  field(t('as_of_label'), asOf, t('as_of_hint')),
  dataset,
  h('div', { class: 'field actions-inline' }, h('button', { type: 'submit', class: 'primary' }, t('show'))));
}

function renderMeta(overview, lang) {
  const p = overview.profile || {};
  const bits = [];
  if (overview.as_of) bits.push(t('as_of', { date: formatDate(overview.as_of, lang) }));
  if (overview.era) bits.push(t(overview.era === '34' ? 'era_34' : 'era_63'));
  const line = h('p', { class: 'meta' }, bits.join(' · '));
  if (p && p.members) {
    return h('div', null, line, h('p', { class: 'meta' }, t('profile_line', {
      members: p.members,
      area: formatNumber(p.area_km2, 1, lang, { trim: true }),
      area_share: formatPercent(p.area_share_pct, lang),
      pop: formatNumber(p.population_thousand, 1, lang, { trim: true }),
      pop_share: formatPercent(p.population_share_pct, lang),
    })));
  }
  return line;
}

function namesOf(keys, units) {
  return keys.map((k) => catalog.unitName(units, k)).join(', ');
}

function renderCard(item, indicator, units, state, lang) {
  indicator = indicator || { id: item.indicator, unit: item.unit };
  const cov = item.coverage || {};
  const counts = item.counts || {};
  const growth = item.growth || {};
  const rows = [];
  let big;
  if (item.total !== null && item.total !== undefined) {
    big = h('p', { class: 'big', 'data-testid': `card-total-${item.indicator}` },
      formatQualified(item.total, item.total_qualifier, indicator, lang),
      item.includes_estimates ? h('span', { class: 'badge estimate' }, t('includes_estimates')) : null);
  } else if (item.index_range && item.index_range.min !== null && item.index_range.min !== undefined) {
    big = h('p', { class: 'big' }, t('index_range', {
      min: formatNumber(item.index_range.min, 2, lang), max: formatNumber(item.index_range.max, 2, lang),
    }), item.includes_estimates ? h('span', { class: 'badge estimate' }, t('includes_estimates')) : null);
    rows.push(h('li', { class: 'muted' }, t('no_regional_index')));
  } else {
    big = h('p', { class: 'big' }, '—');
  }
  if (growth.pct !== null && growth.pct !== undefined) {
    rows.push(h('li', { class: toNumber(growth.pct) < 0 ? 'down' : 'up' },
      t('growth_vs', { growth: formatGrowth(growth.pct, lang, 1, growth.qualifier) }),
      growth.comparable_members && growth.comparable_members < (cov.members || 0)
        ? ` (${t('growth_comparable', { n: growth.comparable_members })})` : '',
      growth.merger_reaggregated ? ` (${t('merger_reaggregated')})` : ''));
  } else if (item.total !== null && item.total !== undefined) {
    rows.push(h('li', { class: 'muted' }, t('growth_na')));
  }
  if (item.national && item.national.growth_pct !== null && item.national.growth_pct !== undefined) {
    rows.push(h('li', null, t('national_growth', { growth: formatGrowth(item.national.growth_pct, lang) })));
  }
  if (item.share_of_nation_pct !== null && item.share_of_nation_pct !== undefined) {
    rows.push(h('li', null, t(item.share_is_lower_bound ? 'share_nation_lb' : 'share_nation', {
      pct: formatPercent(item.share_of_nation_pct, lang),
    })));
  }
  if (counts.with_growth) {
    rows.push(h('li', null, t('count_growing', { n: counts.growing, m: counts.with_growth }),
      counts.falling ? `; ${t('count_falling', { n: counts.falling })}` : ''));
    if (counts.above_national) rows.push(h('li', null, t('count_above_national', { n: counts.above_national })));
    if (indicator.unit === 'index' && counts.at_or_above_threshold) {
      rows.push(h('li', null, t('count_threshold', { n: counts.at_or_above_threshold })));
    }
  }
  if (item.plan && item.plan.execution_pct !== null && item.plan.execution_pct !== undefined) {
    rows.push(h('li', null, t('plan_execution', { pct: formatPercent(item.plan.execution_pct, lang) })));
  }
  const missing = cov.missing || [];
  const kShown = 6;
  let coverage;
  if (cov.complete) {
    coverage = h('p', { class: 'coverage complete', 'data-testid': `coverage-${item.indicator}` },
      t('coverage_complete', { n: cov.reported, m: cov.members }));
  } else if (missing.length <= kShown) {
    coverage = h('p', { class: 'coverage partial', 'data-testid': `coverage-${item.indicator}` },
      t('coverage', { n: cov.reported, m: cov.members }) + (missing.length ? `, ${t('coverage_missing', { list: namesOf(missing, units) })}` : ''));
  } else {
    coverage = h('div', { class: 'coverage partial', 'data-testid': `coverage-${item.indicator}` },
      h('p', null, `${t('coverage', { n: cov.reported, m: cov.members })}, ${t('coverage_missing', { list: namesOf(missing.slice(0, kShown), units) })} ${t('and_others', { n: missing.length - kShown })}`),
      h('details', null, h('summary', null, t('show_all_missing', { n: missing.length })), h('p', { class: 'small' }, namesOf(missing, units))));
  }
  return h('article', {
    class: `card indicator-card${item.indicator === state.ind ? ' selected' : ''}`,
    'data-indicator': item.indicator,
  },
  h('h2', { class: 'card-title' }, h('a', { href: hashFor({ ...state, ind: item.indicator }) }, nameOf(indicator))),
  big,
  rows.length ? h('ul', { class: 'facts' }, rows) : null,
  coverage,
  !cov.complete && item.total !== null && item.total !== undefined ? h('p', { class: 'muted small' }, t('coverage_partial_total')) : null);
}

function displayUnit(indicator, lang) {
  return (lang === 'en' ? indicator.display_unit_en : indicator.display_unit_vi) || '';
}

function renderRankingTable(item, indicator, units, state, lang) {
  const hasValue = (p) => p.value !== null && p.value !== undefined;
  const provinces = (item.provinces || []).filter(hasValue).sort((a, b) => (a.rank || 999) - (b.rank || 999));
  const without = [...(item.provinces || []).filter((p) => !hasValue(p)).map((p) => p.key),
    ...((item.coverage && item.coverage.missing) || [])].filter((k, i, all) => all.indexOf(k) === i);
  const hasPlan = provinces.some((p) => p.plan_execution_pct !== null && p.plan_execution_pct !== undefined);
  const unitText = displayUnit(indicator, lang);
  const head = h('tr', null,
    h('th', { scope: 'col', class: 'num' }, t('col_rank')),
    h('th', { scope: 'col' }, t('col_province')),
    h('th', { scope: 'col', class: 'num' }, t('col_value', { unit: unitText })),
    h('th', { scope: 'col', class: 'num' }, t('col_growth')),
    indicator.unit !== 'index' ? h('th', { scope: 'col', class: 'num' }, t('col_share_region')) : null,
    indicator.unit !== 'index' ? h('th', { scope: 'col', class: 'num' }, t('col_share_nation')) : null,
    hasPlan ? h('th', { scope: 'col', class: 'num' }, t('col_plan_exec')) : null,
    h('th', { scope: 'col' }, t('col_status')),
    h('th', { scope: 'col' }, t('col_as_of')));
  const rows = provinces.map((p) => {
    const q = qualifierWord(p.qualifier, lang);
    return h('tr', { 'data-unit': p.key },
      h('td', { class: 'num' }, p.rank ?? ''),
      h('th', { scope: 'row' }, h('a', { href: provinceHash(p.key, state) }, catalog.unitName(units, p.key, p.name_vi))),
      h('td', { class: 'num', 'data-testid': `value-${p.key}` }, (q ? q + ' ' : '') + formatTable(p.value, indicator, lang)),
      h('td', { class: `num ${toNumber(p.growth_pct) < 0 ? 'down' : ''}` }, p.growth_pct ? formatGrowth(p.growth_pct, lang) : '—'),
      indicator.unit !== 'index' ? h('td', { class: 'num' }, formatPercent(p.share_of_region_pct, lang)) : null,
      indicator.unit !== 'index' ? h('td', { class: 'num' }, formatPercent(p.share_of_nation_pct, lang)) : null,
      hasPlan ? h('td', { class: 'num' }, formatPercent(p.plan_execution_pct, lang)) : null,
      h('td', null, p.status ? t(`status_${p.status}`) : ''),
      h('td', null, formatDate(p.as_of, lang)));
  });
  for (const key of without) {
    rows.push(h('tr', { class: 'missing-row', 'data-unit': key },
      h('td', { class: 'num' }, ''),
      h('th', { scope: 'row' }, h('a', { href: provinceHash(key, state) }, catalog.unitName(units, key))),
      h('td', { class: 'num muted', colspan: 2 }, t('legend_no_data')),
      indicator.unit !== 'index' ? h('td', { colspan: 2 }) : null,
      hasPlan ? h('td') : null,
      h('td'), h('td')));
  }
  return h('section', { class: 'panel' },
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('ranking_title') },
      h('table', { class: 'data', 'data-testid': 'ranking-table' },
        h('caption', null, `${t('ranking_title')}: ${nameOf(indicator)}`),
        h('thead', null, head), h('tbody', null, rows))));
}

// One row per sub-region (Trung du và miền núi, Đồng bằng sông Hồng, Bắc Trung Bộ): total,
// growth, share of the nation and coverage, as the conference report gives them.
function renderSubRegions(item, indicator, regions, lang) {
  const isIndex = indicator.unit === 'index';
  const rows = item.sub_regions.map((sr) => {
    const cov = sr.coverage || {};
    const value = sr.total !== null && sr.total !== undefined
      ? formatQualified(sr.total, sr.total_qualifier, indicator, lang)
      : sr.index_range && sr.index_range.min !== null && sr.index_range.min !== undefined
        ? t('index_range', { min: formatNumber(sr.index_range.min, 2, lang), max: formatNumber(sr.index_range.max, 2, lang) })
        : '—';
    return h('tr', null,
      h('th', { scope: 'row', 'data-label': t('region') }, nameOf(regions.byKey.get(sr.region)) || sr.region),
      h('td', { class: 'num', 'data-label': t('col_total') }, value),
      h('td', { class: `num ${toNumber(sr.growth && sr.growth.pct) < 0 ? 'down' : ''}`, 'data-label': t('col_growth') },
        sr.growth && sr.growth.pct ? formatGrowth(sr.growth.pct, lang, 1, sr.growth.qualifier) : '—'),
      isIndex ? h('td', { class: 'num', 'data-label': t('col_growing') }, sr.counts ? `${sr.counts.growing}/${sr.counts.with_growth}` : '—')
        : h('td', { class: 'num', 'data-label': t('col_share_nation') }, formatPercent(sr.share_of_nation_pct, lang)),
      h('td', { class: 'num', 'data-label': t('col_coverage') }, `${cov.reported ?? 0}/${cov.members ?? 0}`));
  });
  return h('section', { class: 'panel' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'subregion-table' },
      h('caption', null, t('subregions_title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('region')),
        h('th', { scope: 'col', class: 'num' }, t('col_total')),
        h('th', { scope: 'col', class: 'num' }, t('col_growth')),
        h('th', { scope: 'col', class: 'num' }, isIndex ? t('col_growing') : t('col_share_nation')),
        h('th', { scope: 'col', class: 'num' }, t('col_coverage')))),
      h('tbody', null, rows))));
}

// Colour bins over the values: quantiles for amounts (a few big provinces would otherwise leave
// every other one in the palest bin), equal widths around zero for growth rates.
// Returns {colour(v), bins:[{from,to,colour}]}.
function scaleFor(values, palette, diverging) {
  const finite = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!finite.length) return { colour: () => kNoData, bins: [] };
  let edges;
  if (diverging) {
    const m = Math.max(Math.abs(finite[0]), Math.abs(finite[finite.length - 1])) || 1;
    const n = palette.length;
    edges = palette.map((_, i) => -m + (2 * m * i) / n).concat([m]);
  } else {
    const n = Math.min(palette.length, finite.length);
    edges = [finite[0]];
    for (let i = 1; i < n; i += 1) edges.push(finite[Math.floor((i * finite.length) / n)]);
    edges.push(finite[finite.length - 1]);
    edges = edges.filter((e, i) => i === 0 || e > edges[i - 1] || i === edges.length - 1);
  }
  const colours = diverging ? palette : palette.slice(palette.length - (edges.length - 1));
  const bins = colours.map((c, i) => ({ from: edges[i], to: edges[i + 1], colour: c }));
  const colour = (v) => {
    if (v === null || !Number.isFinite(v)) return kNoData;
    for (let i = bins.length - 1; i >= 0; i -= 1) if (v >= bins[i].from) return bins[i].colour;
    return bins[0].colour;
  };
  return { colour, bins };
}

function shortNumber(v, lang) {
  const abs = Math.abs(v);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: decimals });
}

const geoCache = new Map();
async function geoFor(period, era) {
  const key = era || period;
  if (!geoCache.has(key)) {
    geoCache.set(key, api.get('/api/geo', { period }).catch((err) => {
      geoCache.delete(key);
      throw err;
    }));
  }
  return geoCache.get(key);
}

function bboxOf(geometry) {
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  return [minX, minY, maxX, maxY];
}

async function drawMap(box, legend, overview, item, indicator, units, state, lang, charts) {
  const geo = await geoFor(state.period, overview.era);
  const provinces = item.provinces || [];
  const missing = (item.coverage && item.coverage.missing) || [];
  const memberCodes = new Set();
  const byCode = new Map();
  for (const p of provinces) {
    memberCodes.add(p.code);
    if (p.value !== null && p.value !== undefined) byCode.set(p.code, p);
  }
  for (const key of missing) {
    const u = units.byKey.get(key);
    if (u) memberCodes.add(u.code);
  }
  // Show the region and what lies around it, not the whole country.
  const features = geo.features || [];
  const memberBoxes = features.filter((f) => memberCodes.has(f.properties.ma_tinh)).map((f) => bboxOf(f.geometry));
  let shown = features;
  if (memberBoxes.length) {
    const b = memberBoxes.reduce((a, c) => [Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[2]), Math.max(a[3], c[3])]);
    const pad = 0.3;
    shown = features.filter((f) => {
      const c = bboxOf(f.geometry);
      return c[2] >= b[0] - pad && c[0] <= b[2] + pad && c[3] >= b[1] - pad && c[1] <= b[3] + pad && ((c[1] + c[3]) / 2 >= b[1] - pad);
    });
  }
  const mapName = `lk-${state.region}-${overview.era || state.period}-${shown.length}`;
  window.echarts.registerMap(mapName, { type: 'FeatureCollection', features: shown });

  const metric = (p) => (state.by === 'growth' ? toNumber(p.growth_pct)
    : indicator.unit === 'index' ? toNumber(p.value) : toDisplayNumber(p.value, indicator));
  const values = provinces.map(metric);
  const scale = scaleFor(values, state.by === 'growth' ? kGrowthColours : kValueColours, state.by === 'growth');
  const nameOfCode = (code) => {
    const p = byCode.get(code);
    const u = units.byCode.get(code);
    if (u) return catalog.unitName(units, u.key);
    if (p) return p.name_vi;
    const f = features.find((x) => x.properties.ma_tinh === code);
    return f ? f.properties.ten_tinh : code;
  };
  const data = [];
  for (const f of shown) {
    const code = f.properties.ma_tinh;
    const p = byCode.get(code);
    if (p) {
      const v = metric(p);
      data.push({ name: code, value: v, itemStyle: { areaColor: scale.colour(v) } });
    } else if (memberCodes.has(code)) {
      data.push({ name: code, value: null, noData: true,
        itemStyle: { areaColor: kNoData, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: 'rgba(80,80,80,0.45)' } } });
    } else {
      data.push({ name: code, value: null, outside: true, itemStyle: { areaColor: kOutside }, emphasis: { disabled: true }, silent: true });
    }
  }
  const chart = window.echarts.init(box, null, { renderer: 'canvas' });
  charts.push(chart);
  chart.setOption({
    aria: { enabled: true },
    tooltip: {
      trigger: 'item',
      formatter: (prm) => {
        const code = prm.name;
        const p = byCode.get(code);
        const title = escapeHtml(nameOfCode(code));
        if (p) {
          const lines = [formatQualified(p.value, p.qualifier, indicator, lang)];
          if (p.growth_pct) lines.push(formatGrowth(p.growth_pct, lang));
          return `<strong>${title}</strong><br>${lines.map(escapeHtml).join('<br>')}`;
        }
        if (prm.data && prm.data.noData) return `<strong>${title}</strong><br>${escapeHtml(t('legend_no_data'))}`;
        return `${title}`;
      },
    },
    series: [{
      type: 'map',
      map: mapName,
      nameProperty: 'ma_tinh',
      roam: true,
      scaleLimit: { min: 1, max: 8 },
      selectedMode: false,
      label: { show: false },
      itemStyle: { borderColor: '#ffffff', borderWidth: 0.7, areaColor: kOutside },
      emphasis: { label: { show: true, formatter: (prm) => nameOfCode(prm.name), fontSize: 11 }, itemStyle: { areaColor: '#fde68a' } },
      data,
    }],
  });
  chart.on('click', (prm) => {
    const p = byCode.get(prm.name);
    const u = units.byCode.get(prm.name);
    if (p) navigate(provinceHash(p.key, state));
    else if (u && memberCodes.has(prm.name)) navigate(provinceHash(u.key, state));
  });
  const unitText = state.by === 'growth' ? '%' : displayUnit(indicator, lang);
  replace(legend,
    h('span', { class: 'legend-title' }, `${state.by === 'growth' ? t('map_by_growth') : t('map_by_value')} (${unitText})`),
    scale.bins.map((b) => h('span', { class: 'legend-item' },
      swatch(b.colour), `${legendNumber(b.from, b, lang)} – ${legendNumber(b.to, b, lang)}`)),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch hatched', 'aria-hidden': 'true' }), t('legend_no_data')),
    h('span', { class: 'legend-item' }, swatch(kOutside), t('legend_outside')));
}

// Enough decimals to tell the bin's ends apart (index values like 100,12 – 100,48).
function legendNumber(v, bin, lang) {
  const width = Math.abs(bin.to - bin.from);
  const decimals = width === 0 || width < 1 ? 2 : width < 10 ? 1 : 0;
  return v.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { minimumFractionDigits: Math.abs(v) >= 1000 ? 0 : decimals, maximumFractionDigits: Math.abs(v) >= 1000 ? 0 : decimals });
}

function swatch(colour) {
  const s = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}

function drawRanking(box, item, indicator, units, state, lang, charts) {
  const provinces = (item.provinces || []).filter((p) => p.value !== null);
  const isIndex = indicator.unit === 'index';
  const rows = provinces.map((p) => ({
    key: p.key,
    name: catalog.unitName(units, p.key, p.name_vi),
    v: isIndex ? toNumber(p.value) - 100 : toDisplayNumber(p.value, indicator),
    p,
  })).sort((a, b) => a.v - b.v);
  box.style.height = `${Math.max(260, rows.length * 24 + 60)}px`;
  const chart = window.echarts.init(box, null, { renderer: 'canvas' });
  charts.push(chart);
  chart.setOption({
    aria: { enabled: true },
    grid: { left: 8, right: 56, top: 12, bottom: 30, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (prm) => {
        const r = rows[prm.dataIndex];
        return `<strong>${escapeHtml(r.name)}</strong><br>${escapeHtml(formatQualified(r.p.value, r.p.qualifier, indicator, lang))}`
          + (r.p.growth_pct ? `<br>${escapeHtml(formatGrowth(r.p.growth_pct, lang))}` : '');
      },
    },
    xAxis: {
      type: 'value',
      name: isIndex ? t('index_axis') : displayUnit(indicator, lang),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v) => shortNumber(v, lang) },
    },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 11 } },
    series: [{
      type: 'bar',
      barMaxWidth: 22,
      data: rows.map((r) => ({ value: r.v, itemStyle: { color: r.v < 0 ? '#b2182b' : '#3182bd' } })),
      label: {
        show: true,
        position: 'right',
        fontSize: 10,
        formatter: (prm) => (isIndex ? formatNumber(rows[prm.dataIndex].p.value, 1, lang) : shortNumber(prm.value, lang)),
      },
    }],
  });
  chart.on('click', (prm) => navigate(provinceHash(rows[prm.dataIndex].key, state)));
}

async function drawSeries(box, state, item, indicator, lang, charts) {
  const body = await api.get('/api/timeseries', {
    region: state.region, indicator: state.ind, period: state.period, years: 6, dataset: state.dataset,
  });
  const points = (body.points || []).slice().sort((a, b) => (a.period < b.period ? -1 : 1));
  if (!points.some((p) => p.total !== null && p.total !== undefined)) {
    replace(box, h('p', { class: 'muted' }, indicator.unit === 'index' ? t('no_regional_index') : t('legend_no_data')));
    box.classList.add('empty');
    return;
  }
  const chart = window.echarts.init(box, null, { renderer: 'canvas' });
  charts.push(chart);
  chart.setOption({
    aria: { enabled: true },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (prms) => {
        const pt = points[prms[0].dataIndex];
        const lines = [formatQualified(pt.total, pt.qualifier, indicator, lang)];
        if (pt.growth_pct) lines.push(formatGrowth(pt.growth_pct, lang));
        lines.push(t('series_reported', { n: pt.reported, m: pt.members }));
        return `<strong>${escapeHtml(periodLabel(pt.period, lang))}</strong><br>${lines.map(escapeHtml).join('<br>')}`;
      },
    },
    xAxis: { type: 'category', data: points.map((p) => periodLabel(p.period, lang)), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', name: displayUnit(indicator, lang), axisLabel: { formatter: (v) => shortNumber(v, lang) } },
    series: [{
      type: 'bar',
      barMaxWidth: 60,
      data: points.map((p) => ({
        value: toDisplayNumber(p.total, indicator),
        itemStyle: { color: p.complete ? '#3182bd' : '#9ecae1' },
      })),
      label: {
        show: true,
        position: 'top',
        fontSize: 10,
        formatter: (prm) => {
          const pt = points[prm.dataIndex];
          return pt.complete ? '' : `${pt.reported}/${pt.members}`;
        },
      },
    }],
  });
}

function renderReports(state, lang) {
  const link = (format, label) => {
    const q = new URLSearchParams({ region: state.region, period: state.period, format, lang, dataset: state.dataset });
    if (state.as_of) q.set('as_of', state.as_of);
    return h('a', { class: 'button', href: `/api/reports?${q.toString()}`, download: '', 'data-testid': `report-${format}` }, label);
  };
  return h('section', { class: 'panel reports' },
    h('h2', null, t('reports')),
    h('div', { class: 'actions' }, link('docx', t('report_docx')), link('pdf', t('report_pdf')), link('xlsx', t('report_xlsx'))));
}

