#include "app/template_command.hpp"

#include <fmt/format.h>

#include "app/xlsx_observations.hpp"
#include "io/xlsx_writer.hpp"
#include "store/embedded_files.hpp"

namespace lienket::app {

namespace {

constexpr int kHeaderRow = 10;  // the row with units and indicator ids; data starts below
constexpr int kFirstValueColumn = 3;
constexpr std::string_view kSheetName = "Biểu nhập liệu";

}  // namespace

const core::MeasureUnit* InputUnit(const stats::Indicator& indicator) {
  auto display = core::FindMeasureUnit(indicator.display_unit_vi);
  if (display && (*display)->dimension == indicator.unit) return *display;
  for (const core::MeasureUnit& u : core::AllMeasureUnits()) {
    if (u.dimension == indicator.unit && u.power_of_ten == 0 && u.offset == 0) return &u;
  }
  return &core::AllMeasureUnits().front();
}

namespace {

std::string NumberFormat(int precision) {
  return precision > 0 ? "#,##0." + std::string(static_cast<std::size_t>(precision), '0') : "#,##0";
}

}  // namespace

core::Result<std::vector<stats::ReportForm>> ShippedReportForms() {
  auto csv = store::FindEmbedded("data/report_forms.csv");
  if (!csv) {
    return core::MakeError(core::ErrorCode::kInternal, "Thiếu tệp data/report_forms.csv",
                           "data/report_forms.csv is missing from the program");
  }
  return stats::ParseReportForms(*csv);
}

core::Status WriteTemplate(const Context& ctx, const stats::ReportForm& form,
                           const core::Period& period,
                           const std::vector<const stats::AdminUnit*>& provinces,
                           const std::string& path, const TemplatePrefill* prefill) {
  LIENKET_RETURN_IF_ERROR(form.Accepts(period));
  std::vector<const stats::Indicator*> indicators;
  for (const std::string& id : form.indicator_ids) {
    const stats::Indicator* i = ctx.indicators.FindById(id);
    if (i == nullptr) {
      return core::MakeError(
          core::ErrorCode::kInvalidArgument,
          fmt::format("Biểu {} có chỉ tiêu không có trong danh mục: {}", form.id, id),
          fmt::format("Form {} names an indicator missing from the catalogue: {}", form.id, id));
    }
    indicators.push_back(i);
  }
  const int last_col = kFirstValueColumn + static_cast<int>(indicators.size()) - 1;
  io::WriteSheet sheet;
  sheet.name = std::string(kSheetName);
  io::CellStyle title{.bold = true};
  io::CellStyle label{.bold = true};
  io::CellStyle input{.locked = false, .border = true, .fill_rgb = "FFF2CC"};
  io::CellStyle header{.bold = true,
                       .wrap = true,
                       .vcenter = true,
                       .border = true,
                       .fill_rgb = "DDEBF7",
                       .align = io::CellStyle::Align::kCenter};
  io::CellStyle small{
      .italic = true, .wrap = true, .border = true, .align = io::CellStyle::Align::kCenter};
  io::CellStyle plain{.border = true};
  io::CellStyle note{.italic = true, .wrap = true};
  auto text = [&sheet](int row, int col, std::string value, io::CellStyle style) {
    sheet.cells.push_back(io::WriteCell{row, col, std::move(value), style});
  };

  std::string title_text = fmt::format("{} — {}", form.name_vi, period.LabelVi());
  text(1, 1, title_text, title);
  sheet.merges.push_back({{1, 1}, {1, last_col}});
  text(2, 1, "Kỳ báo cáo / Period", label);
  text(2, 2, period.Code(), {});
  text(2, 3, fmt::format("Hạn nộp / Due: {}", form.DueDate(period).ToVietnamese()), {});
  text(3, 1, "Ngày công bố số liệu / Publication date (dd/mm/yyyy)", label);
  text(3, 2, "", input);
  text(4, 1, "Trạng thái / Status", label);
  text(4, 2, "ước tính", input);
  sheet.validations.push_back({{{4, 2}, {4, 2}}, {"ước tính", "sơ bộ", "chính thức"}});
  text(5, 1, "Nguồn / Source", label);
  text(5, 2, provinces.size() == 1 ? fmt::format("Sở Công Thương {}", provinces[0]->name_vi) : "",
       input);
  text(6, 1,
       "Nhập số vào các ô màu vàng theo đơn vị ghi ở đầu cột; để trống ô chưa có số liệu. Không "
       "thêm, xóa hay đổi thứ tự cột. Nhập xong: lienket import <tệp>.xlsx",
       note);
  sheet.merges.push_back({{6, 1}, {6, last_col}});
  text(7, 1,
       "Type figures in the yellow cells in the unit shown above each column; leave a cell empty "
       "when there is no figure. Do not add, delete or reorder columns. Then: lienket import "
       "<file>.xlsx",
       note);
  sheet.merges.push_back({{7, 1}, {7, last_col}});

  text(kHeaderRow - 1, 1, "Mã", header);
  text(kHeaderRow - 1, 2, "Tỉnh/Thành phố", header);
  sheet.merges.push_back({{kHeaderRow - 1, 1}, {kHeaderRow, 1}});
  sheet.merges.push_back({{kHeaderRow - 1, 2}, {kHeaderRow, 2}});
  XlsxMapping mapping;
  mapping.sheet = sheet.name;
  mapping.header_row = kHeaderRow;
  mapping.first_data_row = kHeaderRow + 1;
  mapping.last_data_row = kHeaderRow + static_cast<int>(provinces.size());
  mapping.province_column = 1;
  mapping.defaults[static_cast<std::size_t>(stats::Field::kPeriod)] = period.Code();
  mapping.cells[static_cast<std::size_t>(stats::Field::kAsOf)] = "B3";
  mapping.cells[static_cast<std::size_t>(stats::Field::kStatus)] = "B4";
  mapping.cells[static_cast<std::size_t>(stats::Field::kSource)] = "B5";
  sheet.column_widths[1] = 8;
  sheet.column_widths[2] = 24;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    int col = kFirstValueColumn + static_cast<int>(i);
    const core::MeasureUnit* unit = InputUnit(*indicators[i]);
    text(kHeaderRow - 1, col, indicators[i]->name_vi, header);
    std::string unit_label = indicators[i]->kind == stats::IndicatorKind::kPlan
                                 ? fmt::format("({}, cả năm {})", unit->name_vi, period.year())
                                 : fmt::format("({})", unit->name_vi);
    text(kHeaderRow, col, fmt::format("{} {}", unit_label, indicators[i]->id), small);
    sheet.column_widths[col] = 18;
    std::array<std::string, stats::kFieldCount> spec;
    spec[static_cast<std::size_t>(stats::Field::kIndicator)] = indicators[i]->id;
    spec[static_cast<std::size_t>(stats::Field::kUnit)] = std::string(unit->id);
    // A plan is the whole year's target, whatever period the form reports.
    if (indicators[i]->kind == stats::IndicatorKind::kPlan) {
      spec[static_cast<std::size_t>(stats::Field::kPeriod)] = std::to_string(period.year());
    }
    mapping.columns[col] = spec;
  }
  for (std::size_t r = 0; r < provinces.size(); ++r) {
    int row = kHeaderRow + 1 + static_cast<int>(r);
    text(row, 1, provinces[r]->code, plain);
    text(row, 2, provinces[r]->name_vi, plain);
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      io::CellStyle cell = input;
      cell.num_format = NumberFormat(indicators[i]->precision);
      io::CellValue value = std::monostate{};
      if (prefill != nullptr) {
        auto known = prefill->find({provinces[r]->id, indicators[i]->id});
        const core::MeasureUnit* unit = InputUnit(*indicators[i]);
        if (known != prefill->end()) {
          auto scaled = known->second.ScaledByPowerOfTen(-unit->power_of_ten);
          if (scaled && unit->offset == 0) value = *scaled;
        }
      }
      sheet.cells.push_back(
          io::WriteCell{row, kFirstValueColumn + static_cast<int>(i), value, cell});
    }
  }
  sheet.freeze_rows = kHeaderRow;
  sheet.freeze_cols = 2;
  sheet.protect = true;

  io::WriteSheet hidden;
  hidden.name = std::string(kMappingSheet);
  hidden.hidden = true;
  hidden.cells.push_back(io::WriteCell{1, 1, MappingToJson(mapping), {}});

  io::WriteWorkbook book;
  book.sheets = {std::move(sheet), std::move(hidden)};
  book.title = title_text;
  book.author = "lienket";
  return io::WriteXlsx(book, path);
}

}  // namespace lienket::app
