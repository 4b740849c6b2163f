// The regional report in every format `lienket report --format` offers:
//   md, json, html  text (html: one self-contained page with inline SVG, report/report_html.hpp);
//   xlsx            tables as numeric cells (app/report_workbook.hpp), written with libxlsxwriter;
//   docx            the HTML page converted by pandoc, the figures drawn to PNG by rsvg-convert
//                   (pandoc reads inline SVG but loses its viewBox, and Word and LibreOffice
//                   show PNG everywhere);
//   pdf             the HTML page printed by headless Chromium, which honours the print CSS (A4,
//                   repeated table headers, page numbers and the illustrative notice in the
//                   margins) and draws the SVG natively.
// The converters are Debian packages installed by scripts/setup.sh; they run as child processes
// (app/external_tool.hpp) in a scratch folder that is removed afterwards, with no network use.
// Maps are drawn on the embedded boundary file that matches the period: 63 provinces before
// 1 July 2025, 34 after.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "report/regional_report.hpp"
#include "report/svg_map.hpp"

namespace lienket::app {

enum class ReportFormat { kMarkdown, kJson, kHtml, kDocx, kPdf, kXlsx };

// "md", "json", "html", "docx", "pdf", "xlsx". Errors: kInvalidArgument listing the formats.
[[nodiscard]] core::Result<ReportFormat> ParseReportFormat(std::string_view name);
// docx, pdf and xlsx are files, never printed to standard output.
[[nodiscard]] bool NeedsOutputFile(ReportFormat format);

// The embedded boundaries for the report's maps: the file for the period (see
// report::BoundaryFileFor), or the other one when the first lacks a member's code.
// Errors: kNotFound naming the codes neither file has; kInternal when a file is not embedded or
// does not parse.
[[nodiscard]] core::Result<report::GeoShapes> LoadBoundaries(const report::RegionalReport& report);

// The report as text in md, json or html. Errors: kInvalidArgument for a file format; as
// LoadBoundaries and report::RenderHtml for html.
[[nodiscard]] core::Result<std::string> RenderReportText(const report::RegionalReport& report,
                                                         core::Language language,
                                                         ReportFormat format);

// Writes the report to `path` in `format`, replacing the file only once the new one is complete.
// Errors: as RenderReportText; kFailedPrecondition when a converter is not installed (the
// message says: install it with scripts/setup.sh); kUnavailable when a converter fails or the
// file cannot be written; kResourceExhausted when a converter runs too long.
[[nodiscard]] core::Status WriteReport(const report::RegionalReport& report,
                                       core::Language language, ReportFormat format,
                                       const std::string& path);

}  // namespace lienket::app
