// The engine-neutral database layer every store goes through: a connection (Db), prepared
// statements with bound parameters (the only way values reach SQL in lienket), and transactions
// that roll back unless committed. Two engines implement it: SQLite (store/sqlite_db.hpp, the
// embedded default) and PostgreSQL over libpq (store/pg_db.hpp, the server option).
//
// SQL is written once, in the portable dialect of HELPER_RULES/README: numbered placeholders
// `?1`, `?2` (or plain `?`), `INSERT ... RETURNING id`, `ON CONFLICT ... DO ...`, no functions of
// one engine only. The PostgreSQL statement rewrites the placeholders to `$N` and sends every
// value with its type (int8, text, float8), so `?1 IS NULL` and comparisons behave as on SQLite.
//
// Errors map to the same codes on both engines: kAlreadyExists for a UNIQUE (or primary key)
// violation; kUnavailable when the database is busy, a transaction must be retried (deadlock,
// serialization failure) or the connection is lost; kInternal otherwise.
// Not thread-safe: one Db per thread (or one under a mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lienket::store {

enum class Engine { kSqlite, kPostgres };

// True for "postgresql://..." and "postgres://..." (libpq's connection URIs); anything else is
// the path of a SQLite file.
[[nodiscard]] bool IsPostgresUrl(std::string_view path_or_url);

class PgStatement;  // store/pg_db.hpp

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt);
  explicit Statement(std::unique_ptr<PgStatement> pg);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based. Text is copied unless BindTextStatic is used, whose text must
  // outlive the next Step.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindTextStatic(int index, std::string_view text);
  Statement& BindDouble(int index, double value);
  Statement& BindNull(int index);
  Statement& BindOptional(int index, const std::optional<std::string>& text);

  // Runs one step: true when a row is ready, false when done. Errors: see the file comment.
  [[nodiscard]] core::Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  [[nodiscard]] core::Status Run();
  // Resets for reuse with new bindings (the bindings are cleared).
  void Reset();

  // Column values of the current row (0-based). A PostgreSQL boolean reads as 1 or 0.
  [[nodiscard]] std::int64_t Int(int column) const;
  [[nodiscard]] double Double(int column) const;
  [[nodiscard]] std::string Text(int column) const;
  [[nodiscard]] bool IsNull(int column) const;
  // Columns of the result (after the first Step).
  [[nodiscard]] int ColumnCount() const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::unique_ptr<PgStatement> pg_;  // set for a PostgreSQL statement
};

class Db {
 public:
  // Opens `path_or_url`: a PostgreSQL connection URI (IsPostgresUrl) or a SQLite file, created
  // if needed. Errors: kUnavailable with the path (never the password) and the reason.
  [[nodiscard]] static core::Result<std::unique_ptr<Db>> Open(const std::string& path_or_url);
  virtual ~Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  [[nodiscard]] virtual Engine engine() const = 0;
  [[nodiscard]] bool is_postgres() const { return engine() == Engine::kPostgres; }
  [[nodiscard]] virtual core::Result<Statement> Prepare(std::string_view sql) = 0;
  // Executes SQL without parameters (schema scripts, several statements separated by ';').
  [[nodiscard]] virtual core::Status Exec(std::string_view sql) = 0;
  // The id of the last row inserted on this connection. New code reads `RETURNING id` instead.
  [[nodiscard]] virtual std::int64_t LastInsertId() = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] virtual std::int64_t Changes() const = 0;
  // True inside BEGIN ... COMMIT.
  [[nodiscard]] virtual bool InTransaction() const = 0;
  // The file path or the connection URI it was opened with (for a second connection).
  [[nodiscard]] const std::string& path() const { return path_; }
  // The path or URI with any password replaced by "***", for messages and logs.
  [[nodiscard]] std::string display_name() const;

 protected:
  explicit Db(std::string path) : path_(std::move(path)) {}
  // BEGIN for a top-level transaction. `serialise_writers`: see Transaction::Begin.
  [[nodiscard]] virtual core::Status BeginTransaction(bool serialise_writers) = 0;
  friend class Transaction;

 private:
  std::string path_;
};

// Runs an `INSERT ... RETURNING id` (or `RETURNING code`) and returns the one value it returns.
[[nodiscard]] core::Result<std::int64_t> RunReturningId(Statement& insert);

// Opens a transaction on construction (a SAVEPOINT when one is already open); rolls back on
// destruction unless Commit() succeeded.
//
// Isolation. SQLite: BEGIN IMMEDIATE, one writer at a time, readers never wait (WAL).
// PostgreSQL: READ COMMITTED, and a top-level transaction first takes one transaction-scoped
// advisory lock (kWriterLock), so write transactions run one after another exactly as on
// SQLite: a read-then-write in a store (a workflow transition, a moderation) cannot interleave
// with another. Readers (plain statements outside a transaction) never wait. An import's batch
// writer passes serialise_writers=false and locks only the observations table instead (see
// SqliteStore::BeginBatch), so web edits go on while a file is imported.
class Transaction {
 public:
  [[nodiscard]] static core::Result<Transaction> Begin(Db* db, bool serialise_writers = true);
  Transaction(Transaction&& other) noexcept : db_(other.db_), nested_(other.nested_) {
    other.db_ = nullptr;
  }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  [[nodiscard]] core::Status Commit();

 private:
  Transaction(Db* db, bool nested) : db_(db), nested_(nested) {}
  Db* db_;
  bool nested_;
};

}  // namespace lienket::store
