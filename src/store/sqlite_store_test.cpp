#include "store/sqlite_store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <chrono>
#include <set>
#include <thread>

#include "store/embedded_files.hpp"
#include "store/test_database.hpp"

namespace lienket::store {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    database_ = std::make_unique<TestDatabase>((dir_ / "test.db").string());
    path_ = database_->url();
  }
  void TearDown() override {
    database_.reset();
    fs::remove_all(dir_);
  }

  stats::Observation Row(const stats::UnitCatalog& units, std::string indicator, std::string period,
                         std::string value, std::string as_of,
                         stats::VintageStatus status = stats::VintageStatus::kEstimate) {
    stats::Observation o;
    o.unit_id = units.FindByKey("ha-noi")->id;
    o.indicator_id = std::move(indicator);
    o.period = *core::Period::Parse(period);
    o.value = *core::Decimal::Parse(value);
    o.status = status;
    o.basis = "goods_and_services";
    o.source = "test source";
    o.as_of = *core::Date::Parse(as_of);
    return o;
  }

  fs::path dir_;
  std::unique_ptr<TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::string path_;
};

TEST_F(SqliteStoreTest, NewDatabaseHoldsReferenceDataAndNoObservations) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.has_value()) << store.error().message_en;
  EXPECT_TRUE((*store)->created());
  EXPECT_EQ((*store)->schema_version(), SqliteStore::KnownSchemaVersion((*store)->db()->engine()));
  auto units = (*store)->LoadUnits();
  ASSERT_TRUE(units.has_value());
  EXPECT_EQ(units->units().size(), 87u);  // 63 + 23 merged units + the nation
  auto indicators = (*store)->LoadIndicators();
  ASSERT_TRUE(indicators.has_value());
  EXPECT_NE(indicators->FindById("khuyen_cong_plan"), nullptr);
  auto regions = (*store)->LoadRegions();
  ASSERT_TRUE(regions.has_value());
  EXPECT_GE(regions->size(), 10u);
  EXPECT_EQ(*(*store)->CountObservations("observed"), 0);
  EXPECT_TRUE((*store)->CheckIntegrity()->empty());
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndDoesNotReseed) {
  { ASSERT_TRUE(SqliteStore::Open(path_).has_value()); }
  auto again = SqliteStore::Open(path_);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE((*again)->created());
  EXPECT_EQ((*again)->LoadUnits()->units().size(), 87u);
}

TEST_F(SqliteStoreTest, RefusesASchemaNewerThanItKnows) {
  { ASSERT_TRUE(SqliteStore::Open(path_).has_value()); }
  {
    auto db = SqliteDb::Open(path_);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 'x')"));
  }
  auto store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message_en.find("999"), std::string::npos);
}

TEST_F(SqliteStoreTest, KeepsEveryVintageAndAnswersAsOfADate) {
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  std::vector<stats::Observation> rows = {
      Row(units, "retail_sales", "2024", "100", "2024-12-20"),
      Row(units, "retail_sales", "2024", "104", "2025-03-01", stats::VintageStatus::kPreliminary),
      Row(units, "retail_sales", "2024", "105", "2025-09-30", stats::VintageStatus::kOfficial),
  };
  stats::ImportBatch batch;
  batch.file_name = "t.csv";
  batch.dataset = "observed";
  ASSERT_TRUE(store->InsertBatch(&batch, rows).has_value());
  EXPECT_GT(batch.id, 0);

  stats::ObservationQuery q;
  q.indicator_ids = {"retail_sales"};
  auto latest = store->Find(q);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ((*latest)[0].value.ToString(), "105");
  q.as_of = core::Date{2025, 4, 1};
  auto then = store->Find(q);
  ASSERT_EQ(then->size(), 1u);
  EXPECT_EQ((*then)[0].value.ToString(), "104");
  q.as_of = core::Date{2024, 1, 1};
  EXPECT_TRUE(store->Find(q)->empty());
  q.as_of.reset();
  q.latest_only = false;
  EXPECT_EQ(store->Find(q)->size(), 3u);
}

TEST_F(SqliteStoreTest, ABatchIsAllOrNothing) {
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  stats::Observation ok = Row(units, "retail_sales", "2024", "100", "2024-12-20");
  stats::ImportBatch batch;
  batch.dataset = "observed";
  // The same vintage twice violates the unique index on the second row.
  auto status = store->InsertBatch(&batch, {ok, ok});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(*store->CountObservations("observed"), 0);
  EXPECT_TRUE(store->ListBatches()->empty());
}

TEST_F(SqliteStoreTest, AnImportRefreshesThePlannerStatistics) {
  // Without statistics SQLite walked the whole vintage index for the report's query by period
  // (0.5 s at two million rows); with them it skips to each (indicator, unit, period).
  if (database_->postgres()) GTEST_SKIP() << "SQLite's planner statistics (sqlite_stat1)";
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  stats::ImportBatch batch;
  batch.dataset = "observed";
  const std::vector<stats::Observation> rows = {
      Row(units, "retail_sales", "2024", "100", "2024-12-20"),
      Row(units, "retail_sales", "2023", "90", "2023-12-20")};
  ASSERT_TRUE(store->InsertBatch(&batch, rows).has_value());
  auto db = SqliteDb::Open(path_);
  ASSERT_TRUE(db.has_value());
  auto select = (*db)->Prepare(
      "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'observations' AND idx = "
      "'observations_vintage'");
  ASSERT_TRUE(select.has_value()) << select.error().message_en;
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), 1);
  stats::ObservationQuery q;
  q.period = core::Period::Year(2024);
  auto found = store->Find(q);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().value.ToString(), "100");
}

TEST_F(SqliteStoreTest, RemovesOnlyTheIllustrativeDataset) {
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  stats::Observation real = Row(units, "retail_sales", "2024", "100", "2024-12-20");
  stats::Observation demo = real;
  demo.dataset = "illustrative";
  stats::ImportBatch b1, b2;
  b1.dataset = "observed";
  b2.dataset = "illustrative";
  ASSERT_TRUE(store->InsertBatch(&b1, {real}).has_value());
  ASSERT_TRUE(store->InsertBatch(&b2, {demo}).has_value());
  EXPECT_EQ(*store->DeleteDataset("illustrative"), 1);
  EXPECT_EQ(*store->CountObservations("observed"), 1);
  EXPECT_EQ(*store->CountObservations("illustrative"), 0);
  EXPECT_EQ(store->ListBatches()->size(), 1u);
}

TEST_F(SqliteStoreTest, UserGroupsCannotReplaceShippedRegions) {
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  stats::Region g;
  g.key = "mien-bac-28";
  g.name_vi = "x";
  g.valid_from = core::Date{2008, 8, 1};
  g.member_unit_ids = {units.FindByKey("ha-noi")->id};
  EXPECT_EQ(store->SaveUserRegion(g).error().code, core::ErrorCode::kAlreadyExists);
  g.key = "tam-giac-kinh-te";
  g.member_unit_ids.push_back(units.FindByKey("hai-phong")->id);
  ASSERT_TRUE(store->SaveUserRegion(g).has_value());
  auto regions = *store->LoadRegions();
  auto it = std::find_if(regions.begin(), regions.end(),
                         [](const stats::Region& r) { return r.key == "tam-giac-kinh-te"; });
  ASSERT_NE(it, regions.end());
  EXPECT_EQ(it->member_unit_ids.size(), 2u);
  EXPECT_TRUE(store->DeleteUserRegion("tam-giac-kinh-te").has_value());
  EXPECT_EQ(store->DeleteUserRegion("tam-giac-kinh-te").error().code, core::ErrorCode::kNotFound);
}


// A database written by lienket with schema version 1 (text columns in the vintage index), as
// released: reference rows, two batches, vintages of every status, qualifier and dataset, ids
// not in the order Find sorts by.
void WriteVersionOneDatabase(const std::string& path) {
  auto db = std::move(*SqliteDb::Open(path));
  ASSERT_TRUE(db->Exec(*FindEmbedded(std::string(SqliteStore::MigrationFolder(db->engine())) +
                                     "0001_init.sql")));
  ASSERT_TRUE(db->Exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL);"
      "INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-01-01T00:00:00Z');"
      "INSERT INTO units (id, key, code, name_vi, full_name_vi, name_en, type, valid_from) "
      "VALUES (1, 'ha-noi', '01', 'Hà Nội', 'Thành phố Hà Nội', 'Ha Noi', 'city', '2008-08-01'),"
      " (2, 'hai-phong', '31', 'Hải Phòng', 'Thành phố Hải Phòng', 'Hai Phong', 'city', "
      "'2008-08-01');"
      "INSERT INTO indicators (id, name_vi, name_en, unit, kind, aggregation, time_aggregation, "
      "precision, display_unit_vi, display_unit_en, bases, default_basis) VALUES "
      "('retail_sales', 'Bán lẻ', 'Retail', 'dong', 'flow', 'sum', 'sum', 0, 'tỷ đồng', 'bn', "
      "'goods_and_services', 'goods_and_services'),"
      " ('exports', 'Xuất khẩu', 'Exports', 'usd', 'flow', 'sum', 'sum', 0, 'triệu USD', 'm', "
      "'customs|provincial', 'customs');"
      "INSERT INTO sources VALUES (1, 'Cục Thống kê'), (2, 'Niên giám');"
      "INSERT INTO import_batches VALUES (1, 'a.csv', 'x', 'csv', 'observed', 'u', "
      "'2025-01-01T00:00:00Z', 5, 5, 0, 0), (2, 'demo.csv', 'y', 'csv', 'illustrative', 'u', "
      "'2025-02-01T00:00:00Z', 1, 1, 0, 0);"
      "INSERT INTO observations VALUES "
      "(1, 1, 'retail_sales', '2024', 2024, 1, 12, '100', 'estimate', 'exact', "
      "'goods_and_services', 1, '', '2024-12-20', 'observed', 1, '2025-01-01T00:00:00Z'),"
      "(2, 1, 'retail_sales', '2024', 2024, 1, 12, '105.25', 'official', 'lower_bound', "
      "'goods_and_services', 2, 'ghi chú', '2025-09-30', 'observed', 1, '2025-01-01T00:00:00Z'),"
      "(3, 1, 'exports', '2024-H1', 2024, 1, 6, '8663000000', 'preliminary', 'approx', 'customs', "
      "1, '', '2024-07-15', 'observed', 1, '2025-01-01T00:00:00Z'),"
      "(4, 2, 'retail_sales', '2024-M01-M05', 2024, 1, 5, '50.5', 'estimate', 'upper_bound', "
      "'goods_and_services', 1, '', '2024-06-01', 'illustrative', 2, '2025-02-01T00:00:00Z'),"
      "(5, 1, 'retail_sales', '2024', 2024, 1, 12, '104', 'preliminary', 'exact', "
      "'goods_and_services', 1, '', '2025-03-01', 'observed', 1, '2025-01-01T00:00:00Z'),"
      "(7, 1, 'exports', '2024-H1', 2024, 1, 6, '8700000000', 'official', 'exact', 'provincial', "
      "1, '', '2024-12-31', 'observed', 1, '2025-01-01T00:00:00Z');"));
}

TEST_F(SqliteStoreTest, MigrationKeepsEveryStoredRowAndFindAnswersAsBefore) {
  WriteVersionOneDatabase(path_);
  auto opened = SqliteStore::Open(path_);
  ASSERT_TRUE(opened.has_value()) << opened.error().message_en;
  auto store = std::move(*opened);
  EXPECT_FALSE(store->created());  // units were there: nothing seeded
  EXPECT_EQ(store->schema_version(), SqliteStore::KnownSchemaVersion());
  EXPECT_TRUE(store->CheckIntegrity()->empty());

  // Every vintage of both datasets, in Find's order: indicator, unit, period, basis, dataset,
  // as_of, id.
  stats::ObservationQuery all;
  all.datasets = {"observed", "illustrative"};
  all.latest_only = false;
  auto rows = store->Find(all);
  ASSERT_TRUE(rows.has_value()) << rows.error().message_en;
  std::vector<std::int64_t> ids;
  for (const stats::Observation& o : *rows) ids.push_back(o.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{3, 7, 1, 5, 2, 4}));
  const stats::Observation& official = (*rows)[4];
  EXPECT_EQ(official.unit_id, 1);
  EXPECT_EQ(official.indicator_id, "retail_sales");
  EXPECT_EQ(official.period, core::Period::Year(2024));
  EXPECT_EQ(official.value.ToString(), "105.25");
  EXPECT_EQ(official.status, stats::VintageStatus::kOfficial);
  EXPECT_EQ(official.qualifier, stats::Qualifier::kLowerBound);
  EXPECT_EQ(official.basis, "goods_and_services");
  EXPECT_EQ(official.source, "Niên giám");
  EXPECT_EQ(official.note, "ghi chú");
  EXPECT_EQ(official.as_of, (core::Date{2025, 9, 30}));
  EXPECT_EQ(official.dataset, "observed");
  EXPECT_EQ(official.batch_id, 1);
  EXPECT_EQ(official.recorded_at, "2025-01-01T00:00:00Z");
  const stats::Observation& demo = (*rows)[5];
  EXPECT_EQ(demo.period, *core::Period::Parse("2024-M01-M05"));
  EXPECT_EQ(demo.qualifier, stats::Qualifier::kUpperBound);
  EXPECT_EQ(demo.dataset, "illustrative");
  EXPECT_EQ((*rows)[0].qualifier, stats::Qualifier::kApprox);
  EXPECT_EQ((*rows)[0].status, stats::VintageStatus::kPreliminary);

  // The latest vintage as of a date, by period, by basis.
  stats::ObservationQuery q;
  q.indicator_ids = {"retail_sales"};
  q.as_of = core::Date{2025, 4, 1};
  auto then = store->Find(q);
  ASSERT_EQ(then->size(), 1u);
  EXPECT_EQ(then->front().id, 5);
  q.as_of.reset();
  EXPECT_EQ(store->Find(q)->front().id, 2);
  stats::ObservationQuery by_period;
  by_period.period = *core::Period::Parse("2024-H1");
  by_period.basis = "provincial";
  auto h1 = store->Find(by_period);
  ASSERT_EQ(h1->size(), 1u);
  EXPECT_EQ(h1->front().id, 7);
  stats::ObservationQuery years;
  years.year_from = 2025;
  EXPECT_TRUE(store->Find(years)->empty());
  EXPECT_EQ(*store->CountObservations("observed"), 5);
  EXPECT_EQ(*store->CountObservations("illustrative"), 1);

  // The unique vintage index still refuses a stored vintage; a new one gets a new id.
  auto units = *store->LoadUnits();
  stats::Observation again = (*rows)[2];  // id 1
  again.id = 0;
  stats::ImportBatch batch;
  batch.dataset = "observed";
  auto refused = store->InsertBatch(&batch, {again});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kAlreadyExists);
  again.as_of = core::Date{2026, 1, 15};
  ASSERT_TRUE(store->InsertBatch(&batch, {again}).has_value());
  q.as_of.reset();
  auto latest = store->Find(q);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->front().id, 8);
  EXPECT_EQ(latest->front().value.ToString(), "100");
}

TEST_F(SqliteStoreTest, ABatchWriterLeavesOutStoredVintagesAndRollsBackUnlessCommitted) {
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  stats::Observation stored = Row(units, "retail_sales", "2024", "100", "2024-12-20");
  stats::ImportBatch first;
  first.dataset = "observed";
  ASSERT_TRUE(store->InsertBatch(&first, {stored}).has_value());
  stats::Observation fresh = Row(units, "retail_sales", "2025", "120", "2025-12-20");
  {
    stats::ImportBatch batch;
    batch.dataset = "observed";
    auto writer = store->BeginBatch(&batch);
    ASSERT_TRUE(writer.has_value()) << writer.error().message_en;
    EXPECT_EQ((*writer)->first_free_id(), first.id + 1);
    auto ids = (*writer)->Write({fresh, stored});
    ASSERT_TRUE(ids.has_value()) << ids.error().message_en;
    EXPECT_GT((*ids)[0], 0);
    EXPECT_EQ((*ids)[1], 0);  // the stored vintage is left out
    // Readers see only what is committed while the batch is open.
    EXPECT_EQ(*store->CountObservations("observed"), 1);
    stats::Observation bad = fresh;
    bad.dataset = "nope";
    auto refused = (*writer)->Write({bad});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  }  // dropped without Commit
  EXPECT_EQ(*store->CountObservations("observed"), 1);
  {
    // The writer's connection skips SQLite's foreign key checks; the writer makes them itself.
    stats::ImportBatch batch;
    batch.dataset = "observed";
    auto writer = std::move(*store->BeginBatch(&batch));
    stats::Observation no_unit = fresh;
    no_unit.unit_id = 99999;
    auto refused = writer->Write({no_unit});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
    stats::Observation no_indicator = fresh;
    no_indicator.indicator_id = "no_such_indicator";
    refused = writer->Write({no_indicator});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(store->CheckIntegrity()->empty());
  EXPECT_EQ(store->ListBatches()->size(), 1u);

  stats::ImportBatch batch;
  batch.dataset = "observed";
  auto writer = std::move(*store->BeginBatch(&batch));
  stats::Observation second = Row(units, "retail_sales", "2023", "90", "2023-12-20");
  second.id = writer->first_free_id() + 5;  // a chosen id
  auto ids = *writer->Write({fresh, second});
  EXPECT_EQ(ids[1], writer->first_free_id() + 5);
  ASSERT_TRUE(writer->Remove({ids[0]}).has_value());
  batch.rows_read = 2;
  batch.rows_inserted = 1;
  batch.file_sha256 = "abc";
  ASSERT_TRUE(writer->Commit(batch).has_value());
  EXPECT_EQ(*store->CountObservations("observed"), 2);
  auto batches = *store->ListBatches();
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[1].id, batch.id);
  EXPECT_EQ(batches[1].rows_inserted, 1);
  EXPECT_EQ(batches[1].file_sha256, "abc");
}


TEST_F(SqliteStoreTest, ABatchWriterFindsAStoredVintageAmongManyRowsWrittenTogether) {
  // Rows go into the database 32 to a statement; a stored vintage among them undoes that
  // statement, and its rows are written again one at a time.
  auto store = std::move(*SqliteStore::Open(path_));
  auto units = *store->LoadUnits();
  auto month = [&](int m, int day) {
    return Row(units, "retail_sales", fmt::format("2024-{:02}", m), std::to_string(m * 100 + day),
               fmt::format("2024-12-{:02}", day));
  };
  stats::ImportBatch first;
  first.dataset = "observed";
  ASSERT_TRUE(store->InsertBatch(&first, {month(3, 7)}).has_value());
  std::vector<stats::Observation> rows;
  for (int day = 1; day <= 10; ++day) {
    for (int m = 1; m <= 7; ++m) rows.push_back(month(m, day));
  }
  stats::ImportBatch batch;
  batch.dataset = "observed";
  auto writer = std::move(*store->BeginBatch(&batch));
  auto ids = writer->Write(rows);
  ASSERT_TRUE(ids.has_value()) << ids.error().message_en;
  ASSERT_EQ(ids->size(), 70u);
  std::set<std::int64_t> distinct;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool stored = rows[i].period.first_month() == 3 && rows[i].as_of.day == 7;
    EXPECT_EQ((*ids)[i] == 0, stored) << i;
    if ((*ids)[i] != 0) distinct.insert((*ids)[i]);
  }
  EXPECT_EQ(distinct.size(), 69u);
  ASSERT_TRUE(writer->Commit(batch).has_value());
  stats::ObservationQuery all;
  all.latest_only = false;
  auto found = *store->Find(all);
  ASSERT_EQ(found.size(), 70u);
  for (const stats::Observation& o : found) {
    EXPECT_EQ(o.value.ToString(), std::to_string(o.period.first_month() * 100 + o.as_of.day));
  }
}


TEST_F(SqliteStoreTest, TwoImportsAndWebEditsAtOnceLoseAndDuplicateNothing) {
  // Two imports, each on its own connections as two processes would have, write overlapping
  // files at the same time while a third connection edits user groups (a web edit). SQLite runs
  // the writers one at a time (BEGIN IMMEDIATE); PostgreSQL serialises the imports on the
  // observations table's lock and lets the web edits through (store/db.hpp). Either way every
  // row is stored once: the overlap is left out by whichever import comes second.
  { ASSERT_TRUE(SqliteStore::Open(path_).has_value()); }
  constexpr int kRows = 600;  // per import; the second file repeats half of the first
  auto import = [this](int first_year, std::string source, int* written, std::string* error) {
    auto opened = SqliteStore::Open(path_);
    if (!opened) {
      *error = opened.error().message_en;
      return;
    }
    auto store = std::move(*opened);
    auto units = *store->LoadUnits();
    stats::ImportBatch batch;
    batch.dataset = "observed";
    auto writer = store->BeginBatch(&batch);
    if (!writer) {
      *error = writer.error().message_en;
      return;
    }
    for (int start = 0; start < kRows; start += 50) {
      std::vector<stats::Observation> rows;
      for (int i = start; i < start + 50; ++i) {
        int year = first_year + i / 12;
        rows.push_back(Row(units, "retail_sales", fmt::format("{}-{:02}", year, i % 12 + 1),
                           std::to_string(1000 + year), fmt::format("{}-12-31", year)));
        rows.back().source = source;
      }
      auto ids = (*writer)->Write(rows);
      if (!ids) {
        *error = ids.error().message_en;
        return;
      }
      for (std::int64_t id : *ids) *written += id != 0 ? 1 : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    auto committed = (*writer)->Commit(batch);
    if (!committed) *error = committed.error().message_en;
  };
  auto edits = [this](std::string* error) {
    auto store = std::move(*SqliteStore::Open(path_));
    auto units = *store->LoadUnits();
    for (int i = 0; i < 20 && error->empty(); ++i) {
      stats::Region group;
      group.key = fmt::format("nhom-{}", i);
      group.name_vi = group.name_en = group.key;
      group.kind = "user";
      group.valid_from = core::Date{2020, 1, 1};
      group.member_unit_ids = {units.FindByKey("ha-noi")->id, units.FindByKey("hai-phong")->id};
      if (auto saved = store->SaveUserRegion(group); !saved) *error = saved.error().message_en;
    }
  };
  int written_a = 0, written_b = 0;
  std::string error_a, error_b, error_web;
  // Years 2000–2049 from A; B repeats A's 2025–2049 (same vintage, same source) and adds 2050–74.
  std::thread a(import, 2000, "nguồn chung", &written_a, &error_a);
  std::thread b(import, 2025, "nguồn chung", &written_b, &error_b);
  std::thread web(edits, &error_web);
  a.join();
  b.join();
  web.join();
  ASSERT_EQ(error_a, "");
  ASSERT_EQ(error_b, "");
  ASSERT_EQ(error_web, "");
  auto store = std::move(*SqliteStore::Open(path_));
  const std::int64_t expected = kRows + kRows / 2;
  EXPECT_EQ(*store->CountObservations("observed"), expected);
  EXPECT_EQ(written_a + written_b, expected);
  stats::ObservationQuery all;
  auto rows = *store->Find(all);
  std::set<std::int64_t> ids;
  for (const auto& o : rows) ids.insert(o.id);
  EXPECT_EQ(static_cast<std::int64_t>(ids.size()), expected);  // no id given twice
  EXPECT_EQ(store->ListBatches()->size(), 2u);
  int groups = 0;
  for (const auto& r : *store->LoadRegions()) groups += r.key.starts_with("nhom-") ? 1 : 0;
  EXPECT_EQ(groups, 20);
  EXPECT_TRUE(store->CheckIntegrity()->empty());
}

}  // namespace
}  // namespace lienket::store
