#include "stats/reference_data.hpp"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/vi_text.hpp"

namespace lienket::stats {

using core::ErrorCode;
using core::MakeError;

namespace {

// A parsed CSV with named columns.
class Table {
 public:
  static core::Result<Table> Parse(std::string_view name, std::string_view text) {
    Table t;
    t.name_ = std::string(name);
    core::StripUtf8Bom(&text);
    core::CsvReader reader(text, ',');
    std::vector<std::string_view> fields;
    bool header = true;
    while (true) {
      auto more = reader.Next(&fields);
      if (!more)
        return MakeError(ErrorCode::kInternal, more.error().message_vi, more.error().message_en);
      if (!*more) break;
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (header) {
        for (std::size_t i = 0; i < fields.size(); ++i) t.columns_[std::string(fields[i])] = i;
        header = false;
        continue;
      }
      t.rows_.emplace_back(fields.begin(), fields.end());
      t.lines_.push_back(reader.record_line());
    }
    return t;
  }

  std::size_t size() const { return rows_.size(); }
  int line(std::size_t row) const { return lines_[row]; }

  core::Result<std::string> Get(std::size_t row, std::string_view column) const {
    auto it = columns_.find(std::string(column));
    if (it == columns_.end()) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("Tệp dữ liệu {} thiếu cột {}", name_, column),
                       fmt::format("Data file {} lacks column {}", name_, column));
    }
    const auto& r = rows_[row];
    return it->second < r.size() ? r[it->second] : std::string();
  }

  tl::unexpected<core::Error> Bad(std::size_t row, std::string_view column,
                                  const std::string& why) const {
    return MakeError(
        ErrorCode::kInternal,
        fmt::format("Tệp dữ liệu {} dòng {} cột {}: {}", name_, lines_[row], column, why),
        fmt::format("Data file {} line {} column {}: {}", name_, lines_[row], column, why));
  }

 private:
  std::string name_;
  std::map<std::string, std::size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

core::Result<std::optional<core::Date>> OptionalDate(const Table& t, std::size_t row,
                                                     std::string_view column) {
  LIENKET_ASSIGN_OR_RETURN(text, t.Get(row, column));
  if (text.empty()) return std::optional<core::Date>();
  auto d = core::Date::Parse(text);
  if (!d) return t.Bad(row, column, d.error().message_en);
  return std::optional<core::Date>(*d);
}

core::Result<std::optional<core::Decimal>> OptionalDecimal(const Table& t, std::size_t row,
                                                           std::string_view column) {
  LIENKET_ASSIGN_OR_RETURN(text, t.Get(row, column));
  if (text.empty()) return std::optional<core::Decimal>();
  auto d = core::Decimal::Parse(text);
  if (!d) return t.Bad(row, column, d.error().message_en);
  return std::optional<core::Decimal>(*d);
}

core::Result<std::optional<double>> OptionalDouble(const Table& t, std::size_t row,
                                                   std::string_view column) {
  LIENKET_ASSIGN_OR_RETURN(d, OptionalDecimal(t, row, column));
  if (!d) return std::optional<double>();
  return std::optional<double>(d->ToDouble());
}

std::vector<std::string> SplitPipes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t bar = text.find('|', start);
    if (bar == std::string::npos) bar = text.size();
    std::string part(core::TrimSpaces(std::string_view(text).substr(start, bar - start)));
    if (!part.empty()) out.push_back(part);
    start = bar + 1;
  }
  return out;
}

}  // namespace

core::Result<ReferenceData> ParseReferenceData(const ReferenceFiles& files) {
  ReferenceData data;
  std::unordered_map<std::string, int> unit_id_by_key;

  LIENKET_ASSIGN_OR_RETURN(units, Table::Parse("units.csv", files.units));
  for (std::size_t r = 0; r < units.size(); ++r) {
    AdminUnit u;
    u.id = static_cast<int>(r + 1);
    LIENKET_ASSIGN_OR_RETURN(key, units.Get(r, "key"));
    LIENKET_ASSIGN_OR_RETURN(code, units.Get(r, "code"));
    LIENKET_ASSIGN_OR_RETURN(name_vi, units.Get(r, "name_vi"));
    LIENKET_ASSIGN_OR_RETURN(full_name_vi, units.Get(r, "full_name_vi"));
    LIENKET_ASSIGN_OR_RETURN(name_en, units.Get(r, "name_en"));
    LIENKET_ASSIGN_OR_RETURN(type, units.Get(r, "type"));
    LIENKET_ASSIGN_OR_RETURN(from, OptionalDate(units, r, "valid_from"));
    LIENKET_ASSIGN_OR_RETURN(to, OptionalDate(units, r, "valid_to"));
    LIENKET_ASSIGN_OR_RETURN(lat, OptionalDouble(units, r, "centroid_lat"));
    LIENKET_ASSIGN_OR_RETURN(lon, OptionalDouble(units, r, "centroid_lon"));
    if (key.empty() || code.empty() || name_vi.empty()) return units.Bad(r, "key", "empty");
    if (!from) return units.Bad(r, "valid_from", "empty");
    if (unit_id_by_key.count(key)) return units.Bad(r, "key", "duplicate key " + key);
    u.key = key;
    u.code = code;
    u.name_vi = core::ToNfc(name_vi);
    u.full_name_vi = core::ToNfc(full_name_vi);
    u.name_en = name_en;
    u.type = type;
    u.valid_from = *from;
    u.valid_to = to;
    u.centroid_lat = lat;
    u.centroid_lon = lon;
    unit_id_by_key[key] = u.id;
    data.units.push_back(std::move(u));
  }
  auto unit_ref = [&unit_id_by_key](const Table& t, std::size_t r,
                                    std::string_view column) -> core::Result<int> {
    LIENKET_ASSIGN_OR_RETURN(key, t.Get(r, column));
    auto it = unit_id_by_key.find(key);
    if (it == unit_id_by_key.end()) return t.Bad(r, column, "unknown unit key " + key);
    return it->second;
  };

  LIENKET_ASSIGN_OR_RETURN(aliases, Table::Parse("unit_aliases.csv", files.unit_aliases));
  for (std::size_t r = 0; r < aliases.size(); ++r) {
    LIENKET_ASSIGN_OR_RETURN(id, unit_ref(aliases, r, "unit_key"));
    LIENKET_ASSIGN_OR_RETURN(alias, aliases.Get(r, "alias"));
    data.aliases.emplace_back(id, core::ToNfc(alias));
  }

  LIENKET_ASSIGN_OR_RETURN(succession, Table::Parse("unit_succession.csv", files.unit_succession));
  for (std::size_t r = 0; r < succession.size(); ++r) {
    Succession s;
    LIENKET_ASSIGN_OR_RETURN(old_id, unit_ref(succession, r, "old_key"));
    LIENKET_ASSIGN_OR_RETURN(new_id, unit_ref(succession, r, "new_key"));
    LIENKET_ASSIGN_OR_RETURN(effective, OptionalDate(succession, r, "effective_date"));
    LIENKET_ASSIGN_OR_RETURN(seat, succession.Get(r, "is_seat"));
    if (!effective) return succession.Bad(r, "effective_date", "empty");
    s.old_unit_id = old_id;
    s.new_unit_id = new_id;
    s.effective = *effective;
    s.is_seat = seat == "1";
    data.successions.push_back(s);
  }

  LIENKET_ASSIGN_OR_RETURN(profiles, Table::Parse("unit_profile.csv", files.unit_profile));
  for (std::size_t r = 0; r < profiles.size(); ++r) {
    UnitProfile p;
    LIENKET_ASSIGN_OR_RETURN(id, unit_ref(profiles, r, "unit_key"));
    LIENKET_ASSIGN_OR_RETURN(year, profiles.Get(r, "year"));
    LIENKET_ASSIGN_OR_RETURN(area, OptionalDecimal(profiles, r, "area_km2"));
    LIENKET_ASSIGN_OR_RETURN(pop, OptionalDecimal(profiles, r, "population_thousand"));
    LIENKET_ASSIGN_OR_RETURN(source_area, profiles.Get(r, "source_area"));
    LIENKET_ASSIGN_OR_RETURN(source_population, profiles.Get(r, "source_population"));
    LIENKET_ASSIGN_OR_RETURN(note, profiles.Get(r, "note"));
    p.unit_id = id;
    p.year = std::atoi(year.c_str());
    p.area_km2 = area;
    p.population_thousand = pop;
    p.source_area = source_area;
    p.source_population = source_population;
    p.note = note;
    data.profiles.push_back(std::move(p));
  }

  LIENKET_ASSIGN_OR_RETURN(regions, Table::Parse("regions.csv", files.regions));
  std::unordered_map<std::string, std::size_t> region_index;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    Region g;
    g.id = static_cast<int>(r + 1);
    LIENKET_ASSIGN_OR_RETURN(key, regions.Get(r, "key"));
    LIENKET_ASSIGN_OR_RETURN(name_vi, regions.Get(r, "name_vi"));
    LIENKET_ASSIGN_OR_RETURN(name_en, regions.Get(r, "name_en"));
    LIENKET_ASSIGN_OR_RETURN(kind, regions.Get(r, "kind"));
    LIENKET_ASSIGN_OR_RETURN(from, OptionalDate(regions, r, "valid_from"));
    LIENKET_ASSIGN_OR_RETURN(to, OptionalDate(regions, r, "valid_to"));
    LIENKET_ASSIGN_OR_RETURN(parent, regions.Get(r, "parent_key"));
    LIENKET_ASSIGN_OR_RETURN(note, regions.Get(r, "note"));
    if (!from) return regions.Bad(r, "valid_from", "empty");
    g.key = key;
    g.name_vi = core::ToNfc(name_vi);
    g.name_en = name_en;
    g.kind = kind;
    g.valid_from = *from;
    g.valid_to = to;
    g.parent_key = parent;
    g.note = note;
    region_index[key] = data.regions.size();
    data.regions.push_back(std::move(g));
  }
  for (const Region& g : data.regions) {
    if (!g.parent_key.empty() && !region_index.count(g.parent_key)) {
      return MakeError(
          ErrorCode::kInternal,
          fmt::format("regions.csv: vùng {} có vùng cha không tồn tại {}", g.key, g.parent_key),
          fmt::format("regions.csv: region {} has unknown parent {}", g.key, g.parent_key));
    }
  }
  LIENKET_ASSIGN_OR_RETURN(members, Table::Parse("region_members.csv", files.region_members));
  for (std::size_t r = 0; r < members.size(); ++r) {
    LIENKET_ASSIGN_OR_RETURN(region_key, members.Get(r, "region_key"));
    LIENKET_ASSIGN_OR_RETURN(unit_id, unit_ref(members, r, "unit_key"));
    auto it = region_index.find(region_key);
    if (it == region_index.end())
      return members.Bad(r, "region_key", "unknown region " + region_key);
    data.regions[it->second].member_unit_ids.push_back(unit_id);
  }

  LIENKET_ASSIGN_OR_RETURN(bases, Table::Parse("indicator_bases.csv", files.indicator_bases));
  for (std::size_t r = 0; r < bases.size(); ++r) {
    Basis b;
    LIENKET_ASSIGN_OR_RETURN(id, bases.Get(r, "basis"));
    LIENKET_ASSIGN_OR_RETURN(name_vi, bases.Get(r, "name_vi"));
    LIENKET_ASSIGN_OR_RETURN(name_en, bases.Get(r, "name_en"));
    LIENKET_ASSIGN_OR_RETURN(description_en, bases.Get(r, "description_en"));
    b.id = id;
    b.name_vi = core::ToNfc(name_vi);
    b.name_en = name_en;
    b.description_en = description_en;
    data.bases.push_back(std::move(b));
  }

  LIENKET_ASSIGN_OR_RETURN(indicators, Table::Parse("indicators.csv", files.indicators));
  for (std::size_t r = 0; r < indicators.size(); ++r) {
    Indicator i;
    LIENKET_ASSIGN_OR_RETURN(id, indicators.Get(r, "id"));
    LIENKET_ASSIGN_OR_RETURN(name_vi, indicators.Get(r, "name_vi"));
    LIENKET_ASSIGN_OR_RETURN(name_en, indicators.Get(r, "name_en"));
    LIENKET_ASSIGN_OR_RETURN(unit_text, indicators.Get(r, "unit"));
    LIENKET_ASSIGN_OR_RETURN(kind_text, indicators.Get(r, "kind"));
    LIENKET_ASSIGN_OR_RETURN(aggregation_text, indicators.Get(r, "aggregation"));
    LIENKET_ASSIGN_OR_RETURN(time_text, indicators.Get(r, "time_aggregation"));
    LIENKET_ASSIGN_OR_RETURN(precision, indicators.Get(r, "precision"));
    LIENKET_ASSIGN_OR_RETURN(display_vi, indicators.Get(r, "display_unit_vi"));
    LIENKET_ASSIGN_OR_RETURN(display_en, indicators.Get(r, "display_unit_en"));
    LIENKET_ASSIGN_OR_RETURN(bases_text, indicators.Get(r, "bases"));
    LIENKET_ASSIGN_OR_RETURN(default_basis, indicators.Get(r, "default_basis"));
    LIENKET_ASSIGN_OR_RETURN(min_value, OptionalDecimal(indicators, r, "min_value"));
    LIENKET_ASSIGN_OR_RETURN(max_value, OptionalDecimal(indicators, r, "max_value"));
    LIENKET_ASSIGN_OR_RETURN(growth_of, indicators.Get(r, "growth_of"));
    LIENKET_ASSIGN_OR_RETURN(plan_of, indicators.Get(r, "plan_of"));
    LIENKET_ASSIGN_OR_RETURN(description_vi, indicators.Get(r, "description_vi"));
    LIENKET_ASSIGN_OR_RETURN(description_en, indicators.Get(r, "description_en"));
    auto unit = core::ParseDimension(unit_text);
    if (!unit) return indicators.Bad(r, "unit", unit.error().message_en);
    auto kind = ParseIndicatorKind(kind_text);
    if (!kind) return indicators.Bad(r, "kind", kind.error().message_en);
    auto aggregation = ParseAggregation(aggregation_text);
    if (!aggregation) return indicators.Bad(r, "aggregation", aggregation.error().message_en);
    auto time = ParseTimeAggregation(time_text);
    if (!time) return indicators.Bad(r, "time_aggregation", time.error().message_en);
    i.id = id;
    i.name_vi = core::ToNfc(name_vi);
    i.name_en = name_en;
    i.unit = *unit;
    i.kind = *kind;
    i.aggregation = *aggregation;
    i.time_aggregation = *time;
    i.precision = precision.empty() ? 1 : std::atoi(precision.c_str());
    i.display_unit_vi = core::ToNfc(display_vi);
    i.display_unit_en = display_en;
    i.bases = SplitPipes(bases_text);
    i.default_basis = default_basis;
    if (i.bases.empty()) return indicators.Bad(r, "bases", "no basis");
    if (!i.AllowsBasis(i.default_basis)) return indicators.Bad(r, "default_basis", "not in bases");
    for (const std::string& b : i.bases) {
      bool known = false;
      for (const Basis& basis : data.bases) known = known || basis.id == b;
      if (!known) return indicators.Bad(r, "bases", "unknown basis " + b);
    }
    i.min_value = min_value;
    i.max_value = max_value;
    i.growth_of = growth_of;
    i.plan_of = plan_of;
    i.description_vi = core::ToNfc(description_vi);
    i.description_en = description_en;
    data.indicators.push_back(std::move(i));
  }
  for (const Indicator& i : data.indicators) {
    for (const std::string* ref : {&i.growth_of, &i.plan_of}) {
      if (ref->empty()) continue;
      bool found = false;
      for (const Indicator& j : data.indicators) found = found || j.id == *ref;
      if (!found) {
        return MakeError(
            ErrorCode::kInternal,
            fmt::format("indicators.csv: {} tham chiếu chỉ tiêu không tồn tại {}", i.id, *ref),
            fmt::format("indicators.csv: {} refers to unknown indicator {}", i.id, *ref));
      }
    }
  }
  return data;
}

}  // namespace lienket::stats
