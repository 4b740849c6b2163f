#include "linkage/tax_code.hpp"

#include <gtest/gtest.h>

namespace lienket::linkage {
namespace {

// Check digits computed by hand with the weights 31 29 23 19 17 13 7 5 3:
//   010123456: 0+29+0+19+34+39+28+25+18 = 192, 192 mod 11 = 5, check 10-5 = 5 -> 0101234565
//   010004751: 0+29+0+0+0+52+49+25+3 = 158, mod 11 = 4, check 6 -> 0100047516
//   020000006: 2·29 + 6·3 = 76, mod 11 = 10, check 0 -> 0200000060
TEST(TaxCodeCheckDigit, ComputesTheOfficialWeights) {
  EXPECT_EQ(TaxCodeCheckDigit("010123456"), 5);
  EXPECT_EQ(TaxCodeCheckDigit("010004751"), 6);  // vn-ident's example from the circular
  EXPECT_EQ(TaxCodeCheckDigit("010023348"), 8);  // python-stdnum's 0100233488
  EXPECT_EQ(TaxCodeCheckDigit("031440905"), 8);  // python-stdnum's 0314409058-002
  EXPECT_EQ(TaxCodeCheckDigit("020000006"), 0);  // remainder 10 gives check digit 0
}

TEST(TaxCodeCheckDigit, RemainderZeroHasNoCheckDigit) {
  // 0·31 + 1·29 + 0 + 0 + 0 + 0 + 0 + 0 + 5·3 = 44 = 4·11: 10 − 0 = 10 is no digit.
  EXPECT_EQ(TaxCodeCheckDigit("010000005"), std::nullopt);
  EXPECT_EQ(TaxCodeCheckDigit("000000000"), std::nullopt);
}

TEST(TaxCodeCheckDigit, RefusesWhatIsNotNineDigits) {
  EXPECT_EQ(TaxCodeCheckDigit("01012345"), std::nullopt);
  EXPECT_EQ(TaxCodeCheckDigit("0101234567"), std::nullopt);
  EXPECT_EQ(TaxCodeCheckDigit("01012345x"), std::nullopt);
}

TEST(TaxCode, ParsesTenDigits) {
  auto code = TaxCode::Parse("0101234565");
  ASSERT_TRUE(code) << code.error().message_en;
  EXPECT_EQ(code->text(), "0101234565");
  EXPECT_EQ(code->Base(), "0101234565");
  EXPECT_FALSE(code->IsBranch());
  EXPECT_EQ(code->BranchSuffix(), "");
  EXPECT_EQ(code->IssuingPrefix(), "01");
}

TEST(TaxCode, ParsesPublishedExamples) {
  for (const char* text : {"0100233488", "0100112437", "0100047516", "0200000060"}) {
    EXPECT_TRUE(TaxCode::Parse(text)) << text;
  }
}

TEST(TaxCode, NormalisesBranchWithOrWithoutDash) {
  for (const char* text : {"0101234565-001", "0101234565001", " 0101234565 - 001 ",
                           "0101234565\xE2\x80\x93"
                           "001"}) {
    auto code = TaxCode::Parse(text);
    ASSERT_TRUE(code) << text << ": " << code.error().message_en;
    EXPECT_EQ(code->text(), "0101234565-001") << text;
    EXPECT_TRUE(code->IsBranch());
    EXPECT_EQ(code->Base(), "0101234565");
    EXPECT_EQ(code->BranchSuffix(), "001");
  }
  auto stdnum_branch = TaxCode::Parse("0314409058-002");
  ASSERT_TRUE(stdnum_branch);
  EXPECT_EQ(stdnum_branch->BranchSuffix(), "002");
}

TEST(TaxCode, IgnoresSpacesAndDotsAsPasted) {
  auto code = TaxCode::Parse("01.00.112.437");
  ASSERT_TRUE(code);
  EXPECT_EQ(code->text(), "0100112437");
  auto spaced = TaxCode::Parse("0312 68 78 78 - 001");
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->text(), "0312687878-001");
}

TEST(TaxCode, EmptyIsRefused) {
  auto code = TaxCode::Parse("   ");
  ASSERT_FALSE(code);
  EXPECT_EQ(code.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(code.error().message_vi.find("trống"), std::string::npos);
}

TEST(TaxCode, WrongLengthSaysHowManyDigits) {
  for (const char* text : {"010123456", "01012345651", "010123456500", "01012345650011"}) {
    auto code = TaxCode::Parse(text);
    ASSERT_FALSE(code) << text;
    EXPECT_NE(code.error().message_en.find("digits; a tax code has 10 digits"), std::string::npos)
        << code.error().message_en;
  }
  auto nine = TaxCode::Parse("010123456");
  EXPECT_NE(nine.error().message_en.find("has 9 digits"), std::string::npos);
  EXPECT_NE(nine.error().message_vi.find("có 9 chữ số"), std::string::npos);
}

TEST(TaxCode, NonDigitNamesTheCharacterAndPosition) {
  auto code = TaxCode::Parse("01012345O5");  // a letter O typed for a zero
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().message_en.find("\"O\" at position 9"), std::string::npos)
      << code.error().message_en;
  auto vietnamese = TaxCode::Parse("đ101234565");
  ASSERT_FALSE(vietnamese);
  EXPECT_NE(vietnamese.error().message_vi.find("\"đ\" ở vị trí 1"), std::string::npos)
      << vietnamese.error().message_vi;
}

TEST(TaxCode, WrongCheckDigitSaysWhichWasExpected) {
  auto code = TaxCode::Parse("0101234567");
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().message_en.find("the 10th digit is 7, the first nine digits require 5"),
            std::string::npos)
      << code.error().message_en;
  EXPECT_NE(code.error().message_vi.find("phải là 5"), std::string::npos);
  auto stdnum_bad = TaxCode::Parse("0100233480");
  ASSERT_FALSE(stdnum_bad);
  EXPECT_NE(stdnum_bad.error().message_en.find("require 8"), std::string::npos);
  // A branch is checked on its first ten digits too.
  EXPECT_FALSE(TaxCode::Parse("0101234567-001"));
}

TEST(TaxCode, PrefixWithoutCheckDigitIsRefused) {
  for (int last = 0; last <= 9; ++last) {
    auto code = TaxCode::Parse("010000005" + std::to_string(last));
    ASSERT_FALSE(code);
    EXPECT_NE(code.error().message_en.find("no check digit can follow"), std::string::npos);
  }
}

TEST(TaxCode, BadBranchSuffix) {
  auto zero = TaxCode::Parse("0101234565-000");
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message_en.find("001 to 999, not 000"), std::string::npos);
  auto short_suffix = TaxCode::Parse("0101234565-01");
  ASSERT_FALSE(short_suffix);
  EXPECT_NE(short_suffix.error().message_en.find("exactly 3 branch digits (2 given)"),
            std::string::npos)
      << short_suffix.error().message_en;
  auto misplaced = TaxCode::Parse("01012-34565");
  ASSERT_FALSE(misplaced);
  EXPECT_NE(misplaced.error().message_en.find("a dash may only follow the 10th digit"),
            std::string::npos);
  auto two_dashes = TaxCode::Parse("0101234565-001-002");
  ASSERT_FALSE(two_dashes);
}

TEST(TaxCode, ComparesByCanonicalText) {
  EXPECT_EQ(*TaxCode::Parse("0101234565001"), *TaxCode::Parse("0101234565-001"));
  EXPECT_NE(*TaxCode::Parse("0101234565"), *TaxCode::Parse("0101234565-001"));
}

}  // namespace
}  // namespace lienket::linkage
