#include "store/sqlite_cooperation_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "access/user.hpp"

namespace lienket::store {
namespace {

using core::Date;
using core::ErrorCode;
using core::MakeError;
using linkage::Agreement;
using linkage::AgreementDocument;
using linkage::AnnualPlan;
using linkage::CooperationTask;
using linkage::DepartmentRequest;
using linkage::ProgressReport;
using linkage::RequestRecipient;
using linkage::StoredFile;

// ---- queries (named constants, bound parameters only)

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, user_id, user_login, action, via, unit_id, old_value, new_value, "
    "comment, request_id, entity) VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, NULLIF(?6, 0), ?7, ?8, "
    "?9, ?10, ?11)";

constexpr std::string_view kInsertFile =
    "INSERT INTO coop_files (file_name, content_type, size, sha256, content_base64, created_by, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7) RETURNING id";
constexpr std::string_view kSelectFileMeta =
    "SELECT id, file_name, content_type, size, sha256 FROM coop_files WHERE id = ?1";
constexpr std::string_view kSelectFileContent =
    "SELECT content_base64 FROM coop_files WHERE id = ?1";

constexpr std::string_view kSelectAgreement =
    "SELECT id, title, kind, signed_on, valid_from, COALESCE(valid_to, ''), fields_json, summary, "
    "dataset, created_at, updated_at FROM coop_agreements WHERE id = ?1";
constexpr std::string_view kSelectAgreements =
    "SELECT id, title, kind, signed_on, valid_from, COALESCE(valid_to, ''), fields_json, summary, "
    "dataset, created_at, updated_at FROM coop_agreements ORDER BY signed_on DESC, id DESC";
constexpr std::string_view kInsertAgreement =
    "INSERT INTO coop_agreements (title, kind, signed_on, valid_from, valid_to, fields_json, "
    "summary, dataset, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''), "
    "?6, ?7, ?8, NULLIF(?9, 0), ?10, ?10) RETURNING id";
constexpr std::string_view kUpdateAgreement =
    "UPDATE coop_agreements SET title = ?1, kind = ?2, signed_on = ?3, valid_from = ?4, "
    "valid_to = NULLIF(?5, ''), fields_json = ?6, summary = ?7, updated_at = ?8 WHERE id = ?9";
constexpr std::string_view kDeleteParties =
    "DELETE FROM coop_agreement_parties WHERE agreement_id = ?1";
constexpr std::string_view kInsertParty =
    "INSERT INTO coop_agreement_parties (agreement_id, position, unit_id) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectParties =
    "SELECT unit_id FROM coop_agreement_parties WHERE agreement_id = ?1 ORDER BY position";
constexpr std::string_view kInsertDocument =
    "INSERT INTO coop_documents (agreement_id, title, number, issued_on, file_id) "
    "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0)) RETURNING id";
constexpr std::string_view kSelectDocuments =
    "SELECT id, title, number, issued_on, COALESCE(file_id, 0) FROM coop_documents "
    "WHERE agreement_id = ?1 ORDER BY issued_on, id";

constexpr std::string_view kInsertPlan =
    "INSERT INTO coop_plans (agreement_id, year, lead_unit_id, rotation_unit_id, lead_overridden, "
    "lead_reason, title, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "RETURNING id";
constexpr std::string_view kSelectPlan =
    "SELECT id, agreement_id, year, lead_unit_id, rotation_unit_id, lead_overridden, lead_reason, "
    "title, notes, created_at FROM coop_plans WHERE id = ?1";
constexpr std::string_view kSelectPlans =
    "SELECT id, agreement_id, year, lead_unit_id, rotation_unit_id, lead_overridden, lead_reason, "
    "title, notes, created_at FROM coop_plans WHERE agreement_id = ?1 ORDER BY year DESC";

constexpr std::string_view kInsertTask =
    "INSERT INTO coop_tasks (plan_id, title, description, owner_unit_id, deadline, status, "
    "evidence_text, evidence_link, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
    "?8, ?9, ?9) RETURNING id";
constexpr std::string_view kUpdateTask =
    "UPDATE coop_tasks SET title = ?1, description = ?2, deadline = ?3, status = ?4, "
    "evidence_text = ?5, evidence_link = ?6, evidence_file_id = NULLIF(?7, 0), updated_at = ?8 "
    "WHERE id = ?9";
constexpr std::string_view kSelectTask =
    "SELECT t.id, t.plan_id, p.agreement_id, t.title, t.description, t.owner_unit_id, "
    "t.deadline, t.status, t.evidence_text, t.evidence_link, COALESCE(t.evidence_file_id, 0), "
    "t.updated_at FROM coop_tasks t JOIN coop_plans p ON p.id = t.plan_id WHERE t.id = ?1";
constexpr std::string_view kSelectTasks =
    "SELECT t.id, t.plan_id, p.agreement_id, t.title, t.description, t.owner_unit_id, "
    "t.deadline, t.status, t.evidence_text, t.evidence_link, COALESCE(t.evidence_file_id, 0), "
    "t.updated_at FROM coop_tasks t JOIN coop_plans p ON p.id = t.plan_id "
    "WHERE (?1 = 0 OR p.agreement_id = ?1) ORDER BY t.deadline, t.id";
constexpr std::string_view kSelectLinkedTasks =
    "SELECT t.id, t.plan_id, p.agreement_id, t.title, t.description, t.owner_unit_id, "
    "t.deadline, t.status, t.evidence_text, t.evidence_link, COALESCE(t.evidence_file_id, 0), "
    "t.updated_at FROM coop_tasks t JOIN coop_plans p ON p.id = t.plan_id "
    "WHERE t.id IN (SELECT task_id FROM coop_task_links WHERE entity = ?1) ORDER BY t.id";
constexpr std::string_view kDeleteLinks = "DELETE FROM coop_task_links WHERE task_id = ?1";
constexpr std::string_view kInsertLink =
    "INSERT INTO coop_task_links (task_id, entity) VALUES (?1, ?2) "
    "ON CONFLICT (task_id, entity) DO NOTHING";
constexpr std::string_view kSelectLinks =
    "SELECT entity FROM coop_task_links WHERE task_id = ?1 ORDER BY entity";

constexpr std::string_view kInsertReport =
    "INSERT INTO coop_reports (plan_id, unit_id, period, body, submitted_by, submitted_at) "
    "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6) RETURNING id";
constexpr std::string_view kSelectReports =
    "SELECT id, plan_id, unit_id, period, body, COALESCE(submitted_by, 0), submitted_at "
    "FROM coop_reports WHERE plan_id = ?1 ORDER BY period, submitted_at, id";

constexpr std::string_view kInsertRequest =
    "INSERT INTO dept_requests (from_unit_id, subject, body, product, quantity, deadline, "
    "focal_name, focal_position, focal_phone, focal_email, dataset, created_by, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0), ?13) RETURNING id";
constexpr std::string_view kInsertRecipient =
    "INSERT INTO dept_request_recipients (request_id, unit_id, state) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectRequest =
    "SELECT id, from_unit_id, subject, body, product, quantity, deadline, focal_name, "
    "focal_position, focal_phone, focal_email, dataset, COALESCE(created_by, 0), created_at "
    "FROM dept_requests WHERE id = ?1";
// ?1 / ?2: comma-separated unit ids wrapped in commas (",12,40,"), "" = no filter on that side.
constexpr std::string_view kSelectRequests =
    "SELECT id, from_unit_id, subject, body, product, quantity, deadline, focal_name, "
    "focal_position, focal_phone, focal_email, dataset, COALESCE(created_by, 0), created_at "
    "FROM dept_requests r WHERE (?1 = '' AND ?2 = '') "
    "OR (?1 <> '' AND ?1 LIKE '%,' || CAST(r.from_unit_id AS TEXT) || ',%') "
    "OR (?2 <> '' AND EXISTS (SELECT 1 FROM dept_request_recipients x WHERE x.request_id = r.id "
    "AND ?2 LIKE '%,' || CAST(x.unit_id AS TEXT) || ',%')) ORDER BY r.created_at DESC, r.id DESC";
constexpr std::string_view kSelectRecipients =
    "SELECT unit_id, state, focal_name, focal_position, focal_phone, focal_email, reply, "
    "replied_at, reminded_on FROM dept_request_recipients WHERE request_id = ?1 ORDER BY unit_id";
constexpr std::string_view kUpdateRecipient =
    "UPDATE dept_request_recipients SET state = ?1, focal_name = ?2, focal_position = ?3, "
    "focal_phone = ?4, focal_email = ?5, reply = ?6, replied_at = ?7, replied_by = NULLIF(?8, 0), "
    "reminded_on = ?9 WHERE request_id = ?10 AND unit_id = ?11";
constexpr std::string_view kSelectRecipientState =
    "SELECT state FROM dept_request_recipients WHERE request_id = ?1 AND unit_id = ?2";
constexpr std::string_view kInsertAttachment =
    "INSERT INTO dept_request_attachments (request_id, unit_id, file_id) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectAttachments =
    "SELECT file_id FROM dept_request_attachments WHERE request_id = ?1 AND unit_id = ?2 "
    "ORDER BY file_id";

constexpr std::string_view kSelectAttachmentRequest =
    "SELECT request_id FROM dept_request_attachments WHERE file_id = ?1";
constexpr std::string_view kCountAgreements =
    "SELECT COUNT(*) FROM coop_agreements WHERE dataset = ?1";
constexpr std::string_view kCountRequests = "SELECT COUNT(*) FROM dept_requests WHERE dataset = ?1";
constexpr std::string_view kDeleteAgreements = "DELETE FROM coop_agreements WHERE dataset = ?1";
constexpr std::string_view kDeleteRequests = "DELETE FROM dept_requests WHERE dataset = ?1";

std::string Now() { return core::UtcTimestamp(); }

Date ParseDate(const std::string& text) {
  auto d = Date::Parse(text);
  return d ? *d : Date{};
}

core::Error Missing(std::string_view what_vi, std::string_view what_en, std::int64_t id) {
  return core::Error{ErrorCode::kNotFound, fmt::format("Không có {} số {}", what_vi, id),
                     fmt::format("No {} with id {}", what_en, id)};
}

// Standard base64 (RFC 4648) for the portable TEXT column.
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string EncodeBase64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 3; k >= 0; --k) out.push_back(kAlphabet[(v >> (6 * k)) & 63]);
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string DecodeBase64(std::string_view text) {
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : text) {
    auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) continue;  // '=' and line breaks
    v = (v << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((v >> bits) & 0xFF));
    }
  }
  return out;
}

Agreement ReadAgreement(const Statement& s) {
  Agreement a;
  a.id = s.Int(0);
  a.title = s.Text(1);
  a.kind = s.Text(2) == "bilateral" ? linkage::AgreementKind::kBilateral
                                    : linkage::AgreementKind::kRegional;
  a.signed_on = ParseDate(s.Text(3));
  a.valid_from = ParseDate(s.Text(4));
  if (!s.Text(5).empty()) a.valid_to = ParseDate(s.Text(5));
  auto fields = nlohmann::json::parse(s.Text(6), nullptr, false);
  if (fields.is_array())
    for (const auto& f : fields)
      if (f.is_string()) a.fields.push_back(f.get<std::string>());
  a.summary = s.Text(7);
  a.dataset = s.Text(8);
  a.created_at = s.Text(9);
  a.updated_at = s.Text(10);
  return a;
}

AnnualPlan ReadPlan(const Statement& s) {
  AnnualPlan p;
  p.id = s.Int(0);
  p.agreement_id = s.Int(1);
  p.year = static_cast<int>(s.Int(2));
  p.lead.lead_unit_id = static_cast<int>(s.Int(3));
  p.lead.rotation_unit_id = static_cast<int>(s.Int(4));
  p.lead.overridden = s.Int(5) != 0;
  p.lead.reason = s.Text(6);
  p.title = s.Text(7);
  p.notes = s.Text(8);
  p.created_at = s.Text(9);
  return p;
}

CooperationTask ReadTask(const Statement& s, std::int64_t* file_id) {
  CooperationTask t;
  t.id = s.Int(0);
  t.plan_id = s.Int(1);
  t.agreement_id = s.Int(2);
  t.title = s.Text(3);
  t.description = s.Text(4);
  t.owner_unit_id = static_cast<int>(s.Int(5));
  t.deadline = ParseDate(s.Text(6));
  t.status = linkage::ParseTaskStatus(s.Text(7)).value_or(linkage::TaskStatus::kNotStarted);
  t.evidence_text = s.Text(8);
  t.evidence_link = s.Text(9);
  *file_id = s.Int(10);
  t.updated_at = s.Text(11);
  return t;
}

DepartmentRequest ReadRequest(const Statement& s) {
  DepartmentRequest r;
  r.id = s.Int(0);
  r.from_unit_id = static_cast<int>(s.Int(1));
  r.subject = s.Text(2);
  r.body = s.Text(3);
  r.product = s.Text(4);
  r.quantity = s.Text(5);
  r.deadline = ParseDate(s.Text(6));
  r.focal = {s.Text(7), s.Text(8), s.Text(9), s.Text(10)};
  r.dataset = s.Text(11);
  r.created_by = s.Int(12);
  r.created_at = s.Text(13);
  return r;
}

std::string FieldsJson(const std::vector<std::string>& fields) {
  nlohmann::json j = nlohmann::json::array();
  for (const std::string& f : fields)
    if (!f.empty()) j.push_back(f);
  return j.dump();
}

std::string UnitList(const std::vector<int>& units) {
  if (units.empty()) return "";
  std::string out = ",";
  for (int u : units) out += fmt::format("{},", u);
  return out;
}

}  // namespace

// ---- helpers

core::Status SqliteCooperationStore::Audit(const Change& change, const std::string& entity,
                                           int unit_id, std::optional<std::string> old_value,
                                           std::optional<std::string> new_value) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAudit));
  insert.Bind(1, Now()).Bind(2, change.user_id).Bind(3, change.user_login);
  insert.Bind(4, change.action).Bind(5, change.via).Bind(6, static_cast<std::int64_t>(unit_id));
  insert.BindOptional(7, old_value).BindOptional(8, new_value);
  insert.Bind(9, change.comment).Bind(10, change.request_id).Bind(11, entity);
  return insert.Run();
}

core::Result<std::int64_t> SqliteCooperationStore::InsertFile(const Upload& file,
                                                              const Change& change) {
  LIENKET_RETURN_IF_ERROR(linkage::ValidateUpload(file.file_name, file.bytes.size()));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertFile));
  insert.Bind(1, file.file_name)
      .Bind(2, file.content_type.empty() ? "application/octet-stream" : file.content_type)
      .Bind(3, static_cast<std::int64_t>(file.bytes.size()))
      .Bind(4, access::Sha256Hex(file.bytes))
      .Bind(5, EncodeBase64(file.bytes))
      .Bind(6, change.user_id)
      .Bind(7, Now());
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được tệp", "The file was not stored");
  return insert.Int(0);
}

core::Result<std::optional<StoredFile>> SqliteCooperationStore::FileMeta(std::int64_t id) {
  if (id == 0) return std::optional<StoredFile>();
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectFileMeta));
  select.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<StoredFile>();
  return std::optional<StoredFile>(
      StoredFile{select.Int(0), select.Text(1), select.Text(2), select.Int(3), select.Text(4)});
}

core::Result<std::pair<StoredFile, std::string>> SqliteCooperationStore::ReadFile(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(meta, FileMeta(id));
  if (!meta) return tl::unexpected(Missing("tệp", "file", id));
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectFileContent));
  select.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return tl::unexpected(Missing("tệp", "file", id));
  return std::make_pair(*meta, DecodeBase64(select.Text(0)));
}

core::Result<std::optional<std::int64_t>> SqliteCooperationStore::RequestOfAttachment(
    std::int64_t file_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAttachmentRequest));
  select.Bind(1, file_id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(select.Int(0));
}

// ---- agreements

core::Status SqliteCooperationStore::WriteParties(std::int64_t agreement_id,
                                                  const std::vector<int>& parties) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteParties));
  del.Bind(1, agreement_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertParty));
  for (std::size_t i = 0; i < parties.size(); ++i) {
    insert.Reset();
    insert.Bind(1, agreement_id)
        .Bind(2, static_cast<std::int64_t>(i))
        .Bind(3, static_cast<std::int64_t>(parties[i]));
    LIENKET_RETURN_IF_ERROR(insert.Run());
  }
  return {};
}

core::Result<std::int64_t> SqliteCooperationStore::CreateAgreement(const Agreement& a,
                                                                   const Change& change) {
  LIENKET_RETURN_IF_ERROR(linkage::ValidateAgreement(a, *units_));
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAgreement));
  insert.Bind(1, a.title)
      .Bind(2, linkage::AgreementKindId(a.kind))
      .Bind(3, a.signed_on.ToString())
      .Bind(4, a.valid_from.ToString())
      .Bind(5, a.valid_to ? a.valid_to->ToString() : std::string())
      .Bind(6, FieldsJson(a.fields))
      .Bind(7, a.summary)
      .Bind(8, a.dataset)
      .Bind(9, change.user_id)
      .Bind(10, Now());
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được thỏa thuận", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  LIENKET_RETURN_IF_ERROR(WriteParties(id, a.parties));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("agreement:{}", id),
                                a.parties.empty() ? 0 : a.parties[0], std::nullopt, a.title));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteCooperationStore::UpdateAgreement(const Agreement& a, const Change& change) {
  LIENKET_RETURN_IF_ERROR(linkage::ValidateAgreement(a, *units_));
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(old, FindAgreement(a.id));
  if (!old) return tl::unexpected(Missing("thỏa thuận", "agreement", a.id));
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateAgreement));
  update.Bind(1, a.title)
      .Bind(2, linkage::AgreementKindId(a.kind))
      .Bind(3, a.signed_on.ToString())
      .Bind(4, a.valid_from.ToString())
      .Bind(5, a.valid_to ? a.valid_to->ToString() : std::string())
      .Bind(6, FieldsJson(a.fields))
      .Bind(7, a.summary)
      .Bind(8, Now())
      .Bind(9, a.id);
  LIENKET_RETURN_IF_ERROR(update.Run());
  LIENKET_RETURN_IF_ERROR(WriteParties(a.id, a.parties));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("agreement:{}", a.id),
                                a.parties.empty() ? 0 : a.parties[0], old->title, a.title));
  return tx.Commit();
}

core::Status SqliteCooperationStore::LoadAgreementDetails(Agreement* a) {
  LIENKET_ASSIGN_OR_RETURN(parties, db_->Prepare(kSelectParties));
  parties.Bind(1, a->id);
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, parties.Step());
    if (!row) break;
    a->parties.push_back(static_cast<int>(parties.Int(0)));
  }
  LIENKET_ASSIGN_OR_RETURN(docs, db_->Prepare(kSelectDocuments));
  docs.Bind(1, a->id);
  std::vector<std::pair<AgreementDocument, std::int64_t>> found;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, docs.Step());
    if (!row) break;
    AgreementDocument d;
    d.id = docs.Int(0);
    d.agreement_id = a->id;
    d.title = docs.Text(1);
    d.number = docs.Text(2);
    d.issued_on = ParseDate(docs.Text(3));
    found.emplace_back(std::move(d), docs.Int(4));
  }
  for (auto& [d, file_id] : found) {
    LIENKET_ASSIGN_OR_RETURN(meta, FileMeta(file_id));
    d.file = meta;
    a->documents.push_back(std::move(d));
  }
  return {};
}

core::Result<std::optional<Agreement>> SqliteCooperationStore::FindAgreement(std::int64_t id) {
  std::optional<Agreement> a;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAgreement));
    select.Bind(1, id);
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) return a;
    a = ReadAgreement(select);
  }
  LIENKET_RETURN_IF_ERROR(LoadAgreementDetails(&*a));
  return a;
}

core::Result<std::vector<Agreement>> SqliteCooperationStore::ListAgreements() {
  std::vector<Agreement> out;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAgreements));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      out.push_back(ReadAgreement(select));
    }
  }
  for (Agreement& a : out) LIENKET_RETURN_IF_ERROR(LoadAgreementDetails(&a));
  return out;
}

core::Result<std::int64_t> SqliteCooperationStore::AddDocument(const AgreementDocument& doc,
                                                               const std::optional<Upload>& file,
                                                               const Change& change) {
  if (doc.title.empty() || !doc.issued_on.IsValid())
    return MakeError(ErrorCode::kInvalidArgument, "Văn bản cần tên và ngày ban hành",
                     "A document needs a title and a date");
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(agreement, FindAgreement(doc.agreement_id));
  if (!agreement) return tl::unexpected(Missing("thỏa thuận", "agreement", doc.agreement_id));
  std::int64_t file_id = 0;
  if (file) {
    LIENKET_ASSIGN_OR_RETURN(id, InsertFile(*file, change));
    file_id = id;
  }
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertDocument));
  insert.Bind(1, doc.agreement_id)
      .Bind(2, doc.title)
      .Bind(3, doc.number)
      .Bind(4, doc.issued_on.ToString())
      .Bind(5, file_id);
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được văn bản", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("agreement:{}", doc.agreement_id),
                                agreement->parties.empty() ? 0 : agreement->parties[0],
                                std::nullopt,
                                fmt::format("document {}: {} {}", id, doc.number, doc.title)));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

// ---- plans

core::Result<std::int64_t> SqliteCooperationStore::CreatePlan(const AnnualPlan& plan,
                                                              const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertPlan));
  insert.Bind(1, plan.agreement_id)
      .Bind(2, static_cast<std::int64_t>(plan.year))
      .Bind(3, static_cast<std::int64_t>(plan.lead.lead_unit_id))
      .Bind(4, static_cast<std::int64_t>(plan.lead.rotation_unit_id))
      .Bind(5, static_cast<std::int64_t>(plan.lead.overridden ? 1 : 0))
      .Bind(6, plan.lead.reason)
      .Bind(7, plan.title)
      .Bind(8, plan.notes)
      .Bind(9, Now());
  auto row = insert.Step();
  if (!row && row.error().code == ErrorCode::kAlreadyExists)
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("Thỏa thuận đã có kế hoạch năm {}", plan.year),
                     fmt::format("The agreement already has a plan for {}", plan.year));
  if (!row) return tl::unexpected(row.error());
  if (!*row) return MakeError(ErrorCode::kInternal, "Không lưu được kế hoạch", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  Change c = change;
  if (plan.lead.overridden) c.comment = plan.lead.reason;
  LIENKET_RETURN_IF_ERROR(
      Audit(c, fmt::format("agreement:{}", plan.agreement_id), plan.lead.lead_unit_id, std::nullopt,
            fmt::format("plan {} ({}), lead unit {}{}", id, plan.year, plan.lead.lead_unit_id,
                        plan.lead.overridden ? " (override)" : "")));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Result<std::optional<AnnualPlan>> SqliteCooperationStore::FindPlan(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectPlan));
  select.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<AnnualPlan>();
  return std::optional<AnnualPlan>(ReadPlan(select));
}

core::Result<std::vector<AnnualPlan>> SqliteCooperationStore::ListPlans(std::int64_t agreement_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectPlans));
  select.Bind(1, agreement_id);
  std::vector<AnnualPlan> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    out.push_back(ReadPlan(select));
  }
  return out;
}

// ---- tasks

core::Status SqliteCooperationStore::WriteLinks(std::int64_t task_id,
                                                const std::vector<linkage::EntityLink>& links) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteLinks));
  del.Bind(1, task_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertLink));
  for (const linkage::EntityLink& l : links) {
    insert.Reset();
    insert.Bind(1, task_id).Bind(2, l.Text());
    LIENKET_RETURN_IF_ERROR(insert.Run());
  }
  return {};
}

core::Result<std::int64_t> SqliteCooperationStore::CreateTask(const CooperationTask& task,
                                                              const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertTask));
  insert.Bind(1, task.plan_id)
      .Bind(2, task.title)
      .Bind(3, task.description)
      .Bind(4, static_cast<std::int64_t>(task.owner_unit_id))
      .Bind(5, task.deadline.ToString())
      .Bind(6, linkage::TaskStatusId(task.status))
      .Bind(7, task.evidence_text)
      .Bind(8, task.evidence_link)
      .Bind(9, Now());
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được nhiệm vụ", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  LIENKET_RETURN_IF_ERROR(WriteLinks(id, task.links));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("task:{}", id), task.owner_unit_id,
                                std::nullopt,
                                fmt::format("{} — {} — {}", task.title, task.deadline.ToString(),
                                            linkage::TaskStatusId(task.status))));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteCooperationStore::UpdateTask(const CooperationTask& task,
                                                const std::optional<Upload>& evidence_file,
                                                const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(old, FindTask(task.id));
  if (!old) return tl::unexpected(Missing("nhiệm vụ", "task", task.id));
  std::int64_t file_id = task.evidence_file ? task.evidence_file->id : 0;
  if (evidence_file) {
    LIENKET_ASSIGN_OR_RETURN(id, InsertFile(*evidence_file, change));
    file_id = id;
  }
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateTask));
  update.Bind(1, task.title)
      .Bind(2, task.description)
      .Bind(3, task.deadline.ToString())
      .Bind(4, linkage::TaskStatusId(task.status))
      .Bind(5, task.evidence_text)
      .Bind(6, task.evidence_link)
      .Bind(7, file_id)
      .Bind(8, Now())
      .Bind(9, task.id);
  LIENKET_RETURN_IF_ERROR(update.Run());
  LIENKET_RETURN_IF_ERROR(WriteLinks(task.id, task.links));
  auto describe = [](const CooperationTask& t, std::int64_t file) {
    std::string links;
    for (const auto& l : t.links) links += (links.empty() ? "" : ",") + l.Text();
    return fmt::format("status={} evidence={} link={} file={} links={}",
                       linkage::TaskStatusId(t.status), t.evidence_text, t.evidence_link, file,
                       links);
  };
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("task:{}", task.id), task.owner_unit_id,
                                describe(*old, old->evidence_file ? old->evidence_file->id : 0),
                                describe(task, file_id)));
  return tx.Commit();
}

core::Status SqliteCooperationStore::LoadTaskDetails(CooperationTask* t) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectLinks));
  select.Bind(1, t->id);
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    auto link = linkage::ParseEntityLink(select.Text(0));
    if (link) t->links.push_back(*link);
  }
  return {};
}

core::Result<std::optional<CooperationTask>> SqliteCooperationStore::FindTask(std::int64_t id) {
  std::optional<CooperationTask> t;
  std::int64_t file_id = 0;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectTask));
    select.Bind(1, id);
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) return t;
    t = ReadTask(select, &file_id);
  }
  LIENKET_ASSIGN_OR_RETURN(meta, FileMeta(file_id));
  t->evidence_file = meta;
  LIENKET_RETURN_IF_ERROR(LoadTaskDetails(&*t));
  return t;
}

core::Result<std::vector<CooperationTask>> SqliteCooperationStore::ListTasks(
    std::int64_t agreement_id) {
  std::vector<std::pair<CooperationTask, std::int64_t>> rows;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectTasks));
    select.Bind(1, agreement_id);
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      std::int64_t file_id = 0;
      CooperationTask t = ReadTask(select, &file_id);
      rows.emplace_back(std::move(t), file_id);
    }
  }
  std::vector<CooperationTask> out;
  for (auto& [t, file_id] : rows) {
    LIENKET_ASSIGN_OR_RETURN(meta, FileMeta(file_id));
    t.evidence_file = meta;
    LIENKET_RETURN_IF_ERROR(LoadTaskDetails(&t));
    out.push_back(std::move(t));
  }
  return out;
}

core::Result<std::vector<CooperationTask>> SqliteCooperationStore::TasksLinkedTo(
    const std::string& entity) {
  std::vector<CooperationTask> out;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectLinkedTasks));
    select.Bind(1, entity);
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      std::int64_t file_id = 0;
      out.push_back(ReadTask(select, &file_id));
    }
  }
  for (CooperationTask& t : out) LIENKET_RETURN_IF_ERROR(LoadTaskDetails(&t));
  return out;
}

// ---- progress reports

core::Result<std::int64_t> SqliteCooperationStore::AddReport(const ProgressReport& report,
                                                             std::int64_t agreement_id,
                                                             const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertReport));
  insert.Bind(1, report.plan_id)
      .Bind(2, static_cast<std::int64_t>(report.unit_id))
      .Bind(3, report.period.Code())
      .Bind(4, report.body)
      .Bind(5, report.submitted_by)
      .Bind(6, report.submitted_at.empty() ? Now() : report.submitted_at);
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được báo cáo", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  LIENKET_RETURN_IF_ERROR(
      Audit(change, fmt::format("agreement:{}", agreement_id), report.unit_id, std::nullopt,
            fmt::format("report {} plan {} {}", id, report.plan_id, report.period.Code())));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Result<std::vector<ProgressReport>> SqliteCooperationStore::ListReports(
    std::int64_t plan_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectReports));
  select.Bind(1, plan_id);
  std::vector<ProgressReport> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    ProgressReport r;
    r.id = select.Int(0);
    r.plan_id = select.Int(1);
    r.unit_id = static_cast<int>(select.Int(2));
    auto period = core::Period::Parse(select.Text(3));
    if (period) r.period = *period;
    r.body = select.Text(4);
    r.submitted_by = select.Int(5);
    r.submitted_at = select.Text(6);
    out.push_back(std::move(r));
  }
  return out;
}

// ---- requests

core::Result<std::int64_t> SqliteCooperationStore::CreateRequest(const DepartmentRequest& r,
                                                                 const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertRequest));
  insert.Bind(1, static_cast<std::int64_t>(r.from_unit_id))
      .Bind(2, r.subject)
      .Bind(3, r.body)
      .Bind(4, r.product)
      .Bind(5, r.quantity)
      .Bind(6, r.deadline.ToString())
      .Bind(7, r.focal.name)
      .Bind(8, r.focal.position)
      .Bind(9, r.focal.phone)
      .Bind(10, r.focal.email)
      .Bind(11, r.dataset)
      .Bind(12, change.user_id)
      .Bind(13, r.created_at.empty() ? Now() : r.created_at);
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "Không lưu được đề nghị", "Not stored");
  std::int64_t id = insert.Int(0);
  insert.Reset();
  LIENKET_ASSIGN_OR_RETURN(recipient, db_->Prepare(kInsertRecipient));
  std::string to;
  for (const RequestRecipient& rr : r.recipients) {
    recipient.Reset();
    recipient.Bind(1, id)
        .Bind(2, static_cast<std::int64_t>(rr.unit_id))
        .Bind(3, linkage::DeptRequestStateId(rr.state));
    LIENKET_RETURN_IF_ERROR(recipient.Run());
    to += fmt::format("{}{}", to.empty() ? "" : ",", rr.unit_id);
  }
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("request:{}", id), r.from_unit_id, std::nullopt,
                                fmt::format("{} → {}", r.subject, to)));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteCooperationStore::LoadRecipients(DepartmentRequest* r) {
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRecipients));
    select.Bind(1, r->id);
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      RequestRecipient rr;
      rr.unit_id = static_cast<int>(select.Int(0));
      rr.state =
          linkage::ParseDeptRequestState(select.Text(1)).value_or(linkage::DeptRequestState::kSent);
      rr.focal = {select.Text(2), select.Text(3), select.Text(4), select.Text(5)};
      rr.reply = select.Text(6);
      rr.replied_at = select.Text(7);
      rr.reminded_on = select.Text(8);
      r->recipients.push_back(std::move(rr));
    }
  }
  for (RequestRecipient& rr : r->recipients) {
    std::vector<std::int64_t> ids;
    {
      LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAttachments));
      select.Bind(1, r->id).Bind(2, static_cast<std::int64_t>(rr.unit_id));
      while (true) {
        LIENKET_ASSIGN_OR_RETURN(row, select.Step());
        if (!row) break;
        ids.push_back(select.Int(0));
      }
    }
    for (std::int64_t id : ids) {
      LIENKET_ASSIGN_OR_RETURN(meta, FileMeta(id));
      if (meta) rr.attachments.push_back(*meta);
    }
  }
  return {};
}

core::Result<std::optional<DepartmentRequest>> SqliteCooperationStore::FindRequest(
    std::int64_t id) {
  std::optional<DepartmentRequest> r;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRequest));
    select.Bind(1, id);
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) return r;
    r = ReadRequest(select);
  }
  LIENKET_RETURN_IF_ERROR(LoadRecipients(&*r));
  return r;
}

core::Result<std::vector<DepartmentRequest>> SqliteCooperationStore::ListRequests(
    const std::vector<int>& from_units, const std::vector<int>& to_units) {
  std::vector<DepartmentRequest> out;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRequests));
    select.Bind(1, UnitList(from_units)).Bind(2, UnitList(to_units));
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      out.push_back(ReadRequest(select));
    }
  }
  for (DepartmentRequest& r : out) LIENKET_RETURN_IF_ERROR(LoadRecipients(&r));
  return out;
}

core::Status SqliteCooperationStore::UpdateRecipient(std::int64_t request_id,
                                                     const RequestRecipient& rr,
                                                     const std::vector<Upload>& attachments,
                                                     const Change& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  std::string old_state;
  {
    LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectRecipientState));
    select.Bind(1, request_id).Bind(2, static_cast<std::int64_t>(rr.unit_id));
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) return tl::unexpected(Missing("đề nghị", "request", request_id));
    old_state = select.Text(0);
  }
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateRecipient));
  update.Bind(1, linkage::DeptRequestStateId(rr.state))
      .Bind(2, rr.focal.name)
      .Bind(3, rr.focal.position)
      .Bind(4, rr.focal.phone)
      .Bind(5, rr.focal.email)
      .Bind(6, rr.reply)
      .Bind(7, rr.replied_at)
      .Bind(8, change.user_id)
      .Bind(9, rr.reminded_on)
      .Bind(10, request_id)
      .Bind(11, static_cast<std::int64_t>(rr.unit_id));
  LIENKET_RETURN_IF_ERROR(update.Run());
  LIENKET_ASSIGN_OR_RETURN(attach, db_->Prepare(kInsertAttachment));
  for (const Upload& file : attachments) {
    LIENKET_ASSIGN_OR_RETURN(file_id, InsertFile(file, change));
    attach.Reset();
    attach.Bind(1, request_id).Bind(2, static_cast<std::int64_t>(rr.unit_id)).Bind(3, file_id);
    LIENKET_RETURN_IF_ERROR(attach.Run());
  }
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("request:{}", request_id), rr.unit_id,
                                old_state,
                                fmt::format("{}{}", linkage::DeptRequestStateId(rr.state),
                                            rr.reply.empty() ? "" : ": " + rr.reply)));
  return tx.Commit();
}

core::Result<std::int64_t> SqliteCooperationStore::DeleteDataset(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  std::int64_t count = 0;
  {
    LIENKET_ASSIGN_OR_RETURN(agreements, db_->Prepare(kCountAgreements));
    agreements.Bind(1, dataset);
    LIENKET_ASSIGN_OR_RETURN(row, agreements.Step());
    if (row) count += agreements.Int(0);
  }
  {
    LIENKET_ASSIGN_OR_RETURN(requests, db_->Prepare(kCountRequests));
    requests.Bind(1, dataset);
    LIENKET_ASSIGN_OR_RETURN(row, requests.Step());
    if (row) count += requests.Int(0);
  }
  LIENKET_ASSIGN_OR_RETURN(del_agreements, db_->Prepare(kDeleteAgreements));
  del_agreements.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(del_agreements.Run());
  LIENKET_ASSIGN_OR_RETURN(del_requests, db_->Prepare(kDeleteRequests));
  del_requests.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(del_requests.Run());
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return count;
}

// ---- the illustrative demo

namespace {

Date AddDays(Date d, int days) {
  while (days > 0) {
    if (d.day < core::DaysInMonth(d.year, d.month)) {
      ++d.day;
    } else if (d.month < 12) {
      ++d.month;
      d.day = 1;
    } else {
      ++d.year;
      d.month = 1;
      d.day = 1;
    }
    --days;
  }
  while (days < 0) {
    if (d.day > 1) {
      --d.day;
    } else if (d.month > 1) {
      --d.month;
      d.day = core::DaysInMonth(d.year, d.month);
    } else {
      --d.year;
      d.month = 12;
      d.day = 31;
    }
    ++days;
  }
  return d;
}

// A date `days` from today, kept inside today's year (tasks of this year's plan).
Date InYear(const Date& today, int days) {
  Date d = AddDays(today, days);
  if (d.year < today.year) return Date{today.year, 1, 1};
  if (d.year > today.year) return Date{today.year, 12, 31};
  return d;
}

constexpr std::string_view kDemoNote =
    "DỮ LIỆU MINH HỌA — thỏa thuận, kế hoạch, nhiệm vụ và đề nghị này do lienket tạo ra để trình "
    "diễn tính năng, không phải văn bản thật / ILLUSTRATIVE — invented to demonstrate the "
    "feature, not a real agreement.";

}  // namespace

core::Result<std::pair<int, int>> SqliteCooperationStore::LoadIllustrative(const Date& today) {
  auto unit = [&](std::string_view key) -> core::Result<int> {
    const stats::AdminUnit* u = units_->FindByKey(key);
    if (u == nullptr)
      return MakeError(ErrorCode::kInternal, fmt::format("Thiếu đơn vị {}", key),
                       fmt::format("Unit {} is missing", key));
    return u->id;
  };
  Change change;
  change.user_login = "lienket (cli)";
  change.via = "cli";
  change.comment = "demo";
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(removed, DeleteDataset("illustrative"));
  (void)removed;

  // Signed before the 2025 merger by five Northern-midlands provinces; from 2026 their
  // Departments are those of Bắc Ninh, Lạng Sơn, Thái Nguyên, Phú Thọ and Tuyên Quang.
  Agreement a;
  a.title =
      "Chương trình hợp tác xúc tiến thương mại các tỉnh trung du miền núi phía Bắc "
      "(minh họa)";
  a.kind = linkage::AgreementKind::kRegional;
  for (std::string_view key : {"bac-giang", "lang-son", "thai-nguyen", "phu-tho", "tuyen-quang"}) {
    LIENKET_ASSIGN_OR_RETURN(id, unit(key));
    a.parties.push_back(id);
  }
  a.signed_on = {2024, 3, 1};
  a.valid_from = {2024, 3, 1};
  a.valid_to = Date{std::max(2028, today.year + 1), 12, 31};
  a.fields = {"xúc tiến thương mại", "kết nối cung cầu", "sản phẩm OCOP"};
  a.summary = std::string(kDemoNote);
  a.dataset = "illustrative";
  change.action = "agreement_create";
  LIENKET_ASSIGN_OR_RETURN(agreement_id, CreateAgreement(a, change));
  a.id = agreement_id;

  AnnualPlan plan;
  plan.agreement_id = agreement_id;
  plan.year = today.year;
  LIENKET_ASSIGN_OR_RETURN(lead, linkage::ChooseLead(a, today.year, std::nullopt, "", *units_));
  plan.lead = lead;
  plan.title = fmt::format("Kế hoạch hợp tác năm {} (minh họa)", today.year);
  plan.notes = std::string(kDemoNote);
  change.action = "plan_create";
  LIENKET_ASSIGN_OR_RETURN(plan_id, CreatePlan(plan, change));

  struct DemoTask {
    const char* title;
    std::string_view owner;
    int days;  // deadline relative to today
    linkage::TaskStatus status;
    const char* evidence;
  };
  const DemoTask tasks[] = {
      {"Tổ chức gian hàng chung của các tỉnh tại hội chợ xúc tiến thương mại", "thai-nguyen-2025",
       -40, linkage::TaskStatus::kInProgress, ""},
      {"Cập nhật danh mục sản phẩm OCOP của tỉnh lên lienket", "lang-son", -12,
       linkage::TaskStatus::kNotStarted, ""},
      {"Khảo sát nhu cầu tiêu thụ vải thiều của các hệ thống siêu thị", "bac-ninh-2025", -60,
       linkage::TaskStatus::kDone, "Đã gửi phiếu khảo sát tới các siêu thị (minh họa)"},
      {"Hội nghị kết nối cung cầu cuối năm giữa các tỉnh", "phu-tho-2025", 20,
       linkage::TaskStatus::kNotStarted, ""},
      {"Đưa sản phẩm chè, cam sành vào điểm bán chung", "tuyen-quang-2025", -5,
       linkage::TaskStatus::kInProgress, ""},
  };
  change.action = "task_create";
  for (const DemoTask& d : tasks) {
    CooperationTask t;
    t.plan_id = plan_id;
    t.title = d.title;
    t.description = "Nhiệm vụ minh họa / illustrative task";
    LIENKET_ASSIGN_OR_RETURN(owner, unit(d.owner));
    t.owner_unit_id = owner;
    t.deadline = InYear(today, d.days);
    t.status = d.status;
    t.evidence_text = d.evidence;
    LIENKET_ASSIGN_OR_RETURN(id, CreateTask(t, change));
    (void)id;
  }

  // Progress reports of the latest finished half or quarter: two parties reported, the others
  // are missing, so the consolidated report has something to show.
  std::string period_code = today.month > 6   ? fmt::format("{}-H1", today.year)
                            : today.month > 3 ? fmt::format("{}-Q1", today.year)
                                              : "";
  if (!period_code.empty()) {
    LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(period_code));
    change.action = "report_add";
    for (std::string_view key : {"lang-son", "bac-ninh-2025"}) {
      ProgressReport r;
      r.plan_id = plan_id;
      LIENKET_ASSIGN_OR_RETURN(id, unit(key));
      r.unit_id = id;
      r.period = period;
      r.body =
          "Báo cáo tiến độ minh họa: các nhiệm vụ của tỉnh đang được triển khai theo kế "
          "hoạch / illustrative progress report.";
      LIENKET_ASSIGN_OR_RETURN(report_id, AddReport(r, agreement_id, change));
      (void)report_id;
    }
  }

  DepartmentRequest req;
  LIENKET_ASSIGN_OR_RETURN(from, unit("bac-ninh-2025"));
  req.from_unit_id = from;
  req.subject = "Đề nghị hỗ trợ tiêu thụ vải thiều Lục Ngạn vụ tháng 6 (minh họa)";
  req.body =
      "Sở Công Thương Bắc Ninh (địa bàn Bắc Giang cũ) đề nghị Quý Sở giới thiệu các hệ "
      "thống phân phối, siêu thị, chợ đầu mối trên địa bàn tham gia tiêu thụ vải thiều "
      "Lục Ngạn chín vào tháng 6. " +
      std::string(kDemoNote);
  req.product = "Vải thiều Lục Ngạn";
  req.quantity = "20.000 tấn (số liệu minh họa)";
  req.deadline = AddDays(today, 10);
  req.focal = {"Cán bộ đầu mối (minh họa)", "Chuyên viên Phòng Quản lý thương mại", "",
               "dau-moi@sct-bacninh.example"};
  req.dataset = "illustrative";
  for (std::string_view key : {"thanh-hoa", "ha-noi", "hai-phong-2025"}) {
    RequestRecipient rr;
    LIENKET_ASSIGN_OR_RETURN(id, unit(key));
    rr.unit_id = id;
    req.recipients.push_back(rr);
  }
  LIENKET_RETURN_IF_ERROR(linkage::ValidateRequest(&req, today, *units_));
  change.action = "request_create";
  LIENKET_ASSIGN_OR_RETURN(request_id, CreateRequest(req, change));
  (void)request_id;
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return std::make_pair(1, 1);
}

}  // namespace lienket::store
