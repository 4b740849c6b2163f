// Blank Excel templates of a report form, pre-filled with the provinces and the period, that
// import back without any mapping (the mapping travels in a hidden sheet). Provinces fill the
// yellow cells, the publication date, the status and the source; everything else is locked.
#pragma once

#include <map>
#include <string>
#include <utility>
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
// `prefill` (optional) holds values already known, by (unit id, indicator id), in the indicator's
// canonical unit; they are written into the cells in the column's unit.
using TemplatePrefill = std::map<std::pair<int, std::string>, core::Decimal>;
[[nodiscard]] core::Status WriteTemplate(const Context& ctx, const stats::ReportForm& form,
                                         const core::Period& period,
                                         const std::vector<const stats::AdminUnit*>& provinces,
                                         const std::string& path,
                                         const TemplatePrefill* prefill = nullptr);

// The unit a form's column is typed in: the indicator's display unit ("tỷ đồng") when it is one
// lienket converts, else its canonical unit.
[[nodiscard]] const core::MeasureUnit* InputUnit(const stats::Indicator& indicator);

}  // namespace lienket::app
