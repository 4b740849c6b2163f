// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters (the only way values reach SQL in lienket), and transactions that roll back unless
// committed. Errors come back as Result values carrying SQLite's message.
// Not thread-safe: one SqliteDb per thread.
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

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. Text is copied by SQLite (SQLITE_TRANSIENT) unless
  // BindTextStatic is used, whose text must outlive the next Step.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindTextStatic(int index, std::string_view text);
  Statement& BindDouble(int index, double value);
  Statement& BindNull(int index);
  Statement& BindOptional(int index, const std::optional<std::string>& text);

  // Runs one step: true when a row is ready, false when done. Errors: kAlreadyExists for a
  // UNIQUE violation, kUnavailable when the database is busy, kInternal otherwise.
  [[nodiscard]] core::Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  [[nodiscard]] core::Status Run();
  // Resets for reuse with new bindings.
  void Reset();

  [[nodiscard]] std::int64_t Int(int column) const;
  [[nodiscard]] double Double(int column) const;
  [[nodiscard]] std::string Text(int column) const;
  [[nodiscard]] bool IsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database file with WAL journaling, foreign keys on,
  // synchronous=NORMAL and a busy timeout. Errors: kUnavailable with the path and reason.
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  [[nodiscard]] core::Result<Statement> Prepare(std::string_view sql);
  // Executes SQL without parameters (schema scripts, pragmas).
  [[nodiscard]] core::Status Exec(std::string_view sql);
  [[nodiscard]] std::int64_t LastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] std::int64_t Changes() const;
  [[nodiscard]] sqlite3* handle() { return db_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// BEGIN IMMEDIATE on construction (a SAVEPOINT when a transaction is already open); ROLLBACK on
// destruction unless Commit() succeeded.
class Transaction {
 public:
  [[nodiscard]] static core::Result<Transaction> Begin(SqliteDb* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_), nested_(other.nested_) {
    other.db_ = nullptr;
  }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  [[nodiscard]] core::Status Commit();

 private:
  Transaction(SqliteDb* db, bool nested) : db_(db), nested_(nested) {}
  SqliteDb* db_;
  bool nested_;
};

// Error from the connection's last failure, with context.
[[nodiscard]] core::Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace lienket::store
