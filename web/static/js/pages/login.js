// Login: login name and password; the server's message in the current language.

import { h, field, replace } from '../dom.js';
import { t, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { navigate } from '../app.js';

export function renderLogin(main, params) {
  const next = params.next && params.next.startsWith('#/') && !params.next.startsWith('#/login')
    ? params.next : null;
  const loginInput = h('input', { type: 'text', name: 'login', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const passwordInput = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'form-message', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'login-error' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('login_button'));
  const form = h('form', {
    class: 'card narrow',
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      replace(message);
      button.disabled = true;
      try {
        const user = await api.login(loginInput.value.trim(), passwordInput.value);
        const home = user && user.unit && user.role !== 'coordinator' ? '#/submissions' : '#/overview';
        navigate(next || home);
      } catch (err) {
        const text = err.code === 'resource_exhausted' && !err.message_vi ? t('login_throttled') : errorMessage(err);
        replace(message, h('p', { class: 'alert error' }, text));
        passwordInput.value = '';
        passwordInput.focus();
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', null, t('login_title')),
  api.user() ? h('p', { class: 'muted' }, t('logged_in_as', { name: api.user().display_name || api.user().login })) : null,
  field(t('login_name'), loginInput),
  field(t('password'), passwordInput),
  message,
  h('div', { class: 'actions' }, button),
  h('p', { class: 'muted small' }, t('login_hint')));
  replace(main, form);
  loginInput.focus();
}
