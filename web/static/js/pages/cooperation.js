// Cooperation programmes between provinces and requests between Departments (issue 5).
//
// URLs: #/cooperation                 agreements (and a form to add one)
//       #/cooperation/agreement/<id>  parties, documents, plans with tasks (status badges, overdue
//                                     highlighted), reports, the lead's consolidation
//       #/cooperation/overdue         the overdue-tasks dashboard
//       #/cooperation/requests        inbox / outbox (?box=outbox) with reply
//       #/cooperation/requests/<id>   one request (the link in e-mails)
// Who may do what is the server's (can_manage, can_update, can_lead, can_reply, can_close).

import { h, replace, select, field } from '../dom.js';
import { t, nameOf, errorMessage, getLang } from '../i18n.js';
import * as api from '../api.js';
import { navigate, toast } from '../app.js';
import { places, provinceOptions, errorBox } from './linkage-common.js';
import './cooperation-strings.js';

const kStatuses = ['not_started', 'in_progress', 'done', 'cancelled'];

function dateText(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return getLang() === 'en' ? `${y}-${m}-${d}` : `${d}/${m}/${y}`;
}

function statusBadge(status) {
  return h('span', { class: `badge co-status co-status-${status}`, 'data-status': status }, t(`co_status_${status}`));
}

function stateBadge(state) {
  return h('span', { class: `badge co-state co-state-${state}`, 'data-state': state }, t(`co_state_${state}`));
}

function overdueBadge(task) {
  return task.overdue
    ? h('span', { class: 'badge co-overdue', 'data-testid': 'overdue-badge' }, t('co_overdue_days', { n: task.days_overdue }))
    : null;
}

function fileLink(f) {
  if (!f) return null;
  return h('a', { href: f.url, download: f.file_name, title: `SHA-256 ${f.sha256}` }, `${f.file_name} (${Math.ceil(f.size / 1024)} KB)`);
}

// A <input type=file> to {file_name, content_type, content_base64}, or null when empty.
async function readFile(input) {
  const file = input.files && input.files[0];
  if (!file) return null;
  const buffer = await file.arrayBuffer();
  let binary = '';
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { file_name: file.name, content_type: file.type || 'application/octet-stream', content_base64: btoa(binary) };
}

function input(attrs) {
  return h('input', { type: 'text', ...attrs });
}

// Runs `fn` for a form's submit button; shows the server's message on failure.
function submitting(form, fn) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await fn();
    } catch (err) {
      toast(errorMessage(err), 'error');
      const box = form.querySelector('.co-form-error');
      if (box) replace(box, errorBox(err));
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

function multiSelect(options, attrs) {
  const el = h('select', { multiple: true, size: 8, ...attrs });
  for (const o of options) el.appendChild(h('option', { value: o.value }, o.label));
  return el;
}

function selected(sel) {
  return [...sel.selectedOptions].map((o) => o.value);
}

function unitName(u) {
  return u ? nameOf(u) : '';
}

function header(title, intro) {
  return [
    h('div', { class: 'lk-head' }, h('h1', null, title),
      h('div', { class: 'actions' },
        h('a', { class: 'button secondary', href: '#/cooperation' }, t('nav_cooperation')),
        h('a', { class: 'button secondary', href: '#/cooperation/overdue', 'data-testid': 'overdue-link' }, t('co_overdue_link')),
        h('a', { class: 'button secondary', href: '#/cooperation/requests' }, t('co_requests_link')))),
    intro ? h('p', { class: 'muted' }, intro) : null,
  ];
}

// ---- the list of agreements

export async function renderCooperationList(main) {
  const me = api.user();
  let body;
  let pl;
  try {
    [body, pl] = await Promise.all([api.get('/api/cooperation/agreements'), places()]);
  } catch (err) {
    replace(main, header(t('co_title')), errorBox(err));
    return undefined;
  }
  const list = body.agreements || [];
  const table = list.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'agreements' },
      h('caption', { class: 'sr-only' }, t('co_title')),
      h('thead', null, h('tr', null, ['co_col_title', 'co_col_kind', 'co_col_parties', 'co_col_signed', 'co_col_validity', 'co_col_tasks', 'co_col_overdue']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, list.map((a) => h('tr', { class: a.overdue_tasks ? 'co-row-overdue' : null },
        h('th', { scope: 'row', 'data-label': t('co_col_title') },
          h('a', { href: `#/cooperation/agreement/${a.id}` }, a.title),
          a.dataset === 'illustrative' ? h('span', { class: 'badge lk-demo' }, t('co_demo')) : null),
        h('td', { 'data-label': t('co_col_kind') }, t(`co_kind_${a.kind}`)),
        h('td', { 'data-label': t('co_col_parties') }, a.parties.map(unitName).join(', ')),
        h('td', { 'data-label': t('co_col_signed') }, dateText(a.signed_on)),
        h('td', { 'data-label': t('co_col_validity') }, `${dateText(a.valid_from)} – ${a.valid_to ? dateText(a.valid_to) : t('co_open_ended')}`),
        h('td', { 'data-label': t('co_col_tasks'), class: 'num' }, String(a.tasks)),
        h('td', { 'data-label': t('co_col_overdue'), class: 'num' },
          a.overdue_tasks ? h('span', { class: 'badge co-overdue' }, String(a.overdue_tasks)) : '0'))))))
    : h('p', { class: 'muted' }, t('co_none'));

  // The form: officers for agreements of their province; coordinators and administrators.
  let form = null;
  if (me && me.role !== 'enterprise') {
    const title = input({ name: 'title', required: true });
    const kind = select([{ value: 'regional', label: t('co_kind_regional') }, { value: 'bilateral', label: t('co_kind_bilateral') }], 'regional', { name: 'kind' });
    const parties = multiSelect(provinceOptions(pl, null), { name: 'parties' });
    const signed = h('input', { type: 'date', name: 'signed_on', required: true });
    const validTo = h('input', { type: 'date', name: 'valid_to' });
    const fields = input({ name: 'fields' });
    const summary = h('textarea', { name: 'summary', rows: 2 });
    form = submitting(h('form', { class: 'co-form', 'data-testid': 'agreement-form' },
      h('h2', null, t('co_new_agreement')),
      field(t('co_field_title'), title), field(t('co_field_kind'), kind), field(t('co_field_parties'), parties),
      field(t('co_field_signed'), signed), field(t('co_field_valid_to'), validTo),
      field(t('co_field_fields'), fields), field(t('co_field_summary'), summary),
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_save'))), async () => {
      const answer = await api.post('/api/cooperation/agreements', {
        title: title.value, kind: kind.value, parties: selected(parties), signed_on: signed.value,
        valid_to: validTo.value, fields: fields.value.split(',').map((s) => s.trim()).filter(Boolean), summary: summary.value,
      });
      toast(t('co_created'), 'ok');
      navigate(`#/cooperation/agreement/${answer.agreement.id}`);
    });
  }
  replace(main, header(t('co_title'), t('co_intro')), table, form ? h('details', { class: 'co-details' }, h('summary', null, t('co_new_agreement')), form) : null);
  return undefined;
}

// ---- one agreement

function taskRow(task, reload) {
  const cells = [
    h('th', { scope: 'row', 'data-label': t('co_task_title') }, task.title,
      task.links && task.links.length ? h('div', { class: 'small muted' }, task.links.join(', ')) : null),
    h('td', { 'data-label': t('co_task_owner') }, unitName(task.owner)),
    h('td', { 'data-label': t('co_task_deadline') }, dateText(task.deadline), ' ', overdueBadge(task)),
    h('td', { 'data-label': t('co_task_status') }, statusBadge(task.status)),
    h('td', { 'data-label': t('co_task_evidence') },
      task.evidence_text ? h('div', null, task.evidence_text) : null,
      task.evidence_link ? h('div', null, h('a', { href: task.evidence_link, rel: 'noopener noreferrer', target: '_blank' }, task.evidence_link)) : null,
      task.evidence_file ? h('div', null, fileLink(task.evidence_file)) : null),
  ];
  let editor = null;
  if (task.can_update) {
    const status = select(kStatuses.map((s) => ({ value: s, label: t(`co_status_${s}`) })), task.status, { name: 'status' });
    const text = input({ name: 'evidence_text', value: task.evidence_text });
    const link = h('input', { type: 'url', name: 'evidence_link', value: task.evidence_link });
    const file = h('input', { type: 'file', name: 'evidence_file' });
    const links = input({ name: 'links', value: (task.links || []).join(', ') });
    editor = submitting(h('form', { class: 'co-inline-form', 'data-testid': `task-form-${task.id}` },
      field(t('co_task_status'), status), field(t('co_evidence_text'), text), field(t('co_evidence_link'), link),
      field(t('co_evidence_file'), file), field(t('co_task_links'), links),
      h('button', { type: 'submit', class: 'primary small' }, t('co_update_task'))), async () => {
      const payload = { status: status.value, evidence_text: text.value, evidence_link: link.value,
        links: links.value.split(',').map((s) => s.trim()).filter(Boolean) };
      const f = await readFile(file);
      if (f) payload.evidence_file = f;
      await api.patch(`/api/cooperation/tasks/${task.id}`, payload);
      toast(t('co_task_updated'), 'ok');
      reload();
    });
  }
  return [
    h('tr', { class: task.overdue ? 'co-row-overdue' : null, 'data-task': task.id }, cells),
    editor ? h('tr', { class: 'co-editor-row' }, h('td', { colspan: 5 }, h('details', null, h('summary', null, t('co_update_task')), editor))) : null,
  ];
}

function planSection(agreement, plan, pl, reload) {
  const me = api.user();
  const leadText = plan.lead_overridden
    ? t('co_lead_overridden', { name: unitName(plan.rotation_lead), reason: plan.lead_reason })
    : t('co_rotation_lead', { name: unitName(plan.rotation_lead) });
  const tasks = plan.tasks || [];
  const taskTable = tasks.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack co-tasks', 'data-testid': `tasks-${plan.year}` },
      h('caption', { class: 'sr-only' }, t('co_tasks')),
      h('thead', null, h('tr', null, ['co_task_title', 'co_task_owner', 'co_task_deadline', 'co_task_status', 'co_task_evidence'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, tasks.map((task) => taskRow(task, reload)))))
    : h('p', { class: 'muted' }, t('co_no_tasks'));

  const partyOptions = agreement.parties.map((p) => (p.now || p)).filter((u, i, all) => all.findIndex((x) => x.key === u.key) === i)
    .map((u) => ({ value: u.key, label: unitName(u) }));
  let addTask = null;
  if (plan.can_lead) {
    const title = input({ name: 'title', required: true });
    const owner = select(partyOptions, '', { name: 'owner' });
    const deadline = h('input', { type: 'date', name: 'deadline', required: true, min: `${plan.year}-01-01`, max: `${plan.year}-12-31` });
    addTask = h('details', { class: 'co-details' }, h('summary', null, t('co_add_task')), submitting(h('form', { class: 'co-form' },
      field(t('co_task_title'), title), field(t('co_task_owner'), owner), field(t('co_task_deadline'), deadline),
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_add_task'))), async () => {
      await api.post(`/api/cooperation/plans/${plan.id}/tasks`, { title: title.value, owner: owner.value, deadline: deadline.value });
      toast(t('co_task_added'), 'ok');
      reload();
    }));
  }
  const reports = plan.reports || [];
  let addReport = null;
  if (me && me.unit) {
    const period = input({ name: 'period', required: true, placeholder: `${plan.year}-H1` });
    const text = h('textarea', { name: 'body', rows: 3, required: true });
    addReport = h('details', { class: 'co-details' }, h('summary', null, t('co_add_report')), submitting(h('form', { class: 'co-form' },
      field(t('co_report_period', { year: plan.year }), period), field(t('co_report_body'), text),
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_add_report'))), async () => {
      await api.post(`/api/cooperation/plans/${plan.id}/reports`, { period: period.value, body: text.value });
      toast(t('co_report_added'), 'ok');
      reload();
    }));
  }
  const consolidated = h('div', { class: 'co-consolidated' });
  let consolidate = null;
  if (plan.can_lead) {
    // The latest period someone reported for, else the whole year.
    const latest = reports.length ? reports[reports.length - 1].period : `${plan.year}`;
    const period = input({ name: 'period', value: latest });
    consolidate = submitting(h('form', { class: 'co-inline-form' }, field(t('co_report_period', { year: plan.year }), period),
      h('button', { type: 'submit', class: 'secondary', 'data-testid': `consolidate-${plan.year}` }, t('co_consolidate'))), async () => {
      const c = await api.get(`/api/cooperation/plans/${plan.id}/consolidated`, { period: period.value });
      replace(consolidated,
        h('h4', null, t('co_consolidated_title', { period: c.period_label_vi || c.period })),
        h('p', null, t('co_task_summary', c.tasks)),
        c.missing.length
          ? h('p', { class: 'alert warning', 'data-testid': 'missing-reports' }, t('co_missing_list', { names: c.missing.map(unitName).join(', ') }))
          : h('p', { class: 'alert ok' }, t('co_all_reported')),
        h('ul', null, c.entries.map((e) => h('li', null, h('strong', null, unitName(e.unit)), ': ',
          e.missing ? h('span', { class: 'badge co-overdue' }, t('co_missing')) : e.report.body))));
    });
  }
  return h('section', { class: 'co-plan', 'aria-labelledby': `plan-${plan.id}` },
    h('h3', { id: `plan-${plan.id}` }, t('co_plan_year', { year: plan.year }), ' — ', plan.title),
    h('p', null, h('strong', null, `${t('co_lead')}: `), h('span', { 'data-testid': `lead-${plan.year}` }, unitName(plan.lead)), ' · ', h('span', { class: 'muted' }, leadText)),
    taskTable, addTask,
    h('h4', null, t('co_reports')),
    reports.length ? h('ul', null, reports.map((r) => h('li', null, h('strong', null, `${unitName(r.unit)} (${r.period})`), ': ', r.body))) : h('p', { class: 'muted' }, t('co_no_reports')),
    addReport, consolidate, consolidated);
}

export async function renderCooperationAgreement(main, params) {
  const reload = () => renderCooperationAgreement(main, params);
  let body;
  let pl;
  try {
    [body, pl] = await Promise.all([api.get(`/api/cooperation/agreements/${encodeURIComponent(params.id)}`), places()]);
  } catch (err) {
    replace(main, header(t('co_title')), errorBox(err));
    return undefined;
  }
  const a = body.agreement;
  const parties = h('ol', { class: 'co-parties' }, a.parties.map((p) => h('li', null, unitName(p),
    p.now ? h('span', { class: 'muted small' }, ` (${unitName(p.now) === unitName(p)
      ? t('co_merged_2025') : t('co_now_part_of', { name: unitName(p.now) })})`) : null)));
  const docs = a.documents.length
    ? h('ul', null, a.documents.map((d) => h('li', null, `${d.number ? `${d.number} — ` : ''}${d.title} (${dateText(d.issued_on)}) `, fileLink(d.file))))
    : h('p', { class: 'muted' }, t('co_no_documents'));
  let addDoc = null;
  let addPlan = null;
  if (a.can_manage) {
    const title = input({ name: 'title', required: true });
    const number = input({ name: 'number' });
    const date = h('input', { type: 'date', name: 'issued_on', required: true });
    const file = h('input', { type: 'file', name: 'file' });
    addDoc = h('details', { class: 'co-details' }, h('summary', null, t('co_add_document')), submitting(h('form', { class: 'co-form' },
      field(t('co_doc_title'), title), field(t('co_doc_number'), number), field(t('co_doc_date'), date), field(t('co_doc_file'), file),
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_add_document'))), async () => {
      const payload = { title: title.value, number: number.value, issued_on: date.value };
      const f = await readFile(file);
      if (f) payload.file = f;
      await api.post(`/api/cooperation/agreements/${a.id}/documents`, payload);
      toast(t('co_document_added'), 'ok');
      reload();
    }));
    const year = h('input', { type: 'number', name: 'year', value: new Date().getFullYear(), min: 2000, max: 2100 });
    const lead = select([{ value: '', label: body.agreement.rotation_lead_this_year ? t('co_rotation_this_year', { name: unitName(body.agreement.rotation_lead_this_year) }) : '—' },
      ...a.parties.map((p) => p.now || p).filter((u, i, all) => all.findIndex((x) => x.key === u.key) === i).map((u) => ({ value: u.key, label: unitName(u) }))], '', { name: 'lead' });
    const reason = input({ name: 'reason' });
    addPlan = h('details', { class: 'co-details' }, h('summary', null, t('co_new_plan')), submitting(h('form', { class: 'co-form' },
      field(t('co_plan_year_field'), year), field(t('co_plan_lead_field'), lead), field(t('co_plan_reason_field'), reason),
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_new_plan'))), async () => {
      await api.post(`/api/cooperation/agreements/${a.id}/plans`, { year: Number(year.value), lead: lead.value, reason: reason.value });
      toast(t('co_plan_created'), 'ok');
      reload();
    }));
  }
  replace(main,
    h('p', null, h('a', { href: '#/cooperation' }, t('co_back_list'))),
    h('div', { class: 'lk-head' }, h('h1', null, a.title),
      h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/cooperation/overdue' }, t('co_overdue_link')))),
    a.dataset === 'illustrative' ? h('p', { class: 'alert warning' }, a.summary) : (a.summary ? h('p', null, a.summary) : null),
    h('dl', { class: 'lk-facts' },
      h('dt', null, t('co_field_kind')), h('dd', null, t(`co_kind_${a.kind}`)),
      h('dt', null, t('co_signed_on')), h('dd', null, dateText(a.signed_on)),
      h('dt', null, t('co_validity')), h('dd', null, `${dateText(a.valid_from)} – ${a.valid_to ? dateText(a.valid_to) : t('co_open_ended')}`),
      h('dt', null, t('co_fields')), h('dd', null, a.fields.join(', '))),
    h('section', null, h('h2', null, t('co_parties')), parties),
    h('section', null, h('h2', null, t('co_documents')), docs, addDoc),
    h('section', null, h('h2', null, t('co_plans')),
      a.rotation_lead_this_year ? h('p', { class: 'muted' }, t('co_rotation_this_year', { name: unitName(a.rotation_lead_this_year) })) : null,
      a.plans.length ? a.plans.map((p) => planSection(a, p, pl, reload)) : h('p', { class: 'muted' }, t('co_no_plans')),
      addPlan));
  return undefined;
}

// ---- the overdue dashboard

export async function renderCooperationOverdue(main) {
  let body;
  try {
    body = await api.get('/api/cooperation/overdue');
  } catch (err) {
    replace(main, header(t('co_overdue_title')), errorBox(err));
    return undefined;
  }
  const tasks = body.tasks || [];
  replace(main, header(t('co_overdue_title'), t('co_overdue_intro', { today: dateText(body.today) })),
    tasks.length
      ? [
        h('section', { 'aria-labelledby': 'co-by-owner' }, h('h2', { id: 'co-by-owner' }, t('co_by_owner')),
          h('ul', { class: 'co-owner-cards', 'data-testid': 'overdue-by-owner' }, body.by_owner.map((g) => h('li', { class: 'co-owner-card' },
            h('strong', null, unitName(g.owner)), h('div', null, t('co_by_owner_row', { n: g.count, days: g.max_days })))))),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'overdue-tasks' },
          h('caption', { class: 'sr-only' }, t('co_overdue_title')),
          h('thead', null, h('tr', null, ['co_task_title', 'co_task_owner', 'co_col_agreement', 'co_task_deadline', 'co_col_days', 'co_task_status'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, tasks.map((task) => h('tr', { class: 'co-row-overdue' },
            h('th', { scope: 'row', 'data-label': t('co_task_title') }, task.title, task.as_lead ? h('span', { class: 'badge co-lead' }, t('co_as_lead')) : null),
            h('td', { 'data-label': t('co_task_owner') }, unitName(task.owner)),
            h('td', { 'data-label': t('co_col_agreement') }, h('a', { href: `#/cooperation/agreement/${task.agreement_id}` }, task.agreement_title), ` (${task.plan_year})`),
            h('td', { 'data-label': t('co_task_deadline') }, dateText(task.deadline)),
            h('td', { 'data-label': t('co_col_days'), class: 'num' }, h('span', { class: 'badge co-overdue' }, t('co_overdue_days', { n: task.days_overdue }))),
            h('td', { 'data-label': t('co_task_status') }, statusBadge(task.status))))))),
      ]
      : h('p', { class: 'alert ok', 'data-testid': 'no-overdue' }, t('co_overdue_none')));
  return undefined;
}

// ---- requests between Departments

function focalText(f) {
  if (!f || !f.name) return '';
  return [f.name, f.position, f.phone, f.email].filter(Boolean).join(' · ');
}

function focalFields(prefix) {
  const name = input({ name: `${prefix}_name`, required: true });
  const position = input({ name: `${prefix}_position` });
  const phone = h('input', { type: 'tel', name: `${prefix}_phone` });
  const email = h('input', { type: 'email', name: `${prefix}_email` });
  return {
    nodes: h('fieldset', { class: 'co-focal' }, h('legend', null, t('co_focal')),
      field(t('co_focal_name'), name), field(t('co_focal_position'), position), field(t('co_focal_phone'), phone), field(t('co_focal_email'), email)),
    value: () => ({ name: name.value, position: position.value, phone: phone.value, email: email.value }),
  };
}

function requestCard(q, reload) {
  const daysText = q.days_left >= 0 ? t('co_days_left', { n: q.days_left }) : t('co_days_late', { n: -q.days_left });
  const recipients = h('table', { class: 'data co-recipients' },
    h('caption', { class: 'sr-only' }, t('co_recipients')),
    h('tbody', null, q.recipients.map((r) => h('tr', { class: r.mine ? 'co-mine' : null },
      h('th', { scope: 'row' }, unitName(r.unit)),
      h('td', null, stateBadge(r.state), r.reminded_on ? h('span', { class: 'small muted' }, ` ${t('co_reminded', { date: dateText(r.reminded_on) })}`) : null),
      h('td', null, r.focal && r.focal.name ? h('div', { class: 'small' }, focalText(r.focal)) : null,
        r.reply ? h('div', { class: 'co-reply', 'data-testid': 'reply-text' }, r.reply) : null,
        r.attachments.map((f) => h('div', null, fileLink(f))))))));
  const actions = [];
  if (q.can_reply) {
    const mine = q.recipients.find((r) => r.mine);
    if (mine && mine.state === 'sent') {
      const focal = focalFields('ack');
      actions.push(h('details', { class: 'co-details' }, h('summary', null, t('co_acknowledge')), submitting(h('form', { class: 'co-form' }, focal.nodes,
        h('div', { class: 'co-form-error' }),
        h('button', { type: 'submit', class: 'secondary' }, t('co_acknowledge'))), async () => {
        await api.post(`/api/cooperation/requests/${q.id}/acknowledge`, { focal: focal.value() });
        toast(t('co_acknowledged'), 'ok');
        reload();
      })));
    }
    const text = h('textarea', { name: 'reply', rows: 3, required: true });
    const decline = h('input', { type: 'checkbox', name: 'decline' });
    const files = h('input', { type: 'file', name: 'attachments' });
    const focal = focalFields('reply');
    const needsFocal = !mine || !mine.focal || !mine.focal.name;
    actions.push(h('details', { class: 'co-details', open: true }, h('summary', null, t('co_reply')), submitting(h('form', { class: 'co-form', 'data-testid': `reply-form-${q.id}` },
      field(t('co_reply_text'), text),
      h('label', { class: 'co-check' }, decline, ' ', t('co_decline')),
      field(t('co_attachments'), files),
      needsFocal ? focal.nodes : null,
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_reply'))), async () => {
      const payload = { reply: text.value, decline: decline.checked };
      if (needsFocal) payload.focal = focal.value();
      const f = await readFile(files);
      if (f) payload.attachments = [f];
      await api.post(`/api/cooperation/requests/${q.id}/reply`, payload);
      toast(t('co_replied'), 'ok');
      reload();
    })));
  }
  if (q.can_close) {
    actions.push(h('button', { type: 'button', class: 'secondary', onclick: async (e) => {
      e.currentTarget.disabled = true;
      try {
        await api.post(`/api/cooperation/requests/${q.id}/close`, {});
        toast(t('co_closed'), 'ok');
        reload();
      } catch (err) {
        toast(errorMessage(err), 'error');
      }
    } }, t('co_close')));
  }
  return h('article', { class: `card co-request${q.can_reply ? ' co-waiting' : ''}`, id: `request-${q.id}`, 'data-request': q.id },
    h('h3', null, q.subject, q.dataset === 'illustrative' ? h('span', { class: 'badge lk-demo' }, t('co_demo')) : null),
    h('p', { class: 'small muted' }, t('co_from', { name: unitName(q.from) }), ' · ', `${t('co_req_deadline')}: ${dateText(q.deadline)} (${daysText})`),
    h('p', null, q.body),
    q.product || q.quantity ? h('p', { class: 'small' }, [q.product, q.quantity].filter(Boolean).join(' — ')) : null,
    h('p', { class: 'small' }, `${t('co_focal')}: ${focalText(q.focal)}`),
    recipients, actions);
}

export async function renderCooperationRequests(main, params) {
  const me = api.user();
  const box = params.box === 'outbox' ? 'outbox' : 'inbox';
  const reload = () => renderCooperationRequests(main, params);
  let body;
  let pl;
  try {
    [body, pl] = await Promise.all([api.get('/api/cooperation/requests', { box: params.id ? 'all' : box }), places()]);
  } catch (err) {
    replace(main, header(t('co_req_title')), errorBox(err));
    return undefined;
  }
  let list = body.requests || [];
  if (params.id) list = list.filter((q) => String(q.id) === String(params.id));
  const tabs = h('nav', { class: 'co-tabs', 'aria-label': t('co_req_title') },
    h('a', { href: '#/cooperation/requests', 'aria-current': box === 'inbox' && !params.id ? 'page' : null }, t('co_inbox'), body.waiting && box === 'inbox' ? ` (${body.waiting})` : ''),
    h('a', { href: '#/cooperation/requests?box=outbox', 'aria-current': box === 'outbox' ? 'page' : null }, t('co_outbox')));
  let form = null;
  let remind = null;
  if (me && me.unit) {
    const to = multiSelect(provinceOptions(pl, null, { currentOnly: true }), { name: 'to' });
    const subject = input({ name: 'subject', required: true });
    const text = h('textarea', { name: 'body', rows: 4, required: true });
    const product = input({ name: 'product' });
    const quantity = input({ name: 'quantity' });
    const deadline = h('input', { type: 'date', name: 'deadline', required: true });
    const focal = focalFields('from');
    form = h('details', { class: 'co-details' }, h('summary', null, t('co_new_request')), submitting(h('form', { class: 'co-form', 'data-testid': 'request-form' },
      field(t('co_req_to'), to), field(t('co_req_subject'), subject), field(t('co_req_body'), text),
      field(t('co_req_product'), product), field(t('co_req_quantity'), quantity), field(t('co_req_deadline'), deadline), focal.nodes,
      h('div', { class: 'co-form-error' }),
      h('button', { type: 'submit', class: 'primary' }, t('co_send'))), async () => {
      await api.post('/api/cooperation/requests', { to: selected(to), subject: subject.value, body: text.value, product: product.value,
        quantity: quantity.value, deadline: deadline.value, focal: focal.value() });
      toast(t('co_sent'), 'ok');
      navigate('#/cooperation/requests?box=outbox');
    }));
  }
  if (me && (box === 'outbox' || me.role === 'coordinator' || me.role === 'admin')) {
    remind = h('button', { type: 'button', class: 'secondary', onclick: async (e) => {
      e.currentTarget.disabled = true;
      try {
        const r = await api.post('/api/cooperation/requests/reminders', {});
        toast(t('co_reminded_n', { n: r.reminded.length }), 'ok');
        reload();
      } catch (err) {
        toast(errorMessage(err), 'error');
      }
    } }, t('co_remind'));
  }
  replace(main, header(t('co_req_title'), t('co_req_intro')), tabs,
    h('div', { class: 'actions' }, remind),
    list.length ? h('div', { class: 'co-requests', 'data-testid': `requests-${box}` }, list.map((q) => requestCard(q, reload))) : h('p', { class: 'muted' }, t('co_req_none')),
    form);
  return undefined;
}
