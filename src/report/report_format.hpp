// Figures the way analysts write them: amounts scaled to the unit a reader expects ("2.602 nghìn
// tỷ đồng", "221,5 tỷ USD"; "VND 2,602 trillion", "USD 221.5 billion"), percentages with one
// decimal, growth as a phrase ("tăng 16,7%" / "up 16.7%"), qualifiers as words ("trên", "khoảng").
#pragma once

#include <string>

#include "core/decimal.hpp"
#include "core/measure_unit.hpp"
#include "core/number_format.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"

namespace lienket::report {

using core::Language;

// An amount in its canonical unit, scaled for a sentence: VND as nghìn tỷ / tỷ / triệu đồng, USD
// as tỷ / triệu USD, counts as counts, indices with two decimals. About four significant digits.
[[nodiscard]] std::string Amount(const core::Decimal& canonical, const stats::Indicator& indicator,
                                 Language language);
// The same with its qualifier: "trên 350 tỷ đồng", "more than VND 350 billion".
[[nodiscard]] std::string QualifiedAmount(const core::Decimal& canonical, stats::Qualifier q,
                                          const stats::Indicator& indicator, Language language);
// An amount in the indicator's display unit (tỷ đồng, triệu USD) for tables: value only.
[[nodiscard]] std::string TableAmount(const core::Decimal& canonical,
                                      const stats::Indicator& indicator, Language language);
// The display unit's name for table headers ("tỷ đồng" / "billion VND").
[[nodiscard]] std::string TableUnit(const stats::Indicator& indicator, Language language);
// The display amount as a number (for spreadsheets and charts): canonical / 10^power.
[[nodiscard]] core::Decimal InDisplayUnit(const core::Decimal& canonical,
                                          const stats::Indicator& indicator);

// "41,8%" / "41.8%".
[[nodiscard]] std::string Percent(const core::Decimal& pct, Language language, int decimals = 1);
// "tăng 16,7%", "giảm 4,4%", "tương đương cùng kỳ" (|g| < 0.05) / "up 16.7%", "down 4.4%",
// "unchanged"; with a qualifier: "tăng trên 16,7%" / "up more than 16.7%".
[[nodiscard]] std::string Growth(const core::Decimal& pct, Language language,
                                 stats::Qualifier q = stats::Qualifier::kExact);
// The qualifier word before an amount: "trên ", "khoảng ", "" / "more than ", "about ".
[[nodiscard]] std::string QualifierWord(stats::Qualifier q, Language language);

}  // namespace lienket::report
