#include "linkage/cooperation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/vi_text.hpp"
#include "linkage/organisation.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using core::ErrorCode;
using core::MakeError;

core::Error Invalid(std::string vi, std::string en) {
  return core::Error{ErrorCode::kInvalidArgument, std::move(vi), std::move(en)};
}

std::string UnitName(int id, const stats::UnitCatalog& units) {
  const stats::AdminUnit* u = units.FindById(id);
  return u ? u->name_vi : fmt::format("#{}", id);
}

bool SameDepartment(int a, int b, const stats::UnitCatalog& units) {
  return a == b || units.SuccessorOf(a) == units.SuccessorOf(b);
}

// Two entries naming one unit, or a unit and the unit it merged into (two units that merged into a
// third were separate Departments when they signed).
bool Duplicate(int a, int b, const stats::UnitCatalog& units) {
  return a == b || units.SuccessorOf(a) == b || units.SuccessorOf(b) == a;
}

bool IsProvince(const stats::AdminUnit* u) { return u != nullptr && !u->IsNational(); }

}  // namespace

std::string_view AgreementKindId(AgreementKind kind) {
  return kind == AgreementKind::kBilateral ? "bilateral" : "regional";
}

core::Result<AgreementKind> ParseAgreementKind(std::string_view text) {
  if (text == "bilateral" || text == "song phương") return AgreementKind::kBilateral;
  if (text == "regional" || text == "vùng" || text == "đa phương") return AgreementKind::kRegional;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Loại thỏa thuận \"{}\" không hợp lệ: song phương (bilateral) hoặc "
                               "vùng (regional)",
                               text),
                   fmt::format("Unknown agreement kind \"{}\": bilateral or regional", text));
}

core::Status ValidateUpload(std::string_view file_name, std::size_t size) {
  std::string_view name = core::TrimSpaces(file_name);
  if (name.empty() || name.size() > 200 || name.find('/') != std::string_view::npos ||
      name.find('\\') != std::string_view::npos || name == "." || name == "..")
    return MakeError(ErrorCode::kInvalidArgument,
                     "Tên tệp phải có 1–200 ký tự, không chứa / hoặc \\",
                     "A file name needs 1–200 characters without / or \\");
  if (size == 0)
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("Tệp \"{}\" rỗng", name),
                     fmt::format("The file \"{}\" is empty", name));
  if (size > kMaxDocumentBytes)
    return MakeError(
        ErrorCode::kResourceExhausted,
        fmt::format("Tệp \"{}\" lớn hơn giới hạn {} MB", name, kMaxDocumentBytes / (1024 * 1024)),
        fmt::format("The file \"{}\" is larger than the {} MB limit", name,
                    kMaxDocumentBytes / (1024 * 1024)));
  return {};
}

core::Status ValidateAgreement(const Agreement& a, const stats::UnitCatalog& units) {
  if (core::TrimSpaces(a.title).empty())
    return tl::unexpected(Invalid("Thỏa thuận cần có tên", "An agreement needs a title"));
  if (!a.signed_on.IsValid() || !a.valid_from.IsValid())
    return tl::unexpected(Invalid("Thỏa thuận cần ngày ký và ngày bắt đầu hiệu lực",
                                  "An agreement needs a signing date and a start of validity"));
  if (a.kind == AgreementKind::kBilateral && a.parties.size() != 2)
    return tl::unexpected(Invalid(
        fmt::format("Thỏa thuận song phương có đúng 2 bên (đang có {})", a.parties.size()),
        fmt::format("A bilateral agreement has exactly 2 parties ({} given)", a.parties.size())));
  if (a.kind == AgreementKind::kRegional && a.parties.size() < 3)
    return tl::unexpected(Invalid(
        fmt::format("Thỏa thuận vùng có ít nhất 3 bên (đang có {})", a.parties.size()),
        fmt::format("A regional agreement has at least 3 parties ({} given)", a.parties.size())));
  for (std::size_t i = 0; i < a.parties.size(); ++i) {
    const stats::AdminUnit* u = units.FindById(a.parties[i]);
    if (!IsProvince(u))
      return tl::unexpected(Invalid(fmt::format("Bên thứ {} không phải là tỉnh, thành phố", i + 1),
                                    fmt::format("Party {} is not a province", i + 1)));
    if (!u->ValidOn(a.signed_on))
      return tl::unexpected(Invalid(
          fmt::format("{} không tồn tại vào ngày ký {}", u->name_vi, a.signed_on.ToVietnamese()),
          fmt::format("{} did not exist on the signing date {}", u->name_en,
                      a.signed_on.ToString())));
    for (std::size_t j = 0; j < i; ++j)
      if (Duplicate(a.parties[i], a.parties[j], units))
        return tl::unexpected(
            Invalid(fmt::format("{} có mặt hai lần trong danh sách các bên", u->name_vi),
                    fmt::format("{} is listed twice among the parties", u->name_en)));
  }
  if (a.valid_from.year < a.signed_on.year)
    return tl::unexpected(Invalid("Hiệu lực không thể bắt đầu trước năm ký",
                                  "Validity cannot start before the signing year"));
  if (a.valid_to && *a.valid_to < a.valid_from)
    return tl::unexpected(Invalid("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực",
                                  "The end of validity must follow its start"));
  bool any_field = false;
  for (const std::string& f : a.fields) any_field = any_field || !core::TrimSpaces(f).empty();
  if (!any_field)
    return tl::unexpected(
        Invalid("Cần ít nhất một lĩnh vực hợp tác", "At least one field of cooperation is needed"));
  return {};
}

int PartyUnitInYear(int party, int year, const stats::UnitCatalog& units) {
  const stats::AdminUnit* u = units.FindById(party);
  if (u == nullptr || u->ValidOn(Date{year, 1, 1}) || u->valid_from > Date{year, 1, 1})
    return party;
  return units.SuccessorOf(party);
}

std::vector<int> PartiesInYear(const Agreement& a, int year, const stats::UnitCatalog& units) {
  std::vector<int> out;
  for (int p : a.parties) {
    int unit = PartyUnitInYear(p, year, units);
    if (std::find(out.begin(), out.end(), unit) == out.end()) out.push_back(unit);
  }
  return out;
}

bool IsParty(const Agreement& a, int unit_id, const stats::UnitCatalog& units) {
  for (int p : a.parties)
    if (SameDepartment(p, unit_id, units)) return true;
  return false;
}

core::Result<int> RotationLead(const Agreement& a, int year, const stats::UnitCatalog& units) {
  bool in_force =
      a.valid_from <= Date{year, 12, 31} && (!a.valid_to || Date{year, 1, 1} <= *a.valid_to);
  if (!in_force || a.parties.empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Thỏa thuận không có hiệu lực trong năm {}", year),
                     fmt::format("The agreement is not in force in {}", year));
  std::vector<int> parties = PartiesInYear(a, year, units);
  int turn = year - a.valid_from.year;
  return parties[static_cast<std::size_t>(turn) % parties.size()];
}

core::Result<LeadChoice> ChooseLead(const Agreement& a, int year, std::optional<int> override_unit,
                                    std::string_view reason, const stats::UnitCatalog& units) {
  LIENKET_ASSIGN_OR_RETURN(rotation, RotationLead(a, year, units));
  LeadChoice c;
  c.rotation_unit_id = rotation;
  c.lead_unit_id = rotation;
  if (!override_unit || *override_unit == rotation) return c;
  std::vector<int> parties = PartiesInYear(a, year, units);
  int wanted = PartyUnitInYear(*override_unit, year, units);
  if (std::find(parties.begin(), parties.end(), wanted) == parties.end())
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("{} không phải là một bên của thỏa thuận trong năm {}",
                    UnitName(*override_unit, units), year),
        fmt::format("Unit {} is not a party to the agreement in {}", *override_unit, year));
  if (core::TrimSpaces(reason).empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Thay tỉnh chủ trì theo luân phiên ({}) cần nêu lý do",
                                 UnitName(rotation, units)),
                     "Overriding the rotation's lead needs a reason");
  if (wanted == rotation) return c;
  c.lead_unit_id = wanted;
  c.overridden = true;
  c.reason = std::string(core::TrimSpaces(reason));
  return c;
}

std::string_view TaskStatusId(TaskStatus s) {
  switch (s) {
    case TaskStatus::kNotStarted:
      return "not_started";
    case TaskStatus::kInProgress:
      return "in_progress";
    case TaskStatus::kDone:
      return "done";
    case TaskStatus::kCancelled:
      return "cancelled";
  }
  return "not_started";
}

std::string_view TaskStatusLabelVi(TaskStatus s) {
  switch (s) {
    case TaskStatus::kNotStarted:
      return "chưa bắt đầu";
    case TaskStatus::kInProgress:
      return "đang thực hiện";
    case TaskStatus::kDone:
      return "hoàn thành";
    case TaskStatus::kCancelled:
      return "đã hủy";
  }
  return "";
}

core::Result<TaskStatus> ParseTaskStatus(std::string_view text) {
  for (TaskStatus s : {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kDone,
                       TaskStatus::kCancelled})
    if (text == TaskStatusId(s)) return s;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái nhiệm vụ \"{}\" không hợp lệ: not_started, "
                               "in_progress, done, cancelled",
                               text),
                   fmt::format("Unknown task status \"{}\": not_started, in_progress, done, "
                               "cancelled",
                               text));
}

std::string EntityLink::Text() const { return fmt::format("{}:{}", kind, id); }

core::Result<EntityLink> ParseEntityLink(std::string_view text) {
  auto colon = text.find(':');
  auto bad = [&] {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Liên kết \"{}\" không hợp lệ: event:SỐ hoặc deal:SỐ", text),
                     fmt::format("Invalid link \"{}\": event:NUMBER or deal:NUMBER", text));
  };
  if (colon == std::string_view::npos) return bad();
  std::string_view kind = text.substr(0, colon);
  std::string_view digits = text.substr(colon + 1);
  if ((kind != "event" && kind != "deal") || digits.empty() || digits.size() > 15) return bad();
  std::int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return bad();
  return EntityLink{std::string(kind), id};
}

bool IsOverdue(const CooperationTask& task, const Date& today) {
  return task.deadline < today && task.status != TaskStatus::kDone &&
         task.status != TaskStatus::kCancelled;
}

int DaysOverdue(const CooperationTask& task, const Date& today) {
  return IsOverdue(task, today) ? core::DaysBetween(task.deadline, today) : 0;
}

core::Status ValidateTask(const CooperationTask& task, const Agreement& agreement,
                          const AnnualPlan& plan, const stats::UnitCatalog& units) {
  if (core::TrimSpaces(task.title).empty())
    return tl::unexpected(Invalid("Nhiệm vụ cần có tên", "A task needs a title"));
  std::vector<int> parties = PartiesInYear(agreement, plan.year, units);
  int owner = PartyUnitInYear(task.owner_unit_id, plan.year, units);
  if (std::find(parties.begin(), parties.end(), owner) == parties.end())
    return tl::unexpected(Invalid(
        fmt::format("{} không phải là một bên của thỏa thuận", UnitName(task.owner_unit_id, units)),
        fmt::format("Unit {} is not a party to the agreement", task.owner_unit_id)));
  if (!task.deadline.IsValid() || task.deadline.year != plan.year)
    return tl::unexpected(
        Invalid(fmt::format("Hạn hoàn thành phải nằm trong năm kế hoạch {}", plan.year),
                fmt::format("The deadline must lie within the plan's year {}", plan.year)));
  return ValidateEvidenceLink(task.evidence_link);
}

core::Status ValidateEvidenceLink(std::string_view link) {
  if (link.empty()) return {};
  bool scheme = link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0;
  if (!scheme || link.size() > 2000 ||
      link.find_first_of(" \t\r\n<>\"") != std::string_view::npos || link.size() <= 8)
    return MakeError(ErrorCode::kInvalidArgument,
                     "Đường dẫn minh chứng phải là địa chỉ http:// hoặc https://",
                     "An evidence link must be an http:// or https:// address");
  return {};
}

core::Status ChangeTaskStatus(CooperationTask* task, TaskStatus next) {
  if (next == TaskStatus::kDone && core::TrimSpaces(task->evidence_text).empty() &&
      task->evidence_link.empty() && !task->evidence_file)
    return MakeError(ErrorCode::kFailedPrecondition,
                     "Cần minh chứng (mô tả, đường dẫn hoặc tệp) trước khi báo hoàn thành",
                     "Evidence (a text, a link or a file) is needed before a task is done");
  if (task->status == TaskStatus::kCancelled && next != TaskStatus::kNotStarted &&
      next != TaskStatus::kCancelled)
    return MakeError(ErrorCode::kFailedPrecondition,
                     "Nhiệm vụ đã hủy chỉ mở lại được về trạng thái chưa bắt đầu",
                     "A cancelled task can only be reopened as not started");
  task->status = next;
  return {};
}

std::vector<OverdueTask> OverdueTasks(const std::vector<CooperationTask>& tasks,
                                      const Date& today) {
  std::vector<OverdueTask> out;
  for (const CooperationTask& t : tasks)
    if (IsOverdue(t, today)) out.push_back({&t, DaysOverdue(t, today)});
  std::sort(out.begin(), out.end(), [](const OverdueTask& a, const OverdueTask& b) {
    if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
    if (a.task->owner_unit_id != b.task->owner_unit_id)
      return a.task->owner_unit_id < b.task->owner_unit_id;
    return a.task->id < b.task->id;
  });
  return out;
}

core::Status ValidateReport(const ProgressReport& report, const Agreement& agreement,
                            const AnnualPlan& plan, const stats::UnitCatalog& units) {
  if (core::TrimSpaces(report.body).empty())
    return tl::unexpected(
        Invalid("Báo cáo tiến độ cần có nội dung", "A progress report needs a text"));
  if (report.period.StartDate().year != plan.year || report.period.EndDate().year != plan.year)
    return tl::unexpected(
        Invalid(fmt::format("Kỳ báo cáo phải nằm trong năm kế hoạch {}", plan.year),
                fmt::format("The report's period must lie within the plan's year {}", plan.year)));
  std::vector<int> parties = PartiesInYear(agreement, plan.year, units);
  int unit = PartyUnitInYear(report.unit_id, plan.year, units);
  if (std::find(parties.begin(), parties.end(), unit) == parties.end())
    return tl::unexpected(Invalid(
        fmt::format("{} không phải là một bên của thỏa thuận", UnitName(report.unit_id, units)),
        "The reporting unit is not a party to the agreement"));
  return {};
}

ConsolidatedReport Consolidate(const Agreement& agreement, const AnnualPlan& plan,
                               const core::Period& period,
                               const std::vector<ProgressReport>& reports,
                               const std::vector<CooperationTask>& tasks, const Date& today,
                               const stats::UnitCatalog& units) {
  ConsolidatedReport c;
  c.period = period;
  for (int party : PartiesInYear(agreement, plan.year, units)) {
    ConsolidatedEntry e;
    e.unit_id = party;
    for (const ProgressReport& r : reports) {
      if (r.plan_id != plan.id || r.period.Code() != period.Code()) continue;
      if (PartyUnitInYear(r.unit_id, plan.year, units) != party) continue;
      if (e.report == nullptr || r.submitted_at > e.report->submitted_at ||
          (r.submitted_at == e.report->submitted_at && r.id > e.report->id))
        e.report = &r;
    }
    if (e.report == nullptr) c.missing.push_back(party);
    c.entries.push_back(e);
  }
  for (const CooperationTask& t : tasks) {
    if (t.plan_id != plan.id) continue;
    ++c.tasks_total;
    switch (t.status) {
      case TaskStatus::kDone:
        ++c.tasks_done;
        break;
      case TaskStatus::kInProgress:
        ++c.tasks_in_progress;
        break;
      case TaskStatus::kNotStarted:
        ++c.tasks_not_started;
        break;
      case TaskStatus::kCancelled:
        ++c.tasks_cancelled;
        break;
    }
    if (IsOverdue(t, today)) ++c.tasks_overdue;
  }
  return c;
}

core::Status NormaliseFocalPoint(FocalPoint* f) {
  f->name = std::string(core::TrimSpaces(f->name));
  f->position = std::string(core::TrimSpaces(f->position));
  if (f->name.empty())
    return MakeError(ErrorCode::kInvalidArgument, "Đầu mối cần có họ tên",
                     "A focal point needs a name");
  if (core::TrimSpaces(f->phone).empty() && core::TrimSpaces(f->email).empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Đầu mối {} cần số điện thoại hoặc e-mail", f->name),
                     fmt::format("The focal point {} needs a phone number or an e-mail", f->name));
  if (!core::TrimSpaces(f->phone).empty()) {
    LIENKET_ASSIGN_OR_RETURN(phone, NormalisePhone(f->phone));
    f->phone = phone;
  } else {
    f->phone.clear();
  }
  if (!core::TrimSpaces(f->email).empty()) {
    LIENKET_ASSIGN_OR_RETURN(email, NormaliseEmail(f->email));
    f->email = email;
  } else {
    f->email.clear();
  }
  return {};
}

std::string_view DeptRequestStateId(DeptRequestState s) {
  switch (s) {
    case DeptRequestState::kSent:
      return "sent";
    case DeptRequestState::kAcknowledged:
      return "acknowledged";
    case DeptRequestState::kAnswered:
      return "answered";
    case DeptRequestState::kDeclined:
      return "declined";
    case DeptRequestState::kClosed:
      return "closed";
  }
  return "sent";
}

core::Result<DeptRequestState> ParseDeptRequestState(std::string_view text) {
  for (DeptRequestState s :
       {DeptRequestState::kSent, DeptRequestState::kAcknowledged, DeptRequestState::kAnswered,
        DeptRequestState::kDeclined, DeptRequestState::kClosed})
    if (text == DeptRequestStateId(s)) return s;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái đề nghị \"{}\" không hợp lệ", text),
                   fmt::format("Unknown request state \"{}\"", text));
}

core::Status ValidateRequest(DepartmentRequest* r, const Date& today,
                             const stats::UnitCatalog& units) {
  r->subject = std::string(core::TrimSpaces(r->subject));
  if (r->subject.empty() || core::TrimSpaces(r->body).empty())
    return MakeError(ErrorCode::kInvalidArgument, "Đề nghị cần có tiêu đề và nội dung",
                     "A request needs a subject and a text");
  if (!r->deadline.IsValid() || r->deadline < today)
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Hạn trả lời phải từ hôm nay ({}) trở đi", today.ToVietnamese()),
                     fmt::format("The deadline must be today ({}) or later", today.ToString()));
  if (r->recipients.empty())
    return MakeError(ErrorCode::kInvalidArgument, "Cần ít nhất một Sở nhận đề nghị",
                     "At least one receiving Department is needed");
  for (std::size_t i = 0; i < r->recipients.size(); ++i) {
    int unit = r->recipients[i].unit_id;
    const stats::AdminUnit* u = units.FindById(unit);
    if (!IsProvince(u) || !u->ValidOn(today))
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Sở nhận thứ {} không phải là tỉnh, thành phố hiện nay", i + 1),
                       fmt::format("Recipient {} is not a province of today", i + 1));
    if (SameDepartment(unit, r->from_unit_id, units))
      return MakeError(ErrorCode::kInvalidArgument, "Không gửi đề nghị cho chính Sở mình",
                       "A Department does not send a request to itself");
    for (std::size_t j = 0; j < i; ++j)
      if (SameDepartment(unit, r->recipients[j].unit_id, units))
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("{} có mặt hai lần trong danh sách nhận", u->name_vi),
                         fmt::format("{} is listed twice among the recipients", u->name_en));
  }
  return NormaliseFocalPoint(&r->focal);
}

namespace {
bool IsOpen(const RequestRecipient& r) {
  return r.state == DeptRequestState::kSent || r.state == DeptRequestState::kAcknowledged;
}
core::Error NotOpen(const RequestRecipient& r) {
  return core::Error{
      ErrorCode::kFailedPrecondition,
      fmt::format("Đề nghị đang ở trạng thái \"{}\", không thể thay đổi",
                  DeptRequestStateId(r.state)),
      fmt::format("The request is \"{}\" and can no longer change", DeptRequestStateId(r.state))};
}
}  // namespace

core::Status AcknowledgeRequest(RequestRecipient* r, FocalPoint focal) {
  if (r->state != DeptRequestState::kSent) return tl::unexpected(NotOpen(*r));
  LIENKET_RETURN_IF_ERROR(NormaliseFocalPoint(&focal));
  r->focal = std::move(focal);
  r->state = DeptRequestState::kAcknowledged;
  return {};
}

core::Status AnswerRequest(RequestRecipient* r, std::string reply, std::optional<FocalPoint> focal,
                           const std::string& now) {
  if (!IsOpen(*r)) return tl::unexpected(NotOpen(*r));
  if (core::TrimSpaces(reply).empty())
    return MakeError(ErrorCode::kInvalidArgument, "Trả lời cần có nội dung",
                     "A reply needs a text");
  if (focal) {
    LIENKET_RETURN_IF_ERROR(NormaliseFocalPoint(&*focal));
    r->focal = std::move(*focal);
  }
  if (r->focal.Empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     "Cần nêu đầu mối của Sở trả lời (họ tên, chức vụ, điện thoại hoặc e-mail)",
                     "Name the answering Department's focal point (name, position, phone or "
                     "e-mail)");
  r->reply = std::move(reply);
  r->replied_at = now;
  r->state = DeptRequestState::kAnswered;
  return {};
}

core::Status DeclineRequest(RequestRecipient* r, std::string reason, const std::string& now) {
  if (!IsOpen(*r)) return tl::unexpected(NotOpen(*r));
  if (core::TrimSpaces(reason).empty())
    return MakeError(ErrorCode::kInvalidArgument, "Từ chối cần nêu lý do",
                     "Declining needs a reason");
  r->reply = std::move(reason);
  r->replied_at = now;
  r->state = DeptRequestState::kDeclined;
  return {};
}

core::Status CloseRequest(DepartmentRequest* request) {
  bool any = false;
  for (RequestRecipient& r : request->recipients) {
    if (r.state == DeptRequestState::kClosed) continue;
    r.state = DeptRequestState::kClosed;
    any = true;
  }
  if (!any)
    return MakeError(ErrorCode::kFailedPrecondition, "Đề nghị đã đóng",
                     "The request is already closed");
  return {};
}

bool RequestNeedsReminder(const DepartmentRequest& request, const RequestRecipient& r,
                          const Date& today) {
  if (!IsOpen(r)) return false;
  if (r.reminded_on == today.ToString()) return false;
  return core::DaysBetween(today, request.deadline) <= kRequestReminderDays;
}

}  // namespace lienket::linkage
