// Calendar dates (no time zone): publication dates of figures ("as of"), validity of units.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lienket::core {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // Accepts ISO "2024-05-17" and the Vietnamese "17/05/2024" (also "17/5/2024").
  // Errors: kInvalidArgument for any other form or an impossible date (2023-02-29).
  [[nodiscard]] static Result<Date> Parse(std::string_view text);
  [[nodiscard]] static Date Today();  // UTC
  [[nodiscard]] static Date LastDayOfMonth(int year, int month);

  [[nodiscard]] std::string ToString() const;      // ISO
  [[nodiscard]] std::string ToVietnamese() const;  // "17/05/2024"
  [[nodiscard]] bool IsValid() const;

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;
};

[[nodiscard]] int DaysInMonth(int year, int month);
// Days from `from` to `to` (negative when `to` is earlier).
[[nodiscard]] int DaysBetween(const Date& from, const Date& to);
// The current UTC time plus `offset_seconds`, as "2026-11-26T09:30:00Z" (timestamps of sessions,
// submissions and the audit trail; they sort as text).
[[nodiscard]] std::string UtcTimestamp(long long offset_seconds = 0);

}  // namespace lienket::core
