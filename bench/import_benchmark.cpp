// Micro-benchmarks of the import hot path, in process, over the first 100,000 rows of the
// generated canonical CSV (import_csv_generator.hpp). From the smallest piece to the whole:
//
//   BM_ParseNumber          core::ParseNumber on every value cell        items/s = cells/s
//   BM_PeriodParse          core::Period::Parse on every period cell     items/s = cells/s
//   BM_CsvReader            core::CsvReader over the whole buffer        items/s = records/s
//   BM_ImportValidator      stats::ImportValidator: AddRow × 100k, Finish({}), rows already
//                           split into fields (no CSV, no database)      items/s = rows/s
//   BM_ReadCsvObservations  app::ReadCsvObservations (UTF-8 check, CSV, validation) + Finish
//   BM_InsertBatch          store::SqliteStore::InsertBatch of the validated rows into a fresh
//                           database (the write alone)
//   BM_ImportBytes          app::ImportBytes into a fresh database: what `lienket import` does
//                           after reading the file
//
// Read items_per_second as rows (or cells) per second. The last two create a database per
// iteration outside the timed region. Catalogues come from a database opened with
// app::Context::Open on a temporary path, as the CLI does. Run:
//   build/bench/import_benchmark [--benchmark_filter=Validator] [--benchmark_min_time=2s]
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/import_command.hpp"
#include "app/observation_reader.hpp"
#include "bench/import_csv_generator.hpp"
#include "core/csv.hpp"
#include "core/number_format.hpp"
#include "core/period.hpp"
#include "stats/import_validator.hpp"

namespace lienket::bench {
namespace {

constexpr std::int64_t kRows = 100'000;

// A database path under the temporary folder, removed (with its WAL files) when done.
class TempDb {
 public:
  explicit TempDb(std::string_view tag)
      : path_((std::filesystem::temp_directory_path() /
               fmt::format("lienket_bench_{}_{}.db", tag, ::getpid()))
                  .string()) {
    Remove();
  }
  ~TempDb() { Remove(); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  void Remove() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }

 private:
  std::string path_;
};

// Everything the benchmarks share, built once: the CSV, its rows split into fields, and the
// catalogues. A failure is reported by every benchmark as its error.
struct Fixture {
  std::string error;
  std::string csv;
  std::vector<std::vector<std::string_view>> records;  // data rows, header excluded
  stats::HeaderMap header;
  std::vector<stats::RowInput> rows;
  TempDb catalogue_db{"catalogue"};
  std::optional<app::Context> context;

  Fixture() {
    ImportCsvOptions options;
    options.rows = kRows;
    options.data_dir = std::string(LIENKET_SOURCE_DIR) + "/data";
    auto generated = GenerateImportCsv(options);
    if (!generated) {
      error = "generating the CSV: " + generated.error().message_en;
      return;
    }
    csv = std::move(generated->text);

    core::CsvReader reader(csv, ',');
    std::vector<std::string_view> fields;
    while (true) {
      auto more = reader.Next(&fields);
      if (!more || !*more) break;
      records.push_back(fields);
    }
    std::vector<stats::Problem> problems;
    header = stats::MapHeader(records.front(), &problems);
    records.erase(records.begin());
    if (!problems.empty()) {
      error = "header: " + problems.front().message_en;
      return;
    }
    for (std::size_t r = 0; r < records.size(); ++r) {
      stats::RowInput row;
      row.row = static_cast<int>(r) + 2;
      for (std::size_t f = 0; f < stats::kFieldCount; ++f) {
        int index = header.index[f];
        row.present[f] = index >= 0;
        if (index < 0) continue;
        row.column[f] = header.labels[static_cast<std::size_t>(index)];
        row.value[f] = records[r][static_cast<std::size_t>(index)];
      }
      rows.push_back(row);
    }

    auto opened = app::Context::Open(catalogue_db.path());
    if (!opened) {
      error = "opening the catalogue database: " + opened.error().message_en;
      return;
    }
    context.emplace(std::move(*opened));
  }

  [[nodiscard]] stats::ImportOptions Options() const {
    stats::ImportOptions options;
    options.today = core::Date::Today();
    return options;
  }

  // The cells of one canonical column, in file order.
  [[nodiscard]] std::vector<std::string_view> Column(stats::Field field) const {
    std::vector<std::string_view> cells;
    const auto index = static_cast<std::size_t>(header.index[static_cast<std::size_t>(field)]);
    for (const auto& record : records) cells.push_back(record[index]);
    return cells;
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// Returns false (and marks the benchmark failed) when the fixture could not be built.
bool Ready(benchmark::State& state) {
  if (!Shared().error.empty()) {
    state.SkipWithError(Shared().error.c_str());
    return false;
  }
  return true;
}

// A plan is only a valid measurement if every row was accepted.
bool CheckPlan(benchmark::State& state, const stats::ImportPlan& plan) {
  if (!plan.problems.empty() || plan.to_insert.size() != static_cast<std::size_t>(kRows)) {
    static std::string why;
    why = fmt::format("{} problems, {} rows to insert; first: {}", plan.problems.size(),
                      plan.to_insert.size(),
                      plan.problems.empty() ? "" : plan.problems.front().message_en);
    state.SkipWithError(why.c_str());
    return false;
  }
  return true;
}

void BM_ParseNumber(benchmark::State& state) {
  if (!Ready(state)) return;
  const std::vector<std::string_view> cells = Shared().Column(stats::Field::kValue);
  for (auto _ : state) {
    for (std::string_view cell : cells) {
      auto number = core::ParseNumber(cell);
      benchmark::DoNotOptimize(number);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cells.size()));
}
BENCHMARK(BM_ParseNumber)->Unit(benchmark::kMillisecond);

void BM_PeriodParse(benchmark::State& state) {
  if (!Ready(state)) return;
  const std::vector<std::string_view> cells = Shared().Column(stats::Field::kPeriod);
  for (auto _ : state) {
    for (std::string_view cell : cells) {
      auto period = core::Period::Parse(cell);
      benchmark::DoNotOptimize(period);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cells.size()));
}
BENCHMARK(BM_PeriodParse)->Unit(benchmark::kMillisecond);

void BM_CsvReader(benchmark::State& state) {
  if (!Ready(state)) return;
  const std::string& csv = Shared().csv;
  std::int64_t records = 0;
  for (auto _ : state) {
    core::CsvReader reader(csv, ',');
    std::vector<std::string_view> fields;
    records = 0;
    while (true) {
      auto more = reader.Next(&fields);
      if (!more || !*more) break;
      ++records;
    }
    benchmark::DoNotOptimize(records);
  }
  state.SetItemsProcessed(state.iterations() * records);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_CsvReader)->Unit(benchmark::kMillisecond);

void BM_ImportValidator(benchmark::State& state) {
  if (!Ready(state)) return;
  Fixture& f = Shared();
  for (auto _ : state) {
    stats::ImportValidator validator(f.context->units, f.context->indicators, f.Options());
    for (const stats::RowInput& row : f.rows) validator.AddRow(row);
    stats::ImportPlan plan = validator.Finish({});
    if (!CheckPlan(state, plan)) return;
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_ImportValidator)->Unit(benchmark::kMillisecond);

void BM_ReadCsvObservations(benchmark::State& state) {
  if (!Ready(state)) return;
  Fixture& f = Shared();
  for (auto _ : state) {
    stats::ImportValidator validator(f.context->units, f.context->indicators, f.Options());
    app::ReadCsvObservations(f.csv, &validator);
    stats::ImportPlan plan = validator.Finish({});
    if (!CheckPlan(state, plan)) return;
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(f.csv.size()));
}
BENCHMARK(BM_ReadCsvObservations)->Unit(benchmark::kMillisecond);

void BM_InsertBatch(benchmark::State& state) {
  if (!Ready(state)) return;
  Fixture& f = Shared();
  stats::ImportValidator validator(f.context->units, f.context->indicators, f.Options());
  app::ReadCsvObservations(f.csv, &validator);
  const stats::ImportPlan plan = validator.Finish({});
  if (!CheckPlan(state, plan)) return;
  TempDb db("insert");
  for (auto _ : state) {
    state.PauseTiming();
    db.Remove();
    auto context = app::Context::Open(db.path());
    if (!context) {
      state.SkipWithError("opening a fresh database failed");
      return;
    }
    stats::ImportBatch batch;
    batch.file_name = "bench.csv";
    batch.format = "csv";
    batch.dataset = "observed";
    batch.imported_by = "bench";
    batch.rows_read = kRows;
    state.ResumeTiming();
    auto written = context->store->InsertBatch(&batch, plan.to_insert);
    if (!written) {
      state.SkipWithError("InsertBatch failed");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_InsertBatch)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

void BM_ImportBytes(benchmark::State& state) {
  if (!Ready(state)) return;
  Fixture& f = Shared();
  TempDb db("import");
  for (auto _ : state) {
    state.PauseTiming();
    db.Remove();
    auto context = app::Context::Open(db.path());
    if (!context) {
      state.SkipWithError("opening a fresh database failed");
      return;
    }
    app::ImportRequest request;
    request.display_name = "bench.csv";
    request.options = f.Options();
    std::ostringstream out, err;
    state.ResumeTiming();
    app::ImportOutcome outcome = app::ImportBytes(&*context, f.csv, request, out, err);
    if (outcome.exit_code != app::kImported) {
      static std::string why;
      why = fmt::format("import exit {}: {}{}", outcome.exit_code, err.str(), out.str());
      state.SkipWithError(why.c_str());
      return;
    }
    if (!CheckPlan(state, outcome.plan)) return;
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_ImportBytes)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace
}  // namespace lienket::bench

BENCHMARK_MAIN();
