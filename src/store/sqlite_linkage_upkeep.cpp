// SqliteLinkageStore's upkeep of the directory: removing vetoes and the reminders to listings'
// owners that a window is about to end (sql/sqlite/0008_listing_reminders.sql). Kept apart from
// sqlite_linkage_store.cpp, which holds the directory's records. Portable SQL (SQLite and
// PostgreSQL): numbered parameters, ON CONFLICT, times computed here.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/date.hpp"
#include "store/sqlite_linkage_store.hpp"

namespace lienket::store {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::string_view kDeleteVeto =
    "DELETE FROM org_vetoes WHERE organisation_id = ?1 AND vetoed_id = ?2";
constexpr std::string_view kInsertReminder =
    "INSERT INTO listing_reminders (listing_id, valid_to, reminded_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (listing_id, valid_to) DO NOTHING";
constexpr std::string_view kSetEmailed =
    "UPDATE listing_reminders SET emailed_to = ?3 WHERE listing_id = ?1 AND valid_to = ?2";
// Asked once per organisation (an enterprise account acts for a few).
constexpr std::string_view kSelectReminders =
    "SELECT r.listing_id, r.valid_to, r.reminded_at, r.emailed_to, COALESCE(r.seen_at, '') "
    "FROM listing_reminders r JOIN listings l ON l.id = r.listing_id "
    "WHERE l.organisation_id = ?1 ORDER BY r.reminded_at DESC LIMIT 200";
constexpr std::string_view kMarkReminderSeen =
    "UPDATE listing_reminders SET seen_at = COALESCE(seen_at, ?3), "
    "seen_by = COALESCE(seen_by, ?4) WHERE listing_id = ?1 AND valid_to = ?2";

}  // namespace

core::Status SqliteLinkageStore::RemoveVeto(std::int64_t organisation_id, std::int64_t vetoed_id,
                                            const linkage::DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteVeto));
  del.Bind(1, organisation_id).Bind(2, vetoed_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  if (db_->Changes() == 0)
    return MakeError(
        ErrorCode::kNotFound,
        fmt::format("Tổ chức số {} không chặn tổ chức số {}", organisation_id, vetoed_id),
        fmt::format("Organisation {} has not vetoed organisation {}", organisation_id, vetoed_id));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("organisation:{}", organisation_id), 0,
                                fmt::format("veto organisation:{}", vetoed_id), std::nullopt));
  return tx.Commit();
}

core::Result<bool> SqliteLinkageStore::AddExpiryReminder(std::int64_t listing_id,
                                                         std::string_view valid_to) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertReminder));
  insert.Bind(1, listing_id).Bind(2, valid_to).Bind(3, core::UtcTimestamp());
  LIENKET_RETURN_IF_ERROR(insert.Run());
  return db_->Changes() > 0;
}

core::Status SqliteLinkageStore::SetReminderEmailed(std::int64_t listing_id,
                                                    std::string_view valid_to,
                                                    std::string_view address) {
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kSetEmailed));
  update.Bind(1, listing_id).Bind(2, valid_to).Bind(3, address);
  return update.Run();
}

core::Result<std::vector<linkage::ExpiryReminder>> SqliteLinkageStore::ListExpiryReminders(
    const std::vector<std::int64_t>& organisation_ids) {
  std::vector<linkage::ExpiryReminder> out;
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectReminders));
  for (std::int64_t organisation_id : organisation_ids) {
    select.Reset();
    select.Bind(1, organisation_id);
    while (true) {
      LIENKET_ASSIGN_OR_RETURN(row, select.Step());
      if (!row) break;
      out.push_back(
          {select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4)});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(b.reminded_at, b.listing_id) < std::tie(a.reminded_at, a.listing_id);
  });
  if (out.size() > 200) out.resize(200);
  return out;
}

core::Status SqliteLinkageStore::MarkReminderSeen(std::int64_t listing_id,
                                                  std::string_view valid_to, std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kMarkReminderSeen));
  update.Bind(1, listing_id).Bind(2, valid_to).Bind(3, core::UtcTimestamp()).Bind(4, user_id);
  LIENKET_RETURN_IF_ERROR(update.Run());
  if (db_->Changes() == 0)
    return MakeError(
        ErrorCode::kNotFound,
        fmt::format("Không có lời nhắc cho tin số {} (hết hạn {})", listing_id, valid_to),
        fmt::format("No reminder for listing {} (ending {})", listing_id, valid_to));
  return {};
}

}  // namespace lienket::store
