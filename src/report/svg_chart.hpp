// Charts of the regional report as self-contained SVG 1.1 (see svg_common.hpp for the subset):
//   - RenderGrowthBars: growth by province as horizontal bars, sorted, with the national growth
//     as a vertical reference line ("Cả nước 9,6%"), bars coloured by sign (blue up, red down;
//     ColorBrewer RdBu, colour-blind safe), estimates and lower bounds in a lighter fill with a
//     dashed outline, value labels at the bar ends, and an axis with nice ticks;
//   - RenderTimeSeries: values over periods as vertical bars or lines, for dashboards.
// Numbers follow the language: "1.234,5" (vi) or "1,234.5" (en); negative values take "−".
// Each bar or point carries a <title> tooltip. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/number_format.hpp"

namespace lienket::report {

struct Bar {
  std::string label;  // province name, shown left of the axis
  double value = 0;
  bool hatched = false;  // a lower bound or an estimate: lighter fill, dashed outline
  std::string tooltip;   // default "label: value%"
};

struct BarChartSpec {
  std::string title;
  std::string x_axis_label;  // e.g. "Tăng so với cùng kỳ (%)"
  std::vector<Bar> bars;
  std::optional<double> reference;  // national growth; drawn as a vertical line
  std::string reference_label;      // default "Cả nước" / "National"; the value is appended
  std::string value_suffix = "%";   // after every value label and the reference value
  std::string hatched_note;  // legend of hatched bars; default "Ước tính hoặc cận dưới"
  bool sort_descending = true;  // largest on top; false keeps the given order
  core::Language language = core::Language::kVietnamese;
  int decimals = 1;
  int width = 640;  // the height follows from the number of bars
};

// Classes on the elements, for tests and style hooks: each bar is <g class="bar positive|negative
// [hatched]"> holding a <rect> and a <title>; the reference line is <line class="reference">.
// Errors: kInvalidArgument for no bars, a non-finite value or reference, a width outside
// 300..4000 px, or decimals outside 0..6.
[[nodiscard]] core::Result<std::string> RenderGrowthBars(const BarChartSpec& spec);

struct Series {
  std::string name;                           // legend entry (no legend for a single series)
  std::vector<std::optional<double>> values;  // one per period; nullopt = no data (a gap)
  std::vector<bool> estimated;                // optional, one per period: lighter bar/hollow point
};

struct TimeSeriesSpec {
  enum class Style { kBars, kLines };
  std::string title;
  std::string y_axis_label;          // e.g. "Tỷ đồng"
  std::vector<std::string> periods;  // x-axis labels, e.g. "T1/2025" (thinned when crowded)
  std::vector<Series> series;        // up to 6 (Okabe–Ito colours); bars are grouped per period
  Style style = Style::kLines;
  std::string value_suffix;
  core::Language language = core::Language::kVietnamese;
  int decimals = 1;
  int width = 640;
  int height = 360;
};

// Each bar is <rect class="bar series-i">, each point a <path class="point series-i">, each
// line <path class="line series-i">, all with tooltips "series, period: value".
// Errors: kInvalidArgument for no periods or series, more than 6 series, a series whose values
// or estimated flags do not match the periods, non-finite values, or a size outside 300..4000.
[[nodiscard]] core::Result<std::string> RenderTimeSeries(const TimeSeriesSpec& spec);

}  // namespace lienket::report
