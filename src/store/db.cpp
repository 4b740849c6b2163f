#include "store/db.hpp"

#include <sqlite3.h>

#include "store/pg_db.hpp"
#include "store/sqlite_db.hpp"

namespace lienket::store {

bool IsPostgresUrl(std::string_view path_or_url) {
  return path_or_url.starts_with("postgresql://") || path_or_url.starts_with("postgres://");
}

core::Result<std::unique_ptr<Db>> Db::Open(const std::string& path_or_url) {
  if (IsPostgresUrl(path_or_url)) {
    LIENKET_ASSIGN_OR_RETURN(pg, PgConnection::Open(path_or_url));
    return std::unique_ptr<Db>(std::move(pg));
  }
  LIENKET_ASSIGN_OR_RETURN(lite, SqliteConnection::Open(path_or_url));
  return std::unique_ptr<Db>(std::move(lite));
}

std::string Db::display_name() const { return HidePassword(path_); }

// --- Statement: SQLite calls inline (the import's hot path), PostgreSQL through PgStatement ---

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

Statement::Statement(std::unique_ptr<PgStatement> pg) : pg_(std::move(pg)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), pg_(std::move(other.pg_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
    pg_ = std::move(other.pg_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  if (pg_) {
    pg_->BindInt(index, value);
  } else {
    sqlite3_bind_int64(stmt_, index, value);
  }
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (pg_) {
    pg_->BindText(index, text);
  } else {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::BindTextStatic(int index, std::string_view text) {
  if (pg_) {
    pg_->BindText(index, text);
  } else {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  if (pg_) {
    pg_->BindDouble(index, value);
  } else {
    sqlite3_bind_double(stmt_, index, value);
  }
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (pg_) {
    pg_->BindNull(index);
  } else {
    sqlite3_bind_null(stmt_, index);
  }
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

core::Result<bool> Statement::Step() {
  if (pg_) return pg_->Step();
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
  if (pg_) {
    pg_->Reset();
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const {
  return pg_ ? pg_->Int(column) : sqlite3_column_int64(stmt_, column);
}

double Statement::Double(int column) const {
  return pg_ ? pg_->Double(column) : sqlite3_column_double(stmt_, column);
}

std::string Statement::Text(int column) const {
  if (pg_) return pg_->Text(column);
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return pg_ ? pg_->IsNull(column) : sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

core::Result<std::int64_t> RunReturningId(Statement& insert) {
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) {
    return core::MakeError(core::ErrorCode::kInternal, "Câu lệnh thêm dòng không trả về mã",
                           "The insert returned no id");
  }
  const std::int64_t id = insert.Int(0);
  LIENKET_RETURN_IF_ERROR(insert.Run());
  return id;
}

int Statement::ColumnCount() const {
  return pg_ ? pg_->ColumnCount() : sqlite3_column_count(stmt_);
}

// --- Transaction ---

core::Result<Transaction> Transaction::Begin(Db* db, bool serialise_writers) {
  // Inside an open transaction, a savepoint: the inner unit rolls back alone on its error path,
  // and commits only with the outer one.
  if (db->InTransaction()) {
    LIENKET_RETURN_IF_ERROR(db->Exec("SAVEPOINT nested"));
    return Transaction(db, /*nested=*/true);
  }
  LIENKET_RETURN_IF_ERROR(db->BeginTransaction(serialise_writers));
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
