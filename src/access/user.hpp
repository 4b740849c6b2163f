// Accounts and roles. Five roles, each bound to what it acts on:
//   admin        everything, including accounts;
//   coordinator  a region (e.g. mien-bac-28): sees its provinces' drafts, approves or returns
//                their submissions, reopens approved ones, follows who is late;
//   officer      one province: enters its figures and submits them;
//   approver     one province: as the officer, and withdraws a submission before approval;
//   enterprise   no statistics rights (the linkage features use it).
// Anonymous readers see only published (approved) figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lienket::access {

enum class Role { kAdmin, kCoordinator, kOfficer, kApprover, kEnterprise };

[[nodiscard]] std::string_view RoleId(Role role);  // "admin", "coordinator", ...
[[nodiscard]] std::string_view RoleLabelVi(Role role);
// Errors: kInvalidArgument listing the roles.
[[nodiscard]] core::Result<Role> ParseRole(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string display_name;
  std::string email;
  Role role = Role::kOfficer;
  std::optional<int> unit_id;  // officer, approver: their province
  std::string region_key;      // coordinator: their region
  bool active = true;
  std::string created_at;
};

// Checks the fields a role needs: a province for officers and approvers, a region for
// coordinators, neither for others; a login of 3-64 letters, digits, '.', '-', '_' or '@'.
// Errors: kInvalidArgument saying which field.
[[nodiscard]] core::Status ValidateUser(const User& user);

// argon2id hashes in libsodium's self-describing string form (algorithm, cost and salt inside),
// at libsodium's interactive limits. A password must have at least 10 characters.
// Errors: kInvalidArgument for a short password, kResourceExhausted when memory is short.
[[nodiscard]] core::Result<std::string> HashPassword(std::string_view password);
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);
// A hash of a password nobody knows, to spend the same time on an unknown login as on a known
// one (no timing oracle for which logins exist).
[[nodiscard]] const std::string& DecoyPasswordHash();

// `bytes` random bytes as lower-case hex (session tokens, CSRF tokens, request ids).
[[nodiscard]] std::string RandomHex(std::size_t bytes);
// SHA-256 of `text` as lower-case hex.
[[nodiscard]] std::string Sha256Hex(std::string_view text);
// Constant-time comparison of two strings of the same length.
[[nodiscard]] bool SecureEquals(std::string_view a, std::string_view b);

struct Session {
  std::string token_sha256;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  std::string last_seen_at;
};

// The accounts and sessions the server keeps. The SQLite and PostgreSQL stores implement it.
class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // Errors: kAlreadyExists for a login taken; kInvalidArgument as ValidateUser.
  [[nodiscard]] virtual core::Result<std::int64_t> CreateUser(const User& user,
                                                              const std::string& password_hash) = 0;
  // Replaces the user's fields (not the password unless `password_hash` is given).
  [[nodiscard]] virtual core::Status UpdateUser(const User& user,
                                                const std::optional<std::string>& password_hash) = 0;
  // kNotFound when there is no such user.
  [[nodiscard]] virtual core::Result<User> FindUser(std::int64_t id) = 0;
  // The user and their password hash; kNotFound when there is no such login.
  [[nodiscard]] virtual core::Result<std::pair<User, std::string>> FindLogin(
      std::string_view login) = 0;
  [[nodiscard]] virtual core::Result<std::vector<User>> ListUsers() = 0;
  [[nodiscard]] virtual core::Result<std::int64_t> CountUsers() = 0;

  [[nodiscard]] virtual core::Status CreateSession(const Session& session,
                                                   std::string_view address) = 0;
  // The live session with this token hash (not expired at `now`); kNotFound otherwise.
  [[nodiscard]] virtual core::Result<Session> FindSession(std::string_view token_sha256,
                                                          std::string_view now) = 0;
  [[nodiscard]] virtual core::Status TouchSession(std::string_view token_sha256,
                                                  std::string_view now,
                                                  std::string_view expires_at) = 0;
  [[nodiscard]] virtual core::Status DeleteSession(std::string_view token_sha256) = 0;
  [[nodiscard]] virtual core::Status DeleteSessionsOf(std::int64_t user_id) = 0;
};

}  // namespace lienket::access
