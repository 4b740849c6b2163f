#include "report/svg_map.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>

#include "report/svg_common.hpp"

namespace lienket::report {

namespace {

using json = nlohmann::json;
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// GeoJSON

core::Result<std::vector<LonLat>> ParseRing(const json& ring, const std::string& where) {
  if (!ring.is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("GeoJSON: vòng toạ độ không hợp lệ ở {}", where),
                           fmt::format("GeoJSON: malformed ring at {}", where));
  }
  std::vector<LonLat> points;
  points.reserve(ring.size());
  for (const json& position : ring) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() ||
        !position[1].is_number()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             fmt::format("GeoJSON: toạ độ không hợp lệ ở {}", where),
                             fmt::format("GeoJSON: malformed position at {}", where));
    }
    LonLat p{position[0].get<double>(), position[1].get<double>()};
    if (!points.empty() && points.back().lon == p.lon && points.back().lat == p.lat) continue;
    points.push_back(p);
  }
  // GeoJSON repeats the first position at the end; the SVG path closes with Z instead.
  if (points.size() > 1 && points.front().lon == points.back().lon &&
      points.front().lat == points.back().lat) {
    points.pop_back();
  }
  return points;
}

double RingArea(const std::vector<LonLat>& ring) {
  double twice = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    twice += ring[j].lon * ring[i].lat - ring[i].lon * ring[j].lat;
  }
  return std::fabs(twice) / 2;
}

core::Result<std::optional<GeoPolygon>> ParsePolygon(const json& rings, const std::string& where) {
  if (!rings.is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("GeoJSON: đa giác không hợp lệ ở {}", where),
                           fmt::format("GeoJSON: malformed polygon at {}", where));
  }
  GeoPolygon polygon;
  for (const json& ring : rings) {
    LIENKET_ASSIGN_OR_RETURN(points, ParseRing(ring, where));
    if (points.size() < 3) {
      if (polygon.rings.empty()) return std::optional<GeoPolygon>();  // degenerate exterior
      continue;                                                       // degenerate hole
    }
    polygon.rings.push_back(std::move(points));
  }
  if (polygon.rings.empty()) return std::optional<GeoPolygon>();
  const auto& outer = polygon.rings.front();
  polygon.area = RingArea(outer);
  polygon.min = polygon.max = outer.front();
  for (const LonLat& p : outer) {
    polygon.min = {std::min(polygon.min.lon, p.lon), std::min(polygon.min.lat, p.lat)};
    polygon.max = {std::max(polygon.max.lon, p.lon), std::max(polygon.max.lat, p.lat)};
  }
  return std::optional<GeoPolygon>(std::move(polygon));
}

// ---------------------------------------------------------------------------------------------
// Pixel geometry

struct Px {
  double x = 0;
  double y = 0;
};
using PxRing = std::vector<Px>;
using PxPolygon = std::vector<PxRing>;  // exterior first, then holes

struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] double Width() const { return x1 - x0; }
  [[nodiscard]] double Height() const { return y1 - y0; }
  [[nodiscard]] bool Contains(Px p) const {
    return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
  }
  [[nodiscard]] bool Intersects(const Rect& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
  [[nodiscard]] Rect Inset(double d) const { return {x0 + d, y0 + d, x1 - d, y1 - d}; }
};

// Equirectangular: x grows with longitude scaled by cos(mid latitude), y with decreasing latitude.
struct Projection {
  double lon0 = 0, lat_top = 0, cos_lat = 1, k = 1, ox = 0, oy = 0;
  [[nodiscard]] Px operator()(LonLat p) const {
    return {ox + (p.lon - lon0) * cos_lat * k, oy + (lat_top - p.lat) * k};
  }
};

// Fits the box [min, max] into `frame`, centred.
Projection Fit(LonLat min, LonLat max, const Rect& frame) {
  Projection proj;
  proj.cos_lat = std::cos((min.lat + max.lat) / 2 * std::numbers::pi / 180);
  const double dx = std::max((max.lon - min.lon) * proj.cos_lat, 1e-6);
  const double dy = std::max(max.lat - min.lat, 1e-6);
  proj.k = std::min(frame.Width() / dx, frame.Height() / dy);
  proj.lon0 = min.lon;
  proj.lat_top = max.lat;
  proj.ox = frame.x0 + (frame.Width() - dx * proj.k) / 2;
  proj.oy = frame.y0 + (frame.Height() - dy * proj.k) / 2;
  return proj;
}

// Sutherland–Hodgman against an axis-aligned rectangle; exact for any simple or complex ring,
// which may gain edges along the rectangle (harmless: they lie on the frame).
PxRing Clip(const PxRing& ring, const Rect& r) {
  PxRing out = ring;
  auto clip_edge = [&](auto inside, auto intersect) {
    if (out.empty()) return;
    PxRing in = std::move(out);
    out.clear();
    Px prev = in.back();
    bool prev_in = inside(prev);
    for (const Px& cur : in) {
      bool cur_in = inside(cur);
      if (cur_in != prev_in) out.push_back(intersect(prev, cur));
      if (cur_in) out.push_back(cur);
      prev = cur;
      prev_in = cur_in;
    }
  };
  auto at_x = [](Px a, Px b, double x) {
    return Px{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)};
  };
  auto at_y = [](Px a, Px b, double y) {
    return Px{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y};
  };
  clip_edge([&](Px p) { return p.x >= r.x0; }, [&](Px a, Px b) { return at_x(a, b, r.x0); });
  clip_edge([&](Px p) { return p.x <= r.x1; }, [&](Px a, Px b) { return at_x(a, b, r.x1); });
  clip_edge([&](Px p) { return p.y >= r.y0; }, [&](Px a, Px b) { return at_y(a, b, r.y0); });
  clip_edge([&](Px p) { return p.y <= r.y1; }, [&](Px a, Px b) { return at_y(a, b, r.y1); });
  return out;
}

// Rounds to the 0.1 px grid of the output and drops the vertices that then coincide, so shared
// borders of neighbours stay identical.
PxRing Snap(const PxRing& ring) {
  PxRing out;
  out.reserve(ring.size());
  for (Px p : ring) {
    Px q{std::round(p.x * 10) / 10, std::round(p.y * 10) / 10};
    if (!out.empty() && out.back().x == q.x && out.back().y == q.y) continue;
    out.push_back(q);
  }
  while (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) {
    out.pop_back();
  }
  return out;
}

double PxArea(const PxRing& ring) {
  double twice = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    twice += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  }
  return std::fabs(twice) / 2;
}

Px PxCentroid(const PxRing& ring) {
  double a = 0, cx = 0, cy = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    double f = ring[j].x * ring[i].y - ring[i].x * ring[j].y;
    a += f;
    cx += (ring[j].x + ring[i].x) * f;
    cy += (ring[j].y + ring[i].y) * f;
  }
  if (std::fabs(a) < 1e-9) return ring.front();
  return {cx / (3 * a), cy / (3 * a)};
}

// Even-odd rule over every ring, as the path is filled.
bool Inside(const PxPolygon& polygon, Px p) {
  bool inside = false;
  for (const PxRing& ring : polygon) {
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Px& a = ring[i];
      const Px& b = ring[j];
      if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
    }
  }
  return inside;
}

double EdgeDistance(const PxPolygon& polygon, Px p) {
  double best = kInf;
  for (const PxRing& ring : polygon) {
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Px& a = ring[j];
      const Px& b = ring[i];
      double dx = b.x - a.x, dy = b.y - a.y;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
      double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
      best = std::min(best, ex * ex + ey * ey);
    }
  }
  return std::sqrt(best);
}

// Where a name reads best: the exterior's centroid when it lies well inside the polygon,
// otherwise the point of a grid search (refined once) farthest from every edge, as for the
// crescent of Quảng Ninh or the narrow strip of Hà Tĩnh.
Px LabelPoint(const PxPolygon& polygon) {
  const PxRing& outer = polygon.front();
  Rect box{outer.front().x, outer.front().y, outer.front().x, outer.front().y};
  for (Px p : outer) {
    box = {std::min(box.x0, p.x), std::min(box.y0, p.y), std::max(box.x1, p.x),
           std::max(box.y1, p.y)};
  }
  Px best = PxCentroid(outer);
  double best_distance = -1;
  constexpr int kGrid = 16;
  Rect search = box;
  for (int pass = 0; pass < 2; ++pass) {
    const double sx = search.Width() / kGrid, sy = search.Height() / kGrid;
    for (int i = 0; i <= kGrid; ++i) {
      for (int j = 0; j <= kGrid; ++j) {
        Px p{search.x0 + i * sx, search.y0 + j * sy};
        if (!Inside(polygon, p)) continue;
        double d = EdgeDistance(polygon, p);
        if (d > best_distance) {
          best_distance = d;
          best = p;
        }
      }
    }
    search = {best.x - sx, best.y - sy, best.x + sx, best.y + sy};
  }
  Px centroid = PxCentroid(outer);
  if (Inside(polygon, centroid) && EdgeDistance(polygon, centroid) >= 0.6 * best_distance) {
    return centroid;
  }
  return best_distance < 0 ? centroid : best;
}

// ---------------------------------------------------------------------------------------------
// Colours and classes

// ColorBrewer "Blues" (Cynthia Brewer, Apache-2.0 licensed scheme), n+1 classes without the
// near-white first one, so the lowest class stays apart from the grey context.
const std::array<std::vector<std::string>, 8> kBlues = {{
    {},
    {"#6baed6"},
    {"#9ecae1", "#3182bd"},
    {"#bdd7e7", "#6baed6", "#2171b5"},
    {"#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
    {"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"},
    {"#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
    {"#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
}};
// ColorBrewer "RdBu" halves for m classes on the longer side, from the midpoint outward (the
// even-numbered RdBu schemes of 2m classes, whose middle has no neutral).
const std::array<std::vector<std::string>, 6> kReds = {{
    {},
    {"#ef8a62"},
    {"#f4a582", "#ca0020"},
    {"#fddbc7", "#ef8a62", "#b2182b"},
    {"#fddbc7", "#f4a582", "#d6604d", "#b2182b"},
    {"#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"},
}};
const std::array<std::vector<std::string>, 6> kBluesDiverging = {{
    {},
    {"#67a9cf"},
    {"#92c5de", "#0571b0"},
    {"#d1e5f0", "#67a9cf", "#2166ac"},
    {"#d1e5f0", "#92c5de", "#4393c3", "#2166ac"},
    {"#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"},
}};
constexpr std::string_view kNeutral = "#f7f7f7";  // a diverging class across the midpoint
constexpr std::string_view kNoDataFill = "#bdbdbd";
constexpr std::string_view kContextFill = "#ececec";
constexpr std::string_view kRegionStroke = "#4d4d4d";

double RoundSignificant(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return x;
  double p = std::pow(10.0, std::floor(std::log10(std::fabs(x))) - digits + 1);
  return std::round(x / p) * p;
}

// Distinct values of a sorted vector: the most classes worth drawing.
int DistinctCount(const std::vector<double>& sorted) {
  int n = sorted.empty() ? 0 : 1;
  for (std::size_t i = 1; i < sorted.size(); ++i) n += sorted[i] != sorted[i - 1];
  return n;
}

double Quantile(const std::vector<double>& sorted, double p) {
  const double h = (sorted.size() - 1) * p;
  const auto f = static_cast<std::size_t>(std::floor(h));
  return f + 1 < sorted.size() ? sorted[f] + (h - f) * (sorted[f + 1] - sorted[f]) : sorted[f];
}

// Inner edges at quantiles, rounded to the fewest significant digits (2..4) that keep them
// distinct; only edges inside (min, max] are kept, so no class is empty at either end.
std::vector<double> QuantileEdges(std::vector<double> values, int classes) {
  std::sort(values.begin(), values.end());
  classes = std::min(classes, DistinctCount(values));
  const double lo = values.front(), hi = values.back();
  std::vector<double> raw;
  for (int i = 1; i < classes; ++i) {
    raw.push_back(Quantile(values, static_cast<double>(i) / classes));
  }
  std::vector<double> best;
  for (int digits = 2; digits <= 4; ++digits) {
    std::vector<double> edges;
    for (double q : raw) {
      double e = RoundSignificant(q, digits);
      if (e > lo && e <= hi && (edges.empty() || e > edges.back())) edges.push_back(e);
    }
    if (edges.size() > best.size()) best = edges;
    if (static_cast<int>(best.size()) == classes - 1) break;
  }
  return best;
}

// Class edges on a grid anchor + j * step (step 1, 2, 2.5 or 5 x 10^n), at most `classes`
// classes, all edges included (the outer ones may be -inf / +inf). Two candidates:
//   bounded: the smallest step whose cells cover the values in `classes` cells;
//   robust:  a step from the middle 80 % of the values, the outermost cells then merged (the
//            side with fewer values first, never across the anchor when `keep_anchor`) into
//            open classes "< a" / "≥ b", so one outlier cannot flatten the map.
// The bounded grid wins unless its step is more than 1.5 times the robust one.
std::vector<double> NiceGridEdges(std::vector<double> values, int classes, double anchor,
                                  bool keep_anchor) {
  std::sort(values.begin(), values.end());
  const double lo = values.front(), hi = values.back();
  classes = std::min(classes, DistinctCount(values));
  auto cell = [&](double v, double s) { return std::floor((v - anchor) / s + 1e-9); };
  auto grid = [&](double s) {
    std::vector<double> edges;
    for (double j = cell(lo, s); j <= cell(hi, s) + 1.5; ++j) {
      const double e = anchor + j * s;
      edges.push_back(std::fabs(e - anchor) < s * 1e-9 ? anchor : e);
    }
    return edges;
  };
  double bounded = svg::NiceStep((hi - lo) / classes);
  while (cell(hi, bounded) - cell(lo, bounded) + 1 > classes) {
    bounded = svg::NiceStep(bounded * 1.0001);
  }
  double spread = Quantile(values, 0.9) - Quantile(values, 0.1);
  if (!(spread > 0)) spread = hi - lo;
  const double robust = svg::NiceStep(spread / std::max(1, classes - 1));
  if (bounded <= 1.5 * robust) return grid(bounded);

  // Cells a..b of the robust grid; cells far outside the middle 80 % start merged, so that an
  // outlier a million steps away costs nothing.
  const double step = robust;
  double a = cell(lo, step), b = cell(hi, step);
  bool open_low = false, open_high = false;
  if (double qa = cell(Quantile(values, 0.1), step) - classes; a < qa) {
    a = qa;
    open_low = true;
  }
  if (double qb = cell(Quantile(values, 0.9), step) + classes; b > qb) {
    b = qb;
    open_high = true;
  }
  auto edge = [&](double j) {
    const double e = anchor + j * step;
    return std::fabs(e - anchor) < step * 1e-9 ? anchor : e;
  };
  auto count_if = [&](auto pred) { return std::count_if(values.begin(), values.end(), pred); };
  while (b - a + 1 > classes) {
    const bool low_ok = !(keep_anchor && edge(a + 1) == anchor);
    const bool high_ok = !(keep_anchor && edge(b) == anchor);
    if (!low_ok && !high_ok) break;
    const auto in_low = count_if([&](double v) { return v < edge(a + 1); });
    const auto in_high = count_if([&](double v) { return v >= edge(b); });
    if (low_ok && (!high_ok || in_low <= in_high)) {
      a += 1;
      open_low = true;
    } else {
      b -= 1;
      open_high = true;
    }
  }
  std::vector<double> edges;
  for (double j = a; j <= b + 1.5; ++j) edges.push_back(edge(j));
  if (open_low) edges.front() = -kInf;
  if (open_high) edges.back() = kInf;
  return edges;
}

core::Error InvalidSpec(std::string vi, std::string en) {
  return core::Error{core::ErrorCode::kInvalidArgument, std::move(vi), std::move(en)};
}

std::size_t ClassOf(double value, const std::vector<MapClass>& classes) {
  for (std::size_t i = 0; i + 1 < classes.size(); ++i) {
    if (value < classes[i].upper) return i;
  }
  return classes.size() - 1;
}

// Relative luminance (WCAG) of "#rrggbb", to choose dark or light label text.
double Luminance(std::string_view hex) {
  if (hex.size() != 7) return 1;
  auto channel = [&](std::size_t at) {
    const std::string pair(hex.substr(at, 2));
    double c = static_cast<double>(std::strtol(pair.c_str(), nullptr, 16)) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

// ---------------------------------------------------------------------------------------------
// Drawing

struct Drawn {
  const GeoFeature* feature = nullptr;
  bool in_region = false;
  std::vector<PxPolygon> polygons;  // clipped, snapped, small parts dropped
  std::size_t largest = 0;          // index into polygons by pixel area
  std::string fill;
  std::string css_class;
  std::string tooltip;
  std::string label;
};

// The feature in pixels, clipped to `clip`. Detached islands come all or none: only when every
// one of them lies inside `clip`, so an archipelago is never shown in part.
// With `skip_archipelagos`, Hoàng Sa and Trường Sa are left out (they go to the insets).
std::vector<PxPolygon> ProjectFeature(const GeoFeature& feature, const Projection& proj,
                                      const Rect& clip, bool skip_archipelagos) {
  auto skipped = [&](const GeoPolygon& p) {
    return skip_archipelagos && p.archipelago != GeoPolygon::Archipelago::kNone;
  };
  bool detached_inside = true;
  for (const GeoPolygon& polygon : feature.polygons) {
    if (skipped(polygon)) continue;
    if (polygon.detached &&
        !(clip.Contains(proj(polygon.min)) && clip.Contains(proj(polygon.max)))) {
      detached_inside = false;
    }
  }
  std::vector<PxPolygon> out;
  for (std::size_t i = 0; i < feature.polygons.size(); ++i) {
    const GeoPolygon& polygon = feature.polygons[i];
    if (skipped(polygon) || (polygon.detached && !detached_inside)) continue;
    PxPolygon px;
    for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
      PxRing ring;
      ring.reserve(polygon.rings[r].size());
      for (const LonLat& p : polygon.rings[r]) ring.push_back(proj(p));
      ring = Snap(Clip(ring, clip));
      // Parts under 1 px² are invisible but for their stroke; the largest polygon always stays.
      if (ring.size() < 3 || (PxArea(ring) < 1.0 && !(r == 0 && i == feature.largest))) {
        if (r == 0) break;
        continue;
      }
      px.push_back(std::move(ring));
    }
    if (!px.empty()) out.push_back(std::move(px));
  }
  return out;
}

// Path data with relative moves in tenths of a pixel: "M12.3 45.6l0.4-1.2 ...Z".
std::string PathData(const std::vector<PxPolygon>& polygons) {
  std::string d;
  auto tenths = [](double v) { return std::llround(v * 10); };
  auto append = [&](long long t, bool first) {
    std::string s = svg::Coord(t / 10.0);
    if (!first && s[0] != '-') d.push_back(' ');
    d += s;
  };
  for (const PxPolygon& polygon : polygons) {
    for (const PxRing& ring : polygon) {
      long long px = tenths(ring.front().x), py = tenths(ring.front().y);
      d.push_back('M');
      append(px, true);
      append(py, false);
      d.push_back('l');
      bool first = true;
      for (std::size_t i = 1; i < ring.size(); ++i) {
        long long x = tenths(ring[i].x), y = tenths(ring[i].y);
        append(x - px, first);
        append(y - py, false);
        first = false;
        px = x;
        py = y;
      }
      d.push_back('Z');
    }
  }
  return d;
}

struct Legend {
  std::vector<std::string> title_lines;
  std::vector<std::pair<std::string, std::string>> rows;  // colour, label (highest class first)
  std::vector<std::string> row_classes;                   // css class per row
  double width = 0, height = 0;
};

constexpr double kLegendPad = 8, kLegendTitleSize = 11, kLegendTitleLine = 14;
constexpr double kLegendRow = 18, kLegendTextSize = 10.5, kSwatchW = 22, kSwatchH = 12;
constexpr double kScaleBarHeight = 28;

Legend BuildLegend(const std::vector<MapClass>& classes, bool no_data, const ChoroplethSpec& spec) {
  Legend legend;
  legend.title_lines = svg::WrapText(spec.legend_title, 170, kLegendTitleSize, true);
  for (std::size_t i = classes.size(); i-- > 0;) {
    legend.rows.emplace_back(classes[i].colour, classes[i].label);
    legend.row_classes.push_back(fmt::format("legend-swatch class-{}", i));
  }
  if (no_data) {
    legend.rows.emplace_back(std::string(kNoDataFill), spec.language == core::Language::kVietnamese
                                                           ? "Chưa có số liệu"
                                                           : "No data");
    legend.row_classes.push_back("legend-swatch nodata");
  }
  double w = 140;  // room for the scale bar
  for (const auto& line : legend.title_lines) {
    w = std::max(w, svg::TextWidth(line, kLegendTitleSize, true));
  }
  for (const auto& [colour, label] : legend.rows) {
    w = std::max(w, kSwatchW + 6 + svg::TextWidth(label, kLegendTextSize));
  }
  legend.width = w + 2 * kLegendPad;
  legend.height = 2 * kLegendPad + legend.title_lines.size() * kLegendTitleLine +
                  (legend.title_lines.empty() ? 0 : 4) + legend.rows.size() * kLegendRow +
                  kScaleBarHeight;
  return legend;
}

std::string DrawLegend(const Legend& legend, const Rect& at, double px_per_km,
                       core::Language language) {
  std::string out = "<g class=\"legend\">\n";
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" "
      "fill-opacity=\"0.92\"/>\n",
      svg::Coord(at.x0), svg::Coord(at.y0), svg::Coord(at.Width()), svg::Coord(at.Height()));
  double y = at.y0 + kLegendPad;
  const double x = at.x0 + kLegendPad;
  for (const auto& line : legend.title_lines) {
    y += kLegendTitleLine;
    out += svg::Text(x, y - 3, line, kLegendTitleSize, "start", svg::kTextColour,
                     "font-weight=\"bold\"");
  }
  if (!legend.title_lines.empty()) y += 4;
  for (std::size_t i = 0; i < legend.rows.size(); ++i) {
    const auto& [colour, label] = legend.rows[i];
    out += fmt::format(
        "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
        "stroke=\"#7f7f7f\" stroke-width=\"0.5\"/>\n",
        legend.row_classes[i], svg::Coord(x), svg::Coord(y + 3), svg::Coord(kSwatchW),
        svg::Coord(kSwatchH), colour);
    out += svg::Text(x + kSwatchW + 6, y + 3 + kSwatchH - 2, label, kLegendTextSize, "start",
                     svg::kTextColour, "class=\"legend-label\"");
    y += kLegendRow;
  }
  // Scale bar: the largest 1/2/5 x 10^n km that fits in 120 px, in two halves.
  const double target_km = 120 / px_per_km;
  double km = std::pow(10.0, std::floor(std::log10(target_km)));
  for (double m : {5.0, 2.0}) {
    if (km * m <= target_km) {
      km *= m;
      break;
    }
  }
  const double len = km * px_per_km, bar_y = y + 12;
  out += fmt::format(
      "<g class=\"scale-bar\"><rect x=\"{0}\" y=\"{2}\" width=\"{1}\" height=\"4\" "
      "fill=\"#333333\"/>"
      "<rect x=\"{3}\" y=\"{2}\" width=\"{1}\" height=\"4\" fill=\"#ffffff\" stroke=\"#333333\" "
      "stroke-width=\"0.6\"/>\n",
      svg::Coord(x), svg::Coord(len / 2), svg::Coord(bar_y), svg::Coord(x + len / 2));
  const int km_decimals = km < 1 ? 1 : 0;
  out += svg::Text(x, bar_y - 3, "0", 9, "middle", svg::kMutedColour);
  out += svg::Text(x + len, bar_y - 3, svg::FormatValue(km, km_decimals, language) + " km", 9,
                   "middle", svg::kMutedColour);
  out += "</g>\n</g>\n";
  return out;
}

// Where a label may sit, in label widths (dx) and heights (dy) from its point, nearest first.
const std::vector<std::pair<double, double>> kLabelOffsets = [] {
  std::vector<std::pair<double, double>> offsets;
  for (double dy : {0.0, -0.7, 0.7, -1.4, 1.4, -2.1, 2.1}) {
    for (double dx : {0.0, -0.25, 0.25, -0.5, 0.5}) offsets.emplace_back(dx, dy);
  }
  // Distance with a label's usual aspect (about 5 : 1).
  std::stable_sort(offsets.begin(), offsets.end(), [](const auto& a, const auto& b) {
    return std::hypot(a.first * 5, a.second) < std::hypot(b.first * 5, b.second);
  });
  return offsets;
}();

struct MapLayout {
  Rect frame;  // where provinces are drawn (and clipped)
  Projection proj;
  Rect legend_box;
};

// How badly `box` would cover `polygons`: their vertices inside it, plus a 5 x 5 sample of the
// box that falls inside them (a box wholly within one province has no vertex in it).
double Coverage(const Rect& box, const PxPolygon& polygon) {
  double hits = 0;
  for (const PxRing& ring : polygon) {
    for (Px p : ring) hits += box.Contains(p);
  }
  for (int i = 0; i <= 4; ++i) {
    for (int j = 0; j <= 4; ++j) {
      hits += 10 * Inside(polygon, {box.x0 + box.Width() * i / 4, box.y0 + box.Height() * j / 4});
    }
  }
  return hits;
}
double Coverage(const Rect& box, const std::vector<PxPolygon>& polygons) {
  double hits = 0;
  for (const PxPolygon& polygon : polygons) hits += Coverage(box, polygon);
  return hits;
}

// Fits the box [gmin, gmax] into `frame` and puts the legend in the corner of the frame that
// covers no province of the region (bottom right first: often the sea); when every corner
// would, the legend gets a strip to the right or below, whichever leaves the larger map.
MapLayout PlaceMapAndLegend(const std::vector<const GeoFeature*>& region, LonLat gmin, LonLat gmax,
                            Rect frame, const Legend& legend, bool insets) {
  MapLayout layout{frame, Fit(gmin, gmax, frame.Inset(6)), {}};
  std::vector<PxPolygon> drawn;
  for (const GeoFeature* f : region) {
    for (auto& p : ProjectFeature(*f, layout.proj, frame, insets)) drawn.push_back(std::move(p));
  }
  const Rect f = frame.Inset(2);
  const std::array<Rect, 4> corners = {{
      {f.x1 - legend.width, f.y1 - legend.height, f.x1, f.y1},  // bottom right
      {f.x0, f.y1 - legend.height, f.x0 + legend.width, f.y1},  // bottom left
      {f.x1 - legend.width, f.y0, f.x1, f.y0 + legend.height},  // top right
      {f.x0, f.y0, f.x0 + legend.width, f.y0 + legend.height},  // top left
  }};
  double best = kInf;
  for (const Rect& c : corners) {
    if (double hits = Coverage(c, drawn); hits < best) {
      best = hits;
      layout.legend_box = c;
    }
  }
  if (best == 0) return layout;
  const Rect right{frame.x0, frame.y0, frame.x1 - legend.width - 8, frame.y1};
  const Rect below{frame.x0, frame.y0, frame.x1, frame.y1 - legend.height - 8};
  const Projection pr = Fit(gmin, gmax, right.Inset(6));
  const Projection pb = Fit(gmin, gmax, below.Inset(6));
  if (pr.k >= pb.k) {
    layout = {
        right, pr, {right.x1 + 8, right.y1 - legend.height, right.x1 + 8 + legend.width, right.y1}};
  } else {
    layout = {
        below, pb, {below.x0, below.y1 + 8, below.x0 + legend.width, below.y1 + 8 + legend.height}};
  }
  return layout;
}

// The names: the region's first, largest provinces first, each at its label point or nudged to
// the nearest free spot inside the province, in smaller type if need be; names that find no
// free spot are left out. The context's only where they fit wholly inside their province.
// A name that fits wholly inside its province takes the contrast colour of the fill; one that
// spills over borders is dark on a white halo, readable on any neighbour.
std::string DrawLabels(const std::vector<Drawn>& drawn, const ChoroplethSpec& spec,
                       const Projection& proj, const Rect& frame, std::vector<Rect> taken) {
  std::vector<const Drawn*> order;
  for (const Drawn& d : drawn) {
    if (!d.polygons.empty() && !d.label.empty()) order.push_back(&d);
  }
  std::stable_sort(order.begin(), order.end(), [](const Drawn* a, const Drawn* b) {
    if (a->in_region != b->in_region) return a->in_region;
    return PxArea(a->polygons[a->largest].front()) > PxArea(b->polygons[b->largest].front());
  });
  std::string region_labels, context_labels;
  for (const Drawn* d : order) {
    Px anchor;
    if (auto lp = spec.label_points.find(d->feature->code); lp != spec.label_points.end()) {
      anchor = proj(lp->second);
    } else {
      anchor = LabelPoint(d->polygons[d->largest]);
    }
    auto inside_feature = [&](Px p) {
      return std::any_of(d->polygons.begin(), d->polygons.end(),
                         [&](const PxPolygon& poly) { return Inside(poly, p); });
    };
    auto fits_inside = [&](const Rect& b) {  // a 6 x 3 sample of the box
      for (int i = 0; i <= 5; ++i) {
        for (int j = 0; j <= 2; ++j) {
          if (!inside_feature({b.x0 + b.Width() * i / 5, b.y0 + b.Height() * j / 2})) return false;
        }
      }
      return true;
    };
    struct Choice {
      Rect box;
      double font = 10;
      bool fits = false;
    };
    auto try_size = [&](double size, bool need_fit) -> std::optional<Choice> {
      const double w = svg::TextWidth(d->label, size), h = size * 1.1;
      for (const auto& [dx, dy] : kLabelOffsets) {
        const Px c{anchor.x + dx * w, anchor.y + dy * h};
        const Rect box{c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2};
        if (!frame.Contains({box.x0, box.y0}) || !frame.Contains({box.x1, box.y1})) continue;
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const Rect& t) { return t.Intersects(box); })) {
          continue;
        }
        const bool fits = fits_inside(box);
        if (need_fit && !fits) continue;
        if ((dx != 0 || dy != 0) && !inside_feature(c)) continue;
        return Choice{box, size, fits};
      }
      return std::nullopt;
    };
    const std::vector<double> sizes =
        d->in_region ? std::vector<double>{10, 8.5} : std::vector<double>{9};
    std::optional<Choice> chosen;
    for (bool need_fit : {true, false}) {
      if (!need_fit && !d->in_region) break;  // context names only where they fit
      for (double size : sizes) {
        if ((chosen = try_size(size, need_fit))) break;
      }
      if (chosen) break;
    }
    if (!chosen) continue;  // no room without overlapping: the tooltip still names it
    taken.push_back(chosen->box);
    const double font = chosen->font;
    const double x = (chosen->box.x0 + chosen->box.x1) / 2;
    const double y = (chosen->box.y0 + chosen->box.y1) / 2 + font * 0.36;
    if (!d->in_region) {
      context_labels += svg::Text(x, y, d->label, font, "middle", "#8c8c8c",
                                  "class=\"context-label\" font-style=\"italic\"");
    } else if (chosen->fits) {
      const bool dark = Luminance(d->fill) < 0.22;
      region_labels += svg::Text(x, y, d->label, font, "middle",
                                 dark ? "#ffffff" : svg::kTextColour, "class=\"label\"");
    } else {
      region_labels += svg::Text(x, y, d->label, font, "middle", "#ffffff",
                                 "class=\"label-halo\" stroke=\"#ffffff\" stroke-width=\"2.2\" "
                                 "stroke-linejoin=\"round\" stroke-opacity=\"0.85\"");
      region_labels +=
          svg::Text(x, y, d->label, font, "middle", svg::kTextColour, "class=\"label\"");
    }
  }
  return "<g class=\"labels\">\n" + context_labels + region_labels + "</g>\n";
}

// ---------------------------------------------------------------------------------------------
// Shared outlines and archipelago insets

// One outline: a <path>, or with `outlines` a <use> of the page's shared path. `attributes` go
// on the element (class, fill); `children` inside it (a <title>).
std::string OutlineElement(const std::string& d, std::string_view attributes,
                           std::string_view children, MapOutlines* outlines) {
  std::string out = outlines
                        ? fmt::format("<use href=\"#{}\" {}", outlines->Intern(d), attributes)
                        : fmt::format("<path {} fill-rule=\"evenodd\" d=\"{}\"", attributes, d);
  if (children.empty()) return out + "/>\n";
  return fmt::format("{}>{}</{}>\n", out, children, outlines ? "use" : "path");
}

struct Inset {
  GeoPolygon::Archipelago which = GeoPolygon::Archipelago::kNone;
  std::string css_class;  // "hoang-sa"
  std::string label;
  // The archipelago's polygons, by the feature (province) they belong to.
  std::vector<std::pair<const GeoFeature*, std::vector<const GeoPolygon*>>> parts;
  LonLat min, max;
  Rect box;  // where the inset is drawn, with its label
  std::vector<std::string> label_lines;
  double label_height = 0;
};

constexpr double kInsetTextSize = 9, kInsetTextLine = 11, kInsetPad = 4;

// The archipelagos the shapes have, Hoàng Sa first; none when no feature has their islands.
std::vector<Inset> CollectInsets(const GeoShapes& shapes, core::Language language) {
  const bool vi = language == core::Language::kVietnamese;
  using A = GeoPolygon::Archipelago;
  std::vector<Inset> out;
  for (A which : {A::kHoangSa, A::kTruongSa}) {
    Inset inset;
    inset.which = which;
    inset.css_class = which == A::kHoangSa ? "hoang-sa" : "truong-sa";
    inset.label =
        which == A::kHoangSa
            ? (vi ? "Quần đảo Hoàng Sa (TP. Đà Nẵng)" : "Hoang Sa archipelago (Da Nang)")
            : (vi ? "Quần đảo Trường Sa (tỉnh Khánh Hòa)" : "Truong Sa archipelago (Khanh Hoa)");
    bool first = true;
    for (const GeoFeature& f : shapes.features()) {
      std::vector<const GeoPolygon*> mine;
      for (const GeoPolygon& p : f.polygons) {
        if (p.archipelago != which) continue;
        mine.push_back(&p);
        if (first) {
          inset.min = p.min;
          inset.max = p.max;
          first = false;
        }
        inset.min = {std::min(inset.min.lon, p.min.lon), std::min(inset.min.lat, p.min.lat)};
        inset.max = {std::max(inset.max.lon, p.max.lon), std::max(inset.max.lat, p.max.lat)};
      }
      if (!mine.empty()) inset.parts.emplace_back(&f, std::move(mine));
    }
    if (!inset.parts.empty()) out.push_back(std::move(inset));
  }
  return out;
}

// How much of `polygons` (with their pixel boxes) `box` covers, as Coverage, skipping the
// polygons whose box is apart from it.
double CoverageWithBoxes(const Rect& box, const std::vector<PxPolygon>& polygons,
                         const std::vector<Rect>& boxes) {
  double hits = 0;
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    if (!boxes[i].Intersects(box)) continue;
    hits += Coverage(box, polygons[i]);
  }
  return hits;
}

// Sizes the insets and stacks them in a column at the right of `frame`, Hoàng Sa above Trường
// Sa as on the ground, the column as near Hoàng Sa's latitude as it can be while covering no
// drawn polygon and not the legend. When that fails at a width, narrower insets are tried; at
// the narrowest, the least covering place is taken.
void PlaceInsets(std::vector<Inset>& insets, const Rect& frame, const Projection& proj,
                 const std::vector<PxPolygon>& drawn, const Rect& legend_box) {
  constexpr double kGap = 6;
  std::vector<Rect> boxes;
  for (const PxPolygon& p : drawn) {
    Rect b{kInf, kInf, -kInf, -kInf};
    for (Px q : p.front()) {
      b = {std::min(b.x0, q.x), std::min(b.y0, q.y), std::max(b.x1, q.x), std::max(b.y1, q.y)};
    }
    boxes.push_back(b);
  }
  const double widest = std::clamp(frame.Width() * 0.24, 90.0, 160.0);
  for (double width : {widest, widest * 0.8, widest * 0.64}) {
    // Each inset's height at this width: its label (name, then the province in brackets, each
    // wrapped), and the islands' box at their aspect, within limits.
    std::vector<double> heights;
    double column = 0;
    for (Inset& inset : insets) {
      inset.label_lines.clear();
      const std::size_t bracket = inset.label.find(" (");
      for (const std::string& part :
           {inset.label.substr(0, bracket),
            bracket == std::string::npos ? std::string() : inset.label.substr(bracket + 1)}) {
        for (auto& line : svg::WrapText(part, width - 2 * kInsetPad, kInsetTextSize)) {
          inset.label_lines.push_back(std::move(line));
        }
      }
      inset.label_height = kInsetPad + inset.label_lines.size() * kInsetTextLine;
      const double cos_lat = std::cos((inset.min.lat + inset.max.lat) / 2 * std::numbers::pi / 180);
      const double aspect = (inset.max.lat - inset.min.lat) /
                            std::max((inset.max.lon - inset.min.lon) * cos_lat, 1e-6);
      const double content = (width - 2 * kInsetPad) * std::clamp(aspect, 0.5, 1.2);
      heights.push_back(inset.label_height + content + 2 * kInsetPad);
      column += heights.back() + (heights.size() > 1 ? kGap : 0);
    }
    const Inset& first = insets.front();
    const double target =
        proj({first.min.lon, (first.min.lat + first.max.lat) / 2}).y - heights.front() / 2;
    auto stack = [&](double y) {
      for (std::size_t i = 0; i < insets.size(); ++i) {
        insets[i].box = {frame.x1 - 2 - width, y, frame.x1 - 2, y + heights[i]};
        y += heights[i] + kGap;
      }
    };
    double best_hits = kInf, best_distance = kInf, best_y = frame.y0 + 2;
    for (double y = frame.y0 + 2; y + column <= frame.y1 - 2; y += 4) {
      if (Rect{frame.x1 - 2 - width, y, frame.x1 - 2, y + column}.Intersects(legend_box)) continue;
      stack(y);
      double hits = 0;
      for (const Inset& inset : insets) hits += CoverageWithBoxes(inset.box, drawn, boxes);
      const double distance = std::fabs(y - target);
      if (hits < best_hits || (hits == best_hits && distance < best_distance)) {
        best_hits = hits;
        best_distance = distance;
        best_y = y;
      }
    }
    stack(best_y);  // with no room beside the legend: at the top right, over the map
    if (best_hits == 0) return;
  }
}

// One inset: a white box with a thin frame, the label on top, and the islands at their own
// scale, each filled as its province on the map (context grey when it is not drawn in colour).
// Islands too small to see become specks of 1.6 px.
std::string DrawInset(const Inset& inset, const std::vector<Drawn>& drawn, MapOutlines* outlines) {
  const Rect& b = inset.box;
  std::string out = fmt::format("<g class=\"inset {}\"><title>{}</title>\n", inset.css_class,
                                svg::Escape(inset.label));
  out += fmt::format(
      "<rect class=\"inset-frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" "
      "stroke=\"#7f7f7f\" stroke-width=\"0.6\"/>\n",
      svg::Coord(b.x0), svg::Coord(b.y0), svg::Coord(b.Width()), svg::Coord(b.Height()));
  double y = b.y0 + kInsetPad;
  for (const std::string& line : inset.label_lines) {
    y += kInsetTextLine;
    out += svg::Text((b.x0 + b.x1) / 2, y - 2, line, kInsetTextSize, "middle", svg::kTextColour,
                     "class=\"inset-label\"");
  }
  const Rect content{b.x0 + kInsetPad, b.y0 + inset.label_height + kInsetPad, b.x1 - kInsetPad,
                     b.y1 - kInsetPad};
  const Projection proj = Fit(inset.min, inset.max, content.Inset(2));
  out += fmt::format("<g stroke=\"{}\" stroke-width=\"0.3\" stroke-linejoin=\"round\">\n",
                     kRegionStroke);
  for (const auto& [feature, polygons] : inset.parts) {
    std::string fill(kContextFill), css = fmt::format("inset-island code-{}", feature->code);
    for (const Drawn& d : drawn) {
      if (d.feature == feature && d.in_region) {
        fill = d.fill;
        css = "inset-island " + d.css_class.substr(d.css_class.find(' ') + 1);  // no "province"
      }
    }
    std::vector<PxPolygon> px;
    for (const GeoPolygon* polygon : polygons) {
      PxPolygon islands;
      for (std::size_t r = 0; r < polygon->rings.size(); ++r) {
        PxRing ring;
        for (const LonLat& p : polygon->rings[r]) ring.push_back(proj(p));
        Px centre{0, 0};
        for (Px p : ring) centre = {centre.x + p.x / ring.size(), centre.y + p.y / ring.size()};
        ring = Snap(ring);
        if (ring.size() < 3 || PxArea(ring) < 2.56) {
          if (r != 0) continue;  // a hole too small to see
          constexpr double h = 0.8;
          ring = Snap({{centre.x - h, centre.y - h},
                       {centre.x + h, centre.y - h},
                       {centre.x + h, centre.y + h},
                       {centre.x - h, centre.y + h}});
        }
        islands.push_back(std::move(ring));
      }
      px.push_back(std::move(islands));
    }
    out += OutlineElement(PathData(px), fmt::format("class=\"{}\" fill=\"{}\"", css, fill), "",
                          outlines);
  }
  out += "</g>\n</g>\n";
  return out;
}
}  // namespace

// ---------------------------------------------------------------------------------------------

const std::string& MapOutlines::Intern(const std::string& d) {
  auto [it, added] = ids_.try_emplace(d, "");
  if (added) {
    paths_.push_back(&it->first);
    it->second = fmt::format("o{}", paths_.size());
  }
  return it->second;
}

std::string MapOutlines::Defs() const {
  if (paths_.empty()) return "";
  std::string out =
      "<svg class=\"map-outlines\" width=\"0\" height=\"0\" aria-hidden=\"true\" "
      "style=\"position:absolute\"><defs>\n";
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    out += fmt::format("<path id=\"o{}\" fill-rule=\"evenodd\" d=\"{}\"/>\n", i + 1, *paths_[i]);
  }
  return out + "</defs></svg>\n";
}

core::Result<GeoShapes> GeoShapes::Parse(std::string_view geojson, std::string_view code_property,
                                         std::string_view name_property) {
  GeoShapes shapes;
  try {
    const json doc = json::parse(geojson);
    if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
        !doc.contains("features") || !doc["features"].is_array()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "GeoJSON phải là một FeatureCollection",
                             "GeoJSON must be a FeatureCollection");
    }
    const json& features = doc["features"];
    for (std::size_t i = 0; i < features.size(); ++i) {
      const json& feature = features[i];
      const std::string where = fmt::format("feature {}", i);
      const json* props = feature.contains("properties") && feature["properties"].is_object()
                              ? &feature["properties"]
                              : nullptr;
      GeoFeature out;
      if (props && props->contains(code_property)) {
        const json& code = (*props)[std::string(code_property)];
        if (code.is_string()) out.code = code.get<std::string>();
        if (code.is_number_integer()) out.code = fmt::format("{:02d}", code.get<long long>());
      }
      if (out.code.empty()) {
        return core::MakeError(
            core::ErrorCode::kInvalidArgument,
            fmt::format("GeoJSON: {} không có mã ở thuộc tính '{}'", where, code_property),
            fmt::format("GeoJSON: {} has no code in property '{}'", where, code_property));
      }
      if (props && props->contains(name_property) &&
          (*props)[std::string(name_property)].is_string()) {
        out.name = (*props)[std::string(name_property)].get<std::string>();
      }
      if (!feature.contains("geometry") || feature["geometry"].is_null()) continue;
      const json& geometry = feature["geometry"];
      const std::string type = geometry.value("type", "");
      if (!geometry.contains("coordinates") || (type != "Polygon" && type != "MultiPolygon")) {
        return core::MakeError(
            core::ErrorCode::kInvalidArgument,
            fmt::format("GeoJSON: {} (mã {}) có hình '{}', chỉ nhận Polygon và MultiPolygon", where,
                        out.code, type),
            fmt::format("GeoJSON: {} (code {}) has geometry '{}'; only Polygon and MultiPolygon "
                        "are supported",
                        where, out.code, type));
      }
      const json& coords = geometry["coordinates"];
      std::vector<const json*> polygons;
      if (type == "Polygon") {
        polygons.push_back(&coords);
      } else if (coords.is_array()) {
        for (const json& p : coords) polygons.push_back(&p);
      }
      for (const json* p : polygons) {
        LIENKET_ASSIGN_OR_RETURN(polygon, ParsePolygon(*p, where));
        if (polygon) out.polygons.push_back(std::move(*polygon));
      }
      if (out.polygons.empty()) continue;
      for (std::size_t k = 1; k < out.polygons.size(); ++k) {
        if (out.polygons[k].area > out.polygons[out.largest].area) out.largest = k;
      }
      const GeoPolygon& main = out.polygons[out.largest];
      for (GeoPolygon& p : out.polygons) {
        const double gap = std::max({0.0, p.min.lon - main.max.lon, main.min.lon - p.max.lon,
                                     p.min.lat - main.max.lat, main.min.lat - p.max.lat});
        p.detached = gap > kDetachedDegrees;
        auto within = [&](const GeoBox& box) {
          return p.min.lon >= box.min.lon && p.max.lon <= box.max.lon && p.min.lat >= box.min.lat &&
                 p.max.lat <= box.max.lat;
        };
        if (p.detached && within(kHoangSaBox)) p.archipelago = GeoPolygon::Archipelago::kHoangSa;
        if (p.detached && within(kTruongSaBox)) p.archipelago = GeoPolygon::Archipelago::kTruongSa;
      }
      if (shapes.index_.count(out.code) != 0) {
        return core::MakeError(core::ErrorCode::kInvalidArgument,
                               fmt::format("GeoJSON: mã {} xuất hiện hai lần", out.code),
                               fmt::format("GeoJSON: code {} appears twice", out.code));
      }
      shapes.index_.emplace(out.code, shapes.features_.size());
      shapes.features_.push_back(std::move(out));
    }
  } catch (const json::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("GeoJSON không đọc được: {}", e.what()),
                           fmt::format("GeoJSON could not be read: {}", e.what()));
  }
  return shapes;
}

const GeoFeature* GeoShapes::Find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &features_[it->second];
}

core::Result<std::vector<MapClass>> ComputeClasses(const std::vector<double>& values,
                                                   const ChoroplethSpec& spec) {
  using Classing = ChoroplethSpec::Classing;
  const bool diverging = spec.scale == ChoroplethSpec::Scale::kDiverging;
  const double mid = spec.midpoint.value_or(0);
  for (double v : values) {
    if (!std::isfinite(v)) {
      return tl::unexpected(
          InvalidSpec("Giá trị bản đồ phải là số hữu hạn", "Map values must be finite numbers"));
    }
  }
  if (spec.class_count < 1 || spec.class_count > 7) {
    return tl::unexpected(
        InvalidSpec("Số lớp của bản đồ phải từ 1 đến 7", "A map needs 1 to 7 classes"));
  }
  if (spec.breaks.size() > 6 ||
      std::adjacent_find(spec.breaks.begin(), spec.breaks.end(), std::greater_equal<>()) !=
          spec.breaks.end() ||
      !std::all_of(spec.breaks.begin(), spec.breaks.end(),
                   [](double b) { return std::isfinite(b); })) {
    return tl::unexpected(
        InvalidSpec("Ngưỡng phân lớp phải tăng dần và không quá 6 ngưỡng",
                    "Class breaks must be strictly ascending, at most 6 of them"));
  }
  if (values.empty() && spec.breaks.empty()) return std::vector<MapClass>{};

  const double lo = values.empty() ? 0 : *std::min_element(values.begin(), values.end());
  const double hi = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  std::vector<MapClass> classes;
  const Classing classing = spec.classing == Classing::kAuto
                                ? (diverging ? Classing::kNiceSteps : Classing::kQuantiles)
                                : spec.classing;
  if (!spec.breaks.empty() || (classing == Classing::kQuantiles && lo < hi)) {
    std::vector<double> edges = spec.breaks;
    if (edges.empty()) {
      edges = QuantileEdges(values, spec.class_count);
      // A diverging scale needs the midpoint as an edge; it replaces the nearest quantile.
      if (diverging && lo < mid && mid <= hi &&
          std::find(edges.begin(), edges.end(), mid) == edges.end()) {
        if (static_cast<int>(edges.size()) + 1 >= spec.class_count && !edges.empty()) {
          edges.erase(std::min_element(edges.begin(), edges.end(), [&](double a, double b) {
            return std::fabs(a - mid) < std::fabs(b - mid);
          }));
        }
        edges.insert(std::upper_bound(edges.begin(), edges.end(), mid), mid);
      }
    }
    for (std::size_t i = 0; i <= edges.size(); ++i) {
      classes.push_back(
          {i == 0 ? -kInf : edges[i - 1], i == edges.size() ? kInf : edges[i], "", ""});
    }
    const int d = svg::DecimalsNeeded(edges);
    for (std::size_t i = 0; i < classes.size(); ++i) {
      MapClass& c = classes[i];
      if (classes.size() == 1) {
        c.label = svg::FormatValue(lo, svg::DecimalsNeeded({lo}), spec.language);
      } else if (i == 0) {
        c.label = "< " + svg::FormatValue(c.upper, d, spec.language);
      } else if (i + 1 == classes.size()) {
        c.label = "\u2265 " + svg::FormatValue(c.lower, d, spec.language);
      } else {
        c.label = svg::FormatValue(c.lower, d, spec.language) + " \u2013 " +
                  svg::FormatValue(c.upper, d, spec.language);
      }
    }
  } else if (lo == hi) {
    classes.push_back(
        {-kInf, kInf, "", svg::FormatValue(lo, svg::DecimalsNeeded({lo}), spec.language)});
  } else {
    const std::vector<double> edges =
        NiceGridEdges(values, spec.class_count, diverging ? mid : 0.0, diverging);
    std::vector<double> finite;
    for (double e : edges) {
      if (std::isfinite(e)) finite.push_back(e);
    }
    const int d = svg::DecimalsNeeded(finite);
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      MapClass c{edges[i], edges[i + 1], "", ""};
      if (std::isinf(c.lower)) {
        c.label = "< " + svg::FormatValue(c.upper, d, spec.language);
      } else if (std::isinf(c.upper)) {
        c.label = "\u2265 " + svg::FormatValue(c.lower, d, spec.language);
      } else {
        c.label = svg::FormatValue(c.lower, d, spec.language) + " \u2013 " +
                  svg::FormatValue(c.upper, d, spec.language);
      }
      classes.push_back(std::move(c));
    }
  }

  if (!diverging) {
    const auto& ramp = kBlues[classes.size()];
    for (std::size_t i = 0; i < classes.size(); ++i) classes[i].colour = ramp[i];
    return classes;
  }
  // Sides by the values a class can hold: an open end reaches only as far as the data.
  std::vector<int> side(classes.size(), 0);  // -1 below the midpoint, +1 above, 0 across
  int below = 0, above = 0;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    double from = classes[i].lower, to = classes[i].upper;
    if (std::isinf(from) && !values.empty()) from = std::min(lo, to);
    if (std::isinf(to) && !values.empty()) to = std::max(hi, from);
    side[i] = to <= mid && from < mid ? -1 : (from >= mid ? 1 : 0);
    below += side[i] < 0;
    above += side[i] > 0;
  }
  const int m = std::max(below, above);
  if (m > 5) {
    return tl::unexpected(InvalidSpec("Thang phân kỳ có tối đa 5 lớp mỗi phía",
                                      "A diverging scale has at most 5 classes on each side"));
  }
  int seen_below = 0, seen_above = 0;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (side[i] < 0) {
      classes[i].colour = kReds[m][below - 1 - seen_below++];  // nearest the midpoint is last
    } else if (side[i] > 0) {
      classes[i].colour = kBluesDiverging[m][seen_above++];
    } else {
      classes[i].colour = std::string(kNeutral);
    }
  }
  return classes;
}

core::Result<std::string> RenderChoropleth(std::string_view geojson, const ChoroplethSpec& spec) {
  LIENKET_ASSIGN_OR_RETURN(shapes, GeoShapes::Parse(geojson));
  return RenderChoropleth(shapes, spec);
}

core::Result<std::string> RenderChoropleth(const GeoShapes& shapes, const ChoroplethSpec& spec,
                                           MapOutlines* outlines) {
  if (spec.codes.empty()) {
    return tl::unexpected(InvalidSpec("Bản đồ cần ít nhất một tỉnh", "A map needs a province"));
  }
  if (spec.width < 200 || spec.width > 4000 || spec.height < 200 || spec.height > 4000) {
    return tl::unexpected(InvalidSpec("Kích thước bản đồ phải từ 200 đến 4000 px",
                                      "Map size must be 200 to 4000 px"));
  }
  // The region, in the order given, without repeats; unknown codes are reported together.
  std::vector<const GeoFeature*> region;
  std::set<std::string, std::less<>> in_region;
  std::vector<std::string> missing;
  for (const std::string& code : spec.codes) {
    if (!in_region.insert(code).second) continue;
    if (const GeoFeature* f = shapes.Find(code)) {
      region.push_back(f);
    } else {
      missing.push_back(code);
    }
  }
  if (!missing.empty()) {
    const std::string list = fmt::format("{}", fmt::join(missing, ", "));
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("Không có ranh giới cho mã tỉnh: {}", list),
                           fmt::format("No boundary for province codes: {}", list));
  }
  std::vector<double> values;
  for (const GeoFeature* f : region) {
    if (auto it = spec.values.find(f->code); it != spec.values.end()) values.push_back(it->second);
  }
  LIENKET_ASSIGN_OR_RETURN(classes, ComputeClasses(values, spec));
  const bool vi = spec.language == core::Language::kVietnamese;

  // Layout: title on top, footnote at the bottom, the map frame between.
  const double W = spec.width, H = spec.height, margin = 12;
  const auto title_lines = svg::WrapText(spec.title, W - 2 * margin, 16, true);
  const auto foot_lines = svg::WrapText(spec.footnote, W - 2 * margin, 9);
  const double top = margin + title_lines.size() * 20 + (title_lines.empty() ? 0 : 8);
  const double bottom = H - margin - foot_lines.size() * 12;
  const Legend legend = BuildLegend(classes, values.size() < region.size(), spec);

  // Fit to the drawn provinces without their detached islands.
  LonLat gmin = region.front()->polygons[region.front()->largest].min, gmax = gmin;
  for (const GeoFeature* f : region) {
    for (const GeoPolygon& p : f->polygons) {
      if (p.detached) continue;
      gmin = {std::min(gmin.lon, p.min.lon), std::min(gmin.lat, p.min.lat)};
      gmax = {std::max(gmax.lon, p.max.lon), std::max(gmax.lat, p.max.lat)};
    }
  }
  // Whole-country maps put Hoàng Sa and Trường Sa in insets (see the header).
  std::vector<Inset> insets;
  if (spec.show_archipelago_insets.value_or(gmax.lat > 20 && gmin.lat < 12)) {
    insets = CollectInsets(shapes, spec.language);
  }
  const MapLayout layout = PlaceMapAndLegend(
      region, gmin, gmax, Rect{margin, top, W - margin, bottom}, legend, !insets.empty());
  const Rect& frame = layout.frame;
  const Projection& proj = layout.proj;

  // Every feature to draw: the region's, then (optionally) the rest as context.
  std::vector<Drawn> drawn;
  for (const GeoFeature* f : region) drawn.push_back({f, true});
  if (spec.show_context) {
    for (const GeoFeature& f : shapes.features()) {
      if (in_region.count(f.code) == 0) drawn.push_back({&f, false});
    }
  }
  for (Drawn& d : drawn) {
    d.polygons = ProjectFeature(*d.feature, proj, frame, !insets.empty());
    for (std::size_t i = 1; i < d.polygons.size(); ++i) {
      if (PxArea(d.polygons[i].front()) > PxArea(d.polygons[d.largest].front())) d.largest = i;
    }
    auto label = spec.labels.find(d.feature->code);
    d.label = label != spec.labels.end() ? label->second : d.feature->name;
    if (!d.in_region) continue;
    auto value = spec.values.find(d.feature->code);
    if (value == spec.values.end()) {
      d.fill = std::string(kNoDataFill);
      d.css_class = fmt::format("province code-{} nodata", d.feature->code);
      d.tooltip = fmt::format("{}: {}", d.label, vi ? "Chưa có số liệu" : "No data");
    } else {
      std::size_t c = ClassOf(value->second, classes);
      d.fill = classes[c].colour;
      d.css_class = fmt::format("province code-{} class-{}", d.feature->code, c);
      d.tooltip = fmt::format("{}: {}{}", d.label,
                              svg::FormatValue(value->second, spec.decimals, spec.language),
                              spec.value_suffix);
    }
    if (auto t = spec.tooltips.find(d.feature->code); t != spec.tooltips.end())
      d.tooltip = t->second;
  }

  std::string out = svg::OpenSvg(spec.width, spec.height, spec.title);
  if (spec.show_context) {
    out += fmt::format(
        "<g class=\"context\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.8\" "
        "stroke-linejoin=\"round\">\n",
        kContextFill);
    for (const Drawn& d : drawn) {
      if (d.in_region || d.polygons.empty()) continue;
      out +=
          OutlineElement(PathData(d.polygons),
                         fmt::format("class=\"context code-{}\"", d.feature->code), "", outlines);
    }
    out += "</g>\n";
  }
  out += fmt::format(
      "<g class=\"region\" stroke=\"{}\" stroke-width=\"0.5\" "
      "stroke-linejoin=\"round\">\n",
      kRegionStroke);
  for (const Drawn& d : drawn) {
    if (!d.in_region || d.polygons.empty()) continue;
    out += OutlineElement(PathData(d.polygons),
                          fmt::format("class=\"{}\" fill=\"{}\"", d.css_class, d.fill),
                          fmt::format("<title>{}</title>", svg::Escape(d.tooltip)), outlines);
  }
  out += "</g>\n";

  std::vector<Rect> taken = {layout.legend_box};
  if (!insets.empty()) {
    std::vector<PxPolygon> all;
    for (const Drawn& d : drawn) all.insert(all.end(), d.polygons.begin(), d.polygons.end());
    PlaceInsets(insets, frame, proj, all, layout.legend_box);
    for (const Inset& inset : insets) {
      out += DrawInset(inset, drawn, outlines);
      taken.push_back(inset.box);
    }
  }
  if (spec.show_labels) out += DrawLabels(drawn, spec, proj, frame, std::move(taken));
  out += DrawLegend(legend, layout.legend_box, proj.k / 111.32, spec.language);
  double y = margin;
  for (const auto& line : title_lines) {
    y += 20;
    out += svg::Text(margin, y - 4, line, 16, "start", svg::kTextColour,
                     "font-weight=\"bold\" class=\"map-title\"");
  }
  y = bottom;
  for (const auto& line : foot_lines) {
    y += 12;
    out += svg::Text(margin, y - 2, line, 9, "start", svg::kMutedColour, "class=\"footnote\"");
  }
  out += "</svg>\n";
  return out;
}

}  // namespace lienket::report
