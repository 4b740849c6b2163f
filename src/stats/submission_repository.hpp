// Storage of the submission workflow and the audit trail (the SQLite and PostgreSQL stores
// implement it). One call, Apply, writes everything a user action changes — the submission's
// state, its values, the audit entries, a comment and, on approval, the published vintages — in
// one transaction: all or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "stats/observation.hpp"
#include "stats/repository.hpp"
#include "stats/submission.hpp"

namespace lienket::stats {

struct Submission {
  std::int64_t id = 0;  // 0 until stored
  int unit_id = 0;
  std::string form_id;
  core::Period period = core::Period::Year(2024);
  SubmissionStatus status = SubmissionStatus::kNew;
  int revision = 0;  // approvals so far
  std::string created_at;
  std::string updated_at;
  std::string submitted_at;  // empty when never
  std::int64_t submitted_by = 0;
  std::string approved_at;
  std::int64_t approved_by = 0;
};

// One value of an open submission, in the indicator's canonical unit.
struct EntryValue {
  std::string indicator_id;
  core::Decimal value;
  Qualifier qualifier = Qualifier::kExact;
  VintageStatus status = VintageStatus::kEstimate;
  std::string note;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

struct SubmissionComment {
  std::string at;
  std::int64_t user_id = 0;
  std::string user_login;  // filled when read
  std::string action;      // "return", "reopen", "submit"
  std::string text;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> user_id;
  std::string user_login;
  std::string action;  // value_set, value_cleared, submit, withdraw, approve, return, reopen, ...
  std::string via;     // form, import, workflow, cli, admin
  std::optional<int> unit_id;
  std::string indicator_id;
  std::string period;
  std::string form_id;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::string comment;
  std::string request_id;
};

struct AuditQuery {
  std::optional<int> unit_id;
  std::string indicator_id;  // empty = any
  std::string period;        // empty = any
  std::string action;        // empty = any
  int limit = 500;
};

// What one user action changes. `submission.id == 0` creates the submission.
struct SubmissionChange {
  Submission submission;
  std::vector<EntryValue> upserts;
  std::vector<std::string> deletes;  // indicator ids whose value is cleared
  std::vector<AuditEntry> audit;
  std::optional<SubmissionComment> comment;
  // Approval: the values published as observations, with their batch record.
  std::optional<ImportBatch> publish_batch;
  std::vector<Observation> publish_rows;
};

class SubmissionRepository {
 public:
  virtual ~SubmissionRepository() = default;
  [[nodiscard]] virtual core::Result<std::optional<Submission>> FindSubmission(
      int unit_id, std::string_view form_id, const core::Period& period) = 0;
  // Submissions matching the filters (empty = any), newest period first.
  [[nodiscard]] virtual core::Result<std::vector<Submission>> ListSubmissions(
      std::string_view form_id, std::optional<core::Period> period,
      const std::vector<int>& unit_ids) = 0;
  [[nodiscard]] virtual core::Result<std::vector<EntryValue>> LoadEntries(
      std::int64_t submission_id) = 0;
  [[nodiscard]] virtual core::Result<std::vector<SubmissionComment>> LoadComments(
      std::int64_t submission_id) = 0;
  // Writes the change in one transaction and returns the submission's id. Errors: kAborted-like
  // kFailedPrecondition when the stored submission changed since it was read (its updated_at
  // differs: someone else acted first), kAlreadyExists from publishing a duplicate vintage.
  [[nodiscard]] virtual core::Result<std::int64_t> Apply(SubmissionChange change,
                                                         std::string_view expected_updated_at) = 0;
  [[nodiscard]] virtual core::Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first.
  [[nodiscard]] virtual core::Result<std::vector<AuditEntry>> FindAudit(const AuditQuery& q) = 0;
};

}  // namespace lienket::stats
