// The server's linkage state: the directory's store over the shared connection and the matcher
// kept in memory. The matcher holds the listings the public may see (published, window not over)
// as linkage::MatchListing — the flat view built here from a listing, its owner and its product:
// province and centroid of the owner's unit (merged units compared as the unit they became),
// quantities in kg or litres when they are masses or volumes, the months a listing can deliver
// (an offer: its window's months that are also its product's season), OCOP stars that still count
// today, certifications, delivery provinces. It is built at start (Create) and updated by
// Refresh on every change of a listing. Alerts of saved searches are computed here too.
// Thread safety: none of its own; the routes use it under the Service's mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "api/http.hpp"
#include "core/date.hpp"
#include "linkage/matcher.hpp"
#include "store/sqlite_linkage_store.hpp"

namespace lienket::api {

class LinkageState {
 public:
  // Reads every listing and veto and builds the matcher. `units` must outlive this object.
  [[nodiscard]] static core::Result<std::unique_ptr<LinkageState>> Create(
      store::SqliteStore* store, const stats::UnitCatalog* units);

  [[nodiscard]] store::SqliteLinkageStore& store() { return store_; }

  // The matcher's view of a listing. Errors: kNotFound when the owner (or the product named)
  // is missing.
  [[nodiscard]] core::Result<linkage::MatchListing> View(const linkage::DirectoryListing& l);
  // Re-reads listing `id` and puts it in the matcher when public today, out of it otherwise.
  [[nodiscard]] core::Status Refresh(std::int64_t id);
  // Re-reads the vetoes (after one was added or lifted).
  [[nodiscard]] core::Status ReloadVetoes();
  // Rebuilds from the store (after an import or the demo data).
  [[nodiscard]] core::Status Rebuild();
  // The best `k` public counterparts of `query`, their listings public today.
  [[nodiscard]] std::vector<linkage::Match> FindMatches(const linkage::MatchListing& query,
                                                        std::size_t k) const;
  // The saved searches `listing` (just published) answers: creates their alerts and returns
  // how many were new.
  [[nodiscard]] core::Result<int> AlertSavedSearches(const linkage::DirectoryListing& listing);

  [[nodiscard]] std::size_t indexed() const { return indexed_.size(); }

 private:
  LinkageState(store::SqliteStore* store, const stats::UnitCatalog* units)
      : store_(store, units), units_(units) {}

  store::SqliteLinkageStore store_;
  const stats::UnitCatalog* units_;
  linkage::Matcher matcher_;
  std::set<std::uint64_t> indexed_;
};

// Who changes the directory, events or deals through this request, for their audit rows.
[[nodiscard]] linkage::DirectoryChange ChangeBy(const HttpRequest& r, std::string action,
                                                std::string via = "web");

}  // namespace lienket::api
