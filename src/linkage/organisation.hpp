// Organisations of the directory: enterprises (doanh nghiệp), cooperatives (hợp tác xã) and
// household businesses (hộ kinh doanh) that post offers and requests. Each belongs to a
// provincial unit that existed on its registration date, is identified by its tax code (required
// for enterprises and cooperatives; a household business may give a 12-digit citizen id instead,
// or nothing), and is claimed by a user and then verified by its province's Department of
// Industry and Trade (Sở Công Thương). Also here: the normalisation of what people type into the
// contact fields (phone numbers to +84…, e-mail addresses) and the parsing of kinds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "linkage/tax_code.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::linkage {

enum class OrganisationKind { kEnterprise, kCooperative, kHouseholdBusiness };

// "enterprise", "cooperative", "household_business": the ids stored and exported.
[[nodiscard]] std::string_view OrganisationKindId(OrganisationKind kind);
[[nodiscard]] std::string_view OrganisationKindNameVi(OrganisationKind kind);  // "doanh nghiệp"
[[nodiscard]] std::string_view OrganisationKindNameEn(OrganisationKind kind);  // "enterprise"
// Accepts the ids, the Vietnamese names in any case or folding ("Hợp tác xã", "hop tac xa"),
// the usual abbreviations (DN, HTX, HKD) and the English names. Errors: kInvalidArgument
// listing the accepted values.
[[nodiscard]] core::Result<OrganisationKind> ParseOrganisationKind(std::string_view text);

// A 12-digit citizen identity card number (căn cước công dân), which is also the personal tax
// code of a household business since 2025. Only the form is checked: it has no check digit.
// Errors: kInvalidArgument (not 12 digits, saying how many were given).
[[nodiscard]] core::Result<std::string> ParseCitizenId(std::string_view text);

// A Vietnamese phone number in international form "+84912345678". Accepts "0912 345 678",
// "0912.345.678", "+84 912 345 678", "84912345678", "(024) 3823 4567". A mobile number has 9
// digits after the 0 (first digit 3, 5, 7, 8 or 9), a landline 10 digits starting with 2 (area
// code 2xx). Errors: kInvalidArgument saying what is wrong (letters, length, unknown prefix).
[[nodiscard]] core::Result<std::string> NormalisePhone(std::string_view text);

// An e-mail address, trimmed, with its domain in lower case. Only the form is checked: one '@',
// something before it, a domain with a dot, no spaces. Errors: kInvalidArgument.
[[nodiscard]] core::Result<std::string> NormaliseEmail(std::string_view text);

// A VSIC 2018 section letter, A to U (case-insensitive). Errors: kInvalidArgument.
[[nodiscard]] core::Result<char> ParseVsicSection(std::string_view text);

struct Contact {
  std::string person;
  std::string phone;  // normalised, "+84…", or empty
  std::string email;  // normalised, or empty
};

// Where an organisation stands with its province's Department:
//   unclaimed --Claim--> claimed --Verify--> verified
//   claimed --ReleaseClaim--> unclaimed;  verified --RevokeVerification--> claimed
// A directory entry created by a Department or an import starts unclaimed; a user claims it as
// theirs; the Department of the organisation's province (or of the unit it merged into) verifies
// the claim. Verification cannot be skipped and must be revoked before a claim is released.
enum class ClaimStatus { kUnclaimed, kClaimed, kVerified };
[[nodiscard]] std::string_view ClaimStatusId(ClaimStatus status);  // "unclaimed", ...
[[nodiscard]] core::Result<ClaimStatus> ParseClaimStatus(std::string_view id);

struct Organisation {
  std::int64_t id = 0;  // database id, 0 until stored
  OrganisationKind kind = OrganisationKind::kEnterprise;
  std::string name;
  std::optional<TaxCode> tax_code;
  std::string citizen_id;  // household businesses only; 12 digits or empty
  int unit_id = 0;         // stats::AdminUnit id of the province
  core::Date registered_on;
  std::string address;
  std::optional<char> vsic_section;  // 'A'..'U'
  Contact contact;
  ClaimStatus status = ClaimStatus::kUnclaimed;
  std::int64_t claimed_by = 0;  // user id while claimed or verified, else 0
  std::optional<core::Date> verified_on;

  // Checks the invariants a stored organisation keeps, returning the first broken one:
  // a non-empty name; a tax code for enterprises and cooperatives; a citizen id only for
  // household businesses, and then well formed; a province unit that existed on
  // `registered_on` (kFailedPrecondition if it did not, kNotFound for an unknown id).
  [[nodiscard]] core::Status Validate(const stats::UnitCatalog& units) const;

  // unclaimed -> claimed by `user_id` (non-zero). Errors: kFailedPrecondition when already
  // claimed or verified (saying so), kInvalidArgument for user 0.
  [[nodiscard]] core::Status Claim(std::int64_t user_id);
  // claimed -> unclaimed (the claimant gives up, or the Department rejects the claim).
  // Errors: kFailedPrecondition unless claimed.
  [[nodiscard]] core::Status ReleaseClaim();
  // claimed -> verified by the Department of `department_unit_id` on `on`. Errors:
  // kPermissionDenied when that unit is neither the organisation's province nor the unit it
  // merged into (per `units`); kFailedPrecondition unless claimed.
  [[nodiscard]] core::Status Verify(int department_unit_id, const stats::UnitCatalog& units,
                                    const core::Date& on);
  // verified -> claimed (details changed, verification withdrawn). Same errors as Verify.
  [[nodiscard]] core::Status RevokeVerification(int department_unit_id,
                                                const stats::UnitCatalog& units);
  // True when the Department of `department_unit_id` answers for this organisation.
  [[nodiscard]] bool IsUnderDepartment(int department_unit_id,
                                       const stats::UnitCatalog& units) const;
};

}  // namespace lienket::linkage
