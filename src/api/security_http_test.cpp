// Security checks of issue 6 that the other HTTP tests do not make: sessions end when idle and
// when too old however busy, login throttling holds against the right password and against
// spraying many accounts from one address, no secret (password, session token, CSRF token, the
// SMTP password) reaches the JSON log, and the security headers are on every answer, static
// files and errors included.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "access/user.hpp"
#include "api/http_test_util.hpp"
#include "core/date.hpp"

namespace lienket::api {
namespace {

using testing::Answer;
using testing::Caller;
using testing::PreviousMonth;
using testing::TestServer;

std::string Sub(const std::string& unit) {
  return "/api/submissions/" + unit + "/monthly/" + PreviousMonth();
}

// A session written straight into the store, as if made by a login at `created_offset` seconds
// from now and last seen at `seen_offset`, expiring at `expires_offset`. Returns the cookie.
std::string PlantSession(TestServer& server, const std::string& login, long long created_offset,
                         long long seen_offset, long long expires_offset,
                         std::string* csrf = nullptr) {
  std::string token = access::RandomHex(32);
  access::Session s;
  s.token_sha256 = access::Sha256Hex(token);
  s.user_id = server.UserId(login);
  s.csrf_token = access::RandomHex(32);
  s.created_at = core::UtcTimestamp(created_offset);
  s.last_seen_at = core::UtcTimestamp(seen_offset);
  s.expires_at = core::UtcTimestamp(expires_offset);
  auto made = server.service().workflow().CreateSession(s, "127.0.0.1");
  EXPECT_TRUE(made) << made.error().message_en;
  if (csrf != nullptr) *csrf = s.csrf_token;
  return "lienket_session=" + token;
}

class SecurityHttpTest : public ::testing::Test {
 protected:
  explicit SecurityHttpTest(ServiceConfig config = {}) : server_(std::move(config)) {}
  void SetUp() override {
    server_.AddStandardUsers();
    server_.Start();
  }
  TestServer server_;
};

TEST_F(SecurityHttpTest, AnIdleSessionHasEnded) {
  std::string csrf;
  Caller c(server_.port());
  // Logged in nine hours ago, last seen eight hours ago: the idle limit (8 h) has passed.
  c.set_cookie(PlantSession(server_, "officer.na", -9 * 3600, -8 * 3600 - 60, -60, &csrf));
  c.set_csrf(csrf);
  Answer me = c.Get("/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_TRUE(me.Json()["user"].is_null()) << me.body;
  EXPECT_EQ(c.Get(Sub("nghe-an")).status, 401);
  EXPECT_EQ(c.Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "103"}}}}}).status,
            401);

  // The same, still within its idle time, works: the test is not failing for another reason.
  Caller fresh(server_.port());
  fresh.set_cookie(PlantSession(server_, "officer.na", -3600, -60, 7 * 3600, &csrf));
  fresh.set_csrf(csrf);
  EXPECT_EQ(fresh.Get("/api/me").Json()["user"]["login"], "officer.na");
  EXPECT_EQ(fresh.Get(Sub("nghe-an")).status, 200);
}

TEST_F(SecurityHttpTest, ABusySessionEndsAtItsAbsoluteLifetime) {
  std::string csrf;
  Caller c(server_.port());
  // Used a minute ago and not expired by idleness, but logged in 13 hours ago (limit 12 h).
  c.set_cookie(PlantSession(server_, "officer.na", -13 * 3600, -60, 7 * 3600, &csrf));
  c.set_csrf(csrf);
  Answer me = c.Get("/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_TRUE(me.Json()["user"].is_null()) << "a session must not live for ever by being used: "
                                           << me.body;
  EXPECT_EQ(c.Get(Sub("nghe-an")).status, 401);

  Caller young(server_.port());
  young.set_cookie(PlantSession(server_, "officer.na", -11 * 3600, -60, 7 * 3600, &csrf));
  young.set_csrf(csrf);
  EXPECT_EQ(young.Get(Sub("nghe-an")).status, 200);
}

TEST_F(SecurityHttpTest, TheLoginCookieLastsNoLongerThanTheIdleLimit) {
  Caller c(server_.port());
  Answer a = c.Login("officer.na");
  ASSERT_EQ(a.status, 200);
  std::string cookie = a.Header("Set-Cookie");
  EXPECT_NE(cookie.find("Max-Age=28800"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
}

TEST_F(SecurityHttpTest, ThrottlingHoldsAgainstTheRightPasswordAndAgainstSpraying) {
  Caller c(server_.port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Login("officer.ht", "sai-" + std::to_string(i)).status, 401);
  // The right password during the wait is refused too, and so are further tries, many times.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(c.Login("officer.ht").status, 429) << i;
  // Spraying one wrong password over many accounts from one address is held back as well.
  Caller sprayer(server_.port());
  int throttled = 0;
  for (int i = 0; i < 60; ++i) {
    int status = sprayer.Login("nobody" + std::to_string(i), "Mat-khau-2024").status;
    ASSERT_TRUE(status == 401 || status == 429) << status;
    if (status == 429) ++throttled;
  }
  EXPECT_GT(throttled, 0) << "60 failed logins from one address were never throttled";
}

TEST_F(SecurityHttpTest, NoSecretReachesTheLog) {
  const std::string new_password = "Mat-khau-moi-rat-bi-mat-77";
  const std::string wrong_password = "Sai-mat-khau-bi-mat-55";
  Caller c(server_.port());
  ASSERT_EQ(c.Login("officer.na", wrong_password).status, 401);
  ASSERT_EQ(c.Login("officer.na").status, 200);
  std::string token = c.cookie().substr(c.cookie().find('=') + 1);
  std::string csrf = c.csrf();
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(c.Put("/api/me/password",
                  {{"old_password", testing::kPassword}, {"new_password", new_password}})
                .status,
            200);
  ASSERT_EQ(c.Put(Sub("nghe-an"), {{"values", {{{"indicator", "iip"}, {"value", "103"}}}}}).status,
            200);
  ASSERT_EQ(c.Post("/api/logout").status, 200);
  Caller again(server_.port());
  ASSERT_EQ(again.Login("officer.na", new_password).status, 200);
  std::string token2 = again.cookie().substr(again.cookie().find('=') + 1);

  std::string log = server_.access_log();
  ASSERT_FALSE(log.empty());
  std::istringstream lines(log);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    auto j = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not a JSON line: " << line;
  }
  EXPECT_GE(count, 6);
  for (const std::string& secret : {std::string(testing::kPassword), new_password, wrong_password,
                                    token, token2, csrf, access::Sha256Hex(token)}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "a secret is in the log: " << secret;
  }
  EXPECT_EQ(log.find("lienket_session="), std::string::npos) << "a cookie is in the log";
}

// The SMTP password is part of the configured URL; a failing mail server must not bring it into
// the log, the answer or the audit trail.
class SmtpSecretTest : public SecurityHttpTest {
 protected:
  static ServiceConfig WithSmtp() {
    ServiceConfig config;
    // Port 9 (discard) on loopback: nothing listens there, so sending fails at once.
    config.smtp_url = "smtp://mailer:Smtp-Bi-Mat-Pass-31@127.0.0.1:9";
    return config;
  }
  SmtpSecretTest() : SecurityHttpTest(WithSmtp()) {}
};

TEST_F(SmtpSecretTest, TheSmtpPasswordIsNeverShownOrLogged) {
  Caller coord(server_.port());
  ASSERT_EQ(coord.Login("coord").status, 200);
  Answer a = coord.Post("/api/reminders", {{"form", "monthly"}, {"period", PreviousMonth()}});
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_FALSE(a.Json()["failed"].empty()) << "the mail server should have failed: " << a.body;
  Answer audit = coord.Get("/api/audit?unit=nghe-an");
  Answer metrics = coord.Get("/metrics");
  for (const std::string& text : {a.body, audit.body, metrics.body, server_.access_log()})
    EXPECT_EQ(text.find("Smtp-Bi-Mat-Pass-31"), std::string::npos) << text.substr(0, 300);
}

TEST_F(SecurityHttpTest, SecurityHeadersOnStaticFilesErrorsAndEveryKindOfAnswer) {
  Caller anonymous(server_.port());
  Caller admin(server_.port());
  ASSERT_EQ(admin.Login("admin").status, 200);
  std::string big(17 * 1024 * 1024, 'x');
  std::vector<std::pair<std::string, Answer>> answers = {
      {"index", anonymous.Get("/")},
      {"script", anonymous.Get("/static/js/app.js")},
      {"stylesheet", anonymous.Get("/static/css/app.css")},
      {"echarts", anonymous.Get("/static/vendor/echarts.min.js")},
      {"svg", anonymous.Get("/static/favicon.svg")},
      {"missing static file", anonymous.Get("/static/js/no-such-file.js")},
      {"refused path", anonymous.Get("/static/js/..%2f..%2fCMakeLists.txt")},
      {"openapi", anonymous.Get("/api/openapi.json")},
      {"metrics", anonymous.Get("/metrics")},
      {"healthz", anonymous.Get("/healthz")},
      {"unauthenticated", anonymous.Get(Sub("nghe-an"))},
      {"forbidden", admin.Send("PUT", Sub("nghe-an"), "{}", "application/json",
                               {{"X-CSRF-Token", "wrong"}})},
      {"bad json", anonymous.Send("POST", "/api/login", "{")},
      {"too large", anonymous.Send("POST", "/api/login", big)},
      {"unknown route", anonymous.Get("/api/nothing-here")},
      {"wrong method", anonymous.Send("DELETE", "/healthz")},
  };
  for (const auto& [name, a] : answers) {
    SCOPED_TRACE(name + ": " + std::to_string(a.status));
    ASSERT_NE(a.status, 0);
    EXPECT_NE(a.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(a.Header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(a.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(a.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(a.Header("Referrer-Policy"), "same-origin");
  }
  EXPECT_EQ(answers[1].second.status, 200);
  EXPECT_EQ(answers[3].second.status, 200);
  EXPECT_EQ(answers[5].second.status, 404);
  EXPECT_EQ(answers[13].second.status, 413);
}

}  // namespace
}  // namespace lienket::api
