// Black-box HTTP tests of trade-promotion events (issue 5), on the real server over a fresh
// database: Bắc Giang's officer creates an event hosted by Bắc Ninh (which Bắc Giang merged into
// in 2025); organisations from Bắc Giang, Thanh Hóa and Hà Nội register with their sessions; Thanh Hóa asks Bắc Giang for a must-meet, which Bắc Giang
// accepts; the scheduler gives every accepted meeting a slot and a table; a move onto a busy slot
// is refused with its conflicts listed, a free one is kept (pinned); the schedule is finalised;
// participants are checked in and record meetings held; the figures count it all; agendas come as
// JSON and as PDF. Authorization: another province's officer cannot edit or schedule the event,
// an enterprise cannot see another organisation's agenda or answer a request meant for someone
// else, anonymous readers never see a draft event.
#include <fmt/format.h>

#include "api/http_test_util.hpp"
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

class EventHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddUser("admin", access::Role::kAdmin);
    server_.AddUser("dn.bacgiang", access::Role::kEnterprise);
    server_.AddUser("dn.thanhhoa", access::Role::kEnterprise);
    server_.AddUser("dn.hanoi", access::Role::kEnterprise);
    server_.AddUser("officer.bg", access::Role::kOfficer, "bac-giang");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa");
    server_.Start();
  }

  std::unique_ptr<Caller> As(const std::string& login) {
    auto c = std::make_unique<Caller>(server_.port());
    if (login != "anonymous") {
      Answer a = c->Login(login);
      EXPECT_EQ(a.status, 200) << login << ": " << a.body;
    }
    return c;
  }

  std::int64_t Organisation(Caller& who, const std::string& name, long long nine,
                            const std::string& unit) {
    Answer a = who.Post("/api/linkage/organisations", {{"kind", "enterprise"},
                                                       {"name", name},
                                                       {"tax_code", TaxCodeFrom(nine)},
                                                       {"unit", unit},
                                                       {"registered_on", "2018-01-10"}});
    EXPECT_EQ(a.status, 201) << a.body;
    return a.Json()["organisation"].value("id", std::int64_t{0});
  }

  static std::string E(std::int64_t id, const std::string& suffix = "") {
    return fmt::format("/api/events/{}{}", id, suffix);
  }

  TestServer server_;
};

TEST_F(EventHttpTest, LycheeBuyerMeetsSellerAtTheSlotTheSchedulerGave) {
  auto officer = As("officer.bg");
  auto other_officer = As("officer.th");
  auto bg = As("dn.bacgiang");
  auto th = As("dn.thanhhoa");
  auto hn = As("dn.hanoi");
  auto anonymous = As("anonymous");
  int y = core::Date::Today().year + 1;
  std::string day = fmt::format("{}-06-12", y);

  // The event, hosted by Bắc Ninh (the province Bắc Giang merged into in 2025, whose Department
  // Bắc Giang's officer answers for): 08:00–10:00 with 2 tables and 14:00–15:00 with 1, slots of
  // 20 minutes.
  json body = {{"unit", "bac-ninh-2025"},
               {"title", "Hội nghị giao thương vải thiều Lục Ngạn"},
               {"venue", "Nhà văn hoá huyện Lục Ngạn"},
               {"starts_on", day},
               {"ends_on", day},
               {"slot_minutes", 20},
               {"default_quota", 6},
               {"state", "open"},
               {"sessions",
                {{{"day", day}, {"starts_at", "08:00"}, {"ends_at", "10:00"}, {"tables", 2}},
                 {{"day", day}, {"starts_at", "14:00"}, {"ends_at", "15:00"}, {"tables", 1}}}},
               {"province_minimums", {{{"unit", "thanh-hoa"}, {"meetings", 1}}}}};
  EXPECT_EQ(other_officer->Post("/api/events", body).status, 403);
  EXPECT_EQ(bg->Post("/api/events", body).status, 403);
  Answer bad = officer->Post("/api/events", {{"unit", "bac-giang"},  // merged in 2025
                                              {"title", ""},
                                              {"starts_on", day},
                                              {"ends_on", day},
                                              {"slot_minutes", 20},
                                              {"sessions", json::array()}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_GE(bad.Json()["error"]["details"].size(), 3u) << bad.body;  // unit, title, sessions
  Answer created = officer->Post("/api/events", body);
  ASSERT_EQ(created.status, 201) << created.body;
  json event = created.Json()["event"];
  std::int64_t id = event["id"];
  EXPECT_EQ(event["state"], "open");
  EXPECT_EQ(event["slots"].size(), 9u);
  EXPECT_EQ(event["slots"][6]["starts_at"], "14:00");
  EXPECT_EQ(event["host"]["key"], "bac-ninh-2025");
  std::int64_t morning = event["sessions"][0]["id"];
  std::int64_t afternoon = event["sessions"][1]["id"];

  // Another province's officer cannot edit or schedule it; the host's can.
  EXPECT_EQ(other_officer->Patch(E(id), {{"venue", "Thanh Hóa"}}).status, 403);
  EXPECT_EQ(other_officer->Post(E(id, "/schedule")).status, 403);
  Answer patched = officer->Patch(E(id), {{"venue", "Nhà văn hoá Lục Ngạn, Bắc Giang"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["event"]["venue"], "Nhà văn hoá Lục Ngạn, Bắc Giang");

  // Registration: each enterprise its own organisation only.
  std::int64_t coop = Organisation(*bg, "HTX Vải thiều Phượng Sơn", 240300001, "bac-giang");
  std::int64_t mart = Organisation(*th, "Siêu thị Nông sản Thanh Hóa", 380300001, "thanh-hoa");
  std::int64_t shop = Organisation(*hn, "Công ty Phân phối Hà Nội", 10300001, "ha-noi");
  EXPECT_EQ(bg->Post(E(id, "/participants"), {{"organisation_id", mart}, {"sessions", {morning}}})
                .status,
            403);
  Answer no_session = bg->Post(E(id, "/participants"), {{"organisation_id", coop}});
  EXPECT_EQ(no_session.status, 400) << no_session.body;
  Answer pa = bg->Post(E(id, "/participants"),
                       {{"organisation_id", coop}, {"sessions", {morning, afternoon}}});
  ASSERT_EQ(pa.status, 201) << pa.body;
  Answer pb = th->Post(E(id, "/participants"), {{"organisation_id", mart}, {"sessions", {morning}}});
  ASSERT_EQ(pb.status, 201) << pb.body;
  Answer pc = hn->Post(E(id, "/participants"),
                       {{"organisation_id", shop}, {"sessions", {morning, afternoon}}});
  ASSERT_EQ(pc.status, 201) << pc.body;
  EXPECT_EQ(th->Post(E(id, "/participants"), {{"organisation_id", mart}, {"sessions", {morning}}})
                .status,
            409);
  std::int64_t p_bg = pa.Json()["participant"]["id"];
  std::int64_t p_th = pb.Json()["participant"]["id"];
  std::int64_t p_hn = pc.Json()["participant"]["id"];
  EXPECT_EQ(pa.Json()["participant"]["max_meetings"], 6);

  // Thanh Hóa must meet Bắc Giang; Hà Nội would like to meet both.
  Answer must = th->Post(E(id, "/requests"), {{"from_participant", p_th},
                                               {"to_participant", p_bg},
                                               {"priority", "must_meet"},
                                               {"message", "Cần 50 tấn vải thiều loại 1"}});
  ASSERT_EQ(must.status, 201) << must.body;
  std::int64_t r_must = must.Json()["request"]["id"];
  EXPECT_EQ(bg->Post(E(id, "/requests"), {{"from_participant", p_th}, {"to_participant", p_hn}})
                .status,
            403);  // not Bắc Giang's to send
  Answer r2 = hn->Post(E(id, "/requests"), {{"from_participant", p_hn}, {"to_participant", p_th}});
  Answer r3 = hn->Post(E(id, "/requests"), {{"from_participant", p_hn}, {"to_participant", p_bg}});
  ASSERT_EQ(r2.status, 201) << r2.body;
  ASSERT_EQ(r3.status, 201) << r3.body;
  // Only the invited side answers.
  EXPECT_EQ(th->Post(E(id, fmt::format("/requests/{}/accept", r_must))).status, 403);
  EXPECT_EQ(hn->Post(E(id, fmt::format("/requests/{}/accept", r_must))).status, 403);
  Answer accepted = bg->Post(E(id, fmt::format("/requests/{}/accept", r_must)));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["request"]["state"], "accepted");
  EXPECT_EQ(bg->Post(E(id, fmt::format("/requests/{}/decline", r_must))).status, 409);
  ASSERT_EQ(th->Post(E(id, fmt::format("/requests/{}/accept", r2.Json()["request"]["id"].get<int>())))
                .status,
            200);
  ASSERT_EQ(bg->Post(E(id, fmt::format("/requests/{}/accept", r3.Json()["request"]["id"].get<int>())))
                .status,
            200);
  // Each side sees its own requests, the organiser all of them.
  EXPECT_EQ(th->Get(E(id, "/requests")).Json()["requests"].size(), 2u);
  EXPECT_EQ(officer->Get(E(id, "/requests")).Json()["requests"].size(), 3u);

  // The scheduler places the three meetings.
  EXPECT_EQ(bg->Post(E(id, "/schedule")).status, 403);
  Answer scheduled = officer->Post(E(id, "/schedule"));
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  EXPECT_EQ(scheduled.Json()["scheduled"], 3);
  EXPECT_EQ(scheduled.Json()["must_meets_scheduled"], 1);
  Answer grid = officer->Get(E(id, "/schedule"));
  ASSERT_EQ(grid.status, 200) << grid.body;
  EXPECT_EQ(th->Get(E(id, "/schedule")).status, 403);
  json meetings = grid.Json()["meetings"];
  ASSERT_EQ(meetings.size(), 3u);
  json must_meeting, th_hn;
  for (const json& m : meetings) {
    EXPECT_FALSE(m["slot"].is_null()) << m.dump();
    EXPECT_FALSE(m["table"].is_null()) << m.dump();
    EXPECT_EQ(m["status"], "provisional");
    if (m["request_id"] == r_must) must_meeting = m;
    if (m["first"]["id"] == p_hn && m["second"]["id"] == p_th) th_hn = m;
  }
  ASSERT_TRUE(must_meeting.is_object());
  ASSERT_TRUE(th_hn.is_object());
  // Thanh Hóa attends the morning only.
  EXPECT_LT(must_meeting["slot"].get<int>(), 6);
  std::int64_t m_must = must_meeting["id"];

  // Moving the must-meet onto the Thanh Hóa–Hà Nội slot: Thanh Hóa is busy then.
  int busy_slot = th_hn["slot"];
  Answer preview = officer->Get(E(id, fmt::format("/meetings/{}/conflicts?slot={}&table=1",
                                                  m_must, busy_slot)));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_FALSE(preview.Json()["allowed"].get<bool>());
  Answer refused =
      officer->Post(E(id, fmt::format("/meetings/{}/move", m_must)), {{"slot", busy_slot}, {"table", 1}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  bool busy_reported = false;
  for (const json& c : refused.Json()["error"]["details"])
    busy_reported |= c["kind"] == "participant_busy" && c["other_meeting"] == th_hn["id"];
  EXPECT_TRUE(busy_reported) << refused.body;
  // The afternoon is not Thanh Hóa's.
  Answer unavailable =
      officer->Post(E(id, fmt::format("/meetings/{}/move", m_must)), {{"slot", 7}, {"table", 1}});
  EXPECT_EQ(unavailable.status, 409);
  // A free morning slot: find one where neither side meets.
  int free_slot = -1;
  for (int s = 0; s < 6 && free_slot < 0; ++s) {
    bool taken = false;
    for (const json& m : meetings)
      if (m["slot"] == s && (m["first"]["id"] == p_th || m["second"]["id"] == p_th ||
                             m["first"]["id"] == p_bg || m["second"]["id"] == p_bg))
        taken = true;
    if (!taken) free_slot = s;
  }
  ASSERT_GE(free_slot, 0);
  EXPECT_EQ(other_officer->Post(E(id, fmt::format("/meetings/{}/move", m_must)),
                                {{"slot", free_slot}, {"table", 2}})
                .status,
            403);
  Answer moved = officer->Post(E(id, fmt::format("/meetings/{}/move", m_must)),
                               {{"slot", free_slot}, {"table", 2}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["meeting"]["slot"], free_slot);
  EXPECT_EQ(moved.Json()["meeting"]["table"], 2);
  EXPECT_TRUE(moved.Json()["meeting"]["pinned"].get<bool>());

  // Held cannot be recorded before the schedule is final; then it is final.
  EXPECT_EQ(th->Post(E(id, fmt::format("/meetings/{}/held", m_must))).status, 409);
  Answer final = officer->Post(E(id, "/finalise"));
  ASSERT_EQ(final.status, 200) << final.body;
  EXPECT_EQ(final.Json()["event"]["state"], "final");
  EXPECT_EQ(officer->Post(E(id, "/schedule")).status, 409);
  EXPECT_EQ(officer->Patch(E(id), {{"venue", "x"}}).status, 409);

  // Agendas: one's own, not another's; per table for the organiser.
  Answer agenda = th->Get(E(id, fmt::format("/agenda?participant={}", p_th)));
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  ASSERT_EQ(agenda.Json()["meetings"].size(), 2u);
  EXPECT_EQ(agenda.Json()["meetings"][0]["status"], "final");
  EXPECT_EQ(th->Get(E(id, fmt::format("/agenda?participant={}", p_bg))).status, 403);
  EXPECT_EQ(th->Get(E(id, "/agenda?table=1")).status, 403);
  EXPECT_EQ(th->Get(E(id, "/agenda")).Json()["participant"], p_th);  // the caller's own
  Answer pdf = th->Get(E(id, fmt::format("/agenda.pdf?participant={}", p_th)));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(th->Get(E(id, fmt::format("/agenda.pdf?participant={}", p_bg))).status, 403);
  Answer table_pdf = officer->Get(E(id, "/agenda.pdf?table=2"));
  ASSERT_EQ(table_pdf.status, 200) << table_pdf.body;
  EXPECT_EQ(table_pdf.body.substr(0, 5), "%PDF-");

  // On the day: check-in by the organiser, held by either side of the meeting.
  EXPECT_EQ(th->Post(E(id, fmt::format("/participants/{}/check-in", p_th))).status, 403);
  Answer checked = officer->Post(E(id, fmt::format("/participants/{}/check-in", p_th)));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_FALSE(checked.Json()["participant"]["checked_in_at"].is_null());
  EXPECT_EQ(hn->Post(E(id, fmt::format("/meetings/{}/held", m_must))).status, 403);
  Answer held = th->Post(E(id, fmt::format("/meetings/{}/held", m_must)));
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_FALSE(held.Json()["meeting"]["held_by_first"].is_null());  // Thanh Hóa asked
  EXPECT_TRUE(held.Json()["meeting"]["held_by_second"].is_null());
  ASSERT_EQ(bg->Post(E(id, fmt::format("/meetings/{}/held", m_must))).status, 200);

  Answer figures = anonymous->Get(E(id, "/figures"));
  ASSERT_EQ(figures.status, 200) << figures.body;
  json f = figures.Json()["figures"];
  EXPECT_EQ(f["participants"], 3);
  EXPECT_EQ(f["requested"], 3);
  EXPECT_EQ(f["accepted"], 3);
  EXPECT_EQ(f["scheduled"], 3);
  EXPECT_EQ(f["held"], 1);
  EXPECT_EQ(f["held_by_both"], 1);
  EXPECT_EQ(f["checked_in"], 1);

  // The closing.
  Answer closed = officer->Post(E(id, "/state"), {{"state", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(officer->Post(E(id, "/state"), {{"state", "open"}}).status, 409);
}

TEST_F(EventHttpTest, DraftsAreTheOrganisersAndSessionsStayOnceRegistered) {
  auto officer = As("officer.bg");
  auto admin = As("admin");
  auto anonymous = As("anonymous");
  auto bg = As("dn.bacgiang");
  int y = core::Date::Today().year + 1;
  std::string day = fmt::format("{}-09-03", y);
  Answer created = officer->Post(
      "/api/events",
      {{"unit", "bac-ninh-2025"},
       {"title", "Kết nối cung cầu nông sản"},
       {"starts_on", day},
       {"ends_on", day},
       {"slot_minutes", 30},
       {"sessions", {{{"day", day}, {"starts_at", "08:00"}, {"ends_at", "11:00"}, {"tables", 5}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.Json()["event"]["id"];
  EXPECT_EQ(created.Json()["event"]["state"], "draft");
  EXPECT_EQ(anonymous->Get(E(id)).status, 404);
  EXPECT_EQ(anonymous->Get("/api/events").Json()["total"], 0);
  EXPECT_EQ(admin->Get("/api/events").Json()["total"], 1);
  // A draft takes no registration: to anyone but its organisers it does not exist.
  std::int64_t coop = Organisation(*bg, "HTX Miến dong Sơn Động", 240400001, "bac-giang");
  std::int64_t session = created.Json()["event"]["sessions"][0]["id"];
  EXPECT_EQ(bg->Post(E(id, "/participants"), {{"organisation_id", coop}, {"sessions", {session}}})
                .status,
            404);
  EXPECT_EQ(officer->Post(E(id, "/participants"), {{"organisation_id", coop}, {"sessions", {session}}})
                .status,
            409);
  ASSERT_EQ(officer->Post(E(id, "/state"), {{"state", "open"}}).status, 200);
  EXPECT_EQ(anonymous->Get(E(id)).status, 200);
  Answer reg = bg->Post(E(id, "/participants"), {{"organisation_id", coop}, {"sessions", {session}}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  // Proposals from the matching: no published listing yet, so none — but the call works and is
  // refused to someone not registered.
  Answer proposed = bg->Post(E(id, "/proposals"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.Json()["created"], 0);
  auto hn = As("dn.hanoi");
  EXPECT_EQ(hn->Post(E(id, "/proposals")).status, 403);
  // Sessions cannot be replaced once someone registered for them.
  EXPECT_EQ(officer
                ->Patch(E(id), {{"sessions",
                                 {{{"day", day}, {"starts_at", "13:00"}, {"ends_at", "15:00"},
                                   {"tables", 2}}}}})
                .status,
            409);
}

TEST_F(EventHttpTest, ProposalsComeFromTheMatchingBetweenRegisteredParticipants) {
  auto admin = As("admin");
  auto bg = As("dn.bacgiang");
  auto th = As("dn.thanhhoa");
  int y = core::Date::Today().year + 1;
  std::string day = fmt::format("{}-06-05", y);
  Answer created = admin->Post(
      "/api/events",
      {{"unit", "ha-noi"},
       {"title", "Kết nối cung cầu vải thiều"},
       {"starts_on", day},
       {"ends_on", day},
       {"slot_minutes", 20},
       {"state", "open"},
       {"sessions", {{{"day", day}, {"starts_at", "08:00"}, {"ends_at", "10:00"}, {"tables", 4}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.Json()["event"]["id"];
  std::int64_t session = created.Json()["event"]["sessions"][0]["id"];

  // A published lychee offer from Bắc Giang and a published request for lychee in Thanh Hóa.
  std::int64_t coop = Organisation(*bg, "HTX Vải thiều Lục Ngạn", 240500001, "bac-giang");
  std::int64_t market = Organisation(*th, "Công ty CP Siêu thị Xứ Thanh", 380500001, "thanh-hoa");
  Answer product = bg->Post("/api/linkage/products", {{"organisation", coop},
                                                      {"name_vi", "Vải thiều Lục Ngạn"},
                                                      {"vcpa", "01215"},
                                                      {"unit", "tấn"},
                                                      {"harvest_months", "5-7"}});
  ASSERT_EQ(product.status, 201) << product.body;
  Answer offer = bg->Post(
      "/api/linkage/listings",
      {{"kind", "offer"},
       {"organisation", coop},
       {"product", product.Json()["product"]["id"]},
       {"title", "Vải thiều Lục Ngạn chín sớm"},
       {"quantity", {{"value", "200"}, {"unit", "tấn"}}},
       {"window", {{"from", fmt::format("{}-05-20", y)}, {"to", fmt::format("{}-07-31", y)}}}});
  ASSERT_EQ(offer.status, 201) << offer.body;
  Answer request = th->Post(
      "/api/linkage/listings",
      {{"kind", "request"},
       {"organisation", market},
       {"title", "Cần mua vải thiều tươi cho tháng 6"},
       {"description", "Vải thiều loại 1, giao tại Thanh Hóa"},
       {"vcpa", "01215"},
       {"quantity", {{"value", "20"}, {"unit", "tấn"}}},
       {"window", {{"from", fmt::format("{}-06-01", y)}, {"to", fmt::format("{}-06-30", y)}}}});
  ASSERT_EQ(request.status, 201) << request.body;
  std::int64_t offer_id = offer.Json()["listing"]["id"];
  std::int64_t request_id = request.Json()["listing"]["id"];
  for (std::int64_t l : {offer_id, request_id}) {
    ASSERT_EQ(admin->Post(fmt::format("/api/linkage/listings/{}/submit", l)).status, 200);
    ASSERT_EQ(admin->Post(fmt::format("/api/linkage/listings/{}/approve", l)).status, 200);
  }
  Answer pa = bg->Post(E(id, "/participants"), {{"organisation_id", coop}, {"sessions", {session}}});
  Answer pb = th->Post(E(id, "/participants"), {{"organisation_id", market}, {"sessions", {session}}});
  ASSERT_EQ(pa.status, 201) << pa.body;
  ASSERT_EQ(pb.status, 201) << pb.body;
  std::int64_t p_bg = pa.Json()["participant"]["id"];
  std::int64_t p_th = pb.Json()["participant"]["id"];

  // The seller asks for proposals: the buyer's request matches its offer, so a request goes from
  // the buyer to the seller, with both listings and the score.
  Answer proposed = bg->Post(E(id, "/proposals"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.Json()["created"], 1) << proposed.body;
  EXPECT_EQ(bg->Post(E(id, "/proposals")).Json()["created"], 0);  // never twice for a pair
  Answer list = th->Get(E(id, "/requests"));
  ASSERT_EQ(list.Json()["requests"].size(), 1u) << list.body;
  json r = list.Json()["requests"][0];
  EXPECT_EQ(r["origin"], "matching");
  EXPECT_EQ(r["from"]["id"], p_th);
  EXPECT_EQ(r["to"]["id"], p_bg);
  EXPECT_EQ(r["from_listing_id"], request_id);
  EXPECT_EQ(r["to_listing_id"], offer_id);
  EXPECT_FALSE(r["match_score"].is_null());
  // The seller answers it like any request.
  Answer accepted = bg->Post(E(id, fmt::format("/requests/{}/accept", r["id"].get<std::int64_t>())));
  EXPECT_EQ(accepted.status, 200) << accepted.body;
}

}  // namespace
}  // namespace lienket::api
