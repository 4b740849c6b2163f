#include "app/report_command.hpp"

namespace lienket::app {

core::Result<report::RegionalReport> LoadRegionalReport(Context& ctx, const stats::Region& region,
                                                        const core::Period& period,
                                                        const core::Date& as_of,
                                                        const std::string& dataset) {
  report::ReportInput input;
  input.region = &region;
  input.period = period;
  input.as_of = as_of;
  input.illustrative = dataset == stats::kDatasetIllustrative;
  input.units = &ctx.units;
  input.indicators = &ctx.indicators;
  input.regions = &ctx.regions;
  const stats::AdminUnit* nation = ctx.units.FindByKey("vn");
  for (const core::Period& p : report::PeriodsNeeded(period)) {
    stats::ObservationQuery q;
    q.period = p;
    q.as_of = as_of;
    q.datasets = {dataset};
    LIENKET_ASSIGN_OR_RETURN(rows, ctx.store->Find(q));
    for (auto& r : rows) input.rows.push_back(std::move(r));
    if (input.illustrative && nation != nullptr) {
      q.datasets = {std::string(stats::kDatasetObserved)};
      q.unit_ids = {nation->id};
      LIENKET_ASSIGN_OR_RETURN(national, ctx.store->Find(q));
      for (auto& r : national) input.rows.push_back(std::move(r));
    }
  }
  LIENKET_ASSIGN_OR_RETURN(profiles, ctx.store->LoadUnitProfiles());
  input.profiles = std::move(profiles);
  return report::BuildReport(input);
}

}  // namespace lienket::app
