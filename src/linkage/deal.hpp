// Deals between organisations of different provinces and their follow-ups: what a buyer and a
// seller agreed (after a B2B meeting of a trade-promotion event, or on their own), the goods by
// product group with volume and value, where the goods come from and go to, and the checks at
// 3, 6 and 12 months of what was delivered against what was contracted. The flow ledger
// (flows.hpp) adds deals and deliveries up by province pair. Pure domain: no storage, no JSON.
//
// Kinds of deal: a purchase contract (hợp đồng mua bán), a distribution agreement (hợp đồng /
// thỏa thuận phân phối), an offtake agreement (hợp đồng bao tiêu sản phẩm) bind the parties and
// are the "contracted" flow; a memorandum of understanding or letter of intent (biên bản ghi nhớ,
// thư ý định) does not, and is counted only as "intended" (flows.hpp, FlowBasis::kIntended).
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
#include "stats/unit_catalog.hpp"

namespace lienket::linkage {

enum class DealType { kPurchaseContract, kDistribution, kOfftake, kMemorandum };

[[nodiscard]] std::string_view DealTypeId(DealType type);  // "purchase_contract", "mou", ...
[[nodiscard]] std::string_view DealTypeNameVi(DealType type);
[[nodiscard]] std::string_view DealTypeNameEn(DealType type);
// The ids, and the Vietnamese or English names in any case or folding ("hợp đồng mua bán",
// "biên bản ghi nhớ", "MoU", "bao tiêu"). Errors: kInvalidArgument listing the ids.
[[nodiscard]] core::Result<DealType> ParseDealType(std::string_view text);
// True for the kinds that bind the parties (all but memoranda and letters of intent).
[[nodiscard]] bool IsBinding(DealType type);

// The product group a deal line is counted under in the flow ledger: one of the six OCOP groups
// for OCOP-type goods, else the VCPA section (A agriculture, C manufacturing, ...) of the product.
class ProductGroup {
 public:
  static ProductGroup Ocop(OcopGroup group);
  // `section` 'A'..'U' (upper case).
  static ProductGroup Vcpa(char section);
  // "food", "beverage", ..., or "vcpa-a".."vcpa-u"; also what ParseOcopGroup accepts, and a VCPA
  // code or section ("C", "01215", "vcpa-C"). Errors: kInvalidArgument naming the accepted forms.
  [[nodiscard]] static core::Result<ProductGroup> Parse(std::string_view text);

  [[nodiscard]] std::string Id() const;  // "food" or "vcpa-a"
  [[nodiscard]] std::string NameVi() const;
  [[nodiscard]] std::string NameEn() const;
  [[nodiscard]] bool is_ocop() const { return is_ocop_; }

  friend bool operator==(const ProductGroup&, const ProductGroup&) = default;
  friend auto operator<=>(const ProductGroup& a, const ProductGroup& b) {
    return a.Id() <=> b.Id();
  }

 private:
  bool is_ocop_ = true;
  OcopGroup ocop_ = OcopGroup::kFood;
  char section_ = 'A';
};

// One product of a deal: its name as the parties wrote it (and the directory's product, if any),
// its group, the contracted volume and the contracted value in đồng.
struct DealLine {
  std::string product_name;
  std::int64_t product_id = 0;  // directory product, 0 none
  ProductGroup group = ProductGroup::Ocop(OcopGroup::kFood);
  core::Decimal quantity;  // in `unit`, > 0
  ProductUnit unit = ProductUnit::kTonne;
  core::Decimal value;  // đồng, >= 0 (0 allowed for memoranda without a price)
};

struct Deal {
  std::int64_t id = 0;  // database id, 0 until stored
  DealType type = DealType::kPurchaseContract;
  std::string title;           // "Hợp đồng tiêu thụ vải thiều 2026"
  core::Date signed_on;        // the date of signature
  std::int64_t seller_id = 0;  // organisation ids of the parties
  std::int64_t buyer_id = 0;
  // Where the goods come from and go to: provincial units that existed on `signed_on` (usually
  // the seller's and the buyer's provinces; a deal may state others, e.g. a warehouse).
  int origin_unit_id = 0;
  int destination_unit_id = 0;
  std::vector<DealLine> lines;
  std::int64_t event_id = 0;              // the trade-promotion event it came from, 0 none
  std::int64_t meeting_id = 0;            // the B2B meeting of that event, 0 none
  std::vector<std::int64_t> listing_ids;  // the offer and request it answers, if any
  std::string note;

  [[nodiscard]] core::Decimal TotalValue() const;
};

// A problem with one field of a deal ("lines[1].quantity", "origin").
struct DealProblem {
  std::string field;
  core::Error error;
};

// Every broken rule of a deal, in field order (empty = valid): a title; a date that parses (the
// caller parses it) and is not after `today`; two different parties; origin and destination
// provinces that existed on the date (kFailedPrecondition naming the unit and when it ended or
// began; kNotFound for an unknown id; the nation is refused); at least one line and at most 50,
// each with a product name, a quantity > 0 and a value >= 0; a binding deal with a total value
// > 0; a meeting only with its event.
[[nodiscard]] std::vector<DealProblem> ValidateDeal(const Deal& deal,
                                                    const stats::UnitCatalog& units,
                                                    const core::Date& today);

// ---- Follow-ups ----------------------------------------------------------------------------

// The follow-up checks: 3, 6 and 12 months after signature.
inline constexpr int kFollowUpMonths[] = {3, 6, 12};
// A follow-up not recorded this many days after its due date is overdue.
inline constexpr int kFollowUpGraceDays = 30;
// A follow-up may be recorded from this many days before its due date.
inline constexpr int kFollowUpEarlyDays = 15;

// Errors: kInvalidArgument unless `months` is 3, 6 or 12.
[[nodiscard]] core::Status CheckFollowUpMonths(int months);
// signed_on + `months` calendar months (AddMonths: 30/11 + 3 = 28/02 or 29/02).
[[nodiscard]] core::Date FollowUpDueDate(const core::Date& signed_on, int months);

// What was delivered of one deal line by a follow-up's date: cumulative since signature.
struct Delivered {
  core::Decimal quantity;  // in the line's unit
  core::Decimal value;     // đồng
};

struct FollowUp {
  std::int64_t deal_id = 0;
  int months = 3;                // 3, 6 or 12
  core::Date recorded_on;        // when the follow-up was made
  std::vector<Delivered> lines;  // one per deal line, same order
  std::string note;
  std::int64_t recorded_by = 0;  // user id
};

// Checks a follow-up against its deal and the follow-ups recorded before (any order): months
// 3/6/12; one entry per deal line; quantities and values >= 0; cumulative figures not lower than
// an earlier milestone's nor higher than a later one's (kFailedPrecondition saying which);
// recorded on or after kFollowUpEarlyDays before the due date and not after `today`.
[[nodiscard]] std::vector<DealProblem> ValidateFollowUp(const FollowUp& follow_up, const Deal& deal,
                                                        const std::vector<FollowUp>& others,
                                                        const core::Date& today);

enum class FollowUpState {
  kUpcoming,  // due date not reached (or within the early window)
  kDue,       // from kFollowUpEarlyDays before the due date to kFollowUpGraceDays after it
  kOverdue,   // later, and not recorded
  kRecorded,
};
[[nodiscard]] std::string_view FollowUpStateId(FollowUpState state);  // "upcoming", ...

// One milestone of a deal as of a date.
struct FollowUpStatus {
  int months = 3;
  core::Date due_on;
  FollowUpState state = FollowUpState::kUpcoming;
  const FollowUp* record = nullptr;  // when recorded (points into the caller's vector)
  // Contracted and delivered (cumulative) totals; delivered only when recorded.
  core::Decimal contracted_value;
  std::optional<core::Decimal> delivered_value;
  // delivered / contracted value in percent, when both are known and contracted > 0.
  std::optional<core::Decimal> delivered_pct;
};

// The three milestones of `deal` on `today`, in order. `follow_ups` may hold other deals' rows.
[[nodiscard]] std::vector<FollowUpStatus> FollowUpSchedule(const Deal& deal,
                                                           const std::vector<FollowUp>& follow_ups,
                                                           const core::Date& today);

}  // namespace lienket::linkage
