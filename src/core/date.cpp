#include "core/date.hpp"

#include <fmt/format.h>

#include <ctime>

namespace lienket::core {
namespace {

bool ReadInt(std::string_view s, int min_digits, int max_digits, int* out) {
  if (s.size() < static_cast<std::size_t>(min_digits) ||
      s.size() > static_cast<std::size_t>(max_digits)) {
    return false;
  }
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Date::IsValid() const {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Result<Date> Date::Parse(std::string_view text) {
  Date d;
  bool ok = false;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    ok = ReadInt(text.substr(0, 4), 4, 4, &d.year) && ReadInt(text.substr(5, 2), 2, 2, &d.month) &&
         ReadInt(text.substr(8, 2), 2, 2, &d.day);
  } else if (auto a = text.find('/'); a != std::string_view::npos) {
    auto b = text.find('/', a + 1);
    if (b != std::string_view::npos) {
      ok = ReadInt(text.substr(0, a), 1, 2, &d.day) &&
           ReadInt(text.substr(a + 1, b - a - 1), 1, 2, &d.month) &&
           ReadInt(text.substr(b + 1), 4, 4, &d.year);
    }
  }
  if (!ok || !d.IsValid()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "Ngày \"" + std::string(text) + "\" không hợp lệ (viết dạng 2024-05-17 hoặc 17/05/2024)",
        "Date \"" + std::string(text) + "\" is not valid (write it as 2024-05-17 or 17/05/2024)");
  }
  return d;
}

Date Date::Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Date Date::LastDayOfMonth(int year, int month) {
  return Date{year, month, DaysInMonth(year, month)};
}

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::string Date::ToVietnamese() const {
  return fmt::format("{:02}/{:02}/{:04}", day, month, year);
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long DayNumber(const Date& d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153LL * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

int DaysBetween(const Date& from, const Date& to) {
  return static_cast<int>(DayNumber(to) - DayNumber(from));
}

std::string UtcTimestamp(long long offset_seconds) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(offset_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace lienket::core
