#include "linkage/organisation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/vi_text.hpp"

namespace lienket::linkage {

using core::ErrorCode;
using core::MakeError;

namespace {

struct KindAlias {
  std::string_view key;  // as NameKey folds it
  OrganisationKind kind;
};
constexpr KindAlias kKindAliases[] = {
    {"enterprise", OrganisationKind::kEnterprise},
    {"doanhnghiep", OrganisationKind::kEnterprise},
    {"dn", OrganisationKind::kEnterprise},
    {"company", OrganisationKind::kEnterprise},
    {"congty", OrganisationKind::kEnterprise},
    {"cooperative", OrganisationKind::kCooperative},
    {"hoptacxa", OrganisationKind::kCooperative},
    {"htx", OrganisationKind::kCooperative},
    {"householdbusiness", OrganisationKind::kHouseholdBusiness},
    {"household", OrganisationKind::kHouseholdBusiness},
    {"hokinhdoanh", OrganisationKind::kHouseholdBusiness},
    {"hkd", OrganisationKind::kHouseholdBusiness},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

core::Status WrongState(std::string_view action_vi, std::string_view action_en,
                        ClaimStatus status) {
  static constexpr std::array<std::string_view, 3> kVi = {"chưa có người nhận", "đã có người nhận",
                                                          "đã được xác minh"};
  static constexpr std::array<std::string_view, 3> kEn = {"unclaimed", "claimed", "verified"};
  const auto i = static_cast<std::size_t>(status);
  return MakeError(ErrorCode::kFailedPrecondition,
                   fmt::format("Không thể {}: tổ chức đang ở trạng thái {}", action_vi, kVi[i]),
                   fmt::format("Cannot {}: the organisation is {}", action_en, kEn[i]));
}

core::Status NotTheDepartment() {
  return MakeError(ErrorCode::kPermissionDenied,
                   "Chỉ Sở Công Thương của tỉnh nơi tổ chức đăng ký mới xác minh được tổ chức này",
                   "Only the Department of Industry and Trade of the organisation's province can "
                   "verify it");
}

}  // namespace

std::string_view OrganisationKindId(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kEnterprise:
      return "enterprise";
    case OrganisationKind::kCooperative:
      return "cooperative";
    case OrganisationKind::kHouseholdBusiness:
      return "household_business";
  }
  return "enterprise";
}

std::string_view OrganisationKindNameVi(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kEnterprise:
      return "doanh nghiệp";
    case OrganisationKind::kCooperative:
      return "hợp tác xã";
    case OrganisationKind::kHouseholdBusiness:
      return "hộ kinh doanh";
  }
  return "doanh nghiệp";
}

std::string_view OrganisationKindNameEn(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kEnterprise:
      return "enterprise";
    case OrganisationKind::kCooperative:
      return "cooperative";
    case OrganisationKind::kHouseholdBusiness:
      return "household business";
  }
  return "enterprise";
}

core::Result<OrganisationKind> ParseOrganisationKind(std::string_view text) {
  const std::string key = core::NameKey(text);
  for (const KindAlias& a : kKindAliases) {
    if (a.key == key) return a.kind;
  }
  return MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("Loại tổ chức \"{}\" không hợp lệ; dùng: doanh nghiệp (DN), hợp tác xã (HTX), "
                  "hộ kinh doanh (HKD)",
                  core::TrimSpaces(text)),
      fmt::format("Organisation kind \"{}\" is not valid; use: enterprise, cooperative, "
                  "household_business",
                  core::TrimSpaces(text)));
}

core::Result<std::string> ParseCitizenId(std::string_view text) {
  std::string digits;
  for (char c : core::TrimSpaces(text)) {
    if (c == ' ' || c == '.') continue;
    if (!IsDigit(c)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Số căn cước \"{}\" chỉ được gồm chữ số", text),
                       fmt::format("Citizen id \"{}\" must have digits only", text));
    }
    digits.push_back(c);
  }
  if (digits.size() != 12) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Số căn cước \"{}\" có {} chữ số; số căn cước gồm 12 chữ số", text,
                    digits.size()),
        fmt::format("Citizen id \"{}\" has {} digits; a citizen id has 12", text, digits.size()));
  }
  return digits;
}

core::Result<std::string> NormalisePhone(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
      continue;
    } else {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("Số điện thoại \"{}\" chứa ký tự không phải chữ số", text),
          fmt::format("Phone number \"{}\" contains a character that is not a digit", text));
    }
  }
  std::string national;  // significant number, without the leading 0 or 84
  if (plus) {
    if (digits.rfind("84", 0) != 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("Số điện thoại \"{}\" không phải số Việt Nam (+84)", text),
                       fmt::format("Phone number \"{}\" is not a Vietnamese number (+84)", text));
    }
    national = digits.substr(2);
  } else if (!digits.empty() && digits[0] == '0') {
    national = digits.substr(1);
  } else if (digits.rfind("84", 0) == 0 && (digits.size() == 11 || digits.size() == 12)) {
    national = digits.substr(2);
  } else {
    national = digits;
  }
  if (!national.empty() && national[0] == '0') national.erase(0, 1);  // "+84 0912…"
  const bool mobile =
      national.size() == 9 && std::string_view("35789").find(national[0]) != std::string_view::npos;
  const bool landline = national.size() == 10 && national[0] == '2';
  if (!mobile && !landline) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Số điện thoại \"{}\" không hợp lệ: di động gồm 10 chữ số bắt đầu bằng 03, "
                    "05, 07, 08 hoặc 09; cố định gồm 11 chữ số bắt đầu bằng 02",
                    text),
        fmt::format("Phone number \"{}\" is not valid: a mobile number has 10 digits starting "
                    "03, 05, 07, 08 or 09; a landline 11 digits starting 02",
                    text));
  }
  return "+84" + national;
}

core::Result<std::string> NormaliseEmail(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  const std::size_t at = text.find('@');
  const bool ok = at != std::string_view::npos && at > 0 &&
                  text.find('@', at + 1) == std::string_view::npos &&
                  text.find_first_of(" \t,;") == std::string_view::npos && [&] {
                    std::string_view domain = text.substr(at + 1);
                    std::size_t dot = domain.find('.');
                    return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
                  }();
  if (!ok) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Địa chỉ thư điện tử \"{}\" không hợp lệ (dạng ten@tenmien.vn)", text),
        fmt::format("E-mail address \"{}\" is not valid (name@domain.vn)", text));
  }
  std::string result(text);
  std::transform(result.begin() + static_cast<std::ptrdiff_t>(at) + 1, result.end(),
                 result.begin() + static_cast<std::ptrdiff_t>(at) + 1, [](char c) {
                   return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
                 });
  return result;
}

core::Result<char> ParseVsicSection(std::string_view raw) {
  const std::string_view text = core::TrimSpaces(raw);
  if (text.size() == 1) {
    char c = text[0];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'U') return c;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Ngành \"{}\" không hợp lệ: ghi mã ngành cấp 1 VSIC 2018, một chữ "
                               "cái từ A đến U",
                               text),
                   fmt::format("Sector \"{}\" is not valid: give the VSIC 2018 section letter, A "
                               "to U",
                               text));
}

std::string_view ClaimStatusId(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kUnclaimed:
      return "unclaimed";
    case ClaimStatus::kClaimed:
      return "claimed";
    case ClaimStatus::kVerified:
      return "verified";
  }
  return "unclaimed";
}

core::Result<ClaimStatus> ParseClaimStatus(std::string_view id) {
  for (ClaimStatus s : {ClaimStatus::kUnclaimed, ClaimStatus::kClaimed, ClaimStatus::kVerified}) {
    if (ClaimStatusId(s) == id) return s;
  }
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("Trạng thái \"{}\" không hợp lệ", id),
                   fmt::format("Status \"{}\" is not valid (unclaimed, claimed, verified)", id));
}

core::Status Organisation::Validate(const stats::UnitCatalog& units) const {
  if (core::TrimSpaces(name).empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "Tên tổ chức đang để trống",
                     "The organisation's name is empty");
  }
  if (kind != OrganisationKind::kHouseholdBusiness && !tax_code) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("{} phải có mã số thuế",
                    kind == OrganisationKind::kEnterprise ? "Doanh nghiệp" : "Hợp tác xã"),
        kind == OrganisationKind::kEnterprise ? "An enterprise must have a tax code"
                                              : "A cooperative must have a tax code");
  }
  if (!citizen_id.empty()) {
    if (kind != OrganisationKind::kHouseholdBusiness) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Chỉ hộ kinh doanh mới dùng số căn cước thay cho mã số thuế",
                       "Only a household business may give a citizen id instead of a tax code");
    }
    auto parsed = ParseCitizenId(citizen_id);
    if (!parsed) return tl::unexpected(parsed.error());
  }
  const stats::AdminUnit* unit = units.FindById(unit_id);
  if (unit == nullptr || unit->IsNational()) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có tỉnh/thành phố mã nội bộ {}", unit_id),
                     fmt::format("No province with internal id {}", unit_id));
  }
  if (!unit->ValidOn(registered_on)) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("{} không tồn tại vào ngày đăng ký {}", unit->full_name_vi,
                                 registered_on.ToVietnamese()),
                     fmt::format("{} did not exist on the registration date {}", unit->name_en,
                                 registered_on.ToString()));
  }
  return {};
}

bool Organisation::IsUnderDepartment(int department_unit_id,
                                     const stats::UnitCatalog& units) const {
  return department_unit_id == unit_id || department_unit_id == units.SuccessorOf(unit_id);
}

core::Status Organisation::Claim(std::int64_t user_id) {
  if (user_id == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "Thiếu người nhận tổ chức",
                     "No user given for the claim");
  }
  if (status != ClaimStatus::kUnclaimed) return WrongState("nhận tổ chức", "claim it", status);
  status = ClaimStatus::kClaimed;
  claimed_by = user_id;
  return {};
}

core::Status Organisation::ReleaseClaim() {
  if (status != ClaimStatus::kClaimed) return WrongState("bỏ nhận", "release the claim", status);
  status = ClaimStatus::kUnclaimed;
  claimed_by = 0;
  return {};
}

core::Status Organisation::Verify(int department_unit_id, const stats::UnitCatalog& units,
                                  const core::Date& on) {
  if (!IsUnderDepartment(department_unit_id, units)) return NotTheDepartment();
  if (status != ClaimStatus::kClaimed) return WrongState("xác minh", "verify it", status);
  status = ClaimStatus::kVerified;
  verified_on = on;
  return {};
}

core::Status Organisation::RevokeVerification(int department_unit_id,
                                              const stats::UnitCatalog& units) {
  if (!IsUnderDepartment(department_unit_id, units)) return NotTheDepartment();
  if (status != ClaimStatus::kVerified) {
    return WrongState("thu hồi xác minh", "revoke the verification", status);
  }
  status = ClaimStatus::kClaimed;
  verified_on.reset();
  return {};
}

}  // namespace lienket::linkage
