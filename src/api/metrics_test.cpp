// The metrics registry and its text exposition (format 0.0.4): HELP and TYPE lines, counters,
// gauges, cumulative histogram buckets ending in +Inf with _sum and _count, label escaping, the
// names the format allows, counts under concurrent updates, and the helpers /metrics relies on
// (loopback addresses, the error code of an error body).
#include "api/metrics.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api/http.hpp"

namespace lienket::api {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Every line of an exposition is a HELP or TYPE comment or a sample
// `name{label="value",...} number`, with escaped label values.
::testing::AssertionResult WellFormed(const std::string& text) {
  static const std::regex kHelp(R"(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*)");
  static const std::regex kType(
      R"(# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))");
  static const std::regex kSample(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")"
      R"((,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? )"
      R"((\+Inf|-Inf|NaN|-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?))");
  if (text.empty() || text.back() != '\n')
    return ::testing::AssertionFailure() << "must end with a line feed";
  for (const std::string& line : Lines(text)) {
    if (std::regex_match(line, kHelp) || std::regex_match(line, kType) ||
        std::regex_match(line, kSample))
      continue;
    return ::testing::AssertionFailure() << "malformed line: " << line;
  }
  return ::testing::AssertionSuccess();
}

TEST(MetricsRegistry, CountersHaveHelpAndTypeThenTheirSeriesInLabelOrder) {
  MetricsRegistry registry;
  CounterFamily& requests = registry.AddCounter("x_requests_total", "Requests", {"route", "status"});
  requests.With({"/b", "200"}).Add(3);
  requests.With({"/a", "404"}).Add();
  requests.With({"/a", "404"}).Add();
  registry.AddCounter("x_plain_total", "No labels").Get().Add(7);
  EXPECT_EQ(registry.Render(),
            "# HELP x_requests_total Requests\n"
            "# TYPE x_requests_total counter\n"
            "x_requests_total{route=\"/a\",status=\"404\"} 2\n"
            "x_requests_total{route=\"/b\",status=\"200\"} 3\n"
            "# HELP x_plain_total No labels\n"
            "# TYPE x_plain_total counter\n"
            "x_plain_total 7\n");
}

TEST(MetricsRegistry, GaugesGoUpAndDown) {
  MetricsRegistry registry;
  Gauge& g = registry.AddGauge("x_in_flight", "Now").Get();
  g.Add(1);
  g.Add(1);
  g.Add(-1);
  registry.AddGauge("x_start_seconds", "Start").Get().Set(1700000000.5);
  EXPECT_EQ(registry.Render(),
            "# HELP x_in_flight Now\n# TYPE x_in_flight gauge\nx_in_flight 1\n"
            "# HELP x_start_seconds Start\n# TYPE x_start_seconds gauge\n"
            "x_start_seconds 1700000000.5\n");
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeAndEndWithInfSumAndCount) {
  MetricsRegistry registry;
  const double bounds[] = {0.125, 1, 10};  // binary fractions: the sum below is exact
  HistogramFamily& h = registry.AddHistogram("x_seconds", "Latency", {"route"}, bounds);
  Histogram& a = h.With({"/a"});
  a.Observe(0.0625);  // <= 0.125
  a.Observe(0.125);   // on the bound: le is inclusive
  a.Observe(0.5);     // <= 1
  a.Observe(20);      // only +Inf
  EXPECT_EQ(registry.Render(),
            "# HELP x_seconds Latency\n"
            "# TYPE x_seconds histogram\n"
            "x_seconds_bucket{route=\"/a\",le=\"0.125\"} 2\n"
            "x_seconds_bucket{route=\"/a\",le=\"1\"} 3\n"
            "x_seconds_bucket{route=\"/a\",le=\"10\"} 3\n"
            "x_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"
            "x_seconds_sum{route=\"/a\"} 20.6875\n"
            "x_seconds_count{route=\"/a\"} 4\n");
}

TEST(MetricsRegistry, UnlabelledHistogramHasOnlyTheLeLabel) {
  MetricsRegistry registry;
  registry.AddHistogram("x_seconds", "Latency", {}, DefaultLatencyBuckets()).Get().Observe(0.003);
  std::string text = registry.Render();
  EXPECT_NE(text.find("x_seconds_bucket{le=\"0.001\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_seconds_bucket{le=\"0.005\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_seconds_bucket{le=\"10\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_seconds_bucket{le=\"+Inf\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_seconds_sum 0.003\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_seconds_count 1\n"), std::string::npos) << text;
  EXPECT_TRUE(WellFormed(text));
  // Buckets 0.001 … 10: thirteen bounds.
  ASSERT_EQ(DefaultLatencyBuckets().size(), 13u);
  EXPECT_EQ(DefaultLatencyBuckets().front(), 0.001);
  EXPECT_EQ(DefaultLatencyBuckets().back(), 10);
}

TEST(MetricsRegistry, LabelValuesAndHelpAreEscaped) {
  EXPECT_EQ(EscapeLabelValue("plain /api/x"), "plain /api/x");
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  MetricsRegistry registry;
  registry.AddCounter("x_total", "Help with \\ and\nline", {"v"}).With({"say \"hi\"\\\n"}).Add();
  std::string text = registry.Render();
  EXPECT_EQ(text,
            "# HELP x_total Help with \\\\ and\\nline\n"
            "# TYPE x_total counter\n"
            "x_total{v=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
  EXPECT_TRUE(WellFormed(text));
  // Vietnamese text passes as UTF-8.
  EXPECT_EQ(EscapeLabelValue("Nghệ An"), "Nghệ An");
}

TEST(MetricsRegistry, RefusesNamesTheFormatDoesNotAllow) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.AddCounter("1x_total", "bad"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("x-total", "bad"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("x_total", "bad", {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("x_total", "bad", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("x_total", "bad", {"a:b"}), std::invalid_argument);
  const double unordered[] = {1, 0.5};
  EXPECT_THROW(registry.AddHistogram("x_seconds", "bad", {}, unordered), std::invalid_argument);
  registry.AddCounter("ns:x_total", "colons are allowed in metric names");
  EXPECT_THROW(registry.AddGauge("ns:x_total", "twice"), std::invalid_argument);
}

TEST(MetricsRegistry, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry registry;
  CounterFamily& c = registry.AddCounter("x_total", "Count", {"t"});
  HistogramFamily& h = registry.AddHistogram("x_seconds", "Time", {}, DefaultLatencyBuckets());
  constexpr int kThreads = 4;
  constexpr int kEach = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        c.With({t % 2 == 0 ? "even" : "odd"}).Add();
        h.Get().Observe(0.002);
      }
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(c.With({"even"}).Value(), 2u * kEach);
  EXPECT_EQ(c.With({"odd"}).Value(), 2u * kEach);
  Histogram::Snapshot s = h.Get().Read();
  EXPECT_EQ(s.cumulative.back(), static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_NEAR(s.sum, 0.002 * kThreads * kEach, 1e-6);
}

TEST(MetricsHelpers, LoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("192.0.2.127"));
  EXPECT_FALSE(IsLoopbackAddress("127.example.com"));
  EXPECT_FALSE(IsLoopbackAddress("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("2001:db8::1"));
  EXPECT_FALSE(IsLoopbackAddress(""));
}

TEST(MetricsHelpers, ErrorCodeOfAnErrorShapeBody) {
  HttpResponse not_found = ErrorResponse(NotFound("x", "x"), "abc");
  EXPECT_EQ(ErrorCodeOfBody(not_found.body), "not_found");
  HttpResponse conflict = ErrorResponse(
      {core::ErrorCode::kFailedPrecondition, "đã duyệt", "approved"}, "abc");
  EXPECT_EQ(ErrorCodeOfBody(conflict.body), "failed_precondition");
  // Anything else is "unknown": the label stays bounded.
  EXPECT_EQ(ErrorCodeOfBody("not json"), "unknown");
  EXPECT_EQ(ErrorCodeOfBody(R"({"error":{"code":"made_up_by_someone"}})"), "unknown");
  EXPECT_EQ(ErrorCodeOfBody(R"({"error":{"code":"not_found)"), "unknown");
  EXPECT_EQ(ErrorCodeOfBody(""), "unknown");
}

TEST(Metrics, TheServersSetIsWellFormedWithBuildInfoAndStartTime) {
  Metrics metrics(kProgramVersion);
  metrics.ObserveRequest("GET", "/api/units/{unit}", 200, 0.004, "");
  metrics.ObserveRequest("GET", "", 404, 0.0002, ErrorResponse(NotFound("x", "x"), "id").body);
  metrics.ObserveRequest("BREW", "", 400, 0.0001, "");
  metrics.CountLogin(Metrics::LoginResult::kFailed);
  metrics.CountSubmission("approve");
  metrics.CountImport("applied", 12);
  metrics.CountCacheLookup(true);
  metrics.CountCacheLookup(false);
  metrics.CountCacheLookup(false);
  std::string text = metrics.Render();
  EXPECT_TRUE(WellFormed(text)) << text;
  for (const char* line : {
           "lienket_http_requests_total{method=\"GET\",route=\"/api/units/{unit}\",status=\"200\"} 1",
           "lienket_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
           "lienket_http_requests_total{method=\"other\",route=\"unmatched\",status=\"400\"} 1",
           "lienket_http_request_duration_seconds_bucket{route=\"/api/units/{unit}\",le=\"0.005\"} 1",
           "lienket_http_request_duration_seconds_count{route=\"unmatched\"} 2",
           "lienket_http_requests_in_flight 0",
           "lienket_errors_total{code=\"not_found\"} 1",
           "lienket_errors_total{code=\"unknown\"} 1",
           "lienket_logins_total{result=\"failed\"} 1",
           "lienket_logins_total{result=\"ok\"} 0",
           "lienket_logins_total{result=\"throttled\"} 0",
           "lienket_submissions_total{action=\"approve\"} 1",
           "lienket_imports_total{result=\"applied\"} 1",
           "lienket_imports_total{result=\"rejected\"} 0",
           "lienket_import_rows_total 12",
           "lienket_cache_hits_total 1",
           "lienket_cache_misses_total 2",
           "# TYPE lienket_http_request_duration_seconds histogram",
           "# TYPE process_start_time_seconds gauge",
       })
    EXPECT_NE(text.find(std::string(line) + "\n"), std::string::npos) << line << "\n" << text;
  EXPECT_NE(text.find("lienket_build_info{version=\"" + std::string(kProgramVersion) + "\"} 1\n"),
            std::string::npos)
      << text;
  std::smatch start;
  ASSERT_TRUE(std::regex_search(text, start, std::regex(R"(\nprocess_start_time_seconds (\S+)\n)")));
  EXPECT_GT(std::stod(start[1]), 1.7e9);
  {
    Metrics::InFlight one = metrics.TrackInFlight();
    EXPECT_NE(metrics.Render().find("\nlienket_http_requests_in_flight 1\n"), std::string::npos);
  }
  EXPECT_NE(metrics.Render().find("\nlienket_http_requests_in_flight 0\n"), std::string::npos);
}

TEST(Metrics, BuildInfoVersionIsTheProjectVersion) {
  std::ifstream in(std::string(LIENKET_SOURCE_DIR) + "/CMakeLists.txt");
  std::stringstream cmake;
  cmake << in.rdbuf();
  std::smatch version;
  std::string text = cmake.str();
  ASSERT_TRUE(std::regex_search(text, version, std::regex(R"(project\(lienket VERSION (\S+))")));
  EXPECT_EQ(version[1], std::string(kProgramVersion));
}

}  // namespace
}  // namespace lienket::api
