// The report files a person receives, checked with the programs a person would open them with:
// the XLSX read back by openpyxl, the DOCX opened by LibreOffice, the PDF read by pdftotext.
// The data are the shipped real figures plus the illustrative set, loaded once for the suite.
// A test that needs a converter or reader skips only when that program is absent
// (scripts/setup.sh installs them all).
#include "app/report_export.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli.hpp"
#include "app/external_tool.hpp"
#include "io/fs.hpp"
#include "io/zip_file.hpp"
#include "store/test_database.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class ReportExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("lienket_report_export_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    database_ = new store::TestDatabase((*dir_ / "r.db").string());
    std::string out, err;
    ASSERT_EQ(Run({"load-observed"}, &out, &err), 0) << err;
    ASSERT_EQ(Run({"demo", "load"}, &out, &err), 0) << err;
  }
  static void TearDownTestSuite() {
    delete database_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static int Run(std::vector<std::string> args, std::string* out, std::string* err) {
    args.insert(args.begin(), {"lienket", "--db", database_->url()});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream o, e;
    int code = RunCli(static_cast<int>(argv.size()), argv.data(), o, e);
    *out = o.str();
    *err = e.str();
    return code;
  }
  // `lienket report` on the illustrative H1 2024 report, with `extra` arguments.
  static int Report(std::vector<std::string> extra, std::string* out, std::string* err) {
    std::vector<std::string> args = {"report",     "--period",  "2024-H1",     "--as-of",
                                     "2025-06-01", "--dataset", "illustrative"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args, out, err);
  }
  static std::string File(const std::string& name) { return (*dir_ / name).string(); }
  static std::string Read(const std::string& path) {
    auto bytes = io::ReadFile(path, 64u << 20);
    return bytes ? *bytes : std::string();
  }
  static bool Installed(std::initializer_list<const char*> programs, std::string* missing) {
    for (const char* p : programs) {
      if (!FindProgram(p)) {
        *missing = p;
        return false;
      }
    }
    return true;
  }
  // The analyst's paragraph about retail sales in H1 2024, from the JSON report.
  static std::string RetailParagraph() {
    std::string out, err;
    EXPECT_EQ(Report({"--format", "json"}, &out, &err), 0) << err;
    const nlohmann::json report = nlohmann::json::parse(out);
    for (const auto& section : report["sections"]) {
      if (section["period"] != "2024-H1") continue;
      for (const auto& i : section["indicators"]) {
        if (i["indicator"] == "retail_sales") return i["paragraph_vi"];
      }
    }
    return "";
  }

  static fs::path* dir_;
  static store::TestDatabase* database_;  // SQLite file or PostgreSQL schema
};

fs::path* ReportExportTest::dir_ = nullptr;
store::TestDatabase* ReportExportTest::database_ = nullptr;

TEST_F(ReportExportTest, HtmlGoesToStandardOutputAndFilesNeedOutputPaths) {
  std::string out, err;
  ASSERT_EQ(Report({"--format", "html"}, &out, &err), 0) << err;
  EXPECT_EQ(out.rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0), 0u);
  EXPECT_NE(out.find("<figure class=\"map\">"), std::string::npos);
  EXPECT_NE(out.find("Tổng mức bán lẻ hàng hóa"), std::string::npos);
  for (const char* format : {"docx", "pdf", "xlsx"}) {
    EXPECT_NE(Report({"--format", format}, &out, &err), 0) << format;
    EXPECT_NE(err.find("-o"), std::string::npos) << err;
    EXPECT_TRUE(out.empty()) << out.substr(0, 100);
  }
}

TEST_F(ReportExportTest, XlsxHoldsRealNumbersWithFormatsReadBackByOpenpyxl) {
  if (::access("/usr/bin/python3", X_OK) != 0 ||
      !RunTool({"/usr/bin/python3", "-c", "import openpyxl"}, 60s)) {
    GTEST_SKIP() << "/usr/bin/python3 with openpyxl is not installed";
  }
  std::string out, err;
  const std::string path = File("report.xlsx");
  ASSERT_EQ(Report({"--format", "xlsx", "-o", path}, &out, &err), 0) << err;
  // The expected figures come from the JSON report: Hà Nội's retail sales (đồng) in tỷ đồng.
  ASSERT_EQ(Report({"--format", "json"}, &out, &err), 0) << err;
  nlohmann::json retail;
  const nlohmann::json report = nlohmann::json::parse(out);
  for (const auto& section : report["sections"]) {
    for (const auto& i : section["indicators"]) {
      if (section["period"] == "2024-H1" && i["indicator"] == "retail_sales") retail = i;
    }
  }
  ASSERT_FALSE(retail.is_null());
  const auto& top = retail["provinces"][0];
  const std::string script = File("check.py");
  std::ofstream(script) << R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.sheetnames
assert names[0] == "Ghi chú", names
assert len(names) == len(set(n.lower() for n in names)) and all(len(n) <= 31 for n in names), names
notes = wb["Ghi chú"]
text = "\n".join(str(c.value) for row in notes.iter_rows() for c in row if c.value is not None)
for part in ("DỮ LIỆU MINH HỌA", "01/06/2025", "\"trên\" = cận dưới", "2024-H1 retail_sales"):
    assert part in text, part
ws = wb["2024-H1 retail_sales"]
assert ws.freeze_panes == "A4", ws.freeze_panes
header = [c.value for c in ws[3]]
assert header[2] == "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng (tỷ đồng)", header
assert header[3] == "So cùng kỳ (%)" and header[7].startswith("Loại giá trị"), header
assert header[8] == "Tình trạng số liệu", header
rank, name, value, growth = ws["A4"], ws["B4"], ws["C4"], ws["D4"]
assert name.value == sys.argv[2], name.value
for cell, fmt in ((rank, "#,##0"), (value, "#,##0.0"), (growth, "0.0"), (ws["G4"], "0.00")):
    assert cell.data_type == "n" and isinstance(cell.value, (int, float)), (cell.coordinate, cell.value)
    assert cell.number_format == fmt, (cell.coordinate, cell.number_format)
assert rank.value == 1
assert abs(value.value - float(sys.argv[3]) / 1e9) < 1e-6, (value.value, sys.argv[3])
assert abs(growth.value - float(sys.argv[4])) < 1e-6, (growth.value, sys.argv[4])
assert ws["I4"].value == "ước tính", ws["I4"].value
# The sub-region table below, from column B, with its own numeric cells.
subs = [r for r in ws.iter_rows(min_row=5) if r[1].value == "Tiểu vùng"]
assert len(subs) == 1, "no sub-region header"
row = subs[0][1].row + 1
assert ws.cell(row, 2).value == "Trung du và miền núi phía Bắc", ws.cell(row, 2).value
assert ws.cell(row, 4).data_type == "n" and ws.cell(row, 4).value > 0, ws.cell(row, 4).value
assert ws.cell(row, 4).number_format == "#,##0.0", ws.cell(row, 4).number_format
print("ok")
)PY";
  auto checked = RunTool({"/usr/bin/python3", script, path, top["name_vi"].get<std::string>(),
                          top["value"].get<std::string>(), top["growth_pct"].get<std::string>()},
                         60s);
  ASSERT_TRUE(checked) << checked.error().message_en;
  EXPECT_NE(checked->output.find("ok"), std::string::npos) << checked->output;
}

TEST_F(ReportExportTest, DocxOpensInLibreOfficeWithTheVietnameseTextAndTheFigures) {
  std::string missing;
  if (!Installed({"pandoc", "rsvg-convert", "soffice"}, &missing)) {
    GTEST_SKIP() << missing << " is not installed";
  }
  std::string out, err;
  const std::string path = File("report.docx");
  ASSERT_EQ(Report({"--format", "docx", "-o", path}, &out, &err), 0) << err;
  // A4 pages, the page-number footer, the illustrative header and one picture per figure.
  auto document = io::ReadZipEntry(path, "word/document.xml", 16u << 20);
  ASSERT_TRUE(document) << document.error().message_en;
  EXPECT_NE(document->find("w:w=\"11906\""), std::string::npos);
  EXPECT_NE(document->find("w:h=\"16838\""), std::string::npos);
  EXPECT_NE(document->find("w:footerReference"), std::string::npos);
  EXPECT_NE(document->find("w:headerReference"), std::string::npos);
  std::size_t pictures = 0;
  for (std::size_t at = document->find("<pic:pic"); at != std::string::npos;
       at = document->find("<pic:pic", at + 1)) {
    ++pictures;
  }
  EXPECT_GE(pictures, 4u);

  // LibreOffice reads it back as text, in a private profile.
  auto scratch = ScratchDir::Create("lienket-docx-test-");
  ASSERT_TRUE(scratch);
  auto converted =
      RunTool({"soffice", "--headless", "--norestore",
               "-env:UserInstallation=file://" + scratch->File("profile"), "--convert-to",
               "txt:Text (encoded):UTF8", "--outdir", scratch->path(), path},
              180s);
  ASSERT_TRUE(converted) << converted.error().message_en;
  std::string text = Read(scratch->File("report.txt"));
  ASSERT_FALSE(text.empty()) << converted->output;
  EXPECT_NE(text.find("Tình hình ngành Công Thương 28 tỉnh, thành phố khu vực phía Bắc"),
            std::string::npos);
  EXPECT_NE(text.find("DỮ LIỆU MINH HỌA — không phải số liệu thật."), std::string::npos);
  const std::string paragraph = RetailParagraph();
  ASSERT_NE(paragraph.find("Tổng mức bán lẻ hàng hóa"), std::string::npos);
  EXPECT_NE(text.find(paragraph), std::string::npos) << paragraph;
  EXPECT_NE(text.find("Hình 1."), std::string::npos);
  EXPECT_NE(text.find("Bảng 1."), std::string::npos);
}

TEST_F(ReportExportTest, PdfIsPrintedByChromiumAndReadableByPdftotext) {
  std::string missing;
  if (!Installed({"chromium", "pdftotext"}, &missing)) {
    GTEST_SKIP() << missing << " is not installed";
  }
  std::string out, err;
  const std::string path = File("report.pdf");
  ASSERT_EQ(Report({"--format", "pdf", "-o", path}, &out, &err), 0) << err;
  EXPECT_EQ(Read(path).rfind("%PDF-", 0), 0u);
  const std::string text_path = File("report.pdf.txt");
  auto converted = RunTool({"pdftotext", "-enc", "UTF-8", path, text_path}, 60s);
  ASSERT_TRUE(converted) << converted.error().message_en;
  const std::string text = Read(text_path);
  EXPECT_NE(text.find("Tình hình ngành Công Thương 28 tỉnh, thành phố khu vực phía Bắc"),
            std::string::npos)
      << text.substr(0, 400);
  EXPECT_NE(text.find("6 tháng đầu năm 2024"), std::string::npos);
  EXPECT_NE(text.find("DỮ LIỆU MINH HỌA"), std::string::npos);
  EXPECT_NE(text.find("Hình 1."), std::string::npos);
}

}  // namespace
}  // namespace lienket::app
