// In-app alerts: the reader's own listings whose window ends soon (renew them from the listing),
// then new listings that match the reader's saved searches, newest first; opening one marks it
// seen. The saved searches themselves are listed below, each with a delete button.
//
// URL: #/linkage/alerts

import { h, replace } from '../dom.js';
import { t, getLang, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { toast, refreshAlertCount } from '../app.js';
import { formatDate } from '../format.js';
import { places, placeName, listingCard, listingHref, errorBox } from './linkage-common.js';

function searchSummary(s, pl) {
  const parts = [];
  if (s.query) parts.push(`“${s.query}”`);
  if (s.kind) parts.push(t(`lk_kind_${s.kind}_long`));
  if (s.unit) parts.push(placeName(pl, s.unit));
  if (s.ocop_min_stars) parts.push(t('lk_min_stars_opt', { n: s.ocop_min_stars }));
  return parts.join(' · ') || t('lk_every_listing');
}

export async function renderLinkageAlerts(main) {
  const lang = getLang();
  const pl = await places();
  const [alertsBody, savedBody] = await Promise.all([
    api.get('/api/linkage/alerts').catch((err) => ({ error: err })),
    api.get('/api/linkage/saved-searches').catch((err) => ({ error: err })),
  ]);
  const alerts = (alertsBody.alerts || []).slice().sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  const saved = savedBody.saved_searches || [];
  const reload = () => renderLinkageAlerts(main);

  const markSeen = async (a) => {
    try {
      await api.post(`/api/linkage/alerts/${encodeURIComponent(a.id)}/seen`, {});
    } catch {
      // Seen or not, the listing still opens.
    }
    refreshAlertCount();
  };

  const alertList = alertsBody.error ? errorBox(alertsBody.error) : alerts.length
    ? h('ul', { class: 'lk-alerts', 'data-testid': 'alerts' }, alerts.map((a) => {
      const l = a.listing || {};
      const link = h('a', { href: listingHref(l), onclick: () => markSeen(a) }, t('lk_open_listing'));
      return h('li', { class: a.seen ? 'seen' : 'unseen', 'data-testid': 'alert' },
        h('p', { class: 'meta' },
          a.seen ? null : h('span', { class: 'badge lk-new' }, t('lk_new')),
          ' ', formatDate(a.created_at, lang),
          a.saved_search ? ` · ${t('lk_from_search', { name: searchSummary(a.saved_search, pl) })}` : ''),
        listingCard(l, pl, { extra: h('p', null, link) }));
    }))
    : h('p', { class: 'muted', 'data-testid': 'no-alerts' }, t('lk_no_alerts'));

  // The caller's own listings whose window ends soon (the server's upkeep writes these).
  const expiring = alertsBody.expiring || [];
  const reminderSeen = async (e) => {
    try {
      await api.post(`/api/linkage/listings/${encodeURIComponent(e.listing.id)}/reminder-seen`, {});
    } catch {
      // Seen or not, the listing still opens.
    }
    refreshAlertCount();
  };
  const expiringList = expiring.length
    ? h('ul', { class: 'lk-alerts', 'data-testid': 'expiring' }, expiring.map((e) => {
      const l = e.listing || {};
      const link = h('a', { href: listingHref(l), onclick: () => reminderSeen(e) }, t('lk_renew_or_open'));
      return h('li', { class: e.seen ? 'seen' : 'unseen', 'data-testid': 'expiring-listing' },
        h('p', { class: 'meta' },
          e.seen ? null : h('span', { class: 'badge lk-new' }, t('lk_new')), ' ',
          e.days_left > 0 ? t('lk_expires_in', { n: e.days_left, date: formatDate(e.valid_to, lang) })
            : t('lk_expires_today', { date: formatDate(e.valid_to, lang) }),
          e.emailed_to ? ` · ${t('lk_reminder_emailed', { to: e.emailed_to })}` : ''),
        listingCard(l, pl, { extra: h('p', null, link) }));
    }))
    : null;

  const remove = async (s, button) => {
    button.disabled = true;
    try {
      await api.request('DELETE', `/api/linkage/saved-searches/${encodeURIComponent(s.id)}`);
      toast(t('lk_search_deleted'), 'ok');
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
      button.disabled = false;
    }
  };
  const savedList = savedBody.error ? errorBox(savedBody.error) : saved.length
    ? h('ul', { class: 'lk-saved', 'data-testid': 'saved-searches' }, saved.map((s) => h('li', null,
      h('span', null, h('strong', null, searchSummary(s, pl)), ' ', h('span', { class: 'muted small' }, formatDate(s.created_at, lang))),
      h('button', { type: 'button', class: 'danger small', onclick: (e) => remove(s, e.currentTarget), 'aria-label': t('lk_delete_search', { name: s.query || '' }) }, t('lk_delete')))))
    : h('p', { class: 'muted' }, t('lk_no_saved'));

  replace(main,
    h('h1', null, t('lk_alerts_title')),
    h('p', { class: 'muted' }, t('lk_alerts_intro')),
    expiringList ? h('section', null, h('h2', null, t('lk_expiring_title', { n: expiring.length })), expiringList) : null,
    h('section', null, h('h2', null, t('lk_alerts_new', { n: alerts.filter((a) => !a.seen).length })), alertList),
    h('section', null, h('h2', null, t('lk_saved_title')), savedList,
      h('p', null, h('a', { href: '#/linkage' }, t('lk_saved_how')))));
  return undefined;
}
