// Products of the directory and the vocabulary that describes them: the VCPA product code (Hệ
// thống ngành sản phẩm Việt Nam, the statistics classification) and the HS customs code with the
// depth two codes share, the OCOP certificate (group, 3–5 stars, 36 months of validity),
// certifications (VietGAP, GlobalGAP, organic, growing-area code) as a set, units of measure with
// exact conversion between mass units (g, kg, yến, tạ, tấn) and between volume units (ml, lít),
// harvest or production months as a 12-bit set with seasons that wrap over the new year
// (Nov–Feb), and a price range in đồng per unit. No storage, no formatting for the web.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"

namespace lienket::linkage {

// ---- Product codes -------------------------------------------------------------------------

// A VCPA code (Vietnam Central Product Classification, Decision 43/2018/QĐ-TTg, 7 levels):
// level 1 is the section letter A–U, levels 2 to 7 have 2 to 7 digits ("01", "012", "0121",
// "01211", "012110", "0121101"). The section of a digit code follows from its first two digits
// (the VSIC 2018 division ranges: 01–03 A, 05–09 B, 10–33 C, …, 99 U).
class VcpaCode {
 public:
  // Accepts a section letter alone ("A"), 2–7 digits ("0121101"), or the letter followed by the
  // digits ("A0121101", which must agree). Dots and spaces are ignored ("01.21.101").
  // Errors: kInvalidArgument (empty, letters among digits, 1 or more than 7 digits, a division
  // that does not exist such as "04", a letter that disagrees with the digits).
  [[nodiscard]] static core::Result<VcpaCode> Parse(std::string_view text);

  [[nodiscard]] char section() const { return section_; }
  [[nodiscard]] const std::string& digits() const { return digits_; }  // empty at level 1
  [[nodiscard]] int Level() const { return digits_.empty() ? 1 : static_cast<int>(digits_.size()); }
  // "A" or the digits.
  [[nodiscard]] std::string ToString() const {
    return digits_.empty() ? std::string(1, section_) : digits_;
  }

  friend bool operator==(const VcpaCode&, const VcpaCode&) = default;

 private:
  char section_ = 'A';
  std::string digits_;
};

// How many levels two VCPA codes share, 0–7: 0 for different sections, 1 for the same section
// only, else the length of the common digit prefix (when at least 2). "0121101" and "0121102"
// share 6; "0121101" and "0122" share 3; "01" and "02" (both section A) share 1.
[[nodiscard]] int CommonLevels(const VcpaCode& a, const VcpaCode& b);

// An HS code (Harmonized System, as in Vietnam's export-import tariff nomenclature): chapter (2
// digits), heading (4), subheading (6) or national line (8). "0810.90.10" and "08109010" are the
// same code.
class HsCode {
 public:
  // Errors: kInvalidArgument for anything but 2, 4, 6 or 8 digits (dots and spaces ignored), or
  // chapter 00.
  [[nodiscard]] static core::Result<HsCode> Parse(std::string_view text);
  [[nodiscard]] const std::string& digits() const { return digits_; }
  [[nodiscard]] int Level() const { return static_cast<int>(digits_.size()) / 2; }  // 1..4
  friend bool operator==(const HsCode&, const HsCode&) = default;

 private:
  std::string digits_;
};

// How many levels two HS codes share, 0–4 (chapter, heading, subheading, national line).
[[nodiscard]] int CommonLevels(const HsCode& a, const HsCode& b);

// ---- OCOP ----------------------------------------------------------------------------------

// The six product groups of the OCOP programme 2021–2025 (Decision 919/QĐ-TTg of 1 August 2022,
// whose groups the rating criteria of Decision 148/QĐ-TTg of 2023 follow): food; beverages;
// medicinal herbs and herbal products; handicrafts (wood, natural fibre, metal, ceramics,
// textiles, embroidery... as souvenirs, decoration, household goods); ornamental plants and
// animals; community tourism, eco-tourism services and tourist sites.
enum class OcopGroup { kFood, kBeverage, kHerbal, kHandicraft, kOrnamental, kTourism };

[[nodiscard]] std::string_view OcopGroupId(OcopGroup group);      // "food", "beverage", ...
[[nodiscard]] std::string_view OcopGroupNameVi(OcopGroup group);  // "Thực phẩm", ...
[[nodiscard]] std::string_view OcopGroupNameEn(OcopGroup group);
// Accepts the ids, the group numbers 1–6, and Vietnamese names in any case or folding, including
// the names of the 2018–2020 programme ("Thảo dược", "Lưu niệm - nội thất - trang trí", "Vải và
// may mặc", both now handicrafts or herbal products). Errors: kInvalidArgument listing the groups.
[[nodiscard]] core::Result<OcopGroup> ParseOcopGroup(std::string_view text);

// Months an OCOP certificate counts for.
inline constexpr int kOcopValidityMonths = 36;

// `date` plus `months` calendar months, the day clamped to the end of a shorter month
// (2024-01-31 + 1 = 2024-02-29), as the Civil Code 2015 (art. 148) ends periods counted in months.
[[nodiscard]] core::Date AddMonths(const core::Date& date, int months);

struct OcopCertificate {
  OcopGroup group = OcopGroup::kFood;
  int stars = 3;  // 3, 4 or 5
  core::Date certified_on;

  // The last day the certificate counts: certified_on + 36 months. A certificate of 17/05/2021
  // counts on 17/05/2024 and not on 18/05/2024.
  [[nodiscard]] core::Date LastValidDay() const {
    return AddMonths(certified_on, kOcopValidityMonths);
  }
  // True from the certificate date to its last valid day, inclusive.
  [[nodiscard]] bool ValidOn(const core::Date& date) const {
    return certified_on <= date && date <= LastValidDay();
  }
};

// Stars 3, 4 or 5 from "4", "4*", "4 sao", "★★★★". Errors: kInvalidArgument (1–2 stars are
// not OCOP certificates).
[[nodiscard]] core::Result<int> ParseOcopStars(std::string_view text);

// ---- Certifications ------------------------------------------------------------------------

enum class Certification { kVietGap, kGlobalGap, kOrganic, kGrowingAreaCode };
inline constexpr int kCertificationCount = 4;

[[nodiscard]] std::string_view CertificationId(Certification c);      // "vietgap", ...
[[nodiscard]] std::string_view CertificationNameVi(Certification c);  // "VietGAP", "hữu cơ"...

class CertificationSet {
 public:
  constexpr CertificationSet() = default;
  CertificationSet(std::initializer_list<Certification> items) {
    for (Certification c : items) Add(c);
  }
  void Add(Certification c) { bits_ |= Bit(c); }
  [[nodiscard]] bool Has(Certification c) const { return (bits_ & Bit(c)) != 0; }
  [[nodiscard]] bool IsEmpty() const { return bits_ == 0; }
  // True when every certification of `required` is in this set.
  [[nodiscard]] bool ContainsAll(const CertificationSet& required) const {
    return (required.bits_ & ~bits_) == 0;
  }
  // The certifications of `required` missing here.
  [[nodiscard]] CertificationSet Missing(const CertificationSet& required) const {
    CertificationSet s;
    s.bits_ = static_cast<std::uint8_t>(required.bits_ & ~bits_);
    return s;
  }
  // "VietGAP, hữu cơ" (Vietnamese names) or ids "vietgap,organic" for storage.
  [[nodiscard]] std::string ToStringVi() const;
  [[nodiscard]] std::string ToIds() const;
  [[nodiscard]] std::uint8_t bits() const { return bits_; }
  friend bool operator==(const CertificationSet&, const CertificationSet&) = default;

 private:
  static std::uint8_t Bit(Certification c) {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(c));
  }
  std::uint8_t bits_ = 0;
};

// Parses a list separated by ',', ';', '|' or '/': "VietGAP; GlobalGAP", "hữu cơ", "organic",
// "mã số vùng trồng", "MSVT", "PUC" (growing-area code). Empty text is the empty set.
// Errors: kInvalidArgument naming the unknown item and the accepted ones.
[[nodiscard]] core::Result<CertificationSet> ParseCertifications(std::string_view text);

// ---- Months and seasons --------------------------------------------------------------------

// A set of calendar months (bit m-1 for month m), for harvest or production seasons.
class MonthSet {
 public:
  constexpr MonthSet() = default;
  [[nodiscard]] static constexpr MonthSet All() { return FromBits(0x0FFF); }
  [[nodiscard]] static constexpr MonthSet FromBits(std::uint16_t bits) {
    MonthSet s;
    s.bits_ = static_cast<std::uint16_t>(bits & 0x0FFF);
    return s;
  }
  // Months `from` to `to` inclusive, wrapping over the new year when from > to (Range(11, 2) is
  // Nov, Dec, Jan, Feb). Months outside 1..12 give the empty set.
  [[nodiscard]] static MonthSet Range(int from, int to);
  // The months that the days `from`..`to` touch (all twelve when a year or more; empty when
  // to < from).
  [[nodiscard]] static MonthSet Covering(const core::Date& from, const core::Date& to);

  void Add(int month) {
    if (month >= 1 && month <= 12) bits_ = static_cast<std::uint16_t>(bits_ | (1U << (month - 1)));
  }
  [[nodiscard]] bool Has(int month) const {
    return month >= 1 && month <= 12 && (bits_ & (1U << (month - 1))) != 0;
  }
  [[nodiscard]] int Count() const;
  [[nodiscard]] bool IsEmpty() const { return bits_ == 0; }
  [[nodiscard]] MonthSet Intersect(const MonthSet& other) const {
    return FromBits(bits_ & other.bits_);
  }
  [[nodiscard]] bool Overlaps(const MonthSet& other) const { return (bits_ & other.bits_) != 0; }
  [[nodiscard]] std::uint16_t bits() const { return bits_; }
  // Compact text with wrap-around runs in the order of their first month, a run over the new
  // year last: "11-2", "5-7", "1,3,5-7", "3,5-7,12-1", "1-12" for all, "" for none.
  // ParseMonthSet reads it back.
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const MonthSet&, const MonthSet&) = default;

 private:
  std::uint16_t bits_ = 0;
};

// Parses "5-7", "11-2" (wraps), "T11-T2", "tháng 5 đến tháng 7", "1,3,5-7", "quanh năm" /
// "cả năm" / "all year". Errors: kInvalidArgument (a month outside 1–12, unreadable text).
[[nodiscard]] core::Result<MonthSet> ParseMonthSet(std::string_view text);

// ---- Units of measure ----------------------------------------------------------------------

// Units products are traded in. Mass and volume units convert exactly among themselves; the
// others (packages, pieces) are counts that convert only to themselves.
enum class ProductUnit {
  kGram,
  kKilogram,
  kYen,    // yến, 10 kg
  kTa,     // tạ, 100 kg
  kTonne,  // tấn, 1000 kg
  kMillilitre,
  kLitre,
  kCarton,  // thùng
  kBox,     // hộp
  kBottle,  // chai
  kBag,     // túi
  kPack,    // gói
  kPiece,   // cái / chiếc
  kFruit,   // quả
};

[[nodiscard]] std::string_view ProductUnitId(ProductUnit unit);      // "kg", "tan", "thung"...
[[nodiscard]] std::string_view ProductUnitNameVi(ProductUnit unit);  // "kg", "tấn", "thùng"...
[[nodiscard]] std::string_view ProductUnitNameEn(ProductUnit unit);  // "kg", "tonne", "carton"
[[nodiscard]] bool IsMassUnit(ProductUnit unit);
[[nodiscard]] bool IsVolumeUnit(ProductUnit unit);
// Any accepted spelling, case and diacritics ignored: "kg", "kilogram", "tấn", "tan", "tonne",
// "t", "tạ", "yến", "lít", "l", "thùng", "carton", "hộp", "chai", "cái", "chiếc"...
// Errors: kInvalidArgument listing the ids.
[[nodiscard]] core::Result<ProductUnit> ParseProductUnit(std::string_view text);
// `value` in `from` expressed in `to`, exactly (1.5 tấn = 1500 kg = 15 tạ; 250 g = 0.25 kg).
// Errors: kInvalidArgument when the units are not both mass or both volume (and not equal),
// saying which, or when precision would be lost below 10^-9.
[[nodiscard]] core::Result<core::Decimal> ConvertQuantity(const core::Decimal& value,
                                                          ProductUnit from, ProductUnit to);

// ---- Product -------------------------------------------------------------------------------

// Prices in đồng per unit of the product, min <= max, both >= 0.
struct PriceRange {
  core::Decimal min;
  core::Decimal max;
  friend bool operator==(const PriceRange&, const PriceRange&) = default;
};

struct Product {
  std::int64_t id = 0;               // database id, 0 until stored
  std::int64_t organisation_id = 0;  // the producer
  std::string name_vi;               // "Vải thiều Lục Ngạn"
  std::string local_name;            // a name in the local or ethnic language, may be empty
  std::optional<VcpaCode> vcpa;
  std::optional<HsCode> hs;
  std::optional<OcopCertificate> ocop;
  CertificationSet certifications;
  ProductUnit unit = ProductUnit::kKilogram;
  std::optional<core::Decimal> capacity_per_year;  // in `unit`
  MonthSet season;                                 // harvest or production months
  std::optional<PriceRange> price;                 // đồng per `unit`
  std::string packaging;                           // "hộp 2 kg, thùng 10 kg"

  // True when an OCOP certificate counts on `date` (see OcopCertificate::ValidOn).
  [[nodiscard]] bool OcopValidOn(const core::Date& date) const {
    return ocop && ocop->ValidOn(date);
  }
  // The stars that count on `date`, 0 without a valid certificate.
  [[nodiscard]] int OcopStarsOn(const core::Date& date) const {
    return OcopValidOn(date) ? ocop->stars : 0;
  }
  // The first broken invariant: empty name; stars outside 3–5; negative capacity; a price with
  // min > max or negative. Errors: kInvalidArgument.
  [[nodiscard]] core::Status Validate() const;
};

}  // namespace lienket::linkage
