#include "stats/synthesis.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::stats {
namespace {

using core::Decimal;
using core::Period;

// Figures chosen so that every expected result can be checked by hand (see each test).
class SynthesisTest : public ::testing::Test {
 protected:
  testing::ShippedCatalogs shipped_;
  std::vector<Observation> rows_;

  const Region* RegionByKey(const std::string& key) {
    for (const Region& r : shipped_.data.regions) {
      if (r.key == key) return &r;
    }
    return nullptr;
  }
  void Add(const std::string& unit_key, const std::string& indicator, const std::string& period,
           const std::string& value, Qualifier q = Qualifier::kExact,
           const std::string& basis = "goods_and_services") {
    Observation o;
    o.unit_id = shipped_.units.FindByKey(unit_key)->id;
    o.indicator_id = indicator;
    o.period = *Period::Parse(period);
    o.value = *Decimal::Parse(value);
    o.qualifier = q;
    o.basis = basis;
    o.as_of = core::Date{2025, 1, 1};
    rows_.push_back(o);
  }
  SynthesisResult Run(const std::string& region, const std::string& period,
                      const std::string& indicator, std::optional<Decimal> threshold = {}) {
    SynthesisRequest request;
    request.region = RegionByKey(region);
    request.period = *Period::Parse(period);
    request.indicator_id = indicator;
    request.threshold = threshold;
    auto r = Synthesise(request, shipped_.units, shipped_.indicators, rows_);
    EXPECT_TRUE(r.has_value());
    // The prepared index must give the same answer as the plain call, in every test.
    auto indexed =
        Synthesise(request, shipped_.units, shipped_.indicators, ObservationIndex(rows_));
    EXPECT_TRUE(indexed.has_value());
    EXPECT_EQ(Digest(*indexed), Digest(*r));
    return *r;
  }
  static std::string S(const std::optional<Decimal>& d) { return d ? d->ToString() : "none"; }
  // Every figure of a result, as text, to compare two results.
  static std::string Digest(const SynthesisResult& r) {
    std::string out = r.basis + " other:";
    for (const std::string& b : r.other_bases) out += b + ",";
    out += " members " + std::to_string(r.members) + " missing " +
           std::to_string(r.missing.size()) + " total " + S(r.total) + " q" +
           std::to_string(static_cast<int>(r.total_qualifier)) + " prev " + S(r.previous_total) +
           " comp " + S(r.comparable_total) + "/" + std::to_string(r.comparable_members) +
           " growth " + S(r.growth_pct) + " q" +
           std::to_string(static_cast<int>(r.growth_qualifier)) + " merger " +
           std::to_string(r.merger_reaggregated) + " published " +
           std::to_string(r.used_published_growth) + " range " + S(r.min) + ".." + S(r.max) +
           " nation " +
           S(r.national.current ? std::optional(r.national.current->value) : std::nullopt) + " " +
           S(r.national.growth_pct) + " share " + S(r.share_of_nation_pct) +
           std::to_string(r.share_is_lower_bound) + " counts " + std::to_string(r.with_growth) +
           "/" + std::to_string(r.growing) + "/" + std::to_string(r.falling) + "/" +
           std::to_string(r.above_national) + "/" + std::to_string(r.at_or_above_threshold) +
           " plan " + S(r.plan_total) + " " + S(r.plan_spend_total) + " " +
           S(r.plan_execution_pct) + "/" + std::to_string(r.plan_members) + "\n";
    for (const ProvinceResult& p : r.provinces) {
      out += p.unit->key + " #" + std::to_string(p.rank) + " " +
             S(p.current ? std::optional(p.current->value) : std::nullopt) + " prev " +
             S(p.previous) + " from " + std::to_string(p.previous_from.size()) + " growth " +
             S(p.growth_pct) + " shares " + S(p.share_of_region_pct) + " " +
             S(p.share_of_nation_pct) + " contribution " + S(p.contribution_pp) + " plan " +
             S(p.plan) + " " + S(p.plan_execution_pct) + "\n";
    }
    return out;
  }
};

TEST_F(SynthesisTest, FlowTotalsGrowthSharesCountsAndContributions) {
  // Bắc Trung Bộ: Thanh Hóa 100 (80 a year earlier), Nghệ An 200 (200), Hà Tĩnh "trên 50" (40).
  // Nation 1000 (900).
  Add("thanh-hoa", "retail_sales", "2024", "100");
  Add("nghe-an", "retail_sales", "2024", "200");
  Add("ha-tinh", "retail_sales", "2024", "50", Qualifier::kLowerBound);
  Add("thanh-hoa", "retail_sales", "2023", "80");
  Add("nghe-an", "retail_sales", "2023", "200");
  Add("ha-tinh", "retail_sales", "2023", "40");
  Add("vn", "retail_sales", "2024", "1000");
  Add("vn", "retail_sales", "2023", "900");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024", "retail_sales");
  EXPECT_EQ(r.members, 3);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(S(r.total), "350");                          // 100 + 200 + 50
  EXPECT_EQ(r.total_qualifier, Qualifier::kLowerBound);  // "trên 50" makes it "trên 350"
  EXPECT_EQ(S(r.growth_pct), "9.375");                   // 350 / 320 − 1
  EXPECT_EQ(r.growth_qualifier, Qualifier::kLowerBound);
  EXPECT_EQ(S(r.national.growth_pct), "11.111111111");  // 1000 / 900 − 1
  EXPECT_EQ(S(r.share_of_nation_pct), "35");            // 350 / 1000
  EXPECT_TRUE(r.share_is_lower_bound);
  EXPECT_EQ(r.growing, 2);         // Thanh Hóa +25%, Hà Tĩnh +25%; Nghệ An flat
  EXPECT_EQ(r.above_national, 2);  // both above +11.1%
  ASSERT_EQ(r.provinces.size(), 3u);
  EXPECT_EQ(r.provinces[0].unit->key, "nghe-an");  // ranked by value
  EXPECT_EQ(r.provinces[0].rank, 1);
  EXPECT_EQ(S(r.provinces[1].contribution_pp), "6.25");              // (100 − 80) / 320
  EXPECT_EQ(S(r.provinces[2].contribution_pp), "3.125");             // (50 − 40) / 320
  EXPECT_EQ(S(r.provinces[0].share_of_region_pct), "57.142857143");  // 200 / 350
}

TEST_F(SynthesisTest, PartialCoverageIsNamedAndGrowthUsesTheSameProvinces) {
  Add("thanh-hoa", "retail_sales", "2024", "100");
  Add("nghe-an", "retail_sales", "2024", "200");
  Add("thanh-hoa", "retail_sales", "2023", "80");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024", "retail_sales");
  EXPECT_FALSE(r.complete());
  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_EQ(r.missing[0]->key, "ha-tinh");
  EXPECT_EQ(S(r.total), "300");
  EXPECT_EQ(r.comparable_members, 1);  // only Thanh Hóa has both years
  EXPECT_EQ(S(r.growth_pct), "25");
  EXPECT_FALSE(r.share_of_nation_pct.has_value());               // no national figure
  EXPECT_FALSE(r.provinces[0].share_of_region_pct.has_value());  // no complete total
}

TEST_F(SynthesisTest, PublishedGrowthRatesImplyThePreviousLevel) {
  // Hải Phòng published 198 and +13.34% but no 2023 level... here: 113.4 index on 226.8 → 200.
  Add("thanh-hoa", "retail_sales", "2024", "226.8");
  Add("thanh-hoa", "retail_sales_yoy", "2024", "113.4");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024", "retail_sales");
  ASSERT_EQ(r.comparable_members, 1);
  EXPECT_TRUE(r.used_published_growth);
  EXPECT_EQ(S(r.previous_total), "200");
  EXPECT_EQ(S(r.growth_pct), "13.4");
}

TEST_F(SynthesisTest, ReaggregatesOldProvincesAcrossThe2025Merger) {
  // 2025-H2 on the 34-unit map: the new Lào Cai (Lào Cai + Yên Bái) against 2024-H2.
  Add("lao-cai-2025", "retail_sales", "2025-H2", "300");
  Add("lao-cai", "retail_sales", "2024-H2", "100");
  Add("yen-bai", "retail_sales", "2024-H2", "150");
  // The new Tuyên Quang = Hà Giang + Tuyên Quang, but Hà Giang did not report 2024-H2.
  Add("tuyen-quang-2025", "retail_sales", "2025-H2", "80");
  Add("tuyen-quang", "retail_sales", "2024-H2", "50");
  SynthesisResult r = Run("mien-bac-28", "2025-H2", "retail_sales");
  EXPECT_EQ(r.members, 18);
  EXPECT_EQ(r.reported(), 2);
  EXPECT_TRUE(r.merger_reaggregated);
  EXPECT_EQ(r.comparable_members, 1);
  EXPECT_EQ(S(r.growth_pct), "20");  // 300 / (100 + 150)
  const ProvinceResult& lao_cai = r.provinces[0];
  EXPECT_EQ(lao_cai.unit->key, "lao-cai-2025");
  EXPECT_EQ(lao_cai.previous_from.size(), 2u);
  EXPECT_FALSE(r.provinces[1].growth_pct.has_value());  // Tuyên Quang: not comparable
}

TEST_F(SynthesisTest, IndexIsNeverSummedButCountedAgainstAThreshold) {
  Add("thanh-hoa", "iip", "2024-H1", "112.5", Qualifier::kExact, "whole_industry");
  Add("nghe-an", "iip", "2024-H1", "110.03", Qualifier::kExact, "whole_industry");
  Add("ha-tinh", "iip", "2024-H1", "97.2", Qualifier::kExact, "whole_industry");
  Add("vn", "iip", "2024-H1", "107.72", Qualifier::kExact, "whole_industry");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024-H1", "iip", Decimal::FromInt(110));
  EXPECT_FALSE(r.total.has_value());
  EXPECT_EQ(S(r.min), "97.2");
  EXPECT_EQ(S(r.max), "112.5");
  EXPECT_EQ(r.growing, 2);
  EXPECT_EQ(r.falling, 1);
  EXPECT_EQ(r.at_or_above_threshold, 2);  // 112.5 and 110.03 ("tăng trên 10%")
  EXPECT_EQ(S(r.national.growth_pct), "7.72");
  EXPECT_EQ(r.above_national, 2);
}

TEST_F(SynthesisTest, NeverAddsDifferentBasesAndSaysWhichWereLeftOut) {
  Add("thanh-hoa", "exports", "2024-H1", "2800", Qualifier::kLowerBound, "provincial");
  Add("nghe-an", "exports", "2024-H1", "1350.5", Qualifier::kExact, "provincial");
  Add("ha-tinh", "exports", "2024-H1", "700", Qualifier::kExact, "customs");
  Add("vn", "exports", "2024-H1", "190080", Qualifier::kExact, "customs");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024-H1", "exports");
  EXPECT_EQ(r.basis, "provincial");
  EXPECT_EQ(r.other_bases, std::vector<std::string>{"customs"});
  EXPECT_EQ(S(r.total), "4150.5");
  EXPECT_FALSE(r.national.current.has_value());  // the national figure is on the customs basis
}

TEST_F(SynthesisTest, PlanExecution) {
  Add("thanh-hoa", "khuyen_cong_spend", "2024-H1", "3", Qualifier::kExact, "all_sources");
  Add("nghe-an", "khuyen_cong_spend", "2024-H1", "5", Qualifier::kExact, "all_sources");
  Add("thanh-hoa", "khuyen_cong_plan", "2024", "12", Qualifier::kExact, "all_sources");
  Add("nghe-an", "khuyen_cong_plan", "2024", "20", Qualifier::kExact, "all_sources");
  SynthesisResult r = Run("mb28-bac-trung-bo", "2024-H1", "khuyen_cong_spend");
  EXPECT_EQ(r.plan_members, 2);
  EXPECT_EQ(S(r.plan_execution_pct), "25");  // 8 / 32
  EXPECT_EQ(S(r.provinces[0].plan_execution_pct), "25");
}

TEST_F(SynthesisTest, OneIndexServesEveryRegionAndIndicator) {
  // A report's rows hold several indicators; one index built from them answers each synthesis as
  // the plain call does, and rows of other indicators do not leak into a result.
  Add("thanh-hoa", "retail_sales", "2024", "100");
  Add("thanh-hoa", "retail_sales", "2023", "80");
  Add("ha-noi", "retail_sales", "2024", "900");
  Add("vn", "retail_sales", "2024", "1000");
  Add("thanh-hoa", "iip", "2024", "105", Qualifier::kExact, "whole_industry");
  Add("ha-noi", "iip", "2024", "99", Qualifier::kExact, "whole_industry");
  Add("thanh-hoa", "khuyen_cong_spend", "2024", "3", Qualifier::kExact, "all_sources");
  Add("thanh-hoa", "khuyen_cong_plan", "2024", "4", Qualifier::kExact, "all_sources");
  const ObservationIndex index(rows_);
  for (const char* region : {"mien-bac-28", "mb28-bac-trung-bo", "dong-bang-song-hong"}) {
    for (const char* indicator : {"retail_sales", "iip", "khuyen_cong_spend", "exports"}) {
      SynthesisRequest request;
      request.region = RegionByKey(region);
      request.period = Period::Year(2024);
      request.indicator_id = indicator;
      auto plain = Synthesise(request, shipped_.units, shipped_.indicators, rows_);
      auto indexed = Synthesise(request, shipped_.units, shipped_.indicators, index);
      ASSERT_TRUE(plain.has_value() && indexed.has_value()) << region << " " << indicator;
      EXPECT_EQ(Digest(*indexed), Digest(*plain)) << region << " " << indicator;
    }
  }
  SynthesisRequest request;
  request.region = RegionByKey("mien-bac-28");
  request.period = Period::Year(2024);
  request.indicator_id = "retail_sales";
  auto r = Synthesise(request, shipped_.units, shipped_.indicators, index);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(S(r->total), "1000");  // Hà Nội + Thanh Hóa; the other indicators are not added
  EXPECT_EQ(r->comparable_members, 1);
  request.indicator_id = "no_such_indicator";
  auto unknown = Synthesise(request, shipped_.units, shipped_.indicators, index);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
}

TEST_F(SynthesisTest, ProfileOfTheNorthernRegionMatchesTheConference) {
  RegionProfile p =
      ProfileRegion(*RegionByKey("mien-bac-28"), 2023, shipped_.units, shipped_.data.profiles);
  EXPECT_EQ(p.members, 28);
  ASSERT_TRUE(p.area_km2.has_value());
  EXPECT_EQ(p.area_year, 2023);
  // The conference said 150.058,5 km²; the sourced 2023 areas sum to 150.058,31.
  EXPECT_EQ(p.area_km2->Rounded(1).ToString(), "150058.3");
  ASSERT_TRUE(p.population_thousand.has_value());
  EXPECT_EQ(p.population_year, 2023);  // every member has a sourced 2023 population
}

}  // namespace
}  // namespace lienket::stats
