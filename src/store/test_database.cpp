#include "store/test_database.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "store/db.hpp"

namespace lienket::store {

namespace {

const char* SelectedUrl() {
  const char* url = std::getenv("LIENKET_TEST_DATABASE_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "TestDatabase: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace

bool TestDatabase::PostgresSelected() { return SelectedUrl() != nullptr; }

TestDatabase::TestDatabase(std::string sqlite_path) {
  const char* selected = SelectedUrl();
  if (selected == nullptr) {
    url_ = std::move(sqlite_path);
    return;
  }
  base_ = selected;
  if (!IsPostgresUrl(base_)) Fail("LIENKET_TEST_DATABASE_URL is not a postgresql:// URI");
  static std::atomic<int> counter{0};
  std::random_device random;
  schema_ = fmt::format("t_{}_{}_{:08x}", ::getpid(), counter++, random());
  auto admin = Db::Open(base_);
  if (!admin) Fail(admin.error().message_en);
  auto created = (*admin)->Exec(fmt::format("CREATE SCHEMA {}", schema_));
  if (!created) Fail(created.error().message_en);
  // The schema first in the search path; commits not waiting for the disk (a test's data need
  // not survive a power cut: the server's crash safety is not what the tests are about).
  url_ = fmt::format("{}{}options=-csearch_path%3D{}%20-csynchronous_commit%3Doff", base_,
                     base_.find('?') == std::string::npos ? "?" : "&", schema_);
}

TestDatabase::~TestDatabase() {
  if (schema_.empty()) return;
  auto admin = Db::Open(base_);
  if (!admin) return;  // the schema stays; the next run's are named differently
  core::IgnoreError((*admin)->Exec(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema_)),
                    "a test's scratch schema; a leftover does not affect other tests");
}

}  // namespace lienket::store
