#include "stats/indicator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/vi_text.hpp"

namespace lienket::stats {

using core::ErrorCode;
using core::MakeError;

namespace {

template <typename E>
core::Result<E> ParseEnum(std::string_view text,
                          std::initializer_list<std::pair<std::string_view, E>> values,
                          std::string_view what) {
  for (const auto& [name, value] : values) {
    if (name == text) return value;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Giá trị \"{}\" không hợp lệ cho {}", text, what),
                   fmt::format("\"{}\" is not a valid {}", text, what));
}

}  // namespace

core::Result<IndicatorKind> ParseIndicatorKind(std::string_view text) {
  return ParseEnum<IndicatorKind>(text,
                                  {{"flow", IndicatorKind::kFlow},
                                   {"stock", IndicatorKind::kStock},
                                   {"index", IndicatorKind::kIndex},
                                   {"plan", IndicatorKind::kPlan}},
                                  "kind");
}

core::Result<Aggregation> ParseAggregation(std::string_view text) {
  return ParseEnum<Aggregation>(
      text, {{"sum", Aggregation::kSum}, {"weighted_mean", Aggregation::kWeightedMean}},
      "aggregation");
}

core::Result<TimeAggregation> ParseTimeAggregation(std::string_view text) {
  return ParseEnum<TimeAggregation>(text,
                                    {{"sum", TimeAggregation::kSum},
                                     {"end_of_period", TimeAggregation::kEndOfPeriod},
                                     {"none", TimeAggregation::kNone}},
                                    "time_aggregation");
}

std::string_view IndicatorKindId(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::kFlow:
      return "flow";
    case IndicatorKind::kStock:
      return "stock";
    case IndicatorKind::kIndex:
      return "index";
    case IndicatorKind::kPlan:
      return "plan";
  }
  return "flow";
}

std::string_view AggregationId(Aggregation a) {
  return a == Aggregation::kSum ? "sum" : "weighted_mean";
}

std::string_view TimeAggregationId(TimeAggregation t) {
  switch (t) {
    case TimeAggregation::kSum:
      return "sum";
    case TimeAggregation::kEndOfPeriod:
      return "end_of_period";
    case TimeAggregation::kNone:
      return "none";
  }
  return "none";
}

bool Indicator::AllowsBasis(std::string_view basis) const {
  return std::find(bases.begin(), bases.end(), basis) != bases.end();
}

IndicatorCatalog::IndicatorCatalog(std::vector<Indicator> indicators, std::vector<Basis> bases)
    : indicators_(std::move(indicators)), bases_(std::move(bases)) {
  for (std::size_t i = 0; i < indicators_.size(); ++i) {
    by_key_.emplace(indicators_[i].id, i);
    by_key_.emplace(core::NameKey(indicators_[i].id), i);
    by_key_.emplace(core::NameKey(indicators_[i].name_vi), i);
    by_key_.emplace(core::NameKey(indicators_[i].name_en), i);
  }
}

const Indicator* IndicatorCatalog::FindById(std::string_view id) const {
  for (const Indicator& i : indicators_) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const Basis* IndicatorCatalog::FindBasis(std::string_view id) const {
  for (const Basis& b : bases_) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

core::Result<const Indicator*> IndicatorCatalog::Find(std::string_view raw) const {
  std::string_view text = core::TrimSpaces(raw);
  if (auto it = by_key_.find(std::string(text)); it != by_key_.end()) {
    return &indicators_[it->second];
  }
  std::string key = core::NameKey(text);
  if (auto it = by_key_.find(key); it != by_key_.end()) return &indicators_[it->second];
  // Suggest the closest ids.
  std::vector<std::pair<int, const Indicator*>> scored;
  for (const Indicator& i : indicators_) {
    // Against the id and both names, also as a prefix ("Kim ngạch XK" ~ "Kim ngạch xuất khẩu").
    int best = core::EditDistance(key, core::NameKey(i.id));
    for (const std::string& name : {i.name_vi, i.name_en}) {
      std::string name_key = core::NameKey(name);
      best = std::min(best, core::EditDistance(key, name_key));
      if (key.size() >= 6) {
        best = std::min(best, core::EditDistance(key, name_key.substr(0, key.size())));
      }
    }
    scored.emplace_back(best, &i);
  }
  std::sort(scored.begin(), scored.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> close;
  for (const auto& [d, i] : scored) {
    if (close.size() >= 3 || d > std::max<int>(3, static_cast<int>(key.size()) / 2)) break;
    close.push_back(i->id);
  }
  std::string hint_vi, hint_en;
  if (!close.empty()) {
    hint_vi = fmt::format("; có phải: {}?", fmt::join(close, ", "));
    hint_en = fmt::format("; did you mean: {}?", fmt::join(close, ", "));
  }
  return MakeError(
      ErrorCode::kNotFound,
      fmt::format("Không có chỉ tiêu \"{}\" trong danh mục{} (xem: lienket indicators)", text,
                  hint_vi),
      fmt::format("No indicator \"{}\" in the catalogue{} (see: lienket indicators)", text,
                  hint_en));
}

}  // namespace lienket::stats
