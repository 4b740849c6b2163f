// Numbers, amounts, percentages and periods as Vietnamese and English readers write them.
//
// The API sends every figure as an exact decimal string in its canonical unit (đồng, USD, index
// points, counts). Tables must show every digit, so amounts are scaled and rounded here on the
// decimal text itself, never through a JavaScript number (a 16-digit đồng value does not fit a
// double exactly). Charts may use toNumber(): a chart cannot show the last digit anyway.

// A decimal as sign, integer digits and fraction digits ("-12.5" -> {neg:true,int:"12",frac:"5"}),
// or null when the text is not a plain decimal.
export function parseDecimal(text) {
  if (text === null || text === undefined) return null;
  const s = String(text).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const int = m[2].replace(/^0+(?=\d)/, '') || '0';
  return { neg: m[1] === '-', int, frac: m[3] || '' };
}

function isZero(d) {
  return /^0*$/.test(d.int) && /^0*$/.test(d.frac);
}

// Moves the decimal point: shift(d, -9) divides by 10^9, exactly.
export function shift(d, power) {
  let digits = d.int + d.frac;
  let point = d.int.length + power;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  return { neg: d.neg, int, frac: digits.slice(point) };
}

// Rounds half away from zero to `decimals` fraction digits, exactly.
export function round(d, decimals) {
  if (d.frac.length <= decimals) {
    return { neg: d.neg, int: d.int, frac: d.frac.padEnd(decimals, '0') };
  }
  const keep = d.int + d.frac.slice(0, decimals);
  const up = d.frac.charCodeAt(decimals) >= 53; // '5'
  let digits = keep;
  if (up) {
    const arr = keep.split('');
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === '9') {
        arr[i] = '0';
        i -= 1;
      } else {
        arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
        break;
      }
    }
    digits = (i < 0 ? '1' : '') + arr.join('');
  }
  const intLen = digits.length - decimals;
  const out = {
    neg: d.neg,
    int: digits.slice(0, intLen).replace(/^0+(?=\d)/, '') || '0',
    frac: digits.slice(intLen),
  };
  if (isZero(out)) out.neg = false;
  return out;
}

function marks(lang) {
  return lang === 'en' ? { group: ',', point: '.' } : { group: '.', point: ',' };
}

function render(d, lang, trim) {
  const { group, point } = marks(lang);
  const int = d.int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  let frac = d.frac;
  if (trim) frac = frac.replace(/0+$/, '');
  const sign = d.neg && !isZero(d) ? '−' : '';
  return sign + int + (frac ? point + frac : '');
}

// "1234567.891" -> "1.234.567,89" (vi) / "1,234,567.89" (en) with `decimals` digits.
export function formatNumber(text, decimals, lang, { trim = false } = {}) {
  const d = parseDecimal(text);
  if (!d) return text === null || text === undefined ? '' : String(text);
  return render(round(d, decimals), lang, trim);
}

export function toNumber(text) {
  if (text === null || text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const kVndScales = [
  { power: 12, vi: 'nghìn tỷ đồng', en: 'trillion' },
  { power: 9, vi: 'tỷ đồng', en: 'billion' },
  { power: 6, vi: 'triệu đồng', en: 'million' },
  { power: 0, vi: 'đồng', en: '' },
];
const kUsdScales = [
  { power: 9, vi: 'tỷ USD', en: 'billion' },
  { power: 6, vi: 'triệu USD', en: 'million' },
  { power: 0, vi: 'USD', en: '' },
];

function decimalsFor(d) {
  const n = d.int.length;
  if (d.int !== '0' && n >= 4) return 0;
  if (d.int !== '0' && n === 3) return 1;
  if (d.int !== '0' && n === 2) return 2;
  return 3;
}

// An amount for a sentence or a card, scaled to a readable multiplier like the printed report:
// "2.602 nghìn tỷ đồng", "221,5 tỷ USD"; "VND 2,602 trillion", "USD 221.5 billion". Index values
// keep two decimals; counts are whole numbers followed by the indicator's unit.
export function formatAmount(text, indicator, lang) {
  const d = parseDecimal(text);
  if (!d) return '—';
  const unit = indicator ? indicator.unit : '';
  const scales = unit === 'vnd' ? kVndScales : unit === 'usd' ? kUsdScales : null;
  if (scales) {
    const absInt = d.int;
    for (const s of scales) {
      if (s.power > 0 && absInt.length <= s.power) continue; // |value| < 10^power
      const scaled = shift(d, -s.power);
      const number = render(round(scaled, decimalsFor(scaled)), lang, true);
      if (lang === 'en') {
        const cur = unit === 'vnd' ? 'VND' : 'USD';
        return s.en ? `${cur} ${number} ${s.en}` : `${cur} ${number}`;
      }
      return `${number} ${s.vi}`;
    }
  }
  if (unit === 'index') return formatNumber(text, 2, lang);
  const number = formatNumber(text, 0, lang);
  const u = indicator ? (lang === 'en' ? indicator.display_unit_en : indicator.display_unit_vi) : '';
  return u ? `${number} ${u}` : number;
}

// The power of ten of an indicator's display unit against its canonical unit
// ("tỷ đồng" -> 9, "triệu USD" -> 6); 0 when the display unit is the canonical one.
export function displayPower(indicator) {
  const u = (indicator && indicator.display_unit_vi) || '';
  const table = {
    'nghìn tỷ đồng': 12,
    'tỷ đồng': 9,
    'triệu đồng': 6,
    'nghìn đồng': 3,
    'tỷ USD': 9,
    'triệu USD': 6,
    'nghìn USD': 3,
  };
  return table[u] || 0;
}

// A value for a table column headed by the display unit: every digit to the indicator's precision
// ("1404000200000000" đồng, tỷ đồng, precision 1 -> "1.404.000,2").
export function formatTable(text, indicator, lang) {
  const d = parseDecimal(text);
  if (!d) return '—';
  const precision = indicator && Number.isInteger(indicator.precision) ? indicator.precision : 0;
  return render(round(shift(d, -displayPower(indicator)), precision), lang, false);
}

// The canonical value in the display unit as a JavaScript number, for charts only.
export function toDisplayNumber(text, indicator) {
  const d = parseDecimal(text);
  if (!d) return null;
  const s = shift(d, -displayPower(indicator));
  return Number((s.neg ? '-' : '') + s.int + (s.frac ? '.' + s.frac : ''));
}

// "41.8093" -> "41,8%"; decimals defaults to one, as the conference writes.
export function formatPercent(text, lang, decimals = 1) {
  const d = parseDecimal(text);
  if (!d) return '—';
  return render(round(d, decimals), lang, false) + '%';
}

// A growth rate as words: "tăng 16,7%" / "giảm 4,4%" / "up 16.7%" / "down 4.4%".
// With a qualifier the word goes after the verb: "tăng trên 16,3%" / "up more than 16.3%".
export function formatGrowth(text, lang, decimals = 1, qualifier = 'exact') {
  const d = parseDecimal(text);
  if (!d) return '—';
  const r = round(d, decimals);
  const q = qualifierWord(qualifier, lang);
  const abs = (q ? `${q} ` : '') + render({ ...r, neg: false }, lang, false) + '%';
  if (isZero(r)) return lang === 'en' ? 'unchanged' : 'không đổi';
  if (r.neg) return (lang === 'en' ? 'down ' : 'giảm ') + abs;
  return (lang === 'en' ? 'up ' : 'tăng ') + abs;
}

export function qualifierWord(q, lang) {
  const words = {
    vi: { lower_bound: 'trên', upper_bound: 'dưới', approx: 'khoảng' },
    en: { lower_bound: 'more than', upper_bound: 'less than', approx: 'about' },
  };
  return (words[lang === 'en' ? 'en' : 'vi'][q] || '');
}

// "trên 2.602 nghìn tỷ đồng"
export function formatQualified(text, qualifier, indicator, lang) {
  const w = qualifierWord(qualifier, lang);
  const a = formatAmount(text, indicator, lang);
  return w && a !== '—' ? `${w} ${a}` : a;
}

const kRoman = ['I', 'II', 'III', 'IV'];
const kMonthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

// A period code as a reader says it: "2024-H1" -> "6 tháng đầu năm 2024" / "H1 2024".
export function periodLabel(code, lang) {
  if (!code) return '';
  const en = lang === 'en';
  let m;
  if ((m = /^(\d{4})$/.exec(code))) return en ? `Year ${m[1]}` : `Năm ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(code))) {
    if (en) return `H${m[2]} ${m[1]}`;
    return m[2] === '1' ? `6 tháng đầu năm ${m[1]}` : `6 tháng cuối năm ${m[1]}`;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(code))) {
    return en ? `Q${m[2]} ${m[1]}` : `Quý ${kRoman[Number(m[2]) - 1]}/${m[1]}`;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(code))) {
    const month = Number(m[2]);
    return en ? `${kMonthsEn[month - 1]} ${m[1]}` : `Tháng ${month}/${m[1]}`;
  }
  if ((m = /^(\d{4})-(\d{1,2})M$/.exec(code))) {
    return en ? `First ${m[2]} months of ${m[1]}` : `${m[2]} tháng năm ${m[1]}`;
  }
  if ((m = /^(\d{4})-M(\d{2})-M(\d{2})$/.exec(code))) {
    const a = Number(m[2]);
    const b = Number(m[3]);
    return en ? `${kMonthsEn[a - 1]}–${kMonthsEn[b - 1]} ${m[1]}` : `Tháng ${a}–${b}/${m[1]}`;
  }
  return code;
}

// True when the text is a period code the server accepts.
export function isPeriodCode(text) {
  return /^(\d{4})(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])|-([1-9]|1[01])M|-M(0[1-9]|1[0-2])-M(0[1-9]|1[0-2]))?$/.test(
    String(text || '').trim(),
  );
}

// "2024-06-20" -> "20/06/2024" (vi) / "2024-06-20" (en); date-times keep the time "20/06/2024 14:05".
// A timestamp with a zone ("2026-11-26T01:25:33Z") is shown in the reader's local time.
export function formatDate(text, lang) {
  if (!text) return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(text);
  if (!m) return text;
  if (m[4] && /(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const d = new Date(text);
    if (!Number.isNaN(d.getTime())) {
      const p2 = (n) => String(n).padStart(2, '0');
      m = [null, String(d.getFullYear()), p2(d.getMonth() + 1), p2(d.getDate()), p2(d.getHours()), p2(d.getMinutes())];
    }
  }
  const time = m[4] ? ` ${m[4]}:${m[5]}` : '';
  return lang === 'en' ? `${m[1]}-${m[2]}-${m[3]}${time}` : `${m[3]}/${m[2]}/${m[1]}${time}`;
}

// The same period one year earlier ("2024-H1" -> "2023-H1").
export function samePeriodLastYear(code) {
  const m = /^(\d{4})(.*)$/.exec(code || '');
  return m ? `${Number(m[1]) - 1}${m[2]}` : code;
}
