// `lienket doctor`: looks over an installation — the database, the data compiled into the
// program, the web front end, the disk and the file's permissions — and says in plain Vietnamese
// and English what is wrong and what to do about it. It only reads: the database is opened
// read-only and never created or migrated, so it is safe to run beside a running server.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace lienket::app {

enum class DoctorSeverity { kOk, kWarning, kError };

// One finding: what was looked at, what was found, and (unless OK) what to do.
struct DoctorCheck {
  std::string id;  // stable, for --json: "database", "schema", "integrity", ...
  DoctorSeverity severity = DoctorSeverity::kOk;
  std::string message_vi, message_en;
  std::string advice_vi, advice_en;  // empty when there is nothing to do
};

struct DoctorOptions {
  std::string db_path;
  std::string web_root;  // the front end's folder (the CLI passes api::DefaultWebRoot())
  std::uintmax_t min_free_bytes = std::uintmax_t{1} << 30;  // warn below 1 GiB free
};

// Runs every check, in a fixed order. Never fails: a check that cannot run is itself a finding.
// When the database cannot be opened, the checks that need it are left out.
[[nodiscard]] std::vector<DoctorCheck> RunDoctor(const DoctorOptions& options);

// True when some check is an error.
[[nodiscard]] bool HasErrors(const std::vector<DoctorCheck>& checks);

// One line per check, "OK", "CẢNH BÁO (WARNING)" or "LỖI (ERROR)", the finding and the advice in
// both languages, then a summary line; or, with `json`, {"ok": bool, "checks": [...]}.
void PrintDoctor(const std::vector<DoctorCheck>& checks, bool json, std::ostream& out);

// "ok", "warning", "error".
[[nodiscard]] std::string_view DoctorSeverityId(DoctorSeverity severity);

}  // namespace lienket::app
