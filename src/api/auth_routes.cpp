// Logging in and out, and who am I. Login answers the same way for an unknown login and a wrong
// password (and spends the same time: a decoy hash is verified), is throttled per account and
// per address, and audits failures. A new session gets a fresh token (no fixation) and its own
// CSRF token.
#include <fmt/format.h>

#include <chrono>

#include "api/json_views.hpp"
#include "api/service.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;


nlohmann::json MeJson(Service& s, const access::User* user, const std::string& csrf) {
  return {{"user", user ? UserJson(*user, s.ctx().units) : nlohmann::json()},
          {"csrf_token", csrf}};
}

core::Result<HttpResponse> Me(Service& s, HttpRequest& r) {
  return HttpResponse::Json(
      MeJson(s, r.Caller(), r.session ? r.session->csrf_token : std::string()));
}

core::Result<HttpResponse> Login(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"login", "password"}));
  LIENKET_ASSIGN_OR_RETURN(login, StringField(body, "login"));
  LIENKET_ASSIGN_OR_RETURN(password, StringField(body, "password"));
  auto now = LoginThrottle::Clock::now();
  if (int wait = s.throttle().SecondsToWait(login, r.remote_address, now); wait > 0) {
    s.metrics().CountLogin(Metrics::LoginResult::kThrottled);
    return core::MakeError(
        ErrorCode::kResourceExhausted,
        fmt::format("Đăng nhập sai quá nhiều lần; hãy thử lại sau {} giây", wait),
        fmt::format("Too many failed logins; try again in {} seconds", wait));
  }
  auto found = s.workflow().FindLogin(login);
  bool ok = false;
  if (found) {
    ok = access::VerifyPassword(found->second, password) && found->first.active;
  } else {
    (void)access::VerifyPassword(access::DecoyPasswordHash(), password);
  }
  if (!ok) {
    s.metrics().CountLogin(Metrics::LoginResult::kFailed);
    s.throttle().RecordFailure(login, r.remote_address, now);
    stats::AuditEntry e;
    e.at = core::UtcTimestamp();
    e.user_login = login.substr(0, 64);
    e.action = "login_failed";
    e.via = "web";
    e.comment = r.remote_address;
    e.request_id = r.request_id;
    core::IgnoreError(s.workflow().AppendAudit(e), "a failed login's audit is best effort");
    return core::MakeError(ErrorCode::kUnauthenticated, "Sai tên đăng nhập hoặc mật khẩu",
                           "Wrong login or password");
  }
  s.throttle().RecordSuccess(login);
  // A fresh session: the old one (if any) ends, so a token planted before login is useless.
  if (r.session) core::IgnoreError(s.workflow().DeleteSession(r.session->token_sha256),
                                   "an old session may already be gone");
  std::string token = access::RandomHex(32);
  access::Session session;
  session.token_sha256 = access::Sha256Hex(token);
  session.user_id = found->first.id;
  session.csrf_token = access::RandomHex(32);
  session.created_at = core::UtcTimestamp();
  session.last_seen_at = session.created_at;
  session.expires_at = core::UtcTimestamp(s.config().session_idle_minutes * 60LL);
  LIENKET_RETURN_IF_ERROR(s.workflow().CreateSession(session, r.remote_address));
  HttpResponse response = HttpResponse::Json(MeJson(s, &found->first, session.csrf_token));
  s.SetSessionCookie(&response, token, r.Header("x-forwarded-proto") == "https");
  s.metrics().CountLogin(Metrics::LoginResult::kOk);
  return response;
}

core::Result<HttpResponse> Logout(Service& s, HttpRequest& r) {
  if (r.session) LIENKET_RETURN_IF_ERROR(s.workflow().DeleteSession(r.session->token_sha256));
  HttpResponse response = HttpResponse::Json(nlohmann::json::object());
  s.SetSessionCookie(&response, "", r.Header("x-forwarded-proto") == "https");
  return response;
}

core::Result<HttpResponse> ChangePassword(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"old_password", "new_password"}));
  LIENKET_ASSIGN_OR_RETURN(old_password, StringField(body, "old_password"));
  LIENKET_ASSIGN_OR_RETURN(new_password, StringField(body, "new_password"));
  LIENKET_ASSIGN_OR_RETURN(found, s.workflow().FindLogin(r.user->login));
  if (!access::VerifyPassword(found.second, old_password))
    return core::MakeError(ErrorCode::kInvalidArgument, "Mật khẩu cũ không đúng",
                           "The old password is wrong");
  LIENKET_ASSIGN_OR_RETURN(hash, access::HashPassword(new_password));
  LIENKET_RETURN_IF_ERROR(s.workflow().UpdateUser(*r.user, hash));
  // Every other session of this user ends; this one goes on.
  LIENKET_RETURN_IF_ERROR(s.workflow().DeleteSessionsOf(r.user->id));
  LIENKET_RETURN_IF_ERROR(s.workflow().CreateSession(*r.session, r.remote_address));
  return HttpResponse::Json(nlohmann::json::object());
}

}  // namespace

void AddAuthRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/me", false, false, Me});
  routes->push_back({"POST", "/api/login", false, false, Login});
  routes->push_back({"POST", "/api/logout", false, false, Logout});
  routes->push_back({"PUT", "/api/me/password", true, false, ChangePassword});
}

}  // namespace lienket::api
