// Period codes and dates as users type them: Period::Parse and Date::Parse over arbitrary text.
// Invariants: a parsed period is within the years and months it promises, its canonical code
// parses back to the same period (and is a fixed point), and the neighbouring periods and labels
// can be built; a parsed date is valid and reads back from both its ISO and Vietnamese forms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/date.hpp"
#include "core/period.hpp"
#include "fuzz_check.hpp"

namespace {

using lienket::core::Date;
using lienket::core::Period;

void CheckPeriod(std::string_view text) {
  auto parsed = Period::Parse(text);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().message_en.empty(), text);
    return;
  }
  const Period& p = *parsed;
  FUZZ_CHECK(p.year() >= Period::kMinYear && p.year() <= Period::kMaxYear, text);
  FUZZ_CHECK(p.first_month() >= 1 && p.first_month() <= p.last_month() && p.last_month() <= 12,
             text);
  std::string code = p.Code();
  auto again = Period::Parse(code);
  FUZZ_CHECK(again.has_value(), code);
  FUZZ_CHECK(*again == p, code);
  FUZZ_CHECK(again->Code() == code, code);
  auto from_months = Period::FromMonths(p.year(), p.first_month(), p.last_month());
  FUZZ_CHECK(from_months && *from_months == p, code);
  FUZZ_CHECK(p.StartDate().IsValid() && p.EndDate().IsValid() && p.StartDate() <= p.EndDate(),
             code);
  FUZZ_CHECK(!p.LabelVi().empty() && !p.LabelEn().empty(), code);
  // The previous comparable span is promised only where it stays within a year (or, for
  // year-to-date spans, is last year's): then it is a valid period of the same length.
  if (p.first_month() == 1 || p.first_month() > p.month_count()) {
    Period previous = p.PreviousComparable();
    FUZZ_CHECK(previous < p, code);
    FUZZ_CHECK(previous.month_count() == p.month_count(), code);
    FUZZ_CHECK(previous.first_month() >= 1 && previous.last_month() <= 12, code);
  }
  Period last_year = p.SamePeriodPreviousYear();
  FUZZ_CHECK(last_year.year() == p.year() - 1 && last_year.month_count() == p.month_count(), code);
  FUZZ_CHECK(p.Contains(p), code);
}

void CheckDate(std::string_view text) {
  auto parsed = Date::Parse(text);
  if (!parsed) return;
  const Date& d = *parsed;
  FUZZ_CHECK(d.IsValid(), text);
  FUZZ_CHECK(d.day >= 1 && d.day <= lienket::core::DaysInMonth(d.year, d.month), text);
  std::string iso = d.ToString();
  auto from_iso = Date::Parse(iso);
  FUZZ_CHECK(from_iso && *from_iso == d, iso);
  std::string vi = d.ToVietnamese();
  auto from_vi = Date::Parse(vi);
  FUZZ_CHECK(from_vi && *from_vi == d, vi);
  FUZZ_CHECK(lienket::core::DaysBetween(d, d) == 0, iso);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckPeriod(text);
  CheckDate(text);
  return 0;
}
