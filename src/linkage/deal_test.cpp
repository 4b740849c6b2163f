#include "linkage/deal.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using core::Decimal;
using core::ErrorCode;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const stats::testing::ShippedCatalogs catalogs;
  return catalogs;
}
int UnitId(std::string_view key) { return Catalogs().units.FindByKey(key)->id; }
Decimal D(std::string_view s) { return *Decimal::Parse(s); }

Deal LycheeDeal() {
  Deal d;
  d.id = 7;
  d.type = DealType::kPurchaseContract;
  d.title = "Hợp đồng tiêu thụ vải thiều";
  d.signed_on = Date{2025, 5, 20};
  d.seller_id = 1;
  d.buyer_id = 2;
  d.origin_unit_id = UnitId("bac-giang");
  d.destination_unit_id = UnitId("thanh-hoa");
  d.lines.push_back({"Vải thiều Lục Ngạn", 0, ProductGroup::Ocop(OcopGroup::kFood), D("120"),
                     ProductUnit::kTonne, D("3600000000")});
  return d;
}

bool HasField(const std::vector<DealProblem>& problems, std::string_view field) {
  for (const auto& p : problems)
    if (p.field == field) return true;
  return false;
}

TEST(DealType, ParsesIdsAndVietnameseNames) {
  EXPECT_EQ(*ParseDealType("hợp đồng mua bán"), DealType::kPurchaseContract);
  EXPECT_EQ(*ParseDealType("Biên bản ghi nhớ"), DealType::kMemorandum);
  EXPECT_EQ(*ParseDealType("MoU"), DealType::kMemorandum);
  EXPECT_EQ(*ParseDealType("bao tiêu"), DealType::kOfftake);
  EXPECT_EQ(*ParseDealType("distribution"), DealType::kDistribution);
  auto bad = ParseDealType("hứa miệng");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_vi.find("mou"), std::string::npos);
  EXPECT_FALSE(IsBinding(DealType::kMemorandum));
  EXPECT_TRUE(IsBinding(DealType::kOfftake));
}

TEST(ProductGroup, OcopGroupsAndVcpaSections) {
  EXPECT_EQ(ProductGroup::Parse("food")->Id(), "food");
  EXPECT_EQ(ProductGroup::Parse("Đồ uống")->Id(), "beverage");
  EXPECT_EQ(ProductGroup::Parse("vcpa-c")->Id(), "vcpa-c");
  EXPECT_EQ(ProductGroup::Parse("01215")->Id(), "vcpa-a");  // a VCPA code: its section
  EXPECT_EQ(ProductGroup::Parse("C")->NameVi(), "VCPA C: Công nghiệp chế biến, chế tạo");
  EXPECT_FALSE(ProductGroup::Parse("xyz"));
}

TEST(Deal, ValidDealHasNoProblems) {
  auto problems = ValidateDeal(LycheeDeal(), Catalogs().units, Date{2026, 1, 1});
  EXPECT_TRUE(problems.empty()) << problems.front().error.message_en;
}

TEST(Deal, ReportsEveryProblemWithItsField) {
  Deal d = LycheeDeal();
  d.title = " ";
  d.buyer_id = d.seller_id;
  d.lines[0].quantity = Decimal();
  d.lines[0].value = D("-5");
  d.meeting_id = 3;
  auto problems = ValidateDeal(d, Catalogs().units, Date{2026, 1, 1});
  for (std::string_view f : {"title", "buyer", "lines[0].quantity", "lines[0].value", "meeting"})
    EXPECT_TRUE(HasField(problems, f)) << f;
  for (const auto& p : problems) {
    EXPECT_FALSE(p.error.message_vi.empty());
    EXPECT_FALSE(p.error.message_en.empty());
  }
}

TEST(Deal, ProvinceMustExistOnTheSigningDate) {
  Deal d = LycheeDeal();
  d.signed_on = Date{2025, 8, 1};  // Bắc Giang merged into Bắc Ninh on 1 July 2025
  auto problems = ValidateDeal(d, Catalogs().units, Date{2026, 1, 1});
  ASSERT_TRUE(HasField(problems, "origin"));
  EXPECT_EQ(problems.front().error.code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(problems.front().error.message_vi.find("nay thuộc Tỉnh Bắc Ninh"), std::string::npos)
      << problems.front().error.message_vi;
  d.origin_unit_id = UnitId("bac-ninh-2025");
  EXPECT_TRUE(ValidateDeal(d, Catalogs().units, Date{2026, 1, 1}).empty());
}

TEST(Deal, FutureDateAndBindingDealWithoutValueAreRefused) {
  Deal d = LycheeDeal();
  d.lines[0].value = Decimal();
  EXPECT_TRUE(HasField(ValidateDeal(d, Catalogs().units, Date{2026, 1, 1}), "lines"));
  d.type = DealType::kMemorandum;  // a memorandum may state no price
  EXPECT_TRUE(ValidateDeal(d, Catalogs().units, Date{2026, 1, 1}).empty());
  EXPECT_TRUE(HasField(ValidateDeal(d, Catalogs().units, Date{2025, 5, 19}), "signed_on"));
}

TEST(FollowUp, DueDatesAreCalendarMonthsClampedToTheMonthEnd) {
  EXPECT_EQ(FollowUpDueDate(Date{2025, 5, 20}, 3), (Date{2025, 8, 20}));
  EXPECT_EQ(FollowUpDueDate(Date{2025, 5, 20}, 12), (Date{2026, 5, 20}));
  EXPECT_EQ(FollowUpDueDate(Date{2023, 11, 30}, 3), (Date{2024, 2, 29}));  // leap year
  EXPECT_EQ(FollowUpDueDate(Date{2024, 8, 31}, 6), (Date{2025, 2, 28}));
  EXPECT_FALSE(CheckFollowUpMonths(9));
}

TEST(FollowUp, ScheduleIsUpcomingDueOverdueOrRecorded) {
  Deal d = LycheeDeal();  // due 20/08/2025, 20/11/2025, 20/05/2026
  std::vector<FollowUp> rows = {{7, 3, Date{2025, 8, 22}, {{D("50"), D("1500000000")}}, "", 1}};
  auto s = FollowUpSchedule(d, rows, Date{2025, 12, 25});
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[0].state, FollowUpState::kRecorded);
  EXPECT_EQ(s[0].delivered_value, D("1500000000"));
  ASSERT_TRUE(s[0].delivered_pct);
  EXPECT_EQ(s[0].delivered_pct->Rounded(2), D("41.67"));
  EXPECT_EQ(s[1].state, FollowUpState::kOverdue);  // 35 days after 20/11
  EXPECT_EQ(s[2].state, FollowUpState::kUpcoming);
  EXPECT_EQ(FollowUpSchedule(d, rows, Date{2025, 12, 20})[1].state, FollowUpState::kDue);
  EXPECT_EQ(FollowUpSchedule(d, rows, Date{2025, 11, 5})[1].state, FollowUpState::kDue);
  EXPECT_EQ(FollowUpSchedule(d, rows, Date{2025, 11, 4})[1].state, FollowUpState::kUpcoming);
}

TEST(FollowUp, CumulativeDeliveriesCannotGoDownAndComeAfterTheEarlyWindow) {
  Deal d = LycheeDeal();
  std::vector<FollowUp> rows = {{7, 3, Date{2025, 8, 22}, {{D("50"), D("1500000000")}}, "", 1}};
  FollowUp six{7, 6, Date{2025, 11, 21}, {{D("40"), D("1600000000")}}, "", 1};
  auto problems = ValidateFollowUp(six, d, rows, Date{2026, 1, 1});
  ASSERT_TRUE(HasField(problems, "lines[0]"));
  EXPECT_EQ(problems.front().error.code, ErrorCode::kFailedPrecondition);
  six.lines[0].quantity = D("90");
  EXPECT_TRUE(ValidateFollowUp(six, d, rows, Date{2026, 1, 1}).empty());
  six.recorded_on = Date{2025, 10, 1};  // 50 days before the due date
  EXPECT_TRUE(HasField(ValidateFollowUp(six, d, rows, Date{2026, 1, 1}), "recorded_on"));
  six.recorded_on = Date{2025, 11, 21};
  six.lines.clear();
  EXPECT_TRUE(HasField(ValidateFollowUp(six, d, rows, Date{2026, 1, 1}), "lines"));
}

}  // namespace
}  // namespace lienket::linkage
