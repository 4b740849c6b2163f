#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "io/test_scratch_dir.hpp"

namespace lienket::io {
namespace {

using Kind = XlsxCell::Kind;

// --- Fixtures: .xlsx files assembled part by part with libzip ------------------------------------

using Parts = std::vector<std::pair<std::string, std::string>>;

void WriteZip(const std::string& path, const Parts& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct SheetSpec {
  std::string name;
  std::string body;    // the children of <worksheet>
  std::string state;   // "", "hidden", "veryHidden"
  std::string target;  // relationship target; default "worksheets/sheetN.xml"
};

std::string Worksheet(const std::string& body) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
             "xmlns=\"") +
         kMainNs + "\" xmlns:r=\"" + kRelNs + "\">" + body + "</worksheet>";
}

// A workbook as Excel lays it out: package relationships, workbook, its relationships, sheets,
// and optional shared strings and styles.
Parts Workbook(const std::vector<SheetSpec>& sheets, const std::string& shared_strings = "",
               const std::string& styles = "") {
  std::string sheet_list, rels;
  Parts parts;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    const SheetSpec& s = sheets[i];
    sheet_list += "<sheet name=\"" + s.name + "\" sheetId=\"" + n + "\"" +
                  (s.state.empty() ? "" : " state=\"" + s.state + "\"") + " r:id=\"rId" + n +
                  "\"/>";
    const std::string target = s.target.empty() ? "worksheets/sheet" + n + ".xml" : s.target;
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + kRelNs + "/worksheet\" Target=\"" +
            target + "\"/>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml", Worksheet(s.body));
  }
  if (!shared_strings.empty()) {
    rels += std::string("<Relationship Id=\"rIdS\" Type=\"") + kRelNs +
            "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    parts.emplace_back("xl/sharedStrings.xml",
                       std::string("<sst xmlns=\"") + kMainNs + "\">" + shared_strings + "</sst>");
  }
  if (!styles.empty()) {
    rels += std::string("<Relationship Id=\"rIdT\" Type=\"") + kRelNs +
            "/styles\" Target=\"styles.xml\"/>";
    parts.emplace_back("xl/styles.xml", std::string("<styleSheet xmlns=\"") + kMainNs + "\">" +
                                            styles + "</styleSheet>");
  }
  parts.emplace_back(
      "[Content_Types].xml",
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  parts.emplace_back("_rels/.rels",
                     std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                                 "2006/relationships\"><Relationship Id=\"rId1\" Type=\"") +
                         kRelNs + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  parts.emplace_back("xl/workbook.xml", std::string("<workbook xmlns=\"") + kMainNs +
                                            "\" xmlns:r=\"" + kRelNs + "\"><sheets>" + sheet_list +
                                            "</sheets></workbook>");
  parts.emplace_back("xl/_rels/workbook.xml.rels",
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                     "relationships\">" +
                         rels + "</Relationships>");
  return parts;
}

// A province's report sheet: a merged title row above a two-row merged header, then data in every
// cell form SpreadsheetML allows.
const char* kShared =
    "<si><t>BIỂU 01: TỔNG MỨC BÁN LẺ HÀNG HÓA</t></si>"                                     // 0
    "<si><r><rPr><b/></rPr><t>Tỉnh/</t></r><r><t xml:space=\"preserve\">thành phố</t></r>"  // 1
    "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t>Tổng mức</t></si>"               // 2
    "<si><t>Kỳ trước</t></si>"               // 3
    "<si><t>Kỳ này</t></si>"                 // 4
    "<si><t>Hà Nội</t></si>"                 // 5
    "<si><t>2.700.000,5</t></si>"            // 6
    "<si><t>Thành phố Hồ Chí Minh</t></si>"  // 7
    "<si><t>Cộng</t></si>"                   // 8
    "<si><t>Ghi chú</t></si>";               // 9

const char* kStyles =
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.0 &quot;tỷ đồng&quot;\"/></numFmts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/></cellXfs>";

const char* kReportSheet =
    "<dimension ref=\"A1:Z9\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" t=\"s\"><v>2</v></c>"
    "<c r=\"D3\" t=\"s\"><v>9</v></c></row>"
    "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>3</v></c><c r=\"C4\" t=\"s\"><v>4</v></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>5</v></c><c r=\"B5\"><v>2602000.5</v></c>"
    "<c r=\"C5\" t=\"s\"><v>6</v></c>"
    "<c r=\"D5\" t=\"inlineStr\"><is><t>dòng 1_x000D_\ndòng 2</t></is></c></row>"
    "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>7</v></c><c r=\"B6\"><f>SUM(B5:B5)</f><v>2602000.5</v></c>"
    "<c r=\"C6\" t=\"str\"><f>IF(B6&gt;0,\"có\",\"không\")</f><v>có</v></c>"
    "<c r=\"D6\"><f>NOW()</f></c></row>"
    "<row r=\"7\"><c t=\"s\"><v>8</v></c><c><v>1.5E-3</v></c><c t=\"b\"><v>1</v></c>"
    "<c t=\"e\"><v>#DIV/0!</v></c></row>"
    "<row><c r=\"A8\" s=\"1\"><v>45292</v></c><c r=\"B8\" s=\"2\"><v>45292</v></c>"
    "<c r=\"C8\" s=\"3\"><v>12.5</v></c>"
    "<c r=\"D8\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  hai khoảng trắng  "
    "</t></is></c></row>"
    "<row r=\"9\"><c r=\"Z9\" s=\"1\"/></row>"
    "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"A3:A4\"/>"
    "<mergeCell ref=\"B3:C3\"/><mergeCell ref=\"D3:D4\"/></mergeCells>";

// Hidden helper sheet first, report second (absolute target), notes third.
Parts ProvinceWorkbook() {
  return Workbook(
      {{"Danh mục", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", "hidden",
        ""},
       {"Biểu 01", kReportSheet, "", "/xl/worksheets/sheet2.xml"},
       {"Ghi chú", "<sheetData/>", "", ""}},
      kShared, kStyles);
}

class XlsxFileTest : public ::testing::Test {
 protected:
  std::string Write(const Parts& parts, const std::string& name = "book.xlsx") {
    const std::string path = dir_.File(name);
    WriteZip(path, parts);
    return path;
  }
  std::string WriteRaw(const std::string& bytes, const std::string& name = "book.xlsx") {
    const std::string path = dir_.File(name);
    WriteBytes(path, bytes);
    return path;
  }
  TestScratchDir dir_;
};

// --- Addresses -----------------------------------------------------------------------------------

TEST(CellNames, ColumnNamesBothWays) {
  EXPECT_EQ(ColumnName(1), "A");
  EXPECT_EQ(ColumnName(3), "C");
  EXPECT_EQ(ColumnName(26), "Z");
  EXPECT_EQ(ColumnName(27), "AA");
  EXPECT_EQ(ColumnName(28), "AB");
  EXPECT_EQ(ColumnName(16384), "XFD");
  EXPECT_EQ(ColumnName(0), "");
  EXPECT_EQ(CellName(7, 3), "C7");
  for (int col : {1, 26, 27, 52, 53, 702, 703, 16384})
    EXPECT_EQ(*ParseColumnName(ColumnName(col)), col);
  EXPECT_EQ(*ParseColumnName("ab"), 28);
  EXPECT_FALSE(ParseColumnName(""));
  EXPECT_FALSE(ParseColumnName("XFE"));
  EXPECT_FALSE(ParseColumnName("A1"));
  EXPECT_FALSE(ParseColumnName("ABCD"));
}

TEST(CellNames, ParseCellName) {
  EXPECT_EQ(*ParseCellName("C7"), (CellRef{7, 3}));
  EXPECT_EQ(*ParseCellName("$ab$12"), (CellRef{12, 28}));
  EXPECT_EQ(*ParseCellName("XFD1048576"), (CellRef{1048576, 16384}));
  for (const char* bad : {"", "7", "C", "C0", "C 7", "C1048577", "7C", "C7x", "Ô7"}) {
    auto parsed = ParseCellName(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  }
}

TEST(XlsxSheet, DisplayedFollowsMergesAndBoundsIgnoreEmptyCells) {
  XlsxSheet sheet;
  sheet.Set(2, 2, XlsxCell{"Tổng mức", Kind::kString});
  sheet.Set(9, 26, XlsxCell{});
  sheet.merges.push_back(MergedRange{{2, 2}, {3, 4}});
  EXPECT_EQ(sheet.max_row, 2);
  EXPECT_EQ(sheet.max_col, 2);
  EXPECT_EQ(sheet.cell_count(), 1u);
  EXPECT_EQ(sheet.At(3, 4).kind, Kind::kEmpty);
  EXPECT_EQ(sheet.Displayed(3, 4).text, "Tổng mức");
  EXPECT_EQ(sheet.Displayed(4, 4).kind, Kind::kEmpty);
  EXPECT_EQ(sheet.At(1000000, 16000).text, "");
}

// --- Reading -------------------------------------------------------------------------------------

TEST_F(XlsxFileTest, ListSheetsGivesTabOrderAndHiddenState) {
  auto book = ListSheets(Write(ProvinceWorkbook()));
  ASSERT_TRUE(book) << book.error().Bilingual();
  EXPECT_EQ(book->sheet_names, (std::vector<std::string>{"Danh mục", "Biểu 01", "Ghi chú"}));
  EXPECT_EQ(book->hidden, (std::vector<bool>{true, false, false}));
}

TEST_F(XlsxFileTest, EmptyNameReadsFirstVisibleSheet) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), "");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->name, "Biểu 01");
  auto hidden = ReadSheet(Write(ProvinceWorkbook()), "Danh mục");
  ASSERT_TRUE(hidden) << hidden.error().Bilingual();
  EXPECT_EQ(hidden->At(1, 1).text, "1");
}

TEST_F(XlsxFileTest, SheetNameMatchesIgnoringCaseAndSpaces) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), " BIỂU 01 ");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->name, "Biểu 01");
}

TEST_F(XlsxFileTest, TitleRowAndMergedHeaders) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), "Biểu 01");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->At(1, 1).text, "BIỂU 01: TỔNG MỨC BÁN LẺ HÀNG HÓA");
  EXPECT_EQ(sheet->Displayed(1, 4).text, "BIỂU 01: TỔNG MỨC BÁN LẺ HÀNG HÓA");
  EXPECT_EQ(sheet->At(2, 1).kind, Kind::kEmpty);
  // Rich text runs joined, phonetic run left out.
  EXPECT_EQ(sheet->At(3, 1).text, "Tỉnh/thành phố");
  EXPECT_EQ(sheet->Displayed(4, 1).text, "Tỉnh/thành phố");
  EXPECT_EQ(sheet->At(3, 3).kind, Kind::kEmpty);
  EXPECT_EQ(sheet->Displayed(3, 3).text, "Tổng mức");
  EXPECT_EQ(sheet->Displayed(4, 3).text, "Kỳ này");
  EXPECT_EQ(sheet->Displayed(4, 4).text, "Ghi chú");
  ASSERT_EQ(sheet->merges.size(), 4u);
  EXPECT_EQ(sheet->merges[2].first, (CellRef{3, 2}));
  EXPECT_EQ(sheet->merges[2].last, (CellRef{3, 3}));
}

TEST_F(XlsxFileTest, NumbersTextFormulasBooleansAndErrors) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), "Biểu 01");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->At(5, 2).kind, Kind::kNumber);
  EXPECT_EQ(sheet->At(5, 2).text, "2602000.5");
  // A number stored as text stays text; the importer decides how to parse it.
  EXPECT_EQ(sheet->At(5, 3).kind, Kind::kString);
  EXPECT_EQ(sheet->At(5, 3).text, "2.700.000,5");
  EXPECT_EQ(sheet->At(5, 4).text, "dòng 1\r\ndòng 2");

  EXPECT_TRUE(sheet->At(6, 2).is_formula);
  EXPECT_EQ(sheet->At(6, 2).kind, Kind::kNumber);
  EXPECT_EQ(sheet->At(6, 2).text, "2602000.5");
  EXPECT_TRUE(sheet->At(6, 3).is_formula);
  EXPECT_EQ(sheet->At(6, 3).kind, Kind::kString);
  EXPECT_EQ(sheet->At(6, 3).text, "có");
  EXPECT_TRUE(sheet->At(6, 4).is_formula);
  EXPECT_EQ(sheet->At(6, 4).kind, Kind::kEmpty);
  EXPECT_FALSE(sheet->At(6, 1).is_formula);

  // Row 7 has cells without r attributes: positions follow document order.
  EXPECT_EQ(sheet->At(7, 1).text, "Cộng");
  EXPECT_EQ(sheet->At(7, 2).kind, Kind::kNumber);
  EXPECT_EQ(sheet->At(7, 2).text, "1.5E-3");
  EXPECT_EQ(sheet->At(7, 3).kind, Kind::kBoolean);
  EXPECT_EQ(sheet->At(7, 3).text, "TRUE");
  EXPECT_EQ(sheet->At(7, 4).kind, Kind::kError);
  EXPECT_EQ(sheet->At(7, 4).text, "#DIV/0!");
}

TEST_F(XlsxFileTest, RowWithoutNumberDatesAndPreservedSpaces) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), "Biểu 01");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  // Row 8 has no r attribute: it follows row 7.
  EXPECT_TRUE(sheet->At(8, 1).is_date_formatted);   // built-in format 14
  EXPECT_TRUE(sheet->At(8, 2).is_date_formatted);   // custom dd/mm/yyyy
  EXPECT_FALSE(sheet->At(8, 3).is_date_formatted);  // "tỷ đồng" is quoted, not a date
  EXPECT_FALSE(sheet->At(5, 2).is_date_formatted);
  EXPECT_EQ(sheet->At(8, 1).text, "45292");
  EXPECT_FALSE(sheet->date1904);
  EXPECT_EQ(sheet->At(8, 4).text, "  hai khoảng trắng  ");
  // The styled but empty Z9 does not stretch the sheet.
  EXPECT_EQ(sheet->max_row, 8);
  EXPECT_EQ(sheet->max_col, 4);
}

TEST_F(XlsxFileTest, NamespacePrefixesAsWrittenByDotNetAnd1904Dates) {
  const std::string ns = std::string(" xmlns:x=\"") + kMainNs + "\"";
  Parts parts = {
      {"_rels/.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                   "relationships\"><Relationship Id=\"R1\" Type=\"") +
           kRelNs + "/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<x:workbook" + ns + " xmlns:rel=\"" + kRelNs +
                              "\"><x:workbookPr date1904=\"1\"/><x:sheets>"
                              "<x:sheet name=\"Data\" sheetId=\"1\" rel:id=\"R9\"/>"
                              "</x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                   "relationships\"><Relationship Id=\"R9\" Type=\"") +
           kRelNs + "/worksheet\" Target=\"/xl/worksheets/data.xml\"/></Relationships>"},
      {"xl/worksheets/data.xml",
       "<x:worksheet" + ns +
           "><x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>Hà Nội</x:t>"
           "</x:is></x:c><x:c r=\"C2\"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>"}};
  auto sheet = ReadSheet(Write(parts), "");
  ASSERT_TRUE(sheet) << sheet.error().Bilingual();
  EXPECT_EQ(sheet->name, "Data");
  EXPECT_EQ(sheet->At(2, 2).text, "Hà Nội");
  EXPECT_EQ(sheet->At(2, 3).text, "42");
  EXPECT_TRUE(sheet->date1904);
}

// --- Errors --------------------------------------------------------------------------------------

TEST_F(XlsxFileTest, MissingFileIsUnavailable) {
  auto sheet = ReadSheet(dir_.File("khong_co.xlsx"), "");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(XlsxFileTest, UnknownSheetListsTheSheets) {
  auto sheet = ReadSheet(Write(ProvinceWorkbook()), "Biểu 02");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(sheet.error().message_vi.find("\"Danh mục\", \"Biểu 01\", \"Ghi chú\""),
            std::string::npos)
      << sheet.error().message_vi;
  EXPECT_NE(sheet.error().message_en.find("Biểu 02"), std::string::npos);
}

TEST_F(XlsxFileTest, OldBinaryXlsIsNamedAsSuch) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(504, '\0');
  auto sheet = ReadSheet(WriteRaw(xls, "bieu.xlsx"), "");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(sheet.error().message_vi.find("Excel 97-2003 (.xls)"), std::string::npos)
      << sheet.error().message_vi;
  EXPECT_NE(sheet.error().message_en.find("old Excel 97-2003 .xls file"), std::string::npos);
  EXPECT_NE(sheet.error().message_en.find("save it as an Excel Workbook (.xlsx)"),
            std::string::npos);
}

TEST_F(XlsxFileTest, PasswordProtectedWorkbookIsNamedAsSuch) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(1000, '\0');
  const std::u16string name = u"EncryptedPackage";
  ole.append(reinterpret_cast<const char*>(name.data()), name.size() * 2);
  auto sheet = ReadSheet(WriteRaw(ole), "");
  ASSERT_FALSE(sheet);
  EXPECT_NE(sheet.error().message_vi.find("mật khẩu"), std::string::npos);
  EXPECT_NE(sheet.error().message_en.find("password-protected"), std::string::npos);
}

TEST_F(XlsxFileTest, CsvRenamedToXlsxIsNamedAsSuch) {
  auto sheet = ReadSheet(WriteRaw("ma,ten\n01,Hà Nội\n"), "");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(sheet.error().message_vi.find("tệp văn bản (có vẻ là CSV, mã UTF-8)"),
            std::string::npos)
      << sheet.error().message_vi;
  EXPECT_NE(sheet.error().message_en.find("CSV import"), std::string::npos);
}

TEST_F(XlsxFileTest, HtmlAndEmptyAndOdsAreNamed) {
  auto html = ReadSheet(
      WriteRaw("<html><body><table><tr><td>1</td></tr></table></body></html>", "a.xlsx"), "");
  ASSERT_FALSE(html);
  EXPECT_NE(html.error().message_en.find("web page (HTML)"), std::string::npos);

  auto empty = ReadSheet(WriteRaw("", "b.xlsx"), "");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message_vi.find("tệp rỗng"), std::string::npos);

  auto ods = ReadSheet(Write({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                              {"content.xml", "<office:document-content/>"}},
                             "c.xlsx"),
                       "");
  ASSERT_FALSE(ods);
  EXPECT_NE(ods.error().message_en.find("OpenDocument spreadsheet (.ods)"), std::string::npos);
}

TEST_F(XlsxFileTest, TruncatedZipIsDamagedNotACrash) {
  const std::string good = Write(ProvinceWorkbook(), "good.xlsx");
  std::ifstream in(good, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 10, std::size_t{30}}) {
    auto sheet = ReadSheet(WriteRaw(bytes.substr(0, keep), "cut.xlsx"), "");
    ASSERT_FALSE(sheet) << keep;
    EXPECT_EQ(sheet.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_NE(sheet.error().message_en.find("damaged or incomplete"), std::string::npos)
        << sheet.error().message_en;
  }
}

TEST_F(XlsxFileTest, MalformedXmlIsAnError) {
  auto sheet = ReadSheet(
      Write(Workbook({{"S", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>"}})),
      "");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(sheet.error().message_vi.find("không phải XML hợp lệ"), std::string::npos);
  EXPECT_NE(sheet.error().message_en.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST_F(XlsxFileTest, BadReferencesAreErrors) {
  for (const char* body : {"<sheetData><row><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData>",
                           "<sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData>",
                           "<sheetData><row r=\"0\"><c><v>1</v></c></row></sheetData>",
                           "<sheetData/><mergeCells><mergeCell ref=\"A1:ZZZZ1\"/></mergeCells>"}) {
    auto sheet = ReadSheet(Write(Workbook({{"S", body}}, "<si><t>x</t></si>")), "");
    ASSERT_FALSE(sheet) << body;
    EXPECT_EQ(sheet.error().code, core::ErrorCode::kInvalidArgument) << body;
  }
}

TEST_F(XlsxFileTest, OversizedPartIsRefusedBeforeInflating) {
  std::string rows;
  for (int r = 1; r <= 200; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c><v>1</v></c></row>";
  const std::string path = Write(Workbook({{"S", "<sheetData>" + rows + "</sheetData>"}}));
  auto sheet = ReadSheet(path, "", XlsxLimits{.max_part_bytes = 1000});
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kResourceExhausted);
  EXPECT_NE(sheet.error().message_en.find("zip bomb"), std::string::npos);
  EXPECT_TRUE(ReadSheet(path, ""));
}

TEST_F(XlsxFileTest, TooManyCellsIsResourceExhausted) {
  const std::string path = Write(
      Workbook({{"S",
                 "<sheetData><row><c><v>1</v></c><c><v>2</v></c><c s=\"0\"/><c><v>3</v></c></row>"
                 "</sheetData>"}}));
  auto sheet = ReadSheet(path, "", XlsxLimits{.max_cells = 2});
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, core::ErrorCode::kResourceExhausted);
  auto fits = ReadSheet(path, "", XlsxLimits{.max_cells = 3});
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->At(1, 4).text, "3");
}

}  // namespace
}  // namespace lienket::io
