#include "report/report_html.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <regex>
#include <set>

#include "report/svg_common.hpp"
#include "report/svg_test_util.hpp"

namespace lienket::report {
namespace {

using core::Decimal;
using core::Language;
using core::Period;
using testing::ByClass;
using testing::HasClass;

// A report of mien-bac-28 built from invented figures that follow a rule, so that every
// expectation below can be read off the rule: member i (in code order) sold 1000 + 37·i tỷ đồng
// (950 + 31·i a year earlier; the first member's figure "trên", a lower bound; even members
// estimates, odd ones official), and its IIP is 95 + i/2 (so the first ten fell).
class HtmlReportTest : public ::testing::Test {
 protected:
  stats::testing::ShippedCatalogs shipped_;

  const stats::Region& Region(const std::string& key) {
    for (const stats::Region& r : shipped_.data.regions) {
      if (r.key == key) return r;
    }
    throw std::runtime_error("no region " + key);
  }
  void Add(std::vector<stats::Observation>* rows, int unit_id, const std::string& indicator,
           const std::string& period, const Decimal& value, const std::string& basis,
           stats::VintageStatus status = stats::VintageStatus::kOfficial,
           stats::Qualifier q = stats::Qualifier::kExact) {
    stats::Observation o;
    o.unit_id = unit_id;
    o.indicator_id = indicator;
    o.period = *Period::Parse(period);
    o.value = value;
    o.basis = basis;
    o.status = status;
    o.qualifier = q;
    o.source = "Sở Công Thương (số liệu thử)";
    o.as_of = core::Date{2026, 1, 10};
    rows->push_back(o);
  }
  static Decimal Ty(std::int64_t ty_dong) { return Decimal::FromInt(ty_dong * 1'000'000'000); }

  RegionalReport Build(const std::string& period_code, bool with_previous, bool illustrative) {
    const Period period = *Period::Parse(period_code);
    const Period previous = period.SamePeriodPreviousYear();
    const stats::Region& region = Region("mien-bac-28");
    members_ = region.MembersOn(period.EndDate(), shipped_.units);
    ReportInput in;
    in.region = &region;
    in.period = period;
    in.as_of = core::Date{2026, 2, 1};
    in.illustrative = illustrative;
    in.units = &shipped_.units;
    in.indicators = &shipped_.indicators;
    in.regions = &shipped_.data.regions;
    in.profiles = shipped_.data.profiles;
    for (std::size_t i = 0; i < members_.size(); ++i) {
      const int n = static_cast<int>(i);
      const int id = members_[i]->id;
      Add(&in.rows, id, "retail_sales", period_code, Ty(1000 + 37 * n), "goods_and_services",
          n % 2 == 0 ? stats::VintageStatus::kEstimate : stats::VintageStatus::kOfficial,
          n == 0 ? stats::Qualifier::kLowerBound : stats::Qualifier::kExact);
      if (with_previous) {
        Add(&in.rows, id, "retail_sales", previous.Code(), Ty(950 + 31 * n), "goods_and_services");
      }
      Add(&in.rows, id, "iip", period_code, *Decimal::Parse(std::to_string(95 + n / 2.0)),
          "whole_industry");
    }
    const int nation = shipped_.units.FindByKey("vn")->id;
    Add(&in.rows, nation, "retail_sales", period_code, Ty(3'000'000), "goods_and_services");
    Add(&in.rows, nation, "retail_sales", previous.Code(), Ty(2'800'000), "goods_and_services");
    auto built = BuildReport(in);
    if (!built) throw std::runtime_error(built.error().message_en);
    return std::move(*built);
  }

  GeoShapes Boundaries(const Period& period) {
    auto shapes = GeoShapes::Parse(ReadSourceFileAt(BoundaryFileFor(period)));
    if (!shapes) throw std::runtime_error(shapes.error().message_en);
    return std::move(*shapes);
  }
  static std::string ReadSourceFileAt(std::string_view path) {
    return testing::ReadSourceFile(std::string(path));
  }

  // The inline drawings of one kind of figure ("map", "chart"), parsed.
  static std::vector<std::string> Figures(const std::string& html, const std::string& kind) {
    std::vector<std::string> out;
    const std::string open = "<figure class=\"" + kind + "\">\n";
    for (std::size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
      std::size_t start = at + open.size();
      std::size_t end = html.find("</svg>", start);
      out.push_back(html.substr(start, end + 6 - start));
    }
    return out;
  }
  static const IndicatorSection& Section(const RegionalReport& report, const std::string& id) {
    for (const PeriodSection& s : report.sections) {
      if (s.period != report.period) continue;
      for (const IndicatorSection& i : s.indicators) {
        if (i.result.indicator->id == id) return i;
      }
    }
    throw std::runtime_error("no section " + id);
  }

  std::vector<const stats::AdminUnit*> members_;
};

TEST_F(HtmlReportTest, PageIsOneSelfContainedHtml5DocumentInVietnamese) {
  RegionalReport report = Build("2024-H1", true, true);
  auto html = RenderHtml(report, Language::kVietnamese, Boundaries(report.period));
  ASSERT_TRUE(html) << html.error().message_en;
  EXPECT_EQ(html->rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0), 0u);
  EXPECT_NE(html->find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html->find("<style>"), std::string::npos);
  // Nothing is fetched: no URL, script, stylesheet link, image source or CSS url().
  for (const char* banned : {"http://", "https://", "<script", "<link", " src=", "url("}) {
    EXPECT_EQ(html->find(banned), std::string::npos) << banned;
  }
  // The illustrative notice on the page and in the margin of every printed page.
  const std::string headline = svg::Escape(IllustrativeNotice(Language::kVietnamese).headline);
  EXPECT_NE(html->find("<div class=\"notice\""), std::string::npos);
  EXPECT_NE(
      html->find("@top-center { content: \"" + IllustrativeNotice(Language::kVietnamese).headline),
      std::string::npos);
  EXPECT_NE(html->find("@page { size: A4"), std::string::npos);

  auto english =
      RenderHtml(Build("2024-H1", true, false), Language::kEnglish, Boundaries(report.period));
  ASSERT_TRUE(english);
  EXPECT_EQ(english->rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_EQ(english->find("class=\"notice\""), std::string::npos);
}

TEST_F(HtmlReportTest, CarriesTheParagraphsAndTheTablesInVietnameseNumbers) {
  RegionalReport report = Build("2024-H1", true, false);
  auto html = RenderHtml(report, Language::kVietnamese, Boundaries(report.period));
  ASSERT_TRUE(html);
  const IndicatorSection& retail = Section(report, "retail_sales");
  const std::string paragraph = IndicatorParagraph(retail.result, Language::kVietnamese);
  ASSERT_NE(paragraph.find("Tổng mức bán lẻ hàng hóa"), std::string::npos);
  EXPECT_NE(html->find("<p>" + svg::Escape(paragraph) + "</p>"), std::string::npos);
  EXPECT_NE(html->find(svg::Escape(ProfileParagraph(report, Language::kVietnamese))),
            std::string::npos);
  // The first member: "trên 1.000,0*" (a lower bound and an estimate), right-aligned.
  EXPECT_NE(html->find("<td class=\"num\">trên 1.000,0*</td>"), std::string::npos);
  // The largest, 1000 + 37·27 = 1999 tỷ đồng, ranks first; growth (1999 / 1787 − 1) = 11,9%.
  EXPECT_NE(html->find("<td class=\"num\">1</td><td class=\"text\">" +
                       UnitName(*members_.back(), Language::kVietnamese) +
                       "</td><td class=\"num\">1.999,0</td><td class=\"num\">11,9</td>"),
            std::string::npos);
  // Captions number the tables and figures.
  EXPECT_NE(html->find("<caption><span class=\"label\">Bảng 1.</span>"), std::string::npos);
  EXPECT_NE(html->find("<figcaption><span class=\"label\">Hình 1.</span>"), std::string::npos);
  // The period without figures says so.
  EXPECT_NE(html->find(NoFiguresParagraph(Language::kVietnamese)), std::string::npos);
}

TEST_F(HtmlReportTest, MapDrawsEveryMemberOnceAndTheChartEveryProvinceWithGrowth) {
  RegionalReport report = Build("2024-H1", true, false);
  auto html = RenderHtml(report, Language::kVietnamese, Boundaries(report.period));
  ASSERT_TRUE(html);
  ASSERT_EQ(members_.size(), 28u);
  // One map per indicator of the main period (retail levels, IIP growth), none for 2023.
  std::vector<std::string> maps = Figures(*html, "map");
  ASSERT_EQ(maps.size(), 2u);
  // The maps share the outlines the page carries once, right after <body>.
  const std::string open_defs = "<body>\n<svg class=\"map-outlines\"";
  const std::size_t defs_at = html->find(open_defs);
  ASSERT_NE(defs_at, std::string::npos);
  pugi::xml_document defs;
  ASSERT_TRUE(defs.load_string(
      html->substr(defs_at + 7, html->find("</svg>", defs_at) + 6 - defs_at - 7).c_str()));
  std::set<std::string> used;
  for (const std::string& map : maps) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(map.c_str())) << map.substr(0, 200);
    const auto provinces = ByClass(doc, "use", "province");
    EXPECT_EQ(provinces.size(), members_.size());
    for (const stats::AdminUnit* u : members_) {
      EXPECT_EQ(ByClass(doc, "use", "code-" + u->code).size(), 1u) << u->name_vi;
    }
    for (const auto& use : doc.select_nodes("//use")) {
      const std::string id = std::string(use.node().attribute("href").as_string()).substr(1);
      EXPECT_TRUE(defs.select_node(("//path[@id='" + id + "']").c_str())) << id;
      used.insert(id);
    }
  }
  EXPECT_EQ(used.size(), defs.select_nodes("//path").size()) << "every outline is used";
  // Both maps have the same frame here, so the second adds no outline of its own.
  pugi::xml_document first;
  ASSERT_TRUE(first.load_string(maps[0].c_str()));
  EXPECT_EQ(used.size(), first.select_nodes("//use").size());
  // Growth chart: a bar per member with a growth figure and the national reference line
  // (3.000.000 / 2.800.000 − 1 = 7,1%). Retail of even members is an estimate, and the first
  // a lower bound: those bars are hatched. IIP figures are official: no hatching.
  std::vector<std::string> charts = Figures(*html, "chart");
  ASSERT_EQ(charts.size(), 2u);
  pugi::xml_document retail;
  ASSERT_TRUE(retail.load_string(charts[1].c_str()));
  const auto bars = ByClass(retail, "g", "bar");
  EXPECT_EQ(bars.size(), members_.size());
  int hatched = 0;
  for (const auto& bar : bars) hatched += HasClass(bar, "hatched");
  EXPECT_EQ(hatched, 14);
  EXPECT_EQ(ByClass(retail, "line", "reference").size(), 1u);
  EXPECT_NE(charts[1].find("7,1%"), std::string::npos);
  pugi::xml_document iip;
  ASSERT_TRUE(iip.load_string(charts[0].c_str()));
  EXPECT_EQ(ByClass(iip, "g", "negative").size(), 10u);  // 95 … 99,5
  EXPECT_EQ(ByClass(iip, "g", "hatched").size(), 0u);
}

TEST_F(HtmlReportTest, BoundariesFollowThePeriodAcrossThe2025Merger) {
  EXPECT_EQ(BoundaryFileFor(*Period::Parse("2025-H1")), "data/geo/provinces_63_2008_2025.geojson");
  EXPECT_EQ(BoundaryFileFor(*Period::Parse("2025-06")), "data/geo/provinces_63_2008_2025.geojson");
  EXPECT_EQ(BoundaryFileFor(*Period::Parse("2025-07")), "data/geo/provinces_34_2025.geojson");
  EXPECT_EQ(BoundaryFileFor(*Period::Parse("2025-9M")), "data/geo/provinces_34_2025.geojson");
  EXPECT_EQ(OtherBoundaryFile(BoundaryFileFor(*Period::Parse("2024"))),
            "data/geo/provinces_34_2025.geojson");

  RegionalReport report = Build("2025-H2", false, false);
  ASSERT_LT(members_.size(), 28u);  // the merged units
  GeoShapes shapes = Boundaries(report.period);
  EXPECT_TRUE(CodesMissingFrom(shapes, report).empty());
  auto html = RenderHtml(report, Language::kVietnamese, shapes);
  ASSERT_TRUE(html) << html.error().message_en;
  std::vector<std::string> maps = Figures(*html, "map");
  ASSERT_FALSE(maps.empty());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(maps[0].c_str()));
  EXPECT_EQ(ByClass(doc, "use", "province").size(), members_.size());
  EXPECT_NE(html->find("Ranh giới 34 đơn vị hành chính cấp tỉnh từ ngày 01/07/2025"),
            std::string::npos);
  // No retail figure a year earlier, so no retail growth chart; the IIP is its own growth.
  EXPECT_EQ(Figures(*html, "chart").size(), 1u);

  // A file without some members' codes is named as unfit.
  auto partial = GeoShapes::Parse(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ma_tinh":"01"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[105,21],[106,21],[106,22],[105,21]]]}}]})");
  ASSERT_TRUE(partial) << partial.error().message_en;
  EXPECT_EQ(CodesMissingFrom(*partial, report).size(), members_.size() - 1);
  auto refused = RenderHtml(report, Language::kVietnamese, *partial);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kNotFound);
}

TEST_F(HtmlReportTest, ForConvertersTheFiguresBecomeImageFilesBesideThePage) {
  RegionalReport report = Build("2024-H1", true, true);
  auto page =
      RenderHtmlWithImageFiles(report, Language::kVietnamese, Boundaries(report.period), "png");
  ASSERT_TRUE(page) << page.error().message_en;
  EXPECT_EQ(page->html.find("<svg"), std::string::npos);
  ASSERT_EQ(page->figures.size(), 4u);  // chart and map for retail and IIP
  for (const HtmlFigure& f : page->figures) {
    EXPECT_NE(page->html.find("<img src=\"" + f.file_name + "\""), std::string::npos);
    EXPECT_EQ(f.svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_GT(f.width, 0);
    EXPECT_GT(f.height, 0);
  }
  EXPECT_EQ(page->figures[0].file_name, "figure-1.png");
  // pandoc builds its title page from these.
  EXPECT_NE(page->html.find("<title>" + ReportSubject(report, Language::kVietnamese) + "</title>"),
            std::string::npos);
  EXPECT_NE(page->html.find("<meta name=\"subtitle\" content=\"6 tháng đầu năm 2024\">"),
            std::string::npos);
  // Numbers keep their alignment in DOCX tables.
  EXPECT_NE(page->html.find("<td class=\"num\" style=\"text-align:right\">"), std::string::npos);
}

TEST_F(HtmlReportTest, SharedTableCellsCarryTheTextAndTheNumberShown) {
  RegionalReport report = Build("2024-H1", true, false);
  ReportTable t = ProvinceTable(Section(report, "retail_sales").result, Language::kVietnamese);
  ASSERT_EQ(t.columns.size(), 7u);
  EXPECT_EQ(t.columns[2].header,
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng (tỷ đồng)");
  EXPECT_TRUE(t.columns[3].percent);
  const TableRow* first = nullptr;
  for (const TableRow& row : t.rows) {
    if (row.cells[1].text == members_[0]->name_vi) first = &row;
  }
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->cells[2].text, "trên 1.000,0*");
  EXPECT_EQ(first->cells[2].number->ToString(), "1000");
  EXPECT_EQ(first->qualifier, stats::Qualifier::kLowerBound);
  EXPECT_EQ(first->status, stats::VintageStatus::kEstimate);
  // (1000 / 950 − 1) = 5,263…%: the text rounds, the number does not.
  EXPECT_EQ(first->cells[3].text, "5,3");
  EXPECT_EQ(first->cells[3].number->Rounded(3).ToString(), "5.263");
}

}  // namespace
}  // namespace lienket::report
