// The deterministic generator of the matching benchmark's listings: offers built from the
// vocabulary of tests/relevance/products.csv (26 products, their places of origin, title
// templates and description phrases) over the 28 Northern provinces, and requests phrased as
// buyers phrase them. The same seed gives the same listings on every platform (bench_rng.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "linkage/matcher.hpp"

namespace lienket::bench {

class MatchingGenerator {
 public:
  // Reads products.csv and provinces.csv from `relevance_dir`. Errors: the files' own.
  [[nodiscard]] static core::Result<MatchingGenerator> Load(const std::string& relevance_dir);

  // Offer number i (ids i + 1), the same for the same i whatever else was generated.
  [[nodiscard]] linkage::MatchListing Offer(std::uint64_t i) const;
  // Request number i (ids 100,000,000 + i), from another organisation range.
  [[nodiscard]] linkage::MatchListing Request(std::uint64_t i) const;

 private:
  struct Product {
    std::string name;
    std::string vcpa, hs, unit;
    std::uint16_t months = 0;
    std::vector<std::pair<int, std::string>> origins;
    std::vector<std::string> titles;
    std::vector<std::string> phrases;
  };
  struct Place {
    std::string name;
    double lat = 0, lon = 0;
  };
  std::vector<Product> products_;
  std::vector<std::pair<int, Place>> provinces_;
};

}  // namespace lienket::bench
