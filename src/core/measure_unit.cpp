#include "core/measure_unit.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/vi_text.hpp"

namespace lienket::core {
namespace {

struct Spelling {
  std::string_view key;  // NameKey-style: lower-case ASCII letters and digits only
  std::string_view unit_id;
};

// Every accepted spelling, folded. Keep each unit's canonical id first.
constexpr Spelling kSpellings[] = {
    {"dong", "dong"},
    {"vnd", "dong"},
    {"nghindong", "nghin_dong"},
    {"ngandong", "nghin_dong"},
    {"thousandvnd", "nghin_dong"},
    {"trieudong", "trieu_dong"},
    {"trieuvnd", "trieu_dong"},
    {"millionvnd", "trieu_dong"},
    {"mnvnd", "trieu_dong"},
    {"tydong", "ty_dong"},
    {"tyvnd", "ty_dong"},
    {"billionvnd", "ty_dong"},
    {"bnvnd", "ty_dong"},
    {"nghintydong", "nghin_ty_dong"},
    {"ngantydong", "nghin_ty_dong"},
    {"nghintyvnd", "nghin_ty_dong"},
    {"trillionvnd", "nghin_ty_dong"},
    {"usd", "usd"},
    {"dollar", "usd"},
    {"nghinusd", "nghin_usd"},
    {"nganusd", "nghin_usd"},
    {"thousandusd", "nghin_usd"},
    {"trieuusd", "trieu_usd"},
    {"millionusd", "trieu_usd"},
    {"mnusd", "trieu_usd"},
    {"tyusd", "ty_usd"},
    {"billionusd", "ty_usd"},
    {"bnusd", "ty_usd"},
    {"index", "index"},
    {"chiso", "index"},
    {"percentofsameperiod", "index"},
    {"pctchange", "pct_change"},
    {"percentchange", "pct_change"},
    {"tangtruong", "pct_change"},
    {"count", "count"},
    {"so", "count"},
    {"cai", "count"},
    {"soluong", "count"},
    {"km2", "km2"},
    {"sqkm", "km2"},
    {"persons", "persons"},
    {"nguoi", "persons"},
    {"nghinnguoi", "nghin_nguoi"},
    {"thousandpersons", "nghin_nguoi"},
};

}  // namespace

const std::vector<MeasureUnit>& AllMeasureUnits() {
  static const std::vector<MeasureUnit> kUnits = {
      {"dong", Dimension::kVnd, 0, 0, "đồng", "VND"},
      {"nghin_dong", Dimension::kVnd, 3, 0, "nghìn đồng", "thousand VND"},
      {"trieu_dong", Dimension::kVnd, 6, 0, "triệu đồng", "million VND"},
      {"ty_dong", Dimension::kVnd, 9, 0, "tỷ đồng", "billion VND"},
      {"nghin_ty_dong", Dimension::kVnd, 12, 0, "nghìn tỷ đồng", "trillion VND"},
      {"usd", Dimension::kUsd, 0, 0, "USD", "USD"},
      {"nghin_usd", Dimension::kUsd, 3, 0, "nghìn USD", "thousand USD"},
      {"trieu_usd", Dimension::kUsd, 6, 0, "triệu USD", "million USD"},
      {"ty_usd", Dimension::kUsd, 9, 0, "tỷ USD", "billion USD"},
      {"index", Dimension::kIndex, 0, 0, "chỉ số (cùng kỳ năm trước = 100)",
       "index (same period of previous year = 100)"},
      {"pct_change", Dimension::kIndex, 0, 100, "% tăng/giảm so với cùng kỳ",
       "% change on the same period"},
      {"count", Dimension::kCount, 0, 0, "số lượng", "count"},
      {"km2", Dimension::kArea, 0, 0, "km²", "km²"},
      {"persons", Dimension::kPersons, 0, 0, "người", "persons"},
      {"nghin_nguoi", Dimension::kPersons, 3, 0, "nghìn người", "thousand persons"},
  };
  return kUnits;
}

std::string_view DimensionId(Dimension d) {
  switch (d) {
    case Dimension::kVnd:
      return "vnd";
    case Dimension::kUsd:
      return "usd";
    case Dimension::kIndex:
      return "index";
    case Dimension::kCount:
      return "count";
    case Dimension::kArea:
      return "km2";
    case Dimension::kPersons:
      return "persons";
  }
  return "count";
}

Result<Dimension> ParseDimension(std::string_view id) {
  for (Dimension d : {Dimension::kVnd, Dimension::kUsd, Dimension::kIndex, Dimension::kCount,
                      Dimension::kArea, Dimension::kPersons}) {
    if (DimensionId(d) == id) return d;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Đơn vị chuẩn \"{}\" không có trong danh mục", id),
                   fmt::format("Canonical unit \"{}\" is not in the catalogue", id));
}

Result<const MeasureUnit*> FindMeasureUnit(std::string_view text) {
  std::string key;
  for (char c : Fold(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key.push_back(c);
  }
  if (TrimSpaces(text) == "%") {
    // Tables print an index (107.5) and a change (+7.5) under the same "%": refuse to guess.
    return MakeError(ErrorCode::kInvalidArgument,
                     "Đơn vị \"%\" không rõ nghĩa: nếu số là chỉ số so với cùng kỳ (ví dụ 107,5) "
                     "ghi \"index\"; nếu là mức tăng/giảm (ví dụ 7,5 hoặc -2,1) ghi \"pct_change\"",
                     "Unit \"%\" is ambiguous: if the number is an index on the same period (e.g. "
                     "107.5) write \"index\"; if it is a change (e.g. 7.5 or -2.1) write "
                     "\"pct_change\"");
  }
  for (const Spelling& s : kSpellings) {
    if (s.key == key) {
      for (const MeasureUnit& u : AllMeasureUnits()) {
        if (u.id == s.unit_id) return &u;
      }
    }
  }
  std::vector<std::string_view> ids;
  for (const MeasureUnit& u : AllMeasureUnits()) ids.push_back(u.id);
  return MakeError(
      ErrorCode::kNotFound,
      fmt::format("Đơn vị \"{}\" không được hỗ trợ (dùng: {})", text, fmt::join(ids, ", ")),
      fmt::format("Unit \"{}\" is not supported (use: {})", text, fmt::join(ids, ", ")));
}

Result<Decimal> ToCanonical(const Decimal& value, const MeasureUnit& unit, Dimension target) {
  if (unit.dimension != target) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Không đổi được {} sang đơn vị của chỉ tiêu ({})", unit.name_vi,
                                 DimensionId(target)),
                     fmt::format("Cannot convert {} to the indicator's unit ({})", unit.name_en,
                                 DimensionId(target)));
  }
  auto scaled = value.ScaledByPowerOfTen(unit.power_of_ten);
  if (!scaled) return scaled;
  return *scaled + Decimal::FromInt(unit.offset);
}

}  // namespace lienket::core
