#include "api/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cassert>
#include <chrono>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include "core/error.hpp"

namespace lienket::api {
namespace {

constexpr double kLatencyBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                      0.1,   0.25,   0.5,   1,    2.5,   5,    10};

constexpr core::ErrorCode kErrorCodes[] = {
    core::ErrorCode::kInvalidArgument,  core::ErrorCode::kNotFound,
    core::ErrorCode::kAlreadyExists,    core::ErrorCode::kFailedPrecondition,
    core::ErrorCode::kPermissionDenied, core::ErrorCode::kUnauthenticated,
    core::ErrorCode::kResourceExhausted, core::ErrorCode::kUnavailable,
    core::ErrorCode::kInternal};

// The format's names: [a-zA-Z_:][a-zA-Z0-9_:]* for metrics, without ':' for labels; names
// starting with "__" are reserved.
bool ValidName(std::string_view name, bool metric) {
  if (name.empty() || (!metric && name.substr(0, 2) == "__")) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// HELP text escapes backslash and line feed only.
std::string EscapeHelp(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

// A sample value as Go's ParseFloat reads it: shortest round-trip form, +Inf, -Inf, NaN.
std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

// `{a="x",b="y"` without the closing brace (so "le" can follow), or "" without labels.
std::string OpenLabels(const std::vector<std::string>& names,
                       const std::vector<std::string>& values) {
  if (names.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    out += EscapeLabelValue(values[i]);
    out += '"';
  }
  return out;
}

std::string CloseLabels(const std::string& open) { return open.empty() ? open : open + "}"; }

void RenderSeries(const std::string& name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, const Counter& c, std::string* out) {
  *out += fmt::format("{}{} {}\n", name, CloseLabels(OpenLabels(names, values)), c.Value());
}

void RenderSeries(const std::string& name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, const Gauge& g, std::string* out) {
  *out += fmt::format("{}{} {}\n", name, CloseLabels(OpenLabels(names, values)),
                      FormatValue(g.Value()));
}

void RenderSeries(const std::string& name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, const Histogram& h, std::string* out) {
  std::string open = OpenLabels(names, values);
  std::string le_prefix = open.empty() ? std::string("{le=\"") : open + ",le=\"";
  Histogram::Snapshot s = h.Read();
  const std::vector<double>& bounds = h.upper_bounds();
  for (std::size_t i = 0; i < bounds.size(); ++i)
    *out += fmt::format("{}_bucket{}{}\"}} {}\n", name, le_prefix, FormatValue(bounds[i]),
                        s.cumulative[i]);
  *out += fmt::format("{}_bucket{}+Inf\"}} {}\n", name, le_prefix, s.cumulative.back());
  std::string labels = CloseLabels(open);
  *out += fmt::format("{}_sum{} {}\n", name, labels, FormatValue(s.sum));
  *out += fmt::format("{}_count{} {}\n", name, labels, s.cumulative.back());
}

template <typename A, typename B>
bool LexLess(const A& a, const B& b) {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [](std::string_view x, std::string_view y) { return x < y; });
}

}  // namespace

// ---- Histogram

Histogram::Histogram(std::span<const double> upper_bounds)
    : bounds_(upper_bounds.begin(), upper_bounds.end()),
      counts_(new std::atomic<std::uint64_t>[upper_bounds.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0);
}

void Histogram::Observe(double value) {
  // Few buckets: a linear scan beats a binary search and needs no branch prediction luck.
  std::size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.cumulative.resize(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = running;
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::span<const double> DefaultLatencyBuckets() { return kLatencyBuckets; }

// ---- families

MetricFamily::MetricFamily(std::string name, std::string help, std::string_view type,
                           std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {}

void MetricFamily::RenderHeader(std::string* out) const {
  *out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name_, EscapeHelp(help_), name_, type_);
}

bool LabelValuesLess::operator()(const std::vector<std::string>& a,
                                 const std::vector<std::string>& b) const {
  return a < b;
}
bool LabelValuesLess::operator()(const std::vector<std::string>& a,
                                 std::span<const std::string_view> b) const {
  return LexLess(a, b);
}
bool LabelValuesLess::operator()(std::span<const std::string_view> a,
                                 const std::vector<std::string>& b) const {
  return LexLess(a, b);
}

template <typename T>
T& Family<T>::With(std::initializer_list<std::string_view> label_values) {
  assert(label_values.size() == label_names_.size());
  std::span<const std::string_view> key(label_values.begin(), label_values.size());
  {
    std::shared_lock lock(mutex_);
    auto it = series_.find(key);
    if (it != series_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto it = series_.find(key);
  if (it != series_.end()) return *it->second;
  std::vector<std::string> owned(label_values.begin(), label_values.end());
  return *series_.emplace(std::move(owned), make_()).first->second;
}

template <typename T>
void Family<T>::Render(std::string* out) const {
  RenderHeader(out);
  std::shared_lock lock(mutex_);
  for (const auto& [values, series] : series_) RenderSeries(name_, label_names_, values, *series, out);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

// ---- registry

void MetricsRegistry::CheckNew(const std::string& name,
                               const std::vector<std::string>& label_names) const {
  if (!ValidName(name, true)) throw std::invalid_argument("bad metric name: " + name);
  for (const std::string& label : label_names)
    if (!ValidName(label, false) || label == "le" || label == "quantile")
      throw std::invalid_argument("bad label name: " + label);
  for (const auto& family : families_)
    if (family->name() == name) throw std::invalid_argument("metric added twice: " + name);
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help,
                                           std::vector<std::string> label_names) {
  CheckNew(name, label_names);
  auto family = std::make_unique<CounterFamily>(std::move(name), std::move(help), "counter",
                                                std::move(label_names),
                                                [] { return std::make_unique<Counter>(); });
  CounterFamily& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help,
                                       std::vector<std::string> label_names) {
  CheckNew(name, label_names);
  auto family = std::make_unique<GaugeFamily>(std::move(name), std::move(help), "gauge",
                                              std::move(label_names),
                                              [] { return std::make_unique<Gauge>(); });
  GaugeFamily& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help,
                                               std::vector<std::string> label_names,
                                               std::span<const double> upper_bounds) {
  CheckNew(name, label_names);
  for (std::size_t i = 0; i < upper_bounds.size(); ++i)
    if (!std::isfinite(upper_bounds[i]) || (i > 0 && upper_bounds[i] <= upper_bounds[i - 1]))
      throw std::invalid_argument("histogram bounds must be finite and increasing: " + name);
  std::vector<double> bounds(upper_bounds.begin(), upper_bounds.end());
  auto family = std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), "histogram", std::move(label_names),
      [bounds] { return std::make_unique<Histogram>(bounds); });
  HistogramFamily& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

std::string MetricsRegistry::Render() const {
  std::string out;
  out.reserve(8192);
  for (const auto& family : families_) family->Render(&out);
  return out;
}

// ---- helpers

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

bool IsLoopbackAddress(std::string_view address) {
  if (address == "::1") return true;
  if (address.substr(0, 7) == "::ffff:") address.remove_prefix(7);
  // A dotted quad whose first byte is 127.
  if (address.substr(0, 4) != "127.") return false;
  int dots = 0;
  for (char c : address) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 3;
}

std::string_view ErrorCodeOfBody(std::string_view body) {
  // ErrorResponse's JSON has sorted keys, so an error body starts with exactly this.
  constexpr std::string_view kPrefix = "{\"error\":{\"code\":\"";
  if (body.substr(0, kPrefix.size()) != kPrefix) return "unknown";
  body.remove_prefix(kPrefix.size());
  std::size_t end = body.find('"');
  if (end == std::string_view::npos) return "unknown";  // cut short: not a whole error body
  std::string_view code = body.substr(0, end);
  for (core::ErrorCode c : kErrorCodes)
    if (core::ErrorCodeName(c) == code) return core::ErrorCodeName(c);
  return "unknown";
}

// ---- lienket's metrics

Metrics::Metrics(std::string_view version) {
  requests_ = &registry_.AddCounter(
      "lienket_http_requests_total",
      "HTTP requests answered, by method, route pattern (\"unmatched\" when none) and status",
      {"method", "route", "status"});
  durations_ = &registry_.AddHistogram(
      "lienket_http_request_duration_seconds",
      "Time from receiving a request to its answer being ready, by route pattern", {"route"},
      DefaultLatencyBuckets());
  in_flight_ = &registry_.AddGauge("lienket_http_requests_in_flight",
                                   "Requests being handled now")
                    .Get();
  errors_ = &registry_.AddCounter(
      "lienket_errors_total", "Error answers (4xx and 5xx) by the error shape's code", {"code"});
  logins_ = &registry_.AddCounter("lienket_logins_total",
                                  "Login attempts by result: ok, failed or throttled", {"result"});
  submissions_ = &registry_.AddCounter(
      "lienket_submissions_total",
      "Submission workflow actions done (submit, withdraw, approve, return, reopen)", {"action"});
  imports_ = &registry_.AddCounter(
      "lienket_imports_total",
      "Imports through the server (Excel upload, linkage CSV) by result: applied, previewed, "
      "rejected",
      {"result"});
  import_rows_ = &registry_.AddCounter("lienket_import_rows_total",
                                       "Rows written by imports through the server")
                      .Get();
  cache_hits_ = &registry_.AddCounter("lienket_cache_hits_total",
                                      "Overview answers served from the cache")
                     .Get();
  cache_misses_ = &registry_.AddCounter("lienket_cache_misses_total",
                                        "Overview answers that had to be computed")
                       .Get();
  registry_.AddGauge("lienket_build_info", "The running program's version; always 1", {"version"})
      .With({version})
      .Set(1);
  registry_.AddGauge("process_start_time_seconds",
                     "When the server started, in seconds since the Unix epoch")
      .Get()
      .Set(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
               .count());
  // Series that exist from the start, so that rate() sees their first increase.
  for (std::string_view result : {"ok", "failed", "throttled"}) logins_->With({result});
  for (std::string_view result : {"applied", "previewed", "rejected"}) imports_->With({result});
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds, std::string_view error_body) {
  // Bounded labels: the methods the server knows, the route table's patterns, three digits.
  static constexpr std::string_view kMethods[] = {"GET",    "HEAD",    "POST", "PUT",
                                                  "DELETE", "OPTIONS", "PATCH"};
  std::string_view method_label = "other";
  for (std::string_view m : kMethods)
    if (m == method) method_label = m;
  if (route.empty()) route = "unmatched";
  char status_text[8];
  auto [end, ec] = std::to_chars(status_text, status_text + sizeof status_text, status);
  std::string_view status_label =
      ec == std::errc() ? std::string_view(status_text, end - status_text) : "other";
  requests_->With({method_label, route, status_label}).Add();
  durations_->With({route}).Observe(seconds);
  if (status >= 400) errors_->With({ErrorCodeOfBody(error_body)}).Add();
}

void Metrics::CountLogin(LoginResult result) {
  std::string_view label = result == LoginResult::kOk       ? "ok"
                           : result == LoginResult::kFailed ? "failed"
                                                            : "throttled";
  logins_->With({label}).Add();
}

void Metrics::CountSubmission(std::string_view action) { submissions_->With({action}).Add(); }

void Metrics::CountImport(std::string_view result, std::uint64_t rows) {
  imports_->With({result}).Add();
  if (rows > 0) import_rows_->Add(rows);
}

void Metrics::CountCacheLookup(bool hit) { (hit ? cache_hits_ : cache_misses_)->Add(); }

}  // namespace lienket::api
