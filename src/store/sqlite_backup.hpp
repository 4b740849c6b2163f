// Backup, restore and read-only inspection of a lienket SQLite database file, for `lienket
// backup`, `lienket restore` and `lienket doctor`.
//
// Both directions use SQLite's online backup API, never a file copy: a backup is a consistent
// snapshot of a live database (the server may keep writing; the copy is taken a few hundred pages
// at a time, so writers are not held up), and a restore writes into the target through SQLite, so
// its WAL file and the other connections to it stay coherent. Nothing here changes a file it only
// reads: inspection opens read-only and never migrates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace lienket::store {

// What a read-only look at a database file finds.
struct DatabaseInspection {
  int schema_version = 0;  // MAX(version) of schema_migrations
  int known_version = 0;   // SqliteStore::KnownSchemaVersion() of this program
  bool postgres = false;   // a PostgreSQL database: no integrity_check; the server keeps its pages
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
  // "PRAGMA integrity_check" lines other than "ok" and "PRAGMA foreign_key_check" violations;
  // both empty unless `check_integrity` was asked for or when the database is sound.
  std::vector<std::string> integrity_problems;
  std::vector<std::string> foreign_key_problems;
  // Row counts; nullopt when the table does not exist (an older schema).
  std::optional<std::int64_t> units, regions, indicators, observations, users;
  std::optional<std::int64_t> active_admins;  // users with role 'admin' and active = 1
};

// Opens `path` read-only and inspects it; with `check_integrity`, also runs integrity_check and
// foreign_key_check (which read the whole file). Errors: kNotFound (no such file),
// kFailedPrecondition (not an SQLite database, or no schema_migrations table: not a lienket
// database), kUnavailable (cannot be read). A schema newer than this program is not an error
// here: the caller compares schema_version with known_version.
[[nodiscard]] core::Result<DatabaseInspection> InspectDatabase(const std::string& path,
                                                               bool check_integrity);

struct BackupOptions {
  bool force = false;        // replace an existing output file
  int pages_per_step = 256;  // 1 MiB at 4 KiB pages: the longest the source is held at a time
  int pause_ms = 5;          // between steps, so writers get the database
};

struct BackupReport {
  std::string output;  // the finished backup file
  DatabaseInspection inspection;  // of the finished copy, integrity checked
  std::string message_vi, message_en;
};

// Copies the live database `db_path` to `output`: written to a temporary file beside `output`,
// integrity-checked, then renamed into place, so `output` is either absent or a complete, sound
// lienket database. Retries while the source is busy or locked. Errors: kNotFound (no database at
// `db_path`), kAlreadyExists (`output` exists and not `force`), kFailedPrecondition (the source is
// not a lienket database, or the copy fails its integrity check), kUnavailable (busy for too
// long, disk full, cannot write). On error no file is left behind.
[[nodiscard]] core::Result<BackupReport> BackupDatabase(const std::string& db_path,
                                                        const std::string& output,
                                                        const BackupOptions& options = {});

struct RestoreReport {
  std::string saved_as;  // "<db>.before-restore-<UTC timestamp>"; empty when there was no db
  DatabaseInspection inspection;  // of the restored file
  std::string message_vi, message_en;
};

// Replaces the database `db_path` with the backup `backup_path`. The backup is checked first —
// a lienket database, schema not newer than this program, integrity_check ok — and the target is
// left untouched if it fails. Then the current database, if any, is saved beside it as
// `<db_path>.before-restore-<YYYYMMDDTHHMMSSZ>` (by BackupDatabase), and the backup is written
// into `db_path` in one transaction. A running server keeps its connection but not its cached
// catalogues: restart it. Errors: kNotFound (no backup file), kFailedPrecondition (the backup is
// not a lienket database, is newer, or is damaged), kUnavailable (the target is busy for too long,
// or cannot be written), and those of BackupDatabase while saving the current database.
[[nodiscard]] core::Result<RestoreReport> RestoreDatabase(const std::string& db_path,
                                                          const std::string& backup_path);

}  // namespace lienket::store
