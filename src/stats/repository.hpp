// The storage interfaces the domain needs. The SQLite adapter (and the PostgreSQL one) in
// src/store implement them; the domain never sees SQL. All methods are safe to call from one
// thread at a time per object.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/region.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

// Area and average population of a unit in a year, where a source gives them.
struct UnitProfile {
  int unit_id = 0;
  int year = 0;
  std::optional<core::Decimal> area_km2;
  std::optional<core::Decimal> population_thousand;
  std::string source_area;
  std::string source_population;
  std::string note;
};

class ReferenceRepository {
 public:
  virtual ~ReferenceRepository() = default;
  [[nodiscard]] virtual core::Result<UnitCatalog> LoadUnits() = 0;
  [[nodiscard]] virtual core::Result<std::vector<Region>> LoadRegions() = 0;
  [[nodiscard]] virtual core::Result<IndicatorCatalog> LoadIndicators() = 0;
  [[nodiscard]] virtual core::Result<std::vector<UnitProfile>> LoadUnitProfiles() = 0;
  // Creates or replaces a user-defined region (kind "user"). Errors: kAlreadyExists when the key
  // belongs to a shipped region; kInvalidArgument for an empty member list.
  [[nodiscard]] virtual core::Status SaveUserRegion(const Region& region) = 0;
  [[nodiscard]] virtual core::Status DeleteUserRegion(const std::string& key) = 0;
};

struct ObservationQuery {
  std::vector<int> unit_ids;               // empty = all
  std::vector<std::string> indicator_ids;  // empty = all
  std::optional<core::Period> period;      // exact period
  std::optional<int> year_from;            // inclusive range of period years
  std::optional<int> year_to;
  std::optional<std::string> basis;
  std::vector<std::string> datasets = {std::string(kDatasetObserved)};
  std::optional<core::Date> as_of;  // only vintages published on or before this date
  bool latest_only = true;          // one row per series: the latest vintage (as of as_of)
};

// What an import wrote: one row of the import log.
struct ImportBatch {
  std::int64_t id = 0;
  std::string file_name;
  std::string file_sha256;
  std::string format;  // "csv", "xlsx"
  std::string dataset;
  std::string imported_by;
  std::string imported_at;
  std::int64_t rows_read = 0;
  std::int64_t rows_inserted = 0;
  std::int64_t rows_unchanged = 0;
  std::int64_t warnings_accepted = 0;
};

// An import batch written while its rows are still being validated: the batch record and the
// rows go into one open transaction as they arrive, on a connection of their own. Nothing is
// visible to readers until Commit; destroying the writer without a successful Commit rolls
// everything back, the import log row included. A writer may be used from a thread other than
// the one that opened it, by one thread at a time.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  // The id of the batch's import log row.
  [[nodiscard]] virtual std::int64_t batch_id() const = 0;
  // Ids from this one up were free when the batch began: rows may be written with them
  // (Observation::id), so that their order does not depend on the order they are written in.
  [[nodiscard]] virtual std::int64_t first_free_id() const = 0;
  // Writes `rows` (each with its own id when Observation::id is not 0, else a new one) and
  // returns, for each, its id, or 0 when the row was left out because the
  // same vintage is already stored (in the database or earlier in this batch): the caller's
  // validation decides whether that is an error. Errors: kInvalidArgument (a dataset that does
  // not exist), kUnavailable, kInternal; after an error the writer can only roll back.
  [[nodiscard]] virtual core::Result<std::vector<std::int64_t>> Write(
      const std::vector<Observation>& rows) = 0;
  // Removes rows that this writer wrote (ids returned by Write).
  [[nodiscard]] virtual core::Status Remove(const std::vector<std::int64_t>& ids) = 0;
  // Records `batch`'s final fields (checksum, counts) in the import log row and commits.
  [[nodiscard]] virtual core::Status Commit(const ImportBatch& batch) = 0;
};

class ObservationRepository {
 public:
  virtual ~ObservationRepository() = default;
  // Rows matching the query, ordered by indicator, unit, period, as_of. With latest_only, the
  // latest vintage per series (unit, indicator, period, basis, dataset): greatest as_of, then
  // official > preliminary > estimate, then the latest written.
  [[nodiscard]] virtual core::Result<std::vector<Observation>> Find(const ObservationQuery& q) = 0;
  // Writes the batch record and all rows in one transaction: all or nothing. Fills batch->id.
  // Errors: kAlreadyExists if a row duplicates a stored vintage (the validator should have said
  // so first), kUnavailable if the database is busy.
  [[nodiscard]] virtual core::Status InsertBatch(ImportBatch* batch,
                                                 const std::vector<Observation>& rows) = 0;
  // Opens a BatchWriter (above) for `batch` and writes its import log row; fills batch->id.
  // While the writer is open, reads through this repository see only committed rows, and writes
  // through it wait for the writer (kUnavailable after the busy timeout).
  [[nodiscard]] virtual core::Result<std::unique_ptr<BatchWriter>> BeginBatch(
      ImportBatch* batch) = 0;
  // Deletes every row of `dataset` (for the illustrative set); returns how many.
  [[nodiscard]] virtual core::Result<std::int64_t> DeleteDataset(const std::string& dataset) = 0;
  [[nodiscard]] virtual core::Result<std::vector<ImportBatch>> ListBatches() = 0;
  [[nodiscard]] virtual core::Result<std::int64_t> CountObservations(
      const std::string& dataset) = 0;
};

}  // namespace lienket::stats
