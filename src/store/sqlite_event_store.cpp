#include "store/sqlite_event_store.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/decimal.hpp"

namespace lienket::store {
namespace {

using core::ErrorCode;
using core::MakeError;
using linkage::DirectoryChange;
using nlohmann::json;

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, user_id, user_login, action, via, unit_id, old_value, new_value, "
    "comment, request_id, entity) VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, NULLIF(?6, 0), NULL, "
    "?7, ?8, ?9, ?10)";

constexpr std::string_view kEventColumns =
    "id, unit_id, title, venue, description, starts_on, ends_on, slot_minutes, default_quota, "
    "state, dataset, COALESCE(created_by, 0), created_at, updated_at";
constexpr std::string_view kInsertEvent =
    "INSERT INTO events (unit_id, title, venue, description, starts_on, ends_on, slot_minutes, "
    "default_quota, state, dataset, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9, ?10, NULLIF(?11, 0), ?12, ?12) RETURNING id";
constexpr std::string_view kUpdateEvent =
    "UPDATE events SET title = ?2, venue = ?3, description = ?4, starts_on = ?5, ends_on = ?6, "
    "slot_minutes = ?7, default_quota = ?8, updated_at = ?9 WHERE id = ?1";

std::string Now() { return core::UtcTimestamp(); }

core::Error NotFoundError(std::string_view vi, std::string_view en, std::int64_t id) {
  return {ErrorCode::kNotFound, fmt::format("Không có {} số {}", vi, id),
          fmt::format("No {} {}", en, id)};
}

EventRecord ReadEvent(const Statement& q) {
  EventRecord e;
  e.id = q.Int(0);
  e.unit_id = static_cast<int>(q.Int(1));
  e.title = q.Text(2);
  e.venue = q.Text(3);
  e.description = q.Text(4);
  e.starts_on = core::Date::Parse(q.Text(5)).value_or(core::Date{});
  e.ends_on = core::Date::Parse(q.Text(6)).value_or(core::Date{});
  e.slot_minutes = static_cast<int>(q.Int(7));
  e.default_quota = static_cast<int>(q.Int(8));
  e.state = linkage::ParseEventState(q.Text(9)).value_or(linkage::EventState::kDraft);
  e.dataset = q.Text(10);
  e.created_by = q.Int(11);
  e.created_at = q.Text(12);
  e.updated_at = q.Text(13);
  return e;
}

}  // namespace

core::Status SqliteEventStore::Audit(const DirectoryChange& change, const std::string& entity,
                                     int unit_id, const std::string& new_value) {
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare(kInsertAudit));
  q.Bind(1, Now())
      .Bind(2, change.user_id)
      .Bind(3, change.user_login.empty() ? std::string("lienket (cli)") : change.user_login)
      .Bind(4, change.action)
      .Bind(5, change.via)
      .Bind(6, std::int64_t{unit_id})
      .Bind(7, new_value)
      .Bind(8, change.comment)
      .Bind(9, change.request_id)
      .Bind(10, entity);
  return q.Run();
}

core::Status SqliteEventStore::WriteSessions(std::int64_t event_id, const EventRecord& e) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare("DELETE FROM event_sessions WHERE event_id = ?1"));
  del.Bind(1, event_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  LIENKET_ASSIGN_OR_RETURN(
      ins, db_->Prepare("INSERT INTO event_sessions (event_id, day, starts_at, ends_at, tables) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (const linkage::EventSession& s : e.sessions) {
    ins.Reset();
    ins.Bind(1, event_id)
        .Bind(2, s.day.ToString())
        .Bind(3, linkage::FormatClock(s.starts_at))
        .Bind(4, linkage::FormatClock(s.ends_at))
        .Bind(5, std::int64_t{s.tables});
    LIENKET_RETURN_IF_ERROR(ins.Run());
  }
  return {};
}

core::Status SqliteEventStore::WriteMinimums(std::int64_t event_id, const EventRecord& e) {
  LIENKET_ASSIGN_OR_RETURN(
      del, db_->Prepare("DELETE FROM event_province_minimums WHERE event_id = ?1"));
  del.Bind(1, event_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  LIENKET_ASSIGN_OR_RETURN(ins, db_->Prepare("INSERT INTO event_province_minimums (event_id, "
                                             "unit_id, meetings) VALUES (?1, ?2, ?3) "
                                             "ON CONFLICT (event_id, unit_id) DO UPDATE SET "
                                             "meetings = excluded.meetings"));
  for (auto [unit, meetings] : e.province_minimums) {
    ins.Reset();
    ins.Bind(1, event_id).Bind(2, std::int64_t{unit}).Bind(3, std::int64_t{meetings});
    LIENKET_RETURN_IF_ERROR(ins.Run());
  }
  return {};
}

core::Result<std::int64_t> SqliteEventStore::CreateEvent(const EventRecord& e,
                                                         const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare(kInsertEvent));
  q.Bind(1, std::int64_t{e.unit_id})
      .Bind(2, e.title)
      .Bind(3, e.venue)
      .Bind(4, e.description)
      .Bind(5, e.starts_on.ToString())
      .Bind(6, e.ends_on.ToString())
      .Bind(7, std::int64_t{e.slot_minutes})
      .Bind(8, std::int64_t{e.default_quota})
      .Bind(9, linkage::EventStateId(e.state))
      .Bind(10, e.dataset)
      .Bind(11, e.created_by)
      .Bind(12, Now());
  LIENKET_ASSIGN_OR_RETURN(row, q.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không tạo được sự kiện", "Event not created");
  std::int64_t id = q.Int(0);
  LIENKET_ASSIGN_OR_RETURN(done, q.Step());
  (void)done;
  LIENKET_RETURN_IF_ERROR(WriteSessions(id, e));
  LIENKET_RETURN_IF_ERROR(WriteMinimums(id, e));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", id), e.unit_id,
                                json{{"title", e.title},
                                     {"starts_on", e.starts_on.ToString()},
                                     {"state", linkage::EventStateId(e.state)}}
                                    .dump()));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteEventStore::UpdateEvent(const EventRecord& e, bool replace_sessions,
                                           const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare(kUpdateEvent));
  q.Bind(1, e.id)
      .Bind(2, e.title)
      .Bind(3, e.venue)
      .Bind(4, e.description)
      .Bind(5, e.starts_on.ToString())
      .Bind(6, e.ends_on.ToString())
      .Bind(7, std::int64_t{e.slot_minutes})
      .Bind(8, std::int64_t{e.default_quota})
      .Bind(9, Now());
  LIENKET_RETURN_IF_ERROR(q.Run());
  if (db_->Changes() == 0) return tl::unexpected(NotFoundError("sự kiện", "event", e.id));
  if (replace_sessions) LIENKET_RETURN_IF_ERROR(WriteSessions(e.id, e));
  LIENKET_RETURN_IF_ERROR(WriteMinimums(e.id, e));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", e.id), e.unit_id,
                                json{{"title", e.title},
                                     {"starts_on", e.starts_on.ToString()},
                                     {"ends_on", e.ends_on.ToString()},
                                     {"slot_minutes", e.slot_minutes},
                                     {"sessions_replaced", replace_sessions}}
                                    .dump()));
  return tx.Commit();
}

core::Result<int> SqliteEventStore::HostOf(std::int64_t event_id) {
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare("SELECT unit_id FROM events WHERE id = ?1"));
  q.Bind(1, event_id);
  LIENKET_ASSIGN_OR_RETURN(row, q.Step());
  if (!row) return tl::unexpected(NotFoundError("sự kiện", "event", event_id));
  return static_cast<int>(q.Int(0));
}

core::Status SqliteEventStore::SetEventState(std::int64_t id, linkage::EventState state,
                                             const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(id));
  LIENKET_ASSIGN_OR_RETURN(q,
                           db_->Prepare("UPDATE events SET state = ?2, updated_at = ?3 WHERE id = ?1"));
  q.Bind(1, id).Bind(2, linkage::EventStateId(state)).Bind(3, Now());
  LIENKET_RETURN_IF_ERROR(q.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", id), unit,
                                json{{"state", linkage::EventStateId(state)}}.dump()));
  return tx.Commit();
}

core::Result<std::optional<EventRecord>> SqliteEventStore::FindEvent(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare(fmt::format("SELECT {} FROM events WHERE id = ?1", kEventColumns)));
  q.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, q.Step());
  if (!row) return std::optional<EventRecord>();
  EventRecord e = ReadEvent(q);
  LIENKET_ASSIGN_OR_RETURN(
      s, db_->Prepare("SELECT id, day, starts_at, ends_at, tables FROM event_sessions "
                      "WHERE event_id = ?1 ORDER BY day, starts_at"));
  s.Bind(1, id);
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, s.Step());
    if (!more) break;
    linkage::EventSession session;
    session.id = s.Int(0);
    session.day = core::Date::Parse(s.Text(1)).value_or(core::Date{});
    session.starts_at = linkage::ParseClock(s.Text(2)).value_or(0);
    session.ends_at = linkage::ParseClock(s.Text(3)).value_or(0);
    session.tables = static_cast<int>(s.Int(4));
    e.sessions.push_back(session);
  }
  LIENKET_ASSIGN_OR_RETURN(
      m, db_->Prepare("SELECT unit_id, meetings FROM event_province_minimums WHERE event_id = ?1 "
                      "ORDER BY unit_id"));
  m.Bind(1, id);
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, m.Step());
    if (!more) break;
    e.province_minimums.emplace_back(static_cast<int>(m.Int(0)), static_cast<int>(m.Int(1)));
  }
  return std::optional<EventRecord>(std::move(e));
}

core::Result<std::vector<EventRecord>> SqliteEventStore::ListEvents(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare(fmt::format("SELECT {} FROM events WHERE (?1 = '' OR dataset = ?1) "
                                  "ORDER BY starts_on DESC, id DESC",
                                  kEventColumns)));
  q.Bind(1, dataset);
  std::vector<EventRecord> out;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, q.Step());
    if (!more) break;
    out.push_back(ReadEvent(q));
  }
  return out;
}

core::Result<std::int64_t> SqliteEventStore::Register(const ParticipantRecord& p,
                                                      const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(p.event_id));
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("INSERT INTO event_participants (event_id, organisation_id, max_meetings, "
                      "note, registered_by, registered_at) VALUES (?1, ?2, ?3, ?4, "
                      "NULLIF(?5, 0), ?6) RETURNING id"));
  q.Bind(1, p.event_id)
      .Bind(2, p.organisation_id)
      .Bind(3, std::int64_t{p.max_meetings})
      .Bind(4, p.note)
      .Bind(5, p.registered_by)
      .Bind(6, Now());
  auto row = q.Step();
  if (!row && row.error().code == ErrorCode::kAlreadyExists)
    return MakeError(ErrorCode::kAlreadyExists, "Tổ chức này đã đăng ký tham gia sự kiện",
                     "This organisation is already registered for the event");
  if (!row) return tl::unexpected(row.error());
  std::int64_t id = q.Int(0);
  LIENKET_ASSIGN_OR_RETURN(done, q.Step());
  (void)done;
  ParticipantRecord copy = p;
  copy.id = id;
  LIENKET_RETURN_IF_ERROR(UpdateParticipantSessions(copy));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", p.event_id), unit,
                                json{{"participant", id},
                                     {"organisation", p.organisation_id},
                                     {"sessions", p.session_ids},
                                     {"max_meetings", p.max_meetings}}
                                    .dump()));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteEventStore::UpdateParticipantSessions(const ParticipantRecord& p) {
  LIENKET_ASSIGN_OR_RETURN(
      del, db_->Prepare("DELETE FROM event_participant_sessions WHERE participant_id = ?1"));
  del.Bind(1, p.id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  // Only sessions of the participant's own event.
  LIENKET_ASSIGN_OR_RETURN(
      ins, db_->Prepare("INSERT INTO event_participant_sessions (participant_id, session_id) "
                        "SELECT ?1, id FROM event_sessions WHERE id = ?2 AND event_id = ?3 "
                        "ON CONFLICT (participant_id, session_id) DO NOTHING"));
  for (std::int64_t s : p.session_ids) {
    ins.Reset();
    ins.Bind(1, p.id).Bind(2, s).Bind(3, p.event_id);
    LIENKET_RETURN_IF_ERROR(ins.Run());
  }
  return {};
}

core::Status SqliteEventStore::UpdateParticipant(const ParticipantRecord& p,
                                                 const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(p.event_id));
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare("UPDATE event_participants SET max_meetings = ?2, "
                                           "note = ?3 WHERE id = ?1 AND event_id = ?4"));
  q.Bind(1, p.id).Bind(2, std::int64_t{p.max_meetings}).Bind(3, p.note).Bind(4, p.event_id);
  LIENKET_RETURN_IF_ERROR(q.Run());
  if (db_->Changes() == 0)
    return tl::unexpected(NotFoundError("người tham gia", "participant", p.id));
  LIENKET_RETURN_IF_ERROR(UpdateParticipantSessions(p));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", p.event_id), unit,
                                json{{"participant", p.id},
                                     {"sessions", p.session_ids},
                                     {"max_meetings", p.max_meetings}}
                                    .dump()));
  return tx.Commit();
}

core::Status SqliteEventStore::CheckIn(std::int64_t participant_id, std::int64_t user_id,
                                       const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(
      find, db_->Prepare("SELECT event_id FROM event_participants WHERE id = ?1"));
  find.Bind(1, participant_id);
  LIENKET_ASSIGN_OR_RETURN(found, find.Step());
  if (!found) return tl::unexpected(NotFoundError("người tham gia", "participant", participant_id));
  std::int64_t event_id = find.Int(0);
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  std::string at = Now();
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("UPDATE event_participants SET checked_in_at = COALESCE(checked_in_at, ?2), "
                      "checked_in_by = COALESCE(checked_in_by, NULLIF(?3, 0)) WHERE id = ?1"));
  q.Bind(1, participant_id).Bind(2, at).Bind(3, user_id);
  LIENKET_RETURN_IF_ERROR(q.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", event_id), unit,
                                json{{"participant", participant_id}, {"checked_in_at", at}}.dump()));
  return tx.Commit();
}

core::Result<std::vector<ParticipantRecord>> SqliteEventStore::ListParticipants(
    std::int64_t event_id) {
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("SELECT id, event_id, organisation_id, max_meetings, note, "
                      "COALESCE(registered_by, 0), registered_at, COALESCE(checked_in_at, '') "
                      "FROM event_participants WHERE event_id = ?1 ORDER BY id"));
  q.Bind(1, event_id);
  std::vector<ParticipantRecord> out;
  std::map<std::int64_t, std::size_t> index;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, q.Step());
    if (!more) break;
    ParticipantRecord p;
    p.id = q.Int(0);
    p.event_id = q.Int(1);
    p.organisation_id = q.Int(2);
    p.max_meetings = static_cast<int>(q.Int(3));
    p.note = q.Text(4);
    p.registered_by = q.Int(5);
    p.registered_at = q.Text(6);
    p.checked_in_at = q.Text(7);
    index[p.id] = out.size();
    out.push_back(std::move(p));
  }
  LIENKET_ASSIGN_OR_RETURN(
      s, db_->Prepare("SELECT ps.participant_id, ps.session_id FROM event_participant_sessions ps "
                      "JOIN event_participants p ON p.id = ps.participant_id "
                      "JOIN event_sessions s ON s.id = ps.session_id "
                      "WHERE p.event_id = ?1 ORDER BY ps.participant_id, s.day, s.starts_at"));
  s.Bind(1, event_id);
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, s.Step());
    if (!more) break;
    auto it = index.find(s.Int(0));
    if (it != index.end()) out[it->second].session_ids.push_back(s.Int(1));
  }
  return out;
}

core::Result<std::int64_t> SqliteEventStore::CreateRequest(const MeetingRequestRecord& r,
                                                           const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(r.event_id));
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("INSERT INTO event_meeting_requests (event_id, from_participant, "
                      "to_participant, priority, origin, from_listing_id, to_listing_id, "
                      "match_score, message, state, created_by, created_at) VALUES (?1, ?2, ?3, "
                      "?4, ?5, NULLIF(?6, 0), NULLIF(?7, 0), NULLIF(?8, ''), ?9, ?10, "
                      "NULLIF(?11, 0), ?12) RETURNING id"));
  q.Bind(1, r.event_id)
      .Bind(2, r.from_participant)
      .Bind(3, r.to_participant)
      .Bind(4, linkage::RequestPriorityId(r.priority))
      .Bind(5, r.origin)
      .Bind(6, r.from_listing_id)
      .Bind(7, r.to_listing_id)
      .Bind(8, r.match_score)
      .Bind(9, r.message)
      .Bind(10, linkage::RequestStateId(r.state))
      .Bind(11, r.created_by)
      .Bind(12, Now());
  auto row = q.Step();
  if (!row && row.error().code == ErrorCode::kAlreadyExists)
    return MakeError(ErrorCode::kAlreadyExists, "Đã có yêu cầu gặp giữa hai bên theo chiều này",
                     "There is already a meeting request between them in that direction");
  if (!row) return tl::unexpected(row.error());
  std::int64_t id = q.Int(0);
  LIENKET_ASSIGN_OR_RETURN(done, q.Step());
  (void)done;
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", r.event_id), unit,
                                json{{"request", id},
                                     {"from", r.from_participant},
                                     {"to", r.to_participant},
                                     {"priority", linkage::RequestPriorityId(r.priority)},
                                     {"origin", r.origin}}
                                    .dump()));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteEventStore::AnswerRequest(std::int64_t request_id, bool accept,
                                             std::int64_t user_id, const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(
      find, db_->Prepare("SELECT event_id, state FROM event_meeting_requests WHERE id = ?1"));
  find.Bind(1, request_id);
  LIENKET_ASSIGN_OR_RETURN(found, find.Step());
  if (!found) return tl::unexpected(NotFoundError("yêu cầu gặp", "meeting request", request_id));
  std::int64_t event_id = find.Int(0);
  if (find.Text(1) != "requested")
    return MakeError(ErrorCode::kFailedPrecondition, "Yêu cầu này đã được trả lời",
                     "This request has already been answered");
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  std::string now = Now();
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("UPDATE event_meeting_requests SET state = ?2, answered_by = NULLIF(?3, 0), "
                      "answered_at = ?4 WHERE id = ?1 AND state = 'requested'"));
  q.Bind(1, request_id).Bind(2, accept ? "accepted" : "declined").Bind(3, user_id).Bind(4, now);
  LIENKET_RETURN_IF_ERROR(q.Run());
  std::int64_t meeting = 0;
  if (accept) {
    LIENKET_ASSIGN_OR_RETURN(
        ins, db_->Prepare("INSERT INTO event_meetings (event_id, request_id, status, created_at, "
                          "updated_at) VALUES (?1, ?2, 'unscheduled', ?3, ?3) RETURNING id"));
    ins.Bind(1, event_id).Bind(2, request_id).Bind(3, now);
    LIENKET_ASSIGN_OR_RETURN(row, ins.Step());
    if (row) meeting = ins.Int(0);
    LIENKET_ASSIGN_OR_RETURN(done, ins.Step());
    (void)done;
  }
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", event_id), unit,
                                json{{"request", request_id},
                                     {"state", accept ? "accepted" : "declined"},
                                     {"meeting", meeting == 0 ? json(nullptr) : json(meeting)}}
                                    .dump()));
  return tx.Commit();
}

core::Result<std::vector<MeetingRequestRecord>> SqliteEventStore::ListRequests(
    std::int64_t event_id) {
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("SELECT id, event_id, from_participant, to_participant, priority, origin, "
                      "COALESCE(from_listing_id, 0), COALESCE(to_listing_id, 0), "
                      "COALESCE(match_score, ''), message, state, COALESCE(created_by, 0), "
                      "created_at, COALESCE(answered_by, 0), COALESCE(answered_at, '') "
                      "FROM event_meeting_requests WHERE event_id = ?1 ORDER BY id"));
  q.Bind(1, event_id);
  std::vector<MeetingRequestRecord> out;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, q.Step());
    if (!more) break;
    MeetingRequestRecord r;
    r.id = q.Int(0);
    r.event_id = q.Int(1);
    r.from_participant = q.Int(2);
    r.to_participant = q.Int(3);
    r.priority = linkage::ParseRequestPriority(q.Text(4)).value_or(linkage::RequestPriority::kMeet);
    r.origin = q.Text(5);
    r.from_listing_id = q.Int(6);
    r.to_listing_id = q.Int(7);
    r.match_score = q.Text(8);
    r.message = q.Text(9);
    r.state = linkage::ParseRequestState(q.Text(10)).value_or(linkage::RequestState::kRequested);
    r.created_by = q.Int(11);
    r.created_at = q.Text(12);
    r.answered_by = q.Int(13);
    r.answered_at = q.Text(14);
    out.push_back(std::move(r));
  }
  return out;
}

core::Result<std::vector<MeetingRecord>> SqliteEventStore::ListMeetings(std::int64_t event_id) {
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("SELECT m.id, m.event_id, m.request_id, r.from_participant, "
                      "r.to_participant, r.priority, m.slot, m.table_no, m.status, "
                      "m.unscheduled_reason, m.pinned, COALESCE(m.held_by_first, ''), "
                      "COALESCE(m.held_by_second, ''), m.updated_at FROM event_meetings m "
                      "JOIN event_meeting_requests r ON r.id = m.request_id "
                      "WHERE m.event_id = ?1 ORDER BY m.id"));
  q.Bind(1, event_id);
  std::vector<MeetingRecord> out;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, q.Step());
    if (!more) break;
    MeetingRecord m;
    m.id = q.Int(0);
    m.event_id = q.Int(1);
    m.request_id = q.Int(2);
    m.first = q.Int(3);
    m.second = q.Int(4);
    m.priority = linkage::ParseRequestPriority(q.Text(5)).value_or(linkage::RequestPriority::kMeet);
    if (!q.IsNull(6)) m.slot = static_cast<int>(q.Int(6));
    if (!q.IsNull(7)) m.table = static_cast<int>(q.Int(7));
    m.status = q.Text(8);
    m.unscheduled_reason = q.Text(9);
    m.pinned = q.Int(10) != 0;
    m.held_by_first = q.Text(11);
    m.held_by_second = q.Text(12);
    m.updated_at = q.Text(13);
    out.push_back(std::move(m));
  }
  return out;
}

core::Status SqliteEventStore::SaveSchedule(std::int64_t event_id,
                                            const std::vector<MeetingPlacementUpdate>& placements,
                                            const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  std::string now = Now();
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("UPDATE event_meetings SET slot = ?2, table_no = ?3, status = ?4, "
                      "unscheduled_reason = ?5, updated_at = ?6 WHERE id = ?1 AND event_id = ?7"));
  int placed = 0;
  for (const MeetingPlacementUpdate& p : placements) {
    q.Reset();
    q.Bind(1, p.meeting_id);
    if (p.slot && p.table) {
      q.Bind(2, std::int64_t{*p.slot}).Bind(3, std::int64_t{*p.table}).Bind(4, "provisional");
      ++placed;
    } else {
      q.BindNull(2).BindNull(3).Bind(4, "unscheduled");
    }
    q.Bind(5, p.unscheduled_reason).Bind(6, now).Bind(7, event_id);
    LIENKET_RETURN_IF_ERROR(q.Run());
  }
  LIENKET_ASSIGN_OR_RETURN(
      st, db_->Prepare("UPDATE events SET state = 'scheduled_provisional', updated_at = ?2 "
                       "WHERE id = ?1"));
  st.Bind(1, event_id).Bind(2, now);
  LIENKET_RETURN_IF_ERROR(st.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", event_id), unit,
                                json{{"state", "scheduled_provisional"},
                                     {"meetings", placements.size()},
                                     {"scheduled", placed}}
                                    .dump()));
  return tx.Commit();
}

core::Result<std::int64_t> SqliteEventStore::EventOfMeeting(std::int64_t meeting_id) {
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare("SELECT event_id FROM event_meetings WHERE id = ?1"));
  q.Bind(1, meeting_id);
  LIENKET_ASSIGN_OR_RETURN(row, q.Step());
  if (!row) return tl::unexpected(NotFoundError("cuộc gặp", "meeting", meeting_id));
  return q.Int(0);
}

core::Status SqliteEventStore::MoveMeeting(std::int64_t meeting_id, int slot, int table,
                                           const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(event_id, EventOfMeeting(meeting_id));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("UPDATE event_meetings SET slot = ?2, table_no = ?3, pinned = 1, "
                      "unscheduled_reason = '', status = CASE WHEN status = 'final' THEN 'final' "
                      "ELSE 'provisional' END, updated_at = ?4 WHERE id = ?1"));
  q.Bind(1, meeting_id).Bind(2, std::int64_t{slot}).Bind(3, std::int64_t{table}).Bind(4, Now());
  LIENKET_RETURN_IF_ERROR(q.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("meeting:{}", meeting_id), unit,
                                json{{"event", event_id}, {"slot", slot}, {"table", table},
                                     {"pinned", true}}
                                    .dump()));
  return tx.Commit();
}

core::Status SqliteEventStore::Finalise(std::int64_t event_id, const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  std::string now = Now();
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare("UPDATE event_meetings SET status = 'final', updated_at = ?2 "
                      "WHERE event_id = ?1 AND slot IS NOT NULL"));
  q.Bind(1, event_id).Bind(2, now);
  LIENKET_RETURN_IF_ERROR(q.Run());
  std::int64_t finals = db_->Changes();
  LIENKET_ASSIGN_OR_RETURN(
      st, db_->Prepare("UPDATE events SET state = 'final', updated_at = ?2 WHERE id = ?1"));
  st.Bind(1, event_id).Bind(2, now);
  LIENKET_RETURN_IF_ERROR(st.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("event:{}", event_id), unit,
                                json{{"state", "final"}, {"meetings_final", finals}}.dump()));
  return tx.Commit();
}

core::Status SqliteEventStore::MarkHeld(std::int64_t meeting_id, bool by_first,
                                        const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(event_id, EventOfMeeting(meeting_id));
  LIENKET_ASSIGN_OR_RETURN(unit, HostOf(event_id));
  std::string now = Now();
  LIENKET_ASSIGN_OR_RETURN(
      q, db_->Prepare(by_first ? "UPDATE event_meetings SET held_by_first = "
                                 "COALESCE(held_by_first, ?2), updated_at = ?2 WHERE id = ?1"
                               : "UPDATE event_meetings SET held_by_second = "
                                 "COALESCE(held_by_second, ?2), updated_at = ?2 WHERE id = ?1"));
  q.Bind(1, meeting_id).Bind(2, now);
  LIENKET_RETURN_IF_ERROR(q.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("meeting:{}", meeting_id), unit,
                                json{{"event", event_id},
                                     {"held_by", by_first ? "first" : "second"},
                                     {"at", now}}
                                    .dump()));
  return tx.Commit();
}

core::Result<linkage::EventFigures> SqliteEventStore::Figures(std::int64_t event_id) {
  linkage::EventFigures f;
  auto count = [&](std::string_view sql) -> core::Result<int> {
    LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare(sql));
    q.Bind(1, event_id);
    LIENKET_ASSIGN_OR_RETURN(row, q.Step());
    return row ? static_cast<int>(q.Int(0)) : 0;
  };
  LIENKET_ASSIGN_OR_RETURN(
      participants, count("SELECT COUNT(*) FROM event_participants WHERE event_id = ?1"));
  LIENKET_ASSIGN_OR_RETURN(checked, count("SELECT COUNT(*) FROM event_participants WHERE "
                                          "event_id = ?1 AND checked_in_at IS NOT NULL"));
  LIENKET_ASSIGN_OR_RETURN(requested, count("SELECT COUNT(*) FROM event_meeting_requests WHERE "
                                            "event_id = ?1 AND priority <> 'no'"));
  LIENKET_ASSIGN_OR_RETURN(accepted, count("SELECT COUNT(*) FROM event_meeting_requests WHERE "
                                           "event_id = ?1 AND state = 'accepted'"));
  LIENKET_ASSIGN_OR_RETURN(declined, count("SELECT COUNT(*) FROM event_meeting_requests WHERE "
                                           "event_id = ?1 AND state = 'declined'"));
  LIENKET_ASSIGN_OR_RETURN(scheduled, count("SELECT COUNT(*) FROM event_meetings WHERE "
                                            "event_id = ?1 AND slot IS NOT NULL"));
  LIENKET_ASSIGN_OR_RETURN(held, count("SELECT COUNT(*) FROM event_meetings WHERE event_id = ?1 "
                                       "AND (held_by_first IS NOT NULL OR held_by_second IS NOT "
                                       "NULL)"));
  LIENKET_ASSIGN_OR_RETURN(both, count("SELECT COUNT(*) FROM event_meetings WHERE event_id = ?1 "
                                       "AND held_by_first IS NOT NULL AND held_by_second IS NOT "
                                       "NULL"));
  f.participants = participants;
  f.checked_in = checked;
  f.requested = requested;
  f.accepted = accepted;
  f.declined = declined;
  f.scheduled = scheduled;
  f.held = held;
  f.held_by_both = both;
  LIENKET_RETURN_IF_ERROR(DealFigures(event_id, &f));
  return f;
}

// Hook for the deals feature (migration 0007: `deals` with a nullable `event_id`, the value per
// product in `deal_lines.value`, exact decimal text): when the tables are there, the event's
// deals are counted and their lines' values summed in C++; when they are not (a database before
// 0007), the figures say so with nullopt. Preparing the
// statement is how we ask, which works the same on SQLite and PostgreSQL.
core::Status SqliteEventStore::DealFigures(std::int64_t event_id, linkage::EventFigures* f) {
  auto counted = db_->Prepare("SELECT COUNT(*) FROM deals WHERE event_id = ?1");
  if (!counted) return {};  // no deals table in this database: the figures say "unknown"
  counted->Bind(1, event_id);
  LIENKET_ASSIGN_OR_RETURN(row, counted->Step());
  f->deals = row ? static_cast<int>(counted->Int(0)) : 0;
  auto values = db_->Prepare(
      "SELECT l.value FROM deal_lines l JOIN deals d ON d.id = l.deal_id WHERE d.event_id = ?1");
  if (!values) return {};  // no deal lines: the count alone
  values->Bind(1, event_id);
  core::Decimal sum;
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(more, values->Step());
    if (!more) break;
    if (values->IsNull(0)) continue;
    if (auto v = core::Decimal::Parse(values->Text(0))) sum += *v;
  }
  f->deal_value = sum.ToString();
  return {};
}

core::Result<std::int64_t> SqliteEventStore::DeleteDataset(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(q, db_->Prepare("DELETE FROM events WHERE dataset = ?1"));
  q.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(q.Run());
  std::int64_t n = db_->Changes();
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return n;
}

}  // namespace lienket::store
