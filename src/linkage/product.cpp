#include "linkage/product.hpp"

#include <fmt/format.h>

#include <array>
#include <bit>
#include <vector>

#include "core/vi_text.hpp"

namespace lienket::linkage {

using core::Decimal;
using core::ErrorCode;
using core::MakeError;

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// VSIC 2018 sections by division (first two digits), which VCPA shares at levels 1–5.
struct SectionRange {
  int first;
  int last;
  char section;
};
constexpr SectionRange kSections[] = {
    {1, 3, 'A'},   {5, 9, 'B'},   {10, 33, 'C'}, {35, 35, 'D'}, {36, 39, 'E'}, {41, 43, 'F'},
    {45, 47, 'G'}, {49, 53, 'H'}, {55, 56, 'I'}, {58, 63, 'J'}, {64, 66, 'K'}, {68, 68, 'L'},
    {69, 75, 'M'}, {77, 82, 'N'}, {84, 84, 'O'}, {85, 85, 'P'}, {86, 88, 'Q'}, {90, 93, 'R'},
    {94, 96, 'S'}, {97, 98, 'T'}, {99, 99, 'U'},
};

char SectionOfDivision(int division) {
  for (const SectionRange& r : kSections) {
    if (division >= r.first && division <= r.last) return r.section;
  }
  return 0;
}

// Digits of a code, dots and spaces dropped; false if anything else appears.
bool CodeDigits(std::string_view text, std::string* digits) {
  for (char c : text) {
    if (c == '.' || c == ' ') continue;
    if (!IsDigit(c)) return false;
    digits->push_back(c);
  }
  return true;
}

std::size_t CommonPrefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

struct UnitInfo {
  ProductUnit unit;
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
  int kind;   // 0 mass, 1 volume, 2 count
  int power;  // power of ten of the base unit (kg, litre) for mass and volume
};
constexpr UnitInfo kUnits[] = {
    {ProductUnit::kGram, "g", "g", "g", 0, -3},
    {ProductUnit::kKilogram, "kg", "kg", "kg", 0, 0},
    {ProductUnit::kYen, "yen", "yến", "yen (10 kg)", 0, 1},
    {ProductUnit::kTa, "ta", "tạ", "quintal (100 kg)", 0, 2},
    {ProductUnit::kTonne, "tan", "tấn", "tonne", 0, 3},
    {ProductUnit::kMillilitre, "ml", "ml", "ml", 1, -3},
    {ProductUnit::kLitre, "lit", "lít", "litre", 1, 0},
    {ProductUnit::kCarton, "thung", "thùng", "carton", 2, 0},
    {ProductUnit::kBox, "hop", "hộp", "box", 2, 0},
    {ProductUnit::kBottle, "chai", "chai", "bottle", 2, 0},
    {ProductUnit::kBag, "tui", "túi", "bag", 2, 0},
    {ProductUnit::kPack, "goi", "gói", "pack", 2, 0},
    {ProductUnit::kPiece, "cai", "cái", "piece", 2, 0},
    {ProductUnit::kFruit, "qua", "quả", "fruit", 2, 0},
};

const UnitInfo& Info(ProductUnit unit) { return kUnits[static_cast<std::size_t>(unit)]; }

struct UnitAlias {
  std::string_view key;  // NameKey form
  ProductUnit unit;
};
constexpr UnitAlias kUnitAliases[] = {
    {"g", ProductUnit::kGram},
    {"gam", ProductUnit::kGram},
    {"gram", ProductUnit::kGram},
    {"kg", ProductUnit::kKilogram},
    {"kilogram", ProductUnit::kKilogram},
    {"kilogam", ProductUnit::kKilogram},
    {"kilo", ProductUnit::kKilogram},
    {"ki", ProductUnit::kKilogram},
    {"yen", ProductUnit::kYen},
    {"ta", ProductUnit::kTa},
    {"quintal", ProductUnit::kTa},
    {"tan", ProductUnit::kTonne},
    {"t", ProductUnit::kTonne},
    {"tonne", ProductUnit::kTonne},
    {"ton", ProductUnit::kTonne},
    {"ml", ProductUnit::kMillilitre},
    {"millilitre", ProductUnit::kMillilitre},
    {"l", ProductUnit::kLitre},
    {"lit", ProductUnit::kLitre},
    {"litre", ProductUnit::kLitre},
    {"liter", ProductUnit::kLitre},
    {"thung", ProductUnit::kCarton},
    {"carton", ProductUnit::kCarton},
    {"hop", ProductUnit::kBox},
    {"box", ProductUnit::kBox},
    {"chai", ProductUnit::kBottle},
    {"bottle", ProductUnit::kBottle},
    {"tui", ProductUnit::kBag},
    {"bag", ProductUnit::kBag},
    {"goi", ProductUnit::kPack},
    {"pack", ProductUnit::kPack},
    {"cai", ProductUnit::kPiece},
    {"chiec", ProductUnit::kPiece},
    {"piece", ProductUnit::kPiece},
    {"pcs", ProductUnit::kPiece},
    {"qua", ProductUnit::kFruit},
    {"fruit", ProductUnit::kFruit},
};

struct CertInfo {
  Certification c;
  std::string_view id;
  std::string_view name_vi;
};
constexpr CertInfo kCerts[] = {
    {Certification::kVietGap, "vietgap", "VietGAP"},
    {Certification::kGlobalGap, "globalgap", "GlobalGAP"},
    {Certification::kOrganic, "organic", "hữu cơ"},
    {Certification::kGrowingAreaCode, "growing_area_code", "mã số vùng trồng"},
};
struct CertAlias {
  std::string_view key;
  Certification c;
};
constexpr CertAlias kCertAliases[] = {
    {"vietgap", Certification::kVietGap},
    {"vietgahp", Certification::kVietGap},  // the livestock variant
    {"globalgap", Certification::kGlobalGap},
    {"organic", Certification::kOrganic},
    {"huuco", Certification::kOrganic},
    {"growingareacode", Certification::kGrowingAreaCode},
    {"masovungtrong", Certification::kGrowingAreaCode},
    {"msvt", Certification::kGrowingAreaCode},
    {"vungtrong", Certification::kGrowingAreaCode},
    {"puc", Certification::kGrowingAreaCode},  // production unit code, its English name
};

struct GroupInfo {
  OcopGroup group;
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
};
constexpr GroupInfo kGroups[] = {
    {OcopGroup::kFood, "food", "Thực phẩm", "Food"},
    {OcopGroup::kBeverage, "beverage", "Đồ uống", "Beverages"},
    {OcopGroup::kHerbal, "herbal", "Dược liệu và sản phẩm từ dược liệu",
     "Medicinal herbs and herbal products"},
    {OcopGroup::kHandicraft, "handicraft", "Hàng thủ công mỹ nghệ", "Handicrafts"},
    {OcopGroup::kOrnamental, "ornamental", "Sinh vật cảnh", "Ornamental plants and animals"},
    {OcopGroup::kTourism, "tourism", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
     "Community tourism, eco-tourism services and tourist sites"},
};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

// ---- Codes -----------------------------------------------------------------------------------

core::Result<VcpaCode> VcpaCode::Parse(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  auto invalid = [&](std::string_view why_vi, std::string_view why_en) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Mã sản phẩm VCPA \"{}\" không hợp lệ: {}", text, why_vi),
                     fmt::format("VCPA product code \"{}\" is not valid: {}", text, why_en));
  };
  if (text.empty()) return invalid("đang để trống", "it is empty");
  char letter = 0;
  std::string_view rest = text;
  if ((text[0] >= 'A' && text[0] <= 'Z') || (text[0] >= 'a' && text[0] <= 'z')) {
    letter = static_cast<char>(text[0] >= 'a' ? text[0] - 'a' + 'A' : text[0]);
    if (letter > 'U')
      return invalid("cấp 1 là một chữ cái từ A đến U", "level 1 is a letter A to U");
    rest = text.substr(1);
  }
  VcpaCode code;
  if (!CodeDigits(rest, &code.digits_)) {
    return invalid("chỉ gồm chữ số (có thể có chữ cái cấp 1 ở đầu)",
                   "it has digits only (optionally after the level-1 letter)");
  }
  if (code.digits_.empty()) {
    if (letter == 0) return invalid("không có chữ số", "it has no digits");
    code.section_ = letter;
    return code;
  }
  if (code.digits_.size() < 2 || code.digits_.size() > 7) {
    return invalid(
        fmt::format("có {} chữ số; mã cấp 2 đến cấp 7 có từ 2 đến 7 chữ số", code.digits_.size()),
        fmt::format("it has {} digits; levels 2 to 7 have 2 to 7 digits", code.digits_.size()));
  }
  const int division = (code.digits_[0] - '0') * 10 + (code.digits_[1] - '0');
  const char section = SectionOfDivision(division);
  if (section == 0) {
    return invalid(fmt::format("không có mã cấp 2 \"{:02}\"", division),
                   fmt::format("there is no level-2 code \"{:02}\"", division));
  }
  if (letter != 0 && letter != section) {
    return invalid(fmt::format("mã {:02} thuộc ngành {}, không phải {}", division, section, letter),
                   fmt::format("{:02} belongs to section {}, not {}", division, section, letter));
  }
  code.section_ = section;
  return code;
}

int CommonLevels(const VcpaCode& a, const VcpaCode& b) {
  if (a.section() != b.section()) return 0;
  const std::size_t prefix = CommonPrefix(a.digits(), b.digits());
  return prefix >= 2 ? static_cast<int>(prefix) : 1;
}

core::Result<HsCode> HsCode::Parse(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  HsCode code;
  const bool digits_only = CodeDigits(text, &code.digits_);
  const std::size_t n = code.digits_.size();
  if (!digits_only || n == 0 || n > 8 || n % 2 != 0 || code.digits_.compare(0, 2, "00") == 0) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Mã HS \"{}\" không hợp lệ: mã HS gồm 2, 4, 6 hoặc 8 chữ số (chương 01–99)",
                    text),
        fmt::format("HS code \"{}\" is not valid: an HS code has 2, 4, 6 or 8 digits (chapter "
                    "01–99)",
                    text));
  }
  return code;
}

int CommonLevels(const HsCode& a, const HsCode& b) {
  return static_cast<int>(CommonPrefix(a.digits(), b.digits()) / 2);
}

// ---- OCOP ------------------------------------------------------------------------------------

std::string_view OcopGroupId(OcopGroup group) { return kGroups[static_cast<int>(group)].id; }
std::string_view OcopGroupNameVi(OcopGroup group) {
  return kGroups[static_cast<int>(group)].name_vi;
}
std::string_view OcopGroupNameEn(OcopGroup group) {
  return kGroups[static_cast<int>(group)].name_en;
}

core::Result<OcopGroup> ParseOcopGroup(std::string_view text) {
  const std::string key = core::NameKey(text);
  for (const GroupInfo& g : kGroups) {
    if (key == g.id) return g.group;
  }
  if (key.size() == 1 && key[0] >= '1' && key[0] <= '6') {
    return static_cast<OcopGroup>(key[0] - '1');
  }
  if (!key.empty()) {
    // Folded words of the group names, current (Decision 919/QĐ-TTg) and of 2018–2020.
    if (Contains(key, "thucpham")) return OcopGroup::kFood;
    if (Contains(key, "douong")) return OcopGroup::kBeverage;
    if (Contains(key, "duoclieu") || Contains(key, "thaoduoc")) return OcopGroup::kHerbal;
    if (Contains(key, "thucong") || Contains(key, "mynghe") || Contains(key, "luuniem") ||
        Contains(key, "maymac") || Contains(key, "trangtri")) {
      return OcopGroup::kHandicraft;
    }
    if (Contains(key, "sinhvatcanh") || Contains(key, "caycanh")) return OcopGroup::kOrnamental;
    if (Contains(key, "dulich")) return OcopGroup::kTourism;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Nhóm sản phẩm OCOP \"{}\" không hợp lệ; các nhóm: 1 thực phẩm, 2 "
                               "đồ uống, 3 dược liệu, 4 thủ công mỹ nghệ, 5 sinh vật cảnh, 6 dịch "
                               "vụ du lịch",
                               core::TrimSpaces(text)),
                   fmt::format("OCOP group \"{}\" is not valid; groups: food, beverage, herbal, "
                               "handicraft, ornamental, tourism (or 1–6)",
                               core::TrimSpaces(text)));
}

core::Date AddMonths(const core::Date& date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  return core::Date{year, month, std::min(date.day, core::DaysInMonth(year, month))};
}

core::Result<int> ParseOcopStars(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  int stars = 0;
  std::string key = core::NameKey(text);
  if (key.size() >= 1 && IsDigit(key[0]) &&
      (key.size() == 1 || key.substr(1) == "sao" || key.substr(1) == "star" ||
       key.substr(1) == "stars")) {
    stars = key[0] - '0';
  } else if (!text.empty() && key.empty()) {
    // "★★★★" or "4*": count the stars when the text is only stars (and maybe a digit).
    std::string_view rest = text;
    int count = 0;
    while (rest.substr(0, 3) == "\u2605") {
      ++count;
      rest.remove_prefix(3);
    }
    if (rest.empty()) stars = count;
  }
  if (stars == 0 && text.size() == 2 && IsDigit(text[0]) && text[1] == '*') stars = text[0] - '0';
  if (stars < 3 || stars > 5) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Hạng sao OCOP \"{}\" không hợp lệ: sản phẩm OCOP được công nhận "
                                 "3, 4 hoặc 5 sao",
                                 text),
                     fmt::format("OCOP stars \"{}\" are not valid: OCOP products are rated 3, 4 "
                                 "or 5 stars",
                                 text));
  }
  return stars;
}

// ---- Certifications --------------------------------------------------------------------------

std::string_view CertificationId(Certification c) { return kCerts[static_cast<int>(c)].id; }
std::string_view CertificationNameVi(Certification c) {
  return kCerts[static_cast<int>(c)].name_vi;
}

std::string CertificationSet::ToStringVi() const {
  std::string out;
  for (const CertInfo& info : kCerts) {
    if (!Has(info.c)) continue;
    if (!out.empty()) out += ", ";
    out += info.name_vi;
  }
  return out;
}

std::string CertificationSet::ToIds() const {
  std::string out;
  for (const CertInfo& info : kCerts) {
    if (!Has(info.c)) continue;
    if (!out.empty()) out += ",";
    out += info.id;
  }
  return out;
}

core::Result<CertificationSet> ParseCertifications(std::string_view text) {
  CertificationSet set;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(",;|/", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = core::TrimSpaces(text.substr(start, end - start));
    if (!item.empty()) {
      const std::string key = core::NameKey(item);
      bool found = false;
      for (const CertAlias& a : kCertAliases) {
        if (a.key == key) {
          set.Add(a.c);
          found = true;
        }
      }
      if (!found) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("Chứng nhận \"{}\" không có trong danh mục; dùng: VietGAP, "
                                     "GlobalGAP, hữu cơ, mã số vùng trồng",
                                     item),
                         fmt::format("Certification \"{}\" is not known; use: VietGAP, GlobalGAP, "
                                     "organic, growing_area_code",
                                     item));
      }
    }
    start = end + 1;
  }
  return set;
}

// ---- Months ----------------------------------------------------------------------------------

MonthSet MonthSet::Range(int from, int to) {
  MonthSet s;
  if (from < 1 || from > 12 || to < 1 || to > 12) return s;
  for (int m = from;; m = m % 12 + 1) {
    s.Add(m);
    if (m == to) break;
  }
  return s;
}

MonthSet MonthSet::Covering(const core::Date& from, const core::Date& to) {
  MonthSet s;
  if (to < from) return s;
  int index = from.year * 12 + from.month - 1;
  const int last = to.year * 12 + to.month - 1;
  for (int n = 0; index <= last && n < 12; ++index, ++n) s.Add(index % 12 + 1);
  return s;
}

int MonthSet::Count() const { return std::popcount(static_cast<unsigned>(bits_)); }

std::string MonthSet::ToString() const {
  if (bits_ == 0) return "";
  if (bits_ == 0x0FFF) return "1-12";
  // Start at a month that is in the set and whose predecessor is not, so a run over the new
  // year stays one run ("11-2").
  int start = 1;
  for (int m = 1; m <= 12; ++m) {
    if (Has(m) && !Has(m == 1 ? 12 : m - 1)) {
      start = m;
      break;
    }
  }
  std::vector<std::string> parts;
  int m = start;
  for (int seen = 0; seen < 12;) {
    if (!Has(m)) {
      m = m % 12 + 1;
      ++seen;
      continue;
    }
    const int first = m;
    int last = m;
    while (seen < 12 && Has(m)) {
      last = m;
      m = m % 12 + 1;
      ++seen;
    }
    parts.push_back(first == last ? std::to_string(first) : fmt::format("{}-{}", first, last));
  }
  return fmt::format("{}", fmt::join(parts, ","));
}

core::Result<MonthSet> ParseMonthSet(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  auto invalid = [&]() {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Thời vụ \"{}\" không đọc được; ghi các tháng như \"5-7\", "
                                 "\"11-2\" hoặc \"1,3,5-7\", hay \"quanh năm\"",
                                 text),
                     fmt::format("Season \"{}\" cannot be read; write months as \"5-7\", \"11-2\" "
                                 "or \"1,3,5-7\", or \"all year\"",
                                 text));
  };
  std::string folded = core::Fold(text);
  for (std::string_view all : {"quanh nam", "ca nam", "all year", "year round", "year-round"}) {
    if (folded == all) return MonthSet::All();
  }
  // Words to separators: "thang 5 den thang 7" -> " 5 - 7".
  auto replace_all = [&folded](std::string_view from, std::string_view to) {
    std::string out;
    for (std::size_t p = 0; p < folded.size();) {
      if (std::string_view(folded).substr(p, from.size()) == from) {
        out += to;
        p += from.size();
      } else {
        out += folded[p++];
      }
    }
    folded = std::move(out);
  };
  replace_all("thang", " ");
  replace_all("den", "-");
  replace_all("to", "-");
  replace_all("t", " ");
  MonthSet set;
  std::size_t start = 0;
  bool any = false;
  while (start <= folded.size()) {
    std::size_t end = folded.find_first_of(",;", start);
    if (end == std::string::npos) end = folded.size();
    const std::string piece(core::TrimSpaces(std::string_view(folded).substr(start, end - start)));
    start = end + 1;
    if (piece.empty()) continue;
    auto number = [](std::string_view s) -> int {
      s = core::TrimSpaces(s);
      if (s.empty() || s.size() > 2) return -1;
      int v = 0;
      for (char c : s) {
        if (!IsDigit(c)) return -1;
        v = v * 10 + (c - '0');
      }
      return v;
    };
    const std::size_t dash = piece.find('-');
    int from = 0;
    int to = 0;
    if (dash == std::string::npos) {
      from = to = number(piece);
    } else {
      from = number(std::string_view(piece).substr(0, dash));
      to = number(std::string_view(piece).substr(dash + 1));
    }
    if (from < 1 || from > 12 || to < 1 || to > 12) return invalid();
    set = MonthSet::FromBits(set.bits() | MonthSet::Range(from, to).bits());
    any = true;
  }
  if (!any) return invalid();
  return set;
}

// ---- Units -----------------------------------------------------------------------------------

std::string_view ProductUnitId(ProductUnit unit) { return Info(unit).id; }
std::string_view ProductUnitNameVi(ProductUnit unit) { return Info(unit).name_vi; }
std::string_view ProductUnitNameEn(ProductUnit unit) { return Info(unit).name_en; }
bool IsMassUnit(ProductUnit unit) { return Info(unit).kind == 0; }
bool IsVolumeUnit(ProductUnit unit) { return Info(unit).kind == 1; }

core::Result<ProductUnit> ParseProductUnit(std::string_view text) {
  const std::string key = core::NameKey(text);
  for (const UnitAlias& a : kUnitAliases) {
    if (a.key == key) return a.unit;
  }
  std::vector<std::string_view> ids;
  for (const UnitInfo& u : kUnits) ids.push_back(u.name_vi);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Đơn vị tính \"{}\" không có trong danh mục; dùng: {}",
                               core::TrimSpaces(text), fmt::join(ids, ", ")),
                   fmt::format("Unit \"{}\" is not known; use: {}", core::TrimSpaces(text),
                               fmt::join(ids, ", ")));
}

core::Result<Decimal> ConvertQuantity(const Decimal& value, ProductUnit from, ProductUnit to) {
  if (from == to) return value;
  const UnitInfo& a = Info(from);
  const UnitInfo& b = Info(to);
  if (a.kind != b.kind || a.kind == 2) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Không quy đổi được từ {} sang {}", a.name_vi, b.name_vi),
                     fmt::format("Cannot convert {} to {}", a.name_en, b.name_en));
  }
  auto scaled = value.ScaledByPowerOfTen(a.power - b.power);
  if (!scaled) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Quy đổi {} {} sang {} làm mất độ chính xác", value.ToString(),
                                 a.name_vi, b.name_vi),
                     fmt::format("Converting {} {} to {} would lose precision", value.ToString(),
                                 a.name_en, b.name_en));
  }
  return *scaled;
}

// ---- Product ---------------------------------------------------------------------------------

core::Status Product::Validate() const {
  if (core::TrimSpaces(name_vi).empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "Tên sản phẩm đang để trống",
                     "The product's name is empty");
  }
  if (ocop && (ocop->stars < 3 || ocop->stars > 5)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Sản phẩm OCOP được công nhận 3, 4 hoặc 5 sao, không phải {}", ocop->stars),
        fmt::format("OCOP products are rated 3, 4 or 5 stars, not {}", ocop->stars));
  }
  if (capacity_per_year && capacity_per_year->IsNegative()) {
    return MakeError(ErrorCode::kInvalidArgument, "Công suất một năm không thể âm",
                     "The capacity per year cannot be negative");
  }
  if (price) {
    if (price->min.IsNegative() || price->max.IsNegative()) {
      return MakeError(ErrorCode::kInvalidArgument, "Giá không thể âm",
                       "A price cannot be negative");
    }
    if (price->max < price->min) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Giá thấp nhất {} lớn hơn giá cao nhất {}",
                                   price->min.ToString(), price->max.ToString()),
                       fmt::format("The lowest price {} is above the highest {}",
                                   price->min.ToString(), price->max.ToString()));
    }
  }
  return {};
}

}  // namespace lienket::linkage
