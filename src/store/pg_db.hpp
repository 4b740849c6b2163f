// The PostgreSQL engine of the database layer (store/db.hpp), over libpq: the server option
// (`--db postgresql://user@host/db`). Statements are sent with PQexecParams, every value typed
// (int8, text, float8; a NULL lets the server infer its type from the statement), the portable
// placeholders `?N` and `?` rewritten to `$N` once when prepared.
//
// PostgreSQL aborts a whole transaction on the first failed statement, where SQLite undoes only
// that statement. So that the stores behave alike on both engines, a write statement run inside
// a transaction is wrapped in a savepoint: when it fails (a UNIQUE violation that the store turns
// into a message, say), only that statement is undone and the transaction goes on. A bulk writer
// that needs no such safety turns it off (set_statement_savepoints).
// Not thread-safe: one PgConnection per thread (or one under a mutex).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

struct pg_conn;
struct pg_result;

namespace lienket::store {

class PgConnection;

class PgStatement {
 public:
  PgStatement(PgConnection* conn, std::string sql, int parameters);
  ~PgStatement();
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void BindInt(int index, std::int64_t value);
  void BindText(int index, std::string_view text);
  void BindDouble(int index, double value);
  void BindNull(int index);
  [[nodiscard]] core::Result<bool> Step();
  void Reset();
  [[nodiscard]] std::int64_t Int(int column) const;
  [[nodiscard]] double Double(int column) const;
  [[nodiscard]] std::string Text(int column) const;
  [[nodiscard]] bool IsNull(int column) const;
  [[nodiscard]] int ColumnCount() const;

 private:
  void Ensure(int index);
  void Clear();
  PgConnection* conn_;
  std::string sql_;
  bool writes_;  // INSERT, UPDATE, DELETE (savepoint inside a transaction)
  std::vector<std::string> values_;
  std::vector<char> null_;
  std::vector<unsigned int> types_;
  pg_result* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
};

class PgConnection final : public Db {
 public:
  // Connects to `url` (a libpq URI); sets a 10 s lock timeout (the SQLite busy timeout's twin)
  // and silences notices. Errors: kUnavailable with the URI (password hidden) and the reason.
  [[nodiscard]] static core::Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  ~PgConnection() override;

  [[nodiscard]] Engine engine() const override { return Engine::kPostgres; }
  [[nodiscard]] core::Result<Statement> Prepare(std::string_view sql) override;
  [[nodiscard]] core::Status Exec(std::string_view sql) override;
  [[nodiscard]] std::int64_t LastInsertId() override;
  [[nodiscard]] std::int64_t Changes() const override { return changes_; }
  [[nodiscard]] bool InTransaction() const override;
  void set_statement_savepoints(bool on) { statement_savepoints_ = on; }

  // Runs one statement with text parameters; the result is the caller's (PQclear). Used by
  // PgStatement.
  [[nodiscard]] core::Result<pg_result*> Execute(const std::string& sql, bool writes,
                                                 const std::vector<std::string>& values,
                                                 const std::vector<char>& nulls,
                                                 std::vector<unsigned int>& types);

 protected:
  [[nodiscard]] core::Status BeginTransaction(bool serialise_writers) override;

 private:
  PgConnection(pg_conn* conn, std::string url) : Db(std::move(url)), conn_(conn) {}
  [[nodiscard]] core::Status Simple(const char* sql);
  [[nodiscard]] bool Reconnect();
  pg_conn* conn_;
  std::int64_t changes_ = 0;
  bool statement_savepoints_ = true;
};

// Turns the per-statement savepoints of a PostgreSQL connection off for its lifetime (bulk writes
// that expect no error: the reference data of a new database). Does nothing on SQLite.
class NoStatementSavepoints {
 public:
  explicit NoStatementSavepoints(Db* db);
  ~NoStatementSavepoints();
  NoStatementSavepoints(const NoStatementSavepoints&) = delete;
  NoStatementSavepoints& operator=(const NoStatementSavepoints&) = delete;

 private:
  PgConnection* pg_;
};

// `?N` and `?` placeholders to `$N` (outside quotes and comments); `*parameters` gets the number
// of parameters (the largest N).
[[nodiscard]] std::string TranslatePlaceholders(std::string_view sql, int* parameters);

// The PostgreSQL connection under `db`, or null on another engine.
[[nodiscard]] PgConnection* AsPostgres(Db* db);

// The URI with its password replaced by "***".
[[nodiscard]] std::string HidePassword(std::string_view url);

}  // namespace lienket::store
