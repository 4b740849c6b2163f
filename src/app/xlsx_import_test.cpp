// Excel round trips: a template written by lienket, filled in as a province would (with
// openpyxl, the way a person's spreadsheet program would save it), imported back.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli.hpp"
#include "app/cli_test_util.hpp"
#include "io/xlsx_writer.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;

class XlsxImportTest : public testing::CliFixture {
 protected:
  // Runs a Python snippet with openpyxl; skips the test where Debian's openpyxl is missing.
  void Python(const std::string& code) {
    if (!fs::exists("/usr/bin/python3") ||
        std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) {
      GTEST_SKIP() << "python3-openpyxl is not installed";
    }
    std::string script = (dir_ / "edit.py").string();
    std::ofstream(script) << "import openpyxl, datetime\n" << code;
    ASSERT_EQ(std::system(("/usr/bin/python3 " + script).c_str()), 0);
  }
  nlohmann::json Observations() {
    EXPECT_EQ(Run({"observations", "--json"}), 0);
    return nlohmann::json::parse(out_.str());
  }
};

TEST_F(XlsxImportTest, FilledTemplateImportsWithoutAMapping) {
  ASSERT_EQ(Run({"template", "--form", "half_year", "--period", "2024-H1", "--province",
                 "Hà Nội,Bắc Giang", "-o", Path("t.xlsx")}),
            0)
      << err_.str();
  Python("wb = openpyxl.load_workbook('" + Path("t.xlsx") +
         "')\n"
         "ws = wb['Biểu nhập liệu']\n"
         "ws['B3'] = datetime.date(2024, 6, 28); ws['B3'].number_format = 'dd/mm/yyyy'\n"
         "ws['B4'] = 'sơ bộ'\n"
         "ws['B5'] = 'Sở Công Thương'\n"
         "ws['C11'] = 126.45\n"           // IIP of Hà Nội, a number
         "ws['D11'] = '336.500,5'\n"      // retail sales typed as Vietnamese text
         "ws['D12'] = '=D11-303919.5'\n"  // a formula: needs a cached value
         "wb.save('" +
         Path("filled.xlsx") + "')\n");
  // openpyxl does not calculate formulas: the import must say so and write nothing.
  EXPECT_EQ(Run({"import", Path("filled.xlsx"), "--json"}), 2);
  auto rejected = nlohmann::json::parse(out_.str());
  ASSERT_EQ(rejected["errors"], 1);
  bool found = false;
  for (const auto& p : rejected["problems"]) {
    if (p["severity"] == "error") {
      found = true;
      EXPECT_EQ(p["code"], "formula_not_calculated");
      EXPECT_EQ(p["row"], 12);
      EXPECT_EQ(p["column"], "D");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Observations().size(), 0u);

  Python("wb = openpyxl.load_workbook('" + Path("filled.xlsx") +
         "')\n"
         "wb['Biểu nhập liệu']['D12'] = 32581\n"
         "wb['Biểu nhập liệu']['K11'] = 12000\n"  // khuyến công plan: the whole year
         "wb.save('" +
         Path("filled.xlsx") + "')\n");
  ASSERT_EQ(Run({"import", Path("filled.xlsx"), "--json"}), 0) << out_.str();
  auto rows = Observations();
  ASSERT_EQ(rows.size(), 4u) << rows.dump(1);
  std::map<std::string, nlohmann::json> by;
  for (const auto& r : rows)
    by[r["province"].get<std::string>() + "/" + r["indicator"].get<std::string>()] = r;
  EXPECT_EQ(by["Hà Nội/iip"]["value"], "126.45");
  EXPECT_EQ(by["Hà Nội/iip"]["as_of"], "2024-06-28");
  EXPECT_EQ(by["Hà Nội/iip"]["status"], "preliminary");
  EXPECT_EQ(by["Hà Nội/retail_sales"]["value"], "336500500000000");
  EXPECT_EQ(by["Bắc Giang/retail_sales"]["value"], "32581000000000");
  EXPECT_EQ(by["Hà Nội/khuyen_cong_plan"]["period"], "2024");
  EXPECT_EQ(by["Hà Nội/khuyen_cong_plan"]["value"], "12000000000");
  // The same file again: nothing new.
  ASSERT_EQ(Run({"import", Path("filled.xlsx"), "--json"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["rows_inserted"], 0);
}

TEST_F(XlsxImportTest, ProvinceLayoutWithAMappingFile) {
  // The layout provinces send: a title, a merged two-row header, provinces down the rows, a
  // total row, numbers stored as text.
  io::WriteSheet sheet;
  sheet.name = "Biểu 01";
  auto put = [&sheet](int r, int c, io::CellValue v) {
    sheet.cells.push_back({r, c, std::move(v), {}});
  };
  put(1, 1, std::string("BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024"));
  put(3, 1, std::string("STT"));
  put(3, 2, std::string("Địa phương"));
  put(3, 3, std::string("Chỉ tiêu chủ yếu"));
  sheet.merges.push_back({{3, 3}, {3, 4}});
  put(4, 3, std::string("Bán lẻ (tỷ đồng)"));
  put(4, 4, std::string("Xuất khẩu (triệu USD)"));
  put(5, 1, 1.0);
  put(5, 2, std::string("TP. Hà Nội"));
  put(5, 3, std::string("336500"));
  put(5, 4, 8663.0);
  put(6, 1, 2.0);
  put(6, 2, std::string("Bắc Giang"));
  put(6, 3, 32581.0);
  put(6, 4, 12600.0);
  put(7, 2, std::string("Tổng cộng"));
  put(7, 3, 369081.0);
  io::WriteWorkbook book;
  book.sheets.push_back(sheet);
  ASSERT_TRUE(io::WriteXlsx(book, Path("province.xlsx")).has_value());
  std::ofstream(Path("map.json")) << R"({
    "sheet": "Biểu 01", "header_row": 4, "province_column": "B",
    "columns": {"C": {"indicator": "retail_sales", "unit": "ty_dong"},
                "D": {"indicator": "exports", "unit": "trieu_usd", "basis": "provincial"}},
    "defaults": {"period": "2024-H1", "as_of": "2024-06-30", "source": "Sở Công Thương"}})";
  ASSERT_EQ(Run({"import", Path("province.xlsx"), "--map", Path("map.json"), "--json"}), 0)
      << out_.str() << err_.str();
  auto summary = nlohmann::json::parse(out_.str());
  EXPECT_EQ(summary["rows_inserted"], 4);
  ASSERT_EQ(summary["problems"].size(), 1u);
  EXPECT_EQ(summary["problems"][0]["code"], "total_row_skipped");
  EXPECT_EQ(summary["problems"][0]["row"], 7);
  EXPECT_EQ(Observations().size(), 4u);
}

TEST_F(XlsxImportTest, LongLayoutSheetNeedsNoMapping) {
  io::WriteSheet sheet;
  sheet.name = "Data";
  std::vector<std::string> header = {"Tỉnh", "Chỉ tiêu", "Kỳ", "Giá trị", "Đơn vị"};
  for (int c = 0; c < 5; ++c) sheet.cells.push_back({1, c + 1, header[c], {}});
  sheet.cells.push_back({2, 1, std::string("Nghệ An"), {}});
  sheet.cells.push_back({2, 2, std::string("exports"), {}});
  sheet.cells.push_back({2, 3, std::string("2024-H1"), {}});
  sheet.cells.push_back({2, 4, 1350.5, {}});
  sheet.cells.push_back({2, 5, std::string("trieu_usd"), {}});
  sheet.cells.push_back({3, 1, std::string("Nghe An"), {}});
  sheet.cells.push_back({3, 2, std::string("iip"), {}});
  sheet.cells.push_back({3, 3, std::string("2024-H3"), {}});
  sheet.cells.push_back({3, 4, 110.03, {}});
  sheet.cells.push_back({3, 5, std::string("index"), {}});
  io::WriteWorkbook book;
  book.sheets.push_back(sheet);
  ASSERT_TRUE(io::WriteXlsx(book, Path("long.xlsx")).has_value());
  EXPECT_EQ(Run({"import", Path("long.xlsx")}), 2);
  EXPECT_NE(out_.str().find("dòng 3, cột C"), std::string::npos) << out_.str();
  EXPECT_EQ(Observations().size(), 0u);
}

TEST_F(XlsxImportTest, TemplateRefusesAPeriodOfTheWrongKind) {
  EXPECT_EQ(Run({"template", "--form", "monthly", "--period", "2024-H1", "-o", Path("m.xlsx")}), 2);
  EXPECT_NE(err_.str().find("2024-H1"), std::string::npos);
  EXPECT_FALSE(fs::exists(Path("m.xlsx")));
}

}  // namespace
}  // namespace lienket::app
