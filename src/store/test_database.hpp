// A fresh database for one test, on the engine the environment selects, so that one test binary
// runs against SQLite and against PostgreSQL (CTest registers the store, app, api and tests/
// binaries twice: the second time, with prefix "pg.", with LIENKET_TEST_DATABASE_URL set).
//
// Without LIENKET_TEST_DATABASE_URL: the SQLite file the test names. With it set to a
// PostgreSQL URI (postgresql://lienket:lienket@127.0.0.1/lienket_test): a new schema on that
// server, named after the process and a counter, the URI extended to select it
// (options=-csearch_path=...), and dropped with everything in it when the object is destroyed.
// A server that cannot be reached is a failure of the test, never a skip: the process aborts
// with the reason.
#pragma once

#include <string>

namespace lienket::store {

class TestDatabase {
 public:
  explicit TestDatabase(std::string sqlite_path);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The path or URI to open (SqliteStore::Open, --db, Context::Open).
  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] bool postgres() const { return !schema_.empty(); }
  // True when LIENKET_TEST_DATABASE_URL selects PostgreSQL.
  [[nodiscard]] static bool PostgresSelected();

 private:
  std::string url_;
  std::string base_;
  std::string schema_;
};

}  // namespace lienket::store
