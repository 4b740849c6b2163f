// The reports the logged-in user may see, newest first, each a link to its entry page.

import { h, replace } from '../dom.js';
import { t, getLang, nameOf } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatDate } from '../format.js';
import { todayIso } from '../periods.js';

export async function renderSubmissions(main) {
  const lang = getLang();
  const [body, units, forms] = await Promise.all([
    api.get('/api/submissions'), catalog.units(todayIso()), catalog.forms(),
  ]);
  const list = (body.submissions || []).slice().sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
  const link = (s) => `#/entry/${encodeURIComponent(s.unit)}/${encodeURIComponent(s.form)}/${encodeURIComponent(s.period)}`;
  const table = list.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'submissions-table' },
    h('caption', { class: 'sr-only' }, t('submissions_title')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('unit')), h('th', { scope: 'col' }, t('col_form')), h('th', { scope: 'col' }, t('col_period')),
      h('th', { scope: 'col' }, t('col_status')), h('th', { scope: 'col' }, t('col_due')), h('th', { scope: 'col' }, t('col_updated')),
      h('th', { scope: 'col' }, t('col_submitted')), h('th', { scope: 'col' }, t('col_approved')))),
    h('tbody', null, list.map((s) => h('tr', null,
      h('td', { 'data-label': t('unit') }, catalog.unitName(units, s.unit)),
      h('td', { 'data-label': t('col_form') }, nameOf(forms.byId.get(s.form)) || s.form),
      h('th', { scope: 'row', 'data-label': t('col_period') }, h('a', { href: link(s) }, periodLabel(s.period, lang))),
      h('td', { 'data-label': t('col_status') }, h('span', { class: `badge status-${s.status}` }, t(`status_${s.status}`))),
      h('td', { 'data-label': t('col_due') }, formatDate(s.due_date, lang)),
      h('td', { 'data-label': t('col_updated') }, formatDate(s.updated_at, lang)),
      h('td', { 'data-label': t('col_submitted') }, formatDate(s.submitted_at, lang)),
      h('td', { 'data-label': t('col_approved') }, formatDate(s.approved_at, lang)))))))
    : h('p', { class: 'muted' }, t('submissions_empty'));
  replace(main,
    h('h1', null, t('submissions_title')),
    h('p', null, h('a', { class: 'button primary', href: '#/entry' }, t('new_entry'))),
    table);
}
