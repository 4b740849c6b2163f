// The two-way flow ledger between provinces ("cung ứng, tiêu thụ hàng hóa hai chiều"): deals and
// deliveries added up as a province × province matrix for a period, optionally for one product
// group — value and volume from A to B and from B to A, each province's outflow, inflow and
// balance, and the change against the same period of the previous year. Pure domain: the caller
// passes the deals and follow-ups (store/sqlite_deal_store.hpp reads them).
//
// What is counted (FlowBasis), always said next to the figures:
//   contracted  binding deals (purchase contracts, distribution and offtake agreements) signed in
//               the period: their contracted volume and value;
//   delivered   deliveries recorded at the 3/6/12-month follow-ups whose due date falls in the
//               period: each follow-up's cumulative figures less the previous recorded one's;
//               deliveries not yet followed up are not known, so this is a lower bound;
//   intended    every deal signed in the period including memoranda and letters of intent.
//
// Provinces across the 2025 merger (63 → 34 units from 1 July 2025): the matrix is drawn in the
// units that existed on the period's last day, and a deal recorded with a unit that no longer
// existed then counts for the unit it merged into — for the period and for the same period of the
// previous year alike, so the change compares the same territory (as stats/synthesis.hpp
// re-aggregates old provinces into new ones). A deal between two provinces that merged into one
// becomes a flow within that province: it is counted in `within`, not between provinces.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/decimal.hpp"
#include "core/period.hpp"
#include "linkage/deal.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::linkage {

enum class FlowBasis { kContracted, kDelivered, kIntended };
[[nodiscard]] std::string_view FlowBasisId(FlowBasis basis);  // "contracted", ...
[[nodiscard]] std::string_view FlowBasisNameVi(FlowBasis basis);
[[nodiscard]] std::string_view FlowBasisNameEn(FlowBasis basis);
// Errors: kInvalidArgument listing the ids.
[[nodiscard]] core::Result<FlowBasis> ParseFlowBasis(std::string_view text);

// Volumes of different kinds of goods cannot be added: mass is kept in tonnes, volume in litres,
// and counted units (cartons, boxes, pieces...) each in their own unit.
[[nodiscard]] ProductUnit VolumeKey(ProductUnit unit);

struct FlowAmount {
  core::Decimal value;                          // đồng
  std::map<ProductUnit, core::Decimal> volume;  // by VolumeKey
  int deals = 0;                                // deals contributing

  // Adds `quantity` in `unit` (converted to its VolumeKey) and `value`.
  void Add(const core::Decimal& quantity, ProductUnit unit, const core::Decimal& value);
  void Add(const FlowAmount& other);
  [[nodiscard]] bool IsEmpty() const { return deals == 0 && value.IsZero() && volume.empty(); }
};

// (current − previous) / previous in percent, when previous > 0.
[[nodiscard]] std::optional<core::Decimal> ChangePct(const core::Decimal& current,
                                                     const core::Decimal& previous);

struct FlowRequest {
  core::Period period = core::Period::Year(2025);
  FlowBasis basis = FlowBasis::kContracted;
  std::optional<ProductGroup> group;  // none = every group
  // The provinces of interest (a region's members), in any era: empty = every province that
  // appears. Pairs with at least one end among them are kept.
  std::vector<int> unit_ids;
};

// One direction between two provinces.
struct FlowPair {
  int from = 0;  // unit ids in the period's era
  int to = 0;
  FlowAmount current;
  FlowAmount previous;  // the same period of the previous year, same territory
  [[nodiscard]] std::optional<core::Decimal> ValueChangePct() const {
    return ChangePct(current.value, previous.value);
  }
};

// One province's totals with every partner.
struct ProvinceFlows {
  int unit_id = 0;
  FlowAmount outflow, inflow;                    // between provinces
  FlowAmount previous_outflow, previous_inflow;  // the same period of the previous year
  // Outflow − inflow value (đồng): positive when the province sold more than it bought.
  [[nodiscard]] core::Decimal Balance() const { return outflow.value - inflow.value; }
  [[nodiscard]] core::Decimal PreviousBalance() const {
    return previous_outflow.value - previous_inflow.value;
  }
};

struct FlowMatrix {
  core::Period period = core::Period::Year(2025);
  core::Period previous_period = core::Period::Year(2024);
  FlowBasis basis = FlowBasis::kContracted;
  std::optional<ProductGroup> group;
  // The rows and columns: the requested provinces (in the period's era, by code), or every
  // province appearing; then `partners`, provinces outside the request that trade with them.
  std::vector<int> units;
  std::vector<int> partners;
  std::vector<FlowPair> pairs;           // non-empty directions, by (from, to)
  std::vector<ProvinceFlows> provinces;  // one per entry of `units`, same order
  FlowAmount total, previous_total;      // over `pairs`
  FlowAmount within;                     // flows inside one province (merged partners)
  int deals = 0, previous_deals = 0;     // deals counted in the period / previous period
  // Some deal was recorded with a unit that had merged by the period's end.
  bool merger_mapped = false;
  // Deals that came from trade-promotion events (event_id set), in the period.
  int deals_from_events = 0;
  int events = 0;  // distinct events they came from

  [[nodiscard]] const FlowPair* Find(int from, int to) const;
  [[nodiscard]] const ProvinceFlows* Province(int unit_id) const;
  // The directions by current value, largest first (ties by codes), at most `limit`.
  [[nodiscard]] std::vector<const FlowPair*> TopPairs(std::size_t limit) const;
};

// The unit `unit_id` counts for on `era_end`: itself if it existed then, else the unit it merged
// into (if that existed then), else itself.
[[nodiscard]] int UnitInEra(const stats::UnitCatalog& units, int unit_id,
                            const core::Date& era_end);

// Builds the matrix of `request` from `deals` and their `follow_ups` (other rows are ignored).
// Deals must be valid (ValidateDeal); unknown units are skipped.
[[nodiscard]] FlowMatrix BuildFlowMatrix(const std::vector<Deal>& deals,
                                         const std::vector<FollowUp>& follow_ups,
                                         const stats::UnitCatalog& units,
                                         const FlowRequest& request);

}  // namespace lienket::linkage
