// The import use case: a file (or shipped bytes) in, every problem reported, and either the whole
// file written in one transaction or nothing. Used by `lienket import`, by the commands that load
// the shipped datasets, and later by the HTTP upload.
#pragma once

#include <iosfwd>
#include <string>

#include "app/context.hpp"
#include "app/xlsx_observations.hpp"
#include "stats/import_validator.hpp"

namespace lienket::app {

struct ImportRequest {
  std::string display_name;  // file name shown in messages and stored in the import log
  bool dry_run = false;
  bool accept_warnings = false;
  bool json = false;                     // machine-readable summary on `out` instead of text
  bool show_progress = false;            // a progress bar on the terminal (stderr)
  std::size_t max_problems_shown = 200;  // in text mode; JSON has all
  std::string imported_by = "cli";
  std::string source_path;                  // the file on disk (needed for .xlsx)
  std::optional<XlsxMapping> xlsx_mapping;  // column mapping for .xlsx; else the file's own
  // The CSV's encoding when it is not UTF-8 and the user said which: "windows-1258",
  // "utf-16le", "utf-16be" (converted exactly with ICU, then NFC). Empty: UTF-8 required.
  std::string encoding;
  stats::ImportOptions options;
};

// Exit codes of an import, also used by the CLI.
enum ImportExit { kImported = 0, kFailed = 1, kRejected = 2, kWarningsNotAccepted = 3 };

struct ImportOutcome {
  int exit_code = kFailed;
  bool written = false;
  stats::ImportPlan plan;
  stats::ImportBatch batch;
};

// Validates `bytes` (CSV or XLSX) against the catalogues and the stored data; writes when there
// are no errors (and no warnings unless accepted) and it is not a dry run. Reports on `out`.
ImportOutcome ImportBytes(Context* ctx, std::string_view bytes, const ImportRequest& request,
                          std::ostream& out, std::ostream& err);

// Reads the file at `path` and imports it as above. A file that cannot be read is exit kFailed
// with a message on `err`.
ImportOutcome ImportFile(Context* ctx, const std::string& path, const ImportRequest& request,
                         std::ostream& out, std::ostream& err);

// Hex SHA-256 of the bytes (the import log records which file was imported).
[[nodiscard]] std::string Sha256Hex(std::string_view bytes);

}  // namespace lienket::app
