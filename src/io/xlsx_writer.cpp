#include "io/xlsx_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "io/encoding.hpp"
#include "io/fs.hpp"

namespace lienket::io {
namespace {

using core::ErrorCode;

constexpr std::size_t kMaxTextChars = 32767;  // Excel's limit per cell
constexpr std::size_t kMaxListChars = 255;    // Excel's limit for an inline validation list

// Where a problem is: a sheet, optionally a cell or range.
struct Place {
  const WriteSheet& sheet;
  std::string at;  // "C7", "A1:D1", or empty
};

core::Error Invalid(const Place& place, std::string_view vi, std::string_view en) {
  const std::string at_vi = place.at.empty() ? "" : ", ô " + place.at;
  const std::string at_en = place.at.empty() ? "" : ", cell " + place.at;
  return core::Error{ErrorCode::kInvalidArgument,
                     fmt::format("Trang tính \"{}\"{}: {}.", place.sheet.name, at_vi, vi),
                     fmt::format("Sheet \"{}\"{}: {}.", place.sheet.name, at_en, en)};
}

std::string RangeName(const MergedRange& r) {
  return CellName(r.first.row, r.first.col) + ":" + CellName(r.last.row, r.last.col);
}

bool InSheet(int row, int col) {
  return row >= 1 && row <= kXlsxMaxRows && col >= 1 && col <= kXlsxMaxCols;
}

std::size_t CodePoints(std::string_view utf8) {
  return std::count_if(utf8.begin(), utf8.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

core::Status CheckText(const Place& place, std::string_view text) {
  if (FirstInvalidUtf8(text) != text.size()) {
    return tl::unexpected(
        Invalid(place, "văn bản không phải UTF-8 hợp lệ", "text is not valid UTF-8"));
  }
  if (CodePoints(text) > kMaxTextChars) {
    return tl::unexpected(Invalid(place, "văn bản dài quá 32.767 ký tự, giới hạn của Excel",
                                  "text is longer than Excel's 32,767 characters"));
  }
  return {};
}

std::optional<std::uint32_t> ParseRgb(std::string_view hex) {
  if (hex.size() != 6) return std::nullopt;
  std::uint32_t value = 0;
  for (const char c : hex) {
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0) return std::nullopt;
    value = value * 16 + digit;
  }
  return value;
}

core::Status CheckRange(const Place& place, const MergedRange& r) {
  if (!InSheet(r.first.row, r.first.col) || !InSheet(r.last.row, r.last.col) ||
      r.first.row > r.last.row || r.first.col > r.last.col) {
    return tl::unexpected(Invalid(place, "vùng nằm ngoài A1:XFD1048576 hoặc ngược chiều",
                                  "range outside A1:XFD1048576 or reversed"));
  }
  return {};
}

core::Status CheckCells(const WriteSheet& sheet) {
  for (const WriteCell& cell : sheet.cells) {
    if (!InSheet(cell.row, cell.col)) {
      return tl::unexpected(Invalid(
          Place{sheet, ""},
          fmt::format("ô ở hàng {}, cột {} nằm ngoài A1:XFD1048576", cell.row, cell.col),
          fmt::format("cell at row {}, column {} is outside A1:XFD1048576", cell.row, cell.col)));
    }
    const Place place{sheet, CellName(cell.row, cell.col)};
    if (const auto* text = std::get_if<std::string>(&cell.value)) {
      if (auto ok = CheckText(place, *text); !ok) return ok;
    }
    if (const auto* number = std::get_if<double>(&cell.value); number && !std::isfinite(*number)) {
      return tl::unexpected(Invalid(place,
                                    "số không hữu hạn (NaN hoặc vô cực) không ghi được vào Excel",
                                    "a NaN or infinite number cannot be stored in Excel"));
    }
    if (!cell.style.fill_rgb.empty() && !ParseRgb(cell.style.fill_rgb)) {
      return tl::unexpected(Invalid(
          place,
          fmt::format("màu nền \"{}\" phải gồm 6 chữ số hệ 16, ví dụ FFF2CC", cell.style.fill_rgb),
          fmt::format("fill colour \"{}\" must be six hex digits, e.g. FFF2CC",
                      cell.style.fill_rgb)));
    }
    if (auto ok = CheckText(place, cell.style.num_format); !ok) return ok;
    for (const MergedRange& m : sheet.merges) {
      if (m.Contains(cell.row, cell.col) && !(m.first == CellRef{cell.row, cell.col}) &&
          !std::holds_alternative<std::monostate>(cell.value)) {
        return tl::unexpected(Invalid(
            place,
            fmt::format(
                "ô nằm trong vùng gộp {} nhưng không phải ô đầu tiên, nên giá trị sẽ bị che",
                RangeName(m)),
            fmt::format("the cell lies inside merged range {} but is not its top-left cell, so its "
                        "value would be hidden",
                        RangeName(m))));
      }
    }
  }
  return {};
}

core::Status CheckMerges(const WriteSheet& sheet) {
  for (std::size_t i = 0; i < sheet.merges.size(); ++i) {
    const MergedRange& a = sheet.merges[i];
    const Place place{sheet, RangeName(a)};
    if (auto ok = CheckRange(place, a); !ok) return ok;
    if (a.first == a.last) {
      return tl::unexpected(Invalid(place, "vùng gộp phải có từ hai ô trở lên",
                                    "a merged range needs at least two cells"));
    }
    for (std::size_t j = 0; j < i; ++j) {
      const MergedRange& b = sheet.merges[j];
      if (a.first.row <= b.last.row && b.first.row <= a.last.row && a.first.col <= b.last.col &&
          b.first.col <= a.last.col) {
        return tl::unexpected(Invalid(place,
                                      fmt::format("vùng gộp chồng lên vùng {}", RangeName(b)),
                                      fmt::format("merged range overlaps {}", RangeName(b))));
      }
    }
  }
  return {};
}

core::Status CheckLayout(const WriteSheet& sheet) {
  const Place place{sheet, ""};
  for (const auto& [col, width] : sheet.column_widths) {
    if (col < 1 || col > kXlsxMaxCols || !(width >= 0 && width <= 255)) {
      return tl::unexpected(Invalid(
          place, fmt::format("độ rộng cột {} phải từ 0 đến 255 và cột phải từ A đến XFD", col),
          fmt::format("column {} width must be 0 to 255 and the column A to XFD", col)));
    }
  }
  for (const auto& [row, height] : sheet.row_heights) {
    if (row < 1 || row > kXlsxMaxRows || !(height >= 0 && height <= 409)) {
      return tl::unexpected(Invalid(
          place,
          fmt::format("chiều cao hàng {} phải từ 0 đến 409 và hàng phải từ 1 đến {}", row,
                      kXlsxMaxRows),
          fmt::format("row {} height must be 0 to 409 and the row 1 to {}", row, kXlsxMaxRows)));
    }
  }
  if (sheet.freeze_rows < 0 || sheet.freeze_rows >= kXlsxMaxRows || sheet.freeze_cols < 0 ||
      sheet.freeze_cols >= kXlsxMaxCols) {
    return tl::unexpected(Invalid(place, "số hàng hoặc cột cố định không hợp lệ",
                                  "invalid number of frozen rows or columns"));
  }
  for (const DataValidationList& list : sheet.validations) {
    const Place at{sheet, RangeName(list.range)};
    if (auto ok = CheckRange(at, list.range); !ok) return ok;
    std::size_t chars = list.values.empty() ? 0 : list.values.size() - 1;  // commas
    for (const std::string& value : list.values) {
      if (auto ok = CheckText(at, value); !ok) return ok;
      if (value.empty() || value.find_first_of(",\"") != std::string::npos) {
        return tl::unexpected(Invalid(
            at,
            fmt::format("giá trị \"{}\" của danh sách chọn không được rỗng hay chứa dấu phẩy, "
                        "dấu nháy kép",
                        value),
            fmt::format("drop-down value \"{}\" must be non-empty, without commas or double quotes",
                        value)));
      }
      chars += CodePoints(value);
    }
    if (list.values.empty() || chars > kMaxListChars) {
      return tl::unexpected(
          Invalid(at, "danh sách chọn phải có từ 1 giá trị và dài tối đa 255 ký tự",
                  "a drop-down list needs 1 or more values, 255 characters in all"));
    }
  }
  return {};
}

core::Status Validate(const WriteWorkbook& workbook) {
  if (std::none_of(workbook.sheets.begin(), workbook.sheets.end(),
                   [](const WriteSheet& s) { return !s.hidden; })) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "Sổ làm việc phải có ít nhất một trang tính không bị ẩn.",
                           "A workbook needs at least one sheet that is not hidden.");
  }
  for (const WriteSheet& sheet : workbook.sheets) {
    for (const auto& check : {CheckCells, CheckMerges, CheckLayout}) {
      if (auto ok = check(sheet); !ok) return ok;
    }
  }
  return {};
}

// Sheet names as Excel requires them, checked by libxlsxwriter.
core::Status CheckSheetName(lxw_workbook* workbook, const WriteSheet& sheet) {
  const Place place{sheet, ""};
  if (sheet.name.empty()) {
    return tl::unexpected(
        Invalid(place, "tên trang tính không được để trống", "the sheet name is empty"));
  }
  if (auto ok = CheckText(place, sheet.name); !ok) return ok;
  switch (workbook_validate_sheet_name(workbook, sheet.name.c_str())) {
    case LXW_NO_ERROR:
      return {};
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
      return tl::unexpected(Invalid(place, "tên trang tính dài quá 31 ký tự",
                                    "the sheet name is longer than 31 characters"));
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
      return tl::unexpected(
          Invalid(place, "tên trang tính bị trùng", "the sheet name is used twice"));
    default:
      return tl::unexpected(
          Invalid(place,
                  "tên trang tính không được chứa các ký tự [ ] : * ? / \\ hay bắt đầu, kết thúc "
                  "bằng dấu '",
                  "the sheet name must not contain [ ] : * ? / \\ nor start or end with '"));
  }
}

// One libxlsxwriter format per distinct style; nullptr for the default style.
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {}

  lxw_format* Get(const CellStyle& style) {
    if (style == CellStyle{}) return nullptr;
    auto [it, inserted] = formats_.try_emplace(style, nullptr);
    if (!inserted) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    if (style.bold) format_set_bold(f);
    if (style.italic) format_set_italic(f);
    if (style.wrap) format_set_text_wrap(f);
    if (style.vcenter) format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (!style.locked) format_set_unlocked(f);
    if (style.border) format_set_border(f, LXW_BORDER_THIN);
    if (!style.num_format.empty()) format_set_num_format(f, style.num_format.c_str());
    if (!style.fill_rgb.empty()) format_set_bg_color(f, *ParseRgb(style.fill_rgb));
    switch (style.align) {
      case CellStyle::Align::kDefault:
        break;
      case CellStyle::Align::kLeft:
        format_set_align(f, LXW_ALIGN_LEFT);
        break;
      case CellStyle::Align::kCenter:
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case CellStyle::Align::kRight:
        format_set_align(f, LXW_ALIGN_RIGHT);
        break;
    }
    it->second = f;
    return f;
  }

 private:
  lxw_workbook* workbook_;
  std::map<CellStyle, lxw_format*> formats_;
};

core::Error LibraryError(const Place& place, lxw_error error) {
  return Invalid(place, fmt::format("thư viện libxlsxwriter báo lỗi: {}", lxw_strerror(error)),
                 fmt::format("libxlsxwriter failed: {}", lxw_strerror(error)));
}

core::Status WriteCells(lxw_worksheet* ws, const WriteSheet& sheet, Formats& formats) {
  for (const MergedRange& m : sheet.merges) {
    // The range takes the style of its top-left cell, so borders and fills cover all of it.
    const auto top_left =
        std::find_if(sheet.cells.begin(), sheet.cells.end(), [&](const WriteCell& c) {
          return CellRef{c.row, c.col} == m.first;
        });
    lxw_format* format = top_left == sheet.cells.end() ? nullptr : formats.Get(top_left->style);
    if (lxw_error e = worksheet_merge_range(ws, m.first.row - 1, m.first.col - 1, m.last.row - 1,
                                            m.last.col - 1, "", format)) {
      return tl::unexpected(LibraryError(Place{sheet, RangeName(m)}, e));
    }
  }
  for (const WriteCell& cell : sheet.cells) {
    const lxw_row_t row = cell.row - 1;
    const lxw_col_t col = cell.col - 1;
    lxw_format* format = formats.Get(cell.style);
    const lxw_error e = std::visit(
        [&](const auto& v) -> lxw_error {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::monostate>) {
            return worksheet_write_blank(ws, row, col, format);
          } else if constexpr (std::is_same_v<V, std::string>) {
            return worksheet_write_string(ws, row, col, v.c_str(), format);
          } else if constexpr (std::is_same_v<V, double>) {
            return worksheet_write_number(ws, row, col, v, format);
          } else {
            return worksheet_write_number(ws, row, col, v.ToDouble(), format);
          }
        },
        cell.value);
    if (e != LXW_NO_ERROR)
      return tl::unexpected(LibraryError(Place{sheet, CellName(cell.row, cell.col)}, e));
  }
  return {};
}

core::Status WriteLayout(lxw_worksheet* ws, const WriteSheet& sheet) {
  for (const auto& [col, width] : sheet.column_widths) {
    worksheet_set_column(ws, col - 1, col - 1, width, nullptr);
  }
  if (sheet.print_landscape || sheet.print_fit_width) worksheet_set_paper(ws, 9);  // A4
  if (sheet.print_landscape) worksheet_set_landscape(ws);
  if (sheet.print_fit_width) worksheet_fit_to_pages(ws, 1, 0);
  for (const auto& [row, height] : sheet.row_heights) {
    worksheet_set_row(ws, static_cast<lxw_row_t>(row - 1), height, nullptr);
  }
  if (sheet.freeze_rows > 0 || sheet.freeze_cols > 0) {
    worksheet_freeze_panes(ws, sheet.freeze_rows, sheet.freeze_cols);
  }
  for (const DataValidationList& list : sheet.validations) {
    std::vector<char*> values;
    for (const std::string& v : list.values) values.push_back(const_cast<char*>(v.c_str()));
    values.push_back(nullptr);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = values.data();
    const MergedRange& r = list.range;
    if (lxw_error e = worksheet_data_validation_range(
            ws, r.first.row - 1, r.first.col - 1, r.last.row - 1, r.last.col - 1, &validation)) {
      return tl::unexpected(LibraryError(Place{sheet, RangeName(r)}, e));
    }
  }
  if (sheet.protect) worksheet_protect(ws, nullptr, nullptr);
  return {};
}

core::Status Produce(const WriteWorkbook& book, const std::string& temp_path) {
  std::unique_ptr<lxw_workbook, decltype(&lxw_workbook_free)> workbook(
      workbook_new(temp_path.c_str()), &lxw_workbook_free);
  if (!workbook) {
    return core::MakeError(ErrorCode::kUnavailable,
                           "Không tạo được sổ làm việc Excel (thiếu bộ nhớ).",
                           "Cannot create the Excel workbook (out of memory).");
  }
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(book.title.c_str());
  properties.author = const_cast<char*>(book.author.c_str());
  workbook_set_properties(workbook.get(), &properties);

  Formats formats(workbook.get());
  std::vector<lxw_worksheet*> worksheets;
  for (const WriteSheet& sheet : book.sheets) {
    if (auto ok = CheckSheetName(workbook.get(), sheet); !ok) return ok;
    lxw_worksheet* ws = workbook_add_worksheet(workbook.get(), sheet.name.c_str());
    if (auto ok = WriteCells(ws, sheet, formats); !ok) return ok;
    if (auto ok = WriteLayout(ws, sheet); !ok) return ok;
    worksheets.push_back(ws);
  }
  // Excel opens on the active sheet, which must be visible; hide the others only after.
  const auto visible = std::find_if(book.sheets.begin(), book.sheets.end(),
                                    [](const WriteSheet& s) { return !s.hidden; });
  worksheet_activate(worksheets[visible - book.sheets.begin()]);
  for (std::size_t i = 0; i < book.sheets.size(); ++i) {
    if (book.sheets[i].hidden) worksheet_hide(worksheets[i]);
  }
  if (lxw_error e = workbook_close(workbook.release())) {
    return core::MakeError(ErrorCode::kUnavailable,
                           fmt::format("Không ghi được tệp Excel: {}.", lxw_strerror(e)),
                           fmt::format("Cannot write the Excel file: {}.", lxw_strerror(e)));
  }
  return {};
}

}  // namespace

core::Status WriteXlsx(const WriteWorkbook& workbook, const std::string& path) {
  if (auto ok = Validate(workbook); !ok) return ok;
  try {
    return ReplaceFileAtomically(
        path, [&](const std::string& temp_path) { return Produce(workbook, temp_path); });
  } catch (const std::bad_alloc&) {
    return core::MakeError(ErrorCode::kResourceExhausted,
                           fmt::format("Không đủ bộ nhớ để ghi tệp \"{}\".", path),
                           fmt::format("Out of memory writing \"{}\".", path));
  }
}

}  // namespace lienket::io
