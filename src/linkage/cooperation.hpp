// Cooperation programmes between provinces (issue 5, "Cooperation programmes") and requests
// between Departments of Industry and Trade. Pure domain: the rules, no storage.
//
//   Agreement          bilateral (two parties) or regional (three or more); the parties are dated
//                      units in the agreement's rotation order; signing date, validity, fields of
//                      cooperation, documents (an uploaded file is kept with its SHA-256, at most
//                      kMaxDocumentBytes).
//   AnnualPlan         one per agreement and year, led by the province the rotation gives
//                      (RotationLead), or by another party with a written reason (ChooseLead).
//   CooperationTask    owner province, deadline, status; "overdue" is computed from the deadline
//                      and today (IsOverdue), never stored. Evidence: text, a link or a file.
//                      Linked to the events and deals it produced by "event:ID" / "deal:ID".
//   ProgressReport     one per party and period; Consolidate lists every party's report and the
//                      parties whose report is missing.
//   DepartmentRequest  "help us sell 20,000 tonnes of lychee in June": from one Department to
//                      one or more, each receiving Department with its own state
//                      sent -> acknowledged -> answered | declined, and closed by the sender.
//
// The 2025 merger: a party that stopped existing is represented, from the year after its end, by
// the unit it merged into (stats::UnitCatalog::SuccessorOf); two parties that merged into the same
// unit count once. An account of either unit acts for that party.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::linkage {

// Uploaded documents, evidence files and reply attachments.
inline constexpr std::size_t kMaxDocumentBytes = 5 * 1024 * 1024;

enum class AgreementKind { kBilateral, kRegional };
[[nodiscard]] std::string_view AgreementKindId(AgreementKind kind);  // "bilateral", "regional"
[[nodiscard]] core::Result<AgreementKind> ParseAgreementKind(std::string_view text);

// A stored file (document, evidence, attachment). The bytes live in the store.
struct StoredFile {
  std::int64_t id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex of the bytes
};

// Checks an upload before it is stored: a name of at most 200 characters without path
// separators, 1..kMaxDocumentBytes bytes. Errors: kInvalidArgument, or kResourceExhausted when
// too large (the limit in the message).
[[nodiscard]] core::Status ValidateUpload(std::string_view file_name, std::size_t size);

struct AgreementDocument {
  std::int64_t id = 0;
  std::int64_t agreement_id = 0;
  std::string title;   // "Biên bản ghi nhớ hợp tác ..."
  std::string number;  // số văn bản, "12/BB-SCT"; may be empty
  core::Date issued_on;
  std::optional<StoredFile> file;
};

struct Agreement {
  std::int64_t id = 0;
  std::string title;
  AgreementKind kind = AgreementKind::kRegional;
  std::vector<int> parties;  // unit ids, in rotation order
  core::Date signed_on;
  core::Date valid_from;
  std::optional<core::Date> valid_to;  // none = open-ended
  std::vector<std::string> fields;     // lĩnh vực hợp tác: "xúc tiến thương mại", ...
  std::string summary;
  std::string dataset = "observed";  // "illustrative" for the demo
  std::vector<AgreementDocument> documents;
  std::string created_at;
  std::string updated_at;

  [[nodiscard]] bool InForceOn(const core::Date& d) const {
    return valid_from <= d && (!valid_to || d <= *valid_to);
  }
};

// Title, kind and party count (bilateral: exactly 2; regional: at least 3), no party twice (the
// same unit, or two units of one Department after the merger), each party a province that existed
// on the signing date, validity starting no earlier than the signing year and ending after it
// starts, at least one field. Errors: kInvalidArgument naming the first problem.
[[nodiscard]] core::Status ValidateAgreement(const Agreement& agreement,
                                             const stats::UnitCatalog& units);

// The unit that answers for `party` during `year`: the party itself while it existed on 1 January
// of the year, else the unit it merged into.
[[nodiscard]] int PartyUnitInYear(int party, int year, const stats::UnitCatalog& units);
// The parties as they stand in `year`, in rotation order, merged units counted once.
[[nodiscard]] std::vector<int> PartiesInYear(const Agreement& agreement, int year,
                                             const stats::UnitCatalog& units);
// `unit_id` is a party (directly, or as the successor or a predecessor of one).
[[nodiscard]] bool IsParty(const Agreement& agreement, int unit_id,
                           const stats::UnitCatalog& units);

// The rotation: the first year of validity is led by the first party, each next year by the next
// one of PartiesInYear, wrapping around. Errors: kInvalidArgument when the agreement is not in
// force in any day of `year`.
[[nodiscard]] core::Result<int> RotationLead(const Agreement& agreement, int year,
                                             const stats::UnitCatalog& units);

struct LeadChoice {
  int lead_unit_id = 0;
  int rotation_unit_id = 0;  // what the rotation gives
  bool overridden = false;
  std::string reason;  // why the rotation was overridden
};
// The rotation's lead, or `override_unit` when given: it must be a party in that year and a reason
// must be given. Errors: as RotationLead; kInvalidArgument for a non-party or a missing reason.
[[nodiscard]] core::Result<LeadChoice> ChooseLead(const Agreement& agreement, int year,
                                                  std::optional<int> override_unit,
                                                  std::string_view reason,
                                                  const stats::UnitCatalog& units);

struct AnnualPlan {
  std::int64_t id = 0;
  std::int64_t agreement_id = 0;
  int year = 0;
  LeadChoice lead;
  std::string title;
  std::string notes;
  std::string created_at;
};

enum class TaskStatus { kNotStarted, kInProgress, kDone, kCancelled };
[[nodiscard]] std::string_view TaskStatusId(TaskStatus s);  // "not_started", ...
[[nodiscard]] std::string_view TaskStatusLabelVi(TaskStatus s);
[[nodiscard]] core::Result<TaskStatus> ParseTaskStatus(std::string_view text);

// What a task produced: "event:12" or "deal:7" (the events and deals of the other linkage parts).
struct EntityLink {
  std::string kind;  // "event", "deal"
  std::int64_t id = 0;
  [[nodiscard]] std::string Text() const;
};
// Errors: kInvalidArgument unless "event:N" or "deal:N" with N a positive integer.
[[nodiscard]] core::Result<EntityLink> ParseEntityLink(std::string_view text);

struct CooperationTask {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::int64_t agreement_id = 0;
  std::string title;
  std::string description;
  int owner_unit_id = 0;
  core::Date deadline;
  TaskStatus status = TaskStatus::kNotStarted;
  std::string evidence_text;
  std::string evidence_link;  // http(s) URL or empty
  std::optional<StoredFile> evidence_file;
  std::vector<EntityLink> links;
  std::string updated_at;
};

// Past its deadline (strictly before today) and neither done nor cancelled.
[[nodiscard]] bool IsOverdue(const CooperationTask& task, const core::Date& today);
// Days since the deadline for an overdue task, else 0.
[[nodiscard]] int DaysOverdue(const CooperationTask& task, const core::Date& today);

// A new task: title, an owner that is a party in the plan's year, a deadline within the plan's
// year. Errors: kInvalidArgument.
[[nodiscard]] core::Status ValidateTask(const CooperationTask& task, const Agreement& agreement,
                                        const AnnualPlan& plan, const stats::UnitCatalog& units);
// Checks an evidence link: empty, or an http:// or https:// URL without spaces.
[[nodiscard]] core::Status ValidateEvidenceLink(std::string_view link);

// A status change by the owner. Any status may move to any other except: "done" needs evidence
// (text, link or file); a cancelled task is reopened only to not_started. Errors:
// kFailedPrecondition saying which rule.
[[nodiscard]] core::Status ChangeTaskStatus(CooperationTask* task, TaskStatus next);

// Tasks past deadline and not done, most overdue first (then owner, then id).
struct OverdueTask {
  const CooperationTask* task = nullptr;
  int days_overdue = 0;
};
[[nodiscard]] std::vector<OverdueTask> OverdueTasks(const std::vector<CooperationTask>& tasks,
                                                    const core::Date& today);

struct ProgressReport {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  int unit_id = 0;
  core::Period period = core::Period::Year(2024);
  std::string body;
  std::int64_t submitted_by = 0;
  std::string submitted_at;
};
// A report's text is required and its period must lie within the plan's year; its unit must be a
// party. Errors: kInvalidArgument.
[[nodiscard]] core::Status ValidateReport(const ProgressReport& report, const Agreement& agreement,
                                          const AnnualPlan& plan, const stats::UnitCatalog& units);

// The lead's consolidated report for one period: every party of the plan's year with its report
// (the latest when a party sent several) or none, the missing parties, and the tasks by status.
struct ConsolidatedEntry {
  int unit_id = 0;
  const ProgressReport* report = nullptr;  // null = missing
};
struct ConsolidatedReport {
  core::Period period = core::Period::Year(2024);
  std::vector<ConsolidatedEntry> entries;  // in rotation order
  std::vector<int> missing;
  int tasks_total = 0, tasks_done = 0, tasks_in_progress = 0, tasks_not_started = 0,
      tasks_cancelled = 0, tasks_overdue = 0;
};
[[nodiscard]] ConsolidatedReport Consolidate(const Agreement& agreement, const AnnualPlan& plan,
                                             const core::Period& period,
                                             const std::vector<ProgressReport>& reports,
                                             const std::vector<CooperationTask>& tasks,
                                             const core::Date& today,
                                             const stats::UnitCatalog& units);

// ---- requests between Departments

struct FocalPoint {
  std::string name;
  std::string position;
  std::string phone;  // normalised, +84...
  std::string email;  // normalised
  [[nodiscard]] bool Empty() const { return name.empty(); }
};
// A name, and a phone or an e-mail (normalised in place). Errors: kInvalidArgument.
[[nodiscard]] core::Status NormaliseFocalPoint(FocalPoint* focal);

enum class DeptRequestState { kSent, kAcknowledged, kAnswered, kDeclined, kClosed };
[[nodiscard]] std::string_view DeptRequestStateId(DeptRequestState s);
[[nodiscard]] core::Result<DeptRequestState> ParseDeptRequestState(std::string_view text);

struct RequestRecipient {
  int unit_id = 0;
  DeptRequestState state = DeptRequestState::kSent;
  FocalPoint focal;  // the receiving Department's named focal point
  std::string reply;
  std::string replied_at;
  std::vector<StoredFile> attachments;
  std::string reminded_on;  // ISO date of the last reminder, "" = never
};

struct DepartmentRequest {
  std::int64_t id = 0;
  int from_unit_id = 0;
  std::string subject;
  std::string body;
  std::string product;   // optional
  std::string quantity;  // optional, as written: "20.000 tấn"
  core::Date deadline;
  FocalPoint focal;  // the sender's focal point
  std::vector<RequestRecipient> recipients;
  std::string dataset = "observed";
  std::int64_t created_by = 0;
  std::string created_at;
};

// Subject and body, a deadline not before `today`, at least one recipient, no recipient twice or
// equal to the sender (merger-aware), each a province existing today; the sender's focal point.
// Errors: kInvalidArgument.
[[nodiscard]] core::Status ValidateRequest(DepartmentRequest* request, const core::Date& today,
                                           const stats::UnitCatalog& units);

// The receiving Department acknowledges (naming its focal point), answers (text required; a focal
// point must be known by then) or declines (reason required); the sender closes the request for
// every recipient. Errors: kFailedPrecondition when the state does not allow it, kInvalidArgument
// for a missing text or focal point.
[[nodiscard]] core::Status AcknowledgeRequest(RequestRecipient* r, FocalPoint focal);
[[nodiscard]] core::Status AnswerRequest(RequestRecipient* r, std::string reply,
                                         std::optional<FocalPoint> focal, const std::string& now);
[[nodiscard]] core::Status DeclineRequest(RequestRecipient* r, std::string reason,
                                          const std::string& now);
[[nodiscard]] core::Status CloseRequest(DepartmentRequest* request);

// Days before the deadline when the receiving Department is reminded.
inline constexpr int kRequestReminderDays = 3;
// Still open (sent or acknowledged), the deadline within kRequestReminderDays of today (or past),
// and not yet reminded today.
[[nodiscard]] bool RequestNeedsReminder(const DepartmentRequest& request, const RequestRecipient& r,
                                        const core::Date& today);

}  // namespace lienket::linkage
