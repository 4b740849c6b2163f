// CSV observation files: core::CsvReader over arbitrary bytes, then the whole import path that
// `lienket import` and the web upload share — app::ReadCsvObservations into a
// stats::ImportValidator with the shipped catalogues (data/*.csv, read once at start-up from the
// source tree) — and the validator's Finish.
// Invariants: the reader always advances and ends; a record's line never goes backwards; every
// field view lies inside the buffer or is an unescaped copy; the validator's plan is consistent
// (one ordinal per row to insert; a plan with errors still names them); rows to insert are within
// the catalogues (a known unit, indicator and a period of the supported years); and importing the
// same file again over the rows it would write inserts nothing: every row is unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "app/observation_reader.hpp"
#include "core/csv.hpp"
#include "fuzz_check.hpp"
#include "stats/import_validator.hpp"
#include "stats/stats_test_util.hpp"

namespace {

namespace core = lienket::core;
namespace stats = lienket::stats;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const stats::testing::ShippedCatalogs kCatalogs;
  return kCatalogs;
}

stats::ImportOptions Options() {
  stats::ImportOptions o;
  o.today = core::Date{2026, 1, 15};  // fixed, so that a saved input replays the same way
  o.default_source = "fuzz";
  return o;
}

void CheckReader(std::string_view data) {
  char delimiter = core::DetectCsvDelimiter(data);
  FUZZ_CHECK(delimiter == ',' || delimiter == ';' || delimiter == '\t', data);
  core::CsvReader reader(data, delimiter);
  std::vector<std::string_view> fields;
  std::size_t records = 0;
  std::size_t last_position = 0;
  int last_line = 0;
  while (true) {
    auto more = reader.Next(&fields);
    if (!more || !*more) break;
    ++records;
    FUZZ_CHECK(records <= data.size() + 1, data);  // every record but a last empty one eats bytes
    FUZZ_CHECK(reader.position() <= data.size(), data);
    FUZZ_CHECK(reader.position() > last_position || reader.position() == data.size(), data);
    FUZZ_CHECK(reader.record_line() >= last_line && reader.record_line() >= 1, data);
    FUZZ_CHECK(!fields.empty(), data);
    std::size_t field_bytes = 0;
    for (std::string_view f : fields) field_bytes += f.size();
    FUZZ_CHECK(field_bytes <= reader.position() - last_position, data);
    last_position = reader.position();
    last_line = reader.record_line();
  }
}

stats::ImportPlan Import(std::string_view bytes, const std::vector<stats::Observation>& existing) {
  const auto& c = Catalogs();
  stats::ImportValidator validator(c.units, c.indicators, Options());
  lienket::app::ReadCsvObservations(bytes, &validator);
  return validator.Finish(existing);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view body = bytes;
  core::StripUtf8Bom(&body);
  CheckReader(body);

  stats::ImportPlan plan = Import(bytes, {});
  FUZZ_CHECK(plan.ordinals.size() == plan.to_insert.size(), bytes);
  FUZZ_CHECK(plan.rows_read >= 0, bytes);
  for (const stats::Problem& p : plan.problems) {
    FUZZ_CHECK(!p.code.empty() && !p.message_en.empty() && !p.message_vi.empty(), p.code);
    FUZZ_CHECK(p.row >= 0, p.code);
  }
  const auto& c = Catalogs();
  for (const stats::Observation& o : plan.to_insert) {
    FUZZ_CHECK(c.units.FindById(o.unit_id) != nullptr, o.indicator_id);
    FUZZ_CHECK(c.indicators.FindById(o.indicator_id) != nullptr, o.indicator_id);
    FUZZ_CHECK(o.period.year() >= core::Period::kMinYear && o.period.year() <= core::Period::kMaxYear,
               o.indicator_id);
    FUZZ_CHECK(o.as_of.IsValid(), o.indicator_id);
  }
  // Importing again over what the first import would write changes nothing.
  if (plan.ErrorCount() == 0 && !plan.to_insert.empty()) {
    stats::ImportPlan again = Import(bytes, plan.to_insert);
    FUZZ_CHECK(again.to_insert.empty(), bytes);
    FUZZ_CHECK(again.unchanged == static_cast<std::int64_t>(plan.to_insert.size()), bytes);
    FUZZ_CHECK(again.ErrorCount() == 0, bytes);
  }
  return 0;
}
