// `lienket export`: any query of observations written as JSON-stat 2.0, SDMX-CSV or lienket's
// import CSV (the formats are in report/export_formats.hpp). This file turns the options into a
// query, reads the rows and writes the text to a file (atomically) or to standard output.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace lienket::app {

struct ExportOptions {
  std::string format;                   // jsonstat | sdmx-csv | csv
  std::vector<std::string> provinces;   // codes or names; empty = every unit
  std::vector<std::string> indicators;  // ids or names; empty = every indicator
  std::string period;                   // one period code; empty = every period
  std::string region;                   // a region's members (added to `provinces`)
  std::string as_of;                    // only vintages published on or before this date
  std::string dataset = "observed";     // observed | illustrative | all
  bool all_vintages = false;            // every vintage instead of the latest of each figure
  std::string output;                   // file; empty = standard output
};

// Adds the `export` subcommand with its options, bound to `options`, and returns it.
CLI::App* AddExportCommand(CLI::App& cli, ExportOptions* options);

// Runs the export. Writes the text to `out` when no output file is given, else to the file and a
// one-line confirmation to `out`. Errors: kInvalidArgument for a malformed format, period or
// date, and for a CSV of every dataset at once; kNotFound for an unknown province, indicator or
// region, and when nothing matches (no empty file is written); kUnavailable when the file cannot
// be written (it is then left as it was).
[[nodiscard]] core::Status RunExport(Context& ctx, const ExportOptions& options, std::ostream& out);

}  // namespace lienket::app
