// Reference data from the server, fetched once per page load: indicators, forms, regions and the
// units valid on a date, with lookups by id or key.

import { cached } from './api.js';
import { getLang } from './i18n.js';

export async function indicators() {
  const body = await cached('/api/indicators');
  const byId = new Map(body.indicators.map((i) => [i.id, i]));
  return { list: body.indicators, byId };
}

export async function forms() {
  const body = await cached('/api/forms');
  return { list: body.forms, byId: new Map(body.forms.map((f) => [f.id, f])) };
}

export async function regions(date) {
  const body = await cached('/api/regions', date ? { date } : undefined);
  return { list: body.regions, byKey: new Map(body.regions.map((r) => [r.key, r])) };
}

export async function units(date) {
  const body = await cached('/api/units', date ? { date } : undefined);
  const list = body.units;
  return {
    list,
    byKey: new Map(list.map((u) => [u.key, u])),
    byCode: new Map(list.map((u) => [u.code, u])),
  };
}

// A unit's name in the current language; falls back to the key.
export function unitName(unitsIndex, key, fallback) {
  const u = unitsIndex && unitsIndex.byKey.get(key);
  if (!u) return fallback || key;
  return getLang() === 'en' ? u.name_en || u.name_vi : u.name_vi;
}
