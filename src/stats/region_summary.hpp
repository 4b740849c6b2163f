// A first regional summary: for one region and period, what the member provinces reported and
// what that adds up to, with its coverage and qualifiers. Totals are shown only as "the sum of
// those who reported" and are flagged as partial unless every member reported; indices are never
// summed (count and range only). The full synthesis engine (growth on a comparable basis, shares,
// ranks) builds on this.
#pragma once

#include <optional>
#include <vector>

#include "core/decimal.hpp"
#include "core/period.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

struct RegionFigure {
  const Indicator* indicator = nullptr;
  std::string basis;
  int members = 0;                // provinces in the region for the period
  std::vector<int> reported_ids;  // members with a figure
  std::vector<int> missing_ids;   // members without one
  // Additive indicators: the sum over reported members, and how exact it is. A sum with any
  // lower bound is a lower bound; with any approximate part, approximate.
  std::optional<core::Decimal> total;
  Qualifier total_qualifier = Qualifier::kExact;
  bool includes_estimates = false;  // some parts are estimates, not official figures
  // Index indicators: range and how many members grew (index > 100).
  std::optional<core::Decimal> min;
  std::optional<core::Decimal> max;
  int above_100 = 0;
  // The national figure of the same indicator, basis and period, if published.
  std::optional<Observation> national;

  [[nodiscard]] bool Complete() const { return missing_ids.empty() && members > 0; }
};

// `rows`: the latest vintage of every figure for one period (any units; rows of units that are
// neither members nor the nation are ignored); `members`: the region's provinces valid at the
// period's end; `national_unit_id`: the unit holding national totals. One figure per indicator
// and basis for which any member reported, in catalogue order.
[[nodiscard]] std::vector<RegionFigure> SummariseRegion(
    const std::vector<const AdminUnit*>& members, int national_unit_id,
    const std::vector<Observation>& rows, const IndicatorCatalog& indicators);

}  // namespace lienket::stats
