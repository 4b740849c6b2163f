// The JSON bodies of the API: api::ParseJsonBody with the allowed fields of the routes, then
// api::StringField and the linkage parsers the routes apply to the string fields (tax codes,
// harvest months, dates, numbers, phones, e-mails, VCPA/HS codes, OCOP stars, units).
// Invariants: an accepted body is an object with only allowed keys; StringField fails exactly
// for present non-null non-string values; every parser's canonical output parses back to the
// same value (TaxCode, MonthSet, Date, Decimal, phone, e-mail, VCPA, HS, product unit) and a tax
// code's check digit is the one TaxCodeCheckDigit computes. Every MonthSet (all 4096) also
// round-trips through ToString and ParseMonthSet, checked once.
//
// The field lists mirror the routes (src/api/*_routes.cpp); the routes' own helpers (Text,
// Number, ReadValues) are file-local there, so this target applies the parsers the same way:
// strings trimmed, other JSON values as their JSON text.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "core/date.hpp"
#include "core/number_format.hpp"
#include "core/period.hpp"
#include "core/vi_text.hpp"
#include "fuzz_check.hpp"
#include "linkage/organisation.hpp"
#include "linkage/product.hpp"
#include "linkage/tax_code.hpp"

namespace {

using nlohmann::json;
namespace core = lienket::core;
namespace linkage = lienket::linkage;

// The allowed fields of the routes that read a JSON body.
const std::vector<std::vector<std::string>>& RouteFields() {
  static const std::vector<std::vector<std::string>> kFields = {
      {"login", "password"},                                    // POST /api/login
      {"old_password", "new_password"},                         // POST /api/me/password
      {"form", "period", "region"},                             // coordination reminders
      {"values"},                                               // submission check / put
      {"accept_warnings", "comment"},                           // submit
      {"reason"},                                               // reopen, listing reject
      {"valid_to"},                                             // listing renew
      {"login", "display_name", "password", "role", "unit", "region", "email", "active"},
      {"query", "kind", "unit"},                                // saved searches
      {"kind", "name", "tax_code", "citizen_id", "unit", "registered_on", "address", "sector",
       "contact_person", "phone", "email"},                     // organisations
      {"organisation", "name_vi", "local_name", "vcpa", "hs", "ocop_group", "ocop_stars",
       "ocop_certified_on", "certifications", "unit", "capacity_per_year", "harvest_months",
       "price_min", "price_max", "packaging"},                  // products
      {"kind", "organisation", "product", "title", "description", "vcpa", "hs", "quantity",
       "min_order", "price_min", "price_max", "window", "delivery_units", "required_stars",
       "required_certifications"},                              // listings
      {},                                                       // verify: no fields
  };
  return kFields;
}

// A field as the linkage routes read it: absent -> nullopt, null -> "", strings trimmed, other
// values as JSON text.
std::optional<std::string> Text(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  if (it->is_null()) return std::string();
  if (it->is_string()) return std::string(core::TrimSpaces(it->get<std::string>()));
  return it->dump(-1, ' ', false, json::error_handler_t::replace);
}

void CheckTaxCode(const std::string& text) {
  auto code = linkage::TaxCode::Parse(text);
  if (!code) return;
  const std::string& canonical = code->text();
  FUZZ_CHECK(canonical.size() == 10 || canonical.size() == 14, canonical);
  FUZZ_CHECK(code->IsBranch() == (canonical.size() == 14), canonical);
  auto check = linkage::TaxCodeCheckDigit(canonical.substr(0, 9));
  FUZZ_CHECK(check && *check == canonical[9] - '0', canonical);
  auto again = linkage::TaxCode::Parse(canonical);
  FUZZ_CHECK(again && *again == *code, canonical);
  if (code->IsBranch()) FUZZ_CHECK(code->BranchSuffix() != "000", canonical);
}

void CheckMonths(const std::string& text) {
  auto months = linkage::ParseMonthSet(text);
  if (!months || months->IsEmpty()) return;
  std::string shown = months->ToString();
  auto again = linkage::ParseMonthSet(shown);
  FUZZ_CHECK(again && *again == *months, shown);
}

void CheckAllMonthSets() {
  for (unsigned bits = 1; bits < 4096; ++bits) {
    auto set = linkage::MonthSet::FromBits(static_cast<std::uint16_t>(bits));
    std::string shown = set.ToString();
    auto again = linkage::ParseMonthSet(shown);
    FUZZ_CHECK(again && *again == set, shown);
  }
}

void CheckDate(const std::string& text) {
  auto d = core::Date::Parse(text);
  if (!d) return;
  auto again = core::Date::Parse(d->ToString());
  FUZZ_CHECK(again && *again == *d, text);
}

void CheckNumber(const std::string& text) {
  auto n = core::ParseNumber(text);
  if (!n) return;
  auto again = core::Decimal::Parse(n->ToString());
  FUZZ_CHECK(again && *again == *n, text);
}

void CheckStringFields(const json& body) {
  if (auto v = Text(body, "tax_code")) CheckTaxCode(*v);
  if (auto v = Text(body, "harvest_months")) CheckMonths(*v);
  for (const char* f : {"registered_on", "ocop_certified_on", "valid_to"})
    if (auto v = Text(body, f)) CheckDate(*v);
  for (const char* f : {"capacity_per_year", "price_min", "price_max", "min_order"})
    if (auto v = Text(body, f)) CheckNumber(*v);
  if (auto v = Text(body, "period")) {
    if (auto p = core::Period::Parse(*v)) {
      auto again = core::Period::Parse(p->Code());
      FUZZ_CHECK(again && *again == *p, *v);
    }
  }
  if (auto v = Text(body, "citizen_id")) {
    if (auto id = linkage::ParseCitizenId(*v)) {
      FUZZ_CHECK(id->size() == 12, *id);
      for (char c : *id) FUZZ_CHECK(c >= '0' && c <= '9', *id);
    }
  }
  if (auto v = Text(body, "phone")) {
    if (auto phone = linkage::NormalisePhone(*v)) {
      FUZZ_CHECK(phone->rfind("+84", 0) == 0, *phone);
      auto again = linkage::NormalisePhone(*phone);
      FUZZ_CHECK(again && *again == *phone, *phone);
    }
  }
  if (auto v = Text(body, "email")) {
    if (auto email = linkage::NormaliseEmail(*v)) {
      auto again = linkage::NormaliseEmail(*email);
      FUZZ_CHECK(again && *again == *email, *email);
    }
  }
  if (auto v = Text(body, "sector")) {
    if (auto s = linkage::ParseVsicSection(*v)) FUZZ_CHECK(*s >= 'A' && *s <= 'U', *v);
  }
  if (auto v = Text(body, "kind")) (void)linkage::ParseOrganisationKind(*v);
  if (auto v = Text(body, "vcpa")) {
    if (auto code = linkage::VcpaCode::Parse(*v)) {
      auto again = linkage::VcpaCode::Parse(code->ToString());
      FUZZ_CHECK(again && *again == *code, code->ToString());
    }
  }
  if (auto v = Text(body, "hs")) {
    if (auto code = linkage::HsCode::Parse(*v)) {
      auto again = linkage::HsCode::Parse(code->digits());
      FUZZ_CHECK(again && *again == *code, code->digits());
    }
  }
  if (auto v = Text(body, "ocop_stars")) {
    if (auto stars = linkage::ParseOcopStars(*v)) FUZZ_CHECK(*stars >= 3 && *stars <= 5, *v);
  }
  if (auto v = Text(body, "certifications")) (void)linkage::ParseCertifications(*v);
  if (auto v = Text(body, "unit")) {
    if (auto unit = linkage::ParseProductUnit(*v)) {
      std::string id(linkage::ProductUnitId(*unit));
      auto again = linkage::ParseProductUnit(id);
      FUZZ_CHECK(again && *again == *unit, id);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool month_sets_checked = (CheckAllMonthSets(), true);
  (void)month_sets_checked;

  const std::string body(reinterpret_cast<const char*>(data), size);
  for (const std::vector<std::string>& allowed : RouteFields()) {
    auto parsed = lienket::api::ParseJsonBody(body, allowed);
    if (!parsed) {
      FUZZ_CHECK(parsed.error().code == core::ErrorCode::kInvalidArgument, body);
      continue;
    }
    FUZZ_CHECK(parsed->is_object(), body);
    for (const auto& [key, value] : parsed->items()) {
      bool known = false;
      for (const std::string& a : allowed) known = known || a == key;
      FUZZ_CHECK(known, key);
    }
    for (const std::string& field : allowed) {
      auto text = lienket::api::StringField(*parsed, field);
      auto it = parsed->find(field);
      bool should_fail = it != parsed->end() && !it->is_null() && !it->is_string();
      FUZZ_CHECK(text.has_value() != should_fail, field);
      if (text && it != parsed->end() && it->is_string())
        FUZZ_CHECK(*text == it->get<std::string>(), field);
    }
    CheckStringFields(*parsed);
  }
  return 0;
}
