#include "linkage/product.hpp"

#include <gtest/gtest.h>

namespace lienket::linkage {
namespace {

using core::Date;
using core::Decimal;

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

TEST(VcpaCode, ParsesLevelsAndSections) {
  auto lychee = VcpaCode::Parse("0121101");
  ASSERT_TRUE(lychee) << lychee.error().message_en;
  EXPECT_EQ(lychee->Level(), 7);
  EXPECT_EQ(lychee->section(), 'A');
  EXPECT_EQ(VcpaCode::Parse("01.21.101")->digits(), "0121101");
  EXPECT_EQ(VcpaCode::Parse("A0121")->Level(), 4);
  EXPECT_EQ(VcpaCode::Parse("c")->Level(), 1);
  EXPECT_EQ(VcpaCode::Parse("c")->ToString(), "C");
  EXPECT_EQ(VcpaCode::Parse("1075")->section(), 'C');  // manufacturing
  EXPECT_EQ(VcpaCode::Parse("99")->section(), 'U');
}

TEST(VcpaCode, RefusesMalformedCodes) {
  EXPECT_FALSE(VcpaCode::Parse(""));
  EXPECT_FALSE(VcpaCode::Parse("0"));         // one digit is no level
  EXPECT_FALSE(VcpaCode::Parse("01211011"));  // eight digits
  EXPECT_FALSE(VcpaCode::Parse("01a1"));
  EXPECT_FALSE(VcpaCode::Parse("V"));
  auto division = VcpaCode::Parse("0412");
  ASSERT_FALSE(division);
  EXPECT_NE(division.error().message_en.find("no level-2 code \"04\""), std::string::npos);
  auto disagree = VcpaCode::Parse("C0121");
  ASSERT_FALSE(disagree);
  EXPECT_NE(disagree.error().message_en.find("01 belongs to section A, not C"), std::string::npos);
}

TEST(VcpaCode, CommonLevels) {
  auto c = [](std::string_view a, std::string_view b) {
    return CommonLevels(*VcpaCode::Parse(a), *VcpaCode::Parse(b));
  };
  EXPECT_EQ(c("0121101", "0121101"), 7);
  EXPECT_EQ(c("0121101", "0121102"), 6);
  EXPECT_EQ(c("0121101", "0122"), 3);
  EXPECT_EQ(c("0121101", "01"), 2);
  EXPECT_EQ(c("01", "02"), 1);  // same section A
  EXPECT_EQ(c("A", "0121"), 1);
  EXPECT_EQ(c("01", "10"), 0);  // A and C
  EXPECT_EQ(c("1075", "1079"), 3);
}

TEST(HsCode, ParsesTwoToEightDigits) {
  EXPECT_EQ(HsCode::Parse("0810.90.10")->digits(), "08109010");
  EXPECT_EQ(HsCode::Parse("0810.90.10")->Level(), 4);
  EXPECT_EQ(HsCode::Parse("08")->Level(), 1);
  EXPECT_EQ(HsCode::Parse("081090")->Level(), 3);
  for (const char* bad : {"", "8", "081", "0810901", "081090100", "00", "08x0"}) {
    EXPECT_FALSE(HsCode::Parse(bad)) << bad;
  }
}

TEST(HsCode, CommonLevels) {
  auto c = [](std::string_view a, std::string_view b) {
    return CommonLevels(*HsCode::Parse(a), *HsCode::Parse(b));
  };
  EXPECT_EQ(c("08109010", "08109010"), 4);
  EXPECT_EQ(c("08109010", "08109020"), 3);
  EXPECT_EQ(c("08109010", "081040"), 2);  // lychee vs cranberries: heading 0810
  EXPECT_EQ(c("08109010", "0804"), 1);    // chapter 08
  EXPECT_EQ(c("08109010", "09"), 0);
  EXPECT_EQ(c("0810", "0801"), 1);  // "08" shared, '1' vs '0' in the heading
}

TEST(OcopGroup, ParsesCurrentAndOldNames) {
  EXPECT_EQ(*ParseOcopGroup("Thực phẩm"), OcopGroup::kFood);
  EXPECT_EQ(*ParseOcopGroup("đồ uống"), OcopGroup::kBeverage);
  EXPECT_EQ(*ParseOcopGroup("Dược liệu và sản phẩm từ dược liệu"), OcopGroup::kHerbal);
  EXPECT_EQ(*ParseOcopGroup("Thảo dược"), OcopGroup::kHerbal);
  EXPECT_EQ(*ParseOcopGroup("Hàng thủ công mỹ nghệ"), OcopGroup::kHandicraft);
  EXPECT_EQ(*ParseOcopGroup("Lưu niệm - nội thất - trang trí"), OcopGroup::kHandicraft);
  EXPECT_EQ(*ParseOcopGroup("Vải và may mặc"), OcopGroup::kHandicraft);
  EXPECT_EQ(*ParseOcopGroup("Sinh vật cảnh"), OcopGroup::kOrnamental);
  EXPECT_EQ(*ParseOcopGroup("Dịch vụ du lịch cộng đồng"), OcopGroup::kTourism);
  EXPECT_EQ(*ParseOcopGroup("4"), OcopGroup::kHandicraft);
  for (int g = 0; g < 6; ++g) {
    auto group = static_cast<OcopGroup>(g);
    EXPECT_EQ(*ParseOcopGroup(OcopGroupId(group)), group);
    EXPECT_EQ(*ParseOcopGroup(OcopGroupNameVi(group)), group);
  }
  EXPECT_FALSE(ParseOcopGroup("7"));
  EXPECT_FALSE(ParseOcopGroup("điện tử"));
  EXPECT_FALSE(ParseOcopGroup(""));
}

TEST(OcopStars, ThreeToFive) {
  EXPECT_EQ(*ParseOcopStars("4"), 4);
  EXPECT_EQ(*ParseOcopStars("5 sao"), 5);
  EXPECT_EQ(*ParseOcopStars("3*"), 3);
  EXPECT_EQ(*ParseOcopStars("\u2605\u2605\u2605\u2605"), 4);
  EXPECT_FALSE(ParseOcopStars("2"));
  EXPECT_FALSE(ParseOcopStars("6"));
  EXPECT_FALSE(ParseOcopStars("bốn"));
  EXPECT_FALSE(ParseOcopStars(""));
}

TEST(AddMonths, ClampsToTheEndOfShorterMonths) {
  EXPECT_EQ(AddMonths(Date{2021, 5, 17}, 36), (Date{2024, 5, 17}));
  EXPECT_EQ(AddMonths(Date{2024, 1, 31}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddMonths(Date{2021, 2, 28}, 36), (Date{2024, 2, 28}));
  EXPECT_EQ(AddMonths(Date{2020, 2, 29}, 36), (Date{2023, 2, 28}));
  EXPECT_EQ(AddMonths(Date{2023, 11, 30}, 3), (Date{2024, 2, 29}));
}

TEST(OcopCertificate, CountsExactlyThirtySixMonths) {
  OcopCertificate cert{OcopGroup::kFood, 4, Date{2021, 5, 17}};
  EXPECT_EQ(cert.LastValidDay(), (Date{2024, 5, 17}));
  EXPECT_FALSE(cert.ValidOn(Date{2021, 5, 16}));  // before the certificate
  EXPECT_TRUE(cert.ValidOn(Date{2021, 5, 17}));
  EXPECT_TRUE(cert.ValidOn(Date{2024, 5, 16}));
  EXPECT_TRUE(cert.ValidOn(Date{2024, 5, 17}));   // exactly 36 months: still counts
  EXPECT_FALSE(cert.ValidOn(Date{2024, 5, 18}));  // older than 36 months
  OcopCertificate leap{OcopGroup::kFood, 3, Date{2020, 2, 29}};
  EXPECT_TRUE(leap.ValidOn(Date{2023, 2, 28}));
  EXPECT_FALSE(leap.ValidOn(Date{2023, 3, 1}));
}

TEST(Product, OcopValidOnAndStars) {
  Product p;
  p.name_vi = "Vải thiều Lục Ngạn";
  EXPECT_FALSE(p.OcopValidOn(Date{2024, 1, 1}));
  EXPECT_EQ(p.OcopStarsOn(Date{2024, 1, 1}), 0);
  p.ocop = OcopCertificate{OcopGroup::kFood, 4, Date{2021, 5, 17}};
  EXPECT_TRUE(p.OcopValidOn(Date{2024, 5, 17}));
  EXPECT_EQ(p.OcopStarsOn(Date{2024, 5, 17}), 4);
  EXPECT_EQ(p.OcopStarsOn(Date{2024, 5, 18}), 0);
}

TEST(Certifications, ParseAndSetOperations) {
  auto set = ParseCertifications("VietGAP; hữu cơ, Mã số vùng trồng");
  ASSERT_TRUE(set) << set.error().message_en;
  EXPECT_TRUE(set->Has(Certification::kVietGap));
  EXPECT_TRUE(set->Has(Certification::kOrganic));
  EXPECT_TRUE(set->Has(Certification::kGrowingAreaCode));
  EXPECT_FALSE(set->Has(Certification::kGlobalGap));
  EXPECT_EQ(set->ToStringVi(), "VietGAP, hữu cơ, mã số vùng trồng");
  EXPECT_EQ(set->ToIds(), "vietgap,organic,growing_area_code");
  EXPECT_EQ(*ParseCertifications(set->ToIds()), *set);
  EXPECT_TRUE(ParseCertifications("")->IsEmpty());
  EXPECT_EQ(*ParseCertifications("GlobalGAP | PUC"),
            (CertificationSet{Certification::kGlobalGap, Certification::kGrowingAreaCode}));
  auto bad = ParseCertifications("VietGAP, ISO 22000");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_en.find("\"ISO 22000\" is not known"), std::string::npos);

  CertificationSet required{Certification::kVietGap, Certification::kGlobalGap};
  EXPECT_FALSE(set->ContainsAll(required));
  EXPECT_EQ(set->Missing(required), CertificationSet{Certification::kGlobalGap});
  EXPECT_TRUE(set->ContainsAll(CertificationSet{Certification::kVietGap}));
  EXPECT_TRUE(set->ContainsAll(CertificationSet{}));
}

TEST(MonthSet, RangesWrapOverTheNewYear) {
  MonthSet winter = MonthSet::Range(11, 2);
  EXPECT_EQ(winter.Count(), 4);
  for (int m : {11, 12, 1, 2}) EXPECT_TRUE(winter.Has(m)) << m;
  for (int m = 3; m <= 10; ++m) EXPECT_FALSE(winter.Has(m)) << m;
  EXPECT_EQ(winter.ToString(), "11-2");
  EXPECT_EQ(MonthSet::Range(5, 7).ToString(), "5-7");
  EXPECT_EQ(MonthSet::Range(6, 6).ToString(), "6");
  EXPECT_EQ(MonthSet::Range(1, 12), MonthSet::All());
  EXPECT_EQ(MonthSet::Range(3, 2), MonthSet::All());  // wraps all the way round
  EXPECT_TRUE(MonthSet::Range(0, 5).IsEmpty());
  EXPECT_TRUE(MonthSet::Range(1, 13).IsEmpty());
}

TEST(MonthSet, OverlapAcrossTheNewYear) {
  MonthSet lychee = MonthSet::Range(5, 7);
  MonthSet oranges = MonthSet::Range(11, 2);  // Cao Phong oranges
  MonthSet tet = MonthSet::Range(12, 1);
  EXPECT_FALSE(lychee.Overlaps(oranges));
  EXPECT_TRUE(oranges.Overlaps(tet));
  EXPECT_EQ(oranges.Intersect(tet), tet);
  EXPECT_EQ(MonthSet::Range(10, 3).Intersect(MonthSet::Range(2, 5)).ToString(), "2-3");
  EXPECT_EQ(MonthSet::Range(10, 3).Intersect(MonthSet::Range(3, 10)).ToString(), "3,10");
}

TEST(MonthSet, ToStringAndParseRoundTrip) {
  MonthSet odd;
  for (int m : {1, 3, 5, 6, 7, 12}) odd.Add(m);
  // Runs in the order of their first month; the run over the new year comes last.
  EXPECT_EQ(odd.ToString(), "3,5-7,12-1");
  for (std::uint16_t bits : {0x0001, 0x0801, 0x0C03, 0x0AAA, 0x0FFF, 0x07FE, 0x0555}) {
    MonthSet s = MonthSet::FromBits(bits);
    auto back = ParseMonthSet(s.ToString());
    ASSERT_TRUE(back) << s.ToString();
    EXPECT_EQ(*back, s) << s.ToString();
  }
  EXPECT_EQ(MonthSet().ToString(), "");
}

TEST(MonthSet, ParsesWhatPeopleWrite) {
  EXPECT_EQ(*ParseMonthSet("11-2"), MonthSet::Range(11, 2));
  EXPECT_EQ(*ParseMonthSet("T11-T2"), MonthSet::Range(11, 2));
  EXPECT_EQ(*ParseMonthSet("tháng 5 đến tháng 7"), MonthSet::Range(5, 7));
  EXPECT_EQ(*ParseMonthSet("Tháng 5 - tháng 7"), MonthSet::Range(5, 7));
  EXPECT_EQ(*ParseMonthSet("5 to 7"), MonthSet::Range(5, 7));
  EXPECT_EQ(*ParseMonthSet("Quanh năm"), MonthSet::All());
  EXPECT_EQ(*ParseMonthSet("all year"), MonthSet::All());
  EXPECT_EQ(ParseMonthSet("1; 3; 9-10")->ToString(), "1,3,9-10");
  for (const char* bad : {"", "13", "0-3", "5-", "mùa hè", "5-7-9"}) {
    EXPECT_FALSE(ParseMonthSet(bad)) << bad;
  }
}

TEST(MonthSet, CoveringADateWindow) {
  EXPECT_EQ(MonthSet::Covering(Date{2024, 5, 20}, Date{2024, 7, 2}), MonthSet::Range(5, 7));
  EXPECT_EQ(MonthSet::Covering(Date{2024, 11, 15}, Date{2025, 2, 1}), MonthSet::Range(11, 2));
  EXPECT_EQ(MonthSet::Covering(Date{2024, 3, 1}, Date{2025, 6, 1}), MonthSet::All());
  EXPECT_TRUE(MonthSet::Covering(Date{2024, 3, 2}, Date{2024, 3, 1}).IsEmpty());
}

TEST(ProductUnit, ParsesSpellings) {
  EXPECT_EQ(*ParseProductUnit("kg"), ProductUnit::kKilogram);
  EXPECT_EQ(*ParseProductUnit("Tấn"), ProductUnit::kTonne);
  EXPECT_EQ(*ParseProductUnit("tonne"), ProductUnit::kTonne);
  EXPECT_EQ(*ParseProductUnit("tạ"), ProductUnit::kTa);
  EXPECT_EQ(*ParseProductUnit("yến"), ProductUnit::kYen);
  EXPECT_EQ(*ParseProductUnit("Lít"), ProductUnit::kLitre);
  EXPECT_EQ(*ParseProductUnit("thùng"), ProductUnit::kCarton);
  EXPECT_EQ(*ParseProductUnit("Hộp"), ProductUnit::kBox);
  EXPECT_EQ(*ParseProductUnit("chai"), ProductUnit::kBottle);
  EXPECT_EQ(*ParseProductUnit("chiếc"), ProductUnit::kPiece);
  EXPECT_EQ(*ParseProductUnit("cái"), ProductUnit::kPiece);
  auto bad = ParseProductUnit("bao");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_vi.find("tấn"), std::string::npos);
  for (int u = 0; u <= static_cast<int>(ProductUnit::kFruit); ++u) {
    auto unit = static_cast<ProductUnit>(u);
    EXPECT_EQ(*ParseProductUnit(ProductUnitId(unit)), unit) << ProductUnitId(unit);
    EXPECT_EQ(*ParseProductUnit(ProductUnitNameVi(unit)), unit) << ProductUnitNameVi(unit);
  }
}

TEST(ProductUnit, ConvertsMassAndVolumeExactly) {
  EXPECT_EQ(*ConvertQuantity(D("1.5"), ProductUnit::kTonne, ProductUnit::kKilogram), D("1500"));
  EXPECT_EQ(*ConvertQuantity(D("1.5"), ProductUnit::kTonne, ProductUnit::kTa), D("15"));
  EXPECT_EQ(*ConvertQuantity(D("3"), ProductUnit::kYen, ProductUnit::kKilogram), D("30"));
  EXPECT_EQ(*ConvertQuantity(D("250"), ProductUnit::kGram, ProductUnit::kKilogram), D("0.25"));
  EXPECT_EQ(*ConvertQuantity(D("20000"), ProductUnit::kKilogram, ProductUnit::kTonne), D("20"));
  EXPECT_EQ(*ConvertQuantity(D("1"), ProductUnit::kGram, ProductUnit::kTonne), D("0.000001"));
  EXPECT_EQ(*ConvertQuantity(D("500"), ProductUnit::kMillilitre, ProductUnit::kLitre), D("0.5"));
  EXPECT_EQ(*ConvertQuantity(D("12"), ProductUnit::kCarton, ProductUnit::kCarton), D("12"));
}

TEST(ProductUnit, RefusesConversionsAcrossKinds) {
  auto mass_to_volume = ConvertQuantity(D("1"), ProductUnit::kKilogram, ProductUnit::kLitre);
  ASSERT_FALSE(mass_to_volume);
  EXPECT_EQ(mass_to_volume.error().message_en, "Cannot convert kg to litre");
  EXPECT_FALSE(ConvertQuantity(D("1"), ProductUnit::kCarton, ProductUnit::kKilogram));
  EXPECT_FALSE(ConvertQuantity(D("1"), ProductUnit::kBox, ProductUnit::kCarton));
  // Below 10^-9 tonnes the value cannot be held exactly.
  EXPECT_FALSE(ConvertQuantity(D("0.0001"), ProductUnit::kGram, ProductUnit::kTonne));
}

TEST(Product, ValidateChecksItsInvariants) {
  Product p;
  p.name_vi = "Mật ong bạc hà";
  EXPECT_TRUE(p.Validate());
  p.price = PriceRange{D("350000"), D("300000")};
  auto price = p.Validate();
  ASSERT_FALSE(price);
  EXPECT_EQ(price.error().message_en, "The lowest price 350000 is above the highest 300000");
  p.price = PriceRange{D("-1"), D("300000")};
  EXPECT_FALSE(p.Validate());
  p.price = PriceRange{D("300000"), D("300000")};
  EXPECT_TRUE(p.Validate());
  p.capacity_per_year = D("-5");
  EXPECT_FALSE(p.Validate());
  p.capacity_per_year = D("12");
  p.ocop = OcopCertificate{OcopGroup::kFood, 2, Date{2023, 1, 1}};
  EXPECT_FALSE(p.Validate());
  p.ocop->stars = 5;
  EXPECT_TRUE(p.Validate());
  p.name_vi = "";
  EXPECT_FALSE(p.Validate());
}

}  // namespace
}  // namespace lienket::linkage
