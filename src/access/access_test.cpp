// Who may do what with whose figures (Policy), the account checks (ValidateUser) and the
// password hashes, against the shipped units and regions.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "access/policy.hpp"
#include "access/user.hpp"
#include "stats/stats_test_util.hpp"

namespace lienket::access {
namespace {

class PolicyTest : public ::testing::Test {
 protected:
  stats::testing::ShippedCatalogs shipped_;
  Policy policy_{shipped_.units, shipped_.data.regions};

  int Id(std::string_view key) {
    const stats::AdminUnit* unit = shipped_.units.FindByKey(key);
    EXPECT_NE(unit, nullptr) << key;
    return unit ? unit->id : -1;
  }
  User Provincial(Role role, std::string_view unit) {
    User u;
    u.id = 7;
    u.login = "someone";
    u.display_name = "Someone";
    u.role = role;
    u.unit_id = Id(unit);
    return u;
  }
  static User Coordinator(std::string region) {
    User u;
    u.id = 8;
    u.login = "coord";
    u.display_name = "Coordinator";
    u.role = Role::kCoordinator;
    u.region_key = std::move(region);
    return u;
  }
  static User Plain(Role role) {
    User u;
    u.id = 9;
    u.login = "plain";
    u.display_name = "Plain";
    u.role = role;
    return u;
  }
};

TEST_F(PolicyTest, AnonymousMayDoNothing) {
  for (std::string_view key : {"nghe-an", "ha-tinh", "bac-ninh", "bac-ninh-2025"}) {
    EXPECT_FALSE(policy_.CanEnter(nullptr, Id(key)));
    EXPECT_FALSE(policy_.CanSubmit(nullptr, Id(key)));
    EXPECT_FALSE(policy_.CanWithdraw(nullptr, Id(key)));
    EXPECT_FALSE(policy_.CanReview(nullptr, Id(key)));
    EXPECT_FALSE(policy_.CanSeeDrafts(nullptr, Id(key)));
  }
  EXPECT_FALSE(policy_.CanCoordinate(nullptr, "mien-bac-28"));
  EXPECT_FALSE(policy_.CanManageUsers(nullptr));
}

TEST_F(PolicyTest, OfficerEntersAndSubmitsOnlyTheirProvince) {
  User officer = Provincial(Role::kOfficer, "nghe-an");
  EXPECT_TRUE(policy_.CanEnter(&officer, Id("nghe-an")));
  EXPECT_TRUE(policy_.CanSubmit(&officer, Id("nghe-an")));
  EXPECT_TRUE(policy_.CanSeeDrafts(&officer, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanWithdraw(&officer, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanReview(&officer, Id("nghe-an")));
  for (std::string_view other : {"ha-tinh", "bac-ninh", "ha-noi"}) {
    EXPECT_FALSE(policy_.CanEnter(&officer, Id(other))) << other;
    EXPECT_FALSE(policy_.CanSubmit(&officer, Id(other))) << other;
    EXPECT_FALSE(policy_.CanSeeDrafts(&officer, Id(other))) << other;
  }
  EXPECT_FALSE(policy_.CanCoordinate(&officer, "mien-bac-28"));
  EXPECT_FALSE(policy_.CanManageUsers(&officer));
}

TEST_F(PolicyTest, ApproverAlsoWithdrawsButNeverReviews) {
  User approver = Provincial(Role::kApprover, "nghe-an");
  EXPECT_TRUE(policy_.CanEnter(&approver, Id("nghe-an")));
  EXPECT_TRUE(policy_.CanWithdraw(&approver, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanReview(&approver, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanWithdraw(&approver, Id("ha-tinh")));
  EXPECT_FALSE(policy_.CanEnter(&approver, Id("ha-tinh")));
  EXPECT_FALSE(policy_.CanCoordinate(&approver, "mien-bac-28"));
}

TEST_F(PolicyTest, CoordinatorReviewsMembersOfTheRegionAndItsSubRegions) {
  User coordinator = Coordinator("mien-bac-28");
  for (std::string_view key : {"nghe-an", "ha-tinh", "ha-noi", "bac-ninh", "bac-ninh-2025"}) {
    EXPECT_TRUE(policy_.CanReview(&coordinator, Id(key))) << key;
    EXPECT_TRUE(policy_.CanSeeDrafts(&coordinator, Id(key))) << key;
    EXPECT_FALSE(policy_.CanEnter(&coordinator, Id(key))) << key;
    EXPECT_FALSE(policy_.CanWithdraw(&coordinator, Id(key))) << key;
  }
  // Outside the 28 (southern provinces).
  EXPECT_FALSE(policy_.CanReview(&coordinator, Id("ho-chi-minh")));
  EXPECT_FALSE(policy_.CanSeeDrafts(&coordinator, Id("ho-chi-minh")));
  EXPECT_TRUE(policy_.CanCoordinate(&coordinator, "mien-bac-28"));
  EXPECT_TRUE(policy_.CanCoordinate(&coordinator, "mb28-bac-trung-bo"));
  EXPECT_FALSE(policy_.CanCoordinate(&coordinator, "ca-nuoc"));
  EXPECT_FALSE(policy_.CanCoordinate(&coordinator, "no-such-region"));
  EXPECT_FALSE(policy_.CanManageUsers(&coordinator));
}

TEST_F(PolicyTest, SubRegionCoordinatorReviewsOnlyItsOwnMembersInEitherEra) {
  User north_central = Coordinator("mb28-bac-trung-bo");
  EXPECT_TRUE(policy_.CanReview(&north_central, Id("nghe-an")));
  EXPECT_TRUE(policy_.CanReview(&north_central, Id("ha-tinh")));
  EXPECT_FALSE(policy_.CanReview(&north_central, Id("ha-noi")));
  EXPECT_FALSE(policy_.CanCoordinate(&north_central, "mien-bac-28"));  // not the parent
  EXPECT_TRUE(policy_.CanCoordinate(&north_central, "mb28-bac-trung-bo"));

  // Bắc Ninh before the merger sat in the Red River Delta; the merged Bắc Ninh (seat in Bắc
  // Giang) in the Midlands and Mountains.
  User delta = Coordinator("mb28-dong-bang-song-hong");
  EXPECT_TRUE(policy_.CanReview(&delta, Id("bac-ninh")));
  EXPECT_FALSE(policy_.CanReview(&delta, Id("bac-ninh-2025")));
  User midlands = Coordinator("mb28-trung-du-mien-nui");
  EXPECT_TRUE(policy_.CanReview(&midlands, Id("bac-ninh-2025")));
  EXPECT_TRUE(policy_.CanReview(&midlands, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanReview(&midlands, Id("bac-ninh")));
}

TEST_F(PolicyTest, AdminMayDoEverythingWithARealUnit) {
  User admin = Plain(Role::kAdmin);
  for (std::string_view key : {"nghe-an", "ha-tinh", "bac-ninh-2025", "ho-chi-minh"}) {
    EXPECT_TRUE(policy_.CanEnter(&admin, Id(key))) << key;
    EXPECT_TRUE(policy_.CanWithdraw(&admin, Id(key))) << key;
    EXPECT_TRUE(policy_.CanReview(&admin, Id(key))) << key;
    EXPECT_TRUE(policy_.CanSeeDrafts(&admin, Id(key))) << key;
  }
  EXPECT_FALSE(policy_.CanEnter(&admin, 999999));
  EXPECT_FALSE(policy_.CanReview(&admin, 999999));
  EXPECT_TRUE(policy_.CanCoordinate(&admin, "mien-bac-28"));
  EXPECT_FALSE(policy_.CanCoordinate(&admin, "no-such-region"));
  EXPECT_TRUE(policy_.CanManageUsers(&admin));
}

TEST_F(PolicyTest, EnterpriseHasNoStatisticsRights) {
  User enterprise = Plain(Role::kEnterprise);
  EXPECT_FALSE(policy_.CanEnter(&enterprise, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanReview(&enterprise, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanSeeDrafts(&enterprise, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanCoordinate(&enterprise, "mien-bac-28"));
  EXPECT_FALSE(policy_.CanManageUsers(&enterprise));
}

TEST_F(PolicyTest, InactiveUsersMayDoNothing) {
  User officer = Provincial(Role::kOfficer, "nghe-an");
  User coordinator = Coordinator("mien-bac-28");
  User admin = Plain(Role::kAdmin);
  for (User* u : {&officer, &coordinator, &admin}) {
    u->active = false;
    EXPECT_FALSE(policy_.CanEnter(u, Id("nghe-an")));
    EXPECT_FALSE(policy_.CanWithdraw(u, Id("nghe-an")));
    EXPECT_FALSE(policy_.CanReview(u, Id("nghe-an")));
    EXPECT_FALSE(policy_.CanSeeDrafts(u, Id("nghe-an")));
    EXPECT_FALSE(policy_.CanCoordinate(u, "mien-bac-28"));
    EXPECT_FALSE(policy_.CanManageUsers(u));
  }
}

TEST_F(PolicyTest, ProvincialUserWithoutAProvinceMayEnterNothing) {
  User officer = Plain(Role::kOfficer);
  EXPECT_FALSE(policy_.CanEnter(&officer, Id("nghe-an")));
  User coordinator = Coordinator("");
  EXPECT_FALSE(policy_.CanReview(&coordinator, Id("nghe-an")));
  EXPECT_FALSE(policy_.CanCoordinate(&coordinator, "mien-bac-28"));
}

// --- ValidateUser

User Valid(Role role) {
  User u;
  u.login = "nguyen.van-a_1@so";
  u.display_name = "Nguyễn Văn A";
  u.role = role;
  if (role == Role::kOfficer || role == Role::kApprover) u.unit_id = 40;
  if (role == Role::kCoordinator) u.region_key = "mien-bac-28";
  return u;
}

core::ErrorCode CodeOf(const core::Status& s) {
  return s ? core::ErrorCode::kInternal : s.error().code;
}

TEST_F(PolicyTest, EventsAreOrganisedByTheHostProvinceItsCoordinatorAndTheAdmin) {
  User officer = Provincial(Role::kOfficer, "bac-giang");
  User other = Provincial(Role::kOfficer, "thanh-hoa");
  User coordinator = Coordinator("mien-bac-28");
  User admin = Plain(Role::kAdmin);
  User enterprise = Plain(Role::kEnterprise);
  EXPECT_TRUE(policy_.CanOrganiseEvent(&officer, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanOrganiseEvent(&other, Id("bac-giang")));
  EXPECT_TRUE(policy_.CanOrganiseEvent(&coordinator, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanOrganiseEvent(&coordinator, Id("ho-chi-minh")));
  EXPECT_TRUE(policy_.CanOrganiseEvent(&admin, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanOrganiseEvent(&enterprise, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanOrganiseEvent(nullptr, Id("bac-giang")));
}

TEST(ValidateUser, AcceptsEachRoleWithWhatItNeeds) {
  for (Role role : {Role::kAdmin, Role::kCoordinator, Role::kOfficer, Role::kApprover,
                    Role::kEnterprise})
    EXPECT_TRUE(ValidateUser(Valid(role))) << RoleId(role);
}

TEST(ValidateUser, RefusesBadLogins) {
  for (std::string login : std::vector<std::string>{"ab", std::string(65, 'a'), "có-dấu", "with space",
                                                    "semi;colon", ""}) {
    User u = Valid(Role::kAdmin);
    u.login = login;
    auto s = ValidateUser(u);
    ASSERT_FALSE(s) << login;
    EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(s.error().message_vi.empty());
  }
  User edge = Valid(Role::kAdmin);
  edge.login = std::string(64, 'a');
  EXPECT_TRUE(ValidateUser(edge));
  edge.login = "abc";
  EXPECT_TRUE(ValidateUser(edge));
}

TEST(ValidateUser, RefusesMissingOrExtraProvinceAndRegion) {
  User officer = Valid(Role::kOfficer);
  officer.unit_id.reset();
  EXPECT_EQ(CodeOf(ValidateUser(officer)), core::ErrorCode::kInvalidArgument);
  User approver = Valid(Role::kApprover);
  approver.unit_id.reset();
  EXPECT_EQ(CodeOf(ValidateUser(approver)), core::ErrorCode::kInvalidArgument);
  User coordinator = Valid(Role::kCoordinator);
  coordinator.region_key.clear();
  EXPECT_EQ(CodeOf(ValidateUser(coordinator)), core::ErrorCode::kInvalidArgument);
  User admin_with_unit = Valid(Role::kAdmin);
  admin_with_unit.unit_id = 40;
  EXPECT_EQ(CodeOf(ValidateUser(admin_with_unit)), core::ErrorCode::kInvalidArgument);
  User enterprise_with_region = Valid(Role::kEnterprise);
  enterprise_with_region.region_key = "mien-bac-28";
  EXPECT_EQ(CodeOf(ValidateUser(enterprise_with_region)), core::ErrorCode::kInvalidArgument);
  User officer_with_region = Valid(Role::kOfficer);
  officer_with_region.region_key = "mien-bac-28";
  EXPECT_EQ(CodeOf(ValidateUser(officer_with_region)), core::ErrorCode::kInvalidArgument);
  User nameless = Valid(Role::kAdmin);
  nameless.display_name.clear();
  EXPECT_EQ(CodeOf(ValidateUser(nameless)), core::ErrorCode::kInvalidArgument);
}

TEST(Roles, ParseAndNameRoundTrip) {
  for (Role role : {Role::kAdmin, Role::kCoordinator, Role::kOfficer, Role::kApprover,
                    Role::kEnterprise}) {
    auto parsed = ParseRole(RoleId(role));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, role);
    EXPECT_FALSE(RoleLabelVi(role).empty());
  }
  auto bad = ParseRole("superuser");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
}

// --- passwords and tokens

TEST(Password, HashIsArgon2idAndVerifies) {
  auto hash = HashPassword("mật khẩu đủ dài");
  ASSERT_TRUE(hash) << hash.error().message_en;
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "mật khẩu đủ dài"));
  EXPECT_FALSE(VerifyPassword(*hash, "mật khẩu đủ dài "));
  EXPECT_FALSE(VerifyPassword(*hash, "wrong password"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "mật khẩu đủ dài"));
}

TEST(Password, SaltMakesEachHashDifferent) {
  auto a = HashPassword("correct horse battery");
  auto b = HashPassword("correct horse battery");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*b, "correct horse battery"));
}

TEST(Password, ShortPasswordsAreRefused) {
  auto short_one = HashPassword("123456789");  // 9 characters
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(short_one.error().message_vi.empty());
  EXPECT_TRUE(HashPassword("1234567890"));  // 10 is enough
}

TEST(Password, DecoyHashVerifiesNothing) {
  const std::string& decoy = DecoyPasswordHash();
  EXPECT_EQ(decoy.rfind("$argon2id$", 0), 0u);
  EXPECT_FALSE(VerifyPassword(decoy, "password123"));
  EXPECT_FALSE(VerifyPassword(decoy, ""));
}

TEST(Tokens, RandomHexSha256AndSecureEquals) {
  std::string a = RandomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, RandomHex(32));
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(SecureEquals("abcd", "abcd"));
  EXPECT_FALSE(SecureEquals("abcd", "abce"));
  EXPECT_FALSE(SecureEquals("abcd", "abc"));
  EXPECT_FALSE(SecureEquals("", "x"));
}

}  // namespace
}  // namespace lienket::access
