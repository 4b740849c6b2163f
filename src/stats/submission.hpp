// The submission workflow of a province's report (one form, one period), as DHIS2 runs it but
// simpler:
//
//   new --edit--> draft --submit--> submitted --approve--> approved --reopen--> draft
//                   ^                   |  \--return--> returned --edit/submit--^
//                   +----withdraw-------+
//
// Values can be edited only in new, draft and returned; approved values are locked. Approval
// publishes the values as a new vintage of each figure (observations are never overwritten), so
// a reopened and re-approved report leaves both vintages, and "as of" queries see each in turn.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace lienket::stats {

enum class SubmissionStatus { kNew, kDraft, kSubmitted, kApproved, kReturned };
enum class WorkflowAction { kEdit, kSubmit, kWithdraw, kApprove, kReturn, kReopen };

[[nodiscard]] std::string_view SubmissionStatusId(SubmissionStatus s);  // "draft"
[[nodiscard]] std::string_view SubmissionStatusLabelVi(SubmissionStatus s);  // "bản nháp"
[[nodiscard]] std::string_view WorkflowActionId(WorkflowAction a);       // "submit"
// Errors: kInvalidArgument for an unknown id.
[[nodiscard]] core::Result<SubmissionStatus> ParseSubmissionStatus(std::string_view id);

// The status after `action`. Errors: kFailedPrecondition saying, in both languages, why the
// action is not possible now ("the report is approved and locked; reopen it first").
[[nodiscard]] core::Result<SubmissionStatus> Transition(SubmissionStatus from,
                                                        WorkflowAction action);

}  // namespace lienket::stats
