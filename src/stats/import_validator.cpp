#include "stats/import_validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "core/vi_text.hpp"

namespace lienket::stats {

using core::Date;
using core::Decimal;
using core::Period;

namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "province",  "indicator", "period", "value", "unit", "status",
    "qualifier", "basis",     "source", "note",  "as_of"};

constexpr std::array<std::string_view, kFieldCount> kFieldNamesVi = {
    "tỉnh/thành phố", "chỉ tiêu",      "kỳ",    "giá trị", "đơn vị",      "trạng thái",
    "mức chính xác",  "phạm vi/cơ sở", "nguồn", "ghi chú", "ngày công bố"};

// Header aliases, as NameKey folds them.
struct Alias {
  std::string_view key;
  Field field;
};
constexpr Alias kAliases[] = {
    {"province", Field::kProvince},
    {"tinh", Field::kProvince},
    {"tinhthanhpho", Field::kProvince},
    {"tinhthanh", Field::kProvince},
    {"diaphuong", Field::kProvince},
    {"matinh", Field::kProvince},
    {"donvihanhchinh", Field::kProvince},
    {"provincecode", Field::kProvince},
    {"unitid", Field::kProvince},
    {"provincecodeorname", Field::kProvince},
    {"indicator", Field::kIndicator},
    {"chitieu", Field::kIndicator},
    {"machitieu", Field::kIndicator},
    {"indicatorid", Field::kIndicator},
    {"period", Field::kPeriod},
    {"ky", Field::kPeriod},
    {"kybaocao", Field::kPeriod},
    {"thoiky", Field::kPeriod},
    {"value", Field::kValue},
    {"giatri", Field::kValue},
    {"solieu", Field::kValue},
    {"unit", Field::kUnit},
    {"donvi", Field::kUnit},
    {"donvitinh", Field::kUnit},
    {"dvt", Field::kUnit},
    {"status", Field::kStatus},
    {"trangthai", Field::kStatus},
    {"loaisolieu", Field::kStatus},
    {"qualifier", Field::kQualifier},
    {"mucchinhxac", Field::kQualifier},
    {"basis", Field::kBasis},
    {"breakdown", Field::kBasis},
    {"phamvi", Field::kBasis},
    {"coso", Field::kBasis},
    {"source", Field::kSource},
    {"nguon", Field::kSource},
    {"nguonsolieu", Field::kSource},
    {"note", Field::kNote},
    {"ghichu", Field::kNote},
    {"asof", Field::kAsOf},
    {"ngaycongbo", Field::kAsOf},
    {"published", Field::kAsOf},
    {"ngaybaocao", Field::kAsOf},
};

constexpr Field kRequired[] = {Field::kProvince, Field::kIndicator, Field::kPeriod, Field::kValue,
                               Field::kUnit};

std::size_t Idx(Field f) { return static_cast<std::size_t>(f); }

int StatusRank(VintageStatus s) {
  switch (s) {
    case VintageStatus::kEstimate:
      return 0;
    case VintageStatus::kPreliminary:
      return 1;
    case VintageStatus::kOfficial:
      return 2;
  }
  return 0;
}

// True when a is a later vintage than b.
bool Later(const Observation& a, const Observation& b) {
  if (a.as_of != b.as_of) return a.as_of > b.as_of;
  if (a.status != b.status) return StatusRank(a.status) > StatusRank(b.status);
  return a.id > b.id;
}

// A canonical value as the people who wrote the file think of it: in the indicator's display unit
// with the unit's name ("600.000 tỷ đồng", "600,000 billion VND"), not in raw đồng; indices and
// counts as plain numbers. Shows the decimals the value has (up to 6), none when it is whole.
std::string Show(const Decimal& canonical, const Indicator& indicator, core::Language language) {
  const bool vi = language == core::Language::kVietnamese;
  Decimal shown = canonical;
  std::string unit;
  auto display = core::FindMeasureUnit(indicator.display_unit_vi);
  if (display && (*display)->dimension == indicator.unit && (*display)->offset == 0) {
    const int power = (*display)->power_of_ten;
    // Exact unless the result has digits below 10^-9; then divide, rounding there.
    auto scaled = canonical.ScaledByPowerOfTen(-power);
    if (!scaled) scaled = canonical.DividedBy(*Decimal::FromInt(1).ScaledByPowerOfTen(power));
    shown = scaled.value_or(canonical);
    unit = vi ? indicator.display_unit_vi : indicator.display_unit_en;
  }
  std::string text = shown.Rounded(6).ToString();
  auto point = text.find('.');
  int decimals = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
  std::string number = core::FormatNumber(shown, decimals, language);
  return unit.empty() ? number : number + " " + unit;
}

std::string ShowVi(const Decimal& d, const Indicator& i) {
  return Show(d, i, core::Language::kVietnamese);
}
std::string ShowEn(const Decimal& d, const Indicator& i) {
  return Show(d, i, core::Language::kEnglish);
}

}  // namespace

std::string_view FieldName(Field f) { return kFieldNames[Idx(f)]; }

std::size_t ImportValidator::IdHash::operator()(const SeriesId& s) const {
  std::uint64_t h = s.hi * 0x9E3779B97F4A7C15ULL ^ (s.lo + 0x632BE59BD9B4E019ULL + (s.hi << 6));
  h ^= h >> 31;
  return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ULL);
}

std::size_t ImportValidator::IdHash::operator()(const VintageId& v) const {
  return (*this)(v.series) ^ static_cast<std::size_t>(v.extra * 0x94D049BB133111EBULL);
}

std::uint32_t ImportValidator::Intern(std::unordered_map<std::string, std::uint32_t>* table,
                                      const std::string& text) {
  auto [it, inserted] = table->try_emplace(text, static_cast<std::uint32_t>(table->size()));
  return it->second;
}

ImportValidator::SeriesId ImportValidator::MakeSeriesId(const Observation& o,
                                                        const core::Period& period) {
  SeriesId id;
  id.hi = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(o.unit_id)) << 32) |
          (static_cast<std::uint64_t>(Intern(&indicator_ids_, o.indicator_id)) << 16) |
          Intern(&basis_ids_, o.basis);
  id.lo = (static_cast<std::uint64_t>(period.year()) << 16) |
          (static_cast<std::uint64_t>(period.first_month()) << 8) | period.last_month();
  return id;
}

ImportValidator::VintageId ImportValidator::MakeVintageId(const Observation& o) {
  VintageId id;
  id.series = MakeSeriesId(o, o.period);
  std::uint64_t date =
      static_cast<std::uint64_t>(o.as_of.year * 10000 + o.as_of.month * 100 + o.as_of.day);
  id.extra = (static_cast<std::uint64_t>(Intern(&source_ids_, o.source)) << 32) | (date << 2) |
             static_cast<std::uint64_t>(o.status);
  return id;
}

std::size_t ImportPlan::ErrorCount() const {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(),
                    [](const Problem& p) { return p.severity == Severity::kError; }));
}

std::size_t ImportPlan::WarningCount() const {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(),
                    [](const Problem& p) { return p.severity == Severity::kWarning; }));
}

HeaderMap MapHeader(const std::vector<std::string_view>& header, std::vector<Problem>* problems) {
  HeaderMap map;
  map.index.fill(-1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string label = core::ToNfc(core::TrimSpaces(header[c]));
    map.labels.push_back(label);
    std::string key = core::NameKey(label);
    if (key.empty()) continue;
    const Alias* found = nullptr;
    for (const Alias& a : kAliases) {
      if (a.key == key) found = &a;
    }
    if (found == nullptr) {
      problems->push_back(
          Problem{Severity::kWarning, "unknown_column", 1, label, label,
                  fmt::format("Cột \"{}\" không thuộc định dạng nhập và sẽ bị bỏ qua", label),
                  fmt::format("Column \"{}\" is not part of the import format and will be ignored",
                              label)});
      continue;
    }
    int& slot = map.index[Idx(found->field)];
    if (slot >= 0) {
      problems->push_back(
          Problem{Severity::kError, "duplicate_column", 1, label, label,
                  fmt::format("Cột {} xuất hiện hai lần (\"{}\" và \"{}\")",
                              kFieldNamesVi[Idx(found->field)], map.labels[slot], label),
                  fmt::format("Column {} appears twice (\"{}\" and \"{}\")",
                              FieldName(found->field), map.labels[slot], label)});
      continue;
    }
    slot = static_cast<int>(c);
  }
  for (Field f : kRequired) {
    if (map.index[Idx(f)] < 0) {
      problems->push_back(Problem{
          Severity::kError, "missing_column", 1, std::string(FieldName(f)), "",
          fmt::format("Thiếu cột bắt buộc \"{}\" ({}); các cột bắt buộc: province, indicator, "
                      "period, value, unit",
                      FieldName(f), kFieldNamesVi[Idx(f)]),
          fmt::format("Required column \"{}\" is missing; required columns: province, "
                      "indicator, period, value, unit",
                      FieldName(f))});
    }
  }
  return map;
}

ImportValidator::ImportValidator(const UnitCatalog& units, const IndicatorCatalog& indicators,
                                 ImportOptions options)
    : units_(units), indicators_(indicators), options_(std::move(options)) {}

void ImportValidator::Report(Severity severity, std::string code, int row, std::string_view column,
                             std::string_view value, std::string message_vi,
                             std::string message_en) {
  problems_.push_back(Problem{severity, std::move(code), row, std::string(column),
                              std::string(value), std::move(message_vi), std::move(message_en)});
}

std::uint32_t ImportValidator::InternColumn(std::string_view label) {
  auto [it, inserted] = column_index_.try_emplace(
      std::string(label), static_cast<std::uint32_t>(column_labels_.size()));
  if (inserted) column_labels_.emplace_back(label);
  return it->second;
}

void ImportValidator::AddRow(const RowInput& in) {
  ++rows_read_;
  const std::size_t before = problems_.size();
  std::array<std::string_view, kFieldCount> trimmed;
  for (std::size_t f = 0; f < kFieldCount; ++f) trimmed[f] = core::TrimSpaces(in.value[f]);
  auto text = [&trimmed](Field f) { return trimmed[Idx(f)]; };
  auto col = [&in](Field f) {
    return in.column[Idx(f)].empty() ? FieldName(f) : in.column[Idx(f)];
  };
  auto error = [&](Field f, std::string code, std::string vi, std::string en) {
    Report(Severity::kError, std::move(code), in.row, col(f), text(f), std::move(vi),
           std::move(en));
  };
  auto from_error = [&](Field f, std::string code, const core::Error& e) {
    error(f, std::move(code), e.message_vi, e.message_en);
  };

  // A row with nothing in it is not data; skip it silently only if every field is empty.
  bool all_empty = true;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (!core::TrimSpaces(in.value[i]).empty()) all_empty = false;
  }
  if (all_empty) {
    --rows_read_;
    return;
  }
  for (Field f : kRequired) {
    if (text(f).empty()) {
      error(f, "empty_required",
            fmt::format("Ô \"{}\" trống: bắt buộc phải có {}", col(f), kFieldNamesVi[Idx(f)]),
            fmt::format("Cell \"{}\" is empty: a {} is required", col(f), FieldName(f)));
    }
  }
  if (problems_.size() != before) return;

  Observation obs;
  obs.dataset = options_.dataset;

  // Period. (Lookups reuse one key buffer: a million rows, a few dozen distinct texts.)
  key_.assign(text(Field::kPeriod));
  auto pit = period_memo_.find(key_);
  if (pit == period_memo_.end()) pit = period_memo_.emplace(key_, Period::Parse(key_)).first;
  if (!pit->second) {
    from_error(Field::kPeriod, "bad_period", pit->second.error());
  } else {
    obs.period = *pit->second;
  }

  // Indicator.
  key_.assign(text(Field::kIndicator));
  auto iit = indicator_memo_.find(key_);
  if (iit == indicator_memo_.end()) {
    iit = indicator_memo_.emplace(key_, indicators_.Find(key_)).first;
  }
  const Indicator* indicator = nullptr;
  if (!iit->second) {
    from_error(Field::kIndicator, "unknown_indicator", iit->second.error());
  } else {
    indicator = *iit->second;
    obs.indicator_id = indicator->id;
  }

  // Province, resolved for the period.
  if (pit->second) {
    key_.assign(text(Field::kProvince));
    key_.push_back('|');
    key_.append(text(Field::kPeriod));
    auto uit = province_memo_.find(key_);
    if (uit == province_memo_.end()) {
      uit = province_memo_.emplace(key_, units_.Resolve(text(Field::kProvince), obs.period)).first;
    }
    if (!uit->second) {
      const core::Error& e = uit->second.error();
      from_error(
          Field::kProvince,
          e.code == core::ErrorCode::kNotFound ? "unknown_province" : "province_not_in_period", e);
    } else {
      obs.unit_id = (*uit->second)->id;
    }
  }

  // Unit of measure and value.
  key_.assign(text(Field::kUnit));
  auto mit = unit_memo_.find(key_);
  if (mit == unit_memo_.end()) mit = unit_memo_.emplace(key_, core::FindMeasureUnit(key_)).first;
  if (!mit->second) {
    from_error(Field::kUnit,
               mit->second.error().code == core::ErrorCode::kInvalidArgument ? "ambiguous_unit"
                                                                             : "unknown_unit",
               mit->second.error());
  }
  const core::MeasureUnit* measure_unit = mit->second ? *mit->second : nullptr;
  if (measure_unit != nullptr && indicator != nullptr &&
      measure_unit->dimension != indicator->unit) {
    // The unit cell is wrong, not the value: say so there, with the units that fit.
    std::vector<std::string_view> fitting;
    std::string_view base_vi, base_en;
    for (const core::MeasureUnit& u : core::AllMeasureUnits()) {
      if (u.dimension != indicator->unit) continue;
      fitting.push_back(u.id);
      if (u.power_of_ten == 0 && u.offset == 0 && base_vi.empty()) {
        base_vi = u.name_vi;
        base_en = u.name_en;
      }
    }
    error(Field::kUnit, "unit_mismatch",
          fmt::format("Đơn vị \"{}\" không dùng được cho chỉ tiêu {} ({}), chỉ tiêu này tính bằng "
                      "{}; dùng một trong: {}",
                      text(Field::kUnit), indicator->id, indicator->name_vi, base_vi,
                      fmt::join(fitting, ", ")),
          fmt::format("Unit \"{}\" cannot be used for indicator {} ({}), which is measured in {}; "
                      "use one of: {}",
                      text(Field::kUnit), indicator->id, indicator->name_en, base_en,
                      fmt::join(fitting, ", ")));
  }

  // Optional fields.
  if (in.present[Idx(Field::kStatus)] && !text(Field::kStatus).empty()) {
    key_.assign(text(Field::kStatus));
    auto sit = status_memo_.find(key_);
    if (sit == status_memo_.end()) sit = status_memo_.emplace(key_, ParseVintageStatus(key_)).first;
    const auto& s = sit->second;
    if (!s) {
      from_error(Field::kStatus, "bad_status", s.error());
    } else {
      obs.status = *s;
    }
  } else {
    obs.status = options_.default_status;
  }
  if (in.present[Idx(Field::kQualifier)]) {
    key_.assign(text(Field::kQualifier));
    auto qit = qualifier_memo_.find(key_);
    if (qit == qualifier_memo_.end()) qit = qualifier_memo_.emplace(key_, ParseQualifier(key_)).first;
    const auto& q = qit->second;
    if (!q) {
      from_error(Field::kQualifier, "bad_qualifier", q.error());
    } else {
      obs.qualifier = *q;
    }
  }
  if (indicator != nullptr) {
    std::string_view basis = text(Field::kBasis);
    if (basis.empty()) {
      obs.basis = indicator->default_basis;
    } else if (!indicator->AllowsBasis(basis)) {
      error(Field::kBasis, "bad_basis",
            fmt::format("Phạm vi \"{}\" không áp dụng cho chỉ tiêu {} (dùng: {})", basis,
                        indicator->id, fmt::join(indicator->bases, ", ")),
            fmt::format("Basis \"{}\" does not apply to indicator {} (use: {})", basis,
                        indicator->id, fmt::join(indicator->bases, ", ")));
    } else {
      obs.basis = std::string(basis);
    }
  }
  obs.source =
      text(Field::kSource).empty() ? options_.default_source : core::ToNfc(text(Field::kSource));
  obs.note = core::ToNfc(text(Field::kNote));
  bool as_of_given = false;
  if (!text(Field::kAsOf).empty()) {
    key_.assign(text(Field::kAsOf));
    auto dit = date_memo_.find(key_);
    if (dit == date_memo_.end()) dit = date_memo_.emplace(key_, Date::Parse(key_)).first;
    const auto& d = dit->second;
    if (!d) {
      from_error(Field::kAsOf, "bad_date", d.error());
    } else {
      obs.as_of = *d;
      as_of_given = true;
    }
  } else {
    obs.as_of = options_.default_as_of.value_or(options_.today);
    as_of_given = options_.default_as_of.has_value();
  }
  if (problems_.size() != before) return;

  // Semantic checks on the row alone.
  if (obs.as_of > options_.today) {
    error(Field::kAsOf, "future_as_of",
          fmt::format("Ngày công bố {} ở tương lai (hôm nay là {})", obs.as_of.ToVietnamese(),
                      options_.today.ToVietnamese()),
          fmt::format("Publication date {} is in the future (today is {})", obs.as_of.ToString(),
                      options_.today.ToString()));
  } else if (indicator->kind != IndicatorKind::kPlan && obs.as_of < obs.period.StartDate()) {
    Report(Severity::kWarning, "as_of_before_period", in.row, col(Field::kAsOf), text(Field::kAsOf),
           fmt::format("Ngày công bố {} trước khi kỳ {} bắt đầu", obs.as_of.ToVietnamese(),
                       obs.period.Code()),
           fmt::format("Publication date {} is before period {} starts", obs.as_of.ToString(),
                       obs.period.Code()));
  }
  // Duplicate rows in the file.
  const VintageId vintage = MakeVintageId(obs);
  auto [it, inserted] = seen_.try_emplace(vintage, in.row);
  if (!inserted) {
    Report(Severity::kError, "duplicate_row", in.row, "", "",
           fmt::format("Dòng {} trùng với dòng {} (cùng tỉnh, chỉ tiêu, kỳ, phạm vi, trạng thái, "
                       "nguồn và ngày công bố)",
                       in.row, it->second),
           fmt::format("Row {} duplicates row {} (same province, indicator, period, basis, "
                       "status, source and publication date)",
                       in.row, it->second));
    return;
  }
  Pending p;
  p.vintage = vintage;
  p.row = in.row;
  p.as_of_given = as_of_given;
  p.value_column = InternColumn(col(Field::kValue));
  p.indicator = indicator;
  p.unit = measure_unit;
  p.canonical = in.value_is_canonical;
  core::NumberConvention convention = options_.numbers;
  if (convention == core::NumberConvention::kAuto && !p.canonical) {
    switch (core::ClassifyNumber(text(Field::kValue))) {
      case core::NumberStyle::kEnglish:
        if (english_row_ == 0) english_row_ = in.row;
        break;
      case core::NumberStyle::kVietnamese:
        if (vietnamese_row_ == 0) vietnamese_row_ = in.row;
        break;
      case core::NumberStyle::kAmbiguous:
        p.deferred = true;
        p.deferred_value = std::string(text(Field::kValue));
        break;
      default:
        break;
    }
  }
  if (!p.deferred && !CheckValue(&p, &obs, text(Field::kValue), convention)) return;
  if (min_year_ == 0 || obs.period.year() < min_year_) min_year_ = obs.period.year();
  if (obs.period.year() > max_year_) max_year_ = obs.period.year();
  p.ordinal = next_ordinal_++;
  if (sink_ && !p.deferred) sink_(p.ordinal, obs);
  pending_.push_back(std::move(p));
  rows_.push_back(std::move(obs));
}

bool ImportValidator::CheckValue(const Pending* p, Observation* row, std::string_view value_text,
                                 core::NumberConvention convention) {
  const std::size_t before = problems_.size();
  std::string_view column = column_labels_[p->value_column];
  auto error = [&](std::string code, std::string vi, std::string en) {
    Report(Severity::kError, std::move(code), p->row, column, value_text, std::move(vi),
           std::move(en));
  };
  const Indicator* indicator = p->indicator;
  Observation& obs = *row;
  auto number =
      p->canonical ? core::Decimal::Parse(value_text) : core::ParseNumber(value_text, convention);
  if (!number) {
    error("bad_number", number.error().message_vi, number.error().message_en);
    return false;
  }
  auto canonical = core::ToCanonical(*number, *p->unit, indicator->unit);
  if (!canonical) {
    error("unit_mismatch", canonical.error().message_vi, canonical.error().message_en);
    return false;
  }
  obs.value = *canonical;
  if (indicator->IsAdditive() && obs.value.IsNegative()) {
    error("negative_value",
          fmt::format("Giá trị âm ({}) không hợp lệ cho chỉ tiêu {}: chỉ tiêu này không thể âm",
                      value_text, indicator->id),
          fmt::format("Negative value ({}) is not valid for {}: it cannot be negative", value_text,
                      indicator->id));
    return false;
  }
  bool below = indicator->min_value && obs.value < *indicator->min_value;
  bool above = indicator->max_value && obs.value > *indicator->max_value;
  if (below || above) {
    auto range = [indicator](core::Language language) {
      auto bound = [&](const std::optional<Decimal>& b) {
        return b ? Show(*b, *indicator, language) : std::string();
      };
      return fmt::format("{}–{}", bound(indicator->min_value), bound(indicator->max_value));
    };
    bool is_index = indicator->unit == core::Dimension::kIndex;
    error(
        "out_of_range",
        fmt::format("Giá trị {} của {} nằm ngoài khoảng hợp lý {}{}", ShowVi(obs.value, *indicator),
                    indicator->id, range(core::Language::kVietnamese),
                    is_index ? " (chỉ số so với cùng kỳ năm trước = 100; tăng 5% ghi là 105)" : ""),
        fmt::format("Value {} of {} is outside the plausible range {}{}",
                    ShowEn(obs.value, *indicator), indicator->id, range(core::Language::kEnglish),
                    is_index ? " (index, same period of previous year = 100; +5% is 105)" : ""));
    return false;
  }
  return problems_.size() == before;
}

void ImportValidator::ResolveDeferredValues() {
  if (std::none_of(pending_.begin(), pending_.end(), [](const Pending& p) { return p.deferred; })) {
    return;
  }
  std::vector<Pending> kept;
  std::vector<Observation> kept_rows;
  kept.reserve(pending_.size());
  kept_rows.reserve(pending_.size());
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    Pending& p = pending_[i];
    if (!p.deferred) {
      kept.push_back(std::move(p));
      kept_rows.push_back(std::move(rows_[i]));
      continue;
    }
    if ((english_row_ == 0) == (vietnamese_row_ == 0)) {
      std::string why_vi = english_row_ == 0
                               ? "tệp không có số nào khác cho biết quy ước"
                               : fmt::format(
                                     "tệp dùng lẫn hai quy ước (dòng {} dùng dấu chấm "
                                     "thập phân, dòng {} dùng dấu phẩy thập phân)",
                                     english_row_, vietnamese_row_);
      std::string why_en = english_row_ == 0
                               ? "no other number in the file shows which convention it uses"
                               : fmt::format(
                                     "the file mixes both conventions (row {} uses a "
                                     "decimal point, row {} a decimal comma)",
                                     english_row_, vietnamese_row_);
      Report(
          Severity::kError, "ambiguous_number", p.row, column_labels_[p.value_column],
          p.deferred_value,
          fmt::format(
              "Giá trị \"{}\" có thể là {} hoặc {}: {}; hãy viết rõ (ví dụ không dùng "
              "dấu phân cách hàng nghìn) hoặc chọn --numbers vi|en",
              p.deferred_value,
              core::ParseNumber(p.deferred_value, core::NumberConvention::kVietnamese)->ToString(),
              core::ParseNumber(p.deferred_value, core::NumberConvention::kEnglish)->ToString(),
              why_vi),
          fmt::format(
              "Value \"{}\" could be {} or {}: {}; write it unambiguously (e.g. "
              "without thousands separators) or choose --numbers vi|en",
              p.deferred_value,
              core::ParseNumber(p.deferred_value, core::NumberConvention::kVietnamese)->ToString(),
              core::ParseNumber(p.deferred_value, core::NumberConvention::kEnglish)->ToString(),
              why_en));
      continue;
    }
    auto convention =
        english_row_ != 0 ? core::NumberConvention::kEnglish : core::NumberConvention::kVietnamese;
    if (CheckValue(&p, &rows_[i], p.deferred_value, convention)) {
      p.deferred = false;
      p.deferred_value.clear();
      kept.push_back(std::move(p));
      kept_rows.push_back(std::move(rows_[i]));
    }
  }
  pending_ = std::move(kept);
  rows_ = std::move(kept_rows);
}

void ImportValidator::ExpectRows(std::size_t rows) {
  pending_.reserve(rows);
  rows_.reserve(rows);
  seen_.reserve(rows);
}

ExistingScope ImportValidator::Scope() const {
  ExistingScope scope;
  for (const auto& [text, result] : indicator_memo_) {
    if (result && std::find(scope.indicator_ids.begin(), scope.indicator_ids.end(),
                            (*result)->id) == scope.indicator_ids.end()) {
      scope.indicator_ids.push_back((*result)->id);
    }
  }
  // Plans and their actuals are checked against each other.
  std::vector<std::string> extra;
  for (const std::string& id : scope.indicator_ids) {
    const Indicator* i = indicators_.FindById(id);
    if (i == nullptr) continue;
    if (!i->plan_of.empty()) extra.push_back(i->plan_of);
    for (const Indicator& other : indicators_.indicators()) {
      if (other.plan_of == id) extra.push_back(other.id);
    }
  }
  for (auto& id : extra) {
    if (std::find(scope.indicator_ids.begin(), scope.indicator_ids.end(), id) ==
        scope.indicator_ids.end()) {
      scope.indicator_ids.push_back(id);
    }
  }
  std::sort(scope.indicator_ids.begin(), scope.indicator_ids.end());
  scope.year_from = min_year_ - 1;
  scope.year_to = max_year_ + 1;
  scope.dataset = options_.dataset;
  return scope;
}

ImportPlan ImportValidator::Finish(const std::vector<Observation>& existing) {
  ResolveDeferredValues();
  ImportPlan plan;
  plan.rows_read = rows_read_;

  // Stored vintages by vintage key, and the latest stored vintage per series.
  std::unordered_map<VintageId, const Observation*, IdHash> stored_vintage;
  // The latest vintage of each series among the stored rows and the file's; `pending` is set
  // when it comes from the file.
  struct Latest {
    const Observation* obs = nullptr;
    const Pending* pending = nullptr;
  };
  std::unordered_map<SeriesId, Latest, IdHash> latest;
  stored_vintage.reserve(existing.size());
  latest.reserve(existing.size() + pending_.size());
  for (const Observation& o : existing) {
    if (o.dataset != options_.dataset) continue;
    stored_vintage.emplace(MakeVintageId(o), &o);
    Latest& slot = latest[MakeSeriesId(o, o.period)];
    if (slot.obs == nullptr || Later(o, *slot.obs)) slot.obs = &o;
  }
  auto value_col = [this](const Pending& p) { return column_labels_[p.value_column]; };

  // 1. Conflicts with stored vintages; identical rows are skipped.
  std::vector<Pending*> kept;
  for (Pending& p : pending_) {
    const Observation& o = RowOf(p);
    if (auto it = stored_vintage.empty() ? stored_vintage.end() : stored_vintage.find(p.vintage);
        it != stored_vintage.end()) {
      const Observation& s = *it->second;
      if (s.value == o.value && s.qualifier == o.qualifier) {
        ++plan.unchanged;
      } else {
        Report(Severity::kError, "conflicts_with_stored", p.row, value_col(p), o.value.ToString(),
               fmt::format("Giá trị {} khác giá trị đã lưu {} của cùng đợt số liệu ({}, công bố "
                           "{}); muốn sửa thì nhập như một đợt mới với ngày công bố mới",
                           ShowVi(o.value, *p.indicator), ShowVi(s.value, *p.indicator),
                           VintageStatusLabelVi(o.status), o.as_of.ToVietnamese()),
               fmt::format("Value {} differs from the stored value {} of the same vintage ({}, "
                           "published {}); to revise it, import it as a new vintage with a new "
                           "publication date",
                           ShowEn(o.value, *p.indicator), ShowEn(s.value, *p.indicator),
                           VintageStatusId(o.status), o.as_of.ToString()));
      }
      continue;
    }
    if (!p.as_of_given) {
      // No publication date: a re-import of the same figure is not a new vintage.
      auto it2 = latest.find(p.vintage.series);
      if (it2 != latest.end() && it2->second.obs->value == o.value &&
          it2->second.obs->qualifier == o.qualifier && it2->second.obs->status == o.status &&
          it2->second.obs->source == o.source) {
        ++plan.unchanged;
        continue;
      }
    }
    kept.push_back(&p);
  }

  // The file's rows join the stored ones as the latest vintage of their series.
  std::vector<SeriesId> series(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    series[i] = kept[i]->vintage.series;
    const Observation& row = RowOf(*kept[i]);
    Latest& slot = latest[series[i]];
    if (slot.obs == nullptr || !Later(*slot.obs, row)) slot = {&row, kept[i]};
  }
  // The same series in another period, or of another indicator (a plan), without re-interning.
  auto in_period = [](SeriesId id, const Period& period) {
    id.lo = (static_cast<std::uint64_t>(period.year()) << 16) |
            (static_cast<std::uint64_t>(period.first_month()) << 8) | period.last_month();
    return id;
  };
  std::unordered_map<std::string, const Indicator*> plan_for;  // actual id -> its plan indicator
  for (const Indicator& i : indicators_.indicators()) {
    if (!i.plan_of.empty()) plan_for[i.plan_of] = &i;
  }

  // A ratio to the comparable period this far from 1 looks like a unit slip.
  const Decimal kJumpHigh = Decimal::FromInt(50);
  const Decimal kJumpLow = Decimal::Parse("0.02").value();
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Pending* p = kept[k];
    const Observation& o = RowOf(*p);
    const Indicator* indicator = p->indicator;
    const SeriesId base = series[k];

    // 2. A part larger than its total: H1 above the year, a month above its quarter.
    if (indicator->kind == IndicatorKind::kFlow &&
        (o.qualifier == Qualifier::kExact || o.qualifier == Qualifier::kLowerBound)) {
      for (const auto& [first, last] :
           {std::pair{1, 12}, std::pair{1, 6}, std::pair{7, 12}, std::pair{1, 9}, std::pair{1, 3},
            std::pair{4, 6}, std::pair{7, 9}, std::pair{10, 12}}) {
        auto total_period = Period::FromMonths(o.period.year(), first, last);
        if (!total_period || *total_period == o.period || !total_period->Contains(o.period)) {
          continue;
        }
        auto it = latest.find(in_period(base, *total_period));
        if (it == latest.end()) continue;
        const Observation& total = *it->second.obs;
        if ((total.qualifier == Qualifier::kExact || total.qualifier == Qualifier::kUpperBound) &&
            o.value > total.value) {
          Report(Severity::kError, "part_exceeds_total", p->row, value_col(*p), o.value.ToString(),
                 fmt::format("{} của {} kỳ {} ({}) lớn hơn cả kỳ {} ({}): một phần không thể lớn "
                             "hơn tổng",
                             indicator->id, units_.FindById(o.unit_id)->name_vi, o.period.Code(),
                             ShowVi(o.value, *indicator), total.period.Code(),
                             ShowVi(total.value, *indicator)),
                 fmt::format("{} of {} for {} ({}) is larger than for {} ({}): a part cannot "
                             "exceed its total",
                             indicator->id, units_.FindById(o.unit_id)->name_en, o.period.Code(),
                             ShowEn(o.value, *indicator), total.period.Code(),
                             ShowEn(total.value, *indicator)));
          break;
        }
      }
    }

    // 3. Spend above the year's plan (a warning: overspending happens).
    auto check_plan = [&](const Observation& spend, const Observation& plan_row, int row,
                          std::string_view column) {
      const Indicator* spend_indicator = indicators_.FindById(spend.indicator_id);
      if (spend_indicator == nullptr || !(spend.value > plan_row.value)) return;
      Report(Severity::kWarning, "spend_exceeds_plan", row, column, spend.value.ToString(),
             fmt::format("{} kỳ {} ({}) vượt kế hoạch năm {} ({})", spend.indicator_id,
                         spend.period.Code(), ShowVi(spend.value, *spend_indicator),
                         plan_row.period.year(), ShowVi(plan_row.value, *indicator)),
             fmt::format("{} for {} ({}) exceeds the {} plan ({})", spend.indicator_id,
                         spend.period.Code(), ShowEn(spend.value, *spend_indicator),
                         plan_row.period.year(), ShowEn(plan_row.value, *indicator)));
    };
    if (!indicator->plan_of.empty()) {
      // A plan row: compare with every year-to-date actual of that year. The warning is about the
      // spend, so it points at the spend's row when the spend is in the file too.
      Observation probe = o;
      probe.indicator_id = indicator->plan_of;
      for (int last = 1; last <= 12; ++last) {
        auto it = latest.find(MakeSeriesId(probe, *Period::FromMonths(o.period.year(), 1, last)));
        if (it == latest.end()) continue;
        const Pending* spend_row = it->second.pending;
        if (spend_row != nullptr) {
          check_plan(*it->second.obs, o, spend_row->row, value_col(*spend_row));
        } else {
          check_plan(*it->second.obs, o, p->row, value_col(*p));
        }
      }
    } else {
      auto plan_indicator = plan_for.find(indicator->id);
      if (plan_indicator != plan_for.end() && o.period.IsYearToDate()) {
        Observation probe = o;
        probe.indicator_id = plan_indicator->second->id;
        auto it = latest.find(MakeSeriesId(probe, Period::Year(o.period.year())));
        if (it != latest.end() && it->second.pending == nullptr) {
          check_plan(o, *it->second.obs, p->row, value_col(*p));
        }
      }
    }

    // 4. Jumps that look like a unit slip (×1000): against the same period a year earlier and
    // the previous comparable period.
    if (indicator->IsAdditive() && o.value > Decimal()) {
      for (const Period& other :
           {o.period.SamePeriodPreviousYear(), o.period.PreviousComparable()}) {
        auto it = latest.find(in_period(base, other));
        if (it == latest.end() || !(it->second.obs->value > Decimal())) continue;
        auto ratio = o.value.DividedBy(it->second.obs->value);
        if (!ratio) continue;
        bool high = *ratio >= kJumpHigh;
        bool low = *ratio <= kJumpLow;
        if (high || low) {
          const bool usd = indicator->unit == core::Dimension::kUsd;
          Report(Severity::kWarning, "suspicious_jump", p->row, value_col(*p), o.value.ToString(),
                 fmt::format("{} kỳ {} ({}) {} so với kỳ {} ({}): có thể nhầm đơn vị (ví dụ {})",
                             indicator->id, o.period.Code(), ShowVi(o.value, *indicator),
                             high ? "gấp hơn 50 lần" : "chỉ bằng chưa tới 1/50", other.Code(),
                             ShowVi(it->second.obs->value, *indicator),
                             usd ? "nghìn USD và triệu USD" : "triệu đồng và tỷ đồng"),
                 fmt::format("{} for {} ({}) is {} the value for {} ({}): a unit slip (e.g. {})?",
                             indicator->id, o.period.Code(), ShowEn(o.value, *indicator),
                             high ? "more than 50 times" : "less than 1/50 of", other.Code(),
                             ShowEn(it->second.obs->value, *indicator),
                             usd ? "thousand vs million USD" : "million vs billion VND"));
          break;
        }
      }
    }
  }

  plan.problems = std::move(problems_);
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  // The rows to insert, moved down in place (kept is in the rows' order): a million rows are
  // not copied into a new vector.
  plan.ordinals.reserve(kept.size());
  std::size_t j = 0;
  for (Pending* p : kept) {
    const std::size_t i = static_cast<std::size_t>(p - pending_.data());
    if (i != j) rows_[j] = std::move(rows_[i]);
    plan.ordinals.push_back(p->ordinal);
    ++j;
  }
  rows_.resize(j);
  plan.to_insert = std::move(rows_);
  rows_ = {};
  // Finish is called once: release the per-row tables now (a million nodes), while a caller's
  // writer may still be busy, rather than when the validator goes out of scope.
  pending_ = {};
  seen_ = {};
  return plan;
}

}  // namespace lienket::stats
