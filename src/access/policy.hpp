// Who may do what with whose figures. Every route of the server asks here, and only here; the
// authorization matrix test (tests/http) walks roles × routes × provinces against it.
//   enter, submit   the province's officer and approver; the administrator;
//   withdraw        the province's approver (a submitted report back to draft); the administrator;
//   review          approve, return or reopen: the coordinator of a region that has the province
//                   as a member (of either era), or of a parent region; the administrator;
//   see drafts      whoever may enter or review; anonymous readers and enterprises never;
//   coordinate      completeness and reminders for a region: its coordinator (or a parent's);
//   manage users    the administrator.
#pragma once

#include <string_view>
#include <vector>

#include "access/user.hpp"
#include "stats/region.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::access {

class Policy {
 public:
  // Both catalogues must outlive the policy.
  Policy(const stats::UnitCatalog& units, const std::vector<stats::Region>& regions)
      : units_(units), regions_(regions) {}

  // `user` is null for an anonymous reader; inactive users may do nothing.
  [[nodiscard]] bool CanEnter(const User* user, int unit_id) const;
  [[nodiscard]] bool CanSubmit(const User* user, int unit_id) const { return CanEnter(user, unit_id); }
  [[nodiscard]] bool CanWithdraw(const User* user, int unit_id) const;
  [[nodiscard]] bool CanReview(const User* user, int unit_id) const;
  [[nodiscard]] bool CanSeeDrafts(const User* user, int unit_id) const {
    return CanEnter(user, unit_id) || CanReview(user, unit_id);
  }
  [[nodiscard]] bool CanCoordinate(const User* user, std::string_view region_key) const;
  [[nodiscard]] bool CanManageUsers(const User* user) const;

  // The linkage directory (issue 5). Moderate listings and verify organisations of the province
  // `unit_id`: its officer or approver, across the 2025 merger (an account of a unit that merged
  // and one of the unit it became answer for the same Department); the administrator.
  [[nodiscard]] bool CanModerateDirectory(const User* user, int unit_id) const;
  // See every organisation and listing in any state: the administrator and coordinators.
  [[nodiscard]] bool CanReadWholeDirectory(const User* user) const;

  // Cooperation programmes and requests between Departments (linkage/cooperation.hpp).
  // Act for the Department of province `unit_id` (its side of agreements, the tasks it owns, its
  // progress reports, the requests it sends or receives): its officer or approver, across the
  // 2025 merger as CanModerateDirectory; the administrator.
  [[nodiscard]] bool CanActForDepartment(const User* user, int unit_id) const;
  // Follow the programmes among `parties` (read everything, consolidate, see the overdue tasks of
  // every party, create and edit agreements): the administrator and the coordinator of a region
  // that has one of the parties as a member.
  [[nodiscard]] bool CanFollowCooperation(const User* user, const std::vector<int>& parties) const;
  // Create or change an agreement among `parties`: a party's officer or approver, or whoever
  // CanFollowCooperation.
  [[nodiscard]] bool CanManageAgreement(const User* user, const std::vector<int>& parties) const;
  // Organise a trade-promotion event hosted by province `unit_id` (create and edit it, run the
  // scheduler, move meetings, finalise, check participants in, see every agenda): the host
  // province's officer or approver (across the 2025 merger, as CanModerateDirectory), the
  // coordinator of a region that has the host as a member, the administrator.
  [[nodiscard]] bool CanOrganiseEvent(const User* user, int unit_id) const;

 private:
  // The region `key` is `ancestor` or lies under it.
  [[nodiscard]] bool RegionWithin(std::string_view key, std::string_view ancestor) const;
  [[nodiscard]] const stats::Region* FindRegion(std::string_view key) const;

  const stats::UnitCatalog& units_;
  const std::vector<stats::Region>& regions_;
};

}  // namespace lienket::access
