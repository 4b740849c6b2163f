#include "linkage/event.hpp"

#include <gtest/gtest.h>

namespace lienket::linkage {
namespace {

core::Date D(const char* s) { return *core::Date::Parse(s); }

TEST(Event, ClockTimes) {
  EXPECT_EQ(*ParseClock("08:30"), 510);
  EXPECT_EQ(*ParseClock("8:05"), 485);
  EXPECT_FALSE(ParseClock("24:00"));
  EXPECT_FALSE(ParseClock("08:60"));
  EXPECT_FALSE(ParseClock("0830"));
  EXPECT_FALSE(ParseClock("08:3"));
  EXPECT_EQ(FormatClock(545), "09:05");
}

TEST(Event, SlotsFollowSessionsInTimeOrder) {
  std::vector<EventSession> s = {{2, D("2026-06-13"), 8 * 60, 9 * 60, 4},
                                 {1, D("2026-06-12"), 14 * 60, 15 * 60 + 10, 3}};
  auto slots = EventSlots(s, 20, D("2026-06-12"), D("2026-06-13"));
  ASSERT_TRUE(slots) << slots.error().message_en;
  ASSERT_EQ(slots->size(), 6u);  // 3 on the 12th (the last 10 minutes unused), 3 on the 13th
  EXPECT_EQ((*slots)[0].session_id, 1);
  EXPECT_EQ((*slots)[0].tables, 3);
  EXPECT_EQ((*slots)[2].ends_at, 15 * 60);
  EXPECT_EQ((*slots)[3].session_id, 2);
  EXPECT_EQ((*slots)[3].index, 3);
  EXPECT_EQ(SlotLabelVi((*slots)[3]), "13/06/2026 08:00–08:20");
}

TEST(Event, SlotsRefuseBadSessions) {
  core::Date a = D("2026-06-12");
  EXPECT_FALSE(EventSlots({}, 20, a, a));
  EXPECT_FALSE(EventSlots({{1, a, 600, 610, 2}}, 20, a, a));                      // too short
  EXPECT_FALSE(EventSlots({{1, a, 600, 700, 0}}, 20, a, a));                      // no table
  EXPECT_FALSE(EventSlots({{1, D("2026-06-14"), 600, 700, 2}}, 20, a, a));        // outside
  EXPECT_FALSE(EventSlots({{1, a, 480, 600, 2}, {2, a, 590, 700, 2}}, 20, a, a));  // overlap
  EXPECT_FALSE(EventSlots({{1, a, 0, 23 * 60, 2}}, 15, a, a));                    // > 64 slots
  EXPECT_FALSE(EventSlots({{1, a, 480, 600, 2}}, 3, a, a));                       // slot length
}

TEST(Event, StateTransitions) {
  using S = EventState;
  EXPECT_TRUE(CheckEventTransition(S::kDraft, S::kOpen));
  EXPECT_TRUE(CheckEventTransition(S::kOpen, S::kScheduledProvisional));
  EXPECT_TRUE(CheckEventTransition(S::kScheduledProvisional, S::kScheduledProvisional));
  EXPECT_TRUE(CheckEventTransition(S::kScheduledProvisional, S::kFinal));
  EXPECT_TRUE(CheckEventTransition(S::kFinal, S::kClosed));
  EXPECT_FALSE(CheckEventTransition(S::kDraft, S::kFinal));
  EXPECT_FALSE(CheckEventTransition(S::kFinal, S::kScheduledProvisional));
  EXPECT_FALSE(CheckEventTransition(S::kClosed, S::kOpen));
  EXPECT_TRUE(EventAcceptsRegistrations(S::kScheduledProvisional));
  EXPECT_FALSE(EventAcceptsRegistrations(S::kFinal));
  EXPECT_EQ(*ParseEventState("scheduled_provisional"), S::kScheduledProvisional);
  EXPECT_FALSE(ParseEventState("done"));
  EXPECT_EQ(*ParseRequestPriority("must_meet"), RequestPriority::kMustMeet);
  EXPECT_FALSE(ParseRequestPriority("maybe"));
}

}  // namespace
}  // namespace lienket::linkage
