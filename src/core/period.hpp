// Reporting periods: the spans of months a figure covers.
// Vietnamese statistics are mostly cumulative from January: "6 tháng đầu năm" (H1), "9 tháng",
// "5 tháng" (M01-M05). A Period is a year and a span of months within it; its canonical code is
// the shortest of: "2024" (year), "2024-H1"/"2024-H2", "2024-9M" (January–September),
// "2024-Q2", "2024-05" (one month), "2024-M01-M05" (any other span). Codes that name the same
// span are the same period: "2024-M01-M06" parses to 2024-H1.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace lienket::core {

enum class PeriodKind { kYear, kHalf, kNineMonths, kQuarter, kMonth, kMonthRange };

class Period {
 public:
  static constexpr int kMinYear = 1990;
  static constexpr int kMaxYear = 2100;

  // Strict parser for the codes above. Errors (kInvalidArgument, with the reason and the
  // accepted forms in vi and en): empty, unknown form, year outside 1990–2100, H3, Q5, month 13,
  // a range whose end is before its start ("2024-M05-M03").
  [[nodiscard]] static Result<Period> Parse(std::string_view code);
  // Months first..last of year; 1 <= first <= last <= 12, else kInvalidArgument.
  [[nodiscard]] static Result<Period> FromMonths(int year, int first_month, int last_month);
  static Period Year(int year) { return Period(year, 1, 12); }

  [[nodiscard]] int year() const { return year_; }
  [[nodiscard]] int first_month() const { return first_; }
  [[nodiscard]] int last_month() const { return last_; }
  [[nodiscard]] int month_count() const { return last_ - first_ + 1; }
  [[nodiscard]] PeriodKind kind() const;
  // Cumulative from January ("lũy kế từ đầu năm").
  [[nodiscard]] bool IsYearToDate() const { return first_ == 1; }

  [[nodiscard]] std::string Code() const;
  [[nodiscard]] Date StartDate() const { return Date{year_, first_, 1}; }
  [[nodiscard]] Date EndDate() const { return Date::LastDayOfMonth(year_, last_); }

  // The same months one year earlier ("cùng kỳ năm trước").
  [[nodiscard]] Period SamePeriodPreviousYear() const { return Period(year_ - 1, first_, last_); }
  // The span of the same length just before this one, where that stays within a year
  // (previous month, previous quarter, H1 before H2); for year-to-date spans, the previous
  // year's same span, which is what a "previous report" means for cumulative figures; and for a
  // span whose predecessor would begin in the previous year (2024-M02-M12, 2024-M03-M05), the
  // same span a year earlier too (a period never crosses a year). January's predecessor is
  // December of the year before, the first quarter's the fourth.
  [[nodiscard]] Period PreviousComparable() const;
  // True when every month of `other` lies in this period (same year).
  [[nodiscard]] bool Contains(const Period& other) const {
    return year_ == other.year_ && first_ <= other.first_ && other.last_ <= last_;
  }

  // "6 tháng đầu năm 2024", "quý II/2024", "tháng 5/2024", "năm 2024", "5 tháng đầu năm 2024".
  [[nodiscard]] std::string LabelVi() const;
  // "H1 2024", "Q2 2024", "May 2024", "2024", "January–May 2024".
  [[nodiscard]] std::string LabelEn() const;

  friend auto operator<=>(const Period&, const Period&) = default;
  friend bool operator==(const Period&, const Period&) = default;

 private:
  Period(int year, int first, int last) : year_(year), first_(first), last_(last) {}
  int year_ = 0;
  int first_ = 1;
  int last_ = 12;
};

}  // namespace lienket::core
