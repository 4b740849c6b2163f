// Choropleth maps of provinces as self-contained SVG 1.1, for the regional report (HTML embeds
// the string; DOCX/PDF converters read it). Boundaries come from the shipped GeoJSON files
// (data/geo/provinces_63_2008_2025.geojson for units before 1 July 2025, provinces_34_2025.geojson
// after; both keyed by the GSO code in property `ma_tinh`; see data/SOURCES.md, S-ODM: the
// boundary licence is unverified, and the 34-unit file is a dissolve, not an official boundary).
//
// What a map shows: the requested provinces filled by class of value (ColorBrewer "Blues" for
// levels, "RdBu" split at a midpoint for growth: red below, blue above; both colour-blind safe),
// a distinct grey with its own legend entry for provinces without a value, the other provinces
// in light grey as context (optional), short names at label points, a <title> tooltip per
// province ("Hà Nội: 126,45"), a legend of classes in vi or en number format, and a scale bar.
//
// Geometry: equirectangular projection scaled by cos(mid latitude), fitted to the drawn
// provinces without their detached islands (Hoàng Sa, Trường Sa, Côn Đảo: more than 1° from the
// province's largest polygon), so those never shrink the map. A province's detached islands are
// drawn only when all of them fall inside the map frame, never cut in part (on whole-country
// maps the archipelagos are drawn in insets instead, see below). Context provinces are clipped
// to the frame. Polygons and holes under 1 px² are dropped; coordinates are rounded to 0.1 px
// (about 150-300 KB for a region).
// Layout: the legend (classes, "no data", scale bar) goes in the emptiest corner of the frame,
// or in a strip beside/below the map when every corner would cover the region. Names are placed
// largest province first, inside their province when they fit (else on a white halo), nudged
// to avoid each other; a name that cannot be placed without overlapping is left out (its
// tooltip still names the province): expect that on whole-country maps at 640 px.
//
// Whole-country maps: Vietnamese maps of the whole country show Hoàng Sa (TP. Đà Nẵng) and
// Trường Sa (tỉnh Khánh Hòa). When the drawn provinces reach both north of 20°N and south of
// 12°N (or when the spec asks), those archipelagos leave the main map and are drawn in two framed
// insets at the right, in the sea, each at its own scale, filled as its province, and labelled
// "Quần đảo Hoàng Sa (TP. Đà Nẵng)" / "Quần đảo Trường Sa (tỉnh Khánh Hòa)" (English
// "Hoang Sa archipelago (Da Nang)" / "Truong Sa archipelago (Khanh Hoa)"); islands too small to
// see at that scale are drawn as 1.6 px specks. Maps of a part of the country (the North) have
// no insets. The insets avoid the legend and the provinces, and shrink when the sea is narrow.
//
// Several maps on one page (the HTML report) may share their outlines: pass a MapOutlines to
// RenderChoropleth and each path becomes <use href="#oN"> with its own fill and class, the path
// itself being written once by MapOutlines::Defs() for the whole page. Such a drawing is then
// valid SVG only on that page; converters that read one SVG file at a time get standalone
// drawings (no MapOutlines).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/number_format.hpp"

namespace lienket::report {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

// One polygon: rings[0] is the exterior, the rest are holes (drawn with fill-rule evenodd, so
// ring orientation does not matter). Closing vertices are removed.
struct GeoPolygon {
  std::vector<std::vector<LonLat>> rings;
  double area = 0;  // |area| of the exterior ring, in square degrees
  LonLat min, max;  // bounding box of the exterior ring
  // More than kDetachedDegrees from the box of the feature's largest polygon: Hoàng Sa (Đà
  // Nẵng), Trường Sa (Khánh Hòa), Côn Đảo (Bà Rịa - Vũng Tàu). Near islands (Phú Quốc, Cô Tô,
  // Bạch Long Vĩ, Lý Sơn) are not detached.
  bool detached = false;
  // Set for detached polygons inside the archipelago's box (kHoangSaBox, kTruongSaBox): what a
  // whole-country map draws in its insets.
  enum class Archipelago { kNone, kHoangSa, kTruongSa };
  Archipelago archipelago = Archipelago::kNone;
};

inline constexpr double kDetachedDegrees = 1.0;
// Longitude and latitude boxes of the archipelagos, generous around the islands of both files.
struct GeoBox {
  LonLat min, max;
};
inline constexpr GeoBox kHoangSaBox{{110.5, 15.0}, {113.5, 17.5}};
inline constexpr GeoBox kTruongSaBox{{110.5, 6.0}, {118.0, 12.5}};

struct GeoFeature {
  std::string code;  // property `ma_tinh`, e.g. "01"
  std::string name;  // property `ten_tinh`, e.g. "Hà Nội" (empty when absent)
  std::vector<GeoPolygon> polygons;
  std::size_t largest = 0;  // index of the polygon with the largest exterior
};

// Province boundaries parsed once and reused for several maps (the report draws a level map and
// a growth map from the same file). Immutable after Parse, so one object may be shared between
// threads.
class GeoShapes {
 public:
  // Parses a GeoJSON FeatureCollection whose features carry Polygon or MultiPolygon geometry and
  // the code in `code_property` (a string, or an integer written with two digits). Features
  // with null geometry are skipped.
  // Errors: kInvalidArgument for text that is not JSON, not a FeatureCollection, a feature
  // without a code, an unsupported geometry type, malformed coordinates, or a repeated code.
  [[nodiscard]] static core::Result<GeoShapes> Parse(std::string_view geojson,
                                                     std::string_view code_property = "ma_tinh",
                                                     std::string_view name_property = "ten_tinh");

  // The feature with `code`, or nullptr.
  [[nodiscard]] const GeoFeature* Find(std::string_view code) const;
  [[nodiscard]] const std::vector<GeoFeature>& features() const { return features_; }

 private:
  std::vector<GeoFeature> features_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// One class of the legend: values v with lower <= v < upper (the last class also takes
// v == upper). An open class has lower = -inf ("< 5") or upper = +inf ("≥ 15"): the outer
// classes of quantiles and given breaks always, those of nice steps when a tail was merged.
struct MapClass {
  double lower = 0;
  double upper = 0;
  std::string colour;  // "#3182bd"
  std::string label;   // "< 5", "5 – 10", "≥ 15" in the map's number format
};

struct ChoroplethSpec {
  enum class Scale {
    kSequential,  // levels: light to dark blue
    kDiverging,   // growth: reds below the midpoint, blues above
  };
  enum class Classing {
    kAuto,       // quantiles for kSequential, nice equal steps for kDiverging
    kQuantiles,  // edges at quantiles of the values, rounded to 2-4 significant digits
    kNiceSteps,  // equal steps of 1, 2, 2.5 or 5 x 10^n anchored at the midpoint (or 0);
                 // when a few values lie far out, the outer steps merge into open classes
  };

  std::string title;                            // above the map, wrapped to the width
  std::string legend_title;                     // e.g. "Tăng so với cùng kỳ (%)"
  std::vector<std::string> codes;               // provinces to draw (GSO codes)
  std::map<std::string, double> values;         // code -> value; missing = no data
  std::map<std::string, std::string> labels;    // code -> short name; default `ten_tinh`
  std::map<std::string, std::string> tooltips;  // code -> tooltip; default "Name: value"
  std::map<std::string, LonLat> label_points;   // code -> label position; default computed
  Scale scale = Scale::kSequential;
  std::optional<double> midpoint;  // kDiverging only; default 0
  Classing classing = Classing::kAuto;
  int class_count = 5;         // 1..7, when the breaks are computed
  std::vector<double> breaks;  // inner class edges, strictly ascending; overrides classing
  int decimals = 1;            // decimals of values in default tooltips
  std::string value_suffix;    // appended to values in default tooltips, e.g. "%"
  bool show_context = true;    // other provinces of the file in light grey, with grey names
  bool show_labels = true;
  // Insets for Hoàng Sa and Trường Sa: nullopt draws them on whole-country maps (the drawn
  // provinces reach north of 20°N and south of 12°N); true or false forces them on or off.
  std::optional<bool> show_archipelago_insets;
  std::string footnote;  // small print under the map (source, notes); optional
  core::Language language = core::Language::kVietnamese;
  int width = 640;
  int height = 720;
};

// The classes a map with `spec` uses for `values` (the values of the drawn provinces), lowest
// first; never more classes than distinct values. Empty when there are neither values nor
// breaks. Errors: kInvalidArgument for non-finite values, class_count outside
// 1..7, breaks not strictly ascending or more than 6 of them (more than 5 classes on one side of
// a diverging midpoint).
[[nodiscard]] core::Result<std::vector<MapClass>> ComputeClasses(const std::vector<double>& values,
                                                                 const ChoroplethSpec& spec);

// The outlines shared by the maps of one page: each distinct path is kept once under an id
// ("o1", "o2", ...), and the maps refer to it with <use>. Not thread-safe; one per page.
class MapOutlines {
 public:
  // The id of the outline with path data `d` (with fill-rule evenodd), added on first sight.
  [[nodiscard]] const std::string& Intern(const std::string& d);
  // A hidden <svg> with a <defs> of every outline, for the page to carry once (before or after
  // its maps); "" when no outline was added.
  [[nodiscard]] std::string Defs() const;
  [[nodiscard]] std::size_t size() const { return paths_.size(); }

 private:
  std::unordered_map<std::string, std::string> ids_;  // path data -> id
  std::vector<const std::string*> paths_;             // path data in order of the ids
};

// The map as an SVG document. Values of codes that are not drawn are ignored. With `outlines`,
// the paths are <use> elements referring to it (see MapOutlines); without, the SVG stands alone.
// Errors: kInvalidArgument for an empty code list, a size outside 200..4000 px, or what
// ComputeClasses refuses; kNotFound naming codes the shapes do not have.
[[nodiscard]] core::Result<std::string> RenderChoropleth(const GeoShapes& shapes,
                                                         const ChoroplethSpec& spec,
                                                         MapOutlines* outlines = nullptr);
// The same, parsing `geojson` first (1-1.5 MB: tens of milliseconds); errors as GeoShapes::Parse.
[[nodiscard]] core::Result<std::string> RenderChoropleth(std::string_view geojson,
                                                         const ChoroplethSpec& spec);

}  // namespace lienket::report
