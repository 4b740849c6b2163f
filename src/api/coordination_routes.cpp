// For a region's coordinator: who has submitted a form for a period, who is late, who is
// missing, and reminders of what each province still owes — by e-mail to the province's
// officers and approvers through the configured SMTP server, or, without one, as texts to copy.
#include <fmt/format.h>

#include "api/json_views.hpp"
#include "api/mailer.hpp"
#include "api/service.hpp"

namespace lienket::api {
namespace {

using stats::SubmissionStatus;

struct Scope {
  const stats::Region* region = nullptr;
  const stats::ReportForm* form = nullptr;
  core::Period period = core::Period::Year(2024);
};

core::Result<Scope> ReadScope(Service& s, const HttpRequest& r, const std::string& region_key,
                              const std::string& form_id, const std::string& period_code) {
  Scope sc;
  sc.region = s.ctx().FindRegion(region_key);
  if (sc.region == nullptr)
    return tl::unexpected(NotFound(fmt::format("vùng \"{}\"", region_key),
                                   fmt::format("region \"{}\"", region_key)));
  if (!s.policy().CanCoordinate(r.Caller(), sc.region->key))
    return tl::unexpected(PermissionDenied(fmt::format("theo dõi vùng {}", sc.region->name_vi),
                                           fmt::format("follow the region {}", sc.region->name_en)));
  sc.form = s.FindForm(form_id);
  if (sc.form == nullptr)
    return tl::unexpected(NotFound(fmt::format("biểu báo cáo \"{}\"", form_id),
                                   fmt::format("report form \"{}\"", form_id)));
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(period_code));
  LIENKET_RETURN_IF_ERROR(sc.form->Accepts(period));
  sc.period = period;
  return sc;
}

struct Row {
  const stats::AdminUnit* unit = nullptr;
  std::optional<stats::Submission> submission;
  std::vector<std::string> missing_indicators;
  bool late = false;
  int days_late = 0;
};

core::Result<std::vector<Row>> Completeness(Service& s, const Scope& sc) {
  core::Date due = sc.form->DueDate(sc.period);
  core::Date today = core::Date::Today();
  LIENKET_ASSIGN_OR_RETURN(subs, s.workflow().ListSubmissions(sc.form->id, sc.period, {}));
  std::vector<Row> rows;
  for (const stats::AdminUnit* unit : sc.region->MembersOn(sc.period.EndDate(), s.ctx().units)) {
    Row row;
    row.unit = unit;
    for (const stats::Submission& sub : subs)
      if (sub.unit_id == unit->id) row.submission = sub;
    std::vector<stats::EntryValue> entries;
    if (row.submission) {
      LIENKET_ASSIGN_OR_RETURN(loaded, s.workflow().LoadEntries(row.submission->id));
      entries = std::move(loaded);
    }
    for (const std::string& id : sc.form->indicator_ids) {
      bool has = false;
      for (const stats::EntryValue& e : entries) has = has || e.indicator_id == id;
      if (!has) row.missing_indicators.push_back(id);
    }
    SubmissionStatus st = row.submission ? row.submission->status : SubmissionStatus::kNew;
    bool delivered = st == SubmissionStatus::kSubmitted || st == SubmissionStatus::kApproved;
    // Late: not delivered after the due date, or delivered after it.
    core::Date delivered_on = today;
    if (delivered && row.submission->submitted_at.size() >= 10) {
      auto d = core::Date::Parse(row.submission->submitted_at.substr(0, 10));
      if (d) delivered_on = *d;
    }
    row.late = delivered_on > due;
    row.days_late = row.late ? core::DaysBetween(due, delivered_on) : 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

core::Result<HttpResponse> CompletenessRoute(Service& s, HttpRequest& r) {
  std::string region = r.Query("region").empty() ? "mien-bac-28" : r.Query("region");
  LIENKET_ASSIGN_OR_RETURN(sc, ReadScope(s, r, region, r.Query("form"), r.Query("period")));
  LIENKET_ASSIGN_OR_RETURN(rows, Completeness(s, sc));
  nlohmann::json list = nlohmann::json::array();
  std::map<std::string, int> summary = {{"approved", 0}, {"submitted", 0}, {"draft", 0},
                                        {"returned", 0}, {"missing", 0}, {"late", 0}};
  for (const Row& row : rows) {
    SubmissionStatus st = row.submission ? row.submission->status : SubmissionStatus::kNew;
    std::string status = st == SubmissionStatus::kNew ? "missing"
                                                      : std::string(stats::SubmissionStatusId(st));
    ++summary[status];
    if (row.late) ++summary["late"];
    list.push_back({{"unit", row.unit->key},
                    {"code", row.unit->code},
                    {"name_vi", row.unit->name_vi},
                    {"name_en", row.unit->name_en},
                    {"status", status},
                    {"submitted_at", row.submission ? row.submission->submitted_at : ""},
                    {"approved_at", row.submission ? row.submission->approved_at : ""},
                    {"late", row.late},
                    {"days_late", row.days_late},
                    {"missing_indicators", row.missing_indicators}});
  }
  return HttpResponse::Json({{"region", sc.region->key},
                             {"form", sc.form->id},
                             {"form_name_vi", sc.form->name_vi},
                             {"form_name_en", sc.form->name_en},
                             {"period", sc.period.Code()},
                             {"period_label_vi", sc.period.LabelVi()},
                             {"due_date", sc.form->DueDate(sc.period).ToString()},
                             {"members", rows.size()},
                             {"rows", list},
                             {"summary", summary}});
}

core::Result<HttpResponse> Reminders(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"form", "period", "region"}));
  LIENKET_ASSIGN_OR_RETURN(region, StringField(body, "region"));
  LIENKET_ASSIGN_OR_RETURN(form, StringField(body, "form"));
  LIENKET_ASSIGN_OR_RETURN(period, StringField(body, "period"));
  LIENKET_ASSIGN_OR_RETURN(sc, ReadScope(s, r, region.empty() ? "mien-bac-28" : region, form, period));
  LIENKET_ASSIGN_OR_RETURN(rows, Completeness(s, sc));
  LIENKET_ASSIGN_OR_RETURN(users, s.workflow().ListUsers());
  bool smtp = !s.config().smtp_url.empty();
  std::string due = sc.form->DueDate(sc.period).ToVietnamese();
  nlohmann::json messages = nlohmann::json::array();
  nlohmann::json sent = nlohmann::json::array();
  nlohmann::json failed = nlohmann::json::array();
  for (const Row& row : rows) {
    SubmissionStatus st = row.submission ? row.submission->status : SubmissionStatus::kNew;
    if (st == SubmissionStatus::kSubmitted || st == SubmissionStatus::kApproved) continue;
    std::vector<std::string> to;
    for (const access::User& u : users) {
      bool provincial = u.role == access::Role::kOfficer || u.role == access::Role::kApprover;
      if (provincial && u.active && u.unit_id == row.unit->id && !u.email.empty())
        to.push_back(u.email);
    }
    std::string owed;
    for (const std::string& id : row.missing_indicators) {
      const stats::Indicator* i = s.ctx().indicators.FindById(id);
      owed += fmt::format("  - {}\n", i ? i->name_vi : id);
    }
    std::string subject = fmt::format("[lienket] Nhắc nộp {} ({}) — Sở Công Thương {}",
                                      sc.form->name_vi, sc.period.LabelVi(), row.unit->name_vi);
    std::string text = fmt::format(
        "Kính gửi Sở Công Thương {},\n\n{} ({}, hạn nộp {}) của Quý Sở hiện ở trạng thái: {}.\n"
        "{}{}\nXin Quý Sở nhập và nộp báo cáo trên lienket{}.\n\nTrân trọng,\n{}\n",
        row.unit->name_vi, sc.form->name_vi, sc.period.LabelVi(), due,
        stats::SubmissionStatusLabelVi(st),
        row.missing_indicators.empty() ? "" : "Các chỉ tiêu còn thiếu:\n", owed,
        s.config().public_url.empty()
            ? ""
            : fmt::format(": {}#/entry/{}/{}/{}", s.config().public_url, row.unit->key,
                          sc.form->id, sc.period.Code()),
        r.user->display_name);
    messages.push_back({{"unit", row.unit->key}, {"name_vi", row.unit->name_vi}, {"to", to},
                        {"subject", subject}, {"body", text}});
    if (!smtp || to.empty()) continue;
    auto status = SendMail(s.config().smtp_url, {s.config().smtp_from, to, subject, text});
    stats::AuditEntry a;
    a.at = core::UtcTimestamp();
    a.user_id = r.user->id;
    a.user_login = r.user->login;
    a.action = status ? "reminder_sent" : "reminder_failed";
    a.via = "smtp";
    a.unit_id = row.unit->id;
    a.period = sc.period.Code();
    a.form_id = sc.form->id;
    a.new_value = fmt::format("{}", fmt::join(to, ", "));
    a.comment = status ? "" : status.error().message_en;
    a.request_id = r.request_id;
    core::IgnoreError(s.workflow().AppendAudit(a), "the reminder itself matters more than its log");
    if (status)
      sent.push_back(row.unit->key);
    else
      failed.push_back({{"unit", row.unit->key}, {"message_vi", status.error().message_vi},
                        {"message_en", status.error().message_en}});
  }
  return HttpResponse::Json({{"smtp_configured", smtp}, {"sent", sent}, {"failed", failed},
                             {"messages", messages}});
}

}  // namespace

void AddCoordinationRoutes(std::vector<Route>* routes) {
  routes->push_back({"GET", "/api/completeness", true, false, CompletenessRoute});
  routes->push_back({"POST", "/api/reminders", true, false, Reminders});
}

}  // namespace lienket::api
