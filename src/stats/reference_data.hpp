// The shipped reference data (data/*.csv: units, aliases, the 2025 merger, regions, the
// indicator catalogue, area and population) parsed into domain objects. Input is the files'
// text, so this stays free of I/O; the store calls it once when it creates a database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "stats/indicator.hpp"
#include "stats/region.hpp"
#include "stats/repository.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

// The text of each shipped file.
struct ReferenceFiles {
  std::string_view units;            // data/units.csv
  std::string_view unit_aliases;     // data/unit_aliases.csv
  std::string_view unit_succession;  // data/unit_succession.csv
  std::string_view unit_profile;     // data/unit_profile.csv
  std::string_view regions;          // data/regions.csv
  std::string_view region_members;   // data/region_members.csv
  std::string_view indicators;       // data/indicators.csv
  std::string_view indicator_bases;  // data/indicator_bases.csv
};

// Everything parsed, with unit ids numbered 1..n in file order and references resolved by key.
struct ReferenceData {
  std::vector<AdminUnit> units;
  std::vector<std::pair<int, std::string>> aliases;  // unit id, alias
  std::vector<Succession> successions;
  std::vector<UnitProfile> profiles;
  std::vector<Region> regions;  // member ids filled
  std::vector<Indicator> indicators;
  std::vector<Basis> bases;
};

// Errors: kInternal naming the file, line and column of anything malformed or dangling (a
// shipped file is part of the program, so a bad one is a build defect, never the user's fault).
[[nodiscard]] core::Result<ReferenceData> ParseReferenceData(const ReferenceFiles& files);

}  // namespace lienket::stats
