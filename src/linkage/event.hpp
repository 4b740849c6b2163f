// Trade-promotion events of issue 5 (B2B meetings, as b2match or Grip do): the pure parts the
// store, the routes and the agenda share — the event's states and their transitions, meeting
// request priorities and states, the slots an event's sessions are cut into (slot i's date and
// clock times, for the scheduler's numbered slots), and the event's figures.
//
// States: draft (the organiser prepares it, only organisers see it) → open (organisations
// register, request and answer meetings) → scheduled_provisional (the scheduler has placed the
// accepted meetings; registration and requests go on, the organiser re-runs the scheduler or moves
// meetings by hand) → final (the schedule is published; check-in and "meeting held" on the day)
// → closed (afterwards: figures, deals). scheduled_provisional may go back to open; draft and
// open may be closed (cancelled).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace lienket::linkage {

enum class EventState { kDraft, kOpen, kScheduledProvisional, kFinal, kClosed };
[[nodiscard]] std::string_view EventStateId(EventState s);  // "scheduled_provisional"
[[nodiscard]] std::string_view EventStateLabelVi(EventState s);
// Errors: kInvalidArgument listing the states.
[[nodiscard]] core::Result<EventState> ParseEventState(std::string_view id);
// Ok when `from` → `to` is allowed (see the file comment); kFailedPrecondition saying why not.
[[nodiscard]] core::Status CheckEventTransition(EventState from, EventState to);
// Organisations may register, request and answer meetings.
[[nodiscard]] bool EventAcceptsRegistrations(EventState s);

enum class RequestPriority { kMustMeet, kMeet, kNo };
[[nodiscard]] std::string_view RequestPriorityId(RequestPriority p);  // must_meet, meet, no
[[nodiscard]] core::Result<RequestPriority> ParseRequestPriority(std::string_view id);

enum class RequestState { kRequested, kAccepted, kDeclined };
[[nodiscard]] std::string_view RequestStateId(RequestState s);
[[nodiscard]] core::Result<RequestState> ParseRequestState(std::string_view id);

// "08:30" ↔ minutes after midnight. Errors: kInvalidArgument for anything but H:MM or HH:MM in
// 00:00..23:59.
[[nodiscard]] core::Result<int> ParseClock(std::string_view text);
[[nodiscard]] std::string FormatClock(int minutes);

struct EventSession {
  std::int64_t id = 0;
  core::Date day;
  int starts_at = 0;  // minutes after midnight
  int ends_at = 0;
  int tables = 1;
};

struct EventSlot {
  int index = 0;                // the scheduler's slot number
  std::int64_t session_id = 0;  // the session it belongs to
  core::Date day;
  int starts_at = 0;
  int ends_at = 0;
  int tables = 1;
};

inline constexpr int kMaxEventSlots = 64;  // = MeetingScheduler's kMaxSlots

// Cuts the sessions, in (day, start) order, into slots of `slot_minutes`; the time left at a
// session's end that is shorter than a slot is not used. Errors (kInvalidArgument, vi + en): slot
// length outside 5..240, no session, a session that ends before it starts or is shorter than one
// slot, tables outside 1..500, two sessions of a day that overlap, a session outside
// [first_day, last_day], more than kMaxEventSlots slots in all.
[[nodiscard]] core::Result<std::vector<EventSlot>> EventSlots(std::vector<EventSession> sessions,
                                                              int slot_minutes,
                                                              const core::Date& first_day,
                                                              const core::Date& last_day);

// "12/06/2026 08:30–08:50" for agendas and messages.
[[nodiscard]] std::string SlotLabelVi(const EventSlot& slot);

// The figures of an event (issue 5: requested, accepted, scheduled, held, deals and their value).
struct EventFigures {
  int participants = 0;
  int checked_in = 0;
  int requested = 0;  // meeting requests made (every state, "no" excluded)
  int accepted = 0;
  int declined = 0;
  int scheduled = 0;  // accepted meetings with a slot and a table
  int held = 0;       // recorded held by at least one side
  int held_by_both = 0;
  // Deals recorded with this event (table `deals`, migration 0007, kept by the deals feature):
  // nullopt when that table does not exist in this database.
  std::optional<int> deals;
  std::optional<std::string> deal_value;  // exact decimal đồng, summed in C++
};

}  // namespace lienket::linkage
