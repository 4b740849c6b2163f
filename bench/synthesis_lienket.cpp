// synthesis_lienket: the lienket side of bench/synthesis_vs_duckdb.sh. Over the database written
// by make_synthesis_data, it times
//
//   full synthesis   every region of the catalogue (11) × every synthetic indicator (60) for the
//                    benchmark period, as the report command does it:
//                      read      SqliteStore::Find per period of report::PeriodsNeeded (period,
//                                same period a year earlier, the year for plans), as_of and
//                                latest_only, every unit and indicator (src/app/cli.cpp CmdReport)
//                      synthesis stats::Synthesise on those rows, region × indicator: with the
//                                prepared stats::ObservationIndex (built once, timed with it) and,
//                                for comparison, through the plain signature that indexes the
//                                rows on every call (as src/report/regional_report.cpp calls it)
//   single query     one region, one indicator, one period, end to end: two narrow Finds (the
//                    region's members and the nation, the indicator, the period and the same
//                    period a year earlier, as_of, latest_only) and one Synthesise; p50 and p99
//                    over --single runs cycling through regions and indicators (after 20 warm-up
//                    runs), and the same for the in-memory synthesis alone.
//
// Output on standard output, one "key=value" a line (seconds are medians of --repeats runs):
//   rows_read, read_s, index_s, synth_indexed_s, synth_plain_s, full_cpu_s (the thread's CPU
//   seconds for read + index + synthesis), syntheses, runs, single_runs, single_rows,
//   single_p50_ms, single_p99_ms, single_cpu_p50_ms, single_cpu_p99_ms (CPU time of the single
//   queries), memory_p50_ms, memory_p99_ms
// and with --results FILE, every (region, indicator) result as CSV for the comparison with
// DuckDB (decimals in lienket's canonical text, empty when absent):
//   region,indicator,members,reported,total,comparable_members,growth_pct,national_growth_pct,
//   share_of_nation_pct,with_growth,growing,above_national,min,max
// Both syntheses must agree on every result, or the program fails. Exit 0, or 1 with a message.
//
//   synthesis_lienket --data DIR [--repeats 5] [--single 2000] [--results FILE]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "bench/synthesis_data.hpp"
#include "io/fs.hpp"
#include "report/regional_report.hpp"
#include "stats/synthesis.hpp"

namespace lienket::bench {
namespace {

using core::Period;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// CPU seconds this thread has used: unlike the wall clock, not lengthened when the scheduler
// gives the core to another process, which a loaded machine does every few milliseconds.
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The value at fraction q of the sorted sample (nearest rank).
double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>(q * static_cast<double>(v.size()) + 0.999999);
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

struct Options {
  std::string data_dir;
  int repeats = 5;
  int single = 2000;
  std::string results;
};

struct Bench {
  app::Context ctx;
  Period period;
  core::Date as_of;
  std::vector<const stats::Indicator*> indicators;
  std::vector<const stats::Region*> regions;
};

// What CmdReport reads: every row of each period it needs, latest vintages as of the date.
core::Result<std::vector<stats::Observation>> ReadLikeReport(Bench& b) {
  std::vector<stats::Observation> rows;
  for (const Period& p : report::PeriodsNeeded(b.period)) {
    stats::ObservationQuery q;
    q.period = p;
    q.as_of = b.as_of;
    q.datasets = {std::string(stats::kDatasetObserved)};
    LIENKET_ASSIGN_OR_RETURN(found, b.ctx.store->Find(q));
    for (auto& r : found) rows.push_back(std::move(r));
  }
  return rows;
}

// What one synthesis needs: the region's members (and, across the 2025 merger, the units they
// were formed from) and the nation; the indicator with its growth-rate companion and plan; the
// period and the same period a year earlier (and the year, for a plan).
core::Result<std::vector<stats::Observation>> ReadForOne(Bench& b, const stats::Region& region,
                                                         const stats::Indicator& indicator) {
  stats::ObservationQuery q;
  for (const stats::AdminUnit* m : region.MembersOn(b.period.EndDate(), b.ctx.units)) {
    q.unit_ids.push_back(m->id);
    for (const stats::Succession& s : b.ctx.units.successions()) {
      if (s.new_unit_id == m->id) q.unit_ids.push_back(s.old_unit_id);
    }
  }
  q.unit_ids.push_back(b.ctx.units.FindByKey("vn")->id);
  q.indicator_ids.push_back(indicator.id);
  bool plan = false;
  for (const stats::Indicator& i : b.ctx.indicators.indicators()) {
    if (i.growth_of == indicator.id) q.indicator_ids.push_back(i.id);
    if (i.plan_of == indicator.id) {
      q.indicator_ids.push_back(i.id);
      plan = true;
    }
  }
  q.as_of = b.as_of;
  q.datasets = {std::string(stats::kDatasetObserved)};
  std::vector<Period> periods = {b.period, b.period.SamePeriodPreviousYear()};
  if (plan && b.period != Period::Year(b.period.year()))
    periods.push_back(Period::Year(b.period.year()));
  std::vector<stats::Observation> rows;
  for (const Period& p : periods) {
    q.period = p;
    LIENKET_ASSIGN_OR_RETURN(found, b.ctx.store->Find(q));
    for (auto& r : found) rows.push_back(std::move(r));
  }
  return rows;
}

stats::SynthesisRequest Request(const Bench& b, const stats::Region& region,
                                const stats::Indicator& indicator) {
  stats::SynthesisRequest request;
  request.region = &region;
  request.period = b.period;
  request.indicator_id = indicator.id;
  return request;
}

std::string Text(const std::optional<core::Decimal>& d) { return d ? d->ToString() : ""; }

// One line of the results CSV.
std::string CsvLine(const stats::SynthesisResult& r) {
  return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.region->key, r.indicator->id,
                     r.members, r.reported(), Text(r.total), r.comparable_members,
                     Text(r.growth_pct), Text(r.national.growth_pct), Text(r.share_of_nation_pct),
                     r.with_growth, r.growing, r.above_national, Text(r.min), Text(r.max));
}

int Fail(std::string_view why) {
  std::cerr << "synthesis_lienket: " << why << "\n";
  return 1;
}

int Run(const Options& o) {
  auto opened = app::Context::Open(o.data_dir + "/lienket.db");
  if (!opened) return Fail(opened.error().message_en);
  Bench b{std::move(*opened),
          Period::Parse(kSynthesisPeriod).value(),
          core::Date::Parse(kSynthesisAsOf).value(),
          {},
          {}};
  for (const stats::Indicator& i : SyntheticIndicators()) {
    const stats::Indicator* found = b.ctx.indicators.FindById(i.id);
    if (found == nullptr) return Fail("no indicator " + i.id + ": run make_synthesis_data first");
    b.indicators.push_back(found);
  }
  for (const stats::Region& r : b.ctx.regions) b.regions.push_back(&r);
  const std::size_t syntheses = b.regions.size() * b.indicators.size();

  // Full synthesis, as the report does it.
  std::vector<double> read_s, index_s, indexed_s, plain_s, full_cpu_s;
  std::size_t rows_read = 0;
  std::string results_csv =
      "region,indicator,members,reported,total,comparable_members,growth_pct,"
      "national_growth_pct,share_of_nation_pct,with_growth,growing,above_national,min,max\n";
  for (int run = 0; run < o.repeats; ++run) {
    const double cpu0 = ThreadCpuSeconds();
    const auto t0 = Clock::now();
    auto rows = ReadLikeReport(b);
    if (!rows) return Fail(rows.error().message_en);
    const auto t1 = Clock::now();
    const stats::ObservationIndex index(*rows);
    const auto t2 = Clock::now();
    std::vector<stats::SynthesisResult> indexed;
    indexed.reserve(syntheses);
    for (const stats::Region* region : b.regions) {
      for (const stats::Indicator* indicator : b.indicators) {
        auto r = stats::Synthesise(Request(b, *region, *indicator), b.ctx.units, b.ctx.indicators,
                                   index);
        if (!r) return Fail(r.error().message_en);
        indexed.push_back(std::move(*r));
      }
    }
    const auto t3 = Clock::now();
    full_cpu_s.push_back(ThreadCpuSeconds() - cpu0);
    std::vector<std::string> plain_lines;
    plain_lines.reserve(syntheses);
    for (const stats::Region* region : b.regions) {
      for (const stats::Indicator* indicator : b.indicators) {
        auto r = stats::Synthesise(Request(b, *region, *indicator), b.ctx.units, b.ctx.indicators,
                                   *rows);
        if (!r) return Fail(r.error().message_en);
        plain_lines.push_back(CsvLine(*r));
      }
    }
    const auto t4 = Clock::now();
    read_s.push_back(Seconds(t0, t1));
    index_s.push_back(Seconds(t1, t2));
    indexed_s.push_back(Seconds(t2, t3));
    plain_s.push_back(Seconds(t3, t4));
    rows_read = rows->size();
    for (std::size_t k = 0; k < syntheses; ++k) {
      std::string line = CsvLine(indexed[k]);
      if (line != plain_lines[k]) {
        return Fail("the two syntheses disagree:\n  indexed " + line + "  plain   " +
                    plain_lines[k]);
      }
      if (run == 0) results_csv += line;
    }
  }

  // Single queries, end to end and in memory.
  auto all_rows = ReadLikeReport(b);
  if (!all_rows) return Fail(all_rows.error().message_en);
  const stats::ObservationIndex all_index(*all_rows);
  std::vector<double> single_ms, single_cpu_ms, memory_ms;
  std::size_t single_rows = 0;
  constexpr int kWarmUp = 20;
  for (int k = -kWarmUp; k < o.single; ++k) {
    const std::size_t n = static_cast<std::size_t>(k + kWarmUp);
    const stats::Region& region = *b.regions[n % b.regions.size()];
    const stats::Indicator& indicator = *b.indicators[(n * 7) % b.indicators.size()];
    const double cpu0 = ThreadCpuSeconds();
    const auto t0 = Clock::now();
    auto rows = ReadForOne(b, region, indicator);
    if (!rows) return Fail(rows.error().message_en);
    auto r = stats::Synthesise(Request(b, region, indicator), b.ctx.units, b.ctx.indicators, *rows);
    if (!r) return Fail(r.error().message_en);
    const auto t1 = Clock::now();
    const double cpu1 = ThreadCpuSeconds();
    auto m =
        stats::Synthesise(Request(b, region, indicator), b.ctx.units, b.ctx.indicators, all_index);
    if (!m) return Fail(m.error().message_en);
    const auto t2 = Clock::now();
    if (CsvLine(*r) != CsvLine(*m)) {
      return Fail("single query and full read disagree:\n  " + CsvLine(*r) + "  " + CsvLine(*m));
    }
    if (k < 0) continue;
    single_rows += rows->size();
    single_ms.push_back(Seconds(t0, t1) * 1e3);
    single_cpu_ms.push_back((cpu1 - cpu0) * 1e3);
    memory_ms.push_back(Seconds(t1, t2) * 1e3);
  }

  if (!o.results.empty()) {
    if (auto written = io::WriteFileAtomically(o.results, results_csv); !written) {
      return Fail(written.error().message_en);
    }
  }
  std::cout << fmt::format("rows_read={}\n", rows_read)
            << fmt::format("read_s={:.6f}\n", Median(read_s))
            << fmt::format("index_s={:.6f}\n", Median(index_s))
            << fmt::format("synth_indexed_s={:.6f}\n", Median(indexed_s))
            << fmt::format("synth_plain_s={:.6f}\n", Median(plain_s))
            << fmt::format("full_cpu_s={:.6f}\n", Median(full_cpu_s))
            << fmt::format("syntheses={}\n", syntheses) << fmt::format("runs={}\n", o.repeats)
            << fmt::format("single_runs={}\n", single_ms.size())
            << fmt::format("single_rows={:.1f}\n",
                           static_cast<double>(single_rows) / static_cast<double>(single_ms.size()))
            << fmt::format("single_p50_ms={:.4f}\n", Percentile(single_ms, 0.50))
            << fmt::format("single_p99_ms={:.4f}\n", Percentile(single_ms, 0.99))
            << fmt::format("single_cpu_p50_ms={:.4f}\n", Percentile(single_cpu_ms, 0.50))
            << fmt::format("single_cpu_p99_ms={:.4f}\n", Percentile(single_cpu_ms, 0.99))
            << fmt::format("memory_p50_ms={:.4f}\n", Percentile(memory_ms, 0.50))
            << fmt::format("memory_p99_ms={:.4f}\n", Percentile(memory_ms, 0.99));
  return 0;
}

}  // namespace
}  // namespace lienket::bench

int main(int argc, char** argv) {
  lienket::bench::Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view arg = argv[i];
    std::string value = argv[i + 1];
    if (arg == "--data") {
      o.data_dir = value;
    } else if (arg == "--repeats") {
      o.repeats = std::atoi(value.c_str());
    } else if (arg == "--single") {
      o.single = std::atoi(value.c_str());
    } else if (arg == "--results") {
      o.results = value;
    } else {
      return lienket::bench::Fail(std::string("unknown option ") + argv[i]);
    }
  }
  if (o.data_dir.empty() || argc % 2 == 0 || o.repeats < 1 || o.single < 1) {
    return lienket::bench::Fail(
        "usage: synthesis_lienket --data DIR [--repeats N] [--single N] [--results FILE]");
  }
  return lienket::bench::Run(o);
}
