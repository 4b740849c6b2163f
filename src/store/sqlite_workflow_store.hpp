// The SQLite implementation of the web application's storage: accounts and sessions
// (access::AccountRepository), and the submission workflow with its audit trail
// (stats::SubmissionRepository), over the same connection as the statistics store. Approval
// publishes through SqliteStore::InsertBatch inside the workflow's transaction.
#pragma once

#include "access/user.hpp"
#include "stats/submission_repository.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

class SqliteWorkflowStore final : public access::AccountRepository,
                                  public stats::SubmissionRepository {
 public:
  // `store` must outlive this object; both are used from one thread at a time.
  explicit SqliteWorkflowStore(SqliteStore* store) : store_(store), db_(store->db()) {}

  core::Result<std::int64_t> CreateUser(const access::User& user,
                                        const std::string& password_hash) override;
  core::Status UpdateUser(const access::User& user,
                          const std::optional<std::string>& password_hash) override;
  core::Result<access::User> FindUser(std::int64_t id) override;
  core::Result<std::pair<access::User, std::string>> FindLogin(std::string_view login) override;
  core::Result<std::vector<access::User>> ListUsers() override;
  core::Result<std::int64_t> CountUsers() override;
  core::Status CreateSession(const access::Session& session, std::string_view address) override;
  core::Result<access::Session> FindSession(std::string_view token_sha256,
                                            std::string_view now) override;
  core::Status TouchSession(std::string_view token_sha256, std::string_view now,
                            std::string_view expires_at) override;
  core::Status DeleteSession(std::string_view token_sha256) override;
  core::Status DeleteSessionsOf(std::int64_t user_id) override;

  core::Result<std::optional<stats::Submission>> FindSubmission(
      int unit_id, std::string_view form_id, const core::Period& period) override;
  core::Result<std::vector<stats::Submission>> ListSubmissions(
      std::string_view form_id, std::optional<core::Period> period,
      const std::vector<int>& unit_ids) override;
  core::Result<std::vector<stats::EntryValue>> LoadEntries(std::int64_t submission_id) override;
  core::Result<std::vector<stats::SubmissionComment>> LoadComments(
      std::int64_t submission_id) override;
  core::Result<std::int64_t> Apply(stats::SubmissionChange change,
                                   std::string_view expected_updated_at) override;
  core::Status AppendAudit(const stats::AuditEntry& entry) override;
  core::Result<std::vector<stats::AuditEntry>> FindAudit(const stats::AuditQuery& q) override;

  // The periods that have published figures in `dataset`, newest first (for the period picker).
  [[nodiscard]] core::Result<std::vector<std::string>> PublishedPeriods(std::string_view dataset);

 private:
  SqliteStore* store_;
  SqliteDb* db_;
};

}  // namespace lienket::store
