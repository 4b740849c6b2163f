#include "report/svg_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "report/svg_test_util.hpp"

namespace lienket::report {
namespace {

using testing::ByClass;
using testing::HasClass;

pugi::xml_document Parse(const std::string& svg) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(svg.c_str());
  EXPECT_TRUE(parsed) << parsed.description();
  return doc;
}

struct DrawnBar {
  std::string title;
  double x0, x1, y;
};

std::vector<DrawnBar> Bars(const pugi::xml_document& doc) {
  std::vector<DrawnBar> out;
  for (const auto& g : ByClass(doc, "g", "bar")) {
    const auto rect = g.child("rect");
    const double x = rect.attribute("x").as_double();
    out.push_back({g.child("title").child_value(), x, x + rect.attribute("width").as_double(),
                   rect.attribute("y").as_double()});
  }
  return out;
}

double LineX(const pugi::xml_document& doc, const std::string& cls) {
  return ByClass(doc, "line", cls).at(0).attribute("x1").as_double();
}

BarChartSpec Sample() {
  BarChartSpec spec;
  spec.title = "Tăng trưởng IIP 6 tháng đầu năm 2025 so với cùng kỳ";
  spec.x_axis_label = "%";
  spec.reference = 9.6;
  spec.bars = {{"Hà Nội", 8.0},
               {"Bắc Ninh", 12.0},
               {"Hòa Bình", -3.25},
               {"Hải Phòng", 21.5, true},
               {"Lai Châu", 1234.5}};
  return spec;
}

TEST(RenderGrowthBars, SortedWithTheNationalLineBetweenLowerAndHigher) {
  BarChartSpec spec = Sample();
  spec.bars.pop_back();  // without the outlier
  auto svg = RenderGrowthBars(spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  pugi::xml_document doc = Parse(*svg);
  const auto bars = Bars(doc);
  ASSERT_EQ(bars.size(), 4u);
  EXPECT_EQ(bars[0].title, "Hải Phòng: 21,5%");
  EXPECT_EQ(bars[1].title, "Bắc Ninh: 12,0%");
  EXPECT_EQ(bars[2].title, "Hà Nội: 8,0%");
  EXPECT_EQ(bars[3].title, "Hòa Bình: \u22123,3%") << "rounded half away from zero";
  for (std::size_t i = 1; i < bars.size(); ++i) EXPECT_GT(bars[i].y, bars[i - 1].y);

  const double national = LineX(doc, "reference");
  EXPECT_GT(national, bars[2].x1) << "9.6 is right of the 8.0 bar's end";
  EXPECT_LT(national, bars[1].x1) << "and left of the 12.0 bar's end";
  EXPECT_EQ(std::string(ByClass(doc, "text", "reference-label").at(0).child_value()),
            "Cả nước 9,6%");

  // Negative bars end at zero from the left, positive ones start there.
  const double zero = LineX(doc, "zero");
  EXPECT_NEAR(bars[3].x1, zero, 0.11);
  EXPECT_LT(bars[3].x0, zero);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(bars[i].x0, zero, 0.11);

  // The estimate is set apart, and the legend says why.
  const auto groups = ByClass(doc, "g", "bar");
  EXPECT_TRUE(HasClass(groups[0], "hatched"));
  EXPECT_STREQ(groups[0].child("rect").attribute("stroke-dasharray").as_string(), "3 2");
  EXPECT_TRUE(HasClass(groups[3], "negative"));
  EXPECT_NE(svg->find("Ước tính hoặc cận dưới"), std::string::npos);
}

TEST(RenderGrowthBars, EnglishNumbersAndLabelsInsideTheCanvas) {
  BarChartSpec spec = Sample();
  spec.language = core::Language::kEnglish;
  spec.sort_descending = false;
  auto svg = RenderGrowthBars(spec);
  ASSERT_TRUE(svg);
  testing::SaveIfAsked("bars_small_en.svg", *svg);
  pugi::xml_document doc = Parse(*svg);
  EXPECT_EQ(Bars(doc).at(4).title, "Lai Châu: 1,234.5%") << "given order kept";
  EXPECT_EQ(std::string(ByClass(doc, "text", "reference-label").at(0).child_value()),
            "National 9.6%");
  // Value labels stay inside the drawing (estimated widths, with the padding reserved).
  const double width = doc.child("svg").attribute("width").as_double();
  for (const auto& t : ByClass(doc, "text", "value")) {
    const double x = t.attribute("x").as_double();
    EXPECT_GE(x, 0);
    EXPECT_LE(x, width);
  }
}

TEST(RenderGrowthBars, NorthernProvinces) {
  const auto members = testing::RegionMembers("mien-bac-28", core::Date{2024, 12, 31});
  BarChartSpec spec;
  spec.title = "Tăng trưởng chỉ số sản xuất công nghiệp năm 2024 (số liệu minh hoạ)";
  spec.x_axis_label = "Tăng so với cùng kỳ (%)";
  spec.reference = 8.4;
  double v = 3.7;
  for (const auto& m : members) {
    spec.bars.push_back({m.name, v - 4, m.code == "15" || m.code == "36"});
    v = std::fmod(v * 7.3 + 2.9, 26.0);
  }
  auto svg = RenderGrowthBars(spec);
  ASSERT_TRUE(svg);
  testing::SaveIfAsked("bars_mien_bac_28.svg", *svg);
  pugi::xml_document doc = Parse(*svg);
  const auto bars = Bars(doc);
  ASSERT_EQ(bars.size(), 28u);
  // Sorted: the signed end of each bar (right end if positive, left end if negative) moves
  // left from top to bottom.
  const double zero = LineX(doc, "zero");
  auto end = [&](const DrawnBar& b) { return b.x0 < zero - 0.05 ? b.x0 : b.x1; };
  for (std::size_t i = 1; i < bars.size(); ++i) {
    EXPECT_GE(end(bars[i - 1]) + 0.05, end(bars[i])) << bars[i].title;
  }
  EXPECT_LT(bars.back().x0, zero - 1) << "the lowest value is a decline";
}

TEST(RenderGrowthBars, RefusesBadInput) {
  BarChartSpec spec;
  EXPECT_EQ(RenderGrowthBars(spec).error().code, core::ErrorCode::kInvalidArgument);
  spec.bars = {{"A", NAN}};
  EXPECT_FALSE(RenderGrowthBars(spec));
  spec.bars = {{"A", 1}};
  spec.reference = INFINITY;
  EXPECT_FALSE(RenderGrowthBars(spec));
}

TEST(RenderTimeSeries, LinesBreakAtGapsAndBarsGroup) {
  TimeSeriesSpec spec;
  spec.title = "Kim ngạch xuất khẩu theo tháng";
  spec.y_axis_label = "Triệu USD";
  for (int m = 1; m <= 12; ++m) spec.periods.push_back("T" + std::to_string(m) + "/2024");
  Series a{"Bắc Ninh", {}, {}};
  Series b{"Hải Phòng", {}, {}};
  for (int m = 1; m <= 12; ++m) {
    a.values.push_back(m == 5 ? std::nullopt : std::optional<double>(5000 + 250.5 * m));
    b.values.push_back(3000 + 410.25 * m);
    b.estimated.push_back(m == 12);
  }
  spec.series = {a, b};
  auto svg = RenderTimeSeries(spec);
  ASSERT_TRUE(svg) << svg.error().Bilingual();
  testing::SaveIfAsked("series_lines.svg", *svg);
  pugi::xml_document doc = Parse(*svg);
  const auto lines = ByClass(doc, "path", "line");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(testing::CountSubpaths(lines[0].attribute("d").as_string()), 2) << "gap in May";
  EXPECT_EQ(ByClass(doc, "path", "series-0").size(), 1u + 11u);
  EXPECT_EQ(std::string(ByClass(doc, "path", "series-1").back().child("title").child_value()),
            "Hải Phòng, T12/2024: 7.923,0");
  EXPECT_STREQ(ByClass(doc, "path", "series-1").back().attribute("fill").as_string(), "#ffffff");

  spec.style = TimeSeriesSpec::Style::kBars;
  svg = RenderTimeSeries(spec);
  ASSERT_TRUE(svg);
  testing::SaveIfAsked("series_bars.svg", *svg);
  doc = Parse(*svg);
  const auto bars = ByClass(doc, "rect", "bar");
  EXPECT_EQ(bars.size(), 23u);
  // Grouped: in January, Bắc Ninh's bar is left of Hải Phòng's.
  EXPECT_LT(ByClass(doc, "rect", "series-0")[0].attribute("x").as_double(),
            ByClass(doc, "rect", "series-1")[0].attribute("x").as_double());

  spec.series[0].values.pop_back();
  EXPECT_EQ(RenderTimeSeries(spec).error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lienket::report
