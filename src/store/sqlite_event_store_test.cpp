// SqliteEventStore over a fresh database: an event with its sessions and minimums round trips,
// organisations register once with their sessions, a request is accepted once (creating its
// meeting) or declined, a schedule and a manual move persist with the meeting's id kept, the
// figures count requests, acceptances, placements, check-ins and held meetings, deals are
// "unknown" without a deals table, and the illustrative dataset is removed whole. Every write
// leaves an audit row naming the event or the meeting.
#include "store/sqlite_event_store.hpp"
#include "store/test_database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "store/sqlite_linkage_store.hpp"

namespace lienket::store {
namespace {

namespace fs = std::filesystem;
using core::Date;

std::string TaxCodeFrom(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}

class SqliteEventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_event_store_test_" + std::to_string(::getpid()) + "_" +
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
    linkage_ = std::make_unique<SqliteLinkageStore>(store_.get(), &units_);
    events_ = std::make_unique<SqliteEventStore>(store_.get());
  }
  void TearDown() override {
    events_.reset();
    linkage_.reset();
    store_.reset();
    database_.reset();
    fs::remove_all(dir_);
  }

  int Unit(std::string_view key) { return units_.FindByKey(key)->id; }

  std::int64_t Org(std::string name, long long nine, std::string_view unit) {
    linkage::DirectoryOrganisation d;
    d.organisation.kind = linkage::OrganisationKind::kCooperative;
    d.organisation.name = std::move(name);
    d.organisation.tax_code = *linkage::TaxCode::Parse(TaxCodeFrom(nine));
    d.organisation.unit_id = Unit(unit);
    d.organisation.registered_on = Date{2019, 3, 15};
    auto id = linkage_->CreateOrganisation(d, Change("organisation_create"));
    EXPECT_TRUE(id) << id.error().message_en;
    return id.value_or(0);
  }

  std::int64_t AuditRows(std::string_view entity) {
    auto s = store_->db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity = ?1");
    s->Bind(1, entity);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }

  static linkage::DirectoryChange Change(std::string action) {
    linkage::DirectoryChange c;
    c.user_login = "test";
    c.via = "cli";
    c.action = std::move(action);
    return c;
  }

  EventRecord Fair(std::string dataset = "observed") {
    EventRecord e;
    e.unit_id = Unit("bac-giang");
    e.title = "Hội nghị giao thương vải thiều 2026";
    e.venue = "Nhà văn hoá Lục Ngạn";
    e.starts_on = Date{2026, 6, 12};
    e.ends_on = Date{2026, 6, 12};
    e.slot_minutes = 20;
    e.state = linkage::EventState::kOpen;
    e.dataset = std::move(dataset);
    e.sessions = {{0, Date{2026, 6, 12}, 8 * 60, 10 * 60, 3},
                  {0, Date{2026, 6, 12}, 14 * 60, 15 * 60, 2}};
    e.province_minimums = {{Unit("thanh-hoa"), 2}};
    return e;
  }

  fs::path dir_;
  std::unique_ptr<TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::unique_ptr<SqliteStore> store_;
  stats::UnitCatalog units_;
  std::unique_ptr<SqliteLinkageStore> linkage_;
  std::unique_ptr<SqliteEventStore> events_;
};

TEST_F(SqliteEventStoreTest, EventRoundTripsWithSessionsAndMinimums) {
  auto id = events_->CreateEvent(Fair(), Change("event_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  auto e = events_->FindEvent(*id);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->title, "Hội nghị giao thương vải thiều 2026");
  EXPECT_EQ((*e)->state, linkage::EventState::kOpen);
  ASSERT_EQ((*e)->sessions.size(), 2u);
  EXPECT_EQ((*e)->sessions[0].starts_at, 480);
  EXPECT_EQ((*e)->sessions[1].tables, 2);
  ASSERT_EQ((*e)->province_minimums.size(), 1u);
  EXPECT_EQ((*e)->province_minimums[0].second, 2);
  EventRecord changed = **e;
  changed.title = "Hội nghị kết nối cung cầu";
  changed.province_minimums.clear();
  ASSERT_TRUE(events_->UpdateEvent(changed, false, Change("event_update")));
  auto again = events_->FindEvent(*id);
  EXPECT_EQ((*again)->title, "Hội nghị kết nối cung cầu");
  EXPECT_EQ((*again)->sessions.size(), 2u);
  EXPECT_TRUE((*again)->province_minimums.empty());
  ASSERT_TRUE(events_->SetEventState(*id, linkage::EventState::kClosed, Change("event_state")));
  EXPECT_EQ((*events_->FindEvent(*id))->state, linkage::EventState::kClosed);
  EXPECT_EQ(AuditRows(fmt::format("event:{}", *id)), 3);
  EXPECT_FALSE(*events_->FindEvent(*id + 1));
  EXPECT_EQ(events_->ListEvents()->size(), 1u);
}

TEST_F(SqliteEventStoreTest, RegistrationRequestsScheduleAndFigures) {
  std::int64_t event = *events_->CreateEvent(Fair(), Change("event_create"));
  auto sessions = (*events_->FindEvent(event))->sessions;
  std::int64_t bg = Org("HTX Vải thiều Lục Ngạn", 240100001, "bac-giang");
  std::int64_t th = Org("Siêu thị Thanh Hóa", 280100001, "thanh-hoa");
  ParticipantRecord p;
  p.event_id = event;
  p.organisation_id = bg;
  p.max_meetings = 5;
  p.session_ids = {sessions[0].id, sessions[1].id};
  auto a = events_->Register(p, Change("event_register"));
  ASSERT_TRUE(a) << a.error().message_en;
  auto twice = events_->Register(p, Change("event_register"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, core::ErrorCode::kAlreadyExists);
  p.organisation_id = th;
  p.session_ids = {sessions[1].id, 999999};  // a session of no event is ignored
  auto b = events_->Register(p, Change("event_register"));
  ASSERT_TRUE(b);
  auto list = *events_->ListParticipants(event);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].session_ids.size(), 2u);
  EXPECT_EQ(list[1].session_ids, std::vector<std::int64_t>{sessions[1].id});

  MeetingRequestRecord r;
  r.event_id = event;
  r.from_participant = *b;
  r.to_participant = *a;
  r.priority = linkage::RequestPriority::kMustMeet;
  auto req = events_->CreateRequest(r, Change("meeting_request"));
  ASSERT_TRUE(req) << req.error().message_en;
  EXPECT_FALSE(events_->CreateRequest(r, Change("meeting_request")));  // same direction twice
  r.from_participant = *a;
  r.to_participant = *b;
  r.priority = linkage::RequestPriority::kMeet;
  r.origin = "matching";
  auto back = events_->CreateRequest(r, Change("meeting_request"));
  ASSERT_TRUE(back);
  ASSERT_TRUE(events_->AnswerRequest(*req, true, 0, Change("meeting_accept")));
  auto again = events_->AnswerRequest(*req, false, 0, Change("meeting_decline"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(events_->AnswerRequest(*back, false, 0, Change("meeting_decline")));

  auto meetings = *events_->ListMeetings(event);
  ASSERT_EQ(meetings.size(), 1u);
  EXPECT_EQ(meetings[0].status, "unscheduled");
  EXPECT_EQ(meetings[0].first, *b);
  EXPECT_EQ(meetings[0].priority, linkage::RequestPriority::kMustMeet);
  std::int64_t mid = meetings[0].id;
  ASSERT_TRUE(events_->SaveSchedule(event, {{mid, 6, 1, ""}}, Change("event_schedule")));
  EXPECT_EQ((*events_->FindEvent(event))->state, linkage::EventState::kScheduledProvisional);
  ASSERT_TRUE(events_->MoveMeeting(mid, 7, 2, Change("meeting_move")));
  meetings = *events_->ListMeetings(event);
  EXPECT_EQ(meetings[0].id, mid);
  EXPECT_EQ(meetings[0].slot, 7);
  EXPECT_EQ(meetings[0].table, 2);
  EXPECT_TRUE(meetings[0].pinned);
  EXPECT_EQ(meetings[0].status, "provisional");
  ASSERT_TRUE(events_->Finalise(event, Change("event_finalise")));
  EXPECT_EQ((*events_->ListMeetings(event))[0].status, "final");
  ASSERT_TRUE(events_->CheckIn(*a, 0, Change("event_check_in")));
  ASSERT_TRUE(events_->MarkHeld(mid, false, Change("meeting_held")));

  auto f = events_->Figures(event);
  ASSERT_TRUE(f) << f.error().message_en;
  EXPECT_EQ(f->participants, 2);
  EXPECT_EQ(f->checked_in, 1);
  EXPECT_EQ(f->requested, 2);
  EXPECT_EQ(f->accepted, 1);
  EXPECT_EQ(f->declined, 1);
  EXPECT_EQ(f->scheduled, 1);
  EXPECT_EQ(f->held, 1);
  EXPECT_EQ(f->held_by_both, 0);
  EXPECT_TRUE(!f->deals || *f->deals == 0);  // without the deals tables: unknown
  EXPECT_EQ(AuditRows(fmt::format("meeting:{}", mid)), 2);
}

TEST_F(SqliteEventStoreTest, DealsAreCountedWhenTheirTablesExist) {
  std::int64_t event = *events_->CreateEvent(Fair(), Change("event_create"));
  auto before = events_->Figures(event);
  ASSERT_TRUE(before);
  if (!before->deals) {
    // A database without the deals feature: stand-ins with the columns the hook reads, as
    // migration 0007 provides them.
    ASSERT_TRUE(store_->db()->Exec(
        "CREATE TABLE deals (id INTEGER PRIMARY KEY, event_id INTEGER REFERENCES events(id));"
        "CREATE TABLE deal_lines (deal_id INTEGER NOT NULL REFERENCES deals(id), "
        "line_no INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (deal_id, line_no));"));
    auto d = store_->db()->Prepare("INSERT INTO deals (id, event_id) VALUES (1, ?1), (2, ?1)");
    d->Bind(1, event);
    ASSERT_TRUE(d->Run());
  } else {
    EXPECT_EQ(*before->deals, 0);
    std::int64_t seller = Org("HTX Vải thiều Lục Ngạn", 240100001, "bac-giang");
    std::int64_t buyer = Org("Siêu thị Thanh Hóa", 280100001, "thanh-hoa");
    auto d = store_->db()->Prepare(
        "INSERT INTO deals (id, type, title, signed_on, seller_id, buyer_id, origin_unit_id, "
        "destination_unit_id, event_id, dataset, created_at, updated_at) VALUES "
        "(1, 'mou', 'A', '2026-06-12', ?1, ?2, ?3, ?4, ?5, 'observed', 'x', 'x'), "
        "(2, 'mou', 'B', '2026-06-12', ?1, ?2, ?3, ?4, ?5, 'observed', 'x', 'x')");
    if (!d) GTEST_SKIP() << "the deals table changed: " << d.error().message_en;
    d->Bind(1, seller).Bind(2, buyer).Bind(3, std::int64_t{Unit("bac-giang")});
    d->Bind(4, std::int64_t{Unit("thanh-hoa")}).Bind(5, event);
    if (!d->Run()) GTEST_SKIP() << "the deals table changed";
  }
  const char* kShort =
      "INSERT INTO deal_lines (deal_id, line_no, value) VALUES (1, 0, '1500000000'), "
      "(1, 1, '250000000.5'), (2, 0, '100')";
  const char* kFull =
      "INSERT INTO deal_lines (deal_id, line_no, product_name, product_group, quantity, unit, "
      "value) VALUES (1, 0, 'Vải', 'food', '1', 'tan', '1500000000'), "
      "(1, 1, 'Vải', 'food', '1', 'tan', '250000000.5'), (2, 0, 'Vải', 'food', '1', 'tan', '100')";
  auto lines = store_->db()->Prepare(before->deals ? kFull : kShort);
  if (!lines) GTEST_SKIP() << "the deal_lines table changed: " << lines.error().message_en;
  if (!lines->Run()) GTEST_SKIP() << "the deal_lines table changed";
  auto f = events_->Figures(event);
  ASSERT_TRUE(f && f->deals);
  EXPECT_EQ(*f->deals, 2);
  ASSERT_TRUE(f->deal_value);
  EXPECT_EQ(*f->deal_value, "1750000100.5");
}

TEST_F(SqliteEventStoreTest, IllustrativeEventsAreRemovedWhole) {
  std::int64_t demo = *events_->CreateEvent(Fair("illustrative"), Change("demo"));
  std::int64_t real = *events_->CreateEvent(Fair(), Change("event_create"));
  ParticipantRecord p;
  p.event_id = demo;
  p.organisation_id = Org("HTX Demo", 240100002, "bac-giang");
  ASSERT_TRUE(events_->Register(p, Change("demo")));
  auto n = events_->DeleteDataset("illustrative");
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  EXPECT_FALSE(*events_->FindEvent(demo));
  EXPECT_TRUE(*events_->FindEvent(real));
  EXPECT_TRUE(events_->ListParticipants(demo)->empty());
}

TEST_F(SqliteEventStoreTest, TheDemoEventIsIllustrativeScheduledAndReplacedOnReload) {
  core::Date today{2026, 3, 10};
  EXPECT_FALSE(events_->LoadIllustrative(units_, today));  // no illustrative directory yet
  ASSERT_TRUE(linkage_->LoadIllustrative(today));
  auto first = events_->LoadIllustrative(units_, today);
  ASSERT_TRUE(first) << first.error().message_en;
  EXPECT_GE(first->participants, 20);
  EXPECT_GT(first->accepted, 20);
  EXPECT_GT(first->scheduled, first->accepted / 2);  // quotas and sessions leave some out
  auto e = events_->FindEvent(first->event_id);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->dataset, "illustrative");
  EXPECT_EQ((*e)->state, linkage::EventState::kScheduledProvisional);
  EXPECT_EQ((*e)->starts_on, (Date{2026, 4, 15}));
  EXPECT_EQ((*e)->province_minimums.size(), 2u);
  auto second = events_->LoadIllustrative(units_, today);
  ASSERT_TRUE(second);
  EXPECT_EQ(events_->ListEvents("illustrative")->size(), 1u);
  EXPECT_EQ(second->scheduled, first->scheduled);  // deterministic
  EXPECT_EQ(*events_->DeleteDataset("illustrative"), 1);
  EXPECT_TRUE(events_->ListEvents()->empty());
}

}  // namespace
}  // namespace lienket::store
