// The linkage directory of issue 5 (phase 1): organisations, products, offers and requests with
// their moderation by the owner's provincial Department, matching, saved searches with in-app
// alerts, and CSV imports through linkage::DirectoryValidator (preview, then confirm; all or
// nothing).
//
// Who sees and does what (access::Policy::CanModerateDirectory / CanReadWholeDirectory, and the
// organisation_members table for enterprise accounts):
//   anonymous    verified organisations, published listings whose window is open;
//   enterprise   also its own organisations (created by it: claimed by it), their products and
//                listings in every state; creates, edits, submits, renews and withdraws them;
//   officer,     also the organisations and listings of their province (and of the units merged
//   approver     into it in 2025): verify organisations, approve or reject listings;
//   coordinator  reads everything; admin does everything.
// Every change goes through the store with an audit row (via web or import). The matcher is
// updated under the Service's mutex after every change of a listing.
#include <fmt/format.h>

#include <map>
#include <set>

#include "api/linkage_matching.hpp"
#include "api/service.hpp"
#include "app/xlsx_observations.hpp"
#include "core/number_format.hpp"
#include "core/vi_text.hpp"
#include "io/fs.hpp"
#include "linkage/directory_validator.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;
using linkage::DirectoryListing;
using linkage::DirectoryOrganisation;
using linkage::DirectoryProduct;
using linkage::ListingState;
using nlohmann::json;

// ---- who is asking

struct Who {
  const access::User* user = nullptr;
  std::set<std::int64_t> orgs;  // organisations the account acts for
  bool read_all = false;
};

core::Result<Who> Caller(Service& s, const HttpRequest& r) {
  Who w;
  w.user = r.Caller();
  w.read_all = s.policy().CanReadWholeDirectory(w.user);
  if (w.user != nullptr) {
    LIENKET_ASSIGN_OR_RETURN(orgs, s.linkage().store().OrganisationsOf(w.user->id));
    w.orgs.insert(orgs.begin(), orgs.end());
  }
  return w;
}

bool IsAdmin(const Who& w) {
  return w.user != nullptr && w.user->active && w.user->role == access::Role::kAdmin;
}
// Manages the organisation's own records (products, listings, its details).
bool Acts(const Who& w, const linkage::Organisation& o) {
  return IsAdmin(w) || (w.user != nullptr && w.user->active &&
                        w.user->role == access::Role::kEnterprise && w.orgs.count(o.id) > 0);
}
bool Moderates(Service& s, const Who& w, const linkage::Organisation& o) {
  return s.policy().CanModerateDirectory(w.user, o.unit_id);
}
bool SeesOrganisation(Service& s, const Who& w, const linkage::Organisation& o) {
  return o.status == linkage::ClaimStatus::kVerified || w.read_all || Acts(w, o) ||
         Moderates(s, w, o);
}
bool SeesListing(Service& s, const Who& w, const linkage::Organisation& o,
                 const linkage::Listing& l) {
  return l.IsPublicOn(core::Date::Today()) || w.read_all || Acts(w, o) || Moderates(s, w, o);
}

// ---- lookups with a per-request cache

struct Lookup {
  Service& s;
  std::map<std::int64_t, std::optional<DirectoryOrganisation>> orgs;
  std::map<std::int64_t, std::optional<DirectoryProduct>> products;

  core::Result<const DirectoryOrganisation*> Org(std::int64_t id) {
    auto it = orgs.find(id);
    if (it == orgs.end()) {
      LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindOrganisation(id));
      it = orgs.emplace(id, std::move(found)).first;
    }
    return it->second ? &*it->second : nullptr;
  }
  core::Result<const DirectoryProduct*> Product(std::int64_t id) {
    auto it = products.find(id);
    if (it == products.end()) {
      LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindProduct(id));
      it = products.emplace(id, std::move(found)).first;
    }
    return it->second ? &*it->second : nullptr;
  }
};

// Units a province filter covers: the unit, and for a unit of today the units merged into it.
std::vector<int> UnitsFor(const stats::UnitCatalog& units, const stats::AdminUnit& unit) {
  std::vector<int> out = {unit.id};
  if (unit.valid_to) return out;
  for (const stats::Succession& s : units.successions())
    if (s.new_unit_id == unit.id && s.old_unit_id != unit.id) out.push_back(s.old_unit_id);
  return out;
}

core::Result<std::vector<int>> UnitFilter(Service& s, const std::string& key) {
  if (key.empty()) return std::vector<int>();
  const stats::AdminUnit* unit = s.ctx().units.FindByKey(key);
  if (unit == nullptr || unit->IsNational())
    return tl::unexpected(
        NotFound(fmt::format("tỉnh, thành phố \"{}\"", key), fmt::format("province \"{}\"", key)));
  return UnitsFor(s.ctx().units, *unit);
}

core::Result<std::string> DatasetFilter(const HttpRequest& r) {
  std::string d = r.Query("dataset");
  if (d.empty() || d == "all") return std::string();
  if (d != linkage::kDatasetObserved && d != linkage::kDatasetIllustrative)
    return tl::unexpected(BadRequest("dataset phải là observed, illustrative hoặc all",
                                     "dataset must be observed, illustrative or all"));
  return d;
}

// ---- field problems of a body, reported together

using Problems = FieldProblems;

// A field as text: nullopt when absent, "" when null; numbers as written.
std::optional<std::string> Text(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  if (it->is_null()) return std::string();
  if (it->is_string()) return std::string(core::TrimSpaces(it->get<std::string>()));
  if (it->is_number()) return it->dump();
  return it->dump();
}

std::optional<core::Decimal> Number(const std::string& field, const std::string& text,
                                    Problems* p) {
  if (text.empty()) return std::nullopt;
  auto n = core::ParseNumber(text);
  if (!n) {
    p->Add(field, n.error());
    return std::nullopt;
  }
  return *n;
}

std::optional<core::Date> DateField(const std::string& field, const std::string& text,
                                    Problems* p) {
  auto d = core::Date::Parse(text);
  if (!d) {
    p->Add(field, d.error());
    return std::nullopt;
  }
  return *d;
}

// A list of strings from an array or a "a; b" string.
std::vector<std::string> Strings(const json& body, const std::string& name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (it->is_array()) {
    for (const json& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
  }
  if (it->is_string()) {
    std::string text = it->get<std::string>();
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find_first_of(",;", start);
      if (end == std::string::npos) end = text.size();
      std::string item(core::TrimSpaces(std::string_view(text).substr(start, end - start)));
      if (!item.empty()) out.push_back(item);
      start = end + 1;
    }
  }
  return out;
}

std::optional<std::int64_t> IdField(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
      return std::int64_t{0};
    }
  }
  return std::int64_t{0};
}

// ---- JSON views

json UnitJson(Service& s, int unit_id) {
  const stats::AdminUnit* u = s.ctx().units.FindById(unit_id);
  if (u == nullptr) return nullptr;
  return u->key;
}

json OrgSummary(Service& s, const DirectoryOrganisation& d) {
  const linkage::Organisation& o = d.organisation;
  const stats::AdminUnit* u = s.ctx().units.FindById(o.unit_id);
  return {{"id", o.id},
          {"name", o.name},
          {"unit", u ? json(u->key) : json(nullptr)},
          {"unit_name_vi", u ? u->name_vi : ""},
          {"verified", o.status == linkage::ClaimStatus::kVerified},
          {"illustrative", d.dataset == linkage::kDatasetIllustrative}};
}

json OrgJson(Service& s, const Who& w, const DirectoryOrganisation& d) {
  const linkage::Organisation& o = d.organisation;
  json j = OrgSummary(s, d);
  const stats::AdminUnit* current = s.ctx().units.FindById(s.ctx().units.SuccessorOf(o.unit_id));
  j["kind"] = linkage::OrganisationKindId(o.kind);
  j["kind_vi"] = linkage::OrganisationKindNameVi(o.kind);
  j["tax_code"] = o.tax_code ? json(o.tax_code->text()) : json(nullptr);
  j["current_unit"] = current ? json(current->key) : json(nullptr);
  j["registered_on"] = o.registered_on.ToString();
  j["address"] = o.address;
  j["sector"] = o.vsic_section ? json(std::string(1, *o.vsic_section)) : json(nullptr);
  j["contact_person"] = o.contact.person;
  j["phone"] = o.contact.phone;
  j["email"] = o.contact.email;
  j["claim_status"] = linkage::ClaimStatusId(o.status);
  j["verified_on"] = o.verified_on ? json(o.verified_on->ToString()) : json(nullptr);
  j["dataset"] = d.dataset;
  bool acts = Acts(w, o);
  bool moderates = Moderates(s, w, o);
  // Household citizen ids are personal data: only for those who manage or moderate the entry.
  if (acts || moderates) j["citizen_id"] = o.citizen_id;
  j["can"] = {{"edit", acts || moderates},
              {"verify", moderates && o.status == linkage::ClaimStatus::kClaimed},
              {"add_product", acts},
              {"add_listing", acts}};
  return j;
}

json ProductJson(const DirectoryProduct& d) {
  const linkage::Product& p = d.product;
  core::Date today = core::Date::Today();
  json certs = json::array();
  for (int c = 0; c < linkage::kCertificationCount; ++c) {
    auto cert = static_cast<linkage::Certification>(c);
    if (p.certifications.Has(cert)) certs.push_back(linkage::CertificationId(cert));
  }
  return {{"id", p.id},
          {"organisation_id", p.organisation_id},
          {"name_vi", p.name_vi},
          {"local_name", p.local_name},
          {"vcpa", p.vcpa ? json(p.vcpa->ToString()) : json(nullptr)},
          {"hs", p.hs ? json(p.hs->digits()) : json(nullptr)},
          {"ocop_group", p.ocop ? json(linkage::OcopGroupId(p.ocop->group)) : json(nullptr)},
          {"ocop_stars", p.ocop ? json(p.ocop->stars) : json(nullptr)},
          {"ocop_certified_on", p.ocop ? json(p.ocop->certified_on.ToString()) : json(nullptr)},
          {"ocop_valid", p.OcopValidOn(today)},
          {"certifications", certs},
          {"unit", linkage::ProductUnitNameVi(p.unit)},
          {"capacity_per_year",
           p.capacity_per_year ? json(p.capacity_per_year->ToString()) : json(nullptr)},
          {"harvest_months", p.season.ToString()},
          {"price_min", p.price ? json(p.price->min.ToString()) : json(nullptr)},
          {"price_max", p.price ? json(p.price->max.ToString()) : json(nullptr)},
          {"packaging", p.packaging},
          {"dataset", d.dataset},
          {"illustrative", d.dataset == linkage::kDatasetIllustrative}};
}

json CertIds(const linkage::CertificationSet& set) {
  json out = json::array();
  for (int c = 0; c < linkage::kCertificationCount; ++c) {
    auto cert = static_cast<linkage::Certification>(c);
    if (set.Has(cert)) out.push_back(linkage::CertificationId(cert));
  }
  return out;
}

bool Allowed(const linkage::Listing& l, ListingState from_a, ListingState from_b) {
  return l.state == from_a || l.state == from_b;
}

core::Result<json> ListingJson(Service& s, const Who& w, Lookup& look, const DirectoryListing& d) {
  const linkage::Listing& l = d.listing;
  LIENKET_ASSIGN_OR_RETURN(org, look.Org(l.owner_id));
  json product = nullptr;
  if (l.product_id) {
    LIENKET_ASSIGN_OR_RETURN(p, look.Product(*l.product_id));
    if (p) {
      json full = ProductJson(*p);
      product = {{"id", full["id"]},
                 {"name_vi", full["name_vi"]},
                 {"ocop_stars", full["ocop_stars"]},
                 {"ocop_valid", full["ocop_valid"]},
                 {"vcpa", full["vcpa"]},
                 {"hs", full["hs"]},
                 {"certifications", full["certifications"]},
                 {"harvest_months", full["harvest_months"]}};
    }
  }
  json delivery = json::array();
  for (int u : l.delivery_units) delivery.push_back(UnitJson(s, u));
  bool acts = org && Acts(w, org->organisation);
  bool moderates = org && Moderates(s, w, org->organisation);
  bool open = l.state != ListingState::kWithdrawn;
  json j = {{"id", l.id},
            {"kind", linkage::ListingKindId(l.kind)},
            {"state", linkage::ListingStateId(l.state)},
            {"title", d.title},
            {"description", l.description},
            {"organisation", org ? OrgSummary(s, *org) : json(nullptr)},
            {"product", product},
            {"vcpa", l.vcpa ? json(l.vcpa->ToString()) : json(nullptr)},
            {"hs", l.hs ? json(l.hs->digits()) : json(nullptr)},
            {"quantity",
             {{"value", l.quantity.amount.ToString()},
              {"unit", linkage::ProductUnitNameVi(l.quantity.unit)}}},
            {"min_order", l.min_order ? json(l.min_order->ToString()) : json(nullptr)},
            {"price_min", l.price ? json(l.price->min.ToString()) : json(nullptr)},
            {"price_max", l.price ? json(l.price->max.ToString()) : json(nullptr)},
            {"window", {{"from", l.valid_from.ToString()}, {"to", l.valid_to.ToString()}}},
            {"months", l.WindowMonths().ToString()},
            {"delivery_units", delivery},
            {"required_stars", l.min_stars == 0 ? json(nullptr) : json(l.min_stars)},
            {"required_certifications", CertIds(l.required_certifications)},
            {"valid_to", l.valid_to.ToString()},
            {"published_on", l.published_on ? json(l.published_on->ToString()) : json(nullptr)},
            {"dataset", d.dataset},
            {"illustrative", d.dataset == linkage::kDatasetIllustrative},
            {"can",
             {{"edit", acts && Allowed(l, ListingState::kDraft, ListingState::kRejected)},
              {"submit", acts && Allowed(l, ListingState::kDraft, ListingState::kRejected)},
              {"approve", moderates && l.state == ListingState::kPending},
              {"reject", moderates && l.state == ListingState::kPending},
              {"renew", acts && Allowed(l, ListingState::kPublished, ListingState::kExpired)},
              {"withdraw", acts && open},
              // Vetoing a counterpart from this listing's matches (for its organisation).
              {"veto", acts}}}};
  // The moderation notes are the owner's and the Department's business.
  if (acts || moderates || w.read_all) {
    j["rejection_reason"] = l.rejection_reason;
    const stats::AdminUnit* m = s.ctx().units.FindById(l.moderating_unit_id);
    j["moderating_unit"] = m ? json(m->key) : json(nullptr);
  }
  return j;
}

// ---- organisations

// Applies the fields present in `body` to `o`; problems are collected, not returned.
void ReadOrganisation(Service& s, const json& body, linkage::Organisation* o, Problems* p) {
  if (auto v = Text(body, "kind")) {
    auto kind = linkage::ParseOrganisationKind(*v);
    if (kind)
      o->kind = *kind;
    else
      p->Add("kind", kind.error());
  }
  if (auto v = Text(body, "name")) o->name = *v;
  if (auto v = Text(body, "tax_code")) {
    if (v->empty()) {
      o->tax_code.reset();
    } else if (auto code = linkage::TaxCode::Parse(*v)) {
      o->tax_code = *code;
    } else {
      p->Add("tax_code", code.error());
    }
  }
  if (auto v = Text(body, "citizen_id")) {
    if (v->empty()) {
      o->citizen_id.clear();
    } else if (auto id = linkage::ParseCitizenId(*v)) {
      o->citizen_id = *id;
    } else {
      p->Add("citizen_id", id.error());
    }
  }
  if (auto v = Text(body, "registered_on"); v && !v->empty()) {
    if (auto d = DateField("registered_on", *v, p)) o->registered_on = *d;
  }
  if (auto v = Text(body, "unit")) {
    auto unit = s.ctx().units.ResolveOn(*v, o->registered_on);
    if (unit)
      o->unit_id = (*unit)->id;
    else
      p->Add("unit", unit.error());
  }
  if (auto v = Text(body, "address")) o->address = *v;
  if (auto v = Text(body, "sector")) {
    if (v->empty()) {
      o->vsic_section.reset();
    } else if (auto sector = linkage::ParseVsicSection(*v)) {
      o->vsic_section = *sector;
    } else {
      p->Add("sector", sector.error());
    }
  }
  if (auto v = Text(body, "contact_person")) o->contact.person = *v;
  if (auto v = Text(body, "phone")) {
    if (v->empty()) {
      o->contact.phone.clear();
    } else if (auto phone = linkage::NormalisePhone(*v)) {
      o->contact.phone = *phone;
    } else {
      p->Add("phone", phone.error());
    }
  }
  if (auto v = Text(body, "email")) {
    if (v->empty()) {
      o->contact.email.clear();
    } else if (auto email = linkage::NormaliseEmail(*v)) {
      o->contact.email = *email;
    } else {
      p->Add("email", email.error());
    }
  }
}

const std::vector<std::string> kOrganisationFields = {
    "kind",    "name",   "tax_code",       "citizen_id", "unit", "registered_on",
    "address", "sector", "contact_person", "phone",      "email"};

core::Result<HttpResponse> ListOrganisations(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  linkage::OrganisationFilter f;
  LIENKET_ASSIGN_OR_RETURN(units, UnitFilter(s, r.Query("unit")));
  f.unit_ids = units;
  f.text = r.Query("q");
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  f.dataset = dataset;
  bool mine = r.Query("mine") == "1";
  if (mine) {
    if (who.orgs.empty())
      return HttpResponse::Json({{"organisations", json::array()}, {"total", 0}});
    f.ids.assign(who.orgs.begin(), who.orgs.end());
  }
  LIENKET_ASSIGN_OR_RETURN(orgs, s.linkage().store().ListOrganisations(f));
  json list = json::array();
  for (const DirectoryOrganisation& d : orgs)
    if (SeesOrganisation(s, who, d.organisation)) list.push_back(OrgJson(s, who, d));
  std::size_t total = list.size();
  return HttpResponse::Json({{"organisations", std::move(list)}, {"total", total}});
}

core::Result<HttpResponse> CreateOrganisation(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kOrganisationFields));
  DirectoryOrganisation d;
  linkage::Organisation& o = d.organisation;
  o.registered_on = core::Date::Today();
  Problems problems;
  ReadOrganisation(s, body, &o, &problems);
  if (!Text(body, "unit")) problems.Add("unit", "Cần tỉnh, thành phố", "The province is required");
  if (!problems.empty()) return problems.Response(r);
  if (auto valid = o.Validate(s.ctx().units); !valid) {
    problems.Add("name", valid.error());
    return problems.Response(r);
  }
  bool enterprise = who.user->role == access::Role::kEnterprise;
  if (!enterprise && !s.policy().CanModerateDirectory(who.user, o.unit_id))
    return tl::unexpected(PermissionDenied("thêm tổ chức vào danh bạ của tỉnh này",
                                           "add organisations to this province's directory"));
  if (enterprise) LIENKET_RETURN_IF_ERROR(o.Claim(who.user->id));
  LIENKET_ASSIGN_OR_RETURN(
      id, s.linkage().store().CreateOrganisation(d, ChangeBy(r, "organisation_create")));
  if (enterprise) {
    LIENKET_RETURN_IF_ERROR(s.linkage().store().AddMember(who.user->id, id));
    who.orgs.insert(id);
  }
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindOrganisation(id));
  HttpResponse out = HttpResponse::Json({{"organisation", OrgJson(s, who, *stored)}}, 201);
  return out;
}

core::Result<DirectoryOrganisation> LoadOrganisation(Service& s, const HttpRequest& r,
                                                     const Who& who) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "tổ chức", "organisation"));
  LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindOrganisation(id));
  if (!found || !SeesOrganisation(s, who, found->organisation))
    return tl::unexpected(
        NotFound(fmt::format("tổ chức số {}", id), fmt::format("organisation {}", id)));
  return std::move(*found);
}

core::Result<HttpResponse> GetOrganisation(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, LoadOrganisation(s, r, who));
  linkage::ProductFilter f;
  f.organisation_id = d.organisation.id;
  LIENKET_ASSIGN_OR_RETURN(products, s.linkage().store().ListProducts(f));
  json list = json::array();
  for (const DirectoryProduct& p : products) list.push_back(ProductJson(p));
  json org = OrgJson(s, who, d);
  org["products"] = std::move(list);
  return HttpResponse::Json({{"organisation", org}});
}

core::Result<HttpResponse> PatchOrganisation(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, LoadOrganisation(s, r, who));
  bool moderates = Moderates(s, who, d.organisation);
  if (!Acts(who, d.organisation) && !moderates)
    return tl::unexpected(PermissionDenied(fmt::format("sửa thông tin của {}", d.organisation.name),
                                           fmt::format("edit {}", d.organisation.name)));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kOrganisationFields));
  linkage::Organisation before = d.organisation;
  Problems problems;
  ReadOrganisation(s, body, &d.organisation, &problems);
  if (!problems.empty()) return problems.Response(r);
  if (auto valid = d.organisation.Validate(s.ctx().units); !valid) {
    problems.Add("name", valid.error());
    return problems.Response(r);
  }
  // What the Department verified has changed: the verification is withdrawn until it looks again.
  bool identity_changed =
      d.organisation.name != before.name || d.organisation.tax_code != before.tax_code ||
      d.organisation.unit_id != before.unit_id || d.organisation.kind != before.kind;
  std::string action = "organisation_update";
  if (identity_changed && !moderates && d.organisation.status == linkage::ClaimStatus::kVerified) {
    d.organisation.status = linkage::ClaimStatus::kClaimed;
    d.organisation.verified_on.reset();
    d.verified_by = 0;
    action = "organisation_update_unverified";
  }
  LIENKET_RETURN_IF_ERROR(s.linkage().store().UpdateOrganisation(d, ChangeBy(r, action)));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindOrganisation(d.organisation.id));
  return HttpResponse::Json({{"organisation", OrgJson(s, who, *stored)}});
}

core::Result<HttpResponse> VerifyOrganisation(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, LoadOrganisation(s, r, who));
  if (!Moderates(s, who, d.organisation))
    return tl::unexpected(PermissionDenied(
        fmt::format("xác minh {} (việc của Sở Công Thương tỉnh của tổ chức)", d.organisation.name),
        fmt::format("verify {} (the job of its province's Department)", d.organisation.name)));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {}));
  (void)body;
  LIENKET_RETURN_IF_ERROR(d.organisation.Verify(s.ctx().units.SuccessorOf(d.organisation.unit_id),
                                                s.ctx().units, core::Date::Today()));
  d.verified_by = who.user->id;
  LIENKET_RETURN_IF_ERROR(
      s.linkage().store().UpdateOrganisation(d, ChangeBy(r, "organisation_verify")));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindOrganisation(d.organisation.id));
  return HttpResponse::Json({{"organisation", OrgJson(s, who, *stored)}});
}

// ---- products

const std::vector<std::string> kProductFields = {
    "organisation",      "name_vi",        "local_name",        "vcpa",           "hs",
    "ocop_group",        "ocop_stars",     "ocop_certified_on", "certifications", "unit",
    "capacity_per_year", "harvest_months", "price_min",         "price_max",      "packaging"};

void ReadProduct(const json& body, linkage::Product* p, Problems* problems) {
  if (auto v = Text(body, "name_vi")) p->name_vi = *v;
  if (auto v = Text(body, "local_name")) p->local_name = *v;
  if (auto v = Text(body, "vcpa")) {
    if (v->empty()) {
      p->vcpa.reset();
    } else if (auto code = linkage::VcpaCode::Parse(*v)) {
      p->vcpa = *code;
    } else {
      problems->Add("vcpa", code.error());
    }
  }
  if (auto v = Text(body, "hs")) {
    if (v->empty()) {
      p->hs.reset();
    } else if (auto code = linkage::HsCode::Parse(*v)) {
      p->hs = *code;
    } else {
      problems->Add("hs", code.error());
    }
  }
  auto stars_text = Text(body, "ocop_stars");
  if (stars_text && stars_text->empty()) {
    p->ocop.reset();
  } else if (stars_text) {
    linkage::OcopCertificate c = p->ocop.value_or(linkage::OcopCertificate{});
    if (auto stars = linkage::ParseOcopStars(*stars_text))
      c.stars = *stars;
    else
      problems->Add("ocop_stars", stars.error());
    if (auto g = Text(body, "ocop_group"); g && !g->empty()) {
      if (auto group = linkage::ParseOcopGroup(*g))
        c.group = *group;
      else
        problems->Add("ocop_group", group.error());
    }
    auto on = Text(body, "ocop_certified_on");
    if (on && !on->empty()) {
      if (auto d = DateField("ocop_certified_on", *on, problems)) c.certified_on = *d;
    } else if (!p->ocop) {
      problems->Add("ocop_certified_on", "Cần ngày công nhận OCOP",
                    "The OCOP certificate date is required");
    }
    p->ocop = c;
  }
  if (body.contains("certifications")) {
    std::string joined;
    for (const std::string& c : Strings(body, "certifications")) joined += c + ";";
    if (auto set = linkage::ParseCertifications(joined))
      p->certifications = *set;
    else
      problems->Add("certifications", set.error());
  }
  if (auto v = Text(body, "unit"); v && !v->empty()) {
    if (auto unit = linkage::ParseProductUnit(*v))
      p->unit = *unit;
    else
      problems->Add("unit", unit.error());
  }
  if (auto v = Text(body, "capacity_per_year"))
    p->capacity_per_year = Number("capacity_per_year", *v, problems);
  if (auto v = Text(body, "harvest_months")) {
    if (v->empty()) {
      p->season = {};
    } else if (auto months = linkage::ParseMonthSet(*v)) {
      p->season = *months;
    } else {
      problems->Add("harvest_months", months.error());
    }
  }
  auto min = Text(body, "price_min");
  auto max = Text(body, "price_max");
  if (min || max) {
    auto lo = Number("price_min", min.value_or(""), problems);
    auto hi = Number("price_max", max.value_or(""), problems);
    if (lo && hi)
      p->price = linkage::PriceRange{*lo, *hi};
    else if (lo || hi)
      p->price = linkage::PriceRange{lo ? *lo : *hi, hi ? *hi : *lo};
    else
      p->price.reset();
  }
  if (auto v = Text(body, "packaging")) p->packaging = *v;
}

core::Result<HttpResponse> ListProducts(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  linkage::ProductFilter f;
  if (std::string org = r.Query("organisation"); !org.empty()) {
    try {
      f.organisation_id = std::stoll(org);
    } catch (const std::exception&) {
      return tl::unexpected(BadRequest("organisation phải là số", "organisation must be a number"));
    }
  }
  LIENKET_ASSIGN_OR_RETURN(units, UnitFilter(s, r.Query("unit")));
  f.unit_ids = units;
  f.text = r.Query("q");
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  f.dataset = dataset;
  int min_stars = std::atoi(r.Query("ocop_min_stars").c_str());
  LIENKET_ASSIGN_OR_RETURN(products, s.linkage().store().ListProducts(f));
  Lookup look{s, {}, {}};
  core::Date today = core::Date::Today();
  json list = json::array();
  for (const DirectoryProduct& p : products) {
    if (min_stars > 0 && p.product.OcopStarsOn(today) < min_stars) continue;
    LIENKET_ASSIGN_OR_RETURN(org, look.Org(p.product.organisation_id));
    if (org == nullptr || !SeesOrganisation(s, who, org->organisation)) continue;
    json j = ProductJson(p);
    j["organisation"] = OrgSummary(s, *org);
    list.push_back(std::move(j));
  }
  std::size_t total = list.size();
  return HttpResponse::Json({{"products", std::move(list)}, {"total", total}});
}

// The organisation named by the body's "organisation" field, for which the caller acts.
// Errors: kInvalidArgument without the field (`role_vi`/`role_en` say which organisation is
// meant); kPermissionDenied when the caller does not act for it (`what_vi`/`what_en`: the deed).
core::Result<linkage::DirectoryOrganisation> OwnOrganisation(
    Service& s, const Who& who, const json& body, std::string_view role_vi,
    std::string_view role_en, std::string_view what_vi, std::string_view what_en) {
  auto org_id = IdField(body, "organisation");
  if (!org_id)
    return tl::unexpected(BadRequest(fmt::format("Cần \"organisation\" ({})", role_vi),
                                     fmt::format("\"organisation\" ({}) is required", role_en)));
  LIENKET_ASSIGN_OR_RETURN(org, s.linkage().store().FindOrganisation(*org_id));
  if (!org || !Acts(who, org->organisation))
    return tl::unexpected(PermissionDenied(what_vi, what_en));
  return std::move(*org);
}

core::Result<HttpResponse> CreateProduct(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kProductFields));
  LIENKET_ASSIGN_OR_RETURN(org, OwnOrganisation(s, who, body, "tổ chức sản xuất", "the producer",
                                                "thêm sản phẩm cho tổ chức này",
                                                "add products for this organisation"));
  DirectoryProduct d;
  d.product.organisation_id = org.organisation.id;
  Problems problems;
  ReadProduct(body, &d.product, &problems);
  if (!problems.empty()) return problems.Response(r);
  if (auto valid = d.product.Validate(); !valid) {
    problems.Add("name_vi", valid.error());
    return problems.Response(r);
  }
  LIENKET_ASSIGN_OR_RETURN(id, s.linkage().store().CreateProduct(d, ChangeBy(r, "product_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindProduct(id));
  return HttpResponse::Json({{"product", ProductJson(*stored)}}, 201);
}

core::Result<HttpResponse> PatchProduct(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "sản phẩm", "product"));
  LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindProduct(id));
  if (!found)
    return tl::unexpected(
        NotFound(fmt::format("sản phẩm số {}", id), fmt::format("product {}", id)));
  LIENKET_ASSIGN_OR_RETURN(org,
                           s.linkage().store().FindOrganisation(found->product.organisation_id));
  if (!org || !Acts(who, org->organisation))
    return tl::unexpected(
        PermissionDenied("sửa sản phẩm của tổ chức này", "edit this organisation's products"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kProductFields));
  if (body.contains("organisation") &&
      IdField(body, "organisation") != found->product.organisation_id)
    return tl::unexpected(BadRequest("Không chuyển sản phẩm sang tổ chức khác",
                                     "A product cannot move to another organisation"));
  DirectoryProduct d = std::move(*found);
  Problems problems;
  ReadProduct(body, &d.product, &problems);
  if (!problems.empty()) return problems.Response(r);
  if (auto valid = d.product.Validate(); !valid) {
    problems.Add("name_vi", valid.error());
    return problems.Response(r);
  }
  LIENKET_RETURN_IF_ERROR(s.linkage().store().UpdateProduct(d, ChangeBy(r, "product_update")));
  // Listings of the product carry its name, codes and stars into the matcher.
  linkage::ListingFilter lf;
  lf.organisation_ids = {d.product.organisation_id};
  LIENKET_ASSIGN_OR_RETURN(listings, s.linkage().store().ListListings(lf));
  for (const DirectoryListing& l : listings)
    if (l.listing.product_id == id) LIENKET_RETURN_IF_ERROR(s.linkage().Refresh(l.listing.id));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindProduct(id));
  return HttpResponse::Json({{"product", ProductJson(*stored)}});
}

// ---- listings

const std::vector<std::string> kListingFields = {
    "kind",      "organisation", "product",        "title",          "description",
    "vcpa",      "hs",           "quantity",       "min_order",      "price_min",
    "price_max", "window",       "delivery_units", "required_stars", "required_certifications"};

void ReadListing(Service& s, const json& body, DirectoryListing* d, Problems* p) {
  linkage::Listing& l = d->listing;
  if (auto v = Text(body, "kind")) {
    if (auto kind = linkage::ParseListingKind(*v))
      l.kind = *kind;
    else
      p->Add("kind", kind.error());
  }
  if (body.contains("product")) {
    auto id = IdField(body, "product");
    if (id && *id != 0)
      l.product_id = *id;
    else
      l.product_id.reset();
  }
  if (auto v = Text(body, "title")) d->title = *v;
  if (auto v = Text(body, "description")) l.description = *v;
  if (auto v = Text(body, "vcpa")) {
    if (v->empty()) {
      l.vcpa.reset();
    } else if (auto code = linkage::VcpaCode::Parse(*v)) {
      l.vcpa = *code;
    } else {
      p->Add("vcpa", code.error());
    }
  }
  if (auto v = Text(body, "hs")) {
    if (v->empty()) {
      l.hs.reset();
    } else if (auto code = linkage::HsCode::Parse(*v)) {
      l.hs = *code;
    } else {
      p->Add("hs", code.error());
    }
  }
  if (auto q = body.find("quantity"); q != body.end() && q->is_object()) {
    if (auto v = Text(*q, "value")) {
      if (v->empty())
        p->Add("quantity.value", "Cần số lượng", "The quantity is required");
      else if (auto n = Number("quantity.value", *v, p))
        l.quantity.amount = *n;
    }
    if (auto v = Text(*q, "unit"); v && !v->empty()) {
      if (auto unit = linkage::ParseProductUnit(*v))
        l.quantity.unit = *unit;
      else
        p->Add("quantity.unit", unit.error());
    }
  } else if (q != body.end()) {
    p->Add("quantity", "\"quantity\" phải là {\"value\", \"unit\"}",
           "\"quantity\" must be {\"value\", \"unit\"}");
  }
  if (auto v = Text(body, "min_order")) l.min_order = Number("min_order", *v, p);
  auto min = Text(body, "price_min");
  auto max = Text(body, "price_max");
  if (min || max) {
    auto lo = Number("price_min", min.value_or(""), p);
    auto hi = Number("price_max", max.value_or(""), p);
    if (lo || hi)
      l.price = linkage::PriceRange{lo ? *lo : *hi, hi ? *hi : *lo};
    else
      l.price.reset();
  }
  if (auto w = body.find("window"); w != body.end() && w->is_object()) {
    if (auto v = Text(*w, "from"); v && !v->empty())
      if (auto d2 = DateField("window.from", *v, p)) l.valid_from = *d2;
    if (auto v = Text(*w, "to"); v && !v->empty())
      if (auto d2 = DateField("window.to", *v, p)) l.valid_to = *d2;
  } else if (w != body.end()) {
    p->Add("window", "\"window\" phải là {\"from\", \"to\"}",
           "\"window\" must be {\"from\", \"to\"}");
  }
  if (body.contains("delivery_units")) {
    l.delivery_units.clear();
    for (const std::string& key : Strings(body, "delivery_units")) {
      auto unit = s.ctx().units.ResolveOn(key, l.valid_from);
      if (!unit) unit = s.ctx().units.ResolveOn(key, core::Date::Today());
      if (unit)
        l.delivery_units.push_back((*unit)->id);
      else
        p->Add("delivery_units", unit.error());
    }
  }
  if (auto v = Text(body, "required_stars")) {
    if (v->empty() || *v == "0") {
      l.min_stars = 0;
    } else if (auto stars = linkage::ParseOcopStars(*v)) {
      l.min_stars = *stars;
    } else {
      p->Add("required_stars", stars.error());
    }
  }
  if (body.contains("required_certifications")) {
    std::string joined;
    for (const std::string& c : Strings(body, "required_certifications")) joined += c + ";";
    if (auto set = linkage::ParseCertifications(joined))
      l.required_certifications = *set;
    else
      p->Add("required_certifications", set.error());
  }
}

// Checks what the domain does not: the product belongs to the owner, a title exists.
core::Status CheckListing(Service& s, const DirectoryListing& d, Problems* p) {
  const linkage::Listing& l = d.listing;
  if (d.title.empty()) p->Add("title", "Cần tiêu đề", "A title is required");
  if (l.product_id) {
    LIENKET_ASSIGN_OR_RETURN(product, s.linkage().store().FindProduct(*l.product_id));
    if (!product || product->product.organisation_id != l.owner_id)
      p->Add("product", "Sản phẩm không thuộc tổ chức đăng tin",
             "The product does not belong to the listing's organisation");
  }
  if (p->empty())
    if (auto valid = l.Validate(); !valid) p->Add("listing", valid.error());
  return {};
}

core::Result<HttpResponse> ListListings(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  linkage::ListingFilter f;
  if (std::string kind = r.Query("kind"); !kind.empty()) {
    LIENKET_ASSIGN_OR_RETURN(k, linkage::ParseListingKind(kind));
    f.kind = k;
  }
  if (std::string state = r.Query("state"); !state.empty()) {
    LIENKET_ASSIGN_OR_RETURN(st, linkage::ParseListingState(state));
    f.states = {st};
  }
  LIENKET_ASSIGN_OR_RETURN(units, UnitFilter(s, r.Query("unit")));
  f.unit_ids = units;
  f.text = r.Query("q");
  LIENKET_ASSIGN_OR_RETURN(dataset, DatasetFilter(r));
  f.dataset = dataset;
  if (r.Query("mine") == "1") {
    if (who.orgs.empty()) return HttpResponse::Json({{"listings", json::array()}, {"total", 0}});
    f.organisation_ids.assign(who.orgs.begin(), who.orgs.end());
  }
  int min_stars = std::atoi(r.Query("ocop_min_stars").c_str());
  LIENKET_ASSIGN_OR_RETURN(listings, s.linkage().store().ListListings(f));
  Lookup look{s, {}, {}};
  json list = json::array();
  for (const DirectoryListing& d : listings) {
    LIENKET_ASSIGN_OR_RETURN(org, look.Org(d.listing.owner_id));
    if (org == nullptr || !SeesListing(s, who, org->organisation, d.listing)) continue;
    LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, d));
    if (min_stars > 0 && !(j["product"].is_object() && j["product"]["ocop_valid"] == true &&
                           j["product"]["ocop_stars"].get<int>() >= min_stars))
      continue;
    list.push_back(std::move(j));
  }
  std::size_t total = list.size();
  return HttpResponse::Json({{"listings", std::move(list)}, {"total", total}});
}

core::Result<HttpResponse> CreateListing(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kListingFields));
  LIENKET_ASSIGN_OR_RETURN(org, OwnOrganisation(s, who, body, "tổ chức đăng tin", "the owner",
                                                "đăng tin cho tổ chức này",
                                                "post listings for this organisation"));
  DirectoryListing d;
  d.listing.owner_id = org.organisation.id;
  d.listing.valid_from = core::Date::Today();
  d.listing.valid_to = core::Date::Today();
  d.created_by = who.user->id;
  Problems problems;
  if (!body.contains("kind"))
    problems.Add("kind", "Cần loại tin: offer hoặc request", "kind is required: offer or request");
  if (!body.contains("quantity"))
    problems.Add("quantity.value", "Cần số lượng", "The quantity is required");
  ReadListing(s, body, &d, &problems);
  if (d.title.empty() && d.listing.product_id) {
    LIENKET_ASSIGN_OR_RETURN(p, s.linkage().store().FindProduct(*d.listing.product_id));
    if (p) d.title = p->product.name_vi;
  }
  LIENKET_RETURN_IF_ERROR(CheckListing(s, d, &problems));
  if (!problems.empty()) return problems.Response(r);
  LIENKET_ASSIGN_OR_RETURN(id, s.linkage().store().CreateListing(d, ChangeBy(r, "listing_create")));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindListing(id));
  Lookup look{s, {}, {}};
  LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, *stored));
  return HttpResponse::Json({{"listing", j}}, 201);
}

struct LoadedListing {
  DirectoryListing listing;
  DirectoryOrganisation org;
};

core::Result<LoadedListing> LoadListing(Service& s, const HttpRequest& r, const Who& who) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "tin", "listing"));
  LIENKET_ASSIGN_OR_RETURN(found, s.linkage().store().FindListing(id));
  std::optional<DirectoryOrganisation> org;
  if (found) {
    LIENKET_ASSIGN_OR_RETURN(o, s.linkage().store().FindOrganisation(found->listing.owner_id));
    org = std::move(o);
  }
  if (!found || !org || !SeesListing(s, who, org->organisation, found->listing))
    return tl::unexpected(NotFound(fmt::format("tin số {}", id), fmt::format("listing {}", id)));
  return LoadedListing{std::move(*found), std::move(*org)};
}

core::Result<HttpResponse> GetListing(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadListing(s, r, who));
  Lookup look{s, {}, {}};
  LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, l.listing));
  return HttpResponse::Json({{"listing", j}});
}

core::Result<HttpResponse> Saved(Service& s, const HttpRequest& r, const Who& who,
                                 std::int64_t id) {
  LIENKET_RETURN_IF_ERROR(s.linkage().Refresh(id));
  LIENKET_ASSIGN_OR_RETURN(stored, s.linkage().store().FindListing(id));
  Lookup look{s, {}, {}};
  LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, *stored));
  (void)r;
  return HttpResponse::Json({{"listing", j}});
}

core::Result<HttpResponse> PatchListing(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadListing(s, r, who));
  if (!Acts(who, l.org.organisation))
    return tl::unexpected(PermissionDenied("sửa tin này", "edit this listing"));
  if (!Allowed(l.listing.listing, ListingState::kDraft, ListingState::kRejected))
    return core::MakeError(ErrorCode::kFailedPrecondition,
                           "Chỉ sửa được tin nháp hoặc tin bị từ chối; hãy rút tin rồi đăng lại",
                           "Only drafts and rejected listings can be edited; withdraw it and "
                           "post again");
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, kListingFields));
  if (body.contains("organisation") && IdField(body, "organisation") != l.org.organisation.id)
    return tl::unexpected(BadRequest("Không chuyển tin sang tổ chức khác",
                                     "A listing cannot move to another organisation"));
  std::string expected = l.listing.updated_at;
  DirectoryListing d = l.listing;
  Problems problems;
  ReadListing(s, body, &d, &problems);
  LIENKET_RETURN_IF_ERROR(CheckListing(s, d, &problems));
  if (!problems.empty()) return problems.Response(r);
  LIENKET_RETURN_IF_ERROR(
      s.linkage().store().UpdateListing(d, expected, ChangeBy(r, "listing_update")));
  return Saved(s, r, who, d.listing.id);
}

enum class Action { kSubmit, kApprove, kReject, kRenew, kWithdraw };

core::Result<HttpResponse> Act(Service& s, HttpRequest& r, Action action) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadListing(s, r, who));
  const linkage::Organisation& org = l.org.organisation;
  bool moderation = action == Action::kApprove || action == Action::kReject;
  static constexpr std::string_view kVerbs[] = {"submit", "approve", "reject", "renew", "withdraw"};
  std::string_view verb = kVerbs[static_cast<int>(action)];
  if (moderation ? !Moderates(s, who, org) : !Acts(who, org))
    return tl::unexpected(PermissionDenied(
        moderation
            ? fmt::format("duyệt tin của {} (việc của Sở Công Thương tỉnh của tổ chức)", org.name)
            : fmt::format("thực hiện \"{}\" với tin của {}", verb, org.name),
        moderation ? fmt::format("moderate listings of {} (the job of its province's Department)",
                                 org.name)
                   : fmt::format("{} listings of {}", verb, org.name)));
  std::vector<std::string> fields;
  if (action == Action::kReject) fields = {"reason"};
  if (action == Action::kRenew) fields = {"valid_to"};
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, fields));
  std::string expected = l.listing.updated_at;
  DirectoryListing d = l.listing;
  linkage::Listing& listing = d.listing;
  core::Date today = core::Date::Today();
  linkage::DirectoryChange change = ChangeBy(r, fmt::format("listing_{}", verb));
  switch (action) {
    case Action::kSubmit:
      LIENKET_RETURN_IF_ERROR(listing.Submit(s.ctx().units.SuccessorOf(org.unit_id)));
      break;
    case Action::kApprove:
      LIENKET_RETURN_IF_ERROR(listing.Approve(listing.moderating_unit_id, today));
      d.moderated_by = who.user->id;
      d.moderated_at = core::UtcTimestamp();
      break;
    case Action::kReject: {
      LIENKET_ASSIGN_OR_RETURN(reason, StringField(body, "reason"));
      std::string text(core::TrimSpaces(reason));
      if (text.size() < 5)
        return tl::unexpected(BadRequest("Từ chối cần ghi rõ lý do (ít nhất 5 ký tự)",
                                         "A rejection needs a reason (at least 5 characters)"));
      LIENKET_RETURN_IF_ERROR(listing.Reject(listing.moderating_unit_id, text));
      d.moderated_by = who.user->id;
      d.moderated_at = core::UtcTimestamp();
      change.comment = text;
      break;
    }
    case Action::kRenew: {
      LIENKET_ASSIGN_OR_RETURN(text, StringField(body, "valid_to"));
      LIENKET_ASSIGN_OR_RETURN(to, core::Date::Parse(text));
      LIENKET_RETURN_IF_ERROR(listing.Renew(to, today));
      if (listing.state == ListingState::kPending)
        listing.moderating_unit_id = s.ctx().units.SuccessorOf(org.unit_id);
      change.comment = to.ToString();
      break;
    }
    case Action::kWithdraw:
      LIENKET_RETURN_IF_ERROR(listing.Withdraw());
      break;
  }
  LIENKET_RETURN_IF_ERROR(s.linkage().store().UpdateListing(d, expected, change));
  if (action == Action::kApprove) {
    LIENKET_ASSIGN_OR_RETURN(created, s.linkage().AlertSavedSearches(d));
    (void)created;
  }
  return Saved(s, r, who, listing.id);
}

core::Result<HttpResponse> Submit(Service& s, HttpRequest& r) { return Act(s, r, Action::kSubmit); }
core::Result<HttpResponse> Approve(Service& s, HttpRequest& r) {
  return Act(s, r, Action::kApprove);
}
core::Result<HttpResponse> Reject(Service& s, HttpRequest& r) { return Act(s, r, Action::kReject); }
core::Result<HttpResponse> Renew(Service& s, HttpRequest& r) { return Act(s, r, Action::kRenew); }
core::Result<HttpResponse> Withdraw(Service& s, HttpRequest& r) {
  return Act(s, r, Action::kWithdraw);
}

core::Result<HttpResponse> Matches(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadListing(s, r, who));
  int limit = r.Query("limit").empty() ? 10 : std::atoi(r.Query("limit").c_str());
  if (limit < 1 || limit > 50)
    return tl::unexpected(BadRequest("limit phải từ 1 đến 50", "limit must be 1 to 50"));
  LIENKET_ASSIGN_OR_RETURN(view, s.linkage().View(l.listing));
  std::vector<linkage::Match> matches =
      s.linkage().FindMatches(view, static_cast<std::size_t>(limit));
  Lookup look{s, {}, {}};
  LIENKET_ASSIGN_OR_RETURN(self, ListingJson(s, who, look, l.listing));
  json list = json::array();
  core::Date today = core::Date::Today();
  for (const linkage::Match& m : matches) {
    LIENKET_ASSIGN_OR_RETURN(
        other, s.linkage().store().FindListing(static_cast<std::int64_t>(m.listing_id)));
    if (!other || !other->listing.IsPublicOn(today)) continue;
    LIENKET_ASSIGN_OR_RETURN(org, look.Org(other->listing.owner_id));
    if (org == nullptr) continue;
    LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, *other));
    const linkage::MatchScore& sc = m.score;
    list.push_back({{"listing", j},
                    {"organisation", OrgSummary(s, *org)},
                    {"score",
                     {{"total", sc.total},
                      {"text", sc.text},
                      {"code", sc.code},
                      {"quantity", sc.quantity},
                      {"season", sc.season},
                      {"distance", sc.distance},
                      {"inter_province", sc.inter_province}}},
                    {"distance_km", std::round(sc.distance_km)},
                    {"reasons_vi", sc.reasons_vi},
                    {"reasons_en", sc.reasons_en}});
  }
  return HttpResponse::Json({{"listing", self}, {"matches", list}});
}

core::Result<HttpResponse> Moderation(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  std::vector<int> units;
  if (!r.Query("unit").empty()) {
    LIENKET_ASSIGN_OR_RETURN(u, UnitFilter(s, r.Query("unit")));
    units = std::move(u);
    if (!s.policy().CanModerateDirectory(who.user, units.front()))
      return tl::unexpected(
          PermissionDenied("duyệt danh bạ của tỉnh này", "moderate this province's directory"));
  } else if (who.user->unit_id) {
    const stats::AdminUnit* own =
        s.ctx().units.FindById(s.ctx().units.SuccessorOf(*who.user->unit_id));
    if (own) units = UnitsFor(s.ctx().units, *own);
  }
  if (units.empty() && !IsAdmin(who))
    return tl::unexpected(PermissionDenied("duyệt tin và xác minh tổ chức",
                                           "moderate listings and verify organisations"));
  linkage::ListingFilter lf;
  lf.states = {ListingState::kPending};
  lf.unit_ids = units;
  LIENKET_ASSIGN_OR_RETURN(pending, s.linkage().store().ListListings(lf));
  Lookup look{s, {}, {}};
  json listings = json::array();
  for (const DirectoryListing& d : pending) {
    LIENKET_ASSIGN_OR_RETURN(org, look.Org(d.listing.owner_id));
    if (org == nullptr || !Moderates(s, who, org->organisation)) continue;
    LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, d));
    listings.push_back(std::move(j));
  }
  linkage::OrganisationFilter of;
  of.unit_ids = units;
  LIENKET_ASSIGN_OR_RETURN(orgs, s.linkage().store().ListOrganisations(of));
  json organisations = json::array();
  for (const DirectoryOrganisation& d : orgs)
    if (d.organisation.status == linkage::ClaimStatus::kClaimed &&
        Moderates(s, who, d.organisation))
      organisations.push_back(OrgJson(s, who, d));
  return HttpResponse::Json({{"listings", listings}, {"organisations", organisations}});
}

// ---- saved searches and alerts

json SavedSearchJson(Service& s, const linkage::SavedSearch& q) {
  return {{"id", q.id},
          {"query", q.query},
          {"kind", q.kind ? json(linkage::ListingKindId(*q.kind)) : json(nullptr)},
          {"unit", q.unit_id ? UnitJson(s, q.unit_id) : json(nullptr)},
          {"created_at", q.created_at}};
}

core::Result<HttpResponse> CreateSavedSearch(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"query", "kind", "unit"}));
  linkage::SavedSearch q;
  q.user_id = r.user->id;
  LIENKET_ASSIGN_OR_RETURN(query, StringField(body, "query"));
  q.query = std::string(core::TrimSpaces(query));
  if (q.query.empty() || q.query.size() > 200)
    return tl::unexpected(BadRequest("Cần từ khóa tìm kiếm (tối đa 200 ký tự)",
                                     "A search text is required (at most 200 characters)"));
  LIENKET_ASSIGN_OR_RETURN(kind, StringField(body, "kind"));
  if (!kind.empty()) {
    LIENKET_ASSIGN_OR_RETURN(k, linkage::ParseListingKind(kind));
    q.kind = k;
  }
  LIENKET_ASSIGN_OR_RETURN(unit, StringField(body, "unit"));
  if (!unit.empty()) {
    const stats::AdminUnit* u = s.ctx().units.FindByKey(unit);
    if (u == nullptr || u->IsNational())
      return tl::unexpected(NotFound(fmt::format("tỉnh, thành phố \"{}\"", unit),
                                     fmt::format("province \"{}\"", unit)));
    q.unit_id = u->id;
  }
  LIENKET_ASSIGN_OR_RETURN(existing, s.linkage().store().ListSavedSearches(r.user->id));
  if (existing.size() >= 50)
    return core::MakeError(ErrorCode::kResourceExhausted, "Tối đa 50 tìm kiếm đã lưu",
                           "At most 50 saved searches");
  LIENKET_ASSIGN_OR_RETURN(id, s.linkage().store().CreateSavedSearch(q));
  q.id = id;
  q.created_at = core::UtcTimestamp();
  return HttpResponse::Json({{"saved_search", SavedSearchJson(s, q)}}, 201);
}

core::Result<HttpResponse> ListSavedSearches(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(searches, s.linkage().store().ListSavedSearches(r.user->id));
  json list = json::array();
  for (const linkage::SavedSearch& q : searches) list.push_back(SavedSearchJson(s, q));
  return HttpResponse::Json({{"saved_searches", list}});
}

core::Result<HttpResponse> DeleteSavedSearch(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "tìm kiếm đã lưu", "saved search"));
  LIENKET_RETURN_IF_ERROR(s.linkage().store().DeleteSavedSearch(id, r.user->id));
  return HttpResponse::Json({{"deleted", id}});
}

core::Result<json> ExpiringJson(Service& s, const Who& who);  // with the reminders below

core::Result<HttpResponse> ListAlerts(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(alerts, s.linkage().store().ListAlerts(r.user->id));
  LIENKET_ASSIGN_OR_RETURN(searches, s.linkage().store().ListSavedSearches(r.user->id));
  std::map<std::int64_t, json> search_json;
  for (const linkage::SavedSearch& q : searches) search_json[q.id] = SavedSearchJson(s, q);
  Lookup look{s, {}, {}};
  json list = json::array();
  for (const linkage::Alert& a : alerts) {
    LIENKET_ASSIGN_OR_RETURN(listing, s.linkage().store().FindListing(a.listing_id));
    if (!listing) continue;
    LIENKET_ASSIGN_OR_RETURN(org, look.Org(listing->listing.owner_id));
    if (org == nullptr || !SeesListing(s, who, org->organisation, listing->listing)) continue;
    LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, *listing));
    list.push_back({{"id", a.id},
                    {"created_at", a.created_at},
                    {"seen", !a.seen_at.empty()},
                    {"seen_at", a.seen_at.empty() ? json(nullptr) : json(a.seen_at)},
                    {"saved_search", search_json[a.saved_search_id]},
                    {"listing", j}});
  }
  LIENKET_ASSIGN_OR_RETURN(expiring, ExpiringJson(s, who));
  std::size_t unseen = 0;
  for (const json* group : {&list, &expiring})
    for (const json& a : *group) unseen += a["seen"] == false ? 1 : 0;
  return HttpResponse::Json({{"alerts", list}, {"expiring", expiring}, {"unseen", unseen}});
}

core::Result<HttpResponse> AlertSeen(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(id, PathId(r, "id", "thông báo", "alert"));
  LIENKET_RETURN_IF_ERROR(s.linkage().store().MarkAlertSeen(id, r.user->id));
  return HttpResponse::Json({{"seen", id}});
}

// ---- vetoes: an organisation never wants to be matched with another (either way)

// The organisation of the path when the caller manages it: acts for it, or its Department.
core::Result<DirectoryOrganisation> ManagedOrganisation(Service& s, const HttpRequest& r,
                                                        const Who& who) {
  LIENKET_ASSIGN_OR_RETURN(d, LoadOrganisation(s, r, who));
  if (!Acts(who, d.organisation) && !Moderates(s, who, d.organisation))
    return tl::unexpected(
        PermissionDenied(fmt::format("quản lý danh sách chặn của {}", d.organisation.name),
                         fmt::format("manage the vetoes of {}", d.organisation.name)));
  return d;
}

core::Result<HttpResponse> VetoList(Service& s, const HttpRequest& r, const Who& who,
                                    std::int64_t organisation_id, int status) {
  LIENKET_ASSIGN_OR_RETURN(vetoes, s.linkage().store().ListVetoes());
  Lookup look{s, {}, {}};
  json list = json::array();
  for (const auto& [org, vetoed] : vetoes) {
    if (org != organisation_id) continue;
    LIENKET_ASSIGN_OR_RETURN(other, look.Org(vetoed));
    if (other == nullptr) continue;
    // Name and province only: a veto does not open the other's record to the caller.
    list.push_back({{"id", vetoed},
                    {"name", other->organisation.name},
                    {"unit", UnitJson(s, other->organisation.unit_id)}});
  }
  (void)r;
  (void)who;
  return HttpResponse::Json({{"organisation", organisation_id}, {"vetoes", list}}, status);
}

core::Result<HttpResponse> ListVetoes(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, ManagedOrganisation(s, r, who));
  return VetoList(s, r, who, d.organisation.id, 200);
}

core::Result<HttpResponse> AddVeto(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, ManagedOrganisation(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {"organisation"}));
  std::optional<std::int64_t> vetoed = IdField(body, "organisation");
  if (!vetoed)
    return tl::unexpected(BadRequest("Cần số của tổ chức muốn chặn (\"organisation\")",
                                     "The id of the organisation to veto is required "
                                     "(\"organisation\")"));
  if (*vetoed == d.organisation.id)
    return tl::unexpected(
        BadRequest("Một tổ chức không tự chặn chính mình", "An organisation cannot veto itself"));
  LIENKET_ASSIGN_OR_RETURN(other, s.linkage().store().FindOrganisation(*vetoed));
  if (!other)
    return tl::unexpected(NotFound(fmt::format("tổ chức số {}", *vetoed),
                                   fmt::format("organisation {}", *vetoed)));
  LIENKET_RETURN_IF_ERROR(s.linkage().store().AddVeto(d.organisation.id, *vetoed,
                                                      ChangeBy(r, "organisation_veto")));
  LIENKET_RETURN_IF_ERROR(s.linkage().ReloadVetoes());
  return VetoList(s, r, who, d.organisation.id, 201);
}

core::Result<HttpResponse> RemoveVeto(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(d, ManagedOrganisation(s, r, who));
  LIENKET_ASSIGN_OR_RETURN(vetoed, PathId(r, "vetoed", "tổ chức", "organisation"));
  LIENKET_RETURN_IF_ERROR(s.linkage().store().RemoveVeto(d.organisation.id, vetoed,
                                                         ChangeBy(r, "organisation_veto_lift")));
  LIENKET_RETURN_IF_ERROR(s.linkage().ReloadVetoes());
  return VetoList(s, r, who, d.organisation.id, 200);
}

// ---- expiry reminders (written by api/listing_upkeep.hpp)

core::Result<json> ExpiringJson(Service& s, const Who& who) {
  json list = json::array();
  if (who.orgs.empty()) return list;
  std::vector<std::int64_t> orgs(who.orgs.begin(), who.orgs.end());
  LIENKET_ASSIGN_OR_RETURN(reminders, s.linkage().store().ListExpiryReminders(orgs));
  Lookup look{s, {}, {}};
  core::Date today = core::Date::Today();
  for (const linkage::ExpiryReminder& e : reminders) {
    LIENKET_ASSIGN_OR_RETURN(listing, s.linkage().store().FindListing(e.listing_id));
    if (!listing) continue;
    // A renewal moved the window on: this reminder is history.
    if (listing->listing.valid_to.ToString() != e.valid_to) continue;
    LIENKET_ASSIGN_OR_RETURN(j, ListingJson(s, who, look, *listing));
    list.push_back({{"listing", j},
                    {"valid_to", e.valid_to},
                    {"days_left", core::DaysBetween(today, listing->listing.valid_to)},
                    {"reminded_at", e.reminded_at},
                    {"emailed_to", e.emailed_to.empty() ? json(nullptr) : json(e.emailed_to)},
                    {"seen", !e.seen_at.empty()}});
  }
  return list;
}

core::Result<HttpResponse> ReminderSeen(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  LIENKET_ASSIGN_OR_RETURN(l, LoadListing(s, r, who));
  if (!Acts(who, l.org.organisation))
    return tl::unexpected(PermissionDenied("đánh dấu đã xem lời nhắc của tin này",
                                           "mark this listing's reminder seen"));
  LIENKET_ASSIGN_OR_RETURN(body, ParseJsonBody(r.body, {}));
  (void)body;
  LIENKET_RETURN_IF_ERROR(s.linkage().store().MarkReminderSeen(
      l.listing.listing.id, l.listing.listing.valid_to.ToString(), who.user->id));
  return HttpResponse::Json({{"seen", l.listing.listing.id}});
}

// ---- import

json ProblemJson(const stats::Problem& p) {
  std::string severity = p.severity == stats::Severity::kError     ? "error"
                         : p.severity == stats::Severity::kWarning ? "warning"
                                                                   : "note";
  return {{"severity", severity},      {"code", p.code},   {"row", p.row},
          {"column", p.column},        {"value", p.value}, {"message_vi", p.message_vi},
          {"message_en", p.message_en}};
}

stats::Problem RowDenied(int row, std::string column, std::string value, std::string vi,
                         std::string en) {
  stats::Problem p;
  p.severity = stats::Severity::kError;
  p.code = "permission_denied";
  p.row = row;
  p.column = std::move(column);
  p.value = std::move(value);
  p.message_vi = std::move(vi);
  p.message_en = std::move(en);
  return p;
}

core::Result<HttpResponse> Import(Service& s, HttpRequest& r) {
  LIENKET_ASSIGN_OR_RETURN(who, Caller(s, r));
  std::string kind_text = r.Query("kind");
  linkage::DirectoryKind kind;
  if (kind_text == "organisations")
    kind = linkage::DirectoryKind::kOrganisations;
  else if (kind_text == "products" || kind_text == "ocop_products")
    kind = linkage::DirectoryKind::kOcopProducts;
  else if (kind_text == "listings")
    kind = linkage::DirectoryKind::kListings;
  else
    return tl::unexpected(BadRequest("kind phải là organisations, products hoặc listings",
                                     "kind must be organisations, products or listings"));
  bool enterprise = who.user->role == access::Role::kEnterprise;
  bool provincial =
      who.user->role == access::Role::kOfficer || who.user->role == access::Role::kApprover;
  if (!(IsAdmin(who) || provincial ||
        (enterprise && kind != linkage::DirectoryKind::kOrganisations)))
    return tl::unexpected(
        PermissionDenied("nhập tệp danh bạ loại này", "import this kind of file"));
  // An Excel workbook (a zip: "PK") is read from its first visible sheet, row for row, into the
  // same CSV validation, so its problems name the sheet's rows.
  std::string csv;
  const bool excel = r.body.size() >= 2 && r.body.compare(0, 2, "PK") == 0;
  if (excel) {
    ScratchFile file("xlsx");
    LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(file.path, r.body));
    auto converted = app::ReadXlsxAsCsv(file.path);
    if (!converted)
      return tl::unexpected(BadRequest(
          "Không đọc được tệp Excel gửi lên: " + converted.error().message_vi,
          "The uploaded Excel file cannot be read: " + converted.error().message_en));
    csv = std::move(*converted);
  }
  const std::string& text = excel ? csv : r.body;
  linkage::DirectoryOptions options{core::Date::Today()};
  linkage::DirectoryPlan plan = linkage::ValidateDirectoryCsv(kind, text, s.ctx().units, options);
  std::vector<stats::Problem> problems = plan.problems;
  // Rows the caller may not write: officers only for their province, enterprises only for the
  // organisations they act for.
  if (plan.ErrorCount() == 0 && !IsAdmin(who)) {
    auto owned_by_tax = [&](const std::string& tax) -> core::Result<bool> {
      LIENKET_ASSIGN_OR_RETURN(org, s.linkage().store().FindOrganisationByTaxCode(tax));
      if (!org) return true;  // unresolved: the store reports it with its row
      return enterprise ? Acts(who, org->organisation) : Moderates(s, who, org->organisation);
    };
    for (const linkage::ImportedOrganisation& o : plan.organisations)
      if (!s.policy().CanModerateDirectory(who.user, o.organisation.unit_id))
        problems.push_back(RowDenied(o.row, "province", "", "Chỉ nhập được tổ chức của tỉnh mình",
                                     "Only organisations of your own province can be imported"));
    for (const linkage::ImportedProduct& p : plan.products) {
      bool ok = true;
      if (!p.producer_tax_code.empty()) {
        LIENKET_ASSIGN_OR_RETURN(mine, owned_by_tax(p.producer_tax_code));
        ok = mine;
      } else {
        ok = !enterprise && s.policy().CanModerateDirectory(who.user, p.producer_unit_id);
      }
      if (!ok)
        problems.push_back(RowDenied(p.row, "producer_tax_code", p.producer_tax_code,
                                     "Không được nhập sản phẩm cho chủ thể này",
                                     "You may not import products for this producer"));
    }
    for (const linkage::ImportedListing& l : plan.listings) {
      LIENKET_ASSIGN_OR_RETURN(mine, owned_by_tax(l.owner_tax_code));
      if (!mine)
        problems.push_back(RowDenied(l.row, "owner_tax_code", l.owner_tax_code,
                                     "Không được đăng tin cho tổ chức này",
                                     "You may not post listings for this organisation"));
    }
  }
  auto count_errors = [&problems] {
    std::size_t n = 0;
    for (const stats::Problem& p : problems) n += p.severity == stats::Severity::kError;
    return n;
  };
  bool confirm = r.Query("confirm") == "1";
  std::int64_t imported = 0;
  if (count_errors() == 0) {
    linkage::DirectoryImportOptions io;
    io.today = options.today;
    io.dry_run = !confirm;
    auto applied = s.linkage().store().ApplyImport(
        plan, io, ChangeBy(r, std::string(linkage::DirectoryKindId(kind)) + "_import", "import"),
        &problems);
    if (!applied && applied.error().code != ErrorCode::kInvalidArgument)
      return tl::unexpected(applied.error());
    if (applied) imported = applied->inserted;
  }
  std::size_t errors = count_errors();
  s.metrics().CountImport(errors > 0 ? "rejected" : confirm ? "applied" : "previewed",
                          errors == 0 && confirm ? static_cast<std::uint64_t>(imported) : 0);
  json list = json::array();
  for (const stats::Problem& p : problems) list.push_back(ProblemJson(p));
  if (confirm && errors > 0)
    return ErrorResponse(
        {ErrorCode::kInvalidArgument, fmt::format("Tệp có {} lỗi; không nhập dòng nào", errors),
         fmt::format("The file has {} errors; nothing was imported", errors)},
        r.request_id, list);
  if (confirm && kind == linkage::DirectoryKind::kListings)
    LIENKET_RETURN_IF_ERROR(s.linkage().Rebuild());
  return HttpResponse::Json({{"kind", linkage::DirectoryKindId(kind)},
                             {"confirm", confirm},
                             {"applied", confirm},
                             {"rows_read", plan.rows_read},
                             {"errors", errors},
                             {"warnings", problems.size() - errors},
                             {"imported", confirm ? imported : 0},
                             {"would_import", imported},
                             {"problems", list}});
}

}  // namespace

void AddLinkageRoutes(std::vector<Route>* routes) {
  const std::string base = "/api/linkage";
  routes->push_back({"GET", base + "/organisations", false, false, ListOrganisations});
  routes->push_back({"POST", base + "/organisations", true, false, CreateOrganisation});
  routes->push_back({"GET", base + "/organisations/{id}", false, false, GetOrganisation});
  routes->push_back({"PATCH", base + "/organisations/{id}", true, false, PatchOrganisation});
  routes->push_back({"POST", base + "/organisations/{id}/verify", true, false, VerifyOrganisation});
  routes->push_back({"GET", base + "/organisations/{id}/vetoes", true, false, ListVetoes});
  routes->push_back({"POST", base + "/organisations/{id}/vetoes", true, false, AddVeto});
  routes->push_back(
      {"DELETE", base + "/organisations/{id}/vetoes/{vetoed}", true, false, RemoveVeto});
  routes->push_back({"GET", base + "/products", false, false, ListProducts});
  routes->push_back({"POST", base + "/products", true, false, CreateProduct});
  routes->push_back({"PATCH", base + "/products/{id}", true, false, PatchProduct});
  routes->push_back({"GET", base + "/listings", false, false, ListListings});
  routes->push_back({"POST", base + "/listings", true, false, CreateListing});
  routes->push_back({"GET", base + "/listings/{id}", false, false, GetListing});
  routes->push_back({"PATCH", base + "/listings/{id}", true, false, PatchListing});
  routes->push_back({"POST", base + "/listings/{id}/submit", true, false, Submit});
  routes->push_back({"POST", base + "/listings/{id}/approve", true, false, Approve});
  routes->push_back({"POST", base + "/listings/{id}/reject", true, false, Reject});
  routes->push_back({"POST", base + "/listings/{id}/renew", true, false, Renew});
  routes->push_back({"POST", base + "/listings/{id}/withdraw", true, false, Withdraw});
  routes->push_back({"GET", base + "/listings/{id}/matches", false, false, Matches});
  routes->push_back(
      {"POST", base + "/listings/{id}/reminder-seen", true, false, ReminderSeen});
  routes->push_back({"GET", base + "/moderation", true, false, Moderation});
  routes->push_back({"POST", base + "/saved-searches", true, false, CreateSavedSearch});
  routes->push_back({"GET", base + "/saved-searches", true, false, ListSavedSearches});
  routes->push_back({"DELETE", base + "/saved-searches/{id}", true, false, DeleteSavedSearch});
  routes->push_back({"GET", base + "/alerts", true, false, ListAlerts});
  routes->push_back({"POST", base + "/alerts/{id}/seen", true, false, AlertSeen});
  routes->push_back({"POST", base + "/import", true, false, Import});
}

}  // namespace lienket::api
