#include "bench/synthesis_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

#include "bench/bench_rng.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::bench {

using core::Decimal;
using core::ErrorCode;
using core::MakeError;

namespace {

constexpr std::size_t kProvinceCount = 63;
constexpr int kVintageCount = 3;
constexpr int kMonths = (kSynthesisLastYear - kSynthesisFirstYear + 1) * 12;
constexpr stats::VintageStatus kStatuses[kVintageCount] = {stats::VintageStatus::kEstimate,
                                                           stats::VintageStatus::kPreliminary,
                                                           stats::VintageStatus::kOfficial};
// Largest revision of the previous vintage, in per mille (the estimate is not a revision).
constexpr int kRevisionPermille[kVintageCount] = {0, 30, 10};

// The benchmark database's indicator rows (every value bound).
constexpr std::string_view kInsertIndicator =
    "INSERT INTO indicators (id, name_vi, name_en, unit, kind, aggregation, time_aggregation, "
    "precision, display_unit_vi, display_unit_en, bases, default_basis, min_value, max_value, "
    "growth_of, plan_of, description_vi, description_en) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', '', ?, ?)";


// How an indicator's values are scaled to integers while generating.
enum class Scale { kMillionDong, kCent, kHundredth };

Scale ScaleOf(const stats::Indicator& indicator) {
  if (!indicator.IsAdditive()) return Scale::kHundredth;
  return indicator.unit == core::Dimension::kVnd ? Scale::kMillionDong : Scale::kCent;
}

Decimal ToDecimal(std::int64_t scaled, Scale scale) {
  constexpr core::Int128 kTenToSeven = 10'000'000;
  switch (scale) {
    case Scale::kMillionDong:
      return Decimal::FromInt(scaled * 1'000'000);
    case Scale::kCent:
    case Scale::kHundredth:
      return Decimal::FromRaw(static_cast<core::Int128>(scaled) * kTenToSeven);
  }
  return Decimal();
}

// A figure's place in the cube of provincial figures.
std::size_t FigureIndex(std::size_t month, std::size_t province, std::size_t indicator) {
  return (month * kProvinceCount + province) * (kFlowIndicators + kIndexIndicators) + indicator;
}

}  // namespace

std::vector<stats::Indicator> SyntheticIndicators() {
  std::vector<stats::Indicator> out;
  for (int n = 1; n <= kFlowIndicators + kIndexIndicators; ++n) {
    stats::Indicator i;
    const bool flow = n <= kFlowIndicators;
    const int number = flow ? n : n - kFlowIndicators;
    i.id = fmt::format("bench_{}_{:02}", flow ? "flow" : "index", number);
    i.bases = {std::string(kSynthesisBasis)};
    i.default_basis = std::string(kSynthesisBasis);
    i.min_value = Decimal();
    if (flow) {
      const bool dong = number % 2 == 1;
      i.name_vi = fmt::format("Chỉ tiêu thử nghiệm (giá trị) {:02}", number);
      i.name_en = fmt::format("Benchmark flow {:02}", number);
      i.unit = dong ? core::Dimension::kVnd : core::Dimension::kUsd;
      i.kind = stats::IndicatorKind::kFlow;
      i.aggregation = stats::Aggregation::kSum;
      i.time_aggregation = stats::TimeAggregation::kSum;
      i.precision = 1;
      i.display_unit_vi = dong ? "tỷ đồng" : "triệu USD";
      i.display_unit_en = dong ? "billion VND" : "million USD";
    } else {
      i.name_vi = fmt::format("Chỉ số thử nghiệm {:02}", number);
      i.name_en = fmt::format("Benchmark index {:02}", number);
      i.unit = core::Dimension::kIndex;
      i.kind = stats::IndicatorKind::kIndex;
      i.aggregation = stats::Aggregation::kWeightedMean;
      i.time_aggregation = stats::TimeAggregation::kNone;
      i.precision = 2;
      i.display_unit_vi = "% (cùng kỳ năm trước = 100)";
      i.display_unit_en = "% (same period of previous year = 100)";
    }
    i.description_vi = "Chỉ tiêu tổng hợp cho phép đo hiệu năng (bench/), không phải số liệu thật.";
    i.description_en = "Synthetic indicator of the benchmark (bench/), not a real statistic.";
    out.push_back(std::move(i));
  }
  return out;
}

core::Result<SynthesisData> GenerateSynthesisData(const stats::UnitCatalog& units) {
  SynthesisData data;
  const core::Date first{kSynthesisFirstYear, 1, 1};
  const core::Date last{kSynthesisLastYear, 12, 31};
  for (const stats::AdminUnit* u : units.ProvincesOn(first)) {
    if (u->ValidOn(last)) data.province_ids.push_back(u->id);
  }
  const stats::AdminUnit* nation = units.FindByKey("vn");
  if (data.province_ids.size() != kProvinceCount || nation == nullptr) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Danh mục có {} tỉnh suốt {}–{}, cần {} và đơn vị vn", data.province_ids.size(),
                    kSynthesisFirstYear, kSynthesisLastYear, kProvinceCount),
        fmt::format("the catalogue has {} provinces valid over {}–{}, expected {} "
                    "and a unit vn",
                    data.province_ids.size(), kSynthesisFirstYear, kSynthesisLastYear,
                    kProvinceCount));
  }
  data.nation_id = nation->id;
  const std::vector<stats::Indicator> indicators = SyntheticIndicators();
  const std::size_t indicator_count = indicators.size();

  // Which provincial figures are missing: the smallest hashes, exactly as many as make the total.
  const std::int64_t cube =
      static_cast<std::int64_t>((kProvinceCount + 1) * indicator_count * kMonths * kVintageCount);
  const std::int64_t excess = cube - kSynthesisRows;
  data.missing_figures = excess / kVintageCount;
  data.missing_official = excess % kVintageCount;
  enum : std::uint8_t { kPresent, kMissing, kNoOfficial };
  const std::size_t figures = kMonths * kProvinceCount * indicator_count;
  std::vector<std::uint8_t> state(figures, kPresent);
  {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ranked(figures);
    for (std::size_t f = 0; f < figures; ++f) {
      ranked[f] = {Rng(0x5EED0000ULL + f).Next(), static_cast<std::uint32_t>(f)};
    }
    const auto missing = static_cast<std::ptrdiff_t>(data.missing_figures);
    const auto partial = static_cast<std::ptrdiff_t>(data.missing_official);
    std::nth_element(ranked.begin(), ranked.begin() + missing + partial, ranked.end());
    std::nth_element(ranked.begin(), ranked.begin() + missing, ranked.begin() + missing + partial);
    for (std::ptrdiff_t k = 0; k < missing + partial; ++k) {
      state[ranked[static_cast<std::size_t>(k)].second] = k < missing ? kMissing : kNoOfficial;
    }
  }

  // Starting level, anchor and yearly trend of every (province, indicator) series.
  struct Series {
    std::int64_t value = 0;
    std::int64_t anchor = 0;
    std::int64_t trend_permille = 0;
  };
  Rng rng(20100101);
  std::vector<Series> series(kProvinceCount * indicator_count);
  for (std::size_t p = 0; p < kProvinceCount; ++p) {
    const std::int64_t size_permille = rng.Between(300, 3000);
    for (std::size_t i = 0; i < indicator_count; ++i) {
      Series& s = series[p * indicator_count + i];
      switch (ScaleOf(indicators[i])) {
        case Scale::kMillionDong:
          s.value = rng.Between(20'000, 4'000'000) * size_permille / 1000;
          break;
        case Scale::kCent:
          s.value = rng.Between(100'000'000, 80'000'000'000) * size_permille / 1000;
          break;
        case Scale::kHundredth:
          s.value = rng.Between(9500, 11500);
          break;
      }
      s.anchor = s.value;
      s.trend_permille = rng.Between(-40, 120);
    }
  }

  data.rows.reserve(static_cast<std::size_t>(kSynthesisRows));
  std::vector<std::array<std::int64_t, kVintageCount>> vintages(kProvinceCount * indicator_count);
  auto emit = [&](int unit_id, const stats::Indicator& indicator, const core::Period& period,
                  int vintage, std::int64_t scaled) {
    stats::Observation o;
    o.unit_id = unit_id;
    o.indicator_id = indicator.id;
    o.period = period;
    o.value = ToDecimal(scaled, ScaleOf(indicator));
    o.status = kStatuses[vintage];
    o.basis = std::string(kSynthesisBasis);
    o.source = "bench";
    const int index = period.year() * 12 + period.last_month() - 1 + vintage + 1;
    o.as_of = core::Date::LastDayOfMonth(index / 12, index % 12 + 1);
    data.rows.push_back(std::move(o));
  };
  for (std::size_t month = 0; month < kMonths; ++month) {
    const int year = kSynthesisFirstYear + static_cast<int>(month / 12);
    const int m = static_cast<int>(month % 12) + 1;
    const core::Period period = core::Period::FromMonths(year, m, m).value();
    // Move every series one month on and revise it into its vintages.
    for (std::size_t s = 0; s < series.size(); ++s) {
      Series& x = series[s];
      const Scale scale = ScaleOf(indicators[s % indicator_count]);
      if (scale == Scale::kHundredth) {
        if (month > 0) {
          std::int64_t low = -300, high = 300;  // ±3 points, pulled back within 8 of the start
          if (x.value > x.anchor + 800) high = 100;
          if (x.value < x.anchor - 800) low = -100;
          x.value = std::clamp<std::int64_t>(x.value + rng.Between(low, high), 8000, 14000);
        }
        vintages[s][0] = x.value;
        for (int v = 1; v < kVintageCount; ++v) {
          vintages[s][v] = std::clamp<std::int64_t>(
              vintages[s][v - 1] + rng.Between(-kRevisionPermille[v] * 2, kRevisionPermille[v] * 2),
              8000, 14000);
        }
        continue;
      }
      if (month > 0) {
        if (m == 1) x.anchor += x.anchor * x.trend_permille / 1000;
        std::int64_t low = -80, high = 80;
        if (x.value > x.anchor * 11 / 10) high = 20;
        if (x.value < x.anchor * 9 / 10) low = -20;
        x.value = std::max<std::int64_t>(1, x.value + x.value * rng.Between(low, high) / 1000);
      }
      vintages[s][0] = x.value;
      for (int v = 1; v < kVintageCount; ++v) {
        const std::int64_t before = vintages[s][v - 1];
        vintages[s][v] = std::max<std::int64_t>(
            1, before + before * rng.Between(-kRevisionPermille[v], kRevisionPermille[v]) / 1000);
      }
    }
    // Provinces, by code; a missing figure is skipped, not generated differently.
    for (std::size_t p = 0; p < kProvinceCount; ++p) {
      for (std::size_t i = 0; i < indicator_count; ++i) {
        const std::uint8_t figure = state[FigureIndex(month, p, i)];
        if (figure == kMissing) continue;
        for (int v = 0; v < kVintageCount; ++v) {
          if (figure == kNoOfficial && v == kVintageCount - 1) continue;
          emit(data.province_ids[p], indicators[i], period, v,
               vintages[p * indicator_count + i][v]);
        }
      }
    }
    // The nation: every province (reported or not) plus what is not allocated to one.
    for (std::size_t i = 0; i < indicator_count; ++i) {
      const bool additive = indicators[i].IsAdditive();
      const std::int64_t unallocated_permille = rng.Between(0, 20);
      for (int v = 0; v < kVintageCount; ++v) {
        std::int64_t sum = 0;
        for (std::size_t p = 0; p < kProvinceCount; ++p)
          sum += vintages[p * indicator_count + i][v];
        const std::int64_t national = additive ? sum + sum / 1000 * unallocated_permille
                                               : sum / static_cast<std::int64_t>(kProvinceCount);
        emit(data.nation_id, indicators[i], period, v, national);
      }
    }
  }
  if (static_cast<std::int64_t>(data.rows.size()) != kSynthesisRows) {
    return MakeError(
        ErrorCode::kInternal, "Sai số dòng sinh ra",
        fmt::format("generated {} rows, expected {}", data.rows.size(), kSynthesisRows));
  }
  return data;
}

core::Status CreateSynthesisDatabase(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
  {  // A new database with the shipped reference data.
    LIENKET_ASSIGN_OR_RETURN(created, store::SqliteStore::Open(path));
  }
  // The synthetic indicators, which only this database knows.
  LIENKET_ASSIGN_OR_RETURN(db, store::SqliteDb::Open(path));
  LIENKET_ASSIGN_OR_RETURN(tx, store::Transaction::Begin(db.get()));
  LIENKET_ASSIGN_OR_RETURN(insert, db->Prepare(kInsertIndicator));
  for (const stats::Indicator& i : SyntheticIndicators()) {
    std::string bases;
    for (const std::string& b : i.bases) bases += (bases.empty() ? "" : "|") + b;
    insert.Bind(1, i.id).Bind(2, i.name_vi).Bind(3, i.name_en);
    insert.Bind(4, core::DimensionId(i.unit)).Bind(5, stats::IndicatorKindId(i.kind));
    insert.Bind(6, stats::AggregationId(i.aggregation));
    insert.Bind(7, stats::TimeAggregationId(i.time_aggregation));
    insert.Bind(8, static_cast<std::int64_t>(i.precision));
    insert.Bind(9, i.display_unit_vi).Bind(10, i.display_unit_en).Bind(11, bases);
    insert.Bind(12, i.default_basis).Bind(13, i.min_value->ToString());
    insert.Bind(14, i.description_vi).Bind(15, i.description_en);
    LIENKET_RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return tx.Commit();
}

std::string ObservationsCsv(const std::vector<stats::Observation>& rows) {
  std::string out = "unit_id,indicator_id,period,value,status,basis,as_of,dataset\n";
  out.reserve(rows.size() * 80);
  for (const stats::Observation& o : rows) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{}\n", o.unit_id, o.indicator_id,
                   o.period.Code(), o.value.ToString(), stats::VintageStatusId(o.status), o.basis,
                   o.as_of.ToString(), o.dataset);
  }
  return out;
}

std::string MembersCsv(const std::vector<stats::Region>& regions, const stats::UnitCatalog& units,
                       const core::Date& date) {
  std::string out = "region_key,unit_id\n";
  for (const stats::Region& r : regions) {
    for (const stats::AdminUnit* u : r.MembersOn(date, units)) {
      fmt::format_to(std::back_inserter(out), "{},{}\n", r.key, u->id);
    }
  }
  return out;
}

std::string IndicatorsCsv(const std::vector<stats::Indicator>& indicators) {
  std::string out = "indicator_id,additive\n";
  for (const stats::Indicator& i : indicators) {
    fmt::format_to(std::back_inserter(out), "{},{}\n", i.id, i.IsAdditive() ? "true" : "false");
  }
  return out;
}

}  // namespace lienket::bench
