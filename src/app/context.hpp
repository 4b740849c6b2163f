// What every command needs: the open database and the catalogues loaded from it.
#pragma once

#include <memory>
#include <string>

#include "stats/indicator.hpp"
#include "stats/region.hpp"
#include "stats/unit_catalog.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::app {

struct Context {
  std::unique_ptr<store::SqliteStore> store;
  stats::UnitCatalog units;
  stats::IndicatorCatalog indicators;
  std::vector<stats::Region> regions;

  // Opens (creating if new) the database at `path` and loads the catalogues.
  [[nodiscard]] static core::Result<Context> Open(const std::string& path);
  // Reloads the region list after a change.
  [[nodiscard]] core::Status ReloadRegions();
  [[nodiscard]] const stats::Region* FindRegion(std::string_view key) const;
};

// The database used when --db is not given: $LIENKET_DB, else "lienket.db" in the current folder.
[[nodiscard]] std::string DefaultDatabasePath();

}  // namespace lienket::app
