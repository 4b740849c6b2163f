#include "store/pg_db.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>

namespace lienket::store {

using core::ErrorCode;

namespace {

constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;

// Transaction-scoped advisory lock that serialises write transactions (store/db.hpp,
// Transaction). Keyed by the schema as well, so that databases in separate schemas (the tests')
// do not wait for each other.
constexpr const char* kBeginWriter =
    "BEGIN ISOLATION LEVEL READ COMMITTED; "
    "SELECT pg_advisory_xact_lock(7301, hashtext(current_schema()))";
constexpr const char* kBeginReadCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED";

std::string Trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// The error of a failed statement, by SQLSTATE (see store/db.hpp for the codes).
core::Error PgError(const PGresult* result, PGconn* conn, std::string_view context) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  std::string message =
      Trimmed(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (message.empty()) message = Trimmed(PQerrorMessage(conn));
  // The constraint's kind in SQLite's words, which callers and tests recognise on both engines.
  if (sqlstate == "23503") message = "FOREIGN KEY constraint failed: " + message;
  if (sqlstate == "23505") message = "UNIQUE constraint failed: " + message;
  if (sqlstate == "23514") message = "CHECK constraint failed: " + message;
  if (sqlstate == "23502") message = "NOT NULL constraint failed: " + message;
  ErrorCode code = ErrorCode::kInternal;
  std::string vi = fmt::format("Lỗi cơ sở dữ liệu khi {}: {}", context, message);
  std::string en = fmt::format("Database error while {}: {}", context, message);
  const bool lost = PQstatus(conn) == CONNECTION_BAD || sqlstate.starts_with("08");
  if (sqlstate == "23505") {
    code = ErrorCode::kAlreadyExists;
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" ||
             sqlstate == "57014") {
    code = ErrorCode::kUnavailable;
    vi = fmt::format("Cơ sở dữ liệu đang bận (một giao dịch khác đang ghi) khi {}; hãy thử lại",
                     context);
    en = fmt::format("The database is busy (another transaction is writing) while {}; try again",
                     context);
  } else if (lost || sqlstate.starts_with("57P") || sqlstate.starts_with("53")) {
    code = ErrorCode::kUnavailable;
    vi = fmt::format("Mất kết nối tới máy chủ PostgreSQL khi {}: {}; hãy thử lại", context, message);
    en = fmt::format("Lost the connection to the PostgreSQL server while {}: {}; try again",
                     context, message);
  }
  return core::Error{code, vi, en};
}

void IgnoreNotice(void*, const char*) {}

bool IsWrite(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  auto starts = [&](std::string_view word) {
    if (sql.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k]) return false;
    }
    return true;
  };
  return starts("INSERT") || starts("UPDATE") || starts("DELETE") || starts("WITH");
}

}  // namespace

std::string HidePassword(std::string_view url) {
  // scheme://user:password@host...: the password is between the first ':' after "//" and '@'.
  std::string out(url);
  std::size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  std::size_t at = out.find('@', scheme + 3);
  if (at == std::string::npos) return out;
  std::size_t colon = out.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return out;
  return out.substr(0, colon + 1) + "***" + out.substr(at);
}

std::string TranslatePlaceholders(std::string_view sql, int* parameters) {
  std::string out;
  out.reserve(sql.size() + 16);
  int largest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted identifier, '' and "" escapes included
      std::size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      out.append(sql.substr(i, end + 1 - i));
      i = end + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      std::size_t end = i + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
      int n = end > i + 1 ? std::atoi(std::string(sql.substr(i + 1, end - i - 1)).c_str())
                          : largest + 1;
      largest = std::max(largest, n);
      out += fmt::format("${}", n);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  if (parameters != nullptr) *parameters = largest;
  return out;
}

// --- PgStatement ---

PgStatement::PgStatement(PgConnection* conn, std::string sql, int parameters)
    : conn_(conn),
      sql_(std::move(sql)),
      writes_(IsWrite(sql_)),
      values_(static_cast<std::size_t>(parameters)),
      null_(static_cast<std::size_t>(parameters), 1),
      types_(static_cast<std::size_t>(parameters), 0) {}

PgStatement::~PgStatement() { Clear(); }

void PgStatement::Clear() {
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  rows_ = 0;
}

void PgStatement::Ensure(int index) {
  auto n = static_cast<std::size_t>(index);
  if (n > values_.size()) {  // a parameter the SQL does not use: PostgreSQL would refuse it
    values_.resize(n);
    null_.resize(n, 1);
    types_.resize(n, 0);
  }
}

void PgStatement::BindInt(int index, std::int64_t value) {
  Ensure(index);
  values_[index - 1] = std::to_string(value);
  null_[index - 1] = 0;
  types_[index - 1] = kInt8Oid;
}

void PgStatement::BindText(int index, std::string_view text) {
  Ensure(index);
  values_[index - 1].assign(text);
  null_[index - 1] = 0;
  types_[index - 1] = kTextOid;
}

void PgStatement::BindDouble(int index, double value) {
  Ensure(index);
  values_[index - 1] = fmt::format("{}", value);
  null_[index - 1] = 0;
  types_[index - 1] = kFloat8Oid;
}

void PgStatement::BindNull(int index) {
  Ensure(index);
  values_[index - 1].clear();
  null_[index - 1] = 1;
  types_[index - 1] = 0;
}

core::Result<bool> PgStatement::Step() {
  if (result_ == nullptr) {
    LIENKET_ASSIGN_OR_RETURN(result, conn_->Execute(sql_, writes_, values_, null_, types_));
    result_ = result;
    rows_ = PQntuples(result_);
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < rows_;
}

void PgStatement::Reset() {
  Clear();
  std::fill(null_.begin(), null_.end(), 1);
  std::fill(types_.begin(), types_.end(), 0);
}

std::int64_t PgStatement::Int(int column) const {
  if (result_ == nullptr || row_ >= rows_ || PQgetisnull(result_, row_, column)) return 0;
  const char* v = PQgetvalue(result_, row_, column);
  if (v[0] == 't') return 1;  // a boolean
  if (v[0] == 'f') return 0;
  return std::strtoll(v, nullptr, 10);
}

double PgStatement::Double(int column) const {
  if (result_ == nullptr || row_ >= rows_ || PQgetisnull(result_, row_, column)) return 0;
  return std::strtod(PQgetvalue(result_, row_, column), nullptr);
}

std::string PgStatement::Text(int column) const {
  if (result_ == nullptr || row_ >= rows_ || PQgetisnull(result_, row_, column)) return {};
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

bool PgStatement::IsNull(int column) const {
  return result_ == nullptr || row_ >= rows_ || PQgetisnull(result_, row_, column) != 0;
}

int PgStatement::ColumnCount() const { return result_ != nullptr ? PQnfields(result_) : 0; }

// --- PgConnection ---

core::Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn != nullptr ? Trimmed(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    std::string shown = HidePassword(url);
    return core::MakeError(
        ErrorCode::kUnavailable,
        fmt::format("Không kết nối được tới PostgreSQL \"{}\": {}", shown, message),
        fmt::format("Cannot connect to PostgreSQL \"{}\": {}", shown, message));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  std::unique_ptr<PgConnection> db(new PgConnection(conn, url));
  LIENKET_RETURN_IF_ERROR(db->Simple(
      "SET client_min_messages = warning; SET lock_timeout = '10s'; "
      "SET client_encoding = 'UTF8'"));
  return db;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Reconnect() {
  if (PQstatus(conn_) == CONNECTION_OK) return true;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return static_cast<bool>(Simple(
      "SET client_min_messages = warning; SET lock_timeout = '10s'; "
      "SET client_encoding = 'UTF8'"));
}

core::Status PgConnection::Simple(const char* sql) {
  PGresult* result = PQexec(conn_, sql);
  ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    core::Error error = PgError(result, conn_, "thực thi / executing");
    PQclear(result);
    return tl::unexpected(error);
  }
  // COMMIT of a transaction that an error aborted "succeeds" as ROLLBACK: that is a failure.
  if (std::string_view(PQcmdStatus(result)) == "ROLLBACK" &&
      std::string_view(sql).starts_with("COMMIT")) {
    PQclear(result);
    return core::MakeError(ErrorCode::kInternal,
                           "Giao dịch đã bị hủy do một lỗi trước đó; không có gì được ghi",
                           "The transaction was aborted by an earlier error; nothing was written");
  }
  const char* tuples = PQcmdTuples(result);
  changes_ = tuples != nullptr && *tuples != '\0' ? std::atoll(tuples) : 0;
  PQclear(result);
  return {};
}

core::Result<Statement> PgConnection::Prepare(std::string_view sql) {
  int parameters = 0;
  std::string translated = TranslatePlaceholders(sql, &parameters);
  return Statement(std::make_unique<PgStatement>(this, std::move(translated), parameters));
}

core::Status PgConnection::Exec(std::string_view sql) {
  if (!InTransaction()) Reconnect();
  return Simple(std::string(sql).c_str());
}

core::Result<PGresult*> PgConnection::Execute(const std::string& sql, bool writes,
                                              const std::vector<std::string>& values,
                                              const std::vector<char>& nulls,
                                              std::vector<unsigned int>& types) {
  const bool in_transaction = InTransaction();
  if (!in_transaction) Reconnect();
  // A NULL is sent without a type, for the server to infer from the statement; where it cannot
  // (`?1 IS NULL` before any other use of ?1) the statement is sent again with the NULLs typed
  // as text. A savepoint keeps that first failure from aborting an open transaction.
  bool untyped_null = false;
  for (std::size_t i = 0; i < types.size(); ++i) untyped_null |= nulls[i] && types[i] == 0;
  const bool savepoint = (writes || untyped_null) && statement_savepoints_ && in_transaction;
  if (savepoint) LIENKET_RETURN_IF_ERROR(Simple("SAVEPOINT lienket_statement"));
  std::vector<const char*> pointers(values.size());
  std::vector<int> lengths(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    pointers[i] = nulls[i] ? nullptr : values[i].c_str();
    lengths[i] = static_cast<int>(values[i].size());
  }
  PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                                  reinterpret_cast<const Oid*>(types.data()), pointers.data(),
                                  lengths.data(), nullptr, 0);
  ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (status == PGRES_FATAL_ERROR && untyped_null && state != nullptr &&
      (std::string_view(state) == "42P18" || std::string_view(state) == "42P08") && (savepoint || !in_transaction)) {
    PQclear(result);
    if (savepoint) {
      LIENKET_RETURN_IF_ERROR(Simple("ROLLBACK TO SAVEPOINT lienket_statement"));
    }
    for (std::size_t i = 0; i < types.size(); ++i) {
      if (nulls[i] && types[i] == 0) types[i] = kTextOid;
    }
    result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                          reinterpret_cast<const Oid*>(types.data()), pointers.data(),
                          lengths.data(), nullptr, 0);
    status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  }
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    core::Error error = PgError(result, conn_, "chạy câu lệnh / running a statement");
    PQclear(result);
    if (savepoint) {
      core::IgnoreError(Simple("ROLLBACK TO SAVEPOINT lienket_statement; "
                               "RELEASE SAVEPOINT lienket_statement"),
                        "undoing one failed statement; its error is returned");
    }
    return tl::unexpected(error);
  }
  const char* tuples = PQcmdTuples(result);
  const std::int64_t changed = tuples != nullptr && *tuples != '\0' ? std::atoll(tuples) : 0;
  if (savepoint) {
    auto released = Simple("RELEASE SAVEPOINT lienket_statement");
    if (!released) {
      PQclear(result);
      return tl::unexpected(released.error());
    }
  }
  changes_ = changed;
  return result;
}

std::int64_t PgConnection::LastInsertId() {
  auto select = Prepare("SELECT lastval()");
  if (!select) return 0;
  // lastval() fails when no sequence was used in this session; inside a transaction that
  // failure must not abort it, hence the savepoint.
  const bool savepoint = InTransaction();
  if (savepoint && !Simple("SAVEPOINT lienket_lastval")) return 0;
  auto row = select->Step();
  std::int64_t id = row && *row ? select->Int(0) : 0;
  if (savepoint) {
    core::IgnoreError(Simple(row ? "RELEASE SAVEPOINT lienket_lastval"
                                 : "ROLLBACK TO SAVEPOINT lienket_lastval; "
                                   "RELEASE SAVEPOINT lienket_lastval"),
                      "the id is read; the savepoint only guarded it");
  }
  return id;
}

bool PgConnection::InTransaction() const {
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

core::Status PgConnection::BeginTransaction(bool serialise_writers) {
  if (!InTransaction()) Reconnect();
  auto status = Simple(serialise_writers ? kBeginWriter : kBeginReadCommitted);
  if (!status && InTransaction()) core::IgnoreError(Simple("ROLLBACK"), "a failed BEGIN");
  return status;
}

NoStatementSavepoints::NoStatementSavepoints(Db* db) : pg_(AsPostgres(db)) {
  if (pg_ != nullptr) pg_->set_statement_savepoints(false);
}

NoStatementSavepoints::~NoStatementSavepoints() {
  if (pg_ != nullptr) pg_->set_statement_savepoints(true);
}

PgConnection* AsPostgres(Db* db) {
  return db != nullptr && db->engine() == Engine::kPostgres ? static_cast<PgConnection*>(db)
                                                            : nullptr;
}

}  // namespace lienket::store
