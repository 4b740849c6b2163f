// The indicator catalogue: what each statistic is and how it aggregates. The catalogue is data
// (data/indicators.csv, loaded into the database); this is its in-memory form.
// Kinds follow the domain brief: a flow (retail sales, exports) sums over provinces and over
// months; a stock (supermarkets) sums over provinces and takes the period-end value over time;
// an index against the same period (IIP) is not summable; a plan is the year's target.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/measure_unit.hpp"

namespace lienket::stats {

enum class IndicatorKind { kFlow, kStock, kIndex, kPlan };
enum class Aggregation { kSum, kWeightedMean };
enum class TimeAggregation { kSum, kEndOfPeriod, kNone };

[[nodiscard]] core::Result<IndicatorKind> ParseIndicatorKind(std::string_view text);
[[nodiscard]] core::Result<Aggregation> ParseAggregation(std::string_view text);
[[nodiscard]] core::Result<TimeAggregation> ParseTimeAggregation(std::string_view text);
[[nodiscard]] std::string_view IndicatorKindId(IndicatorKind kind);
[[nodiscard]] std::string_view AggregationId(Aggregation a);
[[nodiscard]] std::string_view TimeAggregationId(TimeAggregation t);

struct Indicator {
  std::string id;  // stable: "retail_sales"
  std::string name_vi;
  std::string name_en;
  core::Dimension unit = core::Dimension::kCount;  // canonical unit of stored values
  IndicatorKind kind = IndicatorKind::kFlow;
  Aggregation aggregation = Aggregation::kSum;
  TimeAggregation time_aggregation = TimeAggregation::kSum;
  int precision = 1;            // decimals shown
  std::string display_unit_vi;  // the unit analysts write: "tỷ đồng"
  std::string display_unit_en;
  std::vector<std::string> bases;  // allowed breakdown values, e.g. customs | provincial
  std::string default_basis;
  std::optional<core::Decimal> min_value;  // plausible range; outside it is an error
  std::optional<core::Decimal> max_value;
  std::string growth_of;  // for a year-on-year index: the indicator it is the growth of
  std::string plan_of;    // for a plan: the indicator it is the target of
  std::string description_vi;
  std::string description_en;

  [[nodiscard]] bool AllowsBasis(std::string_view basis) const;
  // Flows and stocks cannot be negative.
  [[nodiscard]] bool IsAdditive() const {
    return kind == IndicatorKind::kFlow || kind == IndicatorKind::kStock ||
           kind == IndicatorKind::kPlan;
  }
};

struct Basis {
  std::string id;
  std::string name_vi;
  std::string name_en;
  std::string description_en;
};

class IndicatorCatalog {
 public:
  IndicatorCatalog() = default;
  IndicatorCatalog(std::vector<Indicator> indicators, std::vector<Basis> bases);

  // By id ("retail_sales"), or by its Vietnamese or English name in any folding. Errors:
  // kNotFound with suggestions.
  [[nodiscard]] core::Result<const Indicator*> Find(std::string_view text) const;
  [[nodiscard]] const Indicator* FindById(std::string_view id) const;
  [[nodiscard]] const Basis* FindBasis(std::string_view id) const;
  [[nodiscard]] const std::vector<Indicator>& indicators() const { return indicators_; }
  [[nodiscard]] const std::vector<Basis>& bases() const { return bases_; }

 private:
  std::vector<Indicator> indicators_;
  std::vector<Basis> bases_;
  std::unordered_map<std::string, std::size_t> by_key_;  // id and folded names
};

}  // namespace lienket::stats
