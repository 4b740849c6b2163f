#include "linkage/flows.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using core::Decimal;
using core::Period;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const stats::testing::ShippedCatalogs catalogs;
  return catalogs;
}
int U(std::string_view key) { return Catalogs().units.FindByKey(key)->id; }
Decimal D(std::string_view s) { return *Decimal::Parse(s); }

Deal MakeDeal(std::int64_t id, std::string_view from, std::string_view to, Date on,
              std::string_view value, std::string_view tonnes,
              ProductGroup group = ProductGroup::Ocop(OcopGroup::kFood),
              DealType type = DealType::kPurchaseContract) {
  Deal d;
  d.id = id;
  d.type = type;
  d.title = "deal";
  d.signed_on = on;
  d.seller_id = 1;
  d.buyer_id = 2;
  d.origin_unit_id = U(from);
  d.destination_unit_id = U(to);
  d.lines.push_back({"hàng", 0, group, D(tonnes), ProductUnit::kTonne, D(value)});
  return d;
}

TEST(FlowMatrix, BothDirectionsBalanceAndVolumeInTonnes) {
  std::vector<Deal> deals = {
      MakeDeal(1, "thanh-hoa", "nghe-an", Date{2024, 3, 1}, "500", "10"),
      MakeDeal(2, "nghe-an", "thanh-hoa", Date{2024, 4, 1}, "200", "4"),
      MakeDeal(3, "thanh-hoa", "nghe-an", Date{2024, 5, 1}, "100", "1"),
  };
  deals[2].lines[0].quantity = D("1500");  // in kg: 1.5 tonnes
  deals[2].lines[0].unit = ProductUnit::kKilogram;
  FlowRequest req;
  req.period = Period::Year(2024);
  FlowMatrix m = BuildFlowMatrix(deals, {}, Catalogs().units, req);
  const FlowPair* th_na = m.Find(U("thanh-hoa"), U("nghe-an"));
  const FlowPair* na_th = m.Find(U("nghe-an"), U("thanh-hoa"));
  ASSERT_NE(th_na, nullptr);
  ASSERT_NE(na_th, nullptr);
  EXPECT_EQ(th_na->current.value, D("600"));
  EXPECT_EQ(th_na->current.deals, 2);
  EXPECT_EQ(th_na->current.volume.at(ProductUnit::kTonne), D("11.5"));
  EXPECT_EQ(na_th->current.value, D("200"));
  const ProvinceFlows* th = m.Province(U("thanh-hoa"));
  ASSERT_NE(th, nullptr);
  EXPECT_EQ(th->outflow.value, D("600"));
  EXPECT_EQ(th->inflow.value, D("200"));
  EXPECT_EQ(th->Balance(), D("400"));
  EXPECT_EQ(m.Province(U("nghe-an"))->Balance(), D("-400"));
  EXPECT_EQ(m.deals, 3);
  EXPECT_EQ(m.total.value, D("800"));
  ASSERT_EQ(m.TopPairs(5).size(), 2U);
  EXPECT_EQ(m.TopPairs(5)[0], th_na);
}

TEST(FlowMatrix, ChangeAgainstTheSamePeriodOfThePreviousYear) {
  std::vector<Deal> deals = {
      MakeDeal(1, "thanh-hoa", "nghe-an", Date{2023, 2, 1}, "400", "8"),
      MakeDeal(2, "thanh-hoa", "nghe-an", Date{2023, 9, 1}, "999", "8"),  // outside H1
      MakeDeal(3, "thanh-hoa", "nghe-an", Date{2024, 6, 30}, "500", "10"),
  };
  FlowRequest req;
  req.period = *Period::Parse("2024-H1");
  FlowMatrix m = BuildFlowMatrix(deals, {}, Catalogs().units, req);
  EXPECT_EQ(m.previous_period.Code(), "2023-H1");
  const FlowPair* p = m.Find(U("thanh-hoa"), U("nghe-an"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->previous.value, D("400"));
  ASSERT_TRUE(p->ValueChangePct());
  EXPECT_EQ(*p->ValueChangePct(), D("25"));
  EXPECT_EQ(m.previous_deals, 1);
}

TEST(FlowMatrix, MergedProvinceCountsForItsSuccessorInTheNewEra) {
  // Bắc Giang (merged into Bắc Ninh on 1 July 2025) sold to Thanh Hóa in May 2025 and in 2024.
  std::vector<Deal> deals = {
      MakeDeal(1, "bac-giang", "thanh-hoa", Date{2024, 6, 1}, "100", "2"),
      MakeDeal(2, "bac-giang", "thanh-hoa", Date{2025, 5, 20}, "300", "6"),
      MakeDeal(3, "bac-ninh-2025", "thanh-hoa", Date{2025, 9, 1}, "50", "1"),
      // Between two provinces that merged into one: a flow within Bắc Ninh from then on.
      MakeDeal(4, "bac-giang", "bac-ninh", Date{2025, 3, 1}, "70", "1"),
  };
  FlowRequest req;
  req.period = Period::Year(2025);
  FlowMatrix m = BuildFlowMatrix(deals, {}, Catalogs().units, req);
  EXPECT_EQ(m.Find(U("bac-giang"), U("thanh-hoa")), nullptr);
  const FlowPair* p = m.Find(U("bac-ninh-2025"), U("thanh-hoa"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->current.value, D("350"));
  EXPECT_EQ(p->previous.value, D("100"));  // 2024, on the same territory
  EXPECT_EQ(*p->ValueChangePct(), D("250"));
  EXPECT_TRUE(m.merger_mapped);
  EXPECT_EQ(m.within.value, D("70"));
  EXPECT_EQ(m.deals, 3);

  // Asked for the first half of 2025 (the old era), Bắc Giang is itself.
  req.period = *Period::Parse("2025-H1");
  FlowMatrix h1 = BuildFlowMatrix(deals, {}, Catalogs().units, req);
  ASSERT_NE(h1.Find(U("bac-giang"), U("thanh-hoa")), nullptr);
  EXPECT_EQ(h1.Find(U("bac-giang"), U("thanh-hoa"))->current.value, D("300"));
  EXPECT_NE(h1.Find(U("bac-giang"), U("bac-ninh")), nullptr);

  // A region's members given in the old era are mapped too.
  req.period = Period::Year(2025);
  req.unit_ids = {U("bac-giang"), U("bac-ninh")};
  FlowMatrix region = BuildFlowMatrix(deals, {}, Catalogs().units, req);
  ASSERT_EQ(region.units.size(), 1U);
  EXPECT_EQ(region.units[0], U("bac-ninh-2025"));
  ASSERT_EQ(region.partners.size(), 1U);
  EXPECT_EQ(region.partners[0], U("thanh-hoa"));
  EXPECT_EQ(region.Province(U("bac-ninh-2025"))->outflow.value, D("350"));
}

TEST(FlowMatrix, BasesAndGroups) {
  std::vector<Deal> deals = {
      MakeDeal(1, "thanh-hoa", "nghe-an", Date{2024, 2, 1}, "1000", "10"),
      MakeDeal(2, "thanh-hoa", "nghe-an", Date{2024, 2, 1}, "0", "5",
               ProductGroup::Ocop(OcopGroup::kFood), DealType::kMemorandum),
      MakeDeal(3, "thanh-hoa", "nghe-an", Date{2024, 2, 1}, "70", "1", ProductGroup::Vcpa('C')),
  };
  // Deliveries of deal 1: 40% by May (3 months), 90% by August (6 months), 12 months in 2025.
  std::vector<FollowUp> fus = {
      {1, 6, Date{2024, 8, 1}, {{D("9"), D("900")}}, "", 0},
      {1, 3, Date{2024, 5, 1}, {{D("4"), D("400")}}, "", 0},
      {1, 12, Date{2025, 2, 1}, {{D("10"), D("1000")}}, "", 0},
  };
  FlowRequest req;
  req.period = Period::Year(2024);
  const int th = U("thanh-hoa"), na = U("nghe-an");
  EXPECT_EQ(BuildFlowMatrix(deals, fus, Catalogs().units, req).Find(th, na)->current.value,
            D("1070"));  // the memorandum is not a contract
  req.basis = FlowBasis::kIntended;
  EXPECT_EQ(BuildFlowMatrix(deals, fus, Catalogs().units, req).Find(th, na)->current.deals, 3);
  req.basis = FlowBasis::kDelivered;
  FlowMatrix delivered = BuildFlowMatrix(deals, fus, Catalogs().units, req);
  EXPECT_EQ(delivered.Find(th, na)->current.value, D("900"));
  EXPECT_EQ(delivered.Find(th, na)->current.volume.at(ProductUnit::kTonne), D("9"));
  req.period = *Period::Parse("2024-Q3");  // only the 6-month increment (due 01/08/2024)
  EXPECT_EQ(BuildFlowMatrix(deals, fus, Catalogs().units, req).Find(th, na)->current.value,
            D("500"));
  req.period = Period::Year(2025);
  EXPECT_EQ(BuildFlowMatrix(deals, fus, Catalogs().units, req).Find(th, na)->current.value,
            D("100"));

  req.period = Period::Year(2024);
  req.basis = FlowBasis::kContracted;
  req.group = ProductGroup::Vcpa('C');
  FlowMatrix c = BuildFlowMatrix(deals, fus, Catalogs().units, req);
  EXPECT_EQ(c.Find(th, na)->current.value, D("70"));
  EXPECT_EQ(c.deals, 1);
}

TEST(FlowBasis, Parses) {
  EXPECT_EQ(*ParseFlowBasis("delivered"), FlowBasis::kDelivered);
  EXPECT_EQ(*ParseFlowBasis(""), FlowBasis::kContracted);
  EXPECT_FALSE(ParseFlowBasis("planned"));
}

}  // namespace
}  // namespace lienket::linkage
