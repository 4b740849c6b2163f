#include "stats/synthesis.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lienket::stats {

using core::Decimal;
using core::Period;

namespace {

const Decimal kHundred = Decimal::FromInt(100);

// Combines qualifiers of summed parts.
Qualifier Combine(Qualifier a, Qualifier b) {
  if (a == b) return a;
  if (a == Qualifier::kExact) return b;
  if (b == Qualifier::kExact) return a;
  return Qualifier::kApprox;  // lower with upper, or a bound with an approximation
}

// (a / b × 100) − 100, or nothing when b is zero.
std::optional<Decimal> GrowthPct(const Decimal& now, const Decimal& before) {
  if (before.IsZero()) return std::nullopt;
  auto ratio = now.Times(kHundred).DividedBy(before);
  if (!ratio) return std::nullopt;
  return *ratio - kHundred;
}

std::optional<Decimal> Pct(const Decimal& part, const Decimal& whole) {
  if (whole.IsZero()) return std::nullopt;
  auto r = part.Times(kHundred).DividedBy(whole);
  if (!r) return std::nullopt;
  return *r;
}

// Qualifier of a growth computed from a current value with qualifier `now` and a previous one
// with `before`: a current lower bound over an exact base is a lower bound on growth; a lower
// bound in the base makes the growth an upper bound; anything else mixed is approximate.
Qualifier GrowthQualifier(Qualifier now, Qualifier before) {
  auto flip = [](Qualifier q) {
    return q == Qualifier::kLowerBound   ? Qualifier::kUpperBound
           : q == Qualifier::kUpperBound ? Qualifier::kLowerBound
                                         : q;
  };
  return Combine(now, flip(before));
}

// The request's indicator, or the error Synthesise returns.
core::Result<const Indicator*> RequestedIndicator(const SynthesisRequest& request,
                                                  const IndicatorCatalog& indicators) {
  if (request.region == nullptr) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "Chưa chọn vùng",
                           "No region was given");
  }
  const Indicator* indicator = indicators.FindById(request.indicator_id);
  if (indicator == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("Không có chỉ tiêu {}", request.indicator_id),
                           fmt::format("No indicator {}", request.indicator_id));
  }
  return indicator;
}

// An indicator's companions in the catalogue (nullptr when it has none).
struct Companions {
  const Indicator* growth = nullptr;  // the published year-on-year rate
  const Indicator* plan = nullptr;
};

Companions CompanionsOf(const Indicator& indicator, const IndicatorCatalog& indicators) {
  Companions c;
  for (const Indicator& i : indicators.indicators()) {
    if (i.growth_of == indicator.id) c.growth = &i;
    if (i.plan_of == indicator.id) c.plan = &i;
  }
  return c;
}

}  // namespace

core::Result<SynthesisResult> Synthesise(const SynthesisRequest& request, const UnitCatalog& units,
                                         const IndicatorCatalog& indicators,
                                         const std::vector<Observation>& rows) {
  LIENKET_ASSIGN_OR_RETURN(indicator, RequestedIndicator(request, indicators));
  // Index only the rows of the indicator and its companions: the caller may pass a report's rows.
  const Companions companions = CompanionsOf(*indicator, indicators);
  std::vector<std::string_view> ids = {indicator->id};
  if (companions.growth != nullptr) ids.push_back(companions.growth->id);
  if (companions.plan != nullptr) ids.push_back(companions.plan->id);
  return Synthesise(request, units, indicators, ObservationIndex(rows, ids));
}

core::Result<SynthesisResult> Synthesise(const SynthesisRequest& request, const UnitCatalog& units,
                                         const IndicatorCatalog& indicators,
                                         const ObservationIndex& index) {
  LIENKET_ASSIGN_OR_RETURN(indicator, RequestedIndicator(request, indicators));
  const Companions companions = CompanionsOf(*indicator, indicators);
  const Indicator* growth_indicator = companions.growth;
  const Indicator* plan_indicator = companions.plan;
  const AdminUnit* nation = units.FindByKey("vn");

  SynthesisResult r;
  r.indicator = indicator;
  r.region = request.region;
  r.period = request.period;
  r.previous_period = request.period.SamePeriodPreviousYear();
  auto members = request.region->MembersOn(request.period.EndDate(), units);
  r.members = static_cast<int>(members.size());

  // The basis: as asked, else the one most members reported.
  r.basis = request.basis;
  if (r.basis.empty()) {
    int best = -1;
    for (const std::string& b : indicator->bases) {
      const ObservationIndex::Figures& figures = index.Find(indicator->id, r.period, b);
      int count = 0;
      for (const AdminUnit* m : members) count += figures.Find(m->id) != nullptr;
      if (count > best || (count == best && b == indicator->default_basis)) {
        best = count;
        r.basis = b;
      }
    }
  }
  for (const std::string& b : index.Bases(indicator->id, r.period)) {
    if (b == r.basis) continue;
    const ObservationIndex::Figures& figures = index.Find(indicator->id, r.period, b);
    for (const AdminUnit* m : members) {
      if (figures.Find(m->id) != nullptr) {
        r.other_bases.push_back(b);
        break;
      }
    }
  }

  const bool additive = indicator->IsAdditive();
  // The figures the rest reads, looked up once: then each member's is an array access.
  static const ObservationIndex::Figures kNone;
  const ObservationIndex::Figures& current = index.Find(indicator->id, r.period, r.basis);
  const ObservationIndex::Figures& previous = index.Find(indicator->id, r.previous_period, r.basis);
  const ObservationIndex::Figures& growth_rates =
      growth_indicator != nullptr ? index.Find(growth_indicator->id, r.period, r.basis) : kNone;
  const ObservationIndex::Figures& plans =
      plan_indicator != nullptr
          ? index.Find(plan_indicator->id, Period::Year(r.period.year()), r.basis)
          : kNone;
  // A unit's value in the previous period, re-aggregated from its predecessors after a merger.
  auto previous_of = [&](const AdminUnit* unit, ProvinceResult* p) {
    if (unit->ValidOn(r.previous_period.EndDate())) {
      if (const Observation* o = previous.Find(unit->id)) {
        p->previous = o->value;
        p->previous_qualifier = o->qualifier;
      }
      return;
    }
    if (!additive) return;  // an index of merged units cannot be re-aggregated without weights
    Decimal sum;
    Qualifier q = Qualifier::kExact;
    std::vector<const AdminUnit*> parts;
    for (const Succession& s : units.successions()) {
      if (s.new_unit_id != unit->id) continue;
      const AdminUnit* old_unit = units.FindById(s.old_unit_id);
      const Observation* o = previous.Find(s.old_unit_id);
      if (o == nullptr) return;  // one part missing: not comparable
      sum += o->value;
      q = Combine(q, o->qualifier);
      parts.push_back(old_unit);
    }
    if (parts.empty()) return;
    p->previous = sum;
    p->previous_qualifier = q;
    p->previous_from = parts;
  };

  // Published growth rate of a unit (index, previous year = 100) for the period.
  auto published_growth = [&](int unit_id) -> std::optional<Decimal> {
    const Observation* g = growth_rates.Find(unit_id);
    if (g == nullptr || g->qualifier != Qualifier::kExact) return std::nullopt;
    return g->value - kHundred;
  };

  // National figures.
  if (nation != nullptr) {
    if (const Observation* o = current.Find(nation->id)) r.national.current = *o;
    if (const Observation* o = previous.Find(nation->id)) {
      r.national.previous = o->value;
    }
    // The statistics office's published rate comes first: it compares with the revised figure of
    // the previous year, which the stored level may predate.
    if (!additive && r.national.current) {
      r.national.growth_pct = r.national.current->value - kHundred;
    } else if (auto g = published_growth(nation->id)) {
      r.national.growth_pct = g;
      r.national.growth_published = true;
    } else if (r.national.current && r.national.previous) {
      r.national.growth_pct = GrowthPct(r.national.current->value, *r.national.previous);
    }
    // Without a VN series, the sum of every province when every province reported.
    if (!r.national.current && additive) {
      auto all = units.ProvincesOn(r.period.EndDate());
      Decimal sum;
      Qualifier q = Qualifier::kExact;
      bool every = !all.empty();
      for (const AdminUnit* u : all) {
        const Observation* o = current.Find(u->id);
        if (o == nullptr) {
          every = false;
          break;
        }
        sum += o->value;
        q = Combine(q, o->qualifier);
      }
      if (every) {
        Observation total;
        total.unit_id = nation->id;
        total.indicator_id = indicator->id;
        total.period = r.period;
        total.value = sum;
        total.qualifier = q;
        total.basis = r.basis;
        r.national.current = total;
        r.national.summed_from_provinces = true;
      }
    }
  }

  // Province by province.
  Decimal total, comparable_now, comparable_before;
  Qualifier total_q = Qualifier::kExact, growth_q = Qualifier::kExact;
  bool any_value = false;
  r.provinces.reserve(members.size());
  for (const AdminUnit* m : members) {
    ProvinceResult p;
    p.unit = m;
    if (const Observation* o = current.Find(m->id)) p.current = *o;
    if (!p.current) {
      r.missing.push_back(m);
      r.provinces.push_back(std::move(p));
      continue;
    }
    any_value = true;
    const Decimal& value = p.current->value;
    r.includes_estimates = r.includes_estimates || p.current->status != VintageStatus::kOfficial;
    if (additive) {
      total += value;
      total_q = Combine(total_q, p.current->qualifier);
      previous_of(m, &p);
      if (!p.previous) {
        // A published growth rate implies the previous level: value × 100 / (100 + growth).
        if (auto g = published_growth(m->id)) {
          auto implied = value.Times(kHundred).DividedBy(*g + kHundred);
          if (implied) {
            p.previous = *implied;
            p.previous_implied = true;
            p.growth_pct = g;
            p.growth_published = true;
          }
        }
      } else {
        p.growth_pct = GrowthPct(value, *p.previous);
      }
      if (p.previous) {
        comparable_now += value;
        comparable_before += *p.previous;
        growth_q = Combine(growth_q, GrowthQualifier(p.current->qualifier, p.previous_qualifier));
        ++r.comparable_members;
        r.merger_reaggregated = r.merger_reaggregated || !p.previous_from.empty();
        r.used_published_growth = r.used_published_growth || p.previous_implied;
      }
    } else {
      p.growth_pct = value - kHundred;
      if (!r.min || value < *r.min) r.min = value;
      if (!r.max || value > *r.max) r.max = value;
    }
    if (const Observation* plan = plans.Find(m->id)) {
      p.plan = plan->value;
      p.plan_execution_pct = Pct(value, plan->value);
    }
    r.provinces.push_back(std::move(p));
  }

  if (additive && any_value) {
    r.total = total;
    r.total_qualifier = total_q;
    if (r.comparable_members > 0 && !comparable_before.IsZero()) {
      r.comparable_total = comparable_now;
      r.previous_total = comparable_before;
      r.growth_pct = GrowthPct(comparable_now, comparable_before);
      r.growth_qualifier = growth_q;
    }
    if (r.national.current && !r.national.current->value.IsZero()) {
      r.share_of_nation_pct = Pct(total, r.national.current->value);
      r.share_is_lower_bound = !r.complete() || total_q == Qualifier::kLowerBound;
    }
  }

  // Per-province shares, contributions, counts, plan totals.
  Decimal plan_sum, spend_sum;
  for (ProvinceResult& p : r.provinces) {
    if (!p.current) continue;
    if (additive && r.complete() && !total.IsZero()) {
      p.share_of_region_pct = Pct(p.current->value, total);
    }
    if (additive && r.national.current) {
      p.share_of_nation_pct = Pct(p.current->value, r.national.current->value);
    }
    if (additive && p.previous && r.previous_total && !r.previous_total->IsZero()) {
      p.contribution_pp = Pct(p.current->value - *p.previous, *r.previous_total);
    }
    if (p.growth_pct) {
      ++r.with_growth;
      if (*p.growth_pct > Decimal()) ++r.growing;
      if (*p.growth_pct < Decimal()) ++r.falling;
      if (r.national.growth_pct && *p.growth_pct > *r.national.growth_pct) ++r.above_national;
      if (request.threshold) {
        bool hit =
            additive ? *p.growth_pct >= *request.threshold : p.current->value >= *request.threshold;
        if (hit) ++r.at_or_above_threshold;
      }
    }
    if (p.plan) {
      plan_sum += *p.plan;
      spend_sum += p.current->value;
      ++r.plan_members;
    }
  }
  if (r.plan_members > 0) {
    r.plan_total = plan_sum;
    r.plan_spend_total = spend_sum;
    r.plan_execution_pct = Pct(spend_sum, plan_sum);
  }

  // Rank by value (largest first); ties share a rank; unreported last, by code.
  std::stable_sort(r.provinces.begin(), r.provinces.end(),
                   [](const ProvinceResult& a, const ProvinceResult& b) {
                     if (a.current.has_value() != b.current.has_value())
                       return a.current.has_value();
                     if (!a.current) return a.unit->code < b.unit->code;
                     return a.current->value > b.current->value;
                   });
  int rank = 0;
  for (std::size_t i = 0; i < r.provinces.size(); ++i) {
    if (!r.provinces[i].current) break;
    if (i == 0 || r.provinces[i].current->value != r.provinces[i - 1].current->value) {
      rank = static_cast<int>(i) + 1;
    }
    r.provinces[i].rank = rank;
  }
  return r;
}

RegionProfile ProfileRegion(const Region& region, int year, const UnitCatalog& units,
                            const std::vector<UnitProfile>& profiles) {
  RegionProfile out;
  const AdminUnit* nation = units.FindByKey("vn");
  // Profiles are sourced for years in the 63-unit era; use the members of that year.
  for (int y = year; y >= year - 10; --y) {
    auto members = region.MembersOn(core::Date{y, 12, 31}, units);
    if (out.members == 0) out.members = static_cast<int>(members.size());
    auto sum = [&](bool area) -> std::optional<Decimal> {
      Decimal total;
      for (const AdminUnit* m : members) {
        auto it = std::find_if(profiles.begin(), profiles.end(), [&](const UnitProfile& p) {
          return p.unit_id == m->id && p.year == y;
        });
        if (it == profiles.end()) return std::nullopt;
        const auto& v = area ? it->area_km2 : it->population_thousand;
        if (!v) return std::nullopt;
        total += *v;
      }
      return members.empty() ? std::nullopt : std::optional<Decimal>(total);
    };
    auto national = [&](bool area) -> std::optional<Decimal> {
      for (const UnitProfile& p : profiles) {
        if (nation != nullptr && p.unit_id == nation->id && p.year == y) {
          return area ? p.area_km2 : p.population_thousand;
        }
      }
      return std::nullopt;
    };
    if (!out.area_km2) {
      if (auto a = sum(true)) {
        out.area_km2 = a;
        out.area_year = y;
        if (auto n = national(true)) out.area_share_pct = Pct(*a, *n);
      }
    }
    if (!out.population_thousand) {
      if (auto p = sum(false)) {
        out.population_thousand = p;
        out.population_year = y;
        if (auto n = national(false)) out.population_share_pct = Pct(*p, *n);
      }
    }
  }
  if (out.area_km2 && out.population_thousand && !out.area_km2->IsZero()) {
    out.density =
        out.population_thousand->Times(Decimal::FromInt(1000)).DividedBy(*out.area_km2).value();
  }
  return out;
}

}  // namespace lienket::stats
