#include "linkage/event.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lienket::linkage {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::string_view kStateIds[] = {"draft", "open", "scheduled_provisional", "final",
                                          "closed"};
constexpr std::string_view kStateVi[] = {"Bản nháp", "Đang nhận đăng ký", "Lịch tạm",
                                         "Lịch chính thức", "Đã kết thúc"};
constexpr std::string_view kPriorityIds[] = {"must_meet", "meet", "no"};
constexpr std::string_view kRequestStateIds[] = {"requested", "accepted", "declined"};

}  // namespace

std::string_view EventStateId(EventState s) { return kStateIds[static_cast<int>(s)]; }
std::string_view EventStateLabelVi(EventState s) { return kStateVi[static_cast<int>(s)]; }

core::Result<EventState> ParseEventState(std::string_view id) {
  for (int i = 0; i < 5; ++i)
    if (kStateIds[i] == id) return static_cast<EventState>(i);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái sự kiện \"{}\" không hợp lệ (draft, open, "
                               "scheduled_provisional, final, closed)",
                               id),
                   fmt::format("Unknown event state \"{}\" (draft, open, scheduled_provisional, "
                               "final, closed)",
                               id));
}

core::Status CheckEventTransition(EventState from, EventState to) {
  using S = EventState;
  bool ok = (from == S::kDraft && (to == S::kOpen || to == S::kClosed)) ||
            (from == S::kOpen &&
             (to == S::kDraft || to == S::kScheduledProvisional || to == S::kClosed)) ||
            (from == S::kScheduledProvisional &&
             (to == S::kScheduledProvisional || to == S::kOpen || to == S::kFinal)) ||
            (from == S::kFinal && to == S::kClosed);
  if (ok) return {};
  return MakeError(ErrorCode::kFailedPrecondition,
                   fmt::format("Sự kiện đang ở trạng thái \"{}\", không chuyển sang \"{}\" được",
                               EventStateLabelVi(from), EventStateLabelVi(to)),
                   fmt::format("The event is {}; it cannot become {}", EventStateId(from),
                               EventStateId(to)));
}

bool EventAcceptsRegistrations(EventState s) {
  return s == EventState::kOpen || s == EventState::kScheduledProvisional;
}

std::string_view RequestPriorityId(RequestPriority p) {
  return kPriorityIds[static_cast<int>(p)];
}
core::Result<RequestPriority> ParseRequestPriority(std::string_view id) {
  for (int i = 0; i < 3; ++i)
    if (kPriorityIds[i] == id) return static_cast<RequestPriority>(i);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Mức ưu tiên \"{}\" không hợp lệ (must_meet, meet, no)", id),
                   fmt::format("Unknown priority \"{}\" (must_meet, meet, no)", id));
}

std::string_view RequestStateId(RequestState s) { return kRequestStateIds[static_cast<int>(s)]; }
core::Result<RequestState> ParseRequestState(std::string_view id) {
  for (int i = 0; i < 3; ++i)
    if (kRequestStateIds[i] == id) return static_cast<RequestState>(i);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái yêu cầu \"{}\" không hợp lệ", id),
                   fmt::format("Unknown request state \"{}\"", id));
}

core::Result<int> ParseClock(std::string_view text) {
  auto bad = [&] {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Giờ \"{}\" không hợp lệ (dạng 08:30)", text),
                     fmt::format("Invalid time \"{}\" (form 08:30)", text));
  };
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
    return bad();
  int h = 0, m = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == colon) continue;
    char c = text[i];
    if (c < '0' || c > '9') return bad();
    if (i < colon)
      h = h * 10 + (c - '0');
    else
      m = m * 10 + (c - '0');
  }
  if (h > 23 || m > 59) return bad();
  return h * 60 + m;
}

std::string FormatClock(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

core::Result<std::vector<EventSlot>> EventSlots(std::vector<EventSession> sessions,
                                                int slot_minutes, const core::Date& first_day,
                                                const core::Date& last_day) {
  auto invalid = [](std::string vi, std::string en) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(vi), std::move(en));
  };
  if (slot_minutes < 5 || slot_minutes > 240)
    return invalid("Độ dài khung giờ phải từ 5 đến 240 phút",
                   "The slot length must be 5 to 240 minutes");
  if (sessions.empty())
    return invalid("Sự kiện cần ít nhất một phiên", "The event needs at least one session");
  if (last_day < first_day)
    return invalid("Ngày kết thúc trước ngày bắt đầu", "The last day is before the first day");
  std::sort(sessions.begin(), sessions.end(), [](const EventSession& a, const EventSession& b) {
    return std::tie(a.day, a.starts_at) < std::tie(b.day, b.starts_at);
  });
  std::vector<EventSlot> slots;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const EventSession& s = sessions[i];
    std::string when = fmt::format("{} {}", s.day.ToVietnamese(), FormatClock(s.starts_at));
    if (s.day < first_day || last_day < s.day)
      return invalid(fmt::format("Phiên {} nằm ngoài các ngày của sự kiện", when),
                     fmt::format("Session {} is outside the event's days", when));
    if (s.ends_at - s.starts_at < slot_minutes)
      return invalid(fmt::format("Phiên {} ngắn hơn một khung giờ ({} phút)", when, slot_minutes),
                     fmt::format("Session {} is shorter than one slot ({} minutes)", when,
                                 slot_minutes));
    if (s.tables < 1 || s.tables > 500)
      return invalid(fmt::format("Phiên {}: số bàn phải từ 1 đến 500", when),
                     fmt::format("Session {}: tables must be 1 to 500", when));
    if (i > 0 && sessions[i - 1].day == s.day && sessions[i - 1].ends_at > s.starts_at)
      return invalid(fmt::format("Phiên {} trùng giờ với phiên trước", when),
                     fmt::format("Session {} overlaps the session before it", when));
    for (int t = s.starts_at; t + slot_minutes <= s.ends_at; t += slot_minutes) {
      if (static_cast<int>(slots.size()) == kMaxEventSlots)
        return invalid(fmt::format("Quá {} khung giờ; hãy tăng độ dài khung giờ hoặc bớt phiên",
                                   kMaxEventSlots),
                       fmt::format("More than {} slots; lengthen the slots or drop a session",
                                   kMaxEventSlots));
      slots.push_back({static_cast<int>(slots.size()), s.id, s.day, t, t + slot_minutes, s.tables});
    }
  }
  return slots;
}

std::string SlotLabelVi(const EventSlot& slot) {
  return fmt::format("{} {}–{}", slot.day.ToVietnamese(), FormatClock(slot.starts_at),
                     FormatClock(slot.ends_at));
}

}  // namespace lienket::linkage
