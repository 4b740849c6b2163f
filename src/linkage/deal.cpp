#include "linkage/deal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/vi_text.hpp"

namespace lienket::linkage {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::MakeError;

struct TypeInfo {
  DealType type;
  std::string_view id, vi, en;
};
constexpr std::array<TypeInfo, 4> kTypes = {{
    {DealType::kPurchaseContract, "purchase_contract", "Hợp đồng mua bán", "Purchase contract"},
    {DealType::kDistribution, "distribution", "Thỏa thuận phân phối", "Distribution agreement"},
    {DealType::kOfftake, "offtake", "Hợp đồng bao tiêu", "Offtake agreement"},
    {DealType::kMemorandum, "mou", "Biên bản ghi nhớ / thư ý định",
     "Memorandum of understanding / letter of intent"},
}};

// VSIC 2018 / VCPA sections, as product groups.
struct SectionInfo {
  char letter;
  std::string_view vi, en;
};
constexpr std::array<SectionInfo, 21> kSections = {{
    {'A', "Nông, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing"},
    {'B', "Khai khoáng", "Mining and quarrying"},
    {'C', "Công nghiệp chế biến, chế tạo", "Manufactured goods"},
    {'D', "Điện, khí đốt, hơi nước", "Electricity, gas and steam"},
    {'E', "Nước, xử lý rác thải, nước thải", "Water supply and waste services"},
    {'F', "Xây dựng", "Construction"},
    {'G', "Bán buôn, bán lẻ", "Wholesale and retail trade services"},
    {'H', "Vận tải, kho bãi", "Transport and storage"},
    {'I', "Lưu trú và ăn uống", "Accommodation and food services"},
    {'J', "Thông tin và truyền thông", "Information and communication"},
    {'K', "Tài chính, ngân hàng, bảo hiểm", "Finance and insurance"},
    {'L', "Bất động sản", "Real estate"},
    {'M', "Chuyên môn, khoa học, công nghệ", "Professional, scientific and technical services"},
    {'N', "Hành chính và dịch vụ hỗ trợ", "Administrative and support services"},
    {'O', "Quản lý nhà nước, an ninh quốc phòng", "Public administration and defence"},
    {'P', "Giáo dục và đào tạo", "Education"},
    {'Q', "Y tế và trợ giúp xã hội", "Health and social work"},
    {'R', "Nghệ thuật, vui chơi, giải trí", "Arts, entertainment and recreation"},
    {'S', "Dịch vụ khác", "Other services"},
    {'T', "Dịch vụ hộ gia đình", "Household services"},
    {'U', "Tổ chức quốc tế", "Extraterritorial organisations"},
}};

const SectionInfo& Section(char letter) {
  for (const SectionInfo& s : kSections)
    if (s.letter == letter) return s;
  return kSections[0];
}

core::Error Invalid(std::string vi, std::string en) {
  return {ErrorCode::kInvalidArgument, std::move(vi), std::move(en)};
}

// Checks that `unit_id` is a province that existed on `on`.
std::optional<core::Error> CheckUnit(int unit_id, const core::Date& on,
                                     const stats::UnitCatalog& units, std::string_view role_vi,
                                     std::string_view role_en) {
  const stats::AdminUnit* unit = units.FindById(unit_id);
  if (unit_id == 0) {
    return Invalid(fmt::format("Chưa chọn tỉnh/thành phố {}", role_vi),
                   fmt::format("The {} province is missing", role_en));
  }
  if (unit == nullptr || unit->IsNational()) {
    return core::Error{ErrorCode::kNotFound,
                       fmt::format("Không có tỉnh/thành phố mã nội bộ {}", unit_id),
                       fmt::format("No province with internal id {}", unit_id)};
  }
  if (!unit->ValidOn(on)) {
    std::string when_vi =
        unit->valid_to ? fmt::format("đã thôi tồn tại từ sau {}", unit->valid_to->ToVietnamese())
                       : fmt::format("chỉ có từ {}", unit->valid_from.ToVietnamese());
    std::string when_en = unit->valid_to
                              ? fmt::format("ceased to exist after {}", unit->valid_to->ToString())
                              : fmt::format("exists only from {}", unit->valid_from.ToString());
    const stats::AdminUnit* successor = units.FindById(units.SuccessorOf(unit_id));
    if (successor != nullptr && successor != unit && successor->ValidOn(on)) {
      when_vi += fmt::format(" (nay thuộc {})", successor->full_name_vi);
      when_en += fmt::format(" (now part of {})", successor->name_en);
    }
    return core::Error{ErrorCode::kFailedPrecondition,
                       fmt::format("{} {} vào ngày ký {}: {}", unit->full_name_vi, "không tồn tại",
                                   on.ToVietnamese(), when_vi),
                       fmt::format("{} did not exist on the signing date {}: it {}", unit->name_en,
                                   on.ToString(), when_en)};
  }
  return std::nullopt;
}

}  // namespace

std::string_view DealTypeId(DealType type) { return kTypes[static_cast<int>(type)].id; }
std::string_view DealTypeNameVi(DealType type) { return kTypes[static_cast<int>(type)].vi; }
std::string_view DealTypeNameEn(DealType type) { return kTypes[static_cast<int>(type)].en; }
bool IsBinding(DealType type) { return type != DealType::kMemorandum; }

core::Result<DealType> ParseDealType(std::string_view text) {
  const std::string key = core::NameKey(text);
  for (const TypeInfo& t : kTypes) {
    if (key == core::NameKey(t.id) || key == core::NameKey(t.vi) || key == core::NameKey(t.en))
      return t.type;
  }
  auto has = [&](std::string_view part) { return key.find(part) != std::string::npos; };
  if (!key.empty()) {
    if (has("ghinho") || has("ydinh") || key == "mou" || has("memorandum") || has("intent"))
      return DealType::kMemorandum;
    if (has("baotieu") || has("offtake")) return DealType::kOfftake;
    if (has("phanphoi") || has("distribution")) return DealType::kDistribution;
    if (has("muaban") || has("purchase") || key == "hopdong" || key == "contract")
      return DealType::kPurchaseContract;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Loại thỏa thuận \"{}\" không hợp lệ; dùng: purchase_contract (hợp "
                               "đồng mua bán), distribution (phân phối), offtake (bao tiêu), mou "
                               "(ghi nhớ / thư ý định)",
                               core::TrimSpaces(text)),
                   fmt::format("Deal type \"{}\" is not valid; use purchase_contract, "
                               "distribution, offtake or mou",
                               core::TrimSpaces(text)));
}

ProductGroup ProductGroup::Ocop(OcopGroup group) {
  ProductGroup g;
  g.is_ocop_ = true;
  g.ocop_ = group;
  return g;
}

ProductGroup ProductGroup::Vcpa(char section) {
  ProductGroup g;
  g.is_ocop_ = false;
  g.section_ = static_cast<char>(std::toupper(static_cast<unsigned char>(section)));
  return g;
}

core::Result<ProductGroup> ProductGroup::Parse(std::string_view text) {
  std::string_view t = core::TrimSpaces(text);
  std::string lower;
  for (char c : t) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower.rfind("vcpa-", 0) == 0 || lower.rfind("vcpa ", 0) == 0) {
    if (auto code = VcpaCode::Parse(t.substr(5))) return Vcpa(code->section());
  } else if (auto group = ParseOcopGroup(t)) {
    return Ocop(*group);
  } else if (auto code = VcpaCode::Parse(t)) {
    return Vcpa(code->section());
  }
  return MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("Nhóm sản phẩm \"{}\" không hợp lệ; dùng một nhóm OCOP (food, beverage, herbal, "
                  "handicraft, ornamental, tourism hoặc 1–6) hoặc một ngành VCPA (vcpa-a … "
                  "vcpa-u, hay một mã VCPA)",
                  t),
      fmt::format("Product group \"{}\" is not valid; use an OCOP group (food, beverage, herbal, "
                  "handicraft, ornamental, tourism or 1–6) or a VCPA section (vcpa-a … vcpa-u, "
                  "or a VCPA code)",
                  t));
}

std::string ProductGroup::Id() const {
  if (is_ocop_) return std::string(OcopGroupId(ocop_));
  return fmt::format("vcpa-{}",
                     static_cast<char>(std::tolower(static_cast<unsigned char>(section_))));
}
std::string ProductGroup::NameVi() const {
  if (is_ocop_) return fmt::format("OCOP: {}", OcopGroupNameVi(ocop_));
  return fmt::format("VCPA {}: {}", section_, Section(section_).vi);
}
std::string ProductGroup::NameEn() const {
  if (is_ocop_) return fmt::format("OCOP: {}", OcopGroupNameEn(ocop_));
  return fmt::format("VCPA {}: {}", section_, Section(section_).en);
}

Decimal Deal::TotalValue() const {
  Decimal sum;
  for (const DealLine& l : lines) sum += l.value;
  return sum;
}

std::vector<DealProblem> ValidateDeal(const Deal& deal, const stats::UnitCatalog& units,
                                      const core::Date& today) {
  std::vector<DealProblem> out;
  auto add = [&](std::string field, core::Error e) {
    out.push_back({std::move(field), std::move(e)});
  };
  if (core::TrimSpaces(deal.title).empty())
    add("title", Invalid("Tên thỏa thuận đang để trống", "The deal's title is empty"));
  if (!deal.signed_on.IsValid()) {
    add("signed_on", Invalid("Ngày ký không hợp lệ", "The signing date is not valid"));
  } else if (today < deal.signed_on) {
    add("signed_on", Invalid(fmt::format("Ngày ký {} ở tương lai: chỉ ghi nhận thỏa thuận đã ký",
                                         deal.signed_on.ToVietnamese()),
                             fmt::format("The signing date {} is in the future: only deals "
                                         "already signed are recorded",
                                         deal.signed_on.ToString())));
  }
  if (deal.seller_id == 0) add("seller", Invalid("Chưa chọn bên bán", "The seller is missing"));
  if (deal.buyer_id == 0) add("buyer", Invalid("Chưa chọn bên mua", "The buyer is missing"));
  if (deal.seller_id != 0 && deal.seller_id == deal.buyer_id)
    add("buyer", Invalid("Bên mua và bên bán là cùng một tổ chức",
                         "The buyer and the seller are the same organisation"));
  if (deal.signed_on.IsValid()) {
    if (auto e = CheckUnit(deal.origin_unit_id, deal.signed_on, units, "nơi đi", "origin"))
      add("origin", *e);
    if (auto e =
            CheckUnit(deal.destination_unit_id, deal.signed_on, units, "nơi đến", "destination"))
      add("destination", *e);
  }
  if (deal.lines.empty()) {
    add("lines", Invalid("Thỏa thuận chưa có sản phẩm nào", "The deal has no products"));
  } else if (deal.lines.size() > 50) {
    add("lines", Invalid("Một thỏa thuận có tối đa 50 dòng sản phẩm",
                         "A deal has at most 50 product lines"));
  }
  for (std::size_t i = 0; i < deal.lines.size() && i < 50; ++i) {
    const DealLine& l = deal.lines[i];
    const std::string f = fmt::format("lines[{}]", i);
    if (core::TrimSpaces(l.product_name).empty())
      add(f + ".product", Invalid(fmt::format("Dòng {}: chưa có tên sản phẩm", i + 1),
                                  fmt::format("Line {}: the product's name is empty", i + 1)));
    if (l.quantity <= Decimal())
      add(f + ".quantity", Invalid(fmt::format("Dòng {}: khối lượng phải lớn hơn 0", i + 1),
                                   fmt::format("Line {}: the volume must be above 0", i + 1)));
    if (l.value.IsNegative())
      add(f + ".value", Invalid(fmt::format("Dòng {}: giá trị không được âm", i + 1),
                                fmt::format("Line {}: the value cannot be negative", i + 1)));
  }
  if (IsBinding(deal.type) && !deal.lines.empty() && deal.TotalValue().IsZero())
    add("lines",
        Invalid(fmt::format("{} phải có giá trị (đồng) lớn hơn 0", DealTypeNameVi(deal.type)),
                fmt::format("A {} must have a value above 0 đồng",
                            core::LowerNfc(DealTypeNameEn(deal.type)))));
  if (deal.meeting_id != 0 && deal.event_id == 0)
    add("meeting", Invalid("Cuộc gặp B2B phải đi kèm sự kiện của nó",
                           "A B2B meeting must come with its event"));
  return out;
}

// ---- Follow-ups

core::Status CheckFollowUpMonths(int months) {
  for (int m : kFollowUpMonths)
    if (m == months) return {};
  return MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("Mốc theo dõi {} tháng không hợp lệ; các mốc: 3, 6, 12 tháng", months),
      fmt::format("A {}-month follow-up is not valid; the milestones are 3, 6 and 12 "
                  "months",
                  months));
}

core::Date FollowUpDueDate(const core::Date& signed_on, int months) {
  return AddMonths(signed_on, months);
}

std::vector<DealProblem> ValidateFollowUp(const FollowUp& f, const Deal& deal,
                                          const std::vector<FollowUp>& others,
                                          const core::Date& today) {
  std::vector<DealProblem> out;
  auto add = [&](std::string field, core::Error e) {
    out.push_back({std::move(field), std::move(e)});
  };
  if (auto s = CheckFollowUpMonths(f.months); !s) {
    add("months", s.error());
    return out;
  }
  const core::Date due = FollowUpDueDate(deal.signed_on, f.months);
  if (!f.recorded_on.IsValid()) {
    add("recorded_on", Invalid("Ngày ghi nhận không hợp lệ", "The recording date is not valid"));
  } else {
    if (core::DaysBetween(f.recorded_on, due) > kFollowUpEarlyDays)
      add("recorded_on",
          core::Error{ErrorCode::kFailedPrecondition,
                      fmt::format("Mốc {} tháng đến hạn ngày {}: chỉ ghi nhận được từ {} ngày "
                                  "trước hạn",
                                  f.months, due.ToVietnamese(), kFollowUpEarlyDays),
                      fmt::format("The {}-month follow-up is due on {}: it can be recorded from "
                                  "{} days before",
                                  f.months, due.ToString(), kFollowUpEarlyDays)});
    if (today < f.recorded_on)
      add("recorded_on",
          Invalid("Ngày ghi nhận ở tương lai", "The recording date is in the future"));
  }
  if (f.lines.size() != deal.lines.size()) {
    add("lines", Invalid(fmt::format("Cần số liệu giao hàng cho đủ {} dòng sản phẩm của thỏa thuận "
                                     "(nhận được {})",
                                     deal.lines.size(), f.lines.size()),
                         fmt::format("Deliveries are needed for all {} product lines of the deal "
                                     "(got {})",
                                     deal.lines.size(), f.lines.size())));
    return out;
  }
  for (std::size_t i = 0; i < f.lines.size(); ++i) {
    const Delivered& d = f.lines[i];
    const std::string field = fmt::format("lines[{}]", i);
    if (d.quantity.IsNegative() || d.value.IsNegative()) {
      add(field,
          Invalid(fmt::format("Dòng {}: khối lượng và giá trị đã giao không được âm", i + 1),
                  fmt::format("Line {}: delivered volume and value cannot be negative", i + 1)));
      continue;
    }
    for (const FollowUp& o : others) {
      if (o.deal_id != f.deal_id || o.months == f.months || o.lines.size() != f.lines.size())
        continue;
      const Delivered& od = o.lines[i];
      const bool earlier = o.months < f.months;
      const bool bad = earlier ? (d.quantity < od.quantity || d.value < od.value)
                               : (od.quantity < d.quantity || od.value < d.value);
      if (bad)
        add(field,
            core::Error{
                ErrorCode::kFailedPrecondition,
                fmt::format("Dòng {}: số đã giao là lũy kế từ ngày ký, nên không thể {} "
                            "mốc {} tháng đã ghi ({} {}, {} đồng)",
                            i + 1, earlier ? "thấp hơn" : "cao hơn", o.months,
                            od.quantity.ToString(), ProductUnitNameVi(deal.lines[i].unit),
                            od.value.ToString()),
                fmt::format("Line {}: deliveries are cumulative since signature, so they "
                            "cannot be {} the recorded {}-month figures ({} {}, {} đồng)",
                            i + 1, earlier ? "below" : "above", o.months, od.quantity.ToString(),
                            ProductUnitNameEn(deal.lines[i].unit), od.value.ToString())});
    }
  }
  return out;
}

std::string_view FollowUpStateId(FollowUpState state) {
  switch (state) {
    case FollowUpState::kUpcoming:
      return "upcoming";
    case FollowUpState::kDue:
      return "due";
    case FollowUpState::kOverdue:
      return "overdue";
    case FollowUpState::kRecorded:
      return "recorded";
  }
  return "upcoming";
}

std::vector<FollowUpStatus> FollowUpSchedule(const Deal& deal,
                                             const std::vector<FollowUp>& follow_ups,
                                             const core::Date& today) {
  std::vector<FollowUpStatus> out;
  const Decimal contracted = deal.TotalValue();
  for (int months : kFollowUpMonths) {
    FollowUpStatus s;
    s.months = months;
    s.due_on = FollowUpDueDate(deal.signed_on, months);
    s.contracted_value = contracted;
    for (const FollowUp& f : follow_ups)
      if (f.deal_id == deal.id && f.months == months) s.record = &f;
    if (s.record != nullptr) {
      s.state = FollowUpState::kRecorded;
      Decimal delivered;
      for (const Delivered& d : s.record->lines) delivered += d.value;
      s.delivered_value = delivered;
      if (!contracted.IsZero()) {
        auto pct = delivered.Times(Decimal::FromInt(100)).DividedBy(contracted);
        if (pct) s.delivered_pct = *pct;
      }
    } else {
      const int days_to_due = core::DaysBetween(today, s.due_on);  // > 0 before the due date
      if (days_to_due > kFollowUpEarlyDays) {
        s.state = FollowUpState::kUpcoming;
      } else if (-days_to_due <= kFollowUpGraceDays) {
        s.state = FollowUpState::kDue;
      } else {
        s.state = FollowUpState::kOverdue;
      }
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace lienket::linkage
