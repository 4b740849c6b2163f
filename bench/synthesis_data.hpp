// The data set of the synthesis benchmark (bench/synthesis_vs_duckdb.sh): 2,000,000 observations
// of 60 synthetic indicators for the 63 pre-2025 provinces and the nation, every month of the 15
// years 2010–2024, in three vintages; written both as a lienket SQLite database (what the report
// command reads) and as CSV files for DuckDB, so both engines answer from the same figures.
//
// Content (deterministic: same catalogue, same bytes):
//   indicators  "bench_flow_01".."bench_flow_40" (flows: odd numbers in đồng, whole millions;
//               even numbers in USD with cents) and "bench_index_01".."bench_index_20" (indices,
//               previous year = 100, 80–140 with two decimals). They are defined here, in
//               process, and written into the benchmark database only; data/indicators.csv is
//               not touched. One basis ("total"), no growth-rate companion, no plan.
//   units       the 63 provinces of data/units.csv valid through 2010-01..2024-12, and "vn";
//   periods     months 2010-01..2024-12 (180);
//   vintages    estimate (as_of = last day of the next month), preliminary (+2 months, revised by
//               at most 3%), official (+3 months, by at most 1% more);
//   national    for flows, the sum of all 63 provinces' figures of that vintage plus 0–2% not
//               allocated to a province; for indices, the provinces' mean;
//   gaps        the full cube is 64 × 60 × 180 × 3 = 2,073,600 rows; to make exactly 2,000,000,
//               24,533 provincial figures (3.6%, chosen by hash) are missing in every vintage —
//               a province that did not report — and one more lacks its official vintage.
// Series: flows move at most ±8% a month around a level that trends by −4%..+12% a year, so
// provinces grow and fall; indices (starting at 95–115) move ±3 points a month, pulled back
// when they stray more than 8 points from where they started.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/region.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::bench {

inline constexpr std::int64_t kSynthesisRows = 2'000'000;
inline constexpr int kSynthesisFirstYear = 2010;
inline constexpr int kSynthesisLastYear = 2024;
inline constexpr int kFlowIndicators = 40;
inline constexpr int kIndexIndicators = 20;
inline constexpr std::string_view kSynthesisBasis = "total";
// What the benchmark synthesises: June 2024 (against June 2023) as known on 31 August 2024, when
// June 2024 has its estimate and preliminary vintages and June 2023 all three.
inline constexpr std::string_view kSynthesisPeriod = "2024-06";
inline constexpr std::string_view kSynthesisAsOf = "2024-08-31";

// The 60 synthetic indicators, flows first.
[[nodiscard]] std::vector<stats::Indicator> SyntheticIndicators();

struct SynthesisData {
  std::vector<stats::Observation> rows;  // month, unit, indicator, vintage order
  std::vector<int> province_ids;         // the 63, by code
  int nation_id = 0;
  std::int64_t missing_figures = 0;   // provincial figures absent in every vintage
  std::int64_t missing_official = 0;  // figures without their official vintage
};

// Generates the rows for the units of `units` (the shipped catalogue). Errors: kInvalidArgument
// when the catalogue does not have 63 provinces valid over 2010–2024 and a unit "vn".
[[nodiscard]] core::Result<SynthesisData> GenerateSynthesisData(const stats::UnitCatalog& units);

// Creates a new lienket database at `path` (replacing any file there) with the shipped reference
// data and the synthetic indicators, and no observations: open it with app::Context::Open, then
// generate the rows from its catalogue and write them with InsertBatch.
[[nodiscard]] core::Status CreateSynthesisDatabase(const std::string& path);

// The CSV files DuckDB loads (header line, "\n" ends, no quoting needed):
//   observations.csv  unit_id,indicator_id,period,value,status,basis,as_of,dataset
//   members.csv       region_key,unit_id: each region's members on `date`
//   indicators.csv    indicator_id,additive (true for flows, false for indices)
[[nodiscard]] std::string ObservationsCsv(const std::vector<stats::Observation>& rows);
[[nodiscard]] std::string MembersCsv(const std::vector<stats::Region>& regions,
                                     const stats::UnitCatalog& units, const core::Date& date);
[[nodiscard]] std::string IndicatorsCsv(const std::vector<stats::Indicator>& indicators);

}  // namespace lienket::bench
