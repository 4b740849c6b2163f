// Deals, their follow-ups and the two-way flow ledger between provinces (issue 5): record a deal,
// list and read deals, record what was delivered at 3, 6 and 12 months, the follow-ups due or
// overdue, and the province × province matrix (linkage/flows.hpp).
//
// Who does what (access::Policy; "the Department" is the officer or approver of a province, across
// the 2025 merger, as Policy::CanModerateDirectory says):
//   record a deal      an enterprise account acting for the seller or the buyer, or the
//                      Department of the origin or destination province on the parties' behalf;
//                      the administrator. A deal from a B2B meeting carries its event and meeting,
//                      and its parties must be the two organisations that met;
//   see a deal         its parties' accounts, the Departments of its origin and destination, the
//                      coordinators and the administrator (CanReadWholeDirectory);
//   record follow-ups  whoever may record the deal;
//   the matrix         any signed-in account: it shows sums by province pair, never a deal.
// Every change is written with an audit row (entity "deal:ID") by store::SqliteDealStore.
#include <fmt/format.h>

#include <set>

#include "api/linkage_matching.hpp"
#include "api/service.hpp"
#include "core/number_format.hpp"
#include "core/vi_text.hpp"
#include "linkage/flows.hpp"
#include "store/sqlite_deal_store.hpp"

namespace lienket::api {
namespace {

using core::Decimal;
using core::ErrorCode;
using linkage::Deal;
using linkage::FlowAmount;
using nlohmann::json;
using store::SqliteDealStore;
using store::StoredDeal;

// ---- who is asking

struct Who {
  const access::User* user = nullptr;
  std::set<std::int64_t> orgs;  // organisations the enterprise account acts for
  bool read_all = false;
  bool admin = false;
};

core::Result<Who> Caller(Service& s, const HttpRequest& r) {
  Who w;
  w.user = r.Caller();
  w.read_all = s.policy().CanReadWholeDirectory(w.user);
  w.admin = w.user != nullptr && w.user->active && w.user->role == access::Role::kAdmin;
  if (w.user != nullptr && w.user->active && w.user->role == access::Role::kEnterprise) {
    LIENKET_ASSIGN_OR_RETURN(orgs, s.linkage().store().OrganisationsOf(w.user->id));
    w.orgs.insert(orgs.begin(), orgs.end());
  }
  return w;
}

bool IsParty(const Who& w, const Deal& d) {
  return w.orgs.count(d.seller_id) > 0 || w.orgs.count(d.buyer_id) > 0;
}
bool IsDepartment(Service& s, const Who& w, const Deal& d) {
  return s.policy().CanModerateDirectory(w.user, d.origin_unit_id) ||
         s.policy().CanModerateDirectory(w.user, d.destination_unit_id);
}
bool MayRecord(Service& s, const Who& w, const Deal& d) {
  return w.admin || IsParty(w, d) || IsDepartment(s, w, d);
}
bool Sees(Service& s, const Who& w, const Deal& d) { return w.read_all || MayRecord(s, w, d); }

// ---- field problems of a body, reported together

using Problems = FieldProblems;

std::string TextOf(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return "";
  if (it->is_string()) return std::string(core::TrimSpaces(it->get<std::string>()));
  return it->dump();
}

std::int64_t IdOf(const json& body, const std::string& name, Problems* p) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return 0;
  if (it->is_number_integer() && it->get<std::int64_t>() > 0) return it->get<std::int64_t>();
  if (it->is_string()) {
    const std::string t = it->get<std::string>();
    if (t.empty()) return 0;
    if (t.size() < 15 && t.find_first_not_of("0123456789") == std::string::npos)
      return std::stoll(t);
  }
  p->Add(name, fmt::format("\"{}\" phải là một mã số", name),
         fmt::format("\"{}\" must be an id number", name));
  return 0;
}

std::optional<Decimal> NumberOf(const json& body, const std::string& name, const std::string& field,
                                Problems* p) {
  const std::string text = TextOf(body, name);
  if (text.empty()) {
    p->Add(field, fmt::format("Thiếu {}", name), fmt::format("{} is missing", name));
    return std::nullopt;
  }
  auto n = core::ParseNumber(text);
  if (!n) {
    p->Add(field, n.error());
    return std::nullopt;
  }
  return *n;
}

const stats::AdminUnit* UnitByKey(Service& s, const std::string& key) {
  const stats::AdminUnit* u = s.ctx().units.FindByKey(key);
  return u != nullptr && !u->IsNational() ? u : nullptr;
}

// The unit standing for `unit_id` on `on`: itself, or the unit it merged into.
int UnitOn(Service& s, int unit_id, const core::Date& on) {
  return linkage::UnitInEra(s.ctx().units, unit_id, on);
}

// ---- JSON views

json UnitJson(Service& s, int unit_id) {
  const stats::AdminUnit* u = s.ctx().units.FindById(unit_id);
  if (u == nullptr) return nullptr;
  return {{"key", u->key},
          {"code", u->code},
          {"name_vi", u->name_vi},
          {"name_en", u->name_en},
          {"current", !u->valid_to.has_value()}};
}

json AmountJson(const FlowAmount& a) {
  json volume = json::array();
  for (const auto& [unit, q] : a.volume)
    volume.push_back({{"unit", linkage::ProductUnitId(unit)},
                      {"unit_vi", linkage::ProductUnitNameVi(unit)},
                      {"unit_en", linkage::ProductUnitNameEn(unit)},
                      {"quantity", q.ToString()}});
  return {{"value", a.value.ToString()}, {"deals", a.deals}, {"volume", volume}};
}

json Pct(const std::optional<Decimal>& d) {
  if (!d) return nullptr;
  return d->Rounded(1).ToString();
}

json DealJson(Service& s, const StoredDeal& sd, const std::vector<linkage::FollowUp>& follow_ups) {
  const Deal& d = sd.deal;
  json lines = json::array();
  for (const linkage::DealLine& l : d.lines)
    lines.push_back({{"product", l.product_name},
                     {"product_id", l.product_id == 0 ? json(nullptr) : json(l.product_id)},
                     {"group", l.group.Id()},
                     {"group_vi", l.group.NameVi()},
                     {"group_en", l.group.NameEn()},
                     {"quantity", l.quantity.ToString()},
                     {"unit", linkage::ProductUnitId(l.unit)},
                     {"unit_vi", linkage::ProductUnitNameVi(l.unit)},
                     {"value", l.value.ToString()}});
  json schedule = json::array();
  for (const linkage::FollowUpStatus& f :
       linkage::FollowUpSchedule(d, follow_ups, core::Date::Today())) {
    json item = {{"months", f.months},
                 {"due_on", f.due_on.ToString()},
                 {"state", linkage::FollowUpStateId(f.state)},
                 {"contracted_value", f.contracted_value.ToString()},
                 {"delivered_value",
                  f.delivered_value ? json(f.delivered_value->ToString()) : json(nullptr)},
                 {"delivered_pct", Pct(f.delivered_pct)}};
    if (f.record != nullptr) {
      json delivered = json::array();
      for (const linkage::Delivered& x : f.record->lines)
        delivered.push_back({{"quantity", x.quantity.ToString()}, {"value", x.value.ToString()}});
      item["recorded_on"] = f.record->recorded_on.ToString();
      item["note"] = f.record->note;
      item["lines"] = delivered;
    }
    schedule.push_back(std::move(item));
  }
  return {{"id", d.id},
          {"type", linkage::DealTypeId(d.type)},
          {"type_vi", linkage::DealTypeNameVi(d.type)},
          {"type_en", linkage::DealTypeNameEn(d.type)},
          {"binding", linkage::IsBinding(d.type)},
          {"title", d.title},
          {"signed_on", d.signed_on.ToString()},
          {"seller", {{"id", d.seller_id}, {"name", sd.seller_name}}},
          {"buyer", {{"id", d.buyer_id}, {"name", sd.buyer_name}}},
          {"origin", UnitJson(s, d.origin_unit_id)},
          {"destination", UnitJson(s, d.destination_unit_id)},
          {"lines", lines},
          {"total_value", d.TotalValue().ToString()},
          {"event_id", d.event_id == 0 ? json(nullptr) : json(d.event_id)},
          {"meeting_id", d.meeting_id == 0 ? json(nullptr) : json(d.meeting_id)},
          {"listing_ids", d.listing_ids},
          {"note", d.note},
          {"illustrative", sd.dataset == linkage::kDatasetIllustrative},
          {"created_at", sd.created_at},
          {"follow_ups", schedule}};
}

core::Result<std::string> DatasetFilter(const HttpRequest& r) {
  std::string d = r.Query("dataset");
  if (d.empty() || d == "all") return std::string();
  if (d != linkage::kDatasetObserved && d != linkage::kDatasetIllustrative)
    return tl::unexpected(BadRequest("dataset phải là observed, illustrative hoặc all",
                                     "dataset must be observed, illustrative or all"));
  return d;
}

// Units of a province filter: the unit and, for a unit of today, the units merged into it.
core::Result<std::vector<int>> UnitFilter(Service& s, const std::string& key) {
  if (key.empty()) return std::vector<int>();
  const stats::AdminUnit* unit = UnitByKey(s, key);
  if (unit == nullptr)
    return tl::unexpected(
        NotFound(fmt::format("tỉnh, thành phố \"{}\"", key), fmt::format("province \"{}\"", key)));
  std::vector<int> out = {unit->id};
  for (const stats::Succession& x : s.ctx().units.successions())
    if (x.new_unit_id == unit->id && x.old_unit_id != unit->id) out.push_back(x.old_unit_id);
  return out;
}

// ---- deals

const std::vector<std::string> kDealFields = {"type",  "title",   "signed_on",   "seller",
                                              "buyer", "origin",  "destination", "lines",
                                              "event", "meeting", "listings",    "note"};
const std::vector<std::string> kLineFields = {"product",  "product_id", "group",
                                              "quantity", "unit",       "value"};

core::Result<HttpResponse> CreateDeal(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kDealFields));
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  auto& directory = s.linkage().store();
  Problems problems;
  Deal d;
  if (auto type = linkage::ParseDealType(TextOf(body, "type").empty() ? "purchase_contract"
                                                                      : TextOf(body, "type")))
    d.type = *type;
  else
    problems.Add("type", type.error());
  d.title = TextOf(body, "title");
  if (auto on = core::Date::Parse(TextOf(body, "signed_on")))
    d.signed_on = *on;
  else
    problems.Add("signed_on", on.error());
  d.seller_id = IdOf(body, "seller", &problems);
  d.buyer_id = IdOf(body, "buyer", &problems);
  d.event_id = IdOf(body, "event", &problems);
  d.meeting_id = IdOf(body, "meeting", &problems);
  d.note = TextOf(body, "note");
  if (auto it = body.find("listings"); it != body.end() && it->is_array())
    for (const json& v : *it)
      if (v.is_number_integer()) d.listing_ids.push_back(v.get<std::int64_t>());

  // The parties: existing organisations; their provinces give the default origin and destination.
  std::string dataset(linkage::kDatasetObserved);
  for (auto [field, id] : {std::pair<const char*, std::int64_t>{"seller", d.seller_id},
                           std::pair<const char*, std::int64_t>{"buyer", d.buyer_id}}) {
    if (id == 0) continue;
    LIENKET_ASSIGN_OR_RETURN(org, directory.FindOrganisation(id));
    if (!org) {
      problems.Add(field, fmt::format("Không có tổ chức số {} trong danh bạ", id),
                   fmt::format("No organisation number {} in the directory", id));
      continue;
    }
    if (org->dataset == linkage::kDatasetIllustrative) dataset = linkage::kDatasetIllustrative;
    const bool is_seller = std::string_view(field) == "seller";
    const std::string explicit_key = TextOf(body, is_seller ? "origin" : "destination");
    int& unit = is_seller ? d.origin_unit_id : d.destination_unit_id;
    if (!explicit_key.empty()) continue;
    unit = d.signed_on.IsValid() ? UnitOn(s, org->organisation.unit_id, d.signed_on)
                                 : org->organisation.unit_id;
  }
  for (const char* field : {"origin", "destination"}) {
    const std::string key = TextOf(body, field);
    if (key.empty()) continue;
    const stats::AdminUnit* u = UnitByKey(s, key);
    if (u == nullptr) {
      problems.Add(field, fmt::format("Không có tỉnh, thành phố \"{}\"", key),
                   fmt::format("No province \"{}\"", key));
      continue;
    }
    (std::string_view(field) == "origin" ? d.origin_unit_id : d.destination_unit_id) = u->id;
  }

  // Lines.
  auto lines = body.find("lines");
  if (lines != body.end() && lines->is_array()) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json& lj = (*lines)[i];
      const std::string f = fmt::format("lines[{}]", i);
      if (!lj.is_object()) {
        problems.Add(f, "Mỗi dòng sản phẩm là một đối tượng JSON",
                     "Each product line is a JSON object");
        continue;
      }
      for (const auto& [k, v] : lj.items())
        if (std::find(kLineFields.begin(), kLineFields.end(), k) == kLineFields.end())
          problems.Add(f + "." + k, fmt::format("Trường \"{}\" không có trong dòng sản phẩm", k),
                       fmt::format("Unknown field \"{}\" in a product line", k));
      linkage::DealLine line;
      line.product_name = TextOf(lj, "product");
      line.product_id = IdOf(lj, "product_id", &problems);
      std::optional<linkage::ProductGroup> group;
      if (const std::string g = TextOf(lj, "group"); !g.empty()) {
        if (auto pg = linkage::ProductGroup::Parse(g))
          group = *pg;
        else
          problems.Add(f + ".group", pg.error());
      }
      if (line.product_id != 0) {
        LIENKET_ASSIGN_OR_RETURN(product, directory.FindProduct(line.product_id));
        if (!product) {
          problems.Add(f + ".product_id", "Không có sản phẩm này trong danh bạ",
                       "No such product in the directory");
        } else {
          if (line.product_name.empty()) line.product_name = product->product.name_vi;
          if (!group && product->product.ocop)
            group = linkage::ProductGroup::Ocop(product->product.ocop->group);
          if (!group && product->product.vcpa)
            group = linkage::ProductGroup::Vcpa(product->product.vcpa->section());
        }
      }
      if (!group) {
        problems.Add(f + ".group",
                     "Cần nhóm sản phẩm (nhóm OCOP hoặc ngành VCPA) để tính vào sổ luồng hàng",
                     "A product group (OCOP group or VCPA section) is needed for the flow ledger");
      } else {
        line.group = *group;
      }
      if (auto q = NumberOf(lj, "quantity", f + ".quantity", &problems)) line.quantity = *q;
      if (auto unit = linkage::ParseProductUnit(TextOf(lj, "unit")))
        line.unit = *unit;
      else
        problems.Add(f + ".unit", unit.error());
      if (auto v = NumberOf(lj, "value", f + ".value", &problems)) line.value = *v;
      d.lines.push_back(std::move(line));
    }
  } else if (lines != body.end()) {
    problems.Add("lines", "\"lines\" phải là một danh sách", "\"lines\" must be a list");
  }

  // A deal from a B2B meeting: the meeting's event, between the two organisations that met.
  if (d.meeting_id != 0) {
    LIENKET_ASSIGN_OR_RETURN(meeting, deals.FindMeeting(d.meeting_id));
    if (!meeting) {
      problems.Add("meeting", fmt::format("Không có cuộc gặp số {}", d.meeting_id),
                   fmt::format("No meeting number {}", d.meeting_id));
    } else {
      if (d.event_id != 0 && d.event_id != meeting->event_id)
        problems.Add("event", "Cuộc gặp thuộc một sự kiện khác",
                     "The meeting belongs to another event");
      d.event_id = meeting->event_id;
      const std::set<std::int64_t> met = {meeting->first_organisation_id,
                                          meeting->second_organisation_id};
      if (met.count(d.seller_id) == 0 || met.count(d.buyer_id) == 0 || d.seller_id == d.buyer_id)
        problems.Add("meeting", "Bên mua và bên bán phải là hai tổ chức đã gặp nhau ở cuộc gặp này",
                     "The buyer and the seller must be the two organisations of this meeting");
    }
  }
  for (const linkage::DealProblem& p : linkage::ValidateDeal(d, s.ctx().units, core::Date::Today()))
    problems.Add(p.field, p.error);
  if (!problems.empty()) return problems.Response(r);

  if (!MayRecord(s, who, d))
    return tl::unexpected(PermissionDenied(
        "ghi nhận thỏa thuận này: chỉ một bên của thỏa thuận, hoặc Sở Công Thương của tỉnh nơi "
        "đi hay nơi đến, mới ghi nhận được",
        "record this deal: only a party to it, or the Department of Industry and Trade of its "
        "origin or destination province, may record it"));
  LIENKET_ASSIGN_OR_RETURN(id, deals.CreateDeal(d, dataset, ChangeBy(r, "deal_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, deals.FindDeal(id));
  if (!stored)
    return tl::unexpected(core::Error{ErrorCode::kInternal, "Mất thỏa thuận vừa ghi",
                                      "The deal just written is missing"});
  return HttpResponse::Json({{"deal", DealJson(s, *stored, {})}}, 201);
}

core::Result<store::DealFilter> ListFilter(Service& s, const HttpRequest& r) {
  store::DealFilter f;
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  f.dataset = dataset;
  for (const char* name : {"from", "to"}) {
    const std::string t = r.Query(name);
    if (t.empty()) continue;
    auto d = core::Date::Parse(t);
    if (!d) return tl::unexpected(d.error());
    (std::string_view(name) == "from" ? f.from : f.to) = *d;
  }
  if (const std::string p = r.Query("period"); !p.empty()) {
    auto period = core::Period::Parse(p);
    if (!period) return tl::unexpected(period.error());
    f.from = period->StartDate();
    f.to = period->EndDate();
  }
  LIENKET_ASSIGN_OR_RETURN(units, UnitFilter(s, r.Query("unit")));
  f.unit_ids = units;
  if (const std::string e = r.Query("event"); !e.empty()) {
    if (e.size() > 15 || e.find_first_not_of("0123456789") != std::string::npos)
      return tl::unexpected(BadRequest("event phải là một mã số", "event must be an id number"));
    f.event_id = std::stoll(e);
  }
  return f;
}

core::Result<HttpResponse> ListDeals(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(filter, ListFilter(s, r));
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  LIENKET_ASSIGN_OR_RETURN(list, deals.ListDeals(filter));
  std::vector<std::int64_t> ids;
  std::vector<const StoredDeal*> visible;
  for (const StoredDeal& d : list) {
    if (!Sees(s, who, d.deal)) continue;
    visible.push_back(&d);
    ids.push_back(d.deal.id);
  }
  json out = json::array();
  if (!ids.empty()) {
    LIENKET_ASSIGN_OR_RETURN(fus, deals.ListFollowUps(ids));
    for (const StoredDeal* d : visible) out.push_back(DealJson(s, *d, fus));
  }
  const std::size_t total = out.size();
  return HttpResponse::Json({{"deals", std::move(out)}, {"total", total}});
}

core::Result<HttpResponse> GetDeal(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "deal"));
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  LIENKET_ASSIGN_OR_RETURN(found, deals.FindDeal(id));
  // A deal the caller may not see is answered as absent, so ids reveal nothing.
  if (!found || !Sees(s, who, found->deal))
    return tl::unexpected(
        NotFound(fmt::format("thỏa thuận số {}", id), fmt::format("deal {}", id)));
  LIENKET_ASSIGN_OR_RETURN(fus, deals.ListFollowUps({id}));
  json j = DealJson(s, *found, fus);
  j["may_record_follow_up"] = MayRecord(s, who, found->deal);
  return HttpResponse::Json({{"deal", j}});
}

core::Result<HttpResponse> RecordFollowUp(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thỏa thuận", "deal"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"months", "recorded_on", "lines", "note"}));
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  LIENKET_ASSIGN_OR_RETURN(found, deals.FindDeal(id));
  if (!found || !Sees(s, who, found->deal))
    return tl::unexpected(
        NotFound(fmt::format("thỏa thuận số {}", id), fmt::format("deal {}", id)));
  if (!MayRecord(s, who, found->deal))
    return tl::unexpected(PermissionDenied("ghi kết quả theo dõi của thỏa thuận này",
                                           "record this deal's follow-ups"));
  Problems problems;
  linkage::FollowUp f;
  f.deal_id = id;
  f.recorded_by = who.user != nullptr ? who.user->id : 0;
  f.note = TextOf(body, "note");
  const std::string months = TextOf(body, "months");
  if (months == "3" || months == "6" || months == "12") {
    f.months = std::stoi(months);
  } else {
    problems.Add("months", "Mốc theo dõi là 3, 6 hoặc 12 tháng",
                 "The follow-up is at 3, 6 or 12 months");
  }
  const std::string on = TextOf(body, "recorded_on");
  if (on.empty()) {
    f.recorded_on = core::Date::Today();
  } else if (auto d = core::Date::Parse(on)) {
    f.recorded_on = *d;
  } else {
    problems.Add("recorded_on", d.error());
  }
  auto lines = body.find("lines");
  if (lines == body.end() || !lines->is_array()) {
    problems.Add("lines", "Cần danh sách số đã giao cho từng dòng sản phẩm",
                 "A list of delivered figures per product line is needed");
  } else {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json& lj = (*lines)[i];
      const std::string field = fmt::format("lines[{}]", i);
      linkage::Delivered x;
      if (!lj.is_object()) {
        problems.Add(field, "Mỗi dòng là một đối tượng {quantity, value}",
                     "Each line is an object {quantity, value}");
      } else {
        if (auto q = NumberOf(lj, "quantity", field + ".quantity", &problems)) x.quantity = *q;
        if (auto v = NumberOf(lj, "value", field + ".value", &problems)) x.value = *v;
      }
      f.lines.push_back(x);
    }
  }
  if (!problems.empty()) return problems.Response(r);
  LIENKET_ASSIGN_OR_RETURN(others, deals.ListFollowUps({id}));
  for (const linkage::DealProblem& p :
       linkage::ValidateFollowUp(f, found->deal, others, core::Date::Today()))
    problems.Add(p.field, p.error);
  if (!problems.empty()) return problems.Response(r);
  LIENKET_RETURN_IF_ERROR(deals.RecordFollowUp(f, ChangeBy(r, "deal_follow_up")));
  LIENKET_ASSIGN_OR_RETURN(fus, deals.ListFollowUps({id}));
  return HttpResponse::Json({{"deal", DealJson(s, *found, fus)}});
}

// The follow-ups due or overdue on the caller's deals (an officer: their province's).
core::Result<HttpResponse> ListFollowUps(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  const std::string state = r.Query("state").empty() ? "open" : r.Query("state");
  if (state != "open" && state != "due" && state != "overdue" && state != "all")
    return tl::unexpected(BadRequest("state phải là open, due, overdue hoặc all",
                                     "state must be open, due, overdue or all"));
  store::DealFilter filter;
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  filter.dataset = dataset;
  LIENKET_ASSIGN_OR_RETURN(units, UnitFilter(s, r.Query("unit")));
  filter.unit_ids = units;
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  LIENKET_ASSIGN_OR_RETURN(list, deals.ListDeals(filter));
  std::vector<std::int64_t> ids;
  for (const StoredDeal& d : list)
    if (Sees(s, who, d.deal)) ids.push_back(d.deal.id);
  json items = json::array();
  int due = 0, overdue = 0;
  if (!ids.empty()) {
    LIENKET_ASSIGN_OR_RETURN(fus, deals.ListFollowUps(ids));
    const core::Date today = core::Date::Today();
    for (const StoredDeal& d : list) {
      if (!Sees(s, who, d.deal)) continue;
      for (const linkage::FollowUpStatus& f : linkage::FollowUpSchedule(d.deal, fus, today)) {
        const bool is_due = f.state == linkage::FollowUpState::kDue;
        const bool is_overdue = f.state == linkage::FollowUpState::kOverdue;
        due += is_due ? 1 : 0;
        overdue += is_overdue ? 1 : 0;
        const bool keep = state == "all" || (state == "open" && (is_due || is_overdue)) ||
                          (state == "due" && is_due) || (state == "overdue" && is_overdue);
        if (!keep) continue;
        items.push_back({{"deal_id", d.deal.id},
                         {"title", d.deal.title},
                         {"seller", d.seller_name},
                         {"buyer", d.buyer_name},
                         {"origin", UnitJson(s, d.deal.origin_unit_id)},
                         {"destination", UnitJson(s, d.deal.destination_unit_id)},
                         {"months", f.months},
                         {"due_on", f.due_on.ToString()},
                         {"days_late", std::max(0, core::DaysBetween(f.due_on, today))},
                         {"state", linkage::FollowUpStateId(f.state)},
                         {"illustrative", d.dataset == linkage::kDatasetIllustrative}});
      }
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return a["due_on"].get<std::string>() < b["due_on"].get<std::string>();
  });
  return HttpResponse::Json(
      {{"follow_ups", items}, {"due", due}, {"overdue", overdue}, {"total", items.size()}});
}

// ---- the matrix

core::Result<HttpResponse> Matrix(Service& s, HttpRequest& r) {
  const std::string period_text =
      r.Query("period").empty() ? std::to_string(core::Date::Today().year) : r.Query("period");
  LIENKET_ASSIGN_OR_RETURN(period, core::Period::Parse(period_text));
  linkage::FlowRequest req;
  req.period = period;
  LIENKET_ASSIGN_OR_RETURN(basis, linkage::ParseFlowBasis(r.Query("basis")));
  req.basis = basis;
  if (const std::string g = r.Query("group"); !g.empty() && g != "all") {
    LIENKET_ASSIGN_OR_RETURN(group, linkage::ProductGroup::Parse(g));
    req.group = group;
  }
  const std::string measure = r.Query("measure").empty() ? "value" : r.Query("measure");
  if (measure != "value" && measure != "volume")
    return tl::unexpected(BadRequest("measure phải là value (giá trị) hoặc volume (khối lượng)",
                                     "measure must be value or volume"));
  if (const std::string key = r.Query("region"); !key.empty()) {
    const stats::Region* region = s.ctx().FindRegion(key);
    if (region == nullptr)
      return tl::unexpected(
          NotFound(fmt::format("vùng \"{}\"", key), fmt::format("region \"{}\"", key)));
    req.unit_ids = region->member_unit_ids;
  }
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  store::DealFilter filter;
  filter.dataset = dataset;
  // Deals of both years; deliveries of a deal signed up to 12 months before the previous period.
  filter.from = linkage::AddMonths(req.period.SamePeriodPreviousYear().StartDate(), -13);
  filter.to = req.period.EndDate();
  SqliteDealStore deals(s.ctx().store.get(), &s.ctx().units);
  LIENKET_ASSIGN_OR_RETURN(list, deals.ListDeals(filter));
  std::vector<Deal> plain;
  std::vector<std::int64_t> ids;
  int illustrative = 0;
  for (const StoredDeal& d : list) {
    plain.push_back(d.deal);
    ids.push_back(d.deal.id);
    if (d.dataset == linkage::kDatasetIllustrative) ++illustrative;
  }
  std::vector<linkage::FollowUp> fus;
  if (!ids.empty()) {
    LIENKET_ASSIGN_OR_RETURN(rows, deals.ListFollowUps(ids));
    fus = std::move(rows);
  }
  const linkage::FlowMatrix m = linkage::BuildFlowMatrix(plain, fus, s.ctx().units, req);

  json units = json::array();
  for (int u : m.units) {
    json j = UnitJson(s, u);
    j["member"] = true;
    units.push_back(j);
  }
  for (int u : m.partners) {
    json j = UnitJson(s, u);
    j["member"] = false;
    units.push_back(j);
  }
  json cells = json::array();
  for (const linkage::FlowPair& p : m.pairs) {
    const stats::AdminUnit* from = s.ctx().units.FindById(p.from);
    const stats::AdminUnit* to = s.ctx().units.FindById(p.to);
    cells.push_back({{"from", from ? from->key : ""},
                     {"to", to ? to->key : ""},
                     {"current", AmountJson(p.current)},
                     {"previous", AmountJson(p.previous)},
                     {"change_pct", Pct(p.ValueChangePct())}});
  }
  json provinces = json::array();
  for (const linkage::ProvinceFlows& p : m.provinces) {
    const stats::AdminUnit* u = s.ctx().units.FindById(p.unit_id);
    provinces.push_back(
        {{"unit", u ? u->key : ""},
         {"outflow", AmountJson(p.outflow)},
         {"inflow", AmountJson(p.inflow)},
         {"balance", p.Balance().ToString()},
         {"previous_balance", p.PreviousBalance().ToString()},
         {"outflow_change_pct", Pct(linkage::ChangePct(p.outflow.value, p.previous_outflow.value))},
         {"inflow_change_pct", Pct(linkage::ChangePct(p.inflow.value, p.previous_inflow.value))}});
  }
  return HttpResponse::Json(
      {{"period", m.period.Code()},
       {"period_vi", m.period.LabelVi()},
       {"period_en", m.period.LabelEn()},
       {"previous_period", m.previous_period.Code()},
       {"previous_period_vi", m.previous_period.LabelVi()},
       {"basis", linkage::FlowBasisId(m.basis)},
       {"basis_vi", linkage::FlowBasisNameVi(m.basis)},
       {"basis_en", linkage::FlowBasisNameEn(m.basis)},
       {"group", m.group ? json(m.group->Id()) : json(nullptr)},
       {"group_vi", m.group ? json(m.group->NameVi()) : json(nullptr)},
       {"group_en", m.group ? json(m.group->NameEn()) : json(nullptr)},
       {"measure", measure},
       {"units", units},
       {"cells", cells},
       {"provinces", provinces},
       {"total", AmountJson(m.total)},
       {"previous_total", AmountJson(m.previous_total)},
       {"change_pct", Pct(linkage::ChangePct(m.total.value, m.previous_total.value))},
       {"within", AmountJson(m.within)},
       {"deals", m.deals},
       {"previous_deals", m.previous_deals},
       {"deals_from_events", m.deals_from_events},
       {"events", m.events},
       {"merger_mapped", m.merger_mapped},
       {"includes_illustrative", illustrative > 0}});
}

// The product groups a deal line can be counted under.
core::Result<HttpResponse> Groups(Service&, HttpRequest&) {
  json out = json::array();
  for (auto g : {linkage::OcopGroup::kFood, linkage::OcopGroup::kBeverage,
                 linkage::OcopGroup::kHerbal, linkage::OcopGroup::kHandicraft,
                 linkage::OcopGroup::kOrnamental, linkage::OcopGroup::kTourism}) {
    auto pg = linkage::ProductGroup::Ocop(g);
    out.push_back({{"id", pg.Id()}, {"name_vi", pg.NameVi()}, {"name_en", pg.NameEn()}});
  }
  for (char c = 'A'; c <= 'U'; ++c) {
    auto pg = linkage::ProductGroup::Vcpa(c);
    out.push_back({{"id", pg.Id()}, {"name_vi", pg.NameVi()}, {"name_en", pg.NameEn()}});
  }
  json types = json::array();
  for (auto t : {linkage::DealType::kPurchaseContract, linkage::DealType::kDistribution,
                 linkage::DealType::kOfftake, linkage::DealType::kMemorandum})
    types.push_back({{"id", linkage::DealTypeId(t)},
                     {"name_vi", linkage::DealTypeNameVi(t)},
                     {"name_en", linkage::DealTypeNameEn(t)},
                     {"binding", linkage::IsBinding(t)}});
  return HttpResponse::Json({{"groups", out}, {"deal_types", types}});
}

}  // namespace

void AddFlowRoutes(std::vector<Route>* routes) {
  const std::string base = "/api/flows";
  routes->push_back({"GET", base + "/matrix", true, false, Matrix});
  routes->push_back({"GET", base + "/groups", false, false, Groups});
  routes->push_back({"GET", base + "/deals", true, false, ListDeals});
  routes->push_back({"POST", base + "/deals", true, false, CreateDeal});
  routes->push_back({"GET", base + "/deals/{id}", true, false, GetDeal});
  routes->push_back({"POST", base + "/deals/{id}/follow-ups", true, false, RecordFollowUp});
  routes->push_back({"GET", base + "/follow-ups", true, false, ListFollowUps});
}

}  // namespace lienket::api
