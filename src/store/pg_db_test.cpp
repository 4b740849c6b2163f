#include "store/pg_db.hpp"

#include <gtest/gtest.h>

#include "store/test_database.hpp"

namespace lienket::store {
namespace {

TEST(PgTranslate, NumberedAndPlainPlaceholdersBecomeDollarNumbers) {
  int n = 0;
  EXPECT_EQ(TranslatePlaceholders("SELECT a FROM t WHERE b = ?1 AND (?2 IS NULL OR c = ?2)", &n),
            "SELECT a FROM t WHERE b = $1 AND ($2 IS NULL OR c = $2)");
  EXPECT_EQ(n, 2);
  // A plain ? takes one more than the largest so far, as in SQLite.
  EXPECT_EQ(TranslatePlaceholders("INSERT INTO t VALUES (?, ?, ?9, ?)", &n),
            "INSERT INTO t VALUES ($1, $2, $9, $10)");
  EXPECT_EQ(n, 10);
}

TEST(PgTranslate, LeavesQuotesAndCommentsAlone) {
  int n = 0;
  EXPECT_EQ(TranslatePlaceholders("SELECT '?', \"a?\" -- why?\nFROM t /* ? */ WHERE x = ?", &n),
            "SELECT '?', \"a?\" -- why?\nFROM t /* ? */ WHERE x = $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(TranslatePlaceholders("SELECT 'it''s ?' WHERE y = ?3", &n),
            "SELECT 'it''s ?' WHERE y = $3");
  EXPECT_EQ(n, 3);
}

TEST(PgUrl, PasswordsAreNeverShown) {
  EXPECT_EQ(HidePassword("postgresql://lienket:bi-mat@db.so-ct.vn:5432/lienket"),
            "postgresql://lienket:***@db.so-ct.vn:5432/lienket");
  EXPECT_EQ(HidePassword("postgresql://lienket@127.0.0.1/lienket"),
            "postgresql://lienket@127.0.0.1/lienket");
  EXPECT_TRUE(IsPostgresUrl("postgres://x@y/z"));
  EXPECT_FALSE(IsPostgresUrl("/var/lib/lienket/lienket.db"));
}

TEST(PgConnection, AnUnreachableServerIsUnavailableWithoutThePassword) {
  auto db = Db::Open("postgresql://lienket:bi-mat@127.0.0.1:1/lienket?connect_timeout=2");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().message_en.find("bi-mat"), std::string::npos) << db.error().message_en;
  EXPECT_NE(db.error().message_en.find("***"), std::string::npos) << db.error().message_en;
}

// On the engine the test run selects: the layer's error codes and transaction behaviour.
TEST(DbLayer, UniqueViolationsAreAlreadyExistsAndAFailedWriteUndoesOnlyItself) {
  TestDatabase database(::testing::TempDir() + "lienket_db_layer_test.db");
  {
    auto db = std::move(*Db::Open(database.url()));
    ASSERT_TRUE(db->Exec("DROP TABLE IF EXISTS layer_t; CREATE TABLE layer_t (k TEXT UNIQUE, "
                         "n BIGINT)"));
    auto tx = std::move(*Transaction::Begin(db.get()));
    auto insert = std::move(*db->Prepare("INSERT INTO layer_t (k, n) VALUES (?1, ?2)"));
    insert.Bind(1, "a").Bind(2, std::int64_t{1});
    ASSERT_TRUE(insert.Run());
    insert.Reset();
    insert.Bind(1, "a").Bind(2, std::int64_t{2});
    auto again = insert.Run();
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::kAlreadyExists);
    insert.Reset();
    insert.Bind(1, "b").BindNull(2);  // the transaction goes on after the refused row
    ASSERT_TRUE(insert.Run()) << "a failed statement must not abort the transaction";
    ASSERT_TRUE(tx.Commit());
    auto count = std::move(*db->Prepare("SELECT COUNT(*) FROM layer_t WHERE (?1 IS NULL OR k = ?1)"));
    count.BindNull(1);
    ASSERT_TRUE(*count.Step());
    EXPECT_EQ(count.Int(0), 2);
    count.Reset();  // SQLite: an unfinished statement locks the table against DROP
    ASSERT_TRUE(db->Exec("DROP TABLE layer_t"));
  }
}

}  // namespace
}  // namespace lienket::store
