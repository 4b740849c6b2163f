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

}  // namespace lienket::core
