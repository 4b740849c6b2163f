#include "stats/observation_index.hpp"

#include <algorithm>

namespace lienket::stats {

namespace {

// Interns `text`, returning its code (the next one for a new text).
int Code(std::unordered_map<std::string_view, int>* codes, std::string_view text) {
  auto [it, added] = codes->try_emplace(text, static_cast<int>(codes->size()));
  return it->second;
}

// True when `o` is to be used rather than `current` for the same series.
bool Supersedes(const Observation& o, const Observation& current) {
  if (o.as_of != current.as_of) return o.as_of > current.as_of;
  return static_cast<int>(o.status) > static_cast<int>(current.status);
}

}  // namespace

ObservationIndex::ObservationIndex(const std::vector<Observation>& rows) {
  for (const Observation& o : rows) Add(o);
}

ObservationIndex::ObservationIndex(const std::vector<Observation>& rows,
                                   const std::vector<std::string_view>& indicator_ids) {
  for (const Observation& o : rows) {
    if (std::find(indicator_ids.begin(), indicator_ids.end(), o.indicator_id) !=
        indicator_ids.end()) {
      Add(o);
    }
  }
}

std::uint64_t ObservationIndex::FamilyKey(int indicator_code, const core::Period& period,
                                          int basis_code) {
  // 24 bits of indicator code, 20 of basis code, 20 of period (12 of year, 4 + 4 of months).
  const auto packed_period = (static_cast<std::uint64_t>(period.year()) << 8) |
                             (static_cast<std::uint64_t>(period.first_month()) << 4) |
                             static_cast<std::uint64_t>(period.last_month());
  return (static_cast<std::uint64_t>(indicator_code) << 40) |
         (static_cast<std::uint64_t>(basis_code) << 20) | (packed_period & 0xFFFFF);
}

void ObservationIndex::Add(const Observation& o) {
  if (o.unit_id < 0) return;
  const int indicator = Code(&indicator_codes_, o.indicator_id);
  const int basis = Code(&basis_codes_, o.basis);
  if (static_cast<std::size_t>(basis) == basis_names_.size()) basis_names_.push_back(o.basis);
  std::vector<const Observation*>& by_unit =
      families_[FamilyKey(indicator, o.period, basis)].by_unit_;
  const auto unit = static_cast<std::size_t>(o.unit_id);
  if (unit >= by_unit.size()) by_unit.resize(unit + 1, nullptr);
  const Observation*& slot = by_unit[unit];
  if (slot == nullptr || Supersedes(o, *slot)) slot = &o;
}

const ObservationIndex::Figures& ObservationIndex::Find(std::string_view indicator_id,
                                                        const core::Period& period,
                                                        std::string_view basis) const {
  static const Figures kNone;
  auto indicator = indicator_codes_.find(indicator_id);
  auto b = basis_codes_.find(basis);
  if (indicator == indicator_codes_.end() || b == basis_codes_.end()) return kNone;
  auto it = families_.find(FamilyKey(indicator->second, period, b->second));
  return it == families_.end() ? kNone : it->second;
}

std::vector<std::string> ObservationIndex::Bases(std::string_view indicator_id,
                                                 const core::Period& period) const {
  std::vector<std::string> out;
  auto indicator = indicator_codes_.find(indicator_id);
  if (indicator == indicator_codes_.end()) return out;
  for (std::size_t b = 0; b < basis_names_.size(); ++b) {
    if (families_.count(FamilyKey(indicator->second, period, static_cast<int>(b))) > 0) {
      out.emplace_back(basis_names_[b]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace lienket::stats
