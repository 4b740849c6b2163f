// One listing and its best counterparts: for an offer the requests it could serve, for a request
// the offers that could fill it. Each match shows its score as a bar split into its parts (text,
// product code, quantity, season, distance, inter-province) and the server's reasons in words
// ("cùng mã sản phẩm…", "đúng mùa: tháng 5–7", "cách 180 km"), so an official or a buyer can see
// why it is proposed. The owner and the province's moderators get their actions here too.
//
// URL: #/linkage/listing/<id>

import { h, replace } from '../dom.js';
import { t, getLang, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { showError, toast } from '../app.js';
import { formatDate } from '../format.js';
import {
  places, placeName, stars, monthsText, quantityText, number, stateBadge, kindBadge, verifiedBadge,
  demoBanner, windowText, listingHref, listingActions, scoreScale, scoreBar, scoreParts, scoreLegend,
  reasons, saveSearch, errorBox,
} from './linkage-common.js';

function certificationLabel(c) {
  const key = `lk_cert_${c}`;
  const s = t(key);
  return s === key ? c : s;
}

function facts(l, pl) {
  const p = l.product || {};
  const org = l.organisation || {};
  const lang = getLang();
  const rows = [
    [t('lk_organisation'), h('span', null, org.name || '', ' ', verifiedBadge(org))],
    [t('lk_province'), placeName(pl, org.unit)],
    p.name_vi ? [t('lk_product'), h('span', null, p.name_vi, ' ', stars(p.ocop_stars, p.ocop_valid))] : null,
    p.vcpa || p.hs ? [t('lk_codes'), [p.vcpa ? `VCPA ${p.vcpa}` : null, p.hs ? `HS ${p.hs}` : null].filter(Boolean).join(' · ')] : null,
    p.certifications && p.certifications.length ? [t('lk_certifications'), p.certifications.map(certificationLabel).join(', ')] : null,
    l.quantity ? [l.kind === 'request' ? t('lk_quantity_needed') : t('lk_quantity'), quantityText(l.quantity)] : null,
    l.min_order ? [t('lk_min_order'), `${number(l.min_order)} ${(l.quantity && l.quantity.unit) || ''}`] : null,
    l.window ? [t('lk_window'), windowText(l.window)] : null,
    monthsText(l.months) ? [t('lk_season'), monthsText(l.months)] : null,
    [t('lk_delivery'), l.delivery_units && l.delivery_units.length ? l.delivery_units.map((u) => placeName(pl, u)).join(', ') : t('lk_anywhere')],
    l.required_stars ? [t('lk_required_stars'), stars(l.required_stars)] : null,
    l.required_certifications && l.required_certifications.length ? [t('lk_required_certs'), l.required_certifications.map(certificationLabel).join(', ')] : null,
    l.valid_to ? [t('lk_valid_to'), formatDate(l.valid_to, lang)] : null,
  ].filter(Boolean);
  return h('dl', { class: 'lk-facts lk-facts-wide' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function matchItem(m, rank, scale, pl, onVeto) {
  const c = m.listing || {};
  const org = m.organisation || c.organisation || {};
  const p = c.product || {};
  return h('li', { class: 'card lk-match', 'data-testid': 'match', 'data-listing': c.id },
    h('div', { class: 'lk-match-head' },
      h('span', { class: 'lk-rank', 'aria-hidden': 'true' }, String(rank)),
      h('div', { class: 'lk-match-title' },
        h('h3', { class: 'card-title' }, h('a', { href: listingHref(c) }, c.title || p.name_vi || `#${c.id}`)),
        h('p', { class: 'meta' }, kindBadge(c.kind), ' ', org.name || '', ' ', verifiedBadge(org), ' · ', placeName(pl, org.unit),
          m.distance_km !== null && m.distance_km !== undefined ? ` · ${t('lk_km', { km: number(Math.round(Number(m.distance_km))) })}` : '',
          p.name_vi ? h('span', null, ' · ', p.name_vi, ' ', stars(p.ocop_stars, p.ocop_valid)) : null,
          c.quantity ? ` · ${quantityText(c.quantity)}` : '',
          monthsText(c.months) ? ` · ${monthsText(c.months)}` : '')),
      h('div', { class: 'lk-match-score' }, h('span', { class: 'lk-score-label' }, t('lk_score')), scoreBar(m.score || {}, scale))),
    h('div', { class: 'lk-match-body' },
      h('div', null, h('h4', null, t('lk_why')), reasons(m)),
      h('div', null, h('h4', null, t('lk_score_parts')), scoreParts(m.score || {}, scale))),
    onVeto && org.id ? h('p', { class: 'lk-veto small' },
      h('button', { type: 'button', class: 'link danger', 'data-testid': 'veto', onclick: (e) => onVeto(org, e.currentTarget) },
        t('lk_veto', { name: org.name || `#${org.id}` }))) : null);
}

export async function renderLinkageListing(main, params) {
  const id = params.id;
  let body;
  const pl = await places();
  try {
    body = await api.get(`/api/linkage/listings/${encodeURIComponent(id)}/matches`, { limit: 10 });
  } catch (err) {
    // Not yet public (a draft, or pending review) listings have no matches to show to others;
    // their owner and moderators still see the listing itself.
    if (err.status === 404 || err.status === 401 || err.status === 403) {
      showError(main, err);
      return undefined;
    }
    try {
      body = { listing: (await api.get(`/api/linkage/listings/${encodeURIComponent(id)}`)).listing, matches: null, matchError: err };
    } catch (err2) {
      showError(main, err2);
      return undefined;
    }
  }
  const l = body.listing;
  const matches = body.matches;
  const other = l.kind === 'offer' ? 'request' : 'offer';
  const actionsBox = h('div');
  const reload = () => renderLinkageListing(main, params);
  const acts = listingActions(l, reload);
  if (acts) replace(actionsBox, acts);

  const saveButton = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'save-search',
    // Alerts for new counterparts of this listing: its product (or title) among the other kind.
    onclick: (e) => saveSearch({
      query: (l.product && l.product.name_vi) || l.title || `#${l.id}`,
      kind: other,
    }, e.currentTarget),
  }, t('lk_save_search'));

  let matchSection;
  if (body.matchError) {
    matchSection = errorBox(body.matchError);
  } else if (!matches || !matches.length) {
    matchSection = h('p', { class: 'alert info', 'data-testid': 'no-matches' }, t(l.state === 'published' ? 'lk_no_matches' : 'lk_matches_after_publish'));
  } else {
    const scale = scoreScale(matches);
    // The owner may veto a counterpart: neither side's listings are matched again.
    const onVeto = l.can && l.can.veto && l.organisation && l.organisation.id ? async (org, button) => {
      if (!window.confirm(t('lk_veto_confirm', { name: org.name || `#${org.id}` }))) return;
      button.disabled = true;
      try {
        await api.post(`/api/linkage/organisations/${encodeURIComponent(l.organisation.id)}/vetoes`, { organisation: org.id });
        toast(t('lk_vetoed', { name: org.name || `#${org.id}` }), 'ok');
        reload();
      } catch (err) {
        toast(errorMessage(err), 'error');
        button.disabled = false;
      }
    } : null;
    matchSection = h('div', null,
      scoreLegend(),
      h('ol', { class: 'lk-matches', 'data-testid': 'matches' }, matches.map((m, i) => matchItem(m, i + 1, scale, pl, onVeto))));
  }

  replace(main,
    h('p', { class: 'small' }, h('a', { href: '#/linkage' }, `← ${t('lk_back_market')}`)),
    l.dataset === 'illustrative' ? demoBanner() : null,
    h('article', { class: 'lk-detail' },
      h('p', { class: 'lk-card-top' }, kindBadge(l.kind), ' ', stateBadge(l.state)),
      h('h1', { 'data-testid': 'listing-title' }, l.title || (l.product && l.product.name_vi) || `#${l.id}`),
      l.description ? h('p', { class: 'lk-description' }, l.description) : null,
      l.state === 'rejected' && l.rejection_reason ? h('p', { class: 'alert warning' }, t('lk_rejected_because', { reason: l.rejection_reason })) : null,
      facts(l, pl),
      actionsBox),
    h('section', { class: 'lk-match-section', 'aria-labelledby': 'lk-matches-h' },
      h('div', { class: 'lk-head' },
        h('h2', { id: 'lk-matches-h' }, t(other === 'request' ? 'lk_matches_requests' : 'lk_matches_offers')),
        saveButton),
      h('p', { class: 'muted small' }, t('lk_matches_intro')),
      matchSection));
  return undefined;
}
