#include "bench/import_csv_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "bench/bench_rng.hpp"
#include "core/csv.hpp"
#include "core/date.hpp"
#include "io/fs.hpp"

namespace lienket::bench {

using core::ErrorCode;
using core::MakeError;

namespace {

// The provinces that coexist from 2008-08-01 (Hà Tây joins Hà Nội) until 2025-06-30.
constexpr std::string_view kProvincesFrom = "2008-08-01";
constexpr int kFirstYear = 2008, kFirstMonth = 8;
constexpr int kLastYear = 2025, kLastMonth = 6;
constexpr std::size_t kProvinceCount = 63;

// How a series moves from month to month.
enum class Shape {
  kFlow,        // money, ±8% a month, pulled back towards its starting level
  kIndex,       // IIP, 80–140, ±3 points a month
  kCountFlow,   // a few projects a month, 1–15, ±2
  kCountStock,  // markets, supermarkets...: at least 1, now and then ±1, slowly growing
};

struct Model {
  std::string_view id;
  std::string_view unit;       // as written in the file
  std::string_view dimension;  // the indicator's unit in data/indicators.csv, checked
  int decimals;
  Shape shape;
  std::int64_t low, high;  // starting level, in `unit`, before the province's size
};

// Monthly flows, count stocks and the IIP; never plans, *_yoy indices or annual profile figures.
constexpr Model kModels[] = {
    {"iip", "index", "index", 2, Shape::kIndex, 95, 115},
    {"retail_sales", "ty_dong", "vnd", 1, Shape::kFlow, 1500, 12000},
    {"exports", "trieu_usd", "usd", 1, Shape::kFlow, 20, 1500},
    {"imports", "trieu_usd", "usd", 1, Shape::kFlow, 15, 1200},
    {"khuyen_cong_spend", "trieu_dong", "vnd", 0, Shape::kFlow, 200, 2500},
    {"khuyen_cong_projects", "count", "count", 0, Shape::kCountFlow, 1, 12},
    {"industrial_clusters_operating", "count", "count", 0, Shape::kCountStock, 3, 40},
    {"markets", "count", "count", 0, Shape::kCountStock, 40, 450},
    {"supermarkets", "count", "count", 0, Shape::kCountStock, 1, 40},
    {"shopping_centres", "count", "count", 0, Shape::kCountStock, 1, 20},
    {"ocop_products", "count", "count", 0, Shape::kCountStock, 10, 250},
};

// Vintages of each figure: status, months after the period for as_of (0 = 30 June of the next
// year), largest revision of the previous vintage in per mille.
struct Vintage {
  std::string_view status;
  int months_after;
  int revision_permille;
};
constexpr std::array<Vintage, 4> kVintages = {{
    {"estimate", 1, 0},
    {"preliminary", 2, 30},
    {"official", 3, 10},
    {"official", 0, 5},
}};


struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  [[nodiscard]] int Column(std::string_view name) const {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
};

core::Result<CsvTable> ReadCsvTable(const std::string& path) {
  auto bytes = io::ReadFile(path, std::size_t{64} << 20);
  if (!bytes) return tl::unexpected(bytes.error());
  std::string_view data = *bytes;
  core::StripUtf8Bom(&data);
  core::CsvReader reader(data, ',');
  std::vector<std::string_view> fields;
  CsvTable table;
  bool first = true;
  while (true) {
    auto more = reader.Next(&fields);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    std::vector<std::string> row(fields.begin(), fields.end());
    if (first) {
      table.header = std::move(row);
      first = false;
    } else {
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

core::Result<std::vector<std::string>> LoadProvinces(const std::string& data_dir) {
  const std::string path = data_dir + "/units.csv";
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  int key = table->Column("key"), name = table->Column("name_vi");
  int from = table->Column("valid_from");
  if (key < 0 || name < 0 || from < 0) {
    return MakeError(ErrorCode::kInvalidArgument, path + ": thiếu cột key/name_vi/valid_from",
                     path + ": missing column key, name_vi or valid_from");
  }
  std::vector<std::string> names;
  for (const auto& row : table->rows) {
    if (static_cast<int>(row.size()) <= std::max({key, name, from})) continue;
    if (row[from] == kProvincesFrom && row[key] != "vn") names.push_back(row[name]);
  }
  if (names.size() != kProvinceCount) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: có {} tỉnh từ {}, cần {}", path, names.size(), kProvincesFrom,
                                 kProvinceCount),
                     fmt::format("{}: {} provinces valid from {}, expected {}", path, names.size(),
                                 kProvincesFrom, kProvinceCount));
  }
  for (const std::string& n : names) {
    if (n.find_first_of(",\"\r\n") != std::string::npos) {
      return MakeError(ErrorCode::kInvalidArgument, "Tên tỉnh cần đặt trong ngoặc kép: " + n,
                       "A province name would need quoting: " + n);
    }
  }
  return names;
}

// One series: an indicator in one basis ("" = the default basis, left empty in the file).
struct SeriesKind {
  const Model* model;
  std::string basis;
};

core::Result<std::vector<SeriesKind>> LoadSeriesKinds(const std::string& data_dir) {
  const std::string path = data_dir + "/indicators.csv";
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  int id = table->Column("id"), unit = table->Column("unit"), bases = table->Column("bases");
  int default_basis = table->Column("default_basis");
  if (id < 0 || unit < 0 || bases < 0 || default_basis < 0) {
    return MakeError(ErrorCode::kInvalidArgument, path + ": thiếu cột id/unit/bases/default_basis",
                     path + ": missing column id, unit, bases or default_basis");
  }
  std::vector<SeriesKind> kinds;
  for (const Model& model : kModels) {
    auto row = std::find_if(table->rows.begin(), table->rows.end(), [&](const auto& r) {
      return static_cast<int>(r.size()) > std::max({id, unit, bases, default_basis}) &&
             r[id] == model.id;
    });
    if (row == table->rows.end() || (*row)[unit] != model.dimension) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("{}: không có chỉ tiêu {} tính bằng {}", path, model.id, model.dimension),
          fmt::format("{}: no indicator {} measured in {}", path, model.id, model.dimension));
    }
    kinds.push_back({&model, ""});
    std::string_view list = (*row)[bases];
    while (!list.empty()) {
      std::size_t bar = list.find('|');
      std::string_view basis = list.substr(0, bar);
      if (!basis.empty() && basis != (*row)[default_basis]) {
        kinds.push_back({&model, std::string(basis)});
      }
      list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
    }
  }
  return kinds;
}

std::int64_t Pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// `scaled` in units of 10^-decimals, trailing zeros dropped: 10150 with 2 decimals is "101.5".
void AppendValue(std::string* out, std::int64_t scaled, int decimals) {
  const std::int64_t unit = Pow10(decimals);
  std::int64_t whole = scaled / unit, frac = scaled % unit;
  *out += std::to_string(whole);
  if (frac == 0) return;
  std::string digits = fmt::format("{:0{}}", frac, decimals);
  while (digits.back() == '0') digits.pop_back();
  *out += '.';
  *out += digits;
}

std::string AsOf(int year, int month, const Vintage& v) {
  if (v.months_after == 0) return fmt::format("{}-06-30", year + 1);
  int index = year * 12 + (month - 1) + v.months_after;
  int y = index / 12, m = index % 12 + 1;
  return core::Date::LastDayOfMonth(y, m).ToString();
}

// A series' value one month on.
std::int64_t Step(Rng& rng, Shape shape, std::int64_t value, std::int64_t anchor) {
  switch (shape) {
    case Shape::kFlow: {
      std::int64_t low = -80, high = 80;
      if (value > anchor * 3 / 2) high = 20;
      if (value < anchor * 2 / 3) low = -20;
      return std::max<std::int64_t>(1, value + value * rng.Between(low, high) / 1000);
    }
    case Shape::kIndex:
      return std::clamp<std::int64_t>(value + rng.Between(-300, 300), 8000, 14000);
    case Shape::kCountFlow:
      return std::clamp<std::int64_t>(value + rng.Between(-2, 2), 1, 15);
    case Shape::kCountStock: {
      std::int64_t r = rng.Between(0, 9);
      return std::max<std::int64_t>(1, value + (r == 0 ? -1 : r <= 2 ? 1 : 0));
    }
  }
  return value;
}

// A later vintage: the previous one revised by at most `permille`.
std::int64_t Revise(Rng& rng, Shape shape, std::int64_t value, int permille) {
  std::int64_t revised = value + value * rng.Between(-permille, permille) / 1000;
  if (shape == Shape::kIndex) return std::clamp<std::int64_t>(revised, 8000, 14000);
  return std::max<std::int64_t>(1, revised);
}

}  // namespace

core::Result<ImportCsv> GenerateImportCsv(const ImportCsvOptions& options) {
  auto provinces = LoadProvinces(options.data_dir);
  if (!provinces) return tl::unexpected(provinces.error());
  auto kinds = LoadSeriesKinds(options.data_dir);
  if (!kinds) return tl::unexpected(kinds.error());

  const int months = (kLastYear * 12 + kLastMonth) - (kFirstYear * 12 + kFirstMonth) + 1;
  const std::int64_t rows_per_month =
      static_cast<std::int64_t>(provinces->size() * kinds->size() * kVintages.size());
  ImportCsv csv;
  csv.max_rows = rows_per_month * months;
  if (options.rows < 1 || options.rows > csv.max_rows) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Số dòng phải từ 1 đến {} (63 tỉnh cùng tồn tại {} tháng)",
                                 csv.max_rows, months),
                     fmt::format("rows must be between 1 and {} (the 63 provinces coexist for {} "
                                 "months)",
                                 csv.max_rows, months));
  }

  // Starting level of every series: the province's size (0.3×–3×), the basis' share.
  Rng rng(20080801);
  struct Series {
    std::int64_t value = 0;
    std::int64_t anchor = 0;
  };
  std::vector<Series> series;
  series.reserve(provinces->size() * kinds->size());
  for (std::size_t p = 0; p < provinces->size(); ++p) {
    const std::int64_t size_permille = rng.Between(300, 3000);
    for (const SeriesKind& kind : *kinds) {
      const Model& m = *kind.model;
      const std::int64_t share_permille = kind.basis.empty() ? 1000 : rng.Between(200, 900);
      std::int64_t level = 0;
      switch (m.shape) {
        case Shape::kIndex:
          level = rng.Between(m.low * 100, m.high * 100);
          break;
        case Shape::kCountFlow:
          level = rng.Between(m.low, m.high);
          break;
        case Shape::kFlow:
        case Shape::kCountStock:
          level = rng.Between(m.low, m.high) * Pow10(m.decimals) * size_permille / 1000 *
                  share_permille / 1000;
          break;
      }
      level = std::max<std::int64_t>(1, level);
      series.push_back({level, level});
    }
  }

  csv.text.reserve(static_cast<std::size_t>(options.rows) * 96 + 128);
  csv.text += kImportCsvHeader;
  for (int month_index = 0; csv.rows < options.rows; ++month_index) {
    const int absolute = kFirstYear * 12 + (kFirstMonth - 1) + month_index;
    const int year = absolute / 12, month = absolute % 12 + 1;
    const std::string period = fmt::format("{}-{:02}", year, month);
    std::array<std::string, kVintages.size()> as_of;
    for (std::size_t v = 0; v < kVintages.size(); ++v) as_of[v] = AsOf(year, month, kVintages[v]);
    if (month_index == 0) csv.first_period = period;
    csv.last_period = period;

    std::size_t s = 0;
    for (std::size_t p = 0; p < provinces->size() && csv.rows < options.rows; ++p) {
      for (const SeriesKind& kind : *kinds) {
        const Model& m = *kind.model;
        Series& state = series[s++];
        if (month_index > 0) state.value = Step(rng, m.shape, state.value, state.anchor);
        std::int64_t value = state.value;
        for (std::size_t v = 0; v < kVintages.size() && csv.rows < options.rows; ++v) {
          if (v > 0) value = Revise(rng, m.shape, value, kVintages[v].revision_permille);
          std::string& out = csv.text;
          out += (*provinces)[p];
          out += ',';
          out += m.id;
          out += ',';
          out += period;
          out += ',';
          AppendValue(&out, value, m.decimals);
          out += ',';
          out += m.unit;
          out += ',';
          out += kVintages[v].status;
          out += ",exact,";
          out += kind.basis;
          out += ",bench,,";
          out += as_of[v];
          out += '\n';
          ++csv.rows;
        }
      }
    }
  }
  return csv;
}

}  // namespace lienket::bench
