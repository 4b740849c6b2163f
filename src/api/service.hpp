// The server's application object: the route table and the state every route shares, and
// Handle(), which turns one request into one response. Handle is where the cross-cutting rules
// live, so no route can forget them:
//   - a request id for every request (returned in X-Request-Id and in every error body);
//   - the session from the cookie (HttpOnly, SameSite=Strict, Secure behind TLS); idle expiry;
//   - CSRF: every state-changing request of a logged-in user carries the session's token in
//     X-CSRF-Token, and a cross-site Origin is refused for all of them;
//   - routes that need a user get 401 without one; authorization proper is the route's, through
//     access::Policy;
//   - one error shape; an exception escaping a route becomes a 500 with the request id, logged,
//     never a stack trace to the user;
//   - security headers (CSP, nosniff, frame-ancestors, referrer policy) on every response;
//   - one JSON line per request in the access log;
//   - metrics (api/metrics.hpp): every answer is counted by route pattern, status and error code
//     and timed, and served at /metrics.
// Concurrency: routes run on the HTTP library's threads. The database and catalogues are used
// under one mutex (SQLite serialises writers anyway); the overview answers from a cache keyed by
// the data's generation, without the mutex.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "access/policy.hpp"
#include "api/http.hpp"
#include "api/login_throttle.hpp"
#include "api/metrics.hpp"
#include "app/context.hpp"
#include "stats/report_form.hpp"
#include "store/sqlite_workflow_store.hpp"

namespace lienket::api {

struct ServiceConfig {
  std::string web_root;             // folder of the front end (web/), see DefaultWebRoot
  bool secure_cookies = false;      // add Secure to the cookie (behind TLS)
  int session_idle_minutes = 480;   // a session not used for this long ends
  int session_absolute_hours = 12;  // and however busy, this long after its login
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::string smtp_url;             // "smtp://host:port"; empty = reminders are copied by hand
  std::string smtp_from = "lienket@localhost";
  std::string public_url;           // the address users open, for links in e-mails
};

class Service;
class LinkageState;  // api/linkage_matching.hpp
using RouteHandler = std::function<core::Result<HttpResponse>(Service&, HttpRequest&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/submissions/{unit}/{form}/{period}", as in the OpenAPI file
  bool requires_login = false;
  // Routes that take the database mutex themselves (the cached overview, static files).
  bool handles_locking = false;
  RouteHandler handler;
};

class Service {
 public:
  // Takes the open database and catalogues. Errors: as loading the report forms.
  [[nodiscard]] static core::Result<std::unique_ptr<Service>> Create(app::Context ctx,
                                                                     ServiceConfig config,
                                                                     std::ostream* access_log);

  // Thread-safe. Never throws.
  [[nodiscard]] HttpResponse Handle(HttpRequest request);
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

  // For the routes. Hold mutex() while using ctx(), workflow() or policy().
  [[nodiscard]] std::mutex& mutex() { return mutex_; }
  [[nodiscard]] app::Context& ctx() { return ctx_; }
  [[nodiscard]] store::SqliteWorkflowStore& workflow() { return *workflow_; }
  [[nodiscard]] const access::Policy& policy() const { return *policy_; }
  [[nodiscard]] const std::vector<stats::ReportForm>& forms() const { return forms_; }
  [[nodiscard]] const stats::ReportForm* FindForm(std::string_view id) const;
  [[nodiscard]] const ServiceConfig& config() const { return config_; }
  [[nodiscard]] LoginThrottle& throttle() { return throttle_; }
  // The server's metrics (thread-safe, no mutex needed).
  [[nodiscard]] Metrics& metrics() { return metrics_; }
  // The linkage directory's store and matcher (under mutex()).
  [[nodiscard]] LinkageState& linkage() { return *linkage_; }

  // Published figures changed: cached answers are stale.
  void Invalidate() { generation_.fetch_add(1); }
  // A cached response body for `key` computed at the current generation, if any. Each call is
  // counted as a hit or a miss of the (overview) cache in the metrics.
  [[nodiscard]] std::shared_ptr<const std::string> CachedBody(const std::string& key);
  std::shared_ptr<const std::string> StoreBody(const std::string& key, std::uint64_t generation,
                                               std::string body);
  [[nodiscard]] std::uint64_t generation() const { return generation_.load(); }

  // Sets the session cookie on `response` (an empty token clears it).
  void SetSessionCookie(HttpResponse* response, const std::string& token, bool https) const;

  // Runs the directory's upkeep (api/listing_upkeep.hpp: listings expire, owners are reminded)
  // now and then every `every`, under the mutex, on a thread of its own that stops when the
  // Service is destroyed. Each run writes one JSON line to the access log; a failed run is
  // logged and retried at the next one.
  void StartUpkeep(std::chrono::minutes every);

 private:
  Service(app::Context ctx, ServiceConfig config, std::ostream* access_log);
  [[nodiscard]] HttpResponse Dispatch(HttpRequest& request, const Route** matched);
  // Loads the session named by the cookie into the request (under the mutex).
  void ResolveSession(HttpRequest* request);
  void Log(const HttpRequest& request, const HttpResponse& response, const Route* route,
           double millis);

  app::Context ctx_;
  std::unique_ptr<store::SqliteWorkflowStore> workflow_;
  std::unique_ptr<access::Policy> policy_;
  std::shared_ptr<LinkageState> linkage_;
  std::vector<stats::ReportForm> forms_;
  ServiceConfig config_;
  std::vector<Route> routes_;
  std::mutex mutex_;
  LoginThrottle throttle_;
  Metrics metrics_{kProgramVersion};
  std::ostream* access_log_;
  std::mutex log_mutex_;

  std::atomic<std::uint64_t> generation_{1};
  std::shared_mutex cache_mutex_;
  struct CacheEntry {
    std::uint64_t generation = 0;
    std::shared_ptr<const std::string> body;
  };
  std::unordered_map<std::string, CacheEntry> cache_;

  // Last, so that it stops (and joins) before the state it uses is destroyed.
  std::condition_variable_any upkeep_wake_;
  std::mutex upkeep_mutex_;
  std::jthread upkeep_;
};

// The headers every answer carries: CSP, nosniff, frame denial, referrer policy.
[[nodiscard]] const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// Matches `path` against a route pattern with {name} segments; fills `params`.
[[nodiscard]] bool MatchPattern(std::string_view pattern, std::string_view path,
                                std::map<std::string, std::string>* params);

// The front end's folder: $LIENKET_WEB_ROOT, else <prefix>/share/lienket/web next to the
// installed binary, else the source tree's web/.
[[nodiscard]] std::string DefaultWebRoot();

// The route tables, one function per file (auth_routes.cpp, ...).
void AddAuthRoutes(std::vector<Route>* routes);
void AddReferenceRoutes(std::vector<Route>* routes);
void AddFigureRoutes(std::vector<Route>* routes);
void AddSubmissionRoutes(std::vector<Route>* routes);
void AddCoordinationRoutes(std::vector<Route>* routes);
void AddUserRoutes(std::vector<Route>* routes);
void AddLinkageRoutes(std::vector<Route>* routes);
void AddFlowRoutes(std::vector<Route>* routes);  // flow_routes.cpp: deals and the flow ledger
void AddCooperationRoutes(std::vector<Route>* routes);  // cooperation_routes.cpp
void AddEventRoutes(std::vector<Route>* routes);  // event_routes.cpp: trade-promotion events
void AddStaticRoutes(std::vector<Route>* routes);

}  // namespace lienket::api
