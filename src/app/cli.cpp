#include "app/cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "access/user.hpp"
#include "api/listing_upkeep.hpp"
#include "api/server.hpp"
#include "api/json_views.hpp"
#include "api/service.hpp"
#include "app/context.hpp"
#include "app/doctor_command.hpp"
#include "app/export_command.hpp"
#include "app/import_command.hpp"
#include "app/report_command.hpp"
#include "app/report_export.hpp"
#include "app/template_command.hpp"
#include "app/text_table.hpp"
#include "core/number_format.hpp"
#include "core/vi_text.hpp"
#include "io/fs.hpp"
#include "report/regional_report.hpp"
#include "stats/synthesis.hpp"
#include "store/embedded_files.hpp"
#include "store/pg_db.hpp"
#include "store/sqlite_backup.hpp"
#include "store/sqlite_cooperation_store.hpp"
#include "store/sqlite_event_store.hpp"
#include "store/sqlite_deal_store.hpp"
#include "store/sqlite_linkage_store.hpp"
#include "store/sqlite_workflow_store.hpp"

namespace lienket::app {
namespace {

using core::Date;
using core::Decimal;
using core::Period;

constexpr int kUsage = 64;

// Options shared by the commands that read observations.
struct QueryOptions {
  std::string province;
  std::string indicator;
  std::string period;
  std::string as_of;
  std::string dataset = "observed";
  bool all_vintages = false;
  bool json = false;
};

std::vector<std::string> Datasets(const std::string& flag) {
  if (flag == "all") return {"observed", "illustrative"};
  return {flag};
}

// A canonical value in the unit analysts write (the indicator's display unit: tỷ đồng, triệu
// USD), with the catalogue's precision.
std::string ShowValue(const Decimal& canonical, const stats::Indicator& indicator) {
  Decimal shown = canonical;
  std::string unit;
  auto display = core::FindMeasureUnit(indicator.display_unit_vi);
  if (display && (*display)->dimension == indicator.unit && (*display)->offset == 0) {
    std::int64_t divisor = 1;
    for (int i = 0; i < (*display)->power_of_ten; ++i) divisor *= 10;
    shown = *canonical.DividedBy(Decimal::FromInt(divisor));
    unit = indicator.display_unit_vi;
  }
  std::string text = core::FormatNumber(shown, indicator.precision, core::Language::kVietnamese);
  return unit.empty() ? text : text + " " + unit;
}

int Fail(std::ostream& err, const core::Error& e) {
  err << "Lỗi / Error: " << e.message_vi << "\n  " << e.message_en << "\n";
  return e.code == core::ErrorCode::kInvalidArgument || e.code == core::ErrorCode::kNotFound ||
                 e.code == core::ErrorCode::kFailedPrecondition
             ? 2
             : 1;
}

// The date named by --on: a date (2024-12-31, 31/12/2024) or a period (its last day); today when
// empty.
core::Result<Date> DateOn(const std::string& on) {
  if (on.empty()) return Date::Today();
  auto d = Date::Parse(on);
  if (d) return *d;
  if (auto period = Period::Parse(on)) return period->EndDate();
  return tl::unexpected(d.error());
}

int CmdUnits(Context& ctx, const std::string& on, bool all, bool json, std::ostream& out,
             std::ostream& err) {
  auto on_date = DateOn(on);
  if (!on_date) return Fail(err, on_date.error());
  const Date date = *on_date;
  nlohmann::json list = nlohmann::json::array();
  TextTable table({"Mã", "Tên", "Tên đầy đủ", "Loại", "Hiệu lực từ", "đến", "key"});
  int count = 0;
  for (const stats::AdminUnit& u : ctx.units.units()) {
    if (!all && !u.ValidOn(date)) continue;
    ++count;
    std::string to = u.valid_to ? u.valid_to->ToString() : "";
    table.AddRow({u.code, u.name_vi, u.full_name_vi, u.type, u.valid_from.ToString(), to, u.key});
    list.push_back({{"key", u.key},
                    {"code", u.code},
                    {"name_vi", u.name_vi},
                    {"full_name_vi", u.full_name_vi},
                    {"name_en", u.name_en},
                    {"type", u.type},
                    {"valid_from", u.valid_from.ToString()},
                    {"valid_to", u.valid_to ? nlohmann::json(to) : nlohmann::json()}});
  }
  if (json) {
    out << list.dump(2) << "\n";
    return 0;
  }
  table.Print(out);
  if (all) {
    out << fmt::format("{} đơn vị (mọi thời kỳ) / {} units (all periods)\n", count, count);
  } else {
    out << fmt::format(
        "{} đơn vị có hiệu lực ngày {} (kể cả \"Cả nước\") / {} units valid on {} "
        "(including the national total)\n",
        count, date.ToVietnamese(), count, date.ToString());
  }
  return 0;
}

int CmdIndicators(Context& ctx, bool json, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  TextTable table({"Mã chỉ tiêu", "Tên (tiếng Việt)", "Loại", "Đơn vị", "Cộng theo", "Phạm vi"});
  for (const stats::Indicator& i : ctx.indicators.indicators()) {
    std::string bases = fmt::format("{}", fmt::join(i.bases, " | "));
    table.AddRow({i.id, i.name_vi, std::string(stats::IndicatorKindId(i.kind)), i.display_unit_vi,
                  std::string(stats::AggregationId(i.aggregation)), bases});
    list.push_back(api::IndicatorJson(i));
  }
  if (json) {
    out << list.dump(2) << "\n";
    return 0;
  }
  table.Print(out);
  out << fmt::format("{} chỉ tiêu / {} indicators\n", ctx.indicators.indicators().size(),
                     ctx.indicators.indicators().size());
  return 0;
}

int CmdRegions(Context& ctx, const std::string& key, const std::string& on, bool json,
               std::ostream& out, std::ostream& err) {
  auto on_date = DateOn(on);
  if (!on_date) return Fail(err, on_date.error());
  const Date date = *on_date;
  nlohmann::json list = nlohmann::json::array();
  if (!key.empty()) {
    const stats::Region* r = ctx.FindRegion(key);
    if (r == nullptr) {
      return Fail(err, core::Error{core::ErrorCode::kNotFound,
                                   fmt::format("Không có vùng \"{}\" (xem: lienket regions)", key),
                                   fmt::format("No region \"{}\" (see: lienket regions)", key)});
    }
    auto members = r->MembersOn(date, ctx.units);
    if (json) {
      nlohmann::json m = nlohmann::json::array();
      for (const auto* u : members)
        m.push_back({{"key", u->key}, {"code", u->code}, {"name_vi", u->name_vi}});
      out << nlohmann::json{{"key", r->key},   {"name_vi", r->name_vi},   {"name_en", r->name_en},
                            {"kind", r->kind}, {"date", date.ToString()}, {"members", m}}
                 .dump(2)
          << "\n";
      return 0;
    }
    out << fmt::format("{} ({}) — {} thành viên ngày {} / {} members on {}\n", r->name_vi, r->key,
                       members.size(), date.ToVietnamese(), members.size(), date.ToString());
    if (!r->note.empty()) out << r->note << "\n";
    TextTable table({"Mã", "Tên", "key"});
    for (const auto* u : members) table.AddRow({u->code, u->name_vi, u->key});
    table.Print(out);
    return 0;
  }
  TextTable table({"key", "Tên vùng", "Loại", "Số thành viên", "Thuộc"});
  table.AlignRight(3);
  for (const stats::Region& r : ctx.regions) {
    auto members = r.MembersOn(date, ctx.units);
    table.AddRow({r.key, r.name_vi, r.kind, std::to_string(members.size()), r.parent_key});
    list.push_back({{"key", r.key},
                    {"name_vi", r.name_vi},
                    {"name_en", r.name_en},
                    {"kind", r.kind},
                    {"parent", r.parent_key},
                    {"members", members.size()}});
  }
  if (json) {
    out << list.dump(2) << "\n";
    return 0;
  }
  table.Print(out);
  out << fmt::format("Số thành viên tính ngày {} / members counted on {}\n", date.ToVietnamese(),
                     date.ToString());
  return 0;
}

int CmdRegionAdd(Context& ctx, const std::string& key, const std::string& name,
                 const std::vector<std::string>& members, std::ostream& out, std::ostream& err) {
  stats::Region region;
  region.key = key;
  region.name_vi = name.empty() ? key : core::ToNfc(name);
  region.name_en = region.name_vi;
  region.kind = "user";
  region.valid_from = Date{2008, 8, 1};
  for (const std::string& m : members) {
    // Members may be named for either era; resolve on the dates of both.
    auto unit = ctx.units.ResolveOn(m, Date::Today());
    if (!unit) unit = ctx.units.ResolveOn(m, Date{2025, 6, 30});
    if (!unit) return Fail(err, unit.error());
    region.member_unit_ids.push_back((*unit)->id);
  }
  if (auto saved = ctx.store->SaveUserRegion(region); !saved) return Fail(err, saved.error());
  out << fmt::format(
      "Đã lưu nhóm \"{}\" gồm {} tỉnh/thành phố / Saved group \"{}\" with {} "
      "members\n",
      key, members.size(), key, members.size());
  return 0;
}

int CmdObservations(Context& ctx, const QueryOptions& o, std::ostream& out, std::ostream& err) {
  stats::ObservationQuery q;
  q.datasets = Datasets(o.dataset);
  q.latest_only = !o.all_vintages;
  if (!o.period.empty()) {
    auto period = Period::Parse(o.period);
    if (!period) return Fail(err, period.error());
    q.period = *period;
  }
  if (!o.as_of.empty()) {
    auto d = Date::Parse(o.as_of);
    if (!d) return Fail(err, d.error());
    q.as_of = *d;
  }
  if (!o.indicator.empty()) {
    auto ind = ctx.indicators.Find(o.indicator);
    if (!ind) return Fail(err, ind.error());
    q.indicator_ids.push_back((*ind)->id);
  }
  if (!o.province.empty()) {
    // A name can mean units of both eras (Lào Cai before and after 2025): take every unit the
    // text resolves to at any time.
    std::set<int> ids;
    core::Error last_error;
    for (const Date& d : {Date::Today(), Date{2025, 6, 30}}) {
      auto unit = ctx.units.ResolveOn(o.province, d);
      if (unit) {
        ids.insert((*unit)->id);
      } else {
        last_error = unit.error();
      }
    }
    if (ids.empty()) return Fail(err, last_error);
    q.unit_ids.assign(ids.begin(), ids.end());
  }
  auto rows = ctx.store->Find(q);
  if (!rows) return Fail(err, rows.error());
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const stats::Observation& r : *rows) {
      const stats::AdminUnit* u = ctx.units.FindById(r.unit_id);
      list.push_back({{"province", u->name_vi},
                      {"province_key", u->key},
                      {"code", u->code},
                      {"indicator", r.indicator_id},
                      {"period", r.period.Code()},
                      {"value", r.value.ToString()},
                      {"status", stats::VintageStatusId(r.status)},
                      {"qualifier", stats::QualifierId(r.qualifier)},
                      {"basis", r.basis},
                      {"source", r.source},
                      {"note", r.note},
                      {"as_of", r.as_of.ToString()},
                      {"dataset", r.dataset}});
    }
    out << list.dump(2) << "\n";
    return 0;
  }
  TextTable table(
      {"Tỉnh/TP", "Chỉ tiêu", "Kỳ", "Giá trị", "Phạm vi", "Trạng thái", "Công bố", "Nguồn"});
  table.AlignRight(3);
  for (const stats::Observation& r : *rows) {
    const stats::AdminUnit* u = ctx.units.FindById(r.unit_id);
    const stats::Indicator* ind = ctx.indicators.FindById(r.indicator_id);
    std::string value = ShowValue(r.value, *ind);
    std::string_view q_label = stats::QualifierLabelVi(r.qualifier);
    if (!q_label.empty()) value = std::string(q_label) + " " + value;
    std::string source = r.source;
    if (DisplayWidth(source) > 40) {
      // Cut at a code-point boundary.
      std::size_t cut = 0, width = 0;
      while (cut < source.size() && width < 38) {
        auto c = static_cast<unsigned char>(source[cut]);
        cut += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++width;
      }
      source = source.substr(0, cut) + "…";
    }
    table.AddRow({u->name_vi, r.indicator_id, r.period.Code(), value, r.basis,
                  std::string(stats::VintageStatusLabelVi(r.status)), r.as_of.ToString(), source});
  }
  table.Print(out);
  out << fmt::format("{} dòng{} / {} rows{}\n", rows->size(),
                     o.all_vintages ? " (mọi đợt công bố)" : " (đợt mới nhất của mỗi số liệu)",
                     rows->size(),
                     o.all_vintages ? " (all vintages)" : " (latest vintage of each)");
  if (o.dataset != "observed") {
    out << "Gồm DỮ LIỆU MINH HỌA (không phải số liệu thật) / Includes ILLUSTRATIVE data (not real "
           "figures)\n";
  }
  return 0;
}

std::string QualifiedValue(const Decimal& value, stats::Qualifier q,
                           const stats::Indicator& indicator) {
  std::string text = ShowValue(value, indicator);
  std::string_view label = stats::QualifierLabelVi(q);
  return label.empty() ? text : std::string(label) + " " + text;
}

// What the region's provinces reported for each period: coverage, the sum of what was reported
// (never presented as a regional total unless every province reported), index ranges.
int CmdSummary(Context& ctx, const std::string& region_key, const std::string& period_text,
               const std::string& dataset, std::ostream& out, std::ostream& err) {
  const stats::Region* region = ctx.FindRegion(region_key);
  if (region == nullptr) {
    return Fail(err,
                core::Error{core::ErrorCode::kNotFound,
                            fmt::format("Không có vùng \"{}\" (xem: lienket regions)", region_key),
                            fmt::format("No region \"{}\" (see: lienket regions)", region_key)});
  }
  const stats::AdminUnit* nation = ctx.units.FindByKey("vn");
  stats::ObservationQuery q;
  q.datasets = Datasets(dataset);
  if (!period_text.empty()) {
    auto period = Period::Parse(period_text);
    if (!period) return Fail(err, period.error());
    q.period = *period;
  }
  q.unit_ids.push_back(nation->id);
  for (int id : region->member_unit_ids) q.unit_ids.push_back(id);
  auto rows = ctx.store->Find(q);
  if (!rows) return Fail(err, rows.error());
  std::map<Period, std::vector<stats::Observation>, std::greater<>> by_period;
  for (auto& o : *rows) by_period[o.period].push_back(std::move(o));

  bool illustrative = dataset != "observed";
  out << fmt::format("{} ({})\n", region->name_vi, region->name_en);
  out << (illustrative ? "Nguồn: DỮ LIỆU MINH HỌA — không phải số liệu thật / Source: ILLUSTRATIVE "
                         "data — not real figures\n"
                       : "Nguồn: số liệu thật đã công bố, chưa đầy đủ / Source: real published "
                         "figures, incomplete\n");
  int shown = 0;
  for (const auto& [period, list] : by_period) {
    auto members = region->MembersOn(period.EndDate(), ctx.units);
    // One row per indicator and basis that some member reported (bases are never added).
    std::vector<stats::SynthesisResult> figures;
    for (const stats::Indicator& indicator : ctx.indicators.indicators()) {
      std::set<std::string> bases;
      for (const stats::Observation& o : list) {
        if (o.indicator_id == indicator.id && o.unit_id != nation->id) bases.insert(o.basis);
      }
      for (const std::string& basis : bases) {
        stats::SynthesisRequest request{region, period, indicator.id, basis, std::nullopt};
        auto result = stats::Synthesise(request, ctx.units, ctx.indicators, list);
        if (!result) return Fail(err, result.error());
        if (result->reported() > 0) figures.push_back(std::move(*result));
      }
    }
    if (figures.empty()) continue;
    ++shown;
    out << fmt::format("\n{} / {} — {} tỉnh, thành phố / {} provinces\n", period.LabelVi(),
                       period.LabelEn(), members.size(), members.size());
    TextTable table({"Chỉ tiêu", "Phạm vi", "Số tỉnh có số liệu",
                     "Tổng/khoảng của các tỉnh có số liệu", "Cả nước"});
    table.AlignRight(2);
    table.AlignRight(3);
    table.AlignRight(4);
    for (const stats::SynthesisResult& f : figures) {
      std::string coverage = fmt::format("{}/{}", f.reported(), f.members);
      std::string value;
      if (f.total) {
        value = QualifiedValue(*f.total, f.total_qualifier, *f.indicator);
        if (!f.complete()) value += " (chưa đủ)";
      } else if (f.min) {
        value = fmt::format(
            "{}–{}; {} tỉnh > 100",
            core::FormatNumber(*f.min, f.indicator->precision, core::Language::kVietnamese),
            core::FormatNumber(*f.max, f.indicator->precision, core::Language::kVietnamese),
            f.growing);
      }
      std::string national =
          f.national.current
              ? QualifiedValue(f.national.current->value, f.national.current->qualifier,
                               *f.indicator)
              : "—";
      table.AddRow({f.indicator->name_vi, f.basis, coverage, value, national});
    }
    table.Print(out);
  }
  if (shown == 0) {
    out << "Chưa có số liệu của các tỉnh trong vùng cho kỳ này / No provincial figures for this "
           "region and period yet\n";
  }
  out << "\n\"(chưa đủ)\": tổng của các tỉnh đã có số liệu, không phải tổng của vùng / partial: "
         "the sum "
         "of the provinces that reported, not a regional total.\n";
  return 0;
}

int CmdTemplate(Context& ctx, const std::string& form_id, const std::string& period_text,
                const std::vector<std::string>& province_names, const std::string& region_key,
                const std::string& path, std::ostream& out, std::ostream& err) {
  auto forms = ShippedReportForms();
  if (!forms) return Fail(err, forms.error());
  const stats::ReportForm* form = nullptr;
  std::vector<std::string> ids;
  for (const auto& f : *forms) {
    ids.push_back(f.id);
    if (f.id == form_id) form = &f;
  }
  if (form == nullptr) {
    return Fail(
        err,
        core::Error{core::ErrorCode::kNotFound,
                    fmt::format("Không có biểu \"{}\" (có: {})", form_id, fmt::join(ids, ", ")),
                    fmt::format("No form \"{}\" (forms: {})", form_id, fmt::join(ids, ", "))});
  }
  auto period = Period::Parse(period_text);
  if (!period) return Fail(err, period.error());
  std::vector<const stats::AdminUnit*> provinces;
  for (const std::string& name : province_names) {
    auto unit = ctx.units.Resolve(name, *period);
    if (!unit) return Fail(err, unit.error());
    provinces.push_back(*unit);
  }
  if (!region_key.empty()) {
    const stats::Region* region = ctx.FindRegion(region_key);
    if (region == nullptr) {
      return Fail(err, core::Error{core::ErrorCode::kNotFound,
                                   fmt::format("Không có vùng \"{}\"", region_key),
                                   fmt::format("No region \"{}\"", region_key)});
    }
    for (const auto* u : region->MembersOn(period->EndDate(), ctx.units)) provinces.push_back(u);
  }
  if (provinces.empty()) provinces = ctx.units.ProvincesOn(period->EndDate());
  if (auto written = WriteTemplate(ctx, *form, *period, provinces, path); !written) {
    return Fail(err, written.error());
  }
  out << fmt::format(
      "Đã tạo biểu mẫu {} ({} tỉnh/thành phố, kỳ {}); điền các ô màu vàng rồi "
      "chạy: lienket import {}\n"
      "Wrote template {} ({} provinces, period {}); fill the yellow cells, then run: "
      "lienket import {}\n",
      path, provinces.size(), period->Code(), path, path, provinces.size(), period->Code(), path);
  return 0;
}

struct ReportOptions {
  std::string region = "mien-bac-28";
  std::string period;
  std::string as_of;
  std::string lang = "vi";
  std::string format = "md";
  std::string output;
  std::string dataset = "observed";
};

// The regional report. Reads the latest vintages as of the date; for the illustrative dataset the
// provinces' figures are the invented ones and the national figures the real ones, and the report
// says so at the top.
int CmdReport(Context& ctx, const ReportOptions& o, std::ostream& out, std::ostream& err) {
  const stats::Region* region = ctx.FindRegion(o.region);
  if (region == nullptr) {
    return Fail(err,
                core::Error{core::ErrorCode::kNotFound,
                            fmt::format("Không có vùng \"{}\" (xem: lienket regions)", o.region),
                            fmt::format("No region \"{}\" (see: lienket regions)", o.region)});
  }
  auto period = Period::Parse(o.period);
  if (!period) return Fail(err, period.error());
  Date as_of = Date::Today();
  if (!o.as_of.empty()) {
    auto d = Date::Parse(o.as_of);
    if (!d) return Fail(err, d.error());
    as_of = *d;
  }
  auto built = LoadRegionalReport(ctx, *region, *period, as_of, o.dataset);
  if (!built) return Fail(err, built.error());
  core::Language language = o.lang == "en" ? core::Language::kEnglish : core::Language::kVietnamese;
  auto format = ParseReportFormat(o.format);
  if (!format) return Fail(err, format.error());
  if (o.output.empty()) {
    auto text = RenderReportText(*built, language, *format);
    if (!text) return Fail(err, text.error());
    out << *text;
    return 0;
  }
  if (auto written = WriteReport(*built, language, *format, o.output); !written) {
    return Fail(err, written.error());
  }
  out << fmt::format("Đã ghi báo cáo vào {} / Report written to {}\n", o.output, o.output);
  return 0;
}

// Loads a shipped dataset (data/observed or data/illustrative) through the normal import path.
int LoadShipped(Context& ctx, std::string_view prefix, const std::string& dataset,
                std::ostream& out, std::ostream& err) {
  int worst = 0;
  for (const store::EmbeddedFile& f : store::EmbeddedUnder(prefix)) {
    if (f.path.find("regional_reference") != std::string_view::npos) continue;
    if (f.path.find("/linkage/") != std::string_view::npos) continue;  // the directory, below
    ImportRequest request;
    request.display_name = std::string(f.path);
    request.imported_by = "lienket (shipped data)";
    request.options.dataset = dataset;
    request.options.today = Date::Today();
    request.accept_warnings = true;
    ImportOutcome outcome = ImportBytes(&ctx, f.bytes, request, out, err);
    worst = std::max(worst, outcome.exit_code);
  }
  return worst;
}

// Runs the directory's upkeep once (api/listing_upkeep.hpp) and says what it did.
int CmdUpkeep(Context ctx, const api::ServiceConfig& config, const std::string& today_text,
              std::ostream& out, std::ostream& err) {
  Date today = Date::Today();
  if (!today_text.empty()) {
    auto d = Date::Parse(today_text);
    if (!d) return Fail(err, d.error());
    today = *d;
  }
  auto service = api::Service::Create(std::move(ctx), config, nullptr);
  if (!service) return Fail(err, service.error());
  std::lock_guard lock((*service)->mutex());
  auto report = api::RunListingUpkeep(**service, today);
  if (!report) return Fail(err, report.error());
  out << fmt::format(
      "Ngày {}: {} tin hết hạn, {} lời nhắc mới ({} gửi thư)\n"
      "As of {}: {} listings expired, {} new reminders ({} e-mailed)\n",
      today.ToVietnamese(), report->expired, report->reminded, report->emailed, today.ToString(),
      report->expired, report->reminded, report->emailed);
  for (const std::string& failure : report->mail_failures)
    err << "Không gửi được thư / mail not sent: " << failure << "\n";
  return 0;
}

struct ServeOptions {
  std::string listen;
  api::ServiceConfig config;
  bool quiet = false;
};

// Runs the web server until SIGINT/SIGTERM. Prints the address once it listens.
int CmdServe(Context ctx, const ServeOptions& o, std::ostream& out, std::ostream& err) {
  std::size_t colon = o.listen.rfind(':');
  int port = colon == std::string::npos ? -1 : std::atoi(o.listen.c_str() + colon + 1);
  if (colon == std::string::npos || port < 0 || port > 65535) {
    return Fail(err, core::Error{core::ErrorCode::kInvalidArgument,
                                 fmt::format("--listen phải có dạng địa chỉ:cổng, không phải \"{}\"",
                                             o.listen),
                                 fmt::format("--listen must be host:port, not \"{}\"", o.listen)});
  }
  std::string host = o.listen.substr(0, colon);
  auto service = api::Service::Create(std::move(ctx), o.config, o.quiet ? nullptr : &std::cerr);
  if (!service) return Fail(err, service.error());
  api::HttpServer server(service->get());
  auto bound = server.Bind(host, port);
  if (!bound) return Fail(err, bound.error());
  auto users = (*service)->workflow().CountUsers();
  out << fmt::format("lienket đang chạy / is serving at http://{}:{}/\n", host, *bound);
  if (users && *users == 0) {
    out << "Chưa có tài khoản nào: tạo quản trị bằng / No accounts yet: create an administrator "
           "with\n  lienket user add --login admin --name \"Quản trị\" --role admin "
           "--password-stdin\n";
  }
  out.flush();
  (*service)->StartUpkeep(std::chrono::minutes(60));
  api::RunUntilSignal(&server);
  out << "lienket đã dừng / stopped\n";
  return 0;
}

struct UserOptions {
  std::string login;
  std::string name;
  std::string role;
  std::string unit;
  std::string region;
  std::string email;
  bool password_stdin = false;
};

int CmdUserAdd(Context& ctx, const UserOptions& o, std::ostream& out, std::ostream& err) {
  access::User user;
  user.login = o.login;
  user.display_name = o.name;
  user.email = o.email;
  auto role = access::ParseRole(o.role);
  if (!role) return Fail(err, role.error());
  user.role = *role;
  if (!o.unit.empty()) {
    // A key names any unit of either era; a name or code, the unit that exists today.
    const stats::AdminUnit* unit = ctx.units.FindByKey(o.unit);
    if (unit == nullptr) {
      auto resolved = ctx.units.ResolveOn(o.unit, Date::Today());
      if (!resolved) return Fail(err, resolved.error());
      unit = *resolved;
    }
    user.unit_id = unit->id;
  }
  if (!o.region.empty()) {
    if (ctx.FindRegion(o.region) == nullptr)
      return Fail(err, core::Error{core::ErrorCode::kNotFound,
                                   fmt::format("Không có vùng \"{}\"", o.region),
                                   fmt::format("No region \"{}\"", o.region)});
    user.region_key = o.region;
  }
  if (auto valid = access::ValidateUser(user); !valid) return Fail(err, valid.error());
  std::string password;
  if (o.password_stdin) {
    std::getline(std::cin, password);
  } else if (isatty(STDIN_FILENO) == 1) {
    password = getpass("Mật khẩu / Password: ");
  } else {
    return Fail(err, core::Error{core::ErrorCode::kInvalidArgument,
                                 "Cần --password-stdin khi không chạy trong terminal",
                                 "--password-stdin is needed when not on a terminal"});
  }
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
  auto hash = access::HashPassword(password);
  if (!hash) return Fail(err, hash.error());
  store::SqliteWorkflowStore accounts(ctx.store.get());
  auto id = accounts.CreateUser(user, *hash);
  if (!id) return Fail(err, id.error());
  stats::AuditEntry audit;
  audit.at = core::UtcTimestamp();
  audit.user_login = "cli";
  audit.action = "user_create";
  audit.via = "cli";
  audit.comment = fmt::format("{} ({})", user.login, access::RoleId(user.role));
  if (auto logged = accounts.AppendAudit(audit); !logged) return Fail(err, logged.error());
  out << fmt::format("Đã tạo tài khoản {} ({}) / Created account {} ({})\n", user.login,
                     access::RoleLabelVi(user.role), user.login, access::RoleId(user.role));
  return 0;
}

int CmdUserList(Context& ctx, std::ostream& out, std::ostream& err) {
  store::SqliteWorkflowStore accounts(ctx.store.get());
  auto users = accounts.ListUsers();
  if (!users) return Fail(err, users.error());
  TextTable table({"#", "Đăng nhập", "Họ tên", "Vai trò", "Tỉnh", "Vùng", "Hoạt động"});
  for (const access::User& u : *users) {
    const stats::AdminUnit* unit = u.unit_id ? ctx.units.FindById(*u.unit_id) : nullptr;
    table.AddRow({std::to_string(u.id), u.login, u.display_name, std::string(access::RoleId(u.role)),
                  unit ? unit->name_vi : "", u.region_key, u.active ? "có" : "không"});
  }
  table.Print(out);
  return 0;
}

// `lienket migrate`: the schema version before, each migration applied, the version after. A
// database newer than this program is refused before anything is written.
int CmdMigrate(const std::string& db_path, std::ostream& out, std::ostream& err) {
  const std::string shown = store::HidePassword(db_path);
  int before = 0;
  store::Engine engine = store::Engine::kSqlite;
  {
    auto db = store::Db::Open(db_path);
    if (!db) return Fail(err, db.error());
    engine = (*db)->engine();
    auto version = store::SqliteStore::ReadSchemaVersion(db->get());
    if (!version) return Fail(err, version.error());
    before = *version;
  }
  const int known = store::SqliteStore::KnownSchemaVersion(engine);
  if (before > known) {
    return Fail(err, core::Error{
                         core::ErrorCode::kFailedPrecondition,
                         fmt::format("Cơ sở dữ liệu {} có lược đồ phiên bản {}, mới hơn phiên bản "
                                     "{} mà chương trình này biết; hãy cập nhật lienket, không "
                                     "có gì được thay đổi",
                                     shown, before, known),
                         fmt::format("The database {} has schema version {}, newer than version {} "
                                     "that this program knows; upgrade lienket. Nothing was "
                                     "changed",
                                     shown, before, known)});
  }
  std::vector<std::string> applied;
  auto opened = store::SqliteStore::Open(db_path, &applied);
  if (!opened) return Fail(err, opened.error());
  for (const std::string& name : applied) {
    out << fmt::format("Đã áp dụng / applied {}{}\n",
                       store::SqliteStore::MigrationFolder(engine), name);
  }
  if (applied.empty()) {
    out << fmt::format(
        "Cơ sở dữ liệu {} đã ở phiên bản mới nhất ({}); không có gì để làm\n"
        "Database {} is already at the latest version ({}); nothing to do\n",
        shown, before, shown, before);
  } else {
    out << fmt::format("Cơ sở dữ liệu {}: lược đồ phiên bản {} → {}{}\n"
                       "Database {}: schema version {} → {}{}\n",
                       shown, before, (*opened)->schema_version(),
                       (*opened)->created() ? ", đã nạp dữ liệu tham chiếu" : "", shown, before,
                       (*opened)->schema_version(),
                       (*opened)->created() ? ", reference data loaded" : "");
  }
  return 0;
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App cli{
      "lienket — số liệu và liên kết ngành Công Thương các tỉnh / statistics and "
      "linkage for the provincial Departments of Industry and Trade"};
  cli.require_subcommand(1);
  std::string db_path = DefaultDatabasePath();
  cli.add_option("--db", db_path,
                 "Tệp SQLite hoặc postgresql://người-dùng@máy/csdl / SQLite database file or "
                 "postgresql://user@host/db (default: $LIENKET_DB or ./lienket.db)");

  bool json = false;
  std::string on;
  bool all = false;
  auto* units = cli.add_subcommand("units", "Danh mục tỉnh/thành phố / provincial units");
  units->add_option("--on", on, "Ngày hoặc kỳ (YYYY-MM-DD or a period); default today");
  units->add_flag("--all", all, "Mọi thời kỳ / units of every era");
  units->add_flag("--json", json, "JSON output");

  auto* indicators = cli.add_subcommand("indicators", "Danh mục chỉ tiêu / indicator catalogue");
  indicators->add_flag("--json", json, "JSON output");

  std::string region_key;
  auto* regions = cli.add_subcommand("regions", "Vùng và nhóm tỉnh / regions and groups");
  regions->add_option("key", region_key, "Vùng cần xem thành viên / region to list");
  regions->add_option("--on", on, "Ngày hoặc kỳ / date or period for membership");
  regions->add_flag("--json", json, "JSON output");

  std::string group_name;
  std::vector<std::string> group_members;
  auto* group = cli.add_subcommand("group", "Nhóm tỉnh do người dùng định nghĩa / user groups");
  group->require_subcommand(1);
  auto* group_add = group->add_subcommand("add", "Tạo hoặc thay nhóm / create or replace a group");
  group_add->add_option("key", region_key, "Mã nhóm / group key")->required();
  group_add->add_option("--name", group_name, "Tên nhóm / group name");
  group_add->add_option("--members", group_members, "Tỉnh/thành phố / members")
      ->required()
      ->delimiter(',');
  auto* group_remove = group->add_subcommand("remove", "Xóa nhóm / delete a group");
  group_remove->add_option("key", region_key, "Mã nhóm / group key")->required();

  QueryOptions query;
  auto* observations = cli.add_subcommand("observations", "Xem số liệu / list observations");
  observations->add_option("--province", query.province, "Tỉnh/thành phố (mã hoặc tên)");
  observations->add_option("--indicator", query.indicator, "Chỉ tiêu / indicator id");
  observations->add_option("--period", query.period, "Kỳ / period (2024-H1 ...)");
  observations->add_option("--as-of", query.as_of, "Số liệu công bố đến ngày / as of date");
  observations->add_option("--dataset", query.dataset, "observed | illustrative | all")
      ->check(CLI::IsMember({"observed", "illustrative", "all"}));
  observations->add_flag("--all-vintages", query.all_vintages, "Mọi đợt công bố / every vintage");
  observations->add_flag("--json", query.json, "JSON output");

  std::string import_path;
  ImportRequest request;
  std::string numbers = "auto", status_flag, as_of_flag, source_flag;
  auto* import = cli.add_subcommand("import", "Nhập số liệu từ CSV / import observations");
  import->add_option("path", import_path, "Tệp CSV / CSV file")->required();
  import->add_flag("--dry-run", request.dry_run, "Chỉ kiểm tra, không ghi / check only");
  import->add_flag("--accept-warnings", request.accept_warnings,
                   "Chấp nhận cảnh báo và nhập / accept warnings and import");
  import->add_flag("--json", request.json, "Tóm tắt dạng JSON / JSON summary");
  import->add_option("--numbers", numbers, "Quy ước số / number convention: auto | vi | en")
      ->check(CLI::IsMember({"auto", "vi", "en"}));
  import->add_option("--status", status_flag, "Trạng thái mặc định / default status");
  import->add_option("--as-of", as_of_flag, "Ngày công bố mặc định / default publication date");
  import->add_option("--source", source_flag, "Nguồn mặc định / default source");
  import->add_option("--dataset", request.options.dataset, "observed | illustrative")
      ->check(CLI::IsMember({"observed", "illustrative"}));
  import
      ->add_option("--encoding", request.encoding,
                   "Bảng mã của tệp CSV nếu không phải UTF-8 / CSV encoding if not UTF-8")
      ->check(CLI::IsMember({"windows-1258", "utf-16le", "utf-16be"}));
  std::string map_path, sheet_name;
  import->add_option("--map", map_path, "Ánh xạ cột cho tệp Excel (JSON) / XLSX column mapping");
  import->add_option("--sheet", sheet_name, "Trang tính / worksheet name (XLSX)");

  std::string form_id, template_period, template_out, template_region;
  std::vector<std::string> template_provinces;
  auto* templ = cli.add_subcommand("template", "Biểu mẫu Excel để nhập liệu / blank XLSX form");
  templ->add_option("--form", form_id, "monthly | quarterly | half_year | annual")->required();
  templ->add_option("--period", template_period, "Kỳ / period (2024-H1 ...)")->required();
  templ->add_option("--province", template_provinces, "Tỉnh/thành phố (một hoặc nhiều)")
      ->delimiter(',');
  templ->add_option("--region", template_region, "Mọi tỉnh của vùng / every province of a region");
  templ->add_option("-o,--output", template_out, "Tệp .xlsx / output file")->required();

  auto* load_observed = cli.add_subcommand(
      "load-observed", "Nạp số liệu thật đã công bố đi kèm / load the shipped real figures");
  auto* demo = cli.add_subcommand("demo", "Bộ dữ liệu minh họa / the illustrative dataset");
  demo->require_subcommand(1);
  auto* demo_load = demo->add_subcommand("load", "Nạp dữ liệu minh họa / load it");
  auto* demo_remove = demo->add_subcommand("remove", "Xóa dữ liệu minh họa / remove it");

  std::string summary_region = "mien-bac-28", summary_period, summary_dataset = "observed";
  auto* summary = cli.add_subcommand("summary", "Tóm tắt số liệu của vùng / regional summary");
  summary->add_option("--region", summary_region, "Vùng / region key (default mien-bac-28)");
  summary->add_option("--period", summary_period, "Kỳ / period (default: every period with data)");
  summary->add_option("--dataset", summary_dataset, "observed | illustrative")
      ->check(CLI::IsMember({"observed", "illustrative"}));

  ReportOptions report_options;
  auto* report_cmd = cli.add_subcommand("report", "Báo cáo tổng hợp vùng / regional report");
  report_cmd->add_option("--region", report_options.region, "Vùng / region (default mien-bac-28)");
  report_cmd->add_option("--period", report_options.period, "Kỳ / period (2024-H1 ...)")
      ->required();
  report_cmd->add_option("--as-of", report_options.as_of, "Số liệu biết đến ngày / as of date");
  report_cmd->add_option("--lang", report_options.lang, "vi | en")
      ->check(CLI::IsMember({"vi", "en"}));
  report_cmd->add_option("--format", report_options.format,
                         "md | json | html | docx | pdf | xlsx (docx, pdf, xlsx need -o)")
      ->check(CLI::IsMember({"md", "json", "html", "docx", "pdf", "xlsx"}));
  report_cmd->add_option("-o,--output", report_options.output, "Tệp kết quả / output file");
  report_cmd->add_option("--dataset", report_options.dataset, "observed | illustrative")
      ->check(CLI::IsMember({"observed", "illustrative"}));

  ExportOptions export_options;
  auto* export_cmd = AddExportCommand(cli, &export_options);

  auto* batches = cli.add_subcommand("imports", "Nhật ký nhập liệu / import log");
  auto* check = cli.add_subcommand("check", "Kiểm tra toàn vẹn CSDL / database integrity check");
  std::string backup_file;
  store::BackupOptions backup_options;
  auto* backup = cli.add_subcommand(
      "backup", "Sao lưu CSDL, kể cả khi máy chủ đang chạy / back up the database, even live");
  backup->add_option("file", backup_file, "Tệp sao lưu / backup file")->required();
  backup->add_flag("--force", backup_options.force, "Ghi đè tệp đã có / overwrite an existing file");
  std::string restore_file;
  auto* restore = cli.add_subcommand(
      "restore", "Thay CSDL bằng một bản sao lưu (giữ lại bản cũ) / replace the database with a "
                 "backup (the current one is kept)");
  restore->add_option("file", restore_file, "Tệp sao lưu / backup file")->required();
  DoctorOptions doctor_options;
  bool doctor_json = false;
  auto* doctor = cli.add_subcommand(
      "doctor", "Kiểm tra cài đặt và nói cách sửa / check the installation and say what to do");
  doctor->add_option("--web-root", doctor_options.web_root,
                     "Thư mục giao diện web / front-end folder (default: as serve)");
  doctor->add_flag("--json", doctor_json, "JSON output");
  auto* migrate = cli.add_subcommand(
      "migrate", "Áp dụng các bản nâng cấp lược đồ còn thiếu / apply pending schema migrations");
  auto* init = cli.add_subcommand("init", "Tạo CSDL với dữ liệu tham chiếu / create the database");

  ServeOptions serve_options;
  auto* serve = cli.add_subcommand("serve", "Chạy máy chủ web / run the web server");
  serve->add_option("--listen", serve_options.listen, "Địa chỉ:cổng / host:port")
      ->default_val("127.0.0.1:8080");
  serve->add_option("--web-root", serve_options.config.web_root,
                    "Thư mục giao diện web / front-end folder (default: installed or source web/)");
  serve->add_option("--smtp", serve_options.config.smtp_url,
                    "Máy chủ thư để gửi nhắc nhở / SMTP server for reminders (smtp://host:port)");
  serve->add_option("--smtp-from", serve_options.config.smtp_from, "Địa chỉ gửi / sender address");
  serve->add_option("--public-url", serve_options.config.public_url,
                    "Địa chỉ người dùng mở, cho liên kết trong thư / the URL users open");
  serve->add_flag("--secure-cookies", serve_options.config.secure_cookies,
                  "Cookie chỉ qua HTTPS (sau proxy TLS) / cookies over HTTPS only");
  serve->add_flag("--quiet", serve_options.quiet, "Không ghi nhật ký truy cập / no access log");

  api::ServiceConfig upkeep_config;
  std::string upkeep_today;
  auto* upkeep = cli.add_subcommand(
      "upkeep",
      "Cho tin quá hạn hết hạn và nhắc chủ tin sắp hết hạn (máy chủ tự chạy mỗi giờ) / expire "
      "listings past their window and remind owners of those ending soon (the server does it "
      "hourly)");
  upkeep->add_option("--smtp", upkeep_config.smtp_url,
                     "Máy chủ thư để gửi nhắc nhở / SMTP server for reminders (smtp://host:port)");
  upkeep->add_option("--smtp-from", upkeep_config.smtp_from, "Địa chỉ gửi / sender address");
  upkeep->add_option("--public-url", upkeep_config.public_url,
                     "Địa chỉ người dùng mở, cho liên kết trong thư / the URL users open");
  upkeep->add_option("--today", upkeep_today, "Ngày chạy (mặc định hôm nay) / as of (YYYY-MM-DD)");

  UserOptions user_options;
  auto* user = cli.add_subcommand("user", "Tài khoản người dùng / user accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Tạo tài khoản / create an account");
  user_add->add_option("--login", user_options.login, "Tên đăng nhập / login")->required();
  user_add->add_option("--name", user_options.name, "Họ tên / display name")->required();
  user_add->add_option("--role", user_options.role,
                       "admin | coordinator | officer | approver | enterprise")
      ->required();
  user_add->add_option("--unit", user_options.unit, "Tỉnh (officer, approver) / province key");
  user_add->add_option("--region", user_options.region, "Vùng (coordinator) / region key");
  user_add->add_option("--email", user_options.email, "Thư điện tử / e-mail");
  user_add->add_flag("--password-stdin", user_options.password_stdin,
                     "Đọc mật khẩu từ đầu vào chuẩn / read the password from standard input");
  auto* user_list = user->add_subcommand("list", "Danh sách tài khoản / list accounts");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e, out, err) == 0 ? 0 : kUsage;
  }

  // Commands that must not open the database as the others do (which creates or migrates it).
  if ((*backup || *restore) && store::IsPostgresUrl(db_path)) {
    return Fail(err, core::Error{core::ErrorCode::kFailedPrecondition,
                                 "backup và restore chỉ dùng cho tệp SQLite; với PostgreSQL hãy "
                                 "dùng pg_dump và psql theo docs/postgresql.md",
                                 "backup and restore work on SQLite files only; for PostgreSQL "
                                 "use pg_dump and psql as docs/postgresql.md describes"});
  }
  if (*migrate) return CmdMigrate(db_path, out, err);
  if (*backup) {
    auto made = store::BackupDatabase(db_path, backup_file, backup_options);
    if (!made) return Fail(err, made.error());
    out << made->message_vi << "\n" << made->message_en << "\n";
    return 0;
  }
  if (*restore) {
    auto restored = store::RestoreDatabase(db_path, restore_file);
    if (!restored) return Fail(err, restored.error());
    out << restored->message_vi << "\n" << restored->message_en << "\n";
    return 0;
  }
  if (*doctor) {
    doctor_options.db_path = db_path;
    if (doctor_options.web_root.empty()) doctor_options.web_root = api::DefaultWebRoot();
    std::vector<DoctorCheck> checks = RunDoctor(doctor_options);
    PrintDoctor(checks, doctor_json, out);
    return HasErrors(checks) ? 1 : 0;
  }

  auto ctx_result = Context::Open(db_path);
  if (!ctx_result) return Fail(err, ctx_result.error());
  Context& ctx = *ctx_result;

  if (*init) {
    out << fmt::format(
        "Cơ sở dữ liệu {}: lược đồ phiên bản {}, {} đơn vị, {} vùng, {} chỉ tiêu\n"
        "Database {}: schema version {}, {} units, {} regions, {} indicators\n",
        store::HidePassword(db_path), ctx.store->schema_version(), ctx.units.units().size(),
        ctx.regions.size(), ctx.indicators.indicators().size(), store::HidePassword(db_path),
        ctx.store->schema_version(),
        ctx.units.units().size(), ctx.regions.size(), ctx.indicators.indicators().size());
    return 0;
  }
  if (*serve) return CmdServe(std::move(ctx), serve_options, out, err);
  if (*upkeep) return CmdUpkeep(std::move(ctx), upkeep_config, upkeep_today, out, err);
  if (*user) {
    if (*user_add) return CmdUserAdd(ctx, user_options, out, err);
    if (*user_list) return CmdUserList(ctx, out, err);
  }
  if (*units) return CmdUnits(ctx, on, all, json, out, err);
  if (*indicators) return CmdIndicators(ctx, json, out);
  if (*regions) return CmdRegions(ctx, region_key, on, json, out, err);
  if (*group) {
    if (*group_add) return CmdRegionAdd(ctx, region_key, group_name, group_members, out, err);
    if (*group_remove) {
      if (auto s = ctx.store->DeleteUserRegion(region_key); !s) return Fail(err, s.error());
      out << fmt::format("Đã xóa nhóm \"{}\" / Deleted group \"{}\"\n", region_key, region_key);
      return 0;
    }
  }
  if (*observations) return CmdObservations(ctx, query, out, err);
  if (*import) {
    request.display_name = import_path;
    request.show_progress = isatty(STDERR_FILENO) == 1 && !request.json;
    request.options.today = Date::Today();
    request.options.numbers = numbers == "vi"   ? core::NumberConvention::kVietnamese
                              : numbers == "en" ? core::NumberConvention::kEnglish
                                                : core::NumberConvention::kAuto;
    if (!status_flag.empty()) {
      auto s = stats::ParseVintageStatus(status_flag);
      if (!s) return Fail(err, s.error());
      request.options.default_status = *s;
    }
    if (!as_of_flag.empty()) {
      auto d = Date::Parse(as_of_flag);
      if (!d) return Fail(err, d.error());
      request.options.default_as_of = *d;
    }
    request.options.default_source = source_flag;
    if (!map_path.empty()) {
      auto text = io::ReadFile(map_path, 1 << 20);
      if (!text) return Fail(err, text.error());
      auto mapping = ParseXlsxMapping(*text);
      if (!mapping) return Fail(err, mapping.error());
      request.xlsx_mapping = std::move(*mapping);
    }
    if (!sheet_name.empty()) {
      if (!request.xlsx_mapping) {
        return Fail(err, core::Error{core::ErrorCode::kInvalidArgument, "--sheet cần đi cùng --map",
                                     "--sheet needs --map"});
      }
      request.xlsx_mapping->sheet = sheet_name;
    }
    return ImportFile(&ctx, import_path, request, out, err).exit_code;
  }
  if (*templ) {
    return CmdTemplate(ctx, form_id, template_period, template_provinces, template_region,
                       template_out, out, err);
  }
  if (*report_cmd) return CmdReport(ctx, report_options, out, err);
  if (*summary) {
    return CmdSummary(ctx, summary_region, summary_period, summary_dataset, out, err);
  }
  if (*export_cmd) {
    if (auto s = RunExport(ctx, export_options, out); !s) return Fail(err, s.error());
    return 0;
  }
  if (*load_observed) return LoadShipped(ctx, "data/observed/", "observed", out, err);
  if (*demo) {
    store::SqliteLinkageStore directory(ctx.store.get(), &ctx.units);
    if (*demo_load) {
      int code = LoadShipped(ctx, "data/illustrative/", "illustrative", out, err);
      auto loaded = directory.LoadIllustrative(Date::Today());
      if (!loaded) return Fail(err, loaded.error());
      out << fmt::format("Danh bạ minh họa / illustrative directory: {} tổ chức / organisations, "
                         "{} sản phẩm / products, {} tin / listings\n",
                         loaded->organisations, loaded->products, loaded->listings);
      auto cooperation = store::SqliteCooperationStore(ctx.store.get(), &ctx.units)
                             .LoadIllustrative(Date::Today());
      if (!cooperation) return Fail(err, cooperation.error());
      out << fmt::format("Hợp tác minh họa / illustrative cooperation: {} thỏa thuận / agreement "
                         "(kế hoạch, nhiệm vụ, báo cáo / plan, tasks, reports), {} đề nghị giữa "
                         "các Sở / Department request\n",
                         cooperation->first, cooperation->second);
      store::SqliteDealStore deals(ctx.store.get(), &ctx.units);
      auto deals_loaded = deals.LoadIllustrative(Date::Today());
      if (!deals_loaded) return Fail(err, deals_loaded.error());
      out << fmt::format("Thỏa thuận minh họa / illustrative deals: {} thỏa thuận / deals, {} lần "
                         "theo dõi / follow-ups\n",
                         deals_loaded->deals, deals_loaded->follow_ups);
      store::SqliteEventStore events(ctx.store.get());
      auto event = events.LoadIllustrative(ctx.units, Date::Today());
      if (!event) return Fail(err, event.error());
      out << fmt::format("Sự kiện minh họa / illustrative event #{}: {} đơn vị / participants, "
                         "{} lời mời / requests, {} chấp nhận / accepted, {} xếp lịch / "
                         "scheduled\n",
                         event->event_id, event->participants, event->requests, event->accepted,
                         event->scheduled);
      return code;
    }
    if (*demo_remove) {
      auto removed_cooperation =
          store::SqliteCooperationStore(ctx.store.get(), &ctx.units).DeleteDataset("illustrative");
      if (!removed_cooperation) return Fail(err, removed_cooperation.error());
      out << fmt::format("Đã xóa {} thỏa thuận hợp tác và đề nghị minh họa / Removed {} "
                         "illustrative agreements and requests\n",
                         *removed_cooperation, *removed_cooperation);
      // The deals first: their parties' keys keep the organisations otherwise.
      auto removed_deals =
          store::SqliteDealStore(ctx.store.get(), &ctx.units).DeleteDataset("illustrative");
      if (!removed_deals) return Fail(err, removed_deals.error());
      out << fmt::format("Đã xóa {} thỏa thuận minh họa / Removed {} illustrative deals\n",
                         *removed_deals, *removed_deals);
      auto events = store::SqliteEventStore(ctx.store.get()).DeleteDataset("illustrative");
      if (!events) return Fail(err, events.error());
      out << fmt::format("Đã xóa {} sự kiện minh họa / Removed {} illustrative events\n", *events,
                         *events);
      auto orgs = directory.DeleteDataset("illustrative");
      if (!orgs) return Fail(err, orgs.error());
      out << fmt::format("Đã xóa {} tổ chức minh họa / Removed {} illustrative organisations\n",
                         *orgs, *orgs);
      auto removed = ctx.store->DeleteDataset("illustrative");
      if (!removed) return Fail(err, removed.error());
      out << fmt::format("Đã xóa {} dòng dữ liệu minh họa / Removed {} illustrative rows\n",
                         *removed, *removed);
      return 0;
    }
  }
  if (*batches) {
    auto list = ctx.store->ListBatches();
    if (!list) return Fail(err, list.error());
    TextTable table({"#", "Tệp", "Bộ dữ liệu", "Lúc", "Đọc", "Thêm", "Giữ nguyên", "Bởi"});
    for (int c : {4, 5, 6}) table.AlignRight(static_cast<std::size_t>(c));
    for (const auto& b : *list) {
      table.AddRow({std::to_string(b.id), b.file_name, b.dataset, b.imported_at,
                    std::to_string(b.rows_read), std::to_string(b.rows_inserted),
                    std::to_string(b.rows_unchanged), b.imported_by});
    }
    table.Print(out);
    return 0;
  }
  if (*check) {
    auto problems = ctx.store->CheckIntegrity();
    if (!problems) return Fail(err, problems.error());
    if (problems->empty()) {
      out << "Cơ sở dữ liệu toàn vẹn / The database is sound\n";
      return 0;
    }
    for (const std::string& p : *problems) err << p << "\n";
    return 1;
  }
  return kUsage;
}

}  // namespace lienket::app
