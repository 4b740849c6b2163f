// The "Liên kết" / "Linkage" section of the regional report: the two-way flows of goods between
// the region's provinces and the rest of the country, as recorded in lienket's deals (issue 5) —
// what was contracted and delivered in the report's period, inflows and outflows by province,
// the balance, the largest province pairs, the change on the same period of the previous year,
// and how many deals came from trade-promotion events. It states only what the recorded deals
// support: they are not all the goods that cross provincial borders, deliveries not yet followed
// up are unknown, and illustrative deals are said to be invented. Shared by every renderer
// (Markdown and JSON in regional_report.cpp, HTML and DOCX in report_html.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "report/regional_report.hpp"

namespace lienket::report {

// "Liên kết vùng: luồng hàng hai chiều" / "Linkage: two-way flows of goods".
[[nodiscard]] std::string LinkageHeading(Language language);
// The paragraph (report.linkage must be set).
[[nodiscard]] std::string LinkageParagraph(const RegionalReport& report, Language language);
// One row per member province with deals: sold to other provinces, bought from them, balance,
// change of sales on the same period, number of deals; by value sold, largest first.
[[nodiscard]] ReportTable LinkageProvinceTable(const RegionalReport& report, Language language);
[[nodiscard]] std::string LinkageProvinceTableHeading(const RegionalReport& report,
                                                      Language language);
// The largest directions (at most 10): from, to, value, the same period, change, the other way.
[[nodiscard]] ReportTable LinkagePairTable(const RegionalReport& report, Language language);
[[nodiscard]] std::string LinkagePairTableHeading(const RegionalReport& report, Language language);
// Every figure as exact decimal strings (đồng), with both paragraphs.
[[nodiscard]] nlohmann::json LinkageJson(const RegionalReport& report);

}  // namespace lienket::report
