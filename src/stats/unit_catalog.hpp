// Provincial units with their validity in time, and the resolution of what people write.
// Vietnam had 63 provincial units from 2008 to 30 June 2025 and 34 from 1 July 2025; codes
// were reused (15 was Yên Bái, is now the merged Lào Cai), so a unit is resolved for a period:
// the unit that existed on the period's last day. The national total is the unit "vn" (code VN).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"

namespace lienket::stats {

struct AdminUnit {
  int id = 0;                // database id
  std::string key;           // stable slug: "ha-noi", "yen-bai", "lao-cai-2025", "vn"
  std::string code;          // GSO code "01"; "VN" for the nation
  std::string name_vi;       // "Hà Nội"
  std::string full_name_vi;  // "Thành phố Hà Nội"
  std::string name_en;       // "Ha Noi"
  std::string type;          // "tinh", "thanh_pho_trung_uong", "quoc_gia"
  core::Date valid_from;
  std::optional<core::Date> valid_to;  // last day of existence; none = still exists
  std::optional<double> centroid_lat;
  std::optional<double> centroid_lon;

  [[nodiscard]] bool IsNational() const { return key == "vn"; }
  [[nodiscard]] bool ValidOn(const core::Date& d) const {
    return valid_from <= d && (!valid_to || d <= *valid_to);
  }
};

// A whole old unit merged into a new one on `effective`.
struct Succession {
  int old_unit_id = 0;
  int new_unit_id = 0;
  core::Date effective;
  bool is_seat = false;  // the old unit hosts the new unit's seat
};

class UnitCatalog {
 public:
  UnitCatalog() = default;
  UnitCatalog(std::vector<AdminUnit> units, const std::vector<std::pair<int, std::string>>& aliases,
              std::vector<Succession> successions);

  // The unit named or coded by `text` (code "01", any name form, slug, alias) that existed on
  // the last day of `period`. Errors: kNotFound with up to three suggestions when nothing is
  // called so; kFailedPrecondition when it exists but not in that period (it says when the unit
  // ended or began and what it became).
  [[nodiscard]] core::Result<const AdminUnit*> Resolve(std::string_view text,
                                                       const core::Period& period) const;
  // The same, for a date instead of a period.
  [[nodiscard]] core::Result<const AdminUnit*> ResolveOn(std::string_view text,
                                                         const core::Date& date) const;

  // Up to `limit` names closest to `text` (folded edit distance), best first.
  [[nodiscard]] std::vector<std::string> Suggest(std::string_view text, int limit = 3) const;

  [[nodiscard]] const AdminUnit* FindById(int id) const;
  [[nodiscard]] const AdminUnit* FindByKey(std::string_view key) const;
  [[nodiscard]] const std::vector<AdminUnit>& units() const { return units_; }
  [[nodiscard]] const std::vector<Succession>& successions() const { return successions_; }
  // Province units (not the nation) valid on `date`.
  [[nodiscard]] std::vector<const AdminUnit*> ProvincesOn(const core::Date& date) const;
  // The unit that `unit_id` became after the 2025 merger (itself if it continued).
  [[nodiscard]] int SuccessorOf(int unit_id) const;

 private:
  std::vector<AdminUnit> units_;
  std::vector<Succession> successions_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_key_;  // NameKey -> units
  std::unordered_map<std::string, std::vector<std::size_t>> by_code_;
  std::unordered_map<int, std::size_t> by_id_;
};

}  // namespace lienket::stats
