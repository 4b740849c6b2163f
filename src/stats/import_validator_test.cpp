#include "stats/import_validator.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::stats {
namespace {

using core::Date;

// Feeds rows given as {province, indicator, period, value, unit, status, qualifier, basis,
// source, note, as_of} to a validator.
class ValidatorTest : public ::testing::Test {
 protected:
  testing::ShippedCatalogs shipped_;
  std::vector<std::array<std::string, kFieldCount>> rows_;

  ImportPlan Run(const std::vector<Observation>& existing = {},
                 core::NumberConvention numbers = core::NumberConvention::kAuto) {
    ImportOptions options;
    options.today = Date{2026, 11, 25};
    options.numbers = numbers;
    ImportValidator validator(shipped_.units, shipped_.indicators, options);
    int line = 2;
    for (const auto& r : rows_) {
      RowInput in;
      in.row = line++;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        in.value[f] = r[f];
        in.present[f] = true;
      }
      validator.AddRow(in);
    }
    return validator.Finish(existing);
  }
  void Add(std::string province, std::string indicator, std::string period, std::string value,
           std::string unit, std::string as_of = "2024-07-01", std::string qualifier = "",
           std::string basis = "") {
    rows_.push_back({province, indicator, period, value, unit, "estimate", qualifier, basis, "test",
                     "", as_of});
  }
  static std::vector<std::string> Codes(const ImportPlan& plan) {
    std::vector<std::string> codes;
    for (const Problem& p : plan.problems) codes.push_back(p.code);
    return codes;
  }
};

TEST_F(ValidatorTest, AcceptsAndConvertsToCanonicalUnits) {
  Add("Hà Nội", "retail_sales", "2024-H1", "2.602.000,5", "trieu_dong");
  Add("Bắc Giang", "exports", "2024-H1", "12600", "trieu_usd");
  Add("Bắc Giang", "iip", "2024-H1", "126.45", "index");
  ImportPlan plan = Run();
  ASSERT_TRUE(plan.problems.empty()) << plan.problems[0].message_en;
  ASSERT_EQ(plan.to_insert.size(), 3u);
  EXPECT_EQ(plan.to_insert[0].value.ToString(), "2602000500000");
  EXPECT_EQ(plan.to_insert[1].value.ToString(), "12600000000");
  EXPECT_EQ(plan.to_insert[1].basis, "provincial");  // the indicator's default basis
}

TEST_F(ValidatorTest, ReportsEveryProblemWithItsRow) {
  Add("Hà Nộii", "retail_sales", "2024-H1", "1", "ty_dong");
  Add("Hà Nội", "retail", "2024-H1", "1", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024-H3", "1", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024", "-5", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024-Q1", "5", "usd");
  Add("Hà Nội", "iip", "2024-Q1", "5000", "index");
  ImportPlan plan = Run();
  EXPECT_EQ(Codes(plan),
            (std::vector<std::string>{"unknown_province", "unknown_indicator", "bad_period",
                                      "negative_value", "unit_mismatch", "out_of_range"}));
  for (std::size_t i = 0; i < plan.problems.size(); ++i) {
    EXPECT_EQ(plan.problems[i].row, static_cast<int>(i) + 2);
  }
  EXPECT_TRUE(plan.to_insert.empty() || plan.ErrorCount() > 0);
}

TEST_F(ValidatorTest, DecidesAmbiguousNumbersFromTheRestOfTheFile) {
  Add("Hà Nội", "exports", "2023", "85.856", "trieu_usd");
  Add("Hà Nội", "exports", "2022", "126.45", "trieu_usd");
  ImportPlan plan = Run();
  ASSERT_TRUE(plan.problems.empty());
  EXPECT_EQ(plan.to_insert[0].value.ToString(), "85856000");

  rows_.clear();
  Add("Hà Nội", "exports", "2023", "85.856", "trieu_usd");
  EXPECT_EQ(Codes(Run()), std::vector<std::string>{"ambiguous_number"});

  rows_.clear();
  Add("Hà Nội", "exports", "2023", "85.856", "trieu_usd");
  Add("Hà Nội", "exports", "2022", "126.45", "trieu_usd");
  Add("Hà Nội", "exports", "2021", "41,8", "trieu_usd");
  EXPECT_EQ(Codes(Run()), std::vector<std::string>{"ambiguous_number"});
  // Stated conventions decide it.
  rows_.clear();
  Add("Hà Nội", "exports", "2023", "2.602", "trieu_usd");
  ImportPlan vi = Run({}, core::NumberConvention::kVietnamese);
  ASSERT_TRUE(vi.problems.empty());
  EXPECT_EQ(vi.to_insert[0].value.ToString(), "2602000000");
}

TEST_F(ValidatorTest, RejectsDuplicatesAndPartsAboveTheirTotal) {
  Add("Hà Nội", "retail_sales", "2024", "100", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024", "100", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024-H1", "150", "ty_dong");
  ImportPlan plan = Run();
  EXPECT_EQ(Codes(plan), (std::vector<std::string>{"duplicate_row", "part_exceeds_total"}));
}

TEST_F(ValidatorTest, WarnsOfUnitSlipsAndOverspending) {
  Add("Hà Nội", "retail_sales", "2023", "500000", "ty_dong");
  Add("Hà Nội", "retail_sales", "2024", "500000", "trieu_dong");  // 1000 times smaller
  Add("Hà Nội", "khuyen_cong_plan", "2024", "10", "ty_dong");
  Add("Hà Nội", "khuyen_cong_spend", "2024-H1", "12", "ty_dong");
  ImportPlan plan = Run();
  EXPECT_EQ(plan.ErrorCount(), 0u);
  EXPECT_EQ(Codes(plan), (std::vector<std::string>{"suspicious_jump", "spend_exceeds_plan"}));
}

TEST_F(ValidatorTest, SkipsStoredVintagesAndRejectsConflictingOnes) {
  Add("Hà Nội", "retail_sales", "2024", "100", "ty_dong", "2025-01-10");
  ImportPlan first = Run();
  ASSERT_EQ(first.to_insert.size(), 1u);
  std::vector<Observation> stored = first.to_insert;

  ImportPlan again = Run(stored);
  EXPECT_TRUE(again.problems.empty());
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_TRUE(again.to_insert.empty());

  rows_.clear();
  Add("Hà Nội", "retail_sales", "2024", "101", "ty_dong", "2025-01-10");
  EXPECT_EQ(Codes(Run(stored)), std::vector<std::string>{"conflicts_with_stored"});

  // A revision with a later publication date is a new vintage, not a conflict.
  rows_.clear();
  Add("Hà Nội", "retail_sales", "2024", "101", "ty_dong", "2025-03-01");
  ImportPlan revised = Run(stored);
  EXPECT_TRUE(revised.problems.empty());
  EXPECT_EQ(revised.to_insert.size(), 1u);
}

TEST_F(ValidatorTest, RefusesAProvinceOutsideItsLifetime) {
  Add("Yên Bái", "retail_sales", "2025-Q4", "100", "ty_dong", "2026-01-15");
  ImportPlan plan = Run();
  EXPECT_EQ(Codes(plan), std::vector<std::string>{"province_not_in_period"});
}

TEST(MapHeader, AcceptsVietnameseAliasesAndReportsMissingColumns) {
  std::vector<Problem> problems;
  HeaderMap map =
      MapHeader({"Tỉnh", "Chỉ tiêu", "Kỳ", "Giá trị", "Đơn vị", "Ghi chú", "Màu"}, &problems);
  EXPECT_EQ(map.index[static_cast<std::size_t>(Field::kProvince)], 0);
  EXPECT_EQ(map.index[static_cast<std::size_t>(Field::kNote)], 5);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "unknown_column");

  problems.clear();
  MapHeader({"province", "indicator", "period", "value"}, &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "missing_column");
  EXPECT_EQ(problems[0].column, "unit");
}

}  // namespace
}  // namespace lienket::stats
