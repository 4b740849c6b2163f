// Reads a JSON-stat file written by `lienket export --format jsonstat` with a real client, the
// npm package jsonstat-toolkit, and prints what that client sees as one JSON document on stdout:
//   dimensions  the dimension ids in order
//   labels      {dimension: {category id: label}}
//   units       {indicator: {label, decimals, multiplier}} (multiplier from the dimension's
//               extension: value × 10^multiplier is the canonical unit)
//   cells       one object per non-empty cell: every dimension's category id, "value" as the
//               client's number printed by String() (the shortest text that reads back as the
//               same double), and "status"
// tests/export_test.cpp runs it (ctest) and compares every cell with the database exactly.
// Usage: node tests/jsonstat/check.mjs FILE.json   (after `npm ci --prefix tests/jsonstat`)
import JSONstat from "jsonstat-toolkit";
import { readFileSync } from "node:fs";

const path = process.argv[2];
if (!path) {
  console.error("usage: node check.mjs FILE.json");
  process.exit(64);
}
const ds = JSONstat(JSON.parse(readFileSync(path, "utf8")));
if (ds.class !== "dataset") {
  console.error(`not a JSON-stat dataset: class ${ds.class}`);
  process.exit(1);
}

const labels = {};
for (const dim of ds.id) {
  const d = ds.Dimension(dim);
  labels[dim] = {};
  for (const cat of d.id) labels[dim][cat] = d.Category(cat).label;
}

const metric = ds.Dimension({ role: "metric" });
if (!metric || metric.length !== 1) {
  console.error("expected exactly one dimension with role metric");
  process.exit(1);
}
const metricId = ds.role.metric[0];
const indicator = ds.Dimension(metricId);
const multiplier = (indicator.extension && indicator.extension.multiplier) || {};
const units = {};
for (const id of indicator.id) {
  const unit = indicator.Category(id).unit;
  units[id] = { label: unit.label, decimals: unit.decimals, multiplier: multiplier[id] };
}

const cells = [];
for (const row of ds.toTable({ type: "arrobj", content: "id", status: true })) {
  if (row.value === null) continue;
  if (typeof row.value !== "number") {
    console.error(`cell value is not a number: ${JSON.stringify(row)}`);
    process.exit(1);
  }
  cells.push({ ...row, value: String(row.value) });
}

process.stdout.write(JSON.stringify({ dimensions: ds.id, labels, units, cells }, null, 1) + "\n");
