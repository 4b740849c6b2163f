// The SQLite implementation of linkage::LinkageRepository (sql/sqlite/0004_linkage.sql) over the
// statistics store's connection: the directory's organisations, products and listings, vetoes,
// saved searches and alerts, each write with its audit_log row in one transaction.
// Not thread-safe: used under the server's mutex, like the other stores over the connection.
#pragma once

#include "linkage/linkage_repository.hpp"
#include "store/sqlite_store.hpp"

namespace lienket::store {

class SqliteLinkageStore final : public linkage::LinkageRepository {
 public:
  // `store` must outlive this object. The units resolve import rows' provinces and the
  // Department an imported listing is published by.
  SqliteLinkageStore(SqliteStore* store, const stats::UnitCatalog* units)
      : db_(store->db()), units_(units) {}

  core::Result<std::int64_t> CreateOrganisation(const linkage::DirectoryOrganisation& org,
                                                const linkage::DirectoryChange& change) override;
  core::Status UpdateOrganisation(const linkage::DirectoryOrganisation& org,
                                  const linkage::DirectoryChange& change) override;
  core::Result<std::optional<linkage::DirectoryOrganisation>> FindOrganisation(
      std::int64_t id) override;
  core::Result<std::optional<linkage::DirectoryOrganisation>> FindOrganisationByTaxCode(
      std::string_view canonical_tax_code) override;
  core::Result<std::vector<linkage::DirectoryOrganisation>> ListOrganisations(
      const linkage::OrganisationFilter& filter) override;
  core::Status AddMember(std::int64_t user_id, std::int64_t organisation_id) override;
  core::Result<std::vector<std::int64_t>> OrganisationsOf(std::int64_t user_id) override;

  core::Result<std::int64_t> CreateProduct(const linkage::DirectoryProduct& product,
                                           const linkage::DirectoryChange& change) override;
  core::Status UpdateProduct(const linkage::DirectoryProduct& product,
                             const linkage::DirectoryChange& change) override;
  core::Result<std::optional<linkage::DirectoryProduct>> FindProduct(std::int64_t id) override;
  core::Result<std::vector<linkage::DirectoryProduct>> ListProducts(
      const linkage::ProductFilter& filter) override;

  core::Result<std::int64_t> CreateListing(const linkage::DirectoryListing& listing,
                                           const linkage::DirectoryChange& change) override;
  core::Status UpdateListing(const linkage::DirectoryListing& listing,
                             std::string_view expected_updated_at,
                             const linkage::DirectoryChange& change) override;
  core::Result<std::optional<linkage::DirectoryListing>> FindListing(std::int64_t id) override;
  core::Result<std::vector<linkage::DirectoryListing>> ListListings(
      const linkage::ListingFilter& filter) override;

  core::Result<std::vector<std::pair<std::int64_t, std::int64_t>>> ListVetoes() override;
  core::Status AddVeto(std::int64_t organisation_id, std::int64_t vetoed_id,
                       const linkage::DirectoryChange& change) override;
  // Defined in sqlite_linkage_upkeep.cpp, with the reminders.
  core::Status RemoveVeto(std::int64_t organisation_id, std::int64_t vetoed_id,
                          const linkage::DirectoryChange& change) override;

  core::Result<bool> AddExpiryReminder(std::int64_t listing_id,
                                       std::string_view valid_to) override;
  core::Status SetReminderEmailed(std::int64_t listing_id, std::string_view valid_to,
                                  std::string_view address) override;
  core::Result<std::vector<linkage::ExpiryReminder>> ListExpiryReminders(
      const std::vector<std::int64_t>& organisation_ids) override;
  core::Status MarkReminderSeen(std::int64_t listing_id, std::string_view valid_to,
                                std::int64_t user_id) override;

  core::Result<std::int64_t> CreateSavedSearch(const linkage::SavedSearch& search) override;
  core::Result<std::vector<linkage::SavedSearch>> ListSavedSearches(
      std::optional<std::int64_t> user_id) override;
  core::Status DeleteSavedSearch(std::int64_t id, std::int64_t user_id) override;
  core::Result<bool> AddAlert(std::int64_t saved_search_id, std::int64_t listing_id) override;
  core::Result<std::vector<linkage::Alert>> ListAlerts(std::int64_t user_id) override;
  core::Status MarkAlertSeen(std::int64_t alert_id, std::int64_t user_id) override;

  core::Result<linkage::DirectoryImportResult> ApplyImport(
      const linkage::DirectoryPlan& plan, const linkage::DirectoryImportOptions& options,
      const linkage::DirectoryChange& change, std::vector<stats::Problem>* problems) override;
  core::Result<std::int64_t> DeleteDataset(const std::string& dataset) override;

  // The invented demo directory shipped in data/illustrative/linkage/ (organisations,
  // ocop_products, listings; tools/make_linkage_demo.py): replaces the 'illustrative' dataset in
  // one transaction, organisations verified and listings published as of `today`. The files are
  // validated as of kDemoReferenceDate; a listing window already over is moved forward by whole
  // years, so the demo stays in season. Errors: kInternal naming the file and its first problem
  // when a shipped file does not validate.
  struct IllustrativeCounts {
    std::int64_t organisations = 0, products = 0, listings = 0;
  };
  [[nodiscard]] core::Result<IllustrativeCounts> LoadIllustrative(const core::Date& today);
  static constexpr core::Date kDemoReferenceDate{2026, 1, 1};

 private:
  // The writes without their own transaction (ApplyImport runs many in one).
  core::Result<std::int64_t> InsertOrganisation(const linkage::DirectoryOrganisation& org,
                                                const linkage::DirectoryChange& change);
  core::Result<std::int64_t> InsertProduct(const linkage::DirectoryProduct& product,
                                           const linkage::DirectoryChange& change);
  core::Result<std::int64_t> InsertListing(const linkage::DirectoryListing& listing,
                                           const linkage::DirectoryChange& change);
  core::Status WriteDelivery(std::int64_t listing_id, const std::vector<int>& units);
  core::Status Audit(const linkage::DirectoryChange& change, std::string entity, int unit_id,
                     std::optional<std::string> old_value, std::optional<std::string> new_value);

  SqliteDb* db_;
  const stats::UnitCatalog* units_;
};

}  // namespace lienket::store
