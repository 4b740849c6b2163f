// Reading one worksheet of an .xlsx workbook (Office Open XML SpreadsheetML) into memory, as
// provinces actually send them: title rows above merged header cells, numbers stored as text,
// formulas with cached values, rich-text and inline strings, hidden helper sheets, files written by
// Excel, LibreOffice, WPS and .NET libraries (namespace prefixes such as <x:row>), and files that
// are not .xlsx at all (old .xls, CSV or HTML renamed .xlsx), which get a message saying what they
// are and how to fix them.
//
// The reader only reports what the file holds: it does not evaluate formulas, convert date serials
// or parse numbers (core/number_format.hpp and the importers do that). Cell text is exactly what
// the file stores, with the _xHHHH_ escapes of OOXML decoded ("_x000D_" -> "\r").
//
// Errors from ListSheets and ReadSheet:
//   kUnavailable        the file is missing or unreadable
//   kInvalidArgument    the file is not an .xlsx workbook (the message says what it is: Excel
//                       97-2003 .xls, password-protected workbook, .ods, .xlsb, CSV or HTML
//                       renamed, PDF...), or it is damaged (truncated zip, malformed XML, a cell
//                       address out of range, a shared-string index past the table)
//   kNotFound           the named sheet does not exist (the message lists the sheets)
//   kResourceExhausted  a part of the zip would decompress to more than XlsxLimits::max_part_bytes
//                       (zip bombs), or the sheet has more than XlsxLimits::max_cells cells
// All functions are thread-safe; nothing is cached between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace lienket::io {

inline constexpr int kXlsxMaxRows = 1048576;  // Excel's limits, A1 to XFD1048576
inline constexpr int kXlsxMaxCols = 16384;

struct CellRef {
  int row = 0;  // 1-based
  int col = 0;  // 1-based
  friend bool operator==(const CellRef&, const CellRef&) = default;
};

// 3 -> "C", 28 -> "AB", 16384 -> "XFD". Precondition: 1 <= col <= kXlsxMaxCols (else "").
[[nodiscard]] std::string ColumnName(int col);

// (7, 3) -> "C7". Same precondition on col.
[[nodiscard]] std::string CellName(int row, int col);

// "AB" -> 28, case-insensitive. kInvalidArgument for anything but 1-3 letters up to "XFD".
[[nodiscard]] core::Result<int> ParseColumnName(std::string_view name);

// "C7" or "$C$7" -> {7, 3}, case-insensitive. kInvalidArgument when malformed or beyond
// XFD1048576.
[[nodiscard]] core::Result<CellRef> ParseCellName(std::string_view name);

struct XlsxCell {
  enum class Kind { kEmpty, kString, kNumber, kBoolean, kError };
  // kString: the shared or inline string, or a formula's cached string (t="str"), or an ISO 8601
  //          date of a t="d" cell; kNumber: the raw stored text ("2602000.5", "1.5E-3");
  // kBoolean: "TRUE" or "FALSE"; kError: the error literal ("#DIV/0!"); kEmpty: "".
  std::string text;
  Kind kind = Kind::kEmpty;
  // The cell has a formula (<f>); text and kind are its cached result, kEmpty if none is cached
  // (a workbook saved by a program that does not calculate).
  bool is_formula = false;
  // A kNumber whose style shows it as a date or time: built-in formats 14-22 and 45-47, or a
  // custom format with d, m, y, h or s outside quotes and brackets. The number is then an Excel
  // serial that callers may convert: days since 1899-12-30, or since 1904-01-01 when
  // XlsxSheet::date1904 is set.
  bool is_date_formatted = false;
};

struct MergedRange {
  CellRef first;  // top-left, the cell that holds the value
  CellRef last;   // bottom-right
  [[nodiscard]] bool Contains(int row, int col) const {
    return row >= first.row && row <= last.row && col >= first.col && col <= last.col;
  }
};

// One worksheet in memory. Cells are stored sparsely, so a stray value in XFD1048576 costs no more
// than one in A1. Not thread-safe for writing; concurrent const access is safe.
struct XlsxSheet {
  std::string name;
  // Bounds of the cells that hold something (non-empty, or a formula); 0 for an empty sheet.
  // Formatted but empty cells, which Excel often writes by the thousand, do not count.
  int max_row = 0;
  int max_col = 0;
  std::vector<MergedRange> merges;
  // The workbook uses the 1904 date system (old Mac Excel): date serials count from 1904-01-01.
  bool date1904 = false;

  // The cell at (row, col), 1-based; an empty cell if nothing is stored there.
  [[nodiscard]] const XlsxCell& At(int row, int col) const;
  // The value a person sees: for a cell inside a merged range, the range's top-left cell.
  // Linear in the number of merges for cells with no value of their own.
  [[nodiscard]] const XlsxCell& Displayed(int row, int col) const;
  // Stores a cell (kept only if non-empty or a formula) and widens max_row/max_col. For the reader
  // and for tests that build sheets without a file. Precondition: 1-based, within Excel's limits.
  void Set(int row, int col, XlsxCell cell);
  // Number of stored cells.
  [[nodiscard]] std::size_t cell_count() const { return cells_.size(); }

 private:
  std::unordered_map<std::uint64_t, XlsxCell> cells_;
};

struct XlsxWorkbook {
  std::vector<std::string> sheet_names;  // worksheets in tab order (chart sheets are left out)
  std::vector<bool> hidden;              // hidden[i]: sheet_names[i] is hidden or "very hidden"
};

struct XlsxLimits {
  std::size_t max_part_bytes = 200u << 20;  // uncompressed size of any one XML part
  std::size_t max_cells = 2'000'000;        // stored (non-empty) cells of one sheet
};

// The worksheets of the workbook at `path`. Errors as listed at the top of this file.
[[nodiscard]] core::Result<XlsxWorkbook> ListSheets(const std::string& path,
                                                    const XlsxLimits& limits = {});

// Reads the worksheet named `sheet_name` (exact match first, then ignoring case and surrounding
// spaces), or the first visible worksheet when `sheet_name` is empty. A hidden sheet is read when
// asked for by name. Errors as listed at the top of this file.
[[nodiscard]] core::Result<XlsxSheet> ReadSheet(const std::string& path,
                                                std::string_view sheet_name,
                                                const XlsxLimits& limits = {});

}  // namespace lienket::io
