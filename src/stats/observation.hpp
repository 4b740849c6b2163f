// Observations: one published figure of one unit, indicator and period, in one vintage.
// Nothing is overwritten: a figure re-published later (an estimate revised, then made official)
// is a new row with a later as_of date, and a query "as of D" sees, for each series, the latest
// vintage published on or before D.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/period.hpp"

namespace lienket::stats {

// Vintage status: "ước thực hiện / ước tính", "sơ bộ", "chính thức".
enum class VintageStatus { kEstimate, kPreliminary, kOfficial };
// How exact the published figure is: "trên X" is a lower bound, "khoảng X" approximate.
enum class Qualifier { kExact, kLowerBound, kUpperBound, kApprox };

[[nodiscard]] std::string_view VintageStatusId(VintageStatus s);       // "estimate"
[[nodiscard]] std::string_view VintageStatusLabelVi(VintageStatus s);  // "ước tính"
[[nodiscard]] std::string_view QualifierId(Qualifier q);               // "lower_bound"
[[nodiscard]] std::string_view QualifierLabelVi(Qualifier q);          // "trên"
// Accept ids and Vietnamese words ("ước tính", "uoc thuc hien", "sơ bộ", "chính thức";
// "trên", "hơn", "khoảng", "gần", "dưới"). Errors: kInvalidArgument listing the accepted values.
[[nodiscard]] core::Result<VintageStatus> ParseVintageStatus(std::string_view text);
[[nodiscard]] core::Result<Qualifier> ParseQualifier(std::string_view text);

// The dataset a row belongs to. Real figures and the illustrative (invented) demo set are never
// mixed: every query names the datasets it reads.
inline constexpr std::string_view kDatasetObserved = "observed";
inline constexpr std::string_view kDatasetIllustrative = "illustrative";

struct Observation {
  std::int64_t id = 0;
  int unit_id = 0;
  std::string indicator_id;
  core::Period period = core::Period::Year(2024);
  core::Decimal value;  // in the indicator's canonical unit
  VintageStatus status = VintageStatus::kEstimate;
  Qualifier qualifier = Qualifier::kExact;
  std::string basis;  // breakdown value, e.g. "customs"; the indicator's default when not given
  std::string source;
  std::string note;
  core::Date as_of;  // publication date of this vintage
  std::string dataset = std::string(kDatasetObserved);
  std::int64_t batch_id = 0;
  std::string recorded_at;  // when the row was written (UTC, ISO 8601)
};

}  // namespace lienket::stats
