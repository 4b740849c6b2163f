// Vietnamese tax codes (mã số thuế, MST) of enterprises, cooperatives and household businesses.
// A code is 10 digits — two of the province where it was issued, seven of sequence, one check
// digit — or, for a dependent unit (branch, representative office), those 10 digits, a dash and a
// three-digit suffix: "0101234567-001". TaxCode::Parse accepts the 13 digits with or without the
// dash (and stray spaces or dots, as people paste them) and always keeps the dashed form.
//
// Check digit (10th digit) over digits 1–9 with weights 31, 29, 23, 19, 17, 13, 7, 5, 3:
//   check = 10 − (Σ weight·digit mod 11); a remainder of 0 would need the check "digit" 10, so no
//   valid code has such a prefix. Sources: python-stdnum `stdnum/vn/mst.py` (calc_check_digit,
//   with its examples 0100233488 valid, 0100233480 wrong check digit, 0314409058-002 valid),
//   the same rule in stdnum-js `src/vn/mst.ts` (which compares with String(10 − sum), so a
//   remainder of 0 never matches), and vn-ident on PyPI (mst_check_digit("010004751") == 6,
//   "the worked example in the circular"). The circular itself was not found to cite directly.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lienket::linkage {

// The check digit for the first nine digits of a tax code, or nullopt when the weighted sum is a
// multiple of 11 (no digit can check it). `nine_digits` must be exactly nine ASCII digits;
// anything else gives nullopt.
[[nodiscard]] std::optional<int> TaxCodeCheckDigit(std::string_view nine_digits);

class TaxCode {
 public:
  // Parses what a person types. Outer white space is trimmed; inner spaces and dots are
  // ignored; a dash may only separate the 10th digit from the branch suffix.
  // Errors (kInvalidArgument, Vietnamese and English, saying exactly what is wrong): empty; a
  // character that is not a digit (which one, at which position); a dash elsewhere than after
  // the 10th digit; a length other than 10 or 13 digits (how many were given); a branch suffix
  // "000" or a dash not followed by exactly three digits; a prefix no check digit can validate;
  // a wrong check digit (which digit was expected).
  [[nodiscard]] static core::Result<TaxCode> Parse(std::string_view text);

  // Canonical text: "0101234567" or "0101234567-001".
  [[nodiscard]] const std::string& text() const { return text_; }
  // The first ten digits: the code of the enterprise itself.
  [[nodiscard]] std::string_view Base() const { return std::string_view(text_).substr(0, 10); }
  // The branch suffix ("001"), empty for a head office.
  [[nodiscard]] std::string_view BranchSuffix() const;
  [[nodiscard]] bool IsBranch() const { return text_.size() == 14; }
  // The first two digits: the tax office's province code at issue (not a GSO unit code, and it
  // does not change when the enterprise moves).
  [[nodiscard]] std::string_view IssuingPrefix() const {
    return std::string_view(text_).substr(0, 2);
  }

  friend auto operator<=>(const TaxCode&, const TaxCode&) = default;
  friend bool operator==(const TaxCode&, const TaxCode&) = default;

 private:
  explicit TaxCode(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace lienket::linkage
