// Golden reports: the fixture in golden/report_fixture.csv (invented figures with hand-computed
// answers, see golden/README.md) imported into a fresh database, the regional report written in
// Vietnamese and English and compared byte for byte with the reviewed files. The key figures are
// also checked against the hand computation through the JSON output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "store/test_database.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kSource = LIENKET_SOURCE_DIR;

class GoldenReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("lienket_golden_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    // A SQLite file, or a fresh PostgreSQL schema for pg.report_golden.* (the same goldens).
    database_ = new lienket::store::TestDatabase((*dir_ / "golden.db").string());
    db_ = new std::string(database_->url());
    std::ostringstream out, err;
    ASSERT_EQ(Run({"import", kSource + "/tests/golden/report_fixture.csv"}, out, err), 0)
        << out.str() << err.str();
  }
  static void TearDownTestSuite() {
    delete database_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  static int Run(std::vector<std::string> args, std::ostringstream& out,
                 std::ostringstream& err) {
    args.insert(args.begin(), {"lienket", "--db", *db_});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    return lienket::app::RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  }
  static std::string Report(const std::string& region, const std::string& period,
                            const std::string& lang, const std::string& format = "md") {
    std::ostringstream out, err;
    EXPECT_EQ(Run({"report", "--region", region, "--period", period, "--as-of", "2026-06-30",
                   "--lang", lang, "--format", format},
                  out, err),
              0)
        << err.str();
    return out.str();
  }
  // Compares with golden/<name>, or rewrites it when LIENKET_UPDATE_GOLDEN is set.
  static void ExpectGolden(const std::string& name, const std::string& actual) {
    std::string path = kSource + "/tests/golden/" + name;
    const char* update = std::getenv("LIENKET_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      std::ofstream(path, std::ios::binary) << actual;
      return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in.good()) << "missing golden file " << path
                           << " (create it with LIENKET_UPDATE_GOLDEN=1 and review it)";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << "report differs from " << path;
  }
  static nlohmann::json Indicator(const nlohmann::json& report, const std::string& period,
                                  const std::string& id) {
    for (const auto& section : report["sections"]) {
      if (section["period"] != period) continue;
      for (const auto& i : section["indicators"]) {
        if (i["indicator"] == id) return i;
      }
    }
    return {};
  }

  static fs::path* dir_;
  static std::string* db_;
  static lienket::store::TestDatabase* database_;
};

fs::path* GoldenReportTest::dir_ = nullptr;
std::string* GoldenReportTest::db_ = nullptr;
lienket::store::TestDatabase* GoldenReportTest::database_ = nullptr;

TEST_F(GoldenReportTest, BacTrungBoFirstHalf2024Vietnamese) {
  ExpectGolden("bac_trung_bo_2024_H1.vi.md", Report("mb28-bac-trung-bo", "2024-H1", "vi"));
}

TEST_F(GoldenReportTest, BacTrungBoFirstHalf2024English) {
  ExpectGolden("bac_trung_bo_2024_H1.en.md", Report("mb28-bac-trung-bo", "2024-H1", "en"));
}

TEST_F(GoldenReportTest, AcrossThe2025MergerVietnamese) {
  ExpectGolden("trung_du_mien_nui_2025_H2.vi.md",
               Report("mb28-trung-du-mien-nui", "2025-H2", "vi"));
}

TEST_F(GoldenReportTest, FiguresMatchTheHandComputation) {
  auto report = nlohmann::json::parse(Report("mb28-bac-trung-bo", "2024-H1", "vi", "json"));
  auto retail = Indicator(report, "2024-H1", "retail_sales");
  EXPECT_EQ(retail["total"], "79500000000000");  // 33.000 + 30.500 + 16.000 tỷ đồng
  EXPECT_EQ(retail["total_qualifier"], "lower_bound");
  EXPECT_EQ(retail["growth"]["pct"], "8.904109589");  // 79.500 / 73.000 − 1
  EXPECT_EQ(retail["counts"]["above_national"], 2);
  EXPECT_TRUE(retail["share_is_lower_bound"].get<bool>());
  EXPECT_EQ(retail["national"]["growth_pct"], "8.6");
  auto retail_2023 = Indicator(report, "2023", "retail_sales");
  EXPECT_EQ(retail_2023["growth"]["pct"], "11.538461538");  // 145.000 / 130.000 − 1
  auto exports = Indicator(report, "2024-H1", "exports");
  EXPECT_EQ(exports["coverage"]["reported"], 2);
  EXPECT_EQ(exports["coverage"]["missing"][0], "ha-tinh");
  EXPECT_EQ(exports["total"], "4150500000");
  EXPECT_TRUE(exports["share_of_nation_pct"].is_null());  // national is on the customs basis
  auto iip = Indicator(report, "2024-H1", "iip");
  EXPECT_EQ(iip["counts"]["growing"], 2);
  EXPECT_EQ(iip["counts"]["at_or_above_threshold"], 2);
  EXPECT_TRUE(iip["total"].is_null());
  auto spend = Indicator(report, "2024-H1", "khuyen_cong_spend");
  EXPECT_EQ(spend["plan"]["execution_pct"], "25");  // 9.500 / 38.000
  auto merged = nlohmann::json::parse(Report("mb28-trung-du-mien-nui", "2025-H2", "vi", "json"));
  auto retail_2025 = Indicator(merged, "2025-H2", "retail_sales");
  EXPECT_EQ(retail_2025["growth"]["pct"], "20");  // 30.000 / (12.000 + 13.000)
  EXPECT_TRUE(retail_2025["growth"]["merger_reaggregated"].get<bool>());
  EXPECT_EQ(retail_2025["growth"]["comparable_members"], 1);
}

}  // namespace
