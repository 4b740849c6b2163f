// SqliteCooperationStore over a fresh database: agreements with parties in rotation order and
// documents with a file (size, SHA-256, bytes back), one plan per year, tasks with status,
// evidence and event/deal links, progress reports, requests with one row per receiving
// Department, the illustrative demo loaded and removed. Every write leaves an audit row.
#include "store/sqlite_cooperation_store.hpp"
#include "store/test_database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "access/user.hpp"

namespace lienket::store {
namespace {

namespace fs = std::filesystem;
using core::Date;
using core::ErrorCode;

class SqliteCooperationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_coop_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    database_ = std::make_unique<TestDatabase>((dir_ / "test.db").string());
    auto store = SqliteStore::Open(database_->url());
    ASSERT_TRUE(store) << store.error().message_en;
    store_ = std::move(*store);
    auto units = store_->LoadUnits();
    ASSERT_TRUE(units) << units.error().message_en;
    units_ = std::move(*units);
    coop_ = std::make_unique<SqliteCooperationStore>(store_.get(), &units_);
  }
  void TearDown() override {
    coop_.reset();
    store_.reset();
    database_.reset();
    fs::remove_all(dir_);
  }

  int Unit(std::string_view key) { return units_.FindByKey(key)->id; }
  std::int64_t Count(std::string_view sql, std::string_view param) {
    auto s = store_->db()->Prepare(sql);
    s->Bind(1, param);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }
  std::int64_t AuditRows(std::string_view entity) {
    return Count("SELECT COUNT(*) FROM audit_log WHERE entity = ?1", entity);
  }
  linkage::DirectoryChange Change(std::string action) {
    linkage::DirectoryChange c;
    c.user_login = "test";
    c.via = "cli";
    c.action = std::move(action);
    return c;
  }
  linkage::Agreement Agreement() {
    linkage::Agreement a;
    a.title = "Hợp tác thương mại";
    a.kind = linkage::AgreementKind::kRegional;
    a.parties = {Unit("lang-son"), Unit("bac-giang"), Unit("thai-nguyen")};
    a.signed_on = a.valid_from = {2024, 4, 1};
    a.valid_to = Date{2027, 12, 31};
    a.fields = {"xúc tiến thương mại", "OCOP"};
    return a;
  }

  fs::path dir_;
  std::unique_ptr<TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::unique_ptr<SqliteStore> store_;
  stats::UnitCatalog units_;
  std::unique_ptr<SqliteCooperationStore> coop_;
};

TEST_F(SqliteCooperationStoreTest, AgreementRoundTripsWithPartiesAndDocuments) {
  auto id = coop_->CreateAgreement(Agreement(), Change("agreement_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  linkage::AgreementDocument doc;
  doc.agreement_id = *id;
  doc.title = "Biên bản ghi nhớ";
  doc.number = "01/BB";
  doc.issued_on = {2024, 4, 1};
  std::string bytes = std::string("%PDF-1.4\n\x00\xff binary", 20);
  auto doc_id = coop_->AddDocument(
      doc, SqliteCooperationStore::Upload{"bien-ban.pdf", "application/pdf", bytes},
      Change("agreement_document"));
  ASSERT_TRUE(doc_id) << doc_id.error().message_en;
  auto found = coop_->FindAgreement(*id);
  ASSERT_TRUE(found && *found);
  const linkage::Agreement& a = **found;
  EXPECT_EQ(a.parties,
            (std::vector<int>{Unit("lang-son"), Unit("bac-giang"), Unit("thai-nguyen")}));
  EXPECT_EQ(a.fields.size(), 2u);
  ASSERT_TRUE(a.valid_to);
  EXPECT_EQ(a.valid_to->ToString(), "2027-12-31");
  ASSERT_EQ(a.documents.size(), 1u);
  ASSERT_TRUE(a.documents[0].file);
  EXPECT_EQ(a.documents[0].file->size, 20);
  EXPECT_EQ(a.documents[0].file->sha256, access::Sha256Hex(bytes));
  auto file = coop_->ReadFile(a.documents[0].file->id);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->second, bytes);
  EXPECT_EQ(AuditRows(fmt::format("agreement:{}", *id)), 2);

  linkage::Agreement changed = a;
  changed.title = "Hợp tác thương mại và OCOP";
  changed.parties = {Unit("thai-nguyen"), Unit("lang-son"), Unit("bac-giang")};
  ASSERT_TRUE(coop_->UpdateAgreement(changed, Change("agreement_update")));
  auto again = coop_->FindAgreement(*id);
  EXPECT_EQ((*again)->parties[0], Unit("thai-nguyen"));
  EXPECT_EQ((*again)->title, "Hợp tác thương mại và OCOP");
  EXPECT_EQ(AuditRows(fmt::format("agreement:{}", *id)), 3);

  linkage::Agreement bad = Agreement();
  bad.parties.pop_back();
  EXPECT_EQ(coop_->CreateAgreement(bad, Change("agreement_create")).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(coop_->ListAgreements()->size(), 1u);
}

TEST_F(SqliteCooperationStoreTest, PlansTasksLinksAndReports) {
  linkage::Agreement a = Agreement();
  a.id = *coop_->CreateAgreement(a, Change("agreement_create"));
  linkage::AnnualPlan plan;
  plan.agreement_id = a.id;
  plan.year = 2026;
  plan.lead = *linkage::ChooseLead(a, 2026, Unit("lang-son"), "Lạng Sơn đăng cai hội chợ", units_);
  plan.title = "Kế hoạch 2026";
  auto plan_id = coop_->CreatePlan(plan, Change("plan_create"));
  ASSERT_TRUE(plan_id) << plan_id.error().message_en;
  EXPECT_EQ(coop_->CreatePlan(plan, Change("plan_create")).error().code, ErrorCode::kAlreadyExists);
  auto stored_plan = coop_->FindPlan(*plan_id);
  ASSERT_TRUE(stored_plan && *stored_plan);
  EXPECT_TRUE((*stored_plan)->lead.overridden);
  EXPECT_EQ((*stored_plan)->lead.reason, "Lạng Sơn đăng cai hội chợ");
  EXPECT_EQ((*stored_plan)->lead.rotation_unit_id, Unit("thai-nguyen-2025"));

  linkage::CooperationTask t;
  t.plan_id = *plan_id;
  t.title = "Gian hàng chung";
  t.owner_unit_id = Unit("lang-son");
  t.deadline = {2026, 5, 31};
  t.links = {*linkage::ParseEntityLink("event:3")};
  auto task_id = coop_->CreateTask(t, Change("task_create"));
  ASSERT_TRUE(task_id);
  auto task = coop_->FindTask(*task_id);
  ASSERT_TRUE(task && *task);
  EXPECT_EQ((*task)->agreement_id, a.id);
  EXPECT_EQ((*task)->status, linkage::TaskStatus::kNotStarted);
  linkage::CooperationTask done = **task;
  done.evidence_text = "Đã tổ chức";
  done.links.push_back(*linkage::ParseEntityLink("deal:9"));
  ASSERT_TRUE(linkage::ChangeTaskStatus(&done, linkage::TaskStatus::kDone));
  ASSERT_TRUE(coop_->UpdateTask(done,
                                SqliteCooperationStore::Upload{"anh.jpg", "image/jpeg", "JPEGDATA"},
                                Change("task_update")));
  auto after = coop_->FindTask(*task_id);
  EXPECT_EQ((*after)->status, linkage::TaskStatus::kDone);
  ASSERT_TRUE((*after)->evidence_file);
  EXPECT_EQ((*after)->evidence_file->file_name, "anh.jpg");
  EXPECT_EQ((*after)->links.size(), 2u);
  EXPECT_EQ(coop_->TasksLinkedTo("deal:9")->size(), 1u);
  EXPECT_EQ(coop_->TasksLinkedTo("event:4")->size(), 0u);
  EXPECT_EQ(coop_->ListTasks(a.id)->size(), 1u);
  EXPECT_EQ(coop_->ListTasks(0)->size(), 1u);
  EXPECT_EQ(AuditRows(fmt::format("task:{}", *task_id)), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = ?1 AND old_value LIKE "
                  "'%not_started%' AND new_value LIKE '%done%'",
                  fmt::format("task:{}", *task_id)),
            1);

  linkage::ProgressReport r;
  r.plan_id = *plan_id;
  r.unit_id = Unit("lang-son");
  r.period = *core::Period::Parse("2026-H1");
  r.body = "Tiến độ tốt";
  ASSERT_TRUE(coop_->AddReport(r, a.id, Change("report_add")));
  auto reports = coop_->ListReports(*plan_id);
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].period.Code(), "2026-H1");
}

TEST_F(SqliteCooperationStoreTest, RequestsHaveOneStatePerReceivingDepartment) {
  linkage::DepartmentRequest r;
  r.from_unit_id = Unit("bac-ninh-2025");
  r.subject = "Tiêu thụ vải thiều";
  r.body = "Đề nghị hỗ trợ";
  r.deadline = {2099, 6, 1};
  r.focal = {"Nguyễn A", "Chuyên viên", "", "a@example.vn"};
  r.recipients.resize(2);
  r.recipients[0].unit_id = Unit("thanh-hoa");
  r.recipients[1].unit_id = Unit("ha-noi");
  auto id = coop_->CreateRequest(r, Change("request_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  EXPECT_EQ(coop_->ListRequests({Unit("thanh-hoa")}, {})->size(), 0u) << "not its outbox";
  EXPECT_EQ(coop_->ListRequests({}, {Unit("thanh-hoa")})->size(), 1u);
  EXPECT_EQ(coop_->ListRequests({Unit("bac-ninh-2025")}, {})->size(), 1u);
  EXPECT_EQ(coop_->ListRequests({}, {Unit("lang-son")})->size(), 0u);
  auto found = coop_->FindRequest(*id);
  ASSERT_TRUE(found && *found);
  linkage::RequestRecipient th = (*found)->recipients[0].unit_id == Unit("thanh-hoa")
                                     ? (*found)->recipients[0]
                                     : (*found)->recipients[1];
  ASSERT_TRUE(linkage::AnswerRequest(&th, "Nhận 300 tấn",
                                     linkage::FocalPoint{"Lê B", "Phó phòng", "0912345678", ""},
                                     "2026-11-26T00:00:00Z"));
  ASSERT_TRUE(coop_->UpdateRecipient(
      *id, th, {SqliteCooperationStore::Upload{"tra-loi.pdf", "application/pdf", "PDF"}},
      Change("request_answer")));
  auto after = coop_->FindRequest(*id);
  for (const auto& rr : (*after)->recipients) {
    if (rr.unit_id == Unit("thanh-hoa")) {
      EXPECT_EQ(rr.state, linkage::DeptRequestState::kAnswered);
      EXPECT_EQ(rr.focal.phone, "+84912345678");
      ASSERT_EQ(rr.attachments.size(), 1u);
      EXPECT_EQ(rr.attachments[0].size, 3);
    } else {
      EXPECT_EQ(rr.state, linkage::DeptRequestState::kSent);
    }
  }
  EXPECT_EQ(AuditRows(fmt::format("request:{}", *id)), 2);
}

TEST_F(SqliteCooperationStoreTest, IllustrativeDemoLoadsWithOverdueTasksAndIsRemovedWhole) {
  Date today{2026, 11, 26};
  auto loaded = coop_->LoadIllustrative(today);
  ASSERT_TRUE(loaded) << loaded.error().message_en;
  auto again = coop_->LoadIllustrative(today);
  ASSERT_TRUE(again) << "loading twice replaces";
  auto agreements = coop_->ListAgreements();
  ASSERT_EQ(agreements->size(), 1u);
  EXPECT_EQ((*agreements)[0].dataset, "illustrative");
  EXPECT_NE((*agreements)[0].title.find("minh họa"), std::string::npos);
  auto plans = coop_->ListPlans((*agreements)[0].id);
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].lead.lead_unit_id, Unit("thai-nguyen-2025"));
  auto tasks = coop_->ListTasks(0);
  EXPECT_GE(linkage::OverdueTasks(*tasks, today).size(), 2u);
  EXPECT_EQ(coop_->ListRequests({}, {Unit("thanh-hoa")})->size(), 1u);
  EXPECT_EQ(*coop_->DeleteDataset("illustrative"), 2);
  EXPECT_EQ(coop_->ListAgreements()->size(), 0u);
  EXPECT_EQ(coop_->ListTasks(0)->size(), 0u);
  EXPECT_EQ(coop_->ListRequests({}, {})->size(), 0u);
}

}  // namespace
}  // namespace lienket::store
