#include "stats/region.hpp"

#include <algorithm>

namespace lienket::stats {

std::vector<const AdminUnit*> Region::MembersOn(const core::Date& date,
                                                const UnitCatalog& units) const {
  std::vector<const AdminUnit*> out;
  for (int id : member_unit_ids) {
    const AdminUnit* u = units.FindById(id);
    if (u != nullptr && u->ValidOn(date)) out.push_back(u);
  }
  std::sort(out.begin(), out.end(),
            [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  return out;
}

}  // namespace lienket::stats
