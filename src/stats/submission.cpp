#include "stats/submission.hpp"

#include <fmt/format.h>

#include <array>

namespace lienket::stats {
namespace {

using core::ErrorCode;
using core::MakeError;

struct StatusName {
  SubmissionStatus status;
  std::string_view id;
  std::string_view label_vi;
  std::string_view label_en;
};
constexpr std::array<StatusName, 5> kStatuses = {{
    {SubmissionStatus::kNew, "new", "chưa nhập", "not started"},
    {SubmissionStatus::kDraft, "draft", "bản nháp", "draft"},
    {SubmissionStatus::kSubmitted, "submitted", "đã nộp, chờ duyệt", "submitted, awaiting approval"},
    {SubmissionStatus::kApproved, "approved", "đã duyệt", "approved"},
    {SubmissionStatus::kReturned, "returned", "bị trả lại", "returned"},
}};

const StatusName& NameOf(SubmissionStatus s) {
  for (const StatusName& n : kStatuses)
    if (n.status == s) return n;
  return kStatuses[0];
}

core::Error Refuse(SubmissionStatus from, std::string_view why_vi, std::string_view why_en) {
  const StatusName& n = NameOf(from);
  return core::Error{ErrorCode::kFailedPrecondition,
                     fmt::format("Báo cáo đang ở trạng thái \"{}\": {}", n.label_vi, why_vi),
                     fmt::format("The report is {}: {}", n.label_en, why_en)};
}

}  // namespace

std::string_view SubmissionStatusId(SubmissionStatus s) { return NameOf(s).id; }
std::string_view SubmissionStatusLabelVi(SubmissionStatus s) { return NameOf(s).label_vi; }

std::string_view WorkflowActionId(WorkflowAction a) {
  switch (a) {
    case WorkflowAction::kEdit: return "edit";
    case WorkflowAction::kSubmit: return "submit";
    case WorkflowAction::kWithdraw: return "withdraw";
    case WorkflowAction::kApprove: return "approve";
    case WorkflowAction::kReturn: return "return";
    case WorkflowAction::kReopen: return "reopen";
  }
  return "edit";
}

core::Result<SubmissionStatus> ParseSubmissionStatus(std::string_view id) {
  for (const StatusName& n : kStatuses)
    if (n.id == id) return n.status;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái báo cáo không hợp lệ: \"{}\"", id),
                   fmt::format("Unknown submission status \"{}\"", id));
}

core::Result<SubmissionStatus> Transition(SubmissionStatus from, WorkflowAction action) {
  using S = SubmissionStatus;
  switch (action) {
    case WorkflowAction::kEdit:
      if (from == S::kNew || from == S::kDraft) return S::kDraft;
      if (from == S::kReturned) return S::kReturned;
      if (from == S::kApproved)
        return tl::unexpected(Refuse(from, "số liệu đã khóa; cần mở lại (có lý do) để sửa",
                                     "its figures are locked; reopen it (with a reason) to edit"));
      return tl::unexpected(Refuse(from, "đang chờ duyệt; lãnh đạo Sở rút lại hoặc vùng trả lại "
                                         "thì mới sửa được",
                                   "it awaits approval; it must be withdrawn or returned before "
                                   "it can be edited"));
    case WorkflowAction::kSubmit:
      if (from == S::kDraft || from == S::kReturned) return S::kSubmitted;
      if (from == S::kNew)
        return tl::unexpected(Refuse(from, "chưa có số liệu nào để nộp", "it has no figures yet"));
      return tl::unexpected(Refuse(from, "không thể nộp lại", "it cannot be submitted again"));
    case WorkflowAction::kWithdraw:
      if (from == S::kSubmitted) return S::kDraft;
      return tl::unexpected(Refuse(from, "chỉ rút lại được báo cáo đang chờ duyệt",
                                   "only a report awaiting approval can be withdrawn"));
    case WorkflowAction::kApprove:
    case WorkflowAction::kReturn:
      if (from == S::kSubmitted) return action == WorkflowAction::kApprove ? S::kApproved
                                                                           : S::kReturned;
      return tl::unexpected(Refuse(from, "chỉ duyệt hoặc trả lại được báo cáo đã nộp",
                                   "only a submitted report can be approved or returned"));
    case WorkflowAction::kReopen:
      if (from == S::kApproved) return S::kDraft;
      return tl::unexpected(Refuse(from, "chỉ mở lại được báo cáo đã duyệt",
                                   "only an approved report can be reopened"));
  }
  return tl::unexpected(Refuse(from, "thao tác không hợp lệ", "unknown action"));
}

}  // namespace lienket::stats
