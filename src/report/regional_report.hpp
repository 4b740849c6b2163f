// The regional report of the conference: a profile of the region, then for each period one
// paragraph per indicator written as an analyst would, and the tables behind it (provinces,
// sub-regions). For a half-year or nine-month period the report also covers the previous full
// year, as the conference does. Built from the synthesis engine's results; rendered as Markdown
// and JSON here (HTML, DOCX and XLSX build on the same model).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/report_format.hpp"
#include "stats/region.hpp"
#include "stats/repository.hpp"
#include "stats/synthesis.hpp"

namespace lienket::report {

struct ReportInput {
  const stats::Region* region = nullptr;
  core::Period period = core::Period::Year(2024);
  core::Date as_of;           // figures known on this date
  bool illustrative = false;  // built from the invented demo dataset
  const stats::UnitCatalog* units = nullptr;
  const stats::IndicatorCatalog* indicators = nullptr;
  const std::vector<stats::Region>* regions = nullptr;
  std::vector<stats::Observation> rows;  // latest vintages as of `as_of`, for PeriodsNeeded()
  std::vector<stats::UnitProfile> profiles;
};

// The periods whose figures the report reads: each reported period and the same period a year
// earlier.
[[nodiscard]] std::vector<core::Period> PeriodsNeeded(const core::Period& period);

struct IndicatorSection {
  stats::SynthesisResult result;
  std::vector<stats::SynthesisResult> sub_regions;  // one per sub-region of the region
};

struct PeriodSection {
  core::Period period = core::Period::Year(2024);
  std::vector<IndicatorSection> indicators;  // only indicators some member reported
};

struct RegionalReport {
  const stats::Region* region = nullptr;
  core::Period period = core::Period::Year(2024);
  core::Date as_of;
  bool illustrative = false;
  stats::RegionProfile profile;
  std::vector<PeriodSection> sections;  // previous full year first, when included
  const stats::UnitCatalog* units = nullptr;
};

// Errors: kInvalidArgument without a region or catalogues.
[[nodiscard]] core::Result<RegionalReport> BuildReport(const ReportInput& input);

// One paragraph about one indicator: what the data support and nothing more.
[[nodiscard]] std::string IndicatorParagraph(const stats::SynthesisResult& r, Language language);

[[nodiscard]] std::string RenderMarkdown(const RegionalReport& report, Language language);
// Every figure with its coverage, qualifiers and basis; numbers as exact decimal strings in the
// canonical unit (đồng, USD, index points) plus the display values.
[[nodiscard]] nlohmann::json RenderJson(const RegionalReport& report);

}  // namespace lienket::report
