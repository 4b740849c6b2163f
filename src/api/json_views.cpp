#include "api/json_views.hpp"

namespace lienket::api {

nlohmann::json UserJson(const access::User& user, const stats::UnitCatalog& units) {
  const stats::AdminUnit* unit = user.unit_id ? units.FindById(*user.unit_id) : nullptr;
  return {{"id", user.id},
          {"login", user.login},
          {"display_name", user.display_name},
          {"email", user.email},
          {"role", access::RoleId(user.role)},
          {"unit", unit ? nlohmann::json(unit->key) : nlohmann::json()},
          {"unit_name_vi", unit ? nlohmann::json(unit->name_vi) : nlohmann::json()},
          {"region", user.region_key.empty() ? nlohmann::json() : nlohmann::json(user.region_key)},
          {"active", user.active}};
}

nlohmann::json UnitJson(const stats::AdminUnit& u) {
  return {{"id", u.id},
          {"key", u.key},
          {"code", u.code},
          {"name_vi", u.name_vi},
          {"name_en", u.name_en},
          {"full_name_vi", u.full_name_vi},
          {"type", u.IsNational() ? std::string("country") : u.type},
          {"valid_from", u.valid_from.ToString()},
          {"valid_to", u.valid_to ? nlohmann::json(u.valid_to->ToString()) : nlohmann::json()},
          {"lat", u.centroid_lat ? nlohmann::json(*u.centroid_lat) : nlohmann::json()},
          {"lon", u.centroid_lon ? nlohmann::json(*u.centroid_lon) : nlohmann::json()}};
}

nlohmann::json IndicatorJson(const stats::Indicator& i) {
  return {{"id", i.id},
          {"name_vi", i.name_vi},
          {"name_en", i.name_en},
          {"unit", core::DimensionId(i.unit)},
          {"kind", stats::IndicatorKindId(i.kind)},
          {"aggregation", stats::AggregationId(i.aggregation)},
          {"time_aggregation", stats::TimeAggregationId(i.time_aggregation)},
          {"precision", i.precision},
          {"display_unit_vi", i.display_unit_vi},
          {"display_unit_en", i.display_unit_en},
          {"bases", i.bases},
          {"default_basis", i.default_basis},
          {"growth_of", i.growth_of},
          {"plan_of", i.plan_of}};
}

std::string_view PeriodKindId(core::PeriodKind kind) {
  switch (kind) {
    case core::PeriodKind::kMonth: return "month";
    case core::PeriodKind::kQuarter: return "quarter";
    case core::PeriodKind::kHalf: return "half_year";
    case core::PeriodKind::kNineMonths: return "nine_months";
    case core::PeriodKind::kYear: return "year";
    case core::PeriodKind::kMonthRange: return "month_range";
  }
  return "other";
}

nlohmann::json FormJson(const stats::ReportForm& f) {
  return {{"id", f.id},
          {"name_vi", f.name_vi},
          {"name_en", f.name_en},
          {"period_kind", PeriodKindId(f.period_kind)},
          {"due_day", f.due_day},
          {"due_offset_months", f.due_offset_months},
          {"indicators", f.indicator_ids}};
}

nlohmann::json ObservationJson(const stats::Observation& o, const stats::UnitCatalog& units) {
  const stats::AdminUnit* unit = units.FindById(o.unit_id);
  return {{"unit", unit ? unit->key : std::string()},
          {"indicator", o.indicator_id},
          {"period", o.period.Code()},
          {"value", o.value.ToString()},
          {"status", stats::VintageStatusId(o.status)},
          {"qualifier", stats::QualifierId(o.qualifier)},
          {"basis", o.basis},
          {"source", o.source},
          {"as_of", o.as_of.ToString()},
          {"note", o.note},
          {"dataset", o.dataset}};
}

nlohmann::json DecimalOrNull(const std::optional<core::Decimal>& d) {
  return d ? nlohmann::json(d->ToString()) : nlohmann::json();
}

}  // namespace lienket::api
