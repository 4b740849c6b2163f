// Building the regional report from the database: the figures of every period the report reads
// (report::PeriodsNeeded) as known on a date, the units' profiles, then report::BuildReport. Used
// by `lienket report` and by the server's overview and report downloads. The "Liên kết" section
// comes from the deals of the same dataset (store/sqlite_deal_store.hpp).
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

// The flow ledger of the "Liên kết" section: the deals of `dataset` (and their follow-ups) for the
// region's members in `period`, contracted and delivered, compared with the same period a year
// earlier. None when no deal of that dataset was signed in that window, so a report without
// recorded deals has no linkage section. Errors: as the deal store's reads.
[[nodiscard]] core::Result<std::optional<report::LinkageFlows>> LoadLinkageFlows(
    Context& ctx, const stats::Region& region, const core::Period& period,
    const std::string& dataset);

}  // namespace lienket::app
