#include "store/sqlite_workflow_store.hpp"

#include <fmt/format.h>

#include "core/date.hpp"

#include <algorithm>

namespace lienket::store {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::string_view kUserColumns =
    "id, login, display_name, email, role, unit_id, region_key, active, created_at";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (login, display_name, email, role, unit_id, region_key, password_hash, "
    "active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET display_name = ?1, email = ?2, role = ?3, unit_id = ?4, region_key = ?5, "
    "active = ?6, password_hash = COALESCE(?7, password_hash), updated_at = ?9 WHERE id = ?8";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM users";

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at, "
    "last_seen_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kFindSession =
    "SELECT token_sha256, user_id, csrf_token, created_at, expires_at, last_seen_at "
    "FROM sessions WHERE token_sha256 = ? AND expires_at > ?";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_sha256 = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_sha256 = ?";
constexpr std::string_view kDeleteSessionsOf = "DELETE FROM sessions WHERE user_id = ?";

constexpr std::string_view kSubmissionColumns =
    "id, unit_id, form_id, period, status, revision, created_at, updated_at, "
    "COALESCE(submitted_at, ''), COALESCE(submitted_by, 0), COALESCE(approved_at, ''), "
    "COALESCE(approved_by, 0)";
constexpr std::string_view kInsertSubmission =
    "INSERT INTO submissions (unit_id, form_id, period, status, revision, created_at, "
    "updated_at, submitted_at, submitted_by, approved_at, approved_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0)) "
    "RETURNING id";
constexpr std::string_view kUpdateSubmission =
    "UPDATE submissions SET status = ?, revision = ?, updated_at = ?, "
    "submitted_at = NULLIF(?, ''), submitted_by = NULLIF(?, 0), approved_at = NULLIF(?, ''), "
    "approved_by = NULLIF(?, 0) WHERE id = ? AND updated_at = ?";
constexpr std::string_view kUpsertEntry =
    "INSERT INTO entry_values (submission_id, indicator_id, value, qualifier, status, note, "
    "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (submission_id, indicator_id) DO UPDATE SET value = excluded.value, "
    "qualifier = excluded.qualifier, status = excluded.status, note = excluded.note, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr std::string_view kDeleteEntry =
    "DELETE FROM entry_values WHERE submission_id = ? AND indicator_id = ?";
constexpr std::string_view kLoadEntries =
    "SELECT indicator_id, value, qualifier, status, note, updated_by, updated_at "
    "FROM entry_values WHERE submission_id = ? ORDER BY indicator_id";
constexpr std::string_view kInsertComment =
    "INSERT INTO submission_comments (submission_id, at, user_id, action, text) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kLoadComments =
    "SELECT c.at, c.user_id, u.login, c.action, c.text FROM submission_comments c "
    "JOIN users u ON u.id = c.user_id WHERE c.submission_id = ? ORDER BY c.id";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, user_id, user_login, action, via, unit_id, indicator_id, period, "
    "form_id, old_value, new_value, comment, request_id) "
    "VALUES (?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), "
    "?, ?, ?, ?)";
constexpr std::string_view kFindAudit =
    "SELECT id, at, COALESCE(user_id, 0), user_login, action, via, COALESCE(unit_id, 0), "
    "COALESCE(indicator_id, ''), COALESCE(period, ''), COALESCE(form_id, ''), old_value, "
    "new_value, comment, request_id FROM audit_log "
    "WHERE (?1 = 0 OR unit_id = ?1) AND (?2 = '' OR indicator_id = ?2) "
    "AND (?3 = '' OR period = ?3) AND (?4 = '' OR action = ?4) ORDER BY id DESC LIMIT ?5";

// Periods are stored as year*10000 + first_month*100 + last_month, datasets as codes
// (1 illustrative, 2 observed): see sql/sqlite/0003_observation_keys.sql.
constexpr std::string_view kPublishedPeriods =
    "SELECT period_key FROM observations WHERE dataset_code = ? GROUP BY period_key "
    "ORDER BY period_key / 10000 DESC, period_key % 100 DESC, (period_key / 100) % 100 DESC";

core::Result<access::User> ReadUser(const Statement& s) {
  access::User u;
  u.id = s.Int(0);
  u.login = s.Text(1);
  u.display_name = s.Text(2);
  u.email = s.Text(3);
  LIENKET_ASSIGN_OR_RETURN(role, access::ParseRole(s.Text(4)));
  u.role = role;
  if (!s.IsNull(5)) u.unit_id = static_cast<int>(s.Int(5));
  u.region_key = s.IsNull(6) ? std::string() : s.Text(6);
  u.active = s.Int(7) != 0;
  u.created_at = s.Text(8);
  return u;
}

void BindUserFields(Statement& s, int first, const access::User& user) {
  s.Bind(first, user.display_name).Bind(first + 1, user.email);
  s.Bind(first + 2, access::RoleId(user.role));
  if (user.unit_id)
    s.Bind(first + 3, static_cast<std::int64_t>(*user.unit_id));
  else
    s.BindNull(first + 3);
  if (user.region_key.empty())
    s.BindNull(first + 4);
  else
    s.Bind(first + 4, user.region_key);
}

core::Result<stats::Submission> ReadSubmission(const Statement& s) {
  stats::Submission sub;
  sub.id = s.Int(0);
  sub.unit_id = static_cast<int>(s.Int(1));
  sub.form_id = s.Text(2);
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(s.Text(3)));
  sub.period = period;
  LIENKET_ASSIGN_OR_RETURN(status, stats::ParseSubmissionStatus(s.Text(4)));
  sub.status = status;
  sub.revision = static_cast<int>(s.Int(5));
  sub.created_at = s.Text(6);
  sub.updated_at = s.Text(7);
  sub.submitted_at = s.Text(8);
  sub.submitted_by = s.Int(9);
  sub.approved_at = s.Text(10);
  sub.approved_by = s.Int(11);
  return sub;
}

void BindOptionalText(Statement& s, int index, const std::optional<std::string>& text) {
  if (text)
    s.Bind(index, *text);
  else
    s.BindNull(index);
}

core::Status WriteAudit(SqliteDb* db, const stats::AuditEntry& e) {
  LIENKET_ASSIGN_OR_RETURN(insert, db->Prepare(kInsertAudit));
  insert.Bind(1, e.at).Bind(2, e.user_id.value_or(0)).Bind(3, e.user_login).Bind(4, e.action);
  insert.Bind(5, e.via).Bind(6, static_cast<std::int64_t>(e.unit_id.value_or(0)));
  insert.Bind(7, e.indicator_id).Bind(8, e.period).Bind(9, e.form_id);
  BindOptionalText(insert, 10, e.old_value);
  BindOptionalText(insert, 11, e.new_value);
  insert.Bind(12, e.comment).Bind(13, e.request_id);
  return insert.Run();
}

}  // namespace

core::Result<std::int64_t> SqliteWorkflowStore::CreateUser(const access::User& user,
                                                          const std::string& password_hash) {
  LIENKET_RETURN_IF_ERROR(access::ValidateUser(user));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertUser));
  insert.Bind(1, user.login);
  BindUserFields(insert, 2, user);
  insert.Bind(7, password_hash).Bind(8, static_cast<std::int64_t>(user.active ? 1 : 0));
  insert.Bind(9, core::UtcTimestamp());
  auto status = RunReturningId(insert);
  if (!status && status.error().code == ErrorCode::kAlreadyExists)
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("Tên đăng nhập \"{}\" đã có người dùng", user.login),
                     fmt::format("The login \"{}\" is taken", user.login));
  return status;
}

core::Status SqliteWorkflowStore::UpdateUser(const access::User& user,
                                             const std::optional<std::string>& password_hash) {
  LIENKET_RETURN_IF_ERROR(access::ValidateUser(user));
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateUser));
  BindUserFields(update, 1, user);
  update.Bind(6, static_cast<std::int64_t>(user.active ? 1 : 0));
  BindOptionalText(update, 7, password_hash);
  update.Bind(8, user.id).Bind(9, core::UtcTimestamp());
  LIENKET_RETURN_IF_ERROR(update.Run());
  if (db_->Changes() == 0)
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có người dùng số {}", user.id),
                     fmt::format("No user with id {}", user.id));
  return {};
}

core::Result<access::User> SqliteWorkflowStore::FindUser(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(select,
                           db_->Prepare(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns)));
  select.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row)
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có người dùng số {}", id),
                     fmt::format("No user with id {}", id));
  return ReadUser(select);
}

core::Result<std::pair<access::User, std::string>> SqliteWorkflowStore::FindLogin(
    std::string_view login) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(fmt::format(
                                       "SELECT {}, password_hash FROM users WHERE login = ?",
                                       kUserColumns)));
  select.Bind(1, login);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row)
    return MakeError(ErrorCode::kNotFound, "Không có tên đăng nhập này", "No such login");
  LIENKET_ASSIGN_OR_RETURN(user, ReadUser(select));
  return std::make_pair(std::move(user), select.Text(9));
}

core::Result<std::vector<access::User>> SqliteWorkflowStore::ListUsers() {
  LIENKET_ASSIGN_OR_RETURN(select,
                           db_->Prepare(fmt::format("SELECT {} FROM users ORDER BY login", kUserColumns)));
  std::vector<access::User> users;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    LIENKET_ASSIGN_OR_RETURN(user, ReadUser(select));
    users.push_back(std::move(user));
  }
  return users;
}

core::Result<std::int64_t> SqliteWorkflowStore::CountUsers() {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kCountUsers));
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  return row ? select.Int(0) : 0;
}

core::Status SqliteWorkflowStore::CreateSession(const access::Session& session,
                                                std::string_view address) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertSession));
  insert.Bind(1, session.token_sha256).Bind(2, session.user_id).Bind(3, session.csrf_token);
  insert.Bind(4, session.created_at).Bind(5, session.expires_at).Bind(6, session.last_seen_at);
  insert.Bind(7, address);
  return insert.Run();
}

core::Result<access::Session> SqliteWorkflowStore::FindSession(std::string_view token_sha256,
                                                               std::string_view now) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kFindSession));
  select.Bind(1, token_sha256).Bind(2, now);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row)
    return MakeError(ErrorCode::kNotFound, "Phiên đăng nhập đã hết hạn", "The session has expired");
  access::Session s;
  s.token_sha256 = select.Text(0);
  s.user_id = select.Int(1);
  s.csrf_token = select.Text(2);
  s.created_at = select.Text(3);
  s.expires_at = select.Text(4);
  s.last_seen_at = select.Text(5);
  return s;
}

core::Status SqliteWorkflowStore::TouchSession(std::string_view token_sha256, std::string_view now,
                                               std::string_view expires_at) {
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kTouchSession));
  update.Bind(1, now).Bind(2, expires_at).Bind(3, token_sha256);
  return update.Run();
}

core::Status SqliteWorkflowStore::DeleteSession(std::string_view token_sha256) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteSession));
  del.Bind(1, token_sha256);
  return del.Run();
}

core::Status SqliteWorkflowStore::DeleteSessionsOf(std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteSessionsOf));
  del.Bind(1, user_id);
  return del.Run();
}

core::Result<std::optional<stats::Submission>> SqliteWorkflowStore::FindSubmission(
    int unit_id, std::string_view form_id, const core::Period& period) {
  LIENKET_ASSIGN_OR_RETURN(
      select, db_->Prepare(fmt::format("SELECT {} FROM submissions WHERE unit_id = ? AND "
                                       "form_id = ? AND period = ?",
                                       kSubmissionColumns)));
  select.Bind(1, static_cast<std::int64_t>(unit_id)).Bind(2, form_id).Bind(3, period.Code());
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<stats::Submission>();
  LIENKET_ASSIGN_OR_RETURN(sub, ReadSubmission(select));
  return std::optional<stats::Submission>(std::move(sub));
}

core::Result<std::vector<stats::Submission>> SqliteWorkflowStore::ListSubmissions(
    std::string_view form_id, std::optional<core::Period> period,
    const std::vector<int>& unit_ids) {
  LIENKET_ASSIGN_OR_RETURN(
      select, db_->Prepare(fmt::format("SELECT {} FROM submissions WHERE (?1 = '' OR form_id = ?1) "
                                       "AND (?2 = '' OR period = ?2) "
                                       "ORDER BY period DESC, form_id, unit_id",
                                       kSubmissionColumns)));
  select.Bind(1, form_id).Bind(2, period ? period->Code() : std::string());
  std::vector<stats::Submission> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    LIENKET_ASSIGN_OR_RETURN(sub, ReadSubmission(select));
    if (!unit_ids.empty() &&
        std::find(unit_ids.begin(), unit_ids.end(), sub.unit_id) == unit_ids.end())
      continue;
    out.push_back(std::move(sub));
  }
  return out;
}

core::Result<std::vector<stats::EntryValue>> SqliteWorkflowStore::LoadEntries(
    std::int64_t submission_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kLoadEntries));
  select.Bind(1, submission_id);
  std::vector<stats::EntryValue> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::EntryValue v;
    v.indicator_id = select.Text(0);
    LIENKET_ASSIGN_OR_RETURN(value, core::Decimal::Parse(select.Text(1)));
    v.value = value;
    LIENKET_ASSIGN_OR_RETURN(qualifier, stats::ParseQualifier(select.Text(2)));
    v.qualifier = qualifier;
    LIENKET_ASSIGN_OR_RETURN(status, stats::ParseVintageStatus(select.Text(3)));
    v.status = status;
    v.note = select.Text(4);
    v.updated_by = select.Int(5);
    v.updated_at = select.Text(6);
    out.push_back(std::move(v));
  }
  return out;
}

core::Result<std::vector<stats::SubmissionComment>> SqliteWorkflowStore::LoadComments(
    std::int64_t submission_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kLoadComments));
  select.Bind(1, submission_id);
  std::vector<stats::SubmissionComment> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    out.push_back({select.Text(0), select.Int(1), select.Text(2), select.Text(3), select.Text(4)});
  }
  return out;
}

core::Result<std::int64_t> SqliteWorkflowStore::Apply(stats::SubmissionChange change,
                                                      std::string_view expected_updated_at) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  stats::Submission& sub = change.submission;
  std::string status_id(stats::SubmissionStatusId(sub.status));
  if (sub.id == 0) {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertSubmission));
    insert.Bind(1, static_cast<std::int64_t>(sub.unit_id)).Bind(2, sub.form_id);
    insert.Bind(3, sub.period.Code()).Bind(4, status_id);
    insert.Bind(5, static_cast<std::int64_t>(sub.revision)).Bind(6, sub.created_at);
    insert.Bind(7, sub.updated_at).Bind(8, sub.submitted_at).Bind(9, sub.submitted_by);
    insert.Bind(10, sub.approved_at).Bind(11, sub.approved_by);
    auto inserted = RunReturningId(insert);
    if (!inserted && inserted.error().code == ErrorCode::kAlreadyExists)
      return MakeError(ErrorCode::kFailedPrecondition,
                       "Báo cáo vừa được người khác tạo; hãy tải lại trang",
                       "Someone else has just started this report; reload the page");
    LIENKET_RETURN_IF_ERROR(inserted);
    sub.id = *inserted;
  } else {
    LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateSubmission));
    update.Bind(1, status_id).Bind(2, static_cast<std::int64_t>(sub.revision));
    update.Bind(3, sub.updated_at).Bind(4, sub.submitted_at).Bind(5, sub.submitted_by);
    update.Bind(6, sub.approved_at).Bind(7, sub.approved_by).Bind(8, sub.id);
    update.Bind(9, expected_updated_at);
    LIENKET_RETURN_IF_ERROR(update.Run());
    if (db_->Changes() == 0)
      return MakeError(ErrorCode::kFailedPrecondition,
                       "Báo cáo vừa được người khác thay đổi; hãy tải lại trang rồi làm lại",
                       "Someone else has just changed this report; reload the page and try again");
  }
  {
    LIENKET_ASSIGN_OR_RETURN(upsert, db_->Prepare(kUpsertEntry));
    for (const stats::EntryValue& v : change.upserts) {
      upsert.Bind(1, sub.id).Bind(2, v.indicator_id).Bind(3, v.value.ToString());
      upsert.Bind(4, stats::QualifierId(v.qualifier)).Bind(5, stats::VintageStatusId(v.status));
      upsert.Bind(6, v.note).Bind(7, v.updated_by).Bind(8, v.updated_at);
      LIENKET_RETURN_IF_ERROR(upsert.Run());
      upsert.Reset();
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteEntry));
    for (const std::string& id : change.deletes) {
      del.Bind(1, sub.id).Bind(2, id);
      LIENKET_RETURN_IF_ERROR(del.Run());
      del.Reset();
    }
  }
  if (change.comment) {
    LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertComment));
    const stats::SubmissionComment& c = *change.comment;
    insert.Bind(1, sub.id).Bind(2, c.at).Bind(3, c.user_id).Bind(4, c.action).Bind(5, c.text);
    LIENKET_RETURN_IF_ERROR(insert.Run());
  }
  for (const stats::AuditEntry& e : change.audit) LIENKET_RETURN_IF_ERROR(WriteAudit(db_, e));
  if (change.publish_batch && !change.publish_rows.empty())
    LIENKET_RETURN_IF_ERROR(store_->InsertBatch(&*change.publish_batch, change.publish_rows));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return sub.id;
}

core::Status SqliteWorkflowStore::AppendAudit(const stats::AuditEntry& entry) {
  return WriteAudit(db_, entry);
}

core::Result<std::vector<stats::AuditEntry>> SqliteWorkflowStore::FindAudit(
    const stats::AuditQuery& q) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kFindAudit));
  select.Bind(1, static_cast<std::int64_t>(q.unit_id.value_or(0))).Bind(2, q.indicator_id);
  select.Bind(3, q.period).Bind(4, q.action).Bind(5, static_cast<std::int64_t>(q.limit));
  std::vector<stats::AuditEntry> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    stats::AuditEntry e;
    e.id = select.Int(0);
    e.at = select.Text(1);
    if (select.Int(2) != 0) e.user_id = select.Int(2);
    e.user_login = select.Text(3);
    e.action = select.Text(4);
    e.via = select.Text(5);
    if (select.Int(6) != 0) e.unit_id = static_cast<int>(select.Int(6));
    e.indicator_id = select.Text(7);
    e.period = select.Text(8);
    e.form_id = select.Text(9);
    if (!select.IsNull(10)) e.old_value = select.Text(10);
    if (!select.IsNull(11)) e.new_value = select.Text(11);
    e.comment = select.Text(12);
    e.request_id = select.Text(13);
    out.push_back(std::move(e));
  }
  return out;
}

core::Result<std::vector<std::string>> SqliteWorkflowStore::PublishedPeriods(
    std::string_view dataset) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kPublishedPeriods));
  select.Bind(1, static_cast<std::int64_t>(dataset == stats::kDatasetIllustrative ? 1 : 2));
  std::vector<std::string> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    std::int64_t key = select.Int(0);
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::FromMonths(static_cast<int>(key / 10000),
                                                              static_cast<int>(key / 100 % 100),
                                                              static_cast<int>(key % 100)));
    out.push_back(period.Code());
  }
  return out;
}

}  // namespace lienket::store
