// Luồng hàng hai chiều: the province × province flow ledger built from the deals recorded in
// lienket — a matrix (rows: where the goods come from, columns: where they go), each province's
// sales, purchases and balance with the change on the same period of the previous year, and a
// two-column Sankey chart (ECharts) of the largest flows. Signed-in users also record deals here
// (a party's account, or the Department of the origin or destination province on the parties'
// behalf) and the 3/6/12-month follow-ups of what was delivered.
//
// URL: #/flows?period=2025&basis=contracted&measure=value&group=food&region=mien-bac-28&dataset=all

import { h, replace, field, select, debounce } from '../dom.js';
import { t, getLang, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { navigate, toast } from '../app.js';
import { formatNumber, formatDate } from '../format.js';

const kBillion = 1e9;

function flowsHash(s) {
  const q = new URLSearchParams();
  for (const k of ['period', 'basis', 'measure', 'group', 'region', 'dataset']) if (s[k]) q.set(k, s[k]);
  return `#/flows?${q.toString()}`;
}

// "3,60" (tỷ đồng) from an exact decimal string of đồng.
function billions(text) {
  const n = Number(text || '0') / kBillion;
  // Under 5 million đồng the two decimals would read 0,00: say it is a small amount instead.
  if (n !== 0 && Math.abs(n) < 0.005) return `${n < 0 ? '−' : ''}<${formatNumber('0.01', 2, getLang())}`;
  return formatNumber(n.toFixed(2), 2, getLang());
}

// "120 tấn; 3.000 thùng" from an amount's volume list.
function volumeText(amount) {
  const lang = getLang();
  const parts = (amount.volume || []).map((v) => `${formatNumber(v.quantity, Number.isInteger(Number(v.quantity)) ? 0 : 2, lang, { trim: true })} ${lang === 'en' ? v.unit_en : v.unit_vi}`);
  return parts.length ? parts.join('; ') : '—';
}

function pctText(text) {
  if (text === null || text === undefined) return '—';
  const n = Number(text);
  return `${n > 0 ? '+' : ''}${formatNumber(text, 1, getLang())}%`;
}

function unitName(u) {
  return u ? nameOf(u) : '';
}

function errorBox(err) {
  const details = err && err.details && err.details.length
    ? h('ul', null, err.details.map((d) => h('li', null, `${d.field}: ${errorMessage(d)}`)))
    : null;
  return h('div', { class: 'alert error', role: 'alert', 'data-testid': 'flows-error' }, h('p', null, errorMessage(err)), details);
}

// ---- the matrix and the chart

function matrixTable(body) {
  const measure = body.measure;
  const units = body.units || [];
  const cell = {};
  for (const c of body.cells || []) cell[`${c.from}|${c.to}`] = c;
  // Rows and columns: the provinces that appear in some flow (a region has 28 members; empty rows
  // would hide the flows).
  const active = units.filter((u) => (body.cells || []).some((c) => c.from === u.key || c.to === u.key));
  if (!active.length) return h('p', { class: 'alert info', 'data-testid': 'flow-matrix-empty' }, t('fl_matrix_empty'));
  const show = (c) => {
    if (!c) return '';
    return measure === 'volume' ? volumeText(c.current) : billions(c.current.value);
  };
  const head = h('tr', null, h('th', { scope: 'col', class: 'fl-corner' }, t('fl_from_to')),
    active.map((u) => h('th', { scope: 'col' }, unitName(u))), h('th', { scope: 'col' }, t('fl_outflow')));
  const provinces = Object.fromEntries((body.provinces || []).map((p) => [p.unit, p]));
  const rows = active.map((from) => {
    const p = provinces[from.key];
    const out = (body.cells || []).filter((c) => c.from === from.key).reduce((s, c) => s + Number(c.current.value), 0);
    return h('tr', null, h('th', { scope: 'row' }, unitName(from)),
      active.map((to) => {
        const c = cell[`${from.key}|${to.key}`];
        const title = c ? `${unitName(from)} → ${unitName(to)}: ${billions(c.current.value)} ${t('fl_bn')} (${volumeText(c.current)}); ${t('fl_previous')}: ${billions(c.previous.value)}; ${pctText(c.change_pct)}` : '';
        return h('td', { class: from.key === to.key ? 'fl-diag' : (c ? 'fl-has' : ''), title, 'data-testid': `cell-${from.key}-${to.key}` }, show(c));
      }),
      h('td', { class: 'fl-total' }, measure === 'volume' && p ? volumeText(p.outflow) : billions(String(out))));
  });
  const inflow = h('tr', { class: 'fl-total-row' }, h('th', { scope: 'row' }, t('fl_inflow')),
    active.map((to) => {
      const sum = (body.cells || []).filter((c) => c.to === to.key).reduce((s, c) => s + Number(c.current.value), 0);
      const p = provinces[to.key];
      return h('td', { class: 'fl-total' }, measure === 'volume' && p ? volumeText(p.inflow) : billions(String(sum)));
    }), h('td', { class: 'fl-total' }, billions(body.total.value)));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data fl-matrix', 'data-testid': 'flow-matrix' },
      h('caption', null, measure === 'volume' ? t('fl_matrix_caption_volume') : t('fl_matrix_caption_value')),
      h('thead', null, head), h('tbody', null, rows, inflow)));
}

function provinceTable(body) {
  const units = Object.fromEntries((body.units || []).map((u) => [u.key, u]));
  const rows = (body.provinces || []).filter((p) => p.outflow.deals || p.inflow.deals)
    .sort((a, b) => Number(b.outflow.value) - Number(a.outflow.value));
  if (!rows.length) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'flow-provinces' },
    h('caption', null, t('fl_provinces_caption', { period: body.period_vi && getLang() === 'vi' ? body.period_vi : body.period_en, previous: body.previous_period })),
    h('thead', null, h('tr', null, [t('fl_province'), t('fl_outflow_bn'), t('fl_inflow_bn'), t('fl_balance_bn'), t('fl_out_change'), t('fl_in_change')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map((p) => h('tr', { 'data-testid': `province-${p.unit}` },
      h('th', { scope: 'row' }, unitName(units[p.unit])),
      h('td', { class: 'num' }, billions(p.outflow.value)),
      h('td', { class: 'num' }, billions(p.inflow.value)),
      h('td', { class: `num ${Number(p.balance) < 0 ? 'neg' : 'pos'}`, 'data-testid': `balance-${p.unit}` }, billions(p.balance)),
      h('td', { class: 'num' }, pctText(p.outflow_change_pct)),
      h('td', { class: 'num' }, pctText(p.inflow_change_pct)))))));
}

// Origins on the left, destinations on the right: a bipartite Sankey has no cycles even when goods
// go both ways.
function drawChart(box, body) {
  if (!window.echarts || !(body.cells || []).length) return null;
  const units = Object.fromEntries((body.units || []).map((u) => [u.key, u]));
  const cells = [...body.cells].filter((c) => Number(c.current.value) > 0)
    .sort((a, b) => Number(b.current.value) - Number(a.current.value)).slice(0, 40);
  if (!cells.length) return null;
  const left = (k) => `${unitName(units[k])} ▸`;
  const right = (k) => `▸ ${unitName(units[k])}`;
  const names = new Set();
  for (const c of cells) { names.add(left(c.from)); names.add(right(c.to)); }
  const chart = window.echarts.init(box, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.dataType === 'edge' ? `${p.data.source} ${p.data.target}: ${billions(String(p.data.value * kBillion))} ${t('fl_bn')}` : p.name),
    },
    series: [{
      type: 'sankey',
      left: 8, right: 120, top: 8, bottom: 8,
      nodeAlign: 'justify',
      emphasis: { focus: 'adjacency' },
      data: [...names].map((name) => ({ name })),
      links: cells.map((c) => ({ source: left(c.from), target: right(c.to), value: Number(c.current.value) / kBillion })),
      lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.45 },
      label: { fontSize: 11 },
    }],
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
}

// ---- deals: the form and the list with follow-ups

async function orgPicker(label, testid, mine) {
  const search = h('input', { type: 'search', placeholder: t('fl_org_search'), 'data-testid': `${testid}-q`, autocomplete: 'off' });
  const sel = h('select', { required: true, 'data-testid': testid });
  const fill = async (q) => {
    try {
      const body = await api.get('/api/linkage/organisations', { q, mine: mine && !q ? '1' : '' });
      const list = body.organisations || [];
      replace(sel, h('option', { value: '' }, t('fl_choose')), list.slice(0, 50).map((o) => h('option', { value: String(o.id) }, `${o.name} — ${o.unit_name_vi || o.unit || ''}`)));
      if (mine && !q && list.length === 1) sel.value = String(list[0].id);
    } catch (err) {
      replace(sel, h('option', { value: '' }, errorMessage(err)));
    }
  };
  search.addEventListener('input', debounce(() => fill(search.value.trim()), 250));
  await fill('');
  return h('div', { class: 'field fl-org' }, h('label', null, label), search, sel);
}

async function dealForm(groups, onSaved) {
  const lang = getLang();
  const type = select((groups.deal_types || []).map((d) => ({ value: d.id, label: lang === 'en' ? d.name_en : d.name_vi })), 'purchase_contract', { name: 'type', 'data-testid': 'deal-type' });
  const title = h('input', { type: 'text', name: 'title', required: true, 'data-testid': 'deal-title' });
  const signed = h('input', { type: 'date', name: 'signed_on', required: true, value: new Date().toISOString().slice(0, 10), 'data-testid': 'deal-date' });
  const seller = await orgPicker(t('fl_seller'), 'deal-seller', true);
  const buyer = await orgPicker(t('fl_buyer'), 'deal-buyer', false);
  const product = h('input', { type: 'text', required: true, 'data-testid': 'deal-product' });
  const group = select((groups.groups || []).map((g) => ({ value: g.id, label: lang === 'en' ? g.name_en : g.name_vi })), 'food', { 'data-testid': 'deal-group' });
  const qty = h('input', { type: 'text', inputmode: 'decimal', required: true, 'data-testid': 'deal-quantity' });
  const unit = h('input', { type: 'text', value: 'tấn', required: true, 'data-testid': 'deal-unit', size: 6 });
  const value = h('input', { type: 'text', inputmode: 'numeric', required: true, 'data-testid': 'deal-value' });
  const note = h('input', { type: 'text', 'data-testid': 'deal-note' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'fl-form',
    'data-testid': 'deal-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const body = await api.post('/api/flows/deals', {
          type: type.value,
          title: title.value.trim(),
          signed_on: signed.value,
          seller: Number(seller.querySelector('select').value) || null,
          buyer: Number(buyer.querySelector('select').value) || null,
          note: note.value.trim(),
          lines: [{ product: product.value.trim(), group: group.value, quantity: qty.value.trim(), unit: unit.value.trim(), value: value.value.trim() }],
        });
        toast(t('fl_deal_saved', { id: body.deal.id }), 'success');
        replace(result);
        onSaved(body.deal);
      } catch (err) {
        replace(result, errorBox(err));
      } finally {
        button.disabled = false;
      }
    },
  },
  h('div', { class: 'fl-grid' },
    field(t('fl_type'), type), field(t('fl_title'), title), field(t('fl_signed_on'), signed),
    seller, buyer,
    field(t('fl_product'), product), field(t('fl_group'), group), field(t('fl_quantity'), qty),
    field(t('fl_unit'), unit), field(t('fl_value'), value, t('fl_value_hint')), field(t('fl_note'), note)),
  h('p', { class: 'muted small' }, t('fl_form_hint')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'deal-save' }, t('fl_save_deal'))),
  result);
  return h('details', { class: 'fl-new', 'data-testid': 'deal-new' }, h('summary', null, t('fl_new_deal')), form);
}

function followUpRow(deal, f, onSaved) {
  const lang = getLang();
  const state = h('span', { class: `badge fl-${f.state}` }, t(`fl_state_${f.state}`));
  const cells = [
    h('td', null, t('fl_months', { n: f.months })),
    h('td', null, formatDate(f.due_on, lang)),
    h('td', null, state),
    h('td', { class: 'num' }, f.delivered_value ? `${billions(f.delivered_value)} (${pctText(f.delivered_pct).replace('+', '')})` : '—'),
  ];
  if (f.state === 'due' || f.state === 'overdue') {
    const q = h('input', { type: 'text', inputmode: 'decimal', size: 7, placeholder: t('fl_delivered_qty'), 'data-testid': `fu-qty-${deal.id}-${f.months}` });
    const v = h('input', { type: 'text', inputmode: 'numeric', size: 12, placeholder: t('fl_delivered_value'), 'data-testid': `fu-value-${deal.id}-${f.months}` });
    const out = h('span', { class: 'small' });
    cells.push(h('td', null, h('form', {
      class: 'fl-fu',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const body = await api.post(`/api/flows/deals/${deal.id}/follow-ups`, { months: f.months, lines: [{ quantity: q.value.trim(), value: v.value.trim() }] });
          toast(t('fl_fu_saved'), 'success');
          onSaved(body.deal);
        } catch (err) {
          replace(out, errorMessage(err));
        }
      },
    }, q, v, h('button', { type: 'submit', class: 'secondary small' }, t('fl_record')), out)));
  } else {
    cells.push(h('td', null, f.recorded_on ? t('fl_recorded_on', { date: formatDate(f.recorded_on, lang) }) : ''));
  }
  return h('tr', null, cells);
}

function dealCard(deal, onChanged) {
  const lang = getLang();
  const line = deal.lines[0] || {};
  return h('article', { class: 'card fl-deal', 'data-testid': `deal-${deal.id}` },
    h('h3', null, deal.title, deal.illustrative ? h('span', { class: 'badge demo' }, t('fl_demo')) : null),
    h('p', { class: 'muted' }, `${lang === 'en' ? deal.type_en : deal.type_vi} · ${formatDate(deal.signed_on, lang)} · ${deal.seller.name} (${unitName(deal.origin)}) → ${deal.buyer.name} (${unitName(deal.destination)})`),
    h('p', null, `${line.product || ''}: ${formatNumber(line.quantity || '0', 0, lang, { trim: true })} ${line.unit_vi || ''} · ${billions(deal.total_value)} ${t('fl_bn')}`),
    h('table', { class: 'data compact' },
      h('thead', null, h('tr', null, [t('fl_milestone'), t('fl_due'), t('fl_state'), t('fl_delivered'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, (deal.follow_ups || []).map((f) => followUpRow(deal, f, onChanged)))));
}

// ---- the page

export async function renderFlows(main, params) {
  const year = String(new Date().getFullYear());
  const state = {
    period: params.period || year,
    basis: ['contracted', 'delivered', 'intended'].includes(params.basis) ? params.basis : 'contracted',
    measure: params.measure === 'volume' ? 'volume' : 'value',
    group: params.group || '',
    region: params.region ?? 'mien-bac-28',
    dataset: ['observed', 'illustrative'].includes(params.dataset) ? params.dataset : '',
  };
  const user = api.user();
  if (!user) {
    replace(main, h('h1', null, t('fl_title_page')), h('p', { class: 'alert info' }, t('fl_need_login')), h('a', { class: 'button primary', href: '#/login' }, t('nav_login')));
    return undefined;
  }
  let groups = { groups: [], deal_types: [] };
  try {
    groups = await api.get('/api/flows/groups');
  } catch { /* the filter then offers "all" only */ }
  const lang = getLang();
  const period = h('input', { type: 'text', name: 'period', value: state.period, size: 10, 'data-testid': 'flows-period' });
  const basis = select(['contracted', 'delivered', 'intended'].map((b) => ({ value: b, label: t(`fl_basis_${b}`) })), state.basis, { 'data-testid': 'flows-basis' });
  const measure = select([{ value: 'value', label: t('fl_measure_value') }, { value: 'volume', label: t('fl_measure_volume') }], state.measure, { 'data-testid': 'flows-measure' });
  const group = select([{ value: '', label: t('fl_all_groups') }, ...(groups.groups || []).map((g) => ({ value: g.id, label: lang === 'en' ? g.name_en : g.name_vi }))], state.group, { 'data-testid': 'flows-group' });
  const region = select([{ value: 'mien-bac-28', label: t('fl_region_north') }, { value: '', label: t('fl_region_all') }], state.region, { 'data-testid': 'flows-region' });
  const dataset = select([{ value: '', label: t('fl_dataset_all') }, { value: 'observed', label: t('fl_dataset_observed') }, { value: 'illustrative', label: t('fl_dataset_illustrative') }], state.dataset, { 'data-testid': 'flows-dataset' });
  const form = h('form', {
    class: 'controls',
    onsubmit: (e) => {
      e.preventDefault();
      navigate(flowsHash({ period: period.value.trim(), basis: basis.value, measure: measure.value, group: group.value, region: region.value, dataset: dataset.value }));
    },
  }, field(t('fl_period'), period, t('fl_period_hint')), field(t('fl_basis'), basis), field(t('fl_measure'), measure), field(t('fl_group'), group), field(t('fl_region'), region), field(t('fl_dataset'), dataset),
  h('div', { class: 'actions actions-inline' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'flows-show' }, t('fl_show'))));
  for (const s of [basis, measure, group, region, dataset]) s.addEventListener('change', () => form.requestSubmit());

  const summary = h('div', { 'aria-live': 'polite', 'data-testid': 'flows-summary' }, h('p', { class: 'loading' }, t('loading')));
  const chartBox = h('div', { class: 'fl-chart', role: 'img', 'aria-label': t('fl_chart_label'), 'data-testid': 'flows-chart' });
  const matrixBox = h('div');
  const provincesBox = h('div');
  const dealsBox = h('div', { 'data-testid': 'deal-list' });
  const formBox = h('div');
  replace(main,
    h('h1', null, t('fl_title_page')),
    h('p', { class: 'muted' }, t('fl_intro')),
    form, summary, chartBox, matrixBox, provincesBox,
    h('h2', null, t('fl_deals_heading')), formBox, dealsBox);

  let disposeChart = null;
  const loadMatrix = async () => {
    try {
      const body = await api.get('/api/flows/matrix', { period: state.period, basis: state.basis, measure: state.measure, group: state.group, region: state.region, dataset: state.dataset });
      const periodLabel = lang === 'en' ? body.period_en : body.period_vi;
      replace(summary,
        body.includes_illustrative ? h('p', { class: 'alert warning', 'data-testid': 'flows-demo' }, t('fl_demo_banner')) : null,
        h('p', { 'data-testid': 'flows-total' }, t('fl_summary', { period: periodLabel, deals: body.deals, total: billions(body.total.value), basis: lang === 'en' ? body.basis_en : body.basis_vi }),
          ' ', body.change_pct !== null ? t('fl_summary_change', { pct: pctText(body.change_pct), previous: billions(body.previous_total.value) }) : t('fl_summary_no_change')),
        body.merger_mapped ? h('p', { class: 'muted small' }, t('fl_merger_note')) : null,
        h('p', { class: 'muted small' }, t('fl_coverage_note')));
      if (disposeChart) disposeChart();
      disposeChart = drawChart(chartBox, body);
      chartBox.hidden = !disposeChart;
      replace(matrixBox, matrixTable(body));
      replace(provincesBox, provinceTable(body));
    } catch (err) {
      replace(summary, errorBox(err));
    }
  };
  const loadDeals = async () => {
    try {
      const body = await api.get('/api/flows/deals', { dataset: state.dataset });
      const list = body.deals || [];
      replace(dealsBox, list.length
        ? [h('p', { class: 'muted' }, t('fl_deal_count', { n: list.length })), ...list.slice(0, 50).map((d) => dealCard(d, refresh))]
        : h('p', { class: 'alert info' }, t('fl_no_deals')));
    } catch (err) {
      replace(dealsBox, errorBox(err));
    }
  };
  const refresh = () => Promise.all([loadMatrix(), loadDeals()]);
  replace(formBox, await dealForm(groups, refresh));
  await refresh();
  return () => { if (disposeChart) disposeChart(); };
}
