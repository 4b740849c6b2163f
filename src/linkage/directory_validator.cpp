#include "linkage/directory_validator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/csv.hpp"
#include "core/vi_text.hpp"

namespace lienket::linkage {

using core::Date;
using core::Decimal;
using stats::Problem;
using stats::Severity;

namespace {

// Column indices per kind, in the order of CanonicalColumns.
enum OrgColumn {
  kOrgKind,
  kOrgName,
  kOrgTaxCode,
  kOrgCitizenId,
  kOrgProvince,
  kOrgRegisteredOn,
  kOrgAddress,
  kOrgSector,
  kOrgContactPerson,
  kOrgPhone,
  kOrgEmail
};
enum ProductColumn {
  kProdProducerTaxCode,
  kProdProducerName,
  kProdProvince,
  kProdName,
  kProdLocalName,
  kProdVcpa,
  kProdHs,
  kProdOcopGroup,
  kProdStars,
  kProdCertifiedOn,
  kProdCertifications,
  kProdUnit,
  kProdCapacity,
  kProdHarvestMonths,
  kProdPriceMin,
  kProdPriceMax,
  kProdPackaging
};
enum ListingColumn {
  kLstKind,
  kLstOwnerTaxCode,
  kLstProduct,
  kLstDescription,
  kLstVcpa,
  kLstHs,
  kLstQuantity,
  kLstUnit,
  kLstMinOrder,
  kLstValidFrom,
  kLstValidTo,
  kLstDeliveryProvinces,
  kLstRequiredCertifications,
  kLstMinStars,
  kLstPriceMin,
  kLstPriceMax
};

const std::vector<DirectoryColumn> kOrganisationColumns = {
    {"kind", "loại hình", true},
    {"name", "tên", true},
    {"tax_code", "mã số thuế", false},
    {"citizen_id", "số căn cước", false},
    {"province", "tỉnh/thành phố", true},
    {"registered_on", "ngày đăng ký", false},
    {"address", "địa chỉ", false},
    {"sector", "ngành (VSIC cấp 1)", false},
    {"contact_person", "người liên hệ", false},
    {"phone", "điện thoại", false},
    {"email", "thư điện tử", false},
};
const std::vector<DirectoryColumn> kProductColumns = {
    {"producer_tax_code", "mã số thuế chủ thể", false},
    {"producer_name", "chủ thể", false},
    {"province", "tỉnh/thành phố", true},
    {"name", "tên sản phẩm", true},
    {"local_name", "tên địa phương", false},
    {"vcpa", "mã VCPA", false},
    {"hs", "mã HS", false},
    {"ocop_group", "nhóm sản phẩm OCOP", true},
    {"stars", "hạng sao", true},
    {"certified_on", "ngày công nhận", true},
    {"certifications", "chứng nhận", false},
    {"unit", "đơn vị tính", false},
    {"capacity_per_year", "công suất/năm", false},
    {"harvest_months", "thời vụ", false},
    {"price_min", "giá thấp nhất", false},
    {"price_max", "giá cao nhất", false},
    {"packaging", "quy cách đóng gói", false},
};
const std::vector<DirectoryColumn> kListingColumns = {
    {"kind", "loại tin", true},
    {"owner_tax_code", "mã số thuế", true},
    {"product", "sản phẩm", false},
    {"description", "mô tả", false},
    {"vcpa", "mã VCPA", false},
    {"hs", "mã HS", false},
    {"quantity", "số lượng", true},
    {"unit", "đơn vị tính", true},
    {"min_order", "đặt tối thiểu", false},
    {"valid_from", "từ ngày", true},
    {"valid_to", "đến ngày", true},
    {"delivery_provinces", "nơi giao hàng", false},
    {"required_certifications", "chứng nhận yêu cầu", false},
    {"min_stars", "hạng sao tối thiểu", false},
    {"price_min", "giá thấp nhất", false},
    {"price_max", "giá cao nhất", false},
};

// Header aliases as NameKey folds them, besides the canonical names themselves.
struct Alias {
  std::string_view key;
  int column;
};
constexpr Alias kOrganisationAliases[] = {
    {"loai", kOrgKind},
    {"loaihinh", kOrgKind},
    {"loaitochuc", kOrgKind},
    {"ten", kOrgName},
    {"tentochuc", kOrgName},
    {"tendoanhnghiep", kOrgName},
    {"masothue", kOrgTaxCode},
    {"mst", kOrgTaxCode},
    {"socancuoc", kOrgCitizenId},
    {"cccd", kOrgCitizenId},
    {"socccd", kOrgCitizenId},
    {"tinh", kOrgProvince},
    {"tinhthanhpho", kOrgProvince},
    {"thanhpho", kOrgProvince},
    {"diaphuong", kOrgProvince},
    {"ngaydangky", kOrgRegisteredOn},
    {"ngaythanhlap", kOrgRegisteredOn},
    {"diachi", kOrgAddress},
    {"nganh", kOrgSector},
    {"nganhvsic", kOrgSector},
    {"vsic", kOrgSector},
    {"nguoilienhe", kOrgContactPerson},
    {"lienhe", kOrgContactPerson},
    {"dienthoai", kOrgPhone},
    {"sodienthoai", kOrgPhone},
    {"sdt", kOrgPhone},
    {"thudientu", kOrgEmail},
    {"email", kOrgEmail},
};
constexpr Alias kProductAliases[] = {
    {"masothue", kProdProducerTaxCode},
    {"mst", kProdProducerTaxCode},
    {"masothuechuthe", kProdProducerTaxCode},
    {"chuthe", kProdProducerName},
    {"tenchuthe", kProdProducerName},
    {"chuthesanxuat", kProdProducerName},
    {"coso", kProdProducerName},
    {"cososanxuat", kProdProducerName},
    {"donvisanxuat", kProdProducerName},
    {"tinh", kProdProvince},
    {"tinhthanhpho", kProdProvince},
    {"thanhpho", kProdProvince},
    {"diaphuong", kProdProvince},
    {"tensanpham", kProdName},
    {"sanpham", kProdName},
    {"ten", kProdName},
    {"tendiaphuong", kProdLocalName},
    {"tenkhac", kProdLocalName},
    {"mavcpa", kProdVcpa},
    {"masanpham", kProdVcpa},
    {"mahs", kProdHs},
    {"nhom", kProdOcopGroup},
    {"nhomsanpham", kProdOcopGroup},
    {"nhomocop", kProdOcopGroup},
    {"sao", kProdStars},
    {"hangsao", kProdStars},
    {"sosao", kProdStars},
    {"xephang", kProdStars},
    {"ngaycongnhan", kProdCertifiedOn},
    {"ngaycap", kProdCertifiedOn},
    {"ngaychungnhan", kProdCertifiedOn},
    {"chungnhan", kProdCertifications},
    {"donvitinh", kProdUnit},
    {"dvt", kProdUnit},
    {"donvi", kProdUnit},
    {"congsuat", kProdCapacity},
    {"congsuatnam", kProdCapacity},
    {"sanluong", kProdCapacity},
    {"thoivu", kProdHarvestMonths},
    {"muavu", kProdHarvestMonths},
    {"thangthuhoach", kProdHarvestMonths},
    {"giatu", kProdPriceMin},
    {"giathapnhat", kProdPriceMin},
    {"giaden", kProdPriceMax},
    {"giacaonhat", kProdPriceMax},
    {"baobi", kProdPackaging},
    {"donggoi", kProdPackaging},
    {"quycach", kProdPackaging},
    {"quycachdonggoi", kProdPackaging},
};
constexpr Alias kListingAliases[] = {
    {"loai", kLstKind},
    {"loaitin", kLstKind},
    {"cungcau", kLstKind},
    {"masothue", kLstOwnerTaxCode},
    {"mst", kLstOwnerTaxCode},
    {"owner", kLstOwnerTaxCode},
    {"sanpham", kLstProduct},
    {"tensanpham", kLstProduct},
    {"mota", kLstDescription},
    {"mavcpa", kLstVcpa},
    {"mahs", kLstHs},
    {"soluong", kLstQuantity},
    {"khoiluong", kLstQuantity},
    {"donvitinh", kLstUnit},
    {"dvt", kLstUnit},
    {"donvi", kLstUnit},
    {"dattoithieu", kLstMinOrder},
    {"soluongtoithieu", kLstMinOrder},
    {"tungay", kLstValidFrom},
    {"batdau", kLstValidFrom},
    {"denngay", kLstValidTo},
    {"ketthuc", kLstValidTo},
    {"hethan", kLstValidTo},
    {"noigiaohang", kLstDeliveryProvinces},
    {"giaohang", kLstDeliveryProvinces},
    {"tinhgiaohang", kLstDeliveryProvinces},
    {"chungnhanyeucau", kLstRequiredCertifications},
    {"yeucauchungnhan", kLstRequiredCertifications},
    {"saotoithieu", kLstMinStars},
    {"hangsaotoithieu", kLstMinStars},
    {"giatu", kLstPriceMin},
    {"giathapnhat", kLstPriceMin},
    {"giaden", kLstPriceMax},
    {"giacaonhat", kLstPriceMax},
};

std::vector<Alias> AliasesOf(DirectoryKind kind) {
  switch (kind) {
    case DirectoryKind::kOrganisations:
      return {std::begin(kOrganisationAliases), std::end(kOrganisationAliases)};
    case DirectoryKind::kOcopProducts:
      return {std::begin(kProductAliases), std::end(kProductAliases)};
    case DirectoryKind::kListings:
      return {std::begin(kListingAliases), std::end(kListingAliases)};
  }
  return {};
}

}  // namespace

std::string_view DirectoryKindId(DirectoryKind kind) {
  switch (kind) {
    case DirectoryKind::kOrganisations:
      return "organisations";
    case DirectoryKind::kOcopProducts:
      return "ocop_products";
    case DirectoryKind::kListings:
      return "listings";
  }
  return "organisations";
}

const std::vector<DirectoryColumn>& CanonicalColumns(DirectoryKind kind) {
  switch (kind) {
    case DirectoryKind::kOrganisations:
      return kOrganisationColumns;
    case DirectoryKind::kOcopProducts:
      return kProductColumns;
    case DirectoryKind::kListings:
      return kListingColumns;
  }
  return kOrganisationColumns;
}

std::size_t DirectoryPlan::ErrorCount() const {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(),
                    [](const Problem& p) { return p.severity == Severity::kError; }));
}

std::size_t DirectoryPlan::WarningCount() const {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(),
                    [](const Problem& p) { return p.severity == Severity::kWarning; }));
}

DirectoryValidator::DirectoryValidator(DirectoryKind kind, const stats::UnitCatalog& units,
                                       DirectoryOptions options)
    : kind_(kind), units_(units), options_(std::move(options)) {
  column_of_.assign(CanonicalColumns(kind_).size(), -1);
}

void DirectoryValidator::SetHeader(const std::vector<std::string_view>& header) {
  const auto& columns = CanonicalColumns(kind_);
  const std::vector<Alias> aliases = AliasesOf(kind_);
  column_of_.assign(columns.size(), -1);
  labels_.clear();
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string label = core::ToNfc(core::TrimSpaces(header[c]));
    labels_.push_back(label);
    const std::string key = core::NameKey(label);
    if (key.empty()) continue;
    int found = -1;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (core::NameKey(columns[i].name) == key) found = static_cast<int>(i);
    }
    for (const Alias& a : aliases) {
      if (found < 0 && a.key == key) found = a.column;
    }
    if (found < 0) {
      problems_.push_back(
          Problem{Severity::kWarning, "unknown_column", 1, label, label,
                  fmt::format("Cột \"{}\" không thuộc định dạng nhập và sẽ bị bỏ qua", label),
                  fmt::format("Column \"{}\" is not part of the import format and will be ignored",
                              label)});
      continue;
    }
    int& slot = column_of_[static_cast<std::size_t>(found)];
    if (slot >= 0) {
      const DirectoryColumn& col = columns[static_cast<std::size_t>(found)];
      problems_.push_back(
          Problem{Severity::kError, "duplicate_column", 1, label, label,
                  fmt::format("Cột {} xuất hiện hai lần (\"{}\" và \"{}\")", col.name_vi,
                              labels_[static_cast<std::size_t>(slot)], label),
                  fmt::format("Column {} appears twice (\"{}\" and \"{}\")", col.name,
                              labels_[static_cast<std::size_t>(slot)], label)});
      continue;
    }
    slot = static_cast<int>(c);
  }
  std::vector<std::string_view> required;
  for (const DirectoryColumn& col : columns) {
    if (col.required) required.push_back(col.name);
  }
  header_ok_ = true;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].required || column_of_[i] >= 0) continue;
    header_ok_ = false;
    problems_.push_back(
        Problem{Severity::kError, "missing_column", 1, std::string(columns[i].name), "",
                fmt::format("Thiếu cột bắt buộc \"{}\" ({}); các cột bắt buộc: {}", columns[i].name,
                            columns[i].name_vi, fmt::join(required, ", ")),
                fmt::format("Required column \"{}\" is missing; required columns: {}",
                            columns[i].name, fmt::join(required, ", "))});
  }
}

// One row being checked: its fields by canonical column and the reporting helpers.
struct DirectoryValidator::RowContext {
  DirectoryValidator* self;
  int row;
  const std::vector<std::string_view>* fields;
  bool failed = false;

  [[nodiscard]] std::string_view Text(int column) const {
    const int index = self->column_of_[static_cast<std::size_t>(column)];
    if (index < 0 || static_cast<std::size_t>(index) >= fields->size()) return {};
    return core::TrimSpaces((*fields)[static_cast<std::size_t>(index)]);
  }
  [[nodiscard]] std::string Label(int column) const {
    const int index = self->column_of_[static_cast<std::size_t>(column)];
    if (index >= 0) return self->labels_[static_cast<std::size_t>(index)];
    return std::string(CanonicalColumns(self->kind_)[static_cast<std::size_t>(column)].name);
  }
  void Report(Severity severity, int column, std::string code, std::string vi, std::string en) {
    if (severity == Severity::kError) failed = true;
    self->problems_.push_back(Problem{severity, std::move(code), row, Label(column),
                                      std::string(Text(column)), std::move(vi), std::move(en)});
  }
  void Error(int column, std::string code, const core::Error& e) {
    Report(Severity::kError, column, std::move(code), e.message_vi, e.message_en);
  }
  // The text of a required cell, reporting it when empty.
  std::string_view Required(int column) {
    std::string_view text = Text(column);
    if (text.empty()) {
      const DirectoryColumn& col = CanonicalColumns(self->kind_)[static_cast<std::size_t>(column)];
      Report(Severity::kError, column, "missing_value",
             fmt::format("Thiếu giá trị ở cột bắt buộc {}", col.name_vi),
             fmt::format("The required column {} has no value", col.name));
    }
    return text;
  }
  template <typename T, typename Parser>
  std::optional<T> Parse(int column, std::string code, Parser parser, bool required = false) {
    std::string_view text = required ? Required(column) : Text(column);
    if (text.empty()) return std::nullopt;
    auto parsed = parser(text);
    if (!parsed) {
      Error(column, std::move(code), parsed.error());
      return std::nullopt;
    }
    return std::optional<T>(std::move(*parsed));
  }
  std::optional<Date> ParseDate(int column, bool required) {
    return Parse<Date>(
        column, "invalid_date", [](std::string_view t) { return Date::Parse(t); }, required);
  }
  // A number >= 0 (> 0 when `positive`).
  std::optional<Decimal> ParseAmount(int column, bool required, bool positive) {
    auto value = Parse<Decimal>(
        column, "invalid_number",
        [this](std::string_view t) { return core::ParseNumber(t, self->options_.numbers); },
        required);
    if (value && (value->IsNegative() || (positive && value->IsZero()))) {
      Report(Severity::kError, column, "not_positive",
             positive ? "Giá trị phải lớn hơn 0" : "Giá trị không được âm",
             positive ? "The value must be above 0" : "The value cannot be negative");
      return std::nullopt;
    }
    return value;
  }
  std::optional<PriceRange> ParsePrice(int min_column, int max_column) {
    auto min = ParseAmount(min_column, false, false);
    auto max = ParseAmount(max_column, false, false);
    if (!min && !max) return std::nullopt;
    PriceRange range{min ? *min : *max, max ? *max : *min};
    if (range.max < range.min) {
      Report(Severity::kError, max_column, "price_range",
             fmt::format("Giá cao nhất {} thấp hơn giá thấp nhất {}", range.max.ToString(),
                         range.min.ToString()),
             fmt::format("The highest price {} is below the lowest {}", range.max.ToString(),
                         range.min.ToString()));
      return std::nullopt;
    }
    return range;
  }
  // The province named in `column` as it was on `date`.
  std::optional<int> ParseProvince(int column, std::string_view text, const Date& date) {
    auto unit = self->units_.ResolveOn(text, date);
    if (!unit) {
      Error(column,
            unit.error().code == core::ErrorCode::kNotFound ? "unknown_province"
                                                            : "province_not_in_period",
            unit.error());
      return std::nullopt;
    }
    if ((*unit)->IsNational()) {
      Report(Severity::kError, column, "unknown_province",
             "Cần ghi một tỉnh/thành phố, không phải cả nước",
             "Give a province, not the whole country");
      return std::nullopt;
    }
    return (*unit)->id;
  }
  // Reports a second row with the same key; returns false then.
  bool Unique(const std::string& key, int column, std::string_view what_vi,
              std::string_view what_en) {
    auto [it, inserted] = self->first_row_of_key_.try_emplace(key, row);
    if (inserted) return true;
    Report(Severity::kError, column, "duplicate_row",
           fmt::format("{} đã có ở dòng {}", what_vi, it->second),
           fmt::format("{} already appears on row {}", what_en, it->second));
    return false;
  }
};

void DirectoryValidator::AddRow(int row, const std::vector<std::string_view>& fields) {
  if (std::all_of(fields.begin(), fields.end(),
                  [](std::string_view f) { return core::TrimSpaces(f).empty(); })) {
    return;
  }
  ++rows_read_;
  if (!header_ok_) return;  // the missing columns are already reported once
  RowContext context{this, row, &fields};
  switch (kind_) {
    case DirectoryKind::kOrganisations:
      AddOrganisation(context);
      break;
    case DirectoryKind::kOcopProducts:
      AddProduct(context);
      break;
    case DirectoryKind::kListings:
      AddListing(context);
      break;
  }
}

void DirectoryValidator::AddOrganisation(RowContext& r) {
  Organisation o;
  auto kind = r.Parse<OrganisationKind>(kOrgKind, "invalid_kind", ParseOrganisationKind, true);
  o.name = std::string(r.Required(kOrgName));
  auto tax_code = r.Parse<TaxCode>(kOrgTaxCode, "invalid_tax_code", TaxCode::Parse);
  auto citizen_id = r.Parse<std::string>(kOrgCitizenId, "invalid_citizen_id", ParseCitizenId);
  auto registered_on = r.ParseDate(kOrgRegisteredOn, false);
  const Date on = registered_on.value_or(options_.today);
  std::optional<int> unit;
  if (std::string_view province = r.Required(kOrgProvince); !province.empty()) {
    unit = r.ParseProvince(kOrgProvince, province, on);
  }
  auto sector = r.Parse<char>(kOrgSector, "invalid_sector", ParseVsicSection);
  auto phone = r.Parse<std::string>(kOrgPhone, "invalid_phone", NormalisePhone);
  auto email = r.Parse<std::string>(kOrgEmail, "invalid_email", NormaliseEmail);
  if (kind) {
    if (*kind != OrganisationKind::kHouseholdBusiness && r.Text(kOrgTaxCode).empty()) {
      r.Report(Severity::kError, kOrgTaxCode, "tax_code_required",
               fmt::format("{} phải có mã số thuế",
                           *kind == OrganisationKind::kEnterprise ? "Doanh nghiệp" : "Hợp tác xã"),
               *kind == OrganisationKind::kEnterprise ? "An enterprise must have a tax code"
                                                      : "A cooperative must have a tax code");
    }
    if (*kind != OrganisationKind::kHouseholdBusiness && !r.Text(kOrgCitizenId).empty()) {
      r.Report(Severity::kError, kOrgCitizenId, "citizen_id_not_allowed",
               "Chỉ hộ kinh doanh mới dùng số căn cước thay cho mã số thuế",
               "Only a household business may give a citizen id instead of a tax code");
    }
  }
  if (tax_code) r.Unique("tax:" + tax_code->text(), kOrgTaxCode, "Mã số thuế này", "This tax code");
  if (r.failed || !kind || !unit) return;
  o.kind = *kind;
  o.tax_code = tax_code;
  o.citizen_id = citizen_id.value_or("");
  o.unit_id = *unit;
  o.registered_on = on;
  o.address = std::string(r.Text(kOrgAddress));
  o.vsic_section = sector;
  o.contact =
      Contact{std::string(r.Text(kOrgContactPerson)), phone.value_or(""), email.value_or("")};
  organisations_.push_back(ImportedOrganisation{r.row, std::move(o)});
}

void DirectoryValidator::AddProduct(RowContext& r) {
  ImportedProduct item;
  item.row = r.row;
  Product& p = item.product;
  auto tax_code = r.Parse<TaxCode>(kProdProducerTaxCode, "invalid_tax_code", TaxCode::Parse);
  item.producer_name = std::string(r.Text(kProdProducerName));
  if (r.Text(kProdProducerTaxCode).empty() && item.producer_name.empty()) {
    r.Report(Severity::kError, kProdProducerName, "producer_required",
             "Cần mã số thuế hoặc tên chủ thể sản xuất",
             "The producer's tax code or name is required");
  }
  std::optional<int> unit;
  if (std::string_view province = r.Required(kProdProvince); !province.empty()) {
    unit = r.ParseProvince(kProdProvince, province, options_.today);
  }
  p.name_vi = std::string(r.Required(kProdName));
  p.local_name = std::string(r.Text(kProdLocalName));
  p.vcpa = r.Parse<VcpaCode>(kProdVcpa, "invalid_vcpa", VcpaCode::Parse);
  p.hs = r.Parse<HsCode>(kProdHs, "invalid_hs", HsCode::Parse);
  auto group = r.Parse<OcopGroup>(kProdOcopGroup, "invalid_ocop_group", ParseOcopGroup, true);
  auto stars = r.Parse<int>(kProdStars, "invalid_stars", ParseOcopStars, true);
  auto certified_on = r.ParseDate(kProdCertifiedOn, true);
  if (certified_on && options_.today < *certified_on) {
    r.Report(Severity::kError, kProdCertifiedOn, "future_date",
             fmt::format("Ngày công nhận {} ở sau ngày nhập {}", certified_on->ToVietnamese(),
                         options_.today.ToVietnamese()),
             fmt::format("The certificate date {} is after the import date {}",
                         certified_on->ToString(), options_.today.ToString()));
  }
  if (auto certs = r.Parse<CertificationSet>(kProdCertifications, "invalid_certification",
                                             ParseCertifications)) {
    p.certifications = *certs;
  }
  if (auto u = r.Parse<ProductUnit>(kProdUnit, "invalid_unit", ParseProductUnit)) p.unit = *u;
  p.capacity_per_year = r.ParseAmount(kProdCapacity, false, false);
  if (auto months = r.Parse<MonthSet>(kProdHarvestMonths, "invalid_months", ParseMonthSet)) {
    p.season = *months;
  }
  p.price = r.ParsePrice(kProdPriceMin, kProdPriceMax);
  p.packaging = std::string(r.Text(kProdPackaging));
  if (group && stars && certified_on) {
    p.ocop = OcopCertificate{*group, *stars, *certified_on};
    if (!p.ocop->ValidOn(options_.today) && !(options_.today < *certified_on)) {
      r.Report(Severity::kWarning, kProdCertifiedOn, "ocop_expired",
               fmt::format("Giấy chứng nhận OCOP ngày {} đã quá 36 tháng (hết hiệu lực sau ngày "
                           "{}); sản phẩm được nhập nhưng không được tính là sản phẩm OCOP",
                           certified_on->ToVietnamese(), p.ocop->LastValidDay().ToVietnamese()),
               fmt::format("The OCOP certificate of {} is older than 36 months (it lapsed after "
                           "{}); the product is imported but does not count as OCOP",
                           certified_on->ToString(), p.ocop->LastValidDay().ToString()));
    }
  }
  const std::string producer_key =
      tax_code ? tax_code->text() : "name:" + core::NameKey(item.producer_name);
  if (!p.name_vi.empty()) {
    r.Unique("product:" + producer_key + "|" + core::NameKey(p.name_vi), kProdName,
             "Sản phẩm này của cùng chủ thể", "This product of the same producer");
  }
  if (r.failed || !unit) return;
  item.producer_tax_code = tax_code ? tax_code->text() : "";
  item.producer_unit_id = *unit;
  products_.push_back(std::move(item));
}

void DirectoryValidator::AddListing(RowContext& r) {
  ImportedListing item;
  item.row = r.row;
  Listing& l = item.listing;
  auto kind = r.Parse<ListingKind>(kLstKind, "invalid_listing_kind", ParseListingKind, true);
  auto owner = r.Parse<TaxCode>(kLstOwnerTaxCode, "invalid_tax_code", TaxCode::Parse, true);
  item.product_name = std::string(r.Text(kLstProduct));
  l.description = std::string(r.Text(kLstDescription));
  l.vcpa = r.Parse<VcpaCode>(kLstVcpa, "invalid_vcpa", VcpaCode::Parse);
  l.hs = r.Parse<HsCode>(kLstHs, "invalid_hs", HsCode::Parse);
  auto quantity = r.ParseAmount(kLstQuantity, true, true);
  auto unit = r.Parse<ProductUnit>(kLstUnit, "invalid_unit", ParseProductUnit, true);
  auto min_order = r.ParseAmount(kLstMinOrder, false, true);
  auto from = r.ParseDate(kLstValidFrom, true);
  auto to = r.ParseDate(kLstValidTo, true);
  if (auto certs = r.Parse<CertificationSet>(kLstRequiredCertifications, "invalid_certification",
                                             ParseCertifications)) {
    l.required_certifications = *certs;
  }
  if (auto stars = r.Parse<int>(kLstMinStars, "invalid_stars", ParseOcopStars)) {
    l.min_stars = *stars;
  }
  l.price = r.ParsePrice(kLstPriceMin, kLstPriceMax);
  if (quantity && min_order && *quantity < *min_order) {
    r.Report(Severity::kError, kLstMinOrder, "min_order_above_quantity",
             fmt::format("Số lượng đặt tối thiểu {} lớn hơn số lượng {}", min_order->ToString(),
                         quantity->ToString()),
             fmt::format("The minimum order {} is above the quantity {}", min_order->ToString(),
                         quantity->ToString()));
  }
  if (from && to && *to < *from) {
    r.Report(Severity::kError, kLstValidTo, "window_reversed",
             fmt::format("Ngày kết thúc {} trước ngày bắt đầu {}", to->ToVietnamese(),
                         from->ToVietnamese()),
             fmt::format("The end {} is before the start {}", to->ToString(), from->ToString()));
  }
  if (to && *to < options_.today) {
    r.Report(Severity::kError, kLstValidTo, "window_over",
             fmt::format("Tin đã hết hạn từ ngày {}", to->ToVietnamese()),
             fmt::format("The listing ended on {}", to->ToString()));
  }
  if (kind == ListingKind::kOffer) {
    if (item.product_name.empty()) {
      r.Report(Severity::kError, kLstProduct, "product_required",
               "Tin chào bán phải ghi tên sản phẩm (một sản phẩm đã có của chủ tin)",
               "An offer must name the product (one of the owner's products)");
    }
    if (!l.required_certifications.IsEmpty()) {
      r.Report(Severity::kError, kLstRequiredCertifications, "requirements_on_offer",
               "Yêu cầu chứng nhận chỉ dành cho tin cần mua",
               "Required certifications belong to requests only");
    }
    if (l.min_stars != 0) {
      r.Report(Severity::kError, kLstMinStars, "requirements_on_offer",
               "Hạng sao tối thiểu chỉ dành cho tin cần mua",
               "Minimum stars belong to requests only");
    }
  } else if (kind == ListingKind::kRequest && item.product_name.empty() && l.description.empty()) {
    r.Report(Severity::kError, kLstDescription, "product_required",
             "Tin cần mua phải có sản phẩm hoặc mô tả hàng cần mua",
             "A request needs a product or a description of what is needed");
  }
  // Delivery provinces, resolved on the window's first day.
  const std::string_view delivery = r.Text(kLstDeliveryProvinces);
  for (std::size_t start = 0; start < delivery.size();) {
    std::size_t end = delivery.find_first_of(",;|", start);
    if (end == std::string_view::npos) end = delivery.size();
    const std::string_view name = core::TrimSpaces(delivery.substr(start, end - start));
    start = end + 1;
    if (name.empty()) continue;
    if (auto unit_id =
            r.ParseProvince(kLstDeliveryProvinces, name, from.value_or(options_.today))) {
      if (std::find(l.delivery_units.begin(), l.delivery_units.end(), *unit_id) ==
          l.delivery_units.end()) {
        l.delivery_units.push_back(*unit_id);
      }
    }
  }
  if (r.failed || !kind || !owner || !quantity || !unit || !from || !to) return;
  l.kind = *kind;
  l.quantity = Quantity{*quantity, *unit};
  l.min_order = min_order;
  l.valid_from = *from;
  l.valid_to = *to;
  if (l.kind == ListingKind::kOffer) l.product_id = 0;  // resolved by the caller from the name
  item.owner_tax_code = owner->text();
  listings_.push_back(std::move(item));
}

DirectoryPlan DirectoryValidator::Finish() {
  DirectoryPlan plan;
  plan.kind = kind_;
  plan.rows_read = rows_read_;
  plan.problems = std::move(problems_);
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  if (plan.ErrorCount() == 0) {
    plan.organisations = std::move(organisations_);
    plan.products = std::move(products_);
    plan.listings = std::move(listings_);
  }
  return plan;
}

DirectoryPlan ValidateDirectoryCsv(DirectoryKind kind, std::string_view csv,
                                   const stats::UnitCatalog& units, DirectoryOptions options) {
  DirectoryValidator validator(kind, units, std::move(options));
  core::StripUtf8Bom(&csv);
  if (!core::IsValidUtf8(csv)) {
    validator.AddProblem(Problem{Severity::kError, "bad_encoding", 0, "", "",
                                 "Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng CSV UTF-8",
                                 "The file is not UTF-8 text; save it again as CSV UTF-8"});
    return validator.Finish();
  }
  core::CsvReader reader(csv, core::DetectCsvDelimiter(csv));
  std::vector<std::string_view> fields;
  bool header = true;
  while (true) {
    auto next = reader.Next(&fields);
    if (!next) {
      validator.AddProblem(Problem{Severity::kError, "bad_csv", reader.record_line(), "", "",
                                   next.error().message_vi, next.error().message_en});
      break;
    }
    if (!*next) break;
    if (header) {
      if (fields.size() == 1 && core::TrimSpaces(fields[0]).empty()) continue;  // leading blanks
      validator.SetHeader(fields);
      header = false;
      continue;
    }
    validator.AddRow(reader.record_line(), fields);
  }
  if (header) {
    validator.AddProblem(Problem{Severity::kError, "empty_file", 0, "", "",
                                 "Tệp trống: không có dòng tiêu đề",
                                 "The file is empty: there is no header row"});
  }
  return validator.Finish();
}

}  // namespace lienket::linkage
