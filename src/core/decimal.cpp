#include "core/decimal.hpp"

#include <algorithm>
#include <cmath>

namespace lienket::core {
namespace {

constexpr Int128 kOne = 1'000'000'000;  // 10^kScale
// |raw| must stay below this so that later sums of many values cannot overflow.
constexpr Int128 kMaxRaw = static_cast<Int128>(1'000'000'000'000'000'000ULL) *
                           static_cast<Int128>(100'000'000'000'000'000ULL);  // 10^35

Int128 Pow10(int n) {
  Int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

Result<Decimal> Malformed(std::string_view text) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "\"" + std::string(text) + "\" không phải là một số hợp lệ",
                   "\"" + std::string(text) + "\" is not a valid number");
}

// Divides with rounding half to even.
Int128 DivRound(Int128 num, Int128 den) {
  bool neg = (num < 0) != (den < 0);
  Int128 n = num < 0 ? -num : num;
  Int128 d = den < 0 ? -den : den;
  Int128 q = n / d;
  Int128 r = n % d;
  if (r * 2 > d || (r * 2 == d && (q % 2) == 1)) ++q;
  return neg ? -q : q;
}

}  // namespace

Decimal Decimal::FromInt(std::int64_t value) { return FromRaw(static_cast<Int128>(value) * kOne); }

Result<Decimal> Decimal::Parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  Int128 digits = 0;
  int frac_digits = 0;
  int int_count = 0;
  bool seen_point = false;
  bool dropped_nonzero = false;
  int significant = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (seen_point) {
        if (frac_digits >= kScale) {
          if (c != '0') dropped_nonzero = true;
          continue;
        }
        ++frac_digits;
      } else {
        ++int_count;
      }
      if (digits != 0 || c != '0') ++significant;
      if (significant > 36) return Malformed(text);
      digits = digits * 10 + (c - '0');
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (int_count == 0 && frac_digits == 0) return Malformed(text);
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i >= text.size()) return Malformed(text);
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c < '0' || c > '9') return Malformed(text);
      exponent = exponent * 10 + (c - '0');
      if (exponent > 60) return Malformed(text);
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return Malformed(text);
  if (dropped_nonzero && exponent <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "\"" + std::string(text) + "\" có quá 9 chữ số thập phân",
                     "\"" + std::string(text) + "\" has more than 9 decimal places");
  }
  // value = digits * 10^(exponent - frac_digits); raw = value * 10^9.
  int shift = kScale - frac_digits + exponent;
  Int128 raw = digits;
  if (shift >= 0) {
    for (int k = 0; k < shift; ++k) {
      if (raw > kMaxRaw / 10) {
        return MakeError(ErrorCode::kInvalidArgument, "\"" + std::string(text) + "\" quá lớn",
                         "\"" + std::string(text) + "\" is too large");
      }
      raw *= 10;
    }
  } else {
    // Beyond 10^38 the divisor would not fit in 128 bits ("1.5E-48", a value Excel stores):
    // any such non-zero value has more than nine decimals, and zero stays zero.
    if (-shift > 38) {
      if (raw == 0) return Decimal();
      return MakeError(ErrorCode::kInvalidArgument,
                       "\"" + std::string(text) + "\" có quá 9 chữ số thập phân",
                       "\"" + std::string(text) + "\" has more than 9 decimal places");
    }
    Int128 div = Pow10(-shift);
    if (raw % div != 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "\"" + std::string(text) + "\" có quá 9 chữ số thập phân",
                       "\"" + std::string(text) + "\" has more than 9 decimal places");
    }
    raw /= div;
  }
  if (raw > kMaxRaw) {
    return MakeError(ErrorCode::kInvalidArgument, "\"" + std::string(text) + "\" quá lớn",
                     "\"" + std::string(text) + "\" is too large");
  }
  return FromRaw(negative ? -raw : raw);
}

std::string Decimal::ToString() const {
  Int128 v = raw_ < 0 ? -raw_ : raw_;
  Int128 int_part = v / kOne;
  Int128 frac = v % kOne;
  std::string int_text;
  if (int_part == 0) int_text = "0";
  while (int_part > 0) {
    int_text.push_back(static_cast<char>('0' + static_cast<int>(int_part % 10)));
    int_part /= 10;
  }
  std::reverse(int_text.begin(), int_text.end());
  std::string out = raw_ < 0 ? "-" + int_text : int_text;
  if (frac != 0) {
    std::string frac_text(kScale, '0');
    for (int k = kScale - 1; k >= 0; --k) {
      frac_text[k] = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    while (!frac_text.empty() && frac_text.back() == '0') frac_text.pop_back();
    out += "." + frac_text;
  }
  return out;
}

Decimal Decimal::Rounded(int decimals) const {
  decimals = std::clamp(decimals, 0, kScale);
  Int128 unit = Pow10(kScale - decimals);
  Int128 v = raw_ < 0 ? -raw_ : raw_;
  Int128 q = v / unit;
  if ((v % unit) * 2 >= unit) ++q;
  q *= unit;
  return FromRaw(raw_ < 0 ? -q : q);
}

double Decimal::ToDouble() const { return static_cast<double>(raw_) / static_cast<double>(kOne); }

Result<Decimal> Decimal::ScaledByPowerOfTen(int power) const {
  if (power >= 0) {
    Int128 r = raw_;
    for (int k = 0; k < power; ++k) {
      if (r > kMaxRaw / 10 || r < -kMaxRaw / 10) {
        return MakeError(ErrorCode::kInvalidArgument, "Giá trị quá lớn sau khi đổi đơn vị",
                         "Value too large after unit conversion");
      }
      r *= 10;
    }
    return FromRaw(r);
  }
  Int128 div = Pow10(-power);
  if (raw_ % div != 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Đổi đơn vị làm mất chữ số thập phân (quá 9 chữ số)",
                     "Unit conversion would lose decimal places (more than 9)");
  }
  return FromRaw(raw_ / div);
}

Result<Decimal> Decimal::DividedBy(const Decimal& divisor) const {
  if (divisor.raw_ == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "Chia cho 0", "Division by zero");
  }
  return FromRaw(DivRound(raw_ * kOne, divisor.raw_));
}

Decimal Decimal::Times(const Decimal& factor) const {
  return FromRaw(DivRound(raw_ * factor.raw_, kOne));
}

}  // namespace lienket::core
