// Black-box HTTP tests of deals and the flow ledger (issue 5): a lychee cooperative in Bắc Giang
// records a deal with a supermarket in Thanh Hóa and the matrix changes (in the first half of
// 2025 as Bắc Giang, for the whole of 2025 as the Bắc Ninh it merged into); Thanh Hóa's officer
// records a deal the other way on behalf of the parties and the balance follows; an officer of a
// third province can neither record nor see a deal between two other provinces' enterprises; a
// bad deal is refused with every problem; follow-ups feed the delivered flow and are audited.
#include <fmt/format.h>

#include "api/http_test_util.hpp"
#include "core/date.hpp"
#include "linkage/tax_code.hpp"

namespace lienket::api {
namespace {

using nlohmann::json;
using testing::Answer;
using testing::Caller;
using testing::TestServer;

std::string TaxCodeFrom(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}

class FlowHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddUser("admin", access::Role::kAdmin);
    server_.AddUser("coord", access::Role::kCoordinator, std::nullopt, "mien-bac-28");
    server_.AddUser("dn.bacgiang", access::Role::kEnterprise);
    server_.AddUser("dn.thanhhoa", access::Role::kEnterprise);
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa");
    server_.AddUser("officer.na", access::Role::kOfficer, "nghe-an");
    server_.Start();
    bg_ = As("dn.bacgiang");
    th_ = As("dn.thanhhoa");
    coop_ = Organisation(*bg_, {{"kind", "HTX"},
                                {"name", "HTX Vải thiều Phượng Sơn"},
                                {"tax_code", TaxCodeFrom(240200001)},
                                {"unit", "bac-giang"},
                                {"registered_on", "2019-03-15"}});
    market_ = Organisation(*th_, {{"kind", "DN"},
                                  {"name", "Công ty CP Siêu thị Thanh Hóa"},
                                  {"tax_code", TaxCodeFrom(280100001)},
                                  {"unit", "thanh-hoa"},
                                  {"registered_on", "2015-01-10"}});
  }

  std::unique_ptr<Caller> As(const std::string& login) {
    auto c = std::make_unique<Caller>(server_.port());
    if (login != "anonymous") {
      Answer a = c->Login(login);
      EXPECT_EQ(a.status, 200) << login << ": " << a.body;
    }
    return c;
  }
  std::int64_t Organisation(Caller& who, json body) {
    Answer a = who.Post("/api/linkage/organisations", body);
    EXPECT_EQ(a.status, 201) << a.body;
    return a.Json()["organisation"].value("id", std::int64_t{0});
  }
  json LycheeDeal() const {
    return {{"type", "purchase_contract"},
            {"title", "Hợp đồng tiêu thụ vải thiều Lục Ngạn 2025"},
            {"signed_on", "2025-05-20"},
            {"seller", coop_},
            {"buyer", market_},
            {"lines",
             {{{"product", "Vải thiều Lục Ngạn"},
               {"group", "food"},
               {"quantity", "120"},
               {"unit", "tấn"},
               {"value", "3600000000"}}}}};
  }
  // The value of the cell from -> to, or "" when there is none.
  static std::string Cell(const Answer& matrix, const std::string& from, const std::string& to,
                          const char* which = "current") {
    for (const json& c : matrix.Json()["cells"])
      if (c["from"] == from && c["to"] == to) return c[which]["value"].get<std::string>();
    return "";
  }
  static const json* Province(const Answer& matrix, const std::string& key) {
    for (const json& p : matrix.Json()["provinces"])
      if (p["unit"] == key) return &p;
    return nullptr;
  }
  std::int64_t AuditRows(const std::string& entity) {
    std::lock_guard lock(server_.service().mutex());
    auto s = server_.service().ctx().store->db()->Prepare(
        "SELECT COUNT(*) FROM audit_log WHERE entity = ?1");
    s->Bind(1, entity);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }

  TestServer server_;
  std::unique_ptr<Caller> bg_, th_;
  std::int64_t coop_ = 0, market_ = 0;
};

TEST_F(FlowHttpTest, DealFromBacGiangToThanhHoaChangesTheMatrix) {
  const std::string h1 = "/api/flows/matrix?period=2025-H1&region=mien-bac-28";
  Answer before = bg_->Get(h1);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(Cell(before, "bac-giang", "thanh-hoa"), "");
  EXPECT_EQ(before.Json()["deals"], 0);

  Answer created = bg_->Post("/api/flows/deals", LycheeDeal());
  ASSERT_EQ(created.status, 201) << created.body;
  const json& deal = created.Json()["deal"];
  const std::int64_t id = deal["id"];
  EXPECT_EQ(deal["origin"]["key"], "bac-giang");  // the seller's province on the signing date
  EXPECT_EQ(deal["destination"]["key"], "thanh-hoa");
  EXPECT_EQ(deal["total_value"], "3600000000");
  ASSERT_EQ(deal["follow_ups"].size(), 3U);
  EXPECT_EQ(deal["follow_ups"][0]["due_on"], "2025-08-20");
  EXPECT_EQ(deal["follow_ups"][2]["due_on"], "2026-05-20");
  EXPECT_EQ(AuditRows(fmt::format("deal:{}", id)), 1);

  Answer after = bg_->Get(h1);
  EXPECT_EQ(Cell(after, "bac-giang", "thanh-hoa"), "3600000000");
  EXPECT_EQ(after.Json()["deals"], 1);
  EXPECT_EQ((*Province(after, "bac-giang"))["balance"], "3600000000");
  EXPECT_EQ((*Province(after, "thanh-hoa"))["balance"], "-3600000000");
  EXPECT_EQ(after.Json()["cells"][0]["current"]["volume"][0]["quantity"], "120");
  EXPECT_EQ(after.Json()["cells"][0]["current"]["volume"][0]["unit"], "tan");

  // The whole of 2025 is drawn in the 34 units: Bắc Giang's deal counts for Bắc Ninh.
  Answer year = th_->Get("/api/flows/matrix?period=2025&region=mien-bac-28");
  ASSERT_EQ(year.status, 200) << year.body;
  EXPECT_EQ(Cell(year, "bac-giang", "thanh-hoa"), "");
  EXPECT_EQ(Cell(year, "bac-ninh-2025", "thanh-hoa"), "3600000000");
  EXPECT_EQ(year.Json()["merger_mapped"], true);

  // Thanh Hóa's Department records a deal the other way on behalf of the parties.
  json back = LycheeDeal();
  back["title"] = "Bao tiêu nem chua Thanh Hóa";
  back["type"] = "offtake";
  back["seller"] = market_;
  back["buyer"] = coop_;
  back["signed_on"] = "2025-03-02";
  back["lines"] = {{{"product", "Nem chua Thanh Hóa"},
                    {"group", "food"},
                    {"quantity", "2000"},
                    {"unit", "kg"},
                    {"value", "600000000"}}};
  auto officer_th = As("officer.th");
  Answer other = officer_th->Post("/api/flows/deals", back);
  ASSERT_EQ(other.status, 201) << other.body;
  Answer both = bg_->Get(h1);
  EXPECT_EQ(Cell(both, "thanh-hoa", "bac-giang"), "600000000");
  EXPECT_EQ((*Province(both, "bac-giang"))["balance"], "3000000000");
  EXPECT_EQ(both.Json()["total"]["value"], "4200000000");
  // Volumes: 2000 kg are 2 tonnes.
  EXPECT_EQ(Province(both, "bac-giang")->at("inflow")["volume"][0]["quantity"], "2");

  // A group filter and an unknown basis.
  EXPECT_EQ(bg_->Get(h1 + "&group=vcpa-c").Json()["deals"], 0);
  EXPECT_EQ(bg_->Get(h1 + "&basis=planned").status, 400);
  EXPECT_EQ(As("anonymous")->Get(h1).status, 401);
}

TEST_F(FlowHttpTest, OfficerOfAThirdProvinceCannotRecordOrSeeOtherProvincesDeals) {
  auto officer_na = As("officer.na");
  Answer refused = officer_na->Post("/api/flows/deals", LycheeDeal());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_TRUE(testing::IsErrorShape(refused));
  // The party can; the third province's officer then sees nothing of it.
  EXPECT_EQ(bg_->Post("/api/flows/deals", LycheeDeal()).status, 201);
  Answer list = officer_na->Get("/api/flows/deals");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["total"], 0);
  Answer mine = bg_->Get("/api/flows/deals");
  ASSERT_EQ(mine.Json()["total"], 1);
  const std::int64_t id = mine.Json()["deals"][0]["id"];
  EXPECT_EQ(officer_na->Get(fmt::format("/api/flows/deals/{}", id)).status, 404);
  EXPECT_EQ(th_->Get(fmt::format("/api/flows/deals/{}", id)).status, 200);  // the buyer
  EXPECT_EQ(As("coord")->Get("/api/flows/deals").Json()["total"], 1);
  // The officer may not record its follow-ups either.
  EXPECT_EQ(officer_na
                ->Post(fmt::format("/api/flows/deals/{}/follow-ups", id),
                       {{"months", 3}, {"lines", {{{"quantity", "1"}, {"value", "1"}}}}})
                .status,
            404);
  EXPECT_EQ(AuditRows(fmt::format("deal:{}", id)), 1);
}

TEST_F(FlowHttpTest, BadDealIsRefusedWithEveryProblem) {
  json bad = LycheeDeal();
  bad["title"] = "";
  bad["signed_on"] = "2025-13-01";
  bad["lines"][0]["quantity"] = "-3";
  bad["lines"][0]["group"] = "xyz";
  Answer a = bg_->Post("/api/flows/deals", bad);
  ASSERT_EQ(a.status, 400) << a.body;
  std::set<std::string> fields;
  for (const json& d : a.Json()["error"]["details"]) {
    fields.insert(d["field"].get<std::string>());
    EXPECT_FALSE(d["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(d["message_en"].get<std::string>().empty());
  }
  for (const char* f : {"signed_on", "lines[0].group"}) EXPECT_TRUE(fields.count(f)) << f;
  // A province that no longer existed on the signing date is refused with the reason.
  json late = LycheeDeal();
  late["signed_on"] = "2025-08-01";
  late["origin"] = "bac-giang";
  Answer l = bg_->Post("/api/flows/deals", late);
  ASSERT_EQ(l.status, 400) << l.body;
  EXPECT_NE(l.body.find("Bắc Ninh"), std::string::npos) << l.body;
  // Without "origin", the seller's Bắc Giang becomes the Bắc Ninh it merged into.
  late.erase("origin");
  Answer ok = bg_->Post("/api/flows/deals", late);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Json()["deal"]["origin"]["key"], "bac-ninh-2025");
  Answer unknown = bg_->Post("/api/flows/deals", json{{"price", 1}});
  EXPECT_EQ(unknown.status, 400);
  Answer listed = bg_->Get("/api/flows/deals");
  EXPECT_EQ(listed.Json()["total"], 1);  // nothing of the refused ones was stored
}

TEST_F(FlowHttpTest, FollowUpsFeedTheDeliveredFlowAndAreAudited) {
  Answer created = bg_->Post("/api/flows/deals", LycheeDeal());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json()["deal"]["id"];
  const std::string url = fmt::format("/api/flows/deals/{}/follow-ups", id);
  Answer three = th_->Post(url, {{"months", 3},
                                 {"recorded_on", "2025-08-21"},
                                 {"lines", {{{"quantity", "50"}, {"value", "1500000000"}}}}});
  ASSERT_EQ(three.status, 200) << three.body;
  EXPECT_EQ(three.Json()["deal"]["follow_ups"][0]["state"], "recorded");
  EXPECT_EQ(three.Json()["deal"]["follow_ups"][0]["delivered_pct"], "41.7");
  // Cumulative figures cannot go down.
  Answer down = bg_->Post(url, {{"months", 6},
                                {"recorded_on", "2025-11-20"},
                                {"lines", {{{"quantity", "40"}, {"value", "1500000000"}}}}});
  EXPECT_EQ(down.status, 400) << down.body;
  Answer six = bg_->Post(url, {{"months", 6},
                               {"recorded_on", "2025-11-20"},
                               {"lines", {{{"quantity", "110"}, {"value", "3300000000"}}}}});
  ASSERT_EQ(six.status, 200) << six.body;
  // Delivered in 2025 (both follow-ups are due in 2025): 3.3 billion, to Bắc Ninh's account.
  Answer delivered = bg_->Get("/api/flows/matrix?period=2025&basis=delivered");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(Cell(delivered, "bac-ninh-2025", "thanh-hoa"), "3300000000");
  EXPECT_EQ(delivered.Json()["basis"], "delivered");
  Answer q3 = bg_->Get("/api/flows/matrix?period=2025-Q3&basis=delivered");
  // The third quarter ends after the merger too: only the 3-month delivery (due 20/08/2025).
  EXPECT_EQ(Cell(q3, "bac-ninh-2025", "thanh-hoa"), "1500000000");
  EXPECT_EQ(AuditRows(fmt::format("deal:{}", id)), 3);
  // The 12-month follow-up (due 20/05/2026) is listed for Thanh Hóa's officer when due.
  Answer open = As("officer.th")->Get("/api/flows/follow-ups?state=all");
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.Json()["total"], 3);
}


TEST_F(FlowHttpTest, DealFromAB2BMeetingCarriesItsEventAndParties) {
  // A meeting of the two organisations at an event hosted by Thanh Hóa, written as the event store
  // would (sql/sqlite/0005_events.sql).
  std::int64_t event = 0, meeting = 0;
  {
    std::lock_guard lock(server_.service().mutex());
    store::SqliteDb* db = server_.service().ctx().store->db();
    const std::string now = core::UtcTimestamp();
    auto e = db->Prepare(
        "INSERT INTO events (unit_id, title, starts_on, ends_on, slot_minutes, state, dataset, "
        "created_at, updated_at) VALUES (?1, 'Hội nghị kết nối cung cầu', '2025-05-15', "
        "'2025-05-16', 20, 'closed', 'observed', ?2, ?2) RETURNING id");
    e->Bind(1, static_cast<std::int64_t>(server_.UnitId("thanh-hoa"))).Bind(2, now);
    ASSERT_TRUE(*e->Step());
    event = e->Int(0);
    ASSERT_TRUE(e->Run());
    std::int64_t participants[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
      auto p = db->Prepare(
          "INSERT INTO event_participants (event_id, organisation_id, max_meetings, "
          "registered_at) VALUES (?1, ?2, 8, ?3) RETURNING id");
      p->Bind(1, event).Bind(2, i == 0 ? coop_ : market_).Bind(3, now);
      ASSERT_TRUE(*p->Step());
      participants[i] = p->Int(0);
      ASSERT_TRUE(p->Run());
    }
    auto q = db->Prepare(
        "INSERT INTO event_meeting_requests (event_id, from_participant, to_participant, "
        "priority, origin, state, created_at) VALUES (?1, ?2, ?3, 'must_meet', 'participant', "
        "'accepted', ?4) RETURNING id");
    q->Bind(1, event).Bind(2, participants[1]).Bind(3, participants[0]).Bind(4, now);
    ASSERT_TRUE(*q->Step());
    const std::int64_t request = q->Int(0);
    ASSERT_TRUE(q->Run());
    auto m = db->Prepare(
        "INSERT INTO event_meetings (event_id, request_id, slot, table_no, status, created_at, "
        "updated_at) VALUES (?1, ?2, 0, 1, 'final', ?3, ?3) RETURNING id");
    m->Bind(1, event).Bind(2, request).Bind(3, now);
    ASSERT_TRUE(*m->Step());
    meeting = m->Int(0);
    ASSERT_TRUE(m->Run());
  }
  json from_meeting = LycheeDeal();
  from_meeting["meeting"] = meeting;
  Answer a = bg_->Post("/api/flows/deals", from_meeting);
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.Json()["deal"]["event_id"], event);
  EXPECT_EQ(a.Json()["deal"]["meeting_id"], meeting);
  Answer m = bg_->Get("/api/flows/matrix?period=2025-H1");
  EXPECT_EQ(m.Json()["deals_from_events"], 1);
  EXPECT_EQ(m.Json()["events"], 1);
  EXPECT_EQ(bg_->Get(fmt::format("/api/flows/deals?event={}", event)).Json()["total"], 1);

  // Someone who did not take part in the meeting cannot be its buyer.
  const std::int64_t other = Organisation(
      *th_, {{"kind", "DN"},
             {"name", "Công ty TNHH Thực phẩm Sầm Sơn"},
             {"tax_code", TaxCodeFrom(280100501)},
             {"unit", "thanh-hoa"},
             {"registered_on", "2016-04-01"}});
  from_meeting["buyer"] = other;
  Answer wrong = th_->Post("/api/flows/deals", from_meeting);
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_NE(wrong.body.find("meeting"), std::string::npos);
  from_meeting["meeting"] = meeting + 99;
  EXPECT_EQ(bg_->Post("/api/flows/deals", from_meeting).status, 400);
}

}  // namespace
}  // namespace lienket::api
