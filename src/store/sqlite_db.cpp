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

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindTextStatic(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

core::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  int extended = sqlite3_extended_errcode(db_);
  return tl::unexpected(SqliteError(db_, extended, "chạy câu lệnh / running a statement"));
}

core::Status Statement::Run() {
  while (true) {
    auto more = Step();
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

core::Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
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
  std::unique_ptr<SqliteDb> db(new SqliteDb(handle, path));
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

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

core::Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK)
    return tl::unexpected(SqliteError(db_, rc, "chuẩn bị câu lệnh / preparing a statement"));
  return Statement(db_, stmt);
}

core::Status SqliteDb::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) {
    return tl::unexpected(SqliteError(db_, sqlite3_extended_errcode(db_), "thực thi / executing"));
  }
  return {};
}

std::int64_t SqliteDb::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t SqliteDb::Changes() const { return sqlite3_changes(db_); }

core::Result<Transaction> Transaction::Begin(SqliteDb* db) {
  // Inside an open transaction, a savepoint: the inner unit rolls back alone on its error path,
  // and commits only with the outer one.
  if (sqlite3_get_autocommit(db->handle()) == 0) {
    LIENKET_RETURN_IF_ERROR(db->Exec("SAVEPOINT nested"));
    return Transaction(db, /*nested=*/true);
  }
  LIENKET_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  return Transaction(db, /*nested=*/false);
}

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  if (nested_) {
    core::IgnoreError(db_->Exec("ROLLBACK TO nested"), "rollback of a savepoint on an error path");
    core::IgnoreError(db_->Exec("RELEASE nested"), "release of a rolled-back savepoint");
  } else {
    core::IgnoreError(db_->Exec("ROLLBACK"), "rollback on an error path");
  }
}

core::Status Transaction::Commit() {
  auto status = db_->Exec(nested_ ? "RELEASE nested" : "COMMIT");
  if (status) db_ = nullptr;
  return status;
}

}  // namespace lienket::store
