// The regional report of the conference: a profile of the region, then for each period one
// paragraph per indicator written as an analyst would, and the tables behind it (provinces,
// sub-regions). For a half-year or nine-month period the report also covers the previous full
// year, as the conference does. Built from the synthesis engine's results; rendered as Markdown
// and JSON here; HTML (report_html.hpp), DOCX, PDF and XLSX (app/report_export.hpp) build on the
// same model and the shared pieces declared below.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "linkage/flows.hpp"
#include "report/report_format.hpp"
#include "stats/region.hpp"
#include "stats/repository.hpp"
#include "stats/synthesis.hpp"

namespace lienket::report {

// The flow ledger of the report's period for the region's members (linkage/flows.hpp), built by
// the caller from the deals it loaded (app/report_command.cpp): the "Liên kết" section.
struct LinkageFlows {
  linkage::FlowMatrix contracted;  // binding deals signed in the period
  linkage::FlowMatrix delivered;   // deliveries of the follow-ups due in the period
  bool illustrative = false;       // the deals are the invented demo ones
};

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
  std::optional<LinkageFlows> linkage;  // none: the report has no linkage section
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
  std::optional<LinkageFlows> linkage;  // the "Liên kết" section (report/linkage_section.hpp)
};

// Errors: kInvalidArgument without a region or catalogues.
[[nodiscard]] core::Result<RegionalReport> BuildReport(const ReportInput& input);

// One paragraph about one indicator: what the data support and nothing more.
[[nodiscard]] std::string IndicatorParagraph(const stats::SynthesisResult& r, Language language);

// ---- The words and tables every renderer shares (Markdown and JSON here, HTML in report_html,
// the workbook in app/), so that no two formats can disagree. Plain text without markup.

// "Tình hình ngành Công Thương <vùng> — <kỳ>" / "Industry and trade in the <region> — <period>".
[[nodiscard]] std::string ReportTitle(const RegionalReport& report, Language language);
// The title without its period, for layouts that set the period on a line of its own.
[[nodiscard]] std::string ReportSubject(const RegionalReport& report, Language language);
// The warning a report built from the illustrative dataset carries on its first page.
struct Notice {
  std::string headline;  // "DỮ LIỆU MINH HỌA — không phải số liệu thật."
  std::string body;      // what is invented and what is real
};
[[nodiscard]] Notice IllustrativeNotice(Language language);
// The date the figures are known on and the rule on partial sums.
[[nodiscard]] std::string AsOfParagraph(const RegionalReport& report, Language language);
[[nodiscard]] std::string ProfileHeading(Language language);  // "Khái quát vùng"
// Members, area, population, density, and a note when the 2025 merger changed the units.
[[nodiscard]] std::string ProfileParagraph(const RegionalReport& report, Language language);
// "Kết quả 6 tháng đầu năm 2024" / "Results for H1 2024".
[[nodiscard]] std::string PeriodHeading(const core::Period& period, Language language);
// Said instead of the paragraphs when no province reported for a period.
[[nodiscard]] std::string NoFiguresParagraph(Language language);
[[nodiscard]] std::string TablesHeading(Language language);  // "Bảng số liệu"
// "Tổng mức bán lẻ hàng hóa ... — 6 tháng đầu năm 2024".
[[nodiscard]] std::string TableHeading(const stats::SynthesisResult& r, Language language);
[[nodiscard]] std::string IndicatorName(const stats::Indicator& indicator, Language language);
[[nodiscard]] std::string UnitName(const stats::AdminUnit& unit, Language language);

// "Nguồn: A; B. Cả nước: C." — the sources of the figures in one result, at most four named.
[[nodiscard]] std::string SourceNote(const stats::SynthesisResult& r, Language language);

// A table of the report, independent of the output format. Each cell carries the text a reader
// sees ("trên 1.234,5*", "12,4†", "—") and, where it shows a number, that number unrounded in
// the column's unit, so a spreadsheet can hold real numbers with the column's format.
struct TableColumn {
  std::string header;  // with its unit: "Tổng mức bán lẻ ... (tỷ đồng)", "So cùng kỳ (%)"
  bool align_right = false;  // figures and counts
  int decimals = -1;         // decimals shown; -1 = a text column (names, "3/5")
  bool percent = false;      // percentages and percentage points
};
struct TableCell {
  std::string text;
  std::optional<core::Decimal> number;
};
struct TableRow {
  std::vector<TableCell> cells;  // one per column
  // Of the row's main figure (the value column), for formats that show them in columns of their
  // own; the text already carries them as words and marks.
  std::optional<stats::Qualifier> qualifier;
  std::optional<stats::VintageStatus> status;
  std::vector<std::string> notes;  // "tốc độ tăng do địa phương công bố", "chưa đủ: 2/3"
};
struct ReportTable {
  std::vector<TableColumn> columns;  // empty: no table
  std::vector<TableRow> rows;
  int value_column = -1;  // the column of the row's main figure
  std::string footnote;   // what the marks mean, plain text ("* ước tính hoặc sơ bộ; ...")
};
// Every member ranked by value: rank, name, value in the display unit, growth, and for additive
// indicators the shares of the region and the nation and the contribution to growth.
[[nodiscard]] ReportTable ProvinceTable(const stats::SynthesisResult& r, Language language);
// One row per sub-region (additive indicators with sub-regions only; otherwise no columns).
[[nodiscard]] ReportTable SubRegionTable(const IndicatorSection& s, Language language);

[[nodiscard]] std::string RenderMarkdown(const RegionalReport& report, Language language);
// Every figure with its coverage, qualifiers and basis; numbers as exact decimal strings in the
// canonical unit (đồng, USD, index points) plus the display values.
[[nodiscard]] nlohmann::json RenderJson(const RegionalReport& report);

}  // namespace lienket::report
