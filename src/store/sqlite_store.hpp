// The domain's statistics repositories over the database layer (store/db.hpp), on SQLite (the
// embedded default; the name is historical) or PostgreSQL (`postgresql://...`).
// Opening a database that is empty creates the schema with every migration of its engine
// (sql/sqlite/ or sql/postgresql/) and the shipped reference data (units, regions, indicators),
// and no observations. Opening an existing one applies any newer migrations and refuses a schema
// newer than this program knows.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "stats/repository.hpp"
#include "store/sqlite_db.hpp"

namespace lienket::store {

class SqliteStore final : public stats::ReferenceRepository, public stats::ObservationRepository {
 public:
  // Errors: kUnavailable (cannot open or create the file), kFailedPrecondition (not a lienket
  // database, or a schema newer than this program), kInternal (a shipped file is malformed).
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  // As above; the file names of the migrations applied now are appended to `applied`.
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteStore>> Open(
      const std::string& path, std::vector<std::string>* applied);
  // The schema version recorded in `db` (0 for an empty database), without migrating.
  [[nodiscard]] static core::Result<int> ReadSchemaVersion(Db* db);

  [[nodiscard]] bool created() const { return created_; }
  [[nodiscard]] int schema_version() const { return schema_version_; }
  // The connection, for the other stores over the same file (store/sqlite_workflow_store.hpp).
  [[nodiscard]] SqliteDb* db() { return db_.get(); }
  // The newest migration this program carries for `engine`.
  [[nodiscard]] static int KnownSchemaVersion(Engine engine = Engine::kSqlite);
  // "sql/sqlite/" or "sql/postgresql/": where the engine's migrations are embedded.
  [[nodiscard]] static std::string_view MigrationFolder(Engine engine);

  core::Result<stats::UnitCatalog> LoadUnits() override;
  core::Result<std::vector<stats::Region>> LoadRegions() override;
  core::Result<stats::IndicatorCatalog> LoadIndicators() override;
  core::Result<std::vector<stats::UnitProfile>> LoadUnitProfiles() override;
  core::Status SaveUserRegion(const stats::Region& region) override;
  core::Status DeleteUserRegion(const std::string& key) override;

  core::Result<std::vector<stats::Observation>> Find(const stats::ObservationQuery& q) override;
  core::Status InsertBatch(stats::ImportBatch* batch,
                           const std::vector<stats::Observation>& rows) override;
  core::Result<std::unique_ptr<stats::BatchWriter>> BeginBatch(stats::ImportBatch* batch) override;
  core::Result<std::int64_t> DeleteDataset(const std::string& dataset) override;
  core::Result<std::vector<stats::ImportBatch>> ListBatches() override;
  core::Result<std::int64_t> CountObservations(const std::string& dataset) override;

  // Empty when the database is sound. SQLite: "PRAGMA integrity_check" and "foreign_key_check".
  // PostgreSQL enforces every constraint on write and checks its own pages; here the server must
  // answer and the schema must be this program's.
  [[nodiscard]] core::Result<std::vector<std::string>> CheckIntegrity();

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  core::Status Migrate(std::vector<std::string>* applied);
  // Writes the reference data into an empty database; false when it already had units.
  core::Result<bool> SeedReferenceData();

  std::unique_ptr<SqliteDb> db_;
  bool created_ = false;
  int schema_version_ = 0;
};

}  // namespace lienket::store
