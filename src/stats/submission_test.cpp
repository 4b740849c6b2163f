// The submission workflow's state machine (stats/submission.hpp): every allowed transition, and
// a refusal with a message in both languages for every other.
#include "stats/submission.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace lienket::stats {
namespace {

using S = SubmissionStatus;
using A = WorkflowAction;

constexpr S kStatuses[] = {S::kNew, S::kDraft, S::kSubmitted, S::kApproved, S::kReturned};
constexpr A kActions[] = {A::kEdit, A::kSubmit, A::kWithdraw, A::kApprove, A::kReturn, A::kReopen};

const std::map<std::pair<S, A>, S>& Allowed() {
  static const std::map<std::pair<S, A>, S> table = {
      {{S::kNew, A::kEdit}, S::kDraft},
      {{S::kDraft, A::kEdit}, S::kDraft},
      {{S::kReturned, A::kEdit}, S::kReturned},
      {{S::kDraft, A::kSubmit}, S::kSubmitted},
      {{S::kReturned, A::kSubmit}, S::kSubmitted},
      {{S::kSubmitted, A::kWithdraw}, S::kDraft},
      {{S::kSubmitted, A::kApprove}, S::kApproved},
      {{S::kSubmitted, A::kReturn}, S::kReturned},
      {{S::kApproved, A::kReopen}, S::kDraft},
  };
  return table;
}

TEST(SubmissionWorkflow, EveryStatusActionPairIsAllowedOrRefusedAsDocumented) {
  for (S from : kStatuses) {
    for (A action : kActions) {
      auto result = Transition(from, action);
      auto it = Allowed().find({from, action});
      std::string what = std::string(SubmissionStatusId(from)) + " --" +
                         std::string(WorkflowActionId(action)) + "-->";
      if (it != Allowed().end()) {
        ASSERT_TRUE(result) << what << " " << result.error().message_en;
        EXPECT_EQ(*result, it->second) << what;
      } else {
        ASSERT_FALSE(result) << what << " " << SubmissionStatusId(*result);
        EXPECT_EQ(result.error().code, core::ErrorCode::kFailedPrecondition) << what;
        EXPECT_FALSE(result.error().message_vi.empty()) << what;
        EXPECT_FALSE(result.error().message_en.empty()) << what;
      }
    }
  }
}

TEST(SubmissionWorkflow, ApprovedValuesAreLockedUntilReopened) {
  auto edit = Transition(S::kApproved, A::kEdit);
  ASSERT_FALSE(edit);
  EXPECT_NE(edit.error().message_en.find("reopen"), std::string::npos) << edit.error().message_en;
  EXPECT_NE(edit.error().message_vi.find("đã duyệt"), std::string::npos) << edit.error().message_vi;
  auto reopened = Transition(S::kApproved, A::kReopen);
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(Transition(*reopened, A::kEdit));
}

TEST(SubmissionWorkflow, SubmittedReportCannotBeEditedOrSubmittedAgain) {
  EXPECT_FALSE(Transition(S::kSubmitted, A::kEdit));
  EXPECT_FALSE(Transition(S::kSubmitted, A::kSubmit));
  EXPECT_FALSE(Transition(S::kNew, A::kSubmit));  // nothing to submit yet
}

TEST(SubmissionWorkflow, FullCycleWithReturnAndReopen) {
  S s = S::kNew;
  for (A a : {A::kEdit, A::kSubmit, A::kReturn, A::kEdit, A::kSubmit, A::kWithdraw, A::kEdit,
              A::kSubmit, A::kApprove, A::kReopen, A::kEdit, A::kSubmit, A::kApprove}) {
    auto next = Transition(s, a);
    ASSERT_TRUE(next) << SubmissionStatusId(s) << " " << WorkflowActionId(a);
    s = *next;
  }
  EXPECT_EQ(s, S::kApproved);
}

TEST(SubmissionWorkflow, StatusIdsRoundTrip) {
  for (S s : kStatuses) {
    auto parsed = ParseSubmissionStatus(SubmissionStatusId(s));
    ASSERT_TRUE(parsed) << SubmissionStatusId(s);
    EXPECT_EQ(*parsed, s);
    EXPECT_FALSE(SubmissionStatusLabelVi(s).empty());
  }
  EXPECT_EQ(SubmissionStatusId(S::kDraft), "draft");
  EXPECT_EQ(SubmissionStatusLabelVi(S::kDraft), "bản nháp");
  EXPECT_EQ(WorkflowActionId(A::kSubmit), "submit");
  auto bad = ParseSubmissionStatus("published");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lienket::stats
