// My business (enterprise accounts): the organisation's record (creating it makes the account a
// member; the province's Department then verifies it), its products, and its listings with their
// state and the actions the server allows (submit for review, renew, withdraw). The new-listing
// form (offer or request) is here too.
//
// URLs: #/linkage/mine  #/linkage/new  #/linkage/edit/<id>

import { h, replace, field, select } from '../dom.js';
import { t, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { navigate, toast } from '../app.js';
import { todayIso } from '../periods.js';
import {
  places, placeName, provinceOptions, stars, monthsText, listingCard, listingActions, verifiedBadge, errorBox,
} from './linkage-common.js';

const kOrgKinds = ['enterprise', 'cooperative', 'household_business'];
const kUnits = ['kg', 'tấn', 'tạ', 'yến', 'g', 'lít', 'ml', 'thùng', 'hộp', 'chai', 'túi', 'gói', 'cái', 'quả'];
const kCerts = ['VietGAP', 'GlobalGAP', 'organic', 'growing_area_code'];

function certLabel(c) {
  const key = `lk_cert_${c}`;
  const s = t(key);
  return s === key ? c : s;
}

// The server's problems ({field, message_vi, message_en} in details) beside the fields they name;
// the rest in the form's message box.
function showProblems(err, inputs, box) {
  for (const el of Object.values(inputs)) {
    el.removeAttribute('aria-invalid');
    const msg = el.parentElement && el.parentElement.querySelector('.field-error');
    if (msg) replace(msg);
  }
  let placed = 0;
  let first = null;
  for (const d of (err && err.details) || []) {
    const name = d.field || d.column;
    const el = name && inputs[name];
    if (!el) continue;
    el.setAttribute('aria-invalid', 'true');
    const msg = el.parentElement.querySelector('.field-error');
    if (msg) replace(msg, errorMessage(d.message_vi || d.message_en ? d : { message: d.reason_vi || d.reason_en || '' }));
    placed += 1;
    if (!first) first = el;
  }
  replace(box, placed ? null : errorBox(err));
  if (first) first.focus();
}

// A field with a slot for the server's message about it (aria-describedby ties them).
let errCounter = 0;
function checkedField(label, control, hint) {
  errCounter += 1;
  const id = `lk-err-${errCounter}`;
  control.setAttribute('aria-describedby', id);
  const f = field(label, control, hint);
  f.appendChild(h('p', { class: 'field-error', id, 'aria-live': 'polite' }));
  return f;
}

async function myOrganisations() {
  const body = await api.get('/api/linkage/organisations', { mine: 1 });
  return body.organisations || [];
}

function organisationForm(org, pl, onSaved) {
  const isNew = !org;
  const o = org || {};
  const inputs = {
    kind: select(kOrgKinds.map((k) => ({ value: k, label: t(`lk_org_${k}`) })), o.kind || 'enterprise', { name: 'kind' }),
    name: h('input', { type: 'text', name: 'name', value: o.name || '', required: true, 'data-testid': 'org-name' }),
    tax_code: h('input', { type: 'text', name: 'tax_code', value: o.tax_code || '', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'org-tax-code' }),
    registered_on: h('input', { type: 'date', name: 'registered_on', value: o.registered_on || '', max: todayIso(), 'data-testid': 'org-registered-on' }),
    unit: select(provinceOptions(pl, t('lk_choose')), o.unit || '', { name: 'unit', required: true, 'data-testid': 'org-unit' }),
    address: h('input', { type: 'text', name: 'address', value: o.address || '' }),
    contact_person: h('input', { type: 'text', name: 'contact_person', value: o.contact_person || '' }),
    phone: h('input', { type: 'tel', name: 'phone', value: o.phone || '', autocomplete: 'off' }),
    email: h('input', { type: 'email', name: 'email', value: o.email || '', autocomplete: 'off' }),
  };
  const box = h('div', { 'aria-live': 'assertive', 'data-testid': 'org-message' });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'org-save' }, isNew ? t('lk_org_create') : t('lk_save'));
  return h('form', {
    class: 'card lk-form',
    'data-testid': 'org-form',
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const json = {};
      for (const [k, el] of Object.entries(inputs)) json[k] = el.value.trim() || null;
      button.disabled = true;
      try {
        const body = isNew
          ? await api.post('/api/linkage/organisations', json)
          : await api.patch(`/api/linkage/organisations/${encodeURIComponent(o.id)}`, json);
        toast(t('lk_org_saved'), 'ok');
        onSaved(body && body.organisation);
      } catch (err) {
        showProblems(err, inputs, box);
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h2', null, isNew ? t('lk_org_new') : t('lk_org_edit')),
  isNew ? h('p', { class: 'muted small' }, t('lk_org_new_hint')) : null,
  h('div', { class: 'form-grid' },
    checkedField(t('lk_org_kind'), inputs.kind),
    checkedField(t('lk_org_name'), inputs.name),
    checkedField(t('lk_tax_code'), inputs.tax_code, t('lk_tax_code_hint')),
    checkedField(t('lk_registered_on'), inputs.registered_on),
    checkedField(t('lk_province'), inputs.unit, t('lk_registered_on_hint')),
    checkedField(t('lk_address'), inputs.address),
    checkedField(t('lk_contact_person'), inputs.contact_person),
    checkedField(t('lk_phone'), inputs.phone),
    checkedField(t('email'), inputs.email)),
  box,
  h('div', { class: 'actions' }, button));
}

function productForm(org, onSaved) {
  const inputs = {
    name_vi: h('input', { type: 'text', name: 'name_vi', required: true, 'data-testid': 'product-name' }),
    local_name: h('input', { type: 'text', name: 'local_name' }),
    vcpa: h('input', { type: 'text', name: 'vcpa', autocomplete: 'off', 'data-testid': 'product-vcpa' }),
    hs: h('input', { type: 'text', name: 'hs', inputmode: 'numeric', autocomplete: 'off' }),
    ocop_stars: select([{ value: '', label: t('lk_no_ocop') }, ...[3, 4, 5].map((n) => ({ value: String(n), label: '★'.repeat(n) }))], '', { name: 'ocop_stars', 'data-testid': 'product-stars' }),
    ocop_certified_on: h('input', { type: 'date', name: 'ocop_certified_on', max: todayIso() }),
    unit: select(kUnits.map((u) => ({ value: u, label: u })), 'tấn', { name: 'unit' }),
    harvest_months: h('input', { type: 'text', name: 'harvest_months', placeholder: '5-7', 'data-testid': 'product-months' }),
  };
  const certs = kCerts.map((c) => h('input', { type: 'checkbox', value: c, id: `lk-pc-${c}` }));
  const box = h('div', { 'aria-live': 'assertive' });
  return h('form', {
    class: 'card lk-form',
    'data-testid': 'product-form',
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const json = { organisation: org.id };
      for (const [k, el] of Object.entries(inputs)) json[k] = el.value.trim() || null;
      if (json.ocop_stars) json.ocop_stars = Number(json.ocop_stars);
      json.certifications = certs.filter((c) => c.checked).map((c) => c.value);
      try {
        await api.post('/api/linkage/products', json);
        toast(t('lk_product_saved'), 'ok');
        onSaved();
      } catch (err) {
        showProblems(err, inputs, box);
      }
    },
  },
  h('h3', null, t('lk_product_new')),
  h('div', { class: 'form-grid' },
    checkedField(t('lk_product_name'), inputs.name_vi),
    checkedField(t('lk_local_name'), inputs.local_name),
    checkedField(t('lk_vcpa'), inputs.vcpa, t('lk_vcpa_hint')),
    checkedField(t('lk_hs'), inputs.hs),
    checkedField(t('lk_ocop'), inputs.ocop_stars),
    checkedField(t('lk_ocop_date'), inputs.ocop_certified_on),
    checkedField(t('lk_unit'), inputs.unit),
    checkedField(t('lk_harvest'), inputs.harvest_months, t('lk_harvest_hint'))),
  h('fieldset', { class: 'radio-group lk-checks' }, h('legend', null, t('lk_certifications')),
    certs.map((c) => h('label', { for: c.id }, c, certLabel(c.value)))),
  box,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('lk_product_add'))));
}

export async function renderLinkageMine(main) {
  const pl = await places();
  let orgs;
  try {
    orgs = await myOrganisations();
  } catch (err) {
    replace(main, h('h1', null, t('lk_mine_title')), errorBox(err));
    return undefined;
  }
  const reload = () => renderLinkageMine(main);
  if (!orgs.length) {
    replace(main,
      h('h1', null, t('lk_mine_title')),
      h('p', { class: 'alert info' }, t('lk_mine_no_org')),
      organisationForm(null, pl, reload));
    return undefined;
  }
  const org = orgs[0];
  const [productsBody, listingsBody] = await Promise.all([
    api.get('/api/linkage/products', { organisation: org.id }).catch((err) => ({ error: err })),
    api.get('/api/linkage/listings', { mine: 1 }).catch((err) => ({ error: err })),
  ]);
  const products = productsBody.products || [];
  const listings = listingsBody.listings || [];

  const orgBox = h('div');
  const showOrg = () => replace(orgBox, h('section', { class: 'card lk-org-card', 'data-testid': 'my-org' },
    h('h2', null, org.name, ' ', verifiedBadge(org)),
    h('p', { class: 'meta' }, [t(`lk_org_${org.kind}`), org.tax_code ? `${t('lk_tax_code')} ${org.tax_code}` : null, placeName(pl, org.unit)].filter(Boolean).join(' · ')),
    org.verified ? null : h('p', { class: 'muted small' }, t('lk_org_wait_verify')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary small', onclick: () => replace(orgBox, organisationForm(org, pl, reload)) }, t('edit')))));
  showOrg();

  const productBox = h('div');
  const productList = productsBody.error ? errorBox(productsBody.error) : products.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data stack', 'data-testid': 'products-table' },
      h('caption', { class: 'sr-only' }, t('lk_products')),
      h('thead', null, h('tr', null, ['lk_product_name', 'lk_vcpa', 'lk_ocop', 'lk_season', 'lk_certifications'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, products.map((p) => h('tr', null,
        h('th', { scope: 'row', 'data-label': t('lk_product_name') }, p.name_vi),
        h('td', { 'data-label': t('lk_vcpa') }, [p.vcpa, p.hs ? `HS ${p.hs}` : null].filter(Boolean).join(' · ')),
        h('td', { 'data-label': t('lk_ocop') }, stars(p.ocop_stars, p.ocop_valid) || ''),
        h('td', { 'data-label': t('lk_season') }, monthsText(p.harvest_months || p.months)),
        h('td', { 'data-label': t('lk_certifications') }, (p.certifications || []).map(certLabel).join(', ')))))))
    : h('p', { class: 'muted' }, t('lk_no_products'));

  const byState = (s) => listings.filter((l) => l.state === s);
  const order = ['draft', 'rejected', 'pending', 'published', 'expired', 'withdrawn'];
  const sorted = order.flatMap(byState).concat(listings.filter((l) => !order.includes(l.state)));
  const listingList = listingsBody.error ? errorBox(listingsBody.error) : sorted.length
    ? h('div', { class: 'cards lk-cards', 'data-testid': 'my-listings' }, sorted.map((l) => listingCard(l, pl, {
      showState: true,
      extra: h('div', null,
        l.state === 'rejected' && l.rejection_reason ? h('p', { class: 'alert warning small' }, t('lk_rejected_because', { reason: l.rejection_reason })) : null,
        l.can && l.can.edit ? h('p', null, h('a', { href: `#/linkage/edit/${encodeURIComponent(l.id)}` }, t('edit'))) : null,
        listingActions(l, reload)),
    })))
    : h('p', { class: 'muted' }, t('lk_no_listings'));

  replace(main,
    h('div', { class: 'lk-head' }, h('h1', null, t('lk_mine_title')),
      h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/linkage/new', 'data-testid': 'new-listing' }, t('lk_new_listing')),
        h('a', { class: 'button secondary', href: '#/linkage/import' }, t('lk_import_title')))),
    orgBox,
    h('section', null, h('h2', null, t('lk_my_listings')), listingList),
    h('section', null, h('div', { class: 'lk-head' }, h('h2', null, t('lk_products')),
      h('button', { type: 'button', class: 'secondary small', 'data-testid': 'add-product', onclick: () => replace(productBox, productForm(org, reload)) }, t('lk_product_new'))),
    productBox, productList));
  return undefined;
}

// New listing, or editing a draft / rejected one.
export async function renderLinkageListingForm(main, params) {
  const pl = await places();
  const orgs = await myOrganisations();
  if (!orgs.length) {
    replace(main, h('h1', null, t('lk_new_listing')), h('p', { class: 'alert info' }, t('lk_mine_no_org')),
      h('p', null, h('a', { class: 'button primary', href: '#/linkage/mine' }, t('lk_mine_title'))));
    return undefined;
  }
  let l = null;
  if (params.id) l = (await api.get(`/api/linkage/listings/${encodeURIComponent(params.id)}`)).listing;
  const org = l ? orgs.find((o) => o.id === l.organisation.id) || orgs[0] : orgs[0];
  const products = (await api.get('/api/linkage/products', { organisation: org.id })).products || [];

  const kindRadios = ['offer', 'request'].map((k) => h('input', { type: 'radio', name: 'kind', value: k, id: `lk-kind-${k}`, checked: (l ? l.kind : params.kind || 'offer') === k, disabled: Boolean(l), 'data-testid': `kind-${k}` }));
  const inputs = {
    title: h('input', { type: 'text', name: 'title', required: true, value: l ? l.title : '', 'data-testid': 'listing-title-input', maxlength: 200 }),
    description: h('textarea', { name: 'description', rows: 3, 'data-testid': 'listing-description' }),
    product: select([{ value: '', label: t('lk_no_product') }, ...products.map((p) => ({ value: String(p.id), label: p.name_vi + (p.ocop_stars ? ` ${'★'.repeat(p.ocop_stars)}` : '') }))],
      l && l.product ? String(l.product.id) : (products[0] ? String(products[0].id) : ''), { name: 'product', 'data-testid': 'listing-product' }),
    quantity: h('input', { type: 'text', name: 'quantity', inputmode: 'decimal', required: true, value: l && l.quantity ? l.quantity.value : '', 'data-testid': 'listing-quantity', class: 'lk-num' }),
    unit: select(kUnits.map((u) => ({ value: u, label: u })), l && l.quantity ? l.quantity.unit : 'tấn', { name: 'unit', 'data-testid': 'listing-unit' }),
    min_order: h('input', { type: 'text', name: 'min_order', inputmode: 'decimal', value: l && l.min_order ? l.min_order : '', class: 'lk-num', 'data-testid': 'listing-min-order' }),
    window_from: h('input', { type: 'date', name: 'window_from', required: true, value: l && l.window ? l.window.from : todayIso(), 'data-testid': 'listing-from' }),
    window_to: h('input', { type: 'date', name: 'window_to', required: true, value: l && l.window ? l.window.to : '', 'data-testid': 'listing-to' }),
    delivery_units: select(provinceOptions(pl, null, { currentOnly: true }), '', { name: 'delivery_units', multiple: true, size: 6, 'data-testid': 'listing-delivery' }),
    required_stars: select([{ value: '', label: t('lk_any_stars') }, ...[3, 4, 5].map((n) => ({ value: String(n), label: t('lk_min_stars_opt', { n }) }))], l && l.required_stars ? String(l.required_stars) : '', { name: 'required_stars' }),
  };
  inputs.description.value = l ? l.description || '' : '';
  if (l) for (const opt of inputs.delivery_units.options) opt.selected = (l.delivery_units || []).includes(opt.value);
  const certs = kCerts.map((c) => h('input', { type: 'checkbox', value: c, id: `lk-rc-${c}`, checked: Boolean(l && (l.required_certifications || []).includes(c)) }));
  const requestOnly = h('fieldset', { class: 'lk-request-only' },
    h('legend', null, t('lk_request_requirements')),
    h('div', { class: 'form-grid' },
      checkedField(t('lk_required_stars'), inputs.required_stars),
      h('div', { class: 'field' }, h('span', { class: 'lk-label' }, t('lk_required_certs')),
        h('div', { class: 'lk-checks' }, certs.map((c) => h('label', { for: c.id, class: 'check' }, c, certLabel(c.value)))))));
  const kind = () => kindRadios.find((r) => r.checked).value;
  const syncKind = () => {
    requestOnly.hidden = kind() !== 'request';
  };
  kindRadios.forEach((r) => r.addEventListener('change', syncKind));
  syncKind();

  const box = h('div', { 'aria-live': 'assertive', 'data-testid': 'listing-message' });
  const collect = () => ({
    kind: kind(),
    organisation: org.id,
    title: inputs.title.value.trim(),
    description: inputs.description.value.trim() || null,
    product: inputs.product.value ? Number(inputs.product.value) : null,
    quantity: { value: inputs.quantity.value.trim().replace(/\s/g, ''), unit: inputs.unit.value },
    min_order: inputs.min_order.value.trim() || null,
    window: { from: inputs.window_from.value || null, to: inputs.window_to.value || null },
    delivery_units: [...inputs.delivery_units.selectedOptions].map((o) => o.value),
    required_stars: kind() === 'request' && inputs.required_stars.value ? Number(inputs.required_stars.value) : null,
    required_certifications: kind() === 'request' ? certs.filter((c) => c.checked).map((c) => c.value) : [],
  });
  // Field names as the server may name them in its details.
  const named = { ...inputs, 'quantity.value': inputs.quantity, 'quantity.unit': inputs.unit, 'window.from': inputs.window_from, 'window.to': inputs.window_to, valid_to: inputs.window_to };
  const save = async (alsoSubmit) => {
    const json = collect();
    if (l) delete json.kind;
    try {
      const body = l
        ? await api.patch(`/api/linkage/listings/${encodeURIComponent(l.id)}`, json)
        : await api.post('/api/linkage/listings', json);
      const saved = body.listing;
      if (alsoSubmit) await api.post(`/api/linkage/listings/${encodeURIComponent(saved.id)}/submit`, {});
      toast(t(alsoSubmit ? 'lk_submitted' : 'lk_draft_saved'), 'ok');
      navigate(`#/linkage/listing/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      showProblems(err, named, box);
    }
  };
  const submitButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'listing-save-submit' }, t('lk_save_and_submit'));
  replace(main,
    h('p', { class: 'small' }, h('a', { href: '#/linkage/mine' }, `← ${t('lk_mine_title')}`)),
    h('h1', null, l ? t('lk_edit_listing') : t('lk_new_listing')),
    h('form', {
      class: 'card lk-form',
      novalidate: true,
      'data-testid': 'listing-form',
      onsubmit: (e) => {
        e.preventDefault();
        save(true);
      },
    },
    h('p', { class: 'meta' }, org.name, ' ', verifiedBadge(org)),
    h('fieldset', { class: 'radio-group lk-kind-choice' }, h('legend', null, t('lk_kind')),
      kindRadios.map((r) => h('label', { for: r.id }, r, t(`lk_kind_${r.value}_long`)))),
    h('div', { class: 'form-grid' },
      h('div', { class: 'lk-span2' }, checkedField(t('lk_title'), inputs.title, t('lk_title_hint'))),
      checkedField(t('lk_product'), inputs.product, products.length ? null : t('lk_no_products_hint'))),
    checkedField(t('lk_description'), inputs.description),
    h('div', { class: 'form-grid' },
      checkedField(t('lk_quantity'), inputs.quantity),
      checkedField(t('lk_unit'), inputs.unit),
      checkedField(t('lk_min_order'), inputs.min_order),
      checkedField(t('lk_from'), inputs.window_from),
      checkedField(t('lk_to'), inputs.window_to)),
    checkedField(t('lk_delivery'), inputs.delivery_units, t('lk_delivery_hint')),
    requestOnly,
    box,
    h('div', { class: 'actions' },
      submitButton,
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'listing-save-draft', onclick: () => save(false) }, t('lk_save_draft')))));
  inputs.title.focus();
  return undefined;
}

