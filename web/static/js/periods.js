// Reporting periods: end dates, the kind of a period, and the period a form is due for today.

export function periodEnd(code) {
  let m;
  const last = (y, mo) => {
    const d = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  if ((m = /^(\d{4})$/.exec(code))) return `${m[1]}-12-31`;
  if ((m = /^(\d{4})-H([12])$/.exec(code))) return m[2] === '1' ? `${m[1]}-06-30` : `${m[1]}-12-31`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(code))) return last(m[1], Number(m[2]) * 3);
  if ((m = /^(\d{4})-(\d{2})$/.exec(code))) return last(m[1], Number(m[2]));
  if ((m = /^(\d{4})-(\d{1,2})M$/.exec(code))) return last(m[1], Number(m[2]));
  if ((m = /^(\d{4})-M\d{2}-M(\d{2})$/.exec(code))) return last(m[1], Number(m[2]));
  return null;
}

export function periodKind(code) {
  if (/^\d{4}$/.test(code)) return 'year';
  if (/^\d{4}-H[12]$/.test(code)) return 'half_year';
  if (/^\d{4}-Q[1-4]$/.test(code)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(code)) return 'month';
  return 'cumulative';
}

// The latest period of a kind that has ended before `today` (a Date): the one being reported now.
export function currentReportingPeriod(kind, today = new Date()) {
  const y = today.getFullYear();
  const mo = today.getMonth() + 1; // 1..12
  switch (kind) {
    case 'month': {
      const py = mo === 1 ? y - 1 : y;
      const pm = mo === 1 ? 12 : mo - 1;
      return `${py}-${String(pm).padStart(2, '0')}`;
    }
    case 'quarter': {
      const q = Math.floor((mo - 1) / 3); // quarters fully past
      return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
    }
    case 'half_year':
      return mo > 6 ? `${y}-H1` : `${y - 1}-H2`;
    default:
      return String(y - 1);
  }
}

export function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
