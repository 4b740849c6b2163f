// Building the regional report from the database: the figures of every period the report reads
// (report::PeriodsNeeded) as known on a date, the units' profiles, then report::BuildReport. Used
// by `lienket report` and by the server's overview and report downloads.
#pragma once

#include <string>

#include "app/context.hpp"
#include "report/regional_report.hpp"

namespace lienket::app {

// `dataset` is "observed" or "illustrative"; the illustrative report takes the national figures
// from the observed set (the demo set invents provinces only) and says so. Errors: as the store's
// Find and report::BuildReport.
[[nodiscard]] core::Result<report::RegionalReport> LoadRegionalReport(
    Context& ctx, const stats::Region& region, const core::Period& period,
    const core::Date& as_of, const std::string& dataset);

}  // namespace lienket::app
