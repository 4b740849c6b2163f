#include "io/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "io/fs.hpp"
#include "io/test_scratch_dir.hpp"

namespace lienket::io {
namespace {

using Kind = XlsxCell::Kind;

core::Decimal Dec(const char* text) { return *core::Decimal::Parse(text); }

// A blank report template as sent to provinces: merged title, two-row merged header, unlocked
// input cells with a number format, a status drop-down, and a hidden code list.
WriteWorkbook ReportTemplate() {
  const CellStyle header{.bold = true,
                         .wrap = true,
                         .vcenter = true,
                         .border = true,
                         .fill_rgb = "FFF2CC",
                         .align = CellStyle::Align::kCenter};
  const CellStyle input{.locked = false, .border = true, .num_format = "#,##0.0"};
  WriteSheet report{.name = "Biểu 01"};
  report.cells = {
      {1, 1, std::string("Tổng mức bán lẻ hàng hóa"),
       CellStyle{.bold = true, .align = CellStyle::Align::kCenter}},
      {3, 1, std::string("Tỉnh/thành phố"), header},
      {3, 2, std::string("Tổng mức"), header},
      {4, 2, std::string("Kỳ trước"), header},
      {4, 3, std::string("Kỳ này"), header},
      {3, 4, std::string("Trạng thái"), header},
      {5, 1, std::string("Hà Nội"), CellStyle{.border = true}},
      {5, 2, 2602000.5, input},
      {5, 3, Dec("1234567.89"), input},
      {5, 4, std::string("Sơ bộ"), CellStyle{.locked = false}},
      {6, 1, std::string("Thành phố Hồ Chí Minh"), CellStyle{.border = true}},
      {6, 2, Dec("0.1"), input},
      {6, 3, std::monostate{}, input},
      {7, 1, std::string("dòng 1\r\ndòng 2"), CellStyle{.wrap = true}},
  };
  report.merges = {{{1, 1}, {1, 4}}, {{3, 1}, {4, 1}}, {{3, 2}, {3, 3}}, {{3, 4}, {4, 4}}};
  report.column_widths = {{1, 28}, {2, 14}, {3, 14}, {4, 12}};
  report.row_heights = {{3, 30}};
  report.print_landscape = true;
  report.print_fit_width = true;
  report.freeze_rows = 4;
  report.freeze_cols = 1;
  report.protect = true;
  report.validations = {{{{5, 4}, {40, 4}}, {"Chính thức", "Sơ bộ", "Ước tính"}}};
  WriteSheet codes{.name = "Mã tỉnh", .hidden = true};
  codes.cells = {{1, 1, std::string("01")}, {1, 2, std::string("Hà Nội")}};
  return WriteWorkbook{.sheets = {codes, report}, .title = "Biểu 01", .author = "lienket"};
}

TEST(WriteXlsx, RoundTripsThroughTheReader) {
  TestScratchDir dir;
  const std::string path = dir.File("bieu01.xlsx");
  auto written = WriteXlsx(ReportTemplate(), path);
  ASSERT_TRUE(written) << written.error().Bilingual();

  auto book = ListSheets(path);
  ASSERT_TRUE(book) << book.error().Bilingual();
  EXPECT_EQ(book->sheet_names, (std::vector<std::string>{"Mã tỉnh", "Biểu 01"}));
  EXPECT_EQ(book->hidden, (std::vector<bool>{true, false}));

  auto sheet = ReadSheet(path, "");  // the first visible sheet
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->name, "Biểu 01");
  EXPECT_EQ(sheet->At(1, 1).text, "Tổng mức bán lẻ hàng hóa");
  EXPECT_EQ(sheet->Displayed(1, 4).text, "Tổng mức bán lẻ hàng hóa");
  EXPECT_EQ(sheet->Displayed(4, 1).text, "Tỉnh/thành phố");
  EXPECT_EQ(sheet->Displayed(3, 3).text, "Tổng mức");
  EXPECT_EQ(sheet->merges.size(), 4u);
  EXPECT_EQ(sheet->At(5, 1).text, "Hà Nội");
  for (const auto& [row, col, text] :
       {std::tuple{5, 2, "2602000.5"}, std::tuple{5, 3, "1234567.89"}, std::tuple{6, 2, "0.1"}}) {
    EXPECT_EQ(sheet->At(row, col).kind, Kind::kNumber) << CellName(row, col);
    EXPECT_EQ(sheet->At(row, col).text, text) << CellName(row, col);
  }
  EXPECT_EQ(sheet->At(6, 3).kind, Kind::kEmpty);
  EXPECT_EQ(sheet->At(7, 1).text, "dòng 1\r\ndòng 2");
}

// Runs a Python script with Debian's python3 (which has openpyxl); returns its exit status and
// fills *output with what it printed.
int RunPython(const std::string& script_path, const std::string& arg, std::string* output) {
  const std::string command = "/usr/bin/python3 " + script_path + " " + arg + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output->append(buffer, n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(WriteXlsx, OpenpyxlSeesNumbersTextMergesAndProtection) {
  if (::access("/usr/bin/python3", X_OK) != 0 ||
      std::system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with openpyxl is not installed";
  }
  TestScratchDir dir;
  const std::string path = dir.File("bieu01.xlsx");
  ASSERT_TRUE(WriteXlsx(ReportTemplate(), path));
  const std::string script = dir.File("check.py");
  std::ofstream(script) << R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Mã tỉnh", "Biểu 01"], wb.sheetnames
assert wb["Mã tỉnh"].sheet_state == "hidden", wb["Mã tỉnh"].sheet_state
assert wb.active.title == "Biểu 01", wb.active.title
ws = wb["Biểu 01"]
assert ws["A1"].value == "Tổng mức bán lẻ hàng hóa", repr(ws["A1"].value)
assert ws["A5"].value == "Hà Nội", repr(ws["A5"].value)
for ref, expected in (("B5", 2602000.5), ("C5", 1234567.89), ("B6", 0.1)):
    cell = ws[ref]
    assert cell.data_type == "n" and isinstance(cell.value, float), (ref, cell.data_type, cell.value)
    assert cell.value == expected, (ref, cell.value)
assert ws["B5"].number_format == "#,##0.0", ws["B5"].number_format
assert ws["B5"].protection.locked is False
assert ws["A5"].protection.locked is True
assert ws.protection.sheet, "sheet not protected"
assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A1:D1", "A3:A4", "B3:C3", "D3:D4"]
assert ws.freeze_panes == "B5", ws.freeze_panes
assert ws.row_dimensions[3].height == 30, ws.row_dimensions[3].height
assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.page_setup
assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, ws.page_setup  # 1 is the default
assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.sheet_properties.pageSetUpPr
assert ws["B3"].fill.fgColor.rgb.endswith("FFF2CC"), ws["B3"].fill.fgColor.rgb
dv = ws.data_validations.dataValidation
assert len(dv) == 1 and dv[0].type == "list", dv
assert dv[0].formula1 == '"Chính thức,Sơ bộ,Ước tính"', dv[0].formula1
assert str(dv[0].sqref) == "D5:D40", dv[0].sqref
assert wb.properties.title == "Biểu 01"
print("ok")
)PY";
  std::string output;
  EXPECT_EQ(RunPython(script, path, &output), 0) << output;
}

// Returns the error of writing a one-sheet workbook after `change` alters a valid sheet.
template <typename F>
core::Error ErrorAfter(F change) {
  TestScratchDir dir;
  WriteSheet sheet{.name = "Biểu"};
  sheet.cells = {{1, 1, std::string("x")}};
  change(sheet);
  auto written = WriteXlsx(WriteWorkbook{.sheets = {sheet}}, dir.File("out.xlsx"));
  EXPECT_FALSE(written);
  return written ? core::Error{} : written.error();
}

TEST(WriteXlsx, RejectsModelsExcelCannotHold) {
  struct Case {
    const char* what;
    void (*change)(WriteSheet&);
    const char* en_part;
  };
  const Case cases[] = {
      {"slash in name", [](WriteSheet& s) { s.name = "Biểu 1/2024"; }, "must not contain"},
      {"long name", [](WriteSheet& s) { s.name = std::string(32, 'x'); }, "31 characters"},
      {"row 0",
       [](WriteSheet& s) {
         s.cells.push_back({0, 1, 1.0});
       },
       "outside A1:XFD1048576"},
      {"NaN",
       [](WriteSheet& s) {
         s.cells.push_back({2, 1, std::nan("")});
       },
       "cell A2: a NaN"},
      {"infinity",
       [](WriteSheet& s) {
         s.cells.push_back({2, 2, std::numeric_limits<double>::infinity()});
       },
       "infinite"},
      {"bad utf-8",
       [](WriteSheet& s) {
         s.cells.push_back({2, 1, std::string("\xC3")});
       },
       "not valid UTF-8"},
      {"long text",
       [](WriteSheet& s) {
         s.cells.push_back({2, 1, std::string(32768, 'a')});
       },
       "32,767"},
      {"tall row", [](WriteSheet& s) { s.row_heights[2] = 410; }, "row 2 height must be 0 to 409"},
      {"bad colour",
       [](WriteSheet& s) {
         s.cells.push_back({2, 1, 1.0, CellStyle{.fill_rgb = "yellow"}});
       },
       "six hex digits"},
      {"overlap",
       [](WriteSheet& s) {
         s.merges = {{{1, 1}, {2, 2}}, {{2, 2}, {3, 3}}};
       },
       "overlaps A1:B2"},
      {"single-cell merge",
       [](WriteSheet& s) {
         s.merges = {{{1, 1}, {1, 1}}};
       },
       "two cells"},
      {"value hidden by merge",
       [](WriteSheet& s) {
         s.merges = {{{1, 1}, {1, 3}}};
         s.cells.push_back({1, 2, 5.0});
       },
       "cell B1: the cell lies inside merged range A1:C1"},
      {"comma in list",
       [](WriteSheet& s) {
         s.validations = {{{{1, 2}, {9, 2}}, {"a,b"}}};
       },
       "without commas"},
      {"long list",
       [](WriteSheet& s) {
         s.validations = {{{{1, 2}, {9, 2}}, {std::string(250, 'a'), "bcdef"}}};
       },
       "255 characters"},
      {"hidden only", [](WriteSheet& s) { s.hidden = true; }, "not hidden"},
  };
  for (const Case& c : cases) {
    const core::Error error = ErrorAfter(c.change);
    EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument) << c.what;
    EXPECT_NE(error.message_en.find(c.en_part), std::string::npos)
        << c.what << ": " << error.message_en;
    EXPECT_FALSE(error.message_vi.empty()) << c.what;
  }
}

TEST(WriteXlsx, DuplicateSheetNamesAreRejected) {
  TestScratchDir dir;
  WriteWorkbook book{.sheets = {WriteSheet{.name = "Biểu"}, WriteSheet{.name = "Biểu"}}};
  auto written = WriteXlsx(book, dir.File("out.xlsx"));
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message_vi.find("bị trùng"), std::string::npos);
}

TEST(WriteXlsx, FailureLeavesTheExistingFileAndNoTemporaries) {
  TestScratchDir dir;
  const std::string path = dir.File("out.xlsx");
  ASSERT_TRUE(WriteFileAtomically(path, "previous"));
  WriteWorkbook book{.sheets = {WriteSheet{.name = "A"}, WriteSheet{.name = "a/b"}}};
  ASSERT_FALSE(WriteXlsx(book, path));
  EXPECT_EQ(*ReadFile(path, 100), "previous");
  EXPECT_EQ(dir.EntryCount(), 1);
}

TEST(WriteXlsx, MissingDirectoryIsUnavailable) {
  TestScratchDir dir;
  auto written = WriteXlsx(ReportTemplate(), dir.File("no/such/dir/out.xlsx"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace lienket::io
