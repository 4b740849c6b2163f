// Excel files as provinces send them, into validator rows. A sheet has title rows, a header
// (often merged over two rows), provinces down the rows and indicators or periods across the
// columns; numbers may be stored as text and totals may be formulas. A mapping says which column
// holds what:
//
//   {
//     "sheet": "Biểu 01",                 optional; default the first visible sheet
//     "header_row": 5,                    the last header row
//     "first_data_row": 6,                optional; default header_row + 1
//     "last_data_row": 40,                optional; default the last row with content
//     "province_column": "B",
//     "columns": {                        one entry per value column
//       "C": {"indicator": "retail_sales", "unit": "ty_dong"},
//       "D": {"indicator": "exports", "unit": "trieu_usd", "basis": "provincial"}
//     },
//     "defaults": {"period": "2024-H1", "status": "estimate", "source": "Sở Công Thương"},
//     "cells": {"as_of": "D2"}            fields read from one cell of the sheet
//   }
//
// A column entry and "defaults" may set any field of the long format (indicator, period, unit,
// status, qualifier, basis, source, note, as_of). Templates written by lienket carry their mapping
// in a hidden sheet "_lienket", so they import without one. Without any mapping, a sheet whose
// header row has the long-format columns (province, indicator, period, value, unit, ...) is read
// as a long table.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "io/xlsx_reader.hpp"
#include "stats/import_validator.hpp"

namespace lienket::app {

struct XlsxMapping {
  std::string sheet;
  int header_row = 0;
  int first_data_row = 0;
  int last_data_row = 0;
  int province_column = 0;
  // Column -> the fields it fixes (at least the value's indicator or period).
  std::map<int, std::array<std::string, stats::kFieldCount>> columns;
  std::array<std::string, stats::kFieldCount> defaults;
  std::array<std::string, stats::kFieldCount> cells;  // cell names, e.g. "D2"
};

// Name of the hidden sheet holding a template's mapping (cell A1, JSON).
inline constexpr std::string_view kMappingSheet = "_lienket";

// Parses a mapping from JSON text. Errors (kInvalidArgument, vi and en): malformed JSON, unknown
// keys or fields, bad column or cell names, no value columns, no province column.
[[nodiscard]] core::Result<XlsxMapping> ParseXlsxMapping(std::string_view json_text);
[[nodiscard]] std::string MappingToJson(const XlsxMapping& mapping);

// Reads the file at `path` into `validator`, using `mapping` if given, else the workbook's own
// mapping sheet, else the long layout. Problems (a missing sheet, an unreadable file, a row whose
// province cell says "Tổng cộng") are reported to the validator; total rows are skipped with an
// informational note, never silently.
void ReadXlsxObservations(const std::string& path, const std::optional<XlsxMapping>& mapping,
                          stats::ImportValidator* validator);

// The first visible sheet of the workbook at `path` as CSV text, row for row (row n of the sheet
// is line n, so a problem's row is the sheet's), for the importers that read CSV (the linkage
// directory): text as typed, numbers without binary artefacts, date-formatted cells as ISO dates,
// a merged range's value in its top-left cell. A tax code typed as a number has lost its leading
// zero in Excel itself; the importer then says the code is wrong, with its row and column.
// Errors: those of io::ReadSheet (not an .xlsx file, too large).
[[nodiscard]] core::Result<std::string> ReadXlsxAsCsv(const std::string& path);

}  // namespace lienket::app
