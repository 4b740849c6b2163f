// Supply and demand listings: an offer (cung, "we sell") or a request (cầu, "we need") posted by
// an organisation, with the quantity, the time window, where it can be delivered and, for
// requests, the certifications and OCOP stars required. A listing is moderated by the owner's
// provincial Department before the public sees it, expires at the end of its window, can be
// renewed, and can be withdrawn by its owner:
//
//   draft --Submit--> pending --Approve--> published --Expire (after valid_to)--> expired
//                        |                     ^   |                                 |
//                        +--Reject--> rejected |   +--Renew (≤ 90 days ahead)--------+
//                                     |        |   Renew further ahead --> pending
//                                     +--Submit (after editing) --> pending
//   any state but withdrawn --Withdraw--> withdrawn (final)
//
// Renewal: a renewal whose new end is at most kRenewWithoutReviewDays (90) days after the day of
// renewal returns to published at once; a longer one goes back to pending for the Department to
// look at again, so a listing cannot stay public for a year on one review.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "linkage/product.hpp"

namespace lienket::linkage {

enum class ListingKind { kOffer, kRequest };
[[nodiscard]] std::string_view ListingKindId(ListingKind kind);  // "offer", "request"
// "offer", "cung", "chào bán", "bán", "request", "cầu", "cần mua", "mua" (any case/folding).
// Errors: kInvalidArgument.
[[nodiscard]] core::Result<ListingKind> ParseListingKind(std::string_view text);

enum class ListingState { kDraft, kPending, kPublished, kRejected, kExpired, kWithdrawn };
[[nodiscard]] std::string_view ListingStateId(ListingState state);  // "draft", "pending", ...
[[nodiscard]] core::Result<ListingState> ParseListingState(std::string_view id);

inline constexpr int kRenewWithoutReviewDays = 90;

struct Quantity {
  core::Decimal amount;
  ProductUnit unit = ProductUnit::kKilogram;
};

struct Listing {
  std::int64_t id = 0;  // database id, 0 until stored
  ListingKind kind = ListingKind::kOffer;
  std::int64_t owner_id = 0;  // Organisation id
  // What is offered or needed: a product of the directory (required for offers), or for
  // requests a free description with optional codes.
  std::optional<std::int64_t> product_id;
  std::string description;
  std::optional<VcpaCode> vcpa;
  std::optional<HsCode> hs;
  Quantity quantity;
  std::optional<core::Decimal> min_order;  // in quantity.unit
  std::optional<PriceRange> price;         // đồng per quantity.unit
  core::Date valid_from;                   // the time window, both days included
  core::Date valid_to;
  std::vector<int> delivery_units;  // province unit ids; empty = anywhere
  // Requests only: what the counterpart's product must have.
  CertificationSet required_certifications;
  int min_stars = 0;  // 0 = no OCOP requirement, else 3..5

  ListingState state = ListingState::kDraft;
  int moderating_unit_id = 0;  // the Department the listing was submitted to
  std::string rejection_reason;
  std::optional<core::Date> published_on;

  // The first broken rule (kInvalidArgument): quantity not positive; minimum order not
  // positive or above the quantity; window ending before it starts; an offer without a product;
  // a request with neither product nor description; stars other than 0 or 3–5; requirements on
  // an offer; a bad price range.
  [[nodiscard]] core::Status Validate() const;

  // draft or rejected -> pending, to the Department of `department_unit_id` (the caller passes
  // the owner's current province; Organisation::IsUnderDepartment knows the mergers). Checks
  // Validate() first. Errors: those of Validate, kFailedPrecondition from other states.
  [[nodiscard]] core::Status Submit(int department_unit_id);
  // pending -> published on `today`. Errors: kPermissionDenied for another Department;
  // kFailedPrecondition unless pending or when the window has already ended.
  [[nodiscard]] core::Status Approve(int department_unit_id, const core::Date& today);
  // pending -> rejected with a reason for the owner. Errors: kPermissionDenied for another
  // Department; kInvalidArgument for an empty reason; kFailedPrecondition unless pending.
  [[nodiscard]] core::Status Reject(int department_unit_id, std::string reason);
  // published -> expired once `today` is after valid_to. Errors: kFailedPrecondition unless
  // published and past its window.
  [[nodiscard]] core::Status Expire(const core::Date& today);
  // published or expired -> published with valid_to = `new_valid_to`, or -> pending when
  // new_valid_to is more than kRenewWithoutReviewDays after `today`. Errors: kInvalidArgument
  // when new_valid_to is not after the current valid_to or is before today;
  // kFailedPrecondition from other states.
  [[nodiscard]] core::Status Renew(const core::Date& new_valid_to, const core::Date& today);
  // Any state but withdrawn -> withdrawn. Errors: kFailedPrecondition when already withdrawn.
  [[nodiscard]] core::Status Withdraw();

  // Published and not past valid_to on `date` (a listing the expiry job has not reached yet is
  // not public either).
  [[nodiscard]] bool IsPublicOn(const core::Date& date) const;
  // Public on `date` and ending within `days_before` days (0 = ends today).
  [[nodiscard]] bool NeedsReminder(const core::Date& date, int days_before) const;
  // True when the listing accepts delivery to `unit_id` (an empty list means anywhere).
  [[nodiscard]] bool DeliversTo(int unit_id) const;
  // The calendar months the window touches.
  [[nodiscard]] MonthSet WindowMonths() const { return MonthSet::Covering(valid_from, valid_to); }
};

// Months shared by a listing's window and a product's season (harvest or production months),
// 0–12. A request for December–January and lychee (May–July) share 0.
[[nodiscard]] int SeasonOverlapMonths(const Listing& listing, const MonthSet& season);

}  // namespace lienket::linkage
