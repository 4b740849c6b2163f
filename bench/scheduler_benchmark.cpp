// The B2B meeting scheduler against its upper bound (issue 5): 500 participants, 3,000 requested
// meetings, 16 slots, 60 tables, generated deterministically; target at least 99% of the meetings
// the upper bound allows, in under 1 s. Prints one table and PASS/FAIL for the issue's event, and
// the same figures for two variants that stress other constraints (for information).
//
//   scheduler_benchmark [--repeats N] [--seed S]
//
// Exit status: 0 PASS, 3 target missed, 1 the benchmark itself failed (an invalid schedule, a
// schedule that differs between two runs of the same seed).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_rng.hpp"
#include "linkage/meeting_scheduler.hpp"

namespace {

using lienket::bench::Rng;
using namespace lienket::linkage;

// The 28 provinces of the Northern region (pre-2025 GSO codes) with uneven weights: the big
// cities and trading provinces send many enterprises, the mountain provinces a few.
struct Province {
  const char* code;
  const char* name;
  int weight;
};
constexpr Province kProvinces[] = {
    {"01", "Hà Nội", 70},     {"31", "Hải Phòng", 30},   {"22", "Quảng Ninh", 22},
    {"27", "Bắc Ninh", 20},   {"24", "Bắc Giang", 22},   {"38", "Thanh Hóa", 24},
    {"40", "Nghệ An", 22},    {"30", "Hải Dương", 16},   {"33", "Hưng Yên", 14},
    {"26", "Vĩnh Phúc", 14},  {"19", "Thái Nguyên", 14}, {"25", "Phú Thọ", 12},
    {"36", "Nam Định", 12},   {"34", "Thái Bình", 12},   {"37", "Ninh Bình", 10},
    {"35", "Hà Nam", 8},      {"42", "Hà Tĩnh", 10},     {"17", "Hòa Bình", 8},
    {"14", "Sơn La", 10},     {"10", "Lào Cai", 8},      {"15", "Yên Bái", 6},
    {"08", "Tuyên Quang", 6}, {"20", "Lạng Sơn", 7},     {"02", "Hà Giang", 5},
    {"04", "Cao Bằng", 4},    {"06", "Bắc Kạn", 3},      {"11", "Điện Biên", 4},
    {"12", "Lai Châu", 3},
};

struct Shape {
  const char* name;
  int participants = 500;
  int requests = 3000;
  int slots = 16;  // two sessions of eight 20-minute slots
  int tables = 60;
  int pins = 30;
};

SchedulerEvent Generate(const Shape& shape, std::uint64_t seed) {
  Rng rng(seed);
  SchedulerEvent event;
  event.tables_per_slot.assign(shape.slots, shape.tables);
  int weight_sum = 0;
  for (const Province& p : kProvinces) weight_sum += p.weight;
  std::vector<int> per_province(std::size(kProvinces), 0);
  std::vector<int> target_weight;  // popular participants draw many requests
  std::vector<int> province_index;
  const int half = shape.slots / 2;
  for (int i = 0; i < shape.participants; ++i) {
    int pick = static_cast<int>(rng.Between(0, weight_sum - 1));
    int k = 0;
    while (pick >= kProvinces[k].weight) pick -= kProvinces[k++].weight;
    ++per_province[k];
    province_index.push_back(k);
    SchedulerParticipant p;
    p.province = kProvinces[k].code;
    p.name = fmt::format("Doanh nghiệp {} ({})", i + 1, kProvinces[k].name);
    const int kind = static_cast<int>(rng.Between(0, 99));
    for (int s = 0; s < shape.slots; ++s) {
      const bool session_ok = kind < 10 ? s < half : kind < 20 ? s >= half : true;
      if (session_ok && rng.Between(0, 99) >= 8) p.available.set(s);  // short absences
    }
    const bool popular = rng.Between(0, 99) < 5;
    target_weight.push_back(popular ? 12 : 1);
    const int quota_roll = static_cast<int>(rng.Between(0, 99));
    p.max_meetings = popular ? 12 : quota_roll < 20 ? 8 : kMaxSlots;
    event.participants.push_back(std::move(p));
  }
  std::vector<int> cumulative;
  int total_weight = 0;
  for (int w : target_weight) cumulative.push_back(total_weight += w);
  std::set<std::pair<int, int>> seen;
  while (static_cast<int>(event.requests.size()) < shape.requests) {
    const int a = static_cast<int>(rng.Between(0, shape.participants - 1));
    const int draw = static_cast<int>(rng.Between(0, total_weight - 1));
    const int b = static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), draw) -
                                   cumulative.begin());
    if (a == b) continue;
    // Mostly between provinces: a same-province pair is kept one time in five.
    if (province_index[a] == province_index[b] && rng.Between(0, 4) != 0) continue;
    if (!seen.insert(std::minmax(a, b)).second) continue;
    MeetingRequest r;
    r.first = a;
    r.second = b;
    r.priority = rng.Between(0, 99) < 10 ? MeetingPriority::kMustMeet : MeetingPriority::kMeet;
    event.requests.push_back(r);
  }
  // Minimums: one and a half meetings per participant of the province, at most 12, so the
  // small provinces are protected and the big ones are not constrained.
  for (std::size_t k = 0; k < std::size(kProvinces); ++k) {
    const int minimum = std::min(12, (3 * per_province[k] + 1) / 2);
    if (minimum > 0) event.province_minimums.push_back({kProvinces[k].code, minimum});
  }
  // The organiser's manual moves: pins on the first must-meets, on the highest tables.
  std::vector<SlotSet> busy(shape.participants);
  std::vector<int> load(shape.participants, 0);
  std::vector<int> next_table(shape.slots, shape.tables - 1);
  int pinned = 0;
  for (std::size_t m = 0; m < event.requests.size() && pinned < shape.pins; ++m) {
    MeetingRequest& r = event.requests[m];
    if (r.priority != MeetingPriority::kMustMeet) continue;
    const SchedulerParticipant& x = event.participants[r.first];
    const SchedulerParticipant& y = event.participants[r.second];
    if (load[r.first] >= x.max_meetings || load[r.second] >= y.max_meetings) continue;
    for (int i = 0; i < shape.slots; ++i) {
      const int s = (pinned * 5 + i) % shape.slots;
      if (!x.available.test(s) || !y.available.test(s) || busy[r.first].test(s) ||
          busy[r.second].test(s) || next_table[s] < 0) {
        continue;
      }
      r.pinned = MeetingPlacement{s, next_table[s]--};
      busy[r.first].set(s);
      busy[r.second].set(s);
      ++load[r.first];
      ++load[r.second];
      ++pinned;
      break;
    }
  }
  return event;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

struct Row {
  std::string name;
  int requests = 0;
  int must = 0;
  ScheduleUpperBound bound;
  double bound_seconds = 0;
  Schedule schedule;
  double median_seconds = 0;
  double max_seconds = 0;
  int minimum_total = 0;
};

}  // namespace

int main(int argc, char** argv) {
  int repeats = 5;
  std::uint64_t seed = 20251;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--seed") == 0) seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
#ifndef NDEBUG
  fmt::print("warning: not a Release build; the timings mean little\n");
#endif
  const Shape shapes[] = {
      {"issue: 500 participants, 3,000 requests, 16 slots × 60 tables"},
      {"variant: 120 tables (participants bind, not tables)", 500, 3000, 16, 120},
      {"variant: 2,000 requests, 40 tables", 500, 2000, 16, 40},
  };
  std::vector<Row> rows;
  bool broken = false;
  for (const Shape& shape : shapes) {
    const SchedulerEvent event = Generate(shape, seed);
    Row row;
    row.name = shape.name;
    row.requests = static_cast<int>(event.requests.size());
    for (const auto& r : event.requests) row.must += r.priority == MeetingPriority::kMustMeet;
    for (const auto& pm : event.province_minimums) row.minimum_total += pm.meetings;
    auto start = std::chrono::steady_clock::now();
    auto bound = ComputeUpperBound(event);
    row.bound_seconds = Seconds(std::chrono::steady_clock::now() - start);
    if (!bound) {
      fmt::print("bound failed: {}\n", bound.error().Bilingual());
      return 1;
    }
    row.bound = *bound;
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
      start = std::chrono::steady_clock::now();
      auto schedule = ScheduleMeetings(event, {.seed = seed});
      times.push_back(Seconds(std::chrono::steady_clock::now() - start));
      if (!schedule) {
        fmt::print("scheduling failed: {}\n", schedule.error().Bilingual());
        return 1;
      }
      if (auto valid = ValidateSchedule(event, *schedule); !valid) {
        fmt::print("INVALID schedule ({}): {}\n", shape.name, valid.error().Bilingual());
        broken = true;
      }
      if (i > 0) {
        for (std::size_t m = 0; m < event.requests.size(); ++m) {
          if (schedule->meetings[m].placement != row.schedule.meetings[m].placement) {
            fmt::print("NOT DETERMINISTIC ({}): meeting {} differs between runs\n", shape.name, m);
            broken = true;
            break;
          }
        }
      }
      row.schedule = std::move(*schedule);
    }
    std::sort(times.begin(), times.end());
    row.median_seconds = times[times.size() / 2];
    row.max_seconds = times.back();
    rows.push_back(std::move(row));
  }

  fmt::print(
      "Upper bound = min(slot flow, participant flow): max flow meeting → common slot → sink with\n"
      "min(tables, fractional matching of the slot's requests) per slot; and half the max flow\n"
      "of the bipartite double cover with min(quota, usable slots, requests) per participant.\n\n");
  fmt::print(
      "| event | requests | bound (slots / participants) | scheduled | ratio | must-meets "
      "scheduled / requested / bound | province minimums covered | schedule s (median, "
      "max of {}) | bound s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
      repeats);
  for (const Row& r : rows) {
    fmt::print(
        "| {} | {} | {} ({} / {}) | {} | {:.4f} | {} / {} / {} | {} / {} | {:.3f}, {:.3f}{} "
        "| {:.3f} |\n",
        r.name, r.requests, r.bound.value, r.bound.by_slots, r.bound.by_participants,
        r.schedule.scheduled,
        r.bound.value ? static_cast<double>(r.schedule.scheduled) / r.bound.value : 1.0,
        r.schedule.must_meets_scheduled, r.must, r.bound.must_meets,
        r.schedule.province_minimum_covered, r.minimum_total, r.median_seconds, r.max_seconds,
        r.schedule.stopped_by_time_limit ? " (time limit hit)" : "", r.bound_seconds);
  }
  fmt::print(
      "\nUnscheduled by reason (no common slot / quota / participant busy / tables full):\n");
  for (const Row& r : rows) {
    int count[5] = {0, 0, 0, 0, 0};
    for (const auto& m : r.schedule.meetings) ++count[static_cast<int>(m.reason)];
    fmt::print("  {}: {} / {} / {} / {}\n", r.name, count[1], count[2], count[3], count[4]);
  }
  const Row& issue = rows.front();
  const double ratio =
      issue.bound.value ? static_cast<double>(issue.schedule.scheduled) / issue.bound.value : 1.0;
  const bool pass = ratio >= 0.99 && issue.max_seconds < 1.0;
  fmt::print("\nTarget (issue 5): scheduled ≥ 99% of the upper bound, in under 1 s.\n");
  fmt::print("Issue event: {} of a bound of {} = {:.2f}%, {:.3f} s (slowest of {} runs): {}\n",
             issue.schedule.scheduled, issue.bound.value, 100 * ratio, issue.max_seconds, repeats,
             broken ? "FAIL (benchmark broken)"
             : pass ? "PASS"
                    : "FAIL");
  if (broken) return 1;
  return pass ? 0 : 3;
}
