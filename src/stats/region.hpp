// Regions: named groups of provincial units (the GSO socio-economic regions, the conference's
// 28 Northern provinces "mien-bac-28" and its sub-regions, the nation, and groups users define).
// A region's member list may hold units of both eras (before and after the 2025 merger); at a
// given date only the members valid then count, so "mien-bac-28" has 28 members in 2024 and the
// 18 units they became from 1 July 2025.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

struct Region {
  int id = 0;
  std::string key;  // "mien-bac-28"
  std::string name_vi;
  std::string name_en;
  std::string kind;  // "national", "gso", "conference", "sub_region", "user"
  core::Date valid_from;
  std::optional<core::Date> valid_to;
  std::string parent_key;  // empty for top-level regions
  std::string note;
  std::vector<int> member_unit_ids;

  // Members valid on `date`, ordered by code.
  [[nodiscard]] std::vector<const AdminUnit*> MembersOn(const core::Date& date,
                                                        const UnitCatalog& units) const;
};

}  // namespace lienket::stats
