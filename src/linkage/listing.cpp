#include "linkage/listing.hpp"

#include <fmt/format.h>

#include "core/vi_text.hpp"

namespace lienket::linkage {

using core::ErrorCode;
using core::MakeError;

namespace {

constexpr std::string_view kStateIds[] = {"draft",    "pending", "published",
                                          "rejected", "expired", "withdrawn"};
constexpr std::string_view kStateVi[] = {"bản nháp",   "chờ duyệt", "đã đăng",
                                         "bị từ chối", "hết hạn",   "đã rút"};

core::Status WrongState(std::string_view action_vi, std::string_view action_en,
                        ListingState state) {
  const auto i = static_cast<std::size_t>(state);
  return MakeError(ErrorCode::kFailedPrecondition,
                   fmt::format("Không thể {}: tin đang ở trạng thái {}", action_vi, kStateVi[i]),
                   fmt::format("Cannot {} a listing that is {}", action_en, kStateIds[i]));
}

core::Status OtherDepartment() {
  return MakeError(ErrorCode::kPermissionDenied, "Tin này do Sở Công Thương khác kiểm duyệt",
                   "This listing is moderated by another Department");
}

core::Status Invalid(std::string vi, std::string en) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(vi), std::move(en));
}

}  // namespace

std::string_view ListingKindId(ListingKind kind) {
  return kind == ListingKind::kOffer ? "offer" : "request";
}

core::Result<ListingKind> ParseListingKind(std::string_view text) {
  const std::string key = core::NameKey(text);
  for (std::string_view k : {"offer", "cung", "chaoban", "ban", "supply", "sell"}) {
    if (key == k) return ListingKind::kOffer;
  }
  for (std::string_view k : {"request", "cau", "canmua", "mua", "demand", "buy"}) {
    if (key == k) return ListingKind::kRequest;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Loại tin \"{}\" không hợp lệ; dùng: cung (chào bán) hoặc cầu "
                               "(cần mua)",
                               core::TrimSpaces(text)),
                   fmt::format("Listing kind \"{}\" is not valid; use: offer or request",
                               core::TrimSpaces(text)));
}

std::string_view ListingStateId(ListingState state) {
  return kStateIds[static_cast<std::size_t>(state)];
}

core::Result<ListingState> ParseListingState(std::string_view id) {
  for (std::size_t i = 0; i < std::size(kStateIds); ++i) {
    if (kStateIds[i] == id) return static_cast<ListingState>(i);
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Trạng thái tin \"{}\" không hợp lệ", id),
                   fmt::format("Listing state \"{}\" is not valid", id));
}

core::Status Listing::Validate() const {
  if (quantity.amount.IsNegative() || quantity.amount.IsZero()) {
    return Invalid("Số lượng phải lớn hơn 0", "The quantity must be above 0");
  }
  if (min_order) {
    if (min_order->IsNegative() || min_order->IsZero()) {
      return Invalid("Số lượng đặt tối thiểu phải lớn hơn 0", "The minimum order must be above 0");
    }
    if (quantity.amount < *min_order) {
      return Invalid(fmt::format("Số lượng đặt tối thiểu {} lớn hơn số lượng {}",
                                 min_order->ToString(), quantity.amount.ToString()),
                     fmt::format("The minimum order {} is above the quantity {}",
                                 min_order->ToString(), quantity.amount.ToString()));
    }
  }
  if (valid_to < valid_from) {
    return Invalid(fmt::format("Thời gian kết thúc {} trước thời gian bắt đầu {}",
                               valid_to.ToVietnamese(), valid_from.ToVietnamese()),
                   fmt::format("The window ends on {} before it starts on {}", valid_to.ToString(),
                               valid_from.ToString()));
  }
  if (kind == ListingKind::kOffer) {
    if (!product_id) {
      return Invalid("Tin chào bán phải gắn với một sản phẩm",
                     "An offer must name one of the owner's products");
    }
    if (!required_certifications.IsEmpty() || min_stars != 0) {
      return Invalid("Yêu cầu chứng nhận và hạng sao OCOP chỉ dành cho tin cần mua",
                     "Required certifications and OCOP stars belong to requests only");
    }
  } else if (!product_id && core::TrimSpaces(description).empty()) {
    return Invalid("Tin cần mua phải có sản phẩm hoặc mô tả hàng cần mua",
                   "A request needs a product or a description of what is needed");
  }
  if (min_stars != 0 && (min_stars < 3 || min_stars > 5)) {
    return Invalid(
        fmt::format("Hạng sao OCOP tối thiểu phải là 3, 4 hoặc 5, không phải {}", min_stars),
        fmt::format("The minimum OCOP stars must be 3, 4 or 5, not {}", min_stars));
  }
  if (price) {
    Product probe;
    probe.name_vi = "-";
    probe.price = price;
    LIENKET_RETURN_IF_ERROR(probe.Validate());
  }
  return {};
}

core::Status Listing::Submit(int department_unit_id) {
  if (state != ListingState::kDraft && state != ListingState::kRejected) {
    return WrongState("gửi duyệt", "submit", state);
  }
  LIENKET_RETURN_IF_ERROR(Validate());
  state = ListingState::kPending;
  moderating_unit_id = department_unit_id;
  rejection_reason.clear();
  return {};
}

core::Status Listing::Approve(int department_unit_id, const core::Date& today) {
  if (state != ListingState::kPending) return WrongState("duyệt", "approve", state);
  if (department_unit_id != moderating_unit_id) return OtherDepartment();
  if (valid_to < today) {
    return MakeError(
        ErrorCode::kFailedPrecondition,
        fmt::format("Không thể duyệt: thời gian của tin đã kết thúc ngày {}",
                    valid_to.ToVietnamese()),
        fmt::format("Cannot approve: the listing's window ended on {}", valid_to.ToString()));
  }
  state = ListingState::kPublished;
  published_on = today;
  return {};
}

core::Status Listing::Reject(int department_unit_id, std::string reason) {
  if (state != ListingState::kPending) return WrongState("từ chối", "reject", state);
  if (department_unit_id != moderating_unit_id) return OtherDepartment();
  if (core::TrimSpaces(reason).empty()) {
    return Invalid("Từ chối phải có lý do để chủ tin sửa lại",
                   "A rejection needs a reason the owner can act on");
  }
  state = ListingState::kRejected;
  rejection_reason = std::move(reason);
  return {};
}

core::Status Listing::Expire(const core::Date& today) {
  if (state != ListingState::kPublished) return WrongState("cho hết hạn", "expire", state);
  if (!(valid_to < today)) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("Tin còn hạn đến hết ngày {}", valid_to.ToVietnamese()),
                     fmt::format("The listing runs until the end of {}", valid_to.ToString()));
  }
  state = ListingState::kExpired;
  return {};
}

core::Status Listing::Renew(const core::Date& new_valid_to, const core::Date& today) {
  if (state != ListingState::kPublished && state != ListingState::kExpired) {
    return WrongState("gia hạn", "renew", state);
  }
  if (!(valid_to < new_valid_to) || new_valid_to < today) {
    return Invalid(fmt::format("Ngày hết hạn mới {} phải sau ngày hết hạn cũ {} và không trước "
                               "hôm nay",
                               new_valid_to.ToVietnamese(), valid_to.ToVietnamese()),
                   fmt::format("The new end {} must be after the old end {} and not before today",
                               new_valid_to.ToString(), valid_to.ToString()));
  }
  valid_to = new_valid_to;
  state = core::DaysBetween(today, new_valid_to) <= kRenewWithoutReviewDays
              ? ListingState::kPublished
              : ListingState::kPending;
  return {};
}

core::Status Listing::Withdraw() {
  if (state == ListingState::kWithdrawn) return WrongState("rút", "withdraw", state);
  state = ListingState::kWithdrawn;
  return {};
}

bool Listing::IsPublicOn(const core::Date& date) const {
  return state == ListingState::kPublished && date <= valid_to;
}

bool Listing::NeedsReminder(const core::Date& date, int days_before) const {
  return IsPublicOn(date) && core::DaysBetween(date, valid_to) <= days_before;
}

bool Listing::DeliversTo(int unit_id) const {
  if (delivery_units.empty()) return true;
  for (int u : delivery_units) {
    if (u == unit_id) return true;
  }
  return false;
}

int SeasonOverlapMonths(const Listing& listing, const MonthSet& season) {
  return listing.WindowMonths().Intersect(season).Count();
}

}  // namespace lienket::linkage
