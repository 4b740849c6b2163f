// Cooperation programmes between provinces and requests between Departments (issue 5; the rules
// are in linkage/cooperation.hpp, the storage in store/sqlite_cooperation_store.hpp).
//
// Who does what (access::Policy):
//   read agreements       any active officer, approver, coordinator or administrator;
//   create / edit         CanManageAgreement: a party's officer or approver, the coordinator of
//                         a region with a party, the administrator;
//   plans, tasks          the plan's lead province (CanActForDepartment) or CanFollowCooperation;
//   task status/evidence  the owner province's officer or approver only (and the administrator);
//   progress reports      a party's officer or approver, for its own province;
//   consolidated report   the lead province and CanFollowCooperation;
//   overdue dashboard     the caller's scope: every agreement it follows, the plans its province
//                         leads, and its province's own tasks;
//   requests              the sending Department (outbox, close), the receiving Departments
//                         (inbox, acknowledge, reply or decline); coordinators and the
//                         administrator read them all.
// Every change is written with its audit row by the store ("agreement:ID", "task:ID",
// "request:ID"). New requests and reminders go to the receiving Department's officers in the app
// (their inbox) and by e-mail through the configured SMTP server (api/mailer.hpp).
#include <fmt/format.h>
#include <sodium.h>

#include <map>
#include <set>

#include "api/mailer.hpp"
#include "api/service.hpp"
#include "linkage/cooperation.hpp"
#include "store/sqlite_cooperation_store.hpp"

namespace lienket::api {
namespace {

using core::Date;
using linkage::Agreement;
using linkage::AnnualPlan;
using linkage::CooperationTask;
using linkage::DepartmentRequest;
using linkage::RequestRecipient;
using nlohmann::json;
using store::SqliteCooperationStore;

SqliteCooperationStore Store(Service& s) {
  return SqliteCooperationStore(s.ctx().store.get(), &s.ctx().units);
}

linkage::DirectoryChange ChangeBy(const HttpRequest& r, std::string action,
                                  std::string comment = "") {
  linkage::DirectoryChange c;
  c.user_id = r.user->id;
  c.user_login = r.user->login;
  c.via = "web";
  c.action = std::move(action);
  c.comment = std::move(comment);
  c.request_id = r.request_id;
  return c;
}

bool Active(const access::User* u) { return u != nullptr && u->active; }
bool IsAdmin(const access::User* u) { return Active(u) && u->role == access::Role::kAdmin; }

core::Status MayRead(const HttpRequest& r) {
  const access::User* u = r.Caller();
  if (!Active(u) || u->role == access::Role::kEnterprise)
    return tl::unexpected(PermissionDenied("xem chương trình hợp tác giữa các Sở",
                                           "see cooperation between Departments"));
  return {};
}

json UnitJson(Service& s, int id) {
  const stats::AdminUnit* u = s.ctx().units.FindById(id);
  if (u == nullptr) return {{"id", id}};
  return {{"id", id}, {"key", u->key}, {"name_vi", u->name_vi}, {"name_en", u->name_en}};
}

core::Result<int> UnitFromKey(Service& s, const std::string& key, std::string_view field) {
  const stats::AdminUnit* u = s.ctx().units.FindByKey(key);
  if (u == nullptr || u->IsNational())
    return tl::unexpected(BadRequest(fmt::format("{}: không có tỉnh, thành phố \"{}\"", field, key),
                                     fmt::format("{}: no province \"{}\"", field, key)));
  return u->id;
}

core::Result<Date> DateField(const json& body, const std::string& name, bool required) {
  LIENKET_ASSIGN_OR_RETURN(text, StringField(body, name));
  if (text.empty()) {
    if (!required) return Date{};
    return tl::unexpected(
        BadRequest(fmt::format("thiếu {}", name), fmt::format("{} is missing", name)));
  }
  auto d = Date::Parse(text);
  if (!d)
    return tl::unexpected(BadRequest(fmt::format("{}: {}", name, d.error().message_vi),
                                     fmt::format("{}: {}", name, d.error().message_en)));
  return *d;
}

core::Result<std::vector<std::string>> StringList(const json& body, const std::string& name) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (!body[name].is_array())
    return tl::unexpected(BadRequest(fmt::format("{} phải là một danh sách", name),
                                     fmt::format("{} must be a list", name)));
  for (const json& v : body[name]) {
    if (!v.is_string())
      return tl::unexpected(BadRequest(fmt::format("{} chỉ gồm chuỗi ký tự", name),
                                       fmt::format("{} holds strings only", name)));
    out.push_back(v.get<std::string>());
  }
  return out;
}

// {"file_name", "content_type", "content_base64"} -> an upload, checked.
core::Result<SqliteCooperationStore::Upload> UploadOf(const json& j) {
  if (!j.is_object())
    return tl::unexpected(BadRequest("tệp phải là {file_name, content_type, content_base64}",
                                     "a file is {file_name, content_type, content_base64}"));
  SqliteCooperationStore::Upload up;
  up.file_name = j.value("file_name", "");
  up.content_type = j.value("content_type", "application/octet-stream");
  std::string b64 = j.value("content_base64", "");
  if (b64.size() > linkage::kMaxDocumentBytes / 3 * 4 + 8)
    LIENKET_RETURN_IF_ERROR(linkage::ValidateUpload(up.file_name, linkage::kMaxDocumentBytes + 1));
  up.bytes.resize(b64.size() / 4 * 3 + 3);
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(up.bytes.data()), up.bytes.size(),
                        b64.data(), b64.size(), "\r\n ", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return tl::unexpected(
        BadRequest(fmt::format("Tệp \"{}\" không phải base64 hợp lệ", up.file_name),
                   fmt::format("The file \"{}\" is not valid base64", up.file_name)));
  up.bytes.resize(len);
  LIENKET_RETURN_IF_ERROR(linkage::ValidateUpload(up.file_name, up.bytes.size()));
  return up;
}

json FileJson(const std::optional<linkage::StoredFile>& f) {
  if (!f) return nullptr;
  return {{"id", f->id},
          {"file_name", f->file_name},
          {"content_type", f->content_type},
          {"size", f->size},
          {"sha256", f->sha256},
          {"url", fmt::format("/api/cooperation/files/{}", f->id)}};
}

json FocalJson(const linkage::FocalPoint& f) {
  return {{"name", f.name}, {"position", f.position}, {"phone", f.phone}, {"email", f.email}};
}

core::Result<linkage::FocalPoint> FocalOf(const json& body, const std::string& name) {
  linkage::FocalPoint f;
  if (!body.contains(name) || body[name].is_null()) return f;
  const json& j = body[name];
  if (!j.is_object())
    return tl::unexpected(
        BadRequest(fmt::format("{} phải là {{name, position, phone, email}}", name),
                   fmt::format("{} must be {{name, position, phone, email}}", name)));
  for (const auto& [k, v] : j.items()) {
    if ((k != "name" && k != "position" && k != "phone" && k != "email") || !v.is_string())
      return tl::unexpected(BadRequest(fmt::format("{}: trường \"{}\" không hợp lệ", name, k),
                                       fmt::format("{}: invalid field \"{}\"", name, k)));
  }
  f.name = j.value("name", "");
  f.position = j.value("position", "");
  f.phone = j.value("phone", "");
  f.email = j.value("email", "");
  return f;
}

// ---- agreements

json TaskJson(Service& s, const HttpRequest& r, const CooperationTask& t, const Date& today) {
  json links = json::array();
  for (const auto& l : t.links) links.push_back(l.Text());
  return {{"id", t.id},
          {"plan_id", t.plan_id},
          {"agreement_id", t.agreement_id},
          {"title", t.title},
          {"description", t.description},
          {"owner", UnitJson(s, t.owner_unit_id)},
          {"deadline", t.deadline.ToString()},
          {"status", linkage::TaskStatusId(t.status)},
          {"overdue", linkage::IsOverdue(t, today)},
          {"days_overdue", linkage::DaysOverdue(t, today)},
          {"evidence_text", t.evidence_text},
          {"evidence_link", t.evidence_link},
          {"evidence_file", FileJson(t.evidence_file)},
          {"links", links},
          {"updated_at", t.updated_at},
          {"can_update", s.policy().CanActForDepartment(r.Caller(), t.owner_unit_id)}};
}

json PlanJson(Service& s, const AnnualPlan& p) {
  return {{"id", p.id},
          {"agreement_id", p.agreement_id},
          {"year", p.year},
          {"lead", UnitJson(s, p.lead.lead_unit_id)},
          {"rotation_lead", UnitJson(s, p.lead.rotation_unit_id)},
          {"lead_overridden", p.lead.overridden},
          {"lead_reason", p.lead.reason},
          {"title", p.title},
          {"notes", p.notes}};
}

json AgreementJson(Service& s, const HttpRequest& r, const Agreement& a) {
  json parties = json::array();
  Date today = Date::Today();
  for (int p : a.parties) {
    json j = UnitJson(s, p);
    int now = linkage::PartyUnitInYear(p, today.year, s.ctx().units);
    if (now != p) j["now"] = UnitJson(s, now);
    parties.push_back(j);
  }
  json docs = json::array();
  for (const auto& d : a.documents)
    docs.push_back({{"id", d.id},
                    {"title", d.title},
                    {"number", d.number},
                    {"issued_on", d.issued_on.ToString()},
                    {"file", FileJson(d.file)}});
  return {{"id", a.id},
          {"title", a.title},
          {"kind", linkage::AgreementKindId(a.kind)},
          {"parties", parties},
          {"signed_on", a.signed_on.ToString()},
          {"valid_from", a.valid_from.ToString()},
          {"valid_to", a.valid_to ? a.valid_to->ToString() : ""},
          {"in_force", a.InForceOn(today)},
          {"fields", a.fields},
          {"summary", a.summary},
          {"dataset", a.dataset},
          {"documents", docs},
          {"can_manage", s.policy().CanManageAgreement(r.Caller(), a.parties)}};
}

core::Result<Agreement> LoadAgreement(Service& s, std::int64_t id) {
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(found, store.FindAgreement(id));
  if (!found)
    return tl::unexpected(
        NotFound(fmt::format("thỏa thuận số {}", id), fmt::format("agreement {}", id)));
  return std::move(*found);
}

const std::vector<std::string> kAgreementFields = {"title",      "kind",     "parties", "signed_on",
                                                   "valid_from", "valid_to", "fields",  "summary"};

core::Result<Agreement> AgreementFromBody(Service& s, const json& body, Agreement a) {
  LIENKET_ASSIGN_OR_RETURN(title, StringField(body, "title"));
  a.title = title;
  LIENKET_ASSIGN_OR_RETURN(kind_text, StringField(body, "kind"));
  LIENKET_ASSIGN_OR_RETURN(kind,
                           linkage::ParseAgreementKind(kind_text.empty() ? "regional" : kind_text));
  a.kind = kind;
  LIENKET_ASSIGN_OR_RETURN(keys, StringList(body, "parties"));
  a.parties.clear();
  for (const std::string& k : keys) {
    LIENKET_ASSIGN_OR_RETURN(id, UnitFromKey(s, k, "parties"));
    a.parties.push_back(id);
  }
  LIENKET_ASSIGN_OR_RETURN(signed_on, DateField(body, "signed_on", true));
  a.signed_on = signed_on;
  LIENKET_ASSIGN_OR_RETURN(from, DateField(body, "valid_from", false));
  a.valid_from = from.IsValid() ? from : signed_on;
  LIENKET_ASSIGN_OR_RETURN(to, DateField(body, "valid_to", false));
  a.valid_to = to.IsValid() ? std::optional<Date>(to) : std::nullopt;
  LIENKET_ASSIGN_OR_RETURN(fields, StringList(body, "fields"));
  a.fields = fields;
  LIENKET_ASSIGN_OR_RETURN(summary, StringField(body, "summary"));
  a.summary = summary;
  return a;
}

core::Result<HttpResponse> ListAgreements(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(list, store.ListAgreements());
  LIENKET_ASSIGN_OR_RETURN(tasks, store.ListTasks(0));
  Date today = Date::Today();
  json out = json::array();
  for (const Agreement& a : list) {
    json j = AgreementJson(s, r, a);
    int total = 0, overdue = 0;
    for (const CooperationTask& t : tasks) {
      if (t.agreement_id != a.id) continue;
      ++total;
      if (linkage::IsOverdue(t, today)) ++overdue;
    }
    j["tasks"] = total;
    j["overdue_tasks"] = overdue;
    const access::User* u = r.Caller();
    j["mine"] = u->unit_id && linkage::IsParty(a, *u->unit_id, s.ctx().units);
    out.push_back(j);
  }
  return HttpResponse::Json({{"agreements", out}, {"today", today.ToString()}});
}

core::Result<HttpResponse> CreateAgreement(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kAgreementFields));
  LIENKET_ASSIGN_OR_RETURN(a, AgreementFromBody(s, body, Agreement{}));
  if (!s.policy().CanManageAgreement(r.Caller(), a.parties))
    return tl::unexpected(PermissionDenied("tạo thỏa thuận mà tỉnh mình không tham gia",
                                           "create an agreement your province is not a party to"));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(id, store.CreateAgreement(a, ChangeBy(r, "agreement_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadAgreement(s, id));
  return HttpResponse::Json({{"agreement", AgreementJson(s, r, stored)}}, 201);
}

core::Result<HttpResponse> GetAgreement(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "agreement"));
  LIENKET_ASSIGN_OR_RETURN(a, LoadAgreement(s, id));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(plans, store.ListPlans(id));
  LIENKET_ASSIGN_OR_RETURN(tasks, store.ListTasks(id));
  Date today = Date::Today();
  json plans_json = json::array();
  for (const AnnualPlan& p : plans) {
    json pj = PlanJson(s, p);
    json tj = json::array();
    for (const CooperationTask& t : tasks)
      if (t.plan_id == p.id) tj.push_back(TaskJson(s, r, t, today));
    pj["tasks"] = tj;
    LIENKET_ASSIGN_OR_RETURN(reports, store.ListReports(p.id));
    json rj = json::array();
    for (const auto& rep : reports)
      rj.push_back({{"id", rep.id},
                    {"unit", UnitJson(s, rep.unit_id)},
                    {"period", rep.period.Code()},
                    {"body", rep.body},
                    {"submitted_at", rep.submitted_at}});
    pj["reports"] = rj;
    pj["can_lead"] = s.policy().CanActForDepartment(r.Caller(), p.lead.lead_unit_id) ||
                     s.policy().CanFollowCooperation(r.Caller(), a.parties);
    plans_json.push_back(pj);
  }
  json j = AgreementJson(s, r, a);
  j["plans"] = plans_json;
  auto lead = linkage::RotationLead(a, today.year, s.ctx().units);
  j["rotation_lead_this_year"] = lead ? UnitJson(s, *lead) : json(nullptr);
  return HttpResponse::Json({{"agreement", j}, {"today", today.ToString()}});
}

core::Result<HttpResponse> UpdateAgreement(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "agreement"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kAgreementFields));
  LIENKET_ASSIGN_OR_RETURN(old, LoadAgreement(s, id));
  if (!s.policy().CanManageAgreement(r.Caller(), old.parties))
    return tl::unexpected(PermissionDenied("sửa thỏa thuận này", "change this agreement"));
  LIENKET_ASSIGN_OR_RETURN(a, AgreementFromBody(s, body, old));
  if (!s.policy().CanManageAgreement(r.Caller(), a.parties))
    return tl::unexpected(PermissionDenied("bỏ tỉnh mình khỏi thỏa thuận",
                                           "remove your own province from the agreement"));
  auto store = Store(s);
  LIENKET_RETURN_IF_ERROR(store.UpdateAgreement(a, ChangeBy(r, "agreement_update")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadAgreement(s, id));
  return HttpResponse::Json({{"agreement", AgreementJson(s, r, stored)}});
}

core::Result<HttpResponse> AddDocument(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "agreement"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"title", "number", "issued_on", "file"}));
  LIENKET_ASSIGN_OR_RETURN(a, LoadAgreement(s, id));
  if (!s.policy().CanManageAgreement(r.Caller(), a.parties))
    return tl::unexpected(
        PermissionDenied("thêm văn bản vào thỏa thuận này", "add a document to this agreement"));
  linkage::AgreementDocument d;
  d.agreement_id = id;
  LIENKET_ASSIGN_OR_RETURN(title, StringField(body, "title"));
  LIENKET_ASSIGN_OR_RETURN(number, StringField(body, "number"));
  LIENKET_ASSIGN_OR_RETURN(issued, DateField(body, "issued_on", true));
  d.title = title;
  d.number = number;
  d.issued_on = issued;
  std::optional<SqliteCooperationStore::Upload> file;
  if (body.contains("file") && !body["file"].is_null()) {
    LIENKET_ASSIGN_OR_RETURN(up, UploadOf(body["file"]));
    file = std::move(up);
  }
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(doc_id, store.AddDocument(d, file, ChangeBy(r, "agreement_document")));
  return HttpResponse::Json({{"id", doc_id}}, 201);
}

core::Result<DepartmentRequest> LoadRequest(Service& s, const HttpRequest& r, std::int64_t id);

// Agreement documents and task evidence are read as the agreements are; a reply attachment only by
// those who may read its request.
core::Result<HttpResponse> GetFile(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "tệp", "file"));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(request_id, store.RequestOfAttachment(id));
  if (request_id) {
    auto readable = LoadRequest(s, r, *request_id);
    if (!readable)
      return tl::unexpected(NotFound(fmt::format("tệp số {}", id), fmt::format("file {}", id)));
  }
  auto file = store.ReadFile(id);
  if (!file) return tl::unexpected(file.error());
  return HttpResponse::File(std::move(file->second), file->first.content_type,
                            file->first.file_name);
}

// ---- plans, tasks, reports

core::Result<std::pair<Agreement, AnnualPlan>> LoadPlan(Service& s, std::int64_t plan_id) {
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(plan, store.FindPlan(plan_id));
  if (!plan)
    return tl::unexpected(
        NotFound(fmt::format("kế hoạch số {}", plan_id), fmt::format("plan {}", plan_id)));
  LIENKET_ASSIGN_OR_RETURN(a, LoadAgreement(s, plan->agreement_id));
  return std::make_pair(std::move(a), std::move(*plan));
}

bool Leads(Service& s, const HttpRequest& r, const Agreement& a, const AnnualPlan& p) {
  return s.policy().CanActForDepartment(r.Caller(), p.lead.lead_unit_id) ||
         s.policy().CanFollowCooperation(r.Caller(), a.parties);
}

core::Result<HttpResponse> CreatePlan(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "agreement"));
  LIENKET_ASSIGN_OR_RETURN(body,
                           ParseJsonBody(r.body, {"year", "lead", "reason", "title", "notes"}));
  LIENKET_ASSIGN_OR_RETURN(a, LoadAgreement(s, id));
  if (!s.policy().CanManageAgreement(r.Caller(), a.parties))
    return tl::unexpected(
        PermissionDenied("lập kế hoạch cho thỏa thuận này", "plan for this agreement"));
  if (!body.contains("year") || !body["year"].is_number_integer())
    return tl::unexpected(
        BadRequest("year phải là một năm (số nguyên)", "year must be an integer year"));
  int year = body["year"].get<int>();
  std::optional<int> override_unit;
  LIENKET_ASSIGN_OR_RETURN(lead_key, StringField(body, "lead"));
  if (!lead_key.empty()) {
    LIENKET_ASSIGN_OR_RETURN(unit, UnitFromKey(s, lead_key, "lead"));
    override_unit = unit;
  }
  LIENKET_ASSIGN_OR_RETURN(reason, StringField(body, "reason"));
  LIENKET_ASSIGN_OR_RETURN(lead,
                           linkage::ChooseLead(a, year, override_unit, reason, s.ctx().units));
  AnnualPlan p;
  p.agreement_id = id;
  p.year = year;
  p.lead = lead;
  LIENKET_ASSIGN_OR_RETURN(title, StringField(body, "title"));
  LIENKET_ASSIGN_OR_RETURN(notes, StringField(body, "notes"));
  p.title = title.empty() ? fmt::format("Kế hoạch năm {}", year) : title;
  p.notes = notes;
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(plan_id, store.CreatePlan(p, ChangeBy(r, "plan_create", lead.reason)));
  p.id = plan_id;
  return HttpResponse::Json({{"plan", PlanJson(s, p)}}, 201);
}

core::Result<std::vector<linkage::EntityLink>> LinksOf(const json& body) {
  LIENKET_ASSIGN_OR_RETURN(texts, StringList(body, "links"));
  std::vector<linkage::EntityLink> links;
  for (const std::string& t : texts) {
    LIENKET_ASSIGN_OR_RETURN(link, linkage::ParseEntityLink(t));
    links.push_back(link);
  }
  return links;
}

core::Result<HttpResponse> CreateTask(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(plan_id, PathId(r, "id", "kế hoạch", "plan"));
  LIENKET_ASSIGN_OR_RETURN(
      body, ParseJsonBody(r.body, {"title", "description", "owner", "deadline", "links"}));
  LIENKET_ASSIGN_OR_RETURN(ap, LoadPlan(s, plan_id));
  auto& [a, plan] = ap;
  if (!Leads(s, r, a, plan))
    return tl::unexpected(PermissionDenied("giao nhiệm vụ (chỉ tỉnh chủ trì kế hoạch)",
                                           "assign tasks (the plan's lead province only)"));
  CooperationTask t;
  t.plan_id = plan_id;
  t.agreement_id = a.id;
  LIENKET_ASSIGN_OR_RETURN(title, StringField(body, "title"));
  LIENKET_ASSIGN_OR_RETURN(description, StringField(body, "description"));
  LIENKET_ASSIGN_OR_RETURN(owner_key, StringField(body, "owner"));
  LIENKET_ASSIGN_OR_RETURN(owner, UnitFromKey(s, owner_key, "owner"));
  LIENKET_ASSIGN_OR_RETURN(deadline, DateField(body, "deadline", true));
  LIENKET_ASSIGN_OR_RETURN(links, LinksOf(body));
  t.title = title;
  t.description = description;
  t.owner_unit_id = linkage::PartyUnitInYear(owner, plan.year, s.ctx().units);
  t.deadline = deadline;
  t.links = links;
  LIENKET_RETURN_IF_ERROR(linkage::ValidateTask(t, a, plan, s.ctx().units));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(id, store.CreateTask(t, ChangeBy(r, "task_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, store.FindTask(id));
  return HttpResponse::Json({{"task", TaskJson(s, r, *stored, Date::Today())}}, 201);
}

core::Result<HttpResponse> UpdateTask(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "nhiệm vụ", "task"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"status", "evidence_text", "evidence_link",
                                                        "evidence_file", "links"}));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(found, store.FindTask(id));
  if (!found)
    return tl::unexpected(NotFound(fmt::format("nhiệm vụ số {}", id), fmt::format("task {}", id)));
  CooperationTask t = *found;
  if (!s.policy().CanActForDepartment(r.Caller(), t.owner_unit_id)) {
    const stats::AdminUnit* owner = s.ctx().units.FindById(t.owner_unit_id);
    return tl::unexpected(
        PermissionDenied(fmt::format("cập nhật nhiệm vụ của {} (chỉ Sở được giao)",
                                     owner ? owner->name_vi : "tỉnh khác"),
                         fmt::format("update a task owned by {} (its Department only)",
                                     owner ? owner->name_en : "another province")));
  }
  if (body.contains("evidence_text")) {
    LIENKET_ASSIGN_OR_RETURN(text, StringField(body, "evidence_text"));
    t.evidence_text = text;
  }
  if (body.contains("evidence_link")) {
    LIENKET_ASSIGN_OR_RETURN(link, StringField(body, "evidence_link"));
    LIENKET_RETURN_IF_ERROR(linkage::ValidateEvidenceLink(link));
    t.evidence_link = link;
  }
  std::optional<SqliteCooperationStore::Upload> file;
  if (body.contains("evidence_file") && !body["evidence_file"].is_null()) {
    LIENKET_ASSIGN_OR_RETURN(up, UploadOf(body["evidence_file"]));
    file = std::move(up);
    t.evidence_file = linkage::StoredFile{};  // counts as evidence for the status rule
  }
  if (body.contains("links")) {
    LIENKET_ASSIGN_OR_RETURN(links, LinksOf(body));
    t.links = links;
  }
  LIENKET_ASSIGN_OR_RETURN(status_text, StringField(body, "status"));
  if (!status_text.empty()) {
    LIENKET_ASSIGN_OR_RETURN(status, linkage::ParseTaskStatus(status_text));
    LIENKET_RETURN_IF_ERROR(linkage::ChangeTaskStatus(&t, status));
  }
  if (file) t.evidence_file = found->evidence_file;  // replaced by the store with the new file
  LIENKET_RETURN_IF_ERROR(store.UpdateTask(t, file, ChangeBy(r, "task_update")));
  LIENKET_ASSIGN_OR_RETURN(stored, store.FindTask(id));
  return HttpResponse::Json({{"task", TaskJson(s, r, *stored, Date::Today())}});
}

// The tasks that produced an event or a deal: ?linked=event:12 (the events and deals pages show
// which cooperation task they came from).
core::Result<HttpResponse> LinkedTasks(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  LIENKET_ASSIGN_OR_RETURN(link, linkage::ParseEntityLink(r.Query("linked")));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(tasks, store.TasksLinkedTo(link.Text()));
  Date today = Date::Today();
  json out = json::array();
  for (const CooperationTask& t : tasks) out.push_back(TaskJson(s, r, t, today));
  return HttpResponse::Json({{"linked", link.Text()}, {"tasks", out}});
}

core::Result<HttpResponse> AddReport(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(plan_id, PathId(r, "id", "kế hoạch", "plan"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"unit", "period", "body"}));
  LIENKET_ASSIGN_OR_RETURN(ap, LoadPlan(s, plan_id));
  auto& [a, plan] = ap;
  linkage::ProgressReport rep;
  rep.plan_id = plan_id;
  LIENKET_ASSIGN_OR_RETURN(unit_key, StringField(body, "unit"));
  const access::User* u = r.Caller();
  if (unit_key.empty()) {
    if (!u->unit_id)
      return tl::unexpected(
          BadRequest("cần nêu tỉnh báo cáo (unit)", "name the reporting province (unit)"));
    rep.unit_id = *u->unit_id;
  } else {
    LIENKET_ASSIGN_OR_RETURN(unit, UnitFromKey(s, unit_key, "unit"));
    rep.unit_id = unit;
  }
  rep.unit_id = linkage::PartyUnitInYear(rep.unit_id, plan.year, s.ctx().units);
  if (!s.policy().CanActForDepartment(u, rep.unit_id))
    return tl::unexpected(
        PermissionDenied("báo cáo thay tỉnh khác", "report for another province"));
  LIENKET_ASSIGN_OR_RETURN(period_code, StringField(body, "period"));
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(period_code));
  rep.period = period;
  LIENKET_ASSIGN_OR_RETURN(text, StringField(body, "body"));
  rep.body = text;
  rep.submitted_by = u->id;
  LIENKET_RETURN_IF_ERROR(linkage::ValidateReport(rep, a, plan, s.ctx().units));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(id, store.AddReport(rep, a.id, ChangeBy(r, "report_add")));
  return HttpResponse::Json({{"id", id}}, 201);
}

core::Result<HttpResponse> Consolidated(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(plan_id, PathId(r, "id", "kế hoạch", "plan"));
  LIENKET_ASSIGN_OR_RETURN(ap, LoadPlan(s, plan_id));
  auto& [a, plan] = ap;
  if (!Leads(s, r, a, plan))
    return tl::unexpected(PermissionDenied("tổng hợp báo cáo (tỉnh chủ trì)",
                                           "consolidate the reports (the lead province)"));
  std::string code = r.Query("period").empty() ? fmt::format("{}", plan.year) : r.Query("period");
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(code));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(reports, store.ListReports(plan_id));
  LIENKET_ASSIGN_OR_RETURN(tasks, store.ListTasks(a.id));
  linkage::ConsolidatedReport c =
      linkage::Consolidate(a, plan, period, reports, tasks, Date::Today(), s.ctx().units);
  json entries = json::array();
  for (const auto& e : c.entries) {
    json j = {{"unit", UnitJson(s, e.unit_id)}, {"missing", e.report == nullptr}};
    if (e.report)
      j["report"] = {
          {"id", e.report->id}, {"body", e.report->body}, {"submitted_at", e.report->submitted_at}};
    entries.push_back(j);
  }
  json missing = json::array();
  for (int m : c.missing) missing.push_back(UnitJson(s, m));
  return HttpResponse::Json({{"plan", PlanJson(s, plan)},
                             {"agreement", {{"id", a.id}, {"title", a.title}}},
                             {"period", period.Code()},
                             {"period_label_vi", period.LabelVi()},
                             {"entries", entries},
                             {"missing", missing},
                             {"tasks",
                              {{"total", c.tasks_total},
                               {"done", c.tasks_done},
                               {"in_progress", c.tasks_in_progress},
                               {"not_started", c.tasks_not_started},
                               {"cancelled", c.tasks_cancelled},
                               {"overdue", c.tasks_overdue}}}});
}

// The overdue tasks the caller answers for: every agreement it follows (coordinators,
// administrator), the plans its province leads this year or any year, and its own tasks.
core::Result<HttpResponse> Overdue(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(agreements, store.ListAgreements());
  LIENKET_ASSIGN_OR_RETURN(tasks, store.ListTasks(0));
  Date today = Date::Today();
  const access::User* u = r.Caller();
  std::map<std::int64_t, const Agreement*> by_id;
  std::set<std::int64_t> followed;
  for (const Agreement& a : agreements) {
    by_id[a.id] = &a;
    if (s.policy().CanFollowCooperation(u, a.parties)) followed.insert(a.id);
  }
  std::map<std::int64_t, AnnualPlan> plans;
  std::set<std::int64_t> led;
  for (const Agreement& a : agreements) {
    LIENKET_ASSIGN_OR_RETURN(list, store.ListPlans(a.id));
    for (AnnualPlan& p : list) {
      if (s.policy().CanActForDepartment(u, p.lead.lead_unit_id) && !IsAdmin(u)) led.insert(p.id);
      plans[p.id] = std::move(p);
    }
  }
  std::vector<CooperationTask> scope;
  for (const CooperationTask& t : tasks)
    if (followed.count(t.agreement_id) || led.count(t.plan_id) ||
        s.policy().CanActForDepartment(u, t.owner_unit_id))
      scope.push_back(t);
  std::vector<linkage::OverdueTask> overdue = linkage::OverdueTasks(scope, today);
  std::map<int, json> by_owner;
  json rows = json::array();
  for (const auto& o : overdue) {
    const CooperationTask& t = *o.task;
    const AnnualPlan& p = plans[t.plan_id];
    json row = TaskJson(s, r, t, today);
    row["agreement_title"] = by_id.count(t.agreement_id) ? by_id[t.agreement_id]->title : "";
    row["plan_year"] = p.year;
    row["lead"] = UnitJson(s, p.lead.lead_unit_id);
    row["as_lead"] = led.count(t.plan_id) > 0;
    rows.push_back(row);
    json& g = by_owner[t.owner_unit_id];
    if (g.is_null()) g = {{"owner", UnitJson(s, t.owner_unit_id)}, {"count", 0}, {"max_days", 0}};
    g["count"] = g["count"].get<int>() + 1;
    g["max_days"] = std::max(g["max_days"].get<int>(), o.days_overdue);
  }
  json groups = json::array();
  for (auto& [unit, g] : by_owner) groups.push_back(g);
  std::sort(groups.begin(), groups.end(), [](const json& a, const json& b) {
    return a["count"].get<int>() != b["count"].get<int>()
               ? a["count"].get<int>() > b["count"].get<int>()
               : a["max_days"].get<int>() > b["max_days"].get<int>();
  });
  json led_plans = json::array();
  for (std::int64_t id : led) led_plans.push_back(PlanJson(s, plans[id]));
  return HttpResponse::Json({{"today", today.ToString()},
                             {"tasks", rows},
                             {"by_owner", groups},
                             {"led_plans", led_plans},
                             {"followed_agreements", followed.size()}});
}

// ---- requests between Departments

bool SendsFor(Service& s, const HttpRequest& r, const DepartmentRequest& q) {
  return s.policy().CanActForDepartment(r.Caller(), q.from_unit_id);
}
RequestRecipient* ReceivesAs(Service& s, const HttpRequest& r, DepartmentRequest& q) {
  for (RequestRecipient& rr : q.recipients)
    if (s.policy().CanActForDepartment(r.Caller(), rr.unit_id) && !IsAdmin(r.Caller())) return &rr;
  return nullptr;
}
bool FollowsAll(const HttpRequest& r) {
  const access::User* u = r.Caller();
  return Active(u) && (u->role == access::Role::kAdmin || u->role == access::Role::kCoordinator);
}

json RequestJson(Service& s, const HttpRequest& r, DepartmentRequest& q, const Date& today) {
  json recipients = json::array();
  RequestRecipient* mine = ReceivesAs(s, r, q);
  for (const RequestRecipient& rr : q.recipients) {
    json atts = json::array();
    for (const auto& f : rr.attachments) atts.push_back(FileJson(f));
    recipients.push_back({{"unit", UnitJson(s, rr.unit_id)},
                          {"state", linkage::DeptRequestStateId(rr.state)},
                          {"focal", FocalJson(rr.focal)},
                          {"reply", rr.reply},
                          {"replied_at", rr.replied_at},
                          {"reminded_on", rr.reminded_on},
                          {"attachments", atts},
                          {"mine", mine == &rr}});
  }
  bool open = false;
  for (const RequestRecipient& rr : q.recipients)
    open = open || rr.state == linkage::DeptRequestState::kSent ||
           rr.state == linkage::DeptRequestState::kAcknowledged;
  return {
      {"id", q.id},
      {"from", UnitJson(s, q.from_unit_id)},
      {"subject", q.subject},
      {"body", q.body},
      {"product", q.product},
      {"quantity", q.quantity},
      {"deadline", q.deadline.ToString()},
      {"days_left", core::DaysBetween(today, q.deadline)},
      {"focal", FocalJson(q.focal)},
      {"recipients", recipients},
      {"dataset", q.dataset},
      {"created_at", q.created_at},
      {"open", open},
      {"can_close", SendsFor(s, r, q) && open},
      {"can_reply", mine != nullptr && (mine->state == linkage::DeptRequestState::kSent ||
                                        mine->state == linkage::DeptRequestState::kAcknowledged)}};
}

std::vector<int> DepartmentUnits(Service& s, int unit_id) {
  // The unit, its successor and every unit merged into that successor: one Department.
  std::vector<int> out;
  int successor = s.ctx().units.SuccessorOf(unit_id);
  for (const stats::AdminUnit& u : s.ctx().units.units())
    if (!u.IsNational() && s.ctx().units.SuccessorOf(u.id) == successor) out.push_back(u.id);
  return out;
}

core::Result<HttpResponse> ListRequests(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  std::string box = r.Query("box").empty() ? "inbox" : r.Query("box");
  if (box != "inbox" && box != "outbox" && box != "all")
    return tl::unexpected(
        BadRequest("box phải là inbox, outbox hoặc all", "box must be inbox, outbox or all"));
  const access::User* u = r.Caller();
  std::vector<int> units;
  if (u->unit_id) units = DepartmentUnits(s, *u->unit_id);
  if (units.empty() && !FollowsAll(r))
    return tl::unexpected(PermissionDenied("xem đề nghị (tài khoản chưa gắn với Sở)",
                                           "see requests (the account has no Department)"));
  auto store = Store(s);
  std::vector<DepartmentRequest> list;
  if (units.empty()) {
    LIENKET_ASSIGN_OR_RETURN(all, store.ListRequests({}, {}));
    list = std::move(all);
  } else {
    LIENKET_ASSIGN_OR_RETURN(found,
                             store.ListRequests(box == "inbox" ? std::vector<int>() : units,
                                                box == "outbox" ? std::vector<int>() : units));
    if (box == "all") {
      list = std::move(found);
    } else {
      for (DepartmentRequest& q : found) {
        bool sent = std::find(units.begin(), units.end(), q.from_unit_id) != units.end();
        if ((box == "outbox") == sent) list.push_back(std::move(q));
      }
    }
  }
  Date today = Date::Today();
  json out = json::array();
  int waiting = 0;
  for (DepartmentRequest& q : list) {
    json j = RequestJson(s, r, q, today);
    if (j["can_reply"].get<bool>()) ++waiting;
    out.push_back(j);
  }
  return HttpResponse::Json({{"box", box}, {"requests", out}, {"waiting", waiting}});
}

core::Result<DepartmentRequest> LoadRequest(Service& s, const HttpRequest& r, std::int64_t id) {
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(found, store.FindRequest(id));
  // Someone else's request reads as missing, so ids do not reveal other Departments' mail.
  if (!found || !(SendsFor(s, r, *found) || ReceivesAs(s, r, *found) || FollowsAll(r)))
    return tl::unexpected(
        NotFound(fmt::format("đề nghị số {}", id), fmt::format("request {}", id)));
  return std::move(*found);
}

// E-mails the receiving Departments' officers and approvers when SMTP is configured; returns
// who was written to. The in-app inbox needs nothing sent.
json Notify(Service& s, const HttpRequest& r, const DepartmentRequest& q,
            const std::vector<int>& unit_ids, const std::string& subject_prefix) {
  json out = json::array();
  if (s.config().smtp_url.empty()) return out;
  auto users = s.workflow().ListUsers();
  if (!users) return out;
  for (int unit : unit_ids) {
    std::vector<std::string> to;
    for (const access::User& u : *users)
      if (u.active && !u.email.empty() &&
          (u.role == access::Role::kOfficer || u.role == access::Role::kApprover) && u.unit_id &&
          s.policy().CanActForDepartment(&u, unit))
        to.push_back(u.email);
    if (to.empty()) continue;
    const stats::AdminUnit* from = s.ctx().units.FindById(q.from_unit_id);
    std::string subject = fmt::format("[lienket] {}: {}", subject_prefix, q.subject);
    std::string text = fmt::format(
        "Sở Công Thương {} gửi đề nghị:\n\n{}\n\n{}\nHạn trả lời: {}\nĐầu mối: {} — {} {} {}\n\n"
        "Xem và trả lời trên lienket{}.\n",
        from ? from->name_vi : "", q.subject, q.body, q.deadline.ToVietnamese(), q.focal.name,
        q.focal.position, q.focal.phone, q.focal.email,
        s.config().public_url.empty()
            ? ""
            : fmt::format(": {}#/cooperation/requests/{}", s.config().public_url, q.id));
    auto sent = SendMail(s.config().smtp_url, {s.config().smtp_from, to, subject, text});
    out.push_back({{"unit", UnitJson(s, unit)}, {"to", to}, {"sent", sent.has_value()}});
    core::IgnoreError(sent, "the request is in the inbox whether or not the e-mail goes out");
  }
  (void)r;
  return out;
}

core::Result<HttpResponse> CreateRequest(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"from", "to", "subject", "body", "product",
                                                        "quantity", "deadline", "focal"}));
  DepartmentRequest q;
  LIENKET_ASSIGN_OR_RETURN(from_key, StringField(body, "from"));
  const access::User* u = r.Caller();
  if (from_key.empty()) {
    if (!u->unit_id)
      return tl::unexpected(
          BadRequest("cần nêu Sở gửi (from)", "name the sending Department (from)"));
    q.from_unit_id = s.ctx().units.SuccessorOf(*u->unit_id);
  } else {
    LIENKET_ASSIGN_OR_RETURN(unit, UnitFromKey(s, from_key, "from"));
    q.from_unit_id = unit;
  }
  if (!s.policy().CanActForDepartment(u, q.from_unit_id))
    return tl::unexpected(
        PermissionDenied("gửi đề nghị thay Sở khác", "send a request for another Department"));
  LIENKET_ASSIGN_OR_RETURN(to, StringList(body, "to"));
  for (const std::string& k : to) {
    LIENKET_ASSIGN_OR_RETURN(unit, UnitFromKey(s, k, "to"));
    RequestRecipient rr;
    rr.unit_id = unit;
    q.recipients.push_back(rr);
  }
  LIENKET_ASSIGN_OR_RETURN(subject, StringField(body, "subject"));
  LIENKET_ASSIGN_OR_RETURN(text, StringField(body, "body"));
  LIENKET_ASSIGN_OR_RETURN(product, StringField(body, "product"));
  LIENKET_ASSIGN_OR_RETURN(quantity, StringField(body, "quantity"));
  LIENKET_ASSIGN_OR_RETURN(deadline, DateField(body, "deadline", true));
  LIENKET_ASSIGN_OR_RETURN(focal, FocalOf(body, "focal"));
  q.subject = subject;
  q.body = text;
  q.product = product;
  q.quantity = quantity;
  q.deadline = deadline;
  q.focal = focal;
  q.created_by = u->id;
  Date today = Date::Today();
  LIENKET_RETURN_IF_ERROR(linkage::ValidateRequest(&q, today, s.ctx().units));
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(id, store.CreateRequest(q, ChangeBy(r, "request_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadRequest(s, r, id));
  std::vector<int> units;
  for (const auto& rr : stored.recipients) units.push_back(rr.unit_id);
  json emailed = Notify(s, r, stored, units, "Đề nghị mới");
  return HttpResponse::Json({{"request", RequestJson(s, r, stored, today)},
                             {"smtp_configured", !s.config().smtp_url.empty()},
                             {"emailed", emailed}},
                            201);
}

core::Result<HttpResponse> GetRequest(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "đề nghị", "request"));
  LIENKET_ASSIGN_OR_RETURN(q, LoadRequest(s, r, id));
  return HttpResponse::Json({{"request", RequestJson(s, r, q, Date::Today())}});
}

core::Result<HttpResponse> AcknowledgeRequest(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "đề nghị", "request"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"focal"}));
  LIENKET_ASSIGN_OR_RETURN(q, LoadRequest(s, r, id));
  RequestRecipient* mine = ReceivesAs(s, r, q);
  if (mine == nullptr)
    return tl::unexpected(PermissionDenied("tiếp nhận đề nghị gửi Sở khác",
                                           "acknowledge a request sent to another Department"));
  LIENKET_ASSIGN_OR_RETURN(focal, FocalOf(body, "focal"));
  LIENKET_RETURN_IF_ERROR(linkage::AcknowledgeRequest(mine, focal));
  auto store = Store(s);
  LIENKET_RETURN_IF_ERROR(store.UpdateRecipient(id, *mine, {}, ChangeBy(r, "request_acknowledge")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadRequest(s, r, id));
  return HttpResponse::Json({{"request", RequestJson(s, r, stored, Date::Today())}});
}

core::Result<HttpResponse> ReplyRequest(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "đề nghị", "request"));
  LIENKET_ASSIGN_OR_RETURN(body,
                           ParseJsonBody(r.body, {"reply", "focal", "decline", "attachments"}));
  LIENKET_ASSIGN_OR_RETURN(q, LoadRequest(s, r, id));
  RequestRecipient* mine = ReceivesAs(s, r, q);
  if (mine == nullptr)
    return tl::unexpected(PermissionDenied("trả lời đề nghị gửi Sở khác",
                                           "answer a request sent to another Department"));
  LIENKET_ASSIGN_OR_RETURN(reply, StringField(body, "reply"));
  LIENKET_ASSIGN_OR_RETURN(focal, FocalOf(body, "focal"));
  bool decline =
      body.contains("decline") && body["decline"].is_boolean() && body["decline"].get<bool>();
  std::vector<SqliteCooperationStore::Upload> attachments;
  if (body.contains("attachments") && !body["attachments"].is_null()) {
    if (!body["attachments"].is_array())
      return tl::unexpected(BadRequest("attachments phải là một danh sách tệp",
                                       "attachments must be a list of files"));
    for (const json& f : body["attachments"]) {
      LIENKET_ASSIGN_OR_RETURN(up, UploadOf(f));
      attachments.push_back(std::move(up));
    }
  }
  std::string now = core::UtcTimestamp();
  if (decline) {
    if (!focal.Empty()) {
      LIENKET_RETURN_IF_ERROR(linkage::NormaliseFocalPoint(&focal));
      mine->focal = focal;
    }
    LIENKET_RETURN_IF_ERROR(linkage::DeclineRequest(mine, reply, now));
  } else {
    LIENKET_RETURN_IF_ERROR(linkage::AnswerRequest(
        mine, reply, focal.Empty() ? std::nullopt : std::optional<linkage::FocalPoint>(focal),
        now));
  }
  auto store = Store(s);
  LIENKET_RETURN_IF_ERROR(store.UpdateRecipient(
      id, *mine, attachments, ChangeBy(r, decline ? "request_decline" : "request_answer")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadRequest(s, r, id));
  return HttpResponse::Json({{"request", RequestJson(s, r, stored, Date::Today())}});
}

core::Result<HttpResponse> CloseRequest(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "đề nghị", "request"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body.empty() ? "{}" : r.body, {}));
  (void)body;
  LIENKET_ASSIGN_OR_RETURN(q, LoadRequest(s, r, id));
  if (!SendsFor(s, r, q))
    return tl::unexpected(
        PermissionDenied("đóng đề nghị của Sở khác", "close another Department's request"));
  LIENKET_RETURN_IF_ERROR(linkage::CloseRequest(&q));
  auto store = Store(s);
  for (const RequestRecipient& rr : q.recipients)
    LIENKET_RETURN_IF_ERROR(store.UpdateRecipient(id, rr, {}, ChangeBy(r, "request_close")));
  LIENKET_ASSIGN_OR_RETURN(stored, LoadRequest(s, r, id));
  return HttpResponse::Json({{"request", RequestJson(s, r, stored, Date::Today())}});
}

// Reminds the receiving Departments of open requests whose deadline is near (linkage::
// RequestNeedsReminder): marks them in the inbox and e-mails them when SMTP is configured. The
// sender reminds for its outbox; coordinators and the administrator for every request.
core::Result<HttpResponse> Reminders(Service& s, HttpRequest& r) {
  LIENKET_RETURN_IF_ERROR(MayRead(r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body.empty() ? "{}" : r.body, {}));
  (void)body;
  auto store = Store(s);
  LIENKET_ASSIGN_OR_RETURN(all, store.ListRequests({}, {}));
  Date today = Date::Today();
  json reminded = json::array();
  json emailed = json::array();
  for (DepartmentRequest& q : all) {
    if (!FollowsAll(r) && !SendsFor(s, r, q)) continue;
    std::vector<int> units;
    for (RequestRecipient& rr : q.recipients) {
      if (!linkage::RequestNeedsReminder(q, rr, today)) continue;
      rr.reminded_on = today.ToString();
      LIENKET_RETURN_IF_ERROR(store.UpdateRecipient(q.id, rr, {}, ChangeBy(r, "request_remind")));
      units.push_back(rr.unit_id);
      reminded.push_back({{"request", q.id}, {"unit", UnitJson(s, rr.unit_id)}});
    }
    if (!units.empty())
      for (json& e : Notify(s, r, q, units, "Nhắc hạn trả lời đề nghị")) emailed.push_back(e);
  }
  return HttpResponse::Json({{"reminded", reminded},
                             {"smtp_configured", !s.config().smtp_url.empty()},
                             {"emailed", emailed}});
}

}  // namespace

void AddCooperationRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/cooperation/agreements", true, false, ListAgreements});
  routes->push_back({"POST", "/api/cooperation/agreements", true, false, CreateAgreement});
  routes->push_back({"GET", "/api/cooperation/agreements/{id}", true, false, GetAgreement});
  routes->push_back({"PATCH", "/api/cooperation/agreements/{id}", true, false, UpdateAgreement});
  routes->push_back(
      {"POST", "/api/cooperation/agreements/{id}/documents", true, false, AddDocument});
  routes->push_back({"POST", "/api/cooperation/agreements/{id}/plans", true, false, CreatePlan});
  routes->push_back({"GET", "/api/cooperation/files/{id}", true, false, GetFile});
  routes->push_back({"POST", "/api/cooperation/plans/{id}/tasks", true, false, CreateTask});
  routes->push_back({"POST", "/api/cooperation/plans/{id}/reports", true, false, AddReport});
  routes->push_back({"GET", "/api/cooperation/plans/{id}/consolidated", true, false, Consolidated});
  routes->push_back({"GET", "/api/cooperation/tasks", true, false, LinkedTasks});
  routes->push_back({"PATCH", "/api/cooperation/tasks/{id}", true, false, UpdateTask});
  routes->push_back({"GET", "/api/cooperation/overdue", true, false, Overdue});
  routes->push_back({"GET", "/api/cooperation/requests", true, false, ListRequests});
  routes->push_back({"POST", "/api/cooperation/requests", true, false, CreateRequest});
  routes->push_back({"POST", "/api/cooperation/requests/reminders", true, false, Reminders});
  routes->push_back({"GET", "/api/cooperation/requests/{id}", true, false, GetRequest});
  routes->push_back(
      {"POST", "/api/cooperation/requests/{id}/acknowledge", true, false, AcknowledgeRequest});
  routes->push_back({"POST", "/api/cooperation/requests/{id}/reply", true, false, ReplyRequest});
  routes->push_back({"POST", "/api/cooperation/requests/{id}/close", true, false, CloseRequest});
}

}  // namespace lienket::api
