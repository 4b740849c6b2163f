// Who has reported: for a form, a period and a region, each province's status, dates, lateness and
// missing indicators, with reminders (e-mailed when the server can, otherwise texts to copy).
//
// URL: #/completeness?form=monthly&period=2026-10&region=mien-bac-28

import { h, replace, field, select } from '../dom.js';
import { t, getLang, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatDate, isPeriodCode } from '../format.js';
import { currentReportingPeriod, todayIso } from '../periods.js';
import { navigate } from '../app.js';

export async function renderCompleteness(main, params) {
  const lang = getLang();
  const me = api.user();
  const [forms, regions, inds] = await Promise.all([catalog.forms(), catalog.regions(), catalog.indicators()]);
  const form = params.form && forms.byId.has(params.form) ? params.form : 'monthly';
  const formDef = forms.byId.get(form);
  const period = params.period || currentReportingPeriod(formDef ? formDef.period_kind : 'month');
  const region = params.region || me.region || 'mien-bac-28';
  const go = (over) => {
    const q = new URLSearchParams({ form, period, region, ...over });
    navigate(`#/completeness?${q.toString()}`);
  };
  const formSelect = select(forms.list.map((f) => ({ value: f.id, label: nameOf(f) })), form, {
    onchange: (e) => {
      const f = forms.byId.get(e.target.value);
      go({ form: e.target.value, period: currentReportingPeriod(f ? f.period_kind : 'month') });
    },
  });
  const regionSelect = select(regions.list.map((r) => ({ value: r.key, label: nameOf(r) })), region, {
    onchange: (e) => go({ region: e.target.value }),
  });
  const periodInput = h('input', { type: 'text', value: period, size: 10, 'data-testid': 'completeness-period' });
  const controls = h('form', {
    class: 'controls',
    onsubmit: (e) => {
      e.preventDefault();
      const p = periodInput.value.trim().toUpperCase();
      if (isPeriodCode(p)) go({ period: p });
      else periodInput.setAttribute('aria-invalid', 'true');
    },
  }, field(t('form'), formSelect), field(t('period'), periodInput, t('entry_period_hint')), field(t('region'), regionSelect),
  h('div', { class: 'field actions-inline' }, h('button', { type: 'submit', class: 'primary' }, t('show'))));
  const body = h('div');
  replace(main, h('h1', null, t('completeness_title'), ` — ${periodLabel(period, lang)}`), controls, body);

  let data;
  try {
    data = await api.get('/api/completeness', { form, period, region });
  } catch (err) {
    replace(body, h('p', { class: 'alert error', role: 'alert' }, errorMessage(err)));
    return;
  }
  const s = data.summary || {};
  const link = (unit) => `#/entry/${encodeURIComponent(unit)}/${encodeURIComponent(form)}/${encodeURIComponent(period)}`;
  const statusOf = (r) => (r.status === 'missing' || r.status === 'new' || !r.status ? 'missing' : r.status);
  const indName = (id) => nameOf(inds.byId.get(id)) || id;
  const remindBox = h('div', { class: 'remind-box', 'aria-live': 'polite' });
  const remindButton = h('button', {
    type: 'button', class: 'secondary', 'data-testid': 'remind',
    onclick: async () => {
      remindButton.disabled = true;
      try {
        const res = await api.post('/api/reminders', { form, period, region });
        renderReminders(remindBox, res);
      } catch (err) {
        replace(remindBox, h('p', { class: 'alert error', role: 'alert' }, errorMessage(err)));
      } finally {
        remindButton.disabled = false;
      }
    },
  }, t('remind'));
  replace(body,
    h('p', { class: 'summary-line', 'data-testid': 'completeness-summary' },
      t('summary_line', { approved: s.approved ?? 0, submitted: s.submitted ?? 0, draft: s.draft ?? 0, returned: s.returned ?? 0, missing: s.missing ?? 0, late: s.late ?? 0 }),
      data.due_date ? ` · ${t('due', { date: formatDate(data.due_date, lang) })}` : ''),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'completeness-table' },
      h('caption', { class: 'sr-only' }, t('completeness_title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('unit')), h('th', { scope: 'col' }, t('col_status')),
        h('th', { scope: 'col' }, t('col_submitted')), h('th', { scope: 'col' }, t('col_approved')),
        h('th', { scope: 'col' }, t('late')), h('th', { scope: 'col' }, t('missing_indicators')))),
      h('tbody', null, (data.rows || []).map((r) => h('tr', { class: r.late ? 'late-row' : '', 'data-unit': r.unit },
        h('th', { scope: 'row', 'data-label': t('unit') }, h('a', { href: link(r.unit) }, (lang === 'en' ? r.name_en : r.name_vi) || r.name_vi || r.unit)),
        h('td', { 'data-label': t('col_status') }, h('span', { class: `badge status-${statusOf(r)}`, 'data-testid': `status-${r.unit}` }, t(`status_${statusOf(r)}`))),
        h('td', { 'data-label': t('col_submitted') }, formatDate(r.submitted_at, lang)),
        h('td', { 'data-label': t('col_approved') }, formatDate(r.approved_at, lang)),
        h('td', { 'data-label': t('late') }, r.late ? h('span', { class: 'badge late' }, r.days_late ? t('days_late', { n: r.days_late }) : t('late')) : ''),
        h('td', { 'data-label': t('missing_indicators'), class: 'small' }, missingText(r.missing_indicators || [], formDef, indName))))))),
    h('div', { class: 'actions' }, remindButton),
    remindBox);
}

// "tất cả 7 chỉ tiêu" when nothing was entered, otherwise the names of what is missing.
function missingText(missing, formDef, indName) {
  if (!missing.length) return '';
  const all = formDef && formDef.indicators ? formDef.indicators.length : 0;
  if (all && missing.length >= all) return t('missing_all', { n: all });
  return missing.map(indName).join(', ');
}

function renderReminders(box, res) {
  const messages = res.messages || [];
  if (res.smtp_configured) {
    replace(box, h('p', { class: 'alert ok' }, t('remind_sent', { n: (res.sent || []).length })),
      (res.failed || []).map((f) => h('p', { class: 'alert error' }, `${f.unit}: ${errorMessage(f)}`)));
    return;
  }
  if (!messages.length) {
    replace(box, h('p', { class: 'alert info' }, t('remind_none')));
    return;
  }
  const copyButton = (text, label) => {
    const b = h('button', {
      type: 'button', class: 'secondary small',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          b.textContent = t('copied');
        } catch {
          b.textContent = t('copy_failed');
        }
      },
    }, label);
    return b;
  };
  // "to" is one address or a list of them (the server sends every active officer of the province).
  const toText = (m) => (Array.isArray(m.to) ? m.to.join(', ') : m.to || '');
  const all = messages.map((m) => `${t('to')}: ${toText(m) || t('no_email')}\n${t('subject')}: ${m.subject}\n\n${m.body}`).join('\n\n----------\n\n');
  replace(box,
    h('p', { class: 'alert warning', 'data-testid': 'no-smtp' }, t('remind_no_smtp')),
    h('div', { class: 'actions' }, copyButton(all, t('copy_all', { n: messages.length }))),
    h('div', { class: 'reminder-list' }, messages.map((m) => h('details', { class: 'card reminder' },
      h('summary', null, h('strong', null, m.name_vi || m.unit), ` — ${toText(m) || t('no_email')}`),
      h('p', null, h('strong', null, `${t('subject')}: `), m.subject),
      h('pre', { class: 'reminder-text' }, m.body),
      copyButton(`${m.subject}\n\n${m.body}`, t('copy'))))));
}
