// Xúc tiến thương mại — B2B meetings at trade-promotion events (issue 5), as b2match or Grip do.
//   #/events             the events (drafts only for their organisers); organisers create one
//   #/events/<id>        one event: registration with the sessions attended, participants and
//                        meeting requests (must meet / meet / no), answers, my agenda with the
//                        "meeting held" button and the PDF; for the organiser: open, propose from
//                        the matching, schedule, the grid of slots × tables with moves and their
//                        conflicts, finalise, check-in, agendas per table; the event's figures.
// Every action goes through /api/events (src/api/event_routes.cpp); errors come in both languages.

import { h, replace, field, select } from '../dom.js';
import { t, getLang, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { navigate, toast } from '../app.js';
import { formatNumber } from '../format.js';
import { errorBox } from './linkage-common.js';

const kOrganiserRoles = ['officer', 'approver', 'coordinator', 'admin'];

function unitName(u) {
  if (!u) return '';
  return getLang() === 'en' ? u.name_en || u.name_vi : u.name_vi;
}

function dateText(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return getLang() === 'en' ? iso : `${d}/${m}/${y}`;
}

function stateBadge(state) {
  return h('span', { class: `badge ev-state ev-${state}`, 'data-testid': 'event-state' }, t(`ev_state_${state}`));
}

function demoNote() {
  return h('p', { class: 'banner-demo', role: 'note', 'data-testid': 'demo-banner' }, t('ev_demo_banner'));
}

function figuresBlock(f) {
  if (!f) return null;
  const items = [
    ['ev_fig_participants', f.participants],
    ['ev_fig_requested', f.requested],
    ['ev_fig_accepted', f.accepted],
    ['ev_fig_scheduled', f.scheduled],
    ['ev_fig_held', f.held],
    ['ev_fig_checked_in', f.checked_in],
    ['ev_fig_deals', f.deals_available ? f.deals : null],
  ];
  const value = f.deal_value != null ? formatNumber(f.deal_value, 0, getLang()) : null;
  return h('dl', { class: 'ev-figures', 'data-testid': 'event-figures' },
    items.map(([k, v]) => h('div', null, h('dt', null, t(k)), h('dd', null, v == null ? '—' : String(v)))),
    h('div', null, h('dt', null, t('ev_fig_deal_value')), h('dd', null, value == null ? '—' : `${value} ₫`)));
}

async function act(button, fn, okText) {
  if (button) button.disabled = true;
  try {
    const out = await fn();
    if (okText) toast(okText, 'ok');
    return out;
  } catch (err) {
    const details = (err.details || []).map((d) => (getLang() === 'en' ? d.message_en : d.message_vi)).filter(Boolean);
    toast([errorMessage(err), ...details].join(' — '), 'error');
    return null;
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- the list

export async function renderEvents(main) {
  const user = api.user();
  const head = h('div', { class: 'lk-head' }, h('h1', null, t('ev_title')));
  replace(main, head, h('p', { class: 'loading' }, t('loading')));
  let body;
  try {
    body = await api.get('/api/events');
  } catch (err) {
    replace(main, head, errorBox(err));
    return undefined;
  }
  const list = body.events || [];
  const cards = list.map((e) => h('article', { class: 'card ev-card', 'data-testid': 'event-card' },
    h('h2', null, h('a', { href: `#/events/${e.id}` }, e.title)),
    h('p', null, stateBadge(e.state), ' ', e.illustrative ? h('span', { class: 'badge demo' }, t('ev_demo_badge')) : null),
    h('p', { class: 'muted small' }, `${unitName(e.host)} · ${dateText(e.starts_on)}${e.ends_on !== e.starts_on ? ` – ${dateText(e.ends_on)}` : ''}`),
    e.venue ? h('p', { class: 'small' }, e.venue) : null,
    e.figures ? h('p', { class: 'small' }, t('ev_card_figures', { p: e.figures.participants, s: e.figures.scheduled, r: e.figures.requested })) : null));
  const create = user && kOrganiserRoles.includes(user.role) ? createForm(user) : null;
  replace(main, head, h('p', { class: 'muted' }, t('ev_intro')),
    list.some((e) => e.illustrative) ? demoNote() : null,
    list.length ? h('div', { class: 'cards', 'data-testid': 'event-list' }, cards) : h('p', { class: 'alert info' }, t('ev_none')),
    create);
  return undefined;
}

function sessionRow(day) {
  const row = h('div', { class: 'ev-session-row' },
    field(t('ev_day'), h('input', { type: 'date', name: 'day', value: day || '', required: true })),
    field(t('ev_starts_at'), h('input', { type: 'time', name: 'starts_at', value: '08:00', required: true })),
    field(t('ev_ends_at'), h('input', { type: 'time', name: 'ends_at', value: '11:00', required: true })),
    field(t('ev_tables'), h('input', { type: 'number', name: 'tables', value: '10', min: '1', max: '500', required: true })));
  return row;
}

function createForm(user) {
  const unit = h('input', { name: 'unit', value: user.unit || '', required: true, placeholder: 'bac-giang', 'data-testid': 'ev-unit' });
  const title = h('input', { name: 'title', required: true, 'data-testid': 'ev-title' });
  const venue = h('input', { name: 'venue', 'data-testid': 'ev-venue' });
  const starts = h('input', { type: 'date', name: 'starts_on', required: true, 'data-testid': 'ev-starts' });
  const ends = h('input', { type: 'date', name: 'ends_on', required: true, 'data-testid': 'ev-ends' });
  const slot = h('input', { type: 'number', name: 'slot_minutes', value: '20', min: '5', max: '240', 'data-testid': 'ev-slot' });
  const quota = h('input', { type: 'number', name: 'default_quota', value: '8', min: '0', max: '64' });
  const open = h('input', { type: 'checkbox', name: 'open', checked: true });
  const sessions = h('div', { class: 'ev-sessions', 'data-testid': 'ev-sessions' }, sessionRow(''));
  starts.addEventListener('change', () => {
    for (const d of sessions.querySelectorAll('input[name=day]')) if (!d.value) d.value = starts.value;
    if (!ends.value) ends.value = starts.value;
  });
  const errors = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'card ev-create',
    'data-testid': 'event-create',
    onsubmit: async (e) => {
      e.preventDefault();
      const rows = [...sessions.querySelectorAll('.ev-session-row')].map((r) => ({
        day: r.querySelector('[name=day]').value,
        starts_at: r.querySelector('[name=starts_at]').value,
        ends_at: r.querySelector('[name=ends_at]').value,
        tables: Number(r.querySelector('[name=tables]').value),
      }));
      try {
        const out = await api.post('/api/events', {
          unit: unit.value.trim(), title: title.value, venue: venue.value, starts_on: starts.value, ends_on: ends.value,
          slot_minutes: Number(slot.value), default_quota: Number(quota.value), sessions: rows, state: open.checked ? 'open' : 'draft',
        });
        toast(t('ev_created'), 'ok');
        navigate(`#/events/${out.event.id}`);
      } catch (err) {
        replace(errors, errorBox(err), h('ul', { class: 'small' }, (err.details || []).map((d) => h('li', null, `${d.field}: ${getLang() === 'en' ? d.message_en : d.message_vi}`))));
      }
    },
  },
  h('h2', null, t('ev_create')),
  field(t('ev_host'), unit, t('ev_host_hint')), field(t('ev_event_title'), title), field(t('ev_venue'), venue),
  h('div', { class: 'ev-session-row' }, field(t('ev_starts_on'), starts), field(t('ev_ends_on'), ends), field(t('ev_slot_minutes'), slot), field(t('ev_quota'), quota)),
  h('h3', null, t('ev_sessions')), sessions,
  h('button', { type: 'button', class: 'secondary small', onclick: () => sessions.append(sessionRow(starts.value)) }, t('ev_add_session')),
  h('label', { class: 'check' }, open, ' ', t('ev_open_now')),
  errors,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'ev-create-submit' }, t('ev_create_button'))));
  return form;
}

// ---- one event

export async function renderEvent(main, params) {
  const id = params.id;
  const user = api.user();
  const reload = () => renderEvent(main, params);
  replace(main, h('p', { class: 'loading' }, t('loading')));
  let e;
  try {
    e = (await api.get(`/api/events/${encodeURIComponent(id)}`)).event;
  } catch (err) {
    replace(main, h('h1', null, t('ev_title')), errorBox(err));
    return undefined;
  }
  const base = `/api/events/${e.id}`;
  const can = e.can || {};
  const slotLabel = (i) => {
    const s = e.slots[i];
    return s ? `${dateText(s.day)} ${s.starts_at}–${s.ends_at}` : '';
  };

  const sections = [];
  const head = [
    h('p', null, h('a', { href: '#/events' }, `← ${t('ev_title')}`)),
    h('div', { class: 'lk-head' }, h('h1', { 'data-testid': 'event-title' }, e.title), stateBadge(e.state)),
    e.illustrative ? demoNote() : null,
    h('p', { class: 'muted' }, `${unitName(e.host)} · ${e.venue || ''} · ${dateText(e.starts_on)}${e.ends_on !== e.starts_on ? ` – ${dateText(e.ends_on)}` : ''} · ${t('ev_slot_len', { n: e.slot_minutes })}`),
    h('ul', { class: 'small ev-session-list' }, (e.sessions || []).map((s) => h('li', null, t('ev_session_line', { day: dateText(s.day), from: s.starts_at, to: s.ends_at, tables: s.tables, slots: s.slots })))),
    figuresBlock(e.figures),
  ];

  let participants = [];
  let requests = [];
  if (user) {
    try {
      participants = (await api.get(`${base}/participants`)).participants || [];
      requests = (await api.get(`${base}/requests`)).requests || [];
    } catch (err) {
      sections.push(errorBox(err));
    }
  }
  const mine = new Set(e.my_participants || []);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const sessionName = new Map((e.sessions || []).map((s) => [s.id, `${dateText(s.day)} ${s.starts_at}–${s.ends_at}`]));

  // Organiser's actions.
  if (can.organise) {
    const buttons = [];
    const post = (path, okKey, json) => async (ev) => {
      const out = await act(ev.currentTarget, () => api.post(`${base}${path}`, json || {}), okKey ? t(okKey) : null);
      if (out) reload();
    };
    if (e.state === 'draft') buttons.push(h('button', { type: 'button', class: 'primary', 'data-testid': 'ev-open', onclick: post('/state', 'ev_opened', { state: 'open' }) }, t('ev_action_open')));
    if (e.state === 'open' || e.state === 'scheduled_provisional') {
      buttons.push(h('button', { type: 'button', class: 'secondary', 'data-testid': 'ev-propose', onclick: post('/proposals', 'ev_proposed') }, t('ev_action_propose')));
      buttons.push(h('button', { type: 'button', class: 'primary', 'data-testid': 'ev-schedule', onclick: post('/schedule', 'ev_scheduled') }, t('ev_action_schedule')));
    }
    if (e.state === 'scheduled_provisional') buttons.push(h('button', { type: 'button', class: 'primary', 'data-testid': 'ev-finalise', onclick: post('/finalise', 'ev_finalised') }, t('ev_action_finalise')));
    if (e.state === 'final') buttons.push(h('button', { type: 'button', class: 'secondary', 'data-testid': 'ev-close', onclick: post('/state', 'ev_closed', { state: 'closed' }) }, t('ev_action_close')));
    sections.push(h('section', { class: 'ev-organiser', 'aria-labelledby': 'ev-org-h' }, h('h2', { id: 'ev-org-h' }, t('ev_organiser')),
      h('p', { class: 'muted small' }, t(`ev_help_${e.state}`)), h('div', { class: 'actions' }, buttons)));
  }

  // Registration.
  if (can.register && user) {
    let orgs = [];
    try {
      orgs = (await api.get('/api/linkage/organisations', user.role === 'enterprise' ? { mine: '1' } : {})).organisations || [];
    } catch {
      orgs = [];
    }
    const registered = new Set(participants.map((p) => p.organisation_id));
    orgs = orgs.filter((o) => !registered.has(o.id));
    if (orgs.length) {
      const org = select(orgs.map((o) => ({ value: String(o.id), label: o.name })), String(orgs[0].id), { name: 'organisation', 'data-testid': 'ev-reg-org' });
      const boxes = (e.sessions || []).map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'session', value: String(s.id), checked: true }), ' ', sessionName.get(s.id)));
      const quota = h('input', { type: 'number', min: '0', max: '64', value: String(e.default_quota), name: 'max_meetings' });
      sections.push(h('section', { class: 'card', 'aria-labelledby': 'ev-reg-h', 'data-testid': 'ev-register' }, h('h2', { id: 'ev-reg-h' }, t('ev_register')),
        field(t('ev_org'), org), h('fieldset', null, h('legend', null, t('ev_sessions_attended')), boxes), field(t('ev_quota'), quota),
        h('button', {
          type: 'button', class: 'primary', 'data-testid': 'ev-register-submit',
          onclick: async (ev) => {
            const sessions = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value));
            const out = await act(ev.currentTarget, () => api.post(`${base}/participants`, { organisation_id: Number(org.value), sessions, max_meetings: Number(quota.value) }), t('ev_registered'));
            if (out) reload();
          },
        }, t('ev_register_button'))));
    }
  }

  // Participants, with "invite" for my organisations.
  if (user && participants.length) {
    const myParts = participants.filter((p) => mine.has(p.id));
    const asked = new Set(requests.map((r) => `${r.from && r.from.id}-${r.to && r.to.id}`));
    const from = myParts.length ? select(myParts.map((p) => ({ value: String(p.id), label: p.name })), String(myParts[0].id), { 'data-testid': 'ev-from' }) : null;
    const rows = participants.map((p) => {
      const priority = select([{ value: 'must_meet', label: t('ev_prio_must_meet') }, { value: 'meet', label: t('ev_prio_meet') }, { value: 'no', label: t('ev_prio_no') }], 'meet', { 'aria-label': t('ev_priority') });
      const invite = from && !mine.has(p.id) && !asked.has(`${from.value}-${p.id}`) && (e.state === 'open' || e.state === 'scheduled_provisional')
        ? h('span', { class: 'ev-invite' }, priority, h('button', {
          type: 'button', class: 'secondary small', 'data-testid': 'ev-invite',
          onclick: async (ev) => {
            const out = await act(ev.currentTarget, () => api.post(`${base}/requests`, { from_participant: Number(from.value), to_participant: p.id, priority: priority.value }), t('ev_invited'));
            if (out) reload();
          },
        }, t('ev_invite'))) : null;
      const checkIn = can.check_in ? (p.checked_in_at ? h('span', { class: 'badge ok' }, t('ev_checked_in')) : h('button', {
        type: 'button', class: 'secondary small', 'data-testid': 'ev-check-in',
        onclick: async (ev) => {
          const out = await act(ev.currentTarget, () => api.post(`${base}/participants/${p.id}/check-in`), t('ev_checked_in'));
          if (out) reload();
        },
      }, t('ev_check_in'))) : (p.checked_in_at ? h('span', { class: 'badge ok' }, t('ev_checked_in')) : null);
      return h('tr', { 'data-testid': 'ev-participant' },
        h('th', { scope: 'row', 'data-label': t('ev_org') }, p.name, mine.has(p.id) ? h('span', { class: 'badge' }, ` ${t('ev_mine')}`) : null),
        h('td', { 'data-label': t('lk_province') }, unitName(p.unit)),
        h('td', { 'data-label': t('ev_sessions') }, (p.sessions || []).map((s) => sessionName.get(s)).join('; ')),
        h('td', null, invite, checkIn));
    });
    sections.push(h('section', { 'aria-labelledby': 'ev-p-h' }, h('h2', { id: 'ev-p-h' }, t('ev_participants', { n: participants.length })),
      from ? h('div', { class: 'controls' }, field(t('ev_invite_as'), from)) : null,
      h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'ev-participants' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('ev_org')), h('th', { scope: 'col' }, t('lk_province')), h('th', { scope: 'col' }, t('ev_sessions')), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('ev_actions'))))),
        h('tbody', null, rows)))));
  }

  // Requests.
  if (user && requests.length) {
    const rows = requests.map((r) => {
      const answer = r.can && r.can.answer ? h('span', null,
        h('button', { type: 'button', class: 'primary small', 'data-testid': 'ev-accept', onclick: async (ev) => { if (await act(ev.currentTarget, () => api.post(`${base}/requests/${r.id}/accept`), t('ev_accepted'))) reload(); } }, t('ev_accept')), ' ',
        h('button', { type: 'button', class: 'secondary small', 'data-testid': 'ev-decline', onclick: async (ev) => { if (await act(ev.currentTarget, () => api.post(`${base}/requests/${r.id}/decline`), t('ev_declined'))) reload(); } }, t('ev_decline'))) : null;
      return h('tr', { 'data-testid': 'ev-request' },
        h('td', { 'data-label': t('ev_from') }, r.from ? r.from.name : ''),
        h('td', { 'data-label': t('ev_to') }, r.to ? r.to.name : ''),
        h('td', { 'data-label': t('ev_priority') }, t(`ev_prio_${r.priority}`), r.origin === 'matching' ? h('span', { class: 'muted small' }, ` · ${t('ev_from_matching', { s: r.match_score || '' })}`) : null),
        h('td', { 'data-label': t('col_state') }, t(`ev_req_${r.state}`)),
        h('td', null, answer));
    });
    sections.push(h('section', { 'aria-labelledby': 'ev-r-h' }, h('h2', { id: 'ev-r-h' }, t('ev_requests', { n: requests.length })),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'ev-requests' },
        h('thead', null, h('tr', null, ['ev_from', 'ev_to', 'ev_priority', 'col_state'].map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('ev_actions'))))),
        h('tbody', null, rows)))));
  }

  // My agenda.
  for (const pid of mine) {
    const p = byId.get(pid);
    let agenda;
    try {
      agenda = await api.get(`${base}/agenda`, { participant: pid });
    } catch {
      continue;
    }
    const rows = (agenda.meetings || []).map((m) => {
      const other = m.first && m.first.id === pid ? m.second : m.first;
      const iFirst = m.first && m.first.id === pid;
      const mineHeld = iFirst ? m.held_by_first : m.held_by_second;
      const held = mineHeld ? h('span', { class: 'badge ok' }, t('ev_held_done')) : (m.can && m.can.held ? h('button', {
        type: 'button', class: 'primary small', 'data-testid': 'ev-held',
        onclick: async (ev) => { if (await act(ev.currentTarget, () => api.post(`${base}/meetings/${m.id}/held`), t('ev_held_done'))) reload(); },
      }, t('ev_held')) : null);
      return h('tr', { 'data-testid': 'ev-agenda-row' },
        h('td', { 'data-label': t('ev_time') }, m.slot != null ? slotLabel(m.slot) : ''),
        h('td', { 'data-label': t('ev_table') }, m.table != null ? t('ev_table_n', { n: m.table }) : ''),
        h('td', { 'data-label': t('ev_with') }, other ? `${other.name} (${unitName(other.unit)})` : ''),
        h('td', { 'data-label': t('col_state') }, t(`ev_status_${m.status}`), m.priority === 'must_meet' ? ` · ${t('ev_prio_must_meet')}` : ''),
        h('td', null, held));
    });
    sections.push(h('section', { class: 'card', 'aria-labelledby': `ev-a-${pid}`, 'data-testid': 'ev-my-agenda' },
      h('h2', { id: `ev-a-${pid}` }, t('ev_my_agenda', { name: p ? p.name : '' })),
      rows.length ? h('table', { class: 'data stack' }, h('thead', null, h('tr', null, ['ev_time', 'ev_table', 'ev_with', 'col_state'].map((k) => h('th', { scope: 'col' }, t(k))), h('th', null))), h('tbody', null, rows))
        : h('p', { class: 'muted' }, t('ev_no_meetings_yet')),
      h('p', null, h('a', { class: 'button secondary', href: `${base}/agenda.pdf?participant=${pid}`, 'data-testid': 'ev-agenda-pdf' }, t('ev_agenda_pdf')))));
  }

  // The organiser's grid.
  if (can.organise && (e.state === 'scheduled_provisional' || e.state === 'final' || e.state === 'closed')) {
    sections.push(await scheduleGrid(e, base, slotLabel, reload));
  }

  replace(main, ...head, ...sections);
  return undefined;
}

async function scheduleGrid(e, base, slotLabel, reload) {
  let sched;
  try {
    sched = await api.get(`${base}/schedule`);
  } catch (err) {
    return errorBox(err);
  }
  const maxTables = Math.max(1, ...e.slots.map((s) => s.tables));
  const cell = new Map();
  const unscheduled = [];
  for (const m of sched.meetings) {
    if (m.slot == null) unscheduled.push(m);
    else cell.set(`${m.slot}:${m.table}`, m);
  }
  const panel = h('div', { class: 'ev-move-panel', 'aria-live': 'polite', 'data-testid': 'ev-move-panel' });
  let moving = null;
  const movable = e.state === 'scheduled_provisional' || e.state === 'final';
  const label = (m) => `${m.first ? m.first.name : ''} ↔ ${m.second ? m.second.name : ''}`;
  const choose = (m) => {
    moving = m;
    replace(panel, h('p', { class: 'alert info' }, t('ev_move_choose', { m: label(m) })));
    grid.classList.add('ev-moving');
  };
  const target = async (slot, table, button) => {
    if (!moving) return;
    const c = await act(button, () => api.get(`${base}/meetings/${moving.id}/conflicts`, { slot, table }));
    if (!c) return;
    if (!c.allowed) {
      replace(panel, h('div', { class: 'alert error', 'data-testid': 'ev-conflicts' }, h('p', null, t('ev_conflicts', { n: c.conflicts.length, at: `${slotLabel(slot)}, ${t('ev_table_n', { n: table })}` })),
        h('ul', null, c.conflicts.map((x) => h('li', null, getLang() === 'en' ? x.message_en : x.message_vi)))));
      return;
    }
    const out = await act(button, () => api.post(`${base}/meetings/${moving.id}/move`, { slot, table }), t('ev_moved'));
    if (out) reload();
  };
  const rows = e.slots.map((s) => h('tr', null,
    h('th', { scope: 'row' }, slotLabel(s.index)),
    Array.from({ length: maxTables }, (_, k) => {
      const table = k + 1;
      if (table > s.tables) return h('td', { class: 'ev-cell ev-none' });
      const m = cell.get(`${s.index}:${table}`);
      const drop = movable ? h('button', { type: 'button', class: 'link-button ev-drop', 'data-testid': 'ev-drop', 'data-slot': String(s.index), 'data-table': String(table), onclick: (ev) => target(s.index, table, ev.currentTarget) }, t('ev_put_here')) : null;
      if (!m) return h('td', { class: 'ev-cell ev-free' }, drop);
      return h('td', { class: `ev-cell ev-busy${m.priority === 'must_meet' ? ' ev-must' : ''}${m.pinned ? ' ev-pinned' : ''}`, 'data-testid': 'ev-cell' },
        h('span', { class: 'ev-meeting' }, label(m)),
        m.pinned ? h('span', { class: 'ev-pin' }, t('ev_pinned')) : null,
        movable ? h('button', { type: 'button', class: 'link-button small', 'data-testid': 'ev-move', onclick: () => choose(m) }, t('ev_move')) : null, drop);
    })));
  const grid = h('table', { class: 'data ev-grid', 'data-testid': 'ev-grid' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('ev_time')), Array.from({ length: maxTables }, (_, k) => h('th', { scope: 'col' },
      h('a', { href: `${base}/agenda.pdf?table=${k + 1}`, title: t('ev_table_pdf') }, t('ev_table_n', { n: k + 1 })))))),
    h('tbody', null, rows));
  return h('section', { 'aria-labelledby': 'ev-g-h', 'data-testid': 'ev-schedule-grid' },
    h('h2', { id: 'ev-g-h' }, t('ev_schedule_grid')),
    h('p', { class: 'muted small' }, t('ev_grid_help')),
    panel,
    h('div', { class: 'table-wrap' }, grid),
    unscheduled.length ? h('div', null, h('h3', null, t('ev_unscheduled', { n: unscheduled.length })),
      h('ul', null, unscheduled.map((m) => h('li', null, label(m), ' — ', t(`ev_reason_${m.unscheduled_reason || 'none'}`),
        movable ? h('button', { type: 'button', class: 'link-button small', onclick: () => choose(m) }, ` ${t('ev_move')}`) : null)))) : null);
}
