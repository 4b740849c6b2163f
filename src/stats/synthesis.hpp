// The regional synthesis engine: for a region, a period, an indicator and the figures known as of
// a date, everything the conference report says about that indicator — the regional value with its
// coverage, growth on the same period of the previous year on a comparable basis (the same
// provinces in both years; across the 2025 merger the old provinces re-aggregated into the new
// ones), the share of the national total, the counts ("25/28 địa phương tăng"), ranks and
// contributions, and plan execution. Pure domain code: the caller passes the observations.
//
// Honesty rules, applied everywhere:
//   - a total over the provinces that reported is never presented as the region's total unless
//     every province reported (`complete`); as flows and stocks are non-negative, a partial sum is
//     a lower bound of the regional total, and a partial share a lower bound of the true share;
//   - a sum containing a lower bound is a lower bound; containing an approximation, approximate;
//     containing an estimate, an estimate;
//   - different bases (customs vs provincial estimate) are never added: one synthesis is one basis;
//   - a regional index (IIP) needs weights, which lienket does not have: only counts and ranges.
// All arithmetic is exact (core::Decimal); rounding happens when the report is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/period.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/observation_index.hpp"
#include "stats/region.hpp"
#include "stats/repository.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

struct SynthesisRequest {
  const Region* region = nullptr;
  core::Period period = core::Period::Year(2024);
  std::string indicator_id;
  // The basis to synthesise; empty = the basis most members reported (ties: the default).
  std::string basis;
  // Index indicators: also count members with an index at or above this (110 = "tăng trên 10%").
  // Flows: count members whose growth is at or above this many percent.
  std::optional<core::Decimal> threshold;
};

// What the engine says about one member province.
struct ProvinceResult {
  const AdminUnit* unit = nullptr;
  std::optional<Observation> current;  // the figure for the period
  // Same period of the previous year on the comparable basis; for a unit created by the 2025
  // merger, the sum of the units it was formed from (all of them must have reported).
  std::optional<core::Decimal> previous;
  Qualifier previous_qualifier = Qualifier::kExact;
  std::vector<const AdminUnit*> previous_from;  // units summed for `previous` (merger)
  bool previous_implied = false;  // derived from a published growth rate, not a stored level
  // Growth in percent on the same period (index indicators: index − 100).
  std::optional<core::Decimal> growth_pct;
  bool growth_published = false;  // taken from the province's published growth rate
  std::optional<core::Decimal> share_of_region_pct;  // of the (complete) regional total
  std::optional<core::Decimal> share_of_nation_pct;
  std::optional<core::Decimal> contribution_pp;  // to the regional growth, percentage points
  int rank = 0;                                  // by value, 1 = largest; 0 = no value
  std::optional<core::Decimal> plan;             // the year's plan (plan indicators)
  std::optional<core::Decimal> plan_execution_pct;
};

struct NationalResult {
  std::optional<Observation> current;
  std::optional<core::Decimal> previous;
  std::optional<core::Decimal> growth_pct;
  bool growth_published = false;
  // The national figure is the sum of every province (no VN series, everyone reported).
  bool summed_from_provinces = false;
};

struct SynthesisResult {
  const Indicator* indicator = nullptr;
  const Region* region = nullptr;
  core::Period period = core::Period::Year(2024);
  core::Period previous_period = core::Period::Year(2023);
  std::string basis;
  std::vector<std::string> other_bases;  // bases with figures that were not added in

  int members = 0;
  std::vector<ProvinceResult> provinces;  // every member, ranked (unreported last, by code)
  std::vector<const AdminUnit*> missing;  // members without a figure
  [[nodiscard]] int reported() const { return members - static_cast<int>(missing.size()); }
  [[nodiscard]] bool complete() const { return missing.empty() && members > 0; }

  // Additive indicators.
  std::optional<core::Decimal> total;  // over the members that reported
  Qualifier total_qualifier = Qualifier::kExact;
  bool includes_estimates = false;
  // Growth over the comparable set: members with figures in both periods.
  std::optional<core::Decimal> previous_total;  // of the comparable set
  std::optional<core::Decimal> comparable_total;
  std::optional<core::Decimal> growth_pct;
  Qualifier growth_qualifier = Qualifier::kExact;
  int comparable_members = 0;
  bool merger_reaggregated = false;  // some previous values are sums of pre-2025 units
  bool used_published_growth = false;

  // Index indicators (no weights): range.
  std::optional<core::Decimal> min;
  std::optional<core::Decimal> max;

  NationalResult national;
  std::optional<core::Decimal> share_of_nation_pct;  // total / national
  bool share_is_lower_bound = false;                 // total is partial

  // Counts over the members with a growth figure.
  int with_growth = 0;
  int growing = 0;         // growth > 0
  int falling = 0;         // growth < 0
  int above_national = 0;  // growth above the nation's
  int at_or_above_threshold = 0;

  // Plan execution (when the indicator has a plan indicator).
  std::optional<core::Decimal> plan_total;  // over members with both spend and plan
  std::optional<core::Decimal> plan_spend_total;
  std::optional<core::Decimal> plan_execution_pct;
  int plan_members = 0;
};

// `rows`: the latest vintages (as of the report date) of every unit for the indicator, its
// growth-rate companion and its plan, for the period and the same period of the previous year
// (rows of other indicators and periods may be there too, and are skipped).
// Errors: kNotFound for an unknown indicator; kInvalidArgument without a region.
// Each call indexes the rows of its indicator; for many syntheses over the same rows (a report:
// regions × indicators), build an ObservationIndex once and use the overload below.
[[nodiscard]] core::Result<SynthesisResult> Synthesise(const SynthesisRequest& request,
                                                       const UnitCatalog& units,
                                                       const IndicatorCatalog& indicators,
                                                       const std::vector<Observation>& rows);
// The same over an index of those rows, built once and shared by every call; the result is
// identical. The result holds copies of the figures it uses, not pointers into the rows.
[[nodiscard]] core::Result<SynthesisResult> Synthesise(const SynthesisRequest& request,
                                                       const UnitCatalog& units,
                                                       const IndicatorCatalog& indicators,
                                                       const ObservationIndex& index);

// The region's profile for a year: members, area, population, their shares of the nation, and
// density. Each measure uses the latest year up to `year` in which every member has a sourced
// value (the year used is reported); without one, the measure is absent.
struct RegionProfile {
  int members = 0;
  std::optional<core::Decimal> area_km2;
  int area_year = 0;
  std::optional<core::Decimal> population_thousand;
  int population_year = 0;
  std::optional<core::Decimal> area_share_pct;
  std::optional<core::Decimal> population_share_pct;
  std::optional<core::Decimal> density;  // persons per km²
};
[[nodiscard]] RegionProfile ProfileRegion(const Region& region, int year, const UnitCatalog& units,
                                          const std::vector<UnitProfile>& profiles);

}  // namespace lienket::stats
