#include "app/xlsx_observations.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/decimal.hpp"
#include "core/vi_text.hpp"

namespace lienket::app {

using stats::Field;
using stats::kFieldCount;
using stats::Problem;
using stats::Severity;

namespace {

core::Result<XlsxMapping> BadMapping(const std::string& vi, const std::string& en) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "Tệp ánh xạ cột không hợp lệ: " + vi,
                         "The column mapping is not valid: " + en);
}

// Fills `fields` from a JSON object of field names; unknown names are an error.
core::Status ReadFields(const nlohmann::json& object, std::string_view where,
                        std::array<std::string, kFieldCount>* fields, bool allow_value) {
  if (!object.is_object()) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("Tệp ánh xạ cột không hợp lệ: \"{}\" phải là một đối tượng", where),
        fmt::format("The column mapping is not valid: \"{}\" must be an object", where));
  }
  for (const auto& [key, value] : object.items()) {
    std::size_t f = 0;
    while (f < kFieldCount && stats::FieldName(static_cast<Field>(f)) != key) ++f;
    if (f == kFieldCount || (!allow_value && (f == 0 || f == 3)) || !value.is_string()) {
      return core::MakeError(
          core::ErrorCode::kInvalidArgument,
          fmt::format("Tệp ánh xạ cột không hợp lệ: trường \"{}\" trong \"{}\" không dùng được "
                      "(dùng: indicator, period, unit, status, qualifier, basis, source, note, "
                      "as_of; giá trị là chuỗi)",
                      key, where),
          fmt::format("The column mapping is not valid: field \"{}\" in \"{}\" cannot be used "
                      "(use: indicator, period, unit, status, qualifier, basis, source, note, "
                      "as_of; values are strings)",
                      key, where));
    }
    (*fields)[f] = value.get<std::string>();
  }
  return {};
}

// Text of a cell as the importer reads it: numbers without binary artefacts (Excel keeps 15
// significant digits, so 0.30000000000000004 is 0.3), strings as written.
std::string CellText(const io::XlsxCell& cell) {
  if (cell.kind == io::XlsxCell::Kind::kNumber) {
    double d = std::strtod(cell.text.c_str(), nullptr);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", d);
    auto decimal = core::Decimal::Parse(buffer);
    return decimal ? decimal->ToString() : cell.text;
  }
  return std::string(core::TrimSpaces(cell.text));
}

// A date typed into a date-formatted cell arrives as a day count (Excel's serial date).
std::string DateCellText(const io::XlsxCell& cell, bool date1904) {
  if (cell.kind != io::XlsxCell::Kind::kNumber || !cell.is_date_formatted) return CellText(cell);
  long serial = static_cast<long>(std::strtod(cell.text.c_str(), nullptr));
  // Days from 1970-01-01: the 1900 system counts from 1899-12-30, the 1904 system from 1904-01-01.
  long days = serial - (date1904 ? 24107 : 25569);
  // Civil-from-days (Howard Hinnant's algorithm).
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2 ? 1 : 0), m, d);
}

bool IsTotalLabel(std::string_view text) {
  std::string key = core::NameKey(text);
  for (std::string_view total :
       {"tong", "tongcong", "cong", "tongso", "toanvung", "total", "tongsovung", "congvung"}) {
    if (key == total) return true;
  }
  return false;
}

void Note(stats::ImportValidator* v, Severity severity, std::string code, int row,
          std::string column, std::string value, std::string vi, std::string en) {
  v->AddProblem(Problem{severity, std::move(code), row, std::move(column), std::move(value),
                        std::move(vi), std::move(en)});
}

// A value cell that cannot give a number: an error value or a formula never calculated.
bool ReportUnusableCell(const io::XlsxCell& cell, int row, int col, stats::ImportValidator* v) {
  std::string name = io::CellName(row, col);
  if (cell.kind == io::XlsxCell::Kind::kError) {
    Note(v, Severity::kError, "formula_error", row, io::ColumnName(col), cell.text,
         fmt::format("Ô {} chứa lỗi công thức {}", name, cell.text),
         fmt::format("Cell {} holds the formula error {}", name, cell.text));
    return true;
  }
  if (cell.is_formula && cell.kind == io::XlsxCell::Kind::kEmpty) {
    Note(v, Severity::kError, "formula_not_calculated", row, io::ColumnName(col), "",
         fmt::format("Ô {} có công thức nhưng chưa có giá trị tính sẵn; hãy mở tệp bằng Excel "
                     "hoặc LibreOffice và lưu lại",
                     name),
         fmt::format("Cell {} has a formula with no calculated value; open the file in Excel or "
                     "LibreOffice and save it again",
                     name));
    return true;
  }
  return false;
}

void ReadMapped(const io::XlsxSheet& sheet, const XlsxMapping& m, stats::ImportValidator* v) {
  // Fields read from single cells (e.g. the publication date typed at the top of a template).
  std::array<std::string, kFieldCount> from_cells;
  std::array<std::string, kFieldCount> cell_labels;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (m.cells[f].empty()) continue;
    auto ref = io::ParseCellName(m.cells[f]);
    if (!ref) continue;  // validated when the mapping was parsed
    from_cells[f] = f == static_cast<std::size_t>(Field::kAsOf)
                        ? DateCellText(sheet.Displayed(ref->row, ref->col), sheet.date1904)
                        : CellText(sheet.Displayed(ref->row, ref->col));
    cell_labels[f] = m.cells[f];
  }
  int first = m.first_data_row > 0 ? m.first_data_row : m.header_row + 1;
  int last = m.last_data_row > 0 ? m.last_data_row : sheet.max_row;
  int empty_cells = 0;
  std::vector<int> skipped_totals;
  for (int row = first; row <= last; ++row) {
    const io::XlsxCell& province_cell = sheet.Displayed(row, m.province_column);
    std::string province = CellText(province_cell);
    bool any_value = false;
    for (const auto& [col, spec] : m.columns) {
      any_value = any_value || sheet.At(row, col).kind != io::XlsxCell::Kind::kEmpty ||
                  sheet.At(row, col).is_formula;
    }
    if (province.empty() && !any_value) continue;  // a blank row
    if (IsTotalLabel(province)) {
      skipped_totals.push_back(row);
      continue;
    }
    for (const auto& [col, spec] : m.columns) {
      const io::XlsxCell& cell = sheet.At(row, col);
      if (ReportUnusableCell(cell, row, col, v)) continue;
      std::string value = CellText(cell);
      if (value.empty()) {
        ++empty_cells;
        continue;
      }
      std::array<std::string, kFieldCount> texts;
      std::array<std::string, kFieldCount> labels;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (!spec[f].empty()) {
          texts[f] = spec[f];
          labels[f] = io::ColumnName(col) + " (ánh xạ/mapping)";
        } else if (!m.cells[f].empty()) {
          texts[f] = from_cells[f];
          labels[f] = cell_labels[f];
        } else {
          texts[f] = m.defaults[f];
          labels[f] = std::string(stats::FieldName(static_cast<Field>(f))) + " (ánh xạ/mapping)";
        }
      }
      texts[static_cast<std::size_t>(Field::kProvince)] = province;
      labels[static_cast<std::size_t>(Field::kProvince)] = io::ColumnName(m.province_column);
      texts[static_cast<std::size_t>(Field::kValue)] = value;
      labels[static_cast<std::size_t>(Field::kValue)] = io::ColumnName(col);
      stats::RowInput in;
      in.row = row;
      in.value_is_canonical = cell.kind == io::XlsxCell::Kind::kNumber;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        in.value[f] = texts[f];
        in.column[f] = labels[f];
        in.present[f] = !texts[f].empty();
      }
      v->AddRow(in);
    }
  }
  for (int row : skipped_totals) {
    Note(v, Severity::kNote, "total_row_skipped", row, io::ColumnName(m.province_column),
         CellText(sheet.Displayed(row, m.province_column)),
         "Dòng tổng cộng không được nhập: tổng của vùng do lienket tự tính từ các tỉnh",
         "Total row not imported: lienket computes regional totals from the provinces");
  }
  if (empty_cells > 0) {
    Note(v, Severity::kNote, "empty_cells", 0, "", "",
         fmt::format("{} ô giá trị để trống: coi là chưa có số liệu, không nhập", empty_cells),
         fmt::format("{} value cells are empty: treated as not reported, not imported",
                     empty_cells));
  }
}

// A sheet laid out like the long CSV: find the header row among the first rows.
void ReadLong(const io::XlsxSheet& sheet, stats::ImportValidator* v) {
  for (int header_row = 1; header_row <= std::min(sheet.max_row, 30); ++header_row) {
    std::vector<std::string> labels;
    for (int col = 1; col <= sheet.max_col; ++col) {
      labels.push_back(CellText(sheet.Displayed(header_row, col)));
    }
    std::vector<std::string_view> views(labels.begin(), labels.end());
    std::vector<Problem> header_problems;
    stats::HeaderMap map = stats::MapHeader(views, &header_problems);
    bool has_required = true;
    for (Field f :
         {Field::kProvince, Field::kIndicator, Field::kPeriod, Field::kValue, Field::kUnit}) {
      has_required = has_required && map.index[static_cast<std::size_t>(f)] >= 0;
    }
    if (!has_required) continue;
    for (Problem& p : header_problems) {
      p.row = header_row;
      v->AddProblem(std::move(p));
    }
    for (int row = header_row + 1; row <= sheet.max_row; ++row) {
      std::array<std::string, kFieldCount> texts;
      std::array<std::string, kFieldCount> columns;
      stats::RowInput in;
      in.row = row;
      bool unusable = false;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        int index = map.index[f];
        if (index < 0) continue;
        const io::XlsxCell& cell = sheet.At(row, index + 1);
        if (ReportUnusableCell(cell, row, index + 1, v)) unusable = true;
        if (f == static_cast<std::size_t>(Field::kValue)) {
          in.value_is_canonical = cell.kind == io::XlsxCell::Kind::kNumber;
        }
        texts[f] = f == static_cast<std::size_t>(Field::kAsOf) ? DateCellText(cell, sheet.date1904)
                                                               : CellText(cell);
        columns[f] = io::ColumnName(index + 1);
        in.present[f] = true;
      }
      if (unusable) continue;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        in.value[f] = texts[f];
        in.column[f] = columns[f];
      }
      v->AddRow(in);
    }
    return;
  }
  Note(v, Severity::kError, "no_mapping", 0, "", "",
       "Không nhận ra bố cục của bảng: không có dòng tiêu đề với các cột province, indicator, "
       "period, value, unit; hãy dùng biểu mẫu của lienket (lienket template) hoặc khai báo ánh xạ "
       "cột bằng --map",
       "The sheet's layout is not recognised: no header row with the columns province, "
       "indicator, period, value, unit; use a lienket template (lienket template) or give a "
       "column mapping with --map");
}

}  // namespace

core::Result<XlsxMapping> ParseXlsxMapping(std::string_view json_text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    return BadMapping(fmt::format("không đọc được JSON ({})", e.what()),
                      fmt::format("cannot read the JSON ({})", e.what()));
  }
  if (!j.is_object()) return BadMapping("phải là một đối tượng JSON", "it must be a JSON object");
  XlsxMapping m;
  for (const auto& [key, value] : j.items()) {
    auto column = [&](const std::string& text) -> core::Result<int> {
      auto c = io::ParseColumnName(text);
      if (!c) return tl::unexpected(c.error());
      return *c;
    };
    if (key == "sheet" && value.is_string()) {
      m.sheet = value.get<std::string>();
    } else if ((key == "header_row" || key == "first_data_row" || key == "last_data_row") &&
               value.is_number_integer() && value.get<int>() >= 1) {
      (key == "header_row"       ? m.header_row
       : key == "first_data_row" ? m.first_data_row
                                 : m.last_data_row) = value.get<int>();
    } else if (key == "province_column" && value.is_string()) {
      LIENKET_ASSIGN_OR_RETURN(c, column(value.get<std::string>()));
      m.province_column = c;
    } else if (key == "columns" && value.is_object()) {
      for (const auto& [name, spec] : value.items()) {
        LIENKET_ASSIGN_OR_RETURN(c, column(name));
        std::array<std::string, kFieldCount> fields;
        LIENKET_RETURN_IF_ERROR(ReadFields(spec, "columns." + name, &fields, false));
        m.columns[c] = fields;
      }
    } else if (key == "defaults") {
      LIENKET_RETURN_IF_ERROR(ReadFields(value, "defaults", &m.defaults, false));
    } else if (key == "cells") {
      LIENKET_RETURN_IF_ERROR(ReadFields(value, "cells", &m.cells, false));
      for (const std::string& cell : m.cells) {
        if (!cell.empty()) {
          if (auto ref = io::ParseCellName(cell); !ref) return tl::unexpected(ref.error());
        }
      }
    } else {
      return BadMapping(fmt::format("khóa \"{}\" không hợp lệ hoặc sai kiểu", key),
                        fmt::format("key \"{}\" is unknown or of the wrong type", key));
    }
  }
  if (m.province_column == 0) {
    return BadMapping("thiếu \"province_column\"", "\"province_column\" is missing");
  }
  if (m.header_row == 0 && m.first_data_row == 0) {
    return BadMapping("thiếu \"header_row\" hoặc \"first_data_row\"",
                      "\"header_row\" or \"first_data_row\" is missing");
  }
  if (m.columns.empty()) {
    return BadMapping("thiếu \"columns\": cần ít nhất một cột giá trị",
                      "\"columns\" is missing: at least one value column is needed");
  }
  return m;
}

std::string MappingToJson(const XlsxMapping& m) {
  nlohmann::json j;
  if (!m.sheet.empty()) j["sheet"] = m.sheet;
  if (m.header_row > 0) j["header_row"] = m.header_row;
  if (m.first_data_row > 0) j["first_data_row"] = m.first_data_row;
  if (m.last_data_row > 0) j["last_data_row"] = m.last_data_row;
  j["province_column"] = io::ColumnName(m.province_column);
  auto fields = [](const std::array<std::string, kFieldCount>& a) {
    nlohmann::json o = nlohmann::json::object();
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (!a[f].empty()) o[std::string(stats::FieldName(static_cast<Field>(f)))] = a[f];
    }
    return o;
  };
  for (const auto& [col, spec] : m.columns) j["columns"][io::ColumnName(col)] = fields(spec);
  j["defaults"] = fields(m.defaults);
  j["cells"] = fields(m.cells);
  return j.dump();
}

void ReadXlsxObservations(const std::string& path, const std::optional<XlsxMapping>& given,
                          stats::ImportValidator* validator) {
  auto report = [validator](const core::Error& e) {
    Note(validator, Severity::kError, "bad_xlsx", 0, "", "", e.message_vi, e.message_en);
  };
  std::optional<XlsxMapping> mapping = given;
  if (!mapping) {
    // A lienket template carries its mapping in a hidden sheet.
    auto book = io::ListSheets(path);
    if (!book) return report(book.error());
    for (const std::string& name : book->sheet_names) {
      if (name != kMappingSheet) continue;
      auto sheet = io::ReadSheet(path, name);
      if (!sheet) return report(sheet.error());
      auto parsed = ParseXlsxMapping(sheet->At(1, 1).text);
      if (!parsed) return report(parsed.error());
      mapping = std::move(*parsed);
    }
  }
  auto sheet = io::ReadSheet(path, mapping ? mapping->sheet : std::string());
  if (!sheet) return report(sheet.error());
  if (mapping) {
    ReadMapped(*sheet, *mapping, validator);
  } else {
    ReadLong(*sheet, validator);
  }
}

core::Result<std::string> ReadXlsxAsCsv(const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(sheet, io::ReadSheet(path, ""));
  std::string csv;
  for (int row = 1; row <= sheet.max_row; ++row) {
    for (int col = 1; col <= sheet.max_col; ++col) {
      if (col > 1) csv += ',';
      const io::XlsxCell& cell = sheet.At(row, col);
      std::string text = DateCellText(cell, sheet.date1904);
      if (text.find_first_of(",\"\r\n") == std::string::npos) {
        csv += text;
        continue;
      }
      csv += '"';
      for (char c : text) {
        if (c == '"') csv += '"';
        csv += c;
      }
      csv += '"';
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace lienket::app
