// Validation of imported directory files — organisations, OCOP product lists and listings — to
// the standard of the statistics import (stats/import_validator.hpp): every problem is reported
// with its row, column and reason in Vietnamese and English, and nothing is half-imported. The
// validator never writes; it returns a plan holding every valid record only when the file has
// no errors, and otherwise the complete list of problems and no records.
//
// Readers (CSV here, XLSX in io/app) turn a file into a header and rows of text fields. Headers
// may use the canonical column names below or Vietnamese aliases ("Mã số thuế", "Tỉnh", "Tên sản
// phẩm", "Hạng sao"...), in any case and with or without diacritics; the canonical columns of
// each kind are listed in src/linkage/README.md and by CanonicalColumns().
//
// References to other records stay as text for the caller to resolve against the store: a
// product's producer and a listing's owner by tax code (or name), a listing's product by name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/number_format.hpp"
#include "linkage/listing.hpp"
#include "linkage/organisation.hpp"
#include "linkage/product.hpp"
#include "stats/import_validator.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::linkage {

enum class DirectoryKind { kOrganisations, kOcopProducts, kListings };

// "organisations", "ocop_products", "listings".
[[nodiscard]] std::string_view DirectoryKindId(DirectoryKind kind);

struct DirectoryColumn {
  std::string_view name;     // canonical, e.g. "tax_code"
  std::string_view name_vi;  // e.g. "mã số thuế"
  bool required = false;
};
// The canonical columns of `kind`, in canonical order.
[[nodiscard]] const std::vector<DirectoryColumn>& CanonicalColumns(DirectoryKind kind);

struct DirectoryOptions {
  core::Date today;  // import date: default registration date, OCOP validity warning
  core::NumberConvention numbers = core::NumberConvention::kAuto;
};

struct ImportedOrganisation {
  int row = 0;
  Organisation organisation;
};

struct ImportedProduct {
  int row = 0;
  std::string producer_tax_code;  // canonical TaxCode text, or empty
  std::string producer_name;      // as written, or empty (one of the two is given)
  int producer_unit_id = 0;       // the province of the producer
  Product product;                // organisation_id 0: the caller resolves the producer
};

struct ImportedListing {
  int row = 0;
  std::string owner_tax_code;  // canonical TaxCode text
  std::string product_name;    // as written; the caller resolves it to product_id
  Listing listing;             // state draft; for offers product_id is 0 until resolved
};

struct DirectoryPlan {
  DirectoryKind kind = DirectoryKind::kOrganisations;
  std::int64_t rows_read = 0;
  // Filled only when there is no error.
  std::vector<ImportedOrganisation> organisations;
  std::vector<ImportedProduct> products;
  std::vector<ImportedListing> listings;
  std::vector<stats::Problem> problems;  // in file order, file-level problems (row 0, 1) first
  [[nodiscard]] std::size_t ErrorCount() const;
  [[nodiscard]] std::size_t WarningCount() const;
};

class DirectoryValidator {
 public:
  DirectoryValidator(DirectoryKind kind, const stats::UnitCatalog& units, DirectoryOptions options);

  // Maps the header (row 1). Problems: a required column missing, a column given twice (errors),
  // an unknown column (a warning: it is ignored).
  void SetHeader(const std::vector<std::string_view>& header);
  // Checks one data row (`row` as the user sees it in the file). Rows whose fields are all
  // blank are skipped.
  void AddRow(int row, const std::vector<std::string_view>& fields);
  // Records a problem found by the reader (bad encoding, unclosed quote).
  void AddProblem(stats::Problem problem) { problems_.push_back(std::move(problem)); }
  // Cross-row checks (the same tax code or product twice), then the plan. Call once.
  [[nodiscard]] DirectoryPlan Finish();

 private:
  struct RowContext;
  void AddOrganisation(RowContext& row);
  void AddProduct(RowContext& row);
  void AddListing(RowContext& row);

  DirectoryKind kind_;
  const stats::UnitCatalog& units_;
  DirectoryOptions options_;
  std::vector<int> column_of_;       // per canonical column: index in the file, -1 if absent
  std::vector<std::string> labels_;  // header text per file column
  bool header_ok_ = false;
  std::int64_t rows_read_ = 0;
  std::vector<stats::Problem> problems_;
  std::vector<ImportedOrganisation> organisations_;
  std::vector<ImportedProduct> products_;
  std::vector<ImportedListing> listings_;
  std::unordered_map<std::string, int> first_row_of_key_;  // duplicate detection
};

// Reads a whole CSV buffer (UTF-8, optional BOM, delimiter detected) and validates it.
[[nodiscard]] DirectoryPlan ValidateDirectoryCsv(DirectoryKind kind, std::string_view csv,
                                                 const stats::UnitCatalog& units,
                                                 DirectoryOptions options);

}  // namespace lienket::linkage
