// SqliteEventStore::LoadIllustrative: the demo's trade-promotion event (see the header). Invented
// data, marked 'illustrative' everywhere; rebuilt whole on every `lienket demo load`.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "linkage/meeting_scheduler.hpp"
#include "store/sqlite_event_store.hpp"

namespace lienket::store {
namespace {

linkage::DirectoryChange DemoChange(std::string action) {
  linkage::DirectoryChange c;
  c.user_login = "lienket (cli)";
  c.via = "cli";
  c.action = std::move(action);
  c.comment = "demo load";
  return c;
}

// A small deterministic generator (the same demo on every load).
struct Lcg {
  std::uint64_t state;
  std::uint32_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint32_t>(n)); }
};

}  // namespace

core::Result<SqliteEventStore::IllustrativeEventCounts> SqliteEventStore::LoadIllustrative(
    const stats::UnitCatalog& units, const core::Date& today) {
  const stats::AdminUnit* host = units.FindByKey("ha-noi");
  if (host == nullptr)
    return core::MakeError(core::ErrorCode::kFailedPrecondition, "Thiếu đơn vị Hà Nội",
                           "The unit ha-noi is missing");
  // The illustrative organisations, by province.
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("SELECT id, unit_id FROM organisations WHERE dataset = 'illustrative' "
                      "ORDER BY id"));
  std::map<int, std::vector<std::int64_t>> by_unit;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, q.Step());
    if (!more) break;
    by_unit[units.SuccessorOf(static_cast<int>(q.Int(1)))].push_back(q.Int(0));
  }
  if (by_unit.size() < 2)
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "Chưa có danh bạ minh họa; chạy lienket demo load",
                           "The illustrative directory is not loaded; run lienket demo load");
  LIENKET_ASSIGN_OR_RETURN(removed, DeleteDataset("illustrative"));
  (void)removed;

  // Two days in the month after today.
  int year = today.year + (today.month == 12 ? 1 : 0);
  int month = today.month == 12 ? 1 : today.month + 1;
  core::Date day1{year, month, 15}, day2{year, month, 16};
  EventRecord e;
  e.unit_id = host->id;
  e.title = "Hội nghị kết nối cung cầu nông sản, thực phẩm các tỉnh phía Bắc (minh họa)";
  e.venue = "Trung tâm Hội chợ Triển lãm (địa điểm minh họa), Hà Nội";
  e.description =
      "Sự kiện MINH HỌA để trình diễn tính năng gặp gỡ B2B; người tham gia, lời mời và lịch gặp "
      "đều bịa ra.";
  e.starts_on = day1;
  e.ends_on = day2;
  e.slot_minutes = 20;
  e.default_quota = 6;
  e.state = linkage::EventState::kOpen;
  e.dataset = "illustrative";
  e.sessions = {{0, day1, 8 * 60, 11 * 60, 6}, {0, day1, 13 * 60 + 30, 16 * 60 + 30, 6},
                {0, day2, 8 * 60, 11 * 60, 4}};
  // Up to three organisations from each province, at most 30 in all.
  std::vector<std::int64_t> chosen;
  for (int round = 0; round < 3 && chosen.size() < 30; ++round)
    for (auto& [unit, ids] : by_unit)
      if (round < static_cast<int>(ids.size()) && chosen.size() < 30)
        chosen.push_back(ids[static_cast<std::size_t>(round) * 7 % ids.size()]);
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  // The two provinces with the fewest organisations chosen get a minimum.
  std::map<std::int64_t, int> unit_of;
  for (auto& [unit, ids] : by_unit)
    for (std::int64_t id : ids) unit_of[id] = unit;
  std::map<int, int> per_unit;
  for (std::int64_t id : chosen) ++per_unit[unit_of[id]];
  std::vector<std::pair<int, int>> small(per_unit.begin(), per_unit.end());
  std::sort(small.begin(), small.end(),
            [](auto a, auto b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
  for (std::size_t i = 0; i < small.size() && i < 2; ++i)
    e.province_minimums.emplace_back(small[i].first, 2);

  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(event_id, CreateEvent(e, DemoChange("demo_event")));
  LIENKET_ASSIGN_OR_RETURN(stored, FindEvent(event_id));
  const std::vector<linkage::EventSession>& sessions = stored->sessions;
  Lcg rng{20260615};
  std::vector<std::int64_t> participants;
  for (std::int64_t org : chosen) {
    ParticipantRecord p;
    p.event_id = event_id;
    p.organisation_id = org;
    p.max_meetings = 4 + rng.Below(4);
    p.note = "Minh họa";
    for (const linkage::EventSession& s : sessions)
      if (rng.Below(4) != 0) p.session_ids.push_back(s.id);
    if (p.session_ids.empty()) p.session_ids.push_back(sessions[0].id);
    LIENKET_ASSIGN_OR_RETURN(pid, Register(p, DemoChange("demo_event")));
    participants.push_back(pid);
  }
  // Requests between organisations of different provinces.
  IllustrativeEventCounts counts;
  counts.event_id = event_id;
  counts.participants = static_cast<int>(participants.size());
  std::set<std::pair<std::int64_t, std::int64_t>> pairs;
  int n = static_cast<int>(participants.size());
  for (int attempt = 0; attempt < 400 && counts.requests < 3 * n; ++attempt) {
    int a = rng.Below(n), b = rng.Below(n);
    if (a == b || unit_of[chosen[a]] == unit_of[chosen[b]]) continue;
    auto key = std::minmax(participants[a], participants[b]);
    if (!pairs.insert(key).second) continue;
    MeetingRequestRecord r;
    r.event_id = event_id;
    r.from_participant = participants[a];
    r.to_participant = participants[b];
    r.priority = rng.Below(6) == 0 ? linkage::RequestPriority::kMustMeet
                                   : linkage::RequestPriority::kMeet;
    r.origin = rng.Below(3) == 0 ? "matching" : "participant";
    r.message = "Lời mời minh họa";
    LIENKET_ASSIGN_OR_RETURN(rid, CreateRequest(r, DemoChange("demo_event")));
    ++counts.requests;
    int fate = rng.Below(10);
    if (fate < 8) {
      LIENKET_RETURN_IF_ERROR(AnswerRequest(rid, true, 0, DemoChange("demo_event")));
      ++counts.accepted;
    } else if (fate == 8) {
      LIENKET_RETURN_IF_ERROR(AnswerRequest(rid, false, 0, DemoChange("demo_event")));
    }
  }
  // The provisional schedule.
  LIENKET_ASSIGN_OR_RETURN(slots, linkage::EventSlots(stored->sessions, stored->slot_minutes,
                                                      stored->starts_on, stored->ends_on));
  LIENKET_ASSIGN_OR_RETURN(roster, ListParticipants(event_id));
  linkage::SchedulerEvent problem;
  for (const linkage::EventSlot& s : slots) problem.tables_per_slot.push_back(s.tables);
  std::map<std::int64_t, int> index;
  for (const ParticipantRecord& p : roster) {
    linkage::SchedulerParticipant sp;
    sp.name = fmt::format("#{}", p.id);
    sp.province = std::to_string(unit_of[p.organisation_id]);
    for (const linkage::EventSlot& s : slots)
      if (std::find(p.session_ids.begin(), p.session_ids.end(), s.session_id) != p.session_ids.end())
        sp.available.set(static_cast<std::size_t>(s.index));
    sp.max_meetings = p.max_meetings;
    index[p.id] = static_cast<int>(problem.participants.size());
    problem.participants.push_back(std::move(sp));
  }
  for (auto [unit, meetings] : e.province_minimums)
    problem.province_minimums.push_back({std::to_string(unit), meetings});
  LIENKET_ASSIGN_OR_RETURN(meetings, ListMeetings(event_id));
  for (const MeetingRecord& m : meetings)
    problem.requests.push_back({index[m.first], index[m.second],
                                m.priority == linkage::RequestPriority::kMustMeet
                                    ? linkage::MeetingPriority::kMustMeet
                                    : linkage::MeetingPriority::kMeet,
                                std::nullopt});
  linkage::SchedulerOptions options;
  options.seed = 20260615;
  LIENKET_ASSIGN_OR_RETURN(schedule, linkage::ScheduleMeetings(problem, options));
  std::vector<MeetingPlacementUpdate> updates;
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    MeetingPlacementUpdate u;
    u.meeting_id = meetings[i].id;
    if (const auto& p = schedule.meetings[i].placement) {
      u.slot = p->slot;
      u.table = p->table + 1;
    } else {
      u.unscheduled_reason = linkage::UnscheduledReasonName(schedule.meetings[i].reason);
    }
    updates.push_back(u);
  }
  LIENKET_RETURN_IF_ERROR(SaveSchedule(event_id, updates, DemoChange("demo_event")));
  counts.scheduled = schedule.scheduled;
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace lienket::store
