// Units of measure that people write in files, and their conversion to the canonical unit of
// an indicator. Canonical units: đồng (vnd), US dollar (usd), index (same period of the
// previous year = 100), count, km², persons. "ty_dong", "tỷ đồng", "billion VND" and "tỷ VNĐ"
// are the same unit; "pct_change" (a growth of +x%) converts to the index 100 + x.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace lienket::core {

enum class Dimension { kVnd, kUsd, kIndex, kCount, kArea, kPersons };

// "vnd", "usd", "index", "count", "km2", "persons": the ids used in the indicator catalogue.
[[nodiscard]] std::string_view DimensionId(Dimension d);
[[nodiscard]] Result<Dimension> ParseDimension(std::string_view id);

struct MeasureUnit {
  std::string_view id;  // canonical spelling, e.g. "ty_dong"
  Dimension dimension;
  int power_of_ten;  // value_in_canonical = value * 10^power + offset
  int offset;
  std::string_view name_vi;  // "tỷ đồng"
  std::string_view name_en;  // "billion VND"
};

// Finds a unit by any accepted spelling (case, diacritics, spaces, '_' and '.' ignored).
// Errors: kNotFound listing the accepted ids.
[[nodiscard]] Result<const MeasureUnit*> FindMeasureUnit(std::string_view text);

// Converts `value` given in `unit` to the canonical unit of `target`. Errors:
// kInvalidArgument when the dimensions differ (USD given for a VND indicator) or precision
// would be lost.
[[nodiscard]] Result<Decimal> ToCanonical(const Decimal& value, const MeasureUnit& unit,
                                          Dimension target);

[[nodiscard]] const std::vector<MeasureUnit>& AllMeasureUnits();

}  // namespace lienket::core
