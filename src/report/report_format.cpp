#include "report/report_format.hpp"

#include <fmt/format.h>

#include <iterator>

namespace lienket::report {

using core::Decimal;

namespace {

// A multiplier: Vietnamese writes "2.602 nghìn tỷ đồng", English "VND 2,602 trillion".
struct Scale {
  int power;
  const char* vi;        // after the number
  const char* currency;  // before the number (English)
  const char* word;      // after the number (English)
};

constexpr Scale kVndScales[] = {{12, "nghìn tỷ đồng", "VND", "trillion"},
                                {9, "tỷ đồng", "VND", "billion"},
                                {6, "triệu đồng", "VND", "million"},
                                {0, "đồng", "VND", ""}};
constexpr Scale kUsdScales[] = {
    {9, "tỷ USD", "USD", "billion"}, {6, "triệu USD", "USD", "million"}, {0, "USD", "USD", ""}};

Decimal DivideByPowerOfTen(const Decimal& value, int power) {
  std::int64_t divisor = 1;
  for (int i = 0; i < power; ++i) divisor *= 10;
  return *value.DividedBy(Decimal::FromInt(divisor));
}

int DecimalsFor(const Decimal& scaled) {
  Decimal a = scaled.Abs();
  if (a >= Decimal::FromInt(1000)) return 0;
  if (a >= Decimal::FromInt(100)) return 1;
  if (a >= Decimal::FromInt(10)) return 2;
  return 3;
}

// Drops trailing zeros after the decimal mark ("29,150" -> "29,15"; "2.602,0" -> "2.602").
std::string Trim(std::string text, Language language) {
  char mark = language == Language::kVietnamese ? ',' : '.';
  if (text.find(mark) == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == mark) text.pop_back();
  return text;
}

}  // namespace

std::string Amount(const Decimal& canonical, const stats::Indicator& indicator, Language language) {
  const bool vi = language == Language::kVietnamese;
  auto scaled = [&](const Scale* scales, std::size_t count) {
    Decimal a = canonical.Abs();
    for (std::size_t i = 0; i < count; ++i) {
      const Scale& s = scales[i];
      if (a < *Decimal::FromInt(1).ScaledByPowerOfTen(s.power) && s.power > 0) continue;
      Decimal v = DivideByPowerOfTen(canonical, s.power);
      std::string number = Trim(core::FormatNumber(v, DecimalsFor(v), language), language);
      if (vi) return fmt::format("{} {}", number, s.vi);
      return *s.word != '\0' ? fmt::format("{} {} {}", s.currency, number, s.word)
                             : fmt::format("{} {}", s.currency, number);
    }
    return std::string();
  };
  switch (indicator.unit) {
    case core::Dimension::kVnd:
      return scaled(kVndScales, std::size(kVndScales));
    case core::Dimension::kUsd:
      return scaled(kUsdScales, std::size(kUsdScales));
    case core::Dimension::kIndex:
      return core::FormatNumber(canonical, 2, language);
    default:
      break;
  }
  std::string number = core::FormatNumber(canonical, 0, language);
  std::string unit = vi ? indicator.display_unit_vi : indicator.display_unit_en;
  return unit.empty() ? number : number + " " + unit;
}

std::string QualifierWord(stats::Qualifier q, Language language) {
  const bool vi = language == Language::kVietnamese;
  switch (q) {
    case stats::Qualifier::kExact:
      return "";
    case stats::Qualifier::kLowerBound:
      return vi ? "trên " : "more than ";
    case stats::Qualifier::kUpperBound:
      return vi ? "dưới " : "less than ";
    case stats::Qualifier::kApprox:
      return vi ? "khoảng " : "about ";
  }
  return "";
}

std::string QualifiedAmount(const Decimal& canonical, stats::Qualifier q,
                            const stats::Indicator& indicator, Language language) {
  return QualifierWord(q, language) + Amount(canonical, indicator, language);
}

Decimal InDisplayUnit(const Decimal& canonical, const stats::Indicator& indicator) {
  auto display = core::FindMeasureUnit(indicator.display_unit_vi);
  if (display && (*display)->dimension == indicator.unit && (*display)->offset == 0) {
    return DivideByPowerOfTen(canonical, (*display)->power_of_ten);
  }
  return canonical;
}

std::string TableUnit(const stats::Indicator& indicator, Language language) {
  return language == Language::kVietnamese ? indicator.display_unit_vi : indicator.display_unit_en;
}

std::string TableAmount(const Decimal& canonical, const stats::Indicator& indicator,
                        Language language) {
  return core::FormatNumber(InDisplayUnit(canonical, indicator), indicator.precision, language);
}

std::string Percent(const Decimal& pct, Language language, int decimals) {
  return core::FormatNumber(pct, decimals, language) + "%";
}

std::string Growth(const Decimal& pct, Language language, stats::Qualifier q) {
  const bool vi = language == Language::kVietnamese;
  Decimal rounded = pct.Rounded(1);
  if (rounded.IsZero()) return vi ? "tương đương cùng kỳ" : "unchanged";
  std::string qualifier = QualifierWord(q, language);
  std::string number = Percent(pct.Abs(), language);
  if (vi) return fmt::format("{} {}{}", pct.IsNegative() ? "giảm" : "tăng", qualifier, number);
  return fmt::format("{} {}{}", pct.IsNegative() ? "down" : "up", qualifier, number);
}

}  // namespace lienket::report
