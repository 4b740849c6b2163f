// The reference document pandoc styles the DOCX report from (`pandoc --reference-doc`): pandoc's
// own default (so every part it expects is there, whatever its version), restyled with the
// report's styles (data/report/docx_styles.xml: Times New Roman 13 pt, bold headings, bordered
// tables with a repeated shaded header row), A4 pages with the margins of Vietnamese
// administrative documents, page numbers in the footer, and on a report of invented figures the
// illustrative-data notice at the top of every page. Pandoc keeps the reference's styles, page
// setup, headers and footers, and ignores its content.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/number_format.hpp"

namespace lienket::app {

// Writes the reference document to `path` (a new file in a scratch folder).
// Errors: kFailedPrecondition when pandoc is not installed; kUnavailable when pandoc fails or the
// package cannot be edited; kInternal when the styles are not embedded.
[[nodiscard]] core::Status MakeReferenceDocx(const std::string& path, bool illustrative,
                                             core::Language language);

}  // namespace lienket::app
