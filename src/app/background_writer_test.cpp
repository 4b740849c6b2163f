#include "app/background_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite_store.hpp"
#include "store/test_database.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;

class BackgroundWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_background_writer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    database_ = std::make_unique<store::TestDatabase>((dir_ / "test.db").string());
    store_ = std::move(*store::SqliteStore::Open(database_->url()));
    ha_noi_ = store_->LoadUnits()->FindByKey("ha-noi")->id;
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
    fs::remove_all(dir_);
  }

  // Retail sales of Hà Nội for one month of 2024.
  stats::Observation Month(int month, std::string value) {
    stats::Observation o;
    o.unit_id = ha_noi_;
    o.indicator_id = "retail_sales";
    o.period = *core::Period::FromMonths(2024, month, month);
    o.value = *core::Decimal::Parse(value);
    o.basis = "goods_and_services";
    o.source = "test";
    o.as_of = core::Date{2024, 12, 31};
    return o;
  }

  std::unique_ptr<BackgroundWriter> Begin(stats::ImportBatch* batch) {
    batch->dataset = "observed";
    auto writer = store_->BeginBatch(batch);
    EXPECT_TRUE(writer.has_value());
    return std::make_unique<BackgroundWriter>(std::move(*writer));
  }

  std::vector<stats::Observation> AllRows() {
    stats::ObservationQuery q;
    q.latest_only = false;
    return *store_->Find(q);
  }

  fs::path dir_;
  std::unique_ptr<store::TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::unique_ptr<store::SqliteStore> store_;
  int ha_noi_ = 0;
};

TEST_F(BackgroundWriterTest, CommitsExactlyThePlanWithIdsInTheFilesOrder) {
  stats::ImportBatch batch;
  auto writer = Begin(&batch);
  // Ordinals 0..11 accepted; 4 arrives late (its value was decided at the end), 7 turns out not
  // to be wanted. Thousands of rows make the writer thread write several chunks.
  for (std::uint32_t m = 1; m <= 12; ++m) {
    if (m != 5) writer->Add(m - 1, Month(static_cast<int>(m), std::to_string(m * 10)));
  }
  ASSERT_TRUE(writer->Drain().has_value());
  stats::ImportPlan plan;
  for (std::uint32_t m = 1; m <= 12; ++m) {
    if (m == 8) continue;
    plan.to_insert.push_back(Month(static_cast<int>(m), std::to_string(m * 10)));
    plan.ordinals.push_back(m - 1);
  }
  ASSERT_TRUE(writer->Reconcile(plan).has_value());
  batch.rows_inserted = 11;
  ASSERT_TRUE(writer->Commit(batch).has_value());
  writer.reset();

  auto rows = AllRows();
  ASSERT_EQ(rows.size(), 11u);
  for (const stats::Observation& o : rows) {
    EXPECT_NE(o.period.first_month(), 8);
    // The id follows the ordinal (ordinal + 1 in an empty database), late row included.
    EXPECT_EQ(o.id, o.period.first_month());
    EXPECT_EQ(o.value.ToString(), std::to_string(o.period.first_month() * 10));
    EXPECT_EQ(o.batch_id, batch.id);
  }
  EXPECT_EQ(store_->ListBatches()->back().rows_inserted, 11);
}

TEST_F(BackgroundWriterTest, ManyRowsOnTheSecondThreadThenARejectedFileLeavesTheDatabaseUnchanged) {
  stats::ImportBatch first;
  auto committed = Begin(&first);
  committed->Add(0, Month(1, "1"));
  ASSERT_TRUE(committed->Drain().has_value());
  stats::ImportPlan one;
  one.to_insert = {Month(1, "1")};
  one.ordinals = {0};
  ASSERT_TRUE(committed->Reconcile(one).has_value());
  ASSERT_TRUE(committed->Commit(first).has_value());
  committed.reset();

  // 20,000 rows (five chunks) written, then the validator finds an error: the caller drops the
  // writer without committing.
  {
    stats::ImportBatch batch;
    auto writer = Begin(&batch);
    std::uint32_t ordinal = 0;
    for (int day = 1; day <= 28; ++day) {
      for (int month = 1; month <= 12; ++month) {
        for (int k = 0; k < 60; ++k) {
          stats::Observation o = Month(month, std::to_string(ordinal));
          o.as_of = core::Date{2025, month, day};
          o.source = "source " + std::to_string(k);
          writer->Add(ordinal++, o);
        }
      }
    }
    ASSERT_TRUE(writer->Drain().has_value());
    EXPECT_EQ(AllRows().size(), 1u);  // nothing visible before a commit
  }
  EXPECT_EQ(AllRows().size(), 1u);
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
}

TEST_F(BackgroundWriterTest, AnErrorOnTheWriterThreadIsReportedAndNothingIsWritten) {
  stats::ImportBatch batch;
  auto writer = Begin(&batch);
  stats::Observation bad = Month(2, "2");
  bad.dataset = "nope";
  writer->Add(0, Month(1, "1"));
  writer->Add(1, bad);
  writer->Add(2, Month(3, "3"));
  auto drained = writer->Drain();
  ASSERT_FALSE(drained.has_value());
  EXPECT_EQ(drained.error().code, core::ErrorCode::kInvalidArgument);
  writer.reset();
  EXPECT_TRUE(AllRows().empty());
  EXPECT_TRUE(store_->ListBatches()->empty());
}

TEST_F(BackgroundWriterTest, APlanRowThatDuplicatesAStoredVintageIsRefused) {
  stats::ImportBatch first;
  auto committed = Begin(&first);
  committed->Add(0, Month(1, "1"));
  ASSERT_TRUE(committed->Drain().has_value());
  stats::ImportPlan one;
  one.to_insert = {Month(1, "1")};
  one.ordinals = {0};
  ASSERT_TRUE(committed->Reconcile(one).has_value());
  ASSERT_TRUE(committed->Commit(first).has_value());
  committed.reset();

  stats::ImportBatch batch;
  auto writer = Begin(&batch);
  writer->Add(0, Month(1, "999"));  // same vintage as the stored row: left out by the writer
  ASSERT_TRUE(writer->Drain().has_value());
  stats::ImportPlan plan;  // a plan that (wrongly) wants it written
  plan.to_insert = {Month(1, "999")};
  plan.ordinals = {0};
  auto reconciled = writer->Reconcile(plan);
  ASSERT_FALSE(reconciled.has_value());
  EXPECT_EQ(reconciled.error().code, core::ErrorCode::kAlreadyExists);
  writer.reset();
  auto rows = AllRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value.ToString(), "1");
}

}  // namespace
}  // namespace lienket::app
