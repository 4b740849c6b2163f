// A province's report for one form and period: the entry grid (each indicator with the same
// period last year and the previous period beside it, and the validator's messages), saving
// drafts, checking as one types, the workflow (submit, withdraw, approve, return, reopen), the
// Excel round trip (pre-filled template, upload with a dry-run preview) and the audit trail.
//
// Every value goes through stats::ImportValidator, the same checks as a file import. Drafts are
// visible only to those who may see them (access::Policy::CanSeeDrafts); approval publishes the
// values as a new vintage of each figure, source "Sở Công Thương <tỉnh> — <biểu>, duyệt lần N".
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "api/json_views.hpp"
#include "api/service.hpp"
#include "app/template_command.hpp"
#include "app/xlsx_observations.hpp"
#include "core/number_format.hpp"
#include "core/vi_text.hpp"
#include "io/fs.hpp"
#include "stats/import_validator.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;
using stats::SubmissionStatus;
using stats::WorkflowAction;


// What the path names, resolved and checked.
struct Target {
  const stats::AdminUnit* unit = nullptr;
  const stats::ReportForm* form = nullptr;
  core::Period period = core::Period::Year(2024);
  std::vector<const stats::Indicator*> indicators;
};

core::Result<Target> ResolveTarget(Service& s, const HttpRequest& r) {
  Target t;
  t.unit = s.ctx().units.FindByKey(r.Param("unit"));
  if (t.unit == nullptr || t.unit->IsNational())
    return tl::unexpected(NotFound(fmt::format("tỉnh, thành phố \"{}\"", r.Param("unit")),
                                   fmt::format("province \"{}\"", r.Param("unit"))));
  t.form = s.FindForm(r.Param("form"));
  if (t.form == nullptr)
    return tl::unexpected(NotFound(fmt::format("biểu báo cáo \"{}\"", r.Param("form")),
                                   fmt::format("report form \"{}\"", r.Param("form"))));
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(r.Param("period")));
  t.period = period;
  LIENKET_RETURN_IF_ERROR(t.form->Accepts(period));
  if (!t.unit->ValidOn(period.EndDate()))
    return core::MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("{} không tồn tại vào cuối kỳ {} (sáp nhập năm 2025)", t.unit->name_vi,
                    period.LabelVi()),
        fmt::format("{} did not exist at the end of {} (2025 merger)", t.unit->name_en,
                    period.LabelEn()));
  if (period.StartDate() > core::Date::Today())
    return core::MakeError(ErrorCode::kInvalidArgument,
                           fmt::format("Kỳ {} chưa bắt đầu", period.LabelVi()),
                           fmt::format("The period {} has not started", period.LabelEn()));
  for (const std::string& id : t.form->indicator_ids)
    if (const stats::Indicator* i = s.ctx().indicators.FindById(id)) t.indicators.push_back(i);
  return t;
}

// The period a form's indicator is stored under: a plan is the whole year's.
core::Period StoredPeriod(const stats::Indicator& indicator, const core::Period& period) {
  return indicator.kind == stats::IndicatorKind::kPlan ? core::Period::Year(period.year()) : period;
}

std::string SourceText(const Target& t, int revision) {
  return fmt::format("Sở Công Thương {} — {} ({}), duyệt lần {}", t.unit->name_vi, t.form->name_vi,
                     t.period.LabelVi(), revision);
}

// A value in the unit the form is typed in, as people write it in `language`.
std::string DisplayValue(const core::Decimal& canonical, const stats::Indicator& indicator,
                         core::Language language) {
  const core::MeasureUnit* unit = app::InputUnit(indicator);
  auto scaled = canonical.ScaledByPowerOfTen(-unit->power_of_ten);
  core::Decimal v = scaled ? *scaled : canonical;
  std::string plain = v.ToString();
  std::size_t dot = plain.find('.');
  int decimals = dot == std::string::npos ? 0 : static_cast<int>(plain.size() - dot - 1);
  return core::FormatNumber(v, decimals, language);
}

struct EnteredValue {
  std::string indicator;
  std::string value;  // as typed; empty = cleared
  std::string qualifier;
  std::string status;
  std::string note;
};

core::Result<std::vector<EnteredValue>> ReadValues(const nlohmann::json& body, const Target& t) {
  std::vector<EnteredValue> out;
  auto it = body.find("values");
  if (it == body.end() || !it->is_array())
    return tl::unexpected(BadRequest("Cần danh sách \"values\"", "A \"values\" list is required"));
  std::set<std::string> seen;
  for (const nlohmann::json& v : *it) {
    if (!v.is_object())
      return tl::unexpected(BadRequest("Mỗi phần tử của \"values\" phải là một đối tượng",
                                       "Each element of \"values\" must be an object"));
    for (const auto& [key, field] : v.items()) {
      bool known = key == "indicator" || key == "value" || key == "qualifier" || key == "status" ||
                   key == "note";
      if (!known)
        return tl::unexpected(BadRequest(fmt::format("Trường không được hỗ trợ: {}", key),
                                         fmt::format("Unknown field: {}", key)));
      if (!field.is_null() && !field.is_string())
        return tl::unexpected(BadRequest(fmt::format("Trường \"{}\" phải là chuỗi", key),
                                         fmt::format("Field \"{}\" must be a string", key)));
    }
    EnteredValue e;
    e.indicator = v.value("indicator", "");
    bool in_form = false;
    for (const stats::Indicator* i : t.indicators) in_form = in_form || i->id == e.indicator;
    if (!in_form)
      return tl::unexpected(BadRequest(
          fmt::format("Chỉ tiêu \"{}\" không thuộc biểu {}", e.indicator, t.form->id),
          fmt::format("Indicator \"{}\" is not on form {}", e.indicator, t.form->id)));
    if (!seen.insert(e.indicator).second)
      return tl::unexpected(BadRequest(fmt::format("Chỉ tiêu \"{}\" có hai lần", e.indicator),
                                       fmt::format("Indicator \"{}\" appears twice", e.indicator)));
    if (v.contains("value") && v["value"].is_string()) e.value = std::string(core::TrimSpaces(v["value"].get<std::string>()));
    if (v.contains("qualifier") && v["qualifier"].is_string()) e.qualifier = v["qualifier"];
    if (v.contains("status") && v["status"].is_string()) e.status = v["status"];
    if (v.contains("note") && v["note"].is_string()) e.note = v["note"];
    if (e.note.size() > 1000)
      return tl::unexpected(BadRequest("Ghi chú dài quá 1000 ký tự", "A note is over 1000 characters"));
    out.push_back(std::move(e));
  }
  return out;
}

// The validator's verdict on a set of values, by indicator.
struct Checked {
  std::map<std::string, nlohmann::json> messages;  // indicator -> [messages]
  std::map<std::string, stats::EntryValue> valid;  // indicator -> value (no error)
  int errors = 0;
  int warnings = 0;
};

core::Result<Checked> CheckValues(Service& s, const Target& t, const std::vector<EnteredValue>& in,
                                  core::NumberConvention numbers, int revision) {
  stats::ImportOptions options;
  options.today = core::Date::Today();
  options.numbers = numbers;
  options.default_status = stats::VintageStatus::kEstimate;
  options.default_source = SourceText(t, revision);
  stats::ImportValidator validator(s.ctx().units, s.ctx().indicators, options);
  // Backing storage for the validator's string views.
  std::vector<std::array<std::string, stats::kFieldCount>> texts;
  std::vector<const EnteredValue*> rows;
  std::vector<bool> canonical;
  for (const EnteredValue& e : in) {
    if (e.value.empty()) continue;
    const stats::Indicator* indicator = s.ctx().indicators.FindById(e.indicator);
    std::array<std::string, stats::kFieldCount> f;
    auto set = [&f](stats::Field field, std::string v) {
      f[static_cast<std::size_t>(field)] = std::move(v);
    };
    set(stats::Field::kProvince, t.unit->key);
    set(stats::Field::kIndicator, e.indicator);
    set(stats::Field::kPeriod, StoredPeriod(*indicator, t.period).Code());
    // The grid is typed the Vietnamese way ("1.234,5", "2.602" = 2602); a figure that reads
    // only the other way ("1234.5", "1,234.5") is taken as written there. Either way it reaches
    // the validator as a canonical number; text that reads neither way goes as typed, for the
    // validator's message.
    auto number = core::ParseNumber(e.value, numbers);
    if (!number && numbers == core::NumberConvention::kVietnamese)
      number = core::ParseNumber(e.value, core::NumberConvention::kAuto);
    set(stats::Field::kValue, number ? number->ToString() : e.value);
    canonical.push_back(number.has_value());
    set(stats::Field::kUnit, std::string(app::InputUnit(*indicator)->id));
    set(stats::Field::kStatus, e.status.empty() ? "estimate" : e.status);
    set(stats::Field::kQualifier, e.qualifier.empty() ? "exact" : e.qualifier);
    set(stats::Field::kNote, e.note);
    texts.push_back(std::move(f));
    rows.push_back(&e);
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    stats::RowInput row;
    row.row = static_cast<int>(i) + 1;
    row.value_is_canonical = canonical[i];
    for (std::size_t f = 0; f < stats::kFieldCount; ++f) {
      if (f == static_cast<std::size_t>(stats::Field::kSource) ||
          f == static_cast<std::size_t>(stats::Field::kAsOf) ||
          f == static_cast<std::size_t>(stats::Field::kBasis))
        continue;
      row.value[f] = texts[i][f];
      row.column[f] = stats::FieldName(static_cast<stats::Field>(f));
      row.present.set(f);
    }
    validator.AddRow(row);
  }
  stats::ExistingScope scope = validator.Scope();
  std::vector<stats::Observation> existing;
  if (!scope.empty()) {
    LIENKET_ASSIGN_OR_RETURN(found, s.ctx().store->Find(scope.Query({t.unit->id})));
    existing = std::move(found);
  }
  stats::ImportPlan plan = validator.Finish(existing);
  Checked c;
  std::set<int> rows_with_errors;
  for (const stats::Problem& p : plan.problems) {
    std::string indicator = p.row >= 1 && p.row <= static_cast<int>(rows.size())
                                ? rows[static_cast<std::size_t>(p.row - 1)]->indicator
                                : std::string();
    std::string severity = p.severity == stats::Severity::kError     ? "error"
                           : p.severity == stats::Severity::kWarning ? "warning"
                                                                     : "note";
    if (p.severity == stats::Severity::kError) {
      ++c.errors;
      rows_with_errors.insert(p.row);
    }
    if (p.severity == stats::Severity::kWarning) ++c.warnings;
    c.messages[indicator].push_back({{"severity", severity},
                                     {"code", p.code},
                                     {"column", p.column},
                                     {"message_vi", p.message_vi},
                                     {"message_en", p.message_en}});
  }
  // The valid values, converted as the validator converted them.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows_with_errors.count(static_cast<int>(i) + 1)) continue;
    const EnteredValue& e = *rows[i];
    const stats::Indicator* indicator = s.ctx().indicators.FindById(e.indicator);
    auto number = core::ParseNumber(e.value, numbers);
    if (!number && numbers == core::NumberConvention::kVietnamese)
      number = core::ParseNumber(e.value, core::NumberConvention::kAuto);
    if (!number) continue;
    auto canonical = core::ToCanonical(*number, *app::InputUnit(*indicator), indicator->unit);
    if (!canonical) continue;
    stats::EntryValue v;
    v.indicator_id = e.indicator;
    v.value = *canonical;
    auto qualifier = stats::ParseQualifier(e.qualifier.empty() ? "exact" : e.qualifier);
    auto status = stats::ParseVintageStatus(e.status.empty() ? "estimate" : e.status);
    if (!qualifier || !status) continue;
    v.qualifier = *qualifier;
    v.status = *status;
    v.note = e.note;
    c.valid[e.indicator] = std::move(v);
  }
  return c;
}

core::NumberConvention Numbers(const HttpRequest& r) {
  std::string n = r.Query("numbers");
  if (n == "en") return core::NumberConvention::kEnglish;
  if (n == "auto") return core::NumberConvention::kAuto;
  return core::NumberConvention::kVietnamese;  // the grid is typed the Vietnamese way
}

// The stored values as the grid shows them (Vietnamese format), to re-check them.
std::vector<EnteredValue> StoredAsEntered(Service& s, const std::vector<stats::EntryValue>& entries) {
  std::vector<EnteredValue> out;
  for (const stats::EntryValue& v : entries) {
    const stats::Indicator* indicator = s.ctx().indicators.FindById(v.indicator_id);
    if (indicator == nullptr) continue;
    out.push_back({v.indicator_id, DisplayValue(v.value, *indicator, core::Language::kVietnamese),
                   std::string(stats::QualifierId(v.qualifier)),
                   std::string(stats::VintageStatusId(v.status)), v.note});
  }
  return out;
}

struct Loaded {
  Target target;
  stats::Submission submission;
  std::vector<stats::EntryValue> entries;
};

core::Result<Loaded> Load(Service& s, const HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(target, ResolveTarget(s, r));
  if (!s.policy().CanSeeDrafts(r.Caller(), target.unit->id))
    return tl::unexpected(PermissionDenied(
        fmt::format("xem hay nhập báo cáo của {}", target.unit->name_vi),
        fmt::format("see or enter the report of {}", target.unit->name_en)));
  Loaded l{target, {}, {}};
  LIENKET_ASSIGN_OR_RETURN(found, s.workflow().FindSubmission(target.unit->id, target.form->id,
                                                              target.period));
  if (found) {
    l.submission = *found;
    LIENKET_ASSIGN_OR_RETURN(entries, s.workflow().LoadEntries(found->id));
    l.entries = std::move(entries);
  } else {
    l.submission.unit_id = target.unit->id;
    l.submission.form_id = target.form->id;
    l.submission.period = target.period;
    l.submission.status = SubmissionStatus::kNew;
  }
  return l;
}

std::optional<stats::Observation> Published(Service& s, int unit_id, const std::string& indicator,
                                            const core::Period& period) {
  stats::ObservationQuery q;
  q.unit_ids = {unit_id};
  q.indicator_ids = {indicator};
  q.period = period;
  auto rows = s.ctx().store->Find(q);
  if (!rows || rows->empty()) return std::nullopt;
  return rows->back();
}

bool Allowed(SubmissionStatus from, WorkflowAction action) {
  return stats::Transition(from, action).has_value();
}

core::Result<nlohmann::json> View(Service& s, const HttpRequest& r, const Loaded& l,
                                  const std::map<std::string, nlohmann::json>* messages) {
  const Target& t = l.target;
  const access::User* user = r.Caller();
  core::Language lang = r.Query("lang") == "en" ? core::Language::kEnglish : core::Language::kVietnamese;
  std::map<std::string, nlohmann::json> computed;
  if (messages == nullptr) {
    LIENKET_ASSIGN_OR_RETURN(checked, CheckValues(s, t, StoredAsEntered(s, l.entries),
                                                  core::NumberConvention::kVietnamese,
                                                  l.submission.revision + 1));
    computed = std::move(checked.messages);
    messages = &computed;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const stats::Indicator* indicator : t.indicators) {
    const stats::EntryValue* entry = nullptr;
    for (const stats::EntryValue& e : l.entries)
      if (e.indicator_id == indicator->id) entry = &e;
    core::Period stored = StoredPeriod(*indicator, t.period);
    auto side = [&](const core::Period& p) -> nlohmann::json {
      auto o = Published(s, t.unit->id, indicator->id, p);
      if (!o) return nullptr;
      return {{"period", p.Code()},
              {"period_label_vi", p.LabelVi()},
              {"value", DisplayValue(o->value, *indicator, lang)},
              {"qualifier", stats::QualifierId(o->qualifier)},
              {"status", stats::VintageStatusId(o->status)}};
    };
    const core::MeasureUnit* unit = app::InputUnit(*indicator);
    auto m = messages->find(indicator->id);
    rows.push_back(
        {{"indicator", indicator->id},
         {"name_vi", indicator->name_vi},
         {"name_en", indicator->name_en},
         {"kind", stats::IndicatorKindId(indicator->kind)},
         {"display_unit_vi", unit->name_vi},
         {"display_unit_en", unit->name_en},
         {"unit_id", unit->id},
         {"stored_period", stored.Code()},
         {"value", entry ? nlohmann::json(DisplayValue(entry->value, *indicator, lang)) : nullptr},
         {"canonical_value", entry ? nlohmann::json(entry->value.ToString()) : nullptr},
         {"qualifier", entry ? stats::QualifierId(entry->qualifier) : "exact"},
         {"status", entry ? stats::VintageStatusId(entry->status) : "estimate"},
         {"note", entry ? entry->note : ""},
         {"last_year", side(stored.SamePeriodPreviousYear())},
         {"previous", stored == t.period ? side(t.period.PreviousComparable()) : nullptr},
         {"messages", m == messages->end() ? nlohmann::json::array() : m->second}});
  }
  LIENKET_ASSIGN_OR_RETURN(comments, l.submission.id ? s.workflow().LoadComments(l.submission.id)
                                                     : core::Result<std::vector<stats::SubmissionComment>>());
  nlohmann::json comment_list = nlohmann::json::array();
  for (const auto& c : comments)
    comment_list.push_back({{"at", c.at}, {"user", c.user_login}, {"action", c.action}, {"text", c.text}});
  SubmissionStatus st = l.submission.status;
  core::Date due = t.form->DueDate(t.period);
  bool open = st == SubmissionStatus::kNew || st == SubmissionStatus::kDraft ||
              st == SubmissionStatus::kReturned;
  int unit_id = t.unit->id;
  nlohmann::json submission = {
      {"unit", t.unit->key},
      {"unit_name_vi", t.unit->name_vi},
      {"unit_name_en", t.unit->name_en},
      {"form", t.form->id},
      {"form_name_vi", t.form->name_vi},
      {"form_name_en", t.form->name_en},
      {"period", t.period.Code()},
      {"period_label_vi", t.period.LabelVi()},
      {"period_label_en", t.period.LabelEn()},
      {"status", stats::SubmissionStatusId(st)},
      {"revision", l.submission.revision},
      {"due_date", due.ToString()},
      {"late", open && core::Date::Today() > due},
      {"updated_at", l.submission.updated_at},
      {"submitted_at", l.submission.submitted_at},
      {"approved_at", l.submission.approved_at},
      {"comments", comment_list}};
  nlohmann::json can = {
      {"edit", s.policy().CanEnter(user, unit_id) && Allowed(st, WorkflowAction::kEdit)},
      {"submit", s.policy().CanSubmit(user, unit_id) && Allowed(st, WorkflowAction::kSubmit)},
      {"withdraw", s.policy().CanWithdraw(user, unit_id) && Allowed(st, WorkflowAction::kWithdraw)},
      {"approve", s.policy().CanReview(user, unit_id) && Allowed(st, WorkflowAction::kApprove)},
      {"return", s.policy().CanReview(user, unit_id) && Allowed(st, WorkflowAction::kReturn)},
      {"reopen", s.policy().CanReview(user, unit_id) && Allowed(st, WorkflowAction::kReopen)}};
  return nlohmann::json{{"submission", submission}, {"rows", rows}, {"can", can}};
}

stats::AuditEntry Audit(const HttpRequest& r, const Target& t, std::string action, std::string via) {
  stats::AuditEntry e;
  e.at = core::UtcTimestamp();
  e.user_id = r.user->id;
  e.user_login = r.user->login;
  e.action = std::move(action);
  e.via = std::move(via);
  e.unit_id = t.unit->id;
  e.period = t.period.Code();
  e.form_id = t.form->id;
  e.request_id = r.request_id;
  return e;
}

// Writes the valid values of `checked` over the draft, auditing each changed cell, and clears
// those `entered` left empty. Values with errors are not saved (the grid shows their messages).
core::Status SaveValues(Service& s, const HttpRequest& r, Loaded* l,
                        const std::vector<EnteredValue>& entered, const Checked& checked,
                        const std::string& via) {
  LIENKET_ASSIGN_OR_RETURN(next, stats::Transition(l->submission.status, WorkflowAction::kEdit));
  stats::SubmissionChange change;
  change.submission = l->submission;
  std::string now = core::UtcTimestamp();
  for (const EnteredValue& e : entered) {
    const stats::EntryValue* old = nullptr;
    for (const stats::EntryValue& v : l->entries)
      if (v.indicator_id == e.indicator) old = &v;
    auto describe = [](const stats::EntryValue& v) {
      std::string text = v.value.ToString();
      if (v.qualifier != stats::Qualifier::kExact)
        text = fmt::format("{} ({})", text, stats::QualifierId(v.qualifier));
      return fmt::format("{} [{}]", text, stats::VintageStatusId(v.status));
    };
    if (e.value.empty()) {
      if (old == nullptr) continue;
      change.deletes.push_back(e.indicator);
      stats::AuditEntry a = Audit(r, l->target, "value_cleared", via);
      a.indicator_id = e.indicator;
      a.old_value = describe(*old);
      change.audit.push_back(std::move(a));
      continue;
    }
    auto valid = checked.valid.find(e.indicator);
    if (valid == checked.valid.end()) continue;
    stats::EntryValue v = valid->second;
    v.updated_by = r.user->id;
    v.updated_at = now;
    bool same = old != nullptr && old->value == v.value && old->qualifier == v.qualifier &&
                old->status == v.status && old->note == v.note;
    if (same) continue;
    stats::AuditEntry a = Audit(r, l->target, "value_set", via);
    a.indicator_id = e.indicator;
    if (old) a.old_value = describe(*old);
    a.new_value = describe(v);
    change.audit.push_back(std::move(a));
    change.upserts.push_back(std::move(v));
  }
  if (change.upserts.empty() && change.deletes.empty()) return {};
  std::string expected = change.submission.updated_at;
  if (change.submission.id == 0) change.submission.created_at = now;
  change.submission.status = next;
  change.submission.updated_at = now;
  LIENKET_ASSIGN_OR_RETURN(id, s.workflow().Apply(std::move(change), expected));
  (void)id;
  return {};
}

core::Result<HttpResponse> Get(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  LIENKET_ASSIGN_OR_RETURN(view, View(s, r, l, nullptr));
  return HttpResponse::Json(view);
}

core::Result<HttpResponse> Check(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"values"}));
  LIENKET_ASSIGN_OR_RETURN(values, ReadValues(body, l.target));
  LIENKET_ASSIGN_OR_RETURN(checked,
                           CheckValues(s, l.target, values, Numbers(r), l.submission.revision + 1));
  nlohmann::json rows = nlohmann::json::array();
  for (const EnteredValue& e : values) {
    auto m = checked.messages.find(e.indicator);
    rows.push_back({{"indicator", e.indicator},
                    {"messages", m == checked.messages.end() ? nlohmann::json::array() : m->second}});
  }
  return HttpResponse::Json({{"rows", rows}, {"errors", checked.errors}, {"warnings", checked.warnings}});
}

core::Result<HttpResponse> Put(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  if (!s.policy().CanEnter(r.Caller(), l.target.unit->id))
    return tl::unexpected(PermissionDenied(
        fmt::format("nhập số liệu của {}", l.target.unit->name_vi),
        fmt::format("enter the figures of {}", l.target.unit->name_en)));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"values"}));
  LIENKET_ASSIGN_OR_RETURN(values, ReadValues(body, l.target));
  LIENKET_RETURN_IF_ERROR(stats::Transition(l.submission.status, WorkflowAction::kEdit));
  LIENKET_ASSIGN_OR_RETURN(checked,
                           CheckValues(s, l.target, values, Numbers(r), l.submission.revision + 1));
  LIENKET_RETURN_IF_ERROR(SaveValues(s, r, &l, values, checked, "form"));
  LIENKET_ASSIGN_OR_RETURN(reloaded, Load(s, r));
  // Messages of what was typed (errors included, for values not saved), then of the rest.
  LIENKET_ASSIGN_OR_RETURN(stored, CheckValues(s, reloaded.target, StoredAsEntered(s, reloaded.entries),
                                               core::NumberConvention::kVietnamese,
                                               reloaded.submission.revision + 1));
  for (auto& [indicator, m] : checked.messages) stored.messages[indicator] = m;
  LIENKET_ASSIGN_OR_RETURN(view, View(s, r, reloaded, &stored.messages));
  return HttpResponse::Json(view);
}

// Runs one workflow action for the caller if the policy allows it.
core::Result<HttpResponse> Act(Service& s, HttpRequest& r, WorkflowAction action) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  const Target& t = l.target;
  const access::User* user = r.Caller();
  bool allowed = false;
  std::vector<std::string> body_fields;
  switch (action) {
    case WorkflowAction::kSubmit:
      allowed = s.policy().CanSubmit(user, t.unit->id);
      body_fields = {"accept_warnings", "comment"};
      break;
    case WorkflowAction::kWithdraw:
      allowed = s.policy().CanWithdraw(user, t.unit->id);
      body_fields = {"comment"};
      break;
    case WorkflowAction::kApprove:
      allowed = s.policy().CanReview(user, t.unit->id);
      body_fields = {"comment"};
      break;
    case WorkflowAction::kReturn:
      allowed = s.policy().CanReview(user, t.unit->id);
      body_fields = {"comment"};
      break;
    case WorkflowAction::kReopen:
      allowed = s.policy().CanReview(user, t.unit->id);
      body_fields = {"reason"};
      break;
    case WorkflowAction::kEdit:
      break;
  }
  std::string verb(stats::WorkflowActionId(action));
  if (!allowed)
    return tl::unexpected(PermissionDenied(
        fmt::format("thực hiện \"{}\" với báo cáo của {}", verb, t.unit->name_vi),
        fmt::format("{} the report of {}", verb, t.unit->name_en)));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, body_fields));
  LIENKET_ASSIGN_OR_RETURN(next, stats::Transition(l.submission.status, action));
  std::string text;
  if (action == WorkflowAction::kReopen) {
    LIENKET_ASSIGN_OR_RETURN(reason, StringField(body, "reason"));
    text = std::string(core::TrimSpaces(reason));
    if (text.size() < 5)
      return tl::unexpected(BadRequest("Mở lại báo cáo đã duyệt cần ghi rõ lý do",
                                       "Reopening an approved report needs a reason"));
  } else {
    LIENKET_ASSIGN_OR_RETURN(comment, StringField(body, "comment"));
    text = std::string(core::TrimSpaces(comment));
    if (action == WorkflowAction::kReturn && text.size() < 5)
      return tl::unexpected(BadRequest("Trả lại báo cáo cần ghi rõ cần sửa gì",
                                       "Returning a report needs a comment saying what to fix"));
  }
  std::string now = core::UtcTimestamp();
  stats::SubmissionChange change;
  change.submission = l.submission;
  std::string expected = l.submission.updated_at;
  change.submission.status = next;
  change.submission.updated_at = now;
  stats::AuditEntry audit = Audit(r, t, verb, "workflow");
  audit.old_value = std::string(stats::SubmissionStatusId(l.submission.status));
  audit.new_value = std::string(stats::SubmissionStatusId(next));
  audit.comment = text;
  if (action == WorkflowAction::kSubmit) {
    if (l.entries.empty())
      return core::MakeError(ErrorCode::kFailedPrecondition, "Chưa có số liệu nào để nộp",
                             "There are no figures to submit");
    LIENKET_ASSIGN_OR_RETURN(checked, CheckValues(s, t, StoredAsEntered(s, l.entries),
                                                  core::NumberConvention::kVietnamese,
                                                  l.submission.revision + 1));
    bool accept = body.value("accept_warnings", false);
    if (checked.errors > 0 || (checked.warnings > 0 && !accept)) {
      nlohmann::json details = nlohmann::json::array();
      for (const auto& [indicator, m] : checked.messages)
        details.push_back({{"indicator", indicator}, {"messages", m}});
      core::Error e = checked.errors > 0
                          ? core::Error{ErrorCode::kFailedPrecondition,
                                        fmt::format("Còn {} lỗi cần sửa trước khi nộp", checked.errors),
                                        fmt::format("{} errors must be fixed before submitting",
                                                    checked.errors)}
                          : core::Error{ErrorCode::kFailedPrecondition,
                                        fmt::format("Có {} cảnh báo: xem lại rồi xác nhận để nộp",
                                                    checked.warnings),
                                        fmt::format("{} warnings: review them and confirm to submit",
                                                    checked.warnings)};
      return ErrorResponse(e, r.request_id, details);
    }
    change.submission.submitted_at = now;
    change.submission.submitted_by = r.user->id;
  }
  if (action == WorkflowAction::kApprove) {
    int revision = l.submission.revision + 1;
    change.submission.revision = revision;
    change.submission.approved_at = now;
    change.submission.approved_by = r.user->id;
    stats::ImportBatch batch;
    batch.file_name = fmt::format("web:{}/{}/{}", t.unit->key, t.form->id, t.period.Code());
    batch.format = "web";
    batch.dataset = std::string(stats::kDatasetObserved);
    batch.imported_by = r.user->login;
    batch.imported_at = now;
    std::string digest_input;
    for (const stats::EntryValue& v : l.entries) {
      const stats::Indicator* indicator = s.ctx().indicators.FindById(v.indicator_id);
      if (indicator == nullptr) continue;
      stats::Observation o;
      o.unit_id = t.unit->id;
      o.indicator_id = v.indicator_id;
      o.period = StoredPeriod(*indicator, t.period);
      o.value = v.value;
      o.status = v.status;
      o.qualifier = v.qualifier;
      o.basis = indicator->default_basis;
      o.source = SourceText(t, revision);
      o.note = v.note;
      o.as_of = core::Date::Today();
      o.dataset = std::string(stats::kDatasetObserved);
      digest_input += fmt::format("{}|{}|{}\n", o.indicator_id, o.period.Code(), o.value.ToString());
      change.publish_rows.push_back(std::move(o));
      stats::AuditEntry published = Audit(r, t, "publish", "workflow");
      published.indicator_id = v.indicator_id;
      published.period = change.publish_rows.back().period.Code();
      published.new_value = v.value.ToString();
      change.audit.push_back(std::move(published));
    }
    batch.file_sha256 = access::Sha256Hex(digest_input);
    batch.rows_read = static_cast<std::int64_t>(change.publish_rows.size());
    batch.rows_inserted = batch.rows_read;
    change.publish_batch = batch;
  }
  if (!text.empty() || action == WorkflowAction::kReturn || action == WorkflowAction::kReopen)
    change.comment = stats::SubmissionComment{now, r.user->id, r.user->login, verb, text};
  change.audit.insert(change.audit.begin(), std::move(audit));
  LIENKET_ASSIGN_OR_RETURN(id, s.workflow().Apply(std::move(change), expected));
  (void)id;
  s.metrics().CountSubmission(verb);
  if (action == WorkflowAction::kApprove) s.Invalidate();
  LIENKET_ASSIGN_OR_RETURN(reloaded, Load(s, r));
  LIENKET_ASSIGN_OR_RETURN(view, View(s, r, reloaded, nullptr));
  return HttpResponse::Json(view);
}

core::Result<HttpResponse> Submit(Service& s, HttpRequest& r) { return Act(s, r, WorkflowAction::kSubmit); }
core::Result<HttpResponse> Withdraw(Service& s, HttpRequest& r) { return Act(s, r, WorkflowAction::kWithdraw); }
core::Result<HttpResponse> Approve(Service& s, HttpRequest& r) { return Act(s, r, WorkflowAction::kApprove); }
core::Result<HttpResponse> Return(Service& s, HttpRequest& r) { return Act(s, r, WorkflowAction::kReturn); }
core::Result<HttpResponse> Reopen(Service& s, HttpRequest& r) { return Act(s, r, WorkflowAction::kReopen); }

// A private scratch file, removed when this goes out of scope.
core::Result<HttpResponse> Template(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  app::TemplatePrefill prefill;
  for (const stats::EntryValue& v : l.entries) prefill[{l.target.unit->id, v.indicator_id}] = v.value;
  ScratchFile file("xlsx");
  LIENKET_RETURN_IF_ERROR(app::WriteTemplate(s.ctx(), *l.target.form, l.target.period,
                                             {l.target.unit}, file.path, &prefill));
  LIENKET_ASSIGN_OR_RETURN(bytes, io::ReadFile(file.path, 64 << 20));
  return HttpResponse::File(std::move(bytes),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            fmt::format("bieu-{}-{}-{}.xlsx", l.target.form->id, l.target.unit->key,
                                        l.target.period.Code()));
}

// The upload of a filled template: every problem with its row and column, the changes it would
// make (old -> new), and with confirm=1 the changes saved as the draft, all or nothing.
core::Result<HttpResponse> Upload(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(l, Load(s, r));
  const Target& t = l.target;
  if (!s.policy().CanEnter(r.Caller(), t.unit->id))
    return tl::unexpected(PermissionDenied(fmt::format("nhập số liệu của {}", t.unit->name_vi),
                                           fmt::format("enter the figures of {}", t.unit->name_en)));
  LIENKET_RETURN_IF_ERROR(stats::Transition(l.submission.status, WorkflowAction::kEdit));
  if (r.body.size() < 4 || r.body.compare(0, 2, "PK") != 0)
    return tl::unexpected(BadRequest("Tệp gửi lên không phải tệp Excel .xlsx",
                                     "The uploaded file is not an Excel .xlsx file"));
  ScratchFile file("xlsx");
  LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(file.path, r.body));
  stats::ImportOptions options;
  options.today = core::Date::Today();
  options.default_source = SourceText(t, l.submission.revision + 1);
  stats::ImportValidator validator(s.ctx().units, s.ctx().indicators, options);
  app::ReadXlsxObservations(file.path, std::nullopt, &validator);
  stats::ExistingScope scope = validator.Scope();
  std::vector<stats::Observation> existing;
  if (!scope.empty()) {
    LIENKET_ASSIGN_OR_RETURN(found, s.ctx().store->Find(scope.Query()));
    existing = std::move(found);
  }
  stats::ImportPlan plan = validator.Finish(existing);
  nlohmann::json problems = nlohmann::json::array();
  auto problem = [&problems](std::string severity, int row, std::string column, std::string value,
                             std::string vi, std::string en) {
    problems.push_back({{"severity", std::move(severity)}, {"row", row}, {"column", std::move(column)},
                        {"value", std::move(value)}, {"message_vi", std::move(vi)},
                        {"message_en", std::move(en)}});
  };
  int errors = 0;
  for (const stats::Problem& p : plan.problems) {
    std::string severity = p.severity == stats::Severity::kError     ? "error"
                           : p.severity == stats::Severity::kWarning ? "warning"
                                                                     : "note";
    if (p.severity == stats::Severity::kError) ++errors;
    // The reader names the file it read: the server's scratch copy, which means nothing to the
    // user (and should not be shown); say "the uploaded file" instead.
    auto named = [&file](std::string text, std::string_view name) {
      for (std::size_t at = text.find(file.path); at != std::string::npos; at = text.find(file.path))
        text.replace(at, file.path.size(), name);
      return text;
    };
    problem(severity, p.row, p.column, p.value, named(p.message_vi, "tệp tải lên"),
            named(p.message_en, "the uploaded file"));
  }
  std::vector<EnteredValue> values;
  std::set<std::string> form_ids(t.form->indicator_ids.begin(), t.form->indicator_ids.end());
  for (const stats::Observation& o : plan.to_insert) {
    const stats::Indicator* indicator = s.ctx().indicators.FindById(o.indicator_id);
    bool ours = o.unit_id == t.unit->id && indicator != nullptr &&
                form_ids.count(o.indicator_id) && o.period == StoredPeriod(*indicator, t.period);
    if (!ours) {
      ++errors;
      const stats::AdminUnit* unit = s.ctx().units.FindById(o.unit_id);
      problem("error", 0, "", o.indicator_id,
              fmt::format("Tệp có số liệu của {} kỳ {} chỉ tiêu {}: báo cáo này chỉ nhận {} kỳ {}",
                          unit ? unit->name_vi : "?", o.period.Code(), o.indicator_id,
                          t.unit->name_vi, t.period.Code()),
              fmt::format("The file has figures of {} for {} ({}): this report takes only {} for {}",
                          unit ? unit->name_en : "?", o.period.Code(), o.indicator_id,
                          t.unit->name_en, t.period.Code()));
      continue;
    }
    values.push_back({o.indicator_id, DisplayValue(o.value, *indicator, core::Language::kVietnamese),
                      std::string(stats::QualifierId(o.qualifier)),
                      std::string(stats::VintageStatusId(o.status)), o.note});
  }
  nlohmann::json changes = nlohmann::json::array();
  for (const EnteredValue& v : values) {
    const stats::Indicator* indicator = s.ctx().indicators.FindById(v.indicator);
    nlohmann::json old;
    for (const stats::EntryValue& e : l.entries)
      if (e.indicator_id == v.indicator) old = DisplayValue(e.value, *indicator, core::Language::kVietnamese);
    if (old == v.value) continue;
    changes.push_back({{"indicator", v.indicator}, {"name_vi", indicator->name_vi},
                       {"name_en", indicator->name_en}, {"old", old}, {"new", v.value}});
  }
  bool confirm = r.Query("confirm") == "1";
  bool applied = false;
  if (confirm && errors == 0 && !changes.empty()) {
    LIENKET_ASSIGN_OR_RETURN(checked, CheckValues(s, t, values, core::NumberConvention::kVietnamese,
                                                  l.submission.revision + 1));
    LIENKET_RETURN_IF_ERROR(SaveValues(s, r, &l, values, checked, "import"));
    applied = true;
  }
  s.metrics().CountImport(applied ? "applied" : errors > 0 ? "rejected" : "previewed",
                          applied ? values.size() : 0);
  return HttpResponse::Json({{"applied", applied},
                             {"confirm", confirm},
                             {"errors", errors},
                             {"changes", changes},
                             {"problems", problems}});
}

core::Result<HttpResponse> List(Service& s, HttpRequest& r) {
  std::optional<core::Period> period;
  if (!r.Query("period").empty()) {
    LIENKET_ASSIGN_OR_RETURN(p, core::Period::Parse(r.Query("period")));
    period = p;
  }
  std::vector<int> unit_ids;
  if (!r.Query("unit").empty()) {
    const stats::AdminUnit* unit = s.ctx().units.FindByKey(r.Query("unit"));
    if (unit == nullptr)
      return tl::unexpected(NotFound(fmt::format("đơn vị \"{}\"", r.Query("unit")),
                                     fmt::format("unit \"{}\"", r.Query("unit"))));
    unit_ids.push_back(unit->id);
  }
  LIENKET_ASSIGN_OR_RETURN(subs, s.workflow().ListSubmissions(r.Query("form"), period, unit_ids));
  nlohmann::json list = nlohmann::json::array();
  for (const stats::Submission& sub : subs) {
    if (!s.policy().CanSeeDrafts(r.Caller(), sub.unit_id)) continue;
    const stats::AdminUnit* unit = s.ctx().units.FindById(sub.unit_id);
    const stats::ReportForm* form = s.FindForm(sub.form_id);
    list.push_back({{"unit", unit ? unit->key : ""},
                    {"unit_name_vi", unit ? unit->name_vi : ""},
                    {"form", sub.form_id},
                    {"form_name_vi", form ? form->name_vi : ""},
                    {"period", sub.period.Code()},
                    {"status", stats::SubmissionStatusId(sub.status)},
                    {"due_date", form ? form->DueDate(sub.period).ToString() : ""},
                    {"updated_at", sub.updated_at},
                    {"submitted_at", sub.submitted_at},
                    {"approved_at", sub.approved_at}});
  }
  return HttpResponse::Json({{"submissions", list}});
}

core::Result<HttpResponse> AuditTrail(Service& s, HttpRequest& r) {
  stats::AuditQuery q;
  const stats::AdminUnit* unit = s.ctx().units.FindByKey(r.Query("unit"));
  if (unit == nullptr)
    return tl::unexpected(BadRequest("Cần tham số unit (tỉnh, thành phố)",
                                     "The unit parameter (a province) is required"));
  if (!s.policy().CanSeeDrafts(r.Caller(), unit->id) && !s.policy().CanManageUsers(r.Caller()))
    return tl::unexpected(PermissionDenied(fmt::format("xem nhật ký của {}", unit->name_vi),
                                           fmt::format("see the audit trail of {}", unit->name_en)));
  q.unit_id = unit->id;
  q.indicator_id = r.Query("indicator");
  q.period = r.Query("period");
  LIENKET_ASSIGN_OR_RETURN(entries, s.workflow().FindAudit(q));
  nlohmann::json list = nlohmann::json::array();
  for (const stats::AuditEntry& e : entries)
    list.push_back({{"at", e.at},
                    {"user", e.user_login},
                    {"action", e.action},
                    {"via", e.via},
                    {"indicator", e.indicator_id},
                    {"period", e.period},
                    {"form", e.form_id},
                    {"old", e.old_value ? nlohmann::json(*e.old_value) : nullptr},
                    {"new", e.new_value ? nlohmann::json(*e.new_value) : nullptr},
                    {"comment", e.comment},
                    {"request_id", e.request_id}});
  return HttpResponse::Json({{"entries", list}});
}

}  // namespace

void AddSubmissionRoutes(std::vector<Route>* routes) {
  const std::string base = "/api/submissions/{unit}/{form}/{period}";
  routes->push_back({"GET", "/api/submissions", true, false, List});
  routes->push_back({"GET", base, true, false, Get});
  routes->push_back({"PUT", base, true, false, Put});
  routes->push_back({"POST", base + "/check", true, false, Check});
  routes->push_back({"POST", base + "/submit", true, false, Submit});
  routes->push_back({"POST", base + "/withdraw", true, false, Withdraw});
  routes->push_back({"POST", base + "/approve", true, false, Approve});
  routes->push_back({"POST", base + "/return", true, false, Return});
  routes->push_back({"POST", base + "/reopen", true, false, Reopen});
  routes->push_back({"GET", base + "/template.xlsx", true, false, Template});
  routes->push_back({"POST", base + "/upload", true, false, Upload});
  routes->push_back({"GET", "/api/audit", true, false, AuditTrail});
}

}  // namespace lienket::api
