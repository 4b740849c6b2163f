#include "report/regional_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/linkage_section.hpp"
#include "stats/observation_index.hpp"

namespace lienket::report {

using core::Decimal;
using core::Period;
using stats::SynthesisResult;

namespace {

// Indicators reported, in the order the conference reports them. Companions (growth rates,
// plans) are read by the synthesis of their main indicator.
constexpr std::string_view kReportOrder[] = {"iip",
                                             "retail_sales",
                                             "exports",
                                             "imports",
                                             "khuyen_cong_spend",
                                             "khuyen_cong_projects",
                                             "industrial_clusters_operating",
                                             "markets",
                                             "supermarkets",
                                             "shopping_centres",
                                             "ocop_products"};

bool Vi(Language l) { return l == Language::kVietnamese; }

std::string PeriodLabel(const Period& p, Language l) { return Vi(l) ? p.LabelVi() : p.LabelEn(); }

// "so với cùng kỳ năm 2023" / "so với năm 2023"; "on the same period of 2023" / "on 2023".
std::string Against(const Period& previous, Language l) {
  if (previous.kind() == core::PeriodKind::kYear) {
    return Vi(l) ? fmt::format("so với năm {}", previous.year())
                 : fmt::format("on {}", previous.year());
  }
  return Vi(l) ? fmt::format("so với cùng kỳ năm {}", previous.year())
               : fmt::format("on the same period of {}", previous.year());
}

std::string Name(const stats::AdminUnit* u, Language l) { return Vi(l) ? u->name_vi : u->name_en; }

std::string Names(const std::vector<const stats::AdminUnit*>& units, Language l,
                  std::size_t limit = 8) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < units.size() && i < limit; ++i) names.push_back(Name(units[i], l));
  std::string out = fmt::format("{}", fmt::join(names, ", "));
  if (units.size() > limit) {
    out += Vi(l) ? fmt::format(" và {} địa phương khác", units.size() - limit)
                 : fmt::format(" and {} others", units.size() - limit);
  }
  return out;
}

std::string LowerFirst(const std::string& s) {
  // Lower-case the first letter when it is an ASCII capital or a Vietnamese capital in the
  // two-byte range (e.g. "Tổng" -> "tổng" needs only 'T').
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z')
    return static_cast<char>(s[0] - 'A' + 'a') + s.substr(1);
  return s;
}

// Provinces with a growth figure, best first.
std::vector<const stats::ProvinceResult*> ByGrowth(const SynthesisResult& r) {
  std::vector<const stats::ProvinceResult*> out;
  for (const auto& p : r.provinces) {
    if (p.growth_pct) out.push_back(&p);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto* a, const auto* b) { return *a->growth_pct > *b->growth_pct; });
  return out;
}

std::string GrowthList(const std::vector<const stats::ProvinceResult*>& list, Language l) {
  std::vector<std::string> parts;
  for (const auto* p : list) {
    parts.push_back(fmt::format("{} ({})", Name(p->unit, l), Growth(*p->growth_pct, l)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// The (at most three) fastest-growing provinces, growth > 0.
std::vector<const stats::ProvinceResult*> Leaders(
    const std::vector<const stats::ProvinceResult*>& ranked) {
  std::vector<const stats::ProvinceResult*> top;
  for (const auto* p : ranked) {
    if (top.size() < 3 && *p->growth_pct > Decimal()) top.push_back(p);
  }
  return top;
}

// "3 địa phương giảm: A (giảm 9,0%), B (…) và 2 địa phương khác": the steepest falls first, at
// most five named; empty when nothing fell. `lead_vi`/`lead_en` introduce the list.
std::string Fallers(const std::vector<const stats::ProvinceResult*>& ranked, Language l,
                    std::string_view lead_vi, std::string_view lead_en) {
  std::vector<const stats::ProvinceResult*> falling;
  for (auto it = ranked.rbegin(); it != ranked.rend(); ++it) {
    if ((*it)->growth_pct->IsNegative()) falling.push_back(*it);
  }
  if (falling.empty()) return "";
  std::size_t named = std::min<std::size_t>(5, falling.size());
  std::vector<const stats::ProvinceResult*> shown(falling.begin(), falling.begin() + named);
  std::string rest = falling.size() > named
                         ? (Vi(l) ? fmt::format(" và {} địa phương khác", falling.size() - named)
                                  : fmt::format(" and {} others", falling.size() - named))
                         : "";
  return fmt::format(fmt::runtime(Vi(l) ? lead_vi : lead_en), falling.size()) +
         GrowthList(shown, l) + rest;
}

std::string FlowParagraph(const SynthesisResult& r, Language l) {
  const stats::Indicator& ind = *r.indicator;
  const bool vi = Vi(l);
  std::string label = PeriodLabel(r.period, l);
  std::string value = QualifiedAmount(*r.total, r.total_qualifier, ind, l);
  // Vietnamese says "ước đạt" for an estimate; English marks it after the amount.
  std::string verb = vi ? (r.includes_estimates ? "ước đạt" : "đạt") : "reached";
  std::string estimate_en = !vi && r.includes_estimates ? " (estimate)" : "";
  std::string text;
  if (r.complete()) {
    text = vi ? fmt::format("{} toàn vùng {} {} {}", ind.name_vi, label, verb, value)
              : fmt::format("In {}, {} in the region reached {}{}", label, LowerFirst(ind.name_en),
                            value, estimate_en);
  } else {
    text = vi ? fmt::format(
                    "{}/{} địa phương đã có số liệu {} {}; tổng của các địa phương này {} "
                    "{} (chưa phải tổng toàn vùng; chưa có số liệu: {})",
                    r.reported(), r.members, LowerFirst(ind.name_vi), label, verb, value,
                    Names(r.missing, l))
              : fmt::format(
                    "{} of {} provinces have reported {} for {}; together they reached "
                    "{}{} (not a regional total; no figure yet from {})",
                    r.reported(), r.members, LowerFirst(ind.name_en), label, value, estimate_en,
                    Names(r.missing, l));
  }
  if (r.share_of_nation_pct) {
    std::string share = Percent(*r.share_of_nation_pct, l);
    if (r.share_is_lower_bound) {
      text += vi ? fmt::format(", bằng ít nhất {} cả nước", share)
                 : fmt::format(", at least {} of the national total", share);
    } else {
      text += vi ? fmt::format(", chiếm {} cả nước", share)
                 : fmt::format(", {} of the national total", share);
    }
  }
  // One parenthesis after the growth: the nation's growth first, then how it was computed.
  std::vector<std::string> notes;
  if (r.national.growth_pct) {
    notes.push_back(vi ? fmt::format("cả nước {}", Growth(*r.national.growth_pct, l))
                       : fmt::format("nation: {}", Growth(*r.national.growth_pct, l)));
  } else if (!r.national.current) {
    notes.push_back(vi ? "chưa có số liệu cả nước cùng cơ sở"
                       : "no national figure on the same basis");
  }
  if (r.growth_pct) {
    text +=
        ", " + Growth(*r.growth_pct, l, r.growth_qualifier) + " " + Against(r.previous_period, l);
    if (r.comparable_members < r.reported()) {
      notes.push_back(
          vi ? fmt::format("tính trên {} địa phương có số liệu cả hai kỳ", r.comparable_members)
             : fmt::format("over the {} provinces with figures for both periods",
                           r.comparable_members));
    }
    if (r.merger_reaggregated) {
      notes.push_back(vi ? "số cùng kỳ được cộng từ các tỉnh trước sáp nhập năm 2025"
                         : "the earlier figures summed from the provinces before the 2025 merger");
    }
    if (r.used_published_growth) {
      notes.push_back(vi ? "một số địa phương chỉ công bố tốc độ tăng, số cùng kỳ được suy ra từ đó"
                         : "for some provinces the earlier level is implied by their published "
                           "growth rate");
    }
  } else if (r.total) {
    text += vi ? "; chưa đủ số liệu cùng kỳ để tính tốc độ tăng"
               : "; there are not enough figures for the same period to compute growth";
  }
  if (!notes.empty()) text += " (" + fmt::format("{}", fmt::join(notes, "; ")) + ")";
  if (r.national.growth_pct && r.with_growth > 0) {
    if (r.with_growth == r.members) {
      text += vi ? fmt::format("; {}/{} địa phương có mức tăng cao hơn mức tăng chung của cả nước",
                               r.above_national, r.members)
                 : fmt::format("; {} of {} provinces grew faster than the nation", r.above_national,
                               r.members);
    } else {
      text += vi ? fmt::format(
                       "; trong {} địa phương có số liệu so sánh, {} địa phương tăng cao "
                       "hơn mức chung của cả nước",
                       r.with_growth, r.above_national)
                 : fmt::format(
                       "; of the {} provinces with comparable figures, {} grew faster "
                       "than the nation",
                       r.with_growth, r.above_national);
    }
  }
  text += ".";
  if (r.plan_execution_pct) {
    text += vi ? fmt::format(
                     " Lũy kế bằng {} kế hoạch năm {} (tính trên {} địa phương có kế "
                     "hoạch: {} trên tổng kế hoạch {}).",
                     Percent(*r.plan_execution_pct, l), r.period.year(), r.plan_members,
                     Amount(*r.plan_spend_total, ind, l), Amount(*r.plan_total, ind, l))
               : fmt::format(
                     " That is {} of the {} plan (over the {} provinces with a plan: {} "
                     "against {}).",
                     Percent(*r.plan_execution_pct, l), r.period.year(), r.plan_members,
                     Amount(*r.plan_spend_total, ind, l), Amount(*r.plan_total, ind, l));
  }
  // Leaders and laggards, when growth is known for several provinces.
  auto ranked = ByGrowth(r);
  if (ranked.size() >= 4) {
    auto top = Leaders(ranked);
    if (!top.empty()) {
      text += vi ? fmt::format(" Tăng cao nhất: {}.", GrowthList(top, l))
                 : fmt::format(" Fastest growth: {}.", GrowthList(top, l));
    }
    std::string fell = Fallers(ranked, l, " {} địa phương giảm, nhiều nhất: ", " {} fell, most: ");
    if (!fell.empty()) text += fell + ".";
  }
  if (!r.other_bases.empty()) {
    text += vi ? fmt::format(" Số liệu theo cơ sở khác ({}) không được cộng vào.",
                             fmt::join(r.other_bases, ", "))
               : fmt::format(" Figures on another basis ({}) are not added in.",
                             fmt::join(r.other_bases, ", "));
  }
  return text;
}

std::string IndexParagraph(const SynthesisResult& r, Language l) {
  const bool vi = Vi(l);
  const stats::Indicator& ind = *r.indicator;
  std::string label = PeriodLabel(r.period, l);
  std::string text;
  if (vi) {
    text = r.complete() ? fmt::format("{} {}: {}/{} địa phương tăng trưởng dương", ind.name_vi,
                                      label, r.growing, r.members)
                        : fmt::format(
                              "{} {}: trong {}/{} địa phương đã có số liệu, {} địa phương tăng "
                              "trưởng dương",
                              ind.name_vi, label, r.reported(), r.members, r.growing);
    if (r.at_or_above_threshold > 0) {
      text += fmt::format(", trong đó {} địa phương tăng từ 10% trở lên", r.at_or_above_threshold);
    }
  } else {
    text = r.complete()
               ? fmt::format("{} in {}: {} of {} provinces grew", ind.name_en, label, r.growing,
                             r.members)
               : fmt::format("{} in {}: of the {} of {} provinces that have reported, {} grew",
                             ind.name_en, label, r.reported(), r.members, r.growing);
    if (r.at_or_above_threshold > 0) {
      text += fmt::format(", {} of them by 10% or more", r.at_or_above_threshold);
    }
  }
  auto ranked = ByGrowth(r);
  if (!ranked.empty()) {
    auto top = Leaders(ranked);
    if (!top.empty()) {
      text += vi ? fmt::format("; cao nhất là {}", GrowthList(top, l))
                 : fmt::format("; the highest were {}", GrowthList(top, l));
    }
    text += Fallers(ranked, l, "; {} địa phương giảm: ", "; {} fell: ");
  }
  if (r.national.growth_pct) {
    text += vi ? fmt::format(" (cả nước {}; {} địa phương tăng cao hơn mức chung)",
                             Growth(*r.national.growth_pct, l), r.above_national)
               : fmt::format(" (nation: {}; {} provinces above it)",
                             Growth(*r.national.growth_pct, l), r.above_national);
  }
  text += ".";
  if (!r.complete()) {
    text += vi ? fmt::format(" Chưa có số liệu: {}.", Names(r.missing, l))
               : fmt::format(" No figure yet from {}.", Names(r.missing, l));
  }
  text += vi ? " Chưa có quyền số nên không tính chỉ số chung của vùng."
             : " Without weights no regional index is computed.";
  return text;
}

// A pipe table; the footnote's "*" escaped so that Markdown shows it.
void MarkdownTable(const ReportTable& t, std::string* out) {
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (const TableColumn& c : t.columns) {
    headers.push_back(c.header);
    rules.push_back(c.align_right ? "---:" : "---");
  }
  *out += fmt::format("| {} |\n|{}|\n", fmt::join(headers, " | "), fmt::join(rules, "|"));
  for (const TableRow& row : t.rows) {
    std::vector<std::string> texts;
    for (const TableCell& cell : row.cells) texts.push_back(cell.text);
    *out += fmt::format("| {} |\n", fmt::join(texts, " | "));
  }
  if (t.footnote.empty()) return;
  std::string footnote;
  for (char c : t.footnote) {
    if (c == '*') footnote += '\\';
    footnote += c;
  }
  *out += "\n" + footnote + "\n";
}

nlohmann::json DecimalJson(const std::optional<Decimal>& d) {
  return d ? nlohmann::json(d->ToString()) : nlohmann::json();
}

nlohmann::json ResultJson(const SynthesisResult& r) {
  nlohmann::json provinces = nlohmann::json::array();
  for (const auto& p : r.provinces) {
    nlohmann::json from = nlohmann::json::array();
    for (const auto* u : p.previous_from) from.push_back(u->key);
    provinces.push_back({
        {"key", p.unit->key},
        {"code", p.unit->code},
        {"name_vi", p.unit->name_vi},
        {"rank", p.rank},
        {"value", p.current ? nlohmann::json(p.current->value.ToString()) : nlohmann::json()},
        {"qualifier",
         p.current ? nlohmann::json(stats::QualifierId(p.current->qualifier)) : nlohmann::json()},
        {"status",
         p.current ? nlohmann::json(stats::VintageStatusId(p.current->status)) : nlohmann::json()},
        {"as_of", p.current ? nlohmann::json(p.current->as_of.ToString()) : nlohmann::json()},
        {"source", p.current ? nlohmann::json(p.current->source) : nlohmann::json()},
        {"previous", DecimalJson(p.previous)},
        {"previous_from", from},
        {"previous_implied_from_growth_rate", p.previous_implied},
        {"growth_pct", DecimalJson(p.growth_pct)},
        {"growth_published", p.growth_published},
        {"share_of_region_pct", DecimalJson(p.share_of_region_pct)},
        {"share_of_nation_pct", DecimalJson(p.share_of_nation_pct)},
        {"contribution_pp", DecimalJson(p.contribution_pp)},
        {"plan", DecimalJson(p.plan)},
        {"plan_execution_pct", DecimalJson(p.plan_execution_pct)},
    });
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const auto* u : r.missing) missing.push_back(u->key);
  return {
      {"indicator", r.indicator->id},
      {"unit", core::DimensionId(r.indicator->unit)},
      {"region", r.region->key},
      {"period", r.period.Code()},
      {"previous_period", r.previous_period.Code()},
      {"basis", r.basis},
      {"other_bases_not_added", r.other_bases},
      {"coverage",
       {{"members", r.members},
        {"reported", r.reported()},
        {"missing", missing},
        {"complete", r.complete()}}},
      {"total", DecimalJson(r.total)},
      {"total_qualifier", stats::QualifierId(r.total_qualifier)},
      {"includes_estimates", r.includes_estimates},
      {"growth",
       {{"pct", DecimalJson(r.growth_pct)},
        {"qualifier", stats::QualifierId(r.growth_qualifier)},
        {"comparable_members", r.comparable_members},
        {"comparable_total", DecimalJson(r.comparable_total)},
        {"previous_total", DecimalJson(r.previous_total)},
        {"merger_reaggregated", r.merger_reaggregated},
        {"used_published_growth_rates", r.used_published_growth}}},
      {"index_range", {{"min", DecimalJson(r.min)}, {"max", DecimalJson(r.max)}}},
      {"national",
       {{"value", r.national.current ? nlohmann::json(r.national.current->value.ToString())
                                     : nlohmann::json()},
        {"previous", DecimalJson(r.national.previous)},
        {"growth_pct", DecimalJson(r.national.growth_pct)},
        {"growth_published", r.national.growth_published},
        {"summed_from_provinces", r.national.summed_from_provinces}}},
      {"share_of_nation_pct", DecimalJson(r.share_of_nation_pct)},
      {"share_is_lower_bound", r.share_is_lower_bound},
      {"counts",
       {{"with_growth", r.with_growth},
        {"growing", r.growing},
        {"falling", r.falling},
        {"above_national", r.above_national},
        {"at_or_above_threshold", r.at_or_above_threshold}}},
      {"plan",
       {{"members", r.plan_members},
        {"plan_total", DecimalJson(r.plan_total)},
        {"spend_total", DecimalJson(r.plan_spend_total)},
        {"execution_pct", DecimalJson(r.plan_execution_pct)}}},
      {"provinces", provinces},
  };
}

}  // namespace

std::vector<Period> PeriodsNeeded(const Period& period) {
  std::vector<Period> out = {period, period.SamePeriodPreviousYear()};
  if (period.IsYearToDate() && period.kind() != core::PeriodKind::kYear) {
    out.push_back(Period::Year(period.year() - 1));
    out.push_back(Period::Year(period.year() - 2));
  }
  // Plans are yearly.
  out.push_back(Period::Year(period.year()));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

core::Result<RegionalReport> BuildReport(const ReportInput& in) {
  if (in.region == nullptr || in.units == nullptr || in.indicators == nullptr ||
      in.regions == nullptr) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "Thiếu vùng hoặc danh mục",
                           "A region and the catalogues are needed");
  }
  RegionalReport report;
  report.region = in.region;
  report.period = in.period;
  report.as_of = in.as_of;
  report.illustrative = in.illustrative;
  report.units = in.units;
  report.linkage = in.linkage;
  report.profile = stats::ProfileRegion(*in.region, in.period.year() - 1, *in.units, in.profiles);
  std::vector<Period> periods;
  if (in.period.IsYearToDate() && in.period.kind() != core::PeriodKind::kYear) {
    periods.push_back(Period::Year(in.period.year() - 1));
  }
  periods.push_back(in.period);
  std::vector<const stats::Region*> subs;
  for (const stats::Region& r : *in.regions) {
    if (r.parent_key == in.region->key) subs.push_back(&r);
  }
  // One index of the rows for every synthesis below (periods × indicators × sub-regions).
  const stats::ObservationIndex index(in.rows);
  for (const Period& period : periods) {
    PeriodSection section;
    section.period = period;
    for (std::string_view id : kReportOrder) {
      const stats::Indicator* indicator = in.indicators->FindById(id);
      if (indicator == nullptr) continue;
      stats::SynthesisRequest request;
      request.region = in.region;
      request.period = period;
      request.indicator_id = std::string(id);
      request.threshold =
          indicator->IsAdditive() ? std::nullopt : std::optional<Decimal>(Decimal::FromInt(110));
      LIENKET_ASSIGN_OR_RETURN(result,
                               stats::Synthesise(request, *in.units, *in.indicators, index));
      if (result.reported() == 0) continue;
      IndicatorSection s;
      for (const stats::Region* sub : subs) {
        stats::SynthesisRequest sub_request = request;
        sub_request.region = sub;
        sub_request.basis = result.basis;
        LIENKET_ASSIGN_OR_RETURN(
            sub_result, stats::Synthesise(sub_request, *in.units, *in.indicators, index));
        s.sub_regions.push_back(std::move(sub_result));
      }
      s.result = std::move(result);
      section.indicators.push_back(std::move(s));
    }
    report.sections.push_back(std::move(section));
  }
  return report;
}

std::string ReportSubject(const RegionalReport& report, Language l) {
  return Vi(l) ? fmt::format("Tình hình ngành Công Thương {}", report.region->name_vi)
               : fmt::format("Industry and trade in the {}", report.region->name_en);
}

std::string ReportTitle(const RegionalReport& report, Language l) {
  return fmt::format("{} — {}", ReportSubject(report, l), PeriodLabel(report.period, l));
}

Notice IllustrativeNotice(Language l) {
  if (Vi(l)) {
    return {"DỮ LIỆU MINH HỌA — không phải số liệu thật.",
            "Số liệu các tỉnh trong báo cáo này là số bịa ra để trình diễn phần mềm; số liệu cả "
            "nước (nếu có) là số thật của Tổng cục Thống kê."};
  }
  return {"ILLUSTRATIVE DATA — not real figures.",
          "The provincial figures in this report are invented to demonstrate the software; "
          "national figures, where shown, are real (General Statistics Office)."};
}

std::string AsOfParagraph(const RegionalReport& report, Language l) {
  return Vi(l) ? fmt::format(
                     "Số liệu được biết đến ngày {}. Mọi số liệu đều ghi rõ số địa phương đã "
                     "báo cáo; tổng của các địa phương đã báo cáo không được trình bày như "
                     "tổng của vùng.",
                     report.as_of.ToVietnamese())
               : fmt::format(
                     "Figures as known on {}. Every figure states how many provinces "
                     "reported; a sum over the provinces that reported is never presented "
                     "as the region's total.",
                     report.as_of.ToString());
}

std::string ProfileHeading(Language l) { return Vi(l) ? "Khái quát vùng" : "The region"; }

std::string PeriodHeading(const Period& period, Language l) {
  return Vi(l) ? "Kết quả " + period.LabelVi() : "Results for " + period.LabelEn();
}

std::string NoFiguresParagraph(Language l) {
  return Vi(l) ? "Chưa có địa phương nào báo cáo số liệu cho kỳ này."
               : "No province has reported figures for this period yet.";
}

std::string TablesHeading(Language l) { return Vi(l) ? "Bảng số liệu" : "Tables"; }

std::string IndicatorName(const stats::Indicator& indicator, Language l) {
  return Vi(l) ? indicator.name_vi : indicator.name_en;
}

std::string UnitName(const stats::AdminUnit& unit, Language l) { return Name(&unit, l); }

std::string TableHeading(const SynthesisResult& r, Language l) {
  return fmt::format("{} — {}", IndicatorName(*r.indicator, l), PeriodLabel(r.period, l));
}

std::string SourceNote(const SynthesisResult& r, Language l) {
  std::vector<std::string> sources;
  for (const auto& p : r.provinces) {
    if (p.current && !p.current->source.empty() &&
        std::find(sources.begin(), sources.end(), p.current->source) == sources.end()) {
      sources.push_back(p.current->source);
    }
  }
  constexpr std::size_t kNamed = 4;
  std::string text;
  if (!sources.empty()) {
    std::vector<std::string> named(sources.begin(),
                                   sources.begin() + std::min(kNamed, sources.size()));
    text = fmt::format("{}: {}", Vi(l) ? "Nguồn" : "Source", fmt::join(named, "; "));
    if (sources.size() > kNamed) {
      text += Vi(l) ? fmt::format(" và {} nguồn khác", sources.size() - kNamed)
                    : fmt::format(" and {} more", sources.size() - kNamed);
    }
    if (text.back() != '.') text += ".";
  }
  if (r.national.current && !r.national.current->source.empty()) {
    text += fmt::format("{}{}: {}", text.empty() ? "" : " ", Vi(l) ? "Cả nước" : "Nation",
                        r.national.current->source);
    if (text.back() != '.') text += ".";
  }
  return text;
}

ReportTable ProvinceTable(const SynthesisResult& r, Language l) {
  const bool vi = Vi(l);
  const stats::Indicator& ind = *r.indicator;
  const bool additive = ind.IsAdditive();
  ReportTable t;
  t.value_column = 2;
  t.columns = {{vi ? "Hạng" : "Rank", true, 0},
               {vi ? "Tỉnh, thành phố" : "Province"},
               {additive ? fmt::format("{} ({})", IndicatorName(ind, l), TableUnit(ind, l))
                         : IndicatorName(ind, l),
                true, additive ? ind.precision : 2}};
  if (additive) {
    t.columns.push_back({vi ? "So cùng kỳ (%)" : "Change (%)", true, 1, true});
    t.columns.push_back({vi ? "Tỷ trọng trong vùng (%)" : "Share of region (%)", true, 1, true});
    t.columns.push_back({vi ? "Tỷ trọng cả nước (%)" : "Share of nation (%)", true, 1, true});
    t.columns.push_back(
        {vi ? "Đóng góp vào tăng trưởng (điểm %)" : "Contribution to growth (pp)", true, 2, true});
  } else {
    t.columns.push_back({vi ? "Tăng/giảm (%)" : "Change (%)", true, 1, true});
  }
  auto number = [l](const std::optional<Decimal>& d, int decimals, std::string_view mark = "") {
    return d ? TableCell{core::FormatNumber(*d, decimals, l) + std::string(mark), *d}
             : TableCell{"—", std::nullopt};
  };
  for (const auto& p : r.provinces) {
    TableRow row;
    row.cells.push_back(p.rank > 0 ? TableCell{std::to_string(p.rank), Decimal::FromInt(p.rank)}
                                   : TableCell{});
    row.cells.push_back({Name(p.unit, l), std::nullopt});
    if (p.current) {
      Decimal shown = additive ? InDisplayUnit(p.current->value, ind) : p.current->value;
      std::string text = QualifierWord(p.current->qualifier, l) +
                         core::FormatNumber(shown, additive ? ind.precision : 2, l);
      if (p.current->status != stats::VintageStatus::kOfficial) text += "*";
      row.cells.push_back({text, shown});
      row.qualifier = p.current->qualifier;
      row.status = p.current->status;
    } else {
      row.cells.push_back({"—", std::nullopt});
    }
    row.cells.push_back(number(p.growth_pct, 1, p.growth_published ? "†" : ""));
    if (p.growth_published) {
      row.notes.push_back(vi ? "tốc độ tăng do địa phương công bố"
                             : "growth rate as published by the province");
    }
    if (p.previous_from.size() > 1) {
      std::vector<std::string> from;
      for (const auto* u : p.previous_from) from.push_back(Name(u, l));
      row.notes.push_back(vi ? fmt::format("số cùng kỳ cộng từ {}", fmt::join(from, ", "))
                             : fmt::format("earlier figure summed from {}", fmt::join(from, ", ")));
    }
    if (additive) {
      row.cells.push_back(number(p.share_of_region_pct, 1));
      row.cells.push_back(number(p.share_of_nation_pct, 1));
      row.cells.push_back(number(p.contribution_pp, 2));
    }
    t.rows.push_back(std::move(row));
  }
  t.footnote = vi ? "* ước tính hoặc sơ bộ; † tốc độ tăng do địa phương công bố; — chưa có số liệu."
                  : "* estimate or preliminary; † growth rate as published by the province; — no "
                    "figure.";
  return t;
}

ReportTable SubRegionTable(const IndicatorSection& s, Language l) {
  ReportTable t;
  if (s.sub_regions.empty() || !s.result.indicator->IsAdditive()) return t;
  const bool vi = Vi(l);
  const stats::Indicator& ind = *s.result.indicator;
  t.value_column = 2;
  t.columns = {
      {vi ? "Tiểu vùng" : "Sub-region"},
      {vi ? "Số địa phương có số liệu" : "Provinces reporting", true},
      {fmt::format("{} ({})", IndicatorName(ind, l), TableUnit(ind, l)), true, ind.precision},
      {vi ? "So cùng kỳ (%)" : "Change (%)", true, 1, true}};
  for (const SynthesisResult& r : s.sub_regions) {
    TableRow row;
    row.cells.push_back({vi ? r.region->name_vi : r.region->name_en, std::nullopt});
    row.cells.push_back({fmt::format("{}/{}", r.reported(), r.members), std::nullopt});
    if (r.total) {
      Decimal shown = InDisplayUnit(*r.total, ind);
      std::string text =
          QualifierWord(r.total_qualifier, l) + core::FormatNumber(shown, ind.precision, l);
      if (!r.complete()) {
        text += vi ? " (chưa đủ)" : " (partial)";
        row.notes.push_back(
            vi ? fmt::format("chưa đủ số liệu: {}/{} địa phương", r.reported(), r.members)
               : fmt::format("partial: {} of {} provinces", r.reported(), r.members));
      }
      row.cells.push_back({text, shown});
      row.qualifier = r.total_qualifier;
      if (r.includes_estimates) row.status = stats::VintageStatus::kEstimate;
    } else {
      row.cells.push_back({"—", std::nullopt});
    }
    row.cells.push_back(r.growth_pct
                            ? TableCell{core::FormatNumber(*r.growth_pct, 1, l), r.growth_pct}
                            : TableCell{"—", std::nullopt});
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string IndicatorParagraph(const SynthesisResult& r, Language l) {
  if (r.reported() == 0) return "";
  return r.indicator->IsAdditive() ? FlowParagraph(r, l) : IndexParagraph(r, l);
}

std::string ProfileParagraph(const RegionalReport& report, Language l) {
  const bool vi = Vi(l);
  const stats::RegionProfile& p = report.profile;
  std::string out;
  std::string profile = vi ? fmt::format("Vùng gồm {} tỉnh, thành phố", p.members)
                           : fmt::format("The region has {} provinces and cities", p.members);
  if (p.area_km2) {
    profile += vi ? fmt::format(", tổng diện tích tự nhiên {} km² (năm {}",
                                core::FormatNumber(*p.area_km2, 1, l), p.area_year)
                  : fmt::format(", a natural area of {} km² ({}",
                                core::FormatNumber(*p.area_km2, 1, l), p.area_year);
    if (p.area_share_pct) {
      profile += vi ? fmt::format(", {} cả nước", Percent(*p.area_share_pct, l, 2))
                    : fmt::format(", {} of the nation", Percent(*p.area_share_pct, l, 2));
    }
    profile += ")";
  }
  if (p.population_thousand) {
    Decimal millions = *p.population_thousand->DividedBy(Decimal::FromInt(1000));
    profile += vi ? fmt::format(", dân số trung bình {} triệu người (năm {}",
                                core::FormatNumber(millions, 2, l), p.population_year)
                  : fmt::format(", an average population of {} million ({}",
                                core::FormatNumber(millions, 2, l), p.population_year);
    if (p.population_share_pct) {
      profile += vi ? fmt::format(", {} cả nước", Percent(*p.population_share_pct, l, 2))
                    : fmt::format(", {} of the nation", Percent(*p.population_share_pct, l, 2));
    }
    profile += ")";
  }
  if (p.density && p.area_year == p.population_year) {
    profile += vi ? fmt::format("; mật độ {} người/km²", core::FormatNumber(*p.density, 0, l))
                  : fmt::format("; {} persons per km²", core::FormatNumber(*p.density, 0, l));
  }
  out += profile + ".";
  // After the 2025 merger the same territory is fewer units; the profile's figures are sourced
  // for the units of their year.
  std::size_t members_now = report.region->MembersOn(report.period.EndDate(), *report.units).size();
  if (members_now != static_cast<std::size_t>(p.members)) {
    out += vi ? fmt::format(
                    " Số liệu trên theo địa giới trước ngày 01/07/2025; từ ngày đó lãnh thổ "
                    "này gồm {} đơn vị hành chính cấp tỉnh sau sáp nhập.",
                    members_now)
              : fmt::format(
                    " These figures follow the boundaries before 1 July 2025; since then "
                    "the same territory forms {} provincial units after the merger.",
                    members_now);
  }
  return out;
}

std::string RenderMarkdown(const RegionalReport& report, Language l) {
  std::string out = "# " + ReportTitle(report, l) + "\n\n";
  if (report.illustrative) {
    Notice notice = IllustrativeNotice(l);
    out += fmt::format("> **{}** {}\n\n", notice.headline, notice.body);
  }
  out += AsOfParagraph(report, l) + "\n\n";
  out += "## " + ProfileHeading(l) + "\n\n" + ProfileParagraph(report, l) + "\n\n";
  for (const PeriodSection& section : report.sections) {
    out += "## " + PeriodHeading(section.period, l) + "\n\n";
    if (section.indicators.empty()) {
      out += NoFiguresParagraph(l) + "\n\n";
      continue;
    }
    for (const IndicatorSection& s : section.indicators) {
      out += IndicatorParagraph(s.result, l) + "\n\n";
    }
    out += "### " + TablesHeading(l) + "\n\n";
    for (const IndicatorSection& s : section.indicators) {
      out += "#### " + TableHeading(s.result, l) + "\n\n";
      MarkdownTable(ProvinceTable(s.result, l), &out);
      ReportTable sub = SubRegionTable(s, l);
      if (!sub.columns.empty()) {
        out += "\n";
        MarkdownTable(sub, &out);
      }
      out += "\n";
    }
  }
  if (report.linkage) {
    out += "## " + LinkageHeading(l) + "\n\n" + LinkageParagraph(report, l) + "\n\n";
    ReportTable provinces = LinkageProvinceTable(report, l);
    if (!provinces.rows.empty()) {
      out += "#### " + LinkageProvinceTableHeading(report, l) + "\n\n";
      MarkdownTable(provinces, &out);
      out += "\n";
    }
    ReportTable pairs = LinkagePairTable(report, l);
    if (!pairs.rows.empty()) {
      out += "#### " + LinkagePairTableHeading(report, l) + "\n\n";
      MarkdownTable(pairs, &out);
      out += "\n";
    }
  }
  return out;
}

nlohmann::json RenderJson(const RegionalReport& report) {
  nlohmann::json sections = nlohmann::json::array();
  for (const PeriodSection& section : report.sections) {
    nlohmann::json indicators = nlohmann::json::array();
    for (const IndicatorSection& s : section.indicators) {
      nlohmann::json j = ResultJson(s.result);
      j["paragraph_vi"] = IndicatorParagraph(s.result, Language::kVietnamese);
      j["paragraph_en"] = IndicatorParagraph(s.result, Language::kEnglish);
      nlohmann::json subs = nlohmann::json::array();
      for (const SynthesisResult& sub : s.sub_regions) subs.push_back(ResultJson(sub));
      j["sub_regions"] = subs;
      indicators.push_back(j);
    }
    sections.push_back({{"period", section.period.Code()}, {"indicators", indicators}});
  }
  const stats::RegionProfile& p = report.profile;
  nlohmann::json out = {
      {"region", report.region->key},
      {"region_name_vi", report.region->name_vi},
      {"period", report.period.Code()},
      {"as_of", report.as_of.ToString()},
      {"illustrative", report.illustrative},
      {"units", "values in canonical units: đồng (VND), USD, index points, counts"},
      {"profile",
       {{"members", p.members},
        {"area_km2", DecimalJson(p.area_km2)},
        {"area_year", p.area_year},
        {"population_thousand", DecimalJson(p.population_thousand)},
        {"population_year", p.population_year},
        {"area_share_pct", DecimalJson(p.area_share_pct)},
        {"population_share_pct", DecimalJson(p.population_share_pct)},
        {"density_per_km2", DecimalJson(p.density)}}},
      {"sections", sections},
  };
  if (report.linkage) out["linkage"] = LinkageJson(report);
  return out;
}

}  // namespace lienket::report
