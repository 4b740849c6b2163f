// User administration (admins): list, create and edit accounts — login, name, role, province,
// region, e-mail, active.

import { h, replace, field, select } from '../dom.js';
import { t, nameOf, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import * as catalog from '../catalog.js';
import { todayIso } from '../periods.js';
import { toast } from '../app.js';

const kRoles = ['officer', 'approver', 'coordinator', 'admin', 'enterprise'];

export async function renderUsers(main) {
  const [body, units, regions] = await Promise.all([api.get('/api/users'), catalog.units(todayIso()), catalog.regions()]);
  const users = body.users || [];
  const formBox = h('div', { class: 'user-form-box' });
  const list = h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'users-table' },
    h('caption', { class: 'sr-only' }, t('users_title')),
    h('thead', null, h('tr', null, ['login_name', 'display_name', 'role', 'unit', 'region', 'email', 'col_state', 'edit'].map((k) => h('th', { scope: 'col' }, k === 'edit' ? h('span', { class: 'sr-only' }, t(k)) : t(k))))),
    h('tbody', null, users.map((u) => h('tr', { class: u.active === false ? 'inactive' : '' },
      h('th', { scope: 'row', 'data-label': t('login_name') }, u.login),
      h('td', { 'data-label': t('display_name') }, u.display_name || ''),
      h('td', { 'data-label': t('role') }, t(`role_${u.role}`)),
      h('td', { 'data-label': t('unit') }, u.unit ? catalog.unitName(units, u.unit) : ''),
      h('td', { 'data-label': t('region') }, u.region ? nameOf(regions.byKey.get(u.region)) || u.region : ''),
      h('td', { 'data-label': t('email') }, u.email || ''),
      h('td', { 'data-label': t('active') }, u.active === false ? t('inactive') : t('active')),
      h('td', null, h('button', { type: 'button', class: 'secondary small', onclick: () => showForm(formBox, u, units, regions, main) }, t('edit'))))))));
  replace(main,
    h('h1', null, t('users_title')),
    h('p', null, h('button', { type: 'button', class: 'primary', onclick: () => showForm(formBox, null, units, regions, main) }, t('user_new'))),
    formBox,
    list);
}

function showForm(box, user, units, regions, main) {
  const isNew = !user;
  const login = h('input', { type: 'text', value: user ? user.login : '', required: true, readOnly: !isNew, autocomplete: 'off' });
  const name = h('input', { type: 'text', value: user ? user.display_name || '' : '', required: true });
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: isNew });
  const role = select(kRoles.map((r) => ({ value: r, label: t(`role_${r}`) })), user ? user.role : 'officer');
  const unit = select([{ value: '', label: t('none') }, ...units.list.filter((u) => u.type !== 'country').map((u) => ({ value: u.key, label: nameOf(u) }))], user ? user.unit || '' : '');
  const region = select([{ value: '', label: t('none') }, ...regions.list.map((r) => ({ value: r.key, label: nameOf(r) }))], user ? user.region || '' : '');
  const email = h('input', { type: 'email', value: user ? user.email || '' : '', autocomplete: 'off' });
  const active = h('input', { type: 'checkbox', checked: user ? user.active !== false : true, id: 'user-active' });
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h('form', {
    class: 'card',
    onsubmit: async (e) => {
      e.preventDefault();
      const fields = {
        display_name: name.value.trim(), role: role.value, unit: unit.value || null,
        region: region.value || null, email: email.value.trim() || null,
      };
      try {
        if (isNew) {
          await api.post('/api/users', { login: login.value.trim(), password: password.value, ...fields });
        } else {
          const patch = { ...fields, active: active.checked };
          if (password.value) patch.password = password.value;
          await api.patch(`/api/users/${encodeURIComponent(user.id)}`, patch);
        }
        toast(t('user_saved'), 'ok');
        await renderUsers(main);
      } catch (err) {
        replace(message, h('p', { class: 'alert error', role: 'alert' }, errorMessage(err)));
      }
    },
  },
  h('h2', null, isNew ? t('user_new') : t('user_edit', { login: user.login })),
  h('div', { class: 'form-grid' },
    field(t('login_name'), login), field(t('display_name'), name),
    field(isNew ? t('password') : t('new_password'), password),
    field(t('role'), role), field(t('unit'), unit), field(t('region'), region), field(t('email'), email),
    isNew ? null : h('div', { class: 'field check' }, active, h('label', { for: 'user-active' }, t('active')))),
  message,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('confirm')),
    h('button', { type: 'button', class: 'secondary', onclick: () => replace(box) }, t('cancel'))));
  replace(box, form);
  (isNew ? login : name).focus();
}
