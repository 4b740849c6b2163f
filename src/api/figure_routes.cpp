// Published figures for everyone, anonymous readers included: observations (latest vintages as
// of a date), the region overview (the synthesis engine's results for a region and period, the
// same JSON the report writes), a regional time series, a province's profile, and the regional
// report as a download. Only published figures: drafts live in the submission routes.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "api/json_views.hpp"
#include "api/service.hpp"
#include "app/report_command.hpp"
#include "app/report_export.hpp"
#include "io/fs.hpp"
#include "stats/synthesis.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;

struct FigureParams {
  const stats::Region* region = nullptr;
  core::Period period = core::Period::Year(2024);
  core::Date as_of;
  std::string dataset;
};

core::Result<std::string> DatasetParam(const HttpRequest& r) {
  std::string dataset = r.Query("dataset").empty() ? "observed" : r.Query("dataset");
  if (dataset != stats::kDatasetObserved && dataset != stats::kDatasetIllustrative)
    return tl::unexpected(BadRequest("Tập dữ liệu phải là observed hoặc illustrative",
                                     "The dataset must be observed or illustrative"));
  return dataset;
}

core::Result<core::Date> AsOfParam(const HttpRequest& r) {
  std::string text = r.Query("as_of");
  if (text.empty()) return core::Date::Today();
  return core::Date::Parse(text);
}

core::Result<FigureParams> ReadFigureParams(Service& s, const HttpRequest& r) {
  FigureParams p;
  std::string region_key = r.Query("region").empty() ? "mien-bac-28" : r.Query("region");
  p.region = s.ctx().FindRegion(region_key);
  if (p.region == nullptr)
    return tl::unexpected(NotFound(fmt::format("vùng \"{}\"", region_key),
                                   fmt::format("region \"{}\"", region_key)));
  if (r.Query("period").empty())
    return tl::unexpected(BadRequest("Cần tham số period (ví dụ 2024-H1)",
                                     "The period parameter is required (e.g. 2024-H1)"));
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(r.Query("period")));
  p.period = period;
  LIENKET_ASSIGN_OR_RETURN(as_of, AsOfParam(r));
  p.as_of = as_of;
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetParam(r));
  p.dataset = dataset;
  return p;
}

std::string Era(const core::Period& period) {
  return period.EndDate() < core::Date{2025, 7, 1} ? "63" : "34";
}

core::Result<std::string> ComputeOverview(Service& s, const FigureParams& p) {
  LIENKET_ASSIGN_OR_RETURN(report, app::LoadRegionalReport(s.ctx(), *p.region, p.period, p.as_of,
                                                           p.dataset));
  nlohmann::json full = report::RenderJson(report);
  nlohmann::json indicators = nlohmann::json::array();
  nlohmann::json previous_year;
  for (const nlohmann::json& section : full["sections"]) {
    if (section["period"] == p.period.Code())
      indicators = section["indicators"];
    else
      previous_year = section;
  }
  nlohmann::json body = {{"region", p.region->key},
                         {"region_name_vi", p.region->name_vi},
                         {"region_name_en", p.region->name_en},
                         {"period", p.period.Code()},
                         {"period_label_vi", p.period.LabelVi()},
                         {"period_label_en", p.period.LabelEn()},
                         {"as_of", p.as_of.ToString()},
                         {"dataset", p.dataset},
                         {"illustrative", report.illustrative},
                         {"era", Era(p.period)},
                         {"profile", full["profile"]},
                         {"indicators", indicators},
                         {"previous_year", previous_year}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Cached by the data's generation: readers never wait for the database once an overview has been
// computed, and any publication invalidates every cached overview.
core::Result<HttpResponse> Overview(Service& s, HttpRequest& r) {
  std::string key = fmt::format("overview|{}|{}|{}|{}|{}", r.Query("region"), r.Query("period"),
                                r.Query("as_of"), r.Query("dataset"),
                                r.Query("as_of").empty() ? core::Date::Today().ToString() : "");
  if (auto cached = s.CachedBody(key)) {
    HttpResponse response;
    response.shared_body = std::move(cached);
    return response;
  }
  std::lock_guard lock(s.mutex());
  std::uint64_t generation = s.generation();
  LIENKET_ASSIGN_OR_RETURN(params, ReadFigureParams(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ComputeOverview(s, params));
  HttpResponse response;
  response.shared_body = s.StoreBody(key, generation, std::move(body));
  return response;
}

core::Result<HttpResponse> Observations(Service& s, HttpRequest& r) {
  stats::ObservationQuery q;
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetParam(r));
  q.datasets = {dataset};
  if (!r.Query("indicator").empty()) q.indicator_ids = {r.Query("indicator")};
  if (!r.Query("unit").empty()) {
    const stats::AdminUnit* unit = s.ctx().units.FindByKey(r.Query("unit"));
    if (unit == nullptr)
      return tl::unexpected(NotFound(fmt::format("đơn vị \"{}\"", r.Query("unit")),
                                     fmt::format("unit \"{}\"", r.Query("unit"))));
    q.unit_ids = {unit->id};
  }
  if (!r.Query("period").empty()) {
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(r.Query("period")));
    q.period = period;
  }
  for (const char* name : {"year_from", "year_to"}) {
    std::string text = r.Query(name);
    if (text.empty()) continue;
    int year = std::atoi(text.c_str());
    if (year < core::Period::kMinYear || year > core::Period::kMaxYear)
      return tl::unexpected(BadRequest(fmt::format("{} phải là một năm", name),
                                       fmt::format("{} must be a year", name)));
    (std::string_view(name) == "year_from" ? q.year_from : q.year_to) = year;
  }
  if (!r.Query("as_of").empty()) {
    LIENKET_ASSIGN_OR_RETURN(as_of, core::Date::Parse(r.Query("as_of")));
    q.as_of = as_of;
  }
  q.latest_only = r.Query("all_vintages") != "1";
  if (q.unit_ids.empty() && q.indicator_ids.empty() && !q.period && !q.year_from && !q.year_to)
    return tl::unexpected(BadRequest(
        "Hãy lọc theo ít nhất một trong: unit, indicator, period, year_from, year_to",
        "Filter by at least one of unit, indicator, period, year_from, year_to"));
  LIENKET_ASSIGN_OR_RETURN(rows, s.ctx().store->Find(q));
  nlohmann::json list = nlohmann::json::array();
  for (const stats::Observation& o : rows) list.push_back(ObservationJson(o, s.ctx().units));
  return HttpResponse::Json({{"observations", list}});
}

core::Result<HttpResponse> TimeSeries(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(p, ReadFigureParams(s, r));
  const stats::Indicator* indicator = s.ctx().indicators.FindById(r.Query("indicator"));
  if (indicator == nullptr)
    return tl::unexpected(NotFound(fmt::format("chỉ tiêu \"{}\"", r.Query("indicator")),
                                   fmt::format("indicator \"{}\"", r.Query("indicator"))));
  int years = r.Query("years").empty() ? 6 : std::atoi(r.Query("years").c_str());
  if (years < 1 || years > 30)
    return tl::unexpected(BadRequest("years phải từ 1 đến 30", "years must be 1 to 30"));
  nlohmann::json points = nlohmann::json::array();
  for (int y = p.period.year() - years + 1; y <= p.period.year(); ++y) {
    auto period = core::Period::FromMonths(y, p.period.first_month(), p.period.last_month());
    if (!period) continue;
    std::vector<stats::Observation> rows;
    for (const core::Period& q_period : {*period, period->SamePeriodPreviousYear()}) {
      stats::ObservationQuery q;
      q.period = q_period;
      q.as_of = p.as_of;
      q.datasets = {p.dataset};
      LIENKET_ASSIGN_OR_RETURN(found, s.ctx().store->Find(q));
      for (auto& o : found) rows.push_back(std::move(o));
    }
    stats::SynthesisRequest request;
    request.region = p.region;
    request.period = *period;
    request.indicator_id = indicator->id;
    LIENKET_ASSIGN_OR_RETURN(result,
                             stats::Synthesise(request, s.ctx().units, s.ctx().indicators, rows));
    points.push_back({{"period", period->Code()},
                      {"total", DecimalOrNull(result.total)},
                      {"qualifier", stats::QualifierId(result.total_qualifier)},
                      {"includes_estimates", result.includes_estimates},
                      {"growth_pct", DecimalOrNull(result.growth_pct)},
                      {"reported", result.reported()},
                      {"members", result.members},
                      {"complete", result.complete()}});
  }
  return HttpResponse::Json({{"region", p.region->key},
                             {"indicator", indicator->id},
                             {"dataset", p.dataset},
                             {"points", points}});
}

core::Result<HttpResponse> UnitProfile(Service& s, HttpRequest& r) {
  const stats::AdminUnit* unit = s.ctx().units.FindByKey(r.Param("key"));
  if (unit == nullptr)
    return tl::unexpected(NotFound(fmt::format("đơn vị \"{}\"", r.Param("key")),
                                   fmt::format("unit \"{}\"", r.Param("key"))));
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetParam(r));
  LIENKET_ASSIGN_OR_RETURN(as_of, AsOfParam(r));
  nlohmann::json profile = nlohmann::json::object();
  LIENKET_ASSIGN_OR_RETURN(profiles, s.ctx().store->LoadUnitProfiles());
  for (const stats::UnitProfile& up : profiles) {
    if (up.unit_id != unit->id) continue;
    if (!profile.empty() && profile["year"].get<int>() > up.year) continue;
    profile = {{"year", up.year},
               {"area_km2", DecimalOrNull(up.area_km2)},
               {"population_thousand", DecimalOrNull(up.population_thousand)}};
  }
  nlohmann::json indicators = nlohmann::json::array();
  if (!r.Query("period").empty()) {
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(r.Query("period")));
    stats::ObservationQuery q;
    q.unit_ids = {unit->id};
    q.as_of = as_of;
    q.datasets = {dataset};
    q.period = period;
    LIENKET_ASSIGN_OR_RETURN(current, s.ctx().store->Find(q));
    q.period = period.SamePeriodPreviousYear();
    LIENKET_ASSIGN_OR_RETURN(previous, s.ctx().store->Find(q));
    for (const stats::Observation& o : current) {
      const stats::Indicator* ind = s.ctx().indicators.FindById(o.indicator_id);
      nlohmann::json prev;
      nlohmann::json growth;
      for (const stats::Observation& p : previous) {
        if (p.indicator_id != o.indicator_id || p.basis != o.basis) continue;
        prev = p.value.ToString();
        if (ind != nullptr && ind->IsAdditive() && !p.value.IsZero()) {
          auto ratio = o.value.DividedBy(p.value);
          if (ratio)
            growth = (*ratio - core::Decimal::FromInt(1))
                         .Times(core::Decimal::FromInt(100))
                         .Rounded(2)
                         .ToString();
        }
      }
      if (ind != nullptr && ind->kind == stats::IndicatorKind::kIndex)
        growth = (o.value - core::Decimal::FromInt(100)).ToString();
      nlohmann::json j = ObservationJson(o, s.ctx().units);
      j["previous"] = prev;
      j["growth_pct"] = growth;
      indicators.push_back(j);
    }
  }
  return HttpResponse::Json({{"unit", UnitJson(*unit)},
                             {"profile", profile},
                             {"period", r.Query("period")},
                             {"indicators", indicators}});
}

core::Result<HttpResponse> Report(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(p, ReadFigureParams(s, r));
  std::string format_text = r.Query("format").empty() ? "html" : r.Query("format");
  LIENKET_ASSIGN_OR_RETURN(format, app::ParseReportFormat(format_text));
  core::Language language =
      r.Query("lang") == "en" ? core::Language::kEnglish : core::Language::kVietnamese;
  LIENKET_ASSIGN_OR_RETURN(report, app::LoadRegionalReport(s.ctx(), *p.region, p.period, p.as_of,
                                                           p.dataset));
  std::string name = fmt::format("lienket-{}-{}{}.{}", p.region->key, p.period.Code(),
                                 p.dataset == stats::kDatasetIllustrative ? "-minh-hoa" : "",
                                 format_text);
  std::string type = format_text == "docx"
                         ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                     : format_text == "xlsx"
                         ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                     : format_text == "pdf"  ? "application/pdf"
                     : format_text == "html" ? "text/html; charset=utf-8"
                     : format_text == "json" ? "application/json; charset=utf-8"
                                             : "text/markdown; charset=utf-8";
  if (!app::NeedsOutputFile(format)) {
    LIENKET_ASSIGN_OR_RETURN(text, app::RenderReportText(report, language, format));
    return HttpResponse::File(std::move(text), type, name);
  }
  // The converters write files: a private scratch file, removed whatever happens.
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  std::string path = (dir / fmt::format("lienket-report-{}-{}.{}", getpid(), access::RandomHex(8),
                                        format_text))
                         .string();
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove{path};
  LIENKET_RETURN_IF_ERROR(app::WriteReport(report, language, format, path));
  LIENKET_ASSIGN_OR_RETURN(bytes, io::ReadFile(path, 512 << 20));
  return HttpResponse::File(std::move(bytes), type, name);
}

}  // namespace

void AddFigureRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/overview", false, true, Overview});
  routes->push_back({"GET", "/api/observations", false, false, Observations});
  routes->push_back({"GET", "/api/timeseries", false, false, TimeSeries});
  routes->push_back({"GET", "/api/units/{key}/profile", false, false, UnitProfile});
  routes->push_back({"GET", "/api/reports", false, false, Report});
}

}  // namespace lienket::api
