// The regional report as one self-contained HTML5 page, readable on screen and printable on A4:
// title, the illustrative-data notice, the profile, then per period and indicator the analyst's
// paragraph, the province table (and the sub-region table) with captions and source notes, and
// for the main period a growth-by-province bar chart against the national growth and a
// choropleth map of the region's provinces. CSS and SVG are inline; the page makes no request.
// The maps share their province outlines: the page carries each outline once, in a hidden
// <svg><defs> after <body>, and every map draws it with <use href="#oN"> and its own fill
// (mien-bac-28, 2024-H1: 1.32 MB with the outlines in each of its 7 maps, 0.45 MB shared). The
// maps on this page are therefore not standalone SVG.
// The words and tables are those of RegionalReport's shared pieces (regional_report.hpp), so the
// page says exactly what the Markdown says.
//
// DOCX and PDF are converted from this page by external tools (app/report_export.hpp); for
// converters that read images from files, RenderHtmlWithImageFiles returns the same page with
// <img> elements and the SVG drawings beside it, each a standalone SVG document. Pure
// functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "report/regional_report.hpp"
#include "report/svg_map.hpp"

namespace lienket::report {

// The shipped boundary file for maps of `period`, as embedded (store::FindEmbedded): the 63-unit
// file for periods ending before 1 July 2025, the 34-unit file for periods ending on or after it.
[[nodiscard]] std::string_view BoundaryFileFor(const core::Period& period);
// The other shipped boundary file (the fallback when the first lacks a member's code).
[[nodiscard]] std::string_view OtherBoundaryFile(std::string_view path);
// Codes of the provinces the report's maps draw (the members in the main period's results) that
// `boundaries` has no shape for; empty when the file fits the report.
[[nodiscard]] std::vector<std::string> CodesMissingFrom(const GeoShapes& boundaries,
                                                        const RegionalReport& report);

// The page. `boundaries` must hold every code CodesMissingFrom checks.
// Errors: kNotFound naming the codes `boundaries` lacks; kInvalidArgument when a drawing cannot
// be made from the figures (as RenderChoropleth and RenderGrowthBars say).
[[nodiscard]] core::Result<std::string> RenderHtml(const RegionalReport& report,
                                                   core::Language language,
                                                   const GeoShapes& boundaries);

// One drawing of the page, for a converter that reads images from files.
struct HtmlFigure {
  std::string file_name;  // "figure-1.png": the name the page's <img src> uses
  std::string svg;        // the drawing as a standalone SVG 1.1 document
  int width = 0;          // px, as drawn
  int height = 0;
};
struct HtmlPage {
  std::string html;
  std::vector<HtmlFigure> figures;
};
// The same page with each drawing as <img src="figure-N.<image_extension>" width="100%">
// instead of inline SVG; the caller writes (or converts) each figure's SVG to that file name
// beside the page. Errors as RenderHtml.
[[nodiscard]] core::Result<HtmlPage> RenderHtmlWithImageFiles(const RegionalReport& report,
                                                              core::Language language,
                                                              const GeoShapes& boundaries,
                                                              std::string_view image_extension);

}  // namespace lienket::report
