#include "app/report_command.hpp"

#include "linkage/flows.hpp"
#include "store/sqlite_deal_store.hpp"

namespace lienket::app {

core::Result<std::optional<report::LinkageFlows>> LoadLinkageFlows(Context& ctx,
                                                                   const stats::Region& region,
                                                                   const core::Period& period,
                                                                   const std::string& dataset) {
  store::SqliteDealStore deals(ctx.store.get(), &ctx.units);
  store::DealFilter filter;
  filter.dataset = dataset;
  // Deals signed in either year, and those whose 12-month follow-up may fall in the previous one.
  filter.from = linkage::AddMonths(period.SamePeriodPreviousYear().StartDate(), -13);
  filter.to = period.EndDate();
  LIENKET_ASSIGN_OR_RETURN(stored, deals.ListDeals(filter));
  if (stored.empty()) return std::optional<report::LinkageFlows>();
  std::vector<linkage::Deal> plain;
  std::vector<std::int64_t> ids;
  for (store::StoredDeal& d : stored) {
    ids.push_back(d.deal.id);
    plain.push_back(std::move(d.deal));
  }
  LIENKET_ASSIGN_OR_RETURN(follow_ups, deals.ListFollowUps(ids));
  linkage::FlowRequest request;
  request.period = period;
  request.unit_ids = region.member_unit_ids;
  report::LinkageFlows flows;
  flows.contracted = linkage::BuildFlowMatrix(plain, follow_ups, ctx.units, request);
  request.basis = linkage::FlowBasis::kDelivered;
  flows.delivered = linkage::BuildFlowMatrix(plain, follow_ups, ctx.units, request);
  flows.illustrative = dataset == stats::kDatasetIllustrative;
  return std::optional<report::LinkageFlows>(std::move(flows));
}

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
  LIENKET_ASSIGN_OR_RETURN(flows, LoadLinkageFlows(ctx, region, period, dataset));
  input.linkage = std::move(flows);
  return report::BuildReport(input);
}

}  // namespace lienket::app
