// The front end's files (web/static, and ECharts from web/node_modules), /healthz, /metrics and
// the OpenAPI description. Files are read once and kept in memory; a path with anything but
// letters, digits, '.', '-', '_' and '/' (or with "..") is refused, so nothing outside the web
// folder is ever served.
#include <fmt/format.h>

#include <mutex>
#include <unordered_map>

#include "api/service.hpp"
#include "io/fs.hpp"
#include "store/embedded_files.hpp"

namespace lienket::api {
namespace {

std::string ContentType(std::string_view path) {
  auto ends = [path](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

bool SafePath(std::string_view path) {
  if (path.empty() || path.find("..") != std::string_view::npos || path.front() == '/') return false;
  for (char c : path) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_' || c == '/';
    if (!ok) return false;
  }
  return true;
}

core::Result<HttpResponse> ServeFile(const std::string& file, const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> cache;
  std::string bytes;
  {
    std::lock_guard lock(mutex);
    auto it = cache.find(file);
    if (it != cache.end()) bytes = it->second;
  }
  if (bytes.empty()) {
    auto read = io::ReadFile(file, 16 << 20);
    if (!read)
      return tl::unexpected(NotFound(fmt::format("tệp {}", name), fmt::format("file {}", name)));
    bytes = std::move(*read);
    std::lock_guard lock(mutex);
    cache[file] = bytes;
  }
  HttpResponse r;
  r.content_type = ContentType(file);
  r.body = std::move(bytes);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

core::Result<HttpResponse> Index(Service& s, HttpRequest&) {
  return ServeFile(s.config().web_root + "/static/index.html", "index.html");
}

core::Result<HttpResponse> Static(Service& s, HttpRequest& r) {
  const std::string& path = r.Param("path");
  if (!SafePath(path)) return tl::unexpected(NotFound("tệp này", "this file"));
  if (path == "vendor/echarts.min.js")
    return ServeFile(s.config().web_root + "/node_modules/echarts/dist/echarts.min.js", path);
  return ServeFile(s.config().web_root + "/static/" + path, path);
}

core::Result<HttpResponse> Health(Service& s, HttpRequest&) {
  std::lock_guard lock(s.mutex());
  auto count = s.workflow().CountUsers();
  if (!count)
    return core::MakeError(core::ErrorCode::kUnavailable, "Cơ sở dữ liệu không trả lời",
                           "The database does not answer");
  return HttpResponse::Json({{"status", "ok"}, {"schema_version", s.ctx().store->schema_version()}});
}

// Prometheus' text format. Loopback callers (a scraper on this host) need no login; anyone else,
// or a request relayed by a reverse proxy, needs an administrator's session (api/metrics.hpp).
core::Result<HttpResponse> MetricsText(Service& s, HttpRequest& r) {
  bool relayed = !r.Header("forwarded").empty() || !r.Header("x-forwarded-for").empty() ||
                 !r.Header("x-real-ip").empty();
  if (relayed || !IsLoopbackAddress(r.remote_address)) {
    if (!r.user) return tl::unexpected(Unauthenticated());
    if (r.user->role != access::Role::kAdmin)
      return tl::unexpected(PermissionDenied("xem số đo của máy chủ", "read the server's metrics"));
  }
  HttpResponse response;
  response.content_type = std::string(kMetricsContentType);
  response.body = s.metrics().Render();
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

core::Result<HttpResponse> OpenApi(Service&, HttpRequest&) {
  auto bytes = store::FindEmbedded("src/api/openapi.json");
  if (!bytes)
    return core::MakeError(core::ErrorCode::kInternal, "Thiếu mô tả OpenAPI trong chương trình",
                           "The OpenAPI description is missing from the program");
  HttpResponse r;
  r.body = std::string(*bytes);
  return r;
}

}  // namespace

void AddStaticRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/", false, true, Index});
  routes->push_back({"GET", "/static/{path*}", false, true, Static});
  routes->push_back({"GET", "/healthz", false, true, Health});
  routes->push_back({"GET", "/metrics", false, true, MetricsText});
  routes->push_back({"GET", "/api/openapi.json", false, true, OpenApi});
}

}  // namespace lienket::api
