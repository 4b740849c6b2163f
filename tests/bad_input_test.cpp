// The bad-input corpus: proof that an import is all or nothing, with clear messages.
//
// Every tests/bad_inputs/NN_name.csv is a mistake people in provincial Departments really make;
// NN_name.expect.json says why, the exit code, and every problem the file must produce (exact as
// a multiset of severity + code + row, with optional column and message checks). For each case
// the CLI runs in-process, as a user would run it, on a fresh database (with the shipped observed
// figures loaded when the case needs stored data), and the database must be byte-for-byte the
// same afterwards. tests/good_inputs/valid_mixed.csv is the counterpart: every accepted spelling
// at once imports, and importing it again changes nothing.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "app/cli.hpp"
#include "store/db.hpp"
#include "store/test_database.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir = LIENKET_SOURCE_DIR;
const fs::path kBadInputs = kSourceDir / "tests" / "bad_inputs";
const fs::path kGoodInputs = kSourceDir / "tests" / "good_inputs";
constexpr std::string_view kExpectSuffix = ".expect.json";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The case names (file stems), sorted.
std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kBadInputs)) {
    std::string file = entry.path().filename().string();
    if (file.ends_with(kExpectSuffix))
      names.push_back(file.substr(0, file.size() - kExpectSuffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A fresh temporary directory holding one database; removed with its contents.
class ScratchDb {
 public:
  ScratchDb() {
    std::string pattern = (fs::temp_directory_path() / "lienket_bad_input_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ScratchDb(const ScratchDb&) = delete;
  ScratchDb& operator=(const ScratchDb&) = delete;
  ~ScratchDb() {
    database_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  // The SQLite file in the folder, or a fresh PostgreSQL schema (store/test_database.hpp).
  [[nodiscard]] std::string path() {
    if (!database_) database_ = std::make_unique<store::TestDatabase>((dir_ / "lienket.db").string());
    return database_->url();
  }

 private:
  fs::path dir_;
  std::unique_ptr<store::TestDatabase> database_;
};

struct CliRun {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs `lienket --db <db> args...` in-process.
CliRun RunLienket(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"lienket", "--db", db});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.exit_code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

const std::vector<std::string> kImportTables = {"observations", "import_batches", "sources"};

// Every row of `tables`, in a stable order, as text.
std::string Snapshot(const std::string& db_path,
                     const std::vector<std::string>& tables = kImportTables) {
  auto db = store::Db::Open(db_path);
  if (!db) {
    ADD_FAILURE() << "cannot open " << db_path << ": " << db.error().message_en;
    return {};
  }
  std::string dump;
  for (const std::string& table : tables) {
    dump += "== " + table + "\n";
    std::string sql = "SELECT * FROM " + table + " ORDER BY id";
    auto stmt = (*db)->Prepare(sql);
    if (!stmt) {
      ADD_FAILURE() << sql << ": " << stmt.error().message_en;
      continue;
    }
    while (true) {
      auto row = stmt->Step();
      if (!row) ADD_FAILURE() << sql << ": " << row.error().message_en;
      if (!row || !*row) break;
      for (int c = 0; c < stmt->ColumnCount(); ++c) {
        dump += stmt->IsNull(c) ? std::string("NULL") : stmt->Text(c);
        dump += " | ";
      }
      dump += '\n';
    }
  }
  return dump;
}

// One integer from a query that returns one row and one column.
long long QueryInt(const std::string& db_path, const std::string& sql) {
  long long value = -1;
  auto db = store::Db::Open(db_path);
  auto stmt = db ? (*db)->Prepare(sql) : core::Result<store::Statement>(tl::unexpected(db.error()));
  auto row = stmt ? stmt->Step() : core::Result<bool>(tl::unexpected(stmt.error()));
  if (row && *row) {
    value = stmt->Int(0);
  } else {
    ADD_FAILURE() << sql << ": " << (row ? std::string("no row") : row.error().message_en);
  }
  return value;
}

using ProblemKey = std::tuple<std::string, std::string, int>;  // severity, code, row

ProblemKey KeyOf(const json& p) {
  return {p.at("severity").get<std::string>(), p.at("code").get<std::string>(),
          p.at("row").get<int>()};
}

std::string Describe(const ProblemKey& k) {
  return std::get<0>(k) + " " + std::get<1>(k) + " at row " + std::to_string(std::get<2>(k));
}

// Why an actual problem does not meet an expected one's optional checks ("" when it does).
std::string Mismatch(const json& expected, const json& actual) {
  std::string why;
  auto check = [&](const char* field, const char* actual_field, bool exact) {
    if (!expected.contains(field)) return;
    std::string want = expected[field].get<std::string>();
    std::string got = actual.value(actual_field, "");
    bool ok = exact ? got == want : got.find(want) != std::string::npos;
    if (!ok) {
      why += std::string("\n    ") + actual_field + (exact ? " is \"" : " lacks \"") + want +
             "\": \"" + got + "\"";
    }
  };
  check("column", "column", true);
  check("message_vi_contains", "message_vi", false);
  check("message_en_contains", "message_en", false);
  return why;
}

class BadInputTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInputTest, MatchesExpectationAndChangesNothing) {
  const std::string name = GetParam();
  const fs::path data = kBadInputs / (name + ".csv");
  ASSERT_TRUE(fs::exists(data)) << "no data file for " << name;
  const json expect = json::parse(ReadText(kBadInputs / (name + std::string(kExpectSuffix))));
  ASSERT_TRUE(expect.contains("why") && expect.contains("exit") && expect.contains("problems"))
      << name << ".expect.json needs why, exit and problems";
  SCOPED_TRACE(name + ": " + expect["why"].get<std::string>());

  ScratchDb db;
  CliRun init = RunLienket(db.path(), {"init"});
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  if (expect.value("preload_observed", false)) {
    CliRun load = RunLienket(db.path(), {"load-observed"});
    ASSERT_EQ(load.exit_code, 0) << load.out << load.err;
  }
  const std::string before = Snapshot(db.path());

  CliRun import = RunLienket(db.path(), {"import", data.string(), "--json"});
  const std::string after = Snapshot(db.path());
  EXPECT_EQ(import.exit_code, expect["exit"].get<int>()) << import.out << import.err;
  EXPECT_EQ(before, after) << "the database changed although the import was refused";

  json summary;
  try {
    summary = json::parse(import.out);
  } catch (const json::exception& e) {
    FAIL() << "the JSON summary does not parse (" << e.what() << "):\n" << import.out << import.err;
  }
  EXPECT_EQ(summary.value("written", true), false);
  EXPECT_EQ(summary.value("rows_inserted", -1), 0);

  // Every message is there in both languages.
  const json& problems = summary.at("problems");
  for (const json& p : problems) {
    EXPECT_FALSE(p.value("message_vi", "").empty()) << "no Vietnamese message: " << p.dump();
    EXPECT_FALSE(p.value("message_en", "").empty()) << "no English message: " << p.dump();
  }

  // The problems match the expectation exactly, as a multiset of severity + code + row.
  std::map<ProblemKey, int> want, got;
  for (const json& p : expect["problems"]) ++want[KeyOf(p)];
  for (const json& p : problems) ++got[KeyOf(p)];
  for (const auto& [key, count] : want) {
    EXPECT_EQ(got[key], count) << "expected " << count << " × " << Describe(key);
  }
  for (const auto& [key, count] : got) {
    if (want.find(key) == want.end()) {
      ADD_FAILURE() << "unexpected " << count << " × " << Describe(key) << "; all problems:\n"
                    << problems.dump(2);
    }
  }

  // The optional checks: some actual problem with the same key meets them.
  for (const json& e : expect["problems"]) {
    std::string reasons;
    bool met = false;
    for (const json& p : problems) {
      if (KeyOf(p) != KeyOf(e)) continue;
      std::string why = Mismatch(e, p);
      if (why.empty()) met = true;
      reasons += why;
    }
    if (got[KeyOf(e)] > 0) {
      EXPECT_TRUE(met) << Describe(KeyOf(e)) << ":" << reasons;
    }
  }

  // A case that only warns must be otherwise valid: accepting its warnings would import it.
  if (expect["exit"].get<int>() == 3) {
    CliRun accepted = RunLienket(
        db.path(), {"import", data.string(), "--json", "--dry-run", "--accept-warnings"});
    EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
    EXPECT_EQ(Snapshot(db.path()), before) << "a dry run changed the database";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string id = info.param;
                           for (char& c : id) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return id;
                         });

TEST(BadInputCorpus, HasAtLeastFortyCasesEachWithItsDataFile) {
  std::vector<std::string> names = CaseNames();
  EXPECT_GE(names.size(), 40u);
  for (const std::string& name : names) {
    EXPECT_TRUE(fs::exists(kBadInputs / (name + ".csv"))) << name;
  }
  // And no data file without an expectation.
  for (const auto& entry : fs::directory_iterator(kBadInputs)) {
    if (entry.path().extension() != ".csv") continue;
    std::string stem = entry.path().stem().string();
    EXPECT_TRUE(fs::exists(kBadInputs / (stem + std::string(kExpectSuffix))))
        << stem << ".csv has no expectation";
  }
}

// Every accepted spelling at once: BOM, semicolons, Vietnamese header aliases, Vietnamese numbers
// ("2.602.000,5", and "8.663" read as 8663 because the rest of the file uses decimal commas), Hà
// Nội as "TP. Hà Nội", "HÀ NỘI", "Ha Noi", " Hà  Nội " and "01", NFD text, units in words, a
// khuyến công plan and its spend, units before and after the 2025 merger.
TEST(GoodInput, ValidMixedImportsEveryRowOnceAndReimportsAsUnchanged) {
  constexpr int kRows = 14;
  constexpr int kHaNoiRows = 5;
  const std::string file = (kGoodInputs / "valid_mixed.csv").string();
  ScratchDb db;
  ASSERT_EQ(RunLienket(db.path(), {"init"}).exit_code, 0);

  CliRun first = RunLienket(db.path(), {"import", file, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  json summary = json::parse(first.out);
  EXPECT_EQ(summary["rows_read"], kRows);
  EXPECT_EQ(summary["rows_inserted"], kRows);
  EXPECT_EQ(summary["problems"].size(), 0u) << summary["problems"].dump(2);
  EXPECT_EQ(QueryInt(db.path(), "SELECT COUNT(*) FROM observations"), kRows);
  EXPECT_EQ(QueryInt(db.path(),
                     "SELECT COUNT(*) FROM observations o JOIN units u ON u.id = o.unit_id "
                     "WHERE u.key = 'ha-noi'"),
            kHaNoiRows);
  // Values land in canonical units, read with the file's own convention.
  EXPECT_EQ(QueryInt(db.path(),
                     "SELECT COUNT(*) FROM observations o JOIN indicator_codes i "
                     "ON i.code = o.indicator_code WHERE i.indicator_id = 'retail_sales' "
                     "AND o.period_key = 20240103 AND o.value = '2602000500000'"),
            1);
  EXPECT_EQ(QueryInt(db.path(),
                     "SELECT COUNT(*) FROM observations o JOIN indicator_codes i "
                     "ON i.code = o.indicator_code WHERE i.indicator_id = 'exports' "
                     "AND o.period_key = 20240106 AND o.value = '8663000000'"),
            1);
  EXPECT_EQ(QueryInt(db.path(),
                     "SELECT COUNT(*) FROM observations o JOIN indicator_codes i "
                     "ON i.code = o.indicator_code WHERE i.indicator_id = 'khuyen_cong_plan' "
                     "AND o.value = '4700000000' AND o.qualifier_code = 1"),  // 1 = lower_bound
            1);
  // NFD text is stored as NFC.
  EXPECT_EQ(
      QueryInt(db.path(), "SELECT COUNT(*) FROM sources WHERE text = 'Cục Thống kê Bắc Ninh'"), 1);
  // The figures, not the import log: whether a no-op import is logged is not this test's concern.
  const std::vector<std::string> figures = {"observations", "sources"};
  const std::string after_first = Snapshot(db.path(), figures);

  CliRun second = RunLienket(db.path(), {"import", file, "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  summary = json::parse(second.out);
  EXPECT_EQ(summary["rows_inserted"], 0);
  EXPECT_EQ(summary["rows_unchanged"], kRows);
  EXPECT_EQ(summary["written"], false);
  EXPECT_EQ(QueryInt(db.path(), "SELECT COUNT(*) FROM observations"), kRows);
  EXPECT_EQ(Snapshot(db.path(), figures), after_first)
      << "re-importing the same file changed the data";
}

}  // namespace
}  // namespace lienket::app
