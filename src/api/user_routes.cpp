// Accounts, for the administrator: list, create, change (role, province, region, e-mail, name,
// active, password). Every change is audited; deactivating a user or changing their password or
// role ends their sessions.
#include <fmt/format.h>

#include "api/json_views.hpp"
#include "api/service.hpp"

namespace lienket::api {
namespace {

core::Status RequireAdmin(Service& s, const HttpRequest& r) {
  if (!s.policy().CanManageUsers(r.Caller()))
    return tl::unexpected(PermissionDenied("quản lý tài khoản", "manage accounts"));
  return {};
}

// Applies the body's fields to `user`. Errors: kNotFound for an unknown province or region.
core::Status ApplyFields(Service& s, const nlohmann::json& body, access::User* user) {
  LIENKET_ASSIGN_OR_RETURN(name, StringField(body, "display_name"));
  if (body.contains("display_name")) user->display_name = name;
  LIENKET_ASSIGN_OR_RETURN(email, StringField(body, "email"));
  if (body.contains("email")) user->email = email;
  if (body.contains("role")) {
    LIENKET_ASSIGN_OR_RETURN(role_text, StringField(body, "role"));
    LIENKET_ASSIGN_OR_RETURN(role, access::ParseRole(role_text));
    user->role = role;
  }
  if (body.contains("unit")) {
    LIENKET_ASSIGN_OR_RETURN(unit_key, StringField(body, "unit"));
    if (unit_key.empty()) {
      user->unit_id.reset();
    } else {
      const stats::AdminUnit* unit = s.ctx().units.FindByKey(unit_key);
      if (unit == nullptr || unit->IsNational())
        return tl::unexpected(NotFound(fmt::format("tỉnh, thành phố \"{}\"", unit_key),
                                       fmt::format("province \"{}\"", unit_key)));
      user->unit_id = unit->id;
    }
  }
  if (body.contains("region")) {
    LIENKET_ASSIGN_OR_RETURN(region_key, StringField(body, "region"));
    if (!region_key.empty() && s.ctx().FindRegion(region_key) == nullptr)
      return tl::unexpected(NotFound(fmt::format("vùng \"{}\"", region_key),
                                     fmt::format("region \"{}\"", region_key)));
    user->region_key = region_key;
  }
  if (body.contains("active")) {
    if (!body["active"].is_boolean())
      return tl::unexpected(BadRequest("\"active\" phải là true hoặc false",
                                       "\"active\" must be true or false"));
    user->active = body["active"].get<bool>();
  }
  return {};
}

stats::AuditEntry UserAudit(const HttpRequest& r, std::string action, const access::User& user) {
  stats::AuditEntry e;
  e.at = core::UtcTimestamp();
  e.user_id = r.user->id;
  e.user_login = r.user->login;
  e.action = std::move(action);
  e.via = "admin";
  e.comment = fmt::format("{} ({})", user.login, access::RoleId(user.role));
  e.request_id = r.request_id;
  return e;
}

core::Result<HttpResponse> List(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(RequireAdmin(s, r));
  LIENKET_ASSIGN_OR_RETURN(users, s.workflow().ListUsers());
  nlohmann::json list = nlohmann::json::array();
  for (const access::User& u : users) list.push_back(UserJson(u, s.ctx().units));
  return HttpResponse::Json({{"users", list}});
}

core::Result<HttpResponse> Create(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(RequireAdmin(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"login", "display_name", "password", "role",
                                                         "unit", "region", "email", "active"}));
  access::User user;
  LIENKET_ASSIGN_OR_RETURN(login, StringField(body, "login"));
  user.login = login;
  LIENKET_RETURN_IF_ERROR(ApplyFields(s, body, &user));
  LIENKET_RETURN_IF_ERROR(access::ValidateUser(user));
  LIENKET_ASSIGN_OR_RETURN(password, StringField(body, "password"));
  LIENKET_ASSIGN_OR_RETURN(hash, access::HashPassword(password));
  LIENKET_ASSIGN_OR_RETURN(id, s.workflow().CreateUser(user, hash));
  user.id = id;
  core::IgnoreError(s.workflow().AppendAudit(UserAudit(r, "user_create", user)),
                    "the account exists; its audit line is best effort");
  return HttpResponse::Json({{"user", UserJson(user, s.ctx().units)}}, 201);
}

core::Result<HttpResponse> Update(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(RequireAdmin(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"display_name", "password", "role", "unit",
                                                         "region", "email", "active"}));
  std::int64_t id = std::atoll(r.Param("id").c_str());
  LIENKET_ASSIGN_OR_RETURN(user, s.workflow().FindUser(id));
  access::User before = user;
  LIENKET_RETURN_IF_ERROR(ApplyFields(s, body, &user));
  std::optional<std::string> hash;
  if (body.contains("password")) {
    LIENKET_ASSIGN_OR_RETURN(password, StringField(body, "password"));
    LIENKET_ASSIGN_OR_RETURN(h, access::HashPassword(password));
    hash = h;
  }
  LIENKET_RETURN_IF_ERROR(s.workflow().UpdateUser(user, hash));
  bool end_sessions = hash || !user.active || user.role != before.role ||
                      user.unit_id != before.unit_id || user.region_key != before.region_key;
  if (end_sessions) LIENKET_RETURN_IF_ERROR(s.workflow().DeleteSessionsOf(user.id));
  core::IgnoreError(s.workflow().AppendAudit(UserAudit(r, "user_update", user)),
                    "the change is made; its audit line is best effort");
  return HttpResponse::Json({{"user", UserJson(user, s.ctx().units)}});
}

}  // namespace

void AddUserRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/users", true, false, List});
  routes->push_back({"POST", "/api/users", true, false, Create});
  routes->push_back({"PATCH", "/api/users/{id}", true, false, Update});
}

}  // namespace lienket::api
