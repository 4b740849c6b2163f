// The change history of one cell (province, indicator, period): who changed what, when, and how.

import { h, replace } from '../dom.js';
import { t, getLang, nameOf } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatDate, formatTable } from '../format.js';
import { todayIso } from '../periods.js';

export async function renderAudit(main, params) {
  const lang = getLang();
  const [body, units, inds] = await Promise.all([
    api.get('/api/audit', { unit: params.unit, indicator: params.indicator, period: params.period }),
    catalog.units(todayIso()),
    catalog.indicators(),
  ]);
  const entries = body.entries || [];
  const indicator = inds.byId.get(params.indicator);
  const unitText = indicator ? (lang === 'en' ? indicator.display_unit_en : indicator.display_unit_vi) : '';
  // Values come as canonical decimals, possibly followed by the vintage status: "7001200000000 [estimate]".
  const value = (text) => {
    if (text === null || text === undefined || text === '') return '—';
    const m = /^(-?\d+(?:\.\d+)?)(?:\s*\[(\w+)\])?$/.exec(String(text).trim());
    if (!m || !indicator) {
      const st = t(`status_${text}`);
      return st === `status_${text}` ? String(text) : st;
    }
    const status = m[2] ? t(`status_${m[2]}`) : '';
    return `${formatTable(m[1], indicator, lang)} ${unitText}${status && status !== `status_${m[2]}` ? ` (${status})` : ''}`;
  };
  const action = (a) => (t(`action_${a}`) === `action_${a}` ? a : t(`action_${a}`));
  replace(main,
    h('h1', null, t('audit_title')),
    h('p', { class: 'entry-sub' },
      `${catalog.unitName(units, params.unit)} · ${nameOf(inds.byId.get(params.indicator)) || params.indicator} · ${periodLabel(params.period, lang)}`),
    h('p', null, h('button', { type: 'button', class: 'link-button', onclick: () => history.back() }, '← ', t('back'))),
    entries.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'audit-table' },
      h('thead', null, h('tr', null, ['col_at', 'col_user', 'col_action', 'col_old', 'col_new', 'col_via', 'col_comment'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, entries.map((e) => h('tr', null,
        h('td', { 'data-label': t('col_at') }, formatDate(e.at, lang)),
        h('td', { 'data-label': t('col_user') }, e.user || ''),
        h('td', { 'data-label': t('col_action') }, action(e.action)),
        h('td', { class: 'num', 'data-label': t('col_old') }, value(e.old)),
        h('td', { class: 'num', 'data-label': t('col_new') }, value(e.new)),
        h('td', { 'data-label': t('col_via') }, e.via ? t(`via_${e.via}`) : ''),
        h('td', { 'data-label': t('col_comment') }, e.comment || '')))))) : h('p', { class: 'muted' }, t('audit_empty')));
}
