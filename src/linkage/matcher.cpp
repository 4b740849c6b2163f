#include "linkage/matcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/decimal.hpp"
#include "core/number_format.hpp"

namespace lienket::linkage {
namespace {

constexpr std::uint16_t kAllYear = 0x0FFF;
constexpr double kEarthRadiusKm = 6371.0;
constexpr double kPi = 3.14159265358979323846;

std::string Quantity(double value, core::Language language) {
  const double rounded = std::round(value);
  if (std::fabs(value - rounded) < 1e-9) {
    return core::FormatNumber(core::Decimal::FromInt(static_cast<std::int64_t>(rounded)), 0,
                              language);
  }
  auto parsed = core::Decimal::Parse(fmt::format("{:.1f}", value));
  return parsed ? core::FormatNumber(*parsed, 1, language) : fmt::format("{:.1f}", value);
}

std::string EnglishMonths(std::uint16_t months) {
  static constexpr const char* kNames[] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};
  std::string ranges = MonthRanges(months);
  // Replace each month number of "5–7, 11–2" by its name.
  std::string out;
  for (std::size_t i = 0; i < ranges.size();) {
    if (ranges[i] >= '0' && ranges[i] <= '9') {
      int m = 0;
      while (i < ranges.size() && ranges[i] >= '0' && ranges[i] <= '9') m = m * 10 + (ranges[i++] - '0');
      out += kNames[(m - 1) % 12];
    } else {
      out.push_back(ranges[i++]);
    }
  }
  return out;
}

const MatchListing& OfferOf(const MatchListing& a, const MatchListing& b) {
  return a.side == ListingSide::kOffer ? a : b;
}
const MatchListing& RequestOf(const MatchListing& a, const MatchListing& b) {
  return a.side == ListingSide::kOffer ? b : a;
}

// The code part of one classification: common prefix over the longer code, 0 below 2 digits.
double CodePart(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  const int common = CommonPrefixDigits(a, b);
  if (common < 2) return 0.0;
  return static_cast<double>(common) / static_cast<double>(std::max(a.size(), b.size()));
}

}  // namespace

int CommonPrefixDigits(std::string_view a, std::string_view b) {
  int n = 0;
  while (static_cast<std::size_t>(n) < a.size() && static_cast<std::size_t>(n) < b.size() &&
         a[n] == b[n]) {
    ++n;
  }
  return n;
}

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double to_rad = kPi / 180.0;
  const double dlat = (lat2 - lat1) * to_rad;
  const double dlon = (lon2 - lon1) * to_rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * to_rad) * std::cos(lat2 * to_rad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string MonthRanges(std::uint16_t months) {
  months &= kAllYear;
  if (months == 0) return "";
  if (months == kAllYear) return "1–12";
  auto has = [months](int m) { return (months >> (((m % 12) + 12) % 12)) & 1U; };  // m 0-based
  // Start at a month that is set and whose predecessor is not, so wrapping runs stay whole.
  int start = 0;
  while (!(has(start) && !has(start - 1))) ++start;
  std::string out;
  for (int i = 0; i < 12;) {
    const int m = start + i;
    if (!has(m)) {
      ++i;
      continue;
    }
    int j = i;
    while (j + 1 < 12 && has(start + j + 1)) ++j;
    if (!out.empty()) out += ", ";
    const int first = m % 12 + 1;
    const int last = (start + j) % 12 + 1;
    out += first == last ? std::to_string(first)
                         : std::to_string(first) + "–" + std::to_string(last);
    i = j + 1;
  }
  return out;
}

double SeasonFit(std::uint16_t offer_months, std::uint16_t request_months) {
  const std::uint16_t o = (offer_months & kAllYear) == 0 ? kAllYear : (offer_months & kAllYear);
  const std::uint16_t r =
      (request_months & kAllYear) == 0 ? kAllYear : (request_months & kAllYear);
  return static_cast<double>(std::popcount(static_cast<unsigned>(o & r))) /
         static_cast<double>(std::popcount(static_cast<unsigned>(r)));
}

double QuantityFit(double request_quantity, double capacity, double min_order) {
  if (request_quantity <= 0 || capacity <= 0) return 0.5;
  if (min_order > 0 && request_quantity < min_order) return 0.2;
  if (request_quantity <= capacity) return 1.0;
  return capacity / request_quantity;
}

Matcher::Matcher(MatchWeights weights)
    : weights_(weights), offers_(weights.text_weights), requests_(weights.text_weights) {}

core::Status Matcher::Add(MatchListing listing) {
  const std::string id = std::to_string(listing.id);
  if (listings_.count(listing.id) != 0) {
    return core::MakeError(core::ErrorCode::kAlreadyExists, "Tin " + id + " đã có",
                           "Listing " + id + " already exists");
  }
  if (listing.months > kAllYear) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Tin " + id + ": tháng ngoài 1–12",
                           "Listing " + id + ": months outside 1–12");
  }
  if (listing.ocop_stars < 0 || listing.ocop_stars > 5 || listing.required_stars < 0 ||
      listing.required_stars > 5) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Tin " + id + ": số sao OCOP phải từ 0 đến 5",
                           "Listing " + id + ": OCOP stars must be 0 to 5");
  }
  if (!(listing.quantity >= 0) || !(listing.min_order >= 0)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Tin " + id + ": số lượng âm", "Listing " + id + ": negative quantity");
  }
  if (!(std::fabs(listing.lat) <= 90) || !(std::fabs(listing.lon) <= 180)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Tin " + id + ": toạ độ không hợp lệ",
                           "Listing " + id + ": coordinates out of range");
  }
  TextIndex& index = listing.side == ListingSide::kOffer ? offers_ : requests_;
  LIENKET_RETURN_IF_ERROR(
      index.Add(listing.id, listing.title + " \n " + listing.product_name, listing.description));
  listing.description.clear();
  listing.description.shrink_to_fit();
  listings_.emplace(listing.id, std::move(listing));
  return {};
}

core::Status Matcher::Remove(std::uint64_t id) {
  auto it = listings_.find(id);
  if (it == listings_.end()) {
    return core::MakeError(core::ErrorCode::kNotFound, "Không có tin " + std::to_string(id),
                           "No listing " + std::to_string(id));
  }
  TextIndex& index = it->second.side == ListingSide::kOffer ? offers_ : requests_;
  LIENKET_RETURN_IF_ERROR(index.Remove(id));
  listings_.erase(it);
  return {};
}

void Matcher::AddVeto(std::uint64_t organisation, std::uint64_t vetoed) {
  vetoes_.emplace(std::min(organisation, vetoed), std::max(organisation, vetoed));
}

void Matcher::SetVetoes(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& pairs) {
  vetoes_.clear();
  for (const auto& [organisation, vetoed] : pairs) AddVeto(organisation, vetoed);
}

Exclusion Matcher::CheckPair(const MatchListing& a, const MatchListing& b) const {
  if (a.side == b.side) return Exclusion::kSameSide;
  if (a.organisation_id == b.organisation_id) return Exclusion::kSameOrganisation;
  if (!vetoes_.empty() &&
      vetoes_.count({std::min(a.organisation_id, b.organisation_id),
                     std::max(a.organisation_id, b.organisation_id)}) != 0) {
    return Exclusion::kVetoed;
  }
  const MatchListing& o = OfferOf(a, b);
  const MatchListing& r = RequestOf(a, b);
  if (o.ocop_stars < r.required_stars) return Exclusion::kStars;
  if ((o.certifications & r.required_certs) != r.required_certs) {
    return Exclusion::kCertifications;
  }
  if (!o.delivery_provinces.empty()) {
    bool reaches = false;
    if (r.delivery_provinces.empty()) {
      reaches = std::find(o.delivery_provinces.begin(), o.delivery_provinces.end(),
                          r.province_id) != o.delivery_provinces.end();
    } else {
      for (int p : r.delivery_provinces) {
        reaches = reaches || std::find(o.delivery_provinces.begin(), o.delivery_provinces.end(),
                                       p) != o.delivery_provinces.end();
      }
    }
    if (!reaches) return Exclusion::kDelivery;
  }
  return Exclusion::kNone;
}

MatchScore Matcher::ScoreParts(const MatchListing& a, const MatchListing& b,
                               double text) const {
  const MatchListing& o = OfferOf(a, b);
  const MatchListing& r = RequestOf(a, b);
  MatchScore s;
  s.text = std::clamp(text, 0.0, 1.0);
  s.code = std::max(CodePart(a.vcpa_code, b.vcpa_code), CodePart(a.hs_code, b.hs_code));
  s.quantity = QuantityFit(r.quantity, o.quantity, o.min_order);
  s.season = SeasonFit(o.months, r.months);
  s.distance_km = HaversineKm(a.lat, a.lon, b.lat, b.lon);
  s.distance = std::exp(-s.distance_km / std::max(1.0, weights_.distance_scale_km));
  s.inter_province = a.province_id != b.province_id ? 1.0 : 0.0;
  s.total = weights_.text * s.text + weights_.code * s.code + weights_.quantity * s.quantity +
            weights_.season * s.season + weights_.distance * s.distance +
            weights_.inter_province * s.inter_province;
  return s;
}

void Matcher::Explain(const MatchListing& a, const MatchListing& b, MatchScore* score) const {
  const MatchListing& o = OfferOf(a, b);
  const MatchListing& r = RequestOf(a, b);
  const MatchListing& other = b;  // the counterpart shown to the user
  MatchScore& s = *score;
  s.reasons_vi.clear();
  s.reasons_en.clear();
  auto reason = [&s](std::string vi, std::string en) {
    s.reasons_vi.push_back(std::move(vi));
    s.reasons_en.push_back(std::move(en));
  };

  if (s.text >= 0.5) {
    reason(fmt::format("khớp tên: {}", other.product_name.empty() ? "mô tả" : other.product_name),
           fmt::format("name matches: {}",
                       other.product_name.empty() ? "description" : other.product_name));
  }

  const double vcpa_part = CodePart(a.vcpa_code, b.vcpa_code);
  const double hs_part = CodePart(a.hs_code, b.hs_code);
  if (vcpa_part >= hs_part && vcpa_part > 0) {
    if (vcpa_part == 1.0) {
      reason(fmt::format("cùng mã sản phẩm VCPA {} ({})", b.vcpa_code, other.product_name),
             fmt::format("same VCPA product code {} ({})", b.vcpa_code, other.product_name));
    } else {
      const std::string prefix =
          b.vcpa_code.substr(0, static_cast<std::size_t>(CommonPrefixDigits(a.vcpa_code, b.vcpa_code)));
      reason(fmt::format("cùng nhóm sản phẩm VCPA {}", prefix),
             fmt::format("same VCPA product group {}", prefix));
    }
  } else if (hs_part > 0) {
    const std::string prefix =
        b.hs_code.substr(0, static_cast<std::size_t>(CommonPrefixDigits(a.hs_code, b.hs_code)));
    reason(fmt::format("{} mã HS {}", hs_part == 1.0 ? "cùng" : "cùng nhóm", prefix),
           fmt::format("{} HS code {}", hs_part == 1.0 ? "same" : "same group of", prefix));
  }

  if (r.quantity > 0 && o.quantity > 0) {
    using core::Language;
    const std::string unit = o.unit.empty() ? "" : " " + o.unit;
    if (o.min_order > 0 && r.quantity < o.min_order) {
      reason(fmt::format("cần {}{}, dưới mức đặt tối thiểu {}{}",
                         Quantity(r.quantity, Language::kVietnamese), unit,
                         Quantity(o.min_order, Language::kVietnamese), unit),
             fmt::format("needs {}{}, below the minimum order of {}{}",
                         Quantity(r.quantity, Language::kEnglish), unit,
                         Quantity(o.min_order, Language::kEnglish), unit));
    } else if (r.quantity <= o.quantity) {
      reason(fmt::format("đủ sản lượng: cần {}{}, có {}{}",
                         Quantity(r.quantity, Language::kVietnamese), unit,
                         Quantity(o.quantity, Language::kVietnamese), unit),
             fmt::format("enough supply: {}{} wanted, {}{} available",
                         Quantity(r.quantity, Language::kEnglish), unit,
                         Quantity(o.quantity, Language::kEnglish), unit));
    } else {
      const int percent = static_cast<int>(std::lround(100 * s.quantity));
      reason(fmt::format("đáp ứng {}% nhu cầu ({}{} trên {}{})", percent,
                         Quantity(o.quantity, Language::kVietnamese), unit,
                         Quantity(r.quantity, Language::kVietnamese), unit),
             fmt::format("covers {}% of the need ({}{} of {}{})", percent,
                         Quantity(o.quantity, Language::kEnglish), unit,
                         Quantity(r.quantity, Language::kEnglish), unit));
    }
  }

  const std::uint16_t om = (o.months & kAllYear) == 0 ? kAllYear : o.months;
  const std::uint16_t rm = (r.months & kAllYear) == 0 ? kAllYear : r.months;
  const auto overlap = static_cast<std::uint16_t>(om & rm);
  if (overlap == kAllYear) {
    reason("có quanh năm", "available all year");
  } else if (overlap != 0) {
    reason(fmt::format("đúng mùa: tháng {}", MonthRanges(overlap)),
           fmt::format("in season: {}", EnglishMonths(overlap)));
  } else {
    reason(fmt::format("lệch mùa: hàng có tháng {}", MonthRanges(om)),
           fmt::format("out of season: available {}", EnglishMonths(om)));
  }

  const auto km = static_cast<std::int64_t>(std::lround(s.distance_km));
  const std::string km_vi =
      core::FormatNumber(core::Decimal::FromInt(km), 0, core::Language::kVietnamese);
  const std::string km_en =
      core::FormatNumber(core::Decimal::FromInt(km), 0, core::Language::kEnglish);
  if (s.inter_province > 0) {
    const std::string from = o.province_name.empty() ? "?" : o.province_name;
    const std::string to = r.province_name.empty() ? "?" : r.province_name;
    reason(fmt::format("liên tỉnh: {} → {}, cách {} km", from, to, km_vi),
           fmt::format("between provinces: {} → {}, {} km apart", from, to, km_en));
  } else {
    reason("cùng tỉnh", "same province");
  }
  if (o.ocop_stars >= 3) {
    reason(fmt::format("sản phẩm OCOP {} sao", o.ocop_stars),
           fmt::format("{}-star OCOP product", o.ocop_stars));
  }
}

MatchScore Matcher::ScorePair(const MatchListing& a, const MatchListing& b, double text) const {
  MatchScore s = ScoreParts(a, b, text);
  Explain(a, b, &s);
  return s;
}

core::Result<std::vector<Match>> Matcher::FindMatches(std::uint64_t id, std::size_t k) const {
  auto it = listings_.find(id);
  if (it == listings_.end()) {
    return core::MakeError(core::ErrorCode::kNotFound, "Không có tin " + std::to_string(id),
                           "No listing " + std::to_string(id));
  }
  return FindMatches(it->second, k);
}

std::vector<Match> Matcher::FindMatches(const MatchListing& query, std::size_t k) const {
  std::vector<Match> matches;
  if (k == 0) return matches;
  const TextIndex& index = query.side == ListingSide::kOffer ? requests_ : offers_;
  const TextQuery text_query = TextIndex::Prepare(query.title + " \n " + query.product_name);
  std::size_t want = std::max(weights_.min_candidates, 20 * k);
  while (true) {
    const std::vector<TextHit> hits = index.Search(text_query, want);
    matches.clear();
    const double best = hits.empty() ? 1.0 : hits.front().score;
    for (const TextHit& hit : hits) {
      auto found = listings_.find(hit.id);
      if (found == listings_.end()) continue;
      const MatchListing& candidate = found->second;
      if (CheckPair(query, candidate) != Exclusion::kNone) continue;
      MatchScore score = ScoreParts(query, candidate, hit.score / best);
      if (score.text < weights_.min_text_share && score.code < 0.5) continue;
      matches.push_back(Match{hit.id, std::move(score)});
    }
    if (matches.size() >= k || hits.size() < want) break;
    want *= 4;
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.score.total != b.score.total ? a.score.total > b.score.total
                                          : a.listing_id < b.listing_id;
  });
  if (matches.size() > k) matches.resize(k);
  for (Match& m : matches) Explain(query, listings_.at(m.listing_id), &m.score);
  return matches;
}

}  // namespace lienket::linkage
