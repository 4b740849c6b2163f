#include "linkage/organisation.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using core::ErrorCode;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const stats::testing::ShippedCatalogs catalogs;
  return catalogs;
}

int UnitId(std::string_view key) { return Catalogs().units.FindByKey(key)->id; }

Organisation Enterprise() {
  Organisation o;
  o.kind = OrganisationKind::kEnterprise;
  o.name = "Công ty TNHH Vải thiều Lục Ngạn";
  o.tax_code = *TaxCode::Parse("2400123458");
  o.unit_id = UnitId("bac-giang");
  o.registered_on = Date{2019, 3, 4};
  return o;
}

TEST(OrganisationKind, ParsesNamesAbbreviationsAndIds) {
  EXPECT_EQ(*ParseOrganisationKind("Doanh nghiệp"), OrganisationKind::kEnterprise);
  EXPECT_EQ(*ParseOrganisationKind("HTX"), OrganisationKind::kCooperative);
  EXPECT_EQ(*ParseOrganisationKind("hop tac xa"), OrganisationKind::kCooperative);
  EXPECT_EQ(*ParseOrganisationKind("Hộ kinh doanh"), OrganisationKind::kHouseholdBusiness);
  EXPECT_EQ(*ParseOrganisationKind("household_business"), OrganisationKind::kHouseholdBusiness);
  auto bad = ParseOrganisationKind("tổ hợp tác");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_vi.find("hợp tác xã (HTX)"), std::string::npos);
  for (auto k : {OrganisationKind::kEnterprise, OrganisationKind::kCooperative,
                 OrganisationKind::kHouseholdBusiness}) {
    EXPECT_EQ(*ParseOrganisationKind(OrganisationKindId(k)), k);
    EXPECT_EQ(*ParseOrganisationKind(OrganisationKindNameVi(k)), k);
  }
}

TEST(NormalisePhone, MobileAndLandlineToPlus84) {
  EXPECT_EQ(*NormalisePhone("0912 345 678"), "+84912345678");
  EXPECT_EQ(*NormalisePhone("0912.345.678"), "+84912345678");
  EXPECT_EQ(*NormalisePhone("+84 912 345 678"), "+84912345678");
  EXPECT_EQ(*NormalisePhone("84912345678"), "+84912345678");
  EXPECT_EQ(*NormalisePhone("+84 (0) 912 345 678"), "+84912345678");
  EXPECT_EQ(*NormalisePhone("(024) 3823 4567"), "+842438234567");
  EXPECT_EQ(*NormalisePhone("0204 3854 123"), "+842043854123");
}

TEST(NormalisePhone, RefusesWhatIsNoVietnamesePhone) {
  EXPECT_FALSE(NormalisePhone("0912 345 67"));   // 9 digits
  EXPECT_FALSE(NormalisePhone("0112 345 678"));  // no such prefix
  EXPECT_FALSE(NormalisePhone("+1 202 555 0143"));
  auto letters = NormalisePhone("09l2345678");
  ASSERT_FALSE(letters);
  EXPECT_NE(letters.error().message_en.find("not a digit"), std::string::npos);
  EXPECT_FALSE(NormalisePhone(""));
}

TEST(NormaliseEmail, LowerCasesTheDomainOnly) {
  EXPECT_EQ(*NormaliseEmail("  Lan.Nguyen@SCT.BacGiang.gov.vn "), "Lan.Nguyen@sct.bacgiang.gov.vn");
  EXPECT_FALSE(NormaliseEmail("lan.nguyen"));
  EXPECT_FALSE(NormaliseEmail("@sct.gov.vn"));
  EXPECT_FALSE(NormaliseEmail("lan@localhost"));
  EXPECT_FALSE(NormaliseEmail("lan@@sct.gov.vn"));
  EXPECT_FALSE(NormaliseEmail("lan nguyen@sct.gov.vn"));
}

TEST(ParseCitizenId, TwelveDigits) {
  EXPECT_EQ(*ParseCitizenId("024 087 123 456"), "024087123456");
  auto short_id = ParseCitizenId("02408712345");
  ASSERT_FALSE(short_id);
  EXPECT_NE(short_id.error().message_en.find("has 11 digits"), std::string::npos);
  EXPECT_FALSE(ParseCitizenId("02408712345A"));
}

TEST(ParseVsicSection, LettersAToU) {
  EXPECT_EQ(*ParseVsicSection("a"), 'A');
  EXPECT_EQ(*ParseVsicSection(" C "), 'C');
  EXPECT_EQ(*ParseVsicSection("U"), 'U');
  EXPECT_FALSE(ParseVsicSection("V"));
  EXPECT_FALSE(ParseVsicSection("01"));
  EXPECT_FALSE(ParseVsicSection(""));
}

TEST(Organisation, ValidEnterprise) { EXPECT_TRUE(Enterprise().Validate(Catalogs().units)); }

TEST(Organisation, EnterpriseAndCooperativeNeedATaxCode) {
  Organisation o = Enterprise();
  o.tax_code.reset();
  auto status = o.Validate(Catalogs().units);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message_en, "An enterprise must have a tax code");
  o.kind = OrganisationKind::kCooperative;
  EXPECT_EQ(o.Validate(Catalogs().units).error().message_en, "A cooperative must have a tax code");
}

TEST(Organisation, HouseholdMayHaveCitizenIdOrNothing) {
  Organisation o = Enterprise();
  o.kind = OrganisationKind::kHouseholdBusiness;
  o.tax_code.reset();
  EXPECT_TRUE(o.Validate(Catalogs().units));
  o.citizen_id = "024087123456";
  EXPECT_TRUE(o.Validate(Catalogs().units));
  o.citizen_id = "02408712";
  EXPECT_FALSE(o.Validate(Catalogs().units));
  Organisation e = Enterprise();
  e.citizen_id = "024087123456";
  EXPECT_FALSE(e.Validate(Catalogs().units));
}

TEST(Organisation, ProvinceMustExistOnTheRegistrationDate) {
  Organisation o = Enterprise();
  o.registered_on = Date{2025, 7, 1};  // Bắc Giang merged into Bắc Ninh on this day
  auto status = o.Validate(Catalogs().units);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(status.error().message_vi.find("Tỉnh Bắc Giang không tồn tại"), std::string::npos);
  o.unit_id = UnitId("bac-ninh-2025");
  EXPECT_TRUE(o.Validate(Catalogs().units));
  o.unit_id = 987654;
  EXPECT_EQ(o.Validate(Catalogs().units).error().code, ErrorCode::kNotFound);
  o.unit_id = UnitId("vn");
  EXPECT_EQ(o.Validate(Catalogs().units).error().code, ErrorCode::kNotFound);
}

TEST(Organisation, EmptyNameIsRefused) {
  Organisation o = Enterprise();
  o.name = "  ";
  EXPECT_FALSE(o.Validate(Catalogs().units));
}

TEST(OrganisationClaim, UnclaimedToClaimedToVerified) {
  const auto& units = Catalogs().units;
  Organisation o = Enterprise();
  ASSERT_TRUE(o.Claim(42));
  EXPECT_EQ(o.status, ClaimStatus::kClaimed);
  EXPECT_EQ(o.claimed_by, 42);
  ASSERT_TRUE(o.Verify(UnitId("bac-giang"), units, Date{2024, 5, 17}));
  EXPECT_EQ(o.status, ClaimStatus::kVerified);
  EXPECT_EQ(o.verified_on, (Date{2024, 5, 17}));
}

TEST(OrganisationClaim, RefusedTransitions) {
  const auto& units = Catalogs().units;
  const int bac_giang = UnitId("bac-giang");
  Organisation o = Enterprise();
  // From unclaimed: only Claim.
  EXPECT_EQ(o.ReleaseClaim().error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(o.Verify(bac_giang, units, Date{2024, 1, 1}).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(o.RevokeVerification(bac_giang, units).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(o.Claim(0).error().code, ErrorCode::kInvalidArgument);
  // From claimed: not Claim again, not Revoke.
  ASSERT_TRUE(o.Claim(7));
  auto again = o.Claim(8);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message_en, "Cannot claim it: the organisation is claimed");
  EXPECT_EQ(o.claimed_by, 7);
  EXPECT_FALSE(o.RevokeVerification(bac_giang, units));
  // From verified: not Claim, not Verify, not Release.
  ASSERT_TRUE(o.Verify(bac_giang, units, Date{2024, 1, 1}));
  EXPECT_FALSE(o.Claim(9));
  EXPECT_FALSE(o.Verify(bac_giang, units, Date{2024, 1, 2}));
  EXPECT_FALSE(o.ReleaseClaim());
  EXPECT_EQ(o.status, ClaimStatus::kVerified);
}

TEST(OrganisationClaim, ReleaseAndRevoke) {
  const auto& units = Catalogs().units;
  Organisation o = Enterprise();
  ASSERT_TRUE(o.Claim(7));
  ASSERT_TRUE(o.ReleaseClaim());
  EXPECT_EQ(o.status, ClaimStatus::kUnclaimed);
  EXPECT_EQ(o.claimed_by, 0);
  ASSERT_TRUE(o.Claim(8));
  ASSERT_TRUE(o.Verify(UnitId("bac-giang"), units, Date{2024, 1, 1}));
  ASSERT_TRUE(o.RevokeVerification(UnitId("bac-giang"), units));
  EXPECT_EQ(o.status, ClaimStatus::kClaimed);
  EXPECT_FALSE(o.verified_on);
}

TEST(OrganisationClaim, OnlyTheProvincesDepartmentOrItsSuccessorVerifies) {
  const auto& units = Catalogs().units;
  Organisation o = Enterprise();
  ASSERT_TRUE(o.Claim(7));
  auto other = o.Verify(UnitId("ha-noi"), units, Date{2024, 1, 1});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(o.status, ClaimStatus::kClaimed);
  // After 1 July 2025 Bắc Giang's organisations answer to the merged Bắc Ninh.
  EXPECT_TRUE(o.IsUnderDepartment(UnitId("bac-ninh-2025"), units));
  EXPECT_FALSE(o.IsUnderDepartment(UnitId("bac-ninh"), units));
  ASSERT_TRUE(o.Verify(UnitId("bac-ninh-2025"), units, Date{2025, 8, 1}));
}

TEST(ClaimStatus, IdsRoundTrip) {
  for (auto s : {ClaimStatus::kUnclaimed, ClaimStatus::kClaimed, ClaimStatus::kVerified}) {
    EXPECT_EQ(*ParseClaimStatus(ClaimStatusId(s)), s);
  }
  EXPECT_FALSE(ParseClaimStatus("approved"));
}

}  // namespace
}  // namespace lienket::linkage
