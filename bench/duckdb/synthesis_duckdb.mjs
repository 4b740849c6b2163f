// synthesis_duckdb.mjs: the DuckDB side of bench/synthesis_vs_duckdb.sh. It loads the CSV files
// written by make_synthesis_data into an in-memory DuckDB database and computes by SQL what
// lienket's synthesis says about every region × indicator for the benchmark period:
//
//   members, reported          members of the region at the period's end; those with a figure
//   total                      sum over the members that reported (flows)
//   comparable_members         members with a figure now and a year earlier (flows)
//   growth_pct                 of the comparable set: sum now / sum a year earlier × 100 − 100
//   national_growth_pct        the nation's (flows: from its two figures; indices: index − 100)
//   share_of_nation_pct        total / the nation's figure × 100
//   with_growth, growing       members with a growth figure; of those, growing (growth > 0)
//   above_national             members growing faster than the nation
//   min, max                   range of the members' indices (indices)
// always from the latest vintage of each series published on or before the report date (greatest
// as_of, then official > preliminary > estimate), as lienket's SqliteStore::Find(latest_only).
// Values are DECIMAL(38,9), as exact as lienket's Decimal; a quotient (growth, share) is computed
// on the 128-bit scaled integers and rounded half to even at 9 decimals, as lienket does, so the
// answers can be compared digit for digit. (DuckDB's own DECIMAL division returns a DOUBLE.)
//
// It times, separately: the load (CSV -> tables), the full query (every region × indicator, one
// statement, median of --repeats runs) and a single query (one region, one indicator: a prepared
// statement; p50 and p99 over --single runs cycling through regions and indicators in the order
// synthesis_lienket uses, after 20 warm-up runs). With --check FILE (synthesis_lienket's
// --results), every answer of the full query is compared with lienket's, exactly.
//
// Output, one "key=value" a line: duckdb_version, threads, load_s, full_s, full_cpu_s (CPU
// seconds of the process, all threads, during the full query), runs, results, single_runs,
// single_p50_ms, single_p99_ms and, with --check, checked, mismatches, check (PASS or FAIL);
// the first mismatches go to standard error. Exit 0, or 1 when a check failed or on error.
//
//   node synthesis_duckdb.mjs --data DIR [--repeats 5] [--single 2000] [--check FILE]
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
if (!args.data) {
  console.error('usage: node synthesis_duckdb.mjs --data DIR [--repeats N] [--single N] [--check FILE]');
  process.exit(1);
}
const repeats = Number(args.repeats ?? 5);
const singleRuns = Number(args.single ?? 2000);
const manifest = JSON.parse(readFileSync(`${args.data}/manifest.json`, 'utf8'));

const now = () => process.hrtime.bigint();
const seconds = (from, to) => Number(to - from) / 1e9;
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const percentile = (v, q) => {
  const s = [...v].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil(q * s.length)));
  return s[rank - 1];
};

// Named statements. Quotients are computed on integer counts of 10^-9 (HUGEINT), as lienket's
// Decimal does, because DuckDB's DECIMAL division returns a DOUBLE:
//   parse_raw(t)       canonical decimal text ("-6.3", "350", at most 9 decimals) as a count of
//                      10^-9, through integers: DuckDB 1.5's own VARCHAR -> DECIMAL(38,9) cast
//                      takes about 16 µs a value (over 30 s for the 2,000,000 values here);
//   raw(x)             a DECIMAL(38,9) as its count of 10^-9;
//   rounded(q, n, d)   n / d rounded half to even, given q = n // d (for n >= 0, d > 0: every
//                      quotient here, flows being non-negative); the caller computes q once, as
//                      a HUGEINT division costs about 1 µs;
//   div_round(n, d)    the same, computing q itself (for the few rows where that is cheap).
const kMacros = `
CREATE MACRO parse_raw(t) AS
  (CASE WHEN starts_with(t, '-') THEN -1 ELSE 1 END) *
  (ltrim(split_part(t, '.', 1), '-+')::HUGEINT * 1000000000 +
   rpad(split_part(t, '.', 2), 9, '0')::HUGEINT);
CREATE MACRO raw(x) AS (x * 1000000000::DECIMAL(38,0))::HUGEINT;
CREATE MACRO rounded(q, n, d) AS
  q + CASE WHEN 2 * (n - q * d) > d OR (2 * (n - q * d) = d AND (q & 1) = 1) THEN 1 ELSE 0 END;
CREATE MACRO div_round(n, d) AS rounded(n // d, n, d);
`;
// observations keeps each value twice: `value` DECIMAL(38,9), which the sums use, and
// `value_raw`, its count of 10^-9, which the per-member quotients use.
const kLoad = [
  [`CREATE TABLE observations AS
     SELECT * EXCLUDE (text), raw::DECIMAL(38,0) * 0.000000001::DECIMAL(38,9) AS value,
            raw AS value_raw
     FROM (SELECT *, parse_raw(text) AS raw FROM read_csv($file, header = true,
       columns = {'unit_id': 'INTEGER', 'indicator_id': 'VARCHAR', 'period': 'VARCHAR',
                  'text': 'VARCHAR', 'status': 'VARCHAR', 'basis': 'VARCHAR', 'as_of': 'DATE',
                  'dataset': 'VARCHAR'}))`, 'observations.csv'],
  [`CREATE TABLE members AS SELECT * FROM read_csv($file, header = true,
     columns = {'region_key': 'VARCHAR', 'unit_id': 'INTEGER'})`, 'members.csv'],
  [`CREATE TABLE indicators AS SELECT * FROM read_csv($file, header = true,
     columns = {'indicator_id': 'VARCHAR', 'additive': 'BOOLEAN'})`, 'indicators.csv'],
];
// The synthesis. `single` narrows it to one region and one indicator ($region, $indicator).
function synthesisSql(single) {
  const oneIndicator = single ? 'AND indicator_id = $indicator' : '';
  const oneRegion = single ? 'WHERE region_key = $region' : '';
  return `
WITH latest AS (  -- the latest vintage of each series as of the report date
  SELECT unit_id, indicator_id, period,
         arg_max(value, date_diff('day', DATE '1970-01-01', as_of) * 4 +
                        CASE status WHEN 'official' THEN 2 WHEN 'preliminary' THEN 1 ELSE 0 END)
           AS value,
         arg_max(value_raw, date_diff('day', DATE '1970-01-01', as_of) * 4 +
                            CASE status WHEN 'official' THEN 2 WHEN 'preliminary' THEN 1 ELSE 0 END)
           AS raw
  FROM observations
  WHERE period IN ($period, $previous) AND as_of <= $as_of AND dataset = 'observed'
    AND basis = $basis ${oneIndicator}
  GROUP BY unit_id, indicator_id, period
),
chosen AS (SELECT * FROM indicators WHERE true ${oneIndicator}),
nation AS (
  SELECT i.indicator_id, c.value AS now,
         CASE WHEN NOT i.additive THEN c.raw - 100000000000
              WHEN p.raw <> 0 THEN div_round(c.raw * 100000000000, p.raw) - 100000000000
         END AS growth
  FROM chosen i
  LEFT JOIN latest c ON c.unit_id = $nation AND c.indicator_id = i.indicator_id
                        AND c.period = $period
  LEFT JOIN latest p ON p.unit_id = $nation AND p.indicator_id = i.indicator_id
                        AND p.period = $previous
),
cell AS (  -- every member × indicator: its figure now and a year earlier
  SELECT m.region_key, i.indicator_id, i.additive, c.value AS now, p.value AS before,
         c.raw AS now_raw, p.raw AS before_raw, n.growth AS national_growth,
         CASE WHEN i.additive AND p.raw <> 0 THEN (c.raw * 100000000000) // p.raw END AS q
  FROM (SELECT * FROM members ${oneRegion}) m CROSS JOIN chosen i
  JOIN nation n ON n.indicator_id = i.indicator_id
  LEFT JOIN latest c ON c.unit_id = m.unit_id AND c.indicator_id = i.indicator_id
                        AND c.period = $period
  LEFT JOIN latest p ON p.unit_id = m.unit_id AND p.indicator_id = i.indicator_id
                        AND p.period = $previous
),
growth AS (  -- and its growth in percent (indices: index − 100)
  SELECT *,
         CASE WHEN now IS NULL THEN NULL
              WHEN NOT additive THEN now_raw - 100000000000
              WHEN q IS NOT NULL THEN rounded(q, now_raw * 100000000000, before_raw)
                                      - 100000000000 END AS growth
  FROM cell
),
region AS (
  SELECT region_key, indicator_id, additive,
         count(*) AS members, count(now) AS reported,
         sum(now) AS total,
         count(*) FILTER (now IS NOT NULL AND before IS NOT NULL) AS comparable_members,
         sum(now) FILTER (before IS NOT NULL) AS comparable_now,
         sum(before) FILTER (now IS NOT NULL) AS comparable_before,
         count(growth) AS with_growth,
         count(*) FILTER (growth > 0) AS growing,
         count(*) FILTER (growth > national_growth) AS above_national,
         min(now) AS min, max(now) AS max
  FROM growth GROUP BY region_key, indicator_id, additive
)
SELECT r.region_key AS region, r.indicator_id AS indicator, r.members, r.reported,
       CASE WHEN r.additive THEN raw(r.total) END AS total,
       CASE WHEN r.additive THEN r.comparable_members ELSE 0 END AS comparable_members,
       CASE WHEN r.additive AND r.comparable_members > 0 AND r.comparable_before <> 0
            THEN div_round(raw(r.comparable_now) * 100000000000, raw(r.comparable_before))
                 - 100000000000 END AS growth_pct,
       n.growth AS national_growth_pct,
       CASE WHEN r.additive AND r.reported > 0 AND n.now <> 0
            THEN div_round(raw(r.total) * 100000000000, raw(n.now)) END AS share_of_nation_pct,
       r.with_growth, r.growing, r.above_national,
       CASE WHEN NOT r.additive THEN raw(r.min) END AS min,
       CASE WHEN NOT r.additive THEN raw(r.max) END AS max
FROM region r JOIN nation n USING (indicator_id)
ORDER BY region, indicator`;
}

// lienket's canonical decimal text ("-6.3", "350", "") as a count of 10^-9, or null.
function rawOf(text) {
  if (text === '') return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const raw = BigInt(whole) * 1000000000n + BigInt((fraction + '000000000').slice(0, 9));
  return negative ? -raw : raw;
}
const kColumns = [
  'members', 'reported', 'total', 'comparable_members', 'growth_pct', 'national_growth_pct',
  'share_of_nation_pct', 'with_growth', 'growing', 'above_national', 'min', 'max',
];
const kDecimalColumns = new Set([
  'total', 'growth_pct', 'national_growth_pct', 'share_of_nation_pct', 'min', 'max',
]);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
const threads = (await connection.runAndReadAll("SELECT current_setting('threads') AS t"))
  .getRowObjects()[0].t;
await connection.run(kMacros);

const loadStart = now();
for (const [sql, file] of kLoad) await connection.run(sql, { file: `${args.data}/${file}` });
const loadEnd = now();
const loaded = (await connection.runAndReadAll('SELECT count(*) AS n FROM observations'))
  .getRowObjects()[0].n;
const valueType = (await connection.runAndReadAll('SELECT typeof(value) AS t FROM observations LIMIT 1'))
  .getRowObjects()[0].t;
if (valueType !== 'DECIMAL(38,9)') {
  console.error(`synthesis_duckdb: values loaded as ${valueType}, expected DECIMAL(38,9)`);
  process.exit(1);
}
if (Number(loaded) !== manifest.rows) {
  console.error(`synthesis_duckdb: loaded ${loaded} rows, expected ${manifest.rows}`);
  process.exit(1);
}

const parameters = {
  period: manifest.period,
  previous: manifest.previous_period,
  as_of: manifest.as_of,
  basis: manifest.basis,
  nation: manifest.nation_unit_id,
};
const full = await connection.prepare(synthesisSql(false));
full.bind(parameters);
const fullTimes = [];
const fullCpu = [];
let results = [];
for (let run = 0; run < repeats; ++run) {
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const reader = await full.runAndReadAll();
  results = reader.getRowObjectsJS();
  fullTimes.push(seconds(t0, now()));
  const cpu = process.cpuUsage(cpu0);
  fullCpu.push((cpu.user + cpu.system) / 1e6);
}

// Single queries, in synthesis_lienket's order: region n % R, indicator 7n % I.
const regionKeys = [];
for (const line of readFileSync(`${args.data}/members.csv`, 'utf8').trim().split('\n').slice(1)) {
  const key = line.split(',')[0];
  if (regionKeys[regionKeys.length - 1] !== key) regionKeys.push(key);
}
const indicatorIds = readFileSync(`${args.data}/indicators.csv`, 'utf8').trim().split('\n')
  .slice(1).map((line) => line.split(',')[0]);
const single = await connection.prepare(synthesisSql(true));
const singleTimes = [];
const kWarmUp = 20;
for (let k = -kWarmUp; k < singleRuns; ++k) {
  const n = k + kWarmUp;
  const t0 = now();
  single.bind({
    ...parameters,
    region: regionKeys[n % regionKeys.length],
    indicator: indicatorIds[(n * 7) % indicatorIds.length],
  });
  const rows = (await single.runAndReadAll()).getRowObjectsJS();
  const t1 = now();
  if (rows.length !== 1) {
    console.error(`synthesis_duckdb: a single query returned ${rows.length} rows`);
    process.exit(1);
  }
  if (k >= 0) singleTimes.push(seconds(t0, t1) * 1e3);
}

const out = [
  `duckdb_version=${version}`,
  `threads=${threads}`,
  `load_s=${seconds(loadStart, loadEnd).toFixed(6)}`,
  `full_s=${median(fullTimes).toFixed(6)}`,
  `full_cpu_s=${median(fullCpu).toFixed(6)}`,
  `runs=${repeats}`,
  `results=${results.length}`,
  `single_runs=${singleTimes.length}`,
  `single_p50_ms=${percentile(singleTimes, 0.5).toFixed(4)}`,
  `single_p99_ms=${percentile(singleTimes, 0.99).toFixed(4)}`,
];

let failed = false;
if (args.check) {
  const lines = readFileSync(args.check, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const lienket = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    lienket.set(`${row.region}|${row.indicator}`, row);
  }
  let checked = 0;
  const mismatches = [];
  for (const d of results) {
    const l = lienket.get(`${d.region}|${d.indicator}`);
    if (!l) {
      mismatches.push(`${d.region} ${d.indicator}: no lienket result`);
      continue;
    }
    for (const column of kColumns) {
      const mine = d[column] === null ? null : BigInt(d[column]);
      const theirs = kDecimalColumns.has(column) ? rawOf(l[column]) : BigInt(l[column]);
      if (mine !== theirs) {
        mismatches.push(`${d.region} ${d.indicator} ${column}: duckdb ${mine} lienket ${theirs}` +
                        ' (decimals in units of 10^-9)');
      }
    }
    ++checked;
  }
  if (results.length !== lienket.size) {
    mismatches.push(`duckdb has ${results.length} results, lienket ${lienket.size}`);
  }
  for (const m of mismatches.slice(0, 10)) console.error(`synthesis_duckdb: mismatch: ${m}`);
  failed = mismatches.length > 0;
  out.push(`checked=${checked}`, `mismatches=${mismatches.length}`,
           `check=${failed ? 'FAIL' : 'PASS'}`);
}
console.log(out.join('\n'));
process.exit(failed ? 1 : 0);
