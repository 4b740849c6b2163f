// An index of observations for the synthesis engine: for (unit, indicator, period, basis), the
// one figure to use. A report reads its rows once and synthesises many region × indicator pairs
// from them; building this index once and passing it to every Synthesise call saves indexing all
// the rows again on each call (synthesis.hpp).
//
// Which figure: the rows are normally latest vintages already (SqliteStore::Find with
// latest_only), but one series can still have several rows — several sources, or two datasets
// read together — and then the latest as_of wins, then the most official status, then the row
// that comes first.
//
// Lookups take two steps: Find(indicator, period, basis) returns the figures of that series
// family (one hash lookup on small integer codes), and Figures::Find(unit_id) is an array access,
// so a synthesis resolves its few families once and then reads each member's figure directly.
//
// Ownership: the index keeps pointers into the rows it was built from, which must outlive it
// unchanged. Thread safety: const methods may be called from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/period.hpp"
#include "stats/observation.hpp"

namespace lienket::stats {

class ObservationIndex {
 public:
  // The figures of one (indicator, period, basis), by unit id.
  class Figures {
   public:
    // The figure of `unit_id`, or nullptr.
    [[nodiscard]] const Observation* Find(int unit_id) const {
      const auto u = static_cast<std::size_t>(unit_id);
      return unit_id >= 0 && u < by_unit_.size() ? by_unit_[u] : nullptr;
    }
    [[nodiscard]] bool empty() const { return by_unit_.empty(); }

   private:
    friend class ObservationIndex;
    std::vector<const Observation*> by_unit_;  // unit ids are small database ids
  };

  ObservationIndex() = default;
  // Indexes every row. Rows with a negative unit id (never a database id) cannot be found.
  explicit ObservationIndex(const std::vector<Observation>& rows);
  // Indexes only the rows of the given indicators: what a single synthesis needs, and much less
  // work when `rows` holds every indicator of a report.
  ObservationIndex(const std::vector<Observation>& rows,
                   const std::vector<std::string_view>& indicator_ids);

  // The figures of (indicator, period, basis); an empty set when there are none.
  [[nodiscard]] const Figures& Find(std::string_view indicator_id, const core::Period& period,
                                    std::string_view basis) const;
  // The figure of one unit, or nullptr.
  [[nodiscard]] const Observation* Find(int unit_id, std::string_view indicator_id,
                                        const core::Period& period, std::string_view basis) const {
    return Find(indicator_id, period, basis).Find(unit_id);
  }
  // The bases with at least one figure for (indicator, period), in name order.
  [[nodiscard]] std::vector<std::string> Bases(std::string_view indicator_id,
                                               const core::Period& period) const;

 private:
  void Add(const Observation& o);
  static std::uint64_t FamilyKey(int indicator_code, const core::Period& period, int basis_code);

  // Small integer codes for the indicator ids and bases of the rows (views into the rows).
  std::unordered_map<std::string_view, int> indicator_codes_;
  std::unordered_map<std::string_view, int> basis_codes_;
  std::vector<std::string_view> basis_names_;  // by code
  std::unordered_map<std::uint64_t, Figures> families_;
};

}  // namespace lienket::stats
