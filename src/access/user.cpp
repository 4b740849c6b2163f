#include "access/user.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

namespace lienket::access {
namespace {

using core::ErrorCode;
using core::MakeError;

struct RoleName {
  Role role;
  std::string_view id;
  std::string_view label_vi;
};
constexpr std::array<RoleName, 5> kRoles = {{
    {Role::kAdmin, "admin", "quản trị hệ thống"},
    {Role::kCoordinator, "coordinator", "điều phối vùng"},
    {Role::kOfficer, "officer", "cán bộ nhập liệu của Sở"},
    {Role::kApprover, "approver", "lãnh đạo phê duyệt của Sở"},
    {Role::kEnterprise, "enterprise", "doanh nghiệp"},
}};

constexpr std::size_t kMinPasswordLength = 10;

void InitSodium() {
  // sodium_init is safe to call repeatedly and from several threads; it fails only when the
  // system has no usable randomness, and nothing here can work without it.
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

}  // namespace

std::string_view RoleId(Role role) {
  for (const RoleName& r : kRoles)
    if (r.role == role) return r.id;
  return "officer";
}

std::string_view RoleLabelVi(Role role) {
  for (const RoleName& r : kRoles)
    if (r.role == role) return r.label_vi;
  return "";
}

core::Result<Role> ParseRole(std::string_view text) {
  for (const RoleName& r : kRoles)
    if (r.id == text) return r.role;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("Vai trò không hợp lệ: \"{}\"; chọn admin, coordinator, officer, "
                               "approver hoặc enterprise",
                               text),
                   fmt::format("Unknown role \"{}\"; choose admin, coordinator, officer, approver "
                               "or enterprise",
                               text));
}

core::Status ValidateUser(const User& user) {
  bool login_ok = user.login.size() >= 3 && user.login.size() <= 64;
  for (char c : user.login) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '-' || c == '_' || c == '@';
    login_ok = login_ok && allowed;
  }
  if (!login_ok)
    return MakeError(ErrorCode::kInvalidArgument,
                     "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ không dấu, số và . - _ @",
                     "A login must be 3-64 characters: letters without accents, digits, . - _ @");
  if (user.display_name.empty() || user.display_name.size() > 200)
    return MakeError(ErrorCode::kInvalidArgument, "Họ tên không được để trống",
                     "The display name must not be empty");
  bool needs_unit = user.role == Role::kOfficer || user.role == Role::kApprover;
  if (needs_unit && !user.unit_id)
    return MakeError(ErrorCode::kInvalidArgument,
                     "Cán bộ và lãnh đạo Sở phải gắn với một tỉnh, thành phố (--unit)",
                     "Officers and approvers must belong to one province (--unit)");
  if (!needs_unit && user.unit_id)
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Vai trò {} không gắn với tỉnh", RoleId(user.role)),
                     fmt::format("The role {} does not belong to a province", RoleId(user.role)));
  bool needs_region = user.role == Role::kCoordinator;
  if (needs_region && user.region_key.empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     "Cán bộ điều phối phải gắn với một vùng (--region)",
                     "A coordinator must belong to a region (--region)");
  if (!needs_region && !user.region_key.empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Vai trò {} không gắn với vùng", RoleId(user.role)),
                     fmt::format("The role {} does not belong to a region", RoleId(user.role)));
  return {};
}

core::Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  if (password.size() < kMinPasswordLength)
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Mật khẩu phải có ít nhất {} ký tự", kMinPasswordLength),
                     fmt::format("A password needs at least {} characters", kMinPasswordLength));
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return MakeError(ErrorCode::kResourceExhausted, "Không đủ bộ nhớ để băm mật khẩu",
                     "Not enough memory to hash the password");
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  InitSodium();
  std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& DecoyPasswordHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomHex(32));
    return h ? *h : std::string();
  }();
  return hash;
}

std::string RandomHex(std::size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view text) {
  InitSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lienket::access
