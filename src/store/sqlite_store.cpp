#include "store/sqlite_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/date.hpp"
#include "stats/reference_data.hpp"
#include "store/embedded_files.hpp"
#include "store/pg_db.hpp"

namespace lienket::store {

using core::ErrorCode;
using core::MakeError;

namespace {

// Named queries (SQL text only; every value is a bound parameter).
constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES (?1, ?2, ?3)";
constexpr std::string_view kCountUnits = "SELECT COUNT(*) FROM units";
constexpr std::string_view kInsertUnit =
    "INSERT INTO units (id, key, code, name_vi, full_name_vi, name_en, type, valid_from, "
    "valid_to, centroid_lat, centroid_lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertAlias =
    "INSERT INTO unit_aliases (unit_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kInsertSuccession =
    "INSERT INTO unit_succession (old_unit_id, new_unit_id, effective_date, is_seat) "
    "VALUES (?, ?, ?, ?)";
constexpr std::string_view kInsertProfile =
    "INSERT INTO unit_profile (unit_id, year, area_km2, population_thousand, source_area, "
    "source_population, note) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertRegion =
    "INSERT INTO regions (key, name_vi, name_en, kind, valid_from, valid_to, parent_key, note, "
    "shipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertRegionMember =
    "INSERT INTO region_members (region_id, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kInsertBasis =
    "INSERT INTO bases (id, name_vi, name_en, description_en) VALUES (?, ?, ?, ?)";
constexpr std::string_view kInsertIndicator =
    "INSERT INTO indicators (id, name_vi, name_en, unit, kind, aggregation, time_aggregation, "
    "precision, display_unit_vi, display_unit_en, bases, default_basis, min_value, max_value, "
    "growth_of, plan_of, description_vi, description_en) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectUnits =
    "SELECT id, key, code, name_vi, full_name_vi, name_en, type, valid_from, valid_to, "
    "centroid_lat, centroid_lon FROM units ORDER BY id";
constexpr std::string_view kSelectAliases = "SELECT unit_id, alias FROM unit_aliases";
constexpr std::string_view kSelectSuccessions =
    "SELECT old_unit_id, new_unit_id, effective_date, is_seat FROM unit_succession";
constexpr std::string_view kSelectRegions =
    "SELECT id, key, name_vi, name_en, kind, valid_from, valid_to, parent_key, note "
    "FROM regions ORDER BY id";
constexpr std::string_view kSelectRegionMembers =
    "SELECT region_id, unit_id FROM region_members ORDER BY region_id, unit_id";
constexpr std::string_view kSelectBases =
    "SELECT id, name_vi, name_en, description_en FROM bases ORDER BY id";
constexpr std::string_view kSelectIndicators =
    "SELECT id, name_vi, name_en, unit, kind, aggregation, time_aggregation, precision, "
    "display_unit_vi, display_unit_en, bases, default_basis, min_value, max_value, growth_of, "
    "plan_of, description_vi, description_en FROM indicators ORDER BY {}";
// Indicators are listed in the order they were written (the catalogue's order): SQLite's rowid;
// on PostgreSQL the identity column `position` of sql/postgresql/0001_init.sql.
constexpr std::string_view kIndicatorOrderSqlite = "rowid";
constexpr std::string_view kIndicatorOrderPostgres = "position";
constexpr std::string_view kSelectProfiles =
    "SELECT unit_id, year, area_km2, population_thousand, source_area, source_population, note "
    "FROM unit_profile ORDER BY unit_id, year";
constexpr std::string_view kSelectRegionShipped = "SELECT shipped FROM regions WHERE key = ?";
constexpr std::string_view kDeleteUserRegion = "DELETE FROM regions WHERE key = ? AND shipped = 0";
constexpr std::string_view kSelectSourceId = "SELECT id FROM sources WHERE text = ?";
constexpr std::string_view kInsertSource = "INSERT INTO sources (text) VALUES (?) RETURNING id";
constexpr std::string_view kInsertBatch =
    "INSERT INTO import_batches (file_name, file_sha256, format, dataset, imported_by, "
    "imported_at, rows_read, rows_inserted, rows_unchanged, warnings_accepted) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?10, ?6, ?7, ?8, ?9) RETURNING id";
constexpr std::string_view kUpdateBatch =
    "UPDATE import_batches SET file_name = ?, file_sha256 = ?, format = ?, imported_by = ?, "
    "rows_read = ?, rows_inserted = ?, rows_unchanged = ?, warnings_accepted = ? WHERE id = ?";
constexpr std::string_view kSelectIndicatorCode =
    "SELECT code FROM indicator_codes WHERE indicator_id = ?";
constexpr std::string_view kInsertIndicatorCode =
    "INSERT INTO indicator_codes (indicator_id) VALUES (?) RETURNING code";
constexpr std::string_view kSelectBasisCode = "SELECT code FROM basis_codes WHERE basis = ?";
constexpr std::string_view kInsertBasisCode =
    "INSERT INTO basis_codes (basis) VALUES (?) RETURNING code";
constexpr std::string_view kSelectUnitIds = "SELECT id FROM units";
constexpr std::string_view kSelectIndicatorExists = "SELECT 1 FROM indicators WHERE id = ?";
constexpr std::string_view kInsertObservation =
    "INSERT INTO observations (unit_id, indicator_code, period_key, value, status_code, "
    "qualifier_code, basis_code, source_id, note, as_of_key, dataset_code, batch_id, "
    "recorded_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr int kInsertColumns = 14;
// Rows per INSERT statement in a batch (kInsertColumns parameters each).
constexpr std::size_t kRowsPerInsert = 32;
constexpr std::string_view kSelectFirstFreeId =
    "SELECT COALESCE(MAX(id), 0) + 1 FROM observations";
constexpr std::string_view kDeleteObservation = "DELETE FROM observations WHERE id = ?";
// Sampled planner statistics for the observations' indexes, refreshed after each import (a few
// milliseconds, even at 2,000,000 rows). Without them SQLite does not know that the vintage
// index's leading columns (indicator, unit) have few values, and the report's query by period
// walks the whole index instead of skipping to each (indicator, unit, period): 0.5 s instead of
// 0.04 s a period at two million rows (bench/README.md, synthesis).
constexpr std::string_view kRefreshStatistics =
    "PRAGMA analysis_limit = 1000; ANALYZE observations";
// PostgreSQL: imports (and any other write of observations) take this lock first. It conflicts
// with itself and with every other write of the table, never with reads: two imports run one
// after the other (the second waits), each sees the other's rows, and first_free_id cannot be
// taken twice.
constexpr std::string_view kLockObservations =
    "LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE";
// An import waits as long as another import takes (the 10 s default is for web requests).
constexpr std::string_view kImportLockTimeout = "SET LOCAL lock_timeout = '15min'";
// Explicit ids do not advance the identity sequence: it is moved past the largest id.
constexpr std::string_view kAdvanceObservationIds =
    "SELECT setval(pg_get_serial_sequence('observations', 'id'), "
    "(SELECT COALESCE(MAX(id), 0) + 1 FROM observations), false)";
constexpr std::string_view kDeleteDataset = "DELETE FROM observations WHERE dataset_code = ?";
constexpr std::string_view kDeleteEmptyBatches =
    "DELETE FROM import_batches WHERE dataset = ? AND id NOT IN "
    "(SELECT DISTINCT batch_id FROM observations)";
constexpr std::string_view kSelectBatches =
    "SELECT id, file_name, file_sha256, format, dataset, imported_by, imported_at, rows_read, "
    "rows_inserted, rows_unchanged, warnings_accepted FROM import_batches ORDER BY id";
constexpr std::string_view kCountObservations =
    "SELECT COUNT(*) FROM observations WHERE dataset_code = ?";
// The filterable part of Find(); the WHERE clause is assembled from fixed fragments with '?'.
constexpr std::string_view kSelectObservations =
    "SELECT o.id, o.unit_id, i.indicator_id, o.period_key, o.value, o.status_code, "
    "o.qualifier_code, b.basis, s.text, o.note, o.as_of_key, o.dataset_code, o.batch_id, "
    "o.recorded_at FROM observations o "
    "JOIN indicator_codes i ON i.code = o.indicator_code "
    "JOIN basis_codes b ON b.code = o.basis_code "
    "JOIN sources s ON s.id = o.source_id WHERE 1 = 1";
// Dataset codes order like the names, so ORDER BY dataset_code orders by name as before.
constexpr std::string_view kOrderObservations =
    " ORDER BY i.indicator_id, o.unit_id, o.period_key, b.basis, o.dataset_code, o.as_of_key, "
    "o.id";

// The fixed codes of sql/sqlite/0003_observation_keys.sql.
static_assert(static_cast<int>(stats::VintageStatus::kEstimate) == 0 &&
              static_cast<int>(stats::VintageStatus::kPreliminary) == 1 &&
              static_cast<int>(stats::VintageStatus::kOfficial) == 2);
static_assert(static_cast<int>(stats::Qualifier::kExact) == 0 &&
              static_cast<int>(stats::Qualifier::kLowerBound) == 1 &&
              static_cast<int>(stats::Qualifier::kUpperBound) == 2 &&
              static_cast<int>(stats::Qualifier::kApprox) == 3);

std::optional<std::int64_t> DatasetCode(std::string_view dataset) {
  if (dataset == stats::kDatasetIllustrative) return 1;
  if (dataset == stats::kDatasetObserved) return 2;
  return std::nullopt;
}

std::string_view DatasetName(std::int64_t code) {
  return code == 1 ? stats::kDatasetIllustrative : stats::kDatasetObserved;
}

std::int64_t PeriodKey(const core::Period& p) {
  return std::int64_t{p.year()} * 10000 + p.first_month() * 100 + p.last_month();
}

std::int64_t DateKey(const core::Date& d) {
  return std::int64_t{d.year} * 10000 + d.month * 100 + d.day;
}

core::Result<core::Date> DateFromKey(std::int64_t key) {
  core::Date d{static_cast<int>(key / 10000), static_cast<int>(key / 100 % 100),
               static_cast<int>(key % 100)};
  if (!d.IsValid()) {
    return MakeError(ErrorCode::kInternal,
                     fmt::format("Ngày công bố đã lưu không hợp lệ: {}", key),
                     fmt::format("A stored publication date is invalid: {}", key));
  }
  return d;
}

core::Result<stats::VintageStatus> StatusFromCode(std::int64_t code) {
  if (code < 0 || code > 2) {
    return MakeError(ErrorCode::kInternal, fmt::format("Mã trạng thái đã lưu không hợp lệ: {}", code),
                     fmt::format("A stored status code is invalid: {}", code));
  }
  return static_cast<stats::VintageStatus>(code);
}

core::Result<stats::Qualifier> QualifierFromCode(std::int64_t code) {
  if (code < 0 || code > 3) {
    return MakeError(ErrorCode::kInternal,
                     fmt::format("Mã mức chính xác đã lưu không hợp lệ: {}", code),
                     fmt::format("A stored qualifier code is invalid: {}", code));
  }
  return static_cast<stats::Qualifier>(code);
}

std::optional<std::string> OptionalText(const std::optional<core::Decimal>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

std::optional<std::string> OptionalDateText(const std::optional<core::Date>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

core::Result<std::optional<core::Decimal>> ColumnDecimal(const Statement& s, int column) {
  if (s.IsNull(column)) return std::optional<core::Decimal>();
  auto d = core::Decimal::Parse(s.Text(column));
  if (!d) return tl::unexpected(d.error());
  return std::optional<core::Decimal>(*d);
}

int StatusRank(stats::VintageStatus s) { return static_cast<int>(s); }

}  // namespace

std::string_view SqliteStore::MigrationFolder(Engine engine) {
  return engine == Engine::kPostgres ? "sql/postgresql/" : "sql/sqlite/";
}

int SqliteStore::KnownSchemaVersion(Engine engine) {
  int version = 0;
  const std::string_view folder = MigrationFolder(engine);
  for (const EmbeddedFile& f : EmbeddedUnder(folder)) {
    std::string_view name = f.path.substr(folder.size());
    version = std::max(version, std::atoi(std::string(name.substr(0, 4)).c_str()));
  }
  return version;
}

core::Result<int> SqliteStore::ReadSchemaVersion(Db* db) {
  LIENKET_RETURN_IF_ERROR(db->Exec(kCreateMigrationsTable));
  LIENKET_ASSIGN_OR_RETURN(select, db->Prepare(kSelectSchemaVersion));
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  return row ? static_cast<int>(select.Int(0)) : 0;
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  return Open(path, nullptr);
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                             std::vector<std::string>* applied) {
  LIENKET_ASSIGN_OR_RETURN(db, Db::Open(path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db)));
  LIENKET_RETURN_IF_ERROR(store->Migrate(applied));
  LIENKET_ASSIGN_OR_RETURN(created, store->SeedReferenceData());
  store->created_ = created;
  return store;
}

core::Status SqliteStore::Migrate(std::vector<std::string>* applied) {
  // The version is read in a scope of its own: an unfinished statement would lock the tables a
  // migration drops.
  LIENKET_ASSIGN_OR_RETURN(current, ReadSchemaVersion(db_.get()));
  const Engine engine = db_->engine();
  int known = KnownSchemaVersion(engine);
  if (current > known) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("Cơ sở dữ liệu có lược đồ phiên bản {}, mới hơn phiên bản {} mà "
                                 "chương trình này biết; hãy cập nhật lienket",
                                 current, known),
                     fmt::format("The database schema is version {}, newer than version {} that "
                                 "this program knows; upgrade lienket",
                                 current, known));
  }
  const std::string_view folder = MigrationFolder(engine);
  for (const EmbeddedFile& f : EmbeddedUnder(folder)) {
    std::string_view name = f.path.substr(folder.size());
    int version = std::atoi(std::string(name.substr(0, 4)).c_str());
    if (version <= current) continue;
    LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_.get()));
    // On PostgreSQL the writer lock is held now: if another process migrated meanwhile, its
    // rows are visible and this one stops.
    LIENKET_ASSIGN_OR_RETURN(now_current, ReadSchemaVersion(db_.get()));
    if (version <= now_current) continue;
    LIENKET_RETURN_IF_ERROR(db_->Exec(f.bytes));
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertMigration));
    insert.Bind(1, static_cast<std::int64_t>(version)).Bind(2, name).Bind(3, core::UtcTimestamp());
    LIENKET_RETURN_IF_ERROR(insert.Run());
    LIENKET_RETURN_IF_ERROR(tx.Commit());
    if (applied != nullptr) applied->emplace_back(name);
    current = version;
  }
  schema_version_ = current;
  return {};
}

core::Result<bool> SqliteStore::SeedReferenceData() {
  {
    LIENKET_ASSIGN_OR_RETURN(count, db_->Prepare(kCountUnits));
    LIENKET_ASSIGN_OR_RETURN(has_row, count.Step());
    if (!has_row || count.Int(0) > 0) return false;
  }
  auto file = [](std::string_view path) { return FindEmbedded(path).value_or(std::string_view()); };
  stats::ReferenceFiles files{file("data/units.csv"),           file("data/unit_aliases.csv"),
                              file("data/unit_succession.csv"), file("data/unit_profile.csv"),
                              file("data/regions.csv"),         file("data/region_members.csv"),
                              file("data/indicators.csv"),      file("data/indicator_bases.csv")};
  LIENKET_ASSIGN_OR_RETURN(data, stats::ParseReferenceData(files));
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_.get()));
  NoStatementSavepoints no_savepoints(db_.get());
  {
    // Again under the writer lock: another process may have seeded it meanwhile.
    LIENKET_ASSIGN_OR_RETURN(count, db_->Prepare(kCountUnits));
    LIENKET_ASSIGN_OR_RETURN(has_row, count.Step());
    if (!has_row || count.Int(0) > 0) return false;
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertUnit));
    for (const stats::AdminUnit& u : data.units) {
      insert.Bind(1, static_cast<std::int64_t>(u.id)).Bind(2, u.key).Bind(3, u.code);
      insert.Bind(4, u.name_vi).Bind(5, u.full_name_vi).Bind(6, u.name_en).Bind(7, u.type);
      insert.Bind(8, u.valid_from.ToString()).BindOptional(9, OptionalDateText(u.valid_to));
      if (u.centroid_lat)
        insert.BindDouble(10, *u.centroid_lat);
      else
        insert.BindNull(10);
      if (u.centroid_lon)
        insert.BindDouble(11, *u.centroid_lon);
      else
        insert.BindNull(11);
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAlias));
    for (const auto& [id, alias] : data.aliases) {
      insert.Bind(1, static_cast<std::int64_t>(id)).Bind(2, alias);
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertSuccession));
    for (const stats::Succession& s : data.successions) {
      insert.Bind(1, static_cast<std::int64_t>(s.old_unit_id))
          .Bind(2, static_cast<std::int64_t>(s.new_unit_id))
          .Bind(3, s.effective.ToString())
          .Bind(4, static_cast<std::int64_t>(s.is_seat ? 1 : 0));
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertProfile));
    for (const stats::UnitProfile& p : data.profiles) {
      insert.Bind(1, static_cast<std::int64_t>(p.unit_id))
          .Bind(2, static_cast<std::int64_t>(p.year));
      insert.BindOptional(3, OptionalText(p.area_km2))
          .BindOptional(4, OptionalText(p.population_thousand));
      insert.Bind(5, p.source_area).Bind(6, p.source_population).Bind(7, p.note);
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertRegion));
    LIENKET_ASSIGN_OR_RETURN(member, db_->Prepare(kInsertRegionMember));
    for (const stats::Region& g : data.regions) {
      insert.Bind(1, g.key).Bind(2, g.name_vi).Bind(3, g.name_en).Bind(4, g.kind);
      insert.Bind(5, g.valid_from.ToString()).BindOptional(6, OptionalDateText(g.valid_to));
      insert.Bind(7, g.parent_key).Bind(8, g.note).Bind(9, std::int64_t{1});
      LIENKET_ASSIGN_OR_RETURN(region_id, RunReturningId(insert));
      insert.Reset();
      for (int unit_id : g.member_unit_ids) {
        member.Bind(1, region_id).Bind(2, static_cast<std::int64_t>(unit_id));
        LIENKET_RETURN_IF_ERROR(member.Run());
        member.Reset();
      }
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertBasis));
    for (const stats::Basis& b : data.bases) {
      insert.Bind(1, b.id).Bind(2, b.name_vi).Bind(3, b.name_en).Bind(4, b.description_en);
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertIndicator));
    for (const stats::Indicator& i : data.indicators) {
      std::string bases = fmt::format("{}", fmt::join(i.bases, "|"));
      insert.Bind(1, i.id)
          .Bind(2, i.name_vi)
          .Bind(3, i.name_en)
          .Bind(4, core::DimensionId(i.unit))
          .Bind(5, stats::IndicatorKindId(i.kind))
          .Bind(6, stats::AggregationId(i.aggregation))
          .Bind(7, stats::TimeAggregationId(i.time_aggregation))
          .Bind(8, static_cast<std::int64_t>(i.precision))
          .Bind(9, i.display_unit_vi)
          .Bind(10, i.display_unit_en)
          .Bind(11, bases)
          .Bind(12, i.default_basis)
          .BindOptional(13, OptionalText(i.min_value))
          .BindOptional(14, OptionalText(i.max_value))
          .Bind(15, i.growth_of)
          .Bind(16, i.plan_of)
          .Bind(17, i.description_vi)
          .Bind(18, i.description_en);
      LIENKET_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return true;
}

core::Result<stats::UnitCatalog> SqliteStore::LoadUnits() {
  std::vector<stats::AdminUnit> units;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectUnits));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      stats::AdminUnit u;
      u.id = static_cast<int>(select.Int(0));
      u.key = select.Text(1);
      u.code = select.Text(2);
      u.name_vi = select.Text(3);
      u.full_name_vi = select.Text(4);
      u.name_en = select.Text(5);
      u.type = select.Text(6);
      LIENKET_ASSIGN_OR_RETURN(from, core::Date::Parse(select.Text(7)));
      u.valid_from = from;
      if (!select.IsNull(8)) {
        LIENKET_ASSIGN_OR_RETURN(to, core::Date::Parse(select.Text(8)));
        u.valid_to = to;
      }
      if (!select.IsNull(9)) u.centroid_lat = select.Double(9);
      if (!select.IsNull(10)) u.centroid_lon = select.Double(10);
      units.push_back(std::move(u));
    }
  }
  std::vector<std::pair<int, std::string>> aliases;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAliases));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      aliases.emplace_back(static_cast<int>(select.Int(0)), select.Text(1));
    }
  }
  std::vector<stats::Succession> successions;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectSuccessions));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      stats::Succession s;
      s.old_unit_id = static_cast<int>(select.Int(0));
      s.new_unit_id = static_cast<int>(select.Int(1));
      LIENKET_ASSIGN_OR_RETURN(effective, core::Date::Parse(select.Text(2)));
      s.effective = effective;
      s.is_seat = select.Int(3) == 1;
      successions.push_back(s);
    }
  }
  return stats::UnitCatalog(std::move(units), aliases, std::move(successions));
}

core::Result<std::vector<stats::Region>> SqliteStore::LoadRegions() {
  std::vector<stats::Region> regions;
  std::unordered_map<std::int64_t, std::size_t> index;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRegions));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::Region g;
    g.id = static_cast<int>(select.Int(0));
    g.key = select.Text(1);
    g.name_vi = select.Text(2);
    g.name_en = select.Text(3);
    g.kind = select.Text(4);
    LIENKET_ASSIGN_OR_RETURN(from, core::Date::Parse(select.Text(5)));
    g.valid_from = from;
    if (!select.IsNull(6)) {
      LIENKET_ASSIGN_OR_RETURN(to, core::Date::Parse(select.Text(6)));
      g.valid_to = to;
    }
    g.parent_key = select.Text(7);
    g.note = select.Text(8);
    index[g.id] = regions.size();
    regions.push_back(std::move(g));
  }
  LIENKET_ASSIGN_OR_RETURN(members, db_->Prepare(kSelectRegionMembers));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, members.Step());
    if (!row) break;
    auto it = index.find(members.Int(0));
    if (it != index.end())
      regions[it->second].member_unit_ids.push_back(static_cast<int>(members.Int(1)));
  }
  return regions;
}

core::Result<stats::IndicatorCatalog> SqliteStore::LoadIndicators() {
  std::vector<stats::Basis> bases;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectBases));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      bases.push_back(stats::Basis{select.Text(0), select.Text(1), select.Text(2), select.Text(3)});
    }
  }
  std::vector<stats::Indicator> indicators;
  LIENKET_ASSIGN_OR_RETURN(
      select, db_->Prepare(fmt::format(kSelectIndicators, db_->is_postgres() ? kIndicatorOrderPostgres
                                                                             : kIndicatorOrderSqlite)));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::Indicator i;
    i.id = select.Text(0);
    i.name_vi = select.Text(1);
    i.name_en = select.Text(2);
    LIENKET_ASSIGN_OR_RETURN(unit, core::ParseDimension(select.Text(3)));
    LIENKET_ASSIGN_OR_RETURN(kind, stats::ParseIndicatorKind(select.Text(4)));
    LIENKET_ASSIGN_OR_RETURN(aggregation, stats::ParseAggregation(select.Text(5)));
    LIENKET_ASSIGN_OR_RETURN(time, stats::ParseTimeAggregation(select.Text(6)));
    i.unit = unit;
    i.kind = kind;
    i.aggregation = aggregation;
    i.time_aggregation = time;
    i.precision = static_cast<int>(select.Int(7));
    i.display_unit_vi = select.Text(8);
    i.display_unit_en = select.Text(9);
    std::string bases_text = select.Text(10);
    for (std::size_t start = 0; start <= bases_text.size();) {
      std::size_t bar = bases_text.find('|', start);
      if (bar == std::string::npos) bar = bases_text.size();
      if (bar > start) i.bases.push_back(bases_text.substr(start, bar - start));
      start = bar + 1;
    }
    i.default_basis = select.Text(11);
    LIENKET_ASSIGN_OR_RETURN(min_value, ColumnDecimal(select, 12));
    LIENKET_ASSIGN_OR_RETURN(max_value, ColumnDecimal(select, 13));
    i.min_value = min_value;
    i.max_value = max_value;
    i.growth_of = select.Text(14);
    i.plan_of = select.Text(15);
    i.description_vi = select.Text(16);
    i.description_en = select.Text(17);
    indicators.push_back(std::move(i));
  }
  return stats::IndicatorCatalog(std::move(indicators), std::move(bases));
}

core::Result<std::vector<stats::UnitProfile>> SqliteStore::LoadUnitProfiles() {
  std::vector<stats::UnitProfile> out;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectProfiles));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::UnitProfile p;
    p.unit_id = static_cast<int>(select.Int(0));
    p.year = static_cast<int>(select.Int(1));
    LIENKET_ASSIGN_OR_RETURN(area, ColumnDecimal(select, 2));
    LIENKET_ASSIGN_OR_RETURN(pop, ColumnDecimal(select, 3));
    p.area_km2 = area;
    p.population_thousand = pop;
    p.source_area = select.Text(4);
    p.source_population = select.Text(5);
    p.note = select.Text(6);
    out.push_back(std::move(p));
  }
  return out;
}

core::Status SqliteStore::SaveUserRegion(const stats::Region& region) {
  if (region.member_unit_ids.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "Nhóm tỉnh phải có ít nhất một thành viên",
                     "A group needs at least one member");
  }
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_.get()));
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRegionShipped));
    select.Bind(1, region.key);
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (row && select.Int(0) == 1) {
      return MakeError(
          ErrorCode::kAlreadyExists,
          fmt::format("\"{}\" là vùng có sẵn, không thể ghi đè", region.key),
          fmt::format("\"{}\" is a shipped region and cannot be replaced", region.key));
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteUserRegion));
    del.Bind(1, region.key);
    LIENKET_RETURN_IF_ERROR(del.Run());
  }
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertRegion));
  insert.Bind(1, region.key).Bind(2, region.name_vi).Bind(3, region.name_en).Bind(4, "user");
  insert.Bind(5, region.valid_from.ToString()).BindOptional(6, OptionalDateText(region.valid_to));
  insert.Bind(7, region.parent_key).Bind(8, region.note).Bind(9, std::int64_t{0});
  LIENKET_ASSIGN_OR_RETURN(region_id, RunReturningId(insert));
  LIENKET_ASSIGN_OR_RETURN(member, db_->Prepare(kInsertRegionMember));
  for (int unit_id : region.member_unit_ids) {
    member.Bind(1, region_id).Bind(2, static_cast<std::int64_t>(unit_id));
    LIENKET_RETURN_IF_ERROR(member.Run());
    member.Reset();
  }
  return tx.Commit();
}

core::Status SqliteStore::DeleteUserRegion(const std::string& key) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteUserRegion));
  del.Bind(1, key);
  LIENKET_RETURN_IF_ERROR(del.Run());
  if (db_->Changes() == 0) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có nhóm do người dùng tạo tên \"{}\"", key),
                     fmt::format("No user-defined group \"{}\"", key));
  }
  return {};
}

core::Result<std::vector<stats::Observation>> SqliteStore::Find(const stats::ObservationQuery& q) {
  std::string sql(kSelectObservations);
  auto placeholders = [](std::size_t n) {
    std::string s = "(";
    for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
    return s + ")";
  };
  // Datasets that do not exist match nothing.
  std::vector<std::int64_t> dataset_codes;
  for (const std::string& d : q.datasets) {
    if (auto code = DatasetCode(d)) dataset_codes.push_back(*code);
  }
  if (!q.unit_ids.empty()) sql += " AND o.unit_id IN " + placeholders(q.unit_ids.size());
  if (!q.indicator_ids.empty()) {
    sql += " AND o.indicator_code IN (SELECT code FROM indicator_codes WHERE indicator_id IN " +
           placeholders(q.indicator_ids.size()) + ")";
  }
  if (q.period) sql += " AND o.period_key = ?";
  if (q.year_from) sql += " AND o.period_key >= ?";
  if (q.year_to) sql += " AND o.period_key <= ?";
  if (q.basis) sql += " AND o.basis_code = (SELECT code FROM basis_codes WHERE basis = ?)";
  if (!q.datasets.empty()) {
    sql += dataset_codes.empty() ? " AND 1 = 0"
                                 : " AND o.dataset_code IN " + placeholders(dataset_codes.size());
  }
  if (q.as_of) sql += " AND o.as_of_key <= ?";
  sql += kOrderObservations;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(sql));
  int k = 1;
  for (int id : q.unit_ids) select.Bind(k++, static_cast<std::int64_t>(id));
  for (const std::string& id : q.indicator_ids) select.Bind(k++, id);
  if (q.period) select.Bind(k++, PeriodKey(*q.period));
  if (q.year_from) select.Bind(k++, std::int64_t{*q.year_from} * 10000);
  if (q.year_to) select.Bind(k++, std::int64_t{*q.year_to} * 10000 + 9999);
  if (q.basis) select.Bind(k++, *q.basis);
  for (std::int64_t code : dataset_codes) select.Bind(k++, code);
  if (q.as_of) select.Bind(k++, DateKey(*q.as_of));

  std::vector<stats::Observation> rows;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::Observation o;
    o.id = select.Int(0);
    o.unit_id = static_cast<int>(select.Int(1));
    o.indicator_id = select.Text(2);
    const std::int64_t period_key = select.Int(3);
    LIENKET_ASSIGN_OR_RETURN(
        period, core::Period::FromMonths(static_cast<int>(period_key / 10000),
                                         static_cast<int>(period_key / 100 % 100),
                                         static_cast<int>(period_key % 100)));
    o.period = period;
    LIENKET_ASSIGN_OR_RETURN(value, core::Decimal::Parse(select.Text(4)));
    o.value = value;
    LIENKET_ASSIGN_OR_RETURN(status, StatusFromCode(select.Int(5)));
    o.status = status;
    LIENKET_ASSIGN_OR_RETURN(qualifier, QualifierFromCode(select.Int(6)));
    o.qualifier = qualifier;
    o.basis = select.Text(7);
    o.source = select.Text(8);
    o.note = select.Text(9);
    LIENKET_ASSIGN_OR_RETURN(as_of, DateFromKey(select.Int(10)));
    o.as_of = as_of;
    o.dataset = DatasetName(select.Int(11));
    o.batch_id = select.Int(12);
    o.recorded_at = select.Text(13);
    rows.push_back(std::move(o));
  }
  if (!q.latest_only) return rows;
  // Rows of one series are adjacent (ORDER BY); keep the latest vintage of each.
  std::vector<stats::Observation> latest;
  for (auto& o : rows) {
    if (!latest.empty()) {
      stats::Observation& last = latest.back();
      if (last.unit_id == o.unit_id && last.indicator_id == o.indicator_id &&
          last.period == o.period && last.basis == o.basis && last.dataset == o.dataset) {
        bool later = o.as_of != last.as_of     ? o.as_of > last.as_of
                     : o.status != last.status ? StatusRank(o.status) > StatusRank(last.status)
                                               : o.id > last.id;
        if (later) last = std::move(o);
        continue;
      }
    }
    latest.push_back(std::move(o));
  }
  return latest;
}

namespace {

// Writes one import batch in one transaction: the import log row first, then the rows. It checks
// the rows' references itself, so that they hold on a connection without foreign key checks
// (BeginBatch's): the unit exists (against the unit ids read at the start), the indicator exists
// (once, when its code is created); the codes, sources and batch row it refers to are its own.
class SqliteBatchWriter final : public stats::BatchWriter {
 public:
  // Writes on `db`; `own` is that connection when the writer owns it (BeginBatch), null when it
  // borrows the store's (InsertBatch). With `given_ids`, rows keep their Observation::id.
  static core::Result<std::unique_ptr<SqliteBatchWriter>> Begin(std::unique_ptr<SqliteDb> own,
                                                                SqliteDb* db,
                                                                stats::ImportBatch* batch,
                                                                bool given_ids);

  [[nodiscard]] std::int64_t batch_id() const override { return batch_id_; }
  [[nodiscard]] std::int64_t first_free_id() const override { return first_free_id_; }
  core::Result<std::vector<std::int64_t>> Write(const std::vector<stats::Observation>& rows) override;
  core::Status Remove(const std::vector<std::int64_t>& ids) override;
  core::Status Commit(const stats::ImportBatch& batch) override;

 private:
  // A lookup table of small codes (sources, indicator codes, basis codes): found, or added.
  struct CodeTable {
    Statement select;
    Statement insert;
    std::unordered_map<std::string, std::int64_t> known;
    std::string last_text;  // consecutive rows mostly repeat the previous row's text
    std::int64_t last_code = -1;
  };
  SqliteBatchWriter(std::unique_ptr<SqliteDb> own, SqliteDb* db, Transaction tx,
                    std::int64_t batch_id, std::int64_t first_free_id, std::string recorded_at,
                    Statement insert, CodeTable sources, CodeTable indicators, CodeTable bases)
      : own_(std::move(own)),
        db_(db),
        tx_(std::move(tx)),
        batch_id_(batch_id),
        first_free_id_(first_free_id),
        recorded_at_(std::move(recorded_at)),
        insert_(std::move(insert)),
        sources_(std::move(sources)),
        indicators_(std::move(indicators)),
        bases_(std::move(bases)) {}
  core::Result<std::int64_t> Code(CodeTable* table, const std::string& text);
  // Checks `o`'s references and binds it to parameters first+1 … first+kInsertColumns; the value's
  // text is kept in `value` until the statement runs.
  core::Status BindRow(Statement* insert, int first, std::string* value,
                       const stats::Observation& o);

  // Declaration order matters: statements are finalised before the transaction rolls back,
  // and the transaction ends before the connection closes.
  std::unique_ptr<SqliteDb> own_;
  SqliteDb* db_;
  Transaction tx_;
  std::int64_t batch_id_;
  std::int64_t first_free_id_;
  std::string recorded_at_;  // one timestamp for the whole batch: it is one transaction
  Statement insert_;
  std::optional<Statement> insert_many_;  // kRowsPerInsert rows
  CodeTable sources_;
  CodeTable indicators_;
  CodeTable bases_;
  bool given_ids_ = false;
  std::unordered_set<std::int64_t> unit_ids_;
  std::optional<Statement> indicator_exists_;
  std::vector<std::string> values_ = std::vector<std::string>(kRowsPerInsert);
};

core::Result<std::unique_ptr<SqliteBatchWriter>> SqliteBatchWriter::Begin(
    std::unique_ptr<SqliteDb> own, SqliteDb* db, stats::ImportBatch* batch, bool given_ids) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db));
  LIENKET_ASSIGN_OR_RETURN(insert_batch, db->Prepare(kInsertBatch));
  insert_batch.Bind(1, batch->file_name).Bind(2, batch->file_sha256).Bind(3, batch->format);
  insert_batch.Bind(4, batch->dataset).Bind(5, batch->imported_by).Bind(6, batch->rows_read);
  insert_batch.Bind(7, batch->rows_inserted).Bind(8, batch->rows_unchanged);
  insert_batch.Bind(9, batch->warnings_accepted);
  std::string recorded_at = core::UtcTimestamp();
  insert_batch.Bind(10, recorded_at);
  LIENKET_ASSIGN_OR_RETURN(batch_id, RunReturningId(insert_batch));
  batch->id = batch_id;
  LIENKET_ASSIGN_OR_RETURN(free_query, db->Prepare(kSelectFirstFreeId));
  LIENKET_ASSIGN_OR_RETURN(has_free, free_query.Step());
  const std::int64_t first_free_id = has_free ? free_query.Int(0) : 1;
  auto table = [db](std::string_view select_sql,
                    std::string_view insert_sql) -> core::Result<CodeTable> {
    LIENKET_ASSIGN_OR_RETURN(select, db->Prepare(select_sql));
    LIENKET_ASSIGN_OR_RETURN(insert, db->Prepare(insert_sql));
    return CodeTable{std::move(select), std::move(insert), {}, {}, -1};
  };
  LIENKET_ASSIGN_OR_RETURN(sources, table(kSelectSourceId, kInsertSource));
  LIENKET_ASSIGN_OR_RETURN(indicators, table(kSelectIndicatorCode, kInsertIndicatorCode));
  LIENKET_ASSIGN_OR_RETURN(bases, table(kSelectBasisCode, kInsertBasisCode));
  LIENKET_ASSIGN_OR_RETURN(insert, db->Prepare(kInsertObservation));
  std::unique_ptr<SqliteBatchWriter> writer(new SqliteBatchWriter(
      std::move(own), db, std::move(tx), batch->id, first_free_id, std::move(recorded_at),
      std::move(insert), std::move(sources), std::move(indicators), std::move(bases)));
  writer->given_ids_ = given_ids;
  {
    LIENKET_ASSIGN_OR_RETURN(units, db->Prepare(kSelectUnitIds));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, units.Step());
      if (!row) break;
      writer->unit_ids_.insert(units.Int(0));
    }
  }
  std::string many(kInsertObservation);
  for (std::size_t i = 1; i < kRowsPerInsert; ++i) {
    many += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  LIENKET_ASSIGN_OR_RETURN(insert_many, db->Prepare(many));
  writer->insert_many_ = std::move(insert_many);
  LIENKET_ASSIGN_OR_RETURN(indicator_exists, db->Prepare(kSelectIndicatorExists));
  writer->indicator_exists_ = std::move(indicator_exists);
  return writer;
}

core::Result<std::int64_t> SqliteBatchWriter::Code(CodeTable* table, const std::string& text) {
  if (table->last_code >= 0 && text == table->last_text) return table->last_code;
  std::int64_t code = 0;
  if (auto it = table->known.find(text); it != table->known.end()) {
    code = it->second;
  } else {
    table->select.Bind(1, text);
    auto found = table->select.Step();
    if (found && *found) code = table->select.Int(0);
    table->select.Reset();
    if (!found) return tl::unexpected(found.error());
    if (!*found) {
      table->insert.Bind(1, text);
      auto inserted = RunReturningId(table->insert);
      table->insert.Reset();
      if (!inserted) return tl::unexpected(inserted.error());
      code = *inserted;
    }
    table->known.emplace(text, code);
  }
  table->last_text = text;
  table->last_code = code;
  return code;
}

core::Status SqliteBatchWriter::BindRow(Statement* insert, int first, std::string* value,
                                        const stats::Observation& o) {
  auto dataset = DatasetCode(o.dataset);
  if (!dataset) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Không có tập dữ liệu \"{}\" (chỉ có \"{}\" và \"{}\")",
                                 o.dataset, stats::kDatasetObserved, stats::kDatasetIllustrative),
                     fmt::format("There is no dataset \"{}\" (only \"{}\" and \"{}\")",
                                 o.dataset, stats::kDatasetObserved,
                                 stats::kDatasetIllustrative));
  }
  if (!unit_ids_.contains(o.unit_id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Không có đơn vị hành chính mã {}", o.unit_id),
                     fmt::format("There is no unit with id {}", o.unit_id));
  }
  if ((o.indicator_id != indicators_.last_text || indicators_.last_code < 0) &&
      !indicators_.known.contains(o.indicator_id)) {
    indicator_exists_->Bind(1, o.indicator_id);
    auto exists = indicator_exists_->Step();
    indicator_exists_->Reset();
    if (!exists) return tl::unexpected(exists.error());
    if (!*exists) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Không có chỉ tiêu \"{}\"", o.indicator_id),
                       fmt::format("There is no indicator \"{}\"", o.indicator_id));
    }
  }
  LIENKET_ASSIGN_OR_RETURN(source, Code(&sources_, o.source));
  LIENKET_ASSIGN_OR_RETURN(indicator, Code(&indicators_, o.indicator_id));
  LIENKET_ASSIGN_OR_RETURN(basis, Code(&bases_, o.basis));
  *value = o.value.ToString();
  insert->Bind(first + 1, static_cast<std::int64_t>(o.unit_id))
      .Bind(first + 2, indicator)
      .Bind(first + 3, PeriodKey(o.period))
      .BindTextStatic(first + 4, *value)
      .Bind(first + 5, static_cast<std::int64_t>(o.status))
      .Bind(first + 6, static_cast<std::int64_t>(o.qualifier))
      .Bind(first + 7, basis)
      .Bind(first + 8, source)
      .BindTextStatic(first + 9, o.note)
      .Bind(first + 10, DateKey(o.as_of))
      .Bind(first + 11, *dataset)
      .Bind(first + 12, batch_id_)
      .BindTextStatic(first + 13, recorded_at_);
  if (given_ids_ && o.id != 0) insert->Bind(first + 14, o.id);  // else NULL: SQLite chooses
  return {};
}

core::Result<std::vector<std::int64_t>> SqliteBatchWriter::Write(
    const std::vector<stats::Observation>& rows) {
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  std::size_t start = 0;
  while (start < rows.size()) {
    const std::size_t n = std::min(kRowsPerInsert, rows.size() - start);
    if (n == kRowsPerInsert) {
      // Many rows in one statement: SQLite's fixed cost per statement is paid once.
      for (std::size_t i = 0; i < n; ++i) {
        LIENKET_RETURN_IF_ERROR(BindRow(&*insert_many_, static_cast<int>(i) * kInsertColumns,
                                        &values_[i], rows[start + i]));
      }
      auto status = insert_many_->Run();
      insert_many_->Reset();
      if (status) {
        // New rowids are given in order, one more than the largest: the last is the last row's.
        const std::int64_t last = db_->LastInsertId();
        for (std::size_t i = 0; i < n; ++i) {
          const stats::Observation& o = rows[start + i];
          ids.push_back(given_ids_ && o.id != 0
                            ? o.id
                            : last - static_cast<std::int64_t>(n - 1 - i));
        }
        start += n;
        continue;
      }
      if (status.error().code != ErrorCode::kAlreadyExists) return tl::unexpected(status.error());
      // A row of these is a stored vintage; the statement was undone: one row at a time.
    }
    for (std::size_t i = 0; i < n; ++i) {
      LIENKET_RETURN_IF_ERROR(BindRow(&insert_, 0, &values_[0], rows[start + i]));
      auto status = insert_.Run();
      insert_.Reset();
      if (status) {
        ids.push_back(db_->LastInsertId());
      } else if (status.error().code == ErrorCode::kAlreadyExists) {
        ids.push_back(0);  // the same vintage is stored: only this row's statement was undone
      } else {
        return tl::unexpected(status.error());
      }
    }
    start += n;
  }
  return ids;
}

core::Status SqliteBatchWriter::Remove(const std::vector<std::int64_t>& ids) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteObservation));
  for (std::int64_t id : ids) {
    del.Bind(1, id);
    LIENKET_RETURN_IF_ERROR(del.Run());
    del.Reset();
  }
  return {};
}

core::Status SqliteBatchWriter::Commit(const stats::ImportBatch& batch) {
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateBatch));
  update.Bind(1, batch.file_name).Bind(2, batch.file_sha256).Bind(3, batch.format);
  update.Bind(4, batch.imported_by).Bind(5, batch.rows_read).Bind(6, batch.rows_inserted);
  update.Bind(7, batch.rows_unchanged).Bind(8, batch.warnings_accepted).Bind(9, batch_id_);
  LIENKET_RETURN_IF_ERROR(update.Run());
  LIENKET_RETURN_IF_ERROR(tx_.Commit());
  core::IgnoreError(db_->Exec(kRefreshStatistics),
                    "statistics only guide the query planner; the rows are committed");
  return {};
}


// The PostgreSQL batch writer: the same contract as SqliteBatchWriter, written for a server.
// It locks the observations table first (kLockObservations), so that imports run one after the
// other and first_free_id cannot be handed out twice, while web edits of other tables go on.
// Rows go in as multi-row `INSERT ... ON CONFLICT DO NOTHING RETURNING id`: a row whose vintage
// is stored (or repeated in the batch) is left out and reported as 0, without aborting the
// transaction. The foreign keys stay on: PostgreSQL checks them per row cheaply.
class PgBatchWriter final : public stats::BatchWriter {
 public:
  static core::Result<std::unique_ptr<PgBatchWriter>> Begin(std::unique_ptr<Db> own, Db* db,
                                                            stats::ImportBatch* batch,
                                                            bool given_ids) {
    // The store's own connection (InsertBatch inside a workflow transition) keeps the writer
    // lock of its transaction; a connection of the writer's own does not take it, so that web
    // edits are not held up by a long import.
    LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db, /*serialise_writers=*/own == nullptr));
    std::unique_ptr<PgBatchWriter> w(new PgBatchWriter(std::move(own), db, std::move(tx)));
    w->given_ids_ = given_ids;
    LIENKET_RETURN_IF_ERROR(db->Exec(kImportLockTimeout));
    LIENKET_RETURN_IF_ERROR(db->Exec(kLockObservations));
    LIENKET_ASSIGN_OR_RETURN(insert_batch, db->Prepare(kInsertBatch));
    insert_batch.Bind(1, batch->file_name).Bind(2, batch->file_sha256).Bind(3, batch->format);
    insert_batch.Bind(4, batch->dataset).Bind(5, batch->imported_by).Bind(6, batch->rows_read);
    insert_batch.Bind(7, batch->rows_inserted).Bind(8, batch->rows_unchanged);
    insert_batch.Bind(9, batch->warnings_accepted);
    w->recorded_at_ = core::UtcTimestamp();
    insert_batch.Bind(10, w->recorded_at_);
    LIENKET_ASSIGN_OR_RETURN(batch_id, RunReturningId(insert_batch));
    batch->id = w->batch_id_ = batch_id;
    LIENKET_ASSIGN_OR_RETURN(free_query, db->Prepare(kSelectFirstFreeId));
    LIENKET_ASSIGN_OR_RETURN(has_free, free_query.Step());
    w->first_free_id_ = has_free ? free_query.Int(0) : 1;
    w->next_id_ = w->first_free_id_;
    LIENKET_ASSIGN_OR_RETURN(units, db->Prepare(kSelectUnitIds));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, units.Step());
      if (!row) break;
      w->unit_ids_.insert(units.Int(0));
    }
    return w;
  }

  [[nodiscard]] std::int64_t batch_id() const override { return batch_id_; }
  [[nodiscard]] std::int64_t first_free_id() const override { return first_free_id_; }

  core::Result<std::vector<std::int64_t>> Write(
      const std::vector<stats::Observation>& rows) override {
    std::vector<std::int64_t> out(rows.size(), 0);
    for (std::size_t start = 0; start < rows.size(); start += kPgRowsPerInsert) {
      const std::size_t n = std::min(kPgRowsPerInsert, rows.size() - start);
      std::string sql(kInsertObservation);
      for (std::size_t i = 1; i < n; ++i) sql += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      sql += " ON CONFLICT DO NOTHING RETURNING id";
      LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(sql));
      std::unordered_map<std::int64_t, std::size_t> index_of_id;
      for (std::size_t i = 0; i < n; ++i) {
        const stats::Observation& o = rows[start + i];
        const std::int64_t id = given_ids_ && o.id != 0 ? o.id : next_id_;
        next_id_ = std::max(next_id_, id + 1);
        LIENKET_RETURN_IF_ERROR(BindRow(&insert, static_cast<int>(i) * kInsertColumns, id, o));
        index_of_id.emplace(id, start + i);
      }
      while (true) {
        LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
        if (!row) break;
        auto it = index_of_id.find(insert.Int(0));
        if (it != index_of_id.end()) out[it->second] = it->first;
      }
    }
    return out;
  }

  core::Status Remove(const std::vector<std::int64_t>& ids) override {
    LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteObservation));
    for (std::int64_t id : ids) {
      del.Bind(1, id);
      LIENKET_RETURN_IF_ERROR(del.Run());
      del.Reset();
    }
    return {};
  }

  core::Status Commit(const stats::ImportBatch& batch) override {
    LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateBatch));
    update.Bind(1, batch.file_name).Bind(2, batch.file_sha256).Bind(3, batch.format);
    update.Bind(4, batch.imported_by).Bind(5, batch.rows_read).Bind(6, batch.rows_inserted);
    update.Bind(7, batch.rows_unchanged).Bind(8, batch.warnings_accepted).Bind(9, batch_id_);
    LIENKET_RETURN_IF_ERROR(update.Run());
    LIENKET_RETURN_IF_ERROR(db_->Exec(kAdvanceObservationIds));
    return tx_.Commit();
  }

 private:
  // 500 rows of 14 parameters: well under PostgreSQL's 65,535 parameters a statement.
  static constexpr std::size_t kPgRowsPerInsert = 500;

  PgBatchWriter(std::unique_ptr<Db> own, Db* db, Transaction tx)
      : own_(std::move(own)), db_(db), tx_(std::move(tx)) {}

  core::Result<std::int64_t> Code(std::unordered_map<std::string, std::int64_t>* known,
                                  std::string_view select_sql, std::string_view insert_sql,
                                  const std::string& text) {
    if (auto it = known->find(text); it != known->end()) return it->second;
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(select_sql));
    select.Bind(1, text);
    LIENKET_ASSIGN_OR_RETURN(found, select.Step());
    std::int64_t code = 0;
    if (found) {
      code = select.Int(0);
    } else {
      LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(insert_sql));
      insert.Bind(1, text);
      LIENKET_ASSIGN_OR_RETURN(inserted, RunReturningId(insert));
      code = inserted;
    }
    known->emplace(text, code);
    return code;
  }

  core::Status BindRow(Statement* insert, int first, std::int64_t id,
                       const stats::Observation& o) {
    auto dataset = DatasetCode(o.dataset);
    if (!dataset) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Không có tập dữ liệu \"{}\" (chỉ có \"{}\" và \"{}\")",
                                   o.dataset, stats::kDatasetObserved,
                                   stats::kDatasetIllustrative),
                       fmt::format("There is no dataset \"{}\" (only \"{}\" and \"{}\")",
                                   o.dataset, stats::kDatasetObserved,
                                   stats::kDatasetIllustrative));
    }
    if (!unit_ids_.contains(o.unit_id)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Không có đơn vị hành chính mã {}", o.unit_id),
                       fmt::format("There is no unit with id {}", o.unit_id));
    }
    if (!indicators_.contains(o.indicator_id)) {
      LIENKET_ASSIGN_OR_RETURN(exists, db_->Prepare(kSelectIndicatorExists));
      exists.Bind(1, o.indicator_id);
      LIENKET_ASSIGN_OR_RETURN(found, exists.Step());
      if (!found) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("Không có chỉ tiêu \"{}\"", o.indicator_id),
                         fmt::format("There is no indicator \"{}\"", o.indicator_id));
      }
    }
    LIENKET_ASSIGN_OR_RETURN(source, Code(&sources_, kSelectSourceId, kInsertSource, o.source));
    LIENKET_ASSIGN_OR_RETURN(
        indicator, Code(&indicators_, kSelectIndicatorCode, kInsertIndicatorCode, o.indicator_id));
    LIENKET_ASSIGN_OR_RETURN(basis, Code(&bases_, kSelectBasisCode, kInsertBasisCode, o.basis));
    insert->Bind(first + 1, static_cast<std::int64_t>(o.unit_id))
        .Bind(first + 2, indicator)
        .Bind(first + 3, PeriodKey(o.period))
        .Bind(first + 4, o.value.ToString())
        .Bind(first + 5, static_cast<std::int64_t>(o.status))
        .Bind(first + 6, static_cast<std::int64_t>(o.qualifier))
        .Bind(first + 7, basis)
        .Bind(first + 8, source)
        .Bind(first + 9, o.note)
        .Bind(first + 10, DateKey(o.as_of))
        .Bind(first + 11, *dataset)
        .Bind(first + 12, batch_id_)
        .Bind(first + 13, recorded_at_)
        .Bind(first + 14, id);
    return {};
  }

  // Declaration order matters: the transaction ends before the connection closes.
  std::unique_ptr<Db> own_;
  Db* db_;
  Transaction tx_;
  std::int64_t batch_id_ = 0;
  std::int64_t first_free_id_ = 1;
  std::int64_t next_id_ = 1;  // one more than the largest id written: SQLite's rule for new ids
  std::string recorded_at_;
  bool given_ids_ = false;
  std::unordered_set<std::int64_t> unit_ids_;
  std::unordered_map<std::string, std::int64_t> sources_;
  std::unordered_map<std::string, std::int64_t> indicators_;
  std::unordered_map<std::string, std::int64_t> bases_;
};

}  // namespace

core::Result<std::unique_ptr<stats::BatchWriter>> SqliteStore::BeginBatch(
    stats::ImportBatch* batch) {
  // A connection of its own: the writer may run on another thread, and reads through this
  // store keep seeing the committed state meanwhile (WAL; PostgreSQL's MVCC).
  if (db_->is_postgres()) {
    LIENKET_ASSIGN_OR_RETURN(own, Db::Open(db_->path()));
    Db* db = own.get();
    AsPostgres(db)->set_statement_savepoints(false);  // rows conflict through ON CONFLICT only
    LIENKET_ASSIGN_OR_RETURN(writer, PgBatchWriter::Begin(std::move(own), db, batch, true));
    return std::unique_ptr<stats::BatchWriter>(std::move(writer));
  }
  LIENKET_ASSIGN_OR_RETURN(own, Db::Open(db_->path()));
  SqliteDb* db = own.get();
  // The writer checks the rows' references itself (see SqliteBatchWriter): SQLite's own checks
  // cost five b-tree lookups a row, a tenth of a million-row import. Other writes keep them.
  LIENKET_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=OFF"));
  LIENKET_ASSIGN_OR_RETURN(writer, SqliteBatchWriter::Begin(std::move(own), db, batch, true));
  return std::unique_ptr<stats::BatchWriter>(std::move(writer));
}

core::Status SqliteStore::InsertBatch(stats::ImportBatch* batch,
                                      const std::vector<stats::Observation>& rows) {
  batch->rows_inserted = static_cast<std::int64_t>(rows.size());
  std::unique_ptr<stats::BatchWriter> writer;
  if (db_->is_postgres()) {
    LIENKET_ASSIGN_OR_RETURN(pg, PgBatchWriter::Begin(nullptr, db_.get(), batch, false));
    writer = std::move(pg);
  } else {
    LIENKET_ASSIGN_OR_RETURN(lite, SqliteBatchWriter::Begin(nullptr, db_.get(), batch, false));
    writer = std::move(lite);
  }
  LIENKET_ASSIGN_OR_RETURN(ids, writer->Write(rows));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (ids[i] != 0) continue;
    const stats::Observation& o = rows[i];
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("Số liệu {} kỳ {} đã có cùng đợt công bố trong cơ sở dữ liệu",
                                 o.indicator_id, o.period.Code()),
                     fmt::format("Figure {} for {} already exists with the same vintage",
                                 o.indicator_id, o.period.Code()));
  }
  return writer->Commit(*batch);
}

core::Result<std::int64_t> SqliteStore::DeleteDataset(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_.get()));
  auto code = DatasetCode(dataset);
  if (!code) return 0;  // no such dataset: nothing to remove
  if (db_->is_postgres()) LIENKET_RETURN_IF_ERROR(db_->Exec(kLockObservations));
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteDataset));
  del.Bind(1, *code);
  LIENKET_RETURN_IF_ERROR(del.Run());
  std::int64_t removed = db_->Changes();
  LIENKET_ASSIGN_OR_RETURN(batches, db_->Prepare(kDeleteEmptyBatches));
  batches.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(batches.Run());
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return removed;
}

core::Result<std::vector<stats::ImportBatch>> SqliteStore::ListBatches() {
  std::vector<stats::ImportBatch> out;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectBatches));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::ImportBatch b;
    b.id = select.Int(0);
    b.file_name = select.Text(1);
    b.file_sha256 = select.Text(2);
    b.format = select.Text(3);
    b.dataset = select.Text(4);
    b.imported_by = select.Text(5);
    b.imported_at = select.Text(6);
    b.rows_read = select.Int(7);
    b.rows_inserted = select.Int(8);
    b.rows_unchanged = select.Int(9);
    b.warnings_accepted = select.Int(10);
    out.push_back(std::move(b));
  }
  return out;
}

core::Result<std::int64_t> SqliteStore::CountObservations(const std::string& dataset) {
  auto code = DatasetCode(dataset);
  if (!code) return 0;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kCountObservations));
  select.Bind(1, *code);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  return row ? select.Int(0) : 0;
}

core::Result<std::vector<std::string>> SqliteStore::CheckIntegrity() {
  std::vector<std::string> problems;
  if (db_->is_postgres()) {
    LIENKET_ASSIGN_OR_RETURN(version, ReadSchemaVersion(db_.get()));
    if (version != KnownSchemaVersion(Engine::kPostgres)) {
      problems.push_back(fmt::format("schema version {} (this program's is {})", version,
                                     KnownSchemaVersion(Engine::kPostgres)));
    }
    return problems;
  }
  LIENKET_ASSIGN_OR_RETURN(integrity, db_->Prepare("PRAGMA integrity_check"));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, integrity.Step());
    if (!row) break;
    if (integrity.Text(0) != "ok") problems.push_back(integrity.Text(0));
  }
  LIENKET_ASSIGN_OR_RETURN(fk, db_->Prepare("PRAGMA foreign_key_check"));
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, fk.Step());
    if (!row) break;
    problems.push_back("foreign key violation in table " + fk.Text(0));
  }
  return problems;
}

}  // namespace lienket::store
