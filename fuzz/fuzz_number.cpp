// Numbers as people write them: ParseNumber under the three conventions, ClassifyNumber and
// Decimal::Parse over arbitrary text.
// Invariants: every parsed Decimal's ToString parses back (Decimal::Parse and ParseNumber) to the
// same value and is a fixed point; FormatNumber with all nine decimals reads back exactly under
// its own convention; when kAuto reads a number, the convention ClassifyNumber names reads the
// same value, and that convention is neither kInvalid nor kAmbiguous.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/decimal.hpp"
#include "core/number_format.hpp"
#include "fuzz_check.hpp"

namespace {

using lienket::core::Decimal;
using lienket::core::Language;
using lienket::core::NumberConvention;
using lienket::core::NumberStyle;
using lienket::core::ParseNumber;

void CheckRoundTrip(const Decimal& d, std::string_view input) {
  std::string text = d.ToString();
  auto back = Decimal::Parse(text);
  FUZZ_CHECK(back.has_value(), text);
  FUZZ_CHECK(*back == d, text);
  FUZZ_CHECK(back->ToString() == text, text);
  for (NumberConvention c :
       {NumberConvention::kAuto, NumberConvention::kEnglish, NumberConvention::kVietnamese}) {
    // The canonical text has a '.' decimal mark, which Vietnamese reads as grouping; only the
    // integers are the same text in every convention.
    if (c == NumberConvention::kVietnamese && text.find('.') != std::string::npos) continue;
    auto people = ParseNumber(text, c);
    // kAuto refuses "1.500" (one to three digits, a point, three digits): that is ambiguous.
    if (!people && c == NumberConvention::kAuto) continue;
    FUZZ_CHECK(people.has_value(), text);
    FUZZ_CHECK(*people == d, text);
  }
  for (Language l : {Language::kVietnamese, Language::kEnglish}) {
    std::string shown = lienket::core::FormatNumber(d, Decimal::kScale, l);
    auto read = ParseNumber(shown, l == Language::kVietnamese ? NumberConvention::kVietnamese
                                                              : NumberConvention::kEnglish);
    FUZZ_CHECK(read.has_value(), shown);
    FUZZ_CHECK(*read == d, shown);
    // Rounding to fewer places never moves a value by half a unit of the last place or more.
    for (int places : {0, 1, 2}) {
      Decimal rounded = d.Rounded(places);
      Decimal diff = (rounded - d).Abs();
      auto half = Decimal::Parse(places == 0 ? "0.5" : places == 1 ? "0.05" : "0.005");
      FUZZ_CHECK(half && diff <= *half, input);
    }
  }
  (void)input;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  auto machine = Decimal::Parse(text);
  if (machine) CheckRoundTrip(*machine, text);

  auto automatic = ParseNumber(text, NumberConvention::kAuto);
  auto english = ParseNumber(text, NumberConvention::kEnglish);
  auto vietnamese = ParseNumber(text, NumberConvention::kVietnamese);
  if (automatic) CheckRoundTrip(*automatic, text);
  if (english) CheckRoundTrip(*english, text);
  if (vietnamese) CheckRoundTrip(*vietnamese, text);

  NumberStyle style = lienket::core::ClassifyNumber(text);
  if (automatic) {
    FUZZ_CHECK(style != NumberStyle::kInvalid && style != NumberStyle::kAmbiguous, text);
    if (style == NumberStyle::kEnglish || style == NumberStyle::kPlain)
      FUZZ_CHECK(english && *english == *automatic, text);
    if (style == NumberStyle::kVietnamese || style == NumberStyle::kPlain)
      FUZZ_CHECK(vietnamese && *vietnamese == *automatic, text);
  }
  // Not checked: that text kAuto refuses is classified kInvalid or kAmbiguous. ClassifyNumber's
  // fast path calls "-" kPlain and "371.2156020005" (ten decimals) kEnglish although no
  // convention reads them (reported; regressions/number keeps the input).
  // Whatever kAuto reads, it reads as one of the explicit conventions does.
  if (automatic)
    FUZZ_CHECK((english && *english == *automatic) || (vietnamese && *vietnamese == *automatic),
               text);
  return 0;
}
