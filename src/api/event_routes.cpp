// Trade-promotion events of issue 5 (B2B meetings, as b2match or Grip do), end to end: the
// organiser creates an event (sessions cut into slots, tables per slot, quotas, province
// minimums); enterprise accounts register their organisations with the sessions they attend;
// participants request meetings (must meet / meet / no), or the matching proposes them between
// registered participants whose listings match; the counterpart accepts or declines; the
// organiser runs the scheduler (linkage/meeting_scheduler.hpp) for a provisional schedule, moves
// meetings by hand with the conflicts shown, and finalises; on the day the organiser checks
// participants in and either side records the meeting held; agendas per participant and per
// table as JSON and PDF; the event's figures.
//
// Who does what (access::Policy::CanOrganiseEvent for the organiser):
//   anyone        sees events that are not drafts, their sessions and figures;
//   enterprise    registers its organisations, sees the participants list, makes and answers
//                 requests for its participants, sees its own agendas, records its meetings held;
//   organiser     (the host province's officer or approver, the coordinator of a region that has
//                 the host, the administrator) creates and edits the event, changes its state,
//                 registers organisations on their behalf, proposes meetings from the matching,
//                 schedules, moves, finalises, checks in, sees every request and agenda.
// Every change goes through store::SqliteEventStore with an audit row ("event:ID",
// "meeting:ID").
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "api/event_agenda_pdf.hpp"
#include "api/linkage_matching.hpp"
#include "api/service.hpp"
#include "core/vi_text.hpp"
#include "linkage/event.hpp"
#include "linkage/meeting_scheduler.hpp"
#include "store/sqlite_event_store.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;
using linkage::EventState;
using nlohmann::json;
using store::EventRecord;
using store::MeetingRecord;
using store::MeetingRequestRecord;
using store::ParticipantRecord;

// ---- who is asking, and small helpers

struct Who {
  const access::User* user = nullptr;
  std::set<std::int64_t> orgs;  // organisations the account acts for
};

core::Result<Who> Caller(Service& s, const HttpRequest& r) {
  Who w;
  w.user = r.Caller();
  if (w.user != nullptr && w.user->active) {
    LIENKET_ASSIGN_OR_RETURN(orgs, s.linkage().store().OrganisationsOf(w.user->id));
    w.orgs.insert(orgs.begin(), orgs.end());
  }
  return w;
}

bool IsAdmin(const Who& w) {
  return w.user != nullptr && w.user->active && w.user->role == access::Role::kAdmin;
}
bool ActsFor(const Who& w, std::int64_t organisation_id) {
  return IsAdmin(w) || (w.user != nullptr && w.user->active &&
                        w.user->role == access::Role::kEnterprise &&
                        w.orgs.count(organisation_id) > 0);
}
bool Organises(Service& s, const Who& w, const EventRecord& e) {
  return s.policy().CanOrganiseEvent(w.user, e.unit_id);
}
bool SeesEvent(Service& s, const Who& w, const EventRecord& e) {
  return e.state != EventState::kDraft || Organises(s, w, e);
}

store::SqliteEventStore Events(Service& s) { return store::SqliteEventStore(s.ctx().store.get()); }

core::Error Precondition(std::string vi, std::string en) {
  return {ErrorCode::kFailedPrecondition, std::move(vi), std::move(en)};
}

using Problems = FieldProblems;

std::optional<std::int64_t> IntField(const json& body, const std::string& name, Problems* p) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    const std::string& t = it->get_ref<const std::string&>();
    if (!t.empty() && t.size() < 12 && std::all_of(t.begin(), t.end(), [](char c) {
          return c >= '0' && c <= '9';
        }))
      return std::stoll(t);
  }
  p->Add(name, "Cần một số nguyên", "An integer is required");
  return std::nullopt;
}

std::string TextOf(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return "";
  return std::string(core::TrimSpaces(it->get<std::string>()));
}

// ---- loading

struct Loaded {
  EventRecord event;
  std::vector<linkage::EventSlot> slots;  // empty when the sessions do not make slots
};

core::Result<Loaded> LoadEvent(Service& s, const HttpRequest& r, const Who& who) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "sự kiện", "event"));
  LIENKET_ASSIGN_OR_RETURN(found, Events(s).FindEvent(id));
  if (!found || !SeesEvent(s, who, *found))
    return tl::unexpected(NotFound(fmt::format("sự kiện số {}", id), fmt::format("event {}", id)));
  Loaded l{std::move(*found), {}};
  auto slots =
      linkage::EventSlots(l.event.sessions, l.event.slot_minutes, l.event.starts_on, l.event.ends_on);
  if (slots) l.slots = std::move(*slots);
  return l;
}

core::Status RequireOrganiser(Service& s, const Who& who, const EventRecord& e,
                              std::string_view what_vi, std::string_view what_en) {
  if (Organises(s, who, e)) return {};
  return tl::unexpected(PermissionDenied(what_vi, what_en));
}

// Participants with their organisations, by participant id.
struct Roster {
  std::vector<ParticipantRecord> list;
  std::map<std::int64_t, std::size_t> index;
  std::map<std::int64_t, linkage::DirectoryOrganisation> orgs;  // by organisation id

  const ParticipantRecord* Find(std::int64_t id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &list[it->second];
  }
  const linkage::DirectoryOrganisation* OrgOf(std::int64_t participant) const {
    const ParticipantRecord* p = Find(participant);
    if (p == nullptr) return nullptr;
    auto it = orgs.find(p->organisation_id);
    return it == orgs.end() ? nullptr : &it->second;
  }
};

core::Result<Roster> LoadRoster(Service& s, std::int64_t event_id) {
  Roster r;
  LIENKET_ASSIGN_OR_RETURN(list, Events(s).ListParticipants(event_id));
  r.list = std::move(list);
  for (std::size_t i = 0; i < r.list.size(); ++i) {
    r.index[r.list[i].id] = i;
    std::int64_t org = r.list[i].organisation_id;
    if (r.orgs.count(org)) continue;
    LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindOrganisation(org));
    if (found) r.orgs.emplace(org, std::move(*found));
  }
  return r;
}

// ---- JSON views

json UnitView(Service& s, int unit_id) {
  const stats::AdminUnit* u = s.ctx().units.FindById(unit_id);
  if (u == nullptr) return nullptr;
  return {{"key", u->key}, {"name_vi", u->name_vi}, {"name_en", u->name_en}};
}

json SlotView(const linkage::EventSlot& slot) {
  return {{"index", slot.index},
          {"session_id", slot.session_id},
          {"day", slot.day.ToString()},
          {"starts_at", linkage::FormatClock(slot.starts_at)},
          {"ends_at", linkage::FormatClock(slot.ends_at)},
          {"tables", slot.tables},
          {"label_vi", linkage::SlotLabelVi(slot)}};
}

json FiguresView(const linkage::EventFigures& f) {
  return {{"participants", f.participants},
          {"checked_in", f.checked_in},
          {"requested", f.requested},
          {"accepted", f.accepted},
          {"declined", f.declined},
          {"scheduled", f.scheduled},
          {"held", f.held},
          {"held_by_both", f.held_by_both},
          {"deals", f.deals ? json(*f.deals) : json(nullptr)},
          {"deal_value", f.deal_value ? json(*f.deal_value) : json(nullptr)},
          {"deals_available", f.deals.has_value()}};
}

core::Result<json> EventView(Service& s, const Who& who, const Loaded& l, bool full) {
  const EventRecord& e = l.event;
  bool organiser = Organises(s, who, e);
  json j = {{"id", e.id},
            {"title", e.title},
            {"venue", e.venue},
            {"description", e.description},
            {"host", UnitView(s, e.unit_id)},
            {"starts_on", e.starts_on.ToString()},
            {"ends_on", e.ends_on.ToString()},
            {"slot_minutes", e.slot_minutes},
            {"default_quota", e.default_quota},
            {"state", linkage::EventStateId(e.state)},
            {"state_label_vi", linkage::EventStateLabelVi(e.state)},
            {"dataset", e.dataset},
            {"illustrative", e.dataset == "illustrative"},
            {"slot_count", l.slots.size()}};
  bool open = linkage::EventAcceptsRegistrations(e.state);
  j["can"] = {{"organise", organiser},
              {"edit", organiser && e.state != EventState::kFinal && e.state != EventState::kClosed},
              {"register", open && who.user != nullptr &&
                               (organiser || (who.user->role == access::Role::kEnterprise &&
                                              !who.orgs.empty()))},
              {"schedule", organiser && (e.state == EventState::kOpen ||
                                         e.state == EventState::kScheduledProvisional)},
              {"finalise", organiser && e.state == EventState::kScheduledProvisional},
              {"check_in", organiser && e.state == EventState::kFinal}};
  if (!full) return j;
  json sessions = json::array();
  for (const linkage::EventSession& ss : e.sessions) {
    int count = 0;
    for (const linkage::EventSlot& sl : l.slots) count += sl.session_id == ss.id;
    sessions.push_back({{"id", ss.id},
                        {"day", ss.day.ToString()},
                        {"starts_at", linkage::FormatClock(ss.starts_at)},
                        {"ends_at", linkage::FormatClock(ss.ends_at)},
                        {"tables", ss.tables},
                        {"slots", count}});
  }
  json slots = json::array();
  for (const linkage::EventSlot& sl : l.slots) slots.push_back(SlotView(sl));
  json minimums = json::array();
  for (auto [unit, meetings] : e.province_minimums)
    minimums.push_back({{"unit", UnitView(s, unit)}, {"meetings", meetings}});
  j["sessions"] = sessions;
  j["slots"] = slots;
  j["province_minimums"] = minimums;
  LIENKET_ASSIGN_OR_RETURN(figures, Events(s).Figures(e.id));
  j["figures"] = FiguresView(figures);
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, e.id));
  json mine = json::array();
  for (const ParticipantRecord& p : roster.list)
    if (who.orgs.count(p.organisation_id)) mine.push_back(p.id);
  j["my_participants"] = mine;
  return j;
}

json ParticipantView(Service& s, const Roster& roster, const ParticipantRecord& p,
                     bool details) {
  json j = {{"id", p.id}, {"organisation_id", p.organisation_id}};
  auto it = roster.orgs.find(p.organisation_id);
  if (it != roster.orgs.end()) {
    const linkage::Organisation& o = it->second.organisation;
    j["name"] = o.name;
    j["unit"] = UnitView(s, o.unit_id);
    j["kind"] = linkage::OrganisationKindId(o.kind);
    j["illustrative"] = it->second.dataset == "illustrative";
  }
  j["sessions"] = p.session_ids;
  j["max_meetings"] = p.max_meetings;
  if (details) {
    j["note"] = p.note;
    j["checked_in_at"] = p.checked_in_at.empty() ? json(nullptr) : json(p.checked_in_at);
  }
  return j;
}

std::string NameOf(const Roster& roster, std::int64_t participant) {
  const linkage::DirectoryOrganisation* o = roster.OrgOf(participant);
  return o ? o->organisation.name : fmt::format("#{}", participant);
}

// ---- events

const std::vector<std::string> kEventFields = {
    "unit",         "title",         "venue",    "description",       "starts_on", "ends_on",
    "slot_minutes", "default_quota", "sessions", "province_minimums", "state"};

// Reads the fields present in `body` into `e`; `creating` requires the mandatory ones.
void ReadEvent(Service& s, const json& body, bool creating, EventRecord* e, Problems* p) {
  if (body.contains("title") || creating) {
    e->title = TextOf(body, "title");
    if (e->title.empty()) p->Add("title", "Cần tên sự kiện", "The event needs a title");
    if (e->title.size() > 300) p->Add("title", "Tên quá dài", "The title is too long");
  }
  if (body.contains("venue")) e->venue = TextOf(body, "venue");
  if (body.contains("description")) e->description = TextOf(body, "description");
  for (const char* f : {"starts_on", "ends_on"}) {
    if (!body.contains(f) && !creating) continue;
    auto d = core::Date::Parse(TextOf(body, f));
    if (!d) {
      p->Add(f, d.error());
      continue;
    }
    (std::string_view(f) == "starts_on" ? e->starts_on : e->ends_on) = *d;
  }
  if (body.contains("slot_minutes") || creating) {
    auto v = IntField(body, "slot_minutes", p);
    if (v) e->slot_minutes = static_cast<int>(*v);
  }
  if (body.contains("default_quota")) {
    auto v = IntField(body, "default_quota", p);
    if (v && (*v < 0 || *v > linkage::kMaxEventSlots))
      p->Add("default_quota", "Hạn mức phải từ 0 đến 64 cuộc gặp",
             "The quota must be 0 to 64 meetings");
    else if (v)
      e->default_quota = static_cast<int>(*v);
  }
  if (body.contains("sessions") || creating) {
    e->sessions.clear();
    const json& list = body.contains("sessions") ? body["sessions"] : json::array();
    if (!list.is_array() || list.empty())
      p->Add("sessions", "Cần ít nhất một phiên (ngày, giờ bắt đầu, giờ kết thúc, số bàn)",
             "At least one session is needed (day, start, end, tables)");
    else
      for (std::size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        std::string field = fmt::format("sessions[{}]", i);
        if (!item.is_object()) {
          p->Add(field, "Phiên phải là một đối tượng", "A session must be an object");
          continue;
        }
        linkage::EventSession ss;
        auto day = core::Date::Parse(TextOf(item, "day"));
        auto from = linkage::ParseClock(TextOf(item, "starts_at"));
        auto to = linkage::ParseClock(TextOf(item, "ends_at"));
        if (!day) p->Add(field + ".day", day.error());
        if (!from) p->Add(field + ".starts_at", from.error());
        if (!to) p->Add(field + ".ends_at", to.error());
        Problems dummy;
        auto tables = IntField(item, "tables", &dummy);
        if (!tables || *tables < 1 || *tables > 500)
          p->Add(field + ".tables", "Số bàn phải từ 1 đến 500", "Tables must be 1 to 500");
        if (!day || !from || !to || !tables) continue;
        ss.day = *day;
        ss.starts_at = *from;
        ss.ends_at = *to;
        ss.tables = static_cast<int>(*tables);
        e->sessions.push_back(ss);
      }
  }
  if (body.contains("province_minimums")) {
    e->province_minimums.clear();
    const json& list = body["province_minimums"];
    if (!list.is_array()) {
      p->Add("province_minimums", "Cần một danh sách", "A list is required");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string field = fmt::format("province_minimums[{}]", i);
        const json& item = list[i];
        const stats::AdminUnit* u =
            item.is_object() ? s.ctx().units.FindByKey(TextOf(item, "unit")) : nullptr;
        Problems local;
        auto n = item.is_object() ? IntField(item, "meetings", &local) : std::nullopt;
        if (u == nullptr || u->IsNational())
          p->Add(field + ".unit", "Không có tỉnh, thành phố này", "No such province");
        else if (!n || *n < 0 || *n > 10000)
          p->Add(field + ".meetings", "Số cuộc gặp tối thiểu phải từ 0 đến 10000",
                 "The minimum must be 0 to 10000 meetings");
        else
          e->province_minimums.emplace_back(u->id, static_cast<int>(*n));
      }
    }
  }
}

void CheckSlots(const EventRecord& e, Problems* p) {
  if (!p->empty()) return;
  auto slots = linkage::EventSlots(e.sessions, e.slot_minutes, e.starts_on, e.ends_on);
  if (!slots) p->Add("sessions", slots.error());
}

core::Result<HttpResponse> ListEvents(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  std::string dataset = r.Query("dataset");
  if (dataset == "all") dataset.clear();
  if (!dataset.empty() && dataset != "observed" && dataset != "illustrative")
    return tl::unexpected(BadRequest("dataset phải là observed, illustrative hoặc all",
                                     "dataset must be observed, illustrative or all"));
  LIENKET_ASSIGN_OR_RETURN(events, Events(s).ListEvents(dataset));
  json list = json::array();
  for (EventRecord& e : events) {
    if (!SeesEvent(s, who, e)) continue;
    Loaded l{std::move(e), {}};
    LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, l, false));
    LIENKET_ASSIGN_OR_RETURN(f, Events(s).Figures(l.event.id));
    j["figures"] = FiguresView(f);
    list.push_back(std::move(j));
  }
  std::size_t total = list.size();
  return HttpResponse::Json({{"events", std::move(list)}, {"total", total}});
}

core::Result<HttpResponse> CreateEvent(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kEventFields));
  EventRecord e;
  Problems p;
  const stats::AdminUnit* host = s.ctx().units.FindByKey(TextOf(body, "unit"));
  if (host == nullptr || host->IsNational()) {
    p.Add("unit", "Cần tỉnh, thành phố đăng cai", "The host province is required");
  } else if (host->valid_to) {
    // A unit merged in 2025: events happen from now on, in the unit it became.
    const stats::AdminUnit* now = s.ctx().units.FindById(s.ctx().units.SuccessorOf(host->id));
    std::string key = now ? now->key : "";
    p.Add("unit",
          fmt::format("{} đã sáp nhập; tỉnh đăng cai là đơn vị hiện hành ({})", host->name_vi, key),
          fmt::format("{} was merged; the host is the current unit ({})", host->name_en, key));
  } else {
    e.unit_id = host->id;
  }
  ReadEvent(s, body, true, &e, &p);
  std::string state = TextOf(body, "state");
  if (state == "open")
    e.state = EventState::kOpen;
  else if (!state.empty() && state != "draft")
    p.Add("state", "Sự kiện mới ở trạng thái draft hoặc open",
          "A new event is draft or open");
  CheckSlots(e, &p);
  if (!p.empty()) return p.Response(r);
  if (!s.policy().CanOrganiseEvent(who.user, e.unit_id))
    return tl::unexpected(PermissionDenied("tổ chức sự kiện do tỉnh này đăng cai",
                                           "organise events hosted by this province"));
  e.created_by = who.user->id;
  LIENKET_ASSIGN_OR_RETURN(id, Events(s).CreateEvent(e, ChangeBy(r, "event_create")));
  LIENKET_ASSIGN_OR_RETURN(found, Events(s).FindEvent(id));
  Loaded l{std::move(*found), {}};
  l.slots = *linkage::EventSlots(l.event.sessions, l.event.slot_minutes, l.event.starts_on,
                                 l.event.ends_on);
  LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, l, true));
  return HttpResponse::Json({{"event", j}}, 201);
}

core::Result<HttpResponse> GetEvent(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, l, true));
  return HttpResponse::Json({{"event", j}});
}

core::Result<HttpResponse> PatchEvent(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(
      RequireOrganiser(s, who, l.event, "sửa sự kiện này", "edit this event"));
  if (l.event.state == EventState::kFinal || l.event.state == EventState::kClosed)
    return tl::unexpected(Precondition("Lịch đã chính thức hoặc sự kiện đã kết thúc; không sửa được",
                                       "The schedule is final or the event is over; it cannot be "
                                       "edited"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kEventFields));
  if (body.contains("unit") || body.contains("state"))
    return tl::unexpected(BadRequest("Không đổi tỉnh đăng cai hay trạng thái ở đây",
                                     "The host and the state are not changed here"));
  EventRecord e = l.event;
  Problems p;
  ReadEvent(s, body, false, &e, &p);
  CheckSlots(e, &p);
  if (!p.empty()) return p.Response(r);
  bool replace = body.contains("sessions");
  if (replace) {
    LIENKET_ASSIGN_OR_RETURN(roster, Events(s).ListParticipants(e.id));
    if (!roster.empty())
      return tl::unexpected(
          Precondition("Đã có tổ chức đăng ký theo phiên; không thay các phiên được nữa",
                       "Organisations registered for the sessions; they can no longer be "
                       "replaced"));
  }
  LIENKET_RETURN_IF_ERROR(Events(s).UpdateEvent(e, replace, ChangeBy(r, "event_update")));
  LIENKET_ASSIGN_OR_RETURN(again, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, again, true));
  return HttpResponse::Json({{"event", j}});
}

core::Result<HttpResponse> SetState(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(RequireOrganiser(s, who, l.event, "đổi trạng thái sự kiện này",
                                           "change this event's state"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"state"}));
  LIENKET_ASSIGN_OR_RETURN(to, linkage::ParseEventState(TextOf(body, "state")));
  if (to == EventState::kScheduledProvisional || to == EventState::kFinal)
    return tl::unexpected(BadRequest(
        "Lịch tạm do bộ xếp lịch tạo (POST .../schedule), lịch chính thức bằng POST .../finalise",
        "A provisional schedule comes from POST .../schedule, a final one from POST .../finalise"));
  LIENKET_RETURN_IF_ERROR(linkage::CheckEventTransition(l.event.state, to));
  LIENKET_RETURN_IF_ERROR(Events(s).SetEventState(l.event.id, to, ChangeBy(r, "event_state")));
  LIENKET_ASSIGN_OR_RETURN(again, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, again, true));
  return HttpResponse::Json({{"event", j}});
}

core::Result<HttpResponse> Figures(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(f, Events(s).Figures(l.event.id));
  return HttpResponse::Json({{"figures", FiguresView(f)}});
}

// ---- participants

core::Result<std::vector<std::int64_t>> SessionIds(const json& body, const EventRecord& e,
                                                   Problems* p) {
  std::vector<std::int64_t> out;
  auto it = body.find("sessions");
  if (it == body.end() || !it->is_array() || it->empty()) {
    p->Add("sessions", "Chọn ít nhất một phiên tham dự", "Choose at least one session to attend");
    return out;
  }
  for (const json& v : *it) {
    std::int64_t id = v.is_number_integer() ? v.get<std::int64_t>() : 0;
    bool known = std::any_of(e.sessions.begin(), e.sessions.end(),
                             [&](const linkage::EventSession& ss) { return ss.id == id; });
    if (!known) {
      p->Add("sessions", fmt::format("Phiên {} không thuộc sự kiện này", v.dump()),
             fmt::format("Session {} is not one of this event's", v.dump()));
      continue;
    }
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

core::Result<HttpResponse> ListParticipants(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  bool organiser = Organises(s, who, l.event);
  json list = json::array();
  for (const ParticipantRecord& p : roster.list)
    list.push_back(ParticipantView(s, roster, p, organiser || ActsFor(who, p.organisation_id)));
  std::size_t total = list.size();
  return HttpResponse::Json({{"participants", std::move(list)}, {"total", total}});
}

core::Result<HttpResponse> Register(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(body,
                           ParseJsonBody(r.body, {"organisation_id", "sessions", "max_meetings",
                                                  "note"}));
  if (!linkage::EventAcceptsRegistrations(l.event.state))
    return tl::unexpected(Precondition("Sự kiện không nhận đăng ký lúc này",
                                       "The event does not take registrations now"));
  Problems p;
  auto org_id = IntField(body, "organisation_id", &p);
  if (!org_id && p.empty()) p.Add("organisation_id", "Cần tổ chức", "The organisation is required");
  LIENKET_ASSIGN_OR_RETURN(sessions, SessionIds(body, l.event, &p));
  ParticipantRecord rec;
  rec.event_id = l.event.id;
  rec.max_meetings = l.event.default_quota;
  if (auto q = IntField(body, "max_meetings", &p)) {
    if (*q < 0 || *q > linkage::kMaxEventSlots)
      p.Add("max_meetings", "Hạn mức phải từ 0 đến 64 cuộc gặp",
            "The quota must be 0 to 64 meetings");
    else
      rec.max_meetings = static_cast<int>(*q);
  }
  rec.note = TextOf(body, "note");
  if (!p.empty()) return p.Response(r);
  LIENKET_ASSIGN_OR_RETURN(org, s.linkage().store().FindOrganisation(*org_id));
  if (!org)
    return tl::unexpected(NotFound(fmt::format("tổ chức số {}", *org_id),
                                   fmt::format("organisation {}", *org_id)));
  if (!ActsFor(who, *org_id) && !Organises(s, who, l.event))
    return tl::unexpected(PermissionDenied("đăng ký tổ chức này", "register this organisation"));
  rec.organisation_id = *org_id;
  rec.session_ids = sessions;
  rec.registered_by = who.user->id;
  LIENKET_ASSIGN_OR_RETURN(id, Events(s).Register(rec, ChangeBy(r, "event_register")));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  return HttpResponse::Json({{"participant", ParticipantView(s, roster, *roster.Find(id), true)}},
                            201);
}

core::Result<HttpResponse> PatchParticipant(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(pid, PathId(r, "pid", "người tham gia", "participant"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"sessions", "max_meetings", "note"}));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  const ParticipantRecord* found = roster.Find(pid);
  if (found == nullptr)
    return tl::unexpected(NotFound(fmt::format("người tham gia số {}", pid),
                                   fmt::format("participant {}", pid)));
  bool organiser = Organises(s, who, l.event);
  if (!organiser && !ActsFor(who, found->organisation_id))
    return tl::unexpected(PermissionDenied("sửa đăng ký này", "change this registration"));
  if (!organiser && !linkage::EventAcceptsRegistrations(l.event.state))
    return tl::unexpected(Precondition("Lịch đã chính thức; hãy liên hệ ban tổ chức",
                                       "The schedule is final; contact the organiser"));
  ParticipantRecord rec = *found;
  Problems p;
  if (body.contains("sessions")) {
    LIENKET_ASSIGN_OR_RETURN(sessions, SessionIds(body, l.event, &p));
    rec.session_ids = sessions;
  }
  if (body.contains("max_meetings")) {
    auto q = IntField(body, "max_meetings", &p);
    if (q && (*q < 0 || *q > linkage::kMaxEventSlots))
      p.Add("max_meetings", "Hạn mức phải từ 0 đến 64 cuộc gặp",
            "The quota must be 0 to 64 meetings");
    else if (q)
      rec.max_meetings = static_cast<int>(*q);
  }
  if (body.contains("note")) rec.note = TextOf(body, "note");
  if (!p.empty()) return p.Response(r);
  LIENKET_RETURN_IF_ERROR(Events(s).UpdateParticipant(rec, ChangeBy(r, "event_participant_update")));
  LIENKET_ASSIGN_OR_RETURN(again, LoadRoster(s, l.event.id));
  return HttpResponse::Json({{"participant", ParticipantView(s, again, *again.Find(pid), true)}});
}

core::Result<HttpResponse> CheckIn(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(RequireOrganiser(s, who, l.event, "điểm danh ở sự kiện này",
                                           "check participants in at this event"));
  LIENKET_ASSIGN_OR_RETURN(pid, PathId(r, "pid", "người tham gia", "participant"));
  if (l.event.state != EventState::kFinal)
    return tl::unexpected(Precondition("Chỉ điểm danh khi lịch đã chính thức",
                                       "Check-in opens once the schedule is final"));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  if (roster.Find(pid) == nullptr)
    return tl::unexpected(NotFound(fmt::format("người tham gia số {}", pid),
                                   fmt::format("participant {}", pid)));
  LIENKET_RETURN_IF_ERROR(Events(s).CheckIn(pid, who.user->id, ChangeBy(r, "event_check_in")));
  LIENKET_ASSIGN_OR_RETURN(again, LoadRoster(s, l.event.id));
  return HttpResponse::Json({{"participant", ParticipantView(s, again, *again.Find(pid), true)}});
}

// ---- meeting requests

json RequestView(Service& s, const Roster& roster, const MeetingRequestRecord& q,
                 const Who& who, bool organiser) {
  const ParticipantRecord* to = roster.Find(q.to_participant);
  const ParticipantRecord* from = roster.Find(q.from_participant);
  bool answerer = to != nullptr && ActsFor(who, to->organisation_id);
  auto side = [&](std::int64_t pid) {
    const ParticipantRecord* p = roster.Find(pid);
    return p ? ParticipantView(s, roster, *p, false) : json(nullptr);
  };
  return {{"id", q.id},
          {"from", side(q.from_participant)},
          {"to", side(q.to_participant)},
          {"priority", linkage::RequestPriorityId(q.priority)},
          {"origin", q.origin},
          {"from_listing_id", q.from_listing_id ? json(q.from_listing_id) : json(nullptr)},
          {"to_listing_id", q.to_listing_id ? json(q.to_listing_id) : json(nullptr)},
          {"match_score", q.match_score.empty() ? json(nullptr) : json(q.match_score)},
          {"message", q.message},
          {"state", linkage::RequestStateId(q.state)},
          {"created_at", q.created_at},
          {"answered_at", q.answered_at.empty() ? json(nullptr) : json(q.answered_at)},
          {"mine", from != nullptr && ActsFor(who, from->organisation_id)},
          {"can",
           {{"answer", answerer && q.state == linkage::RequestState::kRequested &&
                           q.priority != linkage::RequestPriority::kNo}}},
          {"visible_to_organiser", organiser}};
}

core::Result<HttpResponse> ListRequests(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(requests, Events(s).ListRequests(l.event.id));
  bool organiser = Organises(s, who, l.event);
  json list = json::array();
  for (const MeetingRequestRecord& q : requests) {
    const ParticipantRecord* a = roster.Find(q.from_participant);
    const ParticipantRecord* b = roster.Find(q.to_participant);
    bool involved = (a && ActsFor(who, a->organisation_id)) || (b && ActsFor(who, b->organisation_id));
    // A "no" is the requester's private choice: the counterpart never sees it.
    if (q.priority == linkage::RequestPriority::kNo && !organiser &&
        !(a && ActsFor(who, a->organisation_id)))
      continue;
    if (organiser || involved) list.push_back(RequestView(s, roster, q, who, organiser));
  }
  std::size_t total = list.size();
  return HttpResponse::Json({{"requests", std::move(list)}, {"total", total}});
}

core::Result<HttpResponse> CreateRequest(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"from_participant", "to_participant",
                                                        "priority", "message"}));
  if (!linkage::EventAcceptsRegistrations(l.event.state))
    return tl::unexpected(Precondition("Sự kiện không nhận yêu cầu gặp lúc này",
                                       "The event does not take meeting requests now"));
  Problems p;
  auto from = IntField(body, "from_participant", &p);
  auto to = IntField(body, "to_participant", &p);
  if (!from) p.Add("from_participant", "Cần bên mời", "The requesting participant is required");
  if (!to) p.Add("to_participant", "Cần bên được mời", "The invited participant is required");
  MeetingRequestRecord q;
  std::string priority = TextOf(body, "priority");
  if (priority.empty()) priority = "meet";
  auto pr = linkage::ParseRequestPriority(priority);
  if (!pr)
    p.Add("priority", pr.error());
  else
    q.priority = *pr;
  q.message = TextOf(body, "message");
  if (q.message.size() > 2000) p.Add("message", "Lời nhắn quá dài", "The message is too long");
  if (!p.empty()) return p.Response(r);
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  const ParticipantRecord* a = roster.Find(*from);
  const ParticipantRecord* b = roster.Find(*to);
  if (a == nullptr || b == nullptr) {
    if (a == nullptr) p.Add("from_participant", "Không phải người tham gia sự kiện này",
                            "Not a participant of this event");
    if (b == nullptr) p.Add("to_participant", "Không phải người tham gia sự kiện này",
                            "Not a participant of this event");
    return p.Response(r);
  }
  if (*from == *to || a->organisation_id == b->organisation_id) {
    p.Add("to_participant", "Không tự mời chính mình", "A participant cannot invite itself");
    return p.Response(r);
  }
  if (!ActsFor(who, a->organisation_id) && !Organises(s, who, l.event))
    return tl::unexpected(PermissionDenied("gửi yêu cầu gặp thay tổ chức này",
                                           "request meetings for this organisation"));
  LIENKET_ASSIGN_OR_RETURN(existing, Events(s).ListRequests(l.event.id));
  for (const MeetingRequestRecord& e : existing)
    if (e.from_participant == *to && e.to_participant == *from &&
        e.priority != linkage::RequestPriority::kNo && q.priority != linkage::RequestPriority::kNo)
      return tl::unexpected(Precondition(
          "Bên kia đã mời gặp; hãy trả lời yêu cầu đó",
          "The other side has already asked to meet; answer that request"));
  q.event_id = l.event.id;
  q.from_participant = *from;
  q.to_participant = *to;
  q.origin = "participant";
  q.created_by = who.user->id;
  LIENKET_ASSIGN_OR_RETURN(id, Events(s).CreateRequest(q, ChangeBy(r, "meeting_request")));
  LIENKET_ASSIGN_OR_RETURN(all, Events(s).ListRequests(l.event.id));
  for (const MeetingRequestRecord& e : all)
    if (e.id == id)
      return HttpResponse::Json(
          {{"request", RequestView(s, roster, e, who, Organises(s, who, l.event))}}, 201);
  return tl::unexpected(core::Error{ErrorCode::kInternal, "Không đọc lại được yêu cầu",
                                    "The request could not be read back"});
}

core::Result<HttpResponse> Answer(Service& s, HttpRequest& r, bool accept) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(rid, PathId(r, "rid", "yêu cầu gặp", "meeting request"));
  if (!linkage::EventAcceptsRegistrations(l.event.state))
    return tl::unexpected(Precondition("Sự kiện không nhận trả lời lúc này",
                                       "The event does not take answers now"));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(all, Events(s).ListRequests(l.event.id));
  const MeetingRequestRecord* q = nullptr;
  for (const MeetingRequestRecord& e : all)
    if (e.id == rid) q = &e;
  if (q == nullptr)
    return tl::unexpected(NotFound(fmt::format("yêu cầu gặp số {}", rid),
                                   fmt::format("meeting request {}", rid)));
  const ParticipantRecord* to = roster.Find(q->to_participant);
  if (to == nullptr || !ActsFor(who, to->organisation_id))
    return tl::unexpected(PermissionDenied("trả lời yêu cầu gặp này (chỉ bên được mời)",
                                           "answer this request (only the invited side may)"));
  if (q->priority == linkage::RequestPriority::kNo)
    return tl::unexpected(Precondition("Đây là lựa chọn \"không gặp\", không phải lời mời",
                                       "This is a \"no\" choice, not an invitation"));
  LIENKET_RETURN_IF_ERROR(Events(s).AnswerRequest(rid, accept, who.user->id,
                                                  ChangeBy(r, accept ? "meeting_accept"
                                                                   : "meeting_decline")));
  LIENKET_ASSIGN_OR_RETURN(again, Events(s).ListRequests(l.event.id));
  for (const MeetingRequestRecord& e : again)
    if (e.id == rid)
      return HttpResponse::Json(
          {{"request", RequestView(s, roster, e, who, Organises(s, who, l.event))}});
  return tl::unexpected(core::Error{ErrorCode::kInternal, "Không đọc lại được yêu cầu",
                                    "The request could not be read back"});
}
core::Result<HttpResponse> Accept(Service& s, HttpRequest& r) { return Answer(s, r, true); }
core::Result<HttpResponse> Decline(Service& s, HttpRequest& r) { return Answer(s, r, false); }

// Proposals from the matching: for each participant (the organiser: every one; an enterprise:
// its own), its published listings are matched (api/linkage_matching.hpp) and the counterparts
// owned by another registered participant become meeting requests (origin "matching", priority
// "meet", the two listings and the score kept), at most `per_participant` each, never for a pair
// that already has a request either way. The request goes from the owner of the request listing
// (the buyer) to the owner of the offer, who accepts or declines like any request; when both
// listings are of one kind, from the participant the proposals are made for.
core::Result<HttpResponse> Propose(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body.empty() ? "{}" : r.body,
                                               {"per_participant"}));
  if (!linkage::EventAcceptsRegistrations(l.event.state))
    return tl::unexpected(Precondition("Sự kiện không nhận yêu cầu gặp lúc này",
                                       "The event does not take meeting requests now"));
  Problems p;
  int per = 5;
  if (auto v = IntField(body, "per_participant", &p)) {
    if (*v < 1 || *v > 20)
      p.Add("per_participant", "Từ 1 đến 20", "1 to 20");
    else
      per = static_cast<int>(*v);
  }
  if (!p.empty()) return p.Response(r);
  bool organiser = Organises(s, who, l.event);
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  std::map<std::int64_t, std::int64_t> participant_of_org;
  for (const ParticipantRecord& rec : roster.list) participant_of_org[rec.organisation_id] = rec.id;
  LIENKET_ASSIGN_OR_RETURN(existing, Events(s).ListRequests(l.event.id));
  std::set<std::pair<std::int64_t, std::int64_t>> pairs;
  for (const MeetingRequestRecord& e : existing)
    pairs.insert(std::minmax(e.from_participant, e.to_participant));
  bool any_own = false;
  int created = 0;
  json made = json::array();
  core::Date today = core::Date::Today();
  for (const ParticipantRecord& me : roster.list) {
    if (!organiser && !ActsFor(who, me.organisation_id)) continue;
    any_own = true;
    linkage::ListingFilter f;
    f.organisation_ids = {me.organisation_id};
    f.states = {linkage::ListingState::kPublished};
    LIENKET_ASSIGN_OR_RETURN(listings, s.linkage().store().ListListings(f));
    int mine = 0;
    for (const linkage::DirectoryListing& dl : listings) {
      if (mine >= per) break;
      if (!dl.listing.IsPublicOn(today)) continue;
      auto view = s.linkage().View(dl);
      if (!view) continue;
      for (const linkage::Match& m : s.linkage().FindMatches(*view, 20)) {
        if (mine >= per) break;
        LIENKET_ASSIGN_OR_RETURN(other,
                                 s.linkage().store().FindListing(static_cast<std::int64_t>(m.listing_id)));
        if (!other) continue;
        auto it = participant_of_org.find(other->listing.owner_id);
        if (it == participant_of_org.end() || it->second == me.id) continue;
        auto key = std::minmax(me.id, it->second);
        if (pairs.count(key)) continue;
        MeetingRequestRecord q;
        q.event_id = l.event.id;
        bool other_buys = other->listing.kind == linkage::ListingKind::kRequest &&
                          dl.listing.kind == linkage::ListingKind::kOffer;
        q.from_participant = other_buys ? it->second : me.id;
        q.to_participant = other_buys ? me.id : it->second;
        q.from_listing_id = other_buys ? other->listing.id : dl.listing.id;
        q.to_listing_id = other_buys ? dl.listing.id : other->listing.id;
        q.priority = linkage::RequestPriority::kMeet;
        q.origin = "matching";
        q.match_score = fmt::format("{:.3f}", m.score.total);
        q.message = fmt::format("Đề xuất từ ghép nối: \"{}\" – \"{}\"", dl.title, other->title);
        q.created_by = who.user->id;
        LIENKET_ASSIGN_OR_RETURN(id, Events(s).CreateRequest(q, ChangeBy(r, "meeting_propose")));
        pairs.insert(key);
        ++mine;
        ++created;
        made.push_back(id);
      }
    }
  }
  if (!any_own)
    return tl::unexpected(PermissionDenied("đề xuất cuộc gặp ở sự kiện này (chưa đăng ký tham gia)",
                                           "propose meetings at this event (not registered)"));
  return HttpResponse::Json({{"created", created}, {"request_ids", made}});
}

// ---- scheduling

struct Problem {
  linkage::SchedulerEvent event;
  std::vector<MeetingRecord> meetings;  // in the order of event.requests
  std::map<std::int64_t, int> participant_index;
};

core::Result<Problem> BuildProblem(Service& s, const Loaded& l, const Roster& roster) {
  if (l.slots.empty())
    return tl::unexpected(Precondition("Các phiên của sự kiện chưa tạo được khung giờ nào",
                                       "The event's sessions make no slot"));
  Problem pb;
  for (const linkage::EventSlot& sl : l.slots) pb.event.tables_per_slot.push_back(sl.tables);
  const stats::UnitCatalog& units = s.ctx().units;
  for (const ParticipantRecord& p : roster.list) {
    linkage::SchedulerParticipant sp;
    const linkage::DirectoryOrganisation* o = roster.OrgOf(p.id);
    sp.name = o ? o->organisation.name : fmt::format("#{}", p.id);
    sp.province = o ? std::to_string(units.SuccessorOf(o->organisation.unit_id)) : "";
    for (const linkage::EventSlot& sl : l.slots)
      if (std::find(p.session_ids.begin(), p.session_ids.end(), sl.session_id) !=
          p.session_ids.end())
        sp.available.set(static_cast<std::size_t>(sl.index));
    sp.max_meetings = p.max_meetings;
    pb.participant_index[p.id] = static_cast<int>(pb.event.participants.size());
    pb.event.participants.push_back(std::move(sp));
  }
  for (auto [unit, meetings] : l.event.province_minimums)
    pb.event.province_minimums.push_back({std::to_string(units.SuccessorOf(unit)), meetings});
  LIENKET_ASSIGN_OR_RETURN(meetings, Events(s).ListMeetings(l.event.id));
  for (MeetingRecord& m : meetings) {
    if (m.priority == linkage::RequestPriority::kNo) continue;
    auto a = pb.participant_index.find(m.first);
    auto b = pb.participant_index.find(m.second);
    if (a == pb.participant_index.end() || b == pb.participant_index.end()) continue;
    linkage::MeetingRequest q;
    q.first = a->second;
    q.second = b->second;
    q.priority = m.priority == linkage::RequestPriority::kMustMeet
                     ? linkage::MeetingPriority::kMustMeet
                     : linkage::MeetingPriority::kMeet;
    if (m.pinned && m.slot && m.table && *m.slot < static_cast<int>(l.slots.size()) &&
        *m.table >= 1 && *m.table <= l.slots[*m.slot].tables)
      q.pinned = linkage::MeetingPlacement{*m.slot, *m.table - 1};
    pb.event.requests.push_back(q);
    pb.meetings.push_back(std::move(m));
  }
  return pb;
}

// The stored placements as the scheduler's Schedule (for ConflictsOf).
linkage::Schedule StoredSchedule(const Problem& pb, int slot_count) {
  linkage::Schedule sc;
  for (const MeetingRecord& m : pb.meetings) {
    linkage::MeetingAssignment a;
    if (m.slot && m.table && *m.slot < slot_count) {
      a.placement = linkage::MeetingPlacement{*m.slot, *m.table - 1};
      ++sc.scheduled;
    }
    sc.meetings.push_back(a);
  }
  return sc;
}

core::Result<HttpResponse> Schedule(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(
      RequireOrganiser(s, who, l.event, "xếp lịch sự kiện này", "schedule this event"));
  LIENKET_RETURN_IF_ERROR(
      linkage::CheckEventTransition(l.event.state, EventState::kScheduledProvisional));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(pb, BuildProblem(s, l, roster));
  linkage::SchedulerOptions options;
  options.seed = static_cast<std::uint64_t>(l.event.id);
  LIENKET_ASSIGN_OR_RETURN(result, linkage::ScheduleMeetings(pb.event, options));
  LIENKET_ASSIGN_OR_RETURN(bound, linkage::ComputeUpperBound(pb.event));
  std::vector<store::MeetingPlacementUpdate> updates;
  for (std::size_t i = 0; i < pb.meetings.size(); ++i) {
    store::MeetingPlacementUpdate u;
    u.meeting_id = pb.meetings[i].id;
    const linkage::MeetingAssignment& a = result.meetings[i];
    if (a.placement) {
      u.slot = a.placement->slot;
      u.table = a.placement->table + 1;
    } else {
      u.unscheduled_reason = linkage::UnscheduledReasonName(a.reason);
    }
    updates.push_back(u);
  }
  LIENKET_RETURN_IF_ERROR(
      Events(s).SaveSchedule(l.event.id, updates, ChangeBy(r, "event_schedule")));
  return HttpResponse::Json({{"meetings", pb.meetings.size()},
                             {"scheduled", result.scheduled},
                             {"must_meets_scheduled", result.must_meets_scheduled},
                             {"province_minimum_covered", result.province_minimum_covered},
                             {"upper_bound", bound.value},
                             {"stopped_by_time_limit", result.stopped_by_time_limit}});
}

json MeetingView(Service& s, const Roster& roster, const Loaded& l, const MeetingRecord& m,
                 const Who& who) {
  auto side = [&](std::int64_t pid) {
    const ParticipantRecord* p = roster.Find(pid);
    return p ? ParticipantView(s, roster, *p, false) : json(nullptr);
  };
  json slot = nullptr;
  if (m.slot && *m.slot < static_cast<int>(l.slots.size())) slot = SlotView(l.slots[*m.slot]);
  const ParticipantRecord* a = roster.Find(m.first);
  const ParticipantRecord* b = roster.Find(m.second);
  bool party = (a && ActsFor(who, a->organisation_id)) || (b && ActsFor(who, b->organisation_id));
  bool on_day = l.event.state == EventState::kFinal || l.event.state == EventState::kClosed;
  return {{"id", m.id},
          {"request_id", m.request_id},
          {"first", side(m.first)},
          {"second", side(m.second)},
          {"priority", linkage::RequestPriorityId(m.priority)},
          {"slot", m.slot ? json(*m.slot) : json(nullptr)},
          {"slot_info", slot},
          {"table", m.table ? json(*m.table) : json(nullptr)},
          {"status", m.status},
          {"unscheduled_reason", m.unscheduled_reason},
          {"pinned", m.pinned},
          {"held_by_first", m.held_by_first.empty() ? json(nullptr) : json(m.held_by_first)},
          {"held_by_second", m.held_by_second.empty() ? json(nullptr) : json(m.held_by_second)},
          {"can", {{"held", party && on_day && m.slot.has_value()}}}};
}

core::Result<HttpResponse> GetSchedule(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(RequireOrganiser(s, who, l.event, "xem toàn bộ lịch gặp",
                                           "see the whole schedule"));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(meetings, Events(s).ListMeetings(l.event.id));
  json slots = json::array();
  for (const linkage::EventSlot& sl : l.slots) slots.push_back(SlotView(sl));
  json list = json::array();
  for (const MeetingRecord& m : meetings) list.push_back(MeetingView(s, roster, l, m, who));
  return HttpResponse::Json({{"state", linkage::EventStateId(l.event.state)},
                             {"slots", slots},
                             {"meetings", list}});
}

struct MoveTarget {
  int index = -1;  // in the problem's meetings
  int slot = 0;
  int table = 0;  // 1-based
};

core::Result<MoveTarget> ReadMove(const Problem& pb, std::int64_t mid, std::optional<std::int64_t> slot,
                                  std::optional<std::int64_t> table, const Loaded& l) {
  MoveTarget t;
  for (std::size_t i = 0; i < pb.meetings.size(); ++i)
    if (pb.meetings[i].id == mid) t.index = static_cast<int>(i);
  if (t.index < 0)
    return tl::unexpected(NotFound(fmt::format("cuộc gặp số {}", mid), fmt::format("meeting {}", mid)));
  if (!slot || *slot < 0 || *slot >= static_cast<std::int64_t>(l.slots.size()))
    return tl::unexpected(BadRequest(
        fmt::format("Khung giờ phải từ 0 đến {}", static_cast<int>(l.slots.size()) - 1),
        fmt::format("The slot must be 0 to {}", static_cast<int>(l.slots.size()) - 1)));
  if (!table || *table < 1 || *table > l.slots[*slot].tables)
    return tl::unexpected(BadRequest(fmt::format("Bàn phải từ 1 đến {}", l.slots[*slot].tables),
                                     fmt::format("The table must be 1 to {}", l.slots[*slot].tables)));
  t.slot = static_cast<int>(*slot);
  t.table = static_cast<int>(*table);
  return t;
}

core::Result<json> ConflictList(const Problem& pb, const Loaded& l, const MoveTarget& t) {
  linkage::Schedule current = StoredSchedule(pb, static_cast<int>(l.slots.size()));
  linkage::MeetingMove move{t.index, {t.slot, t.table - 1}};
  LIENKET_ASSIGN_OR_RETURN(conflicts, linkage::ConflictsOf(pb.event, current, move));
  static constexpr std::string_view kKinds[] = {"participant_busy", "table_taken", "unavailable",
                                                "quota"};
  json list = json::array();
  for (const linkage::MeetingConflict& c : conflicts)
    list.push_back({{"kind", kKinds[static_cast<int>(c.kind)]},
                    {"participant", c.participant >= 0 ? json(pb.event.participants[c.participant].name)
                                                       : json(nullptr)},
                    {"other_meeting",
                     c.other_meeting >= 0 ? json(pb.meetings[c.other_meeting].id) : json(nullptr)},
                    {"message_vi", c.message_vi},
                    {"message_en", c.message_en}});
  return list;
}

std::optional<std::int64_t> QueryInt(const HttpRequest& r, const std::string& name) {
  std::string t = r.Query(name);
  if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), [](char c) {
        return c >= '0' && c <= '9';
      }))
    return std::nullopt;
  return std::stoll(t);
}

core::Result<HttpResponse> Conflicts(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(
      RequireOrganiser(s, who, l.event, "xếp lại lịch gặp", "move meetings"));
  LIENKET_ASSIGN_OR_RETURN(mid, PathId(r, "mid", "cuộc gặp", "meeting"));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(pb, BuildProblem(s, l, roster));
  LIENKET_ASSIGN_OR_RETURN(t, ReadMove(pb, mid, QueryInt(r, "slot"), QueryInt(r, "table"), l));
  LIENKET_ASSIGN_OR_RETURN(list, ConflictList(pb, l, t));
  return HttpResponse::Json({{"allowed", list.empty()}, {"conflicts", list}});
}

core::Result<HttpResponse> Move(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(
      RequireOrganiser(s, who, l.event, "xếp lại lịch gặp", "move meetings"));
  if (l.event.state != EventState::kScheduledProvisional && l.event.state != EventState::kFinal)
    return tl::unexpected(Precondition("Hãy xếp lịch trước khi chuyển cuộc gặp",
                                       "Schedule the event before moving meetings"));
  LIENKET_ASSIGN_OR_RETURN(mid, PathId(r, "mid", "cuộc gặp", "meeting"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"slot", "table"}));
  Problems p;
  auto slot = IntField(body, "slot", &p);
  auto table = IntField(body, "table", &p);
  if (!p.empty()) return p.Response(r);
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(pb, BuildProblem(s, l, roster));
  LIENKET_ASSIGN_OR_RETURN(t, ReadMove(pb, mid, slot, table, l));
  LIENKET_ASSIGN_OR_RETURN(list, ConflictList(pb, l, t));
  if (!list.empty())
    return ErrorResponse({ErrorCode::kFailedPrecondition,
                          fmt::format("Không chuyển được: {} xung đột", list.size()),
                          fmt::format("Not moved: {} conflicts", list.size())},
                         r.request_id, list);
  LIENKET_RETURN_IF_ERROR(Events(s).MoveMeeting(mid, t.slot, t.table, ChangeBy(r, "meeting_move")));
  LIENKET_ASSIGN_OR_RETURN(meetings, Events(s).ListMeetings(l.event.id));
  for (const MeetingRecord& m : meetings)
    if (m.id == mid) return HttpResponse::Json({{"meeting", MeetingView(s, roster, l, m, who)}});
  return tl::unexpected(NotFound(fmt::format("cuộc gặp số {}", mid), fmt::format("meeting {}", mid)));
}

core::Result<HttpResponse> Finalise(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_RETURN_IF_ERROR(RequireOrganiser(s, who, l.event, "chốt lịch sự kiện này",
                                           "finalise this event's schedule"));
  LIENKET_RETURN_IF_ERROR(linkage::CheckEventTransition(l.event.state, EventState::kFinal));
  LIENKET_RETURN_IF_ERROR(Events(s).Finalise(l.event.id, ChangeBy(r, "event_finalise")));
  LIENKET_ASSIGN_OR_RETURN(again, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(j, EventView(s, who, again, true));
  return HttpResponse::Json({{"event", j}});
}

core::Result<HttpResponse> Held(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(mid, PathId(r, "mid", "cuộc gặp", "meeting"));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(meetings, Events(s).ListMeetings(l.event.id));
  const MeetingRecord* m = nullptr;
  for (const MeetingRecord& e : meetings)
    if (e.id == mid) m = &e;
  if (m == nullptr)
    return tl::unexpected(NotFound(fmt::format("cuộc gặp số {}", mid), fmt::format("meeting {}", mid)));
  const ParticipantRecord* a = roster.Find(m->first);
  const ParticipantRecord* b = roster.Find(m->second);
  bool first = a && ActsFor(who, a->organisation_id);
  bool second = b && ActsFor(who, b->organisation_id);
  if (!first && !second)
    return tl::unexpected(PermissionDenied("ghi nhận cuộc gặp này (chỉ hai bên gặp)",
                                           "record this meeting (only its two sides may)"));
  if (l.event.state != EventState::kFinal && l.event.state != EventState::kClosed)
    return tl::unexpected(Precondition("Chỉ ghi nhận đã gặp khi lịch đã chính thức",
                                       "Meetings are recorded held once the schedule is final"));
  if (!m->slot)
    return tl::unexpected(Precondition("Cuộc gặp này chưa được xếp lịch",
                                       "This meeting has no slot"));
  LIENKET_RETURN_IF_ERROR(Events(s).MarkHeld(mid, first, ChangeBy(r, "meeting_held")));
  LIENKET_ASSIGN_OR_RETURN(again, Events(s).ListMeetings(l.event.id));
  for (const MeetingRecord& e : again)
    if (e.id == mid) return HttpResponse::Json({{"meeting", MeetingView(s, roster, l, e, who)}});
  return tl::unexpected(NotFound(fmt::format("cuộc gặp số {}", mid), fmt::format("meeting {}", mid)));
}

// ---- agendas

struct AgendaChoice {
  std::optional<std::int64_t> participant;
  std::optional<int> table;
};

core::Result<AgendaChoice> ChooseAgenda(Service& s, const HttpRequest& r, const Who& who,
                                        const Loaded& l, const Roster& roster) {
  AgendaChoice c;
  bool organiser = Organises(s, who, l.event);
  if (!r.Query("table").empty()) {
    auto t = QueryInt(r, "table");
    if (!t || *t < 1 || *t > 500)
      return tl::unexpected(BadRequest("Số bàn không hợp lệ", "Invalid table number"));
    if (!organiser)
      return tl::unexpected(PermissionDenied("xem lịch theo bàn", "see the agenda of a table"));
    c.table = static_cast<int>(*t);
    return c;
  }
  auto pid = QueryInt(r, "participant");
  if (!pid) {
    // The caller's own participant, when there is exactly one.
    for (const ParticipantRecord& p : roster.list)
      if (who.orgs.count(p.organisation_id)) {
        if (pid)
          return tl::unexpected(BadRequest("Hãy chọn participant=", "Choose participant="));
        pid = p.id;
      }
    if (!pid)
      return tl::unexpected(BadRequest("Cần participant= hoặc table=",
                                       "participant= or table= is required"));
  }
  const ParticipantRecord* p = roster.Find(*pid);
  if (p == nullptr)
    return tl::unexpected(NotFound(fmt::format("người tham gia số {}", *pid),
                                   fmt::format("participant {}", *pid)));
  if (!organiser && !ActsFor(who, p->organisation_id))
    return tl::unexpected(PermissionDenied("xem lịch gặp của tổ chức khác",
                                           "see another organisation's agenda"));
  c.participant = *pid;
  return c;
}

core::Result<std::pair<AgendaDocument, json>> BuildAgenda(Service& s, const Who& who,
                                                          const Loaded& l, const Roster& roster,
                                                          const AgendaChoice& c) {
  LIENKET_ASSIGN_OR_RETURN(meetings, Events(s).ListMeetings(l.event.id));
  std::sort(meetings.begin(), meetings.end(), [](const MeetingRecord& a, const MeetingRecord& b) {
    return std::tie(a.slot, a.table, a.id) < std::tie(b.slot, b.table, b.id);
  });
  AgendaDocument doc;
  doc.title = l.event.title;
  const stats::AdminUnit* host = s.ctx().units.FindById(l.event.unit_id);
  doc.details = fmt::format("{}{}{} – {}", l.event.venue, l.event.venue.empty() ? "" : ", ",
                            l.event.starts_on.ToVietnamese(), l.event.ends_on.ToVietnamese());
  if (host) doc.details += fmt::format(" · Tỉnh, thành phố đăng cai: {}", host->name_vi);
  auto org_label = [&](std::int64_t pid) {
    const linkage::DirectoryOrganisation* o = roster.OrgOf(pid);
    if (o == nullptr) return NameOf(roster, pid);
    const stats::AdminUnit* u = s.ctx().units.FindById(o->organisation.unit_id);
    return u ? fmt::format("{} ({})", o->organisation.name, u->name_vi) : o->organisation.name;
  };
  json items = json::array();
  if (c.participant) {
    doc.subtitle = fmt::format("Lịch gặp của: {}", org_label(*c.participant));
    doc.headers = {"Thời gian", "Bàn", "Gặp", "Ghi chú"};
  } else {
    doc.subtitle = fmt::format("Lịch gặp tại bàn {}", *c.table);
    doc.headers = {"Thời gian", "Bàn", "Hai bên", "Ghi chú"};
  }
  for (const MeetingRecord& m : meetings) {
    bool mine = c.participant ? (m.first == *c.participant || m.second == *c.participant)
                              : (m.table && *m.table == *c.table);
    if (!mine || !m.slot || *m.slot >= static_cast<int>(l.slots.size())) continue;
    const linkage::EventSlot& sl = l.slots[*m.slot];
    AgendaRow row;
    row.time = fmt::format("{}\n{}–{}", sl.day.ToVietnamese(), linkage::FormatClock(sl.starts_at),
                           linkage::FormatClock(sl.ends_at));
    row.place = fmt::format("Bàn {}", *m.table);
    if (c.participant) {
      std::int64_t other = m.first == *c.participant ? m.second : m.first;
      row.who = org_label(other);
    } else {
      row.who = org_label(m.first) + "\n" + org_label(m.second);
    }
    row.note = m.priority == linkage::RequestPriority::kMustMeet ? "Bắt buộc gặp" : "";
    if (m.status != "final") row.note += row.note.empty() ? "Tạm thời" : " · tạm thời";
    doc.rows.push_back(row);
    items.push_back(MeetingView(s, roster, l, m, who));
  }
  doc.footer = l.event.state == EventState::kFinal || l.event.state == EventState::kClosed
                   ? "Lịch chính thức"
                   : "Lịch tạm — có thể còn thay đổi";
  if (l.event.dataset == "illustrative") doc.footer += " · Dữ liệu minh hoạ, không có thật";
  doc.footer += " · lienket";
  return std::make_pair(std::move(doc), std::move(items));
}

core::Result<HttpResponse> Agenda(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(c, ChooseAgenda(s, r, who, l, roster));
  LIENKET_ASSIGN_OR_RETURN(built, BuildAgenda(s, who, l, roster, c));
  json j = {{"event_id", l.event.id},
            {"title", built.first.subtitle},
            {"participant", c.participant ? json(*c.participant) : json(nullptr)},
            {"table", c.table ? json(*c.table) : json(nullptr)},
            {"state", linkage::EventStateId(l.event.state)},
            {"meetings", built.second}};
  return HttpResponse::Json(j);
}

core::Result<HttpResponse> AgendaPdf(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadEvent(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(roster, LoadRoster(s, l.event.id));
  LIENKET_ASSIGN_OR_RETURN(c, ChooseAgenda(s, r, who, l, roster));
  LIENKET_ASSIGN_OR_RETURN(built, BuildAgenda(s, who, l, roster, c));
  LIENKET_ASSIGN_OR_RETURN(pdf, RenderAgendaPdf(built.first));
  std::string name = c.participant ? fmt::format("lich-gap-su-kien-{}-{}.pdf", l.event.id,
                                                 *c.participant)
                                   : fmt::format("lich-gap-su-kien-{}-ban-{}.pdf", l.event.id,
                                                 *c.table);
  return HttpResponse::File(std::move(pdf), "application/pdf", name);
}

}  // namespace

void AddEventRoutes(std::vector<Route>* routes) {
  const std::string base = "/api/events";
  const std::string one = base + "/{id}";
  routes->push_back({"GET", base, false, false, ListEvents});
  routes->push_back({"POST", base, true, false, CreateEvent});
  routes->push_back({"GET", one, false, false, GetEvent});
  routes->push_back({"PATCH", one, true, false, PatchEvent});
  routes->push_back({"POST", one + "/state", true, false, SetState});
  routes->push_back({"GET", one + "/figures", false, false, Figures});
  routes->push_back({"GET", one + "/participants", true, false, ListParticipants});
  routes->push_back({"POST", one + "/participants", true, false, Register});
  routes->push_back({"PATCH", one + "/participants/{pid}", true, false, PatchParticipant});
  routes->push_back({"POST", one + "/participants/{pid}/check-in", true, false, CheckIn});
  routes->push_back({"GET", one + "/requests", true, false, ListRequests});
  routes->push_back({"POST", one + "/requests", true, false, CreateRequest});
  routes->push_back({"POST", one + "/requests/{rid}/accept", true, false, Accept});
  routes->push_back({"POST", one + "/requests/{rid}/decline", true, false, Decline});
  routes->push_back({"POST", one + "/proposals", true, false, Propose});
  routes->push_back({"POST", one + "/schedule", true, false, Schedule});
  routes->push_back({"GET", one + "/schedule", true, false, GetSchedule});
  routes->push_back({"GET", one + "/meetings/{mid}/conflicts", true, false, Conflicts});
  routes->push_back({"POST", one + "/meetings/{mid}/move", true, false, Move});
  routes->push_back({"POST", one + "/meetings/{mid}/held", true, false, Held});
  routes->push_back({"POST", one + "/finalise", true, false, Finalise});
  routes->push_back({"GET", one + "/agenda", true, false, Agenda});
  routes->push_back({"GET", one + "/agenda.pdf", true, false, AgendaPdf});
}

}  // namespace lienket::api
