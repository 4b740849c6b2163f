#include "linkage/vi_tokenizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

#include "core/vi_text.hpp"

namespace lienket::linkage {
namespace {

// Every Vietnamese letter lies below U+2000 (Latin-1, Latin Extended-A/B, Latin Extended
// Additional U+1E00–U+1EFF); their folds are computed once through ICU's NFD and kept in a table,
// so tokenizing a million listings does not normalise each syllable again.
constexpr char32_t kTableSize = 0x2000;

std::array<char32_t, kTableSize> BuildFoldTable() {
  std::array<char32_t, kTableSize> table{};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  for (char32_t cp = 0; cp < kTableSize; ++cp) {
    char32_t folded = cp;
    if (cp >= 0x80 && U_SUCCESS(status)) {
      icu::UnicodeString decomposed;
      UErrorCode local = U_ZERO_ERROR;
      nfd->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), decomposed, local);
      if (U_SUCCESS(local) && decomposed.length() > 0) {
        folded = static_cast<char32_t>(decomposed.char32At(0));
      }
    }
    if (cp == 0x0111 || cp == 0x0110) folded = U'd';  // đ Đ have no decomposition
    table[cp] = static_cast<char32_t>(u_tolower(static_cast<UChar32>(folded)));
  }
  return table;
}

void AppendUtf8(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(cp), error);
  if (!error) out->append(buf, static_cast<std::size_t>(len));
}

}  // namespace

char32_t FoldCodePoint(char32_t lower) {
  static const std::array<char32_t, kTableSize> table = BuildFoldTable();
  return lower < kTableSize ? table[lower] : lower;
}

std::vector<ViToken> TokenizeVi(std::string_view utf8) {
  const std::string nfc = core::ToNfc(utf8);
  std::vector<ViToken> tokens;
  ViToken current;
  bool punctuation_before = true;  // the first token starts a phrase
  auto flush = [&] {
    if (current.exact.empty()) return;
    current.starts_phrase = punctuation_before;
    punctuation_before = false;
    tokens.push_back(std::move(current));
    current = ViToken{};
  };
  const auto* s = reinterpret_cast<const uint8_t*>(nfc.data());
  const auto length = static_cast<int32_t>(nfc.size());
  for (int32_t i = 0; i < length;) {
    UChar32 cp;
    if (s[i] < 0x80) {
      cp = s[i++];
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        current.exact.push_back(static_cast<char>(cp));
        current.folded.push_back(static_cast<char>(cp));
      } else {
        flush();
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r') punctuation_before = true;
      }
      continue;
    }
    U8_NEXT(s, i, length, cp);
    if (cp < 0) {  // invalid byte: a separator
      flush();
      punctuation_before = true;
      continue;
    }
    const auto lower = static_cast<char32_t>(u_tolower(cp));
    const int8_t type = u_charType(static_cast<UChar32>(lower));
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) {
      // A mark NFC could not compose: part of the word in the exact form, dropped when folded.
      if (!current.exact.empty()) AppendUtf8(&current.exact, lower);
      continue;
    }
    if (u_isalnum(static_cast<UChar32>(lower))) {
      AppendUtf8(&current.exact, lower);
      AppendUtf8(&current.folded, FoldCodePoint(lower));
    } else {
      flush();
      if (!u_isspace(cp)) punctuation_before = true;
    }
  }
  flush();
  return tokens;
}

std::vector<ViToken> Bigrams(const std::vector<ViToken>& tokens) {
  std::vector<ViToken> out;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].starts_phrase) continue;
    ViToken pair;
    pair.exact = tokens[i - 1].exact + ' ' + tokens[i].exact;
    pair.folded = tokens[i - 1].folded + ' ' + tokens[i].folded;
    pair.starts_phrase = tokens[i - 1].starts_phrase;
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace lienket::linkage
