#include "stats/region_summary.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace lienket::stats {

std::vector<RegionFigure> SummariseRegion(const std::vector<const AdminUnit*>& members,
                                          int national_unit_id,
                                          const std::vector<Observation>& rows,
                                          const IndicatorCatalog& indicators) {
  std::set<int> member_ids;
  for (const AdminUnit* u : members) member_ids.insert(u->id);
  // Group by indicator (catalogue order) and basis.
  std::map<std::pair<std::size_t, std::string>, std::vector<const Observation*>> groups;
  std::map<std::pair<std::size_t, std::string>, const Observation*> national;
  const auto& catalog = indicators.indicators();
  for (const Observation& o : rows) {
    auto it = std::find_if(catalog.begin(), catalog.end(),
                           [&o](const Indicator& i) { return i.id == o.indicator_id; });
    if (it == catalog.end()) continue;
    auto key = std::make_pair(static_cast<std::size_t>(it - catalog.begin()), o.basis);
    if (member_ids.count(o.unit_id)) {
      groups[key].push_back(&o);
    } else if (o.unit_id == national_unit_id) {
      national.emplace(key, &o);
    }
  }
  std::vector<RegionFigure> out;
  for (const auto& [key, list] : groups) {
    RegionFigure f;
    f.indicator = &catalog[key.first];
    f.basis = key.second;
    f.members = static_cast<int>(members.size());
    std::set<int> reported;
    for (const Observation* o : list) reported.insert(o->unit_id);
    for (const AdminUnit* u : members) {
      (reported.count(u->id) ? f.reported_ids : f.missing_ids).push_back(u->id);
    }
    if (f.indicator->IsAdditive()) {
      core::Decimal sum;
      bool lower = false, upper = false, approx = false;
      for (const Observation* o : list) {
        sum += o->value;
        lower = lower || o->qualifier == Qualifier::kLowerBound;
        upper = upper || o->qualifier == Qualifier::kUpperBound;
        approx = approx || o->qualifier == Qualifier::kApprox;
        f.includes_estimates = f.includes_estimates || o->status != VintageStatus::kOfficial;
      }
      f.total = sum;
      // Bounds in both directions cancel any claim; approximate wins over exact.
      f.total_qualifier = lower && upper ? Qualifier::kApprox
                          : lower        ? Qualifier::kLowerBound
                          : upper        ? Qualifier::kUpperBound
                          : approx       ? Qualifier::kApprox
                                         : Qualifier::kExact;
    } else {
      for (const Observation* o : list) {
        if (!f.min || o->value < *f.min) f.min = o->value;
        if (!f.max || o->value > *f.max) f.max = o->value;
        if (o->value > core::Decimal::FromInt(100)) ++f.above_100;
        f.includes_estimates = f.includes_estimates || o->status != VintageStatus::kOfficial;
      }
    }
    if (auto n = national.find(key); n != national.end()) f.national = *n->second;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace lienket::stats
