#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/number_format.hpp"
#include "core/period.hpp"
#include "core/vi_text.hpp"

namespace lienket::core {
namespace {

Decimal D(std::string_view s) { return Decimal::Parse(s).value(); }

TEST(Decimal, ParsesAndPrintsCanonically) {
  EXPECT_EQ(D("2602000.5").ToString(), "2602000.5");
  EXPECT_EQ(D("-6.30").ToString(), "-6.3");
  EXPECT_EQ(D("+107").ToString(), "107");
  EXPECT_EQ(D("0.000000001").ToString(), "0.000000001");
  EXPECT_EQ(D("1.5E-3").ToString(), "0.0015");
  EXPECT_EQ(D("1.2345E+7").ToString(), "12345000");
  EXPECT_FALSE(Decimal::Parse("1.0000000001").has_value());
  EXPECT_FALSE(Decimal::Parse("abc").has_value());
  EXPECT_FALSE(Decimal::Parse("").has_value());
  EXPECT_FALSE(Decimal::Parse("1e").has_value());
}

// Regression (found by fuzz/fuzz_number.cpp): a tiny exponent made the divisor overflow 128 bits.
TEST(Decimal, TinyExponentsAreRefusedNotOverflowed) {
  EXPECT_FALSE(Decimal::Parse("1.5E-48"));
  EXPECT_FALSE(Decimal::Parse("1E-60"));
  auto zero = Decimal::Parse("0E-50");
  ASSERT_TRUE(zero);
  EXPECT_TRUE(zero->IsZero());
  auto small = Decimal::Parse("1E-9");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->ToString(), "0.000000001");
}

TEST(Decimal, SumsExactlyWhereDoublesDoNot) {
  Decimal sum;
  for (int i = 0; i < 10; ++i) sum += D("0.1");
  EXPECT_EQ(sum, D("1"));
  // 5,679,875.6 tỷ đồng in đồng is exact.
  EXPECT_EQ(D("5679875.6").ScaledByPowerOfTen(9)->ToString(), "5679875600000000");
}

TEST(Decimal, DividesAndRounds) {
  EXPECT_EQ(D("2602").DividedBy(D("6231.8"))->Rounded(3).ToString(), "0.418");
  EXPECT_FALSE(D("1").DividedBy(D("0")).has_value());
  EXPECT_EQ(D("2.45").Rounded(1).ToString(), "2.5");
  EXPECT_EQ(D("-2.45").Rounded(1).ToString(), "-2.5");
  EXPECT_FALSE(D("0.5").ScaledByPowerOfTen(-9).has_value());
}

TEST(ParseNumber, AcceptsUnambiguousForms) {
  EXPECT_EQ(ParseNumber("2602000")->ToString(), "2602000");
  EXPECT_EQ(ParseNumber("2602000.5")->ToString(), "2602000.5");
  EXPECT_EQ(ParseNumber("2.602.000,5")->ToString(), "2602000.5");
  EXPECT_EQ(ParseNumber("2,602,000.5")->ToString(), "2602000.5");
  EXPECT_EQ(ParseNumber("2.602.000")->ToString(), "2602000");
  EXPECT_EQ(ParseNumber("41,8")->ToString(), "41.8");
  EXPECT_EQ(ParseNumber("60300.468")->ToString(), "60300.468");
  EXPECT_EQ(ParseNumber(" 1 234 567 ")->ToString(), "1234567");
  EXPECT_EQ(ParseNumber("-6,3")->ToString(), "-6.3");
  EXPECT_EQ(ParseNumber("126.45")->ToString(), "126.45");
}

TEST(ParseNumber, RefusesToGuess) {
  EXPECT_FALSE(ParseNumber("2.602").has_value());
  EXPECT_FALSE(ParseNumber("1,500").has_value());
  EXPECT_FALSE(ParseNumber("1.23.456").has_value());
  EXPECT_FALSE(ParseNumber("1,234.567,8").has_value());
  EXPECT_FALSE(ParseNumber("12a").has_value());
  EXPECT_FALSE(ParseNumber("").has_value());
  EXPECT_FALSE(ParseNumber("1..2").has_value());
  // With the convention stated, the same text is clear.
  EXPECT_EQ(ParseNumber("2.602", NumberConvention::kVietnamese)->ToString(), "2602");
  EXPECT_EQ(ParseNumber("2.602", NumberConvention::kEnglish)->ToString(), "2.602");
  auto error = ParseNumber("2.602").error();
  EXPECT_NE(error.message_vi.find("không rõ"), std::string::npos);
  EXPECT_NE(error.message_en.find("unclear"), std::string::npos);
}

TEST(FormatNumber, WritesVietnameseAndEnglish) {
  EXPECT_EQ(FormatNumber(D("2602000.5"), 1, Language::kVietnamese), "2.602.000,5");
  EXPECT_EQ(FormatNumber(D("2602000.5"), 1, Language::kEnglish), "2,602,000.5");
  EXPECT_EQ(FormatNumber(D("41.8"), 1, Language::kVietnamese), "41,8");
  EXPECT_EQ(FormatNumber(D("150058.44"), 1, Language::kVietnamese), "150.058,4");
  EXPECT_EQ(FormatNumber(D("-0.04"), 1, Language::kVietnamese), "0,0");
  EXPECT_EQ(FormatNumber(D("999.96"), 1, Language::kVietnamese), "1.000,0");
}

TEST(Period, ParsesEveryForm) {
  EXPECT_EQ(Period::Parse("2024")->Code(), "2024");
  EXPECT_EQ(Period::Parse("2024-H1")->Code(), "2024-H1");
  EXPECT_EQ(Period::Parse("2024-H2")->first_month(), 7);
  EXPECT_EQ(Period::Parse("2024-Q2")->first_month(), 4);
  EXPECT_EQ(Period::Parse("2024-05")->Code(), "2024-05");
  EXPECT_EQ(Period::Parse("2024-9M")->last_month(), 9);
  EXPECT_EQ(Period::Parse("2024-M01-M05")->Code(), "2024-M01-M05");
  EXPECT_EQ(Period::Parse("2024-M01-M06")->Code(), "2024-H1");
  EXPECT_EQ(Period::Parse("2024-M04-M06")->Code(), "2024-Q2");
  EXPECT_EQ(Period::Parse("2024-M05")->Code(), "2024-05");
}

TEST(Period, RejectsMalformedAndImpossible) {
  for (const char* bad :
       {"", "24", "2024-H3", "2024-Q5", "2024-13", "2024-00", "2024-5", "2024-M05-M03",
        "2024-M00-M03", "1850", "2024H1", "2024-X1", "2024-M01-M13", "abcd"}) {
    EXPECT_FALSE(Period::Parse(bad).has_value()) << bad;
  }
  EXPECT_NE(Period::Parse("2024-H3").error().message_vi.find("H1 hoặc H2"), std::string::npos);
}

TEST(Period, ComparesAcrossYearsAndLabels) {
  Period h1 = *Period::Parse("2024-H1");
  EXPECT_EQ(h1.SamePeriodPreviousYear().Code(), "2023-H1");
  EXPECT_EQ(Period::Parse("2024-H2")->PreviousComparable().Code(), "2024-H1");
  EXPECT_EQ(Period::Parse("2024-05")->PreviousComparable().Code(), "2024-04");
  EXPECT_EQ(Period::Parse("2024-M01-M05")->PreviousComparable().Code(), "2023-M01-M05");
  EXPECT_EQ(Period::Parse("2024-01")->PreviousComparable().Code(), "2023-12");
  EXPECT_EQ(Period::Parse("2024-Q1")->PreviousComparable().Code(), "2023-Q4");
  EXPECT_EQ(Period::Parse("2024-Q3")->PreviousComparable().Code(), "2024-Q2");
  // Regression (found while writing fuzz/fuzz_period.cpp): the predecessor of a span that would
  // begin in the previous year was an impossible period ("2024-M-9-M01").
  EXPECT_EQ(Period::Parse("2024-M02-M12")->PreviousComparable().Code(), "2023-M02-M12");
  EXPECT_EQ(Period::Parse("2024-M03-M05")->PreviousComparable().Code(), "2023-M03-M05");
  EXPECT_TRUE(Period::Parse("2024")->Contains(h1));
  EXPECT_EQ(h1.LabelVi(), "6 tháng đầu năm 2024");
  EXPECT_EQ(Period::Parse("2024-Q2")->LabelVi(), "quý II/2024");
  EXPECT_EQ(Period::Parse("2024-M01-M05")->LabelEn(), "January–May 2024");
  EXPECT_EQ(h1.EndDate().ToString(), "2024-06-30");
}

TEST(Date, ParsesIsoAndVietnamese) {
  EXPECT_EQ(Date::Parse("2024-05-17")->ToString(), "2024-05-17");
  EXPECT_EQ(Date::Parse("17/5/2024")->ToString(), "2024-05-17");
  EXPECT_FALSE(Date::Parse("2023-02-29").has_value());
  EXPECT_TRUE(Date::Parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::Parse("2024/05/17").has_value());
}

TEST(ViText, FoldsEverySpelling) {
  EXPECT_EQ(NameKey("TP. Hà Nội"), "hanoi");
  EXPECT_EQ(NameKey("Thành phố Hà Nội"), "hanoi");
  EXPECT_EQ(NameKey("HÀ NỘI"), "hanoi");
  EXPECT_EQ(NameKey("Ha Noi"), "hanoi");
  EXPECT_EQ(NameKey("Hoà Bình"), NameKey("Hòa Bình"));
  // NFD input: "Hà" with a combining grave accent.
  EXPECT_EQ(NameKey("Ha\xCC\x80 N\xC3\xB4\xCC\xA3i"), "hanoi");
  EXPECT_EQ(NameKey("Tỉnh Đắk Lắk"), "daklak");
  EXPECT_EQ(Fold("Thành phố  Hồ Chí Minh"), "thanh pho ho chi minh");
  EXPECT_EQ(ToNfc("Ha\xCC\x80"), "Hà");
  EXPECT_EQ(LowerNfc("HÀ NỘI"), "hà nội");
  EXPECT_EQ(EditDistance("hanoi", "hanio"), 2);
  EXPECT_TRUE(IsValidUtf8("Hà Nội"));
  EXPECT_FALSE(IsValidUtf8("H\xE0 N\xF4i"));
}

}  // namespace
}  // namespace lienket::core

#include "core/csv.hpp"
#include "core/measure_unit.hpp"

namespace lienket::core {
namespace {

TEST(Csv, ReadsQuotesSemicolonsAndBom) {
  std::string_view data =
      "\xEF\xBB\xBFprovince;value\r\n\"Hà Nội\";\"2.602,5\"\r\n\"a \"\"b\"\"\nc\";2\n";
  EXPECT_TRUE(StripUtf8Bom(&data));
  EXPECT_EQ(DetectCsvDelimiter(data), ';');
  CsvReader reader(data, ';');
  std::vector<std::string_view> f;
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string_view>{"province", "value"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f[1], "2.602,5");
  EXPECT_EQ(reader.record_line(), 2);
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f[0], "a \"b\"\nc");
  EXPECT_EQ(reader.record_line(), 3);
  EXPECT_FALSE(*reader.Next(&f));
}

TEST(Csv, ReportsAnUnclosedQuote) {
  CsvReader reader("a,b\n\"x,1\n", ',');
  std::vector<std::string_view> f;
  ASSERT_TRUE(*reader.Next(&f));
  auto r = reader.Next(&f);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message_en.find("line 2"), std::string::npos);
}

TEST(MeasureUnit, ConvertsEverySpelling) {
  auto ty = FindMeasureUnit("tỷ đồng");
  ASSERT_TRUE(ty.has_value());
  EXPECT_EQ((*ty)->id, "ty_dong");
  EXPECT_EQ((*FindMeasureUnit("billion VND"))->id, "ty_dong");
  EXPECT_EQ((*FindMeasureUnit("Triệu USD"))->id, "trieu_usd");
  EXPECT_EQ(FindMeasureUnit("%").error().code, ErrorCode::kInvalidArgument);  // index or change?
  EXPECT_EQ((*FindMeasureUnit("pct_change"))->id, "pct_change");
  EXPECT_EQ(
      ToCanonical(*Decimal::Parse("2602000.5"), **FindMeasureUnit("trieu_dong"), Dimension::kVnd)
          ->ToString(),
      "2602000500000");
  EXPECT_EQ(ToCanonical(*Decimal::Parse("-6.3"), **FindMeasureUnit("pct_change"), Dimension::kIndex)
                ->ToString(),
            "93.7");
  EXPECT_FALSE(ToCanonical(*Decimal::Parse("1"), **FindMeasureUnit("usd"), Dimension::kVnd));
  EXPECT_FALSE(FindMeasureUnit("bananas").has_value());
}

}  // namespace
}  // namespace lienket::core
