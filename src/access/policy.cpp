#include "access/policy.hpp"

#include <algorithm>

namespace lienket::access {
namespace {

bool Active(const User* user) { return user != nullptr && user->active; }

}  // namespace

bool Policy::CanEnter(const User* user, int unit_id) const {
  if (!Active(user)) return false;
  if (user->role == Role::kAdmin) return units_.FindById(unit_id) != nullptr;
  bool provincial = user->role == Role::kOfficer || user->role == Role::kApprover;
  return provincial && user->unit_id && *user->unit_id == unit_id;
}

bool Policy::CanWithdraw(const User* user, int unit_id) const {
  if (!Active(user)) return false;
  if (user->role == Role::kAdmin) return units_.FindById(unit_id) != nullptr;
  return user->role == Role::kApprover && user->unit_id && *user->unit_id == unit_id;
}

bool Policy::CanReview(const User* user, int unit_id) const {
  if (!Active(user)) return false;
  if (user->role == Role::kAdmin) return units_.FindById(unit_id) != nullptr;
  if (user->role != Role::kCoordinator) return false;
  for (const stats::Region& region : regions_) {
    if (!RegionWithin(region.key, user->region_key)) continue;
    const auto& members = region.member_unit_ids;
    if (std::find(members.begin(), members.end(), unit_id) != members.end()) return true;
  }
  return false;
}

bool Policy::CanCoordinate(const User* user, std::string_view region_key) const {
  if (!Active(user) || FindRegion(region_key) == nullptr) return false;
  if (user->role == Role::kAdmin) return true;
  return user->role == Role::kCoordinator && RegionWithin(region_key, user->region_key);
}

bool Policy::CanManageUsers(const User* user) const {
  return Active(user) && user->role == Role::kAdmin;
}

bool Policy::CanModerateDirectory(const User* user, int unit_id) const {
  if (!Active(user) || units_.FindById(unit_id) == nullptr) return false;
  if (user->role == Role::kAdmin) return true;
  bool provincial = user->role == Role::kOfficer || user->role == Role::kApprover;
  return provincial && user->unit_id &&
         units_.SuccessorOf(*user->unit_id) == units_.SuccessorOf(unit_id);
}

bool Policy::CanReadWholeDirectory(const User* user) const {
  return Active(user) && (user->role == Role::kAdmin || user->role == Role::kCoordinator);
}

bool Policy::CanOrganiseEvent(const User* user, int unit_id) const {
  return CanModerateDirectory(user, unit_id) || CanReview(user, unit_id);
}

bool Policy::CanActForDepartment(const User* user, int unit_id) const {
  return CanModerateDirectory(user, unit_id);
}

bool Policy::CanFollowCooperation(const User* user, const std::vector<int>& parties) const {
  if (!Active(user)) return false;
  if (user->role == Role::kAdmin) return true;
  if (user->role != Role::kCoordinator) return false;
  for (int unit : parties) {
    if (CanReview(user, unit)) return true;
    // A party that merged in 2025 is followed by the coordinator of the unit it became.
    int successor = units_.SuccessorOf(unit);
    if (successor != unit && CanReview(user, successor)) return true;
  }
  return false;
}

bool Policy::CanManageAgreement(const User* user, const std::vector<int>& parties) const {
  if (CanFollowCooperation(user, parties)) return true;
  for (int unit : parties)
    if (CanActForDepartment(user, unit)) return true;
  return false;
}

bool Policy::RegionWithin(std::string_view key, std::string_view ancestor) const {
  if (ancestor.empty()) return false;
  // Parent chains are short (nation > region > sub-region); the bound guards against a cycle in
  // user-defined data.
  for (int depth = 0; depth < 8 && !key.empty(); ++depth) {
    if (key == ancestor) return true;
    const stats::Region* region = FindRegion(key);
    if (region == nullptr) return false;
    key = region->parent_key;
  }
  return false;
}

const stats::Region* Policy::FindRegion(std::string_view key) const {
  for (const stats::Region& r : regions_)
    if (r.key == key) return &r;
  return nullptr;
}

}  // namespace lienket::access
