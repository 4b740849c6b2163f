// Numbers as people write them, in and out.
// Vietnamese writes "." between thousands and "," before decimals (2.602.000,5); English and
// machine files the other way round (2,602,000.5 or 2602000.5). Parsing accepts both where the
// text itself tells them apart and refuses to guess where it does not ("2.602" could be 2602 or
// 2.602): ambiguous text is an error, unless the caller states the convention.
#pragma once

#include <string>
#include <string_view>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace lienket::core {

enum class NumberConvention {
  kAuto,        // decide from the text; ambiguous text is an error
  kVietnamese,  // "." groups thousands, "," is the decimal mark
  kEnglish,     // "," groups thousands, "." is the decimal mark
};

// Parses a number typed by a person or exported by a spreadsheet: optional sign, digits with
// optional grouping (".", ",", space, no-break space) and one decimal mark. Errors
// (kInvalidArgument, message in vi and en saying why): empty, letters, misplaced groups
// ("1.23.456"), two decimal marks, and under kAuto a lone "." or "," followed by exactly three
// digits after one to three leading digits ("2.602", "1,500"), which the text cannot decide.
[[nodiscard]] Result<Decimal> ParseNumber(std::string_view text,
                                          NumberConvention convention = NumberConvention::kAuto);

// Which convention a piece of text shows, for deciding ambiguous values from the rest of a file:
// "126.45" shows English, "41,8" or "1.234.567" Vietnamese, "2602" neither (kPlain), "2.602"
// could be either (kAmbiguous); text that is no number under either is kInvalid.
enum class NumberStyle { kPlain, kEnglish, kVietnamese, kAmbiguous, kInvalid };
[[nodiscard]] NumberStyle ClassifyNumber(std::string_view text);

enum class Language { kVietnamese, kEnglish };

// "2.602,5" (vi) or "2,602.5" (en), rounded half away from zero to `decimals` places and
// always showing exactly that many.
[[nodiscard]] std::string FormatNumber(const Decimal& value, int decimals, Language language);

}  // namespace lienket::core
