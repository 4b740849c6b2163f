#include "api/linkage_matching.hpp"

#include <fmt/format.h>

#include "linkage/text_index.hpp"

namespace lienket::api {
namespace {

using core::ErrorCode;

// A quantity in kg (masses) or litres (volumes), else as it is; and the unit's name.
std::pair<double, std::string> Normalised(const core::Decimal& amount, linkage::ProductUnit unit) {
  if (linkage::IsMassUnit(unit)) {
    if (auto kg = linkage::ConvertQuantity(amount, unit, linkage::ProductUnit::kKilogram))
      return {kg->ToDouble(), "kg"};
  }
  if (linkage::IsVolumeUnit(unit)) {
    if (auto l = linkage::ConvertQuantity(amount, unit, linkage::ProductUnit::kLitre))
      return {l->ToDouble(), "lít"};
  }
  return {amount.ToDouble(), std::string(linkage::ProductUnitNameVi(unit))};
}

std::string VcpaDigits(const std::optional<linkage::VcpaCode>& code) {
  return code ? code->digits() : std::string();
}

}  // namespace

core::Result<std::unique_ptr<LinkageState>> LinkageState::Create(store::SqliteStore* store,
                                                                 const stats::UnitCatalog* units) {
  std::unique_ptr<LinkageState> s(new LinkageState(store, units));
  LIENKET_RETURN_IF_ERROR(s->Rebuild());
  return s;
}

core::Result<linkage::MatchListing> LinkageState::View(const linkage::DirectoryListing& d) {
  const linkage::Listing& l = d.listing;
  LIENKET_ASSIGN_OR_RETURN(org, store_.FindOrganisation(l.owner_id));
  if (!org)
    return core::MakeError(ErrorCode::kNotFound, fmt::format("Không có tổ chức số {}", l.owner_id),
                           fmt::format("No organisation with id {}", l.owner_id));
  std::optional<linkage::DirectoryProduct> product;
  if (l.product_id) {
    LIENKET_ASSIGN_OR_RETURN(p, store_.FindProduct(*l.product_id));
    product = std::move(p);
  }
  core::Date today = core::Date::Today();
  linkage::MatchListing m;
  m.id = static_cast<std::uint64_t>(l.id);
  m.side = l.kind == linkage::ListingKind::kOffer ? linkage::ListingSide::kOffer
                                                  : linkage::ListingSide::kRequest;
  m.organisation_id = static_cast<std::uint64_t>(l.owner_id);
  int unit_id = org->organisation.unit_id;
  m.province_id = units_->SuccessorOf(unit_id);
  if (const stats::AdminUnit* unit = units_->FindById(unit_id)) {
    m.province_name = unit->name_vi;
    m.lat = unit->centroid_lat.value_or(0);
    m.lon = unit->centroid_lon.value_or(0);
  }
  m.title = d.title;
  m.description = l.description;
  m.vcpa_code = VcpaDigits(l.vcpa);
  m.hs_code = l.hs ? l.hs->digits() : std::string();
  linkage::MonthSet months = l.WindowMonths();
  if (product) {
    const linkage::Product& p = product->product;
    m.product_name = p.name_vi;
    if (m.vcpa_code.empty()) m.vcpa_code = VcpaDigits(p.vcpa);
    if (m.hs_code.empty() && p.hs) m.hs_code = p.hs->digits();
    m.certifications = p.certifications.bits();
    m.ocop_stars = p.OcopStarsOn(today);
    if (l.kind == linkage::ListingKind::kOffer && !p.season.IsEmpty()) {
      linkage::MonthSet in_season = months.Intersect(p.season);
      if (!in_season.IsEmpty()) months = in_season;
    }
  }
  m.months = months == linkage::MonthSet::All() ? 0 : months.bits();
  auto [quantity, unit_name] = Normalised(l.quantity.amount, l.quantity.unit);
  m.quantity = quantity;
  m.unit = unit_name;
  if (l.min_order) m.min_order = Normalised(*l.min_order, l.quantity.unit).first;
  if (l.kind == linkage::ListingKind::kRequest) {
    m.required_stars = l.min_stars;
    m.required_certs = l.required_certifications.bits();
  }
  for (int u : l.delivery_units) m.delivery_provinces.push_back(units_->SuccessorOf(u));
  return m;
}

core::Status LinkageState::Refresh(std::int64_t id) {
  auto key = static_cast<std::uint64_t>(id);
  if (indexed_.erase(key) > 0) LIENKET_RETURN_IF_ERROR(matcher_.Remove(key));
  LIENKET_ASSIGN_OR_RETURN(found, store_.FindListing(id));
  if (!found || !found->listing.IsPublicOn(core::Date::Today())) return {};
  LIENKET_ASSIGN_OR_RETURN(view, View(*found));
  LIENKET_RETURN_IF_ERROR(matcher_.Add(std::move(view)));
  indexed_.insert(key);
  return {};
}

core::Status LinkageState::ReloadVetoes() {
  LIENKET_ASSIGN_OR_RETURN(vetoes, store_.ListVetoes());
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs;
  for (const auto& [org, vetoed] : vetoes)
    pairs.emplace_back(static_cast<std::uint64_t>(org), static_cast<std::uint64_t>(vetoed));
  matcher_.SetVetoes(pairs);
  return {};
}

core::Status LinkageState::Rebuild() {
  matcher_ = linkage::Matcher();
  indexed_.clear();
  LIENKET_RETURN_IF_ERROR(ReloadVetoes());
  linkage::ListingFilter f;
  f.states = {linkage::ListingState::kPublished};
  LIENKET_ASSIGN_OR_RETURN(listings, store_.ListListings(f));
  core::Date today = core::Date::Today();
  for (const linkage::DirectoryListing& l : listings) {
    if (!l.listing.IsPublicOn(today)) continue;
    LIENKET_ASSIGN_OR_RETURN(view, View(l));
    LIENKET_RETURN_IF_ERROR(matcher_.Add(std::move(view)));
    indexed_.insert(static_cast<std::uint64_t>(l.listing.id));
  }
  return {};
}

std::vector<linkage::Match> LinkageState::FindMatches(const linkage::MatchListing& query,
                                                      std::size_t k) const {
  return matcher_.FindMatches(query, k);
}

core::Result<int> LinkageState::AlertSavedSearches(const linkage::DirectoryListing& d) {
  LIENKET_ASSIGN_OR_RETURN(org, store_.FindOrganisation(d.listing.owner_id));
  if (!org) return 0;
  std::string product_name;
  if (d.listing.product_id) {
    LIENKET_ASSIGN_OR_RETURN(p, store_.FindProduct(*d.listing.product_id));
    if (p) product_name = p->product.name_vi;
  }
  // One document: does the saved query share a word with the listing?
  linkage::TextIndex index;
  LIENKET_RETURN_IF_ERROR(index.Add(1, d.title + " " + product_name, d.listing.description));
  int owner_unit = units_->SuccessorOf(org->organisation.unit_id);
  LIENKET_ASSIGN_OR_RETURN(searches, store_.ListSavedSearches(std::nullopt));
  int created = 0;
  for (const linkage::SavedSearch& s : searches) {
    if (s.kind && *s.kind != d.listing.kind) continue;
    if (s.unit_id != 0 && units_->SuccessorOf(s.unit_id) != owner_unit) continue;
    if (!s.query.empty() && index.Search(s.query, 1).empty()) continue;
    LIENKET_ASSIGN_OR_RETURN(added, store_.AddAlert(s.id, d.listing.id));
    if (added) ++created;
  }
  return created;
}

linkage::DirectoryChange ChangeBy(const HttpRequest& r, std::string action, std::string via) {
  linkage::DirectoryChange c;
  c.user_id = r.user ? r.user->id : 0;
  c.user_login = r.user ? r.user->login : "";
  c.via = std::move(via);
  c.action = std::move(action);
  c.request_id = r.request_id;
  return c;
}

}  // namespace lienket::api
