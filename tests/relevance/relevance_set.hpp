// The labelled relevance set of tests/relevance/ read into the matcher's flat listings, and
// nDCG@k. Header-only, shared by src/linkage/matcher_test.cpp and the bench/matching_* programs.
// Errors are Results (a missing file or a malformed row names the file and the line).
#pragma once

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "linkage/matcher.hpp"

namespace lienket::relevance {

struct Province {
  std::string name;
  double lat = 0;
  double lon = 0;
};

struct RelevanceSet {
  std::vector<linkage::MatchListing> listings;  // the offers that are ranked
  std::vector<linkage::MatchListing> queries;   // the requests
  std::map<std::uint64_t, std::map<std::uint64_t, int>> grades;  // query -> listing -> 1..3
  std::map<int, Province> provinces;                               // GSO code -> centroid
};

inline core::Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "Không mở được " + path,
                           "Cannot open " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Rows as maps from the header's names to the fields.
inline core::Result<std::vector<std::map<std::string, std::string>>> ReadCsvRows(
    const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(text, ReadWholeFile(path));
  std::string_view data = text;
  core::StripUtf8Bom(&data);
  core::CsvReader reader(data, ',');
  std::vector<std::string_view> fields;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(more, reader.Next(&fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (header.empty()) {
      header.assign(fields.begin(), fields.end());
      continue;
    }
    if (fields.size() != header.size()) {
      const std::string where = path + ":" + std::to_string(reader.record_line());
      return core::MakeError(core::ErrorCode::kInvalidArgument, where + ": sai số cột",
                             where + ": wrong number of fields");
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = std::string(fields[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

inline std::uint32_t CertificationBits(const std::string& text) {
  std::uint32_t bits = 0;
  for (const std::string& w : Words(text)) {
    if (w == "vietgap") bits |= linkage::kCertVietGap;
    if (w == "globalgap") bits |= linkage::kCertGlobalGap;
    if (w == "organic") bits |= linkage::kCertOrganic;
    if (w == "growing_area") bits |= linkage::kCertGrowingAreaCode;
    if (w == "haccp") bits |= linkage::kCertHaccp;
  }
  return bits;
}

inline std::uint16_t MonthBits(const std::string& text) {
  std::uint16_t bits = 0;
  for (const std::string& w : Words(text)) {
    const int m = std::stoi(w);
    if (m >= 1 && m <= 12) bits = static_cast<std::uint16_t>(bits | (1U << (m - 1)));
  }
  return bits;
}

inline core::Result<std::map<int, Province>> LoadProvinces(const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(rows, ReadCsvRows(path));
  std::map<int, Province> provinces;
  for (auto& row : rows) {
    provinces[std::stoi(row["code"])] =
        Province{row["name"], std::stod(row["lat"]), std::stod(row["lon"])};
  }
  return provinces;
}

// One row of listings.csv or queries.csv (same columns) as a MatchListing.
inline linkage::MatchListing ToListing(std::map<std::string, std::string>& row,
                                       const std::map<int, Province>& provinces) {
  linkage::MatchListing l;
  l.id = std::stoull(row["id"]);
  l.side = row["side"] == "request" ? linkage::ListingSide::kRequest
                                    : linkage::ListingSide::kOffer;
  l.organisation_id = std::stoull(row["organisation_id"]);
  l.province_id = std::stoi(row["province_code"]);
  if (auto it = provinces.find(l.province_id); it != provinces.end()) {
    l.province_name = it->second.name;
    l.lat = it->second.lat;
    l.lon = it->second.lon;
  }
  l.title = row["title"];
  l.description = row["description"];
  l.product_name = row["product_name"];
  l.vcpa_code = row["vcpa"];
  l.hs_code = row["hs"];
  l.unit = row["unit"];
  l.quantity = std::stod(row["quantity"]);
  l.min_order = std::stod(row["min_order"]);
  l.months = MonthBits(row["months"]);
  l.certifications = CertificationBits(row["certifications"]);
  l.ocop_stars = std::stoi(row["ocop_stars"]);
  l.required_stars = std::stoi(row["required_stars"]);
  l.required_certs = CertificationBits(row["required_certs"]);
  for (const std::string& w : Words(row["delivery_provinces"])) {
    l.delivery_provinces.push_back(std::stoi(w));
  }
  return l;
}

// Reads provinces.csv, listings.csv, queries.csv and judgements.csv from `dir`.
inline core::Result<RelevanceSet> LoadRelevanceSet(const std::string& dir) {
  RelevanceSet set;
  LIENKET_ASSIGN_OR_RETURN(provinces, LoadProvinces(dir + "/provinces.csv"));
  set.provinces = std::move(provinces);
  LIENKET_ASSIGN_OR_RETURN(listings, ReadCsvRows(dir + "/listings.csv"));
  for (auto& row : listings) set.listings.push_back(ToListing(row, set.provinces));
  LIENKET_ASSIGN_OR_RETURN(queries, ReadCsvRows(dir + "/queries.csv"));
  for (auto& row : queries) set.queries.push_back(ToListing(row, set.provinces));
  LIENKET_ASSIGN_OR_RETURN(judgements, ReadCsvRows(dir + "/judgements.csv"));
  for (auto& row : judgements) {
    set.grades[std::stoull(row["query_id"])][std::stoull(row["listing_id"])] =
        std::stoi(row["grade"]);
  }
  return set;
}

// nDCG@k with gains 2^grade - 1 and discount log2(rank + 1); the ideal ranking is every judged
// listing by grade. A query with no relevant listing scores 1 for an empty answer, else 0.
inline double NdcgAt(const std::vector<std::uint64_t>& ranked,
                     const std::map<std::uint64_t, int>& grades, std::size_t k) {
  auto gain = [](int grade) { return std::pow(2.0, grade) - 1.0; };
  double dcg = 0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end()) dcg += gain(it->second) / std::log2(static_cast<double>(i) + 2.0);
  }
  std::vector<int> ideal;
  for (const auto& [id, grade] : grades) ideal.push_back(grade);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < k; ++i) {
    idcg += gain(ideal[i]) / std::log2(static_cast<double>(i) + 2.0);
  }
  if (idcg == 0) return ranked.empty() ? 1.0 : 0.0;
  return dcg / idcg;
}

}  // namespace lienket::relevance
