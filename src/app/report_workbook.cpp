#include "app/report_workbook.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace lienket::app {

using report::ReportTable;
using report::TableColumn;
using report::TableRow;

namespace {

constexpr std::size_t kMaxSheetName = 31;
constexpr double kDefaultColumnWidth = 8.43;  // Excel's, in characters
constexpr std::string_view kHeaderFill = "DCE6F1";
constexpr std::string_view kNoticeFill = "F4CCCC";

bool Vi(core::Language l) { return l == core::Language::kVietnamese; }

// "#,##0.0" for figures, "0.0" for percentages (the header carries the "%").
std::string NumberFormat(const TableColumn& c) {
  std::string decimals =
      c.decimals > 0 ? "." + std::string(static_cast<std::size_t>(c.decimals), '0') : "";
  return (c.percent ? "0" : "#,##0") + decimals;
}

std::string QualifierText(std::optional<stats::Qualifier> q, core::Language l) {
  if (!q) return "";
  std::string word = report::QualifierWord(*q, l);
  while (!word.empty() && word.back() == ' ') word.pop_back();
  return word;
}

std::string StatusText(std::optional<stats::VintageStatus> s, core::Language l) {
  if (!s) return "";
  return std::string(Vi(l) ? stats::VintageStatusLabelVi(*s) : stats::VintageStatusId(*s));
}

// Writes cells row by row.
class SheetWriter {
 public:
  explicit SheetWriter(io::WriteSheet* sheet) : sheet_(sheet) {}

  void Text(int row, int col, std::string text, io::CellStyle style = {}) {
    sheet_->cells.push_back({row, col, std::move(text), std::move(style)});
  }
  void Number(int row, int col, const core::Decimal& value, io::CellStyle style) {
    sheet_->cells.push_back({row, col, value, std::move(style)});
  }
  // Text across the first `width` columns, wrapped, in a row made tall enough for it (a merged
  // cell does not grow its row by itself). Set the column widths first.
  void Paragraph(int row, int width, std::string text, io::CellStyle style = {}) {
    style.wrap = true;
    style.align = io::CellStyle::Align::kLeft;
    double chars_per_line = 0;
    for (int c = 1; c <= width; ++c) chars_per_line += ColumnWidth(c);
    double lines = LinesNeeded(text, chars_per_line);
    if (lines > 1) sheet_->row_heights[row] = std::min(409.0, 15.0 * lines);
    Text(row, 1, std::move(text), style);
    if (width > 1) sheet_->merges.push_back({{row, 1}, {row, width}});
  }

  // The table with its header at `row` and its first column at `first_col`; returns the row
  // after its last line.
  int Table(int row, int first_col, const ReportTable& t, core::Language l) {
    io::CellStyle header;
    header.bold = true;
    header.wrap = true;
    header.vcenter = true;
    header.border = true;
    header.align = io::CellStyle::Align::kCenter;
    header.fill_rgb = std::string(kHeaderFill);
    std::vector<std::string> headers;
    for (const TableColumn& c : t.columns) headers.push_back(c.header);
    headers.push_back(Vi(l) ? "Loại giá trị" : "Qualifier");
    headers.push_back(Vi(l) ? "Tình trạng số liệu" : "Status");
    headers.push_back(Vi(l) ? "Ghi chú" : "Notes");
    double lines = 1;
    for (std::size_t c = 0; c < headers.size(); ++c) {
      const int col = first_col + static_cast<int>(c);
      Text(row, col, headers[c], header);
      lines = std::max(lines, LinesNeeded(headers[c], ColumnWidth(col)));
    }
    sheet_->row_heights[row] = std::min(409.0, 15.0 * lines);
    const int extra = first_col + static_cast<int>(t.columns.size()) - 1;
    for (const TableRow& r : t.rows) {
      ++row;
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const TableColumn& column = t.columns[c];
        const report::TableCell& cell = r.cells[c];
        io::CellStyle style;
        style.border = true;
        const int col = first_col + static_cast<int>(c);
        if (column.decimals >= 0) {
          style.num_format = NumberFormat(column);
          style.align = io::CellStyle::Align::kRight;
          if (cell.number) {
            Number(row, col, *cell.number, style);
          } else {
            sheet_->cells.push_back({row, col, std::monostate{}, style});
          }
        } else {
          if (column.align_right) style.align = io::CellStyle::Align::kRight;
          Text(row, col, cell.text, style);
        }
      }
      io::CellStyle plain;
      plain.border = true;
      Text(row, extra + 1, QualifierText(r.qualifier, l), plain);
      Text(row, extra + 2, StatusText(r.status, l), plain);
      Text(row, extra + 3, fmt::format("{}", fmt::join(r.notes, "; ")), plain);
    }
    return row + 1;
  }

 private:
  double ColumnWidth(int col) const {
    auto it = sheet_->column_widths.find(col);
    return it != sheet_->column_widths.end() ? it->second : kDefaultColumnWidth;
  }
  // Lines of wrapped text in a cell `width` characters wide; proportional letters are narrower
  // than the digit that widths are measured in, a word break wastes some.
  static double LinesNeeded(std::string_view text, double width) {
    std::size_t letters = 0;
    for (char ch : text) letters += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return std::ceil(static_cast<double>(letters) * 0.95 / std::max(width - 1, 1.0));
  }

  io::WriteSheet* sheet_;
};

// "2024-H1 retail_sales", cut to 31 characters and made unique with a counter.
std::string SheetName(const core::Period& period, const stats::Indicator& indicator,
                      std::set<std::string>* taken) {
  std::string base = fmt::format("{} {}", period.Code(), indicator.id);
  base.resize(std::min(base.size(), kMaxSheetName));
  std::string name = base;
  for (int i = 2; taken->count(name) > 0; ++i) {
    std::string suffix = fmt::format("~{}", i);
    name = base.substr(0, kMaxSheetName - suffix.size()) + suffix;
  }
  taken->insert(name);
  return name;
}

io::CellStyle Bold() {
  io::CellStyle s;
  s.bold = true;
  return s;
}

io::CellStyle NoticeStyle() {
  io::CellStyle s;
  s.bold = true;
  s.fill_rgb = std::string(kNoticeFill);
  return s;
}

std::string NoticeText(core::Language l) {
  report::Notice notice = report::IllustrativeNotice(l);
  return notice.headline + " " + notice.body;
}

}  // namespace

io::WriteWorkbook ReportWorkbook(const report::RegionalReport& report, core::Language l) {
  const bool vi = Vi(l);
  io::WriteWorkbook book;
  book.title = report::ReportTitle(report, l);
  book.author = "lienket";
  constexpr int kNotesWidth = 4;

  io::WriteSheet notes;
  notes.name = vi ? "Ghi chú" : "Notes";
  notes.column_widths = {{1, 24}, {2, 22}, {3, 22}, {4, 22}};
  notes.print_fit_width = true;
  SheetWriter w(&notes);
  int row = 1;
  w.Paragraph(row++, kNotesWidth, report::ReportTitle(report, l), Bold());
  w.Text(row, 1, vi ? "Số liệu đến ngày" : "Figures as of", Bold());
  w.Text(row++, 2, vi ? report.as_of.ToVietnamese() : report.as_of.ToString());
  if (report.illustrative) w.Paragraph(row++, kNotesWidth, NoticeText(l), NoticeStyle());
  w.Paragraph(row++, kNotesWidth, report::AsOfParagraph(report, l));
  w.Paragraph(row++, kNotesWidth, report::ProfileParagraph(report, l));
  ++row;
  w.Text(row++, 1, vi ? "Cách đọc" : "How to read the sheets", Bold());
  const std::vector<std::string> how =
      vi ? std::vector<std::string>{
               "Giá trị là số (không phải chữ), theo đơn vị ghi trong tiêu đề cột (tỷ đồng, triệu "
               "USD, ...); cột có dấu % chứa số phần trăm: 12,5 nghĩa là 12,5%.",
               "Loại giá trị: \"trên\" = cận dưới (số thật lớn hơn); \"dưới\" = cận trên; "
               "\"khoảng\" = số xấp xỉ; để trống = số như đã công bố.",
               "Tình trạng số liệu: ước tính, sơ bộ hoặc chính thức, theo lần công bố mới nhất "
               "đến ngày báo cáo.",
               "Ô giá trị để trống: địa phương chưa có số liệu. Khi chưa đủ địa phương báo cáo, "
               "tổng chỉ là tổng của các địa phương đã báo cáo, không phải tổng của vùng.",
               "Tốc độ tăng so với cùng kỳ năm trước, tính trên cùng các địa phương có số liệu "
               "cả hai kỳ."}
         : std::vector<std::string>{
               "Values are numbers (not text) in the unit named in the column header (billion "
               "VND, million USD, ...); columns marked % hold percentages: 12.5 means 12.5%.",
               "Qualifier: \"more than\" = a lower bound (the true value is larger); \"less "
               "than\" = an upper bound; \"about\" = approximate; empty = as published.",
               "Status: estimate, preliminary or official, from the latest release on or before "
               "the report date.",
               "An empty value cell: the province has not reported. Unless every province "
               "reported, a total is the sum over those that did, not the region's total.",
               "Growth is on the same period a year earlier, over the provinces with figures for "
               "both periods."};
  for (const std::string& line : how) w.Paragraph(row++, kNotesWidth, "• " + line);
  ++row;
  w.Text(row++, 1, vi ? "Các trang số liệu" : "Sheets", Bold());
  const int list_row = row;

  std::set<std::string> taken = {notes.name};
  std::vector<io::WriteSheet> data_sheets;
  for (const report::PeriodSection& section : report.sections) {
    for (const report::IndicatorSection& s : section.indicators) {
      io::WriteSheet sheet;
      sheet.name = SheetName(section.period, *s.result.indicator, &taken);
      ReportTable table = report::ProvinceTable(s.result, l);
      const int width = static_cast<int>(table.columns.size()) + 3;
      sheet.column_widths[1] = 10;
      sheet.column_widths[2] = 28;
      for (int c = 3; c < width; ++c) sheet.column_widths[c] = 15;
      sheet.column_widths[width] = 36;
      sheet.print_landscape = true;
      sheet.print_fit_width = true;
      SheetWriter sw(&sheet);
      int r = 1;
      sw.Paragraph(r++, width, report::TableHeading(s.result, l), Bold());
      if (report.illustrative) sw.Paragraph(r++, width, NoticeText(l), NoticeStyle());
      sheet.freeze_rows = r;  // the title rows and the header
      r = sw.Table(r, 1, table, l);
      // The marks of the footnote are not used here: qualifiers and statuses have columns.
      if (std::string source = report::SourceNote(s.result, l); !source.empty()) {
        sw.Paragraph(r++, width, source);
      }
      ReportTable sub = report::SubRegionTable(s, l);
      if (!sub.columns.empty()) {
        ++r;
        sw.Paragraph(r++, width, vi ? "Theo tiểu vùng" : "By sub-region", Bold());
        // From the name column, which is wide enough for the sub-regions' names.
        r = sw.Table(r, 2, sub, l);
      }
      w.Text(row, 1, sheet.name);
      w.Text(row, 2, report::TableHeading(s.result, l));
      ++row;
      data_sheets.push_back(std::move(sheet));
    }
  }
  if (row == list_row) w.Text(row, 1, report::NoFiguresParagraph(l));
  book.sheets.push_back(std::move(notes));
  for (auto& sheet : data_sheets) book.sheets.push_back(std::move(sheet));
  return book;
}

}  // namespace lienket::app
