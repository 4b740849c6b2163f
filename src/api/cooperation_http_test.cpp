// Cooperation programmes and requests between Departments over HTTP: an agreement among Northern
// provinces with this year's plan; the lead province's officer sees the overdue tasks (by owner,
// days overdue); another province's officer cannot change a task it does not own; a progress
// report and the lead's consolidation with the missing parties; a request routed to the
// receiving Department's inbox (not to others), acknowledged and answered with an attachment,
// seen by the sender; every change audited.
#include <gtest/gtest.h>

#include <set>

#include "api/http_test_util.hpp"

namespace lienket::api {
namespace {

using testing::Answer;
using testing::Caller;
using testing::SmtpSink;
using testing::TestServer;

class CooperationHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddStandardUsers();
    server_.AddUser("officer.ls", access::Role::kOfficer, "lang-son", "", "can-bo@langson.example");
    server_.AddUser("officer.tn", access::Role::kOfficer, "thai-nguyen-2025");
    server_.AddUser("officer.bn", access::Role::kOfficer, "bac-ninh-2025");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa", "",
                    "can-bo@thanhhoa.example");
    server_.Start();
  }

  Caller As(const std::string& login) {
    Caller c(server_.port());
    Answer a = c.Login(login);
    EXPECT_EQ(a.status, 200) << a.body;
    return c;
  }

  std::int64_t AuditRows(const std::string& entity) {
    std::lock_guard lock(server_.service().mutex());
    auto s = server_.service().ctx().store->db()->Prepare(
        "SELECT COUNT(*) FROM audit_log WHERE entity = ?1");
    s->Bind(1, entity);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }

  // An agreement signed this year by Lạng Sơn, Thái Nguyên and Bắc Ninh (rotation order), this
  // year's plan (the rotation gives Lạng Sơn), a task of Thái Nguyên overdue (deadline 1 January
  // unless today is 1 January) and one of Lạng Sơn due on 31 December.
  struct Setup {
    std::int64_t agreement = 0, plan = 0, late_task = 0, own_task = 0;
  };
  Setup MakeProgramme() {
    core::Date today = core::Date::Today();
    Setup s;
    Caller ls = As("officer.ls");
    Answer a = ls.Post("/api/cooperation/agreements",
                       {{"title", "Hợp tác xúc tiến thương mại"},
                        {"kind", "regional"},
                        {"parties", {"lang-son", "thai-nguyen-2025", "bac-ninh-2025"}},
                        {"signed_on", fmt::format("{}-01-01", today.year)},
                        {"fields", {"xúc tiến thương mại"}}});
    EXPECT_EQ(a.status, 201) << a.body;
    s.agreement = a.Json()["agreement"]["id"].get<std::int64_t>();
    Answer p = ls.Post(fmt::format("/api/cooperation/agreements/{}/plans", s.agreement),
                       {{"year", today.year}});
    EXPECT_EQ(p.status, 201) << p.body;
    EXPECT_EQ(p.Json()["plan"]["lead"]["key"], "lang-son");
    s.plan = p.Json()["plan"]["id"].get<std::int64_t>();
    Answer t1 = ls.Post(fmt::format("/api/cooperation/plans/{}/tasks", s.plan),
                        {{"title", "Gian hàng chung tại hội chợ"},
                         {"owner", "thai-nguyen-2025"},
                         {"deadline", fmt::format("{}-01-01", today.year)},
                         {"links", {"event:1"}}});
    EXPECT_EQ(t1.status, 201) << t1.body;
    s.late_task = t1.Json()["task"]["id"].get<std::int64_t>();
    Answer t2 = ls.Post(fmt::format("/api/cooperation/plans/{}/tasks", s.plan),
                        {{"title", "Danh mục OCOP"},
                         {"owner", "lang-son"},
                         {"deadline", fmt::format("{}-12-31", today.year)}});
    EXPECT_EQ(t2.status, 201) << t2.body;
    s.own_task = t2.Json()["task"]["id"].get<std::int64_t>();
    return s;
  }

  TestServer server_;
};

TEST_F(CooperationHttpTest, TheLeadProvinceSeesOverdueTasksByOwner) {
  core::Date today = core::Date::Today();
  if (today.month == 1 && today.day == 1) GTEST_SKIP() << "no day of this year is past yet";
  Setup s = MakeProgramme();
  Caller lead = As("officer.ls");
  Answer o = lead.Get("/api/cooperation/overdue");
  ASSERT_EQ(o.status, 200) << o.body;
  ASSERT_EQ(o.Json()["tasks"].size(), 1u) << o.body;
  const nlohmann::json& row = o.Json()["tasks"][0];
  EXPECT_EQ(row["id"], s.late_task);
  EXPECT_EQ(row["owner"]["key"], "thai-nguyen-2025");
  EXPECT_TRUE(row["as_lead"].get<bool>());
  EXPECT_EQ(row["days_overdue"].get<int>(), core::DaysBetween(core::Date{today.year, 1, 1}, today));
  EXPECT_EQ(row["links"][0], "event:1");
  ASSERT_EQ(o.Json()["by_owner"].size(), 1u);
  EXPECT_EQ(o.Json()["by_owner"][0]["count"], 1);

  // The coordinator of the region sees it too; a province outside the agreement sees nothing.
  Answer c = As("coord").Get("/api/cooperation/overdue");
  EXPECT_EQ(c.Json()["tasks"].size(), 1u);
  Answer other = As("officer.na").Get("/api/cooperation/overdue");
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(other.Json()["tasks"].empty());
  EXPECT_EQ(As("enterprise").Get("/api/cooperation/overdue").status, 403);
  EXPECT_EQ(Caller(server_.port()).Get("/api/cooperation/overdue").status, 401);

  // Done with evidence: no longer overdue. The agreement's page shows the status.
  Caller owner = As("officer.tn");
  Answer done =
      owner.Patch(fmt::format("/api/cooperation/tasks/{}", s.late_task), {{"status", "done"}});
  EXPECT_EQ(done.status, 409) << "done needs evidence: " << done.body;
  EXPECT_TRUE(testing::IsErrorShape(done));
  done = owner.Patch(fmt::format("/api/cooperation/tasks/{}", s.late_task),
                     {{"status", "done"},
                      {"evidence_text", "Đã tổ chức gian hàng"},
                      {"evidence_link", "https://example.vn/tin-tuc"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(done.Json()["task"]["overdue"].get<bool>());
  EXPECT_TRUE(lead.Get("/api/cooperation/overdue").Json()["tasks"].empty());
  EXPECT_EQ(AuditRows(fmt::format("task:{}", s.late_task)), 2);
}

TEST_F(CooperationHttpTest, AnotherProvincesOfficerCannotChangeATaskItDoesNotOwn) {
  Setup s = MakeProgramme();
  // Lạng Sơn leads the plan but does not own Thái Nguyên's task.
  Answer a = As("officer.ls")
                 .Patch(fmt::format("/api/cooperation/tasks/{}", s.late_task),
                        {{"status", "in_progress"}});
  EXPECT_EQ(a.status, 403) << a.body;
  EXPECT_TRUE(testing::IsErrorShape(a));
  EXPECT_NE(a.Json()["error"]["message_vi"].get<std::string>().find("Thái Nguyên"),
            std::string::npos);
  Answer b =
      As("officer.bn")
          .Patch(fmt::format("/api/cooperation/tasks/{}", s.own_task), {{"status", "in_progress"}});
  EXPECT_EQ(b.status, 403);
  // Nor assign tasks in a plan it does not lead.
  Answer c = As("officer.bn")
                 .Post(fmt::format("/api/cooperation/plans/{}/tasks", s.plan),
                       {{"title", "x"},
                        {"owner", "bac-ninh-2025"},
                        {"deadline", fmt::format("{}-12-31", core::Date::Today().year)}});
  EXPECT_EQ(c.status, 403);
  // The owner can.
  Answer d = As("officer.ls")
                 .Patch(fmt::format("/api/cooperation/tasks/{}", s.own_task),
                        {{"status", "in_progress"}, {"links", {"deal:4"}}});
  EXPECT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.Json()["task"]["status"], "in_progress");
  // Unknown fields and statuses are refused, nothing changes.
  EXPECT_EQ(
      As("officer.ls")
          .Patch(fmt::format("/api/cooperation/tasks/{}", s.own_task), {{"status", "overdue"}})
          .status,
      400);
  EXPECT_EQ(
      As("officer.ls")
          .Patch(fmt::format("/api/cooperation/tasks/{}", s.own_task), {{"owner", "lang-son"}})
          .status,
      400);
  EXPECT_EQ(AuditRows(fmt::format("task:{}", s.late_task)), 1);
  EXPECT_EQ(AuditRows(fmt::format("task:{}", s.own_task)), 2);
}

TEST_F(CooperationHttpTest, ReportsAreConsolidatedByTheLeadWithTheMissingParties) {
  Setup s = MakeProgramme();
  int year = core::Date::Today().year;
  Answer r = As("officer.tn")
                 .Post(fmt::format("/api/cooperation/plans/{}/reports", s.plan),
                       {{"period", fmt::format("{}-H1", year)}, {"body", "Đã chuẩn bị gian hàng"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(As("officer.tn")
                .Post(fmt::format("/api/cooperation/plans/{}/reports", s.plan),
                      {{"unit", "lang-son"}, {"period", fmt::format("{}-H1", year)}, {"body", "x"}})
                .status,
            403);
  Answer c =
      As("officer.ls")
          .Get(fmt::format("/api/cooperation/plans/{}/consolidated?period={}-H1", s.plan, year));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.Json()["entries"].size(), 3u);
  EXPECT_EQ(c.Json()["missing"].size(), 2u);
  EXPECT_EQ(c.Json()["tasks"]["total"], 2);
  EXPECT_EQ(
      As("officer.tn").Get(fmt::format("/api/cooperation/plans/{}/consolidated", s.plan)).status,
      403)
      << "only the lead consolidates";
  Answer detail = As("officer.th").Get(fmt::format("/api/cooperation/agreements/{}", s.agreement));
  ASSERT_EQ(detail.status, 200);
  EXPECT_FALSE(detail.Json()["agreement"]["can_manage"].get<bool>());
  EXPECT_EQ(detail.Json()["agreement"]["plans"][0]["tasks"].size(), 2u);
  EXPECT_EQ(As("officer.th")
                .Patch(fmt::format("/api/cooperation/agreements/{}", s.agreement),
                       {{"title", "x"},
                        {"parties", {"lang-son", "thai-nguyen-2025", "bac-ninh-2025"}},
                        {"signed_on", fmt::format("{}-01-01", year)},
                        {"fields", {"a"}}})
                .status,
            403);
}

TEST_F(CooperationHttpTest, ARequestIsRoutedToTheReceivingDepartmentAndAnswered) {
  core::Date today = core::Date::Today();
  Caller bn = As("officer.bn");
  Answer sent = bn.Post(
      "/api/cooperation/requests",
      {{"to", {"thanh-hoa", "lang-son"}},
       {"subject", "Hỗ trợ tiêu thụ vải thiều tháng 6"},
       {"body", "Đề nghị giới thiệu siêu thị tiêu thụ vải thiều"},
       {"product", "Vải thiều"},
       {"quantity", "20.000 tấn"},
       {"deadline", fmt::format("{}-12-31", today.year + 1)},
       {"focal",
        {{"name", "Nguyễn Văn A"}, {"position", "Chuyên viên"}, {"phone", "0912 345 678"}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::int64_t id = sent.Json()["request"]["id"].get<std::int64_t>();
  EXPECT_EQ(sent.Json()["request"]["focal"]["phone"], "+84912345678");

  Caller th = As("officer.th");
  Answer inbox = th.Get("/api/cooperation/requests?box=inbox");
  ASSERT_EQ(inbox.status, 200);
  ASSERT_EQ(inbox.Json()["requests"].size(), 1u);
  EXPECT_TRUE(inbox.Json()["requests"][0]["can_reply"].get<bool>());
  EXPECT_EQ(inbox.Json()["waiting"], 1);
  // Not in Nghệ An's inbox, nor readable by it.
  EXPECT_TRUE(As("officer.na").Get("/api/cooperation/requests").Json()["requests"].empty());
  EXPECT_EQ(As("officer.na").Get(fmt::format("/api/cooperation/requests/{}", id)).status, 404);
  // The sender cannot answer its own request.
  EXPECT_EQ(bn.Post(fmt::format("/api/cooperation/requests/{}/reply", id), {{"reply", "x"}}).status,
            403);

  Answer ack = th.Post(fmt::format("/api/cooperation/requests/{}/acknowledge", id),
                       {{"focal",
                         {{"name", "Lê Thị B"},
                          {"position", "Phó Trưởng phòng"},
                          {"email", "b@thanhhoa.example"}}}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  Answer reply = th.Post(fmt::format("/api/cooperation/requests/{}/reply", id),
                         {{"reply", "Hệ thống siêu thị trên địa bàn nhận tiêu thụ"},
                          {"attachments",
                           {{{"file_name", "danh-sach.csv"},
                             {"content_type", "text/csv"},
                             {"content_base64", "c2lldSB0aGksc28gbHVvbmcK"}}}}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(reply.Json()["request"]["can_reply"].get<bool>());
  EXPECT_EQ(
      th.Post(fmt::format("/api/cooperation/requests/{}/reply", id), {{"reply", "again"}}).status,
      409);

  Answer outbox = bn.Get("/api/cooperation/requests?box=outbox");
  ASSERT_EQ(outbox.Json()["requests"].size(), 1u);
  std::string file_url;
  for (const auto& rr : outbox.Json()["requests"][0]["recipients"]) {
    if (rr["unit"]["key"] == "thanh-hoa") {
      EXPECT_EQ(rr["state"], "answered");
      EXPECT_EQ(rr["focal"]["name"], "Lê Thị B");
      ASSERT_EQ(rr["attachments"].size(), 1u);
      file_url = rr["attachments"][0]["url"];
    } else {
      EXPECT_EQ(rr["state"], "sent");
    }
  }
  Answer file = bn.Get(file_url);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "sieu thi,so luong\n");
  EXPECT_EQ(As("officer.na").Get(file_url).status, 404) << "another Department's attachment";
  Answer closed = bn.Post(fmt::format("/api/cooperation/requests/{}/close", id));
  EXPECT_EQ(closed.status, 200) << closed.body;
  EXPECT_FALSE(closed.Json()["request"]["open"].get<bool>());
  EXPECT_EQ(AuditRows(fmt::format("request:{}", id)), 1 + 2 + 2);
}

TEST_F(CooperationHttpTest, TasksAreFoundByTheEventOrDealTheyProduced) {
  Setup s = MakeProgramme();
  Caller coord = As("coord");
  Answer a = coord.Get("/api/cooperation/tasks?linked=event:1");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(a.Json()["tasks"].size(), 1u);
  EXPECT_EQ(a.Json()["tasks"][0]["id"], s.late_task);
  EXPECT_TRUE(coord.Get("/api/cooperation/tasks?linked=deal:1").Json()["tasks"].empty());
  EXPECT_EQ(coord.Get("/api/cooperation/tasks?linked=listing:1").status, 400);
}

TEST_F(CooperationHttpTest, RemindersMarkRequestsNearTheirDeadlineOncePerDay) {
  core::Date today = core::Date::Today();
  // Two days from today, in ISO form (the reminder window is three days).
  core::Date soon = today;
  for (int i = 0; i < 2; ++i) {
    if (soon.day < core::DaysInMonth(soon.year, soon.month)) {
      ++soon.day;
    } else {
      soon.day = 1;
      soon.month = soon.month == 12 ? 1 : soon.month + 1;
      if (soon.month == 1) ++soon.year;
    }
  }
  Caller bn = As("officer.bn");
  Answer sent = bn.Post("/api/cooperation/requests",
                        {{"to", {"thanh-hoa"}},
                         {"subject", "Gấp"},
                         {"body", "Cần trả lời"},
                         {"deadline", soon.ToString()},
                         {"focal", {{"name", "Nguyễn A"}, {"email", "a@bacninh.example"}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_FALSE(sent.Json()["smtp_configured"].get<bool>());
  EXPECT_EQ(As("officer.th").Post("/api/cooperation/requests/reminders").Json()["reminded"].size(),
            0u)
      << "a receiving Department does not remind for the sender";
  Answer first = bn.Post("/api/cooperation/requests/reminders");
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.Json()["reminded"].size(), 1u);
  EXPECT_EQ(first.Json()["reminded"][0]["unit"]["key"], "thanh-hoa");
  EXPECT_TRUE(bn.Post("/api/cooperation/requests/reminders").Json()["reminded"].empty());
  Answer inbox = As("officer.th").Get("/api/cooperation/requests");
  EXPECT_EQ(inbox.Json()["requests"][0]["recipients"][0]["reminded_on"], today.ToString());
}

TEST_F(CooperationHttpTest, BadInputIsRefusedWithAClearError) {
  Caller ls = As("officer.ls");
  Answer a = ls.Post("/api/cooperation/agreements", {{"title", "x"},
                                                     {"kind", "bilateral"},
                                                     {"parties", {"lang-son"}},
                                                     {"signed_on", "2024-01-01"},
                                                     {"fields", {"a"}}});
  EXPECT_EQ(a.status, 400);
  EXPECT_TRUE(testing::IsErrorShape(a));
  EXPECT_EQ(
      ls.Post("/api/cooperation/agreements", {{"title", "x"},
                                              {"parties", {"nghe-an", "ha-tinh", "thanh-hoa"}},
                                              {"signed_on", "2024-01-01"},
                                              {"fields", {"a"}}})
          .status,
      403)
      << "not a party";
  EXPECT_EQ(ls.Post("/api/cooperation/requests", {{"to", {"lang-son"}},
                                                  {"subject", "x"},
                                                  {"body", "y"},
                                                  {"deadline", "2099-01-01"},
                                                  {"focal", {{"name", "A"}, {"email", "a@b.vn"}}}})
                .status,
            400)
      << "to itself";
}

// With an SMTP server configured, a new request is also e-mailed to each receiving Department's
// officers (one message per Department), never to the sender's or a third province's.
class CooperationSmtpTest : public ::testing::Test {
 protected:
  static ServiceConfig WithSmtp(int port) {
    ServiceConfig config;
    config.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
    config.smtp_from = "lienket@test.example";
    return config;
  }
  CooperationSmtpTest() : server_(WithSmtp(sink_.port())) {}
  void SetUp() override {
    server_.AddUser("officer.bn", access::Role::kOfficer, "bac-ninh-2025", "",
                    "can-bo@bacninh.example");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa", "",
                    "can-bo@thanhhoa.example");
    server_.AddUser("officer.ls", access::Role::kOfficer, "lang-son", "", "can-bo@langson.example");
    server_.AddUser("officer.na", access::Role::kOfficer, "nghe-an", "", "can-bo@nghean.example");
    server_.Start();
  }
  SmtpSink sink_;  // before the server, which is given its port
  TestServer server_;
};

TEST_F(CooperationSmtpTest, ANewRequestIsEMailedToEachReceivingDepartment) {
  Caller bn(server_.port());
  ASSERT_EQ(bn.Login("officer.bn").status, 200);
  Answer sent = bn.Post(
      "/api/cooperation/requests",
      {{"to", {"thanh-hoa", "lang-son"}},
       {"subject", "Hỗ trợ tiêu thụ vải thiều tháng 6"},
       {"body", "Đề nghị giới thiệu siêu thị tiêu thụ vải thiều"},
       {"deadline", fmt::format("{}-12-31", core::Date::Today().year + 1)},
       {"focal",
        {{"name", "Nguyễn Văn A"}, {"position", "Chuyên viên"}, {"phone", "0912 345 678"}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::vector<SmtpSink::Mail> mails = sink_.mails();
  ASSERT_EQ(mails.size(), 2u);
  std::set<std::string> recipients;
  for (const SmtpSink::Mail& m : mails) {
    ASSERT_EQ(m.recipients.size(), 1u);
    recipients.insert(m.recipients[0]);
    EXPECT_NE(testing::DecodedSubject(m.data).find("Hỗ trợ tiêu thụ vải thiều tháng 6"),
              std::string::npos)
        << m.data;
    std::string body = testing::DecodedBody(m.data);
    EXPECT_NE(body.find("Nguyễn Văn A"), std::string::npos) << body;
  }
  EXPECT_EQ(recipients,
            (std::set<std::string>{"can-bo@thanhhoa.example", "can-bo@langson.example"}));
}

}  // namespace
}  // namespace lienket::api
