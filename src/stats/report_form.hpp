// Report forms: which indicators a province reports for which kind of period, and when it is due
// (data/report_forms.csv). They drive the blank Excel templates now and the submission workflow
// later.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"

namespace lienket::stats {

struct ReportForm {
  std::string id;  // "half_year"
  std::string name_vi;
  std::string name_en;
  core::PeriodKind period_kind = core::PeriodKind::kYear;
  int due_day = 20;           // day of the month the report is due
  int due_offset_months = 1;  // months after the period's last month
  std::vector<std::string> indicator_ids;

  // The due date for `period` (e.g. 20 July 2024 for 2024-H1 with day 20, offset 1).
  [[nodiscard]] core::Date DueDate(const core::Period& period) const;
  // kInvalidArgument when `period` is not of this form's kind (a monthly form for 2024-H1).
  [[nodiscard]] core::Status Accepts(const core::Period& period) const;
};

// Parses data/report_forms.csv. Errors: kInternal naming the line for a malformed file.
[[nodiscard]] core::Result<std::vector<ReportForm>> ParseReportForms(std::string_view csv);

}  // namespace lienket::stats
