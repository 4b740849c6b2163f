// Reading an observation file (CSV now, XLSX through a column mapping) into rows for the
// ImportValidator. File-level problems (encoding, a quote never closed, missing columns) are
// recorded as problems of row 0 or of their line, so the user sees every problem at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/number_format.hpp"
#include "stats/import_validator.hpp"

namespace lienket::app {

enum class FileFormat { kCsv, kXlsx };

// Decides the format from the first bytes (an .xlsx is a zip). Errors (kInvalidArgument): an old
// binary .xls, a PDF, a Word file, an empty file — each named, with what to do instead.
[[nodiscard]] core::Result<FileFormat> SniffFormat(std::string_view bytes);

// Feeds every data row of a long-format CSV (header row first) to `validator`.
// Progress, if given, is called with the bytes consumed so far.
void ReadCsvObservations(std::string_view bytes, stats::ImportValidator* validator,
                         const std::function<void(std::size_t)>& progress = {});

}  // namespace lienket::app
