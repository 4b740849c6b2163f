// The B2B meeting scheduler of a trade-promotion event (as b2match or Grip do): given the slots,
// the tables in each slot, the participants with their available slots, quotas and provinces, and
// the accepted meeting requests, it gives each meeting a slot and a table, or says why it could
// not. The caller keeps the provisional/final flag and stores the result; this unit is pure
// computation (no I/O, no clock except the optional time limit).
//
// Hard constraints: a meeting is held in a slot where both participants are available; a
// participant has at most one meeting per slot and at most `max_meetings` in all; a slot holds at
// most its number of tables; a pinned meeting (the organiser's manual move) keeps its slot and
// table. Objective, lexicographic: (1) must-meets scheduled, (2) province minimums covered —
// Σ over provinces of min(meetings with a participant of that province, its minimum) — so small
// provinces are not crowded out, (3) meetings scheduled.
//
// Algorithm: a greedy by scarcity (must-meets, then meetings of provinces still short of their
// minimum, then the rest; fewest common slots first; each into the slot its two participants'
// other pending requests need least), then an improvement phase of ejection chains (Kempe-chain
// style): an unscheduled meeting goes into a slot by moving the meetings in its way to other
// slots, recursively to a bounded depth; a move that loses a meeting is kept only when the
// objective improves (a must-meet replacing a meet, a short province's meeting replacing
// another). Deterministic: the same event and seed give the same schedule, unless the time limit
// cut the improvement short (`Schedule::stopped_by_time_limit` says so).
//
// Upper bound (`ComputeUpperBound`): the minimum of two max-flow relaxations, each valid for
// every feasible schedule —
//   slots:        max flow source → meeting (1) → each common available slot s → sink with
//                 capacity min(tables in s, ⌊fractional matching of the requests feasible in s⌋);
//                 it also bounds "requests with a common slot" and "Σ_s tables".
//   participants: ⌊F/2⌋ where F is the max flow on the bipartite double cover, each participant
//                 p with capacity min(quota, usable slots, requests) on both sides (a fractional
//                 b-matching).
// It ignores that the two kinds of constraint interact, so it may exceed the true optimum.
#pragma once

#include <bitset>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace lienket::linkage {

// Slots are numbered 0..slot_count-1 in time order (sessions × slots per session); the caller
// maps a number to its clock time. 64 slots are e.g. two days of eight hours in 15-minute slots.
inline constexpr int kMaxSlots = 64;
using SlotSet = std::bitset<kMaxSlots>;

struct SchedulerParticipant {
  std::string name;      // shown in conflict messages ("Công ty CP Nông sản Lục Ngạn")
  std::string province;  // province code or key; meetings count toward its minimum
  SlotSet available;     // slots the participant attends
  int max_meetings = kMaxSlots;  // quota; 0 means the participant takes no meetings
};

enum class MeetingPriority { kMustMeet, kMeet };

struct MeetingPlacement {
  int slot = 0;
  int table = 0;  // 0..tables_per_slot[slot]-1
  friend bool operator==(const MeetingPlacement&, const MeetingPlacement&) = default;
};

struct MeetingRequest {
  int first = 0;   // index into SchedulerEvent::participants
  int second = 0;  // another participant
  MeetingPriority priority = MeetingPriority::kMeet;
  std::optional<MeetingPlacement> pinned;  // kept as it is (organiser's manual placement)
};

struct ProvinceMinimum {
  std::string province;  // as in SchedulerParticipant::province
  int meetings = 0;      // wanted meetings with at least one participant of the province
};

struct SchedulerEvent {
  std::vector<int> tables_per_slot;  // its size is the number of slots (1..kMaxSlots)
  std::vector<SchedulerParticipant> participants;
  std::vector<MeetingRequest> requests;  // accepted requests only; "no" requests are not passed
  std::vector<ProvinceMinimum> province_minimums;
};

struct SchedulerOptions {
  std::uint64_t seed = 1;   // breaks ties among equally scarce meetings
  int max_chain_depth = 3;  // how many meetings one ejection chain may move
  // Safety net for huge events: the improvement phase stops here (result then not reproducible).
  std::chrono::milliseconds time_limit{900};
};

enum class UnscheduledReason {
  kNone,             // scheduled
  kNoCommonSlot,     // the two participants share no available slot
  kQuota,            // one of them reached their meeting quota
  kParticipantBusy,  // in every common slot one of them has another meeting
  kTablesFull,       // some common slot has both free, but all its tables are taken
};

struct MeetingAssignment {
  std::optional<MeetingPlacement> placement;  // empty when unscheduled
  UnscheduledReason reason = UnscheduledReason::kNone;
};

struct Schedule {
  std::vector<MeetingAssignment> meetings;  // one per request, same order
  int scheduled = 0;
  int must_meets_scheduled = 0;
  int province_minimum_covered = 0;  // Σ min(meetings of province, its minimum)
  bool stopped_by_time_limit = false;
};

// Schedules the accepted requests. Errors (kInvalidArgument): no slots or more than kMaxSlots,
// negative tables or quota, a participant index out of range, a meeting of a participant with
// themself, a pinned slot or table out of range; (kFailedPrecondition) pinned meetings that break
// a constraint among themselves (same participant or table twice in a slot, a participant
// unavailable, a quota exceeded) — check a manual move with ConflictsOf first.
[[nodiscard]] core::Result<Schedule> ScheduleMeetings(const SchedulerEvent& event,
                                                      const SchedulerOptions& options = {});

struct ScheduleUpperBound {
  int value = 0;                      // min(by_slots, by_participants): no schedule holds more
  int by_slots = 0;                   // the meeting → slot flow (see the file comment)
  int by_participants = 0;            // the fractional b-matching
  int requests_with_common_slot = 0;  // weaker bounds, for reports
  int table_capacity = 0;             // Σ_s tables in s
  int must_meets = 0;                 // the same bound over the must-meets alone
};

// The upper bound described in the file comment. Same errors as ScheduleMeetings (pins aside).
[[nodiscard]] core::Result<ScheduleUpperBound> ComputeUpperBound(const SchedulerEvent& event);

// The organiser's manual move: put request `meeting` at `to`.
struct MeetingMove {
  int meeting = 0;
  MeetingPlacement to;
};

enum class ConflictKind {
  kParticipantBusy,  // a participant has another meeting in that slot
  kTableTaken,       // another meeting sits at that table in that slot
  kUnavailable,      // a participant does not attend that slot
  kQuota,            // the meeting is not scheduled yet and a participant is at quota
};

struct MeetingConflict {
  ConflictKind kind = ConflictKind::kParticipantBusy;
  int participant = -1;    // the participant concerned, or -1 (table taken)
  int other_meeting = -1;  // the meeting in the way, or -1
  std::string message_vi;  // "Bàn 3 ở khung giờ 5 đã có cuộc gặp khác"
  std::string message_en;  // "Table 3 in slot 5 is already taken"
};

// Which constraints the move would break in `schedule` (a result of ScheduleMeetings for this
// event, possibly edited); empty when the move is allowed. Slots and tables are shown 1-based in
// messages. Errors (kInvalidArgument): meeting, slot or table out of range, or a schedule that
// does not belong to the event (another number of meetings).
[[nodiscard]] core::Result<std::vector<MeetingConflict>> ConflictsOf(const SchedulerEvent& event,
                                                                     const Schedule& schedule,
                                                                     const MeetingMove& move);

// Checks every hard constraint of `schedule` against `event` (and that pins are kept); returns
// kFailedPrecondition naming the first broken one. Used by tests and the benchmark.
[[nodiscard]] core::Status ValidateSchedule(const SchedulerEvent& event, const Schedule& schedule);

// "no_common_slot", "quota", ... for JSON and logs; "" for kNone.
[[nodiscard]] const char* UnscheduledReasonName(UnscheduledReason reason);

}  // namespace lienket::linkage
