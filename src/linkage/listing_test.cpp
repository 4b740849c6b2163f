#include "linkage/listing.hpp"

#include <gtest/gtest.h>

namespace lienket::linkage {
namespace {

using core::Date;
using core::Decimal;
using core::ErrorCode;

constexpr int kBacGiang = 24;  // any unit ids: the listing compares them, nothing more
constexpr int kThanhHoa = 38;

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

Listing Offer() {
  Listing l;
  l.kind = ListingKind::kOffer;
  l.owner_id = 1;
  l.product_id = 10;
  l.quantity = Quantity{D("200"), ProductUnit::kTonne};
  l.min_order = D("5");
  l.valid_from = Date{2024, 5, 20};
  l.valid_to = Date{2024, 7, 15};
  return l;
}

Listing Published() {
  Listing l = Offer();
  EXPECT_TRUE(l.Submit(kBacGiang));
  EXPECT_TRUE(l.Approve(kBacGiang, Date{2024, 5, 10}));
  return l;
}

TEST(ListingKind, ParsesCungAndCau) {
  EXPECT_EQ(*ParseListingKind("Cung"), ListingKind::kOffer);
  EXPECT_EQ(*ParseListingKind("chào bán"), ListingKind::kOffer);
  EXPECT_EQ(*ParseListingKind("CẦU"), ListingKind::kRequest);
  EXPECT_EQ(*ParseListingKind("cần mua"), ListingKind::kRequest);
  EXPECT_EQ(*ParseListingKind("request"), ListingKind::kRequest);
  EXPECT_FALSE(ParseListingKind("trao đổi"));
}

TEST(ListingState, IdsRoundTrip) {
  for (int s = 0; s <= static_cast<int>(ListingState::kWithdrawn); ++s) {
    auto state = static_cast<ListingState>(s);
    EXPECT_EQ(*ParseListingState(ListingStateId(state)), state);
  }
  EXPECT_FALSE(ParseListingState("archived"));
}

TEST(Listing, ValidateRules) {
  EXPECT_TRUE(Offer().Validate());
  Listing l = Offer();
  l.quantity.amount = D("0");
  EXPECT_EQ(l.Validate().error().message_en, "The quantity must be above 0");
  l = Offer();
  l.min_order = D("250");
  EXPECT_EQ(l.Validate().error().message_en, "The minimum order 250 is above the quantity 200");
  l.min_order = D("0");
  EXPECT_FALSE(l.Validate());
  l = Offer();
  l.valid_to = Date{2024, 5, 19};
  EXPECT_EQ(l.Validate().error().message_en,
            "The window ends on 2024-05-19 before it starts on 2024-05-20");
  l = Offer();
  l.product_id.reset();
  l.description = "vải thiều";
  EXPECT_FALSE(l.Validate());  // offers need a product
  l = Offer();
  l.min_stars = 4;
  EXPECT_FALSE(l.Validate());  // requirements are for requests
  l = Offer();
  l.price = PriceRange{D("30000"), D("20000")};
  EXPECT_FALSE(l.Validate());
}

TEST(Listing, RequestNeedsProductOrDescription) {
  Listing r = Offer();
  r.kind = ListingKind::kRequest;
  r.product_id.reset();
  EXPECT_EQ(r.Validate().error().message_en,
            "A request needs a product or a description of what is needed");
  r.description = "Vải thiều tươi loại 1 cho siêu thị";
  r.vcpa = *VcpaCode::Parse("0121101");
  r.required_certifications = CertificationSet{Certification::kVietGap};
  r.min_stars = 3;
  EXPECT_TRUE(r.Validate());
  r.min_stars = 2;
  EXPECT_FALSE(r.Validate());
  r.min_stars = 6;
  EXPECT_FALSE(r.Validate());
}

TEST(ListingModeration, DraftPendingPublished) {
  Listing l = Offer();
  EXPECT_EQ(l.state, ListingState::kDraft);
  ASSERT_TRUE(l.Submit(kBacGiang));
  EXPECT_EQ(l.state, ListingState::kPending);
  EXPECT_EQ(l.moderating_unit_id, kBacGiang);
  EXPECT_FALSE(l.IsPublicOn(Date{2024, 5, 12}));
  ASSERT_TRUE(l.Approve(kBacGiang, Date{2024, 5, 12}));
  EXPECT_EQ(l.state, ListingState::kPublished);
  EXPECT_EQ(l.published_on, (Date{2024, 5, 12}));
  EXPECT_TRUE(l.IsPublicOn(Date{2024, 5, 12}));
}

TEST(ListingModeration, SubmitChecksTheListingFirst) {
  Listing l = Offer();
  l.quantity.amount = D("-1");
  EXPECT_EQ(l.Submit(kBacGiang).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(l.state, ListingState::kDraft);
}

TEST(ListingModeration, RejectWithReasonThenResubmit) {
  Listing l = Offer();
  ASSERT_TRUE(l.Submit(kBacGiang));
  EXPECT_EQ(l.Reject(kBacGiang, "  ").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(l.state, ListingState::kPending);
  ASSERT_TRUE(l.Reject(kBacGiang, "Thiếu giá bán"));
  EXPECT_EQ(l.state, ListingState::kRejected);
  EXPECT_EQ(l.rejection_reason, "Thiếu giá bán");
  EXPECT_FALSE(l.IsPublicOn(Date{2024, 6, 1}));
  ASSERT_TRUE(l.Submit(kBacGiang));
  EXPECT_EQ(l.state, ListingState::kPending);
  EXPECT_EQ(l.rejection_reason, "");
}

TEST(ListingModeration, OnlyTheDepartmentSubmittedToModerates) {
  Listing l = Offer();
  ASSERT_TRUE(l.Submit(kBacGiang));
  EXPECT_EQ(l.Approve(kThanhHoa, Date{2024, 5, 10}).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(l.Reject(kThanhHoa, "no").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(l.state, ListingState::kPending);
}

TEST(ListingModeration, ApprovalAfterTheWindowIsRefused) {
  Listing l = Offer();
  ASSERT_TRUE(l.Submit(kBacGiang));
  EXPECT_TRUE(l.Approve(kBacGiang, Date{2024, 7, 15}));  // last day still fine
  Listing late = Offer();
  ASSERT_TRUE(late.Submit(kBacGiang));
  auto status = late.Approve(kBacGiang, Date{2024, 7, 16});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
}

TEST(ListingModeration, EveryRefusedTransition) {
  const Date day{2024, 6, 1};
  auto expect_refused = [&](Listing l, const char* what) {
    const ListingState before = l.state;
    SCOPED_TRACE(std::string(what) + " from " + std::string(ListingStateId(before)));
    if (before != ListingState::kDraft && before != ListingState::kRejected) {
      EXPECT_EQ(l.Submit(kBacGiang).error().code, ErrorCode::kFailedPrecondition);
    }
    if (before != ListingState::kPending) {
      EXPECT_EQ(l.Approve(kBacGiang, day).error().code, ErrorCode::kFailedPrecondition);
      EXPECT_EQ(l.Reject(kBacGiang, "x").error().code, ErrorCode::kFailedPrecondition);
    }
    if (before != ListingState::kPublished) {
      EXPECT_EQ(l.Expire(Date{2025, 1, 1}).error().code, ErrorCode::kFailedPrecondition);
    }
    if (before != ListingState::kPublished && before != ListingState::kExpired) {
      EXPECT_EQ(l.Renew(Date{2024, 8, 1}, day).error().code, ErrorCode::kFailedPrecondition);
    }
    EXPECT_EQ(l.state, before);
  };
  Listing draft = Offer();
  expect_refused(draft, "draft");
  Listing pending = Offer();
  ASSERT_TRUE(pending.Submit(kBacGiang));
  expect_refused(pending, "pending");
  Listing published = Published();
  expect_refused(published, "published");
  Listing rejected = Offer();
  ASSERT_TRUE(rejected.Submit(kBacGiang));
  ASSERT_TRUE(rejected.Reject(kBacGiang, "Sai đơn vị tính"));
  expect_refused(rejected, "rejected");
  Listing expired = Published();
  ASSERT_TRUE(expired.Expire(Date{2024, 7, 16}));
  expect_refused(expired, "expired");
  Listing withdrawn = Offer();
  ASSERT_TRUE(withdrawn.Withdraw());
  expect_refused(withdrawn, "withdrawn");
  EXPECT_EQ(withdrawn.Withdraw().error().code, ErrorCode::kFailedPrecondition);
}

TEST(ListingModeration, WithdrawFromEveryOtherState) {
  std::vector<Listing> listings;
  listings.push_back(Offer());
  Listing pending = Offer();
  ASSERT_TRUE(pending.Submit(kBacGiang));
  listings.push_back(pending);
  listings.push_back(Published());
  Listing rejected = pending;
  ASSERT_TRUE(rejected.Reject(kBacGiang, "Thiếu ảnh"));
  listings.push_back(rejected);
  Listing expired = Published();
  ASSERT_TRUE(expired.Expire(Date{2024, 7, 16}));
  listings.push_back(expired);
  for (Listing& l : listings) {
    ASSERT_TRUE(l.Withdraw()) << ListingStateId(l.state);
    EXPECT_EQ(l.state, ListingState::kWithdrawn);
    EXPECT_FALSE(l.IsPublicOn(Date{2024, 6, 1}));
  }
}

TEST(ListingExpiry, ExpiresTheDayAfterValidTo) {
  Listing l = Published();
  EXPECT_TRUE(l.IsPublicOn(Date{2024, 7, 15}));
  EXPECT_FALSE(l.IsPublicOn(Date{2024, 7, 16}));  // not public even before the job runs
  EXPECT_EQ(l.Expire(Date{2024, 7, 15}).error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(l.Expire(Date{2024, 7, 16}));
  EXPECT_EQ(l.state, ListingState::kExpired);
  EXPECT_FALSE(l.IsPublicOn(Date{2024, 6, 1}));
}

TEST(ListingRenewal, ShortRenewalStaysPublished) {
  Listing l = Published();
  ASSERT_TRUE(l.Renew(Date{2024, 9, 30}, Date{2024, 7, 10}));  // 82 days ahead
  EXPECT_EQ(l.state, ListingState::kPublished);
  EXPECT_EQ(l.valid_to, (Date{2024, 9, 30}));
  EXPECT_TRUE(l.IsPublicOn(Date{2024, 9, 30}));
}

TEST(ListingRenewal, ExactlyNinetyDaysIsStillShort) {
  Listing l = Published();
  const Date today{2024, 7, 10};
  ASSERT_TRUE(l.Renew(Date{2024, 10, 8}, today));  // 90 days
  EXPECT_EQ(core::DaysBetween(today, Date{2024, 10, 8}), 90);
  EXPECT_EQ(l.state, ListingState::kPublished);
}

TEST(ListingRenewal, LongRenewalGoesBackToModeration) {
  Listing l = Published();
  ASSERT_TRUE(l.Renew(Date{2024, 10, 9}, Date{2024, 7, 10}));  // 91 days
  EXPECT_EQ(l.state, ListingState::kPending);
  EXPECT_FALSE(l.IsPublicOn(Date{2024, 7, 11}));
  ASSERT_TRUE(l.Approve(kBacGiang, Date{2024, 7, 12}));
  EXPECT_TRUE(l.IsPublicOn(Date{2024, 10, 9}));
}

TEST(ListingRenewal, ExpiredListingsCanBeRenewed) {
  Listing l = Published();
  ASSERT_TRUE(l.Expire(Date{2024, 7, 20}));
  ASSERT_TRUE(l.Renew(Date{2024, 8, 31}, Date{2024, 7, 20}));
  EXPECT_EQ(l.state, ListingState::kPublished);
}

TEST(ListingRenewal, NewEndMustBeLaterAndNotPast) {
  Listing l = Published();
  EXPECT_EQ(l.Renew(Date{2024, 7, 15}, Date{2024, 7, 1}).error().code,
            ErrorCode::kInvalidArgument);  // not after the old end
  Listing expired = Published();
  ASSERT_TRUE(expired.Expire(Date{2024, 9, 1}));
  EXPECT_EQ(expired.Renew(Date{2024, 8, 1}, Date{2024, 9, 1}).error().code,
            ErrorCode::kInvalidArgument);  // before today
  EXPECT_EQ(expired.state, ListingState::kExpired);
}

TEST(ListingReminder, WithinDaysBeforeTheEnd) {
  Listing l = Published();  // ends 2024-07-15
  EXPECT_FALSE(l.NeedsReminder(Date{2024, 7, 7}, 7));
  EXPECT_TRUE(l.NeedsReminder(Date{2024, 7, 8}, 7));
  EXPECT_TRUE(l.NeedsReminder(Date{2024, 7, 15}, 7));
  EXPECT_TRUE(l.NeedsReminder(Date{2024, 7, 15}, 0));
  EXPECT_FALSE(l.NeedsReminder(Date{2024, 7, 16}, 7));  // already over
  Listing draft = Offer();
  EXPECT_FALSE(draft.NeedsReminder(Date{2024, 7, 10}, 7));
}

TEST(Listing, DeliveryProvinces) {
  Listing l = Offer();
  EXPECT_TRUE(l.DeliversTo(kThanhHoa));  // empty list = anywhere
  l.delivery_units = {kBacGiang, 1};
  EXPECT_TRUE(l.DeliversTo(1));
  EXPECT_FALSE(l.DeliversTo(kThanhHoa));
}

TEST(Listing, SeasonOverlap) {
  Listing l = Offer();  // 20 May – 15 July
  EXPECT_EQ(l.WindowMonths(), MonthSet::Range(5, 7));
  EXPECT_EQ(SeasonOverlapMonths(l, MonthSet::Range(5, 7)), 3);   // lychee
  EXPECT_EQ(SeasonOverlapMonths(l, MonthSet::Range(6, 8)), 2);   // longan
  EXPECT_EQ(SeasonOverlapMonths(l, MonthSet::Range(11, 2)), 0);  // oranges
  Listing winter = Offer();
  winter.valid_from = Date{2024, 12, 1};
  winter.valid_to = Date{2025, 1, 31};
  EXPECT_EQ(SeasonOverlapMonths(winter, MonthSet::Range(11, 2)), 2);
  EXPECT_EQ(SeasonOverlapMonths(winter, MonthSet::Range(1, 3)), 1);
  EXPECT_EQ(SeasonOverlapMonths(winter, MonthSet::All()), 2);
}

}  // namespace
}  // namespace lienket::linkage
