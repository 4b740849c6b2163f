// A deterministic generator of large, valid import files in the canonical long format, for the
// import benchmarks (bench/make_import_csv, bench/import_benchmark, bench/import_vs_sqlite.sh).
//
// Content: the 63 provinces of 2008-08-01..2025-06-30 by Vietnamese name (data/units.csv), the
// plain monthly indicators of data/indicators.csv — flows in their usual units (retail_sales in
// ty_dong, exports/imports in trieu_usd, khuyen_cong_spend in trieu_dong, khuyen_cong_projects as
// a count), the count stocks (markets, supermarkets, ...) and the IIP (80–140) — never plans,
// year-on-year indices or the annual profile figures (area, population). Periods are months
// "YYYY-MM" from 2008-08, the first month in which all 63 provinces exist.
//
// Why more than one row per province, indicator and month: those 63 provinces only coexist for
// 203 months (2008-08..2025-06), so 63 × 11 indicators × 203 months is 140,679 rows, far short of
// a million. The generator therefore writes what a real provincial series looks like over time:
// each indicator in every breakdown (basis) that data/indicators.csv allows — the default basis
// with an empty cell, the others named — and each figure in its four published vintages:
//   estimate     as_of = last day of the month after the period ("ước tính", monthly report)
//   preliminary  as_of = last day of the second month after   ("sơ bộ")
//   official     as_of = last day of the third month after    ("chính thức")
//   official     as_of = 30 June of the next year             (revised in the statistical yearbook)
// Later vintages revise the estimate by at most 3%, 1% and 0.5%. Every row is therefore a
// distinct vintage (province, indicator, basis, period, status, as_of), valid, and the series are
// smooth (at most ±8% a month, counts ±1 or ±2), so no cross-row check (unit slip, part above
// total) fires. Qualifier is "exact", source "bench", note empty.
//
// Rows are ordered month, province, indicator, basis, vintage; a file of N rows is the first N
// rows of that order, so a smaller file is a prefix of a larger one.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace lienket::bench {

inline constexpr char kImportCsvHeader[] =
    "province,indicator,period,value,unit,status,qualifier,basis,source,note,as_of\n";

struct ImportCsvOptions {
  std::int64_t rows = 1'000'000;  // data rows, header excluded
  std::string data_dir;           // folder holding units.csv and indicators.csv
};

struct ImportCsv {
  std::string text;  // header line, then `rows` lines, "\n" line ends, no BOM
  std::int64_t rows = 0;
  std::string first_period;   // "2008-08"
  std::string last_period;    // period of the last row
  std::int64_t max_rows = 0;  // how many rows the generator could write at most
};

// Generates the file. Same options, same bytes. Errors: kUnavailable when a data file cannot be
// read, kInvalidArgument when it does not have the expected columns or provinces, or when
// `rows` is below 1 or above max_rows (1,176,588 with the shipped data).
[[nodiscard]] core::Result<ImportCsv> GenerateImportCsv(const ImportCsvOptions& options);

}  // namespace lienket::bench
