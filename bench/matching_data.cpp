#include "bench/matching_data.hpp"

#include "bench/bench_rng.hpp"
#include "core/vi_text.hpp"
#include "tests/relevance/relevance_set.hpp"

namespace lienket::bench {
namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == sep) {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(current);
  return parts;
}

// "6-7;10-11" -> bits of months 6, 7, 10, 11 (ranges may wrap: "11-2").
std::uint16_t MonthSpec(const std::string& spec) {
  std::uint16_t bits = 0;
  for (const std::string& range : Split(spec, ';')) {
    const auto ends = Split(range, '-');
    int m = std::stoi(ends[0]);
    const int last = std::stoi(ends.size() > 1 ? ends[1] : ends[0]);
    while (true) {
      bits = static_cast<std::uint16_t>(bits | (1U << (m - 1)));
      if (m == last) break;
      m = m % 12 + 1;
    }
  }
  return bits;
}

std::string Replace(std::string text, const std::string& what, const std::string& with) {
  const auto at = text.find(what);
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

constexpr const char* kSellers[] = {"Hợp tác xã", "Công ty TNHH", "Hộ kinh doanh",
                                    "Tổ hợp tác", "Công ty cổ phần"};
constexpr const char* kRequestForms[] = {"Cần mua {name}", "Thu mua {name} số lượng lớn",
                                         "Siêu thị cần nhập {name}", "Tìm nguồn {name}",
                                         "Nhà phân phối cần {name}", "Bếp ăn cần {name}"};
constexpr std::uint32_t kCerts[] = {linkage::kCertVietGap, linkage::kCertGlobalGap,
                                    linkage::kCertOrganic, linkage::kCertGrowingAreaCode,
                                    linkage::kCertHaccp};

}  // namespace

core::Result<MatchingGenerator> MatchingGenerator::Load(const std::string& relevance_dir) {
  MatchingGenerator g;
  LIENKET_ASSIGN_OR_RETURN(rows, relevance::ReadCsvRows(relevance_dir + "/products.csv"));
  for (auto& row : rows) {
    Product p;
    p.name = row["product_name"];
    p.vcpa = row["vcpa"];
    p.hs = row["hs"];
    p.unit = row["unit"];
    p.months = MonthSpec(row["months"]);
    for (const std::string& origin : Split(row["origins"], '|')) {
      const auto colon = origin.find(':');
      p.origins.emplace_back(std::stoi(origin.substr(0, colon)), origin.substr(colon + 1));
    }
    p.titles = Split(row["titles"], '|');
    p.phrases = Split(row["descriptions"], '|');
    g.products_.push_back(std::move(p));
  }
  LIENKET_ASSIGN_OR_RETURN(provinces, relevance::LoadProvinces(relevance_dir + "/provinces.csv"));
  for (const auto& [code, province] : provinces) {
    g.provinces_.emplace_back(code, Place{province.name, province.lat, province.lon});
  }
  return g;
}

linkage::MatchListing MatchingGenerator::Offer(std::uint64_t i) const {
  Rng rng(0x6c69656e6b6574ULL ^ (i * 0x9E3779B97F4A7C15ULL));
  const Product& p = products_[rng.Next() % products_.size()];
  const auto& [code, place] = p.origins[rng.Next() % p.origins.size()];
  std::string title = p.titles[rng.Next() % p.titles.size()];
  const bool toneless = core::Fold(title) == title;
  title = Replace(title, "{place}", toneless ? core::Fold(place) : place);
  linkage::MatchListing l;
  l.id = i + 1;
  l.side = linkage::ListingSide::kOffer;
  l.organisation_id = 1'000'000 + rng.Next() % 200'000;
  l.province_id = code;
  for (const auto& [c, province] : provinces_) {
    if (c == code) {
      l.province_name = province.name;
      l.lat = province.lat;
      l.lon = province.lon;
    }
  }
  l.title = std::move(title);
  l.description = p.phrases[rng.Next() % p.phrases.size()] + ". " +
                  p.phrases[rng.Next() % p.phrases.size()] + ". " +
                  kSellers[rng.Next() % std::size(kSellers)] + " " + place + ", " +
                  l.province_name + ".";
  l.product_name = toneless ? core::Fold(p.name) : p.name;
  l.vcpa_code = rng.Next() % 10 == 0 ? p.vcpa.substr(0, 3) : p.vcpa;
  l.hs_code = rng.Next() % 2 == 0 ? p.hs : "";
  l.unit = p.unit;
  l.quantity = static_cast<double>(5 * (1 + rng.Next() % 200));
  l.min_order = static_cast<double>(rng.Next() % 6);
  l.months = p.months;
  for (std::uint32_t cert : kCerts) {
    if (rng.Next() % 5 == 0) l.certifications |= cert;
  }
  static constexpr int kStars[] = {0, 0, 0, 3, 3, 4, 5};
  l.ocop_stars = kStars[rng.Next() % std::size(kStars)];
  return l;
}

linkage::MatchListing MatchingGenerator::Request(std::uint64_t i) const {
  Rng rng(0x72657175657374ULL ^ (i * 0xBF58476D1CE4E5B9ULL));
  const Product& p = products_[rng.Next() % products_.size()];
  const auto& [code, place] = provinces_[rng.Next() % provinces_.size()];
  linkage::MatchListing l;
  l.id = 100'000'000 + i;
  l.side = linkage::ListingSide::kRequest;
  l.organisation_id = 9'000'000 + i;
  l.province_id = code;
  l.province_name = place.name;
  l.lat = place.lat;
  l.lon = place.lon;
  std::string title = Replace(kRequestForms[rng.Next() % std::size(kRequestForms)], "{name}",
                              p.name);
  if (rng.Next() % 3 == 0) {
    title += " " + p.origins[rng.Next() % p.origins.size()].second;
  }
  l.product_name = p.name;
  if (rng.Next() % 5 == 0) {  // typed without tones
    title = core::Fold(title);
    l.product_name = core::Fold(p.name);
  }
  l.title = std::move(title);
  l.vcpa_code = rng.Next() % 2 == 0 ? p.vcpa : "";
  l.unit = p.unit;
  l.quantity = static_cast<double>(1 + rng.Next() % 100);
  l.months = p.months;
  if (rng.Next() % 5 == 0) l.required_certs = linkage::kCertVietGap;
  if (rng.Next() % 6 == 0) l.required_stars = 3;
  return l;
}

}  // namespace lienket::bench
