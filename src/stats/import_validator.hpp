// Validation of imported observations, shared by every import path (CSV, XLSX, later HTTP).
// Readers turn a file into rows of text fields with their positions; the validator checks each
// row against the catalogues, then checks the rows against each other and against the stored
// data, and produces either a plan to insert or the complete list of problems. It never writes:
// an import is all or nothing, and the caller writes the plan only when it has no errors (and
// no warnings, unless the user accepted them).
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/number_format.hpp"
#include "stats/indicator.hpp"
#include "stats/observation.hpp"
#include "stats/repository.hpp"
#include "stats/unit_catalog.hpp"

namespace lienket::stats {

// The columns of the canonical long format, in canonical order.
enum class Field {
  kProvince,
  kIndicator,
  kPeriod,
  kValue,
  kUnit,
  kStatus,
  kQualifier,
  kBasis,
  kSource,
  kNote,
  kAsOf,
};
inline constexpr std::size_t kFieldCount = 11;
[[nodiscard]] std::string_view FieldName(Field f);  // "province", ...

// Errors reject the file; warnings block it until accepted; notes only inform (a skipped total
// row, empty cells in a template).
enum class Severity { kError, kWarning, kNote };

// One problem found in the input. `code` is a stable machine id (e.g. "unknown_province");
// row and column say where, as the user sees them in their file (row 0 = the whole file).
struct Problem {
  Severity severity = Severity::kError;
  std::string code;
  int row = 0;
  std::string column;
  std::string value;
  std::string message_vi;
  std::string message_en;
};

// Column positions of a header row. Accepts the canonical names and Vietnamese aliases
// ("tỉnh", "chỉ tiêu", "kỳ", "giá trị", "đơn vị", "trạng thái", "nguồn", "ghi chú", "ngày
// công bố"...), in any case and folding.
struct HeaderMap {
  std::array<int, kFieldCount> index;  // column index per field, -1 when absent
  std::vector<std::string> labels;     // header text per column, as written
};

// Maps a header. Problems: missing required columns (province, indicator, period, value,
// unit), a column given twice, unknown columns (a warning: they are ignored).
[[nodiscard]] HeaderMap MapHeader(const std::vector<std::string_view>& header,
                                  std::vector<Problem>* problems);

struct ImportOptions {
  std::string dataset = std::string(kDatasetObserved);
  core::NumberConvention numbers = core::NumberConvention::kAuto;
  core::Date today;  // import date: default as_of, future check
  VintageStatus default_status = VintageStatus::kEstimate;
  std::string default_source;               // used when the row has no source
  std::optional<core::Date> default_as_of;  // used when the row has no as_of
};

// One input row: field texts and where each came from (column labels for messages).
struct RowInput {
  int row = 0;  // 1-based row (line) in the user's file
  std::array<std::string_view, kFieldCount> value{};
  std::array<std::string_view, kFieldCount> column{};  // "value" (CSV) or "D7" (XLSX)
  std::bitset<kFieldCount> present;
  // The value is a machine number (an Excel numeric cell): read it as Decimal::Parse does, with
  // no thousands separators to decide, and do not count it as evidence of the file's convention.
  bool value_is_canonical = false;
};

// The stored rows a validation needs to see: every vintage of the indicators in the file for the
// years it touches and the year before.
struct ExistingScope {
  std::vector<std::string> indicator_ids;
  int year_from = 0;
  int year_to = 0;
  std::string dataset;

  // Nothing to read: the file names no indicator the catalogue knows.
  [[nodiscard]] bool empty() const { return indicator_ids.empty(); }
  // The query for every stored vintage in this scope (of `unit_ids` only, when given).
  [[nodiscard]] ObservationQuery Query(std::vector<int> unit_ids = {}) const {
    ObservationQuery q;
    q.indicator_ids = indicator_ids;
    q.unit_ids = std::move(unit_ids);
    q.year_from = year_from;
    q.year_to = year_to;
    q.datasets = {dataset};
    q.latest_only = false;
    return q;
  }
};

struct ImportPlan {
  std::vector<Observation> to_insert;
  // For each row of to_insert, its ordinal (see ImportValidator::SetAcceptedRowSink).
  std::vector<std::uint32_t> ordinals;
  std::int64_t rows_read = 0;
  std::int64_t unchanged = 0;  // identical to a stored vintage: skipped
  std::vector<Problem> problems;
  [[nodiscard]] std::size_t ErrorCount() const;
  [[nodiscard]] std::size_t WarningCount() const;
};

class ImportValidator {
 public:
  ImportValidator(const UnitCatalog& units, const IndicatorCatalog& indicators,
                  ImportOptions options);

  // Validates one row; problems are recorded, valid rows kept for the cross-row checks.
  void AddRow(const RowInput& row);
  // Sizes the tables for about `rows` rows (a hint; an import of a million rows then does not
  // rehash its way up).
  void ExpectRows(std::size_t rows);
  // Rows that AddRow accepts are numbered 0, 1, 2, … in that order (their ordinals). The sink is
  // called, on the thread calling AddRow, with each accepted row whose value is already final
  // (not waiting for the file's number convention): a caller may start writing rows while the
  // rest of the file is read. Only Finish says which rows are to be written, by ordinal.
  using AcceptedRowSink = std::function<void(std::uint32_t ordinal, const Observation& row)>;
  void SetAcceptedRowSink(AcceptedRowSink sink) { sink_ = std::move(sink); }
  // Records a problem found by the reader (bad encoding, unclosed quote, missing column).
  void AddProblem(Problem problem) { problems_.push_back(std::move(problem)); }

  [[nodiscard]] ExistingScope Scope() const;
  // Cross-row checks against the file itself and `existing` (all vintages in Scope()): same
  // vintage stored with another value (error) or the same value (skipped as unchanged), a part
  // larger than its total, spend above plan (warning), jumps that look like a unit slip
  // (warning). Then returns the plan. Call once, after the last AddRow.
  [[nodiscard]] ImportPlan Finish(const std::vector<Observation>& existing);

 private:
  // Compact identities of a series (unit, indicator, basis, period) and of a vintage (series,
  // status, as_of, source), so the cross-row checks on a million rows build no strings.
  struct SeriesId {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    bool operator==(const SeriesId&) const = default;
  };
  struct VintageId {
    SeriesId series;
    std::uint64_t extra = 0;
    bool operator==(const VintageId&) const = default;
  };
  struct IdHash {
    std::size_t operator()(const SeriesId& s) const;
    std::size_t operator()(const VintageId& v) const;
  };
  // A row that passed the row checks; its Observation is rows_[its index in pending_].
  struct Pending {
    int row = 0;
    bool as_of_given = false;
    std::uint32_t value_column = 0;  // index into column_labels_
    const Indicator* indicator = nullptr;
    const core::MeasureUnit* unit = nullptr;
    std::string deferred_value;  // a value whose number convention the file must decide
    bool deferred = false;
    bool canonical = false;  // see RowInput::value_is_canonical
    std::uint32_t ordinal = 0;
    VintageId vintage;  // computed once, in AddRow
  };
  // Parses the value under `convention`, converts it to the canonical unit and checks it
  // (negative flows, plausible range). Returns false after reporting a problem.
  bool CheckValue(const Pending* p, Observation* row, std::string_view value_text,
                  core::NumberConvention convention);
  // The Observation of a Pending of pending_.
  [[nodiscard]] const Observation& RowOf(const Pending& p) const {
    return rows_[static_cast<std::size_t>(&p - pending_.data())];
  }
  // Decides the deferred values once the whole file has shown its number convention.
  void ResolveDeferredValues();
  void Report(Severity severity, std::string code, int row, std::string_view column,
              std::string_view value, std::string message_vi, std::string message_en);
  std::uint32_t InternColumn(std::string_view label);
  SeriesId MakeSeriesId(const Observation& o, const core::Period& period);
  VintageId MakeVintageId(const Observation& o);
  std::uint32_t Intern(std::unordered_map<std::string, std::uint32_t>* table,
                       const std::string& text);

  const UnitCatalog& units_;
  const IndicatorCatalog& indicators_;
  ImportOptions options_;
  std::vector<Pending> pending_;
  std::vector<Observation> rows_;  // parallel to pending_: Finish hands it over as the plan
  AcceptedRowSink sink_;
  std::uint32_t next_ordinal_ = 0;
  std::vector<Problem> problems_;
  std::int64_t rows_read_ = 0;
  int min_year_ = 0;
  int max_year_ = 0;
  std::vector<std::string> column_labels_;
  std::unordered_map<std::string, std::uint32_t> column_index_;
  std::unordered_map<std::string, std::uint32_t> source_ids_;
  std::unordered_map<std::string, std::uint32_t> basis_ids_;
  std::unordered_map<std::string, std::uint32_t> indicator_ids_;
  // Memo of resolved cell texts: a million rows name a few dozen provinces and periods.
  std::unordered_map<std::string, core::Result<core::Period>> period_memo_;
  std::unordered_map<std::string, core::Result<const Indicator*>> indicator_memo_;
  std::unordered_map<std::string, core::Result<const core::MeasureUnit*>> unit_memo_;
  std::unordered_map<std::string, core::Result<const AdminUnit*>> province_memo_;  // text|period
  std::unordered_map<std::string, core::Result<VintageStatus>> status_memo_;
  std::unordered_map<std::string, core::Result<Qualifier>> qualifier_memo_;
  std::unordered_map<std::string, core::Result<core::Date>> date_memo_;
  // Duplicate detection within the file: vintage key -> first row.
  std::unordered_map<VintageId, int, IdHash> seen_;
  std::string key_;  // reused buffer for memo lookups
  // Rows whose numbers show one convention ("126.45" English, "41,8" Vietnamese): the first of
  // each, 0 if none.
  int english_row_ = 0;
  int vietnamese_row_ = 0;
};

}  // namespace lienket::stats
