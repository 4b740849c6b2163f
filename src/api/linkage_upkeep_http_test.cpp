// Black-box HTTP tests of the directory's upkeep (issue 5): vetoes — a buyer in Thanh Hóa vetoes
// a Bắc Giang cooperative and its offer leaves the buyer's matches until the veto is lifted, and
// only those who manage an organisation see or change its vetoes — and listings' expiry — the
// upkeep reminds the owner once per window end, in the app, and expires a listing whose window
// is over, which then leaves the public list and the matches.
// The server has an SMTP sink (testing::SmtpSink), so reminders are e-mailed too.
#include <fmt/format.h>

#include <mutex>

#include "api/http_test_util.hpp"
#include "api/listing_upkeep.hpp"
#include "linkage/tax_code.hpp"

namespace lienket::api {
namespace {

using nlohmann::json;
using testing::Answer;
using testing::Caller;
using testing::IsErrorShape;
using testing::SmtpSink;
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

ServiceConfig WithSmtp(int port) {
  ServiceConfig config;
  config.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  config.smtp_from = "lienket@test.example";
  config.public_url = "https://lienket.test";
  return config;
}

class LinkageUpkeepTest : public ::testing::Test {
 protected:
  LinkageUpkeepTest() : server_(WithSmtp(sink_.port())) {}

  void SetUp() override {
    server_.AddUser("admin", access::Role::kAdmin);
    server_.AddUser("dn.bacgiang", access::Role::kEnterprise);
    server_.AddUser("dn.thanhhoa", access::Role::kEnterprise);
    server_.AddUser("officer.bg", access::Role::kOfficer, "bac-giang");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa");
    server_.Start();
    bg_ = As("dn.bacgiang");
    th_ = As("dn.thanhhoa");
    officer_bg_ = As("officer.bg");
    coop_ = Create(*bg_, "/api/linkage/organisations", "organisation",
                   {{"kind", "HTX"},
                    {"name", "HTX Vải thiều Phượng Sơn"},
                    {"tax_code", TaxCode(240200101)},
                    {"unit", "bac-giang"},
                    {"registered_on", "2019-03-15"},
                    {"email", "htx.phuongson@example.vn"}});
    lychee_ = Create(*bg_, "/api/linkage/products", "product",
                     {{"organisation", coop_},
                      {"name_vi", "Vải thiều Lục Ngạn"},
                      {"vcpa", "01215"},
                      {"unit", "tấn"},
                      {"harvest_months", "1-12"}});
    market_ = Create(*th_, "/api/linkage/organisations", "organisation",
                     {{"kind", "doanh nghiệp"},
                      {"name", "Công ty CP Siêu thị Xứ Thanh"},
                      {"tax_code", TaxCode(280300101)},
                      {"unit", "thanh-hoa"},
                      {"registered_on", "2018-01-10"}});
  }

  std::unique_ptr<Caller> As(const std::string& login) {
    auto c = std::make_unique<Caller>(server_.port());
    if (login != "anonymous") EXPECT_EQ(c->Login(login).status, 200) << login;
    return c;
  }
  static std::int64_t Create(Caller& who, const std::string& path, const std::string& field,
                             const json& body) {
    Answer a = who.Post(path, body);
    EXPECT_EQ(a.status, 201) << path << ": " << a.body;
    return a.Json()[field].value("id", std::int64_t{0});
  }
  // A lychee offer of the cooperative, published, whose window ends `days` from today.
  std::int64_t PublishedOffer(int days, const std::string& title) {
    core::Date today = core::Date::Today();
    std::int64_t id =
        Create(*bg_, "/api/linkage/listings", "listing",
               {{"kind", "offer"},
                {"organisation", coop_},
                {"product", lychee_},
                {"title", title},
                {"quantity", {{"value", "50"}, {"unit", "tấn"}}},
                {"window", {{"from", today.ToString()}, {"to", Plus(today, days).ToString()}}}});
    EXPECT_EQ(bg_->Post(L(id, "/submit")).status, 200);
    EXPECT_EQ(officer_bg_->Post(L(id, "/approve")).status, 200);
    return id;
  }
  static std::string L(std::int64_t id, const std::string& suffix = "") {
    return fmt::format("/api/linkage/listings/{}{}", id, suffix);
  }
  static std::string Vetoes(std::int64_t org) {
    return fmt::format("/api/linkage/organisations/{}/vetoes", org);
  }
  static bool Has(const json& list, const std::string& field, std::int64_t id) {
    for (const json& x : list)
      if (x[field]["id"] == id) return true;
    return false;
  }
  UpkeepReport Upkeep(const core::Date& today) {
    std::lock_guard lock(server_.service().mutex());
    auto report = RunListingUpkeep(server_.service(), today);
    EXPECT_TRUE(report.has_value()) << report.error().message_en;
    return report.value_or(UpkeepReport{});
  }

  SmtpSink sink_;  // before the server, which is given its port
  TestServer server_;
  std::unique_ptr<Caller> bg_, th_, officer_bg_;
  std::int64_t coop_ = 0, lychee_ = 0, market_ = 0;
};

TEST_F(LinkageUpkeepTest, AVetoHidesTheOfferFromTheBuyersMatchesUntilLifted) {
  std::int64_t offer = PublishedOffer(60, "Vải thiều Lục Ngạn tươi");
  core::Date today = core::Date::Today();
  std::int64_t request =
      Create(*th_, "/api/linkage/listings", "listing",
             {{"kind", "request"},
              {"organisation", market_},
              {"title", "Cần mua vải thiều tươi"},
              {"description", "Vải thiều loại 1, giao tại Thanh Hóa"},
              {"vcpa", "01215"},
              {"quantity", {{"value", "20"}, {"unit", "tấn"}}},
              {"window", {{"from", today.ToString()}, {"to", Plus(today, 30).ToString()}}}});
  ASSERT_EQ(th_->Post(L(request, "/submit")).status, 200);
  ASSERT_EQ(As("officer.th")->Post(L(request, "/approve")).status, 200);
  auto matched = [&] {
    Answer m = th_->Get(L(request, "/matches?limit=10"));
    EXPECT_EQ(m.status, 200) << m.body;
    return Has(m.Json()["matches"], "listing", offer);
  };
  auto matched_back = [&] {
    Answer m = bg_->Get(L(offer, "/matches?limit=10"));
    EXPECT_EQ(m.status, 200) << m.body;
    return Has(m.Json()["matches"], "listing", request);
  };
  ASSERT_TRUE(matched());
  ASSERT_TRUE(matched_back());

  Answer veto = th_->Post(Vetoes(market_), {{"organisation", coop_}});
  ASSERT_EQ(veto.status, 201) << veto.body;
  ASSERT_EQ(veto.Json()["vetoes"].size(), 1u);
  EXPECT_EQ(veto.Json()["vetoes"][0]["name"], "HTX Vải thiều Phượng Sơn");
  EXPECT_EQ(veto.Json()["vetoes"][0]["unit"], "bac-giang");
  EXPECT_FALSE(matched());
  // The veto works both ways: the cooperative's own view of the offer's matches loses the buyer.
  EXPECT_FALSE(matched_back());

  // Only those who manage the buyer see or change its vetoes; the other side is not told.
  EXPECT_EQ(bg_->Get(Vetoes(market_)).status, 404);  // unverified: not even visible
  Answer officer_th = As("officer.th")->Get(Vetoes(market_));
  EXPECT_EQ(officer_th.status, 200) << officer_th.body;
  Answer other_officer = officer_bg_->Get(Vetoes(market_));
  EXPECT_EQ(other_officer.status, 404) << other_officer.body;
  EXPECT_TRUE(IsErrorShape(other_officer));
  EXPECT_EQ(th_->Post(Vetoes(market_), {{"organisation", market_}}).status, 400);
  EXPECT_EQ(th_->Post(Vetoes(market_), {{"organisation", 999999}}).status, 404);
  EXPECT_EQ(th_->Post(Vetoes(market_), json::object()).status, 400);

  Answer lifted = th_->Send("DELETE", fmt::format("{}/{}", Vetoes(market_), coop_));
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_TRUE(lifted.Json()["vetoes"].empty());
  EXPECT_TRUE(matched());
  EXPECT_TRUE(matched_back());
  EXPECT_EQ(th_->Send("DELETE", fmt::format("{}/{}", Vetoes(market_), coop_)).status, 404);

  // Both changes are in the audit log.
  std::lock_guard lock(server_.service().mutex());
  for (const char* action : {"organisation_veto", "organisation_veto_lift"}) {
    stats::AuditQuery q;
    q.action = action;
    auto entries = server_.service().workflow().FindAudit(q);
    ASSERT_TRUE(entries.has_value());
    EXPECT_EQ(entries->size(), 1u) << action;
  }
}

TEST_F(LinkageUpkeepTest, OwnersAreRemindedOnceAndListingsExpireAfterTheirWindow) {
  std::int64_t soon = PublishedOffer(3, "Vải thiều cuối vụ");
  std::int64_t later = PublishedOffer(60, "Vải thiều sấy khô");
  core::Date today = core::Date::Today();

  UpkeepReport first = Upkeep(today);
  EXPECT_EQ(first.expired, 0);
  EXPECT_EQ(first.reminded, 1);
  EXPECT_EQ(first.emailed, 1);
  EXPECT_TRUE(first.mail_failures.empty());
  EXPECT_EQ(Upkeep(today).reminded, 0) << "reminded twice";
  // One e-mail, to the cooperative's contact address, in both languages, with the link.
  std::vector<SmtpSink::Mail> mails = sink_.mails();
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(mails[0].recipients.size(), 1u);
  EXPECT_NE(mails[0].recipients[0].find("htx.phuongson@example.vn"), std::string::npos);
  EXPECT_NE(testing::DecodedSubject(mails[0].data).find("Vải thiều cuối vụ"), std::string::npos)
      << mails[0].data;
  std::string body = testing::DecodedBody(mails[0].data);
  EXPECT_NE(body.find("Kính gửi HTX Vải thiều Phượng Sơn"), std::string::npos) << body;
  EXPECT_NE(body.find("renew it in the app"), std::string::npos) << body;
  EXPECT_NE(body.find(fmt::format("https://lienket.test/#/linkage/listings/{}", soon)),
            std::string::npos)
      << body;

  Answer alerts = bg_->Get("/api/linkage/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  const json& expiring = alerts.Json()["expiring"];
  ASSERT_EQ(expiring.size(), 1u) << alerts.body;
  EXPECT_EQ(expiring[0]["listing"]["id"], soon);
  EXPECT_EQ(expiring[0]["days_left"], 3);
  EXPECT_EQ(expiring[0]["seen"], false);
  EXPECT_EQ(expiring[0]["emailed_to"], "htx.phuongson@example.vn");
  EXPECT_TRUE(th_->Get("/api/linkage/alerts").Json()["expiring"].empty());
  EXPECT_EQ(th_->Post(L(soon, "/reminder-seen")).status, 403);
  ASSERT_EQ(bg_->Post(L(soon, "/reminder-seen")).status, 200);
  EXPECT_EQ(bg_->Get("/api/linkage/alerts").Json()["expiring"][0]["seen"], true);

  // Four days on, the first window is over: the listing expires and leaves the public list.
  UpkeepReport after = Upkeep(Plus(today, 4));
  EXPECT_EQ(after.expired, 1);
  Answer expired = bg_->Get(L(soon));
  ASSERT_EQ(expired.status, 200);
  EXPECT_EQ(expired.Json()["listing"]["state"], "expired");
  EXPECT_EQ(bg_->Get(L(later)).Json()["listing"]["state"], "published");
  auto anonymous = As("anonymous");
  EXPECT_EQ(anonymous->Get(L(soon)).status, 404);
  EXPECT_EQ(anonymous->Get(L(later)).status, 200);

  // Renewed, it is public again; its new end will be reminded afresh and the old reminder is
  // history.
  Answer renewed = bg_->Post(L(soon, "/renew"), {{"valid_to", Plus(today, 30).ToString()}});
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(renewed.Json()["listing"]["state"], "published");
  EXPECT_TRUE(bg_->Get("/api/linkage/alerts").Json()["expiring"].empty());
  EXPECT_EQ(Upkeep(Plus(today, 25)).reminded, 1);
}

}  // namespace
}  // namespace lienket::api
