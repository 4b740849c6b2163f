#include "linkage/cooperation.hpp"

#include <gtest/gtest.h>

#include "stats/stats_test_util.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using core::ErrorCode;

const stats::UnitCatalog& Units() {
  static const stats::testing::ShippedCatalogs catalogs;
  return catalogs.units;
}
int Id(std::string_view key) { return Units().FindByKey(key)->id; }

// Signed in 2024 by four Northern-midlands provinces, two of which (Bắc Giang, Thái Nguyên)
// merged in 2025 (into Bắc Ninh and the new Thái Nguyên with Bắc Kạn).
Agreement Midlands() {
  Agreement a;
  a.id = 1;
  a.title = "Hợp tác xúc tiến thương mại trung du";
  a.kind = AgreementKind::kRegional;
  a.parties = {Id("bac-giang"), Id("lang-son"), Id("thai-nguyen"), Id("bac-kan")};
  a.signed_on = {2024, 3, 15};
  a.valid_from = {2024, 3, 15};
  a.valid_to = Date{2028, 12, 31};
  a.fields = {"xúc tiến thương mại"};
  return a;
}

TEST(Agreement, ValidatesPartiesKindAndDates) {
  Agreement a = Midlands();
  EXPECT_TRUE(ValidateAgreement(a, Units()));
  Agreement bilateral = a;
  bilateral.kind = AgreementKind::kBilateral;
  EXPECT_EQ(ValidateAgreement(bilateral, Units()).error().code, ErrorCode::kInvalidArgument);
  Agreement twice = a;
  twice.parties.push_back(Id("lang-son"));
  EXPECT_NE(ValidateAgreement(twice, Units()).error().message_vi.find("hai lần"),
            std::string::npos);
  // The new Bắc Ninh did not exist in 2024.
  Agreement future = a;
  future.parties[0] = Id("bac-ninh-2025");
  EXPECT_FALSE(ValidateAgreement(future, Units()));
  // A unit and its successor are one Department.
  Agreement merged = a;
  merged.signed_on = merged.valid_from = {2025, 8, 1};
  merged.parties = {Id("bac-ninh-2025"), Id("lang-son"), Id("thai-nguyen-2025"), Id("ha-noi")};
  EXPECT_TRUE(ValidateAgreement(merged, Units()));
  Agreement no_fields = a;
  no_fields.fields = {" "};
  EXPECT_FALSE(ValidateAgreement(no_fields, Units()));
  Agreement backwards = a;
  backwards.valid_to = Date{2023, 1, 1};
  EXPECT_FALSE(ValidateAgreement(backwards, Units()));
}

TEST(Rotation, FollowsThePartyOrderFromTheFirstYearAndWraps) {
  Agreement a = Midlands();
  EXPECT_EQ(*RotationLead(a, 2024, Units()), Id("bac-giang"));
  EXPECT_EQ(*RotationLead(a, 2025, Units()), Id("lang-son"));
  // From 2026 Thái Nguyên and Bắc Kạn are one province, Bắc Giang is Bắc Ninh: three parties.
  std::vector<int> in_2026 = PartiesInYear(a, 2026, Units());
  ASSERT_EQ(in_2026.size(), 3u);
  EXPECT_EQ(in_2026[0], Id("bac-ninh-2025"));
  EXPECT_EQ(*RotationLead(a, 2026, Units()), Id("thai-nguyen-2025"));
  EXPECT_EQ(*RotationLead(a, 2027, Units()), Id("bac-ninh-2025"));
  EXPECT_EQ(RotationLead(a, 2029, Units()).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RotationLead(a, 2023, Units()).error().code, ErrorCode::kInvalidArgument);
}

TEST(Rotation, OverrideNeedsAPartyAndAReason) {
  Agreement a = Midlands();
  auto plain = ChooseLead(a, 2026, std::nullopt, "", Units());
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->overridden);
  EXPECT_FALSE(ChooseLead(a, 2026, Id("lang-son"), "  ", Units()));
  EXPECT_FALSE(ChooseLead(a, 2026, Id("ha-noi"), "Hà Nội xin làm", Units()));
  // The old Bắc Giang's id stands for Bắc Ninh in 2026.
  auto over = ChooseLead(a, 2026, Id("bac-giang"), "Mùa vải thiều", Units());
  ASSERT_TRUE(over) << over.error().message_en;
  EXPECT_TRUE(over->overridden);
  EXPECT_EQ(over->lead_unit_id, Id("bac-ninh-2025"));
  EXPECT_EQ(over->rotation_unit_id, Id("thai-nguyen-2025"));
  EXPECT_EQ(over->reason, "Mùa vải thiều");
}

CooperationTask Task(std::int64_t id, int owner, Date deadline, TaskStatus status) {
  CooperationTask t;
  t.id = id;
  t.plan_id = 7;
  t.title = "Nhiệm vụ";
  t.owner_unit_id = owner;
  t.deadline = deadline;
  t.status = status;
  return t;
}

TEST(Overdue, IsComputedFromTheDeadlineAndTodayForOpenTasksOnly) {
  Date today{2026, 11, 26};
  CooperationTask t = Task(1, Id("lang-son"), {2026, 11, 25}, TaskStatus::kInProgress);
  EXPECT_TRUE(IsOverdue(t, today));
  EXPECT_EQ(DaysOverdue(t, today), 1);
  t.deadline = today;
  EXPECT_FALSE(IsOverdue(t, today)) << "due today is not late yet";
  t.deadline = {2026, 6, 30};
  t.status = TaskStatus::kDone;
  EXPECT_FALSE(IsOverdue(t, today));
  t.status = TaskStatus::kCancelled;
  EXPECT_FALSE(IsOverdue(t, today));

  std::vector<CooperationTask> tasks = {
      Task(1, Id("lang-son"), {2026, 10, 1}, TaskStatus::kNotStarted),
      Task(2, Id("bac-ninh-2025"), {2026, 6, 1}, TaskStatus::kInProgress),
      Task(3, Id("lang-son"), {2026, 12, 1}, TaskStatus::kNotStarted),
      Task(4, Id("lang-son"), {2026, 3, 1}, TaskStatus::kDone)};
  auto overdue = OverdueTasks(tasks, today);
  ASSERT_EQ(overdue.size(), 2u);
  EXPECT_EQ(overdue[0].task->id, 2);
  EXPECT_EQ(overdue[0].days_overdue, 178);
  EXPECT_EQ(overdue[1].task->id, 1);
}

TEST(TaskStatus, DoneNeedsEvidenceAndCancelledReopensAsNotStarted) {
  CooperationTask t = Task(1, Id("lang-son"), {2026, 10, 1}, TaskStatus::kInProgress);
  EXPECT_EQ(ChangeTaskStatus(&t, TaskStatus::kDone).error().code, ErrorCode::kFailedPrecondition);
  t.evidence_link = "https://sct.langson.gov.vn/tin-tuc/hoi-cho";
  EXPECT_TRUE(ChangeTaskStatus(&t, TaskStatus::kDone));
  EXPECT_TRUE(ChangeTaskStatus(&t, TaskStatus::kCancelled));
  EXPECT_FALSE(ChangeTaskStatus(&t, TaskStatus::kInProgress));
  EXPECT_TRUE(ChangeTaskStatus(&t, TaskStatus::kNotStarted));
  EXPECT_TRUE(ParseTaskStatus("in_progress"));
  EXPECT_FALSE(ParseTaskStatus("overdue")) << "overdue is computed, never a stored status";
  EXPECT_FALSE(ValidateEvidenceLink("javascript:alert(1)"));
  EXPECT_TRUE(ValidateEvidenceLink(""));
}

TEST(TaskStatus, ValidatesOwnerAndDeadlineAgainstThePlan) {
  Agreement a = Midlands();
  AnnualPlan plan;
  plan.id = 7;
  plan.year = 2026;
  CooperationTask t = Task(0, Id("bac-giang"), {2026, 6, 30}, TaskStatus::kNotStarted);
  EXPECT_TRUE(ValidateTask(t, a, plan, Units())) << "Bắc Giang's id stands for Bắc Ninh";
  t.owner_unit_id = Id("ha-noi");
  EXPECT_FALSE(ValidateTask(t, a, plan, Units()));
  t.owner_unit_id = Id("lang-son");
  t.deadline = {2027, 1, 5};
  EXPECT_FALSE(ValidateTask(t, a, plan, Units()));
}

TEST(EntityLink, ParsesEventsAndDealsOnly) {
  auto e = ParseEntityLink("event:12");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, "event");
  EXPECT_EQ(e->id, 12);
  EXPECT_EQ(ParseEntityLink("deal:7")->Text(), "deal:7");
  for (const char* bad : {"event:", "event:0", "listing:3", "deal:-1", "deal:1x", "event12"})
    EXPECT_FALSE(ParseEntityLink(bad)) << bad;
}

TEST(Consolidation, ListsEveryPartysReportAndTheMissingOnes) {
  Agreement a = Midlands();
  AnnualPlan plan;
  plan.id = 7;
  plan.year = 2026;
  auto h1 = *core::Period::Parse("2026-H1");
  std::vector<ProgressReport> reports(3);
  reports[0] = {1, 7, Id("lang-son"), h1, "Đã tổ chức hội chợ", 1, "2026-07-01T00:00:00Z"};
  reports[1] = {2, 7, Id("lang-son"), h1, "Bản sửa", 1, "2026-07-03T00:00:00Z"};
  // Filed by an account of the old Bắc Giang: counts for Bắc Ninh.
  reports[2] = {3, 7, Id("bac-giang"), h1, "Vải thiều", 2, "2026-07-02T00:00:00Z"};
  std::vector<CooperationTask> tasks = {
      Task(1, Id("lang-son"), {2026, 3, 1}, TaskStatus::kDone),
      Task(2, Id("lang-son"), {2026, 5, 1}, TaskStatus::kInProgress),
      Task(3, Id("bac-ninh-2025"), {2026, 12, 1}, TaskStatus::kNotStarted)};
  ConsolidatedReport c = Consolidate(a, plan, h1, reports, tasks, {2026, 11, 26}, Units());
  ASSERT_EQ(c.entries.size(), 3u);
  EXPECT_EQ(c.entries[0].unit_id, Id("bac-ninh-2025"));
  ASSERT_NE(c.entries[0].report, nullptr);
  EXPECT_EQ(c.entries[0].report->id, 3);
  ASSERT_NE(c.entries[1].report, nullptr);
  EXPECT_EQ(c.entries[1].report->id, 2) << "the latest of a party's reports";
  EXPECT_EQ(c.entries[2].report, nullptr);
  ASSERT_EQ(c.missing.size(), 1u);
  EXPECT_EQ(c.missing[0], Id("thai-nguyen-2025"));
  EXPECT_EQ(c.tasks_total, 3);
  EXPECT_EQ(c.tasks_done, 1);
  EXPECT_EQ(c.tasks_overdue, 1);
  ProgressReport late = reports[0];
  late.period = *core::Period::Parse("2025-H1");
  EXPECT_FALSE(ValidateReport(late, a, plan, Units()));
  EXPECT_TRUE(ValidateReport(reports[2], a, plan, Units()));
}

DepartmentRequest Lychee() {
  DepartmentRequest r;
  r.from_unit_id = Id("bac-ninh-2025");
  r.subject = "Hỗ trợ tiêu thụ vải thiều";
  r.body = "Đề nghị hỗ trợ kết nối tiêu thụ vải thiều tháng 6";
  r.deadline = {2026, 12, 10};
  r.focal = {"Nguyễn Văn A", "Phó Trưởng phòng", "0912 345 678", ""};
  r.recipients.resize(2);
  r.recipients[0].unit_id = Id("thanh-hoa");
  r.recipients[1].unit_id = Id("ha-noi");
  return r;
}

TEST(DepartmentRequest, ValidatesRecipientsDeadlineAndFocalPoint) {
  Date today{2026, 11, 26};
  DepartmentRequest r = Lychee();
  ASSERT_TRUE(ValidateRequest(&r, today, Units()));
  EXPECT_EQ(r.focal.phone, "+84912345678");
  DepartmentRequest self = Lychee();
  self.recipients[0].unit_id = Id("bac-giang");
  EXPECT_FALSE(ValidateRequest(&self, today, Units())) << "Bắc Giang is now Bắc Ninh";
  DepartmentRequest past = Lychee();
  past.deadline = {2026, 11, 1};
  EXPECT_FALSE(ValidateRequest(&past, today, Units()));
  DepartmentRequest nobody = Lychee();
  nobody.focal = {"Nguyễn Văn A", "", "", ""};
  EXPECT_FALSE(ValidateRequest(&nobody, today, Units()));
}

TEST(DepartmentRequest, StatesAndReminders) {
  DepartmentRequest r = Lychee();
  RequestRecipient& th = r.recipients[0];
  EXPECT_FALSE(AnswerRequest(&th, "Đồng ý", std::nullopt, "t")) << "no focal point named yet";
  ASSERT_TRUE(AcknowledgeRequest(&th, {"Lê Thị B", "Chuyên viên", "", "b@sct.thanhhoa.gov.vn"}));
  EXPECT_EQ(th.state, DeptRequestState::kAcknowledged);
  EXPECT_FALSE(AcknowledgeRequest(&th, {"Lê Thị B", "", "", "b@x.vn"}));
  EXPECT_FALSE(AnswerRequest(&th, " ", std::nullopt, "t"));
  ASSERT_TRUE(
      AnswerRequest(&th, "Hệ thống siêu thị nhận 300 tấn", std::nullopt, "2026-11-27T01:00:00Z"));
  EXPECT_EQ(th.state, DeptRequestState::kAnswered);
  EXPECT_FALSE(DeclineRequest(&th, "muộn", "t"));
  RequestRecipient& hn = r.recipients[1];
  EXPECT_FALSE(RequestNeedsReminder(r, hn, {2026, 12, 1}));
  EXPECT_TRUE(RequestNeedsReminder(r, hn, {2026, 12, 7}));
  hn.reminded_on = "2026-12-07";
  EXPECT_FALSE(RequestNeedsReminder(r, hn, {2026, 12, 7}));
  EXPECT_TRUE(RequestNeedsReminder(r, hn, {2026, 12, 8}));
  EXPECT_FALSE(RequestNeedsReminder(r, th, {2026, 12, 8})) << "answered";
  ASSERT_TRUE(CloseRequest(&r));
  EXPECT_EQ(hn.state, DeptRequestState::kClosed);
  EXPECT_FALSE(CloseRequest(&r));
}

TEST(Upload, RefusesEmptyOversizedAndPathNames) {
  EXPECT_TRUE(ValidateUpload("bien-ban.pdf", 1000));
  EXPECT_EQ(ValidateUpload("a.pdf", kMaxDocumentBytes + 1).error().code,
            ErrorCode::kResourceExhausted);
  EXPECT_FALSE(ValidateUpload("a.pdf", 0));
  EXPECT_FALSE(ValidateUpload("../etc/passwd", 10));
}

}  // namespace
}  // namespace lienket::linkage
