#include "store/sqlite_linkage_store.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/vi_text.hpp"
#include "store/embedded_files.hpp"

namespace lienket::store {
namespace {

using core::ErrorCode;
using core::MakeError;
using linkage::DirectoryChange;
using linkage::DirectoryListing;
using linkage::DirectoryOrganisation;
using linkage::DirectoryProduct;

constexpr std::string_view kOrgColumns =
    "id, kind, name, COALESCE(tax_code, ''), citizen_id, unit_id, registered_on, address, sector, "
    "contact_person, phone, email, claim_status, COALESCE(claimed_by, 0), "
    "COALESCE(verified_by, 0), COALESCE(verified_on, ''), dataset, created_at, updated_at";
constexpr std::string_view kInsertOrg =
    "INSERT INTO organisations (kind, name, tax_code, citizen_id, unit_id, registered_on, "
    "address, sector, contact_person, phone, email, claim_status, claimed_by, verified_by, "
    "verified_on, dataset, created_at, updated_at) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, NULLIF(?13, 0), NULLIF(?14, 0), NULLIF(?15, ''), ?16, ?17, ?17) "
    "RETURNING id";
constexpr std::string_view kUpdateOrg =
    "UPDATE organisations SET kind = ?1, name = ?2, tax_code = NULLIF(?3, ''), citizen_id = ?4, "
    "unit_id = ?5, registered_on = ?6, address = ?7, sector = ?8, contact_person = ?9, "
    "phone = ?10, email = ?11, claim_status = ?12, claimed_by = NULLIF(?13, 0), "
    "verified_by = NULLIF(?14, 0), verified_on = NULLIF(?15, ''), updated_at = ?17 "
    "WHERE id = ?16";
constexpr std::string_view kSelectOrgs =
    "SELECT {} FROM organisations WHERE (?1 IS NULL OR unit_id IN (SELECT value FROM "
    "json_each(?1))) AND (?2 = '' OR dataset = ?2) AND (?3 IS NULL OR id IN (SELECT value FROM "
    "json_each(?3))) ORDER BY name, id";
constexpr std::string_view kInsertMember =
    "INSERT INTO organisation_members (user_id, organisation_id, created_at) "
    "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectMemberships =
    "SELECT organisation_id FROM organisation_members WHERE user_id = ? ORDER BY organisation_id";

constexpr std::string_view kProductColumns =
    "p.id, p.organisation_id, p.name_vi, p.local_name, p.vcpa, p.hs, COALESCE(p.ocop_group, ''), "
    "COALESCE(p.ocop_stars, 0), COALESCE(p.ocop_certified_on, ''), p.certifications, p.unit, "
    "p.capacity_per_year, p.season, p.price_min, p.price_max, p.packaging, p.dataset, "
    "p.created_at, p.updated_at";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (organisation_id, name_vi, local_name, vcpa, hs, ocop_group, "
    "ocop_stars, ocop_certified_on, certifications, unit, capacity_per_year, season, price_min, "
    "price_max, packaging, dataset, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
    "NULLIF(?6, ''), NULLIF(?7, 0), NULLIF(?8, ''), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?17) RETURNING id";
constexpr std::string_view kUpdateProduct =
    "UPDATE products SET organisation_id = ?1, name_vi = ?2, local_name = ?3, vcpa = ?4, hs = ?5, "
    "ocop_group = NULLIF(?6, ''), ocop_stars = NULLIF(?7, 0), ocop_certified_on = NULLIF(?8, ''), "
    "certifications = ?9, unit = ?10, capacity_per_year = ?11, season = ?12, price_min = ?13, "
    "price_max = ?14, packaging = ?15, updated_at = ?17 WHERE id = ?16";
constexpr std::string_view kSelectProducts =
    "SELECT {} FROM products p JOIN organisations o ON o.id = p.organisation_id "
    "WHERE (?1 = 0 OR p.organisation_id = ?1) AND (?2 IS NULL OR o.unit_id IN (SELECT value "
    "FROM json_each(?2))) AND (?3 = '' OR p.dataset = ?3) AND (?4 = 0 OR p.id = ?4) "
    "ORDER BY p.name_vi, p.id";

constexpr std::string_view kListingColumns =
    "l.id, l.kind, l.organisation_id, COALESCE(l.product_id, 0), l.title, l.description, l.vcpa, "
    "l.hs, l.quantity, l.unit, l.min_order, l.price_min, l.price_max, l.valid_from, l.valid_to, "
    "l.required_certifications, l.min_stars, l.state, COALESCE(l.moderating_unit_id, 0), "
    "l.rejection_reason, COALESCE(l.published_on, ''), COALESCE(l.moderated_by, 0), "
    "COALESCE(l.moderated_at, ''), l.dataset, COALESCE(l.created_by, 0), l.created_at, "
    "l.updated_at, (SELECT json_group_array(unit_id) FROM listing_delivery d "
    "WHERE d.listing_id = l.id)";
constexpr std::string_view kInsertListing =
    "INSERT INTO listings (kind, organisation_id, product_id, title, description, vcpa, hs, "
    "quantity, unit, min_order, price_min, price_max, valid_from, valid_to, "
    "required_certifications, min_stars, state, moderating_unit_id, rejection_reason, "
    "published_on, moderated_by, moderated_at, dataset, created_by, created_at, updated_at) "
    "VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, NULLIF(?18, 0), ?19, NULLIF(?20, ''), NULLIF(?21, 0), NULLIF(?22, ''), ?23, "
    "NULLIF(?24, 0), ?25, ?25) RETURNING id";
constexpr std::string_view kUpdateListing =
    "UPDATE listings SET kind = ?1, organisation_id = ?2, product_id = NULLIF(?3, 0), title = ?4, "
    "description = ?5, vcpa = ?6, hs = ?7, quantity = ?8, unit = ?9, min_order = ?10, "
    "price_min = ?11, price_max = ?12, valid_from = ?13, valid_to = ?14, "
    "required_certifications = ?15, min_stars = ?16, state = ?17, "
    "moderating_unit_id = NULLIF(?18, 0), rejection_reason = ?19, published_on = NULLIF(?20, ''), "
    "moderated_by = NULLIF(?21, 0), moderated_at = NULLIF(?22, ''), updated_at = ?25 "
    "WHERE id = ?26 AND updated_at = ?27";
constexpr std::string_view kSelectListings =
    "SELECT {} FROM listings l JOIN organisations o ON o.id = l.organisation_id "
    "WHERE (?1 = '' OR l.kind = ?1) AND (?2 IS NULL OR l.state IN (SELECT value FROM "
    "json_each(?2))) AND (?3 IS NULL OR l.organisation_id IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR o.unit_id IN (SELECT value FROM json_each(?4))) "
    "AND (?5 = '' OR l.dataset = ?5) AND (?6 = 0 OR l.id = ?6) ORDER BY l.id DESC";
constexpr std::string_view kDeleteDelivery = "DELETE FROM listing_delivery WHERE listing_id = ?";
constexpr std::string_view kInsertDelivery =
    "INSERT INTO listing_delivery (listing_id, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

constexpr std::string_view kSelectVetoes =
    "SELECT organisation_id, vetoed_id FROM org_vetoes ORDER BY organisation_id, vetoed_id";
constexpr std::string_view kInsertVeto =
    "INSERT INTO org_vetoes (organisation_id, vetoed_id, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING";

constexpr std::string_view kInsertSearch =
    "INSERT INTO saved_searches (user_id, query, kind, filters_json, created_at) "
    "VALUES (?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectSearches =
    "SELECT id, user_id, query, kind, filters_json, created_at FROM saved_searches "
    "WHERE (?1 = 0 OR user_id = ?1) ORDER BY id";
constexpr std::string_view kDeleteSearch =
    "DELETE FROM saved_searches WHERE id = ? AND user_id = ?";
constexpr std::string_view kInsertAlert =
    "INSERT INTO alerts (saved_search_id, listing_id, created_at) "
    "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectAlerts =
    "SELECT a.id, a.saved_search_id, a.listing_id, s.query, a.created_at, "
    "COALESCE(a.seen_at, '') FROM alerts a JOIN saved_searches s ON s.id = a.saved_search_id "
    "WHERE s.user_id = ? ORDER BY a.id DESC";
constexpr std::string_view kMarkSeen =
    "UPDATE alerts SET seen_at = COALESCE(seen_at, ?3) "
    "WHERE id = ?1 AND saved_search_id IN (SELECT id FROM saved_searches WHERE user_id = ?2)";

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, user_id, user_login, action, via, unit_id, old_value, new_value, "
    "comment, request_id, entity) VALUES (?11, NULLIF(?1, 0), ?2, "
    "?3, ?4, NULLIF(?5, 0), ?6, ?7, ?8, ?9, ?10)";

constexpr std::string_view kDeleteOrgsOfDataset = "DELETE FROM organisations WHERE dataset = ?";
constexpr std::string_view kDeleteProductsOfDataset = "DELETE FROM products WHERE dataset = ?";
constexpr std::string_view kDeleteListingsOfDataset = "DELETE FROM listings WHERE dataset = ?";

std::string Now() { return core::UtcTimestamp(); }

// The directory's list filters bind a JSON array (BindList below). SQLite reads it with
// json_each and json_group_array; PostgreSQL with json_array_elements_text and json_agg. The
// queries are written for SQLite and rewritten here, fragment by fragment, for PostgreSQL.
std::string Dialect(Db* db, std::string sql) {
  if (!db->is_postgres()) return sql;
  auto replace = [&sql](std::string_view from, std::string_view to) {
    for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at)) {
      sql.replace(at, from.size(), to);
      at += to.size();
    }
  };
  replace("l.state IN (SELECT value FROM json_each(?2))",
          "l.state IN (SELECT value FROM json_array_elements_text(CAST(?2 AS text)::json))");
  for (int k = 1; k <= 4; ++k) {
    replace(fmt::format("SELECT value FROM json_each(?{})", k),
            fmt::format("SELECT value::bigint FROM json_array_elements_text(CAST(?{} AS text)::json)",
                        k));
  }
  replace("(SELECT json_group_array(unit_id) FROM listing_delivery d WHERE d.listing_id = l.id)",
          "COALESCE((SELECT json_agg(unit_id ORDER BY unit_id)::text FROM listing_delivery d "
          "WHERE d.listing_id = l.id), '[]')");
  return sql;
}

std::optional<std::string> DecimalText(const std::optional<core::Decimal>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

core::Result<std::optional<core::Decimal>> ReadDecimal(const Statement& s, int column) {
  if (s.IsNull(column)) return std::optional<core::Decimal>();
  LIENKET_ASSIGN_OR_RETURN(d, core::Decimal::Parse(s.Text(column)));
  return std::optional<core::Decimal>(d);
}

// A JSON array for the `IN (SELECT value FROM json_each(?))` filters; null binds "no filter".
template <typename T>
void BindList(Statement& s, int index, const std::vector<T>& values) {
  if (values.empty()) {
    s.BindNull(index);
    return;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const T& v : values) list.push_back(v);
  s.Bind(index, list.dump());
}

bool ContainsFolded(const std::string& haystack_folded, const std::string& needle_folded) {
  return needle_folded.empty() || haystack_folded.find(needle_folded) != std::string::npos;
}

core::Result<DirectoryOrganisation> ReadOrg(const Statement& s) {
  DirectoryOrganisation d;
  linkage::Organisation& o = d.organisation;
  o.id = s.Int(0);
  LIENKET_ASSIGN_OR_RETURN(kind, linkage::ParseOrganisationKind(s.Text(1)));
  o.kind = kind;
  o.name = s.Text(2);
  if (std::string tax = s.Text(3); !tax.empty()) {
    LIENKET_ASSIGN_OR_RETURN(code, linkage::TaxCode::Parse(tax));
    o.tax_code = code;
  }
  o.citizen_id = s.Text(4);
  o.unit_id = static_cast<int>(s.Int(5));
  LIENKET_ASSIGN_OR_RETURN(registered, core::Date::Parse(s.Text(6)));
  o.registered_on = registered;
  o.address = s.Text(7);
  if (std::string sector = s.Text(8); !sector.empty()) o.vsic_section = sector[0];
  o.contact = {s.Text(9), s.Text(10), s.Text(11)};
  LIENKET_ASSIGN_OR_RETURN(status, linkage::ParseClaimStatus(s.Text(12)));
  o.status = status;
  o.claimed_by = s.Int(13);
  d.verified_by = s.Int(14);
  if (std::string on = s.Text(15); !on.empty()) {
    LIENKET_ASSIGN_OR_RETURN(verified, core::Date::Parse(on));
    o.verified_on = verified;
  }
  d.dataset = s.Text(16);
  d.created_at = s.Text(17);
  d.updated_at = s.Text(18);
  return d;
}

void BindOrg(Statement& s, const DirectoryOrganisation& d) {
  const linkage::Organisation& o = d.organisation;
  s.Bind(1, linkage::OrganisationKindId(o.kind)).Bind(2, o.name);
  s.Bind(3, o.tax_code ? std::string_view(o.tax_code->text()) : std::string_view(""));
  s.Bind(4, o.citizen_id).Bind(5, static_cast<std::int64_t>(o.unit_id));
  s.Bind(6, o.registered_on.ToString()).Bind(7, o.address);
  s.Bind(8, o.vsic_section ? std::string(1, *o.vsic_section) : std::string());
  s.Bind(9, o.contact.person).Bind(10, o.contact.phone).Bind(11, o.contact.email);
  s.Bind(12, linkage::ClaimStatusId(o.status)).Bind(13, o.claimed_by).Bind(14, d.verified_by);
  s.Bind(15, o.verified_on ? o.verified_on->ToString() : std::string());
}

core::Result<DirectoryProduct> ReadProduct(const Statement& s) {
  DirectoryProduct d;
  linkage::Product& p = d.product;
  p.id = s.Int(0);
  p.organisation_id = s.Int(1);
  p.name_vi = s.Text(2);
  p.local_name = s.Text(3);
  if (std::string v = s.Text(4); !v.empty()) {
    LIENKET_ASSIGN_OR_RETURN(code, linkage::VcpaCode::Parse(v));
    p.vcpa = code;
  }
  if (std::string h = s.Text(5); !h.empty()) {
    LIENKET_ASSIGN_OR_RETURN(code, linkage::HsCode::Parse(h));
    p.hs = code;
  }
  if (std::string group = s.Text(6); !group.empty()) {
    linkage::OcopCertificate c;
    LIENKET_ASSIGN_OR_RETURN(g, linkage::ParseOcopGroup(group));
    c.group = g;
    c.stars = static_cast<int>(s.Int(7));
    LIENKET_ASSIGN_OR_RETURN(on, core::Date::Parse(s.Text(8)));
    c.certified_on = on;
    p.ocop = c;
  }
  LIENKET_ASSIGN_OR_RETURN(certs, linkage::ParseCertifications(s.Text(9)));
  p.certifications = certs;
  LIENKET_ASSIGN_OR_RETURN(unit, linkage::ParseProductUnit(s.Text(10)));
  p.unit = unit;
  LIENKET_ASSIGN_OR_RETURN(capacity, ReadDecimal(s, 11));
  p.capacity_per_year = capacity;
  p.season = linkage::MonthSet::FromBits(static_cast<std::uint16_t>(s.Int(12)));
  LIENKET_ASSIGN_OR_RETURN(price_min, ReadDecimal(s, 13));
  LIENKET_ASSIGN_OR_RETURN(price_max, ReadDecimal(s, 14));
  if (price_min && price_max) p.price = linkage::PriceRange{*price_min, *price_max};
  p.packaging = s.Text(15);
  d.dataset = s.Text(16);
  d.created_at = s.Text(17);
  d.updated_at = s.Text(18);
  return d;
}

void BindProduct(Statement& s, const DirectoryProduct& d) {
  const linkage::Product& p = d.product;
  s.Bind(1, p.organisation_id).Bind(2, p.name_vi).Bind(3, p.local_name);
  s.Bind(4, p.vcpa ? p.vcpa->ToString() : std::string());
  s.Bind(5, p.hs ? p.hs->digits() : std::string());
  s.Bind(6, p.ocop ? linkage::OcopGroupId(p.ocop->group) : std::string_view(""));
  s.Bind(7, static_cast<std::int64_t>(p.ocop ? p.ocop->stars : 0));
  s.Bind(8, p.ocop ? p.ocop->certified_on.ToString() : std::string());
  s.Bind(9, p.certifications.ToIds()).Bind(10, linkage::ProductUnitId(p.unit));
  s.BindOptional(11, DecimalText(p.capacity_per_year));
  s.Bind(12, static_cast<std::int64_t>(p.season.bits()));
  s.BindOptional(13, p.price ? std::optional(p.price->min.ToString()) : std::nullopt);
  s.BindOptional(14, p.price ? std::optional(p.price->max.ToString()) : std::nullopt);
  s.Bind(15, p.packaging);
}

core::Result<DirectoryListing> ReadListing(const Statement& s) {
  DirectoryListing d;
  linkage::Listing& l = d.listing;
  l.id = s.Int(0);
  LIENKET_ASSIGN_OR_RETURN(kind, linkage::ParseListingKind(s.Text(1)));
  l.kind = kind;
  l.owner_id = s.Int(2);
  if (std::int64_t product = s.Int(3); product != 0) l.product_id = product;
  d.title = s.Text(4);
  l.description = s.Text(5);
  if (std::string v = s.Text(6); !v.empty()) {
    LIENKET_ASSIGN_OR_RETURN(code, linkage::VcpaCode::Parse(v));
    l.vcpa = code;
  }
  if (std::string h = s.Text(7); !h.empty()) {
    LIENKET_ASSIGN_OR_RETURN(code, linkage::HsCode::Parse(h));
    l.hs = code;
  }
  LIENKET_ASSIGN_OR_RETURN(quantity, core::Decimal::Parse(s.Text(8)));
  LIENKET_ASSIGN_OR_RETURN(unit, linkage::ParseProductUnit(s.Text(9)));
  l.quantity = {quantity, unit};
  LIENKET_ASSIGN_OR_RETURN(min_order, ReadDecimal(s, 10));
  l.min_order = min_order;
  LIENKET_ASSIGN_OR_RETURN(price_min, ReadDecimal(s, 11));
  LIENKET_ASSIGN_OR_RETURN(price_max, ReadDecimal(s, 12));
  if (price_min && price_max) l.price = linkage::PriceRange{*price_min, *price_max};
  LIENKET_ASSIGN_OR_RETURN(from, core::Date::Parse(s.Text(13)));
  LIENKET_ASSIGN_OR_RETURN(to, core::Date::Parse(s.Text(14)));
  l.valid_from = from;
  l.valid_to = to;
  LIENKET_ASSIGN_OR_RETURN(certs, linkage::ParseCertifications(s.Text(15)));
  l.required_certifications = certs;
  l.min_stars = static_cast<int>(s.Int(16));
  LIENKET_ASSIGN_OR_RETURN(state, linkage::ParseListingState(s.Text(17)));
  l.state = state;
  l.moderating_unit_id = static_cast<int>(s.Int(18));
  l.rejection_reason = s.Text(19);
  if (std::string on = s.Text(20); !on.empty()) {
    LIENKET_ASSIGN_OR_RETURN(published, core::Date::Parse(on));
    l.published_on = published;
  }
  d.moderated_by = s.Int(21);
  d.moderated_at = s.Text(22);
  d.dataset = s.Text(23);
  d.created_by = s.Int(24);
  d.created_at = s.Text(25);
  d.updated_at = s.Text(26);
  auto units = nlohmann::json::parse(s.Text(27), nullptr, /*allow_exceptions=*/false);
  if (units.is_array())
    for (const auto& u : units)
      if (u.is_number_integer()) l.delivery_units.push_back(u.get<int>());
  return d;
}

void BindListing(Statement& s, const DirectoryListing& d) {
  const linkage::Listing& l = d.listing;
  s.Bind(1, linkage::ListingKindId(l.kind)).Bind(2, l.owner_id).Bind(3, l.product_id.value_or(0));
  s.Bind(4, d.title).Bind(5, l.description);
  s.Bind(6, l.vcpa ? l.vcpa->ToString() : std::string());
  s.Bind(7, l.hs ? l.hs->digits() : std::string());
  s.Bind(8, l.quantity.amount.ToString()).Bind(9, linkage::ProductUnitId(l.quantity.unit));
  s.BindOptional(10, DecimalText(l.min_order));
  s.BindOptional(11, l.price ? std::optional(l.price->min.ToString()) : std::nullopt);
  s.BindOptional(12, l.price ? std::optional(l.price->max.ToString()) : std::nullopt);
  s.Bind(13, l.valid_from.ToString()).Bind(14, l.valid_to.ToString());
  s.Bind(15, l.required_certifications.ToIds()).Bind(16, static_cast<std::int64_t>(l.min_stars));
  s.Bind(17, linkage::ListingStateId(l.state));
  s.Bind(18, static_cast<std::int64_t>(l.moderating_unit_id)).Bind(19, l.rejection_reason);
  s.Bind(20, l.published_on ? l.published_on->ToString() : std::string());
  s.Bind(21, d.moderated_by).Bind(22, d.moderated_at);
}

core::Error TaxCodeTaken(std::string_view tax_code) {
  return core::Error{ErrorCode::kAlreadyExists,
                     fmt::format("Mã số thuế {} đã có trong danh bạ", tax_code),
                     fmt::format("Tax code {} is already in the directory", tax_code)};
}

stats::Problem ImportError(int row, std::string column, std::string value, std::string vi,
                           std::string en) {
  stats::Problem p;
  p.severity = stats::Severity::kError;
  p.code = "unresolved";
  p.row = row;
  p.column = std::move(column);
  p.value = std::move(value);
  p.message_vi = std::move(vi);
  p.message_en = std::move(en);
  return p;
}

}  // namespace

core::Status SqliteLinkageStore::Audit(const DirectoryChange& change, std::string entity,
                                       int unit_id, std::optional<std::string> old_value,
                                       std::optional<std::string> new_value) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAudit));
  insert.Bind(1, change.user_id).Bind(2, change.user_login).Bind(3, change.action);
  insert.Bind(4, change.via).Bind(5, static_cast<std::int64_t>(unit_id));
  insert.BindOptional(6, old_value).BindOptional(7, new_value);
  insert.Bind(8, change.comment).Bind(9, change.request_id).Bind(10, entity).Bind(11, Now());
  return insert.Run();
}

// ---- organisations

core::Result<std::int64_t> SqliteLinkageStore::InsertOrganisation(const DirectoryOrganisation& org,
                                                                  const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertOrg));
  BindOrg(insert, org);
  insert.Bind(16, org.dataset).Bind(17, Now());
  auto run = RunReturningId(insert);
  if (!run && run.error().code == ErrorCode::kAlreadyExists && org.organisation.tax_code)
    return tl::unexpected(TaxCodeTaken(org.organisation.tax_code->text()));
  LIENKET_RETURN_IF_ERROR(run);
  std::int64_t id = *run;
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("organisation:{}", id),
                                org.organisation.unit_id, std::nullopt, org.organisation.name));
  return id;
}

core::Result<std::int64_t> SqliteLinkageStore::CreateOrganisation(const DirectoryOrganisation& org,
                                                                  const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(id, InsertOrganisation(org, change));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteLinkageStore::UpdateOrganisation(const DirectoryOrganisation& org,
                                                    const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(old, FindOrganisation(org.organisation.id));
  if (!old)
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có tổ chức số {}", org.organisation.id),
                     fmt::format("No organisation with id {}", org.organisation.id));
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateOrg));
  BindOrg(update, org);
  update.Bind(16, org.organisation.id).Bind(17, Now());
  auto run = update.Run();
  if (!run && run.error().code == ErrorCode::kAlreadyExists && org.organisation.tax_code)
    return tl::unexpected(TaxCodeTaken(org.organisation.tax_code->text()));
  LIENKET_RETURN_IF_ERROR(run);
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("organisation:{}", org.organisation.id),
                                org.organisation.unit_id,
                                std::string(linkage::ClaimStatusId(old->organisation.status)),
                                std::string(linkage::ClaimStatusId(org.organisation.status))));
  return tx.Commit();
}

core::Result<std::optional<DirectoryOrganisation>> SqliteLinkageStore::FindOrganisation(
    std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(
      select, db_->Prepare(fmt::format("SELECT {} FROM organisations WHERE id = ?", kOrgColumns)));
  select.Bind(1, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<DirectoryOrganisation>();
  LIENKET_ASSIGN_OR_RETURN(org, ReadOrg(select));
  return std::optional<DirectoryOrganisation>(std::move(org));
}

core::Result<std::optional<DirectoryOrganisation>> SqliteLinkageStore::FindOrganisationByTaxCode(
    std::string_view canonical_tax_code) {
  LIENKET_ASSIGN_OR_RETURN(
      select,
      db_->Prepare(fmt::format("SELECT {} FROM organisations WHERE tax_code = ?", kOrgColumns)));
  select.Bind(1, canonical_tax_code);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<DirectoryOrganisation>();
  LIENKET_ASSIGN_OR_RETURN(org, ReadOrg(select));
  return std::optional<DirectoryOrganisation>(std::move(org));
}

core::Result<std::vector<DirectoryOrganisation>> SqliteLinkageStore::ListOrganisations(
    const linkage::OrganisationFilter& filter) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(Dialect(db_, fmt::format(kSelectOrgs, kOrgColumns))));
  BindList(select, 1, filter.unit_ids);
  select.Bind(2, filter.dataset);
  BindList(select, 3, filter.ids);
  std::string text = core::Fold(filter.text);
  std::vector<DirectoryOrganisation> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    LIENKET_ASSIGN_OR_RETURN(org, ReadOrg(select));
    const linkage::Organisation& o = org.organisation;
    if (!text.empty() && !ContainsFolded(core::Fold(o.name), text) &&
        !(o.tax_code && o.tax_code->text().find(filter.text) != std::string::npos))
      continue;
    out.push_back(std::move(org));
  }
  return out;
}

core::Status SqliteLinkageStore::AddMember(std::int64_t user_id, std::int64_t organisation_id) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertMember));
  insert.Bind(1, user_id).Bind(2, organisation_id).Bind(3, Now());
  return insert.Run();
}

core::Result<std::vector<std::int64_t>> SqliteLinkageStore::OrganisationsOf(std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectMemberships));
  select.Bind(1, user_id);
  std::vector<std::int64_t> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    out.push_back(select.Int(0));
  }
  return out;
}

// ---- products

core::Result<std::int64_t> SqliteLinkageStore::InsertProduct(const DirectoryProduct& product,
                                                             const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertProduct));
  BindProduct(insert, product);
  insert.Bind(16, product.dataset).Bind(17, Now());
  auto run = RunReturningId(insert);
  if (!run && run.error().code == ErrorCode::kAlreadyExists)
    return MakeError(
        ErrorCode::kAlreadyExists,
        fmt::format("Tổ chức đã có sản phẩm \"{}\"", product.product.name_vi),
        fmt::format("The organisation already has a product \"{}\"", product.product.name_vi));
  LIENKET_RETURN_IF_ERROR(run);
  std::int64_t id = *run;
  LIENKET_RETURN_IF_ERROR(
      Audit(change, fmt::format("product:{}", id), 0, std::nullopt, product.product.name_vi));
  return id;
}

core::Result<std::int64_t> SqliteLinkageStore::CreateProduct(const DirectoryProduct& product,
                                                             const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(id, InsertProduct(product, change));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteLinkageStore::UpdateProduct(const DirectoryProduct& product,
                                               const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateProduct));
  BindProduct(update, product);
  update.Bind(16, product.product.id).Bind(17, Now());
  auto run = update.Run();
  if (!run && run.error().code == ErrorCode::kAlreadyExists)
    return MakeError(
        ErrorCode::kAlreadyExists,
        fmt::format("Tổ chức đã có sản phẩm \"{}\"", product.product.name_vi),
        fmt::format("The organisation already has a product \"{}\"", product.product.name_vi));
  LIENKET_RETURN_IF_ERROR(run);
  if (db_->Changes() == 0)
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("Không có sản phẩm số {}", product.product.id),
                     fmt::format("No product with id {}", product.product.id));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("product:{}", product.product.id), 0,
                                std::nullopt, product.product.name_vi));
  return tx.Commit();
}

core::Result<std::optional<DirectoryProduct>> SqliteLinkageStore::FindProduct(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(Dialect(db_, fmt::format(kSelectProducts, kProductColumns))));
  select.Bind(1, std::int64_t{0}).BindNull(2).Bind(3, std::string_view("")).Bind(4, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<DirectoryProduct>();
  LIENKET_ASSIGN_OR_RETURN(product, ReadProduct(select));
  return std::optional<DirectoryProduct>(std::move(product));
}

core::Result<std::vector<DirectoryProduct>> SqliteLinkageStore::ListProducts(
    const linkage::ProductFilter& filter) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(Dialect(db_, fmt::format(kSelectProducts, kProductColumns))));
  select.Bind(1, filter.organisation_id.value_or(0));
  BindList(select, 2, filter.unit_ids);
  select.Bind(3, filter.dataset).Bind(4, std::int64_t{0});
  std::string text = core::Fold(filter.text);
  std::vector<DirectoryProduct> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    LIENKET_ASSIGN_OR_RETURN(product, ReadProduct(select));
    if (!ContainsFolded(core::Fold(product.product.name_vi + " " + product.product.local_name),
                        text))
      continue;
    out.push_back(std::move(product));
  }
  return out;
}

// ---- listings

core::Status SqliteLinkageStore::WriteDelivery(std::int64_t listing_id,
                                               const std::vector<int>& units) {
  LIENKET_ASSIGN_OR_RETURN(clear, db_->Prepare(kDeleteDelivery));
  clear.Bind(1, listing_id);
  LIENKET_RETURN_IF_ERROR(clear.Run());
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertDelivery));
  for (int unit : units) {
    insert.Reset();
    insert.Bind(1, listing_id).Bind(2, static_cast<std::int64_t>(unit));
    LIENKET_RETURN_IF_ERROR(insert.Run());
  }
  return {};
}

core::Result<std::int64_t> SqliteLinkageStore::InsertListing(const DirectoryListing& listing,
                                                             const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertListing));
  BindListing(insert, listing);
  insert.Bind(23, listing.dataset).Bind(24, listing.created_by).Bind(25, Now());
  LIENKET_ASSIGN_OR_RETURN(id, RunReturningId(insert));
  LIENKET_RETURN_IF_ERROR(WriteDelivery(id, listing.listing.delivery_units));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("listing:{}", id),
                                listing.listing.moderating_unit_id, std::nullopt,
                                std::string(linkage::ListingStateId(listing.listing.state))));
  return id;
}

core::Result<std::int64_t> SqliteLinkageStore::CreateListing(const DirectoryListing& listing,
                                                             const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(id, InsertListing(listing, change));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return id;
}

core::Status SqliteLinkageStore::UpdateListing(const DirectoryListing& listing,
                                               std::string_view expected_updated_at,
                                               const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(old, FindListing(listing.listing.id));
  if (!old)
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có tin số {}", listing.listing.id),
                     fmt::format("No listing with id {}", listing.listing.id));
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kUpdateListing));
  BindListing(update, listing);
  // A second write within the same second must still change updated_at, or the optimistic
  // check could not tell the two apart: suffix a counter when the clock has not moved.
  std::string now = Now();
  if (now <= old->updated_at) now = old->updated_at + "+";
  update.Bind(25, now).Bind(26, listing.listing.id).Bind(27, expected_updated_at);
  LIENKET_RETURN_IF_ERROR(update.Run());
  if (db_->Changes() == 0)
    return MakeError(ErrorCode::kFailedPrecondition,
                     "Tin vừa được người khác sửa; hãy tải lại rồi làm lại",
                     "The listing was changed by someone else; reload it and try again");
  LIENKET_RETURN_IF_ERROR(WriteDelivery(listing.listing.id, listing.listing.delivery_units));
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("listing:{}", listing.listing.id),
                                listing.listing.moderating_unit_id,
                                std::string(linkage::ListingStateId(old->listing.state)),
                                std::string(linkage::ListingStateId(listing.listing.state))));
  return tx.Commit();
}

core::Result<std::optional<DirectoryListing>> SqliteLinkageStore::FindListing(std::int64_t id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(Dialect(db_, fmt::format(kSelectListings, kListingColumns))));
  select.Bind(1, std::string_view("")).BindNull(2).BindNull(3).BindNull(4);
  select.Bind(5, std::string_view("")).Bind(6, id);
  LIENKET_ASSIGN_OR_RETURN(row, select.Step());
  if (!row) return std::optional<DirectoryListing>();
  LIENKET_ASSIGN_OR_RETURN(listing, ReadListing(select));
  return std::optional<DirectoryListing>(std::move(listing));
}

core::Result<std::vector<DirectoryListing>> SqliteLinkageStore::ListListings(
    const linkage::ListingFilter& filter) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(Dialect(db_, fmt::format(kSelectListings, kListingColumns))));
  select.Bind(1, filter.kind ? linkage::ListingKindId(*filter.kind) : std::string_view(""));
  std::vector<std::string> states;
  for (linkage::ListingState s : filter.states) states.emplace_back(linkage::ListingStateId(s));
  BindList(select, 2, states);
  BindList(select, 3, filter.organisation_ids);
  BindList(select, 4, filter.unit_ids);
  select.Bind(5, filter.dataset).Bind(6, std::int64_t{0});
  std::string text = core::Fold(filter.text);
  std::vector<DirectoryListing> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    LIENKET_ASSIGN_OR_RETURN(listing, ReadListing(select));
    if (!ContainsFolded(core::Fold(listing.title + " " + listing.listing.description), text))
      continue;
    out.push_back(std::move(listing));
  }
  return out;
}

// ---- vetoes, saved searches, alerts

core::Result<std::vector<std::pair<std::int64_t, std::int64_t>>> SqliteLinkageStore::ListVetoes() {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectVetoes));
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    out.emplace_back(select.Int(0), select.Int(1));
  }
  return out;
}

core::Status SqliteLinkageStore::AddVeto(std::int64_t organisation_id, std::int64_t vetoed_id,
                                         const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertVeto));
  insert.Bind(1, organisation_id).Bind(2, vetoed_id).Bind(3, Now());
  LIENKET_RETURN_IF_ERROR(insert.Run());
  LIENKET_RETURN_IF_ERROR(Audit(change, fmt::format("organisation:{}", organisation_id), 0,
                                std::nullopt, fmt::format("veto organisation:{}", vetoed_id)));
  return tx.Commit();
}

core::Result<std::int64_t> SqliteLinkageStore::CreateSavedSearch(
    const linkage::SavedSearch& search) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertSearch));
  nlohmann::json filters = nlohmann::json::object();
  if (search.unit_id != 0) filters["unit_id"] = search.unit_id;
  insert.Bind(1, search.user_id).Bind(2, search.query);
  insert.Bind(3, search.kind ? linkage::ListingKindId(*search.kind) : std::string_view(""));
  insert.Bind(4, filters.dump()).Bind(5, Now());
  return RunReturningId(insert);
}

core::Result<std::vector<linkage::SavedSearch>> SqliteLinkageStore::ListSavedSearches(
    std::optional<std::int64_t> user_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectSearches));
  select.Bind(1, user_id.value_or(0));
  std::vector<linkage::SavedSearch> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    linkage::SavedSearch s;
    s.id = select.Int(0);
    s.user_id = select.Int(1);
    s.query = select.Text(2);
    if (std::string kind = select.Text(3); !kind.empty()) {
      LIENKET_ASSIGN_OR_RETURN(k, linkage::ParseListingKind(kind));
      s.kind = k;
    }
    auto filters = nlohmann::json::parse(select.Text(4), nullptr, /*allow_exceptions=*/false);
    if (filters.is_object() && filters.contains("unit_id") &&
        filters["unit_id"].is_number_integer())
      s.unit_id = filters["unit_id"].get<int>();
    s.created_at = select.Text(5);
    out.push_back(std::move(s));
  }
  return out;
}

core::Status SqliteLinkageStore::DeleteSavedSearch(std::int64_t id, std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteSearch));
  del.Bind(1, id).Bind(2, user_id);
  LIENKET_RETURN_IF_ERROR(del.Run());
  if (db_->Changes() == 0)
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có tìm kiếm đã lưu số {}", id),
                     fmt::format("No saved search with id {}", id));
  return {};
}

core::Result<bool> SqliteLinkageStore::AddAlert(std::int64_t saved_search_id,
                                                std::int64_t listing_id) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAlert));
  insert.Bind(1, saved_search_id).Bind(2, listing_id).Bind(3, Now());
  LIENKET_RETURN_IF_ERROR(insert.Run());
  return db_->Changes() > 0;
}

core::Result<std::vector<linkage::Alert>> SqliteLinkageStore::ListAlerts(std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(select, db_->Prepare(kSelectAlerts));
  select.Bind(1, user_id);
  std::vector<linkage::Alert> out;
  while (true) {
    LIENKET_ASSIGN_OR_RETURN(row, select.Step());
    if (!row) break;
    out.push_back({select.Int(0), select.Int(1), select.Int(2), select.Text(3), select.Text(4),
                   select.Text(5)});
  }
  return out;
}

core::Status SqliteLinkageStore::MarkAlertSeen(std::int64_t alert_id, std::int64_t user_id) {
  LIENKET_ASSIGN_OR_RETURN(update, db_->Prepare(kMarkSeen));
  update.Bind(1, alert_id).Bind(2, user_id).Bind(3, Now());
  LIENKET_RETURN_IF_ERROR(update.Run());
  if (db_->Changes() == 0)
    return MakeError(ErrorCode::kNotFound, fmt::format("Không có thông báo số {}", alert_id),
                     fmt::format("No alert with id {}", alert_id));
  return {};
}

// ---- import and datasets

core::Result<linkage::DirectoryImportResult> SqliteLinkageStore::ApplyImport(
    const linkage::DirectoryPlan& plan, const linkage::DirectoryImportOptions& options,
    const DirectoryChange& change, std::vector<stats::Problem>* problems) {
  std::size_t problems_before = problems->size();
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  linkage::DirectoryImportResult result;
  DirectoryChange audit = change;
  // A producer or owner by tax code, or by name within the province (products only).
  auto find_owner = [&](const std::string& tax_code, const std::string& name,
                        int unit_id) -> core::Result<std::optional<DirectoryOrganisation>> {
    if (!tax_code.empty()) return FindOrganisationByTaxCode(tax_code);
    linkage::OrganisationFilter f;
    if (unit_id != 0) f.unit_ids = {unit_id};
    LIENKET_ASSIGN_OR_RETURN(orgs, ListOrganisations(f));
    for (DirectoryOrganisation& o : orgs)
      if (core::NameKey(o.organisation.name) == core::NameKey(name))
        return std::optional<DirectoryOrganisation>(std::move(o));
    return std::optional<DirectoryOrganisation>();
  };
  switch (plan.kind) {
    case linkage::DirectoryKind::kOrganisations:
      audit.action = "organisation_import";
      for (const linkage::ImportedOrganisation& io : plan.organisations) {
        DirectoryOrganisation d;
        d.organisation = io.organisation;
        d.dataset = options.dataset;
        if (d.organisation.tax_code) {
          LIENKET_ASSIGN_OR_RETURN(existing,
                                   FindOrganisationByTaxCode(d.organisation.tax_code->text()));
          if (existing) {
            problems->push_back(ImportError(
                io.row, "tax_code", d.organisation.tax_code->text(),
                fmt::format("Mã số thuế {} đã có trong danh bạ ({})",
                            d.organisation.tax_code->text(), existing->organisation.name),
                fmt::format("Tax code {} is already in the directory ({})",
                            d.organisation.tax_code->text(), existing->organisation.name)));
            continue;
          }
        }
        if (options.publish) {
          d.organisation.status = linkage::ClaimStatus::kVerified;
          d.organisation.verified_on = options.today;
        }
        LIENKET_ASSIGN_OR_RETURN(id, InsertOrganisation(d, audit));
        (void)id;
        ++result.inserted;
      }
      break;
    case linkage::DirectoryKind::kOcopProducts:
      audit.action = "product_import";
      for (const linkage::ImportedProduct& ip : plan.products) {
        LIENKET_ASSIGN_OR_RETURN(
            owner, find_owner(ip.producer_tax_code, ip.producer_name, ip.producer_unit_id));
        if (!owner) {
          bool by_tax = !ip.producer_tax_code.empty();
          std::string what = by_tax ? ip.producer_tax_code : ip.producer_name;
          problems->push_back(ImportError(
              ip.row, by_tax ? "producer_tax_code" : "producer_name", what,
              fmt::format("Chủ thể \"{}\" chưa có trong danh bạ; hãy nhập tổ chức trước", what),
              fmt::format("Producer \"{}\" is not in the directory; import the organisation "
                          "first",
                          what)));
          continue;
        }
        DirectoryProduct d;
        d.product = ip.product;
        d.product.organisation_id = owner->organisation.id;
        d.dataset = options.dataset;
        auto id = InsertProduct(d, audit);
        if (!id && id.error().code == ErrorCode::kAlreadyExists) {
          problems->push_back(ImportError(ip.row, "name", d.product.name_vi, id.error().message_vi,
                                          id.error().message_en));
          continue;
        }
        LIENKET_RETURN_IF_ERROR(id);
        ++result.inserted;
      }
      break;
    case linkage::DirectoryKind::kListings:
      audit.action = "listing_import";
      for (const linkage::ImportedListing& il : plan.listings) {
        LIENKET_ASSIGN_OR_RETURN(owner, FindOrganisationByTaxCode(il.owner_tax_code));
        if (!owner) {
          problems->push_back(ImportError(
              il.row, "owner_tax_code", il.owner_tax_code,
              fmt::format("Không có tổ chức mã số thuế {} trong danh bạ", il.owner_tax_code),
              fmt::format("No organisation with tax code {} in the directory", il.owner_tax_code)));
          continue;
        }
        DirectoryListing d;
        d.listing = il.listing;
        d.listing.owner_id = owner->organisation.id;
        d.dataset = options.dataset;
        d.created_by = change.user_id;
        d.title = il.product_name.empty() ? il.listing.description : il.product_name;
        if (d.title.size() > 120) d.title = d.title.substr(0, 120);
        d.listing.product_id.reset();
        if (!il.product_name.empty()) {
          linkage::ProductFilter f;
          f.organisation_id = owner->organisation.id;
          LIENKET_ASSIGN_OR_RETURN(products, ListProducts(f));
          for (const DirectoryProduct& p : products)
            if (core::NameKey(p.product.name_vi) == core::NameKey(il.product_name))
              d.listing.product_id = p.product.id;
          if (!d.listing.product_id && d.listing.kind == linkage::ListingKind::kOffer) {
            problems->push_back(
                ImportError(il.row, "product", il.product_name,
                            fmt::format("{} chưa có sản phẩm \"{}\" trong danh bạ",
                                        owner->organisation.name, il.product_name),
                            fmt::format("{} has no product \"{}\" in the directory",
                                        owner->organisation.name, il.product_name)));
            continue;
          }
          if (!d.listing.product_id && d.listing.description.empty())
            d.listing.description = il.product_name;
        }
        if (options.publish) {
          d.listing.state = linkage::ListingState::kPublished;
          d.listing.moderating_unit_id = units_->SuccessorOf(owner->organisation.unit_id);
          d.listing.published_on = options.today;
        }
        LIENKET_ASSIGN_OR_RETURN(id, InsertListing(d, audit));
        (void)id;
        ++result.inserted;
      }
      break;
  }
  if (problems->size() > problems_before) {
    std::size_t count = problems->size() - problems_before;
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("Tệp có {} lỗi khi đối chiếu với danh bạ; chưa ghi gì", count),
                     fmt::format("The file has {} problems against the directory; nothing was "
                                 "written",
                                 count));
  }
  if (options.dry_run) return result;  // the transaction rolls back
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return result;
}

core::Result<std::int64_t> SqliteLinkageStore::DeleteDataset(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  for (std::string_view sql : {kDeleteListingsOfDataset, kDeleteProductsOfDataset}) {
    LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(sql));
    del.Bind(1, dataset);
    LIENKET_RETURN_IF_ERROR(del.Run());
  }
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteOrgsOfDataset));
  del.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(del.Run());
  std::int64_t removed = db_->Changes();
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return removed;
}

core::Result<SqliteLinkageStore::IllustrativeCounts> SqliteLinkageStore::LoadIllustrative(
    const core::Date& today) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(removed, DeleteDataset(std::string(linkage::kDatasetIllustrative)));
  (void)removed;
  IllustrativeCounts counts;
  struct File {
    linkage::DirectoryKind kind;
    std::string_view path;
    std::int64_t* count;
  };
  const File files[] = {{linkage::DirectoryKind::kOrganisations,
                         "data/illustrative/linkage/organisations.csv", &counts.organisations},
                        {linkage::DirectoryKind::kOcopProducts,
                         "data/illustrative/linkage/ocop_products.csv", &counts.products},
                        {linkage::DirectoryKind::kListings,
                         "data/illustrative/linkage/listings.csv", &counts.listings}};
  DirectoryChange change;
  change.user_login = "lienket (demo load)";
  change.via = "cli";
  for (const File& f : files) {
    auto bytes = FindEmbedded(f.path);
    if (!bytes)
      return MakeError(ErrorCode::kInternal, fmt::format("Thiếu tệp {}", f.path),
                       fmt::format("{} is missing from the program", f.path));
    linkage::DirectoryPlan plan =
        linkage::ValidateDirectoryCsv(f.kind, *bytes, *units_, {kDemoReferenceDate});
    std::vector<stats::Problem> problems;
    for (const stats::Problem& p : plan.problems)
      if (p.severity == stats::Severity::kError) problems.push_back(p);
    for (linkage::ImportedListing& l : plan.listings) {
      while (l.listing.valid_to < today) {
        l.listing.valid_from = linkage::AddMonths(l.listing.valid_from, 12);
        l.listing.valid_to = linkage::AddMonths(l.listing.valid_to, 12);
      }
    }
    if (problems.empty()) {
      linkage::DirectoryImportOptions options;
      options.dataset = std::string(linkage::kDatasetIllustrative);
      options.publish = true;
      options.today = today;
      auto applied = ApplyImport(plan, options, change, &problems);
      if (applied) *f.count = applied->inserted;
    }
    if (!problems.empty())
      return MakeError(ErrorCode::kInternal,
                       fmt::format("{} dòng {}, cột {}: {}", f.path, problems[0].row,
                                   problems[0].column, problems[0].message_vi),
                       fmt::format("{} row {}, column {}: {}", f.path, problems[0].row,
                                   problems[0].column, problems[0].message_en));
  }
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace lienket::store
