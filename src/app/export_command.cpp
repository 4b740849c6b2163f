#include "app/export_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <ostream>
#include <set>

#include "io/fs.hpp"
#include "report/export_formats.hpp"

namespace lienket::app {

using core::Date;
using core::ErrorCode;
using core::MakeError;

CLI::App* AddExportCommand(CLI::App& cli, ExportOptions* o) {
  CLI::App* cmd =
      cli.add_subcommand("export", "Xuất số liệu (JSON-stat, SDMX-CSV, CSV) / export observations");
  cmd->add_option("--format", o->format,
                  "jsonstat (JSON-stat 2.0) | sdmx-csv (SDMX-CSV 1.0) | csv (định dạng nhập "
                  "liệu / lienket's import format)")
      ->required()
      ->check(CLI::IsMember({"jsonstat", "sdmx-csv", "csv"}));
  cmd->add_option("--province", o->provinces,
                  "Tỉnh/thành phố (mã hoặc tên, cách nhau bởi dấu phẩy)")
      ->delimiter(',');
  cmd->add_option("--indicator", o->indicators, "Chỉ tiêu / indicator ids, comma-separated")
      ->delimiter(',');
  cmd->add_option("--period", o->period, "Kỳ / period (2024, 2024-H1, 2024-M01-M05 ...)");
  cmd->add_option("--region", o->region, "Mọi tỉnh của vùng / every member of a region");
  cmd->add_option("--as-of", o->as_of, "Số liệu công bố đến ngày / as of date");
  cmd->add_option("--dataset", o->dataset, "observed | illustrative | all")
      ->check(CLI::IsMember({"observed", "illustrative", "all"}));
  cmd->add_flag("--all-vintages", o->all_vintages, "Mọi đợt công bố / every vintage");
  cmd->add_option("-o,--output", o->output, "Tệp kết quả / output file (default: stdout)");
  return cmd;
}

core::Status RunExport(Context& ctx, const ExportOptions& o, std::ostream& out) {
  LIENKET_ASSIGN_OR_RETURN(format, report::ParseExportFormat(o.format));
  stats::ObservationQuery q;
  q.datasets = o.dataset == "all"
                   ? std::vector<std::string>{std::string(stats::kDatasetObserved),
                                              std::string(stats::kDatasetIllustrative)}
                   : std::vector<std::string>{o.dataset};
  if (format == report::ExportFormat::kCsv && q.datasets.size() > 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--format csv cần một bộ dữ liệu: --dataset observed hoặc illustrative (tệp "
                     "nhập liệu không có cột bộ dữ liệu)",
                     "--format csv needs one dataset: --dataset observed or illustrative (the "
                     "import format has no dataset column)");
  }
  q.latest_only = !o.all_vintages;
  if (!o.period.empty()) {
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(o.period));
    q.period = period;
  }
  if (!o.as_of.empty()) {
    LIENKET_ASSIGN_OR_RETURN(as_of, Date::Parse(o.as_of));
    q.as_of = as_of;
  }
  for (const std::string& text : o.indicators) {
    LIENKET_ASSIGN_OR_RETURN(indicator, ctx.indicators.Find(text));
    q.indicator_ids.push_back(indicator->id);
  }
  std::set<int> unit_ids;
  for (const std::string& text : o.provinces) {
    // A name can mean units of both eras (Lào Cai before and after 2025): take every unit the
    // text names at either time, as `lienket observations` does.
    core::Error last_error;
    bool found = false;
    for (const Date& d : {Date::Today(), Date{2025, 6, 30}}) {
      auto unit = ctx.units.ResolveOn(text, d);
      if (unit) {
        unit_ids.insert((*unit)->id);
        found = true;
      } else {
        last_error = unit.error();
      }
    }
    if (!found) return tl::unexpected(last_error);
  }
  if (!o.region.empty()) {
    const stats::Region* region = ctx.FindRegion(o.region);
    if (region == nullptr) {
      return MakeError(ErrorCode::kNotFound,
                       fmt::format("Không có vùng \"{}\" (xem: lienket regions)", o.region),
                       fmt::format("No region \"{}\" (see: lienket regions)", o.region));
    }
    unit_ids.insert(region->member_unit_ids.begin(), region->member_unit_ids.end());
  }
  q.unit_ids.assign(unit_ids.begin(), unit_ids.end());

  LIENKET_ASSIGN_OR_RETURN(rows, ctx.store->Find(q));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "Không có số liệu nào khớp điều kiện; không ghi tệp",
                     "No observation matches; nothing written");
  }
  report::ExportInput input;
  input.rows = rows;
  input.units = &ctx.units;
  input.indicators = &ctx.indicators;
  input.all_vintages = o.all_vintages;
  input.as_of = q.as_of;
  LIENKET_ASSIGN_OR_RETURN(text, report::Export(format, input));
  if (o.output.empty()) {
    out << text;
    return {};
  }
  LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(o.output, text));
  out << fmt::format("Đã ghi {} số liệu vào {} / Wrote {} observations to {}\n", rows.size(),
                     o.output, rows.size(), o.output);
  return {};
}

}  // namespace lienket::app
