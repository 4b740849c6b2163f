// Writing .xlsx workbooks: the blank report templates sent to provinces (titles, merged headers,
// unlocked input cells on a protected sheet, drop-down lists of allowed values) and, later, report
// tables. The model below is plain data; WriteXlsx validates it, writes it with libxlsxwriter and
// replaces the target file atomically.
//
// Numbers are real numeric cells. Excel stores every number as an IEEE double, so a core::Decimal
// is written as the nearest double: exact for the figures statistics publishes (up to 15
// significant digits), rounded beyond that as Excel itself would.
#pragma once

#include <compare>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "io/xlsx_reader.hpp"

namespace lienket::io {

struct CellStyle {
  enum class Align { kDefault, kLeft, kCenter, kRight };

  bool bold = false;
  bool italic = false;
  bool wrap = false;       // wrap long text inside the cell
  bool vcenter = false;    // centre vertically (merged header cells)
  bool locked = true;      // takes effect only on a protected sheet; false marks an input cell
  bool border = false;     // thin border on all four sides
  std::string num_format;  // Excel format code, e.g. "#,##0.0"; empty = General
  std::string fill_rgb;    // background colour as six hex digits, e.g. "FFF2CC"; empty = none
  Align align = Align::kDefault;

  friend auto operator<=>(const CellStyle&, const CellStyle&) = default;
};

// Empty (style only), text, or a number.
using CellValue = std::variant<std::monostate, std::string, double, core::Decimal>;

struct WriteCell {
  int row = 0;  // 1-based
  int col = 0;  // 1-based
  CellValue value;
  CellStyle style;
};

// A drop-down list of allowed values on a range, e.g. status values "Chính thức", "Sơ bộ".
struct DataValidationList {
  MergedRange range;
  std::vector<std::string> values;  // no commas or double quotes; 255 characters in all
};

struct WriteSheet {
  std::string name;  // 1-31 characters, none of []:*?/\ , unique ignoring case
  std::vector<WriteCell> cells;
  // Each range's value and style come from the cell written at its top-left corner; other cells
  // of the range must not carry values.
  std::vector<MergedRange> merges;
  std::map<int, double> column_widths;  // 1-based column -> width in characters (0-255)
  std::map<int, double> row_heights;    // 1-based row -> height in points (0-409); wrapped
                                        // text in merged cells does not grow its row itself
  int freeze_rows = 0;                  // rows kept in view at the top
  int freeze_cols = 0;                  // columns kept in view at the left
  bool hidden = false;
  // Printing on A4: landscape rather than portrait, and every column scaled onto one page width
  // (rows run on over as many pages as they need). Both off: the reader's defaults.
  bool print_landscape = false;
  bool print_fit_width = false;
  bool protect = false;  // no password; only cells with style.locked == false can be edited
  std::vector<DataValidationList> validations;
};

struct WriteWorkbook {
  std::vector<WriteSheet> sheets;  // at least one, and at least one not hidden
  std::string title;               // document properties
  std::string author;
};

// Writes `workbook` to `path`, replacing any existing file only once the new one is complete.
// Errors: kInvalidArgument for a model Excel cannot hold (the message names the sheet and cell:
// bad sheet name, cell outside A1:XFD1048576, text over 32,767 characters or not UTF-8, NaN or
// infinite number, overlapping merges or a value inside a merge, bad colour, list values with
// commas or too long, no visible sheet); kUnavailable when the file cannot be written.
[[nodiscard]] core::Status WriteXlsx(const WriteWorkbook& workbook, const std::string& path);

}  // namespace lienket::io
