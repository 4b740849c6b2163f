#include "api/service.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "api/linkage_matching.hpp"
#include "api/listing_upkeep.hpp"
#include "core/date.hpp"
#include "store/embedded_files.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;

constexpr std::string_view kSessionCookie = "lienket_session";

// Content Security Policy: only the server itself; no inline script; ECharts draws on canvas.
constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

bool StateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string CookieValue(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view part = rest.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.substr(0, name.size()) == name && part.size() > name.size() &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return {};
}

bool HostsMatch(const std::string& origin, const std::string& host) {
  // Origin is "http://host:port"; Host is "host:port".
  std::size_t scheme = origin.find("://");
  std::string origin_host = scheme == std::string::npos ? origin : origin.substr(scheme + 3);
  return !host.empty() && origin_host == host;
}

}  // namespace

Service::Service(app::Context ctx, ServiceConfig config, std::ostream* access_log)
    : ctx_(std::move(ctx)), config_(std::move(config)), access_log_(access_log) {}

core::Result<std::unique_ptr<Service>> Service::Create(app::Context ctx, ServiceConfig config,
                                                       std::ostream* access_log) {
  std::unique_ptr<Service> s(new Service(std::move(ctx), std::move(config), access_log));
  auto forms_csv = store::FindEmbedded("data/report_forms.csv");
  if (!forms_csv)
    return core::MakeError(ErrorCode::kInternal, "Thiếu tệp data/report_forms.csv",
                           "data/report_forms.csv is missing from the program");
  LIENKET_ASSIGN_OR_RETURN(forms, stats::ParseReportForms(*forms_csv));
  s->forms_ = std::move(forms);
  s->workflow_ = std::make_unique<store::SqliteWorkflowStore>(s->ctx_.store.get());
  s->policy_ = std::make_unique<access::Policy>(s->ctx_.units, s->ctx_.regions);
  LIENKET_ASSIGN_OR_RETURN(linkage, LinkageState::Create(s->ctx_.store.get(), &s->ctx_.units));
  s->linkage_ = std::move(linkage);
  if (s->config_.web_root.empty()) s->config_.web_root = DefaultWebRoot();
  AddAuthRoutes(&s->routes_);
  AddReferenceRoutes(&s->routes_);
  AddFigureRoutes(&s->routes_);
  AddSubmissionRoutes(&s->routes_);
  AddCoordinationRoutes(&s->routes_);
  AddUserRoutes(&s->routes_);
  AddLinkageRoutes(&s->routes_);
  AddFlowRoutes(&s->routes_);
  AddCooperationRoutes(&s->routes_);
  AddEventRoutes(&s->routes_);
  AddStaticRoutes(&s->routes_);
  return s;
}

const stats::ReportForm* Service::FindForm(std::string_view id) const {
  for (const stats::ReportForm& f : forms_)
    if (f.id == id) return &f;
  return nullptr;
}

std::shared_ptr<const std::string> Service::CachedBody(const std::string& key) {
  std::shared_lock lock(cache_mutex_);
  auto it = cache_.find(key);
  bool hit = it != cache_.end() && it->second.generation == generation_.load();
  metrics_.CountCacheLookup(hit);
  return hit ? it->second.body : nullptr;
}

std::shared_ptr<const std::string> Service::StoreBody(const std::string& key,
                                                      std::uint64_t generation, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::unique_lock lock(cache_mutex_);
  if (cache_.size() > 512) cache_.clear();  // bounded: overview keys are few in practice
  cache_[key] = CacheEntry{generation, shared};
  return shared;
}

void Service::SetSessionCookie(HttpResponse* response, const std::string& token,
                               bool https) const {
  std::string cookie = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kSessionCookie,
                                   token);
  if (token.empty())
    cookie += "; Max-Age=0";
  else
    cookie += fmt::format("; Max-Age={}", config_.session_idle_minutes * 60);
  if (config_.secure_cookies || https) cookie += "; Secure";
  response->headers.emplace_back("Set-Cookie", cookie);
}

void Service::ResolveSession(HttpRequest* request) {
  std::string token = CookieValue(request->Header("cookie"), kSessionCookie);
  if (token.empty() || token.size() > 128) return;
  std::string hash = access::Sha256Hex(token);
  std::string now = core::UtcTimestamp();
  auto session = workflow_->FindSession(hash, now);
  if (!session) return;
  // However busy, a session ends session_absolute_hours after its login (ISO texts compare).
  if (session->created_at < core::UtcTimestamp(-config_.session_absolute_hours * 3600LL)) return;
  auto user = workflow_->FindUser(session->user_id);
  if (!user || !user->active) return;
  // Slide the idle expiry, at most once a minute per session.
  if (session->last_seen_at.substr(0, 16) != now.substr(0, 16)) {
    std::string expires = core::UtcTimestamp(config_.session_idle_minutes * 60LL);
    core::IgnoreError(workflow_->TouchSession(hash, now, expires),
                      "sliding a session's expiry is best effort");
  }
  request->session = std::move(*session);
  request->user = std::move(*user);
}

HttpResponse Service::Handle(HttpRequest request) {
  auto start = std::chrono::steady_clock::now();
  Metrics::InFlight in_flight = metrics_.TrackInFlight();
  request.request_id = access::RandomHex(8);
  const Route* route = nullptr;
  HttpResponse response;
  try {
    response = Dispatch(request, &route);
  } catch (const std::exception& e) {
    // Last resort: a bug, not a user error. Logged with the request id; the user sees the id.
    std::lock_guard lock(log_mutex_);
    if (access_log_)
      *access_log_ << nlohmann::json{{"level", "error"}, {"request_id", request.request_id},
                                     {"path", request.path}, {"exception", e.what()}}
                          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                   << std::endl;
    response = ErrorResponse(
        {ErrorCode::kInternal,
         fmt::format("Lỗi nội bộ của máy chủ; xin báo mã {} cho quản trị", request.request_id),
         fmt::format("Internal server error; please report id {} to the administrator",
                     request.request_id)},
        request.request_id);
  }
  response.headers.emplace_back("X-Request-Id", request.request_id);
  for (const auto& header : SecurityHeaders()) response.headers.push_back(header);
  if (request.path.rfind("/api/", 0) == 0)
    response.headers.emplace_back("Cache-Control", "no-store");
  double millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  metrics_.ObserveRequest(request.method, route ? std::string_view(route->pattern) : "",
                          response.status, millis / 1000, response.body);
  Log(request, response, route, millis);
  return response;
}

HttpResponse Service::Dispatch(HttpRequest& request, const Route** matched) {
  const Route* route = nullptr;
  bool path_known = false;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(r.pattern, request.path, &params)) continue;
    path_known = true;
    bool head_of_get = request.method == "HEAD" && r.method == "GET";
    if (r.method != request.method && !head_of_get) continue;
    route = &r;
    request.path_params = std::move(params);
    break;
  }
  *matched = route;
  if (route == nullptr) {
    if (path_known)
      return ErrorResponse({ErrorCode::kInvalidArgument,
                            fmt::format("Phương thức {} không dùng được ở đây", request.method),
                            fmt::format("Method {} is not allowed here", request.method)},
                           request.request_id);
    return ErrorResponse(NotFound(fmt::format("địa chỉ {}", request.path), request.path),
                         request.request_id);
  }
  if (request.body.size() > config_.max_body_bytes) {
    HttpResponse r = ErrorResponse(
        {ErrorCode::kResourceExhausted,
         fmt::format("Nội dung gửi lên quá lớn (tối đa {} MB)", config_.max_body_bytes >> 20),
         fmt::format("The request body is too large (at most {} MB)", config_.max_body_bytes >> 20)},
        request.request_id);
    r.status = 413;
    return r;
  }
  bool changing = StateChanging(request.method);
  if (changing) {
    std::string origin = request.Header("origin");
    if (!origin.empty() && !HostsMatch(origin, request.Header("host")))
      return ErrorResponse(PermissionDenied("gửi yêu cầu từ trang web khác",
                                            "send requests from another site"),
                           request.request_id);
  }
  bool has_cookie = request.Header("cookie").find(kSessionCookie) != std::string::npos;
  std::unique_lock lock(mutex_, std::defer_lock);
  if (has_cookie) {
    lock.lock();
    ResolveSession(&request);
    if (route->handles_locking) lock.unlock();
  } else if (!route->handles_locking) {
    lock.lock();
  }
  if (changing && request.session) {
    std::string token = request.Header("x-csrf-token");
    if (!access::SecureEquals(token, request.session->csrf_token))
      return ErrorResponse(
          {ErrorCode::kPermissionDenied,
           "Thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang rồi làm lại",
           "Missing or wrong anti-forgery (CSRF) token; reload the page and try again"},
          request.request_id);
  }
  if (route->requires_login && !request.user)
    return ErrorResponse(Unauthenticated(), request.request_id);
  core::Result<HttpResponse> result = route->handler(*this, request);
  if (!result) return ErrorResponse(result.error(), request.request_id);
  return std::move(*result);
}

void Service::Log(const HttpRequest& request, const HttpResponse& response, const Route* route,
                  double millis) {
  if (access_log_ == nullptr) return;
  nlohmann::json line = {
      {"ts", core::UtcTimestamp()},
      {"request_id", request.request_id},
      {"method", request.method},
      {"path", request.path},
      {"route", route ? route->pattern : std::string()},
      {"status", response.status},
      {"ms", std::round(millis * 100) / 100},
      {"bytes", response.BodySize()},
      {"remote", request.remote_address},
      {"user", request.user ? request.user->login : std::string()},
  };
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(log_mutex_);
  *access_log_ << text << '\n';
  access_log_->flush();
}

void Service::StartUpkeep(std::chrono::minutes every) {
  upkeep_ = std::jthread([this, every](std::stop_token stop) {
    while (!stop.stop_requested()) {
      nlohmann::json line = {{"ts", core::UtcTimestamp()}, {"event", "listing_upkeep"}};
      {
        std::lock_guard lock(mutex_);
        auto report = RunListingUpkeep(*this, core::Date::Today());
        if (report) {
          line["expired"] = report->expired;
          line["reminded"] = report->reminded;
          line["emailed"] = report->emailed;
          line["mail_failures"] = report->mail_failures;
        } else {
          line["error"] = report.error().message_en;
        }
      }
      if (access_log_ != nullptr) {
        std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::lock_guard lock(log_mutex_);
        *access_log_ << text << '\n';
        access_log_->flush();
      }
      std::unique_lock wait(upkeep_mutex_);
      upkeep_wake_.wait_for(wait, stop, every, [] { return false; });
    }
  });
}

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy", std::string(kCsp)},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"}};
  return kHeaders;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  while (true) {
    bool pattern_done = pattern.empty();
    bool path_done = path.empty();
    if (pattern_done || path_done) return pattern_done && path_done;
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    std::size_t pe = pattern.find('/');
    std::size_t se = path.find('/');
    std::string_view pseg = pattern.substr(0, pe);
    std::string_view sseg = path.substr(0, se);
    if (pseg.size() >= 2 && pseg.front() == '{' && pseg.back() == '}') {
      if (pseg == "{path*}") {  // the rest of the path
        (*params)["path"] = std::string(path);
        return !path.empty();
      }
      if (sseg.empty()) return false;
      (*params)[std::string(pseg.substr(1, pseg.size() - 2))] = std::string(sseg);
    } else if (pseg != sseg) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view() : pattern.substr(pe);
    path = se == std::string_view::npos ? std::string_view() : path.substr(se);
  }
}

std::string DefaultWebRoot() {
  if (const char* env = std::getenv("LIENKET_WEB_ROOT"); env != nullptr && *env != '\0')
    return env;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "lienket" / "web";
    if (std::filesystem::exists(installed / "static" / "index.html", ec)) return installed;
  }
  return std::string(LIENKET_SOURCE_ROOT) + "/web";
}

}  // namespace lienket::api
