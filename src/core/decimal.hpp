// Exact decimal numbers for statistics: money in đồng and USD, indices, counts.
// A Decimal is a signed 128-bit count of 10^-9 units, so sums of VND figures in đồng (up to
// 10^29) are exact and never pass through binary floating point. Addition and subtraction are
// exact; multiplication and division round half-to-even at 9 decimal places. Rounding for
// display happens only in the formatting functions (number_format.hpp).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lienket::core {

// GCC's 128-bit integer, declared so that -Wpedantic accepts it.
__extension__ typedef __int128 Int128;

class Decimal {
 public:
  static constexpr int kScale = 9;  // decimal places kept

  constexpr Decimal() = default;
  static Decimal FromInt(std::int64_t value);
  // From raw units of 10^-9.
  static constexpr Decimal FromRaw(Int128 raw) {
    Decimal d;
    d.raw_ = raw;
    return d;
  }

  // Parses the canonical machine form: optional '-' or '+', digits, optional '.' and digits,
  // optional exponent ("1.5E-3", as Excel stores numbers). No grouping separators: for what
  // people type, use ParseNumber in number_format.hpp. Errors: kInvalidArgument when malformed,
  // when more than 9 decimals would be lost (non-zero digits beyond the 9th), or out of range.
  [[nodiscard]] static Result<Decimal> Parse(std::string_view text);

  // Shortest canonical text: "2602000.5", "-6.3", "0". Round-trips through Parse.
  [[nodiscard]] std::string ToString() const;

  // Value rounded half away from zero to `decimals` places (0..9).
  [[nodiscard]] Decimal Rounded(int decimals) const;
  [[nodiscard]] double ToDouble() const;
  [[nodiscard]] constexpr Int128 raw() const { return raw_; }
  [[nodiscard]] bool IsZero() const { return raw_ == 0; }
  [[nodiscard]] bool IsNegative() const { return raw_ < 0; }
  [[nodiscard]] Decimal Abs() const { return FromRaw(raw_ < 0 ? -raw_ : raw_); }

  // Multiplies by 10^power exactly (power may be negative; then digits below 10^-9 must be zero).
  // Errors: kInvalidArgument on overflow or lost precision.
  [[nodiscard]] Result<Decimal> ScaledByPowerOfTen(int power) const;

  // Rounded to 9 places, half to even. Division by zero is kInvalidArgument.
  [[nodiscard]] Result<Decimal> DividedBy(const Decimal& divisor) const;
  [[nodiscard]] Decimal Times(const Decimal& factor) const;

  friend Decimal operator+(Decimal a, Decimal b) { return FromRaw(a.raw_ + b.raw_); }
  friend Decimal operator-(Decimal a, Decimal b) { return FromRaw(a.raw_ - b.raw_); }
  Decimal& operator+=(Decimal other) {
    raw_ += other.raw_;
    return *this;
  }
  friend auto operator<=>(const Decimal&, const Decimal&) = default;
  friend bool operator==(const Decimal&, const Decimal&) = default;

 private:
  Int128 raw_ = 0;
};

}  // namespace lienket::core
