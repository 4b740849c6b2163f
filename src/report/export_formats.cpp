#include "report/export_formats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "core/measure_unit.hpp"
#include "core/number_format.hpp"

namespace lienket::report {
namespace {

using core::ErrorCode;
using core::MakeError;
using core::Period;
using Json = nlohmann::ordered_json;

// How the values of one indicator are written. All values of an indicator share one unit (a
// JSON-stat metric category has one unit; an SDMX series one UNIT_MULT).
struct ValueUnit {
  const core::MeasureUnit* unit = nullptr;  // the measure unit the numbers are in
  std::string label_vi;                     // "tỷ đồng", "% (cùng kỳ năm trước = 100)"
  std::string label_en;
  // The catalogue's display precision. A display hint only: the values are exact and may carry
  // more decimals (customs figures in USD are exact to the dollar, shown in million USD).
  int decimals = 0;
};

// One vintage of a figure (what --all-vintages tells apart): publication date, status, source.
struct Vintage {
  core::Date as_of;
  stats::VintageStatus status = stats::VintageStatus::kEstimate;
  std::string source;
  std::string id;  // "2024-06-29.estimate", with ".1", ".2" when sources share date and status
  std::string label_vi;
  std::string label_en;

  [[nodiscard]] auto Key() const { return std::tie(as_of, status, source); }
};

// A row with everything the writers need resolved.
struct Cell {
  const stats::Observation* row = nullptr;
  const stats::AdminUnit* unit = nullptr;
  const stats::Indicator* indicator = nullptr;
  std::size_t dataset_pos = 0;  // positions in the Prepared lists = JSON-stat category indices
  std::size_t indicator_pos = 0;
  std::size_t basis_pos = 0;
  std::size_t unit_pos = 0;
  std::size_t period_pos = 0;
  std::size_t vintage_pos = 0;  // with all_vintages only
  std::string value;            // in the indicator's ValueUnit, canonical decimal text
};

// The categories present in the rows, each in a stable order, and the rows sorted by them.
struct Prepared {
  std::vector<std::string> datasets;                // observed, illustrative, then any other by id
  std::vector<const stats::Indicator*> indicators;  // catalogue order
  std::vector<ValueUnit> value_units;               // parallel to indicators
  std::vector<std::string> bases;                   // catalogue order, then any other by id
  std::vector<const stats::AdminUnit*> units;       // catalogue order
  std::vector<Period> periods;                      // ascending
  std::vector<Vintage> vintages;                    // ascending (as_of, status, source)
  std::vector<Cell> cells;  // sorted by dataset, indicator, basis, unit, period, vintage
  std::optional<core::Date> latest_as_of;
};

const core::MeasureUnit* CanonicalUnit(core::Dimension d) {
  for (const core::MeasureUnit& u : core::AllMeasureUnits()) {
    if (u.dimension == d && u.power_of_ten == 0 && u.offset == 0) return &u;
  }
  return nullptr;
}

// The indicator's display unit when it is a measure unit of the indicator's dimension ("tỷ đồng"
// for a VND flow); nullptr when the display unit is only a label of the canonical one
// ("% (cùng kỳ năm trước = 100)" for an index, "đề án" for a count).
const core::MeasureUnit* DisplayMeasureUnit(const stats::Indicator& indicator) {
  auto found = core::FindMeasureUnit(indicator.display_unit_vi);
  if (!found || (*found)->dimension != indicator.unit || (*found)->offset != 0) return nullptr;
  return *found;
}

// Positions of the items of a list, for lookups per row.
template <typename T>
std::map<T, std::size_t> Positions(const std::vector<T>& list) {
  std::map<T, std::size_t> out;
  for (std::size_t i = 0; i < list.size(); ++i) out.emplace(list[i], i);
  return out;
}

// The unit each indicator's values are written in: its display unit when every value converts
// exactly (division by a power of ten within Decimal's nine places), else its canonical unit.
core::Result<std::vector<ValueUnit>> ChooseValueUnits(
    const std::vector<const stats::Indicator*>& indicators,
    const std::vector<std::vector<const stats::Observation*>>& rows_by_indicator) {
  std::vector<ValueUnit> out;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const stats::Indicator& ind = *indicators[i];
    const core::MeasureUnit* canonical = CanonicalUnit(ind.unit);
    if (canonical == nullptr) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("Chỉ tiêu {} không có đơn vị chuẩn", ind.id),
                       fmt::format("Indicator {} has no canonical unit", ind.id));
    }
    const core::MeasureUnit* display = DisplayMeasureUnit(ind);
    const core::MeasureUnit* chosen = display != nullptr ? display : canonical;
    for (const stats::Observation* r : rows_by_indicator[i]) {
      if (!r->value.ScaledByPowerOfTen(-chosen->power_of_ten)) {
        chosen = canonical;
        break;
      }
    }
    ValueUnit vu;
    vu.unit = chosen;
    bool catalogue_label = chosen == display || display == nullptr;
    vu.label_vi = catalogue_label && !ind.display_unit_vi.empty() ? ind.display_unit_vi
                                                                  : std::string(chosen->name_vi);
    vu.label_en = catalogue_label && !ind.display_unit_en.empty() ? ind.display_unit_en
                                                                  : std::string(chosen->name_en);
    vu.decimals = ind.precision;
    out.push_back(std::move(vu));
  }
  return out;
}

std::string UnitLabel(const stats::AdminUnit& u, bool name_shared, core::Language language) {
  bool vi = language == core::Language::kVietnamese;
  std::string name = vi ? u.name_vi : u.name_en;
  if (!name_shared) return name;
  // Two units of different eras share a name (Lào Cai before and after the 2025 merger).
  if (u.valid_to) {
    return vi ? fmt::format("{} (đến {})", name, u.valid_to->ToVietnamese())
              : fmt::format("{} (until {})", name, u.valid_to->ToString());
  }
  return vi ? fmt::format("{} (từ {})", name, u.valid_from.ToVietnamese())
            : fmt::format("{} (from {})", name, u.valid_from.ToString());
}

std::string DatasetLabel(const std::string& id, core::Language language) {
  bool vi = language == core::Language::kVietnamese;
  if (id == stats::kDatasetObserved) {
    return vi ? "Số liệu thật đã công bố" : "Published real figures";
  }
  if (id == stats::kDatasetIllustrative) {
    return vi ? "DỮ LIỆU MINH HỌA (không phải số liệu thật)"
              : "ILLUSTRATIVE data (not real figures)";
  }
  return id;
}

std::string_view StatusLabelEn(stats::VintageStatus s) {
  switch (s) {
    case stats::VintageStatus::kEstimate:
      return "estimate";
    case stats::VintageStatus::kPreliminary:
      return "preliminary";
    case stats::VintageStatus::kOfficial:
      return "official";
  }
  return "estimate";
}

// Distinct vintages, sorted, with ids and labels.
std::vector<Vintage> MakeVintages(std::span<const stats::Observation> rows) {
  std::vector<Vintage> list;
  std::set<std::tuple<core::Date, stats::VintageStatus, std::string>> seen;
  for (const stats::Observation& r : rows) {
    if (seen.insert({r.as_of, r.status, r.source}).second) {
      Vintage v;
      v.as_of = r.as_of;
      v.status = r.status;
      v.source = r.source;
      list.push_back(std::move(v));
    }
  }
  std::sort(list.begin(), list.end(),
            [](const Vintage& a, const Vintage& b) { return a.Key() < b.Key(); });
  for (std::size_t i = 0; i < list.size();) {
    std::size_t j = i;
    while (j < list.size() && list[j].as_of == list[i].as_of && list[j].status == list[i].status) {
      ++j;
    }
    for (std::size_t k = i; k < j; ++k) {
      Vintage& v = list[k];
      v.id = fmt::format("{}.{}", v.as_of.ToString(), stats::VintageStatusId(v.status));
      v.label_vi = fmt::format("Công bố {}, {}", v.as_of.ToVietnamese(),
                               stats::VintageStatusLabelVi(v.status));
      v.label_en = fmt::format("Published {}, {}", v.as_of.ToString(), StatusLabelEn(v.status));
      if (j - i > 1) {  // several sources on one date with one status: number them
        v.id += fmt::format(".{}", k - i + 1);
        v.label_vi += " — " + v.source;
        v.label_en += " — " + v.source;
      }
    }
    i = j;
  }
  return list;
}

core::Result<Prepared> Prepare(const ExportInput& in) {
  if (in.units == nullptr || in.indicators == nullptr) {
    return MakeError(ErrorCode::kInternal, "Thiếu danh mục khi xuất số liệu",
                     "Export called without catalogues");
  }
  Prepared p;
  std::set<std::string> dataset_set, basis_set;
  std::set<int> unit_ids;
  std::set<std::string> indicator_ids;
  std::set<Period> period_set;
  for (const stats::Observation& r : in.rows) {
    if (in.units->FindById(r.unit_id) == nullptr) {
      return MakeError(
          ErrorCode::kInternal,
          fmt::format("Số liệu #{} thuộc đơn vị {} không có trong danh mục", r.id, r.unit_id),
          fmt::format("Observation #{} names unit {} missing from the catalogue", r.id, r.unit_id));
    }
    if (in.indicators->FindById(r.indicator_id) == nullptr) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("Số liệu #{} thuộc chỉ tiêu {} không có trong danh mục", r.id,
                                   r.indicator_id),
                       fmt::format("Observation #{} names indicator {} missing from the catalogue",
                                   r.id, r.indicator_id));
    }
    dataset_set.insert(r.dataset);
    basis_set.insert(r.basis);
    unit_ids.insert(r.unit_id);
    indicator_ids.insert(r.indicator_id);
    period_set.insert(r.period);
    if (!p.latest_as_of || *p.latest_as_of < r.as_of) p.latest_as_of = r.as_of;
  }

  for (std::string_view known : {stats::kDatasetObserved, stats::kDatasetIllustrative}) {
    if (dataset_set.erase(std::string(known)) > 0) p.datasets.emplace_back(known);
  }
  p.datasets.insert(p.datasets.end(), dataset_set.begin(), dataset_set.end());
  for (const stats::Indicator& ind : in.indicators->indicators()) {
    if (indicator_ids.contains(ind.id)) p.indicators.push_back(&ind);
  }
  for (const stats::Basis& b : in.indicators->bases()) {
    if (basis_set.erase(b.id) > 0) p.bases.push_back(b.id);
  }
  p.bases.insert(p.bases.end(), basis_set.begin(), basis_set.end());
  for (const stats::AdminUnit& u : in.units->units()) {
    if (unit_ids.contains(u.id)) p.units.push_back(&u);
  }
  p.periods.assign(period_set.begin(), period_set.end());
  if (in.all_vintages) p.vintages = MakeVintages(in.rows);

  std::vector<std::vector<const stats::Observation*>> rows_by_indicator(p.indicators.size());
  std::map<std::string, std::size_t> indicator_pos;
  for (std::size_t i = 0; i < p.indicators.size(); ++i) indicator_pos[p.indicators[i]->id] = i;
  for (const stats::Observation& r : in.rows) {
    rows_by_indicator[indicator_pos[r.indicator_id]].push_back(&r);
  }
  LIENKET_ASSIGN_OR_RETURN(value_units, ChooseValueUnits(p.indicators, rows_by_indicator));
  p.value_units = std::move(value_units);

  std::map<int, std::size_t> unit_pos;
  for (std::size_t i = 0; i < p.units.size(); ++i) unit_pos[p.units[i]->id] = i;
  auto dataset_pos = Positions(p.datasets);
  auto basis_pos = Positions(p.bases);
  auto period_pos = Positions(p.periods);
  std::map<std::tuple<core::Date, stats::VintageStatus, std::string>, std::size_t> vintage_pos;
  for (std::size_t i = 0; i < p.vintages.size(); ++i) vintage_pos[p.vintages[i].Key()] = i;

  for (const stats::Observation& r : in.rows) {
    Cell c;
    c.row = &r;
    c.unit = in.units->FindById(r.unit_id);
    c.indicator = in.indicators->FindById(r.indicator_id);
    c.dataset_pos = dataset_pos[r.dataset];
    c.indicator_pos = indicator_pos[r.indicator_id];
    c.basis_pos = basis_pos[r.basis];
    c.unit_pos = unit_pos[r.unit_id];
    c.period_pos = period_pos[r.period];
    if (in.all_vintages) c.vintage_pos = vintage_pos[{r.as_of, r.status, r.source}];
    const ValueUnit& vu = p.value_units[c.indicator_pos];
    auto scaled = r.value.ScaledByPowerOfTen(-vu.unit->power_of_ten);
    if (!scaled) return tl::unexpected(scaled.error());  // ChooseValueUnits checked every value
    c.value = scaled->ToString();
    p.cells.push_back(std::move(c));
  }
  auto key = [](const Cell& c) {
    return std::tie(c.dataset_pos, c.indicator_pos, c.basis_pos, c.unit_pos, c.period_pos,
                    c.vintage_pos, c.row->as_of, c.row->status, c.row->source);
  };
  std::stable_sort(p.cells.begin(), p.cells.end(),
                   [&](const Cell& a, const Cell& b) { return key(a) < key(b); });
  return p;
}

// In a cube (JSON-stat, SDMX) a cell holds one figure: several vintages of one figure need the
// vintage dimension.
core::Status CheckOneRowPerCell(const Prepared& p, std::string_view format) {
  for (std::size_t i = 1; i < p.cells.size(); ++i) {
    const Cell& a = p.cells[i - 1];
    const Cell& b = p.cells[i];
    if (std::tie(a.dataset_pos, a.indicator_pos, a.basis_pos, a.unit_pos, a.period_pos,
                 a.vintage_pos) == std::tie(b.dataset_pos, b.indicator_pos, b.basis_pos, b.unit_pos,
                                            b.period_pos, b.vintage_pos)) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("{}: có nhiều đợt công bố của cùng một số liệu ({}, {}, {}); xuất đợt mới "
                      "nhất hoặc dùng --all-vintages",
                      format, b.unit->name_vi, b.indicator->id, b.row->period.Code()),
          fmt::format("{}: several vintages of one figure ({}, {}, {}); export the latest "
                      "vintage or use --all-vintages",
                      format, b.unit->name_en, b.indicator->id, b.row->period.Code()));
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// JSON-stat

constexpr std::string_view kQualifierFlags[] = {"", ">", "<", "~"};  // by Qualifier order

Json StatusCodeLabels(core::Language language) {
  bool vi = language == core::Language::kVietnamese;
  Json labels = Json::object();
  labels["e"] = vi ? "ước tính (ước thực hiện)" : "estimate";
  labels["p"] = vi ? "sơ bộ" : "preliminary";
  labels[">"] = vi ? "trên (giá trị thật lớn hơn số ghi)" : "lower bound (more than the value)";
  labels["<"] = vi ? "dưới (giá trị thật nhỏ hơn số ghi)" : "upper bound (less than the value)";
  labels["~"] = vi ? "khoảng (số gần đúng)" : "approximate";
  return labels;
}

// A dimension with ids, Vietnamese labels, and English ones in its extension.
Json MakeDimension(std::string_view label_vi, std::string_view label_en,
                   const std::vector<std::string>& ids, const std::vector<std::string>& labels_vi,
                   const std::vector<std::string>& labels_en) {
  Json labels = Json::object();
  Json names_en = Json::object();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    labels[ids[i]] = labels_vi[i];
    names_en[ids[i]] = labels_en[i];
  }
  Json d = Json::object();
  d["label"] = label_vi;
  d["category"] = Json::object();
  d["category"]["index"] = ids;
  d["category"]["label"] = std::move(labels);
  d["extension"] = Json::object();
  d["extension"]["label_en"] = label_en;
  d["extension"]["name_en"] = std::move(names_en);
  return d;
}

// JSON text of `value`; pretty-printed and indented to sit at `depth` levels of nesting, or on one
// line when depth < 0. Strings that are not valid UTF-8 (the importer never stores such) are
// written with U+FFFD rather than throwing.
std::string JsonText(const Json& value, int depth) {
  if (depth < 0) return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
  std::string pad(static_cast<std::size_t>(2 * depth), ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += pad;
  }
  return out;
}

// An object from members whose values are JSON text already, one member a line, at `depth`
// levels of nesting. Large objects (values, status, per-cell metadata) are written this way:
// nlohmann's ordered object looks keys up linearly, quadratic for a hundred thousand cells.
std::string ObjectText(const std::vector<std::pair<std::string, std::string>>& members, int depth) {
  if (members.empty()) return "{}";
  std::string pad(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  std::string out = "{\n";
  for (std::size_t i = 0; i < members.size(); ++i) {
    out += pad;
    out += JsonText(Json(members[i].first), -1);
    out += ": ";
    out += members[i].second;
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(2 * depth), ' ') + "}";
  return out;
}

}  // namespace

core::Result<ExportFormat> ParseExportFormat(std::string_view text) {
  if (text == "jsonstat" || text == "json-stat") return ExportFormat::kJsonStat;
  if (text == "sdmx-csv" || text == "sdmx") return ExportFormat::kSdmxCsv;
  if (text == "csv") return ExportFormat::kCsv;
  return MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("Định dạng xuất \"{}\" không có; dùng: jsonstat, sdmx-csv, csv", text),
      fmt::format("No export format \"{}\"; use: jsonstat, sdmx-csv, csv", text));
}

std::string SdmxTimePeriod(const Period& period) {
  switch (period.kind()) {
    case core::PeriodKind::kYear:
      return fmt::format("{}", period.year());
    case core::PeriodKind::kHalf:
      return fmt::format("{}-S{}", period.year(), period.first_month() == 1 ? 1 : 2);
    case core::PeriodKind::kQuarter:
      return fmt::format("{}-Q{}", period.year(), (period.first_month() - 1) / 3 + 1);
    case core::PeriodKind::kMonth:
      return fmt::format("{}-{:02}", period.year(), period.first_month());
    case core::PeriodKind::kNineMonths:
    case core::PeriodKind::kMonthRange:
      break;
  }
  // A distinct time range, ISO 8601 start/duration (SDMX 2.1 Technical Notes §4.2.7). Not the
  // reporting trimester "2024-T1" for January–April: in Vietnamese "T1" reads as "tháng 1".
  return fmt::format("{}-{:02}-01/P{}M", period.year(), period.first_month(), period.month_count());
}

std::string JsonStatStatus(stats::VintageStatus status, stats::Qualifier qualifier) {
  std::string flags;
  if (status == stats::VintageStatus::kEstimate) flags += "e";
  if (status == stats::VintageStatus::kPreliminary) flags += "p";
  flags += kQualifierFlags[static_cast<int>(qualifier)];
  return flags;
}

std::string_view SdmxObsStatus(stats::VintageStatus status) {
  switch (status) {
    case stats::VintageStatus::kEstimate:
      return "E";
    case stats::VintageStatus::kPreliminary:
      return "P";
    case stats::VintageStatus::kOfficial:
      return "A";
  }
  return "E";
}

core::Result<std::string> ExportJsonStat(const ExportInput& in) {
  LIENKET_ASSIGN_OR_RETURN(p, Prepare(in));
  LIENKET_RETURN_IF_ERROR(CheckOneRowPerCell(p, "JSON-stat"));
  using core::Language;

  // dataset
  std::vector<std::string> vi, en;
  for (const std::string& d : p.datasets) {
    vi.push_back(DatasetLabel(d, Language::kVietnamese));
    en.push_back(DatasetLabel(d, Language::kEnglish));
  }
  Json dimension = Json::object();
  dimension["dataset"] = MakeDimension("Bộ dữ liệu", "Dataset", p.datasets, vi, en);

  // indicator (metric): names, the unit of its values, the way back to the canonical unit
  std::vector<std::string> ids;
  vi.clear();
  en.clear();
  Json units = Json::object();
  Json units_en = Json::object();
  Json measure = Json::object();
  Json canonical = Json::object();
  Json multiplier = Json::object();
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    const stats::Indicator& ind = *p.indicators[i];
    const ValueUnit& vu = p.value_units[i];
    ids.push_back(ind.id);
    vi.push_back(ind.name_vi);
    en.push_back(ind.name_en);
    units[ind.id] = Json{{"label", vu.label_vi}, {"decimals", vu.decimals}};
    units_en[ind.id] = vu.label_en;
    measure[ind.id] = vu.unit->id;
    canonical[ind.id] = core::DimensionId(ind.unit);
    multiplier[ind.id] = vu.unit->power_of_ten;
  }
  Json indicator = MakeDimension("Chỉ tiêu", "Indicator", ids, vi, en);
  indicator["category"]["unit"] = std::move(units);
  indicator["extension"]["unit_en"] = std::move(units_en);
  indicator["extension"]["measure_unit"] = std::move(measure);
  indicator["extension"]["canonical_unit"] = std::move(canonical);
  indicator["extension"]["multiplier"] = std::move(multiplier);
  dimension["indicator"] = std::move(indicator);

  // basis
  ids.clear();
  vi.clear();
  en.clear();
  for (const std::string& b : p.bases) {
    const stats::Basis* basis = in.indicators->FindBasis(b);
    ids.push_back(b);
    vi.push_back(basis != nullptr && !basis->name_vi.empty() ? basis->name_vi : b);
    en.push_back(basis != nullptr && !basis->name_en.empty() ? basis->name_en : b);
  }
  dimension["basis"] = MakeDimension("Phạm vi số liệu", "Basis", ids, vi, en);

  // unit (geo): stable keys; GSO codes, which were reused after the 2025 merger, in extension
  ids.clear();
  vi.clear();
  en.clear();
  std::map<std::string, int> name_count;
  for (const stats::AdminUnit* u : p.units) ++name_count[u->name_vi];
  Json codes = Json::object();
  Json valid_from = Json::object();
  Json valid_to = Json::object();
  for (const stats::AdminUnit* u : p.units) {
    bool shared = name_count[u->name_vi] > 1;
    ids.push_back(u->key);
    vi.push_back(UnitLabel(*u, shared, Language::kVietnamese));
    en.push_back(UnitLabel(*u, shared, Language::kEnglish));
    codes[u->key] = u->code;
    valid_from[u->key] = u->valid_from.ToString();
    valid_to[u->key] = u->valid_to ? Json(u->valid_to->ToString()) : Json(nullptr);
  }
  Json unit = MakeDimension("Tỉnh, thành phố", "Province", ids, vi, en);
  unit["extension"]["code"] = std::move(codes);
  unit["extension"]["valid_from"] = std::move(valid_from);
  unit["extension"]["valid_to"] = std::move(valid_to);
  dimension["unit"] = std::move(unit);

  // period (time)
  ids.clear();
  vi.clear();
  en.clear();
  Json start = Json::object();
  Json end = Json::object();
  Json sdmx = Json::object();
  for (const Period& period : p.periods) {
    std::string code = period.Code();
    ids.push_back(code);
    vi.push_back(period.LabelVi());
    en.push_back(period.LabelEn());
    start[code] = period.StartDate().ToString();
    end[code] = period.EndDate().ToString();
    sdmx[code] = SdmxTimePeriod(period);
  }
  Json time = MakeDimension("Kỳ báo cáo", "Period", ids, vi, en);
  time["extension"]["start"] = std::move(start);
  time["extension"]["end"] = std::move(end);
  time["extension"]["sdmx_time_period"] = std::move(sdmx);
  dimension["period"] = std::move(time);

  std::vector<std::string> dim_ids = {"dataset", "indicator", "basis", "unit", "period"};
  std::vector<std::size_t> sizes = {p.datasets.size(), p.indicators.size(), p.bases.size(),
                                    p.units.size(), p.periods.size()};
  if (in.all_vintages) {
    ids.clear();
    vi.clear();
    en.clear();
    for (const Vintage& v : p.vintages) {
      ids.push_back(v.id);
      vi.push_back(v.label_vi);
      en.push_back(v.label_en);
    }
    dimension["vintage"] = MakeDimension("Đợt công bố", "Vintage", ids, vi, en);
    dim_ids.push_back("vintage");
    sizes.push_back(p.vintages.size());
  }

  // Cells: row-major index, the last dimension varying fastest (JSON-stat's value order).
  std::vector<std::pair<std::string, std::string>> values, statuses, per_cell;
  for (const Cell& c : p.cells) {
    std::vector<std::size_t> pos = {c.dataset_pos, c.indicator_pos, c.basis_pos, c.unit_pos,
                                    c.period_pos};
    if (in.all_vintages) pos.push_back(c.vintage_pos);
    std::size_t index = 0;
    for (std::size_t d = 0; d < pos.size(); ++d) index = index * sizes[d] + pos[d];
    std::string key = std::to_string(index);
    values.emplace_back(key, c.value);
    std::string flags = JsonStatStatus(c.row->status, c.row->qualifier);
    if (!flags.empty()) statuses.emplace_back(key, JsonText(Json(flags), -1));
    Json meta = Json::object();
    meta["status"] = stats::VintageStatusId(c.row->status);
    meta["qualifier"] = stats::QualifierId(c.row->qualifier);
    meta["as_of"] = c.row->as_of.ToString();
    meta["source"] = c.row->source;
    if (!c.row->note.empty()) meta["note"] = c.row->note;
    per_cell.emplace_back(key, JsonText(meta, -1));
  }

  Json notes = Json::array();
  notes.push_back(
      "Giá trị của mỗi chỉ tiêu tính theo đơn vị ghi ở dimension.indicator.category.unit; nhân "
      "với 10^multiplier (dimension.indicator.extension.multiplier) ra đơn vị gốc.");
  notes.push_back(
      "Trạng thái: e = ước tính, p = sơ bộ, > = trên, < = dưới, ~ = khoảng; các mã ghép với "
      "nhau (\"e>\"); không có mã = chính thức, chính xác. Ngày công bố, nguồn, ghi chú của từng "
      "số: extension.observations.");
  notes.push_back(
      "Values are in the unit given by dimension.indicator.category.unit; times "
      "10^multiplier (dimension.indicator.extension.multiplier) gives the canonical unit. Status "
      "flags: e estimate, p preliminary, > lower bound, < upper bound, ~ approximate, combined "
      "(\"e>\"); no flag = official and exact. Publication date, source and note of each figure: "
      "extension.observations.");
  if (std::find(p.datasets.begin(), p.datasets.end(), stats::kDatasetIllustrative) !=
      p.datasets.end()) {
    notes.push_back(
        "Gồm DỮ LIỆU MINH HỌA (không phải số liệu thật) / Includes ILLUSTRATIVE data (not real "
        "figures)");
  }

  Json role = Json::object();
  role["time"] = {"period"};
  role["geo"] = {"unit"};
  role["metric"] = {"indicator"};

  Json status_ext = Json::object();
  status_ext["label"] = StatusCodeLabels(Language::kVietnamese);
  status_ext["label_en"] = StatusCodeLabels(Language::kEnglish);
  Json lienket = Json::object();
  lienket["format"] = "lienket-jsonstat-1";
  lienket["as_of"] = in.as_of ? Json(in.as_of->ToString()) : Json(nullptr);
  lienket["all_vintages"] = in.all_vintages;
  lienket["observations"] = p.cells.size();
  std::string extension = ObjectText({{"lienket", JsonText(lienket, 2)},
                                      {"status", JsonText(status_ext, 2)},
                                      {"observations", ObjectText(per_cell, 2)}},
                                     1);

  std::vector<std::pair<std::string, std::string>> members;
  members.emplace_back("version", "\"2.0\"");
  members.emplace_back("class", "\"dataset\"");
  members.emplace_back(
      "label", JsonText(in.label.empty() ? "Số liệu thống kê ngành Công Thương các tỉnh (lienket)"
                                         : in.label,
                        -1));
  members.emplace_back("note", JsonText(notes, 1));
  members.emplace_back("source", "\"lienket; nguồn của từng số liệu: extension.observations\"");
  if (p.latest_as_of) members.emplace_back("updated", JsonText(p.latest_as_of->ToString(), -1));
  members.emplace_back("id", JsonText(dim_ids, -1));
  members.emplace_back("size", JsonText(sizes, -1));
  members.emplace_back("role", JsonText(role, 1));
  members.emplace_back("dimension", JsonText(dimension, 1));
  members.emplace_back("value", ObjectText(values, 1));
  if (!statuses.empty()) members.emplace_back("status", ObjectText(statuses, 1));
  members.emplace_back("extension", std::move(extension));
  return ObjectText(members, 0) + "\n";
}

namespace {

// RFC 4180 field: quoted when it holds the delimiter, a quote, a line break or edge spaces.
std::string CsvField(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields, std::string_view line_end) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  line += line_end;
  return line;
}

std::string_view SdmxUnitMeasure(core::Dimension d) {
  switch (d) {
    case core::Dimension::kVnd:
      return "VND";
    case core::Dimension::kUsd:
      return "USD";
    case core::Dimension::kIndex:
      return "IX";
    case core::Dimension::kCount:
      return "NR";
    case core::Dimension::kArea:
      return "KM2";
    case core::Dimension::kPersons:
      return "PS";
  }
  return "NR";
}

std::string SdmxDataflow(const std::string& dataset, bool vintages) {
  std::string id = dataset == stats::kDatasetObserved       ? "OBSERVATIONS"
                   : dataset == stats::kDatasetIllustrative ? "ILLUSTRATIVE"
                                                            : "DATASET_" + dataset;
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) {
    return static_cast<char>(c == '-' ? '_' : std::toupper(c));
  });
  return fmt::format("LIENKET:{}{}(1.0)", id, vintages ? "_VINTAGES" : "");
}

}  // namespace

core::Result<std::string> ExportSdmxCsv(const ExportInput& in) {
  LIENKET_ASSIGN_OR_RETURN(p, Prepare(in));
  LIENKET_RETURN_IF_ERROR(CheckOneRowPerCell(p, "SDMX-CSV"));
  constexpr std::string_view kCrlf = "\r\n";  // RFC 4180 line ends
  std::vector<std::string> header = {"DATAFLOW", "INDICATOR", "REF_AREA", "BASIS", "TIME_PERIOD"};
  if (in.all_vintages) header.push_back("VINTAGE");
  for (std::string_view h :
       {"OBS_VALUE", "OBS_STATUS", "OBS_QUALIFIER", "UNIT_MEASURE", "UNIT_MULT", "DECIMALS",
        "SOURCE", "AS_OF", "COMMENT_OBS", "GSO_CODE"}) {
    header.emplace_back(h);
  }
  std::string out = CsvLine(header, kCrlf);
  for (const Cell& c : p.cells) {
    const ValueUnit& vu = p.value_units[c.indicator_pos];
    std::vector<std::string> f = {SdmxDataflow(c.row->dataset, in.all_vintages), c.indicator->id,
                                  c.unit->key, c.row->basis, SdmxTimePeriod(c.row->period)};
    if (in.all_vintages) f.push_back(p.vintages[c.vintage_pos].id);
    f.push_back(c.value);
    f.emplace_back(SdmxObsStatus(c.row->status));
    f.emplace_back(stats::QualifierId(c.row->qualifier));
    f.emplace_back(SdmxUnitMeasure(c.indicator->unit));
    f.push_back(std::to_string(vu.unit->power_of_ten));
    f.push_back(std::to_string(vu.decimals));
    f.push_back(c.row->source);
    f.push_back(c.row->as_of.ToString());
    f.push_back(c.row->note);
    f.push_back(c.unit->code);
    out += CsvLine(f, kCrlf);
  }
  return out;
}

core::Result<std::string> ExportCsv(const ExportInput& in) {
  LIENKET_ASSIGN_OR_RETURN(p, Prepare(in));
  if (p.datasets.size() > 1) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "Tệp CSV nhập liệu không có cột bộ dữ liệu: xuất riêng số liệu thật và dữ liệu minh họa "
        "(--dataset observed hoặc --dataset illustrative)",
        "The import CSV has no dataset column: export the real and the illustrative figures "
        "separately (--dataset observed or --dataset illustrative)");
  }
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads Vietnamese right
  out += CsvLine({"province", "indicator", "period", "value", "unit", "status", "qualifier",
                  "basis", "source", "note", "as_of"},
                 "\n");
  for (const Cell& c : p.cells) {
    const ValueUnit& vu = p.value_units[c.indicator_pos];
    out += CsvLine({c.unit->code, c.indicator->id, c.row->period.Code(), c.value,
                    std::string(vu.unit->id), std::string(stats::VintageStatusId(c.row->status)),
                    std::string(stats::QualifierId(c.row->qualifier)), c.row->basis, c.row->source,
                    c.row->note, c.row->as_of.ToString()},
                   "\n");
  }
  return out;
}

core::Result<std::string> Export(ExportFormat format, const ExportInput& input) {
  switch (format) {
    case ExportFormat::kJsonStat:
      return ExportJsonStat(input);
    case ExportFormat::kSdmxCsv:
      return ExportSdmxCsv(input);
    case ExportFormat::kCsv:
      return ExportCsv(input);
  }
  return ExportCsv(input);
}

}  // namespace lienket::report
