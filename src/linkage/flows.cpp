#include "linkage/flows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/vi_text.hpp"

namespace lienket::linkage {
namespace {

using core::Decimal;
using core::ErrorCode;

bool InPeriod(const core::Date& d, const core::Period& p) {
  return p.StartDate() <= d && d <= p.EndDate();
}

// What one deal adds to one period: per line, the quantity and value counted.
struct Contribution {
  std::size_t line = 0;
  Decimal quantity;
  Decimal value;
};

std::vector<Contribution> Contributions(const Deal& deal, const std::vector<const FollowUp*>& fus,
                                        const core::Period& period, FlowBasis basis,
                                        const std::optional<ProductGroup>& group) {
  std::vector<Contribution> out;
  auto wanted = [&](std::size_t i) { return !group || deal.lines[i].group == *group; };
  if (basis != FlowBasis::kDelivered) {
    if (!InPeriod(deal.signed_on, period)) return out;
    if (basis == FlowBasis::kContracted && !IsBinding(deal.type)) return out;
    for (std::size_t i = 0; i < deal.lines.size(); ++i)
      if (wanted(i)) out.push_back({i, deal.lines[i].quantity, deal.lines[i].value});
    return out;
  }
  // Deliveries: the increment of each recorded follow-up over the previous recorded one,
  // counted on the follow-up's due date.
  const FollowUp* before = nullptr;
  for (const FollowUp* f : fus) {  // by months
    if (f->lines.size() != deal.lines.size()) continue;
    if (InPeriod(FollowUpDueDate(deal.signed_on, f->months), period)) {
      for (std::size_t i = 0; i < deal.lines.size(); ++i) {
        if (!wanted(i)) continue;
        Decimal q = f->lines[i].quantity, v = f->lines[i].value;
        if (before != nullptr) {
          q = q - before->lines[i].quantity;
          v = v - before->lines[i].value;
        }
        if (q.IsZero() && v.IsZero()) continue;
        out.push_back({i, q, v});
      }
    }
    before = f;
  }
  return out;
}

}  // namespace

std::string_view FlowBasisId(FlowBasis basis) {
  switch (basis) {
    case FlowBasis::kContracted:
      return "contracted";
    case FlowBasis::kDelivered:
      return "delivered";
    case FlowBasis::kIntended:
      return "intended";
  }
  return "contracted";
}

std::string_view FlowBasisNameVi(FlowBasis basis) {
  switch (basis) {
    case FlowBasis::kContracted:
      return "theo hợp đồng đã ký";
    case FlowBasis::kDelivered:
      return "đã giao (theo kết quả theo dõi 3/6/12 tháng)";
    case FlowBasis::kIntended:
      return "theo mọi thỏa thuận, kể cả biên bản ghi nhớ";
  }
  return "";
}

std::string_view FlowBasisNameEn(FlowBasis basis) {
  switch (basis) {
    case FlowBasis::kContracted:
      return "as contracted";
    case FlowBasis::kDelivered:
      return "as delivered (from the 3/6/12-month follow-ups)";
    case FlowBasis::kIntended:
      return "every deal, memoranda of understanding included";
  }
  return "";
}

core::Result<FlowBasis> ParseFlowBasis(std::string_view text) {
  const std::string key = core::NameKey(text);
  if (key.empty() || key == "contracted" || key == "hopdong") return FlowBasis::kContracted;
  if (key == "delivered" || key == "dagiao") return FlowBasis::kDelivered;
  if (key == "intended" || key == "ghinho") return FlowBasis::kIntended;
  return core::MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("Cơ sở \"{}\" không hợp lệ; dùng contracted (theo hợp đồng), delivered (đã "
                  "giao) hoặc intended (kể cả ghi nhớ)",
                  core::TrimSpaces(text)),
      fmt::format("Basis \"{}\" is not valid; use contracted, delivered or intended",
                  core::TrimSpaces(text)));
}

ProductUnit VolumeKey(ProductUnit unit) {
  if (IsMassUnit(unit)) return ProductUnit::kTonne;
  if (IsVolumeUnit(unit)) return ProductUnit::kLitre;
  return unit;
}

void FlowAmount::Add(const Decimal& quantity, ProductUnit unit, const Decimal& v) {
  value += v;
  const ProductUnit key = VolumeKey(unit);
  auto converted = ConvertQuantity(quantity, unit, key);
  // Within mass or volume the conversion is exact except below 10^-9 of a tonne (a microgram):
  // such a remainder is dropped rather than the line.
  volume[key] += converted ? *converted : quantity;
}

void FlowAmount::Add(const FlowAmount& other) {
  value += other.value;
  for (const auto& [unit, q] : other.volume) volume[unit] += q;
  deals += other.deals;
}

std::optional<Decimal> ChangePct(const Decimal& current, const Decimal& previous) {
  if (previous <= Decimal()) return std::nullopt;
  auto ratio = (current - previous).Times(Decimal::FromInt(100)).DividedBy(previous);
  if (!ratio) return std::nullopt;
  return *ratio;
}

const FlowPair* FlowMatrix::Find(int from, int to) const {
  for (const FlowPair& p : pairs)
    if (p.from == from && p.to == to) return &p;
  return nullptr;
}

const ProvinceFlows* FlowMatrix::Province(int unit_id) const {
  for (const ProvinceFlows& p : provinces)
    if (p.unit_id == unit_id) return &p;
  return nullptr;
}

std::vector<const FlowPair*> FlowMatrix::TopPairs(std::size_t limit) const {
  std::vector<const FlowPair*> out;
  for (const FlowPair& p : pairs)
    if (!p.current.value.IsZero()) out.push_back(&p);
  std::stable_sort(out.begin(), out.end(), [](const FlowPair* a, const FlowPair* b) {
    return b->current.value < a->current.value;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

int UnitInEra(const stats::UnitCatalog& units, int unit_id, const core::Date& era_end) {
  const stats::AdminUnit* unit = units.FindById(unit_id);
  if (unit == nullptr || unit->ValidOn(era_end)) return unit_id;
  const int successor = units.SuccessorOf(unit_id);
  const stats::AdminUnit* s = units.FindById(successor);
  if (s != nullptr && s->ValidOn(era_end)) return successor;
  return unit_id;
}

FlowMatrix BuildFlowMatrix(const std::vector<Deal>& deals, const std::vector<FollowUp>& follow_ups,
                           const stats::UnitCatalog& units, const FlowRequest& request) {
  FlowMatrix m;
  m.period = request.period;
  m.previous_period = request.period.SamePeriodPreviousYear();
  m.basis = request.basis;
  m.group = request.group;
  const core::Date era_end = request.period.EndDate();

  std::set<int> wanted;
  for (int id : request.unit_ids) wanted.insert(UnitInEra(units, id, era_end));
  auto keep = [&](int from, int to) {
    return wanted.empty() || wanted.count(from) > 0 || wanted.count(to) > 0;
  };

  std::map<std::int64_t, std::vector<const FollowUp*>> by_deal;
  for (const FollowUp& f : follow_ups) by_deal[f.deal_id].push_back(&f);
  for (auto& [id, list] : by_deal)
    std::sort(list.begin(), list.end(),
              [](const FollowUp* a, const FollowUp* b) { return a->months < b->months; });
  static const std::vector<const FollowUp*> kNone;

  std::map<std::pair<int, int>, FlowPair> cells;
  std::set<std::int64_t> events;
  for (const Deal& deal : deals) {
    if (units.FindById(deal.origin_unit_id) == nullptr ||
        units.FindById(deal.destination_unit_id) == nullptr)
      continue;
    const int from = UnitInEra(units, deal.origin_unit_id, era_end);
    const int to = UnitInEra(units, deal.destination_unit_id, era_end);
    if (!keep(from, to)) continue;
    auto it = by_deal.find(deal.id);
    const auto& fus = it == by_deal.end() ? kNone : it->second;
    for (int which = 0; which < 2; ++which) {
      const core::Period& period = which == 0 ? m.period : m.previous_period;
      std::vector<Contribution> parts = Contributions(deal, fus, period, m.basis, m.group);
      if (parts.empty()) continue;
      FlowAmount amount;
      amount.deals = 1;
      for (const Contribution& c : parts) amount.Add(c.quantity, deal.lines[c.line].unit, c.value);
      if (from != deal.origin_unit_id || to != deal.destination_unit_id) m.merger_mapped = true;
      if (which == 0) {
        ++m.deals;
        if (deal.event_id != 0) {
          ++m.deals_from_events;
          events.insert(deal.event_id);
        }
      } else {
        ++m.previous_deals;
      }
      if (from == to) {
        if (which == 0) m.within.Add(amount);
        continue;
      }
      FlowPair& cell = cells[{from, to}];
      cell.from = from;
      cell.to = to;
      (which == 0 ? cell.current : cell.previous).Add(amount);
    }
  }
  m.events = static_cast<int>(events.size());

  for (auto& [key, pair] : cells) {
    m.total.Add(pair.current);
    m.previous_total.Add(pair.previous);
    m.pairs.push_back(std::move(pair));
  }

  // Rows and columns, by code.
  auto by_code = [&](int a, int b) {
    const stats::AdminUnit* ua = units.FindById(a);
    const stats::AdminUnit* ub = units.FindById(b);
    if (ua == nullptr || ub == nullptr) return a < b;
    return std::tie(ua->code, ua->id) < std::tie(ub->code, ub->id);
  };
  std::set<int> listed;
  if (!wanted.empty()) {
    m.units.assign(wanted.begin(), wanted.end());
  } else {
    for (const FlowPair& p : m.pairs) listed.insert({p.from, p.to});
    m.units.assign(listed.begin(), listed.end());
  }
  std::sort(m.units.begin(), m.units.end(), by_code);
  std::set<int> partners;
  for (const FlowPair& p : m.pairs)
    for (int u : {p.from, p.to})
      if (!wanted.empty() && wanted.count(u) == 0) partners.insert(u);
  m.partners.assign(partners.begin(), partners.end());
  std::sort(m.partners.begin(), m.partners.end(), by_code);

  for (int u : m.units) {
    ProvinceFlows pf;
    pf.unit_id = u;
    for (const FlowPair& p : m.pairs) {
      if (p.from == u) {
        pf.outflow.Add(p.current);
        pf.previous_outflow.Add(p.previous);
      }
      if (p.to == u) {
        pf.inflow.Add(p.current);
        pf.previous_inflow.Add(p.previous);
      }
    }
    m.provinces.push_back(std::move(pf));
  }
  return m;
}

}  // namespace lienket::linkage
