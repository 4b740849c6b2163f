// Fixture for scripts/check_sql.sh, never compiled: every line marked "BAD" must be reported and
// no other line (tests/sql_check/expect_hits.sh checks both; CTest: sql_check.catches_concatenation).
#include <fmt/format.h>

#include <string>

#include "store/sqlite_db.hpp"

namespace fixture {

constexpr std::string_view kSelectUser = "SELECT id, login FROM users WHERE id = ?";
constexpr std::string_view kColumns = "id, login";
constexpr std::string_view kSelectByLogin =
    "SELECT {} FROM users "
    "WHERE login = '{}'";

void Bad(lienket::store::SqliteDb* db, const std::string& login, int id, const std::string& t) {
  auto a = db->Prepare("SELECT id FROM users WHERE login = '" + login + "'");  // BAD
  std::string q = fmt::format("SELECT id FROM users WHERE login = '{}'", login);  // BAD
  std::string sql = "DELETE FROM users WHERE id = ";  // BAD: an SQL buffer
  sql += std::to_string(id);  // BAD
  auto b = db->Prepare(q);  // BAD
  auto c = db->Exec(fmt::format("UPDATE users SET active = 0 WHERE id = {}", id));  // BAD
  auto d = db->Prepare(fmt::format("SELECT {} FROM users", kColumns));  // BAD: not allow-listed
  auto e = db->Prepare(fmt::format(kSelectByLogin, kColumns, login));  // BAD
  auto f = db->Prepare(  // BAD
      "INSERT INTO audit (who) VALUES ('" +
      login + "')");
  std::string where = " WHERE name = '" + t + "'";  // BAD
  auto g = db->Prepare(std::string(kSelectUser) + where);  // BAD
  auto h = db->Exec(R"(DELETE FROM sessions WHERE user_id = )" + std::to_string(id));  // BAD
  std::string filter_sql;
  if (id > 0) filter_sql += " AND login = '" + login + "'";  // BAD: no keyword, but a buffer
  filter_sql.append(t);  // BAD
}

void Good(lienket::store::SqliteDb* db, const std::string& login, bool nested) {
  auto a = db->Prepare(kSelectUser);
  auto b = db->Prepare("SELECT id FROM users WHERE login = ?");
  auto c = db->Exec(std::string(kSelectUser));
  auto d = db->Exec(nested ? "RELEASE nested" : "COMMIT");
  auto e = db->Prepare(
      "SELECT id FROM users "
      "WHERE login = ? AND active = 1");
  b.Bind(1, login);
  std::string message = fmt::format("Không tìm thấy người dùng {}", login);
  std::string path = "/api/users/" + login;
  std::string method = "DELETE";
  // A comment may say SELECT * FROM users WHERE login = '" + login + "' without harm.
}

}  // namespace fixture
