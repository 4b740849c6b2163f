// Matcher: for a listing — an offer (cung) or a request (cầu) — the best counterpart listings,
// each with a score whose parts and reasons are shown to the user ("cùng mã sản phẩm VCPA 01215
// (vải thiều)", "đúng mùa: tháng 5–7", "cách 180 km").
//
// How a pair (offer o, request r) is scored, every part in [0, 1]:
//   text            BM25 of the counterpart's text for the listing's title and product name
//                   (TextIndex: exact words above tone-folded ones, bigrams boosted), divided by
//                   the best text score among the candidates, so the best text match has 1.
//   code            longest common prefix of the VCPA codes (digits) over the longer code, or of
//                   the HS codes, whichever is higher; fewer than 2 common digits count 0.
//   quantity        r.quantity against o.quantity (capacity) and o.min_order: 1 when the offer
//                   covers the request, capacity/quantity when it covers part of it, 0.2 below
//                   the minimum order, 0.5 when either quantity is unknown (0).
//   season          months of r that o also covers, over r's months (12-bit sets, month m is
//                   bit m-1; an empty set means all year).
//   distance        exp(-km / distance_scale_km), km the haversine distance between the two
//                   provinces' centroids (decreasing: 1 in the same province, 0.5 at ~170 km).
//   inter_province  1 when the provinces differ: the conference wants goods to cross provinces.
//   total = Σ weight × part (MatchWeights below; the defaults were tuned on the labelled set in
//   tests/relevance/, see its README).
// Relevance floor: a candidate whose text part is under MatchWeights::min_text_share and whose
// product code is not close is left out (it shares only a common word with the listing).
// Hard filters (the pair is never returned): same side, same organisation, a veto by either
// organisation, o.ocop_stars < r.required_stars, o lacks one of r.required_certs, or o names
// delivery provinces and none is where r wants the goods (r.delivery_provinces, or r's own
// province when r names none).
//
// Retrieval: candidates are the best text matches of the opposite side (TextIndex top-N, N grown
// until k pairs pass the filters or the matches run out); listings with no word in common with
// the query are not considered.
//
// Thread safety: FindMatches may run concurrently; Add, Remove and AddVeto need exclusive access.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "linkage/text_index.hpp"

namespace lienket::linkage {

enum class ListingSide { kOffer, kRequest };

// Certifications as bits of MatchListing::certifications and required_certs.
enum CertificationBit : std::uint32_t {
  kCertVietGap = 1U << 0,
  kCertGlobalGap = 1U << 1,
  kCertOrganic = 1U << 2,
  kCertGrowingAreaCode = 1U << 3,  // mã số vùng trồng
  kCertHaccp = 1U << 4,
};

// The flat view of a listing the matcher needs (independent of the directory's types).
struct MatchListing {
  std::uint64_t id = 0;
  ListingSide side = ListingSide::kOffer;
  std::uint64_t organisation_id = 0;
  int province_id = 0;             // GSO code of the province (dated unit), e.g. 24 Bắc Giang
  std::string province_name;       // for the reasons: "Bắc Giang"
  double lat = 0, lon = 0;         // the province's centroid, degrees
  std::string title;
  std::string description;
  std::string product_name;        // "vải thiều"
  std::string vcpa_code;           // digits, e.g. "01215"; empty when unknown
  std::string hs_code;             // digits, e.g. "081090"; empty when unknown
  std::string unit;                // unit of quantity and min_order, e.g. "tấn"
  double quantity = 0;             // offer: capacity; request: quantity wanted; 0 unknown
  double min_order = 0;            // offer: minimum order; 0 none
  std::uint16_t months = 0;        // bit m-1 set for month m; 0 means all year
  std::uint32_t certifications = 0;  // CertificationBit set the product holds
  int ocop_stars = 0;              // 0, 3, 4 or 5
  int required_stars = 0;          // request: minimum OCOP stars of the offer
  std::uint32_t required_certs = 0;  // request: CertificationBit set the offer must hold
  std::vector<int> delivery_provinces;  // offer: where it delivers (empty: anywhere);
                                        // request: where it wants the goods (empty: own province)
};

struct MatchScore {
  double total = 0;
  double text = 0;
  double code = 0;
  double quantity = 0;
  double season = 0;
  double distance = 0;  // the part in [0, 1]; distance_km holds the kilometres
  double inter_province = 0;
  double distance_km = 0;
  std::vector<std::string> reasons_vi;
  std::vector<std::string> reasons_en;
};

struct Match {
  std::uint64_t listing_id = 0;
  MatchScore score;
};

struct MatchWeights {
  double text = 0.40;
  double code = 0.20;
  double quantity = 0.10;
  double season = 0.15;
  double distance = 0.10;
  double inter_province = 0.05;
  double distance_scale_km = 250;
  std::size_t min_candidates = 200;  // text candidates examined before the filters, at least
  // A counterpart is offered only when its text relevance is at least this share of the best
  // candidate's, or its product code is close (code part ≥ 0.5): one common word ("tươi") does
  // not make rice a match for lychee.
  double min_text_share = 0.4;
  TextWeights text_weights;
};

// Why a pair is not offered to the user.
enum class Exclusion {
  kNone,
  kSameSide,
  kSameOrganisation,
  kVetoed,
  kStars,
  kCertifications,
  kDelivery,
};

class Matcher {
 public:
  explicit Matcher(MatchWeights weights = {});

  // Adds a listing. Errors: kAlreadyExists for a known id; kInvalidArgument for months beyond
  // 12 bits, stars outside 0–5, a negative quantity or coordinates outside the globe.
  [[nodiscard]] core::Status Add(MatchListing listing);
  // Errors: kNotFound for an unknown id.
  [[nodiscard]] core::Status Remove(std::uint64_t id);
  // `organisation` never wants to deal with `vetoed`: no pair between their listings, either way.
  void AddVeto(std::uint64_t organisation, std::uint64_t vetoed);
  // Replaces every veto by these (organisation, vetoed) pairs (after one was lifted).
  void SetVetoes(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& pairs);

  // The best k counterparts of a stored listing. Errors: kNotFound for an unknown id.
  [[nodiscard]] core::Result<std::vector<Match>> FindMatches(std::uint64_t id,
                                                             std::size_t k) const;
  // The same for a listing that is not stored (a preview, a saved search).
  [[nodiscard]] std::vector<Match> FindMatches(const MatchListing& query, std::size_t k) const;

  // The hard filters and vetoes for a pair, in the order listed above.
  [[nodiscard]] Exclusion CheckPair(const MatchListing& a, const MatchListing& b) const;
  // The score of a pair (a the listing matched for, b its counterpart) whose text part is
  // already known (in [0, 1]), with its reasons in both languages.
  [[nodiscard]] MatchScore ScorePair(const MatchListing& a, const MatchListing& b,
                                     double text) const;

  [[nodiscard]] std::size_t size() const { return listings_.size(); }
  [[nodiscard]] const TextIndex& index(ListingSide side) const {
    return side == ListingSide::kOffer ? offers_ : requests_;
  }

 private:
  [[nodiscard]] MatchScore ScoreParts(const MatchListing& a, const MatchListing& b,
                                      double text) const;
  void Explain(const MatchListing& a, const MatchListing& b, MatchScore* score) const;

  MatchWeights weights_;
  TextIndex offers_;
  TextIndex requests_;
  std::unordered_map<std::uint64_t, MatchListing> listings_;  // description dropped
  std::set<std::pair<std::uint64_t, std::uint64_t>> vetoes_;  // (lower, higher) organisation
};

// Parts, exposed for tests and for the explanations of other features.
[[nodiscard]] int CommonPrefixDigits(std::string_view a, std::string_view b);
[[nodiscard]] double HaversineKm(double lat1, double lon1, double lat2, double lon2);
// "5–7", "11–2" (wrap-around), "1, 5–7"; "" for an empty set.
[[nodiscard]] std::string MonthRanges(std::uint16_t months);
[[nodiscard]] double SeasonFit(std::uint16_t offer_months, std::uint16_t request_months);
[[nodiscard]] double QuantityFit(double request_quantity, double capacity, double min_order);

}  // namespace lienket::linkage
