// Moderation by the province's Department (officers and approvers): the listings of the
// province's organisations waiting for review — approve, or reject with a reason the owner will
// read — and the organisations waiting to be verified.
//
// URL: #/linkage/moderation  (admins: #/linkage/moderation?unit=bac-giang)

import { h, replace, select, field } from '../dom.js';
import { t, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { navigate, toast } from '../app.js';
import { places, placeName, provinceOptions, listingCard, listingActions, errorBox } from './linkage-common.js';

export async function renderLinkageModeration(main, params) {
  const me = api.user();
  const pl = await places();
  const unit = params.unit || me.unit || '';
  const reload = () => renderLinkageModeration(main, params);
  let chooser = null;
  if (!me.unit) {
    const s = select(provinceOptions(pl, t('lk_choose')), unit, { name: 'unit' });
    s.addEventListener('change', () => navigate(`#/linkage/moderation${s.value ? `?unit=${encodeURIComponent(s.value)}` : ''}`));
    chooser = h('div', { class: 'controls' }, field(t('lk_province'), s));
  }
  const head = [
    h('div', { class: 'lk-head' }, h('h1', null, t('lk_moderation_title'), unit ? ` — ${placeName(pl, unit)}` : ''),
      h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/linkage/import' }, t('lk_import_title')))),
    h('p', { class: 'muted' }, t('lk_moderation_intro')),
    chooser,
  ];
  if (!unit) {
    replace(main, head);
    return undefined;
  }
  let body;
  try {
    body = await api.get('/api/linkage/moderation', { unit });
  } catch (err) {
    replace(main, head, errorBox(err));
    return undefined;
  }
  const listings = body.listings || [];
  const orgs = body.organisations || [];

  const verify = async (o, button) => {
    button.disabled = true;
    try {
      await api.post(`/api/linkage/organisations/${encodeURIComponent(o.id)}/verify`, {});
      toast(t('lk_org_verified', { name: o.name }), 'ok');
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
      button.disabled = false;
    }
  };

  replace(main, head,
    h('section', { 'aria-labelledby': 'lk-mod-l' },
      h('h2', { id: 'lk-mod-l' }, t('lk_pending_listings', { n: listings.length })),
      listings.length
        ? h('div', { class: 'cards lk-cards', 'data-testid': 'pending-listings' }, listings.map((l) => listingCard(l, pl, {
          showState: true,
          extra: h('div', null, l.description ? h('p', { class: 'small lk-description' }, l.description) : null, listingActions(l, reload)),
        })))
        : h('p', { class: 'alert ok', 'data-testid': 'no-pending' }, t('lk_no_pending'))),
    h('section', { 'aria-labelledby': 'lk-mod-o' },
      h('h2', { id: 'lk-mod-o' }, t('lk_unverified_orgs', { n: orgs.length })),
      orgs.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'unverified-orgs' },
          h('caption', { class: 'sr-only' }, t('lk_unverified_orgs', { n: orgs.length })),
          h('thead', null, h('tr', null, ['lk_org_name', 'lk_org_kind', 'lk_tax_code', 'lk_address', 'lk_contact_person', 'lk_phone'].map((k) => h('th', { scope: 'col' }, t(k))),
            h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('lk_action_verify'))))),
          h('tbody', null, orgs.map((o) => h('tr', null,
            h('th', { scope: 'row', 'data-label': t('lk_org_name') }, o.name),
            h('td', { 'data-label': t('lk_org_kind') }, o.kind ? t(`lk_org_${o.kind}`) : ''),
            h('td', { 'data-label': t('lk_tax_code') }, o.tax_code || ''),
            h('td', { 'data-label': t('lk_address') }, o.address || ''),
            h('td', { 'data-label': t('lk_contact_person') }, o.contact_person || ''),
            h('td', { 'data-label': t('lk_phone') }, o.phone || ''),
            h('td', null, o.can && o.can.verify === false ? '' : h('button', {
              type: 'button', class: 'primary small', 'data-testid': 'verify-org', onclick: (e) => verify(o, e.currentTarget),
            }, t('lk_action_verify'))))))))
        : h('p', { class: 'muted' }, t('lk_no_unverified'))));
  return undefined;
}
