// /metrics over HTTP on a real server: the counters move with the requests made (a 404, failed
// and successful logins, a workflow action, imports, the overview cache), raw paths never become
// labels, and who may read it (loopback without login; otherwise, or through a proxy, an
// administrator's session).
#include <regex>

#include "api/http_test_util.hpp"

namespace lienket::api {
namespace {

using testing::Answer;
using testing::Caller;
using testing::IsErrorShape;
using testing::PreviousMonth;
using testing::TaxCode;
using testing::TestServer;

// The value of one sample line (`name{labels}` exactly as rendered), -1 when absent.
double Sample(const std::string& text, const std::string& series) {
  std::string prefix = "\n" + series + " ";
  std::size_t at = text.find(prefix);
  if (at == std::string::npos) return -1;
  at += prefix.size();
  return std::stod(text.substr(at, text.find('\n', at) - at));
}

class MetricsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddStandardUsers();
    server_.Start();
  }
  // /metrics as a scraper on this host reads it.
  std::string Scrape() {
    Caller scraper(server_.port());
    Answer a = scraper.Get("/metrics");
    EXPECT_EQ(a.status, 200) << a.body;
    return a.body;
  }

  TestServer server_;
};

TEST_F(MetricsHttpTest, CountersMoveWithRequestsLoginsAndErrors) {
  std::string before = Scrape();
  Caller anonymous(server_.port());
  EXPECT_EQ(anonymous.Get("/healthz").status, 200);
  EXPECT_EQ(anonymous.Get("/no/such/page-7f3a").status, 404);
  Caller wrong(server_.port());
  EXPECT_EQ(wrong.Login("officer.na", "not-the-password").status, 401);
  Caller officer(server_.port());
  ASSERT_EQ(officer.Login("officer.na").status, 200);
  const std::string sub = "/api/submissions/nghe-an/monthly/" + PreviousMonth();
  ASSERT_EQ(officer.Put(sub, {{"values", {{{"indicator", "iip"}, {"value", "103"}}}}}).status, 200);
  ASSERT_EQ(officer.Post(sub + "/submit", {{"accept_warnings", true}}).status, 200);
  // Twice the same overview: computed once, then from the cache.
  const std::string overview = "/api/overview?region=mien-bac-28&period=" + PreviousMonth();
  ASSERT_EQ(anonymous.Get(overview).status, 200);
  ASSERT_EQ(anonymous.Get(overview).status, 200);

  Answer scraped = Caller(server_.port()).Get("/metrics");
  ASSERT_EQ(scraped.status, 200);
  EXPECT_EQ(scraped.Header("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u)
      << scraped.Header("Content-Type");
  const std::string& after = scraped.body;
  auto moved = [&](const std::string& series) {
    return Sample(after, series) - std::max(0.0, Sample(before, series));
  };
  EXPECT_EQ(moved(R"(lienket_http_requests_total{method="GET",route="/healthz",status="200"})"), 1)
      << after;
  EXPECT_EQ(moved(R"(lienket_http_requests_total{method="GET",route="unmatched",status="404"})"),
            1);
  EXPECT_EQ(moved(R"(lienket_http_requests_total{method="POST",route="/api/login",status="401"})"),
            1);
  EXPECT_EQ(moved(R"(lienket_http_requests_total{method="POST",route="/api/login",status="200"})"),
            1);
  EXPECT_EQ(moved(R"(lienket_errors_total{code="not_found"})"), 1);
  EXPECT_EQ(moved(R"(lienket_errors_total{code="unauthenticated"})"), 1);
  EXPECT_EQ(moved(R"(lienket_logins_total{result="failed"})"), 1);
  EXPECT_EQ(moved(R"(lienket_logins_total{result="ok"})"), 1);
  EXPECT_EQ(moved(R"(lienket_logins_total{result="throttled"})"), 0);
  EXPECT_EQ(moved(R"(lienket_submissions_total{action="submit"})"), 1);
  EXPECT_EQ(moved("lienket_cache_misses_total"), 1);
  EXPECT_EQ(moved("lienket_cache_hits_total"), 1);
  EXPECT_EQ(moved(R"(lienket_http_request_duration_seconds_count{route="/api/overview"})"), 2);
  EXPECT_EQ(
      moved(R"(lienket_http_request_duration_seconds_bucket{route="/api/overview",le="+Inf"})"), 2);
  // The scrape itself is the one request in flight while it renders.
  EXPECT_EQ(Sample(after, "lienket_http_requests_in_flight"), 1);
  EXPECT_EQ(Sample(after, "lienket_build_info{version=\"" + std::string(kProgramVersion) + "\"}"),
            1);
  EXPECT_GT(Sample(after, "process_start_time_seconds"), 1.7e9);
  // Labels are route patterns: a raw path never shows.
  EXPECT_EQ(after.find("page-7f3a"), std::string::npos);
  EXPECT_EQ(after.find("nghe-an"), std::string::npos);
  EXPECT_NE(after.find(R"(route="/api/submissions/{unit}/{form}/{period}/submit")"),
            std::string::npos);
}

TEST_F(MetricsHttpTest, ImportsThroughTheServerAreCountedByResultWithTheirRows) {
  auto admin = std::make_unique<Caller>(server_.port());
  ASSERT_EQ(admin->Login("admin").status, 200);
  std::string clean = fmt::format(
      "kind,name,tax_code,province,registered_on\n"
      "HTX,HTX Vải Lục Ngạn,{},Bắc Giang,2019-01-01\n"
      "DN,Công ty Chè Tân Cương,{},Thái Nguyên,2016-05-05\n",
      TaxCode(240300001), TaxCode(190300001));
  std::string bad = "kind,name,tax_code,province,registered_on\nHTX,,123,Tỉnh Không Có,2019\n";
  const std::string import = "/api/linkage/import?kind=organisations";
  std::string before = Scrape();
  ASSERT_EQ(admin->Send("POST", import, clean, "text/csv").status, 200);
  ASSERT_EQ(admin->Send("POST", import + "&confirm=1", clean, "text/csv").status, 200);
  ASSERT_EQ(admin->Send("POST", import + "&confirm=1", bad, "text/csv").status, 400);
  // An Excel upload that is not a workbook is refused before it is read: an error, not an import.
  auto officer = std::make_unique<Caller>(server_.port());
  ASSERT_EQ(officer->Login("officer.na").status, 200);
  EXPECT_EQ(officer
                ->Send("POST", "/api/submissions/nghe-an/monthly/" + PreviousMonth() + "/upload",
                       "not a workbook", "application/octet-stream")
                .status,
            400);
  std::string after = Scrape();
  auto moved = [&](const std::string& series) {
    return Sample(after, series) - std::max(0.0, Sample(before, series));
  };
  EXPECT_EQ(moved(R"(lienket_imports_total{result="previewed"})"), 1) << after;
  EXPECT_EQ(moved(R"(lienket_imports_total{result="applied"})"), 1);
  EXPECT_EQ(moved(R"(lienket_imports_total{result="rejected"})"), 1);
  EXPECT_EQ(moved("lienket_import_rows_total"), 2);
  EXPECT_EQ(moved(R"(lienket_errors_total{code="invalid_argument"})"), 2);
}

TEST_F(MetricsHttpTest, OnlyLoopbackOrAnAdministratorMayRead) {
  // Not from loopback: 401 without a session (straight through Handle, as the server would
  // call it for a remote peer).
  HttpRequest remote;
  remote.method = "GET";
  remote.path = "/metrics";
  remote.remote_address = "192.0.2.7";
  HttpResponse refused = server_.service().Handle(remote);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body.find("lienket_http_requests_total"), std::string::npos);

  // From loopback but relayed by a proxy: the same rules as a remote caller.
  httplib::Headers relayed = {{"X-Forwarded-For", "198.51.100.4"}};
  Caller anonymous(server_.port());
  Answer proxied = anonymous.Send("GET", "/metrics", "", "application/json", relayed);
  EXPECT_EQ(proxied.status, 401);
  EXPECT_TRUE(IsErrorShape(proxied));
  Caller officer(server_.port());
  ASSERT_EQ(officer.Login("officer.na").status, 200);
  Answer not_admin = officer.Send("GET", "/metrics", "", "application/json", relayed);
  EXPECT_EQ(not_admin.status, 403);
  EXPECT_TRUE(IsErrorShape(not_admin));
  EXPECT_EQ(not_admin.body.find("lienket_http_requests_total"), std::string::npos);
  Answer forwarded =
      officer.Send("GET", "/metrics", "", "application/json", {{"Forwarded", "for=198.51.100.4"}});
  EXPECT_EQ(forwarded.status, 403);
  Caller admin(server_.port());
  ASSERT_EQ(admin.Login("admin").status, 200);
  Answer allowed = admin.Send("GET", "/metrics", "", "application/json", relayed);
  EXPECT_EQ(allowed.status, 200);
  EXPECT_NE(allowed.body.find("# TYPE lienket_http_requests_total counter"), std::string::npos);

  // A loopback scraper needs no login; the refusals above were counted.
  std::string text = Scrape();
  EXPECT_GE(
      Sample(text, R"(lienket_http_requests_total{method="GET",route="/metrics",status="403"})"),
      2);
  EXPECT_GE(Sample(text, R"(lienket_errors_total{code="permission_denied"})"), 2);
}

}  // namespace
}  // namespace lienket::api
