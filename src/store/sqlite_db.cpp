#include "store/sqlite_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace lienket::store {

using core::ErrorCode;

core::Error SqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xFF;
  ErrorCode code = ErrorCode::kInternal;
  std::string vi = fmt::format("Lỗi cơ sở dữ liệu khi {}: {}", context, message);
  std::string en = fmt::format("Database error while {}: {}", context, message);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    code = ErrorCode::kAlreadyExists;
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    code = ErrorCode::kUnavailable;
    vi = fmt::format("Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi) khi {}; hãy thử lại",
                     context);
    en = fmt::format("The database is busy (another process is writing) while {}; try again",
                     context);
  } else if (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_FULL ||
             primary == SQLITE_IOERR) {
    code = ErrorCode::kUnavailable;
  } else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
    code = ErrorCode::kFailedPrecondition;
    vi = fmt::format("Tệp không phải là cơ sở dữ liệu lienket hợp lệ ({}): {}", context, message);
    en = fmt::format("The file is not a valid lienket database ({}): {}", context, message);
  }
  return core::Error{code, vi, en};
}

core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    return core::MakeError(ErrorCode::kUnavailable,
                           fmt::format("Không mở được cơ sở dữ liệu \"{}\": {}", path, message),
                           fmt::format("Cannot open database \"{}\": {}", path, message));
  }
  std::unique_ptr<SqliteConnection> db(new SqliteConnection(handle, path));
  sqlite3_busy_timeout(handle, 10000);
  sqlite3_extended_result_codes(handle, 1);
  LIENKET_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL"));
  LIENKET_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
  LIENKET_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=NORMAL"));
  // 64 MiB of page cache (the default is 2 MiB): a large import touches index pages all over the
  // file, and re-reading them from the OS dominated its time.
  LIENKET_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size=-65536"));
  return db;
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

core::Result<Statement> SqliteConnection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK)
    return tl::unexpected(SqliteError(db_, rc, "chuẩn bị câu lệnh / preparing a statement"));
  return Statement(db_, stmt);
}

core::Status SqliteConnection::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) {
    return tl::unexpected(SqliteError(db_, sqlite3_extended_errcode(db_), "thực thi / executing"));
  }
  return {};
}

std::int64_t SqliteConnection::LastInsertId() { return sqlite3_last_insert_rowid(db_); }

std::int64_t SqliteConnection::Changes() const { return sqlite3_changes(db_); }

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

core::Status SqliteConnection::BeginTransaction(bool /*serialise_writers*/) {
  // IMMEDIATE: the write lock is taken now, so one writer at a time on every path.
  return Exec("BEGIN IMMEDIATE");
}

SqliteConnection* AsSqlite(Db* db) {
  return db != nullptr && db->engine() == Engine::kSqlite ? static_cast<SqliteConnection*>(db)
                                                          : nullptr;
}

}  // namespace lienket::store
