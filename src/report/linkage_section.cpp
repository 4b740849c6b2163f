#include "report/linkage_section.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/number_format.hpp"

namespace lienket::report {
namespace {

using core::Decimal;
using linkage::FlowMatrix;
using linkage::FlowPair;

bool Vi(Language l) { return l == Language::kVietnamese; }

const Decimal kBillion = Decimal::FromInt(1'000'000'000);

Decimal Billions(const Decimal& dong) { return dong.DividedBy(kBillion).value_or(Decimal()); }

// "3,6" tỷ đồng; two decimals under 10 billion so that small sums do not read as zero.
std::string Bn(const Decimal& dong, Language l) {
  const Decimal b = Billions(dong);
  return core::FormatNumber(b, b.Abs() < Decimal::FromInt(10) ? 2 : 1, l);
}
std::string BnUnit(const Decimal& dong, Language l) {
  return Bn(dong, l) + (Vi(l) ? " tỷ đồng" : " billion đồng");
}
std::string Signed(const Decimal& pct, Language l) {
  const std::string text = core::FormatNumber(pct.Abs(), 1, l);
  if (pct.IsZero()) return Vi(l) ? "không đổi" : "unchanged";
  if (Vi(l)) return (pct.IsNegative() ? "giảm " : "tăng ") + text + "%";
  return (pct.IsNegative() ? "down " : "up ") + text + "%";
}

std::string UnitNameOf(const RegionalReport& r, int id, Language l) {
  const stats::AdminUnit* u = r.units != nullptr ? r.units->FindById(id) : nullptr;
  return u != nullptr ? UnitName(*u, l) : std::to_string(id);
}

std::string PeriodLabel(const core::Period& p, Language l) {
  return Vi(l) ? p.LabelVi() : p.LabelEn();
}

// Sums of the region as a whole: between members, from members outwards, from outside inwards.
struct RegionSplit {
  Decimal within, out, in;
};
RegionSplit Split(const FlowMatrix& m) {
  const std::set<int> members(m.units.begin(), m.units.end());
  RegionSplit s;
  for (const FlowPair& p : m.pairs) {
    const bool from = members.count(p.from) > 0, to = members.count(p.to) > 0;
    if (from && to)
      s.within += p.current.value;
    else if (from)
      s.out += p.current.value;
    else if (to)
      s.in += p.current.value;
  }
  return s;
}

}  // namespace

std::string LinkageHeading(Language l) {
  return Vi(l) ? "Liên kết vùng: luồng hàng hai chiều" : "Linkage: two-way flows of goods";
}

std::string LinkageParagraph(const RegionalReport& report, Language l) {
  const LinkageFlows& f = *report.linkage;
  const FlowMatrix& m = f.contracted;
  const bool vi = Vi(l);
  std::string out;
  if (f.illustrative)
    out += vi ? "(Số liệu minh họa: các thỏa thuận dưới đây là giả định, không phải giao dịch "
                "thật.) "
              : "(Illustrative: the deals below are invented, not real transactions.) ";
  const std::string period = PeriodLabel(m.period, l);
  if (m.deals == 0) {
    out += vi ? fmt::format(
                    "Trong {}, lienket chưa ghi nhận hợp đồng mua bán, phân phối hay bao "
                    "tiêu nào có một bên thuộc vùng.",
                    period)
              : fmt::format(
                    "In {}, lienket recorded no purchase, distribution or offtake "
                    "contract with a party in the region.",
                    period);
  } else {
    out += vi ? fmt::format(
                    "Trong {}, lienket ghi nhận {} hợp đồng mua bán, phân phối hoặc bao "
                    "tiêu có ít nhất một bên thuộc vùng, tổng giá trị {}",
                    period, m.deals, BnUnit(m.total.value, l))
              : fmt::format(
                    "In {}, lienket recorded {} purchase, distribution or offtake "
                    "contracts with at least one party in the region, worth {} in all",
                    period, m.deals, BnUnit(m.total.value, l));
    if (auto pct = linkage::ChangePct(m.total.value, m.previous_total.value)) {
      out += vi ? fmt::format(", {} so với cùng kỳ ({}: {}, {} hợp đồng).", Signed(*pct, l),
                              PeriodLabel(m.previous_period, l), BnUnit(m.previous_total.value, l),
                              m.previous_deals)
                : fmt::format(", {} on the same period ({}: {}, {} contracts).", Signed(*pct, l),
                              PeriodLabel(m.previous_period, l), BnUnit(m.previous_total.value, l),
                              m.previous_deals);
      if (m.previous_deals < 5)
        out += vi ? " So sánh này dựa trên rất ít hợp đồng của cùng kỳ, chỉ nên tham khảo."
                  : " This comparison rests on very few contracts in the same period and is only "
                    "indicative.";
    } else {
      out += vi ? "; cùng kỳ năm trước chưa có hợp đồng được ghi nhận nên không so sánh được."
                : "; none was recorded in the same period of the previous year, so there is no "
                  "comparison.";
    }
    const RegionSplit s = Split(m);
    out += vi ? fmt::format(
                    " Trong đó {} giữa các tỉnh trong vùng, {} từ vùng đi tỉnh ngoài vùng "
                    "và {} từ ngoài vùng vào.",
                    BnUnit(s.within, l), BnUnit(s.out, l), BnUnit(s.in, l))
              : fmt::format(
                    " Of this, {} between the region's provinces, {} from the region to "
                    "other provinces and {} into the region.",
                    BnUnit(s.within, l), BnUnit(s.out, l), BnUnit(s.in, l));
    // The largest seller and buyer among the members, and the largest direction.
    const linkage::ProvinceFlows* seller = nullptr;
    const linkage::ProvinceFlows* buyer = nullptr;
    for (const linkage::ProvinceFlows& p : m.provinces) {
      if (!p.outflow.value.IsZero() &&
          (seller == nullptr || seller->outflow.value < p.outflow.value))
        seller = &p;
      if (!p.inflow.value.IsZero() && (buyer == nullptr || buyer->inflow.value < p.inflow.value))
        buyer = &p;
    }
    if (seller != nullptr)
      out +=
          vi ? fmt::format(" Bán đi nhiều nhất: {} ({}, cán cân {}{});",
                           UnitNameOf(report, seller->unit_id, l), BnUnit(seller->outflow.value, l),
                           seller->Balance().IsNegative() ? "" : "+", Bn(seller->Balance(), l))
             : fmt::format(" Largest seller: {} ({}, balance {}{});",
                           UnitNameOf(report, seller->unit_id, l), BnUnit(seller->outflow.value, l),
                           seller->Balance().IsNegative() ? "" : "+", Bn(seller->Balance(), l));
    if (buyer != nullptr)
      out += vi ? fmt::format(" mua về nhiều nhất: {} ({}).", UnitNameOf(report, buyer->unit_id, l),
                              BnUnit(buyer->inflow.value, l))
                : fmt::format(" largest buyer: {} ({}).", UnitNameOf(report, buyer->unit_id, l),
                              BnUnit(buyer->inflow.value, l));
    auto top = m.TopPairs(1);
    if (!top.empty()) {
      const FlowPair& p = *top.front();
      const FlowPair* back = m.Find(p.to, p.from);
      const std::string other =
          back != nullptr && !back->current.value.IsZero()
              ? (vi ? fmt::format(", chiều ngược lại {}", BnUnit(back->current.value, l))
                    : fmt::format(", {} the other way", BnUnit(back->current.value, l)))
              : (vi ? ", chưa có chiều ngược lại" : ", nothing yet the other way");
      out += vi ? fmt::format(" Cặp lớn nhất: {} → {} ({}{}).", UnitNameOf(report, p.from, l),
                              UnitNameOf(report, p.to, l), BnUnit(p.current.value, l), other)
                : fmt::format(" Largest pair: {} → {} ({}{}).", UnitNameOf(report, p.from, l),
                              UnitNameOf(report, p.to, l), BnUnit(p.current.value, l), other);
    }
    if (m.deals_from_events > 0)
      out += vi ? fmt::format(" {} hợp đồng được ký sau {} sự kiện xúc tiến thương mại.",
                              m.deals_from_events, m.events)
                : fmt::format(" {} contracts were signed after {} trade-promotion events.",
                              m.deals_from_events, m.events);
  }
  const FlowMatrix& d = f.delivered;
  if (d.deals > 0)
    out += vi ? fmt::format(
                    " Theo kết quả theo dõi 3/6/12 tháng đến hạn trong kỳ, hàng đã giao "
                    "trị giá {} (mức tối thiểu: phần chưa được theo dõi không được biết).",
                    BnUnit(d.total.value, l))
              : fmt::format(
                    " The 3/6/12-month follow-ups due in the period record {} delivered "
                    "(a lower bound: deliveries not followed up are unknown).",
                    BnUnit(d.total.value, l));
  out += vi ? " Số liệu chỉ gồm các thỏa thuận được ghi nhận trên lienket, không phải toàn bộ "
              "hàng hóa lưu chuyển giữa các tỉnh; biên bản ghi nhớ không được tính."
            : " The figures cover only the deals recorded in lienket, not all goods moving "
              "between provinces; memoranda of understanding are not counted.";
  if (m.merger_mapped)
    out += vi ? " Thỏa thuận ghi theo tỉnh trước sắp xếp năm 2025 được tính cho tỉnh mới mà tỉnh "
                "đó hợp nhất vào."
              : " Deals recorded with a province that merged in 2025 count for the province it "
                "merged into.";
  return out;
}

std::string LinkageProvinceTableHeading(const RegionalReport& report, Language l) {
  return Vi(l) ? fmt::format("Hàng hóa theo hợp đồng giữa các tỉnh — {}",
                             report.linkage->contracted.period.LabelVi())
               : fmt::format("Goods under contract between provinces — {}",
                             report.linkage->contracted.period.LabelEn());
}

ReportTable LinkageProvinceTable(const RegionalReport& report, Language l) {
  const bool vi = Vi(l);
  const FlowMatrix& m = report.linkage->contracted;
  ReportTable t;
  t.value_column = 1;
  t.columns = {
      {vi ? "Tỉnh, thành phố" : "Province"},
      {vi ? "Bán đi tỉnh khác (tỷ đồng)" : "Sold to other provinces (billion đồng)", true, 2},
      {vi ? "Mua từ tỉnh khác (tỷ đồng)" : "Bought from other provinces (billion đồng)", true, 2},
      {vi ? "Cán cân (tỷ đồng)" : "Balance (billion đồng)", true, 2},
      {vi ? "Bán đi so cùng kỳ (%)" : "Sales on the same period (%)", true, 1, true},
      {vi ? "Số hợp đồng bán / mua" : "Contracts sold / bought", true}};
  std::vector<const linkage::ProvinceFlows*> rows;
  for (const linkage::ProvinceFlows& p : m.provinces)
    if (p.outflow.deals > 0 || p.inflow.deals > 0) rows.push_back(&p);
  std::stable_sort(rows.begin(), rows.end(),
                   [](auto* a, auto* b) { return b->outflow.value < a->outflow.value; });
  auto cell = [&](const Decimal& dong) {
    return TableCell{core::FormatNumber(Billions(dong), 2, l), Billions(dong)};
  };
  for (const linkage::ProvinceFlows* p : rows) {
    TableRow row;
    row.cells.push_back({UnitNameOf(report, p->unit_id, l), std::nullopt});
    row.cells.push_back(cell(p->outflow.value));
    row.cells.push_back(cell(p->inflow.value));
    row.cells.push_back(cell(p->Balance()));
    auto pct = linkage::ChangePct(p->outflow.value, p->previous_outflow.value);
    row.cells.push_back(pct ? TableCell{core::FormatNumber(*pct, 1, l), *pct}
                            : TableCell{"—", std::nullopt});
    row.cells.push_back({fmt::format("{} / {}", p->outflow.deals, p->inflow.deals), std::nullopt});
    t.rows.push_back(std::move(row));
  }
  t.footnote = vi ? "Hợp đồng mua bán, phân phối, bao tiêu ký trong kỳ, theo nơi đi và nơi đến của "
                    "hàng; cán cân = bán đi − mua về; so cùng kỳ trên cùng địa giới."
                  : "Purchase, distribution and offtake contracts signed in the period, by where "
                    "the goods come from and go to; balance = sold − bought; change on the same "
                    "territory.";
  return t;
}

std::string LinkagePairTableHeading(const RegionalReport& report, Language l) {
  return Vi(l) ? fmt::format("Các cặp tỉnh có giá trị hợp đồng lớn nhất — {}",
                             report.linkage->contracted.period.LabelVi())
               : fmt::format("Largest province pairs by contract value — {}",
                             report.linkage->contracted.period.LabelEn());
}

ReportTable LinkagePairTable(const RegionalReport& report, Language l) {
  const bool vi = Vi(l);
  const FlowMatrix& m = report.linkage->contracted;
  ReportTable t;
  t.value_column = 3;
  t.columns = {{"#", true, 0},
               {vi ? "Từ" : "From"},
               {vi ? "Đến" : "To"},
               {vi ? "Giá trị (tỷ đồng)" : "Value (billion đồng)", true, 2},
               {vi ? "Cùng kỳ (tỷ đồng)" : "Same period (billion đồng)", true, 2},
               {vi ? "So cùng kỳ (%)" : "Change (%)", true, 1, true},
               {vi ? "Chiều ngược lại (tỷ đồng)" : "The other way (billion đồng)", true, 2}};
  int rank = 0;
  for (const FlowPair* p : m.TopPairs(10)) {
    TableRow row;
    ++rank;
    row.cells.push_back({std::to_string(rank), Decimal::FromInt(rank)});
    row.cells.push_back({UnitNameOf(report, p->from, l), std::nullopt});
    row.cells.push_back({UnitNameOf(report, p->to, l), std::nullopt});
    row.cells.push_back(
        {core::FormatNumber(Billions(p->current.value), 2, l), Billions(p->current.value)});
    if (p->previous.deals > 0)
      row.cells.push_back(
          {core::FormatNumber(Billions(p->previous.value), 2, l), Billions(p->previous.value)});
    else
      row.cells.push_back({"—", std::nullopt});
    auto pct = p->ValueChangePct();
    row.cells.push_back(pct ? TableCell{core::FormatNumber(*pct, 1, l), *pct}
                            : TableCell{"—", std::nullopt});
    const FlowPair* back = m.Find(p->to, p->from);
    if (back != nullptr && back->current.deals > 0)
      row.cells.push_back(
          {core::FormatNumber(Billions(back->current.value), 2, l), Billions(back->current.value)});
    else
      row.cells.push_back({"—", std::nullopt});
    t.rows.push_back(std::move(row));
  }
  return t;
}

nlohmann::json LinkageJson(const RegionalReport& report) {
  const LinkageFlows& f = *report.linkage;
  const FlowMatrix& m = f.contracted;
  auto key = [&](int id) {
    const stats::AdminUnit* u = report.units != nullptr ? report.units->FindById(id) : nullptr;
    return u != nullptr ? u->key : std::to_string(id);
  };
  auto pct = [](const std::optional<Decimal>& d) {
    return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
  };
  nlohmann::json provinces = nlohmann::json::array();
  for (const linkage::ProvinceFlows& p : m.provinces)
    provinces.push_back({{"unit", key(p.unit_id)},
                         {"outflow", p.outflow.value.ToString()},
                         {"inflow", p.inflow.value.ToString()},
                         {"balance", p.Balance().ToString()},
                         {"previous_outflow", p.previous_outflow.value.ToString()},
                         {"previous_inflow", p.previous_inflow.value.ToString()},
                         {"outflow_deals", p.outflow.deals},
                         {"inflow_deals", p.inflow.deals}});
  nlohmann::json pairs = nlohmann::json::array();
  for (const FlowPair* p : m.TopPairs(10))
    pairs.push_back({{"from", key(p->from)},
                     {"to", key(p->to)},
                     {"value", p->current.value.ToString()},
                     {"previous_value", p->previous.value.ToString()},
                     {"change_pct", pct(p->ValueChangePct())},
                     {"deals", p->current.deals}});
  const RegionSplit s = Split(m);
  return {{"basis", linkage::FlowBasisId(m.basis)},
          {"period", m.period.Code()},
          {"previous_period", m.previous_period.Code()},
          {"illustrative", f.illustrative},
          {"units", "đồng"},
          {"deals", m.deals},
          {"previous_deals", m.previous_deals},
          {"total", m.total.value.ToString()},
          {"previous_total", m.previous_total.value.ToString()},
          {"change_pct", pct(linkage::ChangePct(m.total.value, m.previous_total.value))},
          {"within_region", s.within.ToString()},
          {"region_outflow", s.out.ToString()},
          {"region_inflow", s.in.ToString()},
          {"delivered_total", f.delivered.total.value.ToString()},
          {"delivered_deals", f.delivered.deals},
          {"deals_from_events", m.deals_from_events},
          {"events", m.events},
          {"merger_mapped", m.merger_mapped},
          {"provinces", provinces},
          {"top_pairs", pairs},
          {"paragraph_vi", LinkageParagraph(report, Language::kVietnamese)},
          {"paragraph_en", LinkageParagraph(report, Language::kEnglish)}};
}

}  // namespace lienket::report
