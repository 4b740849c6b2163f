// Test helper: the shipped reference data (data/*.csv in the source tree) parsed into catalogues.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "stats/reference_data.hpp"

namespace lienket::stats::testing {

inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(LIENKET_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct ShippedCatalogs {
  std::string units_csv = ReadSourceFile("data/units.csv");
  std::string aliases_csv = ReadSourceFile("data/unit_aliases.csv");
  std::string succession_csv = ReadSourceFile("data/unit_succession.csv");
  std::string profile_csv = ReadSourceFile("data/unit_profile.csv");
  std::string regions_csv = ReadSourceFile("data/regions.csv");
  std::string members_csv = ReadSourceFile("data/region_members.csv");
  std::string indicators_csv = ReadSourceFile("data/indicators.csv");
  std::string bases_csv = ReadSourceFile("data/indicator_bases.csv");
  ReferenceData data;
  UnitCatalog units;
  IndicatorCatalog indicators;

  ShippedCatalogs() {
    auto parsed = ParseReferenceData({units_csv, aliases_csv, succession_csv, profile_csv,
                                      regions_csv, members_csv, indicators_csv, bases_csv});
    if (!parsed) throw std::runtime_error(parsed.error().message_en);
    data = std::move(*parsed);
    units = UnitCatalog(data.units, data.aliases, data.successions);
    indicators = IndicatorCatalog(data.indicators, data.bases);
  }
};

}  // namespace lienket::stats::testing
