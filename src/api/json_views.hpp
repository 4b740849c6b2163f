// The JSON forms of domain objects that several routes return, so one object always looks the
// same in every answer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "access/user.hpp"
#include "core/decimal.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/region.hpp"
#include "stats/report_form.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::api {

[[nodiscard]] nlohmann::json UserJson(const access::User& user, const stats::UnitCatalog& units);
[[nodiscard]] nlohmann::json UnitJson(const stats::AdminUnit& unit);
[[nodiscard]] nlohmann::json IndicatorJson(const stats::Indicator& indicator);
[[nodiscard]] nlohmann::json FormJson(const stats::ReportForm& form);
[[nodiscard]] nlohmann::json ObservationJson(const stats::Observation& o,
                                             const stats::UnitCatalog& units);
[[nodiscard]] nlohmann::json DecimalOrNull(const std::optional<core::Decimal>& d);
[[nodiscard]] std::string_view PeriodKindId(core::PeriodKind kind);

}  // namespace lienket::api
