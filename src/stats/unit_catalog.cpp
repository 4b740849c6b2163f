#include "stats/unit_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/vi_text.hpp"

namespace lienket::stats {

using core::Date;
using core::ErrorCode;
using core::MakeError;

UnitCatalog::UnitCatalog(std::vector<AdminUnit> units,
                         const std::vector<std::pair<int, std::string>>& aliases,
                         std::vector<Succession> successions)
    : units_(std::move(units)), successions_(std::move(successions)) {
  auto add_name = [this](const std::string& name, std::size_t index) {
    std::string key = core::NameKey(name);
    if (key.empty()) return;
    auto& list = by_name_key_[key];
    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  };
  for (std::size_t i = 0; i < units_.size(); ++i) {
    const AdminUnit& u = units_[i];
    by_id_[u.id] = i;
    by_code_[u.code].push_back(i);
    add_name(u.name_vi, i);
    add_name(u.full_name_vi, i);
    add_name(u.name_en, i);
    add_name(u.key, i);
  }
  for (const auto& [unit_id, alias] : aliases) {
    if (auto it = by_id_.find(unit_id); it != by_id_.end()) add_name(alias, it->second);
  }
}

const AdminUnit* UnitCatalog::FindById(int id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

const AdminUnit* UnitCatalog::FindByKey(std::string_view key) const {
  for (const AdminUnit& u : units_) {
    if (u.key == key) return &u;
  }
  return nullptr;
}

std::vector<const AdminUnit*> UnitCatalog::ProvincesOn(const Date& date) const {
  std::vector<const AdminUnit*> out;
  for (const AdminUnit& u : units_) {
    if (!u.IsNational() && u.ValidOn(date)) out.push_back(&u);
  }
  std::sort(out.begin(), out.end(),
            [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  return out;
}

int UnitCatalog::SuccessorOf(int unit_id) const {
  for (const Succession& s : successions_) {
    if (s.old_unit_id == unit_id) return s.new_unit_id;
  }
  return unit_id;
}

std::vector<std::string> UnitCatalog::Suggest(std::string_view text, int limit) const {
  std::string key = core::NameKey(text);
  // A code that does not exist has no "close" names.
  if (key.empty() ||
      std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  // Initials ("HN", "HCM", "BRVT") are how people abbreviate names: an exact match ranks first.
  auto initials = [](const std::string& name) {
    std::string out;
    bool word_start = true;
    for (char c : core::Fold(name)) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (letter && word_start) out.push_back(c);
      word_start = !letter;
    }
    return out;
  };
  std::vector<std::pair<int, const AdminUnit*>> scored;
  for (const AdminUnit& u : units_) {
    int best = std::min(core::EditDistance(key, core::NameKey(u.name_vi)),
                        core::EditDistance(key, core::NameKey(u.key)));
    if (key.size() >= 2 && initials(u.name_vi) == key) best = -1;
    // The national total is a suggestion only for what looks like it, not for every short typo.
    if (u.IsNational() && best > 0) continue;
    scored.emplace_back(best, &u);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  int max_distance = std::max(2, static_cast<int>(key.size()) / 2);
  for (const auto& [distance, unit] : scored) {
    if (static_cast<int>(out.size()) >= limit || distance > max_distance) break;
    if (std::find(out.begin(), out.end(), unit->name_vi) == out.end()) {
      out.push_back(unit->name_vi);
    }
  }
  return out;
}

core::Result<const AdminUnit*> UnitCatalog::Resolve(std::string_view text,
                                                    const core::Period& period) const {
  return ResolveOn(text, period.EndDate());
}

core::Result<const AdminUnit*> UnitCatalog::ResolveOn(std::string_view raw,
                                                      const Date& date) const {
  std::string_view text = core::TrimSpaces(raw);
  const std::vector<std::size_t>* candidates = nullptr;
  if (auto it = by_code_.find(std::string(text)); it != by_code_.end()) {
    candidates = &it->second;
  } else if (text.size() == 1 && text[0] >= '1' && text[0] <= '9') {
    if (auto it2 = by_code_.find("0" + std::string(text)); it2 != by_code_.end()) {
      candidates = &it2->second;
    }
  }
  if (candidates == nullptr) {
    if (auto it = by_name_key_.find(core::NameKey(text)); it != by_name_key_.end()) {
      candidates = &it->second;
    }
  }
  if (candidates == nullptr || candidates->empty()) {
    std::vector<std::string> suggestions = Suggest(text);
    std::string hint_vi, hint_en;
    if (!suggestions.empty()) {
      std::string list = fmt::format("{}", fmt::join(suggestions, ", "));
      hint_vi = "; có phải: " + list + "?";
      hint_en = "; did you mean: " + list + "?";
    }
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có tỉnh/thành phố nào tên \"{}\"{}", text, hint_vi),
                     fmt::format("No province is called \"{}\"{}", text, hint_en));
  }
  for (std::size_t i : *candidates) {
    if (units_[i].ValidOn(date)) return &units_[i];
  }
  // It exists, but not on that date: say why.
  const AdminUnit& u = units_[candidates->front()];
  if (u.valid_to && date > *u.valid_to) {
    std::string became_vi, became_en;
    for (const Succession& s : successions_) {
      if (s.old_unit_id == u.id) {
        if (const AdminUnit* n = FindById(s.new_unit_id)) {
          became_vi = fmt::format(", đã hợp nhất vào tỉnh/thành phố {} (mã {}) từ {}", n->name_vi,
                                  n->code, s.effective.ToVietnamese());
          became_en = fmt::format(", merged into {} (code {}) from {}", n->name_en, n->code,
                                  s.effective.ToString());
        }
      }
    }
    return MakeError(
        ErrorCode::kFailedPrecondition,
        fmt::format("{} không còn là đơn vị hành chính cấp tỉnh vào ngày {} (tồn tại đến {}{}); "
                    "số liệu kỳ này phải báo cáo theo đơn vị mới",
                    u.name_vi, date.ToVietnamese(), u.valid_to->ToVietnamese(), became_vi),
        fmt::format("{} was no longer a provincial unit on {} (it existed until {}{}); "
                    "report this period under the new unit",
                    u.name_en, date.ToString(), u.valid_to->ToString(), became_en));
  }
  return MakeError(ErrorCode::kFailedPrecondition,
                   fmt::format("{} (mã {}) chỉ tồn tại từ {}, chưa có vào ngày {}", u.name_vi,
                               u.code, u.valid_from.ToVietnamese(), date.ToVietnamese()),
                   fmt::format("{} (code {}) exists only from {}, not on {}", u.name_en, u.code,
                               u.valid_from.ToString(), date.ToString()));
}

}  // namespace lienket::stats
