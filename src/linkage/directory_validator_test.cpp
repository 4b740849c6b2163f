#include "linkage/directory_validator.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "stats/stats_test_util.hpp"

namespace lienket::linkage {
namespace {

using core::Date;
using stats::Problem;
using stats::Severity;

const stats::UnitCatalog& Units() {
  static const stats::testing::ShippedCatalogs catalogs;
  return catalogs.units;
}

DirectoryOptions Options() { return DirectoryOptions{Date{2024, 5, 17}}; }

DirectoryPlan Validate(DirectoryKind kind, std::string_view csv) {
  return ValidateDirectoryCsv(kind, csv, Units(), Options());
}

// "row:column:code" for each problem, to compare whole reports at once.
std::vector<std::string> Summary(const DirectoryPlan& plan) {
  std::vector<std::string> out;
  for (const Problem& p : plan.problems) {
    out.push_back(fmt::format("{}:{}:{}", p.row, p.column, p.code));
  }
  return out;
}

std::string Dump(const DirectoryPlan& plan) {
  std::string out;
  for (const Problem& p : plan.problems) {
    out += fmt::format("{} {} {} [{}] {}\n", p.row, p.column, p.code, p.value, p.message_en);
  }
  return out;
}

// ---- Organisations ---------------------------------------------------------------------------

TEST(DirectoryOrganisations, ValidFileWithCanonicalColumns) {
  auto plan = Validate(DirectoryKind::kOrganisations,
                       "kind,name,tax_code,citizen_id,province,registered_on,address,sector,"
                       "contact_person,phone,email\n"
                       "enterprise,Công ty TNHH Vải thiều Lục Ngạn,2400123458,,Bắc Giang,"
                       "2019-03-04,Lục Ngạn,A,Nguyễn Văn An,0912 345 678,an@vaithieu.vn\n"
                       "cooperative,HTX Chè Tân Cương,0101234565-001,,Hà Nội,,,,,,\n"
                       "household_business,Hộ kinh doanh Lò Văn Sơn,,024087123456,Bắc Giang,,,,,,"
                       "\n");
  ASSERT_EQ(plan.ErrorCount(), 0U) << Dump(plan);
  EXPECT_EQ(plan.rows_read, 3);
  ASSERT_EQ(plan.organisations.size(), 3U);
  const Organisation& first = plan.organisations[0].organisation;
  EXPECT_EQ(plan.organisations[0].row, 2);
  EXPECT_EQ(first.kind, OrganisationKind::kEnterprise);
  EXPECT_EQ(first.tax_code->text(), "2400123458");
  EXPECT_EQ(first.unit_id, Units().FindByKey("bac-giang")->id);
  EXPECT_EQ(first.registered_on, (Date{2019, 3, 4}));
  EXPECT_EQ(first.vsic_section, 'A');
  EXPECT_EQ(first.contact.phone, "+84912345678");
  EXPECT_EQ(first.status, ClaimStatus::kUnclaimed);
  EXPECT_EQ(plan.organisations[1].organisation.tax_code->text(), "0101234565-001");
  EXPECT_EQ(plan.organisations[1].organisation.registered_on, (Date{2024, 5, 17}));  // today
  EXPECT_EQ(plan.organisations[2].organisation.citizen_id, "024087123456");
  for (const auto& o : plan.organisations) EXPECT_TRUE(o.organisation.Validate(Units()));
}

TEST(DirectoryOrganisations, VietnameseHeadersAndSemicolons) {
  auto plan = Validate(DirectoryKind::kOrganisations,
                       "\xEF\xBB\xBFLoại hình;Tên doanh nghiệp;Mã số thuế;Tỉnh/Thành phố;"
                       "Số điện thoại;Thư điện tử;Ghi chú\n"
                       "Doanh nghiệp;Công ty CP Chè Thái;0101234565;Hà Nội;024 3823 4567;"
                       "info@chethai.vn;khách cũ\n");
  EXPECT_EQ(plan.ErrorCount(), 0U) << Dump(plan);
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{"1:Ghi chú:unknown_column"}));
  ASSERT_EQ(plan.organisations.size(), 1U);
  EXPECT_EQ(plan.organisations[0].organisation.contact.phone, "+842438234567");
}

TEST(DirectoryOrganisations, ReportsEveryProblemOfABadFileAndImportsNothing) {
  auto plan = Validate(
      DirectoryKind::kOrganisations,
      "kind,name,tax_code,citizen_id,province,registered_on,sector,phone,email\n"
      "enterprise,Công ty A,2400123458,,Bắc Giang,2019-03-04,A,0912345678,a@a.vn\n"  // valid
      "enterprise,Công ty B,0101234567,,Hà Nội,,,,\n"               // 3: wrong check digit
      "cooperative,HTX C,,,Hà Nội,,,,\n"                            // 4: tax code required
      "tổ hợp tác,D,,,Hà Nội,,,,\n"                                 // 5: bad kind
      "enterprise,,2400123465,,Hà Nội,,,,\n"                        // 6: no name
      "enterprise,Công ty E,0107654326,,Hà Nột,,,,\n"               // 7: unknown province
      "enterprise,Công ty F,2400987659,,Bắc Giang,2025-08-01,,,\n"  // 8: Bắc Giang gone
      "enterprise,Công ty G,2700111118,,Hà Nội,32/13/2024,V,0112345678,g@\n"  // 9: 4 problems
      "household_business,Hộ H,,0240871234,Hà Nội,,,,\n"           // 10: citizen id 10 digits
      "enterprise,Công ty I,0101234565,024087123456,Hà Nội,,,,\n"  // 11: citizen id on enterprise
      "enterprise,Công ty A bis,2400123458,,Bắc Giang,,,,\n"       // 12: duplicate tax code
      ",,,,,,,,\n");                                               // blank: skipped
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{
                               "3:tax_code:invalid_tax_code",
                               "4:tax_code:tax_code_required",
                               "5:kind:invalid_kind",
                               "6:name:missing_value",
                               "7:province:unknown_province",
                               "8:province:province_not_in_period",
                               "9:registered_on:invalid_date",
                               "9:sector:invalid_sector",
                               "9:phone:invalid_phone",
                               "9:email:invalid_email",
                               "10:citizen_id:invalid_citizen_id",
                               "11:citizen_id:citizen_id_not_allowed",
                               "12:tax_code:duplicate_row",
                           }))
      << Dump(plan);
  EXPECT_EQ(plan.rows_read, 11);
  EXPECT_TRUE(plan.organisations.empty());  // row 2 was valid, but nothing is half-imported
  const Problem& check = plan.problems[0];
  EXPECT_EQ(check.value, "0101234567");
  EXPECT_NE(check.message_vi.find("phải là 5"), std::string::npos);
  EXPECT_NE(plan.problems.back().message_en.find("already appears on row 2"), std::string::npos);
  for (const Problem& p : plan.problems) {
    EXPECT_FALSE(p.message_vi.empty()) << p.code;
    EXPECT_FALSE(p.message_en.empty()) << p.code;
  }
}

TEST(DirectoryOrganisations, MissingAndDuplicateColumns) {
  auto plan = Validate(DirectoryKind::kOrganisations,
                       "Tên,MST,Mã số thuế\nCông ty A,2400123458,2400123458\n");
  EXPECT_EQ(Summary(plan),
            (std::vector<std::string>{"1:Mã số thuế:duplicate_column", "1:kind:missing_column",
                                      "1:province:missing_column"}))
      << Dump(plan);
  EXPECT_NE(plan.problems[1].message_en.find("required columns: kind, name, province"),
            std::string::npos);
  EXPECT_TRUE(plan.organisations.empty());
}

TEST(DirectoryOrganisations, EmptyFileAndBadEncoding) {
  EXPECT_EQ(Summary(Validate(DirectoryKind::kOrganisations, "")),
            (std::vector<std::string>{"0::empty_file"}));
  EXPECT_EQ(Summary(Validate(DirectoryKind::kOrganisations, "kind,name\n\xC0\xAF")),
            (std::vector<std::string>{"0::bad_encoding"}));
  auto unclosed = Validate(DirectoryKind::kOrganisations,
                           "kind,name,province,tax_code\nenterprise,\"Công ty A,Hà Nội\n");
  ASSERT_GE(unclosed.ErrorCount(), 1U);
  EXPECT_EQ(unclosed.problems.back().code, "bad_csv");
}

// ---- OCOP products ---------------------------------------------------------------------------

constexpr std::string_view kProductHeader =
    "Mã số thuế,Chủ thể,Tỉnh,Tên sản phẩm,Mã VCPA,Mã HS,Nhóm sản phẩm,Hạng sao,Ngày công nhận,"
    "Chứng nhận,Đơn vị tính,Công suất,Thời vụ,Giá thấp nhất,Giá cao nhất,Quy cách đóng gói\n";

TEST(DirectoryProducts, ValidOcopList) {
  std::string csv(kProductHeader);
  csv +=
      "2400123458,Công ty TNHH Vải thiều Lục Ngạn,Bắc Giang,Vải thiều Lục Ngạn,0121101,0810.90,"
      "Thực phẩm,4,17/05/2021,\"VietGAP; mã số vùng trồng\",tấn,1.500,5-7,25.000,40.000,"
      "thùng 10 kg\n"
      ",HTX Cam Cao Phong,Hòa Bình,Cam Cao Phong,0122,,1,3 sao,2023-11-02,,kg,,11-2,,,\n";
  // The file writes numbers the Vietnamese way ("1.500" tấn, "25.000" đồng), which the user
  // states; left to guess (kAuto), "1.500" is refused as ambiguous (see ReportsEveryProblemAtOnce).
  DirectoryOptions options = Options();
  options.numbers = core::NumberConvention::kVietnamese;
  auto plan = ValidateDirectoryCsv(DirectoryKind::kOcopProducts, csv, Units(), options);
  ASSERT_EQ(plan.ErrorCount(), 0U) << Dump(plan);
  EXPECT_EQ(plan.WarningCount(), 0U) << Dump(plan);
  ASSERT_EQ(plan.products.size(), 2U);
  const ImportedProduct& lychee = plan.products[0];
  EXPECT_EQ(lychee.producer_tax_code, "2400123458");
  EXPECT_EQ(lychee.producer_unit_id, Units().FindByKey("bac-giang")->id);
  EXPECT_EQ(lychee.product.name_vi, "Vải thiều Lục Ngạn");
  EXPECT_EQ(lychee.product.vcpa->digits(), "0121101");
  EXPECT_EQ(lychee.product.hs->digits(), "081090");
  EXPECT_EQ(lychee.product.ocop->group, OcopGroup::kFood);
  EXPECT_EQ(lychee.product.ocop->stars, 4);
  EXPECT_TRUE(lychee.product.OcopValidOn(Date{2024, 5, 17}));  // exactly 36 months
  EXPECT_TRUE(lychee.product.certifications.Has(Certification::kGrowingAreaCode));
  EXPECT_EQ(lychee.product.unit, ProductUnit::kTonne);
  EXPECT_EQ(*lychee.product.capacity_per_year, *core::Decimal::Parse("1500"));  // "1.500" (vi)
  EXPECT_EQ(lychee.product.season, MonthSet::Range(5, 7));
  EXPECT_EQ(lychee.product.price->min, *core::Decimal::Parse("25000"));
  EXPECT_EQ(lychee.product.packaging, "thùng 10 kg");
  const ImportedProduct& orange = plan.products[1];
  EXPECT_EQ(orange.producer_tax_code, "");
  EXPECT_EQ(orange.producer_name, "HTX Cam Cao Phong");
  EXPECT_EQ(orange.product.season.ToString(), "11-2");
  EXPECT_EQ(orange.product.ocop->stars, 3);
  for (const auto& p : plan.products) EXPECT_TRUE(p.product.Validate());
}

TEST(DirectoryProducts, ExpiredCertificateIsAWarningNotAnError) {
  std::string csv(kProductHeader);
  csv += "2400123458,,Bắc Giang,Vải thiều sấy khô,,,Thực phẩm,3,16/05/2021,,kg,,,,,\n";
  auto plan = Validate(DirectoryKind::kOcopProducts, csv);
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{"2:Ngày công nhận:ocop_expired"}))
      << Dump(plan);
  EXPECT_EQ(plan.problems[0].severity, Severity::kWarning);
  EXPECT_NE(plan.problems[0].message_en.find("lapsed after 2024-05-16"), std::string::npos);
  ASSERT_EQ(plan.products.size(), 1U);
  EXPECT_FALSE(plan.products[0].product.OcopValidOn(Date{2024, 5, 17}));
}

TEST(DirectoryProducts, ReportsEveryProblemAtOnce) {
  std::string csv(kProductHeader);
  csv +=
      // 2: no producer, unknown group, 2 stars, future date
      ",,Bắc Giang,Mật ong,,,Điện tử,2,2024-06-01,,,,,,,\n"
      // 3: bad VCPA, bad HS, bad certification, bad unit, ambiguous number, bad months, price
      "2400123458,,Bắc Giang,Chè,0412,081,Đồ uống,4,2023-01-01,ISO,bao,2.602,13-2,50000,"
      "40000,\n"
      // 4: same product of the same producer as row 5; missing province
      "2400123458,,,Gạo nếp cái hoa vàng,,,Thực phẩm,3,2023-01-01,,,,,,,\n"
      "2400123458,,Bắc Giang,Gạo Nếp Cái Hoa Vàng,,,Thực phẩm,3,2023-01-01,,,,,,,\n";
  auto plan = Validate(DirectoryKind::kOcopProducts, csv);
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{
                               "2:Chủ thể:producer_required",
                               "2:Nhóm sản phẩm:invalid_ocop_group",
                               "2:Hạng sao:invalid_stars",
                               "2:Ngày công nhận:future_date",
                               "3:Mã VCPA:invalid_vcpa",
                               "3:Mã HS:invalid_hs",
                               "3:Chứng nhận:invalid_certification",
                               "3:Đơn vị tính:invalid_unit",
                               "3:Công suất:invalid_number",
                               "3:Thời vụ:invalid_months",
                               "3:Giá cao nhất:price_range",
                               "4:Tỉnh:missing_value",
                               "5:Tên sản phẩm:duplicate_row",
                           }))
      << Dump(plan);
  EXPECT_TRUE(plan.products.empty());
}

// ---- Listings --------------------------------------------------------------------------------

constexpr std::string_view kListingHeader =
    "kind,owner_tax_code,product,description,vcpa,quantity,unit,min_order,valid_from,valid_to,"
    "delivery_provinces,required_certifications,min_stars,price_min,price_max\n";

TEST(DirectoryListings, OffersAndRequests) {
  std::string csv(kListingHeader);
  csv +=
      "cung,2400123458,Vải thiều Lục Ngạn,,,200,tấn,5,2024-05-20,2024-07-15,,,,25000,40000\n"
      "cầu,2700111118,,Vải thiều tươi loại 1 cho siêu thị,0121101,20,tấn,,01/06/2024,"
      "30/06/2024,\"Thanh Hóa; Hà Nội\",VietGAP,3,,\n";
  auto plan = Validate(DirectoryKind::kListings, csv);
  ASSERT_EQ(plan.ErrorCount(), 0U) << Dump(plan);
  ASSERT_EQ(plan.listings.size(), 2U);
  const ImportedListing& offer = plan.listings[0];
  EXPECT_EQ(offer.listing.kind, ListingKind::kOffer);
  EXPECT_EQ(offer.owner_tax_code, "2400123458");
  EXPECT_EQ(offer.product_name, "Vải thiều Lục Ngạn");
  EXPECT_EQ(offer.listing.product_id, 0);
  EXPECT_EQ(offer.listing.quantity.unit, ProductUnit::kTonne);
  EXPECT_EQ(offer.listing.state, ListingState::kDraft);
  EXPECT_TRUE(offer.listing.Validate());
  const ImportedListing& request = plan.listings[1];
  EXPECT_EQ(request.listing.kind, ListingKind::kRequest);
  EXPECT_EQ(request.listing.valid_from, (Date{2024, 6, 1}));
  EXPECT_EQ(request.listing.delivery_units, (std::vector<int>{Units().FindByKey("thanh-hoa")->id,
                                                              Units().FindByKey("ha-noi")->id}));
  EXPECT_TRUE(request.listing.required_certifications.Has(Certification::kVietGap));
  EXPECT_EQ(request.listing.min_stars, 3);
  EXPECT_TRUE(request.listing.Validate());
}

TEST(DirectoryListings, ReportsEveryProblemAtOnce) {
  std::string csv(kListingHeader);
  csv +=
      // 2: unknown kind, bad owner tax code, zero quantity, reversed window
      "trao đổi,240012345,Vải,,,0,tấn,,2024-07-01,2024-06-01,,,,,\n"
      // 3: offer without product, with requirements; min order above quantity; unknown province
      "cung,2400123458,,,,10,kg,20,2024-06-01,2024-06-30,Hà Nột,GlobalGAP,4,,\n"
      // 4: request without product or description; window already over; missing unit
      "cầu,2400123458,,,,10,,,2024-04-01,2024-05-01,,,,,\n";
  auto plan = Validate(DirectoryKind::kListings, csv);
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{
                               "2:kind:invalid_listing_kind",
                               "2:owner_tax_code:invalid_tax_code",
                               "2:quantity:not_positive",
                               "2:valid_to:window_reversed",
                               "3:min_order:min_order_above_quantity",
                               "3:product:product_required",
                               "3:required_certifications:requirements_on_offer",
                               "3:min_stars:requirements_on_offer",
                               "3:delivery_provinces:unknown_province",
                               "4:unit:missing_value",
                               "4:valid_to:window_over",
                               "4:description:product_required",
                           }))
      << Dump(plan);
  EXPECT_TRUE(plan.listings.empty());
}

TEST(DirectoryListings, DeliveryProvincesAreResolvedOnTheWindowStart) {
  std::string csv(kListingHeader);
  // From 1 July 2025 Bắc Giang is part of Bắc Ninh: a window starting then cannot name it.
  csv += "cầu,2400123458,,Vải,,10,tấn,,2025-07-01,2025-07-31,Bắc Giang,,,,\n";
  auto plan = ValidateDirectoryCsv(DirectoryKind::kListings, csv, Units(),
                                   DirectoryOptions{Date{2025, 6, 1}});
  EXPECT_EQ(Summary(plan),
            (std::vector<std::string>{"2:delivery_provinces:province_not_in_period"}))
      << Dump(plan);
}

TEST(DirectoryColumns, CanonicalColumnsAreDocumentedAndRequiredOnesMarked) {
  EXPECT_EQ(CanonicalColumns(DirectoryKind::kOrganisations).size(), 11U);
  EXPECT_EQ(CanonicalColumns(DirectoryKind::kOcopProducts).size(), 17U);
  EXPECT_EQ(CanonicalColumns(DirectoryKind::kListings).size(), 16U);
  // Every canonical header maps to itself.
  for (auto kind :
       {DirectoryKind::kOrganisations, DirectoryKind::kOcopProducts, DirectoryKind::kListings}) {
    std::string header;
    for (const auto& c : CanonicalColumns(kind)) header += std::string(c.name) + ",";
    header.pop_back();
    auto plan = Validate(kind, header + "\n");
    EXPECT_TRUE(plan.problems.empty()) << DirectoryKindId(kind) << "\n" << Dump(plan);
  }
}

}  // namespace
}  // namespace lienket::linkage
