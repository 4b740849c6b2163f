// The regional report as a spreadsheet for analysts who recompute: a notes sheet (title, the
// date the figures are known on, the illustrative-data notice, how to read qualifiers and
// statuses, the list of sheets), then one sheet per period and indicator holding the province
// table and the sub-region table below it. Figures are real numeric cells in the display unit
// named in the column header, with number formats ("#,##0.0"; percentages as numbers like 12.5
// with "0.0" and "%" in the header), never text; the qualifier ("trên", "khoảng"), the status
// (estimate, preliminary, official) and notes stand in columns of their own. The header rows are
// frozen. The tables are RegionalReport's shared tables (regional_report.hpp), so the workbook
// shows the figures the other formats show.
#pragma once

#include "io/xlsx_writer.hpp"
#include "report/regional_report.hpp"

namespace lienket::app {

// Sheet names are at most 31 characters and unique ("2024-H1 retail_sales"). Pure.
[[nodiscard]] io::WriteWorkbook ReportWorkbook(const report::RegionalReport& report,
                                               core::Language language);

}  // namespace lienket::app
