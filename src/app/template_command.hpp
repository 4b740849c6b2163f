// Blank Excel templates of a report form, pre-filled with the provinces and the period, that
// import back without any mapping (the mapping travels in a hidden sheet). Provinces fill the
// yellow cells, the publication date, the status and the source; everything else is locked.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "stats/report_form.hpp"

namespace lienket::app {

// The shipped report forms (data/report_forms.csv). Errors: kInternal if the file is malformed.
[[nodiscard]] core::Result<std::vector<stats::ReportForm>> ShippedReportForms();

// Writes the template for `form` and `period` with one row per unit in `provinces` to `path`.
// Errors: kInvalidArgument when the period does not fit the form (a monthly form for 2024-H1)
// or the form names an indicator missing from the catalogue; kUnavailable when the file cannot
// be written.
[[nodiscard]] core::Status WriteTemplate(const Context& ctx, const stats::ReportForm& form,
                                         const core::Period& period,
                                         const std::vector<const stats::AdminUnit*>& provinces,
                                         const std::string& path);

}  // namespace lienket::app
