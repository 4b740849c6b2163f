// SqliteLinkageStore over a fresh database: organisations, products and listings round trip
// field by field, tax codes are unique, listing transitions and delivery provinces persist, a
// stale write is refused, an import that cannot be resolved writes nothing, saved searches and
// alerts belong to their user, and a dataset is removed whole. Every write leaves an audit row.
#include "store/sqlite_linkage_store.hpp"
#include "store/test_database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace lienket::store {
namespace {

namespace fs = std::filesystem;
using core::Date;
using core::Decimal;

// A valid tax code from nine digits, trying the next prefixes when no check digit exists.
std::string TaxCodeFrom(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}

class SqliteLinkageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_linkage_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    database_ = std::make_unique<TestDatabase>((dir_ / "test.db").string());
    auto store = SqliteStore::Open(database_->url());
    ASSERT_TRUE(store) << store.error().message_en;
    store_ = std::move(*store);
    auto units = store_->LoadUnits();
    ASSERT_TRUE(units) << units.error().message_en;
    units_ = std::move(*units);
    linkage_ = std::make_unique<SqliteLinkageStore>(store_.get(), &units_);
  }
  void TearDown() override {
    linkage_.reset();
    store_.reset();
    database_.reset();
    fs::remove_all(dir_);
  }

  int Unit(std::string_view key) { return units_.FindByKey(key)->id; }

  linkage::DirectoryOrganisation Org(std::string name, long long nine, std::string_view unit) {
    linkage::DirectoryOrganisation d;
    d.organisation.kind = linkage::OrganisationKind::kCooperative;
    d.organisation.name = std::move(name);
    d.organisation.tax_code = *linkage::TaxCode::Parse(TaxCodeFrom(nine));
    d.organisation.unit_id = Unit(unit);
    d.organisation.registered_on = Date{2019, 3, 15};
    d.organisation.address = "Lục Ngạn";
    d.organisation.vsic_section = 'A';
    d.organisation.contact = {"Nguyễn Văn A", "+84912345678", "htx@example.vn"};
    return d;
  }

  std::int64_t AuditRows(std::string_view entity) {
    auto s = store_->db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity = ?");
    s->Bind(1, entity);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }

  linkage::DirectoryChange Change(std::string action) {
    linkage::DirectoryChange c;
    c.user_login = "test";
    c.via = "cli";
    c.action = std::move(action);
    return c;
  }

  fs::path dir_;
  std::unique_ptr<TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::unique_ptr<SqliteStore> store_;
  stats::UnitCatalog units_;
  std::unique_ptr<SqliteLinkageStore> linkage_;
};

TEST_F(SqliteLinkageStoreTest, OrganisationRoundTripAndUniqueTaxCode) {
  auto org = Org("HTX Vải thiều Lục Ngạn", 240100001, "bac-giang");
  auto id = linkage_->CreateOrganisation(org, Change("organisation_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  auto found = linkage_->FindOrganisation(*id);
  ASSERT_TRUE(found && *found);
  const linkage::Organisation& o = (*found)->organisation;
  EXPECT_EQ(o.name, "HTX Vải thiều Lục Ngạn");
  EXPECT_EQ(o.kind, linkage::OrganisationKind::kCooperative);
  EXPECT_EQ(o.tax_code->text(), org.organisation.tax_code->text());
  EXPECT_EQ(o.unit_id, Unit("bac-giang"));
  EXPECT_EQ(o.registered_on, (Date{2019, 3, 15}));
  EXPECT_EQ(o.vsic_section, 'A');
  EXPECT_EQ(o.contact.phone, "+84912345678");
  EXPECT_EQ(o.status, linkage::ClaimStatus::kUnclaimed);
  EXPECT_EQ((*found)->dataset, "observed");
  EXPECT_EQ(AuditRows(fmt::format("organisation:{}", *id)), 1);

  auto twice = linkage_->CreateOrganisation(Org("Tên khác", 240100001, "ha-noi"),
                                            Change("organisation_create"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, core::ErrorCode::kAlreadyExists);

  auto by_tax = linkage_->FindOrganisationByTaxCode(org.organisation.tax_code->text());
  ASSERT_TRUE(by_tax && *by_tax);
  EXPECT_EQ((*by_tax)->organisation.id, *id);

  // Claim and verification persist.
  linkage::DirectoryOrganisation changed = **found;
  changed.organisation.status = linkage::ClaimStatus::kVerified;
  changed.organisation.verified_on = Date{2024, 6, 1};
  ASSERT_TRUE(linkage_->UpdateOrganisation(changed, Change("organisation_verify")));
  auto again = linkage_->FindOrganisation(*id);
  EXPECT_EQ((*again)->organisation.status, linkage::ClaimStatus::kVerified);
  EXPECT_EQ((*again)->organisation.verified_on, (Date{2024, 6, 1}));
  EXPECT_EQ(AuditRows(fmt::format("organisation:{}", *id)), 2);

  linkage::OrganisationFilter f;
  f.text = "vai thieu";  // folded search finds the marked name
  EXPECT_EQ(linkage_->ListOrganisations(f)->size(), 1u);
  f.unit_ids = {Unit("ha-noi")};
  EXPECT_EQ(linkage_->ListOrganisations(f)->size(), 0u);
}

TEST_F(SqliteLinkageStoreTest, ProductRoundTrip) {
  auto org = linkage_->CreateOrganisation(Org("HTX", 240100002, "bac-giang"), Change("c"));
  ASSERT_TRUE(org);
  linkage::DirectoryProduct d;
  linkage::Product& p = d.product;
  p.organisation_id = *org;
  p.name_vi = "Vải thiều Lục Ngạn";
  p.vcpa = *linkage::VcpaCode::Parse("01215");
  p.hs = *linkage::HsCode::Parse("08109010");
  p.ocop = linkage::OcopCertificate{linkage::OcopGroup::kFood, 4, Date{2023, 5, 20}};
  p.certifications = {linkage::Certification::kVietGap, linkage::Certification::kGrowingAreaCode};
  p.unit = linkage::ProductUnit::kTonne;
  p.capacity_per_year = *Decimal::Parse("1200.5");
  p.season = linkage::MonthSet::Range(5, 7);
  p.price = linkage::PriceRange{*Decimal::Parse("25000"), *Decimal::Parse("40000")};
  p.packaging = "thùng 10 kg";
  auto id = linkage_->CreateProduct(d, Change("product_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  auto found = linkage_->FindProduct(*id);
  ASSERT_TRUE(found && *found);
  const linkage::Product& q = (*found)->product;
  EXPECT_EQ(q.name_vi, p.name_vi);
  EXPECT_EQ(q.vcpa->ToString(), "01215");
  EXPECT_EQ(q.hs->digits(), "08109010");
  EXPECT_EQ(q.ocop->stars, 4);
  EXPECT_EQ(q.ocop->certified_on, (Date{2023, 5, 20}));
  EXPECT_EQ(q.certifications, p.certifications);
  EXPECT_EQ(q.unit, linkage::ProductUnit::kTonne);
  EXPECT_EQ(q.capacity_per_year->ToString(), p.capacity_per_year->ToString());
  EXPECT_EQ(q.season, p.season);
  EXPECT_EQ(q.price, p.price);
  EXPECT_EQ(q.packaging, "thùng 10 kg");

  auto same_name = linkage_->CreateProduct(d, Change("product_create"));
  ASSERT_FALSE(same_name);
  EXPECT_EQ(same_name.error().code, core::ErrorCode::kAlreadyExists);
}

TEST_F(SqliteLinkageStoreTest, ListingTransitionsDeliveryAndStaleWrites) {
  auto org = linkage_->CreateOrganisation(Org("HTX", 240100003, "bac-giang"), Change("c"));
  ASSERT_TRUE(org);
  linkage::DirectoryListing d;
  d.title = "Cần mua vải thiều";
  d.listing.kind = linkage::ListingKind::kRequest;
  d.listing.owner_id = *org;
  d.listing.description = "vải thiều tươi loại 1";
  d.listing.vcpa = *linkage::VcpaCode::Parse("01215");
  d.listing.quantity = {*Decimal::Parse("50"), linkage::ProductUnit::kTonne};
  d.listing.valid_from = Date{2027, 6, 1};
  d.listing.valid_to = Date{2027, 6, 30};
  d.listing.delivery_units = {Unit("thanh-hoa"), Unit("nghe-an")};
  d.listing.min_stars = 3;
  auto id = linkage_->CreateListing(d, Change("listing_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  auto found = linkage_->FindListing(*id);
  ASSERT_TRUE(found && *found);
  linkage::DirectoryListing l = **found;
  EXPECT_EQ(l.title, d.title);
  EXPECT_EQ(l.listing.state, linkage::ListingState::kDraft);
  EXPECT_EQ(l.listing.quantity.amount.ToString(), "50");
  EXPECT_EQ(l.listing.delivery_units.size(), 2u);
  EXPECT_EQ(l.listing.min_stars, 3);
  EXPECT_FALSE(l.listing.product_id.has_value());

  std::string stale = l.updated_at;
  ASSERT_TRUE(l.listing.Submit(Unit("bac-ninh-2025")));
  ASSERT_TRUE(linkage_->UpdateListing(l, stale, Change("listing_submit")));
  auto pending = linkage_->FindListing(*id);
  EXPECT_EQ((*pending)->listing.state, linkage::ListingState::kPending);
  EXPECT_EQ((*pending)->listing.moderating_unit_id, Unit("bac-ninh-2025"));
  // A second writer holding the old version is refused.
  auto late = linkage_->UpdateListing(l, stale, Change("listing_submit"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(AuditRows(fmt::format("listing:{}", *id)), 2);

  linkage::ListingFilter f;
  f.states = {linkage::ListingState::kPending};
  EXPECT_EQ(linkage_->ListListings(f)->size(), 1u);
  f.states = {linkage::ListingState::kPublished};
  EXPECT_EQ(linkage_->ListListings(f)->size(), 0u);
}

TEST_F(SqliteLinkageStoreTest, ImportWithAnUnknownOwnerWritesNothing) {
  auto org = linkage_->CreateOrganisation(Org("HTX", 240100004, "bac-giang"), Change("c"));
  ASSERT_TRUE(org);
  std::string known = TaxCodeFrom(240100004);
  std::string unknown = TaxCodeFrom(240100900);
  std::string csv = fmt::format(
      "kind,owner_tax_code,description,quantity,unit,valid_from,valid_to\n"
      "cầu,{},vải thiều,10,tấn,2027-06-01,2027-06-30\n"
      "cầu,{},nhãn lồng,5,tấn,2027-07-01,2027-08-30\n",
      known, unknown);
  auto plan = linkage::ValidateDirectoryCsv(linkage::DirectoryKind::kListings, csv, units_,
                                            {Date{2026, 1, 1}});
  ASSERT_EQ(plan.ErrorCount(), 0u);
  std::vector<stats::Problem> problems;
  auto applied = linkage_->ApplyImport(plan, {}, Change("listing_import"), &problems);
  ASSERT_FALSE(applied);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].row, 3);
  EXPECT_EQ(problems[0].column, "owner_tax_code");
  EXPECT_EQ(linkage_->ListListings({})->size(), 0u);
}

TEST_F(SqliteLinkageStoreTest, SavedSearchesAlertsAndDatasetRemoval) {
  linkage::DirectoryOrganisation demo = Org("HTX minh họa", 240100005, "bac-giang");
  demo.dataset = "illustrative";
  auto org = linkage_->CreateOrganisation(demo, Change("c"));
  ASSERT_TRUE(org);
  linkage::DirectoryListing d;
  d.title = "Vải";
  d.dataset = "illustrative";
  d.listing.kind = linkage::ListingKind::kRequest;
  d.listing.owner_id = *org;
  d.listing.description = "vải";
  d.listing.quantity = {*Decimal::Parse("1"), linkage::ProductUnit::kTonne};
  d.listing.valid_from = Date{2027, 6, 1};
  d.listing.valid_to = Date{2027, 6, 30};
  auto listing = linkage_->CreateListing(d, Change("c"));
  ASSERT_TRUE(listing);

  // Users 1 and 2 must exist for the foreign keys.
  for (const char* login : {"mot", "hai"}) {
    auto s = store_->db()->Prepare(
        "INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) "
        "VALUES (?, ?, 'enterprise', 'x', '', '')");
    s->Bind(1, std::string_view(login)).Bind(2, std::string_view(login));
    ASSERT_TRUE(s->Run());
  }
  linkage::SavedSearch s;
  s.user_id = 1;
  s.query = "vải thiều";
  s.kind = linkage::ListingKind::kRequest;
  s.unit_id = Unit("bac-giang");
  auto search = linkage_->CreateSavedSearch(s);
  ASSERT_TRUE(search);
  auto searches = linkage_->ListSavedSearches(1);
  ASSERT_EQ(searches->size(), 1u);
  EXPECT_EQ((*searches)[0].unit_id, Unit("bac-giang"));
  EXPECT_EQ((*searches)[0].kind, linkage::ListingKind::kRequest);
  EXPECT_TRUE(*linkage_->AddAlert(*search, *listing));
  EXPECT_FALSE(*linkage_->AddAlert(*search, *listing));  // once per pair
  ASSERT_EQ(linkage_->ListAlerts(1)->size(), 1u);
  EXPECT_EQ(linkage_->ListAlerts(2)->size(), 0u);
  std::int64_t alert = (*linkage_->ListAlerts(1))[0].id;
  EXPECT_FALSE(linkage_->MarkAlertSeen(alert, 2));  // not theirs
  ASSERT_TRUE(linkage_->MarkAlertSeen(alert, 1));
  EXPECT_FALSE((*linkage_->ListAlerts(1))[0].seen_at.empty());
  EXPECT_FALSE(linkage_->DeleteSavedSearch(*search, 2));

  auto removed = linkage_->DeleteDataset("illustrative");
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(linkage_->ListListings({})->size(), 0u);
  EXPECT_EQ(linkage_->ListAlerts(1)->size(), 0u);
}

TEST_F(SqliteLinkageStoreTest, ShippedDemoDirectoryLoadsTwiceTheSameAndPublishesInSeason) {
  Date today = Date::Today();
  auto first = linkage_->LoadIllustrative(today);
  ASSERT_TRUE(first) << first.error().message_en;
  EXPECT_GE(first->organisations, 120);
  EXPECT_GE(first->products, 150);
  EXPECT_GE(first->listings, 250);
  auto second = linkage_->LoadIllustrative(today);  // replaces, never duplicates
  ASSERT_TRUE(second) << second.error().message_en;
  EXPECT_EQ(second->listings, first->listings);
  linkage::ListingFilter f;
  f.dataset = "illustrative";
  auto listings = linkage_->ListListings(f);
  ASSERT_EQ(static_cast<std::int64_t>(listings->size()), first->listings);
  for (const auto& l : *listings) {
    EXPECT_EQ(l.listing.state, linkage::ListingState::kPublished);
    EXPECT_TRUE(l.listing.IsPublicOn(today)) << l.title << " " << l.listing.valid_to.ToString();
  }
  linkage::OrganisationFilter of;
  of.dataset = "illustrative";
  auto orgs = linkage_->ListOrganisations(of);
  for (const auto& o : *orgs) EXPECT_EQ(o.organisation.status, linkage::ClaimStatus::kVerified);
  auto removed = linkage_->DeleteDataset("illustrative");
  EXPECT_EQ(*removed, first->organisations);
  EXPECT_EQ(linkage_->ListListings({})->size(), 0u);
}

}  // namespace
}  // namespace lienket::store
