#include "store/sqlite_backup.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/sqlite_linkage_store.hpp"
#include "store/sqlite_store.hpp"
#include "store/sqlite_workflow_store.hpp"

namespace lienket::store {
namespace {

namespace fs = std::filesystem;

// Every table of sqlite_master, row by row in rowid (or primary key) order, each value tagged with
// its storage class; the schema itself under "<sqlite_master>".
using Dump = std::map<std::string, std::vector<std::string>>;

std::vector<std::string> Query(sqlite3* db, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      int type = sqlite3_column_type(stmt, c);
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row += std::to_string(type) + ":" + (text ? std::string(text, sqlite3_column_bytes(stmt, c))
                                                : std::string()) +
             "|";
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  return rows;
}

Dump DumpTables(const std::string& path) {
  Dump dump;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return dump;
  }
  dump["<sqlite_master>"] =
      Query(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'", -1, &tables,
                     nullptr);
  std::vector<std::pair<std::string, std::string>> names;
  while (sqlite3_step(tables) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(tables, 0)),
                       reinterpret_cast<const char*>(sqlite3_column_text(tables, 1)));
  }
  sqlite3_finalize(tables);
  for (const auto& [name, sql] : names) {
    std::string order = "rowid";
    if (sql.find("WITHOUT ROWID") != std::string::npos) {
      order.clear();
      for (const std::string& pk : Query(db, "SELECT name FROM pragma_table_info('" + name +
                                                 "') WHERE pk > 0 ORDER BY pk")) {
        std::string column = pk.substr(pk.find(':') + 1);
        column.pop_back();  // the trailing '|'
        order += (order.empty() ? "\"" : ", \"") + column + "\"";
      }
    }
    dump[name] = Query(db, "SELECT * FROM \"" + name + "\" ORDER BY " + order);
  }
  sqlite3_close(db);
  return dump;
}

void ExpectSameTables(const Dump& expected, const Dump& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (const auto& [table, rows] : expected) {
    auto found = actual.find(table);
    ASSERT_NE(found, actual.end()) << table;
    EXPECT_EQ(rows.size(), found->second.size()) << table;
    EXPECT_TRUE(rows == found->second) << "table " << table << " differs";
  }
}

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_backup_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = Path("live.db");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Files in the folder whose name contains `part` ("before-restore", ".partial-").
  int CountFiles(const std::string& part) const {
    int n = 0;
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().filename().string().find(part) != std::string::npos) ++n;
    return n;
  }

  // A database with rows in every kind of table: reference data (seeded), observations through
  // InsertBatch, a user group, two accounts and a session, a submission with a value, a comment
  // and audit entries, and the illustrative linkage directory.
  void Populate(const std::string& path) {
    auto opened = SqliteStore::Open(path);
    ASSERT_TRUE(opened.has_value()) << opened.error().message_en;
    SqliteStore& store = **opened;
    auto units = store.LoadUnits();
    ASSERT_TRUE(units.has_value());
    int ha_noi = units->FindByKey("ha-noi")->id;
    int bac_ninh = units->FindByKey("bac-ninh")->id;

    std::vector<stats::Observation> rows;
    for (const char* period : {"2024-H1", "2024-H2", "2024"}) {
      stats::Observation o;
      o.unit_id = ha_noi;
      o.indicator_id = "retail_sales";
      o.period = *core::Period::Parse(period);
      o.value = *core::Decimal::Parse("336500000000.5");
      o.basis = "goods_and_services";
      o.source = "Cục Thống kê Hà Nội";
      o.as_of = core::Date{2025, 3, 1};
      rows.push_back(o);
    }
    stats::ImportBatch batch;
    batch.file_name = "ha_noi.csv";
    batch.dataset = "observed";
    batch.imported_by = "test";
    ASSERT_TRUE(store.InsertBatch(&batch, rows).has_value());

    stats::Region group;
    group.key = "nhom-thu";
    group.name_vi = "Nhóm thử";
    group.name_en = "Test group";
    group.kind = "user";
    group.valid_from = core::Date{2008, 8, 1};
    group.member_unit_ids = {ha_noi, bac_ninh};
    ASSERT_TRUE(store.SaveUserRegion(group).has_value());

    SqliteWorkflowStore workflow(&store);
    access::User admin;
    admin.login = "quantri";
    admin.display_name = "Quản trị viên";
    admin.role = access::Role::kAdmin;
    auto admin_id = workflow.CreateUser(admin, "$argon2id$v=19$not-a-real-hash");
    ASSERT_TRUE(admin_id.has_value()) << admin_id.error().message_en;
    access::User officer;
    officer.login = "canbo.hn";
    officer.display_name = "Cán bộ Hà Nội";
    officer.role = access::Role::kOfficer;
    officer.unit_id = ha_noi;
    auto officer_id = workflow.CreateUser(officer, "$argon2id$v=19$another-fake-hash");
    ASSERT_TRUE(officer_id.has_value()) << officer_id.error().message_en;

    access::Session session;
    session.token_sha256 = std::string(64, 'a');
    session.user_id = *officer_id;
    session.csrf_token = std::string(64, 'c');
    session.created_at = core::UtcTimestamp();
    session.last_seen_at = session.created_at;
    session.expires_at = core::UtcTimestamp(3600);
    ASSERT_TRUE(workflow.CreateSession(session, "127.0.0.1").has_value());

    std::string now = core::UtcTimestamp();
    stats::SubmissionChange change;
    change.submission.unit_id = ha_noi;
    change.submission.form_id = "monthly";
    change.submission.period = *core::Period::Parse("2025-05");
    change.submission.status = stats::SubmissionStatus::kDraft;
    change.submission.created_at = now;
    change.submission.updated_at = now;
    stats::EntryValue value;
    value.indicator_id = "retail_sales";
    value.value = *core::Decimal::Parse("61234500000");
    value.note = "ước tính";
    value.updated_by = *officer_id;
    value.updated_at = now;
    change.upserts.push_back(value);
    stats::AuditEntry audit;
    audit.at = now;
    audit.user_id = *officer_id;
    audit.user_login = officer.login;
    audit.action = "value_set";
    audit.via = "form";
    audit.unit_id = ha_noi;
    audit.indicator_id = "retail_sales";
    audit.period = "2025-05";
    audit.form_id = "monthly";
    audit.new_value = "61234500000 [estimate]";
    change.audit.push_back(audit);
    change.comment = stats::SubmissionComment{now, *officer_id, "", "submit", "Số liệu tháng 5"};
    auto submission = workflow.Apply(change, "");
    ASSERT_TRUE(submission.has_value()) << submission.error().message_en;

    SqliteLinkageStore directory(&store, &*units);
    auto loaded = directory.LoadIllustrative(SqliteLinkageStore::kDemoReferenceDate);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message_en;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteBackupTest, ABackupTakenDuringAReadTransactionRestoresEveryTableEqual) {
  ASSERT_NO_FATAL_FAILURE(Populate(path_));
  // A second connection holds an open read transaction (as the server's readers do) while the
  // backup runs in small steps.
  auto reader = SqliteDb::Open(path_);
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE((*reader)->Exec("BEGIN").has_value());
  {
    auto count = (*reader)->Prepare("SELECT COUNT(*) FROM observations");
    ASSERT_TRUE(count.has_value());
    ASSERT_TRUE(*count->Step());
    EXPECT_EQ(count->Int(0), 3);
  }
  std::string backup = Path("backup.db");
  auto made = BackupDatabase(path_, backup, BackupOptions{.pages_per_step = 8, .pause_ms = 0});
  ASSERT_TRUE(made.has_value()) << made.error().message_en;
  ASSERT_TRUE((*reader)->Exec("COMMIT").has_value());
  EXPECT_EQ(made->inspection.schema_version, SqliteStore::KnownSchemaVersion());
  EXPECT_NE(made->message_vi.find("Đã sao lưu"), std::string::npos);
  EXPECT_NE(made->message_en.find("Backed up"), std::string::npos);
  // A backup is one self-contained file: rollback-journal mode (bytes 18-19 of the header are 1,
  // not WAL's 2), no -wal beside it.
  EXPECT_FALSE(fs::exists(backup + "-wal"));
  {
    std::ifstream header(backup, std::ios::binary);
    char bytes[20] = {};
    header.read(bytes, sizeof bytes);
    EXPECT_EQ(bytes[18], 1);
    EXPECT_EQ(bytes[19], 1);
  }
  EXPECT_EQ(CountFiles(".partial-"), 0);

  std::string fresh = Path("restored.db");
  auto restored = RestoreDatabase(fresh, backup);
  ASSERT_TRUE(restored.has_value()) << restored.error().message_en;
  EXPECT_TRUE(restored->saved_as.empty());
  EXPECT_NE(restored->message_vi.find("Đã khôi phục"), std::string::npos);
  EXPECT_NE(restored->message_en.find("Restored"), std::string::npos);

  Dump original = DumpTables(path_);
  // The comparison means something only if the tables hold rows.
  for (const char* table : {"units", "regions", "region_members", "indicators", "observations",
                            "import_batches", "users", "sessions", "submissions", "entry_values",
                            "submission_comments", "audit_log", "organisations", "products",
                            "listings", "schema_migrations"}) {
    EXPECT_FALSE(original[table].empty()) << table;
  }
  ExpectSameTables(original, DumpTables(fresh));
  ExpectSameTables(original, DumpTables(backup));
  {
    // The comparison notices one changed value.
    auto db = SqliteDb::Open(fresh);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("UPDATE users SET display_name = 'x' WHERE login = 'quantri'"));
  }
  EXPECT_NE(DumpTables(fresh)["users"], original["users"]);
  EXPECT_EQ(DumpTables(fresh)["units"], original["units"]);
  // The restored file opens as a lienket database as it is.
  auto reopened = SqliteStore::Open(fresh);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message_en;
  EXPECT_EQ(*(*reopened)->CountObservations("observed"), 3);
  EXPECT_TRUE((*reopened)->CheckIntegrity()->empty());
}

TEST_F(SqliteBackupTest, RestoreOverALiveDatabaseSavesItFirstAndOpenConnectionsSeeTheBackup) {
  ASSERT_NO_FATAL_FAILURE(Populate(path_));
  std::string backup = Path("backup.db");
  ASSERT_TRUE(BackupDatabase(path_, backup).has_value());
  auto live = SqliteStore::Open(path_);  // stays open through the restore, like a server's
  ASSERT_TRUE(live.has_value());
  SqliteWorkflowStore workflow(live->get());
  access::User later;
  later.login = "them.sau";
  later.display_name = "Thêm sau sao lưu";
  later.role = access::Role::kAdmin;
  ASSERT_TRUE(workflow.CreateUser(later, "$argon2id$fake").has_value());
  EXPECT_EQ(*workflow.CountUsers(), 3);
  Dump before = DumpTables(path_);

  auto restored = RestoreDatabase(path_, backup);
  ASSERT_TRUE(restored.has_value()) << restored.error().message_en;
  ASSERT_FALSE(restored->saved_as.empty());
  EXPECT_NE(restored->saved_as.find("live.db.before-restore-"), std::string::npos);
  EXPECT_NE(restored->message_vi.find(restored->saved_as), std::string::npos);
  ExpectSameTables(before, DumpTables(restored->saved_as));
  ExpectSameTables(DumpTables(backup), DumpTables(path_));
  EXPECT_EQ(*workflow.CountUsers(), 2) << "the open connection reads the restored database";
  EXPECT_TRUE((*live)->CheckIntegrity()->empty());
}

TEST_F(SqliteBackupTest, RestoreRefusesAFileThatIsNotALienketDatabase) {
  ASSERT_NO_FATAL_FAILURE(Populate(path_));
  Dump before = DumpTables(path_);
  std::string text = Path("notes.db");
  std::ofstream(text) << "Đây không phải là cơ sở dữ liệu\n";
  std::string other = Path("other.db");
  {
    auto db = SqliteDb::Open(other);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER)").has_value());
  }
  for (const std::string& candidate : {text, other}) {
    auto restored = RestoreDatabase(path_, candidate);
    ASSERT_FALSE(restored.has_value()) << candidate;
    EXPECT_EQ(restored.error().code, core::ErrorCode::kFailedPrecondition) << candidate;
    EXPECT_NE(restored.error().message_en.find("not a"), std::string::npos)
        << restored.error().message_en;
    EXPECT_NE(restored.error().message_vi.find("không thay đổi"), std::string::npos);
  }
  EXPECT_EQ(RestoreDatabase(path_, Path("missing.db")).error().code, core::ErrorCode::kNotFound);
  ExpectSameTables(before, DumpTables(path_));
  EXPECT_EQ(CountFiles("before-restore"), 0);
}

TEST_F(SqliteBackupTest, RestoreRefusesABackupWithANewerSchema) {
  ASSERT_NO_FATAL_FAILURE(Populate(path_));
  std::string backup = Path("backup.db");
  ASSERT_TRUE(BackupDatabase(path_, backup).has_value());
  std::string newer = Path("newer.db");
  fs::copy_file(backup, newer);
  {
    auto db = SqliteDb::Open(newer);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(
        (*db)->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").has_value());
  }
  Dump before = DumpTables(path_);
  auto restored = RestoreDatabase(path_, newer);
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(restored.error().message_en.find("999"), std::string::npos);
  EXPECT_NE(restored.error().message_en.find("upgrade lienket"), std::string::npos);
  EXPECT_NE(restored.error().message_vi.find("cập nhật lienket"), std::string::npos);
  ExpectSameTables(before, DumpTables(path_));
  EXPECT_EQ(CountFiles("before-restore"), 0);
}

TEST_F(SqliteBackupTest, BackupRefusesToOverwriteUnlessForced) {
  ASSERT_NO_FATAL_FAILURE(Populate(path_));
  std::string output = Path("exists.db");
  std::ofstream(output) << "keep me";
  auto refused = BackupDatabase(path_, output);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().message_en.find("--force"), std::string::npos);
  std::ifstream in(output);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "keep me");
  EXPECT_EQ(CountFiles(".partial-"), 0);

  fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write);
  auto forced = BackupDatabase(path_, output, BackupOptions{.force = true});
  ASSERT_TRUE(forced.has_value()) << forced.error().message_en;
  EXPECT_EQ(fs::status(output).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write)
      << "a backup is as private as the database";
  auto inspected = InspectDatabase(output, /*check_integrity=*/true);
  ASSERT_TRUE(inspected.has_value());
  EXPECT_EQ(*inspected->users, 2);
  EXPECT_EQ(*inspected->active_admins, 1);
  EXPECT_TRUE(inspected->integrity_problems.empty());
}

TEST_F(SqliteBackupTest, BackupOfAMissingDatabaseCreatesNothing) {
  auto made = BackupDatabase(Path("absent.db"), Path("out.db"));
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(Path("absent.db")));
  EXPECT_FALSE(fs::exists(Path("out.db")));
}

}  // namespace
}  // namespace lienket::store
