#include "app/doctor_command.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli_test_util.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"
#include "store/sqlite_workflow_store.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;

class DoctorTest : public testing::CliFixture {
 protected:
  // A fresh database, with an active administrator when `with_admin`.
  void MakeDatabase(bool with_admin) {
    auto store = store::SqliteStore::Open(db_);
    ASSERT_TRUE(store.has_value()) << store.error().message_en;
    if (!with_admin) return;
    store::SqliteWorkflowStore accounts(store->get());
    access::User admin;
    admin.login = "quantri";
    admin.display_name = "Quản trị viên";
    admin.role = access::Role::kAdmin;
    ASSERT_TRUE(accounts.CreateUser(admin, "$argon2id$not-a-real-hash").has_value());
  }
  void MakeSchemaNewer() {
    auto db = store::SqliteDb::Open(db_);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(
        (*db)->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").has_value());
  }
  DoctorOptions Options() const {
    DoctorOptions o;
    o.db_path = db_;
    o.web_root = std::string(LIENKET_SOURCE_DIR) + "/web";
    o.min_free_bytes = 0;
    return o;
  }
  static const DoctorCheck* Find(const std::vector<DoctorCheck>& checks, std::string_view id) {
    for (const DoctorCheck& c : checks)
      if (c.id == id) return &c;
    return nullptr;
  }
  static std::string Describe(const std::vector<DoctorCheck>& checks) {
    std::ostringstream out;
    PrintDoctor(checks, /*json=*/false, out);
    return out.str();
  }
};

TEST_F(DoctorTest, AHealthyFreshDatabaseWithAnAdministratorHasNoErrors) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  auto checks = RunDoctor(Options());
  EXPECT_FALSE(HasErrors(checks)) << Describe(checks);
  for (const char* id : {"database", "schema", "integrity", "foreign_keys", "reference_data",
                         "admin", "data_files", "web_root", "disk_space"}) {
    // A server's database has no folder on this disk to check.
    if (database_->postgres() && std::string_view(id) == "disk_space") continue;
    const DoctorCheck* c = Find(checks, id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->severity, DoctorSeverity::kOk) << id << ": " << c->message_en;
  }
  EXPECT_NE(Find(checks, "reference_data")->message_en.find("87 units"), std::string::npos);
  EXPECT_NE(Find(checks, "data_files")->message_en.find("report forms"), std::string::npos);
}

TEST_F(DoctorTest, NoAdministratorIsAWarningWithTheCommandToCreateOne) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/false));
  auto checks = RunDoctor(Options());
  EXPECT_FALSE(HasErrors(checks)) << Describe(checks);
  const DoctorCheck* admin = Find(checks, "admin");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->severity, DoctorSeverity::kWarning);
  EXPECT_NE(admin->advice_en.find("user add --role admin"), std::string::npos);
  EXPECT_NE(admin->message_vi.find("quản trị"), std::string::npos);
  std::string text = Describe(checks);
  EXPECT_NE(text.find("CẢNH BÁO (WARNING)"), std::string::npos) << text;
  EXPECT_NE(text.find("What to do"), std::string::npos);
}

TEST_F(DoctorTest, ANewerSchemaIsAnErrorSayingToUpgrade) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  ASSERT_NO_FATAL_FAILURE(MakeSchemaNewer());
  auto checks = RunDoctor(Options());
  EXPECT_TRUE(HasErrors(checks));
  const DoctorCheck* schema = Find(checks, "schema");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->severity, DoctorSeverity::kError);
  EXPECT_NE(schema->message_en.find("999"), std::string::npos);
  EXPECT_NE(schema->advice_en.find("Upgrade lienket"), std::string::npos);
  EXPECT_NE(schema->advice_vi.find("cập nhật lienket"), std::string::npos);
  EXPECT_NE(Describe(checks).find("LỖI (ERROR)"), std::string::npos);
}

TEST_F(DoctorTest, AnOlderSchemaWillBeMigratedOnNextStart) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  {
    auto db = store::SqliteDb::Open(db_);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("DELETE FROM schema_migrations WHERE version > 1").has_value());
  }
  auto checks = RunDoctor(Options());
  const DoctorCheck* schema = Find(checks, "schema");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->severity, DoctorSeverity::kWarning);
  EXPECT_NE(schema->message_en.find("migrated on next start"), std::string::npos);
}

TEST_F(DoctorTest, AMissingDatabaseIsAnErrorAndDoctorCreatesNothing) {
  if (database_->postgres()) GTEST_SKIP() << "a missing SQLite file";
  auto checks = RunDoctor(Options());
  EXPECT_TRUE(HasErrors(checks));
  const DoctorCheck* database = Find(checks, "database");
  ASSERT_NE(database, nullptr);
  EXPECT_EQ(database->severity, DoctorSeverity::kError);
  EXPECT_NE(database->advice_en.find("init"), std::string::npos);
  EXPECT_EQ(Find(checks, "schema"), nullptr);
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(DoctorTest, AWorldReadableFileAndLittleFreeSpaceAreWarnings) {
  if (database_->postgres()) GTEST_SKIP() << "a SQLite file's mode and its disk";
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  ASSERT_EQ(::chmod(db_.c_str(), 0644), 0);
  DoctorOptions options = Options();
  options.min_free_bytes = std::numeric_limits<std::uintmax_t>::max();
  auto checks = RunDoctor(options);
  EXPECT_FALSE(HasErrors(checks)) << Describe(checks);
  EXPECT_EQ(Find(checks, "permissions")->severity, DoctorSeverity::kWarning);
  EXPECT_NE(Find(checks, "permissions")->advice_en.find("chmod o-rwx"), std::string::npos);
  EXPECT_EQ(Find(checks, "disk_space")->severity, DoctorSeverity::kWarning);

  ASSERT_EQ(::chmod(db_.c_str(), 0600), 0);
  checks = RunDoctor(Options());
  EXPECT_EQ(Find(checks, "permissions")->severity, DoctorSeverity::kOk);
}

TEST_F(DoctorTest, AMissingWebFolderIsAnError) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  DoctorOptions options = Options();
  options.web_root = Path("no-web");
  auto checks = RunDoctor(options);
  EXPECT_TRUE(HasErrors(checks));
  EXPECT_EQ(Find(checks, "web_root")->severity, DoctorSeverity::kError);
  EXPECT_NE(Find(checks, "web_root")->advice_en.find("--web-root"), std::string::npos);
}

TEST_F(DoctorTest, TheCommandExitsOneOnAnErrorAndPrintsJson) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  std::string web = std::string(LIENKET_SOURCE_DIR) + "/web";
  EXPECT_EQ(Run({"doctor", "--web-root", web}), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("OK"), std::string::npos);
  EXPECT_NE(out_.str().find("Kết quả: 0 lỗi"), std::string::npos) << out_.str();

  ASSERT_NO_FATAL_FAILURE(MakeSchemaNewer());
  EXPECT_EQ(Run({"doctor", "--web-root", web, "--json"}), 1);
  auto doc = nlohmann::json::parse(out_.str());
  EXPECT_EQ(doc["ok"], false);
  bool found = false;
  for (const auto& c : doc["checks"]) {
    if (c["id"] == "schema") {
      found = true;
      EXPECT_EQ(c["status"], "error");
    }
  }
  EXPECT_TRUE(found);
}

// The backup and restore commands, end to end through the CLI.
TEST_F(DoctorTest, BackupAndRestoreCommandsSayWhatTheyDid) {
  ASSERT_NO_FATAL_FAILURE(MakeDatabase(/*with_admin=*/true));
  if (database_->postgres()) {
    // SQLite's online backup API only: on PostgreSQL both commands point at pg_dump.
    EXPECT_EQ(Run({"backup", Path("backup.db")}), 2);
    EXPECT_NE(err_.str().find("pg_dump"), std::string::npos) << err_.str();
    EXPECT_EQ(Run({"restore", Path("backup.db")}), 2);
    EXPECT_NE(err_.str().find("docs/postgresql.md"), std::string::npos) << err_.str();
    return;
  }
  std::string backup = Path("backup.db");
  ASSERT_EQ(Run({"backup", backup}), 0) << err_.str();
  EXPECT_NE(out_.str().find("Đã sao lưu"), std::string::npos);
  EXPECT_NE(out_.str().find("Backed up"), std::string::npos);
  EXPECT_NE(Run({"backup", backup}), 0);
  EXPECT_NE(err_.str().find("--force"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"backup", backup, "--force"}), 0) << err_.str();

  ASSERT_EQ(Run({"restore", backup}), 0) << err_.str();
  EXPECT_NE(out_.str().find("before-restore"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("Đã khôi phục"), std::string::npos);
  EXPECT_NE(out_.str().find("Restored"), std::string::npos);

  std::string junk = Write("junk.db", "không phải cơ sở dữ liệu");
  EXPECT_EQ(Run({"restore", junk}), 2);
  EXPECT_NE(err_.str().find("not a lienket database"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace lienket::app
