#include "store/sqlite_backup.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string_view>

#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

using core::ErrorCode;
using core::MakeError;

namespace {

namespace fs = std::filesystem;

// Named queries (table names cannot be bound, so each count is its own constant).
constexpr std::string_view kHasTable =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
constexpr std::string_view kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kPageCount = "PRAGMA page_count";
constexpr std::string_view kPageSize = "PRAGMA page_size";
constexpr std::string_view kIntegrityCheck = "PRAGMA integrity_check";
constexpr std::string_view kForeignKeyCheck = "PRAGMA foreign_key_check";
constexpr std::string_view kPgHasTable =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_name = ?1";
constexpr std::string_view kPgDatabaseSize = "SELECT pg_database_size(current_database())";
constexpr std::string_view kCountUnits = "SELECT COUNT(*) FROM units";
constexpr std::string_view kCountRegions = "SELECT COUNT(*) FROM regions";
constexpr std::string_view kCountIndicators = "SELECT COUNT(*) FROM indicators";
constexpr std::string_view kCountObservations = "SELECT COUNT(*) FROM observations";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM users";
constexpr std::string_view kCountActiveAdmins =
    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1";
// A backup is one self-contained file: no -wal beside it.
constexpr std::string_view kSingleFile = "PRAGMA journal_mode=DELETE";

// How long a copy keeps retrying while the other side stays busy or locked, without progress.
constexpr std::chrono::seconds kBusyLimit{30};
// After this many restarts (another process wrote to the source mid-copy), the rest is copied in
// one step: under WAL a reader does not block writers, so a large step costs them nothing, while
// small steps against a busy server could restart forever.
constexpr int kMaxRestarts = 3;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

core::Result<DbHandle> OpenRaw(const std::string& path, int flags) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(handle);
  if (rc != SQLITE_OK) {
    std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("Không mở được tệp cơ sở dữ liệu \"{}\": {}", path, message),
                     fmt::format("Cannot open the database file \"{}\": {}", path, message));
  }
  sqlite3_busy_timeout(handle, 10000);
  sqlite3_extended_result_codes(handle, 1);
  return db;
}

core::Result<Statement> Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db, rc, "đọc tệp / reading the file"));
  return Statement(db, stmt);
}

core::Result<std::int64_t> QueryInt(sqlite3* db, std::string_view sql) {
  LIENKET_ASSIGN_OR_RETURN(stmt, Prepare(db, sql));
  LIENKET_ASSIGN_OR_RETURN(row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

core::Result<bool> HasTable(sqlite3* db, std::string_view table) {
  LIENKET_ASSIGN_OR_RETURN(stmt, Prepare(db, kHasTable));
  stmt.Bind(1, table);
  LIENKET_ASSIGN_OR_RETURN(row, stmt.Step());
  return row && stmt.Int(0) > 0;
}

core::Result<std::optional<std::int64_t>> CountIfPresent(sqlite3* db, std::string_view table,
                                                         std::string_view count_sql) {
  LIENKET_ASSIGN_OR_RETURN(present, HasTable(db, table));
  if (!present) return std::optional<std::int64_t>();
  LIENKET_ASSIGN_OR_RETURN(count, QueryInt(db, count_sql));
  return std::optional<std::int64_t>(count);
}

core::Error NotLienket(const std::string& path) {
  return core::Error{
      ErrorCode::kFailedPrecondition,
      fmt::format("Tệp \"{}\" không phải là cơ sở dữ liệu lienket (không có bảng schema_migrations)",
                  path),
      fmt::format("\"{}\" is not a lienket database (it has no schema_migrations table)", path)};
}

// Copies every page of `from` into `to` with the online backup API, `pages_per_step` at a time
// (-1: all in one step), pausing between steps and retrying while either side is busy.
core::Status CopyPages(sqlite3* from, sqlite3* to, int pages_per_step, int pause_ms,
                       std::string_view context) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr)
    return tl::unexpected(SqliteError(to, sqlite3_extended_errcode(to), context));
  auto busy_deadline = std::chrono::steady_clock::now() + kBusyLimit;
  int restarts = 0;
  int remaining = -1;
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) {
      int now_remaining = sqlite3_backup_remaining(backup);
      if (remaining >= 0 && now_remaining > remaining && ++restarts >= kMaxRestarts)
        pages_per_step = -1;
      remaining = now_remaining;
      busy_deadline = std::chrono::steady_clock::now() + kBusyLimit;
      if (pause_ms > 0) sqlite3_sleep(pause_ms);
      continue;
    }
    if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
      if (std::chrono::steady_clock::now() > busy_deadline) break;
      sqlite3_sleep(100);
      continue;
    }
    break;
  }
  int finished = sqlite3_backup_finish(backup);
  if (rc == SQLITE_DONE && finished == SQLITE_OK) return {};
  return tl::unexpected(SqliteError(to, rc != SQLITE_DONE ? rc : finished, context));
}

void RemoveQuietly(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

// Makes a rename in `dir` durable.
void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  // Best effort: some filesystems refuse fsync on a folder, and the copy itself is already synced.
  (void)::fsync(fd);
  ::close(fd);
}

// "12,5 MB" in Vietnamese, "12.5 MB" in English.
std::string Megabytes(std::int64_t bytes, bool vietnamese) {
  std::string text = fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  if (vietnamese) {
    for (char& c : text)
      if (c == '.') c = ',';
  }
  return text;
}

// Writes the copy of `db_path` into `temp`; with `verify`, checks it is a sound lienket database.
core::Result<DatabaseInspection> WriteCopy(const std::string& db_path, const std::string& temp,
                                           const BackupOptions& options, bool verify) {
  {
    LIENKET_ASSIGN_OR_RETURN(source, OpenRaw(db_path, SQLITE_OPEN_READWRITE));
    LIENKET_ASSIGN_OR_RETURN(target, OpenRaw(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    LIENKET_RETURN_IF_ERROR(CopyPages(source.get(), target.get(), options.pages_per_step,
                                      options.pause_ms, "sao lưu / backing up"));
    char* message = nullptr;
    int rc = sqlite3_exec(target.get(), std::string(kSingleFile).c_str(), nullptr, nullptr,
                          &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
      return tl::unexpected(SqliteError(target.get(), rc, "hoàn tất bản sao / finishing the copy"));
  }
  if (!verify) return DatabaseInspection{};
  LIENKET_ASSIGN_OR_RETURN(inspection, InspectDatabase(temp, /*check_integrity=*/true));
  if (!inspection.integrity_problems.empty()) {
    const std::string& first = inspection.integrity_problems.front();
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("Bản sao của \"{}\" không qua kiểm tra toàn vẹn: {}; cơ sở dữ "
                                 "liệu có thể đã hỏng, hãy chạy \"lienket doctor\"",
                                 db_path, first),
                     fmt::format("The copy of \"{}\" fails its integrity check: {}; the database "
                                 "may be damaged, run \"lienket doctor\"",
                                 db_path, first));
  }
  return inspection;
}

core::Result<BackupReport> Backup(const std::string& db_path, const std::string& output,
                                  const BackupOptions& options, bool verify) {
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có cơ sở dữ liệu tại \"{}\"", db_path),
                     fmt::format("There is no database at \"{}\"", db_path));
  }
  if (fs::exists(output, ec) && !options.force) {
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("Tệp \"{}\" đã có; chọn tên khác hoặc thêm --force để ghi đè",
                                 output),
                     fmt::format("\"{}\" already exists; choose another name or add --force to "
                                 "overwrite it",
                                 output));
  }
  if (fs::is_directory(output, ec)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("\"{}\" là một thư mục; hãy cho tên tệp", output),
                     fmt::format("\"{}\" is a folder; give a file name", output));
  }
  std::string temp = fmt::format("{}.partial-{}", output, ::getpid());
  RemoveQuietly(temp);
  auto written = WriteCopy(db_path, temp, options, verify);
  if (!written) {
    RemoveQuietly(temp);
    return tl::unexpected(written.error());
  }
  // The copy holds what the database holds (password hashes, unpublished figures): it gets the
  // database's permissions, not the umask's.
  fs::perms mode = fs::status(db_path, ec).permissions();
  if (!ec) fs::permissions(temp, mode & fs::perms::all, ec);
  fs::rename(temp, output, ec);
  if (ec) {
    RemoveQuietly(temp);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("Không đổi tên được \"{}\" thành \"{}\": {}", temp, output,
                                 ec.message()),
                     fmt::format("Cannot rename \"{}\" to \"{}\": {}", temp, output, ec.message()));
  }
  SyncDirectory(fs::path(output).parent_path());
  BackupReport report;
  report.output = output;
  report.inspection = std::move(*written);
  const DatabaseInspection& i = report.inspection;
  report.message_vi = fmt::format(
      "Đã sao lưu \"{}\" vào \"{}\": lược đồ phiên bản {}, {} trang ({}), kiểm tra toàn vẹn đạt",
      db_path, output, i.schema_version, i.pages, Megabytes(i.pages * i.page_size, true));
  report.message_en = fmt::format(
      "Backed up \"{}\" to \"{}\": schema version {}, {} pages ({}), integrity check passed",
      db_path, output, i.schema_version, i.pages, Megabytes(i.pages * i.page_size, false));
  return report;
}

// "<db>.before-restore-20250131T142501Z", with "-2", "-3", ... if that name is taken.
std::string BeforeRestoreName(const std::string& db_path) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::string base = fmt::format("{}.before-restore-{}", db_path, stamp);
  std::string name = base;
  std::error_code ec;
  for (int n = 2; fs::exists(name, ec); ++n) name = fmt::format("{}-{}", base, n);
  return name;
}

// Saves the current database before it is replaced: through the backup API (consistent even with
// a server running); if SQLite cannot read it at all (a damaged file is what one restores over),
// as the bytes of the file and its WAL.
core::Result<std::string> SaveCurrent(const std::string& db_path) {
  std::string saved = BeforeRestoreName(db_path);
  auto copied = Backup(db_path, saved, BackupOptions{}, /*verify=*/false);
  if (copied) return saved;
  if (copied.error().code != ErrorCode::kFailedPrecondition) return tl::unexpected(copied.error());
  std::error_code ec;
  fs::copy_file(db_path, saved, ec);
  if (!ec && fs::exists(db_path + "-wal")) fs::copy_file(db_path + "-wal", saved + "-wal", ec);
  if (ec) {
    RemoveQuietly(saved);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("Không lưu được cơ sở dữ liệu hiện tại thành \"{}\": {}", saved,
                                 ec.message()),
                     fmt::format("Cannot save the current database as \"{}\": {}", saved,
                                 ec.message()));
  }
  return saved;
}

core::Error Unchanged(core::Error e, const std::string& db_path) {
  e.message_vi += fmt::format(" — cơ sở dữ liệu \"{}\" không thay đổi", db_path);
  e.message_en += fmt::format(" — the database \"{}\" is unchanged", db_path);
  return e;
}

}  // namespace

// PostgreSQL: the same questions through the database layer. The server checks its own pages and
// enforces every constraint on write, so there is no integrity or foreign key scan to report;
// `pages` is the database's size in bytes (page_size 1).
core::Result<DatabaseInspection> InspectPostgres(const std::string& url) {
  LIENKET_ASSIGN_OR_RETURN(db, Db::Open(url));
  auto query_int = [&db](std::string_view sql, std::string_view arg) -> core::Result<std::int64_t> {
    LIENKET_ASSIGN_OR_RETURN(stmt, db->Prepare(sql));
    if (!arg.empty()) stmt.Bind(1, arg);
    LIENKET_ASSIGN_OR_RETURN(row, stmt.Step());
    return row ? stmt.Int(0) : 0;
  };
  auto count_if_present = [&](std::string_view table, std::string_view count_sql)
      -> core::Result<std::optional<std::int64_t>> {
    LIENKET_ASSIGN_OR_RETURN(present, query_int(kPgHasTable, table));
    if (present == 0) return std::optional<std::int64_t>();
    LIENKET_ASSIGN_OR_RETURN(count, query_int(count_sql, ""));
    return std::optional<std::int64_t>(count);
  };
  const std::string shown = db->display_name();
  LIENKET_ASSIGN_OR_RETURN(has_migrations, query_int(kPgHasTable, "schema_migrations"));
  if (has_migrations == 0) return tl::unexpected(NotLienket(shown));
  DatabaseInspection out;
  out.known_version = SqliteStore::KnownSchemaVersion(Engine::kPostgres);
  out.postgres = true;
  LIENKET_ASSIGN_OR_RETURN(version, query_int(kSchemaVersion, ""));
  if (version <= 0) return tl::unexpected(NotLienket(shown));
  out.schema_version = static_cast<int>(version);
  LIENKET_ASSIGN_OR_RETURN(bytes, query_int(kPgDatabaseSize, ""));
  out.pages = bytes;
  out.page_size = 1;
  LIENKET_ASSIGN_OR_RETURN(units, count_if_present("units", kCountUnits));
  LIENKET_ASSIGN_OR_RETURN(regions, count_if_present("regions", kCountRegions));
  LIENKET_ASSIGN_OR_RETURN(indicators, count_if_present("indicators", kCountIndicators));
  LIENKET_ASSIGN_OR_RETURN(observations, count_if_present("observations", kCountObservations));
  LIENKET_ASSIGN_OR_RETURN(users, count_if_present("users", kCountUsers));
  out.units = units;
  out.regions = regions;
  out.indicators = indicators;
  out.observations = observations;
  out.users = users;
  if (users) {
    LIENKET_ASSIGN_OR_RETURN(admins, query_int(kCountActiveAdmins, ""));
    out.active_admins = admins;
  }
  return out;
}

core::Result<DatabaseInspection> InspectDatabase(const std::string& path, bool check_integrity) {
  if (IsPostgresUrl(path)) return InspectPostgres(path);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có tệp \"{}\"", path),
                     fmt::format("There is no file \"{}\"", path));
  }
  if (!fs::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("\"{}\" không phải là một tệp", path),
                     fmt::format("\"{}\" is not a file", path));
  }
  LIENKET_ASSIGN_OR_RETURN(db, OpenRaw(path, SQLITE_OPEN_READONLY));
  sqlite3* h = db.get();
  auto has_migrations = HasTable(h, "schema_migrations");
  if (!has_migrations) {
    core::Error e = has_migrations.error();
    if (e.code == ErrorCode::kFailedPrecondition) return tl::unexpected(NotLienket(path));
    return tl::unexpected(std::move(e));
  }
  if (!*has_migrations) return tl::unexpected(NotLienket(path));

  DatabaseInspection out;
  out.known_version = SqliteStore::KnownSchemaVersion();
  LIENKET_ASSIGN_OR_RETURN(version, QueryInt(h, kSchemaVersion));
  if (version <= 0) return tl::unexpected(NotLienket(path));
  out.schema_version = static_cast<int>(version);
  LIENKET_ASSIGN_OR_RETURN(pages, QueryInt(h, kPageCount));
  LIENKET_ASSIGN_OR_RETURN(page_size, QueryInt(h, kPageSize));
  out.pages = pages;
  out.page_size = page_size;
  LIENKET_ASSIGN_OR_RETURN(units, CountIfPresent(h, "units", kCountUnits));
  LIENKET_ASSIGN_OR_RETURN(regions, CountIfPresent(h, "regions", kCountRegions));
  LIENKET_ASSIGN_OR_RETURN(indicators, CountIfPresent(h, "indicators", kCountIndicators));
  LIENKET_ASSIGN_OR_RETURN(observations, CountIfPresent(h, "observations", kCountObservations));
  LIENKET_ASSIGN_OR_RETURN(users, CountIfPresent(h, "users", kCountUsers));
  out.units = units;
  out.regions = regions;
  out.indicators = indicators;
  out.observations = observations;
  out.users = users;
  if (users) {
    LIENKET_ASSIGN_OR_RETURN(admins, QueryInt(h, kCountActiveAdmins));
    out.active_admins = admins;
  }
  if (check_integrity) {
    LIENKET_ASSIGN_OR_RETURN(integrity, Prepare(h, kIntegrityCheck));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, integrity.Step());
      if (!row) break;
      if (integrity.Text(0) != "ok") out.integrity_problems.push_back(integrity.Text(0));
    }
    LIENKET_ASSIGN_OR_RETURN(fk, Prepare(h, kForeignKeyCheck));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, fk.Step());
      if (!row) break;
      out.foreign_key_problems.push_back(fmt::format("{} rowid {} -> {}", fk.Text(0), fk.Text(1),
                                                     fk.Text(2)));
    }
  }
  return out;
}

core::Result<BackupReport> BackupDatabase(const std::string& db_path, const std::string& output,
                                          const BackupOptions& options) {
  return Backup(db_path, output, options, /*verify=*/true);
}

core::Result<RestoreReport> RestoreDatabase(const std::string& db_path,
                                            const std::string& backup_path) {
  std::error_code ec;
  if (!fs::exists(backup_path, ec)) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có tệp sao lưu \"{}\"", backup_path),
                     fmt::format("There is no backup file \"{}\"", backup_path));
  }
  bool target_exists = fs::exists(db_path, ec);
  if (target_exists && fs::equivalent(db_path, backup_path, ec)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Tệp sao lưu chính là cơ sở dữ liệu đang dùng",
                     "The backup file is the database itself");
  }
  auto checked = InspectDatabase(backup_path, /*check_integrity=*/true);
  if (!checked) return tl::unexpected(Unchanged(checked.error(), db_path));
  const DatabaseInspection& b = *checked;
  if (b.schema_version > b.known_version) {
    return tl::unexpected(Unchanged(
        core::Error{ErrorCode::kFailedPrecondition,
                    fmt::format("Bản sao lưu \"{}\" có lược đồ phiên bản {}, mới hơn phiên bản {} "
                                "mà chương trình này biết; hãy cập nhật lienket rồi khôi phục",
                                backup_path, b.schema_version, b.known_version),
                    fmt::format("The backup \"{}\" has schema version {}, newer than version {} "
                                "that this program knows; upgrade lienket, then restore",
                                backup_path, b.schema_version, b.known_version)},
        db_path));
  }
  if (!b.integrity_problems.empty() || !b.foreign_key_problems.empty()) {
    const std::string& first = !b.integrity_problems.empty() ? b.integrity_problems.front()
                                                             : b.foreign_key_problems.front();
    return tl::unexpected(Unchanged(
        core::Error{ErrorCode::kFailedPrecondition,
                    fmt::format("Bản sao lưu \"{}\" bị hỏng: {}", backup_path, first),
                    fmt::format("The backup \"{}\" is damaged: {}", backup_path, first)},
        db_path));
  }

  RestoreReport report;
  if (target_exists) {
    LIENKET_ASSIGN_OR_RETURN(saved, SaveCurrent(db_path));
    report.saved_as = std::move(saved);
  }
  {
    LIENKET_ASSIGN_OR_RETURN(source, OpenRaw(backup_path, SQLITE_OPEN_READONLY));
    LIENKET_ASSIGN_OR_RETURN(target, OpenRaw(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    // One step: the target changes in one transaction, so its readers see the old database or
    // the restored one, never a mix.
    auto copied = CopyPages(source.get(), target.get(), -1, 0, "khôi phục / restoring");
    if (!copied) {
      core::Error e = copied.error();
      if (!report.saved_as.empty()) {
        e.message_vi += fmt::format(" (bản lưu cơ sở dữ liệu trước đó: \"{}\")", report.saved_as);
        e.message_en += fmt::format(" (the previous database was saved as \"{}\")",
                                    report.saved_as);
      }
      return tl::unexpected(std::move(e));
    }
  }
  LIENKET_ASSIGN_OR_RETURN(restored, InspectDatabase(db_path, /*check_integrity=*/false));
  report.inspection = std::move(restored);
  const DatabaseInspection& r = report.inspection;

  std::string saved_vi = report.saved_as.empty()
                             ? std::string("Chưa có cơ sở dữ liệu cũ để lưu lại. ")
                             : fmt::format("Đã lưu cơ sở dữ liệu hiện tại thành \"{}\". ",
                                           report.saved_as);
  std::string saved_en = report.saved_as.empty()
                             ? std::string("There was no previous database to save. ")
                             : fmt::format("Saved the current database as \"{}\". ",
                                           report.saved_as);
  std::string migrate_vi, migrate_en;
  if (r.schema_version < r.known_version) {
    migrate_vi = fmt::format(", sẽ được nâng lên phiên bản {} khi mở lần tới", r.known_version);
    migrate_en = fmt::format(", to be migrated to version {} when next opened", r.known_version);
  }
  report.message_vi = fmt::format(
      "{}Đã khôi phục \"{}\" từ \"{}\" (lược đồ phiên bản {}{}; {} người dùng, {} dòng số "
      "liệu). Nếu máy chủ đang chạy, hãy khởi động lại nó.",
      saved_vi, db_path, backup_path, r.schema_version, migrate_vi, r.users.value_or(0),
      r.observations.value_or(0));
  report.message_en = fmt::format(
      "{}Restored \"{}\" from \"{}\" (schema version {}{}; {} users, {} observations). If the "
      "server is running, restart it.",
      saved_en, db_path, backup_path, r.schema_version, migrate_en, r.users.value_or(0),
      r.observations.value_or(0));
  return report;
}

}  // namespace lienket::store
