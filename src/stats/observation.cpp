#include "stats/observation.hpp"

#include <fmt/format.h>

#include "core/vi_text.hpp"

namespace lienket::stats {

std::string_view VintageStatusId(VintageStatus s) {
  switch (s) {
    case VintageStatus::kEstimate:
      return "estimate";
    case VintageStatus::kPreliminary:
      return "preliminary";
    case VintageStatus::kOfficial:
      return "official";
  }
  return "estimate";
}

std::string_view VintageStatusLabelVi(VintageStatus s) {
  switch (s) {
    case VintageStatus::kEstimate:
      return "ước tính";
    case VintageStatus::kPreliminary:
      return "sơ bộ";
    case VintageStatus::kOfficial:
      return "chính thức";
  }
  return "ước tính";
}

std::string_view QualifierId(Qualifier q) {
  switch (q) {
    case Qualifier::kExact:
      return "exact";
    case Qualifier::kLowerBound:
      return "lower_bound";
    case Qualifier::kUpperBound:
      return "upper_bound";
    case Qualifier::kApprox:
      return "approx";
  }
  return "exact";
}

std::string_view QualifierLabelVi(Qualifier q) {
  switch (q) {
    case Qualifier::kExact:
      return "";
    case Qualifier::kLowerBound:
      return "trên";
    case Qualifier::kUpperBound:
      return "dưới";
    case Qualifier::kApprox:
      return "khoảng";
  }
  return "";
}

namespace {

// Folded key of a short word list; punctuation other than spaces, '_', '-' and '.' makes it
// unreadable (empty key), so "final?" is not taken for "final".
std::string WordKey(std::string_view text) {
  std::string key;
  for (char c : core::Fold(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    } else if (c != ' ' && c != '_' && c != '-' && c != '.') {
      return "?";
    }
  }
  return key;
}

}  // namespace

core::Result<VintageStatus> ParseVintageStatus(std::string_view text) {
  std::string key = WordKey(text);
  if (key == "estimate" || key == "uoctinh" || key == "uocthuchien" || key == "uoc" ||
      key == "est") {
    return VintageStatus::kEstimate;
  }
  if (key == "preliminary" || key == "sobo" || key == "prelim") return VintageStatus::kPreliminary;
  if (key == "official" || key == "chinhthuc" || key == "final") return VintageStatus::kOfficial;
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      fmt::format("Trạng thái \"{}\" không hợp lệ (dùng: estimate/ước tính, preliminary/sơ bộ, "
                  "official/chính thức)",
                  text),
      fmt::format("Status \"{}\" is not valid (use: estimate, preliminary, official)", text));
}

core::Result<Qualifier> ParseQualifier(std::string_view text) {
  std::string key = WordKey(text);
  if (key.empty() || key == "exact" || key == "chinhxac") return Qualifier::kExact;
  if (key == "lowerbound" || key == "tren" || key == "hon" || key == "atleast") {
    return Qualifier::kLowerBound;
  }
  if (key == "upperbound" || key == "duoi" || key == "atmost") return Qualifier::kUpperBound;
  if (key == "approx" || key == "khoang" || key == "gan" || key == "about" ||
      key == "approximately") {
    return Qualifier::kApprox;
  }
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      fmt::format("Mức chính xác \"{}\" không hợp lệ (dùng: exact, lower_bound/trên, "
                  "upper_bound/dưới, approx/khoảng)",
                  text),
      fmt::format("Qualifier \"{}\" is not valid (use: exact, lower_bound, upper_bound, approx)",
                  text));
}

}  // namespace lienket::stats
