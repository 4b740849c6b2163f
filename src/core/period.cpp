#include "core/period.hpp"

#include <fmt/format.h>

#include <array>

namespace lienket::core {
namespace {

constexpr std::string_view kFormsVi =
    "dạng hợp lệ: 2024, 2024-H1, 2024-H2, 2024-Q2, 2024-05, 2024-9M, 2024-M01-M05";
constexpr std::string_view kFormsEn =
    "accepted forms: 2024, 2024-H1, 2024-H2, 2024-Q2, 2024-05, 2024-9M, 2024-M01-M05";

tl::unexpected<Error> BadPeriod(std::string_view code, std::string_view why_vi,
                                std::string_view why_en) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Kỳ báo cáo \"{}\" không hợp lệ: {} ({})", code, why_vi, kFormsVi),
                   fmt::format("Period \"{}\" is not valid: {} ({})", code, why_en, kFormsEn));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Reads "Mnn" (one or two digits) into *month.
bool ReadMonthToken(std::string_view token, int* month) {
  if (token.size() < 2 || token.size() > 3 || (token[0] != 'M' && token[0] != 'm')) return false;
  std::string_view digits = token.substr(1);
  if (!AllDigits(digits)) return false;
  *month = ToInt(digits);
  return true;
}

constexpr std::array<const char*, 4> kRoman = {"I", "II", "III", "IV"};
constexpr std::array<const char*, 12> kMonthEn = {"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};

}  // namespace

Result<Period> Period::FromMonths(int year, int first_month, int last_month) {
  if (year < kMinYear || year > kMaxYear) {
    return BadPeriod(std::to_string(year), "năm phải trong khoảng 1990–2100",
                     "the year must be between 1990 and 2100");
  }
  if (first_month < 1 || last_month > 12 || first_month > last_month) {
    return BadPeriod(fmt::format("{}-M{:02}-M{:02}", year, first_month, last_month),
                     "tháng phải từ 1 đến 12 và tháng đầu không sau tháng cuối",
                     "months run from 1 to 12 and the first may not come after the last");
  }
  return Period(year, first_month, last_month);
}

Result<Period> Period::Parse(std::string_view code) {
  if (code.empty()) return BadPeriod(code, "ô trống", "empty");
  if (code.size() < 4 || !AllDigits(code.substr(0, 4))) {
    return BadPeriod(code, "phải bắt đầu bằng năm có 4 chữ số",
                     "it must start with a four-digit year");
  }
  int year = ToInt(code.substr(0, 4));
  if (year < kMinYear || year > kMaxYear) {
    return BadPeriod(code, "năm phải trong khoảng 1990–2100",
                     "the year must be between 1990 and 2100");
  }
  if (code.size() == 4) return Period(year, 1, 12);
  if (code[4] != '-')
    return BadPeriod(code, "sau năm phải là dấu \"-\"", "expected '-' after the year");
  std::string_view rest = code.substr(5);
  if (rest.size() == 2 && (rest[0] == 'H' || rest[0] == 'h')) {
    if (rest[1] == '1') return Period(year, 1, 6);
    if (rest[1] == '2') return Period(year, 7, 12);
    return BadPeriod(code, "nửa năm chỉ có H1 hoặc H2", "a half year is H1 or H2");
  }
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
    if (rest[1] >= '1' && rest[1] <= '4') {
      int q = rest[1] - '0';
      return Period(year, 3 * q - 2, 3 * q);
    }
    return BadPeriod(code, "quý chỉ từ Q1 đến Q4", "quarters run from Q1 to Q4");
  }
  if (rest == "9M" || rest == "9m") return Period(year, 1, 9);
  if (AllDigits(rest)) {
    if (rest.size() != 2) {
      return BadPeriod(code, "tháng viết bằng 2 chữ số (2024-05)",
                       "write the month with two digits (2024-05)");
    }
    int month = ToInt(rest);
    if (month < 1 || month > 12) {
      return BadPeriod(code, "tháng phải từ 01 đến 12", "the month must be 01 to 12");
    }
    return Period(year, month, month);
  }
  if (!rest.empty() && (rest[0] == 'M' || rest[0] == 'm')) {
    auto dash = rest.find('-');
    int first = 0, last = 0;
    bool ok = dash == std::string_view::npos ? ReadMonthToken(rest, &first) && (last = first, true)
                                             : ReadMonthToken(rest.substr(0, dash), &first) &&
                                                   ReadMonthToken(rest.substr(dash + 1), &last);
    if (!ok)
      return BadPeriod(code, "khoảng tháng viết dạng M01-M05", "write a month span as M01-M05");
    if (first < 1 || first > 12 || last < 1 || last > 12) {
      return BadPeriod(code, "tháng phải từ 1 đến 12", "months run from 1 to 12");
    }
    if (first > last) {
      return BadPeriod(code, "tháng cuối đứng trước tháng đầu", "the span ends before it starts");
    }
    return Period(year, first, last);
  }
  return BadPeriod(code, "không nhận ra dạng kỳ", "unrecognised form");
}

PeriodKind Period::kind() const {
  if (first_ == 1 && last_ == 12) return PeriodKind::kYear;
  if ((first_ == 1 && last_ == 6) || (first_ == 7 && last_ == 12)) return PeriodKind::kHalf;
  if (first_ == 1 && last_ == 9) return PeriodKind::kNineMonths;
  if (last_ - first_ == 2 && first_ % 3 == 1) return PeriodKind::kQuarter;
  if (first_ == last_) return PeriodKind::kMonth;
  return PeriodKind::kMonthRange;
}

std::string Period::Code() const {
  switch (kind()) {
    case PeriodKind::kYear:
      return fmt::format("{}", year_);
    case PeriodKind::kHalf:
      return fmt::format("{}-H{}", year_, first_ == 1 ? 1 : 2);
    case PeriodKind::kNineMonths:
      return fmt::format("{}-9M", year_);
    case PeriodKind::kQuarter:
      return fmt::format("{}-Q{}", year_, (first_ + 2) / 3);
    case PeriodKind::kMonth:
      return fmt::format("{}-{:02}", year_, first_);
    case PeriodKind::kMonthRange:
      return fmt::format("{}-M{:02}-M{:02}", year_, first_, last_);
  }
  return {};
}

Period Period::PreviousComparable() const {
  int len = last_ - first_ + 1;
  // January and the first quarter follow the last month and quarter of the year before.
  if (first_ == 1 && (len == 1 || len == 3)) return Period(year_ - 1, 13 - len, 12);
  // Year-to-date spans, and spans whose predecessor would begin in the previous year
  // (2024-M02-M12), compare with the same months a year earlier.
  if (first_ == 1 || first_ - len < 1) return SamePeriodPreviousYear();
  return Period(year_, first_ - len, first_ - 1);
}

std::string Period::LabelVi() const {
  switch (kind()) {
    case PeriodKind::kYear:
      return fmt::format("năm {}", year_);
    case PeriodKind::kHalf:
      return first_ == 1 ? fmt::format("6 tháng đầu năm {}", year_)
                         : fmt::format("6 tháng cuối năm {}", year_);
    case PeriodKind::kNineMonths:
      return fmt::format("9 tháng năm {}", year_);
    case PeriodKind::kQuarter:
      return fmt::format("quý {}/{}", kRoman[(first_ - 1) / 3], year_);
    case PeriodKind::kMonth:
      return fmt::format("tháng {}/{}", first_, year_);
    case PeriodKind::kMonthRange:
      return first_ == 1 ? fmt::format("{} tháng đầu năm {}", last_, year_)
                         : fmt::format("từ tháng {} đến tháng {}/{}", first_, last_, year_);
  }
  return {};
}

std::string Period::LabelEn() const {
  switch (kind()) {
    case PeriodKind::kYear:
      return fmt::format("{}", year_);
    case PeriodKind::kHalf:
      return fmt::format("H{} {}", first_ == 1 ? 1 : 2, year_);
    case PeriodKind::kNineMonths:
      return fmt::format("first nine months of {}", year_);
    case PeriodKind::kQuarter:
      return fmt::format("Q{} {}", (first_ + 2) / 3, year_);
    case PeriodKind::kMonth:
      return fmt::format("{} {}", kMonthEn[first_ - 1], year_);
    case PeriodKind::kMonthRange:
      return fmt::format("{}–{} {}", kMonthEn[first_ - 1], kMonthEn[last_ - 1], year_);
  }
  return {};
}

}  // namespace lienket::core
