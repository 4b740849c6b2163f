#include "stats/observation_index.hpp"

#include <gtest/gtest.h>

namespace lienket::stats {
namespace {

using core::Date;
using core::Decimal;
using core::Period;

Observation Row(int unit, const std::string& indicator, const std::string& period,
                const std::string& value, const std::string& basis = "total",
                Date as_of = Date{2025, 1, 31}, VintageStatus status = VintageStatus::kEstimate) {
  Observation o;
  o.unit_id = unit;
  o.indicator_id = indicator;
  o.period = *Period::Parse(period);
  o.value = *Decimal::Parse(value);
  o.basis = basis;
  o.as_of = as_of;
  o.status = status;
  return o;
}

std::string ValueOf(const Observation* o) { return o == nullptr ? "none" : o->value.ToString(); }

TEST(ObservationIndex, FindsEachFigureByUnitIndicatorPeriodAndBasis) {
  const std::vector<Observation> rows = {
      Row(2, "retail_sales", "2024-06", "10"), Row(3, "retail_sales", "2024-06", "20"),
      Row(2, "retail_sales", "2023-06", "9"),  Row(2, "retail_sales", "2024-06", "11", "goods"),
      Row(2, "exports", "2024-06", "5"),
  };
  const ObservationIndex index(rows);
  const Period june = *Period::Parse("2024-06");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales", june, "total")), "10");
  EXPECT_EQ(ValueOf(index.Find(3, "retail_sales", june, "total")), "20");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales", june, "goods")), "11");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales", *Period::Parse("2023-06"), "total")), "9");
  EXPECT_EQ(ValueOf(index.Find(2, "exports", june, "total")), "5");
  // Nothing there: another unit (inside and beyond the ids seen), period, basis or indicator.
  EXPECT_EQ(index.Find(1, "retail_sales", june, "total"), nullptr);
  EXPECT_EQ(index.Find(99, "retail_sales", june, "total"), nullptr);
  EXPECT_EQ(index.Find(-1, "retail_sales", june, "total"), nullptr);
  EXPECT_EQ(index.Find(2, "retail_sales", *Period::Parse("2024-05"), "total"), nullptr);
  EXPECT_EQ(index.Find(2, "retail_sales", june, "customs"), nullptr);
  EXPECT_EQ(index.Find(2, "imports", june, "total"), nullptr);
  EXPECT_TRUE(index.Find("imports", june, "total").empty());
  // A month is not the year-to-date span ending in it.
  EXPECT_EQ(index.Find(2, "retail_sales", *Period::Parse("2024-H1"), "total"), nullptr);
}

TEST(ObservationIndex, KeepsTheLatestVintageThenTheMostOfficialThenTheFirst) {
  const std::vector<Observation> rows = {
      Row(2, "retail_sales", "2024-06", "10", "total", Date{2024, 7, 31}),
      Row(2, "retail_sales", "2024-06", "12", "total", Date{2024, 9, 30}),  // latest as_of
      Row(2, "retail_sales", "2024-06", "11", "total", Date{2024, 8, 31}),
      Row(3, "retail_sales", "2024-06", "20", "total", Date{2024, 8, 31},
          VintageStatus::kPreliminary),
      Row(3, "retail_sales", "2024-06", "21", "total", Date{2024, 8, 31},
          VintageStatus::kOfficial),  // same date, more official
      Row(3, "retail_sales", "2024-06", "22", "total", Date{2024, 8, 31}, VintageStatus::kEstimate),
      Row(4, "retail_sales", "2024-06", "30", "total", Date{2024, 8, 31}),  // first of a tie
      Row(4, "retail_sales", "2024-06", "31", "total", Date{2024, 8, 31}),
  };
  const ObservationIndex index(rows);
  const Period june = *Period::Parse("2024-06");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales", june, "total")), "12");
  EXPECT_EQ(ValueOf(index.Find(3, "retail_sales", june, "total")), "21");
  EXPECT_EQ(ValueOf(index.Find(4, "retail_sales", june, "total")), "30");
}

TEST(ObservationIndex, ListsTheBasesWithFiguresInNameOrder) {
  const std::vector<Observation> rows = {
      Row(2, "exports", "2024-06", "1", "provincial"),
      Row(3, "exports", "2024-06", "2", "customs"),
      Row(3, "exports", "2024-05", "3", "local_goods"),
      Row(3, "imports", "2024-06", "4", "total"),
  };
  const ObservationIndex index(rows);
  EXPECT_EQ(index.Bases("exports", *Period::Parse("2024-06")),
            (std::vector<std::string>{"customs", "provincial"}));
  EXPECT_TRUE(index.Bases("retail_sales", *Period::Parse("2024-06")).empty());
}

TEST(ObservationIndex, CanIndexOnlySomeIndicators) {
  const std::vector<Observation> rows = {
      Row(2, "retail_sales", "2024-06", "10"),
      Row(2, "retail_sales_yoy", "2024-06", "110"),
      Row(2, "exports", "2024-06", "5"),
  };
  const ObservationIndex index(rows, {"retail_sales", "retail_sales_yoy"});
  const Period june = *Period::Parse("2024-06");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales", june, "total")), "10");
  EXPECT_EQ(ValueOf(index.Find(2, "retail_sales_yoy", june, "total")), "110");
  EXPECT_EQ(index.Find(2, "exports", june, "total"), nullptr);
}

TEST(ObservationIndex, AnEmptyIndexFindsNothing) {
  const ObservationIndex index;
  EXPECT_EQ(index.Find(1, "retail_sales", Period::Year(2024), "total"), nullptr);
  EXPECT_TRUE(index.Bases("retail_sales", Period::Year(2024)).empty());
}

}  // namespace
}  // namespace lienket::stats
