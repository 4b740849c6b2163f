#include "core/number_format.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/vi_text.hpp"

namespace lienket::core {
namespace {

Result<Decimal> Bad(std::string_view text, const std::string& why_vi, const std::string& why_en) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "Giá trị \"" + std::string(text) + "\" không đọc được: " + why_vi,
                   "Value \"" + std::string(text) + "\" cannot be read: " + why_en);
}

// Checks that `groups` (digit runs split by one grouping character) form thousands groups:
// the first of 1..3 digits, the others of exactly 3.
bool ValidGroups(const std::vector<std::string>& groups) {
  if (groups.empty() || groups[0].empty() || groups[0].size() > 3) return false;
  for (std::size_t i = 1; i < groups.size(); ++i) {
    if (groups[i].size() != 3) return false;
  }
  return true;
}

}  // namespace

Result<Decimal> ParseNumber(std::string_view raw, NumberConvention convention) {
  std::string_view text = TrimSpaces(raw);
  if (text.empty()) return Bad(raw, "ô trống", "empty cell");
  // Fast path: the canonical machine form.
  {
    bool plain = true;
    int points = 0;
    std::size_t point_at = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '.') {
        ++points;
        point_at = i;
      } else if (!((c >= '0' && c <= '9') || (i == 0 && (c == '-' || c == '+')))) {
        plain = false;
        break;
      }
    }
    if (plain && points == 0) return Decimal::Parse(text);
    if (plain && points == 1 && convention != NumberConvention::kVietnamese) {
      std::size_t lead = point_at - ((text[0] == '-' || text[0] == '+') ? 1 : 0);
      bool ambiguous = convention == NumberConvention::kAuto && lead >= 1 && lead <= 3 &&
                       text.size() - point_at - 1 == 3;
      if (!ambiguous) return Decimal::Parse(text);
    }
  }

  std::string sign;
  if (text.front() == '-' || text.front() == '+') {
    if (text.front() == '-') sign = "-";
    text.remove_prefix(1);
  }
  // Split into digit runs and the separators between them.
  std::vector<std::string> runs(1);
  std::vector<char> seps;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      runs.back().push_back(c);
      continue;
    }
    char sep = 0;
    if (c == '.' || c == ',' || c == ' ') {
      sep = c;
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      sep = ' ';
      ++i;
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0xAF) {
      sep = ' ';
      i += 2;
    } else {
      return Bad(raw, "có ký tự không phải chữ số", "it contains characters that are not digits");
    }
    if (runs.back().empty()) {
      return Bad(raw, "dấu phân cách đặt sai chỗ", "a separator is out of place");
    }
    seps.push_back(sep);
    runs.emplace_back();
  }
  if (runs.back().empty()) {
    return Bad(raw, "kết thúc bằng dấu phân cách", "it ends with a separator");
  }
  if (seps.empty()) return Decimal::Parse(sign + runs[0]);

  // Decide which separator, if any, is the decimal mark.
  char decimal_mark = 0;
  int dots = 0, commas = 0;
  for (char s : seps) {
    if (s == '.') ++dots;
    if (s == ',') ++commas;
  }
  if (dots > 0 && commas > 0) {
    decimal_mark = seps.back();
    if (decimal_mark == ' ') return Bad(raw, "dấu phân cách đặt sai chỗ", "misplaced separators");
    int marks = decimal_mark == '.' ? dots : commas;
    if (marks != 1) return Bad(raw, "có hai dấu thập phân", "it has two decimal marks");
    if (convention == NumberConvention::kVietnamese && decimal_mark != ',') {
      return Bad(raw, "theo quy ước Việt Nam dấu thập phân là dấu phẩy",
                 "the Vietnamese convention uses a comma as the decimal mark");
    }
    if (convention == NumberConvention::kEnglish && decimal_mark != '.') {
      return Bad(raw, "theo quy ước tiếng Anh dấu thập phân là dấu chấm",
                 "the English convention uses a point as the decimal mark");
    }
  } else if (dots + commas == 0) {
    decimal_mark = 0;  // spaces only: grouping
  } else {
    char mark = dots > 0 ? '.' : ',';
    int count = dots > 0 ? dots : commas;
    if (count > 1) {
      decimal_mark = 0;  // repeated: must be grouping
    } else {
      bool looks_grouped = runs.back().size() == 3 && runs.size() == 2 && runs[0].size() <= 3;
      if (convention == NumberConvention::kVietnamese) {
        decimal_mark = mark == ',' ? ',' : 0;
      } else if (convention == NumberConvention::kEnglish) {
        decimal_mark = mark == '.' ? '.' : 0;
      } else if (looks_grouped) {
        const std::string& a = runs[0];
        const std::string& b = runs[1];
        return Bad(raw,
                   fmt::format("không rõ \"{0}\" là dấu thập phân hay phân cách hàng nghìn ({1}{2} "
                               "hay {1},{2}?); hãy viết không dùng dấu phân cách hàng nghìn, ví dụ "
                               "{1}{2} hoặc {1}.{2}0",
                               mark, a, b),
                   fmt::format("it is unclear whether \"{0}\" is a decimal mark or a thousands "
                               "separator ({1}{2} or {1}.{2}?); write it without thousands "
                               "separators, e.g. {1}{2} or {1}.{2}0",
                               mark, a, b));
      } else {
        decimal_mark = mark;
      }
    }
  }

  // Reassemble: integer groups, then the fraction.
  std::vector<std::string> int_groups;
  std::string fraction;
  std::size_t group_end = runs.size();
  if (decimal_mark != 0) {
    fraction = runs.back();
    group_end = runs.size() - 1;
  }
  for (std::size_t i = 0; i < group_end; ++i) int_groups.push_back(runs[i]);
  // Every separator among the integer groups must be the same grouping character.
  char grouping = 0;
  for (std::size_t i = 0; i + 1 < group_end; ++i) {
    char s = seps[i];
    if (s == decimal_mark && decimal_mark != 0) {
      return Bad(raw, "có hai dấu thập phân", "it has two decimal marks");
    }
    if (grouping == 0) grouping = s;
    if (s != grouping) {
      return Bad(raw, "dùng lẫn nhiều kiểu phân cách hàng nghìn",
                 "it mixes different thousands separators");
    }
  }
  if (int_groups.size() > 1 && !ValidGroups(int_groups)) {
    return Bad(raw, "các nhóm hàng nghìn phải có đúng 3 chữ số",
               "thousands groups must have exactly three digits");
  }
  std::string canonical = sign;
  for (const auto& g : int_groups) canonical += g;
  if (!fraction.empty()) canonical += "." + fraction;
  return Decimal::Parse(canonical);
}

NumberStyle ClassifyNumber(std::string_view raw) {
  std::string_view text = TrimSpaces(raw);
  // Fast path: digits with at most one '.'.
  std::size_t points = 0, point_at = 0;
  bool simple = !text.empty();
  for (std::size_t i = 0; i < text.size() && simple; ++i) {
    char c = text[i];
    if (c == '.') {
      ++points;
      point_at = i;
    } else if (!((c >= '0' && c <= '9') || (i == 0 && (c == '-' || c == '+')))) {
      simple = false;
    }
  }
  if (simple && points == 0) return NumberStyle::kPlain;
  if (simple && points == 1) {
    std::size_t lead = point_at - ((text[0] == '-' || text[0] == '+') ? 1 : 0);
    bool ambiguous = lead >= 1 && lead <= 3 && text.size() - point_at - 1 == 3;
    if (!ambiguous) return NumberStyle::kEnglish;
  }
  auto automatic = ParseNumber(text, NumberConvention::kAuto);
  auto english = ParseNumber(text, NumberConvention::kEnglish);
  auto vietnamese = ParseNumber(text, NumberConvention::kVietnamese);
  if (!automatic) {
    if (english && vietnamese && *english != *vietnamese) return NumberStyle::kAmbiguous;
    return NumberStyle::kInvalid;
  }
  bool en = english && *english == *automatic;
  bool vi = vietnamese && *vietnamese == *automatic;
  if (en && vi) return NumberStyle::kPlain;
  return en ? NumberStyle::kEnglish : NumberStyle::kVietnamese;
}

std::string FormatNumber(const Decimal& value, int decimals, Language language) {
  Decimal rounded = value.Rounded(decimals);
  std::string text = rounded.ToString();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  std::string int_part = text, frac_part;
  if (auto dot = text.find('.'); dot != std::string::npos) {
    int_part = text.substr(0, dot);
    frac_part = text.substr(dot + 1);
  }
  if (decimals > 0) frac_part.resize(static_cast<std::size_t>(decimals), '0');
  const char group = language == Language::kVietnamese ? '.' : ',';
  const char mark = language == Language::kVietnamese ? ',' : '.';
  std::string grouped;
  int n = static_cast<int>(int_part.size());
  for (int i = 0; i < n; ++i) {
    grouped.push_back(int_part[i]);
    int left = n - i - 1;
    if (left > 0 && left % 3 == 0) grouped.push_back(group);
  }
  std::string out = (negative && !rounded.IsZero()) ? "-" : "";
  out += grouped;
  if (decimals > 0) {
    out.push_back(mark);
    out += frac_part;
  }
  return out;
}

}  // namespace lienket::core
