// SqliteDealStore over a fresh database: a deal and its lines and listings round trip, a missing
// party is refused and writes nothing, the unit/organisation filters of the deal lists, follow-ups
// recorded and corrected (each audited as "deal:ID" with the old figures), a dataset removed whole,
// and the illustrative deals built from the illustrative directory feed a flow matrix.
#include "store/sqlite_deal_store.hpp"
#include "store/test_database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "linkage/flows.hpp"
#include "store/sqlite_linkage_store.hpp"

namespace lienket::store {
namespace {

namespace fs = std::filesystem;
using core::Date;
using core::Decimal;

std::string TaxCodeFrom(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}
Decimal D(std::string_view s) { return *Decimal::Parse(s); }

class SqliteDealStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lienket_deal_store_test_" + std::to_string(::getpid()) + "_" +
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
    directory_ = std::make_unique<SqliteLinkageStore>(store_.get(), &units_);
    deals_ = std::make_unique<SqliteDealStore>(store_.get(), &units_);
  }
  void TearDown() override {
    deals_.reset();
    directory_.reset();
    store_.reset();
    database_.reset();
    fs::remove_all(dir_);
  }

  int Unit(std::string_view key) { return units_.FindByKey(key)->id; }

  std::int64_t Org(std::string name, long long nine, std::string_view unit) {
    linkage::DirectoryOrganisation d;
    d.organisation.kind = linkage::OrganisationKind::kEnterprise;
    d.organisation.name = std::move(name);
    d.organisation.tax_code = *linkage::TaxCode::Parse(TaxCodeFrom(nine));
    d.organisation.unit_id = Unit(unit);
    d.organisation.registered_on = Date{2019, 3, 15};
    auto id = directory_->CreateOrganisation(d, Change("organisation_create"));
    EXPECT_TRUE(id) << id.error().message_en;
    return id.value_or(0);
  }

  linkage::DirectoryChange Change(std::string action) {
    linkage::DirectoryChange c;
    c.user_login = "test";
    c.via = "cli";
    c.action = std::move(action);
    return c;
  }

  // The first column of the first row of `s`, with `arg` bound to ?1 when given.
  std::int64_t Count(core::Result<Statement> s, std::string_view arg = "") {
    if (!arg.empty()) s->Bind(1, arg);
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }
  SqliteDb* db() { return store_->db(); }

  linkage::Deal Lychee(std::int64_t seller, std::int64_t buyer) {
    linkage::Deal d;
    d.type = linkage::DealType::kPurchaseContract;
    d.title = "Hợp đồng tiêu thụ vải thiều";
    d.signed_on = Date{2025, 5, 20};
    d.seller_id = seller;
    d.buyer_id = buyer;
    d.origin_unit_id = Unit("bac-giang");
    d.destination_unit_id = Unit("thanh-hoa");
    d.lines.push_back({"Vải thiều Lục Ngạn", 0,
                       linkage::ProductGroup::Ocop(linkage::OcopGroup::kFood), D("120"),
                       linkage::ProductUnit::kTonne, D("3600000000")});
    d.lines.push_back({"Vải sấy", 0, linkage::ProductGroup::Vcpa('C'), D("1500"),
                       linkage::ProductUnit::kKilogram, D("180000000.5")});
    d.note = "Ký tại hội nghị";
    return d;
  }

  fs::path dir_;
  std::unique_ptr<TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::unique_ptr<SqliteStore> store_;
  stats::UnitCatalog units_;
  std::unique_ptr<SqliteLinkageStore> directory_;
  std::unique_ptr<SqliteDealStore> deals_;
};

TEST_F(SqliteDealStoreTest, DealRoundTripsWithLinesAndAudit) {
  const std::int64_t seller = Org("HTX Vải thiều Phượng Sơn", 240200001, "bac-giang");
  const std::int64_t buyer = Org("Siêu thị Thanh Hóa", 280100001, "thanh-hoa");
  auto id = deals_->CreateDeal(Lychee(seller, buyer), "observed", Change("deal_create"));
  ASSERT_TRUE(id) << id.error().message_en;
  auto found = deals_->FindDeal(*id);
  ASSERT_TRUE(found && *found);
  const StoredDeal& s = **found;
  EXPECT_EQ(s.deal.title, "Hợp đồng tiêu thụ vải thiều");
  EXPECT_EQ(s.deal.signed_on, (Date{2025, 5, 20}));
  EXPECT_EQ(s.seller_name, "HTX Vải thiều Phượng Sơn");
  EXPECT_EQ(s.buyer_name, "Siêu thị Thanh Hóa");
  EXPECT_EQ(s.deal.origin_unit_id, Unit("bac-giang"));
  ASSERT_EQ(s.deal.lines.size(), 2U);
  EXPECT_EQ(s.deal.lines[1].value, D("180000000.5"));
  EXPECT_EQ(s.deal.lines[1].unit, linkage::ProductUnit::kKilogram);
  EXPECT_EQ(s.deal.lines[1].group.Id(), "vcpa-c");
  EXPECT_EQ(s.deal.note, "Ký tại hội nghị");
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity = ?1"),
                  fmt::format("deal:{}", *id)),
            1);
  EXPECT_FALSE(*deals_->FindDeal(*id + 100));
}

TEST_F(SqliteDealStoreTest, MissingPartyIsRefusedAndNothingIsWritten) {
  const std::int64_t seller = Org("HTX Vải thiều Phượng Sơn", 240200001, "bac-giang");
  auto id = deals_->CreateDeal(Lychee(seller, 9999), "observed", Change("deal_create"));
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM deals")), 0);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM deal_lines")), 0);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity LIKE 'deal:%'")), 0);
}

TEST_F(SqliteDealStoreTest, ListsFilterByProvinceOrParty) {
  const std::int64_t bg = Org("HTX Vải thiều", 240200001, "bac-giang");
  const std::int64_t th = Org("Siêu thị Thanh Hóa", 280100001, "thanh-hoa");
  const std::int64_t na = Org("Công ty Nghệ An", 290100001, "nghe-an");
  ASSERT_TRUE(deals_->CreateDeal(Lychee(bg, th), "observed", Change("deal_create")));
  linkage::Deal other = Lychee(na, th);
  other.origin_unit_id = Unit("nghe-an");
  other.signed_on = Date{2024, 1, 5};
  ASSERT_TRUE(deals_->CreateDeal(other, "observed", Change("deal_create")));

  DealFilter f;
  EXPECT_EQ(deals_->ListDeals(f)->size(), 2U);
  f.unit_ids = {Unit("bac-giang")};
  EXPECT_EQ(deals_->ListDeals(f)->size(), 1U);
  f.organisation_ids = {na};  // OR: Bắc Giang's deals and Nghệ An company's
  EXPECT_EQ(deals_->ListDeals(f)->size(), 2U);
  f = {};
  f.unit_ids = {Unit("thanh-hoa")};
  f.from = Date{2025, 1, 1};
  auto list = deals_->ListDeals(f);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ(list->front().deal.seller_id, bg);
}

TEST_F(SqliteDealStoreTest, FollowUpsAreRecordedCorrectedAndAudited) {
  const std::int64_t seller = Org("HTX Vải thiều", 240200001, "bac-giang");
  const std::int64_t buyer = Org("Siêu thị Thanh Hóa", 280100001, "thanh-hoa");
  auto id = deals_->CreateDeal(Lychee(seller, buyer), "observed", Change("deal_create"));
  ASSERT_TRUE(id);
  linkage::FollowUp f{
      *id, 3, Date{2025, 8, 21}, {{D("50"), D("1500000000")}, {D("0"), D("0")}}, "đã giao đợt 1",
      0};
  ASSERT_TRUE(deals_->RecordFollowUp(f, Change("deal_follow_up")));
  f.lines[0].quantity = D("55");
  ASSERT_TRUE(deals_->RecordFollowUp(f, Change("deal_follow_up")));
  linkage::FollowUp six{*id, 6, Date{2025, 11, 20}, {{D("100"), D("3000000000")}, {D("0"), D("0")}},
                        "",  0};
  ASSERT_TRUE(deals_->RecordFollowUp(six, Change("deal_follow_up")));
  auto rows = deals_->ListFollowUps({*id});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].months, 3);
  EXPECT_EQ((*rows)[0].lines[0].quantity, D("55"));
  EXPECT_EQ((*rows)[0].note, "đã giao đợt 1");
  EXPECT_EQ((*rows)[1].lines[0].value, D("3000000000"));
  // Creation, two writes of the 3-month follow-up (the second keeps the old figures), the 6-month.
  const std::string entity = fmt::format("deal:{}", *id);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity = ?1"), entity), 4);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM audit_log WHERE entity = ?1 AND "
                                "old_value LIKE '%\"delivered_quantity\":\"50\"%'"),
                  entity),
            1);
  EXPECT_FALSE(
      deals_->RecordFollowUp({*id + 7, 3, Date{2025, 8, 21}, {}, "", 0}, Change("deal_follow_up")));
}

TEST_F(SqliteDealStoreTest, IllustrativeDealsFeedTheMatrixAndAreRemovedWhole) {
  const Date today{2026, 11, 26};
  ASSERT_TRUE(directory_->LoadIllustrative(today));
  auto loaded = deals_->LoadIllustrative(today);
  ASSERT_TRUE(loaded) << loaded.error().message_en;
  EXPECT_GE(loaded->deals, 100);
  EXPECT_GT(loaded->follow_ups, 100);
  DealFilter f;
  f.dataset = "illustrative";
  auto all = deals_->ListDeals(f);
  ASSERT_TRUE(all);
  EXPECT_EQ(static_cast<std::int64_t>(all->size()), loaded->deals);
  std::vector<linkage::Deal> deals;
  for (const StoredDeal& s : *all) {
    EXPECT_TRUE(linkage::ValidateDeal(s.deal, units_, today).empty()) << s.deal.title;
    EXPECT_NE(s.deal.title.find("minh họa"), std::string::npos);
    deals.push_back(s.deal);
  }
  auto fus = deals_->ListFollowUps({});
  linkage::FlowRequest req;
  req.period = core::Period::Year(2024);
  linkage::FlowMatrix m = linkage::BuildFlowMatrix(deals, *fus, units_, req);
  EXPECT_GT(m.deals, 10);
  EXPECT_GT(m.previous_deals, 5);
  req.basis = linkage::FlowBasis::kDelivered;
  EXPECT_GT(linkage::BuildFlowMatrix(deals, *fus, units_, req).total.value, Decimal());
  // The same deals every time.
  auto again = deals_->LoadIllustrative(today);
  EXPECT_EQ(again->deals, loaded->deals);
  EXPECT_EQ(again->follow_ups, loaded->follow_ups);

  auto removed = deals_->DeleteDataset("illustrative");
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, loaded->deals);
  EXPECT_EQ(Count(db()->Prepare("SELECT COUNT(*) FROM deal_follow_ups")), 0);
  // The directory can go after its deals.
  EXPECT_TRUE(directory_->DeleteDataset("illustrative"));
}

}  // namespace
}  // namespace lienket::store
