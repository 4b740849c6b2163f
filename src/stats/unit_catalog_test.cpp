#include "stats/unit_catalog.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::stats {
namespace {

using core::Date;
using core::Period;

class UnitCatalogTest : public ::testing::Test {
 protected:
  testing::ShippedCatalogs shipped_;
  const UnitCatalog& units() { return shipped_.units; }
  std::string Resolve(std::string_view text, std::string_view period) {
    auto u = units().Resolve(text, *Period::Parse(period));
    return u ? (*u)->key : "error:" + std::string(core::ErrorCodeName(u.error().code));
  }
};

TEST_F(UnitCatalogTest, Has63UnitsBefore2025And34After) {
  EXPECT_EQ(units().ProvincesOn(Date{2024, 12, 31}).size(), 63u);
  EXPECT_EQ(units().ProvincesOn(Date{2025, 7, 1}).size(), 34u);
}

TEST_F(UnitCatalogTest, ResolvesEverySpellingOfHaNoi) {
  for (const char* name : {"Hà Nội", "TP. Hà Nội", "Thành phố Hà Nội", "Ha Noi", "HÀ NỘI", "Hanoi",
                           "01", "1", "ha-noi", "Ha\xCC\x80 N\xC3\xB4\xCC\xA3i"}) {
    EXPECT_EQ(Resolve(name, "2024-H1"), "ha-noi") << name;
  }
  EXPECT_EQ(Resolve("Hoà Bình", "2024"), Resolve("Hòa Bình", "2024"));
  EXPECT_EQ(Resolve("Huế", "2024"), "thua-thien-hue");
  EXPECT_EQ(Resolve("Thừa Thiên Huế", "2025-Q4"), "thua-thien-hue");
  EXPECT_EQ(Resolve("TP.HCM", "2023"), "ho-chi-minh");
  EXPECT_EQ(Resolve("VN", "2023"), "vn");
  EXPECT_EQ(Resolve("Cả nước", "2023"), "vn");
}

TEST_F(UnitCatalogTest, ResolvesCodesAndNamesByPeriodAcrossTheMerger) {
  // Code 15 was Yên Bái until 30 June 2025 and is the merged Lào Cai from 1 July.
  EXPECT_EQ(Resolve("15", "2024"), "yen-bai");
  EXPECT_EQ(Resolve("15", "2025-Q3"), "lao-cai-2025");
  EXPECT_EQ(Resolve("Lào Cai", "2025-H1"), "lao-cai");
  EXPECT_EQ(Resolve("Lào Cai", "2025-Q4"), "lao-cai-2025");
  EXPECT_EQ(Resolve("Hà Nội", "2025-Q4"), "ha-noi");
}

TEST_F(UnitCatalogTest, ExplainsAProvinceThatNoLongerExisted) {
  auto u = units().Resolve("Yên Bái", *Period::Parse("2025-Q4"));
  ASSERT_FALSE(u.has_value());
  EXPECT_EQ(u.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(u.error().message_vi.find("Lào Cai"), std::string::npos) << u.error().message_vi;
  EXPECT_NE(u.error().message_vi.find("01/07/2025"), std::string::npos);
  // The whole year 2025 ends after the merger: old units cannot report it.
  EXPECT_EQ(Resolve("Yên Bái", "2025"), "error:failed_precondition");
}

TEST_F(UnitCatalogTest, SuggestsCloseNamesForTypos) {
  auto u = units().Resolve("Hà Nộii", *Period::Parse("2024"));
  ASSERT_FALSE(u.has_value());
  EXPECT_EQ(u.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(u.error().message_vi.find("Hà Nội"), std::string::npos) << u.error().message_vi;
  auto suggestions = units().Suggest("Thai Nguen");
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0], "Thái Nguyên");
}

TEST_F(UnitCatalogTest, MapsOldUnitsToTheirSuccessors) {
  const AdminUnit* yen_bai = units().FindByKey("yen-bai");
  const AdminUnit* ha_noi = units().FindByKey("ha-noi");
  ASSERT_NE(yen_bai, nullptr);
  EXPECT_EQ(units().FindById(units().SuccessorOf(yen_bai->id))->key, "lao-cai-2025");
  EXPECT_EQ(units().SuccessorOf(ha_noi->id), ha_noi->id);
}

TEST_F(UnitCatalogTest, NorthernRegionHas28MembersThen18) {
  const Region* region = nullptr;
  for (const Region& r : shipped_.data.regions) {
    if (r.key == "mien-bac-28") region = &r;
  }
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->MembersOn(Date{2024, 6, 30}, units()).size(), 28u);
  EXPECT_EQ(region->MembersOn(Date{2025, 12, 31}, units()).size(), 18u);
}

}  // namespace
}  // namespace lienket::stats
