// `lienket export` end to end, on the shipped real figures:
// - the import CSV round trip: every vintage exported, imported into an empty database, gives the
//   same observations (and exporting that database gives the same bytes; importing the file back
//   into the first database adds nothing);
// - the JSON-stat export read by a real client, the npm package jsonstat-toolkit
//   (tests/jsonstat/check.mjs under node): every cell it sees, times 10^multiplier, is exactly the
//   database's value, with the right status flags and labels. Skipped only when node is missing;
//   the package comes from `npm ci --prefix tests/jsonstat` (scripts/setup.sh runs it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "app/cli_test_util.hpp"
#include "app/context.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir = LIENKET_SOURCE_DIR;
const std::string kNode = LIENKET_NODE_EXECUTABLE;  // empty when CMake found no node

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every stored observation of the database as comparable text, without the row ids, import
// batches and write times that differ between databases.
using ObservationKey =
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string,
               std::string, std::string, std::string, std::string, std::string>;

std::vector<ObservationKey> StoredObservations(const std::string& db, bool latest_only) {
  auto ctx = Context::Open(db);
  EXPECT_TRUE(ctx) << ctx.error().message_en;
  if (!ctx) return {};
  stats::ObservationQuery q;
  q.datasets = {std::string(stats::kDatasetObserved), std::string(stats::kDatasetIllustrative)};
  q.latest_only = latest_only;
  auto rows = ctx->store->Find(q);
  EXPECT_TRUE(rows) << rows.error().message_en;
  std::vector<ObservationKey> out;
  for (const stats::Observation& r : *rows) {
    out.emplace_back(ctx->units.FindById(r.unit_id)->key, r.indicator_id, r.period.Code(), r.basis,
                     r.value.ToString(), std::string(stats::VintageStatusId(r.status)),
                     std::string(stats::QualifierId(r.qualifier)), r.source, r.note,
                     r.as_of.ToString(), r.dataset);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ExportTest : public testing::CliFixture {
 protected:
  // Exports the shipped figures as JSON-stat (the latest vintages, or every vintage) and checks
  // every cell jsonstat-toolkit reads against the database.
  void ExpectJsonStatClientReadsTheDatabase(bool all_vintages);
};

TEST_F(ExportTest, CsvRoundTripGivesBackEveryVintage) {
  ASSERT_EQ(Run({"load-observed"}), 0) << err_.str();
  const std::string first_db = db_;
  auto before = StoredObservations(first_db, /*latest_only=*/false);
  ASSERT_GT(before.size(), 100u);

  ASSERT_EQ(Run({"export", "--format", "csv", "--all-vintages", "-o", Path("all.csv")}), 0)
      << err_.str();
  db_ = Path("copy.db");
  ASSERT_EQ(Run({"import", Path("all.csv"), "--accept-warnings"}), 0) << out_.str() << err_.str();
  EXPECT_EQ(StoredObservations(db_, false), before);

  ASSERT_EQ(Run({"export", "--format", "csv", "--all-vintages", "-o", Path("again.csv")}), 0);
  EXPECT_EQ(ReadText(Path("again.csv")), ReadText(Path("all.csv")));

  // The same vintages imported again into the first database: nothing new.
  db_ = first_db;
  ASSERT_EQ(Run({"import", Path("all.csv"), "--json"}), 0) << out_.str();
  json summary = json::parse(out_.str());
  EXPECT_EQ(summary["rows_inserted"], 0);
  EXPECT_EQ(summary["rows_unchanged"], before.size());
}

TEST_F(ExportTest, CsvOfTheLatestVintagesImportsAsTheLatestVintages) {
  ASSERT_EQ(Run({"load-observed"}), 0) << err_.str();
  auto latest = StoredObservations(db_, /*latest_only=*/true);
  ASSERT_EQ(Run({"export", "--format", "csv", "-o", Path("latest.csv")}), 0) << err_.str();
  db_ = Path("copy.db");
  ASSERT_EQ(Run({"import", Path("latest.csv"), "--accept-warnings"}), 0) << err_.str();
  EXPECT_EQ(StoredObservations(db_, false), latest);
}

TEST_F(ExportTest, RefusesAQueryThatMatchesNothingAndWritesNoFile) {
  ASSERT_EQ(Run({"load-observed"}), 0) << err_.str();
  EXPECT_EQ(Run({"export", "--format", "jsonstat", "--period", "1999", "-o", Path("x.json")}), 2);
  EXPECT_NE(err_.str().find("No observation matches"), std::string::npos) << err_.str();
  EXPECT_FALSE(fs::exists(Path("x.json")));
  EXPECT_EQ(Run({"export", "--format", "csv", "--dataset", "all"}), 2);
  EXPECT_EQ(Run({"export", "--format", "csv", "--province", "Atlantis"}), 2);
}

// What jsonstat-toolkit sees in a JSON-stat file (see tests/jsonstat/check.mjs).
json ReadWithJsonStatToolkit(const std::string& file, const std::string& stderr_file) {
  std::string command = "'" + kNode + "' '" + (kSourceDir / "tests/jsonstat/check.mjs").string() +
                        "' '" + file + "' 2>'" + stderr_file + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return nullptr;
  std::string text;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  int status = ::pclose(pipe);
  if (status != 0) {
    ADD_FAILURE() << "node check.mjs failed (" << status << "): " << ReadText(stderr_file);
    return nullptr;
  }
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string Flags(const std::string& status, const std::string& qualifier) {
  std::string flags = status == "estimate" ? "e" : status == "preliminary" ? "p" : "";
  if (qualifier == "lower_bound") flags += ">";
  if (qualifier == "upper_bound") flags += "<";
  if (qualifier == "approx") flags += "~";
  return flags;
}

void ExportTest::ExpectJsonStatClientReadsTheDatabase(bool all_vintages) {
  if (kNode.empty() || !fs::exists(kNode)) GTEST_SKIP() << "node is not installed";
  ASSERT_TRUE(fs::exists(kSourceDir / "tests/jsonstat/node_modules/jsonstat-toolkit"))
      << "jsonstat-toolkit is missing: run npm ci --prefix tests/jsonstat (scripts/setup.sh does)";

  ASSERT_EQ(Run({"load-observed"}), 0) << err_.str();
  std::vector<std::string> args = {"export", "--format", "jsonstat", "-o", Path("all.json")};
  if (all_vintages) args.push_back("--all-vintages");
  ASSERT_EQ(Run(args), 0) << err_.str();
  json seen = ReadWithJsonStatToolkit(Path("all.json"), Path("node.err"));
  ASSERT_TRUE(seen.is_object()) << "check.mjs printed no JSON";

  // What the database holds: (dataset, indicator, basis, unit, period) -> value, flags; with
  // every vintage a list per figure.
  using Figure = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Figure, std::vector<std::pair<core::Decimal, std::string>>> expected;
  std::size_t expected_count = 0;
  for (const auto& o : StoredObservations(db_, !all_vintages)) {
    const auto& [unit, indicator, period, basis, value, status, qualifier, source, note, as_of,
                 dataset] = o;
    expected[{dataset, indicator, basis, unit, period}].emplace_back(*core::Decimal::Parse(value),
                                                                     Flags(status, qualifier));
    ++expected_count;
  }

  std::vector<std::string> dims = {"dataset", "indicator", "basis", "unit", "period"};
  if (all_vintages) dims.push_back("vintage");
  EXPECT_EQ(seen["dimensions"], json(dims));
  EXPECT_EQ(seen["labels"]["unit"]["ha-noi"], "Hà Nội");
  EXPECT_EQ(seen["labels"]["unit"]["vn"], "Cả nước");
  EXPECT_EQ(seen["labels"]["period"]["2024-H1"], "6 tháng đầu năm 2024");
  EXPECT_EQ(seen["labels"]["dataset"]["observed"], "Số liệu thật đã công bố");
  EXPECT_EQ(seen["units"]["retail_sales"]["label"], "tỷ đồng");
  EXPECT_EQ(seen["units"]["exports"]["label"], "triệu USD");

  ASSERT_EQ(seen["cells"].size(), expected_count);
  for (const json& cell : seen["cells"]) {
    std::string indicator = cell["indicator"];
    Figure figure{cell["dataset"], indicator, cell["basis"], cell["unit"], cell["period"]};
    auto value = core::Decimal::Parse(cell["value"].get<std::string>());
    ASSERT_TRUE(value) << cell.dump();
    auto canonical = value->ScaledByPowerOfTen(seen["units"][indicator]["multiplier"].get<int>());
    ASSERT_TRUE(canonical) << cell.dump();
    std::string flags = cell["status"].is_null() ? "" : cell["status"].get<std::string>();
    auto& candidates = expected[figure];
    auto match = std::find(candidates.begin(), candidates.end(), std::make_pair(*canonical, flags));
    ASSERT_NE(match, candidates.end())
        << "the client read " << cell.dump() << " = " << canonical->ToString()
        << " in the canonical unit, which the database does not hold";
    candidates.erase(match);  // each stored figure is matched once
  }
}

TEST_F(ExportTest, JsonStatToolkitReadsTheLatestFiguresExactly) {
  ExpectJsonStatClientReadsTheDatabase(/*all_vintages=*/false);
}

TEST_F(ExportTest, JsonStatToolkitReadsEveryVintageExactly) {
  ExpectJsonStatClientReadsTheDatabase(/*all_vintages=*/true);
}

}  // namespace
}  // namespace lienket::app
