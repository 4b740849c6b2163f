// The SQLite engine of the database layer (store/db.hpp): a connection over the C API with WAL
// journaling. `SqliteDb` is the engine-neutral Db under its first name, kept so that the stores
// written against it (SqliteDb*, SqliteDb::Open) run on either engine.
// Not thread-safe: one connection per thread.
#pragma once

#include <string>
#include <string_view>

#include "store/db.hpp"

namespace lienket::store {

using SqliteDb = Db;

class SqliteConnection final : public Db {
 public:
  // Opens (creating if needed) the database file with WAL journaling, foreign keys on,
  // synchronous=NORMAL and a busy timeout. Errors: kUnavailable with the path and reason.
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteConnection>> Open(
      const std::string& path);
  ~SqliteConnection() override;

  [[nodiscard]] Engine engine() const override { return Engine::kSqlite; }
  [[nodiscard]] core::Result<Statement> Prepare(std::string_view sql) override;
  [[nodiscard]] core::Status Exec(std::string_view sql) override;
  [[nodiscard]] std::int64_t LastInsertId() override;
  [[nodiscard]] std::int64_t Changes() const override;
  [[nodiscard]] bool InTransaction() const override;
  [[nodiscard]] sqlite3* handle() { return db_; }

 protected:
  [[nodiscard]] core::Status BeginTransaction(bool serialise_writers) override;

 private:
  SqliteConnection(sqlite3* db, std::string path) : Db(std::move(path)), db_(db) {}
  sqlite3* db_;
};

// The SQLite connection under `db`, or null on another engine.
[[nodiscard]] SqliteConnection* AsSqlite(Db* db);

// Error from the connection's last failure, with context.
[[nodiscard]] core::Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace lienket::store
