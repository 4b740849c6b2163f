// The change history of one cell (province, indicator, period): who changed what, when, and how.

import { h, replace } from '../dom.js';
import { t, getLang, nameOf } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatDate } from '../format.js';
import { todayIso } from '../periods.js';

export async function renderAudit(main, params) {
  const lang = getLang();
  const [body, units, inds] = await Promise.all([
    api.get('/api/audit', { unit: params.unit, indicator: params.indicator, period: params.period }),
    catalog.units(todayIso()),
    catalog.indicators(),
  ]);
  const entries = body.entries || [];
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
        h('td', { class: 'num', 'data-label': t('col_old') }, e.old ?? '—'),
        h('td', { class: 'num', 'data-label': t('col_new') }, e.new ?? '—'),
        h('td', { 'data-label': t('col_via') }, e.via ? t(`via_${e.via}`) : ''),
        h('td', { 'data-label': t('col_comment') }, e.comment || '')))))) : h('p', { class: 'muted' }, t('audit_empty')));
}
