// Storage of cooperation programmes and requests between Departments (sql/sqlite/0006 and its
// PostgreSQL twin): agreements with their parties and documents, annual plans, tasks with their
// evidence and links, progress reports, requests with one row per receiving Department, and the
// uploaded files. Every write carries a linkage::DirectoryChange and writes its audit_log row
// (entity "agreement:ID", "task:ID", "request:ID") in the same transaction.
// Portable SQL only (numbered placeholders, RETURNING id, dates bound as ISO text).
// Not thread-safe: used under the server's mutex, like the other stores over the connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "linkage/cooperation.hpp"
#include "linkage/linkage_repository.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

class SqliteCooperationStore {
 public:
  // `store` and `units` must outlive this object.
  SqliteCooperationStore(SqliteStore* store, const stats::UnitCatalog* units)
      : db_(store->db()), units_(units) {}

  using Change = linkage::DirectoryChange;

  // A file to keep: the decoded bytes (checked by linkage::ValidateUpload by the caller).
  struct Upload {
    std::string file_name;
    std::string content_type;
    std::string bytes;
  };

  // ---- agreements. Find returns nullopt for an unknown id.
  [[nodiscard]] core::Result<std::int64_t> CreateAgreement(const linkage::Agreement& a,
                                                           const Change& change);
  // Replaces title, kind, parties, dates, fields and summary. Errors: kNotFound.
  [[nodiscard]] core::Status UpdateAgreement(const linkage::Agreement& a, const Change& change);
  [[nodiscard]] core::Result<std::optional<linkage::Agreement>> FindAgreement(std::int64_t id);
  // All agreements, newest signing first, with parties and documents.
  [[nodiscard]] core::Result<std::vector<linkage::Agreement>> ListAgreements();
  [[nodiscard]] core::Result<std::int64_t> AddDocument(const linkage::AgreementDocument& doc,
                                                       const std::optional<Upload>& file,
                                                       const Change& change);

  // ---- files: the metadata and the bytes. Errors: kNotFound.
  [[nodiscard]] core::Result<std::pair<linkage::StoredFile, std::string>> ReadFile(std::int64_t id);
  // The request a file is a reply attachment of, if it is one (its readers are the request's).
  [[nodiscard]] core::Result<std::optional<std::int64_t>> RequestOfAttachment(std::int64_t file_id);

  // ---- plans. Errors: kAlreadyExists for a second plan of the same year.
  [[nodiscard]] core::Result<std::int64_t> CreatePlan(const linkage::AnnualPlan& plan,
                                                      const Change& change);
  [[nodiscard]] core::Result<std::optional<linkage::AnnualPlan>> FindPlan(std::int64_t id);
  [[nodiscard]] core::Result<std::vector<linkage::AnnualPlan>> ListPlans(std::int64_t agreement_id);

  // ---- tasks. `agreement_id` 0 = every agreement's tasks.
  [[nodiscard]] core::Result<std::int64_t> CreateTask(const linkage::CooperationTask& task,
                                                      const Change& change);
  // Writes status, evidence (a new file replaces the old reference) and links; the old and new
  // status go to the audit row. Errors: kNotFound.
  [[nodiscard]] core::Status UpdateTask(const linkage::CooperationTask& task,
                                        const std::optional<Upload>& evidence_file,
                                        const Change& change);
  [[nodiscard]] core::Result<std::optional<linkage::CooperationTask>> FindTask(std::int64_t id);
  [[nodiscard]] core::Result<std::vector<linkage::CooperationTask>> ListTasks(
      std::int64_t agreement_id);
  // Tasks linked to `entity` ("event:12").
  [[nodiscard]] core::Result<std::vector<linkage::CooperationTask>> TasksLinkedTo(
      const std::string& entity);

  // ---- progress reports
  [[nodiscard]] core::Result<std::int64_t> AddReport(const linkage::ProgressReport& report,
                                                     std::int64_t agreement_id,
                                                     const Change& change);
  [[nodiscard]] core::Result<std::vector<linkage::ProgressReport>> ListReports(
      std::int64_t plan_id);

  // ---- requests between Departments
  [[nodiscard]] core::Result<std::int64_t> CreateRequest(const linkage::DepartmentRequest& r,
                                                         const Change& change);
  [[nodiscard]] core::Result<std::optional<linkage::DepartmentRequest>> FindRequest(
      std::int64_t id);
  // Requests sent by any of `from_units` (outbox) or received by any of `to_units` (inbox);
  // both empty = all. Newest first.
  [[nodiscard]] core::Result<std::vector<linkage::DepartmentRequest>> ListRequests(
      const std::vector<int>& from_units, const std::vector<int>& to_units);
  // Writes one recipient's state, focal point, reply and reminder date, and adds `attachments`.
  [[nodiscard]] core::Status UpdateRecipient(std::int64_t request_id,
                                             const linkage::RequestRecipient& recipient,
                                             const std::vector<Upload>& attachments,
                                             const Change& change);

  // Deletes the agreements and requests of `dataset` (and everything under them).
  // Returns how many agreements and requests were removed.
  [[nodiscard]] core::Result<std::int64_t> DeleteDataset(const std::string& dataset);

  // The illustrative demo (clearly labelled as invented): a Northern-midlands trade-promotion
  // agreement, this year's plan, tasks of which some are overdue relative to `today`, progress
  // reports, and a request from Bắc Ninh (the former Bắc Giang's lychee area) for help selling
  // lychee in June. Replaces the previous illustrative rows. Returns (agreements, requests).
  [[nodiscard]] core::Result<std::pair<int, int>> LoadIllustrative(const core::Date& today);

 private:
  core::Result<std::int64_t> InsertFile(const Upload& file, const Change& change);
  core::Status WriteParties(std::int64_t agreement_id, const std::vector<int>& parties);
  core::Status WriteLinks(std::int64_t task_id, const std::vector<linkage::EntityLink>& links);
  core::Status Audit(const Change& change, const std::string& entity, int unit_id,
                     std::optional<std::string> old_value, std::optional<std::string> new_value);
  core::Result<std::optional<linkage::StoredFile>> FileMeta(std::int64_t id);
  core::Status LoadAgreementDetails(linkage::Agreement* a);
  core::Status LoadTaskDetails(linkage::CooperationTask* t);
  core::Status LoadRecipients(linkage::DepartmentRequest* r);

  SqliteDb* db_;
  const stats::UnitCatalog* units_;
};

}  // namespace lienket::store
