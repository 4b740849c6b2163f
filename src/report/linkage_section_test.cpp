// The "Liên kết" section of the regional report, built from a flow ledger with known deals:
// in H1 2024 Bắc Giang sold 3.6 billion đồng of lychee to Thanh Hóa (both among the 28 provinces)
// and Lạng Sơn 1.2 billion to Quảng Nam (outside the region); Thanh Hóa sold 0.6 billion back to
// Bắc Giang, 0.25 billion of it delivered by the 3-month follow-up; in H1 2023 Bắc Giang sold 2.4
// billion to Thanh Hóa.
// The paragraph, the tables and the JSON must carry exactly these figures in every format, say
// what the data do not cover, and say when the deals are illustrative.
#include "report/linkage_section.hpp"

#include <gtest/gtest.h>

#include "report/report_html.hpp"
#include "stats/stats_test_util.hpp"

namespace lienket::report {
namespace {

using core::Date;
using core::Decimal;
using core::Period;

class LinkageSectionTest : public ::testing::Test {
 protected:
  stats::testing::ShippedCatalogs shipped_;

  int U(std::string_view key) { return shipped_.units.FindByKey(key)->id; }
  const stats::Region& Region(const std::string& key) {
    for (const stats::Region& r : shipped_.data.regions)
      if (r.key == key) return r;
    throw std::runtime_error("no region " + key);
  }
  linkage::Deal D(std::int64_t id, std::string_view from, std::string_view to, Date on,
                  std::int64_t million, std::int64_t event = 0) {
    linkage::Deal d;
    d.id = id;
    d.title = "deal";
    d.signed_on = on;
    d.seller_id = 1;
    d.buyer_id = 2;
    d.origin_unit_id = U(from);
    d.destination_unit_id = U(to);
    d.event_id = event;
    d.lines.push_back({"Vải thiều", 0, linkage::ProductGroup::Ocop(linkage::OcopGroup::kFood),
                       Decimal::FromInt(10), linkage::ProductUnit::kTonne,
                       Decimal::FromInt(million * 1'000'000)});
    return d;
  }

  RegionalReport Build(bool illustrative) {
    const stats::Region& region = Region("mien-bac-28");
    ReportInput in;
    in.region = &region;
    in.period = *Period::Parse("2024-H1");
    in.as_of = Date{2026, 2, 1};
    in.illustrative = illustrative;
    in.units = &shipped_.units;
    in.indicators = &shipped_.indicators;
    in.regions = &shipped_.data.regions;
    in.profiles = shipped_.data.profiles;
    std::vector<linkage::Deal> deals = {
        D(1, "bac-giang", "thanh-hoa", Date{2024, 5, 20}, 3600, 9),
        D(2, "thanh-hoa", "bac-giang", Date{2024, 3, 2}, 600),
        D(3, "lang-son", "quang-nam", Date{2024, 6, 1}, 1200, 9),
        D(4, "bac-giang", "thanh-hoa", Date{2023, 6, 1}, 2400),
    };
    std::vector<linkage::FollowUp> fus = {
        {2, 3, Date{2024, 6, 2}, {{Decimal::FromInt(4), Decimal::FromInt(250'000'000)}}, "", 0}};
    linkage::FlowRequest req;
    req.period = in.period;
    req.unit_ids = region.member_unit_ids;
    LinkageFlows flows;
    flows.contracted = linkage::BuildFlowMatrix(deals, fus, shipped_.units, req);
    req.basis = linkage::FlowBasis::kDelivered;
    flows.delivered = linkage::BuildFlowMatrix(deals, fus, shipped_.units, req);
    flows.illustrative = illustrative;
    in.linkage = flows;
    auto report = BuildReport(in);
    if (!report) throw std::runtime_error(report.error().message_en);
    return *report;
  }
};

TEST_F(LinkageSectionTest, ParagraphStatesTheFiguresAndTheirLimits) {
  RegionalReport report = Build(false);
  const std::string vi = LinkageParagraph(report, Language::kVietnamese);
  EXPECT_NE(vi.find("ghi nhận 3 hợp đồng"), std::string::npos) << vi;
  EXPECT_NE(vi.find("tổng giá trị 5,40 tỷ đồng"), std::string::npos) << vi;
  EXPECT_NE(vi.find("tăng 125,0% so với cùng kỳ"), std::string::npos) << vi;  // 5.4 vs 2.4
  EXPECT_NE(vi.find("4,20 tỷ đồng giữa các tỉnh trong vùng, 1,20 tỷ đồng từ vùng đi tỉnh ngoài "
                    "vùng và 0,00 tỷ đồng từ ngoài vùng vào"),
            std::string::npos)
      << vi;
  EXPECT_NE(vi.find("Bán đi nhiều nhất: Bắc Giang (3,60 tỷ đồng, cán cân +3,00)"),
            std::string::npos)
      << vi;
  EXPECT_NE(vi.find("Cặp lớn nhất: Bắc Giang → Thanh Hóa (3,60 tỷ đồng, chiều ngược lại 0,60 tỷ "
                    "đồng)"),
            std::string::npos)
      << vi;
  EXPECT_NE(vi.find("2 hợp đồng được ký sau 1 sự kiện"), std::string::npos) << vi;
  EXPECT_NE(vi.find("đã giao trị giá 0,25 tỷ đồng"), std::string::npos) << vi;
  EXPECT_NE(vi.find("không phải toàn bộ hàng hóa"), std::string::npos) << vi;
  EXPECT_EQ(vi.find("minh họa"), std::string::npos);
  const std::string en = LinkageParagraph(report, Language::kEnglish);
  EXPECT_NE(en.find("worth 5.40 billion đồng"), std::string::npos) << en;
  EXPECT_NE(LinkageParagraph(Build(true), Language::kVietnamese).find("Số liệu minh họa"),
            std::string::npos);
}

TEST_F(LinkageSectionTest, TablesAndEveryFormatCarryTheSection) {
  RegionalReport report = Build(true);
  ReportTable provinces = LinkageProvinceTable(report, Language::kVietnamese);
  ASSERT_EQ(provinces.rows.size(), 3U);  // Bắc Giang, Lạng Sơn, Thanh Hóa (by sales)
  EXPECT_EQ(provinces.rows[0].cells[0].text, "Bắc Giang");
  EXPECT_EQ(provinces.rows[0].cells[1].text, "3,60");
  EXPECT_EQ(provinces.rows[0].cells[2].text, "0,60");
  EXPECT_EQ(provinces.rows[0].cells[3].text, "3,00");
  EXPECT_EQ(provinces.rows[0].cells[4].text, "50,0");  // 3.6 vs 2.4
  EXPECT_EQ(provinces.rows[2].cells[0].text, "Thanh Hóa");
  EXPECT_EQ(provinces.rows[2].cells[3].text, "-3,00");
  ReportTable pairs = LinkagePairTable(report, Language::kEnglish);
  ASSERT_EQ(pairs.rows.size(), 3U);
  EXPECT_EQ(pairs.rows[1].cells[1].text, "Lang Son");
  EXPECT_EQ(pairs.rows[1].cells[2].text, "Quang Nam");
  EXPECT_EQ(pairs.rows[1].cells[4].text, "—");

  const std::string md = RenderMarkdown(report, Language::kVietnamese);
  EXPECT_NE(md.find("## Liên kết vùng: luồng hàng hai chiều"), std::string::npos);
  EXPECT_NE(md.find("| Bắc Giang | 3,60 | 0,60 | 3,00 | 50,0 | 1 / 1 |"), std::string::npos) << md;
  const nlohmann::json j = RenderJson(report);
  ASSERT_TRUE(j.contains("linkage"));
  EXPECT_EQ(j["linkage"]["total"], "5400000000");
  EXPECT_EQ(j["linkage"]["previous_total"], "2400000000");
  EXPECT_EQ(j["linkage"]["change_pct"], "125");
  EXPECT_EQ(j["linkage"]["illustrative"], true);
  EXPECT_EQ(j["linkage"]["top_pairs"][0]["from"], "bac-giang");
  auto shapes =
      GeoShapes::Parse(stats::testing::ReadSourceFile(std::string(BoundaryFileFor(report.period))));
  ASSERT_TRUE(shapes) << shapes.error().message_en;
  auto html = RenderHtml(report, Language::kEnglish, *shapes);
  ASSERT_TRUE(html) << html.error().message_en;
  EXPECT_NE(html->find("Linkage: two-way flows of goods"), std::string::npos);
  EXPECT_NE(html->find("Largest province pairs by contract value"), std::string::npos);
}

TEST_F(LinkageSectionTest, NoLinkageMeansNoSection) {
  RegionalReport report = Build(false);
  report.linkage.reset();
  EXPECT_EQ(RenderMarkdown(report, Language::kVietnamese).find("Liên kết vùng"), std::string::npos);
  EXPECT_FALSE(RenderJson(report).contains("linkage"));
}

}  // namespace
}  // namespace lienket::report
