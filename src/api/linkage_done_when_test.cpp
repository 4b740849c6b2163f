// Issue 5's "done when", in one pass over HTTP on a fresh database, as the people involved would
// go: an OCOP producer in Bắc Giang posts lychee and its Department approves it; a supermarket in
// Thanh Hóa posts a request and is matched to the lychee with the reasons shown; both register
// for the next trade-promotion event, the matching proposes their meeting, the seller accepts,
// the scheduler gives it a slot and a table, the organiser finalises, both check in and record
// it held; the seller records the deal from that meeting; the deal appears in the two-way flow
// matrix (Bắc Giang counted as the Bắc Ninh it merged into in 2025) and in the "Liên kết"
// section of the regional report. (The lead province's overdue tasks are
// cooperation_http_test.cpp's TheLeadProvinceSeesOverdueTasksByOwner.)
#include <fmt/format.h>

#include "api/http_test_util.hpp"
#include "linkage/tax_code.hpp"

namespace lienket::api {
namespace {

using nlohmann::json;
using testing::Answer;
using testing::Caller;
using testing::TestServer;

std::string TaxCode(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}

core::Date Plus(core::Date d, int days) {
  while (days-- > 0) {
    if (++d.day > core::DaysInMonth(d.year, d.month)) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
  }
  return d;
}

class LinkageDoneWhenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddUser("dn.bacgiang", access::Role::kEnterprise);
    server_.AddUser("dn.thanhhoa", access::Role::kEnterprise);
    server_.AddUser("officer.bg", access::Role::kOfficer, "bac-giang");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa");
    server_.AddUser("coord", access::Role::kCoordinator, std::nullopt, "mien-bac-28");
    server_.Start();
  }
  std::unique_ptr<Caller> As(const std::string& login) {
    auto c = std::make_unique<Caller>(server_.port());
    EXPECT_EQ(c->Login(login).status, 200) << login;
    return c;
  }
  static json Created(const Answer& a, const std::string& field) {
    EXPECT_EQ(a.status, 201) << a.body;
    return a.Json()[field];
  }
  TestServer server_;
};

TEST_F(LinkageDoneWhenTest, LycheeFromBacGiangMeetsAThanhHoaBuyerAndReachesTheFlowsAndReport) {
  auto bg = As("dn.bacgiang");
  auto th = As("dn.thanhhoa");
  auto officer_bg = As("officer.bg");
  auto officer_th = As("officer.th");
  const core::Date today = core::Date::Today();
  const json window = {{"from", today.ToString()}, {"to", Plus(today, 60).ToString()}};

  // The OCOP producer and its lychee offer, approved by Bắc Giang's Department.
  std::int64_t coop =
      Created(bg->Post("/api/linkage/organisations", {{"kind", "HTX"},
                                                      {"name", "HTX Vải thiều Phượng Sơn"},
                                                      {"tax_code", TaxCode(240700001)},
                                                      {"unit", "bac-giang"},
                                                      {"registered_on", "2019-03-15"}}),
              "organisation")["id"];
  std::int64_t lychee =
      Created(bg->Post("/api/linkage/products", {{"organisation", coop},
                                                 {"name_vi", "Vải thiều Lục Ngạn"},
                                                 {"vcpa", "01215"},
                                                 {"ocop_stars", "4"},
                                                 {"ocop_group", "food"},
                                                 {"ocop_certified_on", today.ToString()},
                                                 {"unit", "tấn"},
                                                 {"harvest_months", "1-12"}}),
              "product")["id"];
  std::int64_t offer =
      Created(bg->Post("/api/linkage/listings", {{"kind", "offer"},
                                                 {"organisation", coop},
                                                 {"product", lychee},
                                                 {"title", "Vải thiều Lục Ngạn, giao tận nơi"},
                                                 {"quantity", {{"value", "200"}, {"unit", "tấn"}}},
                                                 {"window", window}}),
              "listing")["id"];
  ASSERT_EQ(bg->Post(fmt::format("/api/linkage/listings/{}/submit", offer)).status, 200);
  ASSERT_EQ(officer_bg->Post(fmt::format("/api/linkage/listings/{}/approve", offer)).status, 200);

  // The supermarket's request, approved by Thanh Hóa's Department, matched with reasons.
  std::int64_t market =
      Created(th->Post("/api/linkage/organisations", {{"kind", "doanh nghiệp"},
                                                      {"name", "Công ty CP Siêu thị Xứ Thanh"},
                                                      {"tax_code", TaxCode(280700001)},
                                                      {"unit", "thanh-hoa"},
                                                      {"registered_on", "2018-01-10"}}),
              "organisation")["id"];
  std::int64_t request = Created(
      th->Post("/api/linkage/listings", {{"kind", "request"},
                                         {"organisation", market},
                                         {"title", "Cần mua vải thiều tươi"},
                                         {"description", "Vải thiều loại 1, giao tại Thanh Hóa"},
                                         {"vcpa", "01215"},
                                         {"quantity", {{"value", "20"}, {"unit", "tấn"}}},
                                         {"window", window},
                                         {"required_stars", 3}}),
      "listing")["id"];
  ASSERT_EQ(th->Post(fmt::format("/api/linkage/listings/{}/submit", request)).status, 200);
  ASSERT_EQ(officer_th->Post(fmt::format("/api/linkage/listings/{}/approve", request)).status, 200);
  Answer matches = th->Get(fmt::format("/api/linkage/listings/{}/matches?limit=5", request));
  ASSERT_EQ(matches.status, 200) << matches.body;
  ASSERT_FALSE(matches.Json()["matches"].empty()) << matches.body;
  const json& best = matches.Json()["matches"][0];
  EXPECT_EQ(best["listing"]["id"], offer);
  EXPECT_FALSE(best["reasons_vi"].empty());

  // The next trade-promotion event, today, hosted by Bắc Ninh (Bắc Giang's province since 2025).
  std::string day = today.ToString();
  json event = Created(
      officer_bg->Post(
          "/api/events",
          {{"unit", "bac-ninh-2025"},
           {"title", "Hội nghị kết nối cung cầu nông sản"},
           {"venue", "Trung tâm Hội nghị tỉnh Bắc Ninh"},
           {"starts_on", day},
           {"ends_on", day},
           {"slot_minutes", 20},
           {"state", "open"},
           {"sessions",
            {{{"day", day}, {"starts_at", "08:00"}, {"ends_at", "10:00"}, {"tables", 3}}}}}),
      "event");
  std::int64_t id = event["id"];
  std::int64_t session = event["sessions"][0]["id"];
  auto E = [id](const std::string& suffix) { return fmt::format("/api/events/{}{}", id, suffix); };
  std::int64_t p_bg =
      Created(bg->Post(E("/participants"), {{"organisation_id", coop}, {"sessions", {session}}}),
              "participant")["id"];
  std::int64_t p_th =
      Created(th->Post(E("/participants"), {{"organisation_id", market}, {"sessions", {session}}}),
              "participant")["id"];
  Answer proposed = bg->Post(E("/proposals"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  ASSERT_EQ(proposed.Json()["created"], 1) << proposed.body;
  json proposal = th->Get(E("/requests")).Json()["requests"][0];
  ASSERT_EQ(
      bg->Post(E(fmt::format("/requests/{}/accept", proposal["id"].get<std::int64_t>()))).status,
      200);
  Answer scheduled = officer_bg->Post(E("/schedule"));
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  EXPECT_EQ(scheduled.Json()["scheduled"], 1);
  ASSERT_EQ(officer_bg->Post(E("/finalise")).status, 200);
  Answer agenda = th->Get(E(fmt::format("/agenda?participant={}", p_th)));
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  ASSERT_EQ(agenda.Json()["meetings"].size(), 1u) << agenda.body;
  json meeting = agenda.Json()["meetings"][0];
  EXPECT_FALSE(meeting["slot"].is_null()) << meeting.dump();
  EXPECT_FALSE(meeting["table"].is_null()) << meeting.dump();
  std::int64_t meeting_id = meeting["id"];
  for (std::int64_t p : {p_bg, p_th})
    ASSERT_EQ(officer_bg->Post(E(fmt::format("/participants/{}/check-in", p))).status, 200);
  ASSERT_EQ(th->Post(E(fmt::format("/meetings/{}/held", meeting_id))).status, 200);
  ASSERT_EQ(bg->Post(E(fmt::format("/meetings/{}/held", meeting_id))).status, 200);

  // The deal from that meeting.
  json deal = Created(bg->Post("/api/flows/deals", {{"type", "purchase_contract"},
                                                    {"title", "Hợp đồng tiêu thụ vải thiều"},
                                                    {"signed_on", day},
                                                    {"seller", coop},
                                                    {"buyer", market},
                                                    {"meeting", meeting_id},
                                                    {"lines",
                                                     {{{"product", "Vải thiều Lục Ngạn"},
                                                       {"group", "food"},
                                                       {"quantity", "20"},
                                                       {"unit", "tấn"},
                                                       {"value", "600000000"}}}}}),
                      "deal");
  EXPECT_EQ(deal["event_id"], id);
  Answer figures = th->Get(E("/figures"));
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.Json()["figures"]["held_by_both"], 1);
  EXPECT_EQ(figures.Json()["figures"]["deals"], 1) << figures.body;

  // The two-way flow matrix of this year: Bắc Ninh (with the former Bắc Giang) → Thanh Hóa.
  std::string year = std::to_string(today.year);
  Answer matrix = th->Get("/api/flows/matrix?period=" + year);
  ASSERT_EQ(matrix.status, 200) << matrix.body;
  bool found = false;
  for (const json& c : matrix.Json()["cells"])
    if (c["from"] == "bac-ninh-2025" && c["to"] == "thanh-hoa") {
      found = true;
      EXPECT_EQ(c["current"]["value"], "600000000") << c.dump();
    }
  EXPECT_TRUE(found) << matrix.body;

  // The regional report's "Liên kết" section.
  Answer report = As("coord")->Get("/api/reports?region=mien-bac-28&format=md&period=" + year);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_NE(report.body.find("Liên kết vùng: luồng hàng hai chiều"), std::string::npos)
      << report.body;
  EXPECT_NE(report.body.find("Thanh Hóa"), std::string::npos) << report.body;
  EXPECT_NE(report.body.find("Bắc Ninh"), std::string::npos) << report.body;
}

}  // namespace
}  // namespace lienket::api
