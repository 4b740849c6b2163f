// The export writers on hand-made rows and the shipped catalogues: JSON-stat structure and exact
// numbers, SDMX time periods and codes, the import CSV, and the errors.
#include "report/export_formats.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "stats/stats_test_util.hpp"

namespace lienket::report {
namespace {

using core::Date;
using core::Decimal;
using core::Period;
using stats::Observation;
using stats::Qualifier;
using stats::VintageStatus;

const stats::testing::ShippedCatalogs& Catalogs() {
  static const auto* catalogs = new stats::testing::ShippedCatalogs();
  return *catalogs;
}

Observation Row(const std::string& unit_key, const std::string& indicator,
                const std::string& period, const std::string& value,
                VintageStatus status = VintageStatus::kOfficial,
                Qualifier qualifier = Qualifier::kExact, const std::string& as_of = "2024-07-15") {
  Observation o;
  const stats::AdminUnit* unit = Catalogs().units.FindByKey(unit_key);
  EXPECT_NE(unit, nullptr) << unit_key;
  o.unit_id = unit != nullptr ? unit->id : -1;
  o.indicator_id = indicator;
  o.period = *Period::Parse(period);
  o.value = *Decimal::Parse(value);
  o.status = status;
  o.qualifier = qualifier;
  o.basis = Catalogs().indicators.FindById(indicator)->default_basis;
  o.source = "Cục Thống kê";
  o.as_of = *Date::Parse(as_of);
  return o;
}

ExportInput Input(const std::vector<Observation>& rows) {
  ExportInput in;
  in.rows = rows;
  in.units = &Catalogs().units;
  in.indicators = &Catalogs().indicators;
  return in;
}

// The JSON-stat cell index of the categories `ids` (one per dimension, in the dataset's order).
std::string CellIndex(const nlohmann::json& doc, const std::vector<std::string>& ids) {
  std::size_t index = 0;
  for (std::size_t d = 0; d < ids.size(); ++d) {
    const auto& cats = doc["dimension"][doc["id"][d].get<std::string>()]["category"]["index"];
    std::size_t pos = 0;
    while (pos < cats.size() && cats[pos] != ids[d]) ++pos;
    EXPECT_LT(pos, cats.size()) << ids[d];
    index = index * doc["size"][d].get<std::size_t>() + pos;
  }
  return std::to_string(index);
}

TEST(SdmxTimePeriod, UsesTheSdmxFormOfEachKindOfPeriod) {
  auto sdmx = [](const std::string& code) { return SdmxTimePeriod(*Period::Parse(code)); };
  EXPECT_EQ(sdmx("2024"), "2024");
  EXPECT_EQ(sdmx("2024-H1"), "2024-S1");
  EXPECT_EQ(sdmx("2024-H2"), "2024-S2");
  EXPECT_EQ(sdmx("2024-Q2"), "2024-Q2");
  EXPECT_EQ(sdmx("2024-05"), "2024-05");
  // Spans that are no SDMX reporting period are distinct time ranges (start/duration).
  EXPECT_EQ(sdmx("2024-9M"), "2024-01-01/P9M");
  EXPECT_EQ(sdmx("2024-M01-M05"), "2024-01-01/P5M");
  EXPECT_EQ(sdmx("2024-M03-M05"), "2024-03-01/P3M");
  // January–April is written as a range, never as trimester "T1" ("tháng 1" to a Vietnamese).
  EXPECT_EQ(sdmx("2024-M01-M04"), "2024-01-01/P4M");
}

TEST(ExportStatusCodes, CombineVintageStatusAndQualifier) {
  EXPECT_EQ(JsonStatStatus(VintageStatus::kOfficial, Qualifier::kExact), "");
  EXPECT_EQ(JsonStatStatus(VintageStatus::kEstimate, Qualifier::kExact), "e");
  EXPECT_EQ(JsonStatStatus(VintageStatus::kPreliminary, Qualifier::kLowerBound), "p>");
  EXPECT_EQ(JsonStatStatus(VintageStatus::kEstimate, Qualifier::kUpperBound), "e<");
  EXPECT_EQ(JsonStatStatus(VintageStatus::kOfficial, Qualifier::kApprox), "~");
  EXPECT_EQ(SdmxObsStatus(VintageStatus::kOfficial), "A");
  EXPECT_EQ(SdmxObsStatus(VintageStatus::kPreliminary), "P");
  EXPECT_EQ(SdmxObsStatus(VintageStatus::kEstimate), "E");
}

TEST(ParseExportFormat, AcceptsTheThreeNames) {
  EXPECT_EQ(*ParseExportFormat("jsonstat"), ExportFormat::kJsonStat);
  EXPECT_EQ(*ParseExportFormat("sdmx-csv"), ExportFormat::kSdmxCsv);
  EXPECT_EQ(*ParseExportFormat("csv"), ExportFormat::kCsv);
  auto bad = ParseExportFormat("xlsx");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(ExportJsonStat, WritesADatasetWithRolesLabelsUnitsAndStatus) {
  std::vector<Observation> rows = {
      Row("ha-noi", "retail_sales", "2024-H1", "419876500000000"),  // 419 876,5 tỷ đồng
      Row("vn", "retail_sales", "2024-H1", "3099500000000000", VintageStatus::kEstimate),
      Row("ha-noi", "iip", "2024-H1", "107.5", VintageStatus::kPreliminary, Qualifier::kLowerBound),
  };
  auto text = ExportJsonStat(Input(rows));
  ASSERT_TRUE(text) << text.error().message_en;
  auto doc = nlohmann::json::parse(*text);
  EXPECT_EQ(doc["version"], "2.0");
  EXPECT_EQ(doc["class"], "dataset");
  EXPECT_EQ(doc["id"], nlohmann::json({"dataset", "indicator", "basis", "unit", "period"}));
  EXPECT_EQ(doc["size"], nlohmann::json({1, 2, 2, 2, 1}));
  EXPECT_EQ(doc["role"]["time"], nlohmann::json({"period"}));
  EXPECT_EQ(doc["role"]["geo"], nlohmann::json({"unit"}));
  EXPECT_EQ(doc["role"]["metric"], nlohmann::json({"indicator"}));
  EXPECT_EQ(doc["updated"], "2024-07-15");

  const auto& unit = doc["dimension"]["unit"];
  EXPECT_EQ(unit["category"]["label"]["ha-noi"], "Hà Nội");
  EXPECT_EQ(unit["extension"]["code"]["ha-noi"], "01");
  EXPECT_EQ(unit["category"]["label"]["vn"], "Cả nước");
  EXPECT_EQ(doc["dimension"]["period"]["category"]["label"]["2024-H1"], "6 tháng đầu năm 2024");
  EXPECT_EQ(doc["dimension"]["period"]["extension"]["sdmx_time_period"]["2024-H1"], "2024-S1");
  EXPECT_EQ(doc["dimension"]["dataset"]["category"]["index"], nlohmann::json({"observed"}));

  const auto& indicator = doc["dimension"]["indicator"];
  EXPECT_EQ(indicator["category"]["index"], nlohmann::json({"iip", "retail_sales"}));
  EXPECT_EQ(indicator["category"]["unit"]["retail_sales"]["label"], "tỷ đồng");
  EXPECT_EQ(indicator["category"]["unit"]["retail_sales"]["decimals"], 1);
  EXPECT_EQ(indicator["extension"]["multiplier"]["retail_sales"], 9);
  EXPECT_EQ(indicator["extension"]["canonical_unit"]["retail_sales"], "vnd");
  EXPECT_EQ(indicator["category"]["unit"]["iip"]["decimals"], 2);
  EXPECT_EQ(indicator["extension"]["multiplier"]["iip"], 0);

  std::string hn_retail =
      CellIndex(doc, {"observed", "retail_sales", "goods_and_services", "ha-noi", "2024-H1"});
  std::string vn_retail =
      CellIndex(doc, {"observed", "retail_sales", "goods_and_services", "vn", "2024-H1"});
  std::string hn_iip = CellIndex(doc, {"observed", "iip", "whole_industry", "ha-noi", "2024-H1"});
  EXPECT_EQ(doc["value"].size(), 3u);
  // The numbers are written from the decimal text, in the stated unit.
  EXPECT_NE(text->find("\"" + hn_retail + "\": 419876.5"), std::string::npos) << *text;
  EXPECT_NE(text->find("\"" + vn_retail + "\": 3099500"), std::string::npos);
  EXPECT_NE(text->find("\"" + hn_iip + "\": 107.5"), std::string::npos);
  // Flags: official and exact has none; estimate "e"; preliminary lower bound "p>".
  EXPECT_FALSE(doc["status"].contains(hn_retail));
  EXPECT_EQ(doc["status"][vn_retail], "e");
  EXPECT_EQ(doc["status"][hn_iip], "p>");
  EXPECT_EQ(doc["extension"]["status"]["label"]["p"], "sơ bộ");
  const auto& meta = doc["extension"]["observations"][hn_iip];
  EXPECT_EQ(meta["as_of"], "2024-07-15");
  EXPECT_EQ(meta["qualifier"], "lower_bound");
  EXPECT_EQ(meta["status"], "preliminary");
  EXPECT_EQ(meta["source"], "Cục Thống kê");
}

TEST(ExportJsonStat, KeepsDigitsThatADoubleWouldLose) {
  // 2^53 + 1 markets: a double rounds it to 2^53; the export must not.
  std::vector<Observation> rows = {Row("ha-noi", "markets", "2024", "9007199254740993")};
  auto text = ExportJsonStat(Input(rows));
  ASSERT_TRUE(text);
  EXPECT_NE(text->find(": 9007199254740993\n"), std::string::npos) << *text;
}

TEST(ExportJsonStat, FallsBackToTheCanonicalUnitWhenTheDisplayUnitWouldLoseDigits) {
  // 1 000 000 000,5 đồng is 1,0000000005 tỷ đồng: ten decimals, more than a Decimal holds.
  std::vector<Observation> rows = {Row("ha-noi", "retail_sales", "2024", "1000000000.5"),
                                   Row("vn", "retail_sales", "2024", "2000000000000")};
  auto text = ExportJsonStat(Input(rows));
  ASSERT_TRUE(text);
  auto doc = nlohmann::json::parse(*text);
  const auto& indicator = doc["dimension"]["indicator"];
  EXPECT_EQ(indicator["category"]["unit"]["retail_sales"]["label"], "đồng");
  EXPECT_EQ(indicator["extension"]["multiplier"]["retail_sales"], 0);
  EXPECT_NE(text->find(": 1000000000.5\n"), std::string::npos);
  EXPECT_NE(text->find(": 2000000000000"), std::string::npos);
}

TEST(ExportJsonStat, NamesUnitsOfBothErasApart) {
  std::vector<Observation> rows = {Row("lao-cai", "exports", "2024", "2000000000"),
                                   Row("lao-cai-2025", "exports", "2025-Q4", "700000000")};
  auto text = ExportJsonStat(Input(rows));
  ASSERT_TRUE(text);
  auto doc = nlohmann::json::parse(*text);
  const auto& unit = doc["dimension"]["unit"];
  EXPECT_EQ(unit["category"]["label"]["lao-cai"], "Lào Cai (đến 30/06/2025)");
  EXPECT_EQ(unit["category"]["label"]["lao-cai-2025"], "Lào Cai (từ 01/07/2025)");
  EXPECT_EQ(unit["extension"]["code"]["lao-cai"], "10");
  EXPECT_EQ(unit["extension"]["code"]["lao-cai-2025"], "15");
  EXPECT_EQ(unit["extension"]["valid_to"]["lao-cai"], "2025-06-30");
  EXPECT_TRUE(unit["extension"]["valid_to"]["lao-cai-2025"].is_null());
}

TEST(ExportJsonStat, RefusesTwoVintagesOfAFigureUnlessAskedForEveryVintage) {
  std::vector<Observation> rows = {
      Row("ha-noi", "iip", "2024", "108.1", VintageStatus::kEstimate, Qualifier::kExact,
          "2024-12-29"),
      Row("ha-noi", "iip", "2024", "108.4", VintageStatus::kOfficial, Qualifier::kExact,
          "2025-06-30"),
  };
  auto refused = ExportJsonStat(Input(rows));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);

  ExportInput in = Input(rows);
  in.all_vintages = true;
  auto text = ExportJsonStat(in);
  ASSERT_TRUE(text) << text.error().message_en;
  auto doc = nlohmann::json::parse(*text);
  EXPECT_EQ(doc["id"].back(), "vintage");
  EXPECT_EQ(doc["dimension"]["vintage"]["category"]["index"],
            nlohmann::json({"2024-12-29.estimate", "2025-06-30.official"}));
  EXPECT_EQ(doc["dimension"]["vintage"]["category"]["label"]["2024-12-29.estimate"],
            "Công bố 29/12/2024, ước tính");
  EXPECT_EQ(doc["value"].size(), 2u);
  std::string first = CellIndex(
      doc, {"observed", "iip", "whole_industry", "ha-noi", "2024", "2024-12-29.estimate"});
  EXPECT_NE(text->find("\"" + first + "\": 108.1"), std::string::npos);
}

TEST(ExportJsonStat, SaysWhenFiguresAreIllustrative) {
  std::vector<Observation> rows = {Row("ha-noi", "iip", "2024", "108.1")};
  rows[0].dataset = std::string(stats::kDatasetIllustrative);
  auto text = ExportJsonStat(Input(rows));
  ASSERT_TRUE(text);
  auto doc = nlohmann::json::parse(*text);
  EXPECT_EQ(doc["dimension"]["dataset"]["category"]["label"]["illustrative"],
            "DỮ LIỆU MINH HỌA (không phải số liệu thật)");
  EXPECT_NE(doc["note"].back().get<std::string>().find("MINH HỌA"), std::string::npos);
}

TEST(ExportFormats, RefuseARowOutsideTheCatalogues) {
  std::vector<Observation> rows = {Row("ha-noi", "iip", "2024", "108.1")};
  rows[0].indicator_id = "no_such_indicator";
  for (auto format : {ExportFormat::kJsonStat, ExportFormat::kSdmxCsv, ExportFormat::kCsv}) {
    auto text = Export(format, Input(rows));
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, core::ErrorCode::kInternal);
  }
}

TEST(ExportSdmxCsv, WritesOneRowPerObservationWithSdmxCodes) {
  std::vector<Observation> rows = {
      Row("ha-noi", "retail_sales", "2024-H1", "419876500000000", VintageStatus::kEstimate),
      Row("ha-noi", "exports", "2024-M01-M05", "12345678", VintageStatus::kOfficial,
          Qualifier::kApprox),
  };
  rows[1].note = "khoảng 12,3 triệu USD, \"ước\"";
  auto text = ExportSdmxCsv(Input(rows));
  ASSERT_TRUE(text) << text.error().message_en;
  std::vector<std::string> lines;
  std::istringstream in(*text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "DATAFLOW,INDICATOR,REF_AREA,BASIS,TIME_PERIOD,OBS_VALUE,OBS_STATUS,OBS_QUALIFIER,"
            "UNIT_MEASURE,UNIT_MULT,DECIMALS,SOURCE,AS_OF,COMMENT_OBS,GSO_CODE\r");
  // Rows follow the catalogue's indicator order (retail_sales before exports).
  EXPECT_EQ(lines[1],
            "LIENKET:OBSERVATIONS(1.0),retail_sales,ha-noi,goods_and_services,2024-S1,419876.5,E,"
            "exact,VND,9,1,Cục Thống kê,2024-07-15,,01\r");
  EXPECT_EQ(lines[2],
            "LIENKET:OBSERVATIONS(1.0),exports,ha-noi,provincial,2024-01-01/P5M,12.345678,A,"
            "approx,USD,6,1,Cục Thống kê,2024-07-15,\"khoảng 12,3 triệu USD, \"\"ước\"\"\",01\r");
}

TEST(ExportSdmxCsv, PutsEveryVintageInItsOwnDataflowWithAVintageDimension) {
  std::vector<Observation> rows = {
      Row("vn", "iip", "2024", "108.1", VintageStatus::kEstimate, Qualifier::kExact, "2024-12-29"),
      Row("vn", "iip", "2024", "108.4", VintageStatus::kOfficial, Qualifier::kExact, "2025-06-30"),
  };
  rows[1].dataset = std::string(stats::kDatasetIllustrative);
  ExportInput in = Input(rows);
  in.all_vintages = true;
  auto text = ExportSdmxCsv(in);
  ASSERT_TRUE(text);
  EXPECT_NE(text->find(",TIME_PERIOD,VINTAGE,OBS_VALUE,"), std::string::npos);
  EXPECT_NE(text->find("LIENKET:OBSERVATIONS_VINTAGES(1.0),iip,vn,whole_industry,2024,"
                       "2024-12-29.estimate,108.1,E,"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("LIENKET:ILLUSTRATIVE_VINTAGES(1.0),iip,vn,whole_industry,2024,"
                       "2025-06-30.official,108.4,A,"),
            std::string::npos);
}

TEST(ExportCsv, WritesTheImportFormatInTheDisplayUnit) {
  std::vector<Observation> rows = {
      Row("ha-noi", "retail_sales", "2024-H1", "419876500000000", VintageStatus::kEstimate),
      Row("ha-noi", "iip", "2024-M01-M05", "107.5", VintageStatus::kPreliminary,
          Qualifier::kLowerBound),
  };
  rows[1].note = "trên 7,5%";
  auto text = ExportCsv(Input(rows));
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "\xEF\xBB\xBF"
            "province,indicator,period,value,unit,status,qualifier,basis,source,note,as_of\n"
            "01,iip,2024-M01-M05,107.5,index,preliminary,lower_bound,whole_industry,Cục Thống "
            "kê,\"trên 7,5%\",2024-07-15\n"
            "01,retail_sales,2024-H1,419876.5,ty_dong,estimate,exact,goods_and_services,Cục "
            "Thống kê,,2024-07-15\n");
}

TEST(ExportCsv, RefusesToMixDatasets) {
  std::vector<Observation> rows = {Row("ha-noi", "iip", "2024", "108.1"),
                                   Row("vn", "iip", "2024", "107.2")};
  rows[1].dataset = std::string(stats::kDatasetIllustrative);
  auto text = ExportCsv(Input(rows));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lienket::report
