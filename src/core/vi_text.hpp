// Vietnamese text: normalisation and the folded forms used to match what people type.
// "Hà Nội", "HÀ NỘI", "Ha Noi", "Hoà Bình" (old tone placement) and NFD input all fold to the
// same key. Folding removes tone and vowel marks, maps đ/Đ to d, lower-cases, and collapses
// white space; NameKey also drops administrative prefixes ("Tỉnh", "Thành phố", "TP.") and every
// character that is not a letter or digit, so "TP. Hồ Chí Minh" and "Hồ Chí Minh" match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lienket::core {

// NFC form of UTF-8 text. Invalid UTF-8 sequences become U+FFFD.
[[nodiscard]] std::string ToNfc(std::string_view utf8);

// Lower-case ASCII-only fold: "Thành phố Hồ Chí Minh" -> "thanh pho ho chi minh".
[[nodiscard]] std::string Fold(std::string_view utf8);

// Fold, drop leading administrative prefixes, keep only [a-z0-9]: "TP. Hà Nội" -> "hanoi".
[[nodiscard]] std::string NameKey(std::string_view utf8);

// Lower-case, NFC, keeps diacritics: "HÀ NỘI" -> "hà nội". For exact-word matching.
[[nodiscard]] std::string LowerNfc(std::string_view utf8);

// Levenshtein distance between two byte strings (used on folded keys).
[[nodiscard]] int EditDistance(std::string_view a, std::string_view b);

// True when `bytes` is well-formed UTF-8.
[[nodiscard]] bool IsValidUtf8(std::string_view bytes);

// Trims ASCII white space and no-break spaces at both ends.
[[nodiscard]] std::string_view TrimSpaces(std::string_view text);

}  // namespace lienket::core
