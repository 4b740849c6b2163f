// Data entry for one province, form and period, like a sheet of the Excel form but checked as one
// types: one row per indicator with the figure as typed, its qualifier and status, a note, and the
// same period last year and the previous period beside it. Save (draft), submit, and for those
// allowed approve / return / reopen; the Excel round trip (download the pre-filled form, upload it
// back with a preview of every change before anything is written).
//
// URL: #/entry/<unit>/<form>/<period>; #/entry opens a chooser.

import { h, replace, field, select, debounce } from '../dom.js';
import { t, getLang, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { periodLabel, formatDate, isPeriodCode } from '../format.js';
import { currentReportingPeriod, todayIso } from '../periods.js';
import { navigate, showError, toast } from '../app.js';

const kQualifiers = ['exact', 'lower_bound', 'approx', 'upper_bound'];
const kStatuses = ['estimate', 'preliminary', 'official'];

export async function renderEntryChooser(main) {
  const me = api.user();
  const [units, forms] = await Promise.all([catalog.units(todayIso()), catalog.forms()]);
  const provinces = units.list.filter((u) => u.type !== 'country');
  const unitSelect = select(provinces.map((u) => ({ value: u.key, label: nameOf(u) })), me.unit || '', { name: 'unit' });
  if (me.unit && (me.role === 'officer' || me.role === 'approver')) unitSelect.disabled = true;
  const formSelect = select(forms.list.map((f) => ({ value: f.id, label: nameOf(f) })), 'monthly', { name: 'form' });
  const periodInput = h('input', { type: 'text', name: 'period', size: 10, required: true, 'data-testid': 'entry-period' });
  const error = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const setDefaultPeriod = () => {
    const f = forms.byId.get(formSelect.value);
    periodInput.value = currentReportingPeriod(f ? f.period_kind : 'month');
  };
  formSelect.addEventListener('change', setDefaultPeriod);
  setDefaultPeriod();
  replace(main,
    h('h1', null, t('entry_title')),
    h('form', {
      class: 'card narrow',
      onsubmit: (e) => {
        e.preventDefault();
        const period = periodInput.value.trim().toUpperCase();
        if (!isPeriodCode(period)) {
          replace(error, t('period_code_bad'));
          periodInput.focus();
          return;
        }
        navigate(`#/entry/${encodeURIComponent(unitSelect.value)}/${encodeURIComponent(formSelect.value)}/${encodeURIComponent(period)}`);
      },
    },
    h('h2', null, t('entry_choose')),
    field(t('unit'), unitSelect),
    field(t('form'), formSelect),
    field(t('period'), periodInput, t('entry_period_hint')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('entry_open')))));
}

function submissionPath(p) {
  return `/api/submissions/${encodeURIComponent(p.unit)}/${encodeURIComponent(p.form)}/${encodeURIComponent(p.period)}`;
}

export async function renderEntry(main, params) {
  let data;
  try {
    data = await api.get(submissionPath(params));
  } catch (err) {
    showError(main, err, { title: t('refused') });
    return undefined;
  }
  const page = new EntryPage(main, params, data);
  await page.loadHistory();
  page.render();
  return () => page.dispose();
}

class EntryPage {
  constructor(main, params, data) {
    this.main = main;
    this.params = params;
    this.path = submissionPath(params);
    this.dirty = false;
    this.cells = new Map(); // indicator -> {value, qualifier, status, note, msgBox, row}
    this.checkSoon = debounce(() => this.check(), 450);
    this.onBeforeUnload = (e) => {
      if (this.dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.setData(data);
  }

  // The workflow steps (submitted, approved, returned …) from the audit trail; comments alone only
  // hold the steps where someone wrote something.
  async loadHistory() {
    try {
      const body = await api.get('/api/audit', { unit: this.params.unit, period: this.params.period });
      this.history = (body.entries || []).filter((e) => e.via === 'workflow' && !e.indicator && (!e.form || e.form === this.params.form));
    } catch {
      this.history = null;
    }
  }

  dispose() {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  setData(data) {
    this.data = data;
    this.can = data.can || {};
  }

  values() {
    return this.data.rows.map((r) => {
      const c = this.cells.get(r.indicator);
      const raw = c ? c.value.value.trim() : (r.value ?? '');
      return {
        indicator: r.indicator,
        value: raw === '' ? null : raw,
        qualifier: c ? c.qualifier.value : r.qualifier || 'exact',
        status: c ? c.status.value : r.status || 'estimate',
        note: c ? c.note.value : r.note || '',
      };
    });
  }

  counts() {
    let errors = 0;
    let warnings = 0;
    for (const r of this.data.rows) {
      for (const m of r.messages || []) {
        if (m.severity === 'error') errors += 1;
        else if (m.severity === 'warning') warnings += 1;
      }
    }
    return { errors, warnings };
  }

  render() {
    const lang = getLang();
    const s = this.data.submission;
    const editable = Boolean(this.can.edit);
    this.cells.clear();
    const unitName = lang === 'en' ? s.unit_name_en || s.unit_name_vi || s.unit : s.unit_name_vi || s.unit;
    const formName = lang === 'en' ? s.form_name_en || s.form_name_vi || s.form : s.form_name_vi || s.form;
    const header = h('div', { class: 'entry-head' },
      h('h1', null, `${formName} — ${unitName}`),
      h('p', { class: 'entry-sub' },
        h('span', { class: 'period-label' }, periodLabel(s.period, lang)),
        ' ',
        h('span', { class: `badge status-${s.status}`, 'data-testid': 'submission-status' }, t(`status_${s.status}`)),
        s.late ? h('span', { class: 'badge late' }, t('late')) : null,
        s.due_date ? h('span', { class: 'muted' }, ' ', t('due', { date: formatDate(s.due_date, lang) })) : null));

    const notices = [];
    if (s.status === 'approved') notices.push(h('p', { class: 'alert info', 'data-testid': 'locked' }, t('locked')));
    else if (!editable) notices.push(h('p', { class: 'alert info' }, t('read_only')));
    this.summaryBox = h('div', { class: 'entry-summary', 'aria-live': 'polite', 'data-testid': 'entry-summary' });

    const table = this.renderTable(editable, lang);
    this.actionsBox = h('div', { class: 'entry-actions-box' });
    const actions = this.actionsBox;
    this.refreshActions();
    const excel = this.renderExcel(editable);
    const comments = this.renderComments(lang);
    replace(this.main, header, notices, editable ? h('p', { class: 'muted small' }, t('input_hint')) : null,
      this.summaryBox, table, actions, excel, comments);
    this.renderSummary();
  }

  renderTable(editable, lang) {
    const head = h('tr', null,
      h('th', { scope: 'col' }, t('col_indicator')),
      h('th', { scope: 'col' }, t('col_unit')),
      h('th', { scope: 'col', class: 'num' }, t('col_input')),
      h('th', { scope: 'col' }, t('col_qualifier')),
      h('th', { scope: 'col' }, t('col_vintage')),
      h('th', { scope: 'col' }, t('col_note')),
      h('th', { scope: 'col', class: 'num' }, t('col_last_year')),
      h('th', { scope: 'col', class: 'num' }, t('col_prev_period')),
      h('th', { scope: 'col' }, t('col_messages')),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('col_history'))));
    const rows = this.data.rows.map((r, i) => this.renderRow(r, i, editable, lang));
    return h('div', { class: 'table-wrap entry-wrap' },
      h('table', { class: 'data entry-grid stack', 'data-testid': 'entry-grid' },
        h('thead', null, head), h('tbody', null, rows)));
  }

  renderRow(r, index, editable, lang) {
    const name = lang === 'en' ? r.name_en || r.name_vi : r.name_vi;
    const unit = lang === 'en' ? r.display_unit_en || r.display_unit_vi : r.display_unit_vi;
    const id = `cell-${r.indicator}`;
    const value = h('input', {
      id,
      type: 'text',
      inputmode: 'decimal',
      class: 'num-input',
      autocomplete: 'off',
      value: r.value ?? '',
      readOnly: !editable,
      'aria-describedby': `msg-${r.indicator}`,
      'data-indicator': r.indicator,
      'data-row': index,
    });
    const qualifier = select(kQualifiers.map((q) => ({ value: q, label: t(`qualifier_${q}`) })), r.qualifier || 'exact',
      { disabled: !editable, 'aria-label': `${t('col_qualifier')}: ${name}` });
    const status = select(kStatuses.map((q) => ({ value: q, label: t(`status_${q}`) })), r.status || 'estimate',
      { disabled: !editable, 'aria-label': `${t('col_vintage')}: ${name}` });
    const note = h('input', { type: 'text', value: r.note || '', readOnly: !editable, 'aria-label': `${t('col_note')}: ${name}`, class: 'note-input' });
    const msgBox = h('div', { id: `msg-${r.indicator}`, class: 'messages', 'aria-live': 'polite' });
    const row = h('tr', { 'data-indicator': r.indicator });
    this.cells.set(r.indicator, { value, qualifier, status, note, msgBox, row });
    this.showMessages(r.indicator, r.messages || []);
    if (editable) {
      const changed = () => {
        this.dirty = true;
        this.renderSummary();
        this.checkSoon();
      };
      value.addEventListener('input', changed);
      qualifier.addEventListener('change', changed);
      status.addEventListener('change', changed);
      note.addEventListener('input', () => {
        this.dirty = true;
        this.renderSummary();
      });
    }
    value.addEventListener('keydown', (e) => this.moveFocus(e, index));
    const ref = (x) => (x && x.value !== null && x.value !== undefined
      ? h('span', null, x.value, h('small', { class: 'muted block' }, periodLabel(x.period, lang))) : h('span', { class: 'muted' }, '—'));
    const audit = `#/audit/${encodeURIComponent(this.params.unit)}/${encodeURIComponent(r.indicator)}/${encodeURIComponent(this.params.period)}`;
    row.append(
      h('th', { scope: 'row', 'data-label': t('col_indicator') }, h('label', { for: id }, name)),
      h('td', { 'data-label': t('col_unit'), class: 'unit' }, unit),
      h('td', { 'data-label': t('col_input'), class: 'num' }, value),
      h('td', { 'data-label': t('col_qualifier') }, qualifier),
      h('td', { 'data-label': t('col_vintage') }, status),
      h('td', { 'data-label': t('col_note') }, note),
      h('td', { 'data-label': t('col_last_year'), class: 'num ref' }, ref(r.last_year)),
      h('td', { 'data-label': t('col_prev_period'), class: 'num ref' }, ref(r.previous)),
      h('td', { 'data-label': t('col_messages'), class: 'msg-cell' }, msgBox),
      h('td', { 'data-label': t('col_history') }, h('a', { href: audit, class: 'small' }, t('history_link'))));
    return row;
  }

  // Enter / Shift+Enter and the arrow keys move between the figures, as in a spreadsheet.
  moveFocus(e, index) {
    let delta = 0;
    if (e.key === 'Enter') delta = e.shiftKey ? -1 : 1;
    else if (e.key === 'ArrowDown') delta = 1;
    else if (e.key === 'ArrowUp') delta = -1;
    if (!delta) return;
    e.preventDefault();
    const rows = this.data.rows;
    const next = rows[index + delta];
    if (next) {
      const c = this.cells.get(next.indicator);
      c.value.focus();
      c.value.select();
    } else if (e.key === 'Enter' && delta > 0 && this.saveButton) {
      this.saveButton.focus();
    }
  }

  showMessages(indicator, messages) {
    const c = this.cells.get(indicator);
    if (!c) return;
    const row = this.data.rows.find((r) => r.indicator === indicator);
    if (row) row.messages = messages;
    const lang = getLang();
    const worst = messages.some((m) => m.severity === 'error') ? 'error'
      : messages.some((m) => m.severity === 'warning') ? 'warning' : '';
    c.row.classList.toggle('has-error', worst === 'error');
    c.row.classList.toggle('has-warning', worst === 'warning');
    if (worst === 'error') c.value.setAttribute('aria-invalid', 'true');
    else c.value.removeAttribute('aria-invalid');
    replace(c.msgBox, messages.map((m) => h('p', { class: `msg ${m.severity}`, 'data-testid': `msg-${m.severity}` },
      h('span', { class: 'sev' }, t(`severity_${m.severity}`) + ': '),
      lang === 'en' ? m.message_en || m.message_vi : m.message_vi || m.message_en)));
  }

  renderSummary() {
    if (!this.summaryBox) return;
    const { errors, warnings } = this.counts();
    const parts = [];
    if (errors) parts.push(h('p', { class: 'alert error' }, t('has_errors', { n: errors })));
    if (warnings) parts.push(h('p', { class: 'alert warning' }, t('has_warnings', { n: warnings })));
    if (this.dirty) parts.push(h('p', { class: 'muted' }, t('unsaved')));
    replace(this.summaryBox, parts);
    if (this.submitButton) this.submitButton.disabled = errors > 0;
  }

  async check() {
    const seq = (this.checkSeq = (this.checkSeq || 0) + 1);
    try {
      const res = await api.post(`${this.path}/check`, { values: this.values() });
      if (seq !== this.checkSeq) return; // a later check is on its way
      const byIndicator = new Map((res.rows || []).map((r) => [r.indicator, r.messages || []]));
      const hadWarnings = this.counts().warnings > 0;
      for (const r of this.data.rows) this.showMessages(r.indicator, byIndicator.get(r.indicator) || []);
      if (hadWarnings !== this.counts().warnings > 0) this.refreshActions();
      this.renderSummary();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  async act(fn, okMessage) {
    const buttons = this.main.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const data = await fn();
      this.dirty = false;
      this.setData(data);
      await this.loadHistory();
      this.render();
      if (okMessage) toast(typeof okMessage === 'function' ? okMessage(data) : okMessage, 'ok');
      return data;
    } catch (err) {
      buttons.forEach((b) => { b.disabled = false; });
      this.showActionError(err);
      return null;
    }
  }

  showActionError(err) {
    const perRow = (err.details || []).filter((d) => d && d.indicator && Array.isArray(d.messages));
    if (perRow.length) {
      const byIndicator = new Map(perRow.map((d) => [d.indicator, d.messages]));
      for (const r of this.data.rows) this.showMessages(r.indicator, byIndicator.get(r.indicator) || []);
      this.refreshActions();
      this.renderSummary();
    }
    const details = (err.details || []).filter((d) => d && (d.message_vi || d.message_en));
    replace(this.actionMessage, h('div', { class: 'alert error', role: 'alert', 'data-testid': 'action-error' },
      h('p', null, errorMessage(err)),
      details.length ? h('ul', null, details.map((d) => h('li', null, errorMessage(d)))) : null));
    this.actionMessage.scrollIntoView({ block: 'nearest' });
  }

  refreshActions() {
    if (this.actionsBox) replace(this.actionsBox, this.renderActions());
  }

  renderActions() {
    const can = this.can;
    this.actionMessage = h('div', { class: 'action-message', 'aria-live': 'assertive' });
    const buttons = [];
    const extra = h('div', { class: 'action-extra' });
    this.saveButton = null;
    this.submitButton = null;
    if (can.edit) {
      this.saveButton = h('button', {
        type: 'button', class: 'secondary', 'data-testid': 'save',
        onclick: () => this.act(() => api.put(this.path, { values: this.values() }), (data) => {
          const bad = data.rows.filter((r) => (r.messages || []).some((m) => m.severity === 'error')).length;
          return bad ? t('saved_with_errors', { n: bad }) : t('saved', { time: new Date().toLocaleTimeString(getLang() === 'en' ? 'en-GB' : 'vi-VN') });
        }),
      }, t('save'));
      buttons.push(this.saveButton);
    }
    // A new report cannot be submitted before its first save; the button saves first.
    if (can.submit || (can.edit && this.data.submission.status === 'new')) {
      const accept = h('input', { type: 'checkbox', id: 'accept-warnings', 'data-testid': 'accept-warnings' });
      const { warnings } = this.counts();
      if (warnings) extra.append(h('label', { class: 'check' }, accept, ' ', t('accept_warnings')));
      this.submitButton = h('button', {
        type: 'button', class: 'primary', 'data-testid': 'submit',
        onclick: () => this.act(async () => {
          if (this.dirty && can.edit) await api.put(this.path, { values: this.values() });
          return api.post(`${this.path}/submit`, withComment({ accept_warnings: accept.checked }));
        }, t('submitted')),
      }, t('submit'));
      buttons.push(this.submitButton);
    }
    const comment = h('input', { type: 'text', class: 'comment-input', 'data-testid': 'action-comment', placeholder: t('comment_optional'), 'aria-label': t('comment_optional') });
    const withComment = (body) => (comment.value.trim() ? { ...body, comment: comment.value.trim() } : body);
    if (can.withdraw) {
      buttons.push(h('button', {
        type: 'button', class: 'secondary', 'data-testid': 'withdraw',
        onclick: () => this.act(() => api.post(`${this.path}/withdraw`, withComment({})), t('withdrawn')),
      }, t('withdraw')));
    }
    if (can.approve) {
      buttons.push(h('button', {
        type: 'button', class: 'primary', 'data-testid': 'approve',
        onclick: () => this.act(() => api.post(`${this.path}/approve`, withComment({})), t('approved')),
      }, t('approve')));
    }
    const reasonForm = (label, action, okKey, testid) => {
      const text = h('textarea', { rows: 3, required: true, 'data-testid': `${testid}-text` });
      const err = h('p', { class: 'field-error', 'aria-live': 'polite' });
      const form = h('form', {
        class: 'reason-form',
        onsubmit: (e) => {
          e.preventDefault();
          const v = text.value.trim();
          if (!v) {
            replace(err, t('comment_required'));
            text.focus();
            return;
          }
          const key = action === 'return' ? 'comment' : 'reason';
          this.act(() => api.post(`${this.path}/${action}`, { [key]: v }), t(okKey));
        },
      }, field(label, text), err, h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}-confirm` }, t('confirm')),
        h('button', { type: 'button', class: 'secondary', onclick: () => replace(extra) }, t('cancel'))));
      replace(extra, form);
      text.focus();
    };
    if (can.return) {
      buttons.push(h('button', {
        type: 'button', class: 'secondary danger', 'data-testid': 'return',
        onclick: () => reasonForm(t('return_comment'), 'return', 'returned', 'return'),
      }, t('return')));
    }
    if (can.reopen) {
      buttons.push(h('button', {
        type: 'button', class: 'secondary', 'data-testid': 'reopen',
        onclick: () => reasonForm(t('reopen_reason'), 'reopen', 'reopened', 'reopen'),
      }, t('reopen')));
    }
    if (!buttons.length) return this.actionMessage;
    const commentable = can.submit || can.approve || can.withdraw || (can.edit && this.data.submission.status === 'new');
    return h('div', { class: 'entry-actions' }, h('div', { class: 'actions' }, buttons, commentable ? comment : null), extra, this.actionMessage);
  }

  renderExcel(editable) {
    const download = h('a', { class: 'button secondary', href: `${this.path}/template.xlsx`, download: '', 'data-testid': 'excel-download' }, t('excel_download'));
    const preview = h('div', { class: 'upload-preview', 'aria-live': 'polite' });
    let upload = null;
    if (editable) {
      const file = h('input', { type: 'file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', id: 'excel-file', class: 'file-input', 'data-testid': 'excel-file' });
      file.addEventListener('change', async () => {
        const f = file.files && file.files[0];
        if (!f) return;
        const bytes = await f.arrayBuffer();
        file.value = '';
        await this.uploadPreview(bytes, preview);
      });
      upload = h('label', { class: 'button secondary', for: 'excel-file' }, t('excel_upload'));
      upload = h('span', null, upload, file);
    }
    return h('section', { class: 'panel excel' },
      h('h2', null, t('excel')),
      h('p', { class: 'muted small' }, t('excel_hint')),
      h('div', { class: 'actions' }, download, upload),
      preview);
  }

  async uploadPreview(bytes, box) {
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    let res;
    try {
      res = await api.request('POST', `${this.path}/upload`, { body: bytes, type, query: { confirm: 0 } });
    } catch (err) {
      replace(box, h('p', { class: 'alert error', role: 'alert' }, errorMessage(err)));
      return;
    }
    const lang = getLang();
    const changes = res.changes || [];
    const problems = res.problems || [];
    const errors = problems.filter((p) => p.severity === 'error').length;
    const names = new Map(this.data.rows.map((r) => [r.indicator, lang === 'en' ? r.name_en || r.name_vi : r.name_vi]));
    const confirm = h('button', {
      type: 'button', class: 'primary', disabled: errors > 0 || !changes.length, 'data-testid': 'upload-confirm',
      onclick: async () => {
        try {
          const done = await api.request('POST', `${this.path}/upload`, { body: bytes, type, query: { confirm: 1 } });
          if (done && done.applied === false) {
            replace(box, h('p', { class: 'alert error' }, t('upload_blocked')));
            return;
          }
          const data = await api.get(this.path);
          this.dirty = false;
          this.setData(data);
          this.render();
          toast(t('upload_applied'), 'ok');
        } catch (err) {
          replace(box, h('p', { class: 'alert error', role: 'alert' }, errorMessage(err)));
        }
      },
    }, t('confirm'));
    replace(box, h('div', { class: 'card', 'data-testid': 'upload-preview' },
      h('h3', null, t('upload_preview')),
      changes.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('caption', null, t('upload_changes', { n: changes.length })),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('col_indicator')), h('th', { scope: 'col', class: 'num' }, t('col_old')), h('th', { scope: 'col', class: 'num' }, t('col_new')))),
        h('tbody', null, changes.map((c) => h('tr', null,
          h('th', { scope: 'row' }, names.get(c.indicator) || c.indicator),
          h('td', { class: 'num' }, c.old ?? '—'),
          h('td', { class: 'num' }, c.new ?? '—')))))) : h('p', null, t('upload_no_changes')),
      problems.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('caption', null, t('upload_problems', { n: problems.length })),
        h('thead', null, h('tr', null, ['col_severity', 'col_row', 'col_column', 'col_input', 'col_reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, problems.map((p) => h('tr', { class: `sev-${p.severity}` },
          h('td', null, h('span', { class: `msg ${p.severity}` }, t(`severity_${p.severity}`))),
          h('td', { class: 'num' }, p.row ? p.row : ''),
          h('td', null, p.column ?? ''),
          h('td', null, p.value ?? ''),
          h('td', null, lang === 'en' ? p.message_en || p.message_vi : p.message_vi || p.message_en)))))) : null,
      errors ? h('p', { class: 'alert error' }, t('upload_blocked')) : null,
      h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'secondary', onclick: () => replace(box) }, t('cancel')))));
    box.scrollIntoView({ block: 'nearest' });
  }

  renderComments(lang) {
    const actionWord = (a) => (t(`action_${a}`) === `action_${a}` ? a : t(`action_${a}`));
    const statusWord = (st) => (st && t(`status_${st}`) !== `status_${st}` ? t(`status_${st}`) : st);
    let items;
    if (this.history && this.history.length) {
      items = this.history.slice().sort((a, b) => (a.at < b.at ? -1 : 1)).map((e) => ({
        at: e.at, user: e.user, action: e.action, text: e.comment,
        change: e.old || e.new ? `${statusWord(e.old) || '—'} → ${statusWord(e.new) || '—'}` : '',
      }));
    } else {
      items = (this.data.submission.comments || []).map((c) => ({ ...c, change: '' }));
    }
    return h('section', { class: 'panel comments' },
      h('h2', null, t('comments')),
      items.length ? h('ol', { class: 'timeline', 'data-testid': 'history' }, items.map((c) => h('li', null,
        h('span', { class: 'when' }, formatDate(c.at, lang)),
        ' ',
        h('strong', null, c.user || ''),
        ' — ',
        actionWord(c.action),
        c.change ? h('span', { class: 'muted' }, ` (${c.change})`) : null,
        c.text ? h('blockquote', null, c.text) : null))) : h('p', { class: 'muted' }, t('no_comments')));
  }
}
