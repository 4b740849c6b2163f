// Unit tests of the exact number formatting (node --test web/test/).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAmount, formatTable, formatPercent, formatGrowth, formatNumber, formatQualified,
  periodLabel, isPeriodCode, round, parseDecimal,
} from '../static/js/format.js';

const retail = { unit: 'vnd', precision: 1, display_unit_vi: 'tỷ đồng', display_unit_en: 'billion VND' };
const exports = { unit: 'usd', precision: 1, display_unit_vi: 'triệu USD', display_unit_en: 'million USD' };
const iip = { unit: 'index', precision: 2, display_unit_vi: '%', display_unit_en: '%' };
const ocop = { unit: 'count', precision: 0, display_unit_vi: 'sản phẩm', display_unit_en: 'products' };

test('amounts are scaled like the printed report', () => {
  assert.equal(formatAmount('2601999900000000', retail, 'vi'), '2.602 nghìn tỷ đồng');
  assert.equal(formatAmount('2601999900000000', retail, 'en'), 'VND 2,602 trillion');
  assert.equal(formatAmount('29154000000', retail, 'vi'), '29,15 tỷ đồng');
  assert.equal(formatAmount('221500100000', exports, 'vi'), '221,5 tỷ USD');
  assert.equal(formatAmount('221500100000', exports, 'en'), 'USD 221.5 billion');
  assert.equal(formatAmount('112.97', iip, 'vi'), '112,97');
  assert.equal(formatAmount('8953', ocop, 'vi'), '8.953 sản phẩm');
  assert.equal(formatQualified('2601999900000000', 'lower_bound', retail, 'vi'), 'trên 2.602 nghìn tỷ đồng');
});

test('tables keep every digit of a 16-digit đồng value', () => {
  assert.equal(formatTable('1404000200000000', retail, 'vi'), '1.404.000,2');
  assert.equal(formatTable('1404000200000000', retail, 'en'), '1,404,000.2');
  assert.equal(formatTable('9007199254740993000', retail, 'vi'), '9.007.199.254,7');
  assert.equal(formatTable('25413500000', exports, 'vi'), '25.413,5');
  assert.equal(formatTable('-25413550000', exports, 'vi'), '−25.413,6');
});

test('rounding is half away from zero on the text', () => {
  assert.deepEqual(round(parseDecimal('9.995'), 2), { neg: false, int: '10', frac: '00' });
  assert.equal(formatNumber('0.05', 1, 'vi'), '0,1');
  assert.equal(formatNumber('-0.04', 1, 'vi'), '0,0');
  assert.equal(formatPercent('41.8093', 'vi'), '41,8%');
  assert.equal(formatGrowth('16.7', 'vi'), 'tăng 16,7%');
  assert.equal(formatGrowth('-4.44', 'en'), 'down 4.4%');
  assert.equal(formatGrowth('16.33', 'vi', 1, 'lower_bound'), 'tăng trên 16,3%');
});

test('periods read as people say them', () => {
  assert.equal(periodLabel('2024-H1', 'vi'), '6 tháng đầu năm 2024');
  assert.equal(periodLabel('2024-Q2', 'vi'), 'Quý II/2024');
  assert.equal(periodLabel('2025-06', 'vi'), 'Tháng 6/2025');
  assert.equal(periodLabel('2025-06', 'en'), 'June 2025');
  assert.ok(isPeriodCode('2024-M01-M05'));
  assert.ok(isPeriodCode('2024-9M'));
  assert.ok(!isPeriodCode('2024-13'));
});

test('dates read as Vietnamese write them; zoned timestamps in local time', async () => {
  const { formatDate } = await import('../static/js/format.js');
  assert.equal(formatDate('2024-06-20', 'vi'), '20/06/2024');
  assert.equal(formatDate('2024-06-20', 'en'), '2024-06-20');
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  const local = new Date('2026-11-26T01:25:00Z');
  const hh = String(local.getHours()).padStart(2, '0');
  assert.equal(formatDate('2026-11-26T01:25:00Z', 'vi'), `26/11/2026 ${hh}:25`);
});
