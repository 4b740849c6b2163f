#include "report/svg_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "report/svg_test_util.hpp"

namespace lienket::report {
namespace {

using testing::ByClass;
using testing::ClassesOf;
using testing::HasClass;

// The shipped boundaries, parsed once for the whole suite.
const GeoShapes& Shapes63() {
  static const GeoShapes shapes =
      *GeoShapes::Parse(testing::ReadSourceFile("data/geo/provinces_63_2008_2025.geojson"));
  return shapes;
}
const GeoShapes& Shapes34() {
  static const GeoShapes shapes =
      *GeoShapes::Parse(testing::ReadSourceFile("data/geo/provinces_34_2025.geojson"));
  return shapes;
}

pugi::xml_document Parse(const std::string& svg) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(svg.c_str());
  EXPECT_TRUE(parsed) << parsed.description();
  return doc;
}

std::string PathFor(const pugi::xml_document& doc, const std::string& code) {
  for (const auto& p : ByClass(doc, "path", "code-" + code)) return p.attribute("d").as_string();
  return "";
}

// The 28 northern provinces before the 2025 merger with illustrative growth figures (invented,
// in code order); Bắc Kạn (06) is left without a value.
ChoroplethSpec NorthernGrowthSpec() {
  const auto members = testing::RegionMembers("mien-bac-28", core::Date{2024, 12, 31});
  const std::vector<double> growth = {8.1,  12.4, 5.2,  9.9, 11.3, 14.8, 6.7,  3.1,  10.5, 7.4,
                                      -2.3, 13.6, 4.8,  9.2, 18.9, 8.6,  2.4,  21.7, 10.1, 15.2,
                                      11.8, 6.1,  12.9, 7.9, 9.4,  16.3, 10.8, -1.2};
  ChoroplethSpec spec;
  spec.title = "Tăng trưởng chỉ số sản xuất công nghiệp 2024 — 28 tỉnh, thành phố phía Bắc";
  spec.legend_title = "So với cùng kỳ (%)";
  spec.scale = ChoroplethSpec::Scale::kDiverging;
  spec.value_suffix = "%";
  spec.footnote = "Số liệu minh hoạ. Ranh giới: Open Development Mekong (S-ODM).";
  for (std::size_t i = 0; i < members.size(); ++i) {
    spec.codes.push_back(members[i].code);
    if (members[i].code != "06") spec.values[members[i].code] = growth.at(i);
  }
  return spec;
}

TEST(GeoShapes, ReadsBothShippedFiles) {
  EXPECT_EQ(Shapes63().features().size(), 63u);
  EXPECT_EQ(Shapes34().features().size(), 34u);
  const GeoFeature* ha_noi = Shapes63().Find("01");
  ASSERT_NE(ha_noi, nullptr);
  EXPECT_EQ(ha_noi->name, "Hà Nội");
  // Quảng Ninh is one mainland polygon and hundreds of islands; the mainland is the largest.
  const GeoFeature* quang_ninh = Shapes63().Find("22");
  ASSERT_NE(quang_ninh, nullptr);
  EXPECT_GT(quang_ninh->polygons.size(), 100u);
  EXPECT_GT(quang_ninh->polygons[quang_ninh->largest].area, 0.3);
}

TEST(GeoShapes, RefusesWhatIsNotAFeatureCollection) {
  EXPECT_EQ(GeoShapes::Parse("{not json").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(GeoShapes::Parse(R"({"type":"Feature"})").error().code,
            core::ErrorCode::kInvalidArgument);
  auto point = GeoShapes::Parse(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ma_tinh":"01"},
          "geometry":{"type":"Point","coordinates":[105,21]}}]})");
  ASSERT_FALSE(point);
  EXPECT_NE(point.error().message_en.find("Point"), std::string::npos);
  auto no_code = GeoShapes::Parse(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
          "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})");
  EXPECT_EQ(no_code.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(ComputeClasses, DivergingStepsSplitAtTheMidpoint) {
  ChoroplethSpec spec;
  spec.scale = ChoroplethSpec::Scale::kDiverging;
  auto classes = ComputeClasses({-2.1, 0.4, 6.0, 9.6, 15.3}, spec);
  ASSERT_TRUE(classes);
  ASSERT_EQ(classes->size(), 5u);  // steps of 5 from -5 to 20
  EXPECT_EQ((*classes)[0].label, "\u22125 \u2013 0");
  EXPECT_EQ((*classes)[1].label, "0 \u2013 5");
  EXPECT_EQ((*classes)[4].label, "15 \u2013 20");
  // Red below zero, blues above, darker away from zero.
  EXPECT_EQ((*classes)[0].colour, "#fddbc7");
  EXPECT_EQ((*classes)[1].colour, "#d1e5f0");
  EXPECT_EQ((*classes)[4].colour, "#2166ac");
}

TEST(ComputeClasses, QuantilesForLevelsWithOpenEnds) {
  ChoroplethSpec spec;
  spec.language = core::Language::kEnglish;
  std::vector<double> values;
  for (int i = 1; i <= 20; ++i) values.push_back(i * i * 137.0);  // skewed, as levels are
  auto classes = ComputeClasses(values, spec);
  ASSERT_TRUE(classes);
  ASSERT_EQ(classes->size(), 5u);
  EXPECT_TRUE(std::isinf((*classes)[0].lower));
  EXPECT_TRUE(std::isinf((*classes)[4].upper));
  EXPECT_EQ((*classes)[0].label.substr(0, 2), "< ");
  EXPECT_EQ((*classes)[4].label.substr(0, 4), "\u2265 ");
  EXPECT_NE((*classes)[4].label.find(','), std::string::npos) << "English thousands separator";
  // Each class holds about a fifth of the values.
  for (const MapClass& c : *classes) {
    int n = 0;
    for (double v : values) n += v >= c.lower && v < c.upper;
    EXPECT_GE(n, 3) << c.label;
    EXPECT_LE(n, 5) << c.label;
  }
}

TEST(ComputeClasses, NoEmptyClassesAndFarValuesInOpenClasses) {
  ChoroplethSpec spec;
  auto two = ComputeClasses({108.25, 110.3}, spec);
  ASSERT_TRUE(two);
  EXPECT_EQ(two->size(), 2u) << "two values make two quantile classes, not five";

  // Growth of the 28 northern provinces (illustrative): steps of 5, the top tail merged.
  spec.scale = ChoroplethSpec::Scale::kDiverging;
  auto growth = ComputeClasses(
      {-2.3, -1.2, 2.4,  3.1,  4.8,  5.2,  6.1,  6.7,  7.4,  7.9,  8.1,  8.6,  9.2,  9.4,
       9.9,  10.1, 10.5, 10.8, 11.3, 11.8, 12.4, 12.9, 13.6, 14.8, 15.2, 16.3, 18.9, 21.7},
      spec);
  ASSERT_TRUE(growth);
  ASSERT_EQ(growth->size(), 5u);
  EXPECT_EQ(growth->front().label, "\u22125 \u2013 0");
  EXPECT_EQ(growth->back().label, "\u2265 15");
  EXPECT_TRUE(std::isinf(growth->back().upper));

  // One value a million steps out: the others keep their steps, the outlier an open class.
  spec.scale = ChoroplethSpec::Scale::kSequential;
  spec.classing = ChoroplethSpec::Classing::kNiceSteps;
  std::vector<double> values;
  for (int i = 1; i <= 15; ++i) values.push_back(i);
  values.push_back(5e6);
  auto outlier = ComputeClasses(values, spec);
  ASSERT_TRUE(outlier);
  ASSERT_EQ(outlier->size(), 5u);
  EXPECT_EQ((*outlier)[0].label, "0 \u2013 5");
  EXPECT_EQ((*outlier)[4].label, "\u2265 20");
}

TEST(ComputeClasses, GivenBreaksAndBadInput) {
  ChoroplethSpec spec;
  spec.breaks = {0, 5, 10, 15};
  auto classes = ComputeClasses({1, 2}, spec);
  ASSERT_TRUE(classes);
  ASSERT_EQ(classes->size(), 5u);
  EXPECT_EQ((*classes)[2].label, "5 \u2013 10");
  spec.breaks = {5, 5};
  EXPECT_FALSE(ComputeClasses({1}, spec));
  spec.breaks.clear();
  EXPECT_FALSE(ComputeClasses({1, NAN}, spec));
  spec.class_count = 9;
  EXPECT_FALSE(ComputeClasses({1, 2}, spec));
}

TEST(RenderChoropleth, NorthernProvincesOnePathEachFilledByClass) {
  const ChoroplethSpec spec = NorthernGrowthSpec();
  ASSERT_EQ(spec.codes.size(), 28u);
  auto svg = RenderChoropleth(Shapes63(), spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  testing::SaveIfAsked("map_mien_bac_28_growth.svg", *svg);
  pugi::xml_document doc = Parse(*svg);
  EXPECT_STREQ(doc.child("svg").attribute("viewBox").as_string(), "0 0 640 720");

  std::vector<double> values;
  for (const auto& [code, v] : spec.values) values.push_back(v);
  const auto classes = *ComputeClasses(values, spec);
  const auto provinces = ByClass(doc, "path", "province");
  ASSERT_EQ(provinces.size(), 28u);
  std::set<std::string> seen;
  for (const auto& path : provinces) {
    std::string code;
    for (const auto& c : ClassesOf(path)) {
      if (c.rfind("code-", 0) == 0) code = c.substr(5);
    }
    seen.insert(code);
    EXPECT_STREQ(path.attribute("fill-rule").as_string(), "evenodd");
    auto value = spec.values.find(code);
    if (value == spec.values.end()) {
      EXPECT_TRUE(HasClass(path, "nodata")) << code;
      EXPECT_STREQ(path.attribute("fill").as_string(), "#bdbdbd");
      continue;
    }
    std::size_t k = 0;
    while (k + 1 < classes.size() && value->second >= classes[k].upper) ++k;
    EXPECT_TRUE(HasClass(path, "class-" + std::to_string(k))) << code;
    EXPECT_EQ(path.attribute("fill").as_string(), classes[k].colour) << code;
  }
  EXPECT_EQ(seen.size(), 28u);
  // Neighbours inside the frame are drawn in grey (Quảng Bình, south of Hà Tĩnh); the far
  // south is not in the frame.
  EXPECT_FALSE(PathFor(doc, "44").empty());
  EXPECT_TRUE(PathFor(doc, "96").empty()) << "Cà Mau is outside the frame";

  // Tooltips in Vietnamese number format; negative growth with a minus sign.
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-01 ')]/title").node().child_value()),
            "Hà Nội: 8,1%");
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-17 ')]/title").node().child_value()),
            "Hòa Bình: \u22122,3%");
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-06 ')]/title").node().child_value()),
            "Bắc Kạn: Chưa có số liệu");

  // Legend: one swatch per class plus "no data", labels in the same order.
  const auto swatches = ByClass(doc, "rect", "legend-swatch");
  ASSERT_EQ(swatches.size(), classes.size() + 1);
  EXPECT_TRUE(HasClass(swatches.back(), "nodata"));
  const auto labels = ByClass(doc, "text", "legend-label");
  ASSERT_EQ(labels.size(), classes.size() + 1);
  EXPECT_EQ(std::string(labels.back().child_value()), "Chưa có số liệu");
  EXPECT_EQ(std::string(labels.front().child_value()), classes.back().label);

  // The legend box covers no vertex of the region.
  const auto box = doc.select_node("//g[@class='legend']/rect").node();
  const double x0 = box.attribute("x").as_double(), y0 = box.attribute("y").as_double();
  const double x1 = x0 + box.attribute("width").as_double();
  const double y1 = y0 + box.attribute("height").as_double();
  for (const auto& path : provinces) {
    for (const auto& p : testing::PathVertices(path.attribute("d").as_string())) {
      EXPECT_FALSE(p.x > x0 && p.x < x1 && p.y > y0 && p.y < y1) << p.x << "," << p.y;
    }
  }
  // One name per province.
  EXPECT_EQ(ByClass(doc, "text", "label").size(), 28u);
}

TEST(RenderChoropleth, EnglishNumbersAndNoData) {
  ChoroplethSpec spec = NorthernGrowthSpec();
  spec.language = core::Language::kEnglish;
  spec.values["01"] = 1234.56;
  auto svg = RenderChoropleth(Shapes63(), spec);
  ASSERT_TRUE(svg);
  pugi::xml_document doc = Parse(*svg);
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-01 ')]/title").node().child_value()),
            "Hà Nội: 1,234.6%");
  EXPECT_EQ(std::string(ByClass(doc, "text", "legend-label").back().child_value()), "No data");
}

TEST(RenderChoropleth, CoordinatesAreRoundedToATenthAndInsideTheCanvas) {
  auto svg = RenderChoropleth(Shapes63(), NorthernGrowthSpec());
  ASSERT_TRUE(svg);
  pugi::xml_document doc = Parse(*svg);
  for (const auto& path : ByClass(doc, "path", "province")) {
    std::vector<std::string> numbers;
    for (const auto& p : testing::PathVertices(path.attribute("d").as_string(), &numbers)) {
      EXPECT_GE(p.x, 0);
      EXPECT_LE(p.x, 640);
      EXPECT_GE(p.y, 0);
      EXPECT_LE(p.y, 720);
    }
    for (const auto& n : numbers) {
      auto dot = n.find('.');
      EXPECT_TRUE(dot == std::string::npos || n.size() - dot == 2) << n;
    }
  }
  EXPECT_LT(svg->size(), 400'000u) << "small enough to embed in a page";
}

TEST(RenderChoropleth, EighteenUnitsAfterTheMergerInEnglish) {
  const auto members = testing::RegionMembers("mien-bac-28", core::Date{2025, 7, 1});
  ASSERT_EQ(members.size(), 18u);
  ChoroplethSpec spec;
  spec.title = "Industrial production value, 2025 (illustrative)";
  spec.legend_title = "VND billion";
  spec.language = core::Language::kEnglish;
  spec.decimals = 0;
  double v = 18500;
  for (const auto& m : members) {
    spec.codes.push_back(m.code);
    spec.values[m.code] = v;
    v = std::fmod(v * 1.37 + 12345, 420000);
  }
  auto svg = RenderChoropleth(Shapes34(), spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  testing::SaveIfAsked("map_mien_bac_18_2025_level.svg", *svg);
  pugi::xml_document doc = Parse(*svg);
  EXPECT_EQ(ByClass(doc, "path", "province").size(), 18u);
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-01 ')]/title").node().child_value()),
            "Hà Nội: 18,500");
  // Every value has a class, so no "no data" entry.
  EXPECT_TRUE(ByClass(doc, "rect", "nodata").empty());
  EXPECT_EQ(ByClass(doc, "rect", "legend-swatch").size(), 5u);
}

TEST(RenderChoropleth, HolesIslandsAndCustomLabels) {
  // A wide rectangle with a hole, a small part just north of it (outside the fitted box but
  // inside the frame, which is taller than the box), and a far-off island that must neither
  // shrink the map nor be drawn; a neighbour to the south is context.
  const std::string geojson = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"ma_tinh":"01","ten_tinh":"Một"},"geometry":{"type":"MultiPolygon",
     "coordinates":[[[[100,10],[104,10],[104,11],[100,11],[100,10]],
                     [[100.5,10.2],[101.5,10.2],[101.5,10.8],[100.5,10.8],[100.5,10.2]]],
                    [[[101,11.3],[101.2,11.3],[101.2,11.5],[101,11.5],[101,11.3]]],
                    [[[112,10],[112.1,10],[112.1,10.1],[112,10.1],[112,10]]]]}},
    {"type":"Feature","properties":{"ma_tinh":"02","ten_tinh":"Hai"},"geometry":{"type":"Polygon",
     "coordinates":[[[100,9],[104,9],[104,9.9],[100,9.9],[100,9]]]}}]})";
  ChoroplethSpec spec;
  spec.codes = {"01"};
  spec.values = {{"01", 126.45}};
  spec.decimals = 2;
  spec.labels = {{"01", "Tỉnh Một"}};
  auto svg = RenderChoropleth(geojson, spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  pugi::xml_document doc = Parse(*svg);
  const std::string d = PathFor(doc, "01");
  EXPECT_EQ(testing::CountSubpaths(d), 3) << "exterior, hole and the nearby part; not the island";
  double min_x = 1e9, max_x = -1e9;
  for (const auto& p : testing::PathVertices(d)) {
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
  }
  EXPECT_GT(max_x - min_x, 400) << "fitted to the main polygon, not to the island";
  EXPECT_EQ(std::string(
                doc.select_node("//path[contains(@class,'code-01 ')]/title").node().child_value()),
            "Tỉnh Một: 126,45");
  const auto label = ByClass(doc, "text", "label").at(0);
  EXPECT_EQ(std::string(label.child_value()), "Tỉnh Một");
  // A label point passed in moves the name there (east of the middle here).
  const double default_x = label.attribute("x").as_double();
  spec.label_points = {{"01", {103.4, 10.5}}};
  pugi::xml_document moved = Parse(*RenderChoropleth(geojson, spec));
  EXPECT_GT(ByClass(moved, "text", "label").at(0).attribute("x").as_double(), default_x + 150);
  // The neighbour is context, cut at the frame.
  EXPECT_EQ(ByClass(doc, "path", "context").size(), 1u);
  spec.show_context = false;
  doc = Parse(*RenderChoropleth(geojson, spec));
  EXPECT_TRUE(ByClass(doc, "path", "context").empty());
}

// Every unit of a boundary file with an invented value, for a whole-country map.
ChoroplethSpec WholeCountrySpec(const GeoShapes& shapes, core::Language language) {
  ChoroplethSpec spec;
  spec.language = language;
  spec.title = "Cả nước";
  spec.legend_title = "Chỉ số";
  double v = 3;
  for (const GeoFeature& f : shapes.features()) {
    spec.codes.push_back(f.code);
    spec.values[f.code] = v;
    v = std::fmod(v * 1.7 + 5, 97);
  }
  return spec;
}

// The text of an inset's label lines, joined by spaces.
std::string InsetLabel(const pugi::xml_node& inset) {
  std::string out;
  for (const auto& t : inset.children("text")) {
    if (!HasClass(t, "inset-label")) continue;
    out += (out.empty() ? "" : " ") + std::string(t.child_value());
  }
  return out;
}

struct Box {
  double x0, y0, x1, y1;
};
Box RectBox(const pugi::xml_node& rect) {
  const double x = rect.attribute("x").as_double(), y = rect.attribute("y").as_double();
  return {x, y, x + rect.attribute("width").as_double(), y + rect.attribute("height").as_double()};
}

// Both shipped files: Hoàng Sa (Đà Nẵng, 48) and Trường Sa (Khánh Hòa, 56) in framed, labelled
// insets at the right, filled as their province, clear of the legend and of the mainland.
void ExpectArchipelagoInsets(const GeoShapes& shapes, core::Language language,
                             const std::string& hoang_sa, const std::string& truong_sa,
                             const std::string& saved_as) {
  const ChoroplethSpec spec = WholeCountrySpec(shapes, language);
  auto svg = RenderChoropleth(shapes, spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  testing::SaveIfAsked(saved_as, *svg);
  pugi::xml_document doc = Parse(*svg);
  const auto insets = ByClass(doc, "g", "inset");
  ASSERT_EQ(insets.size(), 2u);
  EXPECT_TRUE(HasClass(insets[0], "hoang-sa"));
  EXPECT_TRUE(HasClass(insets[1], "truong-sa"));
  EXPECT_EQ(InsetLabel(insets[0]), hoang_sa);
  EXPECT_EQ(InsetLabel(insets[1]), truong_sa);
  EXPECT_EQ(std::string(insets[0].child("title").child_value()), hoang_sa);

  const Box legend = RectBox(doc.select_node("//g[@class='legend']/rect").node());
  std::vector<Box> frames;
  for (std::size_t i = 0; i < insets.size(); ++i) {
    const std::string code = i == 0 ? "48" : "56";
    const auto frame = insets[i].select_node("rect[@class='inset-frame']").node();
    ASSERT_TRUE(frame);
    EXPECT_STREQ(frame.attribute("stroke").as_string(), "#7f7f7f");
    const Box b = RectBox(frame);
    frames.push_back(b);
    EXPECT_GT(b.x0, spec.width / 2.0) << "on the right";
    EXPECT_LE(b.x1, spec.width);
    EXPECT_GT(b.x1 - b.x0, 60);
    EXPECT_FALSE(b.x0 < legend.x1 && legend.x0 < b.x1 && b.y0 < legend.y1 && legend.y0 < b.y1)
        << "the inset covers the legend";
    // One path of islands of the archipelago's province, in its colour, inside the frame.
    std::vector<pugi::xml_node> islands;
    for (const auto& hit : insets[i].select_nodes(".//path")) {
      if (HasClass(hit.node(), "inset-island")) islands.push_back(hit.node());
    }
    ASSERT_EQ(islands.size(), 1u);
    EXPECT_TRUE(HasClass(islands[0], "code-" + code));
    const auto province = ByClass(doc, "path", "province");
    const auto main = std::find_if(province.begin(), province.end(), [&](const pugi::xml_node& p) {
      return HasClass(p, "code-" + code);
    });
    ASSERT_NE(main, province.end());
    EXPECT_STREQ(islands[0].attribute("fill").as_string(), main->attribute("fill").as_string());
    const std::string d = islands[0].attribute("d").as_string();
    EXPECT_GE(testing::CountSubpaths(d), i == 0 ? 10 : 100) << "every island, even a reef";
    for (const auto& p : testing::PathVertices(d)) {
      EXPECT_TRUE(p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1) << p.x << "," << p.y;
    }
  }
  EXPECT_LE(frames[0].y1, frames[1].y0) << "Hoàng Sa above Trường Sa, apart";
  // The insets lie in the sea: no province vertex of the main map inside them, and the
  // archipelagos are no longer drawn in the main map (Đà Nẵng east of 110°E would be there).
  for (const auto& path : ByClass(doc, "path", "province")) {
    for (const auto& p : testing::PathVertices(path.attribute("d").as_string())) {
      for (const Box& b : frames) {
        EXPECT_FALSE(p.x > b.x0 && p.x < b.x1 && p.y > b.y0 && p.y < b.y1) << p.x << "," << p.y;
      }
    }
  }
  EXPECT_LT(testing::CountSubpaths(PathFor(doc, "56")), 20) << "Trường Sa only in its inset";
}

TEST(RenderChoropleth, WholeCountryShowsHoangSaAndTruongSaInInsets) {
  ExpectArchipelagoInsets(Shapes63(), core::Language::kVietnamese,
                          "Quần đảo Hoàng Sa (TP. Đà Nẵng)", "Quần đảo Trường Sa (tỉnh Khánh Hòa)",
                          "map_ca_nuoc_63.svg");
  ExpectArchipelagoInsets(Shapes34(), core::Language::kEnglish, "Hoang Sa archipelago (Da Nang)",
                          "Truong Sa archipelago (Khanh Hoa)", "map_whole_country_34.svg");
}

TEST(RenderChoropleth, NorthernMapsHaveNoInsetsUnlessAsked) {
  ChoroplethSpec spec = NorthernGrowthSpec();
  pugi::xml_document doc = Parse(*RenderChoropleth(Shapes63(), spec));
  EXPECT_TRUE(ByClass(doc, "g", "inset").empty());
  EXPECT_TRUE(ByClass(doc, "path", "inset-island").empty());
  EXPECT_EQ(ByClass(doc, "path", "province").size(), 28u);
  // And a whole-country map may opt out.
  spec = WholeCountrySpec(Shapes34(), core::Language::kVietnamese);
  spec.show_archipelago_insets = false;
  doc = Parse(*RenderChoropleth(Shapes34(), spec));
  EXPECT_TRUE(ByClass(doc, "g", "inset").empty());
  spec.show_archipelago_insets = true;
  spec.codes = {"01"};
  doc = Parse(*RenderChoropleth(Shapes34(), spec));
  EXPECT_EQ(ByClass(doc, "g", "inset").size(), 2u) << "forced on";
}

TEST(RenderChoropleth, SharedOutlinesAreUsedByReference) {
  MapOutlines outlines;
  const ChoroplethSpec spec = NorthernGrowthSpec();
  auto first = RenderChoropleth(Shapes63(), spec, &outlines);
  ASSERT_TRUE(first);
  const std::size_t after_one = outlines.size();
  EXPECT_GE(after_one, 28u);
  ChoroplethSpec levels = spec;
  levels.scale = ChoroplethSpec::Scale::kSequential;
  auto second = RenderChoropleth(Shapes63(), levels, &outlines);
  ASSERT_TRUE(second);
  EXPECT_EQ(outlines.size(), after_one) << "the same outlines again";
  EXPECT_EQ(first->find("<path class=\"province"), std::string::npos);
  pugi::xml_document doc = Parse(*first);
  const auto uses = ByClass(doc, "use", "province");
  ASSERT_EQ(uses.size(), 28u);
  pugi::xml_document defs = Parse(outlines.Defs());
  for (const auto& use : uses) {
    const std::string id = std::string(use.attribute("href").as_string()).substr(1);
    const auto path = defs.select_node(("//path[@id='" + id + "']").c_str()).node();
    ASSERT_TRUE(path) << id;
    EXPECT_STREQ(path.attribute("fill-rule").as_string(), "evenodd");
    EXPECT_FALSE(std::string(use.attribute("fill").as_string()).empty());
  }
  // The standalone drawing has the same outlines inline.
  pugi::xml_document alone = Parse(*RenderChoropleth(Shapes63(), spec));
  const std::string id =
      std::string(ByClass(doc, "use", "code-01").at(0).attribute("href").as_string()).substr(1);
  EXPECT_EQ(
      PathFor(alone, "01"),
      defs.select_node(("//path[@id='" + id + "']").c_str()).node().attribute("d").as_string());
}

TEST(RenderChoropleth, ErrorsNameWhatIsWrong) {
  ChoroplethSpec spec;
  EXPECT_EQ(RenderChoropleth(Shapes63(), spec).error().code, core::ErrorCode::kInvalidArgument);
  spec.codes = {"01", "99", "XX"};
  auto missing = RenderChoropleth(Shapes63(), spec);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message_en.find("99, XX"), std::string::npos);
  EXPECT_NE(missing.error().message_vi.find("99, XX"), std::string::npos);
  EXPECT_EQ(RenderChoropleth("[]", spec).error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lienket::report
