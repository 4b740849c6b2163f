// Deals and their follow-ups (sql/sqlite/0007_deals.sql) over the statistics store's connection:
// each write with its audit_log row (entity "deal:ID") in one transaction, reads for the deal
// pages and for the flow ledger (linkage/flows.hpp), and the illustrative deals of the demo.
// Portable SQL only (numbered placeholders, RETURNING, ON CONFLICT; dates bound from C++), so the
// PostgreSQL twin of the migration serves the same statements.
// Not thread-safe: used under the server's mutex, like the other stores over the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "linkage/deal.hpp"
#include "linkage/linkage_repository.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

struct StoredDeal {
  linkage::Deal deal;
  std::string dataset = "observed";
  std::string seller_name, buyer_name;  // the parties' names, read with the deal
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

struct DealFilter {
  std::optional<core::Date> from, to;  // signed_on within [from, to]
  std::string dataset;                 // "" = all
  std::int64_t id = 0;                 // one deal, 0 = all
  std::int64_t event_id = 0;           // deals of one event, 0 = all
  // Kept when origin or destination is one of these (callers add merged units); empty = all.
  std::vector<int> unit_ids;
  // Kept when seller or buyer is one of these; empty = all. Combined with unit_ids by OR when
  // both are given (what an account may see: its organisations' deals and its province's).
  std::vector<std::int64_t> organisation_ids;
};

// The event of a B2B meeting (sql/sqlite/0005_events.sql) and the organisations that met.
struct MeetingParties {
  std::int64_t event_id = 0;
  std::int64_t first_organisation_id = 0;   // the requester
  std::int64_t second_organisation_id = 0;  // the counterpart
};

class SqliteDealStore {
 public:
  // `store` and `units` must outlive this object.
  SqliteDealStore(SqliteStore* store, const stats::UnitCatalog* units)
      : db_(store->db()), units_(units) {}

  // Stores a validated deal (linkage::ValidateDeal) with its lines and listings; audit action
  // change.action (e.g. "deal_create"). Errors: kNotFound for a party, event, meeting, product or
  // listing that does not exist (foreign keys), as the database reports them.
  [[nodiscard]] core::Result<std::int64_t> CreateDeal(const linkage::Deal& deal,
                                                      const std::string& dataset,
                                                      const linkage::DirectoryChange& change);
  [[nodiscard]] core::Result<std::optional<StoredDeal>> FindDeal(std::int64_t id);
  // The meeting `meeting_id` of an event, or nullopt when there is none.
  [[nodiscard]] core::Result<std::optional<MeetingParties>> FindMeeting(std::int64_t meeting_id);
  // Newest first (signed_on, then id).
  [[nodiscard]] core::Result<std::vector<StoredDeal>> ListDeals(const DealFilter& filter);

  // Records or corrects the follow-up of `f.deal_id` at `f.months` (validated by the caller);
  // audited with the previous figures when it corrects one.
  [[nodiscard]] core::Status RecordFollowUp(const linkage::FollowUp& f,
                                            const linkage::DirectoryChange& change);
  // The follow-ups of these deals (all when empty), by deal and months.
  [[nodiscard]] core::Result<std::vector<linkage::FollowUp>> ListFollowUps(
      const std::vector<std::int64_t>& deal_ids);

  // Deletes every deal of `dataset` (with lines, listings and follow-ups); returns how many.
  [[nodiscard]] core::Result<std::int64_t> DeleteDataset(const std::string& dataset);

  // The illustrative deals of `lienket demo load`: between the illustrative directory's
  // organisations in different provinces (of the Northern region's 28 provinces), signed from
  // January 2023 to a month before `today`, with follow-ups whose due dates have passed (some
  // left unrecorded, so overdue ones show). Deterministic; replaces the illustrative deals.
  // Titles and notes say they are invented. Needs the illustrative directory loaded first.
  struct IllustrativeCounts {
    std::int64_t deals = 0, follow_ups = 0;
  };
  [[nodiscard]] core::Result<IllustrativeCounts> LoadIllustrative(const core::Date& today);

 private:
  core::Status Audit(const linkage::DirectoryChange& change, std::int64_t deal_id, int unit_id,
                     std::optional<std::string> old_value, std::optional<std::string> new_value);
  core::Result<std::int64_t> InsertDeal(const linkage::Deal& deal, const std::string& dataset,
                                        std::int64_t created_by);
  core::Status WriteFollowUp(const linkage::FollowUp& f);

  SqliteDb* db_;
  const stats::UnitCatalog* units_;
};

// The deal as a JSON object string for the audit trail (type, date, parties, units, lines).
[[nodiscard]] std::string DealAuditText(const linkage::Deal& deal);

}  // namespace lienket::store
