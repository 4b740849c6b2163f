// Storage of the linkage directory (issue 5, phase 1): organisations and the accounts acting for
// them, products, listings with their moderation state and delivery provinces, vetoes, saved
// searches and alerts. The SQLite store implements it (store/sqlite_linkage_store.hpp); the
// domain rules (validation, transitions) stay in organisation/product/listing.hpp and are applied
// by the caller before it writes. Every write takes a DirectoryChange saying who made it, how
// (web, import, cli) and the audit action; the store writes the record and its audit row in one
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "linkage/directory_validator.hpp"
#include "linkage/listing.hpp"
#include "linkage/organisation.hpp"
#include "linkage/product.hpp"

namespace lienket::linkage {

inline constexpr std::string_view kDatasetObserved = "observed";
inline constexpr std::string_view kDatasetIllustrative = "illustrative";

struct DirectoryOrganisation {
  Organisation organisation;
  std::string dataset = "observed";
  std::int64_t verified_by = 0;  // user id, 0 none
  std::string created_at, updated_at;
};

struct DirectoryProduct {
  Product product;
  std::string dataset = "observed";
  std::string created_at, updated_at;
};

struct DirectoryListing {
  Listing listing;
  std::string title;
  std::string dataset = "observed";
  std::int64_t created_by = 0;    // user id, 0 for imports of shipped data
  std::int64_t moderated_by = 0;  // the last approve/reject
  std::string moderated_at;
  std::string created_at, updated_at;
};

// Who writes, how, and what the audit log says about it.
struct DirectoryChange {
  std::int64_t user_id = 0;  // 0 for the command line
  std::string user_login;    // "lienket (cli)" when no user
  std::string via = "web";   // web, import, cli
  std::string action;        // organisation_create, listing_approve, ...
  std::string comment;       // a rejection's reason, a renewal's new end
  std::string request_id;
};

struct OrganisationFilter {
  std::vector<int> unit_ids;      // any of these units (callers add merged units); empty = all
  std::string text;               // in the name or tax code (case-insensitive substring)
  std::string dataset;            // "" = all
  std::vector<std::int64_t> ids;  // empty = all
};

struct ProductFilter {
  std::optional<std::int64_t> organisation_id;
  std::vector<int> unit_ids;  // of the producer
  std::string text;           // in the Vietnamese or local name
  std::string dataset;
};

struct ListingFilter {
  std::optional<ListingKind> kind;
  std::vector<ListingState> states;            // empty = any
  std::vector<std::int64_t> organisation_ids;  // empty = any
  std::vector<int> unit_ids;                   // of the owner
  std::string text;                            // in title or description
  std::string dataset;
};

struct SavedSearch {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string query;
  std::optional<ListingKind> kind;
  int unit_id = 0;  // the owner's province, 0 = any
  std::string created_at;
};

struct Alert {
  std::int64_t id = 0;
  std::int64_t saved_search_id = 0;
  std::int64_t listing_id = 0;
  std::string query;  // of the saved search
  std::string created_at;
  std::string seen_at;  // "" unseen
};

// A reminder to a listing's owner that its window ends soon (one per listing and window end).
struct ExpiryReminder {
  std::int64_t listing_id = 0;
  std::string valid_to;     // the window end it is about, "2026-06-30"
  std::string reminded_at;  // UTC timestamp
  std::string emailed_to;   // "" when not e-mailed
  std::string seen_at;      // "" unseen
};

struct DirectoryImportOptions {
  std::string dataset = "observed";
  // The shipped demo directory: organisations verified and listings published on `today` (by
  // the Department of the owner's current province), as if moderated already.
  bool publish = false;
  core::Date today;
  // Resolve and write everything, then roll back: the preview of an import answers exactly what
  // the confirmed import would do.
  bool dry_run = false;
};

// What a confirmed import wrote.
struct DirectoryImportResult {
  std::int64_t inserted = 0;
};

class LinkageRepository {
 public:
  virtual ~LinkageRepository() = default;

  // Errors: kAlreadyExists for a tax code already in the directory (saying which organisation).
  [[nodiscard]] virtual core::Result<std::int64_t> CreateOrganisation(
      const DirectoryOrganisation& org, const DirectoryChange& change) = 0;
  // Replaces every field but id, dataset and created_at. Errors: kNotFound, kAlreadyExists.
  [[nodiscard]] virtual core::Status UpdateOrganisation(const DirectoryOrganisation& org,
                                                        const DirectoryChange& change) = 0;
  [[nodiscard]] virtual core::Result<std::optional<DirectoryOrganisation>> FindOrganisation(
      std::int64_t id) = 0;
  [[nodiscard]] virtual core::Result<std::optional<DirectoryOrganisation>>
  FindOrganisationByTaxCode(std::string_view canonical_tax_code) = 0;
  // Ordered by name.
  [[nodiscard]] virtual core::Result<std::vector<DirectoryOrganisation>> ListOrganisations(
      const OrganisationFilter& filter) = 0;
  [[nodiscard]] virtual core::Status AddMember(std::int64_t user_id,
                                               std::int64_t organisation_id) = 0;
  [[nodiscard]] virtual core::Result<std::vector<std::int64_t>> OrganisationsOf(
      std::int64_t user_id) = 0;

  // Errors: kAlreadyExists for a product name the organisation already has.
  [[nodiscard]] virtual core::Result<std::int64_t> CreateProduct(const DirectoryProduct& product,
                                                                 const DirectoryChange& change) = 0;
  [[nodiscard]] virtual core::Status UpdateProduct(const DirectoryProduct& product,
                                                   const DirectoryChange& change) = 0;
  [[nodiscard]] virtual core::Result<std::optional<DirectoryProduct>> FindProduct(
      std::int64_t id) = 0;
  [[nodiscard]] virtual core::Result<std::vector<DirectoryProduct>> ListProducts(
      const ProductFilter& filter) = 0;

  [[nodiscard]] virtual core::Result<std::int64_t> CreateListing(const DirectoryListing& listing,
                                                                 const DirectoryChange& change) = 0;
  // Writes the listing if its stored updated_at is still `expected_updated_at` (optimistic
  // concurrency). Errors: kNotFound; kFailedPrecondition when someone changed it meanwhile.
  [[nodiscard]] virtual core::Status UpdateListing(const DirectoryListing& listing,
                                                   std::string_view expected_updated_at,
                                                   const DirectoryChange& change) = 0;
  [[nodiscard]] virtual core::Result<std::optional<DirectoryListing>> FindListing(
      std::int64_t id) = 0;
  // Newest first.
  [[nodiscard]] virtual core::Result<std::vector<DirectoryListing>> ListListings(
      const ListingFilter& filter) = 0;

  // Pairs (organisation, vetoed).
  [[nodiscard]] virtual core::Result<std::vector<std::pair<std::int64_t, std::int64_t>>>
  ListVetoes() = 0;
  [[nodiscard]] virtual core::Status AddVeto(std::int64_t organisation_id, std::int64_t vetoed_id,
                                             const DirectoryChange& change) = 0;
  // Errors: kNotFound when `organisation_id` has not vetoed `vetoed_id`.
  [[nodiscard]] virtual core::Status RemoveVeto(std::int64_t organisation_id,
                                                std::int64_t vetoed_id,
                                                const DirectoryChange& change) = 0;

  // Records the reminder for the listing's window ending `valid_to` unless it exists; returns
  // whether it was new (the caller then tells the owner).
  [[nodiscard]] virtual core::Result<bool> AddExpiryReminder(std::int64_t listing_id,
                                                             std::string_view valid_to) = 0;
  [[nodiscard]] virtual core::Status SetReminderEmailed(std::int64_t listing_id,
                                                        std::string_view valid_to,
                                                        std::string_view address) = 0;
  // The reminders about the listings of these organisations, newest first (at most 200).
  [[nodiscard]] virtual core::Result<std::vector<ExpiryReminder>> ListExpiryReminders(
      const std::vector<std::int64_t>& organisation_ids) = 0;
  // Errors: kNotFound when there is no such reminder.
  [[nodiscard]] virtual core::Status MarkReminderSeen(std::int64_t listing_id,
                                                      std::string_view valid_to,
                                                      std::int64_t user_id) = 0;

  [[nodiscard]] virtual core::Result<std::int64_t> CreateSavedSearch(const SavedSearch& search) = 0;
  [[nodiscard]] virtual core::Result<std::vector<SavedSearch>> ListSavedSearches(
      std::optional<std::int64_t> user_id) = 0;
  // Errors: kNotFound unless the search exists and belongs to `user_id`.
  [[nodiscard]] virtual core::Status DeleteSavedSearch(std::int64_t id, std::int64_t user_id) = 0;
  // Creates the alert unless it exists; returns whether it was new.
  [[nodiscard]] virtual core::Result<bool> AddAlert(std::int64_t saved_search_id,
                                                    std::int64_t listing_id) = 0;
  // The user's alerts, newest first.
  [[nodiscard]] virtual core::Result<std::vector<Alert>> ListAlerts(std::int64_t user_id) = 0;
  // Errors: kNotFound unless the alert belongs to `user_id`.
  [[nodiscard]] virtual core::Status MarkAlertSeen(std::int64_t alert_id, std::int64_t user_id) = 0;

  // Writes a validated import plan (no errors) in one transaction, resolving producers and
  // owners by tax code (or name within the province) and offers' products by name within the
  // owner. Imported organisations start unclaimed and listings as drafts, unless
  // `options.publish`. Every record is audited under `change`. Problems it finds while resolving
  // (an unknown owner, a product not in the directory) are errors with the row and column, and
  // nothing is written: kInvalidArgument with the problems in `problems`.
  [[nodiscard]] virtual core::Result<DirectoryImportResult> ApplyImport(
      const DirectoryPlan& plan, const DirectoryImportOptions& options,
      const DirectoryChange& change, std::vector<stats::Problem>* problems) = 0;

  // Removes every record of `dataset` (organisations cascade to their products and listings).
  // Returns the number of organisations removed.
  [[nodiscard]] virtual core::Result<std::int64_t> DeleteDataset(const std::string& dataset) = 0;
};

}  // namespace lienket::linkage
