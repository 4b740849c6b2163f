// Observations written in the formats statistics offices read, and in lienket's own import format.
// Pure functions: rows and catalogues in, text out; reading the database and writing the file are
// the caller's job (app/export_command). Numbers go from core::Decimal's text straight into the
// output, never through binary floating point.
//
// JSON-stat 2.0 dataset (https://json-stat.org/full/; read by jsonstat-toolkit and PxWeb clients):
//   dimensions  dataset (observed | illustrative, always present so a reader knows whether the
//               figures are real), indicator (role metric), basis, unit (role geo: provincial
//               units by their stable key, e.g. "ha-noi", "lao-cai-2025"; GSO codes in the
//               dimension's extension), period (role time: canonical codes "2024-H1"), and with
//               all_vintages a vintage dimension ("2024-06-29.estimate").
//   labels      Vietnamese; English names in each dimension's extension ("label_en", "name_en").
//   value       a sparse object {"cell index": number} (the spec's form for sparse cubes). Each
//               indicator's values are in the unit stated in dimension.indicator.category.unit
//               ({label, decimals}); extension.multiplier gives the power of ten back to the
//               canonical unit (value × 10^multiplier đồng / USD / index points / count).
//   status      a sparse object of flags in Eurostat's style, labels in extension.status:
//               "e" estimate (ước tính), "p" preliminary (sơ bộ), ">" lower bound ("trên X"),
//               "<" upper bound ("dưới X"), "~" approximate ("khoảng X"); flags concatenate
//               ("e>"); no flag = official and exact.
//   extension   observations: per cell {status, qualifier, as_of, source, note}.
//
// SDMX-CSV 1.0 (the CSV format of SDMX 2.1, sdmx-twg/sdmx-csv v1.0 field guide): a header row,
//   then one row per observation: DATAFLOW (LIENKET:OBSERVATIONS(1.0), LIENKET:ILLUSTRATIVE(1.0);
//   *_VINTAGES(1.0) with all_vintages, which adds a VINTAGE dimension), INDICATOR, REF_AREA (unit
//   key), BASIS, TIME_PERIOD, [VINTAGE], OBS_VALUE, OBS_STATUS (SDMX CL_OBS_STATUS: A normal =
//   official, P provisional = preliminary, E estimated = estimate), OBS_QUALIFIER (exact |
//   lower_bound | upper_bound | approx), UNIT_MEASURE (VND, USD as ISO 4217; IX index, NR count,
//   KM2, PS persons), UNIT_MULT (CL_UNIT_MULT: 9 = billions, 6 = millions), DECIMALS, SOURCE,
//   AS_OF, COMMENT_OBS, and the custom column GSO_CODE. TIME_PERIOD follows SDMX 2.1 Technical
//   Notes §4.2: 2024, 2024-S1, 2024-Q2, 2024-05; spans that are none of these (2024-9M,
//   2024-M01-M05) are distinct time ranges start/duration: 2024-01-01/P9M, 2024-01-01/P5M.
//
// CSV: lienket's import format (province,indicator,period,value,unit,status,qualifier,basis,
//   source,note,as_of), UTF-8 with a byte-order mark (so Excel shows Vietnamese), one row per
//   vintage; `lienket import --dataset D` of the file into an empty database gives back the same
//   observations.
//
// Thread safety: the functions share no state.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::report {

enum class ExportFormat { kJsonStat, kSdmxCsv, kCsv };

// "jsonstat", "sdmx-csv", "csv". Errors: kInvalidArgument listing the accepted names.
[[nodiscard]] core::Result<ExportFormat> ParseExportFormat(std::string_view text);

struct ExportInput {
  std::span<const stats::Observation> rows;  // any order; the output is sorted
  const stats::UnitCatalog* units = nullptr;
  const stats::IndicatorCatalog* indicators = nullptr;
  // The rows may hold several vintages of a figure: JSON-stat gets a vintage dimension and
  // SDMX-CSV a VINTAGE dimension (in the *_VINTAGES dataflows). Without it, two rows for one
  // figure are an error.
  bool all_vintages = false;
  std::optional<core::Date> as_of;  // the query's "as of" date, recorded in the metadata
  std::string label;                // JSON-stat dataset label; empty: a default title
};

// Errors of all three: kInternal when a row names a unit or indicator missing from the catalogues
// (a broken invariant: rows come from the database that holds the catalogues).
// ExportJsonStat: kInvalidArgument when two rows fall on one cell (several vintages of a figure
// without all_vintages).
[[nodiscard]] core::Result<std::string> ExportJsonStat(const ExportInput& input);
// ExportSdmxCsv: kInvalidArgument as ExportJsonStat.
[[nodiscard]] core::Result<std::string> ExportSdmxCsv(const ExportInput& input);
// ExportCsv: kInvalidArgument when the rows mix datasets (the import format has no dataset
// column: export observed and illustrative figures separately).
[[nodiscard]] core::Result<std::string> ExportCsv(const ExportInput& input);
[[nodiscard]] core::Result<std::string> Export(ExportFormat format, const ExportInput& input);

// The SDMX TIME_PERIOD of a period (see above).
[[nodiscard]] std::string SdmxTimePeriod(const core::Period& period);
// The JSON-stat status flags of a figure: "" (official, exact), "e", "p>", "~" ...
[[nodiscard]] std::string JsonStatStatus(stats::VintageStatus status, stats::Qualifier qualifier);
// The SDMX OBS_STATUS code (CL_OBS_STATUS): "A", "P", "E".
[[nodiscard]] std::string_view SdmxObsStatus(stats::VintageStatus status);

}  // namespace lienket::report
