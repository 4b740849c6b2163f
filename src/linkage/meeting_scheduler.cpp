#include "linkage/meeting_scheduler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <limits>
#include <numeric>
#include <random>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace lienket::linkage {
namespace {

using core::ErrorCode;
using core::MakeError;
using Mask = std::uint64_t;
static_assert(kMaxSlots == 64, "slot sets are handled as one 64-bit word");

Mask AllSlots(int slot_count) {
  return slot_count >= 64 ? ~Mask{0} : ((Mask{1} << slot_count) - 1);
}

// Checks everything but the pins' mutual consistency.
core::Status CheckEvent(const SchedulerEvent& event) {
  const int slots = static_cast<int>(event.tables_per_slot.size());
  if (slots < 1 || slots > kMaxSlots) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Sự kiện phải có từ 1 đến {} khung giờ (có {})", kMaxSlots, slots),
                     fmt::format("An event needs 1 to {} slots (got {})", kMaxSlots, slots));
  }
  for (int s = 0; s < slots; ++s) {
    if (event.tables_per_slot[s] < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Số bàn của khung giờ {} không được âm", s + 1),
                       fmt::format("The number of tables in slot {} cannot be negative", s + 1));
    }
  }
  const int people = static_cast<int>(event.participants.size());
  for (const SchedulerParticipant& p : event.participants) {
    if (p.max_meetings < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Số cuộc gặp tối đa của {} không được âm", p.name),
                       fmt::format("The meeting quota of {} cannot be negative", p.name));
    }
  }
  for (std::size_t i = 0; i < event.requests.size(); ++i) {
    const MeetingRequest& r = event.requests[i];
    if (r.first < 0 || r.first >= people || r.second < 0 || r.second >= people) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Yêu cầu gặp số {} chỉ tới người tham dự không tồn tại", i + 1),
                       fmt::format("Meeting request {} refers to an unknown participant", i + 1));
    }
    if (r.first == r.second) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("Yêu cầu gặp số {}: một người không thể gặp chính mình", i + 1),
          fmt::format("Meeting request {}: a participant cannot meet themself", i + 1));
    }
    if (r.pinned) {
      const int s = r.pinned->slot;
      if (s < 0 || s >= slots || r.pinned->table < 0 ||
          r.pinned->table >= event.tables_per_slot[s]) {
        return MakeError(
            ErrorCode::kInvalidArgument,
            fmt::format("Cuộc gặp số {} được xếp cố định vào khung giờ hoặc bàn không tồn tại",
                        i + 1),
            fmt::format("Meeting {} is pinned to a slot or table that does not exist", i + 1));
      }
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Max flow (Dinic) for the upper bounds.
class MaxFlow {
 public:
  explicit MaxFlow(int nodes) : first_(nodes, -1), level_(nodes), next_edge_(nodes) {}

  void AddEdge(int from, int to, int capacity) {
    edges_.push_back({to, first_[from], capacity});
    first_[from] = static_cast<int>(edges_.size()) - 1;
    edges_.push_back({from, first_[to], 0});
    first_[to] = static_cast<int>(edges_.size()) - 1;
  }

  int Run(int source, int sink) {
    int total = 0;
    while (Levels(source, sink)) {
      next_edge_ = first_;
      while (int pushed = Push(source, sink, std::numeric_limits<int>::max())) total += pushed;
    }
    return total;
  }

 private:
  struct Edge {
    int to;
    int next;
    int capacity;
  };

  bool Levels(int source, int sink) {
    std::fill(level_.begin(), level_.end(), -1);
    std::vector<int> queue{source};
    level_[source] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const int u = queue[head];
      for (int e = first_[u]; e != -1; e = edges_[e].next) {
        if (edges_[e].capacity > 0 && level_[edges_[e].to] < 0) {
          level_[edges_[e].to] = level_[u] + 1;
          queue.push_back(edges_[e].to);
        }
      }
    }
    return level_[sink] >= 0;
  }

  int Push(int u, int sink, int limit) {
    if (u == sink) return limit;
    for (int& e = next_edge_[u]; e != -1; e = edges_[e].next) {
      Edge& edge = edges_[e];
      if (edge.capacity <= 0 || level_[edge.to] != level_[u] + 1) continue;
      const int pushed = Push(edge.to, sink, std::min(limit, edge.capacity));
      if (pushed > 0) {
        edge.capacity -= pushed;
        edges_[e ^ 1].capacity += pushed;
        return pushed;
      }
    }
    return 0;
  }

  std::vector<Edge> edges_;
  std::vector<int> first_;
  std::vector<int> level_;
  std::vector<int> next_edge_;
};

// The bound over the requests `use` (a subset of the event's).
struct BoundParts {
  int by_slots = 0;
  int by_participants = 0;
};

BoundParts BoundOver(const SchedulerEvent& event, const std::vector<int>& use) {
  const int slots = static_cast<int>(event.tables_per_slot.size());
  const int people = static_cast<int>(event.participants.size());
  const Mask all = AllSlots(slots);
  std::vector<Mask> common(use.size());
  for (std::size_t k = 0; k < use.size(); ++k) {
    const MeetingRequest& r = event.requests[use[k]];
    common[k] = event.participants[r.first].available.to_ullong() &
                event.participants[r.second].available.to_ullong() & all;
  }
  // Per slot: the fractional matching number of the requests feasible there (double cover).
  std::vector<int> slot_capacity(slots);
  for (int s = 0; s < slots; ++s) {
    MaxFlow flow(2 * people + 2);
    const int source = 2 * people;
    const int sink = source + 1;
    std::vector<char> touched(people, 0);
    for (std::size_t k = 0; k < use.size(); ++k) {
      if (!(common[k] >> s & 1)) continue;
      const MeetingRequest& r = event.requests[use[k]];
      flow.AddEdge(r.first, people + r.second, 1);
      flow.AddEdge(r.second, people + r.first, 1);
      touched[r.first] = touched[r.second] = 1;
    }
    for (int p = 0; p < people; ++p) {
      if (!touched[p]) continue;
      flow.AddEdge(source, p, 1);
      flow.AddEdge(people + p, sink, 1);
    }
    slot_capacity[s] = std::min(event.tables_per_slot[s], flow.Run(source, sink) / 2);
  }
  BoundParts parts;
  {
    const int n = static_cast<int>(use.size());
    MaxFlow flow(n + slots + 2);
    const int source = n + slots;
    const int sink = source + 1;
    for (int k = 0; k < n; ++k) {
      if (common[k] == 0) continue;
      flow.AddEdge(source, k, 1);
      for (Mask c = common[k]; c != 0; c &= c - 1) flow.AddEdge(k, n + std::countr_zero(c), 1);
    }
    for (int s = 0; s < slots; ++s) flow.AddEdge(n + s, sink, slot_capacity[s]);
    parts.by_slots = flow.Run(source, sink);
  }
  {
    std::vector<int> degree(people, 0);
    std::vector<Mask> usable(people, 0);
    for (std::size_t k = 0; k < use.size(); ++k) {
      if (common[k] == 0) continue;
      const MeetingRequest& r = event.requests[use[k]];
      ++degree[r.first];
      ++degree[r.second];
      usable[r.first] |= common[k];
      usable[r.second] |= common[k];
    }
    MaxFlow flow(2 * people + 2);
    const int source = 2 * people;
    const int sink = source + 1;
    for (int p = 0; p < people; ++p) {
      const int b =
          std::min({event.participants[p].max_meetings, std::popcount(usable[p]), degree[p]});
      if (b <= 0) continue;
      flow.AddEdge(source, p, b);
      flow.AddEdge(people + p, sink, b);
    }
    for (std::size_t k = 0; k < use.size(); ++k) {
      if (common[k] == 0) continue;
      const MeetingRequest& r = event.requests[use[k]];
      flow.AddEdge(r.first, people + r.second, 1);
      flow.AddEdge(r.second, people + r.first, 1);
    }
    parts.by_participants = flow.Run(source, sink) / 2;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// The scheduler's working state.

struct Objective {
  int must = 0;
  int credit = 0;  // province minimums covered
  int total = 0;
  friend bool operator<(const Objective& x, const Objective& y) {
    return std::tie(x.must, x.credit, x.total) < std::tie(y.must, y.credit, y.total);
  }
};

class Solver {
 public:
  Solver(const SchedulerEvent& event, const SchedulerOptions& options)
      : options_(options),
        slots_(static_cast<int>(event.tables_per_slot.size())),
        people_(static_cast<int>(event.participants.size())),
        meetings_(static_cast<int>(event.requests.size())),
        capacity_(event.tables_per_slot),
        deadline_(std::chrono::steady_clock::now() + options.time_limit) {
    const Mask all = AllSlots(slots_);
    quota_.resize(people_);
    available_.resize(people_);
    for (int p = 0; p < people_; ++p) {
      quota_[p] = event.participants[p].max_meetings;
      available_[p] = event.participants[p].available.to_ullong() & all;
    }
    std::unordered_map<std::string, int> province_ids;
    for (const ProvinceMinimum& pm : event.province_minimums) {
      if (pm.meetings <= 0) continue;
      auto [it, inserted] = province_ids.emplace(pm.province, province_minimum_.size());
      if (inserted) {
        province_minimum_.push_back(pm.meetings);
      } else {
        province_minimum_[it->second] = std::max(province_minimum_[it->second], pm.meetings);
      }
    }
    province_count_.assign(province_minimum_.size(), 0);
    std::vector<int> province_of(people_, -1);
    for (int p = 0; p < people_; ++p) {
      auto it = province_ids.find(event.participants[p].province);
      if (it != province_ids.end()) province_of[p] = it->second;
    }
    first_.resize(meetings_);
    second_.resize(meetings_);
    common_.resize(meetings_);
    must_.resize(meetings_);
    pinned_.resize(meetings_);
    province_a_.resize(meetings_);
    province_b_.resize(meetings_);
    of_participant_.resize(people_);
    std::mt19937_64 rng(options.seed);
    tie_.resize(meetings_);
    for (int m = 0; m < meetings_; ++m) {
      const MeetingRequest& r = event.requests[m];
      first_[m] = r.first;
      second_[m] = r.second;
      common_[m] = available_[r.first] & available_[r.second];
      must_[m] = r.priority == MeetingPriority::kMustMeet;
      pinned_[m] = r.pinned.has_value();
      province_a_[m] = province_of[r.first];
      province_b_[m] = province_of[r.second] == province_a_[m] ? -1 : province_of[r.second];
      of_participant_[r.first].push_back(m);
      of_participant_[r.second].push_back(m);
      tie_[m] = rng();
    }
    slot_of_.assign(meetings_, -1);
    at_.assign(static_cast<std::size_t>(people_) * slots_, -1);
    busy_.assign(people_, 0);
    load_.assign(people_, 0);
    used_.assign(slots_, 0);
    members_.assign(slots_, {});
    position_.assign(meetings_, -1);
    open_ = 0;
    for (int s = 0; s < slots_; ++s) {
      if (capacity_[s] > 0) open_ |= Mask{1} << s;
    }
    on_chain_.assign(meetings_, 0);
  }

  // Places the pins; an error names the first one that breaks a constraint.
  core::Status PlacePins(const SchedulerEvent& event) {
    std::vector<std::vector<int>> table_user(slots_);
    for (int s = 0; s < slots_; ++s) table_user[s].assign(capacity_[s], -1);
    for (int m = 0; m < meetings_; ++m) {
      if (!pinned_[m]) continue;
      const MeetingPlacement& pin = *event.requests[m].pinned;
      const int s = pin.slot;
      std::string vi;
      std::string en;
      for (int p : {first_[m], second_[m]}) {
        const std::string& name = event.participants[p].name;
        if (!(available_[p] >> s & 1)) {
          vi = fmt::format("{} không tham dự khung giờ {}", name, s + 1);
          en = fmt::format("{} does not attend slot {}", name, s + 1);
        } else if (at(p, s) != -1) {
          vi = fmt::format("{} có hai cuộc gặp cố định ở khung giờ {}", name, s + 1);
          en = fmt::format("{} has two pinned meetings in slot {}", name, s + 1);
        } else if (load_[p] >= quota_[p]) {
          vi = fmt::format("{} có nhiều cuộc gặp cố định hơn số tối đa ({})", name, quota_[p]);
          en = fmt::format("{} has more pinned meetings than the quota ({})", name, quota_[p]);
        }
        if (!vi.empty()) break;
      }
      if (vi.empty() && table_user[s][pin.table] != -1) {
        vi = fmt::format("Bàn {} ở khung giờ {} có hai cuộc gặp cố định", pin.table + 1, s + 1);
        en = fmt::format("Table {} in slot {} has two pinned meetings", pin.table + 1, s + 1);
      }
      if (!vi.empty()) {
        return MakeError(ErrorCode::kFailedPrecondition,
                         fmt::format("Cuộc gặp cố định số {}: {}", m + 1, vi),
                         fmt::format("Pinned meeting {}: {}", m + 1, en));
      }
      table_user[s][pin.table] = m;
      Assign(m, s);
    }
    return {};
  }

  void Greedy() {
    // Demand each participant still has for each slot, from their pending requests.
    demand_.assign(static_cast<std::size_t>(people_) * slots_, 0);
    for (int m = 0; m < meetings_; ++m) {
      if (slot_of_[m] != -1) continue;
      for (Mask c = common_[m]; c != 0; c &= c - 1) {
        const int s = std::countr_zero(c);
        ++demand_[Index(first_[m], s)];
        ++demand_[Index(second_[m], s)];
      }
    }
    std::vector<int> order = PriorityOrder();
    auto pass = [&](auto wanted) {
      for (int m : order) {
        if (slot_of_[m] != -1 || !wanted(m)) continue;
        const int s = GreedySlot(m);
        if (s < 0) continue;
        Assign(m, s);
        for (Mask c = common_[m]; c != 0; c &= c - 1) {
          const int t = std::countr_zero(c);
          --demand_[Index(first_[m], t)];
          --demand_[Index(second_[m], t)];
        }
      }
    };
    pass([&](int m) { return must_[m]; });
    pass([&](int m) { return ShortProvince(m); });
    pass([](int) { return true; });
  }

  void Improve() {
    const std::vector<int> order = PriorityOrder();
    for (int round = 0; round < kRounds; ++round) {
      bool improved = false;
      for (int m : order) {
        if (slot_of_[m] != -1) continue;
        if (TimeUp()) return;
        bool placed = false;
        if (open_ != 0 && QuotaFree(m)) {
          for (int depth = 1; depth <= options_.max_chain_depth && !placed; ++depth) {
            const std::size_t mark = log_.size();
            budget_ = kNodeBudget;
            placed = Place(m, depth);
            if (!placed) Rollback(mark);
          }
        }
        if (!placed) {
          const int depth = must_[m] || ShortProvince(m) ? options_.max_chain_depth - 1 : 1;
          placed = Replace(m, std::max(depth, 0));
        }
        improved = improved || placed;
      }
      if (!improved) break;
    }
  }

  Schedule Finish(const SchedulerEvent& event) const {
    Schedule out;
    out.meetings.resize(meetings_);
    std::vector<std::vector<char>> taken(slots_);
    for (int s = 0; s < slots_; ++s) taken[s].assign(capacity_[s], 0);
    for (int m = 0; m < meetings_; ++m) {
      if (pinned_[m]) taken[event.requests[m].pinned->slot][event.requests[m].pinned->table] = 1;
    }
    std::vector<int> next_table(slots_, 0);
    for (int m = 0; m < meetings_; ++m) {
      MeetingAssignment& a = out.meetings[m];
      const int s = slot_of_[m];
      if (s >= 0) {
        if (pinned_[m]) {
          a.placement = *event.requests[m].pinned;
        } else {
          int& t = next_table[s];
          while (taken[s][t]) ++t;
          taken[s][t] = 1;
          a.placement = MeetingPlacement{s, t};
        }
        continue;
      }
      const int x = first_[m];
      const int y = second_[m];
      if (common_[m] == 0) {
        a.reason = UnscheduledReason::kNoCommonSlot;
      } else if (load_[x] >= quota_[x] || load_[y] >= quota_[y]) {
        a.reason = UnscheduledReason::kQuota;
      } else if ((common_[m] & ~busy_[x] & ~busy_[y]) != 0) {
        a.reason = UnscheduledReason::kTablesFull;
      } else {
        a.reason = UnscheduledReason::kParticipantBusy;
      }
    }
    out.scheduled = objective_.total;
    out.must_meets_scheduled = objective_.must;
    out.province_minimum_covered = objective_.credit;
    out.stopped_by_time_limit = stopped_;
    return out;
  }

 private:
  static constexpr int kNodeBudget = 500;    // chain nodes explored per attempt
  static constexpr int kRounds = 6;          // improvement passes over the unscheduled
  static constexpr int kTableEvictions = 6;  // meetings tried when a slot's tables are full

  std::size_t Index(int p, int s) const { return static_cast<std::size_t>(p) * slots_ + s; }
  int at(int p, int s) const { return at_[Index(p, s)]; }

  bool QuotaFree(int m) const {
    return load_[first_[m]] < quota_[first_[m]] && load_[second_[m]] < quota_[second_[m]];
  }

  bool ShortOf(int province) const {
    return province >= 0 && province_count_[province] < province_minimum_[province];
  }
  bool ShortProvince(int m) const { return ShortOf(province_a_[m]) || ShortOf(province_b_[m]); }

  // Must-meets first, then fewest common slots, then the seeded tie-break.
  std::vector<int> PriorityOrder() const {
    std::vector<int> order(meetings_);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int x, int y) {
      return std::make_tuple(!must_[x], std::popcount(common_[x]), tie_[x]) <
             std::make_tuple(!must_[y], std::popcount(common_[y]), tie_[y]);
    });
    return order;
  }

  Mask FreeSlots(int m) const {
    return common_[m] & ~busy_[first_[m]] & ~busy_[second_[m]] & open_;
  }

  // The free slot the two participants' other pending requests need least; then the emptiest.
  int GreedySlot(int m) const {
    if (!QuotaFree(m)) return -1;
    int best = -1;
    std::pair<int, int> best_cost{};
    for (Mask c = FreeSlots(m); c != 0; c &= c - 1) {
      const int s = std::countr_zero(c);
      const std::pair<int, int> cost{demand_[Index(first_[m], s)] + demand_[Index(second_[m], s)],
                                     used_[s] - capacity_[s]};
      if (best < 0 || cost < best_cost) {
        best = s;
        best_cost = cost;
      }
    }
    return best;
  }

  void RawAssign(int m, int s) {
    const int x = first_[m];
    const int y = second_[m];
    slot_of_[m] = s;
    at_[Index(x, s)] = m;
    at_[Index(y, s)] = m;
    busy_[x] |= Mask{1} << s;
    busy_[y] |= Mask{1} << s;
    ++load_[x];
    ++load_[y];
    if (++used_[s] >= capacity_[s]) open_ &= ~(Mask{1} << s);
    position_[m] = static_cast<int>(members_[s].size());
    members_[s].push_back(m);
    ++objective_.total;
    if (must_[m]) ++objective_.must;
    for (int pr : {province_a_[m], province_b_[m]}) {
      if (pr >= 0 && ++province_count_[pr] <= province_minimum_[pr]) ++objective_.credit;
    }
  }

  void RawUnassign(int m) {
    const int s = slot_of_[m];
    const int x = first_[m];
    const int y = second_[m];
    slot_of_[m] = -1;
    at_[Index(x, s)] = -1;
    at_[Index(y, s)] = -1;
    busy_[x] &= ~(Mask{1} << s);
    busy_[y] &= ~(Mask{1} << s);
    --load_[x];
    --load_[y];
    --used_[s];
    open_ |= Mask{1} << s;
    const int last = members_[s].back();
    members_[s][position_[m]] = last;
    position_[last] = position_[m];
    members_[s].pop_back();
    position_[m] = -1;
    --objective_.total;
    if (must_[m]) --objective_.must;
    for (int pr : {province_a_[m], province_b_[m]}) {
      if (pr >= 0 && province_count_[pr]-- <= province_minimum_[pr]) --objective_.credit;
    }
  }

  void Assign(int m, int s) {
    log_.push_back({m, -1});
    RawAssign(m, s);
  }
  void Unassign(int m) {
    log_.push_back({m, slot_of_[m]});
    RawUnassign(m);
  }
  void Rollback(std::size_t mark) {
    while (log_.size() > mark) {
      const auto [m, previous] = log_.back();
      log_.pop_back();
      if (previous == -1) {
        RawUnassign(m);
      } else {
        RawAssign(m, previous);
      }
    }
  }

  bool TimeUp() {
    if (stopped_) return true;
    if ((++clock_checks_ & 63) == 0 && std::chrono::steady_clock::now() > deadline_) {
      stopped_ = true;
    }
    return stopped_;
  }

  bool Movable(int m) const { return m < 0 || (!pinned_[m] && !on_chain_[m]); }

  // Schedules m without losing any scheduled meeting: into a free slot, or into a slot whose
  // occupants (the participants' meetings there, or one table's meeting) are themselves moved
  // elsewhere by chains of at most `depth` further moves. On failure the state may be changed;
  // the caller rolls back.
  bool Place(int m, int depth) {
    if (!QuotaFree(m)) return false;
    if (const Mask free = FreeSlots(m); free != 0) {
      // The emptiest free slot keeps room where the tables are scarce.
      int best = -1;
      for (Mask c = free; c != 0; c &= c - 1) {
        const int s = std::countr_zero(c);
        if (best < 0 || capacity_[s] - used_[s] > capacity_[best] - used_[best]) best = s;
      }
      Assign(m, best);
      return true;
    }
    if (depth == 0 || --budget_ < 0 || TimeUp()) return false;
    on_chain_[m] = 1;
    const int x = first_[m];
    const int y = second_[m];
    const int offset = static_cast<int>(tie_[m] % slots_);
    bool done = false;
    for (int i = 0; i < slots_ && !done && budget_ >= 0; ++i) {
      const int s = (i + offset) % slots_;
      if (!(common_[m] >> s & 1)) continue;
      const int bx = at(x, s);
      const int by = at(y, s);
      if (!Movable(bx) || !Movable(by)) continue;
      const std::size_t mark = log_.size();
      if (bx >= 0 || by >= 0) {
        std::vector<int> evicted;
        for (int b : {bx, by}) {
          if (b >= 0 && (evicted.empty() || evicted[0] != b)) evicted.push_back(b);
        }
        for (int b : evicted) Unassign(b);
        Assign(m, s);
        for (int b : evicted) on_chain_[b] = 1;
        done = true;
        for (int b : evicted) {
          if (!Place(b, depth - 1)) {
            done = false;
            break;
          }
        }
        for (int b : evicted) on_chain_[b] = 0;
        if (!done) Rollback(mark);
      } else {
        // Both free but the tables are full: move one of the slot's meetings elsewhere.
        std::vector<int> candidates;
        for (int z : members_[s]) {
          if (Movable(z)) candidates.push_back(z);
        }
        // The ones with most free slots first: they move most easily.
        std::sort(candidates.begin(), candidates.end(), [&](int p, int q) {
          return std::make_pair(-std::popcount(FreeSlots(p)), p) <
                 std::make_pair(-std::popcount(FreeSlots(q)), q);
        });
        if (candidates.size() > kTableEvictions) candidates.resize(kTableEvictions);
        for (int z : candidates) {
          Unassign(z);
          Assign(m, s);
          on_chain_[z] = 1;
          done = Place(z, depth - 1);
          on_chain_[z] = 0;
          if (done) break;
          Rollback(mark);
        }
      }
    }
    on_chain_[m] = 0;
    return done;
  }

  // How much the objective would lose without m: must-meets and short provinces count.
  int Worth(int m) const {
    int worth = must_[m] ? 4 : 0;
    for (int pr : {province_a_[m], province_b_[m]}) {
      if (pr >= 0 && province_count_[pr] <= province_minimum_[pr]) worth += 1;
    }
    return worth;
  }

  // Lossy move for the lexicographic objective: schedules m (a must-meet or a meeting of a short
  // province) in some common slot by taking out whatever is in its way — the participants'
  // meetings there, one meeting of a participant at quota, one meeting when the tables are full
  // — trying to reschedule those elsewhere, and keeps the result only if the objective improves.
  bool Replace(int m, int depth) {
    const Objective before = objective_;
    const int offset = static_cast<int>(tie_[m] % slots_);
    for (int i = 0; i < slots_; ++i) {
      const int s = (i + offset) % slots_;
      if (!(common_[m] >> s & 1)) continue;
      if (TimeUp()) return false;
      const std::size_t mark = log_.size();
      std::vector<int> evicted;
      bool blocked = false;
      for (int p : {first_[m], second_[m]}) {
        const int b = at(p, s);
        if (b < 0 || b == (evicted.empty() ? -1 : evicted[0])) continue;
        if (pinned_[b]) blocked = true;
        evicted.push_back(b);
      }
      if (blocked) continue;
      for (int b : evicted) Unassign(b);
      for (int p : {first_[m], second_[m]}) {
        if (load_[p] < quota_[p]) continue;
        int victim = -1;
        for (int z : of_participant_[p]) {
          if (slot_of_[z] < 0 || pinned_[z]) continue;
          if (victim < 0 || Worth(z) < Worth(victim)) victim = z;
        }
        if (victim < 0) {
          blocked = true;
          break;
        }
        Unassign(victim);
        evicted.push_back(victim);
      }
      if (!blocked && used_[s] >= capacity_[s]) {
        int victim = -1;
        for (int z : members_[s]) {
          if (pinned_[z]) continue;
          if (victim < 0 || std::make_pair(Worth(z), z) < std::make_pair(Worth(victim), victim)) {
            victim = z;
          }
        }
        if (victim < 0) {
          blocked = true;
        } else {
          Unassign(victim);
          evicted.push_back(victim);
        }
      }
      if (!blocked) {
        Assign(m, s);
        on_chain_[m] = 1;
        for (int b : evicted) {
          const std::size_t inner = log_.size();
          budget_ = kNodeBudget;
          if (!Place(b, depth)) Rollback(inner);
        }
        // A meeting left out frees its participants: one of their other pending requests may
        // now fit (two-for-one swaps: A-B out, A-C and B-D in).
        for (int b : evicted) {
          if (slot_of_[b] >= 0) continue;
          for (int p : {first_[b], second_[b]}) {
            for (int z : of_participant_[p]) {
              if (z == b || slot_of_[z] >= 0) continue;
              const std::size_t inner = log_.size();
              if (!Place(z, 0)) Rollback(inner);
            }
          }
        }
        on_chain_[m] = 0;
        if (before < objective_) return true;
      }
      Rollback(mark);
    }
    return false;
  }

  const SchedulerOptions& options_;
  int slots_;
  int people_;
  int meetings_;
  std::vector<int> capacity_;
  std::vector<int> quota_;
  std::vector<Mask> available_;
  std::vector<int> province_minimum_;
  std::vector<int> province_count_;
  std::vector<int> first_;
  std::vector<int> second_;
  std::vector<Mask> common_;
  std::vector<char> must_;
  std::vector<char> pinned_;
  std::vector<int> province_a_;
  std::vector<int> province_b_;  // -1 when the same as province_a_
  std::vector<std::vector<int>> of_participant_;
  std::vector<std::uint64_t> tie_;

  std::vector<int> slot_of_;
  std::vector<int> at_;  // participant × slot → meeting or -1
  std::vector<Mask> busy_;
  std::vector<int> load_;
  std::vector<int> used_;
  Mask open_ = 0;  // slots with a free table
  std::vector<std::vector<int>> members_;
  std::vector<int> position_;
  std::vector<int> demand_;
  std::vector<char> on_chain_;
  Objective objective_;
  std::vector<std::pair<int, int>> log_;  // (meeting, previous slot or -1) to undo
  int budget_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  unsigned clock_checks_ = 0;
  bool stopped_ = false;
};

}  // namespace

const char* UnscheduledReasonName(UnscheduledReason reason) {
  switch (reason) {
    case UnscheduledReason::kNone:
      return "";
    case UnscheduledReason::kNoCommonSlot:
      return "no_common_slot";
    case UnscheduledReason::kQuota:
      return "quota";
    case UnscheduledReason::kParticipantBusy:
      return "participant_busy";
    case UnscheduledReason::kTablesFull:
      return "tables_full";
  }
  return "";
}

core::Result<Schedule> ScheduleMeetings(const SchedulerEvent& event,
                                        const SchedulerOptions& options) {
  LIENKET_RETURN_IF_ERROR(CheckEvent(event));
  Solver solver(event, options);
  LIENKET_RETURN_IF_ERROR(solver.PlacePins(event));
  solver.Greedy();
  solver.Improve();
  return solver.Finish(event);
}

core::Result<ScheduleUpperBound> ComputeUpperBound(const SchedulerEvent& event) {
  LIENKET_RETURN_IF_ERROR(CheckEvent(event));
  const int slots = static_cast<int>(event.tables_per_slot.size());
  const Mask all = AllSlots(slots);
  ScheduleUpperBound bound;
  std::vector<int> usable;
  std::vector<int> must;
  for (int m = 0; m < static_cast<int>(event.requests.size()); ++m) {
    const MeetingRequest& r = event.requests[m];
    const SchedulerParticipant& x = event.participants[r.first];
    const SchedulerParticipant& y = event.participants[r.second];
    if ((x.available.to_ullong() & y.available.to_ullong() & all) == 0 || x.max_meetings == 0 ||
        y.max_meetings == 0) {
      continue;
    }
    usable.push_back(m);
    if (r.priority == MeetingPriority::kMustMeet) must.push_back(m);
  }
  bound.requests_with_common_slot = static_cast<int>(usable.size());
  for (int t : event.tables_per_slot) bound.table_capacity += t;
  const BoundParts all_parts = BoundOver(event, usable);
  bound.by_slots = all_parts.by_slots;
  bound.by_participants = all_parts.by_participants;
  bound.value = std::min(bound.by_slots, bound.by_participants);
  const BoundParts must_parts = BoundOver(event, must);
  bound.must_meets = std::min(must_parts.by_slots, must_parts.by_participants);
  return bound;
}

core::Result<std::vector<MeetingConflict>> ConflictsOf(const SchedulerEvent& event,
                                                       const Schedule& schedule,
                                                       const MeetingMove& move) {
  LIENKET_RETURN_IF_ERROR(CheckEvent(event));
  const int slots = static_cast<int>(event.tables_per_slot.size());
  const int meetings = static_cast<int>(event.requests.size());
  if (static_cast<int>(schedule.meetings.size()) != meetings) {
    return MakeError(ErrorCode::kInvalidArgument, "Lịch không thuộc sự kiện này",
                     "The schedule does not belong to this event");
  }
  if (move.meeting < 0 || move.meeting >= meetings) {
    return MakeError(ErrorCode::kInvalidArgument, "Không có cuộc gặp này", "No such meeting");
  }
  const int s = move.to.slot;
  const int t = move.to.table;
  if (s < 0 || s >= slots || t < 0 || t >= event.tables_per_slot[s]) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Khung giờ {} hoặc bàn {} không tồn tại", s + 1, t + 1),
                     fmt::format("Slot {} or table {} does not exist", s + 1, t + 1));
  }
  const MeetingRequest& moved = event.requests[move.meeting];
  std::vector<MeetingConflict> conflicts;
  for (int p : {moved.first, moved.second}) {
    const SchedulerParticipant& who = event.participants[p];
    if (!who.available.test(s)) {
      conflicts.push_back({ConflictKind::kUnavailable, p, -1,
                           fmt::format("{} không tham dự khung giờ {}", who.name, s + 1),
                           fmt::format("{} does not attend slot {}", who.name, s + 1)});
    }
  }
  int load_first = 0;
  int load_second = 0;
  for (int m = 0; m < meetings; ++m) {
    const auto& placement = schedule.meetings[m].placement;
    if (!placement) continue;
    const MeetingRequest& r = event.requests[m];
    for (int p : {moved.first, moved.second}) {
      if (r.first != p && r.second != p) continue;
      (p == moved.first ? load_first : load_second) += 1;
      if (m != move.meeting && placement->slot == s) {
        const std::string& name = event.participants[p].name;
        conflicts.push_back(
            {ConflictKind::kParticipantBusy, p, m,
             fmt::format("{} đã có cuộc gặp khác ở khung giờ {}", name, s + 1),
             fmt::format("{} already has another meeting in slot {}", name, s + 1)});
      }
    }
    if (m != move.meeting && placement->slot == s && placement->table == t) {
      conflicts.push_back({ConflictKind::kTableTaken, -1, m,
                           fmt::format("Bàn {} ở khung giờ {} đã có cuộc gặp khác", t + 1, s + 1),
                           fmt::format("Table {} in slot {} is already taken", t + 1, s + 1)});
    }
  }
  if (!schedule.meetings[move.meeting].placement) {
    for (int p : {moved.first, moved.second}) {
      const SchedulerParticipant& who = event.participants[p];
      const int load = p == moved.first ? load_first : load_second;
      if (load >= who.max_meetings) {
        conflicts.push_back(
            {ConflictKind::kQuota, p, -1,
             fmt::format("{} đã đủ số cuộc gặp tối đa ({})", who.name, who.max_meetings),
             fmt::format("{} has reached the meeting quota ({})", who.name, who.max_meetings)});
      }
    }
  }
  return conflicts;
}

core::Status ValidateSchedule(const SchedulerEvent& event, const Schedule& schedule) {
  LIENKET_RETURN_IF_ERROR(CheckEvent(event));
  const int slots = static_cast<int>(event.tables_per_slot.size());
  const int people = static_cast<int>(event.participants.size());
  const int meetings = static_cast<int>(event.requests.size());
  auto fail = [](std::string vi, std::string en) {
    return MakeError(ErrorCode::kFailedPrecondition, std::move(vi), std::move(en));
  };
  if (static_cast<int>(schedule.meetings.size()) != meetings) {
    return fail("Lịch không thuộc sự kiện này", "The schedule does not belong to this event");
  }
  std::vector<int> busy(static_cast<std::size_t>(people) * slots, -1);
  std::vector<int> load(people, 0);
  std::vector<std::vector<int>> table(slots);
  for (int s = 0; s < slots; ++s) table[s].assign(event.tables_per_slot[s], -1);
  int scheduled = 0;
  int must = 0;
  for (int m = 0; m < meetings; ++m) {
    const MeetingRequest& r = event.requests[m];
    const auto& placement = schedule.meetings[m].placement;
    if (r.pinned && placement != r.pinned) {
      return fail(fmt::format("Cuộc gặp cố định số {} đã bị dời", m + 1),
                  fmt::format("Pinned meeting {} was moved", m + 1));
    }
    if (!placement) continue;
    ++scheduled;
    if (r.priority == MeetingPriority::kMustMeet) ++must;
    const int s = placement->slot;
    const int t = placement->table;
    if (s < 0 || s >= slots || t < 0 || t >= event.tables_per_slot[s]) {
      return fail(fmt::format("Cuộc gặp số {} ở khung giờ hoặc bàn không tồn tại", m + 1),
                  fmt::format("Meeting {} is at a slot or table that does not exist", m + 1));
    }
    if (table[s][t] != -1) {
      return fail(fmt::format("Bàn {} ở khung giờ {} có hai cuộc gặp", t + 1, s + 1),
                  fmt::format("Table {} in slot {} holds two meetings", t + 1, s + 1));
    }
    table[s][t] = m;
    for (int p : {r.first, r.second}) {
      const SchedulerParticipant& who = event.participants[p];
      if (!who.available.test(s)) {
        return fail(fmt::format("{} không tham dự khung giờ {}", who.name, s + 1),
                    fmt::format("{} does not attend slot {}", who.name, s + 1));
      }
      int& cell = busy[static_cast<std::size_t>(p) * slots + s];
      if (cell != -1) {
        return fail(fmt::format("{} có hai cuộc gặp ở khung giờ {}", who.name, s + 1),
                    fmt::format("{} has two meetings in slot {}", who.name, s + 1));
      }
      cell = m;
      if (++load[p] > who.max_meetings) {
        return fail(fmt::format("{} vượt số cuộc gặp tối đa ({})", who.name, who.max_meetings),
                    fmt::format("{} exceeds the meeting quota ({})", who.name, who.max_meetings));
      }
    }
  }
  if (scheduled != schedule.scheduled || must != schedule.must_meets_scheduled) {
    return fail("Số cuộc gặp đã xếp không khớp với lịch",
                "The scheduled counts do not match the schedule");
  }
  return {};
}

}  // namespace lienket::linkage
