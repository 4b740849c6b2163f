// Vietnamese tokenizer for matching listings: the text is NFC-normalised and lower-cased, split
// into syllables at every character that is not a letter or a digit, and each syllable is kept in
// two forms: exact (tones and đ kept: "vải") and folded (no tones or vowel marks, đ -> d: "vai").
// Vietnamese writes one syllable per word-piece, and many concepts are two syllables ("vải
// thiều", "nước mắm"), so the index also uses syllable bigrams (Bigrams below).
//
// Pure functions, thread-safe. Folding agrees with core::Fold on every Vietnamese letter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lienket::linkage {

struct ViToken {
  std::string exact;   // lower-case NFC, tones kept: "thiều", "đỗ"
  std::string folded;  // lower-case ASCII for Vietnamese letters: "thieu", "do"
  // True when punctuation (not only spaces) separates this token from the one before, or when it
  // is the first token: no bigram is formed across a comma, a full stop or a dash.
  bool starts_phrase = false;

  [[nodiscard]] bool HasMarks() const { return exact != folded; }
};

// Splits `utf8` into syllables in order of appearance. Invalid UTF-8 bytes separate tokens.
// "Vải thiều Lục Ngạn, loại 1" -> vải/vai, thiều/thieu, lục/luc, ngạn/ngan, loại/loai, 1/1.
[[nodiscard]] std::vector<ViToken> TokenizeVi(std::string_view utf8);

// Adjacent pairs within a phrase, joined by one space in both forms:
// [vải, thiều, lục] -> "vải thiều"/"vai thieu", "thiều lục"/"thieu luc".
[[nodiscard]] std::vector<ViToken> Bigrams(const std::vector<ViToken>& tokens);

// Folded form of one lower-case code point: 'ề' -> 'e', 'đ' -> 'd'; code points without a
// decomposition are returned unchanged.
[[nodiscard]] char32_t FoldCodePoint(char32_t lower);

}  // namespace lienket::linkage
