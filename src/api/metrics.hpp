// Metrics for Prometheus: a small registry of counters, gauges and histograms, with or without
// labels, rendered in the text exposition format 0.0.4; and `Metrics`, the server's own set (the
// one place that names them), which `Service::Handle` and a few routes feed and `GET /metrics`
// (static_routes.cpp) renders.
//
// Cost: every update is a relaxed atomic add. A labelled series is found under a shared lock in a
// small map (created once under the exclusive lock, never removed), without allocating, so the
// overview's hot path pays a few tens of nanoseconds per request. Label values must come from
// bounded sets (route patterns, not raw paths; error code names; fixed result words): the map
// keeps every series it has seen.
//
// Who may read /metrics: loopback callers (127.0.0.0/8, ::1) without logging in, as a scraper on
// the same host; anyone else needs an administrator's session (401 without a session, 403 for
// another role, both in the one error shape). A request that came through a reverse proxy
// (Forwarded, X-Forwarded-For or X-Real-IP present) is not treated as loopback, so a proxy on
// the same host does not publish the metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lienket::api {

// A count that only goes up. Thread-safe, lock-free.
class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down. Thread-safe, lock-free.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  [[nodiscard]] double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into buckets by upper bound (`le`), with their sum. Thread-safe,
// lock-free: an observation is two atomic adds. A reader may see an observation's bucket before
// its sum; the counts it renders are always consistent with each other (the count is the +Inf
// bucket).
class Histogram {
 public:
  // `upper_bounds` strictly increasing and finite; +Inf is implicit.
  explicit Histogram(std::span<const double> upper_bounds);
  void Observe(double value);

  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf (= the count)
    double sum = 0;
  };
  [[nodiscard]] Snapshot Read() const;
  [[nodiscard]] const std::vector<double>& upper_bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, not cumulative
  std::atomic<double> sum_{0};
};

// The default latency buckets, in seconds: 1 ms to 10 s.
[[nodiscard]] std::span<const double> DefaultLatencyBuckets();

// One metric name with its HELP text, TYPE and label names, and its series by label values.
class MetricFamily {
 public:
  virtual ~MetricFamily() = default;
  [[nodiscard]] const std::string& name() const { return name_; }
  // Appends "# HELP", "# TYPE" and every series, in label order.
  virtual void Render(std::string* out) const = 0;

 protected:
  MetricFamily(std::string name, std::string help, std::string_view type,
               std::vector<std::string> label_names);
  void RenderHeader(std::string* out) const;

  std::string name_;
  std::string help_;
  std::string_view type_;
  std::vector<std::string> label_names_;
};

// Orders label-value lists; transparent, so a lookup by string_views allocates nothing.
struct LabelValuesLess {
  using is_transparent = void;
  bool operator()(const std::vector<std::string>& a, const std::vector<std::string>& b) const;
  bool operator()(const std::vector<std::string>& a, std::span<const std::string_view> b) const;
  bool operator()(std::span<const std::string_view> a, const std::vector<std::string>& b) const;
};

template <typename T>
class Family final : public MetricFamily {
 public:
  Family(std::string name, std::string help, std::string_view type,
         std::vector<std::string> label_names, std::function<std::unique_ptr<T>()> make)
      : MetricFamily(std::move(name), std::move(help), type, std::move(label_names)),
        make_(std::move(make)) {}

  // The series with these label values (one per label name, in order), created on first use.
  // The reference stays valid as long as the family. Thread-safe.
  T& With(std::initializer_list<std::string_view> label_values);
  // The series without labels.
  T& Get() { return With({}); }

  void Render(std::string* out) const override;

 private:
  std::function<std::unique_ptr<T>()> make_;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<T>, LabelValuesLess> series_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// The families of one exposition, rendered in the order they were added. Adding is for
// start-up (not thread-safe against Render; throws std::invalid_argument for a name that is not
// a valid metric or label name, or a name added twice); using the families is thread-safe.
class MetricsRegistry {
 public:
  CounterFamily& AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(std::string name, std::string help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(std::string name, std::string help,
                                std::vector<std::string> label_names,
                                std::span<const double> upper_bounds);

  // The text exposition format 0.0.4, ending with a newline.
  [[nodiscard]] std::string Render() const;

 private:
  void CheckNew(const std::string& name, const std::vector<std::string>& label_names) const;
  std::vector<std::unique_ptr<MetricFamily>> families_;
};

// The program's version, for lienket_build_info: the build's LIENKET_VERSION when it defines one,
// else this tree's (a test holds it equal to the project version in CMakeLists.txt).
#ifdef LIENKET_VERSION
inline constexpr std::string_view kProgramVersion = LIENKET_VERSION;
#else
inline constexpr std::string_view kProgramVersion = "0.1.0";
#endif

// The Content-Type of the text exposition format.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// A label value escaped for the format: backslash, double quote and line feed.
[[nodiscard]] std::string EscapeLabelValue(std::string_view value);

// Whether `address` (as the HTTP library reports the peer) is a loopback address: 127.0.0.0/8,
// ::1 or ::ffff:127.x.y.z.
[[nodiscard]] bool IsLoopbackAddress(std::string_view address);

// The error code of an error-shape body ({"error":{"code":"not_found",...) when it is one of
// core::ErrorCode's names, else "unknown". Bounded: never returns any other text.
[[nodiscard]] std::string_view ErrorCodeOfBody(std::string_view body);

// lienket's metrics. Every method is thread-safe and cheap.
class Metrics {
 public:
  explicit Metrics(std::string_view version);

  // Counts a request in flight until the returned guard ends.
  class InFlight {
   public:
    explicit InFlight(Gauge* gauge) : gauge_(gauge) { gauge_->Add(1); }
    ~InFlight() { gauge_->Add(-1); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    Gauge* gauge_;
  };
  [[nodiscard]] InFlight TrackInFlight() { return InFlight(in_flight_); }

  // One answered request. `route` is the matched pattern ("" when none matched: "unmatched");
  // `error_body` is the answer's body when status >= 400 (its error code is counted).
  void ObserveRequest(std::string_view method, std::string_view route, int status,
                      double seconds, std::string_view error_body);

  enum class LoginResult { kOk, kFailed, kThrottled };
  void CountLogin(LoginResult result);
  // A workflow action done (submit, withdraw, approve, return, reopen).
  void CountSubmission(std::string_view action);
  // An import through the server (Excel upload, linkage CSV): "applied" (written), "previewed"
  // (no errors, nothing written: not confirmed, or no change) or "rejected" (had errors); `rows`
  // written when applied.
  void CountImport(std::string_view result, std::uint64_t rows);
  // The overview cache was asked.
  void CountCacheLookup(bool hit);

  [[nodiscard]] std::string Render() const { return registry_.Render(); }

 private:
  MetricsRegistry registry_;
  CounterFamily* requests_;
  HistogramFamily* durations_;
  Gauge* in_flight_;
  CounterFamily* errors_;
  CounterFamily* logins_;
  CounterFamily* submissions_;
  CounterFamily* imports_;
  Counter* import_rows_;
  Counter* cache_hits_;
  Counter* cache_misses_;
};

}  // namespace lienket::api
