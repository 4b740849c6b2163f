// Tests of the B2B meeting scheduler: each hard constraint, the lexicographic objective
// (must-meets, then province minimums, then the total), pins, determinism, the manual-move
// conflicts, and optimality against brute force on tiny events.
#include "linkage/meeting_scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace lienket::linkage {
namespace {

SlotSet Slots(std::initializer_list<int> slots) {
  SlotSet set;
  for (int s : slots) set.set(s);
  return set;
}

SlotSet AllOf(int slot_count) {
  SlotSet set;
  for (int s = 0; s < slot_count; ++s) set.set(s);
  return set;
}

SchedulerParticipant Person(std::string name, SlotSet available, std::string province = "01",
                            int quota = kMaxSlots) {
  return {std::move(name), std::move(province), available, quota};
}

MeetingRequest Meet(int a, int b, MeetingPriority priority = MeetingPriority::kMeet) {
  return {a, b, priority, std::nullopt};
}

constexpr MeetingPriority kMust = MeetingPriority::kMustMeet;

// A medium random event with every kind of constraint in play.
SchedulerEvent RandomEvent(std::uint64_t seed, int people, int requests, int slots, int tables) {
  std::mt19937_64 rng(seed);
  SchedulerEvent event;
  event.tables_per_slot.assign(slots, tables);
  for (int s = 0; s < slots; s += 3) event.tables_per_slot[s] = tables / 2;
  for (int p = 0; p < people; ++p) {
    SlotSet available;
    for (int s = 0; s < slots; ++s) {
      if (rng() % 10 < 8) available.set(s);
    }
    const int quota = rng() % 4 == 0 ? static_cast<int>(rng() % 5) + 2 : kMaxSlots;
    event.participants.push_back(
        Person("P" + std::to_string(p), available, "prov" + std::to_string(rng() % 6), quota));
  }
  for (int k = 0; k < requests; ++k) {
    const int a = static_cast<int>(rng() % people);
    int b = static_cast<int>(rng() % (people - 1));
    if (b >= a) ++b;
    event.requests.push_back(Meet(a, b, rng() % 10 == 0 ? kMust : MeetingPriority::kMeet));
  }
  event.province_minimums = {{"prov0", 5}, {"prov5", 8}};
  return event;
}

TEST(MeetingScheduler, EveryHardConstraintHoldsOnARandomEvent) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const SchedulerEvent event = RandomEvent(seed, 60, 400, 8, 10);
    auto schedule = ScheduleMeetings(event);
    ASSERT_TRUE(schedule) << schedule.error().message_en;
    ASSERT_TRUE(ValidateSchedule(event, *schedule));
    EXPECT_GT(schedule->scheduled, 0);
    // The same checks written out, so the test does not rest on ValidateSchedule alone.
    std::vector<std::vector<int>> per_slot_people(8);
    std::vector<int> per_slot_meetings(8, 0);
    std::vector<int> load(event.participants.size(), 0);
    for (std::size_t m = 0; m < event.requests.size(); ++m) {
      const auto& placement = schedule->meetings[m].placement;
      if (!placement) {
        EXPECT_NE(schedule->meetings[m].reason, UnscheduledReason::kNone);
        continue;
      }
      EXPECT_EQ(schedule->meetings[m].reason, UnscheduledReason::kNone);
      const int s = placement->slot;
      ++per_slot_meetings[s];
      EXPECT_LT(placement->table, event.tables_per_slot[s]);
      for (int p : {event.requests[m].first, event.requests[m].second}) {
        EXPECT_TRUE(event.participants[p].available.test(s));
        per_slot_people[s].push_back(p);
        ++load[p];
      }
    }
    for (int s = 0; s < 8; ++s) {
      EXPECT_LE(per_slot_meetings[s], event.tables_per_slot[s]);
      std::sort(per_slot_people[s].begin(), per_slot_people[s].end());
      EXPECT_EQ(std::adjacent_find(per_slot_people[s].begin(), per_slot_people[s].end()),
                per_slot_people[s].end())
          << "a participant has two meetings in slot " << s;
    }
    for (std::size_t p = 0; p < load.size(); ++p) {
      EXPECT_LE(load[p], event.participants[p].max_meetings);
    }
  }
}

TEST(MeetingScheduler, NeverSeatsTwoMeetingsOfOneParticipantInASlot) {
  // One slot, plenty of tables: A can meet only one of B and C.
  SchedulerEvent event;
  event.tables_per_slot = {5};
  event.participants = {Person("A", Slots({0})), Person("B", Slots({0})), Person("C", Slots({0}))};
  event.requests = {Meet(0, 1), Meet(0, 2)};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->scheduled, 1);
  const int unscheduled = schedule->meetings[0].placement ? 1 : 0;
  EXPECT_EQ(schedule->meetings[unscheduled].reason, UnscheduledReason::kParticipantBusy);
}

TEST(MeetingScheduler, RespectsTablesPerSlotWhenTheyVary) {
  SchedulerEvent event;
  event.tables_per_slot = {1, 0, 2};  // slot 2 has two tables, slot 1 none
  for (int p = 0; p < 8; ++p) event.participants.push_back(Person("P", AllOf(3)));
  event.requests = {Meet(0, 1), Meet(2, 3), Meet(4, 5), Meet(6, 7)};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->scheduled, 3);
  std::vector<int> count(3, 0);
  for (const auto& m : schedule->meetings) {
    if (m.placement) ++count[m.placement->slot];
    if (!m.placement) {
      EXPECT_EQ(m.reason, UnscheduledReason::kTablesFull);
    }
  }
  EXPECT_EQ(count, (std::vector<int>{1, 0, 2}));
  EXPECT_TRUE(ValidateSchedule(event, *schedule));
}

TEST(MeetingScheduler, OnlyUsesSlotsBothParticipantsAttend) {
  SchedulerEvent event;
  event.tables_per_slot = {3, 3, 3, 3};
  event.participants = {Person("A", Slots({0, 1})), Person("B", Slots({1, 2})),
                        Person("C", Slots({3}))};
  event.requests = {Meet(0, 1), Meet(0, 2)};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  ASSERT_TRUE(schedule->meetings[0].placement);
  EXPECT_EQ(schedule->meetings[0].placement->slot, 1);
  EXPECT_FALSE(schedule->meetings[1].placement);
  EXPECT_EQ(schedule->meetings[1].reason, UnscheduledReason::kNoCommonSlot);
}

TEST(MeetingScheduler, HonoursQuotas) {
  SchedulerEvent event;
  event.tables_per_slot = {4, 4, 4, 4};
  event.participants = {Person("Big buyer", AllOf(4), "01", 2)};
  for (int p = 0; p < 4; ++p) event.participants.push_back(Person("Seller", AllOf(4)));
  for (int p = 1; p <= 4; ++p) event.requests.push_back(Meet(0, p));
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->scheduled, 2);
  for (const auto& m : schedule->meetings) {
    if (!m.placement) {
      EXPECT_EQ(m.reason, UnscheduledReason::kQuota);
    }
  }
  // A quota of 0 means no meetings at all.
  event.participants[0].max_meetings = 0;
  schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->scheduled, 0);
}

TEST(MeetingScheduler, SchedulesMustMeetsBeforeMeets) {
  // One table in one slot; the plain meet comes first in the list and has the scarcer slots.
  SchedulerEvent event;
  event.tables_per_slot = {1, 1};
  event.participants = {Person("A", Slots({0})),    Person("B", Slots({0})),
                        Person("C", Slots({0, 1})), Person("D", Slots({0, 1})),
                        Person("E", Slots({1})),    Person("F", Slots({1}))};
  event.requests = {Meet(0, 1), Meet(2, 3, kMust), Meet(4, 5, kMust)};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->must_meets_scheduled, 2);
  EXPECT_FALSE(schedule->meetings[0].placement);
  EXPECT_TRUE(schedule->meetings[1].placement);
  EXPECT_TRUE(schedule->meetings[2].placement);
}

TEST(MeetingScheduler, MustMeetsWinEvenAtTheCostOfTwoMeets) {
  // C-D is a must-meet; A-C and B-D (meets) each block it in the only slot. Total would be 2 by
  // scheduling the meets; the lexicographic objective prefers the one must-meet.
  SchedulerEvent event;
  event.tables_per_slot = {3};
  for (std::string name : {"A", "B", "C", "D"})
    event.participants.push_back(Person(name, AllOf(1)));
  event.requests = {Meet(0, 2), Meet(1, 3), Meet(2, 3, kMust)};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->must_meets_scheduled, 1);
  EXPECT_EQ(schedule->scheduled, 1);
}

TEST(MeetingScheduler, KeepsSmallProvincesAboveTheirMinimumWhenFeasible) {
  // Two tables in one slot; three meetings of Hà Nội pairs and one of a Lai Châu participant.
  SchedulerEvent event;
  event.tables_per_slot = {2};
  for (int p = 0; p < 6; ++p) event.participants.push_back(Person("HN", AllOf(1), "01"));
  event.participants.push_back(Person("LC", AllOf(1), "12"));
  event.participants.push_back(Person("HN", AllOf(1), "01"));
  event.requests = {Meet(0, 1), Meet(2, 3), Meet(4, 5), Meet(6, 7)};
  event.province_minimums = {{"12", 1}};
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto schedule = ScheduleMeetings(event, {.seed = seed});
    ASSERT_TRUE(schedule);
    EXPECT_EQ(schedule->scheduled, 2);
    EXPECT_EQ(schedule->province_minimum_covered, 1);
    EXPECT_TRUE(schedule->meetings[3].placement) << "seed " << seed;
  }
}

TEST(MeetingScheduler, KeepsPinnedMeetingsWhereTheOrganiserPutThem) {
  SchedulerEvent event = RandomEvent(7, 30, 150, 6, 5);
  // Pin the first meeting whose participants share slot 4 to table 3 there.
  int pinned = -1;
  for (std::size_t m = 0; m < event.requests.size(); ++m) {
    const auto& r = event.requests[m];
    if (event.participants[r.first].available.test(4) &&
        event.participants[r.second].available.test(4) &&
        event.participants[r.first].max_meetings > 0 &&
        event.participants[r.second].max_meetings > 0) {
      pinned = static_cast<int>(m);
      break;
    }
  }
  ASSERT_GE(pinned, 0);
  event.requests[pinned].pinned = MeetingPlacement{4, 3};
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  ASSERT_TRUE(schedule->meetings[pinned].placement);
  EXPECT_EQ(*schedule->meetings[pinned].placement, (MeetingPlacement{4, 3}));
  EXPECT_TRUE(ValidateSchedule(event, *schedule));
}

TEST(MeetingScheduler, RefusesPinsThatBreakAConstraint) {
  SchedulerEvent event;
  event.tables_per_slot = {2, 2};
  event.participants = {Person("A", AllOf(2)), Person("B", AllOf(2)), Person("C", Slots({1})),
                        Person("D", AllOf(2))};
  event.requests = {Meet(0, 1), Meet(3, 2)};
  event.requests[0].pinned = MeetingPlacement{0, 0};
  event.requests[1].pinned = MeetingPlacement{0, 1};  // C does not attend slot 0
  auto schedule = ScheduleMeetings(event);
  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(schedule.error().message_vi.find("không tham dự"), std::string::npos);
  EXPECT_NE(schedule.error().message_en.find("does not attend"), std::string::npos);

  event.requests[1].pinned = MeetingPlacement{1, 0};
  event.requests[0].pinned = MeetingPlacement{1, 0};  // the same table twice
  schedule = ScheduleMeetings(event);
  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().code, core::ErrorCode::kFailedPrecondition);
}

TEST(MeetingScheduler, RefusesMalformedEvents) {
  SchedulerEvent event;
  event.participants = {Person("A", AllOf(1)), Person("B", AllOf(1))};
  event.requests = {Meet(0, 1)};
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);  // no slots
  event.tables_per_slot.assign(kMaxSlots + 1, 1);
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  event.tables_per_slot = {-1};
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  event.tables_per_slot = {1};
  event.requests = {Meet(0, 0)};
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  event.requests = {Meet(0, 5)};
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  event.requests = {Meet(0, 1)};
  event.requests[0].pinned = MeetingPlacement{0, 1};  // slot 0 has one table: table 1 is none
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  event.requests[0].pinned.reset();
  event.participants[1].max_meetings = -1;
  EXPECT_EQ(ScheduleMeetings(event).error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ComputeUpperBound(event).error().code, core::ErrorCode::kInvalidArgument);
}

TEST(MeetingScheduler, IsDeterministicForASeed) {
  const SchedulerEvent event = RandomEvent(11, 80, 600, 10, 12);
  auto first = ScheduleMeetings(event, {.seed = 42});
  auto second = ScheduleMeetings(event, {.seed = 42});
  ASSERT_TRUE(first && second);
  ASSERT_FALSE(first->stopped_by_time_limit);
  for (std::size_t m = 0; m < event.requests.size(); ++m) {
    EXPECT_EQ(first->meetings[m].placement, second->meetings[m].placement) << m;
    EXPECT_EQ(first->meetings[m].reason, second->meetings[m].reason) << m;
  }
}

TEST(MeetingScheduler, UpperBoundCombinesTablesAndParticipants) {
  // 3 slots × 2 tables = 6, but the only participant everyone wants to meet has a quota of 4.
  SchedulerEvent event;
  event.tables_per_slot = {2, 2, 2};
  event.participants = {Person("Hub", AllOf(3), "01", 4)};
  for (int p = 0; p < 8; ++p) event.participants.push_back(Person("S", AllOf(3)));
  for (int p = 1; p <= 8; ++p) event.requests.push_back(Meet(0, p));
  auto bound = ComputeUpperBound(event);
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->table_capacity, 6);
  EXPECT_EQ(bound->requests_with_common_slot, 8);
  // The hub can only be in one meeting per slot: the per-slot matching caps each slot at 1.
  EXPECT_EQ(bound->by_slots, 3);
  EXPECT_EQ(bound->by_participants, 3);  // min(quota 4, 3 slots) for the hub
  EXPECT_EQ(bound->value, 3);
  auto schedule = ScheduleMeetings(event);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->scheduled, 3);
}

TEST(MeetingScheduler, ConflictsOfNamesEveryBrokenConstraintInBothLanguages) {
  SchedulerEvent event;
  event.tables_per_slot = {2, 2};
  event.participants = {Person("Công ty Vải Lục Ngạn", AllOf(2), "24", 1),
                        Person("Siêu thị Thanh Hóa", Slots({0}), "38"), Person("C", AllOf(2)),
                        Person("D", AllOf(2))};
  event.requests = {Meet(0, 2), Meet(1, 3), Meet(0, 1)};
  Schedule schedule;
  schedule.meetings.resize(3);
  schedule.meetings[0].placement = MeetingPlacement{0, 0};  // A-C at slot 1, table 1
  schedule.meetings[1].placement = MeetingPlacement{0, 1};  // B-D at slot 1, table 2
  schedule.scheduled = 2;
  ASSERT_TRUE(ValidateSchedule(event, schedule));

  // Move the unscheduled A-B into slot 2 (index 1), table 1: B does not attend, A is at quota.
  auto conflicts = ConflictsOf(event, schedule, {2, {1, 0}});
  ASSERT_TRUE(conflicts);
  std::vector<ConflictKind> kinds;
  for (const auto& c : *conflicts) kinds.push_back(c.kind);
  EXPECT_EQ(kinds, (std::vector<ConflictKind>{ConflictKind::kUnavailable, ConflictKind::kQuota}));
  EXPECT_EQ((*conflicts)[0].message_vi, "Siêu thị Thanh Hóa không tham dự khung giờ 2");
  EXPECT_EQ((*conflicts)[0].message_en, "Siêu thị Thanh Hóa does not attend slot 2");
  EXPECT_EQ((*conflicts)[1].message_vi, "Công ty Vải Lục Ngạn đã đủ số cuộc gặp tối đa (1)");
  EXPECT_EQ((*conflicts)[1].message_en, "Công ty Vải Lục Ngạn has reached the meeting quota (1)");

  // Move B-D onto A-C's table: A-C's table is taken, but nobody is double-booked.
  conflicts = ConflictsOf(event, schedule, {1, {0, 0}});
  ASSERT_TRUE(conflicts);
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ((*conflicts)[0].kind, ConflictKind::kTableTaken);
  EXPECT_EQ((*conflicts)[0].other_meeting, 0);
  EXPECT_EQ((*conflicts)[0].message_vi, "Bàn 1 ở khung giờ 1 đã có cuộc gặp khác");
  EXPECT_EQ((*conflicts)[0].message_en, "Table 1 in slot 1 is already taken");

  // Move A-C to slot 2: allowed (its own old place does not count against it).
  conflicts = ConflictsOf(event, schedule, {0, {1, 1}});
  ASSERT_TRUE(conflicts);
  EXPECT_TRUE(conflicts->empty());

  // A new request C-D into slot 1, table 2: C (with A) and D (with B) are busy, the table taken.
  event.requests.push_back(Meet(2, 3));
  schedule.meetings.push_back({});
  conflicts = ConflictsOf(event, schedule, {3, {0, 1}});
  ASSERT_TRUE(conflicts);
  kinds.clear();
  for (const auto& c : *conflicts) kinds.push_back(c.kind);
  EXPECT_EQ(kinds,
            (std::vector<ConflictKind>{ConflictKind::kParticipantBusy,
                                       ConflictKind::kParticipantBusy, ConflictKind::kTableTaken}));
  EXPECT_EQ((*conflicts)[0].message_en, "C already has another meeting in slot 1");
  EXPECT_EQ((*conflicts)[0].message_vi, "C đã có cuộc gặp khác ở khung giờ 1");

  EXPECT_EQ(ConflictsOf(event, schedule, {0, {2, 0}}).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ConflictsOf(event, schedule, {0, {0, 2}}).error().code,
            core::ErrorCode::kInvalidArgument);
}

// --- Optimality on tiny events, by brute force over every assignment ---------------------------

using Objective = std::tuple<int, int, int>;  // must-meets, province credit, total

Objective Evaluate(const SchedulerEvent& event, const std::vector<int>& slot_of) {
  int must = 0;
  int total = 0;
  std::vector<int> province_count(2, 0);
  for (std::size_t m = 0; m < slot_of.size(); ++m) {
    if (slot_of[m] < 0) continue;
    ++total;
    const auto& r = event.requests[m];
    if (r.priority == kMust) ++must;
    const std::string& pa = event.participants[r.first].province;
    const std::string& pb = event.participants[r.second].province;
    if (pa == "small" || pb == "small") ++province_count[0];
  }
  const int credit = std::min(province_count[0], event.province_minimums[0].meetings);
  return {must, credit, total};
}

bool Feasible(const SchedulerEvent& event, const std::vector<int>& slot_of) {
  const int slots = static_cast<int>(event.tables_per_slot.size());
  std::vector<int> used(slots, 0);
  std::vector<int> load(event.participants.size(), 0);
  std::vector<SlotSet> busy(event.participants.size());
  for (std::size_t m = 0; m < slot_of.size(); ++m) {
    const int s = slot_of[m];
    if (s < 0) continue;
    if (++used[s] > event.tables_per_slot[s]) return false;
    for (int p : {event.requests[m].first, event.requests[m].second}) {
      if (!event.participants[p].available.test(s) || busy[p].test(s)) return false;
      busy[p].set(s);
      if (++load[p] > event.participants[p].max_meetings) return false;
    }
  }
  return true;
}

Objective BruteForce(const SchedulerEvent& event) {
  const int slots = static_cast<int>(event.tables_per_slot.size());
  const int meetings = static_cast<int>(event.requests.size());
  std::vector<int> slot_of(meetings, -1);
  Objective best{0, 0, 0};
  while (true) {
    if (Feasible(event, slot_of)) best = std::max(best, Evaluate(event, slot_of));
    int k = 0;
    while (k < meetings && ++slot_of[k] == slots) slot_of[k++] = -1;
    if (k == meetings) break;
  }
  return best;
}

SchedulerEvent TinyEvent(std::mt19937_64& rng) {
  SchedulerEvent event;
  const int slots = 2 + static_cast<int>(rng() % 2);
  for (int s = 0; s < slots; ++s) event.tables_per_slot.push_back(1 + static_cast<int>(rng() % 2));
  const int people = 4 + static_cast<int>(rng() % 3);
  for (int p = 0; p < people; ++p) {
    SlotSet available;
    for (int s = 0; s < slots; ++s) {
      if (rng() % 4 != 0) available.set(s);
    }
    event.participants.push_back(Person("P" + std::to_string(p), available,
                                        rng() % 3 == 0 ? "small" : "big",
                                        rng() % 3 == 0 ? 1 + static_cast<int>(rng() % 2) : 9));
  }
  const int requests = 5 + static_cast<int>(rng() % 3);
  for (int k = 0; k < requests; ++k) {
    const int a = static_cast<int>(rng() % people);
    int b = static_cast<int>(rng() % (people - 1));
    if (b >= a) ++b;
    event.requests.push_back(Meet(a, b, rng() % 4 == 0 ? kMust : MeetingPriority::kMeet));
  }
  event.province_minimums = {{"small", 1 + static_cast<int>(rng() % 2)}};
  return event;
}

TEST(MeetingScheduler, MatchesTheBruteForceOptimumOnTinyEvents) {
  std::mt19937_64 rng(2024);
  constexpr int kEvents = 300;
  int optimal = 0;
  for (int i = 0; i < kEvents; ++i) {
    const SchedulerEvent event = TinyEvent(rng);
    auto schedule = ScheduleMeetings(event);
    ASSERT_TRUE(schedule) << schedule.error().message_en;
    ASSERT_TRUE(ValidateSchedule(event, *schedule)) << "event " << i;
    const Objective best = BruteForce(event);
    const Objective got{schedule->must_meets_scheduled, schedule->province_minimum_covered,
                        schedule->scheduled};
    ASSERT_LE(got, best) << "event " << i;  // the brute force is right, or Evaluate is wrong
    if (got == best) ++optimal;
    // The must-meet count is never below the optimum's, and the total at most one short.
    EXPECT_EQ(std::get<0>(got), std::get<0>(best)) << "event " << i;
    EXPECT_GE(std::get<2>(got) + 1, std::get<2>(best)) << "event " << i;
    auto bound = ComputeUpperBound(event);
    ASSERT_TRUE(bound);
    EXPECT_GE(bound->value, std::get<2>(best)) << "the upper bound is not valid, event " << i;
    EXPECT_GE(bound->must_meets, std::get<0>(best)) << "event " << i;
  }
  // Measured: 296 of the 300 are optimal (the 4 others are one province credit or one meeting
  // short: they need a lossy chain two moves deep).
  EXPECT_GE(optimal, kEvents * 98 / 100) << optimal << " of " << kEvents << " optimal";
}

}  // namespace
}  // namespace lienket::linkage
