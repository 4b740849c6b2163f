#include "app/context.hpp"

#include <cstdlib>

namespace lienket::app {

core::Result<Context> Context::Open(const std::string& path) {
  Context ctx;
  LIENKET_ASSIGN_OR_RETURN(store, store::SqliteStore::Open(path));
  ctx.store = std::move(store);
  LIENKET_ASSIGN_OR_RETURN(units, ctx.store->LoadUnits());
  ctx.units = std::move(units);
  LIENKET_ASSIGN_OR_RETURN(indicators, ctx.store->LoadIndicators());
  ctx.indicators = std::move(indicators);
  LIENKET_RETURN_IF_ERROR(ctx.ReloadRegions());
  return ctx;
}

core::Status Context::ReloadRegions() {
  LIENKET_ASSIGN_OR_RETURN(regions_loaded, store->LoadRegions());
  regions = std::move(regions_loaded);
  return {};
}

const stats::Region* Context::FindRegion(std::string_view key) const {
  for (const stats::Region& r : regions) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

std::string DefaultDatabasePath() {
  const char* env = std::getenv("LIENKET_DB");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string("lienket.db");
}

}  // namespace lienket::app
