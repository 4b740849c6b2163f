// make_import_csv: writes a large, valid, deterministic import file in the canonical long format
// (see import_csv_generator.hpp for its content), for the import benchmarks.
//
//   make_import_csv [--rows N] [--data DIR] --out FILE
//
// --rows   data rows, header excluded (default 1,000,000; at most 1,176,588)
// --data   folder with units.csv and indicators.csv (default: this checkout's data/)
// --out    file to write, replaced atomically; "-" writes to standard output
// A one-line summary (rows, periods, bytes) goes to standard error. Exit 0, or 1 with a message.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "bench/import_csv_generator.hpp"
#include "io/fs.hpp"

namespace {

int Usage(const char* why) {
  std::cerr << "make_import_csv: " << why
            << "\nusage: make_import_csv [--rows N] [--data DIR] --out FILE\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  lienket::bench::ImportCsvOptions options;
  options.data_dir = std::string(LIENKET_SOURCE_DIR) + "/data";
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage("every option takes a value");
    std::string value = argv[++i];
    if (arg == "--rows") {
      char* end = nullptr;
      options.rows = std::strtoll(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0') return Usage("--rows takes a whole number");
    } else if (arg == "--data") {
      options.data_dir = value;
    } else if (arg == "--out") {
      out = value;
    } else {
      return Usage("unknown option");
    }
  }
  if (out.empty()) return Usage("--out is required");

  auto csv = lienket::bench::GenerateImportCsv(options);
  if (!csv) {
    std::cerr << "make_import_csv: " << csv.error().message_en << "\n";
    return 1;
  }
  if (out == "-") {
    std::fwrite(csv->text.data(), 1, csv->text.size(), stdout);
    if (std::fflush(stdout) != 0) return 1;
  } else if (auto written = lienket::io::WriteFileAtomically(out, csv->text); !written) {
    std::cerr << "make_import_csv: " << written.error().message_en << "\n";
    return 1;
  }
  std::cerr << fmt::format("make_import_csv: {} rows, periods {}..{}, {} bytes{}\n", csv->rows,
                           csv->first_period, csv->last_period, csv->text.size(),
                           out == "-" ? "" : " -> " + out);
  return 0;
}
