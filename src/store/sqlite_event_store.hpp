// Trade-promotion events (issue 5; sql/sqlite/0005_events.sql) over the statistics store's
// connection: events with their sessions and province minimums, participants with the sessions
// they attend, meeting requests, meetings (one per accepted request, with a stable id while the
// scheduler or the organiser moves it) and the event's figures. Every write and its audit_log row
// (entity "event:ID" or "meeting:ID") go in one transaction. Portable SQL (numbered parameters,
// RETURNING ids, no SQLite-only functions); times are computed here and bound as ISO text.
// Not thread-safe: used under the server's mutex, like the other stores over the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "linkage/event.hpp"
#include "linkage/linkage_repository.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

struct EventRecord {
  std::int64_t id = 0;
  int unit_id = 0;  // host province
  std::string title, venue, description;
  core::Date starts_on, ends_on;
  int slot_minutes = 20;
  int default_quota = 8;
  linkage::EventState state = linkage::EventState::kDraft;
  std::string dataset = "observed";
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
  std::vector<linkage::EventSession> sessions;              // ids filled when read
  std::vector<std::pair<int, int>> province_minimums;       // (unit_id, meetings)
};

struct ParticipantRecord {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t organisation_id = 0;
  int max_meetings = 8;
  std::string note;
  std::vector<std::int64_t> session_ids;
  std::int64_t registered_by = 0;
  std::string registered_at;
  std::string checked_in_at;  // "" not yet
};

struct MeetingRequestRecord {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t from_participant = 0, to_participant = 0;
  linkage::RequestPriority priority = linkage::RequestPriority::kMeet;
  std::string origin = "participant";  // participant | matching
  std::int64_t from_listing_id = 0, to_listing_id = 0;  // 0 none
  std::string match_score;                              // "" none
  std::string message;
  linkage::RequestState state = linkage::RequestState::kRequested;
  std::int64_t created_by = 0;
  std::string created_at;
  std::int64_t answered_by = 0;
  std::string answered_at;
};

struct MeetingRecord {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t request_id = 0;
  std::int64_t first = 0, second = 0;  // participants (requester, counterpart)
  linkage::RequestPriority priority = linkage::RequestPriority::kMeet;
  std::optional<int> slot;   // 0-based
  std::optional<int> table;  // 1-based
  std::string status = "unscheduled";  // unscheduled | provisional | final
  std::string unscheduled_reason;
  bool pinned = false;
  std::string held_by_first, held_by_second;  // "" not recorded
  std::string updated_at;
};

// What the scheduler (or the organiser) decided for one meeting.
struct MeetingPlacementUpdate {
  std::int64_t meeting_id = 0;
  std::optional<int> slot, table;
  std::string unscheduled_reason;
};

class SqliteEventStore {
 public:
  explicit SqliteEventStore(SqliteStore* store) : db_(store->db()) {}
  explicit SqliteEventStore(SqliteDb* db) : db_(db) {}

  // Inserts the event, its sessions and minimums. Errors: as the database.
  [[nodiscard]] core::Result<std::int64_t> CreateEvent(const EventRecord& e,
                                                       const linkage::DirectoryChange& change);
  // Replaces title, venue, description, days, slot length, quota and minimums; the sessions too
  // when `replace_sessions` (the caller refuses that once organisations registered, whose chosen
  // sessions would be lost). Errors: kNotFound.
  [[nodiscard]] core::Status UpdateEvent(const EventRecord& e, bool replace_sessions,
                                         const linkage::DirectoryChange& change);
  [[nodiscard]] core::Status SetEventState(std::int64_t id, linkage::EventState state,
                                           const linkage::DirectoryChange& change);
  [[nodiscard]] core::Result<std::optional<EventRecord>> FindEvent(std::int64_t id);
  // Every event, newest first; `dataset` "" for all.
  [[nodiscard]] core::Result<std::vector<EventRecord>> ListEvents(const std::string& dataset = "");

  // Errors: kAlreadyExists when the organisation is already registered.
  [[nodiscard]] core::Result<std::int64_t> Register(const ParticipantRecord& p,
                                                    const linkage::DirectoryChange& change);
  // Replaces quota, note and sessions.
  [[nodiscard]] core::Status UpdateParticipant(const ParticipantRecord& p,
                                               const linkage::DirectoryChange& change);
  [[nodiscard]] core::Status CheckIn(std::int64_t participant_id, std::int64_t user_id,
                                     const linkage::DirectoryChange& change);
  [[nodiscard]] core::Result<std::vector<ParticipantRecord>> ListParticipants(
      std::int64_t event_id);

  // Errors: kAlreadyExists when the pair already has a request in that direction.
  [[nodiscard]] core::Result<std::int64_t> CreateRequest(const MeetingRequestRecord& r,
                                                         const linkage::DirectoryChange& change);
  // requested → accepted (creating the unscheduled meeting) or declined. Errors: kNotFound,
  // kFailedPrecondition when already answered.
  [[nodiscard]] core::Status AnswerRequest(std::int64_t request_id, bool accept,
                                           std::int64_t user_id,
                                           const linkage::DirectoryChange& change);
  [[nodiscard]] core::Result<std::vector<MeetingRequestRecord>> ListRequests(
      std::int64_t event_id);

  [[nodiscard]] core::Result<std::vector<MeetingRecord>> ListMeetings(std::int64_t event_id);
  // Writes the scheduler's result for the event's meetings (pinned ones as given) as
  // 'provisional' and puts the event in scheduled_provisional, in one transaction.
  [[nodiscard]] core::Status SaveSchedule(std::int64_t event_id,
                                          const std::vector<MeetingPlacementUpdate>& placements,
                                          const linkage::DirectoryChange& change);
  // The organiser's move: slot and table, pinned; status provisional unless final already.
  [[nodiscard]] core::Status MoveMeeting(std::int64_t meeting_id, int slot, int table,
                                         const linkage::DirectoryChange& change);
  // Placed meetings become 'final' and the event 'final'.
  [[nodiscard]] core::Status Finalise(std::int64_t event_id,
                                      const linkage::DirectoryChange& change);
  // Records that side `first` (the requester) or the counterpart held the meeting.
  [[nodiscard]] core::Status MarkHeld(std::int64_t meeting_id, bool by_first,
                                      const linkage::DirectoryChange& change);

  [[nodiscard]] core::Result<linkage::EventFigures> Figures(std::int64_t event_id);

  // Deletes the events of a dataset ('illustrative': the demo's) with everything under them.
  [[nodiscard]] core::Result<std::int64_t> DeleteDataset(const std::string& dataset);

  // The demo (`lienket demo load`, after the illustrative directory): replaces the illustrative
  // events with one invented event hosted by Hà Nội on the 15th and 16th of the month after
  // `today` — participants drawn from the illustrative organisations of several provinces, their
  // sessions and quotas, meeting requests between organisations of different provinces
  // (deterministic; some must-meets, some declined, some unanswered), a minimum for two small
  // provinces, and a provisional schedule from the scheduler. Everything is marked
  // 'illustrative'. Errors: kFailedPrecondition when the illustrative directory is not loaded.
  struct IllustrativeEventCounts {
    std::int64_t event_id = 0;
    int participants = 0, requests = 0, accepted = 0, scheduled = 0;
  };
  [[nodiscard]] core::Result<IllustrativeEventCounts> LoadIllustrative(
      const stats::UnitCatalog& units, const core::Date& today);

 private:
  core::Status Audit(const linkage::DirectoryChange& change, const std::string& entity,
                     int unit_id, const std::string& new_value);
  core::Status WriteSessions(std::int64_t event_id, const EventRecord& e);
  core::Status WriteMinimums(std::int64_t event_id, const EventRecord& e);
  core::Result<int> HostOf(std::int64_t event_id);
  core::Result<std::int64_t> EventOfMeeting(std::int64_t meeting_id);
  core::Status UpdateParticipantSessions(const ParticipantRecord& p);
  // The hook for deals (table `deals` of the deals feature, migration 0007): see the .cpp.
  core::Status DealFigures(std::int64_t event_id, linkage::EventFigures* f);

  SqliteDb* db_;
};

}  // namespace lienket::store
