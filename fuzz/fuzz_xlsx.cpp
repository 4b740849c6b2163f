// .xlsx workbooks: io::ListSheets and io::ReadSheet over arbitrary bytes (the reader takes a
// path, so each input is written to one temporary file per process), then the import path of
// `lienket import file.xlsx`: app::ReadXlsxObservations with the workbook's own mapping sheet or
// the long layout, into a stats::ImportValidator with the shipped catalogues.
// Invariants: every listed sheet has a visibility flag and can be read by its name; a read
// sheet stays within Excel's limits and the fuzz limits; its merged ranges are well formed; the
// cell at the bounds can be asked for; the validator's plan has one ordinal per row to insert.
// The limits are smaller than the defaults (16 MiB per part, 200 000 cells) so that a zip bomb
// is refused with kResourceExhausted long before libFuzzer's memory limit.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "app/xlsx_observations.hpp"
#include "fuzz_check.hpp"
#include "io/xlsx_reader.hpp"
#include "stats/import_validator.hpp"
#include "stats/stats_test_util.hpp"

namespace {

namespace core = lienket::core;
namespace io = lienket::io;
namespace stats = lienket::stats;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const stats::testing::ShippedCatalogs kCatalogs;
  return kCatalogs;
}

// One file per process, in /dev/shm when there is one (no disk writes per execution).
const std::string& ScratchPath() {
  static const std::string kPath = [] {
    std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return dir + "/lienket_fuzz_xlsx_" + std::to_string(getpid()) + ".xlsx";
  }();
  return kPath;
}

bool WriteScratch(std::string_view bytes) {
  std::FILE* f = std::fopen(ScratchPath().c_str(), "wb");
  if (f == nullptr) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

void CheckSheet(const io::XlsxSheet& sheet, const io::XlsxLimits& limits, std::string_view name) {
  FUZZ_CHECK(sheet.max_row >= 0 && sheet.max_row <= io::kXlsxMaxRows, name);
  FUZZ_CHECK(sheet.max_col >= 0 && sheet.max_col <= io::kXlsxMaxCols, name);
  FUZZ_CHECK((sheet.max_row == 0) == (sheet.max_col == 0), name);
  FUZZ_CHECK(sheet.cell_count() <= limits.max_cells, name);
  FUZZ_CHECK((sheet.cell_count() == 0) == (sheet.max_row == 0), name);
  for (const io::MergedRange& m : sheet.merges) {
    FUZZ_CHECK(m.first.row >= 1 && m.first.col >= 1, name);
    FUZZ_CHECK(m.first.row <= m.last.row && m.first.col <= m.last.col, name);
    FUZZ_CHECK(m.last.row <= io::kXlsxMaxRows && m.last.col <= io::kXlsxMaxCols, name);
  }
  if (sheet.max_row > 0) {
    (void)sheet.At(sheet.max_row, sheet.max_col);
    (void)sheet.Displayed(sheet.max_row, sheet.max_col);
    (void)sheet.Displayed(1, 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (!WriteScratch(bytes)) return 0;
  const std::string& path = ScratchPath();
  io::XlsxLimits limits;
  limits.max_part_bytes = 16u << 20;
  limits.max_cells = 200'000;

  auto book = io::ListSheets(path, limits);
  if (book) {
    FUZZ_CHECK(book->sheet_names.size() == book->hidden.size(), bytes.substr(0, 64));
    for (const std::string& name : book->sheet_names) {
      auto sheet = io::ReadSheet(path, name, limits);
      // A listed sheet may still be damaged inside, but it is never "not found".
      if (!sheet) {
        FUZZ_CHECK(sheet.error().code != core::ErrorCode::kNotFound, name);
        continue;
      }
      CheckSheet(*sheet, limits, name);
    }
  }
  auto first = io::ReadSheet(path, "", limits);
  if (first) CheckSheet(*first, limits, first->name);

  const auto& c = Catalogs();
  stats::ImportOptions options;
  options.today = core::Date{2026, 1, 15};
  options.default_source = "fuzz";
  stats::ImportValidator validator(c.units, c.indicators, options);
  lienket::app::ReadXlsxObservations(path, std::nullopt, &validator);
  stats::ImportPlan plan = validator.Finish({});
  FUZZ_CHECK(plan.ordinals.size() == plan.to_insert.size(), bytes.substr(0, 64));
  return 0;
}
