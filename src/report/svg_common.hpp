// Small helpers shared by the SVG renderers (svg_map, svg_chart): XML escaping, compact
// coordinates, numbers in the reader's convention, nice axis steps and a text-width estimate.
// The graphics are plain SVG 1.1 (path, rect, line, text, g, title, presentation attributes,
// no CSS, no external fonts or links) so that HTML, rsvg, LibreOffice and Word draw them alike.
// Everything here is pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/number_format.hpp"

namespace lienket::report::svg {

// The font stack of every text element; DejaVu Sans covers Vietnamese.
inline constexpr std::string_view kFontFamily = "DejaVu Sans, Arial, sans-serif";
inline constexpr std::string_view kTextColour = "#1a1a1a";
inline constexpr std::string_view kMutedColour = "#595959";

// Text escaped for XML content and attribute values (& < > " ').
[[nodiscard]] std::string Escape(std::string_view text);

// A coordinate rounded to 0.1 px, shortest form: "12.3", "12", "-4.5"; never "-0".
[[nodiscard]] std::string Coord(double value);

// A value as readers write it: "1.234,5" (vi) or "1,234.5" (en), rounded half away from zero to
// `decimals` places (as core::FormatNumber). Negative values take the typographic minus U+2212,
// which reads better than a hyphen beside the en dash of ranges ("−5 – 0"). Values too large
// for core::Decimal fall back to plain formatting; non-finite values give "?".
[[nodiscard]] std::string FormatValue(double value, int decimals, core::Language language);

// The fewest decimals (0..max_decimals) that show every one of `values` exactly, for legends
// and axis ticks: {0, 2.5, 5} -> 1, {0, 5, 10} -> 0.
[[nodiscard]] int DecimalsNeeded(const std::vector<double>& values, int max_decimals = 3);

// The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) that is >= raw (raw > 0).
[[nodiscard]] double NiceStep(double raw);

// Axis ticks: multiples of a nice step covering [lo, hi] with about `target` intervals; the
// first tick is <= lo and the last >= hi. Requires lo <= hi (equal values get a unit span).
struct Ticks {
  double step = 1;
  std::vector<double> values;
};
[[nodiscard]] Ticks NiceTicks(double lo, double hi, int target);

// Approximate advance width in px of UTF-8 `text` in DejaVu Sans at `font_size` (per-glyph
// classes for ASCII, an average for other letters). Good to a few per cent for layout.
[[nodiscard]] double TextWidth(std::string_view text, double font_size, bool bold = false);

// Splits `text` at spaces into lines no wider than `max_width` (a single long word stays whole).
[[nodiscard]] std::vector<std::string> WrapText(std::string_view text, double max_width,
                                                double font_size, bool bold = false);

// <svg ...> opening tag with width, height and viewBox, the font family and a white background,
// followed by a document <title> (the accessible name) when `title` is not empty.
[[nodiscard]] std::string OpenSvg(int width, int height, std::string_view title);

// <text> element; `anchor` is "start", "middle" or "end"; `extra` is spliced into the tag
// (e.g. R"(font-weight="bold")").
[[nodiscard]] std::string Text(double x, double y, std::string_view content, double font_size,
                               std::string_view anchor = "start",
                               std::string_view fill = kTextColour, std::string_view extra = "");

}  // namespace lienket::report::svg
