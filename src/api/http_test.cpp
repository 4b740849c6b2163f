// Black-box HTTP tests: the real server on a free port over a fresh database, spoken to with
// cpp-httplib's client as a browser would (session cookie, X-CSRF-Token). They cover who may do
// what (roles × routes × provinces), the workflow end to end with what anonymous readers see,
// CSRF, sessions and login throttling, the error shape, security headers, the Excel round trip
// and reminders by e-mail through a tiny SMTP sink.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <vector>

#include "api/http_test_util.hpp"
#include "app/template_command.hpp"
#include "io/fs.hpp"

namespace lienket::api {
namespace {

using testing::Answer;
using testing::Caller;
using testing::IsErrorShape;
using testing::PreviousMonth;
using testing::DecodeBase64;
using testing::DecodedSubject;
using testing::SmtpSink;
using testing::TestServer;

class HttpTest : public ::testing::Test {
 protected:
  explicit HttpTest(ServiceConfig config = {}) : server_(std::move(config)) {}
  void SetUp() override {
    server_.AddStandardUsers();
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
  static std::string Sub(const std::string& unit, const std::string& suffix = "") {
    return "/api/submissions/" + unit + "/monthly/" + PreviousMonth() + suffix;
  }
  // The value shown in the entry grid for `indicator` (null when none).
  static nlohmann::json GridValue(const Answer& a, const std::string& indicator) {
    for (const nlohmann::json& row : a.Json()["rows"])
      if (row["indicator"] == indicator) return row["value"];
    return "missing row";
  }
  static nlohmann::json GridMessages(const Answer& a, const std::string& indicator) {
    for (const nlohmann::json& row : a.Json()["rows"])
      if (row["indicator"] == indicator) return row["messages"];
    return nlohmann::json::array();
  }

  TestServer server_;
};

// --- the authorization matrix

struct MatrixRoute {
  std::string name;
  std::string method;
  std::string path;  // "{unit}" replaced by the province
  std::string body;
  std::string content_type = "application/json";
  enum class Rule { kSee, kEnter, kWithdraw, kReview, kAudit, kCoordinate, kManage } rule;
  bool per_province = true;
};

TEST_F(HttpTest, AuthorizationMatrixOfRolesRoutesAndProvinces) {
  using Rule = MatrixRoute::Rule;
  const std::string period = PreviousMonth();
  const std::string base = "/api/submissions/{unit}/monthly/" + period;
  std::int64_t enterprise_id = server_.UserId("enterprise");
  std::vector<MatrixRoute> routes = {
      {"get", "GET", base, "", "application/json", Rule::kSee},
      {"put", "PUT", base, R"({"values":[]})", "application/json", Rule::kEnter},
      {"check", "POST", base + "/check", R"({"values":[]})", "application/json", Rule::kSee},
      {"submit", "POST", base + "/submit", "{}", "application/json", Rule::kEnter},
      {"withdraw", "POST", base + "/withdraw", "{}", "application/json", Rule::kWithdraw},
      {"approve", "POST", base + "/approve", "{}", "application/json", Rule::kReview},
      {"return", "POST", base + "/return", R"({"comment":"cần sửa số"})", "application/json",
       Rule::kReview},
      {"reopen", "POST", base + "/reopen", R"({"reason":"sửa số liệu sai"})", "application/json",
       Rule::kReview},
      {"template", "GET", base + "/template.xlsx", "", "application/json", Rule::kSee},
      {"upload", "POST", base + "/upload", "not a workbook", "application/octet-stream",
       Rule::kEnter},
      {"audit", "GET", "/api/audit?unit={unit}", "", "application/json", Rule::kAudit},
      {"completeness", "GET", "/api/completeness?form=monthly&period=" + period, "",
       "application/json", Rule::kCoordinate, false},
      {"reminders", "POST", "/api/reminders",
       nlohmann::json{{"form", "monthly"}, {"period", period}}.dump(), "application/json",
       Rule::kCoordinate, false},
      {"users list", "GET", "/api/users", "", "application/json", Rule::kManage, false},
      {"users create", "POST", "/api/users",
       R"({"login":"new.dn","display_name":"Doanh nghiệp mới","password":"mat-khau-moi-123","role":"enterprise"})",
       "application/json", Rule::kManage, false},
      {"users patch", "PATCH", "/api/users/" + std::to_string(enterprise_id),
       R"({"display_name":"Doanh nghiệp A"})", "application/json", Rule::kManage, false},
  };
  // Who may, by province ("" = any, for routes without a province).
  auto allowed = [](const std::string& role, Rule rule, const std::string& unit) {
    bool na = unit == "nghe-an";
    bool ht = unit == "ha-tinh";
    bool enter = role == "admin" || ((role == "officer.na" || role == "approver.na") && na) ||
                 (role == "officer.ht" && ht);
    bool review = role == "admin" || role == "coord";
    switch (rule) {
      case Rule::kSee: return enter || review;
      case Rule::kEnter: return enter;
      case Rule::kWithdraw: return role == "admin" || (role == "approver.na" && na);
      case Rule::kReview: return review;
      case Rule::kAudit: return enter || review;
      case Rule::kCoordinate: return review;
      case Rule::kManage: return role == "admin";
    }
    return false;
  };
  const std::vector<std::string> roles = {"anonymous", "enterprise", "officer.na", "approver.na",
                                          "officer.ht", "coord", "admin", "inactive"};
  int checked = 0;
  for (const std::string& role : roles) {
    Caller caller(server_.port());
    bool logged_in = false;
    if (role != "anonymous") {
      Answer login = caller.Login(role);
      if (role == "inactive") {
        EXPECT_EQ(login.status, 401) << "an inactive account must not log in";
      } else {
        ASSERT_EQ(login.status, 200) << role;
        logged_in = true;
      }
    }
    for (const MatrixRoute& route : routes) {
      for (const std::string unit : {"nghe-an", "ha-tinh"}) {
        if (!route.per_province && unit != "nghe-an") continue;
        std::string path = route.path;
        if (auto at = path.find("{unit}"); at != std::string::npos) path.replace(at, 6, unit);
        Answer a = caller.Send(route.method, path, route.body, route.content_type);
        std::string what = role + " " + route.name + " " + (route.per_province ? unit : "") +
                           " -> " + std::to_string(a.status) + " " + a.body.substr(0, 200);
        ++checked;
        if (!logged_in) {
          EXPECT_EQ(a.status, 401) << what;
          EXPECT_TRUE(IsErrorShape(a)) << what;
        } else if (allowed(role, route.rule, route.per_province ? unit : "")) {
          EXPECT_NE(a.status, 401) << what;
          EXPECT_NE(a.status, 403) << what;
          EXPECT_NE(a.status, 0) << what;
        } else {
          EXPECT_EQ(a.status, 403) << what;
          EXPECT_TRUE(IsErrorShape(a)) << what;
        }
      }
    }
  }
  EXPECT_EQ(checked, 8 * (11 * 2 + 5));
}

TEST_F(HttpTest, NgheAnOfficerCanNeverWriteHaTinhFigures) {
  auto na = As("officer.na");
  const std::string values =
      R"({"values":[{"indicator":"retail_sales","value":"1.000"},{"indicator":"iip","value":"101"}]})";
  EXPECT_EQ(na->Send("PUT", Sub("ha-tinh"), values).status, 403);
  EXPECT_EQ(na->Send("PUT", Sub("ha-tinh") + "?numbers=en", values).status, 403);
  EXPECT_EQ(na->Post(Sub("ha-tinh", "/submit"), {{"accept_warnings", true}}).status, 403);
  EXPECT_EQ(na->Post(Sub("ha-tinh", "/withdraw")).status, 403);
  EXPECT_EQ(na->Post(Sub("ha-tinh", "/approve")).status, 403);
  EXPECT_EQ(na->Post(Sub("ha-tinh", "/reopen"), {{"reason", "thử mở lại"}}).status, 403);
  EXPECT_EQ(na->Send("GET", Sub("ha-tinh", "/template.xlsx")).status, 403);
  EXPECT_EQ(na->Send("POST", Sub("ha-tinh", "/upload") + "?confirm=1", "PK\x03\x04xxxx",
                     "application/octet-stream")
                .status,
            403);
  // Nor by changing their own account.
  EXPECT_EQ(na->Patch("/api/users/" + std::to_string(server_.UserId("officer.na")),
                      {{"unit", "ha-tinh"}})
                .status,
            403);
  // A Nghệ An upload carrying Hà Tĩnh's row is refused as a whole.
  std::string file;
  {
    std::lock_guard lock(server_.service().mutex());
    app::Context& ctx = server_.service().ctx();
    const stats::ReportForm* form = server_.service().FindForm("monthly");
    ASSERT_NE(form, nullptr);
    app::TemplatePrefill prefill;
    const stats::AdminUnit* ha_tinh = ctx.units.FindByKey("ha-tinh");
    prefill[{ha_tinh->id, "retail_sales"}] = *core::Decimal::Parse("2000000000000");
    io::TestScratchDir dir;
    std::string path = dir.File("ht.xlsx");
    ASSERT_TRUE(app::WriteTemplate(ctx, *form, *core::Period::Parse(PreviousMonth()), {ha_tinh},
                                   path, &prefill));
    file = *io::ReadFile(path, 1 << 24);
  }
  Answer upload = na->Send("POST", Sub("nghe-an", "/upload") + "?confirm=1", file,
                           "application/octet-stream");
  ASSERT_EQ(upload.status, 200) << upload.body;
  EXPECT_FALSE(upload.Json()["applied"].get<bool>());
  EXPECT_GT(upload.Json()["errors"].get<int>(), 0);
  // Hà Tĩnh has nothing, and its audit trail no line by Nghệ An's officer.
  auto admin = As("admin");
  Answer ht = admin->Get(Sub("ha-tinh"));
  ASSERT_EQ(ht.status, 200);
  EXPECT_EQ(ht.Json()["submission"]["status"], "new");
  for (const nlohmann::json& row : ht.Json()["rows"]) EXPECT_TRUE(row["value"].is_null()) << row;
  Answer audit = admin->Get("/api/audit?unit=ha-tinh");
  ASSERT_EQ(audit.status, 200);
  for (const nlohmann::json& e : audit.Json()["entries"]) EXPECT_NE(e["user"], "officer.na") << e;
  Answer na_report = admin->Get(Sub("nghe-an"));
  EXPECT_EQ(na_report.Json()["submission"]["status"], "new") << na_report.body;
}

// --- the workflow end to end

bool HasAction(const nlohmann::json& entries, const std::string& action) {
  for (const nlohmann::json& e : entries)
    if (e["action"] == action) return true;
  return false;
}

TEST_F(HttpTest, WorkflowFromDraftToTwoPublishedVintages) {
  const std::string period = PreviousMonth();
  auto officer = As("officer.na");
  auto coord = As("coord");
  Caller anonymous(server_.port());
  const std::string observations = "/api/observations?unit=nghe-an&period=" + period;
  const std::string profile = "/api/units/nghe-an/profile?period=" + period;
  const std::string timeseries =
      "/api/timeseries?region=mien-bac-28&indicator=retail_sales&years=1&period=" + period;
  const std::string overview = "/api/overview?region=mien-bac-28&period=" + period;
  const std::string first_value = "1234500000000";  // 1.234,5 tỷ đồng

  // An error value is not saved, and its message comes back.
  Answer saved = officer->Put(Sub("nghe-an"),
                              {{"values",
                                {{{"indicator", "retail_sales"}, {"value", "1.234,5"}},
                                 {{"indicator", "iip"}, {"value", "1000"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["submission"]["status"], "draft");
  EXPECT_EQ(GridValue(saved, "retail_sales"), "1.234,5");
  EXPECT_TRUE(GridValue(saved, "iip").is_null()) << saved.body;
  nlohmann::json iip_messages = GridMessages(saved, "iip");
  ASSERT_FALSE(iip_messages.empty());
  EXPECT_EQ(iip_messages[0]["severity"], "error");
  EXPECT_FALSE(iip_messages[0]["message_vi"].get<std::string>().empty());

  // Drafts are invisible to anonymous readers everywhere.
  auto no_draft_anywhere = [&](const std::string& when) {
    Answer o = anonymous.Get(observations);
    ASSERT_EQ(o.status, 200) << o.body;
    EXPECT_TRUE(o.Json()["observations"].empty()) << when << o.body;
    Answer p = anonymous.Get(profile);
    ASSERT_EQ(p.status, 200) << p.body;
    EXPECT_TRUE(p.Json()["indicators"].empty()) << when << p.body;
    Answer t = anonymous.Get(timeseries);
    ASSERT_EQ(t.status, 200) << t.body;
    EXPECT_TRUE(t.Json()["points"][0]["total"].is_null()) << when << t.body;
    Answer v = anonymous.Get(overview);
    ASSERT_EQ(v.status, 200) << v.body.substr(0, 300);
    EXPECT_EQ(v.body.find("12345"), std::string::npos) << when;
    EXPECT_EQ(v.body.find("1.234,5"), std::string::npos) << when;
    EXPECT_EQ(anonymous.Get(Sub("nghe-an")).status, 401);
    Answer periods = anonymous.Get("/api/periods?dataset=observed");
    ASSERT_EQ(periods.status, 200) << periods.body;
    for (const auto& code : periods.Json()["periods"]) EXPECT_NE(code, period) << when;
  };
  no_draft_anywhere("draft: ");

  // Fixed, submitted: still invisible.
  Answer fixed = officer->Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "105,3"}}}}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(GridValue(fixed, "iip"), "105,3");
  EXPECT_EQ(GridValue(fixed, "retail_sales"), "1.234,5");
  Answer submitted = officer->Post(Sub("nghe-an", "/submit"), {{"accept_warnings", true}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["submission"]["status"], "submitted");
  no_draft_anywhere("submitted: ");
  // Submitted values cannot be edited.
  EXPECT_EQ(officer->Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "106"}}}}}).status,
            409);

  // Approved: published for everyone.
  Answer approved = coord->Post(Sub("nghe-an", "/approve"), {{"comment", "Đồng ý"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["submission"]["status"], "approved");
  EXPECT_EQ(approved.Json()["submission"]["revision"], 1);
  Answer o = anonymous.Get(observations + "&indicator=retail_sales");
  ASSERT_EQ(o.status, 200);
  ASSERT_EQ(o.Json()["observations"].size(), 1u) << o.body;
  EXPECT_EQ(o.Json()["observations"][0]["value"], first_value);
  EXPECT_NE(o.Json()["observations"][0]["source"].get<std::string>().find("duyệt lần 1"),
            std::string::npos);
  Answer p = anonymous.Get(profile);
  EXPECT_NE(p.body.find(first_value), std::string::npos) << p.body;
  // The period picker offers the month now, first: it is the newest period with figures.
  Answer periods = anonymous.Get("/api/periods?dataset=observed");
  ASSERT_EQ(periods.status, 200) << periods.body;
  ASSERT_FALSE(periods.Json()["periods"].empty()) << periods.body;
  EXPECT_EQ(periods.Json()["periods"][0], period) << periods.body;
  Answer t = anonymous.Get(timeseries);
  EXPECT_EQ(t.Json()["points"][0]["total"], first_value) << t.body;
  Answer v = anonymous.Get(overview);
  ASSERT_EQ(v.status, 200);
  EXPECT_NE(v.body.find("12345"), std::string::npos) << v.body.substr(0, 2000);

  // The audit trail: value_set (old -> new), submit, approve, publish.
  Answer audit = officer->Get("/api/audit?unit=nghe-an&period=" + period);
  ASSERT_EQ(audit.status, 200) << audit.body;
  nlohmann::json entries = audit.Json()["entries"];
  for (const char* action : {"value_set", "submit", "approve", "publish"})
    EXPECT_TRUE(HasAction(entries, action)) << action << " " << audit.body;
  bool saw_old_to_new = false;
  for (const nlohmann::json& e : entries) {
    if (e["action"] == "submit") {
      EXPECT_EQ(e["old"], "draft");
      EXPECT_EQ(e["new"], "submitted");
    }
    if (e["action"] == "approve") {
      EXPECT_EQ(e["old"], "submitted");
      EXPECT_EQ(e["new"], "approved");
      EXPECT_EQ(e["user"], "coord");
    }
    if (e["action"] == "publish" && e["indicator"] == "retail_sales") {
      EXPECT_EQ(e["new"], first_value);
    }
    if (e["action"] == "value_set" && e["indicator"] == "retail_sales") {
      EXPECT_TRUE(e["old"].is_null());
      EXPECT_NE(e["new"].get<std::string>().find(first_value), std::string::npos) << e;
      saw_old_to_new = true;
    }
  }
  EXPECT_TRUE(saw_old_to_new);
  for (const nlohmann::json& e : entries) {
    // The refused value 1000 was never saved.
    bool refused_saved = e["action"] == "value_set" && e["indicator"] == "iip" &&
                         e["new"].get<std::string>().rfind("1000", 0) == 0;
    EXPECT_FALSE(refused_saved) << e;
  }

  // Approved values are locked.
  Answer locked = officer->Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "106"}}}}});
  EXPECT_EQ(locked.status, 409) << locked.body;
  EXPECT_TRUE(IsErrorShape(locked));
  EXPECT_EQ(officer->Send("POST", Sub("nghe-an", "/upload"), "PK\x03\x04", "application/octet-stream").status,
            409);

  // Reopening needs a reason.
  Answer no_reason = coord->Post(Sub("nghe-an", "/reopen"));
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_TRUE(IsErrorShape(no_reason));
  EXPECT_EQ(coord->Post(Sub("nghe-an", "/reopen"), {{"reason", "  "}}).status, 400);
  Answer reopened = coord->Post(Sub("nghe-an", "/reopen"), {{"reason", "Sở báo số liệu bán lẻ sai"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.Json()["submission"]["status"], "draft");
  // Still published while reopened.
  EXPECT_EQ(anonymous.Get(observations + "&indicator=retail_sales").Json()["observations"][0]["value"],
            first_value);

  // A change, re-approved: a second vintage.
  Answer changed = officer->Put(Sub("nghe-an"),
                                {{"values", {{{"indicator", "retail_sales"}, {"value", "1.300"}}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  ASSERT_EQ(officer->Post(Sub("nghe-an", "/submit"), {{"accept_warnings", true}}).status, 200);
  Answer second = coord->Post(Sub("nghe-an", "/approve"));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["submission"]["revision"], 2);
  Answer all = anonymous.Get(observations + "&indicator=retail_sales&all_vintages=1");
  ASSERT_EQ(all.status, 200);
  std::set<std::string> values;
  for (const nlohmann::json& row : all.Json()["observations"]) values.insert(row["value"]);
  EXPECT_EQ(values, (std::set<std::string>{first_value, "1300000000000"})) << all.body;
  Answer latest = anonymous.Get(observations + "&indicator=retail_sales");
  ASSERT_EQ(latest.Json()["observations"].size(), 1u) << latest.body;
  EXPECT_EQ(latest.Json()["observations"][0]["value"], "1300000000000");
  // The cached overview follows the new publication.
  EXPECT_NE(anonymous.Get(overview).body.find("1300"), std::string::npos);
}

TEST_F(HttpTest, ReturnNeedsACommentAndReopensTheDraftForTheProvince) {
  auto officer = As("officer.na");
  auto approver = As("approver.na");
  auto coord = As("coord");
  ASSERT_EQ(officer->Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "103"}}}}}).status, 200);
  ASSERT_EQ(officer->Post(Sub("nghe-an", "/submit"), {{"accept_warnings", true}}).status, 200);
  // The approver withdraws, the officer resubmits.
  Answer withdrawn = approver->Post(Sub("nghe-an", "/withdraw"));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json()["submission"]["status"], "draft");
  ASSERT_EQ(officer->Post(Sub("nghe-an", "/submit"), {{"accept_warnings", true}}).status, 200);
  EXPECT_EQ(coord->Post(Sub("nghe-an", "/return")).status, 400);
  Answer returned = coord->Post(Sub("nghe-an", "/return"), {{"comment", "Kiểm tra lại IIP"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.Json()["submission"]["status"], "returned");
  Answer view = officer->Get(Sub("nghe-an"));
  EXPECT_TRUE(view.Json()["can"]["edit"].get<bool>());
  EXPECT_NE(view.body.find("Kiểm tra lại IIP"), std::string::npos);
  // Approve is impossible on a returned report.
  EXPECT_EQ(coord->Post(Sub("nghe-an", "/approve")).status, 409);
}

// --- CSRF

TEST_F(HttpTest, StateChangingCallsNeedTheCsrfTokenAndTheSameOrigin) {
  auto officer = As("officer.na");
  const std::string body = R"({"values":[{"indicator":"iip","value":"101"}]})";
  officer->send_csrf(false);
  Answer without = officer->Send("PUT", Sub("nghe-an"), body);
  EXPECT_EQ(without.status, 403) << without.body;
  EXPECT_TRUE(IsErrorShape(without));
  EXPECT_NE(without.Json()["error"]["message_en"].get<std::string>().find("CSRF"), std::string::npos);
  Answer wrong = officer->Send("PUT", Sub("nghe-an"), body, "application/json",
                               {{"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_TRUE(IsErrorShape(wrong));
  Answer logout_without = officer->Send("POST", "/api/logout", "{}");
  EXPECT_EQ(logout_without.status, 403) << "a forged logout must not end the session";
  officer->send_csrf(true);
  Answer cross_site = officer->Send("PUT", Sub("nghe-an"), body, "application/json",
                                    {{"Origin", "http://evil.example"}});
  EXPECT_EQ(cross_site.status, 403) << cross_site.body;
  EXPECT_TRUE(IsErrorShape(cross_site));
  // A cross-site login attempt is refused too (no session at all).
  Caller stranger(server_.port());
  Answer cross_login = stranger.Send("POST", "/api/login",
                                     R"({"login":"officer.na","password":"mat-khau-dai-1234"})",
                                     "application/json", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(cross_login.status, 403);
  // Nothing was saved.
  EXPECT_EQ(officer->Get(Sub("nghe-an")).Json()["submission"]["status"], "new");
  // The same origin with the token works.
  Answer same = officer->Send("PUT", Sub("nghe-an"), body, "application/json",
                              {{"Origin", "http://127.0.0.1:" + std::to_string(server_.port())}});
  EXPECT_EQ(same.status, 200) << same.body;
  // A GET needs no token.
  officer->send_csrf(false);
  EXPECT_EQ(officer->Get(Sub("nghe-an")).status, 200);
}

// --- sessions and logins

TEST_F(HttpTest, LoginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession) {
  Caller c(server_.port());
  Answer login = c.Login("officer.na");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = login.Header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("lienket_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(login.Json()["user"]["login"], "officer.na");
  EXPECT_EQ(login.Json()["user"]["unit"], "nghe-an");
  EXPECT_EQ(login.Json()["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(login.body.find("password"), std::string::npos);
  Answer me = c.Get("/api/me");
  EXPECT_EQ(me.Json()["user"]["login"], "officer.na");
  EXPECT_EQ(me.Json()["csrf_token"], c.csrf());
  EXPECT_EQ(c.Get(Sub("nghe-an")).status, 200);

  std::string old_cookie = c.cookie();
  Answer logout = c.Post("/api/logout");
  ASSERT_EQ(logout.status, 200) << logout.body;
  EXPECT_NE(logout.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  // The old cookie opens nothing any more.
  c.set_cookie(old_cookie);
  EXPECT_TRUE(c.Get("/api/me").Json()["user"].is_null());
  EXPECT_EQ(c.Get(Sub("nghe-an")).status, 401);
}

TEST_F(HttpTest, EachLoginGetsAFreshSession) {
  Caller a(server_.port());
  ASSERT_EQ(a.Login("officer.na").status, 200);
  std::string first = a.cookie();
  ASSERT_EQ(a.Login("officer.na").status, 200);
  EXPECT_NE(a.cookie(), first);
  Caller old(server_.port());
  old.set_cookie(first);
  EXPECT_EQ(old.Get(Sub("nghe-an")).status, 401) << "the session before login must end";
}

TEST_F(HttpTest, DeactivatedUserSessionStopsWorking) {
  auto officer = As("officer.ht");
  ASSERT_EQ(officer->Get(Sub("ha-tinh")).status, 200);
  auto admin = As("admin");
  Answer patched = admin->Patch("/api/users/" + std::to_string(server_.UserId("officer.ht")),
                                {{"active", false}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_FALSE(patched.Json()["user"]["active"].get<bool>());
  EXPECT_EQ(officer->Get(Sub("ha-tinh")).status, 401);
  EXPECT_EQ(officer->Put(Sub("ha-tinh"), {{"values", nlohmann::json::array()}}).status, 401);
  EXPECT_TRUE(officer->Get("/api/me").Json()["user"].is_null());
  Caller again(server_.port());
  EXPECT_EQ(again.Login("officer.ht").status, 401);
}

TEST_F(HttpTest, WrongPasswordAndUnknownLoginAnswerTheSame) {
  Caller c(server_.port());
  Answer wrong = c.Login("officer.na", "not-the-password");
  Answer unknown = c.Login("nobody.here", "not-the-password");
  Answer inactive = c.Login("inactive");
  for (const Answer* a : {&wrong, &unknown, &inactive}) {
    EXPECT_EQ(a->status, 401) << a->body;
    EXPECT_TRUE(IsErrorShape(*a));
    EXPECT_TRUE(a->Header("Set-Cookie").empty());
  }
  EXPECT_EQ(wrong.Json()["error"]["message_vi"], unknown.Json()["error"]["message_vi"]);
  EXPECT_EQ(wrong.Json()["error"]["message_en"], unknown.Json()["error"]["message_en"]);
  EXPECT_EQ(wrong.Json()["error"]["message_en"], inactive.Json()["error"]["message_en"]);
  EXPECT_EQ(wrong.Json()["error"]["code"], "unauthenticated");
}

TEST_F(HttpTest, SixthLoginAfterFiveFailuresIsThrottled) {
  Caller c(server_.port());
  for (int i = 0; i < 5; ++i) {
    Answer a = c.Login("approver.na", "wrong-password-" + std::to_string(i));
    EXPECT_EQ(a.status, 401) << i << " " << a.body;
  }
  // Even the right password waits now.
  Answer sixth = c.Login("approver.na");
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  EXPECT_TRUE(IsErrorShape(sixth));
  EXPECT_EQ(sixth.Json()["error"]["code"], "resource_exhausted");
  Answer seventh = c.Login("approver.na", "wrong-again");
  EXPECT_EQ(seventh.status, 429);
  // Another account from the same address is not held back.
  Caller other(server_.port());
  EXPECT_EQ(other.Login("officer.na").status, 200);
}

TEST_F(HttpTest, ChangingOnesPasswordKeepsThisSessionAndEndsTheOthers) {
  auto here = As("officer.na");
  auto elsewhere = As("officer.na");
  Answer bad = here->Put("/api/me/password", {{"old_password", "wrong-one-123"},
                                              {"new_password", "mat-khau-moi-5678"}});
  EXPECT_EQ(bad.status, 400);
  Answer too_short = here->Put("/api/me/password", {{"old_password", testing::kPassword},
                                                    {"new_password", "short"}});
  EXPECT_EQ(too_short.status, 400);
  Answer ok = here->Put("/api/me/password", {{"old_password", testing::kPassword},
                                             {"new_password", "mat-khau-moi-5678"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(here->Get(Sub("nghe-an")).status, 200);
  EXPECT_EQ(elsewhere->Get(Sub("nghe-an")).status, 401);
  Caller fresh(server_.port());
  EXPECT_EQ(fresh.Login("officer.na").status, 401);
  EXPECT_EQ(fresh.Login("officer.na", "mat-khau-moi-5678").status, 200);
}

// --- the error shape

TEST_F(HttpTest, BadBodiesAnswer400WithTheErrorShape) {
  Caller c(server_.port());
  for (const std::string body : {"{not json", "[1,2,3]", "\"text\"", "42",
                                 R"({"login":"a","password":"b","remember":true})",
                                 R"({"login":5,"password":"b"})"}) {
    Answer a = c.Send("POST", "/api/login", body);
    EXPECT_EQ(a.status, 400) << body << " " << a.body;
    EXPECT_TRUE(IsErrorShape(a)) << body;
    EXPECT_EQ(a.Json()["error"]["code"], "invalid_argument") << body;
    EXPECT_EQ(a.Json()["request_id"], a.Header("X-Request-Id")) << body;
  }
  auto officer = As("officer.na");
  for (const std::string body :
       {"{", "[]", R"({"values":"x"})", R"({"values":[],"extra":1})", R"({"values":[1]})",
        R"({"values":[{"indicator":"iip","value":101}]})",
        R"({"values":[{"indicator":"iip","value":"101","colour":"red"}]})",
        R"({"values":[{"indicator":"no_such","value":"1"}]})",
        R"({"values":[{"indicator":"iip","value":"1"},{"indicator":"iip","value":"2"}]})"}) {
    Answer a = officer->Send("PUT", Sub("nghe-an"), body);
    EXPECT_EQ(a.status, 400) << body << " " << a.body;
    EXPECT_TRUE(IsErrorShape(a)) << body;
  }
  Answer unknown_field = officer->Post(Sub("nghe-an", "/submit"), {{"acept_warnings", true}});
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_NE(unknown_field.Json()["error"]["message_en"].get<std::string>().find("acept_warnings"),
            std::string::npos);
  auto admin = As("admin");
  Answer wrong_type = admin->Patch("/api/users/" + std::to_string(server_.UserId("enterprise")),
                                   {{"active", "yes"}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_TRUE(IsErrorShape(wrong_type));
  Answer bad_period = officer->Get("/api/submissions/nghe-an/monthly/2024-13");
  EXPECT_EQ(bad_period.status, 400);
  EXPECT_TRUE(IsErrorShape(bad_period));
}

TEST_F(HttpTest, UnknownPathsAndWrongMethodsAnswerWithTheErrorShape) {
  Caller c(server_.port());
  Answer missing = c.Get("/api/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(IsErrorShape(missing));
  EXPECT_EQ(missing.Json()["error"]["code"], "not_found");
  EXPECT_EQ(c.Get("/static/../../etc/passwd").status, 404);
  Answer no_unit = c.Get("/api/units/khong-co/profile");
  EXPECT_EQ(no_unit.status, 404);
  EXPECT_TRUE(IsErrorShape(no_unit));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"DELETE", "/api/me"}, {"GET", "/api/login"}, {"PUT", "/api/units"},
           {"PATCH", "/api/observations"}}) {
    Answer a = c.Send(method, path, method == "GET" ? "" : "{}");
    EXPECT_TRUE(a.status == 400 || a.status == 405) << method << " " << path << " " << a.status;
    EXPECT_TRUE(IsErrorShape(a)) << method << " " << path;
  }
}

TEST_F(HttpTest, OversizedBodiesAre413AndTheServerGoesOn) {
  Caller c(server_.port());
  std::size_t limit = server_.service().config().max_body_bytes;
  Answer just_over = c.Send("POST", "/api/login", std::string(limit + 1, ' '));
  EXPECT_EQ(just_over.status, 413);
  EXPECT_TRUE(IsErrorShape(just_over)) << just_over.body.substr(0, 200);
  EXPECT_EQ(just_over.Json()["error"]["code"], "resource_exhausted");
  Caller other(server_.port());
  Answer far_over = other.Send("POST", "/api/login", std::string(limit + (1 << 20), ' '));
  if (far_over.status != 0) {  // the library may cut the connection before answering
    EXPECT_EQ(far_over.status, 413);
    EXPECT_TRUE(IsErrorShape(far_over)) << far_over.body.substr(0, 200);
  }
  Caller after(server_.port());
  EXPECT_EQ(after.Get("/healthz").status, 200);
  EXPECT_EQ(after.Login("officer.na").status, 200);
}

TEST_F(HttpTest, SecurityHeadersOnEveryResponse) {
  auto officer = As("officer.na");
  Caller anonymous(server_.port());
  std::vector<Answer> answers = {
      anonymous.Get("/"),
      anonymous.Get("/healthz"),
      anonymous.Get("/api/units"),
      anonymous.Get("/api/no-such-thing"),
      anonymous.Get(Sub("nghe-an")),
      anonymous.Send("POST", "/api/login", "{bad"),
      anonymous.Login("nobody.here", "wrong-password"),
      officer->Get(Sub("nghe-an")),
      officer->Get(Sub("nghe-an", "/template.xlsx")),
      officer->Get(Sub("ha-tinh")),
      officer->Send("DELETE", "/api/me"),
  };
  std::set<std::string> ids;
  for (const Answer& a : answers) {
    SCOPED_TRACE(std::to_string(a.status) + " " + a.body.substr(0, 80));
    ASSERT_NE(a.status, 0);
    EXPECT_NE(a.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(a.Header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(a.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(a.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(a.Header("X-Request-Id").size(), 16u);
    ids.insert(a.Header("X-Request-Id"));
  }
  EXPECT_EQ(ids.size(), answers.size()) << "request ids must differ";
  EXPECT_EQ(answers[2].Header("Cache-Control"), "no-store");
}

// --- the Excel round trip

TEST_F(HttpTest, ExcelTemplateRoundTripWithPreviewThenConfirm) {
  auto officer = As("officer.na");
  Answer blank = officer->Get(Sub("nghe-an", "/template.xlsx"));
  ASSERT_EQ(blank.status, 200) << blank.body.substr(0, 300);
  ASSERT_GE(blank.body.size(), 4u);
  EXPECT_EQ(blank.body.substr(0, 2), "PK");
  EXPECT_NE(blank.Header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(blank.Header("Content-Type").find("spreadsheetml"), std::string::npos);

  // Unchanged: no changes.
  Answer same = officer->Send("POST", Sub("nghe-an", "/upload"), blank.body,
                              "application/octet-stream");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_TRUE(same.Json()["changes"].empty()) << same.body;
  EXPECT_FALSE(same.Json()["applied"].get<bool>());
  EXPECT_EQ(same.Json()["errors"], 0) << same.body;

  // A filled one, written the way the server writes templates.
  std::string filled;
  {
    std::lock_guard lock(server_.service().mutex());
    app::Context& ctx = server_.service().ctx();
    const stats::AdminUnit* nghe_an = ctx.units.FindByKey("nghe-an");
    app::TemplatePrefill prefill;
    prefill[{nghe_an->id, "retail_sales"}] = *core::Decimal::Parse("2500000000000");  // 2.500 tỷ
    prefill[{nghe_an->id, "iip"}] = *core::Decimal::Parse("104.5");
    io::TestScratchDir dir;
    std::string path = dir.File("filled.xlsx");
    ASSERT_TRUE(app::WriteTemplate(ctx, *server_.service().FindForm("monthly"),
                                   *core::Period::Parse(PreviousMonth()), {nghe_an}, path,
                                   &prefill));
    filled = *io::ReadFile(path, 1 << 24);
  }
  Answer preview = officer->Send("POST", Sub("nghe-an", "/upload") + "?confirm=0", filled,
                                 "application/octet-stream");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_FALSE(preview.Json()["applied"].get<bool>());
  EXPECT_EQ(preview.Json()["errors"], 0) << preview.body;
  std::map<std::string, nlohmann::json> changes;
  for (const nlohmann::json& ch : preview.Json()["changes"]) changes[ch["indicator"]] = ch;
  ASSERT_EQ(changes.size(), 2u) << preview.body;
  EXPECT_TRUE(changes["retail_sales"]["old"].is_null());
  EXPECT_EQ(changes["retail_sales"]["new"], "2.500");
  EXPECT_EQ(changes["iip"]["new"], "104,5");
  Answer still_empty = officer->Get(Sub("nghe-an"));
  EXPECT_EQ(still_empty.Json()["submission"]["status"], "new");
  EXPECT_TRUE(GridValue(still_empty, "retail_sales").is_null());

  Answer confirmed = officer->Send("POST", Sub("nghe-an", "/upload") + "?confirm=1", filled,
                                   "application/octet-stream");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_TRUE(confirmed.Json()["applied"].get<bool>()) << confirmed.body;
  Answer saved = officer->Get(Sub("nghe-an"));
  EXPECT_EQ(saved.Json()["submission"]["status"], "draft");
  EXPECT_EQ(GridValue(saved, "retail_sales"), "2.500");
  EXPECT_EQ(GridValue(saved, "iip"), "104,5");
  Answer audit = officer->Get("/api/audit?unit=nghe-an");
  int imported = 0;
  for (const nlohmann::json& e : audit.Json()["entries"])
    if (e["action"] == "value_set" && e["via"] == "import") ++imported;
  EXPECT_EQ(imported, 2) << audit.body;
  // The template now comes pre-filled, and uploading it back changes nothing.
  Answer prefilled = officer->Get(Sub("nghe-an", "/template.xlsx"));
  ASSERT_EQ(prefilled.status, 200);
  Answer again = officer->Send("POST", Sub("nghe-an", "/upload"), prefilled.body,
                               "application/octet-stream");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.Json()["changes"].empty()) << again.body;

  // Not a workbook.
  for (const std::string& junk : {std::string("hello, this is text"), std::string()}) {
    Answer bad = officer->Send("POST", Sub("nghe-an", "/upload") + "?confirm=1", junk,
                               "application/octet-stream");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_TRUE(IsErrorShape(bad)) << bad.body;
  }
  // A damaged zip is reported as a problem of the file, and nothing is saved.
  Answer damaged = officer->Send("POST", Sub("nghe-an", "/upload") + "?confirm=1",
                                 std::string("PK\x03\x04garbage-not-a-zip", 22),
                                 "application/octet-stream");
  EXPECT_TRUE(damaged.status == 400 || (damaged.status == 200 && damaged.Json()["errors"] > 0 &&
                                        !damaged.Json()["applied"].get<bool>()))
      << damaged.body;
  EXPECT_EQ(GridValue(officer->Get(Sub("nghe-an")), "retail_sales"), "2.500");
}

// --- reminders

class HttpReminderSmtpTest : public HttpTest {
 protected:
  static ServiceConfig WithSmtp(int port) {
    ServiceConfig config;
    config.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
    config.smtp_from = "lienket@test.example";
    return config;
  }
  // The sink must exist before the service is configured with its port.
  HttpReminderSmtpTest(std::unique_ptr<SmtpSink> sink = std::make_unique<SmtpSink>())
      : HttpTest(WithSmtp(sink->port())), sink_(std::move(sink)) {}
  std::unique_ptr<SmtpSink> sink_;
};

TEST_F(HttpReminderSmtpTest, RemindersAreMailedToTheProvinceWithAVietnameseSubject) {
  auto coord = As("coord");
  // Hà Tĩnh has submitted; Nghệ An has not.
  auto ht = As("officer.ht");
  ASSERT_EQ(ht->Put(Sub("ha-tinh"), {{"values", {{{"indicator", "iip"}, {"value", "102"}}}}}).status, 200);
  ASSERT_EQ(ht->Post(Sub("ha-tinh", "/submit"), {{"accept_warnings", true}}).status, 200);
  Answer a = coord->Post("/api/reminders", {{"form", "monthly"}, {"period", PreviousMonth()}});
  ASSERT_EQ(a.status, 200) << a.body;
  nlohmann::json j = a.Json();
  EXPECT_TRUE(j["smtp_configured"].get<bool>());
  EXPECT_TRUE(j["failed"].empty()) << a.body;
  std::set<std::string> sent(j["sent"].begin(), j["sent"].end());
  EXPECT_EQ(sent, (std::set<std::string>{"nghe-an"})) << a.body;

  std::vector<SmtpSink::Mail> mails = sink_->mails();
  ASSERT_EQ(mails.size(), 1u);
  const SmtpSink::Mail& mail = mails[0];
  std::set<std::string> recipients(mail.recipients.begin(), mail.recipients.end());
  EXPECT_EQ(recipients, (std::set<std::string>{"can-bo@nghean.example", "lanh-dao@nghean.example"}))
      << "officer and approver of Nghệ An, not the inactive account";
  std::string subject = DecodedSubject(mail.data);
  EXPECT_NE(subject.find("Nhắc nộp Báo cáo tháng"), std::string::npos) << subject;
  EXPECT_NE(subject.find("Sở Công Thương Nghệ An"), std::string::npos) << subject;
  for (const nlohmann::json& m : j["messages"])
    if (m["unit"] == "nghe-an") {
      EXPECT_EQ(m["subject"], subject);
    }
  std::size_t to_at = mail.data.find("\r\nTo: ");
  ASSERT_NE(to_at, std::string::npos) << mail.data;
  std::string to_line = mail.data.substr(to_at + 2, mail.data.find("\r\n", to_at + 2) - to_at - 2);
  EXPECT_NE(to_line.find("can-bo@nghean.example"), std::string::npos) << to_line;
  EXPECT_NE(to_line.find("lanh-dao@nghean.example"), std::string::npos) << to_line;
  std::size_t body_at = mail.data.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos);
  std::string body = DecodeBase64(mail.data.substr(body_at + 4));
  EXPECT_NE(body.find("Kính gửi Sở Công Thương Nghệ An"), std::string::npos) << body;

  // Logged: reminder_sent in Nghệ An's audit.
  Answer audit = coord->Get("/api/audit?unit=nghe-an");
  EXPECT_TRUE(HasAction(audit.Json()["entries"], "reminder_sent")) << audit.body;
}

TEST_F(HttpTest, WithoutSmtpRemindersComeBackAsTextsToCopy) {
  auto coord = As("coord");
  Answer a = coord->Post("/api/reminders", {{"form", "monthly"}, {"period", PreviousMonth()}});
  ASSERT_EQ(a.status, 200) << a.body;
  nlohmann::json j = a.Json();
  EXPECT_FALSE(j["smtp_configured"].get<bool>());
  EXPECT_TRUE(j["sent"].empty());
  const nlohmann::json* nghe_an = nullptr;
  for (const nlohmann::json& m : j["messages"])
    if (m["unit"] == "nghe-an") nghe_an = &m;
  ASSERT_NE(nghe_an, nullptr) << a.body.substr(0, 500);
  std::set<std::string> to((*nghe_an)["to"].begin(), (*nghe_an)["to"].end());
  EXPECT_EQ(to, (std::set<std::string>{"can-bo@nghean.example", "lanh-dao@nghean.example"}));
  EXPECT_NE((*nghe_an)["subject"].get<std::string>().find("Nhắc nộp Báo cáo tháng"), std::string::npos);
  std::string body = (*nghe_an)["body"];
  EXPECT_NE(body.find("Kính gửi Sở Công Thương Nghệ An"), std::string::npos) << body;
  EXPECT_NE(body.find("Các chỉ tiêu còn thiếu"), std::string::npos) << body;
  EXPECT_NE(body.find(coord->Get("/api/me").Json()["user"]["display_name"].get<std::string>()),
            std::string::npos);
  // Every member of the 28 (18 units after July 2025) that owes the report gets a message.
  Answer completeness = coord->Get("/api/completeness?form=monthly&period=" + PreviousMonth());
  ASSERT_EQ(completeness.status, 200) << completeness.body;
  EXPECT_EQ(j["messages"].size(), completeness.Json()["rows"].size());
  EXPECT_EQ(completeness.Json()["summary"]["missing"], completeness.Json()["members"]);
}

}  // namespace
}  // namespace lienket::api
