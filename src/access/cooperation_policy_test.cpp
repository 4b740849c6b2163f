// Who acts in cooperation programmes and requests between Departments: a province's officer or
// approver for its own Department (across the 2025 merger), coordinators for the agreements with
// a party in their region, the administrator for all; enterprises and anonymous readers never.
#include <gtest/gtest.h>

#include "access/policy.hpp"
#include "stats/stats_test_util.hpp"

namespace lienket::access {
namespace {

class CooperationPolicyTest : public ::testing::Test {
 protected:
  stats::testing::ShippedCatalogs shipped_;
  Policy policy_{shipped_.units, shipped_.data.regions};

  int Id(std::string_view key) { return shipped_.units.FindByKey(key)->id; }
  User Make(Role role, std::optional<std::string_view> unit = std::nullopt,
            std::string region = "") {
    User u;
    u.id = 5;
    u.login = "u";
    u.role = role;
    if (unit) u.unit_id = Id(*unit);
    u.region_key = std::move(region);
    return u;
  }
};

TEST_F(CooperationPolicyTest, AProvinceActsForItsOwnDepartmentAcrossTheMerger) {
  User bac_giang = Make(Role::kOfficer, "bac-giang");
  User bac_ninh = Make(Role::kApprover, "bac-ninh-2025");
  EXPECT_TRUE(policy_.CanActForDepartment(&bac_giang, Id("bac-giang")));
  EXPECT_TRUE(policy_.CanActForDepartment(&bac_giang, Id("bac-ninh-2025")));
  EXPECT_TRUE(policy_.CanActForDepartment(&bac_ninh, Id("bac-giang")));
  EXPECT_FALSE(policy_.CanActForDepartment(&bac_giang, Id("lang-son")));
  User enterprise = Make(Role::kEnterprise);
  EXPECT_FALSE(policy_.CanActForDepartment(&enterprise, Id("lang-son")));
  EXPECT_FALSE(policy_.CanActForDepartment(nullptr, Id("lang-son")));
  User inactive = Make(Role::kOfficer, "lang-son");
  inactive.active = false;
  EXPECT_FALSE(policy_.CanActForDepartment(&inactive, Id("lang-son")));
  User admin = Make(Role::kAdmin);
  EXPECT_TRUE(policy_.CanActForDepartment(&admin, Id("lang-son")));
}

TEST_F(CooperationPolicyTest, CoordinatorsFollowAgreementsWithAPartyInTheirRegion) {
  std::vector<int> northern = {Id("lang-son"), Id("bac-giang"), Id("thai-nguyen")};
  User coord = Make(Role::kCoordinator, std::nullopt, "mien-bac-28");
  EXPECT_TRUE(policy_.CanFollowCooperation(&coord, northern));
  EXPECT_TRUE(policy_.CanManageAgreement(&coord, northern));
  User elsewhere = Make(Role::kCoordinator, std::nullopt, "no-such-region");
  EXPECT_FALSE(policy_.CanFollowCooperation(&elsewhere, northern));
  User officer = Make(Role::kOfficer, "lang-son");
  EXPECT_FALSE(policy_.CanFollowCooperation(&officer, northern));
  EXPECT_TRUE(policy_.CanManageAgreement(&officer, northern));
  User outsider = Make(Role::kOfficer, "nghe-an");
  EXPECT_FALSE(policy_.CanManageAgreement(&outsider, northern));
  User admin = Make(Role::kAdmin);
  EXPECT_TRUE(policy_.CanFollowCooperation(&admin, northern));
  EXPECT_FALSE(policy_.CanManageAgreement(nullptr, northern));
}

}  // namespace
}  // namespace lienket::access
