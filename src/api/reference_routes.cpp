// Reference data for the pages: units valid on a date, regions with their members on a date,
// the indicator catalogue, the report forms, the periods with figures, and the boundaries of the
// period's era (63 provinces before 1 July 2025, 34 after) as GeoJSON for the map.
#include <fmt/format.h>

#include "api/json_views.hpp"
#include "api/service.hpp"
#include "store/embedded_files.hpp"

namespace lienket::api {
namespace {

core::Result<core::Date> DateParam(const HttpRequest& r, const std::string& name) {
  std::string text = r.Query(name);
  if (text.empty()) return core::Date::Today();
  return core::Date::Parse(text);
}

core::Result<HttpResponse> Units(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(date, DateParam(r, "date"));
  nlohmann::json units = nlohmann::json::array();
  for (const stats::AdminUnit& u : s.ctx().units.units())
    if (u.ValidOn(date)) units.push_back(UnitJson(u));
  return HttpResponse::Json({{"date", date.ToString()}, {"units", units}});
}

core::Result<HttpResponse> Regions(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(date, DateParam(r, "date"));
  nlohmann::json regions = nlohmann::json::array();
  for (const stats::Region& region : s.ctx().regions) {
    nlohmann::json members = nlohmann::json::array();
    for (const stats::AdminUnit* u : region.MembersOn(date, s.ctx().units)) members.push_back(u->key);
    regions.push_back({{"key", region.key},
                       {"name_vi", region.name_vi},
                       {"name_en", region.name_en},
                       {"kind", region.kind},
                       {"parent_key", region.parent_key},
                       {"valid_from", region.valid_from.ToString()},
                       {"valid_to", region.valid_to ? nlohmann::json(region.valid_to->ToString())
                                                    : nlohmann::json()},
                       {"members", members}});
  }
  return HttpResponse::Json({{"date", date.ToString()}, {"regions", regions}});
}

core::Result<HttpResponse> Indicators(Service& s, HttpRequest&) {
  nlohmann::json list = nlohmann::json::array();
  for (const stats::Indicator& i : s.ctx().indicators.indicators()) list.push_back(IndicatorJson(i));
  return HttpResponse::Json({{"indicators", list}});
}

core::Result<HttpResponse> Forms(Service& s, HttpRequest&) {
  nlohmann::json list = nlohmann::json::array();
  for (const stats::ReportForm& f : s.forms()) list.push_back(FormJson(f));
  return HttpResponse::Json({{"forms", list}});
}

core::Result<HttpResponse> Periods(Service& s, HttpRequest& r) {
  std::string dataset = r.Query("dataset").empty() ? "observed" : r.Query("dataset");
  if (dataset != stats::kDatasetObserved && dataset != stats::kDatasetIllustrative)
    return tl::unexpected(BadRequest("Tập dữ liệu phải là observed hoặc illustrative",
                                     "The dataset must be observed or illustrative"));
  LIENKET_ASSIGN_OR_RETURN(periods, s.workflow().PublishedPeriods(dataset));
  return HttpResponse::Json({{"dataset", dataset}, {"periods", periods}});
}

core::Result<HttpResponse> Geo(Service&, HttpRequest& r) {
  std::string text = r.Query("period");
  core::Date at = core::Date::Today();
  if (!text.empty()) {
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(text));
    at = period.EndDate();
  }
  bool merged = !(at < core::Date{2025, 7, 1});
  std::string path = merged ? "data/geo/provinces_34_2025.geojson"
                            : "data/geo/provinces_63_2008_2025.geojson";
  auto bytes = store::FindEmbedded(path);
  if (!bytes)
    return core::MakeError(core::ErrorCode::kInternal, "Thiếu tệp ranh giới trong chương trình",
                           "The boundary file is missing from the program");
  HttpResponse response;
  response.content_type = "application/geo+json";
  response.body = std::string(*bytes);
  response.headers.emplace_back("X-Lienket-Era", merged ? "34" : "63");
  return response;
}

}  // namespace

void AddReferenceRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/units", false, false, Units});
  routes->push_back({"GET", "/api/regions", false, false, Regions});
  routes->push_back({"GET", "/api/indicators", false, false, Indicators});
  routes->push_back({"GET", "/api/forms", false, false, Forms});
  routes->push_back({"GET", "/api/periods", false, false, Periods});
  routes->push_back({"GET", "/api/geo", false, false, Geo});
}

}  // namespace lienket::api
