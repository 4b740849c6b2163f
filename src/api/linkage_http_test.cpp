// Black-box HTTP tests of the linkage directory (issue 5, phase 1), on the real server over a
// fresh database: an enterprise user in Bắc Giang creates a cooperative and a lychee offer and
// submits it; Thanh Hóa's officer cannot approve it, Bắc Giang's can; a supermarket in Thanh Hóa
// has a request for lychee whose matches put the Bắc Giang offer first, with reasons; anonymous
// readers never see drafts or pending listings or unverified organisations; a saved search gets
// an alert when a matching listing is approved; a bad import is refused whole with every problem
// listed and nothing stored, and a good one is previewed and then confirmed.
#include <fmt/format.h>

#include <set>

#include "api/http_test_util.hpp"
#include "io/fs.hpp"
#include "io/test_scratch_dir.hpp"
#include "io/xlsx_writer.hpp"

namespace lienket::api {
namespace {

using nlohmann::json;
using testing::Answer;
using testing::Caller;
using testing::IsErrorShape;
using testing::TaxCode;
using testing::TestServer;

// A window in June–July of next year: open when the test runs, the lychee season.
int NextYear() { return core::Date::Today().year + 1; }

class LinkageHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddUser("admin", access::Role::kAdmin);
    server_.AddUser("coord", access::Role::kCoordinator, std::nullopt, "mien-bac-28");
    server_.AddUser("dn.bacgiang", access::Role::kEnterprise);
    server_.AddUser("dn.thanhhoa", access::Role::kEnterprise);
    server_.AddUser("officer.bg", access::Role::kOfficer, "bac-giang");
    server_.AddUser("officer.th", access::Role::kOfficer, "thanh-hoa");
    server_.Start();
  }

  std::unique_ptr<Caller> As(const std::string& login) {
    auto c = std::make_unique<Caller>(server_.port());
    if (login != "anonymous") {
      Answer a = c->Login(login);
      EXPECT_EQ(a.status, 200) << login << ": " << a.body;
    }
    return c;
  }

  // Creates an organisation as `who`; returns its id.
  std::int64_t Organisation(Caller& who, json body) {
    Answer a = who.Post("/api/linkage/organisations", body);
    EXPECT_EQ(a.status, 201) << a.body;
    return a.Json()["organisation"].value("id", std::int64_t{0});
  }
  std::int64_t Product(Caller& who, json body) {
    Answer a = who.Post("/api/linkage/products", body);
    EXPECT_EQ(a.status, 201) << a.body;
    return a.Json()["product"].value("id", std::int64_t{0});
  }
  std::int64_t Listing(Caller& who, json body) {
    Answer a = who.Post("/api/linkage/listings", body);
    EXPECT_EQ(a.status, 201) << a.body;
    EXPECT_EQ(a.Json()["listing"]["state"], "draft") << a.body;
    return a.Json()["listing"].value("id", std::int64_t{0});
  }
  static std::string L(std::int64_t id, const std::string& suffix = "") {
    return fmt::format("/api/linkage/listings/{}{}", id, suffix);
  }
  static bool Lists(const Answer& a, std::int64_t id) {
    for (const json& l : a.Json()["listings"])
      if (l["id"] == id) return true;
    return false;
  }

  TestServer server_;
};

TEST_F(LinkageHttpTest, LycheeFromBacGiangIsModeratedAndMatchedToThanhHoa) {
  auto bg = As("dn.bacgiang");
  auto th = As("dn.thanhhoa");
  auto officer_bg = As("officer.bg");
  auto officer_th = As("officer.th");
  auto admin = As("admin");
  auto anonymous = As("anonymous");
  const int y = NextYear();

  // The Bắc Giang cooperative: claimed by the account that created it, not yet public.
  std::int64_t coop = Organisation(*bg, {{"kind", "HTX"},
                                         {"name", "HTX Vải thiều Phượng Sơn"},
                                         {"tax_code", TaxCode(240200001)},
                                         {"unit", "bac-giang"},
                                         {"registered_on", "2019-03-15"},
                                         {"phone", "0912 345 678"}});
  ASSERT_GT(coop, 0);
  Answer org = bg->Get(fmt::format("/api/linkage/organisations/{}", coop));
  EXPECT_EQ(org.Json()["organisation"]["claim_status"], "claimed");
  EXPECT_EQ(org.Json()["organisation"]["phone"], "+84912345678");
  EXPECT_EQ(anonymous->Get(fmt::format("/api/linkage/organisations/{}", coop)).status, 404);

  std::int64_t lychee = Product(*bg, {{"organisation", coop},
                                      {"name_vi", "Vải thiều Lục Ngạn"},
                                      {"vcpa", "01215"},
                                      {"hs", "081090"},
                                      {"ocop_stars", "4"},
                                      {"ocop_group", "food"},
                                      {"ocop_certified_on", core::Date::Today().ToString()},
                                      {"certifications", {"vietgap"}},
                                      {"unit", "tấn"},
                                      {"harvest_months", "5-7"}});
  ASSERT_GT(lychee, 0);
  std::int64_t offer = Listing(
      *bg,
      {{"kind", "offer"},
       {"organisation", coop},
       {"product", lychee},
       {"title", "Vải thiều Lục Ngạn chín sớm, giao tận nơi"},
       {"quantity", {{"value", "200"}, {"unit", "tấn"}}},
       {"min_order", "2"},
       {"window", {{"from", fmt::format("{}-05-20", y)}, {"to", fmt::format("{}-07-31", y)}}}});
  ASSERT_GT(offer, 0);
  // Someone else's enterprise account cannot post for the cooperative.
  EXPECT_EQ(th->Post("/api/linkage/listings", {{"kind", "offer"},
                                               {"organisation", coop},
                                               {"product", lychee},
                                               {"quantity", {{"value", "1"}, {"unit", "tấn"}}}})
                .status,
            403);

  // A saved search of the buyer, before the offer is public.
  Answer saved =
      th->Post("/api/linkage/saved-searches", {{"query", "vải thiều"}, {"kind", "offer"}});
  ASSERT_EQ(saved.status, 201) << saved.body;

  EXPECT_EQ(anonymous->Get(L(offer)).status, 404);  // a draft
  Answer submitted = bg->Post(L(offer, "/submit"));
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["listing"]["state"], "pending");
  EXPECT_EQ(anonymous->Get(L(offer)).status, 404);  // pending
  EXPECT_FALSE(Lists(anonymous->Get("/api/linkage/listings"), offer));
  EXPECT_EQ(anonymous->Get(L(offer, "/matches")).status, 404);

  // Thanh Hóa's Department does not moderate Bắc Giang: the pending listing does not even exist
  // for it. Bắc Giang's does (its queue shows it).
  Answer wrong = officer_th->Post(L(offer, "/approve"));
  EXPECT_EQ(wrong.status, 404) << wrong.body;
  EXPECT_TRUE(IsErrorShape(wrong));
  Answer queue = officer_bg->Get("/api/linkage/moderation");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_TRUE(Lists(queue, offer));
  EXPECT_EQ(queue.Json()["organisations"].size(), 1u);
  EXPECT_FALSE(Lists(officer_th->Get("/api/linkage/moderation"), offer));
  EXPECT_EQ(bg->Post(L(offer, "/approve")).status, 403);  // not its own moderator
  Answer approved = officer_bg->Post(L(offer, "/approve"));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["listing"]["state"], "published");
  Answer verified = officer_bg->Post(fmt::format("/api/linkage/organisations/{}/verify", coop));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["organisation"]["claim_status"], "verified");
  EXPECT_EQ(anonymous->Get(fmt::format("/api/linkage/organisations/{}", coop)).status, 200);
  Answer pub = anonymous->Get(L(offer));
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.Json()["listing"]["organisation"]["unit"], "bac-giang");
  EXPECT_EQ(pub.Json()["listing"]["product"]["ocop_stars"], 4);
  EXPECT_EQ(pub.Json()["listing"]["can"]["approve"], false);

  // The saved search got its alert.
  Answer alerts = th->Get("/api/linkage/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  bool alerted = false;
  std::int64_t alert_id = 0;
  for (const json& a : alerts.Json()["alerts"])
    if (a["listing"]["id"] == offer) {
      alerted = true;
      alert_id = a["id"];
      EXPECT_EQ(a["seen"], false);
    }
  EXPECT_TRUE(alerted) << alerts.body;
  EXPECT_EQ(bg->Post(fmt::format("/api/linkage/alerts/{}/seen", alert_id)).status, 404);
  EXPECT_EQ(th->Post(fmt::format("/api/linkage/alerts/{}/seen", alert_id)).status, 200);

  // A second, weaker offer that shares a word: honey from lychee flowers in Hà Giang.
  std::int64_t bees = Organisation(*admin, {{"kind", "cooperative"},
                                            {"name", "HTX Ong mật Bạc Hà"},
                                            {"tax_code", TaxCode(20100001)},
                                            {"unit", "ha-giang"},
                                            {"registered_on", "2015-04-01"}});
  std::int64_t honey = Product(*admin, {{"organisation", bees},
                                        {"name_vi", "Mật ong hoa vải"},
                                        {"vcpa", "0149"},
                                        {"unit", "lít"},
                                        {"harvest_months", "3-4"}});
  std::int64_t honey_offer = Listing(
      *admin,
      {{"kind", "offer"},
       {"organisation", bees},
       {"product", honey},
       {"title", "Mật ong hoa vải rừng"},
       {"quantity", {{"value", "500"}, {"unit", "lít"}}},
       {"window", {{"from", fmt::format("{}-01-01", y)}, {"to", fmt::format("{}-12-31", y)}}}});
  ASSERT_EQ(admin->Post(L(honey_offer, "/submit")).status, 200);
  ASSERT_EQ(admin->Post(L(honey_offer, "/approve")).status, 200);

  // The buyer in Thanh Hóa and its request for June.
  std::int64_t market = Organisation(*th, {{"kind", "doanh nghiệp"},
                                           {"name", "Công ty CP Siêu thị Xứ Thanh"},
                                           {"tax_code", TaxCode(280300001)},
                                           {"unit", "thanh-hoa"},
                                           {"registered_on", "2018-01-10"}});
  std::int64_t request = Listing(
      *th, {{"kind", "request"},
            {"organisation", market},
            {"title", "Cần mua vải thiều tươi cho tháng 6"},
            {"description", "Vải thiều loại 1, giao tại Thanh Hóa"},
            {"vcpa", "01215"},
            {"quantity", {{"value", "20"}, {"unit", "tấn"}}},
            {"window", {{"from", fmt::format("{}-06-01", y)}, {"to", fmt::format("{}-06-30", y)}}},
            {"required_stars", 3}});
  Answer matches = th->Get(L(request, "/matches?limit=10"));
  ASSERT_EQ(matches.status, 200) << matches.body;
  const json& m = matches.Json()["matches"];
  ASSERT_GE(m.size(), 1u) << matches.body;
  EXPECT_EQ(m[0]["listing"]["id"], offer) << matches.body;
  EXPECT_EQ(m[0]["organisation"]["unit"], "bac-giang");
  EXPECT_GT(m[0]["score"]["total"].get<double>(), 0.5) << matches.body;
  EXPECT_EQ(m[0]["score"]["inter_province"], 1.0);
  EXPECT_GT(m[0]["distance_km"].get<double>(), 50);
  EXPECT_FALSE(m[0]["reasons_vi"].empty());
  EXPECT_FALSE(m[0]["reasons_en"].empty());
  for (const json& one : m) EXPECT_EQ(one["listing"]["state"], "published");
  // The honey has no OCOP stars: the request's 3-star minimum filters it out.
  for (const json& one : m) EXPECT_NE(one["listing"]["id"], honey_offer);
  // Only the owner (and those who moderate or read all) may see the draft request's matches.
  EXPECT_EQ(anonymous->Get(L(request, "/matches")).status, 404);
  EXPECT_EQ(bg->Get(L(request, "/matches")).status, 404);
  EXPECT_EQ(As("coord")->Get(L(request, "/matches")).status, 200);

  // Anonymous readers see published listings only.
  Answer all = anonymous->Get("/api/linkage/listings");
  ASSERT_EQ(all.status, 200);
  for (const json& l : all.Json()["listings"]) EXPECT_EQ(l["state"], "published") << l.dump();
  EXPECT_TRUE(Lists(all, offer));
  EXPECT_FALSE(Lists(all, request));
  EXPECT_TRUE(Lists(th->Get("/api/linkage/listings?mine=1"), request));

  // Withdrawal takes the offer out of the public view and out of the matches.
  ASSERT_EQ(bg->Post(L(offer, "/withdraw")).status, 200);
  EXPECT_EQ(anonymous->Get(L(offer)).status, 404);
  Answer after = th->Get(L(request, "/matches"));
  for (const json& one : after.Json()["matches"]) EXPECT_NE(one["listing"]["id"], offer);
}

TEST_F(LinkageHttpTest, RejectionNeedsAReasonAndReturnsTheListingToItsOwner) {
  auto bg = As("dn.bacgiang");
  auto officer_bg = As("officer.bg");
  std::int64_t coop = Organisation(*bg, {{"kind", "cooperative"},
                                         {"name", "HTX Na Chũ"},
                                         {"tax_code", TaxCode(240200777)},
                                         {"unit", "bac-giang"},
                                         {"registered_on", "2020-01-01"}});
  std::int64_t request = Listing(*bg, {{"kind", "request"},
                                       {"organisation", coop},
                                       {"title", "Cần mua thùng carton"},
                                       {"description", "Thùng carton 5 lớp đựng vải"},
                                       {"quantity", {{"value", "1000"}, {"unit", "thùng"}}},
                                       {"window",
                                        {{"from", fmt::format("{}-01-01", NextYear())},
                                         {"to", fmt::format("{}-02-01", NextYear())}}}});
  ASSERT_EQ(bg->Post(L(request, "/submit")).status, 200);
  EXPECT_EQ(officer_bg->Post(L(request, "/reject"), {{"reason", ""}}).status, 400);
  Answer rejected = officer_bg->Post(L(request, "/reject"), {{"reason", "Thiếu quy cách thùng"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.Json()["listing"]["state"], "rejected");
  Answer own = bg->Get(L(request));
  EXPECT_EQ(own.Json()["listing"]["rejection_reason"], "Thiếu quy cách thùng");
  EXPECT_EQ(own.Json()["listing"]["can"]["edit"], true);
  Answer edited = bg->Patch(L(request), {{"description", "Thùng 5 lớp, 60x40x40 cm"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(bg->Post(L(request, "/submit")).Json()["listing"]["state"], "pending");
  // A bad field names itself.
  Answer bad =
      bg->Post("/api/linkage/listings", {{"kind", "request"},
                                         {"organisation", coop},
                                         {"title", "x"},
                                         {"quantity", {{"value", "abc"}, {"unit", "tấn"}}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(IsErrorShape(bad));
  EXPECT_EQ(bad.Json()["error"]["details"][0]["field"], "quantity.value");
}

TEST_F(LinkageHttpTest, BadImportIsRefusedWholeWithEveryProblem) {
  auto admin = As("admin");
  std::string good = TaxCode(240300001);
  std::string wrong_check = good.substr(0, 9) + std::to_string((good[9] - '0' + 1) % 10);
  std::string csv = fmt::format(
      "kind,name,tax_code,province,registered_on\n"
      "HTX,HTX Vải Lục Ngạn,{},Bắc Giang,2019-01-01\n"
      "HTX,HTX Sai mã,{},Bắc Giang,2019-01-01\n"
      "HTX,,{},Bắc Giang,2019-01-01\n"
      "DN,Công ty Không Tỉnh,{},Tỉnh Không Có,2019-01-01\n",
      good, wrong_check, TaxCode(240300100), TaxCode(240300200));
  Answer refused = admin->Send("POST", "/api/linkage/import?kind=organisations&confirm=1", csv,
                               "text/csv; charset=utf-8");
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(IsErrorShape(refused));
  std::set<int> rows;
  for (const json& p : refused.Json()["error"]["details"]) {
    if (p["severity"] != "error") continue;
    rows.insert(p["row"].get<int>());
    EXPECT_FALSE(p["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(p["message_en"].get<std::string>().empty());
    EXPECT_FALSE(p["column"].get<std::string>().empty()) << p.dump();
  }
  EXPECT_EQ(rows, (std::set<int>{3, 4, 5})) << refused.body;
  Answer none = admin->Get("/api/linkage/organisations");
  EXPECT_EQ(none.Json()["organisations"].size(), 0u) << none.body;

  // The preview of the same file answers 200 with the problems.
  Answer preview =
      admin->Send("POST", "/api/linkage/import?kind=organisations&confirm=0", csv, "text/csv");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json()["errors"], 3);
  EXPECT_EQ(preview.Json()["applied"], false);

  // A clean file: previewed (nothing written), then confirmed.
  std::string clean = fmt::format(
      "loại hình,tên,mã số thuế,tỉnh,ngày đăng ký\n"
      "HTX,HTX Vải Lục Ngạn,{},Bắc Giang,2019-01-01\n"
      "DN,Công ty Chè Tân Cương,{},Thái Nguyên,2016-05-05\n",
      good, TaxCode(190300001));
  Answer ok = admin->Send("POST", "/api/linkage/import?kind=organisations", clean, "text/csv");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["errors"], 0);
  EXPECT_EQ(ok.Json()["would_import"], 2);
  EXPECT_EQ(admin->Get("/api/linkage/organisations").Json()["organisations"].size(), 0u);
  Answer done =
      admin->Send("POST", "/api/linkage/import?kind=organisations&confirm=1", clean, "text/csv");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["imported"], 2);
  EXPECT_EQ(admin->Get("/api/linkage/organisations").Json()["organisations"].size(), 2u);
  // Imported entries are unclaimed: the public does not see them yet.
  EXPECT_EQ(As("anonymous")->Get("/api/linkage/organisations").Json()["organisations"].size(), 0u);

  // Listings for an organisation not in the directory: refused with the row, nothing written.
  std::string listings = fmt::format(
      "kind,owner_tax_code,description,quantity,unit,valid_from,valid_to\n"
      "cầu,{},vải thiều,10,tấn,{}-06-01,{}-06-30\n"
      "cầu,{},nhãn lồng,5,tấn,{}-07-01,{}-08-30\n",
      good, NextYear(), NextYear(), TaxCode(240399999), NextYear(), NextYear());
  Answer unknown =
      admin->Send("POST", "/api/linkage/import?kind=listings&confirm=1", listings, "text/csv");
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  ASSERT_EQ(unknown.Json()["error"]["details"].size(), 1u) << unknown.body;
  EXPECT_EQ(unknown.Json()["error"]["details"][0]["row"], 3);
  EXPECT_EQ(admin->Get("/api/linkage/listings").Json()["listings"].size(), 0u);
  // An enterprise may not import organisations at all.
  EXPECT_EQ(As("dn.bacgiang")
                ->Send("POST", "/api/linkage/import?kind=organisations", clean, "text/csv")
                .status,
            403);
}

// An Excel workbook goes through the same validation as a CSV file, its first sheet row for row:
// a tax code typed as a number (its leading zero lost), a date typed as a date, text with commas;
// a bad row is refused with the sheet's row and column and nothing is written; a clean workbook
// is imported. A file that only looks like a zip is refused with a clear error.
TEST_F(LinkageHttpTest, AnExcelWorkbookIsImportedLikeACsvFile) {
  auto admin = As("admin");
  std::string good = TaxCode(240300001);
  auto workbook = [&](const std::vector<std::vector<io::CellValue>>& rows) {
    io::WriteWorkbook book;
    io::WriteSheet sheet;
    sheet.name = "Danh sách";
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        sheet.cells.push_back({static_cast<int>(r + 1), static_cast<int>(c + 1), rows[r][c], {}});
    // The registration date as Excel keeps a typed date: a serial with a date format.
    for (io::WriteCell& cell : sheet.cells)
      if (cell.col == 5 && cell.row > 1) cell.style.num_format = "dd/mm/yyyy";
    book.sheets.push_back(sheet);
    io::TestScratchDir dir;
    std::string path = dir.File("danh-sach.xlsx");
    EXPECT_TRUE(io::WriteXlsx(book, path).has_value());
    return io::ReadFile(path, 1 << 20).value_or("");
  };
  const double registered = 43466;  // 2019-01-01 as an Excel serial
  // Row 3: the tax code typed as a number has lost its leading zero (9 digits).
  std::string bad =
      workbook({{"loại hình", "tên", "mã số thuế", "tỉnh", "ngày đăng ký"},
                {"HTX", "HTX Vải Lục Ngạn, Bắc Giang", good, "Bắc Giang", registered},
                {"DN", "Công ty Chè Tân Cương", 190300001.0, "Thái Nguyên", registered}});
  ASSERT_EQ(bad.substr(0, 2), "PK");
  Answer refused = admin->Send("POST", "/api/linkage/import?kind=organisations&confirm=1", bad,
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::set<std::pair<int, std::string>> where;
  for (const json& p : refused.Json()["error"]["details"])
    if (p["severity"] == "error")
      where.insert({p["row"].get<int>(), p["column"].get<std::string>()});
  ASSERT_EQ(where.size(), 1u) << refused.body;
  EXPECT_EQ(where.begin()->first, 3) << refused.body;
  EXPECT_EQ(admin->Get("/api/linkage/organisations").Json()["organisations"].size(), 0u);

  std::string clean =
      workbook({{"loại hình", "tên", "mã số thuế", "tỉnh", "ngày đăng ký"},
                {"HTX", "HTX Vải Lục Ngạn, Bắc Giang", good, "Bắc Giang", registered},
                {"DN", "Công ty Chè Tân Cương", TaxCode(190300001), "Thái Nguyên", registered}});
  Answer done = admin->Send("POST", "/api/linkage/import?kind=organisations&confirm=1", clean,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["imported"], 2);
  Answer listed = admin->Get("/api/linkage/organisations");
  ASSERT_EQ(listed.Json()["organisations"].size(), 2u);
  bool with_comma = false;
  for (const json& o : listed.Json()["organisations"])
    with_comma = with_comma || o["name"] == "HTX Vải Lục Ngạn, Bắc Giang";
  EXPECT_TRUE(with_comma) << listed.body;

  Answer broken = admin->Send("POST", "/api/linkage/import?kind=organisations", "PK\x03\x04junk",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_TRUE(IsErrorShape(broken));
}

}  // namespace
}  // namespace lienket::api
