#include "stats/region_summary.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::stats {
namespace {

Observation Obs(int unit, std::string indicator, std::string value, Qualifier q = Qualifier::kExact,
                std::string basis = "provincial") {
  Observation o;
  o.unit_id = unit;
  o.indicator_id = std::move(indicator);
  o.value = *core::Decimal::Parse(value);
  o.qualifier = q;
  o.basis = std::move(basis);
  o.period = *core::Period::Parse("2024-H1");
  return o;
}

TEST(RegionSummary, SumsWhatWasReportedAndSaysWhatIsMissing) {
  testing::ShippedCatalogs shipped;
  const Region* region = nullptr;
  for (const Region& r : shipped.data.regions) {
    if (r.key == "mb28-bac-trung-bo") region = &r;
  }
  ASSERT_NE(region, nullptr);
  auto members = region->MembersOn(core::Date{2024, 6, 30}, shipped.units);
  ASSERT_EQ(members.size(), 3u);
  int vn = shipped.units.FindByKey("vn")->id;
  std::vector<Observation> rows = {
      Obs(members[0]->id, "exports", "2800", Qualifier::kLowerBound),
      Obs(members[1]->id, "exports", "1350.5"),
      Obs(vn, "exports", "190080"),
      Obs(members[0]->id, "iip", "110.03", Qualifier::kExact, "whole_industry"),
      Obs(members[1]->id, "iip", "98.5", Qualifier::kExact, "whole_industry"),
      Obs(shipped.units.FindByKey("ha-noi")->id, "exports", "8663"),  // not a member: ignored
  };
  auto figures = SummariseRegion(members, vn, rows, shipped.indicators);
  ASSERT_EQ(figures.size(), 2u);
  const RegionFigure& iip = figures[0];
  const RegionFigure& exports = figures[1];
  EXPECT_EQ(exports.indicator->id, "exports");
  EXPECT_EQ(exports.reported_ids.size(), 2u);
  EXPECT_EQ(exports.missing_ids.size(), 1u);
  EXPECT_FALSE(exports.Complete());
  EXPECT_EQ(exports.total->ToString(), "4150.5");
  EXPECT_EQ(exports.total_qualifier, Qualifier::kLowerBound);
  ASSERT_TRUE(exports.national.has_value());
  EXPECT_EQ(exports.national->value.ToString(), "190080");
  EXPECT_EQ(iip.indicator->id, "iip");
  EXPECT_FALSE(iip.total.has_value());
  EXPECT_EQ(iip.min->ToString(), "98.5");
  EXPECT_EQ(iip.above_100, 1);
}

}  // namespace
}  // namespace lienket::stats
