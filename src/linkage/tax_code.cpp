#include "linkage/tax_code.hpp"

#include <fmt/format.h>

#include <array>

#include "core/vi_text.hpp"

namespace lienket::linkage {

namespace {

constexpr std::array<int, 9> kWeights = {31, 29, 23, 19, 17, 13, 7, 5, 3};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

core::Error Invalid(std::string vi, std::string en) {
  return core::Error{core::ErrorCode::kInvalidArgument, std::move(vi), std::move(en)};
}

// Length in bytes of the UTF-8 character starting with `lead` (1 for invalid bytes), so an error
// can quote a whole character ("đ"), not half of it.
std::size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::optional<int> TaxCodeCheckDigit(std::string_view nine_digits) {
  if (nine_digits.size() != 9) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    if (!IsDigit(nine_digits[i])) return std::nullopt;
    sum += kWeights[i] * (nine_digits[i] - '0');
  }
  const int check = 10 - sum % 11;
  if (check == 10) return std::nullopt;
  return check;
}

std::string_view TaxCode::BranchSuffix() const {
  return IsBranch() ? std::string_view(text_).substr(11) : std::string_view();
}

core::Result<TaxCode> TaxCode::Parse(std::string_view text) {
  const std::string_view trimmed = core::TrimSpaces(text);
  if (trimmed.empty()) {
    return tl::unexpected(Invalid("Mã số thuế đang để trống", "The tax code is empty"));
  }
  std::string digits;
  int dash_after = -1;       // number of digits before the dash, -1 if none
  std::size_t position = 0;  // 1-based character position, for messages
  for (std::size_t i = 0; i < trimmed.size();) {
    const unsigned char c = static_cast<unsigned char>(trimmed[i]);
    const std::size_t len = std::min(Utf8Length(c), trimmed.size() - i);
    ++position;
    if (IsDigit(static_cast<char>(c))) {
      digits.push_back(static_cast<char>(c));
    } else if (c == ' ' || c == '.') {
      // People paste "0312 68 78 78" or "01.00.112.437": ignored.
    } else if (trimmed.substr(i, len) == "\u00A0") {
      // A no-break space from a spreadsheet: ignored as well.
    } else if (c == '-' || trimmed.substr(i, len) == "\u2013") {  // '-' or an en dash
      if (dash_after >= 0 || digits.size() != 10) {
        return tl::unexpected(Invalid(
            fmt::format("Mã số thuế \"{}\": dấu gạch ngang chỉ được đặt sau chữ số thứ 10, "
                        "trước 3 chữ số của đơn vị phụ thuộc (dạng 0101234567-001)",
                        trimmed),
            fmt::format("Tax code \"{}\": a dash may only follow the 10th digit, before the "
                        "3-digit branch suffix (as in 0101234567-001)",
                        trimmed)));
      }
      dash_after = 10;
    } else {
      const std::string_view bad = trimmed.substr(i, len);
      return tl::unexpected(Invalid(
          fmt::format("Mã số thuế \"{}\" chứa ký tự \"{}\" ở vị trí {}; mã số thuế chỉ gồm chữ số",
                      trimmed, bad, position),
          fmt::format("Tax code \"{}\" contains \"{}\" at position {}; a tax code has digits only",
                      trimmed, bad, position)));
    }
    i += len;
  }
  if (dash_after == 10 && digits.size() != 13) {
    return tl::unexpected(Invalid(
        fmt::format("Mã số thuế \"{}\": sau dấu gạch ngang phải có đúng 3 chữ số của đơn vị phụ "
                    "thuộc (có {})",
                    trimmed, digits.size() - 10),
        fmt::format("Tax code \"{}\": the dash must be followed by exactly 3 branch digits "
                    "({} given)",
                    trimmed, digits.size() - 10)));
  }
  if (digits.size() != 10 && digits.size() != 13) {
    return tl::unexpected(Invalid(
        fmt::format("Mã số thuế \"{}\" có {} chữ số; mã số thuế gồm 10 chữ số, hoặc 13 chữ số "
                    "(10 chữ số, dấu gạch ngang và 3 chữ số) với đơn vị phụ thuộc",
                    trimmed, digits.size()),
        fmt::format("Tax code \"{}\" has {} digits; a tax code has 10 digits, or 13 (10 digits, a "
                    "dash and 3 digits) for a branch",
                    trimmed, digits.size())));
  }
  if (digits.size() == 13 && digits.compare(10, 3, "000") == 0) {
    return tl::unexpected(Invalid(
        fmt::format("Mã số thuế \"{}\": mã đơn vị phụ thuộc phải từ 001 đến 999, không thể là 000",
                    trimmed),
        fmt::format("Tax code \"{}\": the branch suffix must be 001 to 999, not 000", trimmed)));
  }
  const std::optional<int> check = TaxCodeCheckDigit(std::string_view(digits).substr(0, 9));
  if (!check) {
    return tl::unexpected(Invalid(
        fmt::format("Mã số thuế \"{}\" không hợp lệ: không chữ số kiểm tra nào khớp với 9 chữ số "
                    "đầu {}",
                    trimmed, digits.substr(0, 9)),
        fmt::format("Tax code \"{}\" is not valid: no check digit can follow the first nine "
                    "digits {}",
                    trimmed, digits.substr(0, 9))));
  }
  if (digits[9] - '0' != *check) {
    return tl::unexpected(Invalid(
        fmt::format("Mã số thuế \"{}\" sai chữ số kiểm tra: chữ số thứ 10 là {}, theo 9 chữ số "
                    "đầu phải là {} (có thể gõ nhầm một chữ số)",
                    trimmed, digits[9], *check),
        fmt::format("Tax code \"{}\" has a wrong check digit: the 10th digit is {}, the first "
                    "nine digits require {} (a digit may be mistyped)",
                    trimmed, digits[9], *check)));
  }
  std::string canonical = digits.substr(0, 10);
  if (digits.size() == 13) canonical += "-" + digits.substr(10);
  return TaxCode(std::move(canonical));
}

}  // namespace lienket::linkage
