#include "app/cli.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli_test_util.hpp"
#include "store/db.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;

// Runs the CLI in-process on a temporary database, as a user would from a shell.
class CliTest : public testing::CliFixture {
 protected:
};

TEST_F(CliTest, ImportIntoANewDatabaseHoldsExactlyWhatWasImported) {
  std::string file = Write("a.csv",
                           "province,indicator,period,value,unit,as_of\n"
                           "Hà Nội,retail_sales,2024-H1,\"2.602.000,5\",trieu_dong,2024-07-05\n"
                           "Bắc Giang,exports,2024-H1,12600,trieu_usd,2024-06-28\n");
  ASSERT_EQ(Run({"import", file, "--json"}), 0) << out_.str() << err_.str();
  auto summary = nlohmann::json::parse(out_.str());
  EXPECT_EQ(summary["rows_inserted"], 2);
  ASSERT_EQ(Run({"observations", "--json", "--dataset", "all"}), 0);
  auto rows = nlohmann::json::parse(out_.str());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["value"], "12600000000");  // exports sort first (by indicator id)
  EXPECT_EQ(rows[1]["value"], "2602000500000");
}

TEST_F(CliTest, MigrateAppliesEveryMigrationOnceAndRefusesANewerSchema) {
  ASSERT_EQ(Run({"migrate"}), 0) << err_.str();
  EXPECT_NE(out_.str().find("0001_init.sql"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("reference data loaded"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"migrate"}), 0) << err_.str();
  EXPECT_NE(out_.str().find("already at the latest version"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("đã ở phiên bản mới nhất"), std::string::npos) << out_.str();
  {
    auto db = store::Db::Open(db_);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (999, 'future', 'x')"));
  }
  EXPECT_EQ(Run({"migrate"}), 2);
  EXPECT_NE(err_.str().find("newer than version"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("mới hơn phiên bản"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("Nothing was changed"), std::string::npos) << err_.str();
}

TEST_F(CliTest, ReimportingTheSameFileChangesNothing) {
  std::string file = Write("a.csv",
                           "province,indicator,period,value,unit\n"
                           "Hà Nội,retail_sales,2024-H1,336500,ty_dong\n");
  ASSERT_EQ(Run({"import", file}), 0) << out_.str();
  ASSERT_EQ(Run({"import", file, "--json"}), 0);
  auto summary = nlohmann::json::parse(out_.str());
  EXPECT_EQ(summary["rows_inserted"], 0);
  EXPECT_EQ(summary["rows_unchanged"], 1);
  ASSERT_EQ(Run({"observations", "--json", "--all-vintages"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str()).size(), 1u);
}

TEST_F(CliTest, ARejectedFileLeavesTheDatabaseUnchanged) {
  std::string file = Write("bad.csv",
                           "province,indicator,period,value,unit\n"
                           "Hà Nội,retail_sales,2024-H1,100,ty_dong\n"
                           "Hà Nộii,retail_sales,2024-H1,100,ty_dong\n");
  EXPECT_EQ(Run({"import", file}), 2);
  EXPECT_NE(out_.str().find("dòng 3, cột province"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("row 3, column province"), std::string::npos);
  EXPECT_NE(out_.str().find("cơ sở dữ liệu không thay đổi"), std::string::npos);
  ASSERT_EQ(Run({"observations", "--json"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str()).size(), 0u);
}

TEST_F(CliTest, WarningsBlockUntilAccepted) {
  std::string file = Write("w.csv",
                           "province,indicator,period,value,unit\n"
                           "Hà Nội,khuyen_cong_plan,2024,10,ty_dong\n"
                           "Hà Nội,khuyen_cong_spend,2024-H1,12,ty_dong\n");
  EXPECT_EQ(Run({"import", file}), 3);
  EXPECT_NE(out_.str().find("--accept-warnings"), std::string::npos);
  EXPECT_EQ(Run({"import", file, "--accept-warnings"}), 0);
}

TEST_F(CliTest, DryRunWritesNothing) {
  std::string file = Write("a.csv",
                           "province,indicator,period,value,unit\n"
                           "Hà Nội,retail_sales,2024-H1,100,ty_dong\n");
  EXPECT_EQ(Run({"import", file, "--dry-run"}), 0);
  ASSERT_EQ(Run({"observations", "--json"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str()).size(), 0u);
}

TEST_F(CliTest, ShippedDataLoadsAndAnswersTheDoneWhenQueries) {
  ASSERT_EQ(Run({"load-observed"}), 0) << out_.str() << err_.str();
  ASSERT_EQ(Run({
                "load-observed",
            }),
            0);  // idempotent
  ASSERT_EQ(Run({"demo", "load"}), 0) << out_.str();
  EXPECT_NE(out_.str().find("illustrative cooperation: 1 thỏa thuận"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("illustrative event #"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"units"}), 0);
  EXPECT_NE(out_.str().find("35 đơn vị"), std::string::npos) << out_.str();  // 34 + nation
  ASSERT_EQ(Run({"units", "--on", "2024-12-31", "--json"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str()).size(), 64u);
  ASSERT_EQ(Run({"indicators"}), 0);
  EXPECT_NE(out_.str().find("khuyen_cong_spend"), std::string::npos);
  ASSERT_EQ(Run({"regions", "mien-bac-28", "--on", "2024-06-30"}), 0);
  EXPECT_NE(out_.str().find("28 thành viên"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"observations", "--province", "Hà Nội", "--indicator", "exports"}), 0);
  EXPECT_NE(out_.str().find("17.131,3 triệu USD"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("16.655,8 triệu USD"), std::string::npos);
  // Illustrative rows never appear among the real ones unless asked for.
  EXPECT_EQ(out_.str().find("minh họa"), std::string::npos);
  ASSERT_EQ(Run({"observations", "--province", "Hà Nội", "--dataset", "illustrative"}), 0);
  EXPECT_NE(out_.str().find("MINH HỌA"), std::string::npos);
  ASSERT_EQ(Run({"demo", "remove"}), 0);
  EXPECT_NE(out_.str().find("Removed 2 illustrative agreements and requests"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("1064"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("Removed 1 illustrative events"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"check"}), 0);
}

TEST_F(CliTest, SummaryShowsCoverageAndNeverAPartialSumAsATotal) {
  ASSERT_EQ(Run({"load-observed"}), 0);
  ASSERT_EQ(Run({"summary", "--period", "2024-H1"}), 0) << err_.str();
  EXPECT_NE(out_.str().find("7/28"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("(chưa đủ)"), std::string::npos);
  EXPECT_NE(out_.str().find("trên 25.413,5 triệu USD"), std::string::npos);
}

TEST_F(CliTest, ConvertsALegacyEncodingOnlyWhenAsked) {
  std::string file = std::string(LIENKET_SOURCE_DIR) + "/tests/bad_inputs/38_windows1258.csv";
  EXPECT_EQ(Run({"import", file}), 2);
  EXPECT_NE(out_.str().find("--encoding windows-1258"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"import", file, "--encoding", "windows-1258", "--json"}), 0) << out_.str();
  EXPECT_EQ(nlohmann::json::parse(out_.str())["rows_inserted"], 3);
  ASSERT_EQ(Run({"observations", "--json"}), 0);
  // The Vietnamese names arrived intact (NFC), so they resolved to real provinces.
  EXPECT_NE(out_.str().find("Hà Nội"), std::string::npos) << out_.str();
}

TEST_F(CliTest, UsageErrorsAndUnknownNamesAreClear) {
  EXPECT_EQ(Run({"observations", "--province", "Hà Tây"}), 2);
  EXPECT_NE(err_.str().find("Không có tỉnh/thành phố nào tên"), std::string::npos);
  EXPECT_EQ(Run({"import", (dir_ / "missing.csv").string()}), 1);
  EXPECT_FALSE(err_.str().empty());
  EXPECT_EQ(Run({"nonsense"}), 64);
}

}  // namespace
}  // namespace lienket::app
