// Import of organisations, OCOP products or listings from a CSV file: the server checks the whole
// file first and answers with every problem (row, column, reason); nothing is written until the
// reader confirms a file without errors, and a file with errors is refused whole.
//
// URL: #/linkage/import

import { h, replace, field, select } from '../dom.js';
import { t, getLang, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../app.js';
import { errorBox } from './linkage-common.js';

const kKinds = ['organisations', 'products', 'listings'];

function problemTable(problems) {
  const en = getLang() === 'en';
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'import-problems' },
    h('caption', null, t('lk_import_problems', { n: problems.length })),
    h('thead', null, h('tr', null, ['lk_row', 'lk_column', 'col_severity', 'lk_value', 'col_reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, problems.map((p) => h('tr', { class: p.severity === 'error' ? 'lk-error-row' : 'lk-warning-row' },
      h('td', { 'data-label': t('lk_row'), class: 'num' }, p.row ?? ''),
      h('td', { 'data-label': t('lk_column') }, p.column || ''),
      h('td', { 'data-label': t('col_severity') }, h('span', { class: `badge ${p.severity === 'error' ? 'late' : 'estimate'}` }, t(`lk_${p.severity === 'error' || p.severity === 'warning' ? p.severity : 'note'}`))),
      h('td', { 'data-label': t('lk_value') }, p.value ?? ''),
      h('td', { 'data-label': t('col_reason') }, (en ? p.reason_en || p.message_en || p.reason_vi || p.message_vi : p.reason_vi || p.message_vi || p.reason_en || p.message_en) || ''))))));
}

export async function renderLinkageImport(main, params) {
  const kind = select(kKinds.map((k) => ({ value: k, label: t(`lk_import_${k}`) })), kKinds.includes(params.kind) ? params.kind : 'listings', { name: 'kind', 'data-testid': 'import-kind' });
  const fileInput = h('input', { type: 'file', class: 'file-input', accept: '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', id: 'lk-import-file', 'data-testid': 'import-file' });
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'import-result' });
  // The chosen file as it is: CSV text, or an Excel workbook the server reads sheet row by row.
  let payload = null;
  let excel = false;

  const send = async (confirm) => {
    const body = await api.request('POST', '/api/linkage/import', {
      query: { kind: kind.value, confirm: confirm ? 1 : 0 },
      body: payload,
      type: excel ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    });
    return body || {};
  };

  const preview = async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    excel = /\.xlsx$/i.test(file.name);
    payload = excel ? await file.arrayBuffer() : await file.text();
    replace(result, h('p', { class: 'loading' }, t('loading')));
    let body;
    try {
      body = await send(false);
    } catch (err) {
      // A refused file: its problems come in the error's details.
      replace(result, errorBox(err), err.details && err.details.length ? problemTable(err.details) : null);
      return;
    }
    const problems = body.problems || [];
    const errors = body.errors ?? problems.filter((p) => p.severity === 'error').length;
    const rows = body.rows_read ?? body.rows;
    const confirmButton = h('button', {
      type: 'button',
      class: 'primary',
      'data-testid': 'import-confirm',
      disabled: errors > 0,
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        try {
          const done = await send(true);
          if (done.applied === false || (done.errors || 0) > 0) {
            replace(result, h('p', { class: 'alert error' }, t('lk_import_refused')), problemTable(done.problems || []));
            return;
          }
          toast(t('lk_import_done', { n: done.imported ?? rows }), 'ok');
          replace(result, h('p', { class: 'alert ok', 'data-testid': 'import-done' }, t('lk_import_done', { n: done.imported ?? rows })));
          fileInput.value = '';
        } catch (err) {
          replace(result, errorBox(err), err.details && err.details.length ? problemTable(err.details) : null);
        }
      },
    }, t('lk_import_confirm'));
    replace(result,
      h('div', { class: 'card', 'data-testid': 'import-preview' },
        h('p', { class: 'summary-line' }, t('lk_import_summary', { file: file.name, rows: rows ?? '?', errors, warnings: problems.length - errors })),
        errors ? h('p', { class: 'alert error' }, t('lk_import_refused')) : h('p', { class: 'alert ok' }, t('lk_import_ready')),
        problems.length ? problemTable(problems) : null,
        h('div', { class: 'actions' }, confirmButton,
          h('button', { type: 'button', class: 'secondary', onclick: () => { replace(result); fileInput.value = ''; } }, t('cancel')))));
  };
  fileInput.addEventListener('change', () => preview().catch((err) => replace(result, errorBox({ message: errorMessage(err) }))));
  kind.addEventListener('change', () => {
    if (payload !== null && fileInput.files && fileInput.files[0]) preview();
  });

  replace(main,
    h('h1', null, t('lk_import_title')),
    h('p', { class: 'muted' }, t('lk_import_intro')),
    h('div', { class: 'controls' },
      field(t('lk_import_kind'), kind),
      h('div', { class: 'field' },
        h('span', { class: 'lk-label' }, t('lk_import_file')),
        fileInput,
        h('label', { for: 'lk-import-file', class: 'button secondary' }, t('lk_import_choose')),
        h('small', { class: 'hint' }, t('lk_import_hint')))),
    result);
  return undefined;
}
