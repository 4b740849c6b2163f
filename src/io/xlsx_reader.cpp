#include "io/xlsx_reader.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <new>
#include <pugixml.hpp>
#include <utility>

#include "core/number_format.hpp"
#include "core/vi_text.hpp"
#include "io/encoding.hpp"
#include "io/fs.hpp"

namespace lienket::io {
namespace {

using core::ErrorCode;

// Enough of the file to recognise what it is when it is not a zip.
constexpr std::size_t kSniffBytes = 64 * 1024;

// --- Errors ------------------------------------------------------------------------------------

std::string Count(std::size_t n, core::Language language) {
  return core::FormatNumber(core::Decimal::FromInt(static_cast<std::int64_t>(n)), 0, language);
}

core::Error Damaged(const std::string& path, std::string_view what_vi, std::string_view what_en) {
  return core::Error{ErrorCode::kInvalidArgument,
                     fmt::format("Tệp Excel \"{}\" bị hỏng: {}.", path, what_vi),
                     fmt::format("The Excel file \"{}\" is damaged: {}.", path, what_en)};
}

// A file that is not an .xlsx workbook: what it is, and what to do.
core::Error NotXlsx(const std::string& path, std::string_view what_vi, std::string_view fix_vi,
                    std::string_view what_en, std::string_view fix_en) {
  return core::Error{
      ErrorCode::kInvalidArgument,
      fmt::format("Tệp \"{}\" không phải tệp Excel .xlsx: {}. {}", path, what_vi, fix_vi),
      fmt::format("\"{}\" is not an .xlsx workbook: {}. {}", path, what_en, fix_en)};
}

constexpr std::string_view kSaveAsXlsxVi =
    "Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng Excel Workbook (.xlsx).";
constexpr std::string_view kSaveAsXlsxEn =
    "Open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx).";

// --- Small text helpers --------------------------------------------------------------------------

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

bool ContainsNoCase(std::string_view text, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (StartsWithNoCase(text.substr(i), needle)) return true;
  }
  return false;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The value of `count` hex digits at text[i], or -1.
int HexAt(std::string_view text, std::size_t i, std::size_t count) {
  if (i + count > text.size()) return -1;
  int value = 0;
  for (std::size_t k = i; k < i + count; ++k) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// The UTF-16 unit of an OOXML escape "_xHHHH_" at text[i], or -1.
int EscapeAt(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  return HexAt(text, i + 2, 4);
}

// Decodes the ST_Xstring escapes "_xHHHH_" (UTF-16 units, surrogate pairs combined) that OOXML
// uses for characters XML cannot carry, such as carriage returns ("_x000D_").
std::string DecodeXstring(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const int unit = EscapeAt(text, i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int low = EscapeAt(text, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 14;
        continue;
      }
    }
    if (unit >= 0 && (unit < 0xD800 || unit > 0xDFFF)) {
      AppendUtf8(out, static_cast<char32_t>(unit));
      i += 7;
      continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

// --- XML helpers: match elements by local name, whatever namespace prefix the writer chose -------

std::string_view LocalName(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

template <typename F>
void ForEachChild(pugi::xml_node node, std::string_view local, F&& f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) f(c);
  }
}

// The relationship id of a <sheet>: the attribute "id" in the relationships namespace, whatever its
// prefix ("r:id" usually).
std::string_view RelationshipId(pugi::xml_node node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && LocalName(name) == "id") return a.value();
  }
  return {};
}

// Text of rich text (<si>, <is>): direct <t> plus the <t> of each run <r>; phonetic runs skipped.
std::string RichText(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = LocalName(c.name());
    if (name == "t") out += DecodeXstring(c.text().get());
    if (name == "r") out += DecodeXstring(Child(c, "t").text().get());
  }
  return out;
}

// Parses 1 to 18 ASCII digits.
bool ParseDigits(std::string_view text, std::size_t* value) {
  if (text.empty() || text.size() > 18) return false;
  *value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    *value = *value * 10 + (c - '0');
  }
  return true;
}

// --- The zip package -----------------------------------------------------------------------------

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;

// A part's bytes in memory pugixml can take ownership of.
struct PugiFree {
  void operator()(char* p) const { pugi::get_memory_deallocation_function()(p); }
};
using PartBuffer = std::unique_ptr<char, PugiFree>;

class Package {
 public:
  Package(ZipPtr zip, std::string path, XlsxLimits limits)
      : zip_(std::move(zip)), path_(std::move(path)), limits_(limits) {}

  [[nodiscard]] const std::string& path() const { return path_; }

  [[nodiscard]] bool Has(const std::string& part) const { return Locate(part) >= 0; }

  // The bytes of `part`, refusing to inflate more than the limit (declared sizes are checked
  // before reading, and reading never goes past the declared size).
  [[nodiscard]] core::Result<std::pair<PartBuffer, std::size_t>> Read(
      const std::string& part) const {
    const zip_int64_t index = Locate(part);
    if (index < 0) {
      return tl::unexpected(Damaged(path_, fmt::format("thiếu phần \"{}\"", part),
                                    fmt::format("part \"{}\" is missing", part)));
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
      return tl::unexpected(Damaged(path_, fmt::format("không đọc được phần \"{}\"", part),
                                    fmt::format("cannot read part \"{}\"", part)));
    }
    if (st.size > limits_.max_part_bytes) {
      return core::MakeError(
          ErrorCode::kResourceExhausted,
          fmt::format("Phần \"{}\" của tệp \"{}\" giải nén ra {} byte, vượt giới hạn {} byte; tệp "
                      "quá lớn hoặc là tệp nén độc hại (zip bomb).",
                      part, path_, Count(st.size, core::Language::kVietnamese),
                      Count(limits_.max_part_bytes, core::Language::kVietnamese)),
          fmt::format("Part \"{}\" of \"{}\" inflates to {} bytes, over the limit of {} bytes; the "
                      "file is too large or a zip bomb.",
                      part, path_, Count(st.size, core::Language::kEnglish),
                      Count(limits_.max_part_bytes, core::Language::kEnglish)));
    }
    const std::size_t size = st.size;
    PartBuffer buffer(static_cast<char*>(pugi::get_memory_allocation_function()(size + 1)));
    if (!buffer) throw std::bad_alloc();
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(zip_.get(), index, 0),
                                                            &zip_fclose);
    std::size_t done = 0;
    zip_int64_t n = 0;
    // Reading one byte past the declared size makes libzip verify the CRC.
    while (file && (n = zip_fread(file.get(), buffer.get() + done, size + 1 - done)) > 0) {
      done += n;
      if (done > size) break;
    }
    if (!file || n < 0 || done != size) {
      const std::string reason = !file         ? "cannot open entry"
                                 : done > size ? "more data than its declared size"
                                 : n < 0       ? zip_file_strerror(file.get())
                                               : "data ends early";
      return tl::unexpected(
          Damaged(path_, fmt::format("không giải nén được phần \"{}\" ({})", part, reason),
                  fmt::format("cannot inflate part \"{}\" ({})", part, reason)));
    }
    return std::make_pair(std::move(buffer), size);
  }

  // Parses `part` as XML into `doc`.
  [[nodiscard]] core::Status Parse(const std::string& part, pugi::xml_document* doc) const {
    auto bytes = Read(part);
    if (!bytes) return tl::unexpected(bytes.error());
    // Keeps whitespace-only text that is an element's only child, as in <t> </t>.
    constexpr unsigned kOptions =
        pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol | pugi::parse_ws_pcdata_single;
    const pugi::xml_parse_result result = doc->load_buffer_inplace_own(
        bytes->first.release(), bytes->second, kOptions, pugi::encoding_auto);
    if (result.status == pugi::status_out_of_memory) throw std::bad_alloc();
    if (!result) {
      return tl::unexpected(Damaged(
          path_,
          fmt::format("phần \"{}\" không phải XML hợp lệ (lỗi ở byte {})", part, result.offset),
          fmt::format("part \"{}\" is not well-formed XML ({} at byte {})", part,
                      result.description(), result.offset)));
    }
    return {};
  }

 private:
  [[nodiscard]] zip_int64_t Locate(const std::string& part) const {
    const zip_int64_t index = zip_name_locate(zip_.get(), part.c_str(), 0);
    return index >= 0 ? index : zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE);
  }

  ZipPtr zip_;
  std::string path_;
  XlsxLimits limits_;
};

// Says what a file that is not a zip archive is, from its first bytes.
core::Error DescribeNonZip(const std::string& path, std::string_view head,
                           const XlsxLimits& limits) {
  if (head.empty()) {
    return NotXlsx(path, "tệp rỗng (0 byte)", "Hãy kiểm tra lại tệp đã gửi.",
                   "the file is empty (0 bytes)", "Check the file that was sent.");
  }
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    // Password-protected .xlsx files are also OLE2 containers, holding an "EncryptedPackage".
    const std::u16string_view marker = u"EncryptedPackage";
    const std::string_view marker_bytes(reinterpret_cast<const char*>(marker.data()),
                                        marker.size() * 2);
    auto whole = ReadFile(path, limits.max_part_bytes);
    if (whole && whole->find(marker_bytes) != std::string::npos) {
      return NotXlsx(
          path, "đây là tệp Excel có đặt mật khẩu (đã mã hóa)",
          "Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng "
          "Mật khẩu, xóa mật khẩu) rồi lưu lại.",
          "this is a password-protected (encrypted) Excel workbook",
          "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
          "Password, clear it) and save it again.");
    }
    return NotXlsx(path, "đây là tệp Excel 97-2003 (.xls) định dạng cũ", kSaveAsXlsxVi,
                   "this is an old Excel 97-2003 .xls file", kSaveAsXlsxEn);
  }
  if (head.starts_with("%PDF")) {
    return NotXlsx(path, "đây là tệp PDF", "Hãy gửi bản Excel (.xlsx) gốc của biểu.",
                   "this is a PDF document", "Ask for the original Excel (.xlsx) file.");
  }
  const EncodingGuess guess = DetectEncoding(head);
  if (guess.encoding == TextEncoding::kBinary) {
    return NotXlsx(path, "không nhận dạng được định dạng của tệp", kSaveAsXlsxVi,
                   "its format is not recognised", kSaveAsXlsxEn);
  }
  if (ContainsNoCase(head, "urn:schemas-microsoft-com:office:spreadsheet")) {
    return NotXlsx(path, "đây là tệp XML Spreadsheet 2003", kSaveAsXlsxVi,
                   "this is an XML Spreadsheet 2003 file", kSaveAsXlsxEn);
  }
  if (ContainsNoCase(head, "<html") || ContainsNoCase(head, "<table")) {
    return NotXlsx(path,
                   "đây là trang web (HTML) được đặt tên .xlsx, thường do phần mềm \"xuất Excel\" "
                   "tạo ra",
                   kSaveAsXlsxVi,
                   "this is a web page (HTML) named .xlsx, as some programs' \"export to Excel\" "
                   "produce",
                   kSaveAsXlsxEn);
  }
  return NotXlsx(
      path,
      fmt::format("đây là tệp văn bản (có vẻ là CSV, mã {}) bị đổi tên thành .xlsx", guess.name),
      "Hãy nhập tệp bằng chức năng nhập CSV, hoặc mở bằng Excel và lưu lại dạng .xlsx.",
      fmt::format("this is a text file (probably CSV, {}) renamed to .xlsx", guess.name),
      "Import it with the CSV import, or open it in Excel and save it as .xlsx.");
}

// Says what a zip archive without a workbook is.
core::Error DescribeOtherZip(const Package& package) {
  const std::string& path = package.path();
  const auto mimetype = package.Read("mimetype");
  if (mimetype && std::string_view(mimetype->first.get(), mimetype->second)
                      .starts_with("application/vnd.oasis.opendocument.spreadsheet")) {
    return NotXlsx(path, "đây là bảng tính OpenDocument (.ods) của LibreOffice/OpenOffice",
                   "Hãy mở bằng LibreOffice và lưu lại dạng Excel 2007-365 (.xlsx).",
                   "this is an OpenDocument spreadsheet (.ods) from LibreOffice/OpenOffice",
                   "Open it in LibreOffice and save it as Excel 2007-365 (.xlsx).");
  }
  if (package.Has("xl/workbook.bin")) {
    return NotXlsx(path, "đây là sổ làm việc Excel nhị phân (.xlsb)", kSaveAsXlsxVi,
                   "this is an Excel binary workbook (.xlsb)", kSaveAsXlsxEn);
  }
  if (package.Has("word/document.xml")) {
    return NotXlsx(path, "đây là văn bản Word (.docx), không phải bảng tính",
                   "Hãy gửi bảng số liệu dạng Excel (.xlsx).",
                   "this is a Word document (.docx), not a spreadsheet",
                   "Send the table as an Excel workbook (.xlsx).");
  }
  return NotXlsx(path, "đây là tệp nén (zip) không chứa bảng tính Excel",
                 "Hãy giải nén hoặc chọn đúng tệp .xlsx.",
                 "this is a zip archive without an Excel workbook inside",
                 "Extract it or choose the right .xlsx file.");
}

core::Result<Package> OpenPackage(const std::string& path, const XlsxLimits& limits) {
  auto head = ReadFileHead(path, kSniffBytes);
  if (!head) return tl::unexpected(head.error());
  if (!head->starts_with("PK")) return tl::unexpected(DescribeNonZip(path, *head, limits));
  int code = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY, &code), &zip_discard);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
      return core::MakeError(ErrorCode::kUnavailable,
                             fmt::format("Không đọc được tệp \"{}\" ({}).", path, reason),
                             fmt::format("Cannot read \"{}\" ({}).", path, reason));
    }
    return core::MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Tệp \"{}\" có dạng tệp nén .xlsx nhưng bị hỏng hoặc chưa được tải về trọn vẹn "
                    "({}). Hãy tải hoặc sao chép lại tệp.",
                    path, reason),
        fmt::format("\"{}\" looks like an .xlsx (zip) file but is damaged or incomplete, e.g. a "
                    "truncated download ({}). Download or copy it again.",
                    path, reason));
  }
  return Package(std::move(zip), path, limits);
}

// --- Workbook structure --------------------------------------------------------------------------

struct Relationship {
  std::string id;
  std::string type;
  std::string part;  // resolved path inside the zip
};

std::string DirectoryOf(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(part.substr(0, slash));
}

// A relationship target ("worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml",
// "../drawings/x.xml", percent-escaped) as a zip entry name, relative to `base_dir`.
std::string ResolveTarget(const std::string& base_dir, std::string_view target) {
  std::string decoded;
  for (std::size_t i = 0; i < target.size(); ++i) {
    const int escaped = target[i] == '%' ? HexAt(target, i + 1, 2) : -1;
    if (escaped >= 0) {
      decoded.push_back(static_cast<char>(escaped));
      i += 2;
    } else {
      decoded.push_back(target[i]);
    }
  }
  const std::string joined =
      decoded.starts_with("/") ? decoded : (base_dir.empty() ? "" : base_dir + "/") + decoded;
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string part;
  for (const std::string& segment : segments) part += (part.empty() ? "" : "/") + segment;
  return part;
}

// The relationships of `part` (from "<dir>/_rels/<name>.rels"); none if that file is absent.
core::Result<std::vector<Relationship>> ReadRelationships(const Package& package,
                                                          const std::string& part) {
  const std::string dir = DirectoryOf(part);
  const std::string name = dir.empty() ? part : part.substr(dir.size() + 1);
  const std::string rels = (dir.empty() ? "" : dir + "/") + "_rels/" + name + ".rels";
  std::vector<Relationship> out;
  if (!package.Has(rels)) return out;
  pugi::xml_document doc;
  if (auto parsed = package.Parse(rels, &doc); !parsed) return tl::unexpected(parsed.error());
  ForEachChild(doc.document_element(), "Relationship", [&](pugi::xml_node r) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") return;
    out.push_back(Relationship{r.attribute("Id").value(), r.attribute("Type").value(),
                               ResolveTarget(dir, r.attribute("Target").value())});
  });
  return out;
}

// Whether the relationship type URI ends with "/<kind>" (transitional and strict OOXML differ
// only before that).
bool HasType(const Relationship& r, std::string_view kind) {
  const std::string_view type = r.type;
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

// The part of the first relationship of type `kind`, or "".
std::string PartOfType(const std::vector<Relationship>& rels, std::string_view kind) {
  for (const Relationship& r : rels) {
    if (HasType(r, kind)) return r.part;
  }
  return "";
}

struct SheetEntry {
  std::string name;
  bool hidden = false;
  std::string part;
};

struct Workbook {
  Package package;
  std::vector<SheetEntry> sheets;
  std::string shared_strings_part;  // "" if the workbook has none
  std::string styles_part;          // "" if the workbook has none
  bool date1904 = false;
};

core::Result<Workbook> OpenWorkbook(const std::string& path, const XlsxLimits& limits) {
  auto package = OpenPackage(path, limits);
  if (!package) return tl::unexpected(package.error());
  auto root_rels = ReadRelationships(*package, "");
  if (!root_rels) return tl::unexpected(root_rels.error());
  std::string workbook_part = PartOfType(*root_rels, "officeDocument");
  if (workbook_part.empty()) workbook_part = "xl/workbook.xml";
  if (!package->Has(workbook_part)) return tl::unexpected(DescribeOtherZip(*package));

  pugi::xml_document doc;
  if (auto parsed = package->Parse(workbook_part, &doc); !parsed) {
    return tl::unexpected(parsed.error());
  }
  if (LocalName(doc.document_element().name()) != "workbook") {
    return tl::unexpected(DescribeOtherZip(*package));
  }
  auto rels = ReadRelationships(*package, workbook_part);
  if (!rels) return tl::unexpected(rels.error());

  const pugi::xml_attribute date1904 =
      Child(doc.document_element(), "workbookPr").attribute("date1904");
  Workbook workbook{std::move(*package),
                    {},
                    PartOfType(*rels, "sharedStrings"),
                    PartOfType(*rels, "styles"),
                    date1904.as_bool()};
  ForEachChild(Child(doc.document_element(), "sheets"), "sheet", [&](pugi::xml_node sheet) {
    const std::string_view id = RelationshipId(sheet);
    const auto rel =
        std::find_if(rels->begin(), rels->end(), [&](const Relationship& r) { return r.id == id; });
    // Chart sheets and dialog sheets have no cells; only worksheets are listed.
    if (rel == rels->end() || !HasType(*rel, "worksheet")) return;
    const std::string_view state = sheet.attribute("state").value();
    workbook.sheets.push_back(SheetEntry{sheet.attribute("name").value(),
                                         state == "hidden" || state == "veryHidden", rel->part});
  });
  if (workbook.sheets.empty()) {
    return tl::unexpected(
        Damaged(path, "sổ làm việc không có trang tính nào", "the workbook has no worksheet"));
  }
  return workbook;
}

// --- Cells ---------------------------------------------------------------------------------------

// Whether a custom number format shows dates or times: d, m, y, h or s outside quoted literals,
// escaped or padding characters, and [brackets] other than elapsed time ([h], [mm], [ss]).
bool IsDateFormatCode(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t end = code.find(']', i);
      if (end == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, end - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        return true;
      }
      i = end;
    } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's') {
      return true;
    }
  }
  return false;
}

// For each cell style index (the s attribute), whether it formats numbers as dates.
core::Result<std::vector<bool>> ReadDateStyles(const Workbook& workbook) {
  std::vector<bool> date_styles;
  if (workbook.styles_part.empty() || !workbook.package.Has(workbook.styles_part)) {
    return date_styles;
  }
  pugi::xml_document doc;
  if (auto parsed = workbook.package.Parse(workbook.styles_part, &doc); !parsed) {
    return tl::unexpected(parsed.error());
  }
  const pugi::xml_node root = doc.document_element();
  std::unordered_map<int, std::string> custom;
  ForEachChild(Child(root, "numFmts"), "numFmt", [&](pugi::xml_node f) {
    custom[f.attribute("numFmtId").as_int(-1)] = f.attribute("formatCode").value();
  });
  ForEachChild(Child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const int id = xf.attribute("numFmtId").as_int(0);
    const auto it = custom.find(id);
    date_styles.push_back(it != custom.end() ? IsDateFormatCode(it->second)
                                             : (id >= 14 && id <= 22) || (id >= 45 && id <= 47));
  });
  return date_styles;
}

core::Result<std::vector<std::string>> ReadSharedStrings(const Workbook& workbook) {
  std::vector<std::string> strings;
  if (workbook.shared_strings_part.empty() || !workbook.package.Has(workbook.shared_strings_part)) {
    return strings;
  }
  pugi::xml_document doc;
  if (auto parsed = workbook.package.Parse(workbook.shared_strings_part, &doc); !parsed) {
    return tl::unexpected(parsed.error());
  }
  ForEachChild(doc.document_element(), "si",
               [&](pugi::xml_node si) { strings.push_back(RichText(si)); });
  return strings;
}

struct CellContext {
  const std::string& path;
  const std::vector<std::string>& shared_strings;
  const std::vector<bool>& date_styles;
};

core::Result<XlsxCell> ReadCell(pugi::xml_node c, const CellRef& ref, const CellContext& context) {
  XlsxCell cell;
  cell.is_formula = static_cast<bool>(Child(c, "f"));
  const pugi::xml_node v = Child(c, "v");
  const std::string_view value = v.text().get();
  const std::string_view type = c.attribute("t").value();
  if (type == "inlineStr") {
    if (const pugi::xml_node is = Child(c, "is")) {
      cell.kind = XlsxCell::Kind::kString;
      cell.text = RichText(is);
    }
    return cell;
  }
  if (!v) return cell;
  if (type.empty() || type == "n") {
    const std::string_view number = core::TrimSpaces(value);
    if (number.empty()) return cell;
    cell.kind = XlsxCell::Kind::kNumber;
    cell.text = std::string(number);
    const std::size_t style = c.attribute("s").as_uint(0);
    cell.is_date_formatted = style < context.date_styles.size() && context.date_styles[style];
  } else if (type == "s") {
    std::size_t index = 0;
    if (!ParseDigits(core::TrimSpaces(value), &index) || index >= context.shared_strings.size()) {
      const std::string cell_name = CellName(ref.row, ref.col);
      return tl::unexpected(
          Damaged(context.path,
                  fmt::format("ô {} trỏ tới chuỗi dùng chung \"{}\" nhưng bảng chỉ có {} chuỗi",
                              cell_name, value, context.shared_strings.size()),
                  fmt::format("cell {} refers to shared string \"{}\" but the table has {} strings",
                              cell_name, value, context.shared_strings.size())));
    }
    cell.kind = XlsxCell::Kind::kString;
    cell.text = context.shared_strings[index];
  } else if (type == "str" || type == "d") {
    cell.kind = XlsxCell::Kind::kString;
    cell.text = DecodeXstring(value);
  } else if (type == "b") {
    cell.kind = XlsxCell::Kind::kBoolean;
    cell.text = value == "1" || value == "true" ? "TRUE" : "FALSE";
  } else if (type == "e") {
    cell.kind = XlsxCell::Kind::kError;
    cell.text = std::string(value);
  } else {
    const std::string cell_name = CellName(ref.row, ref.col);
    return tl::unexpected(
        Damaged(context.path, fmt::format("ô {} có kiểu không xác định \"{}\"", cell_name, type),
                fmt::format("cell {} has unknown type \"{}\"", cell_name, type)));
  }
  return cell;
}

core::Error BadAddress(const std::string& path, std::string_view what) {
  return Damaged(path, fmt::format("địa chỉ \"{}\" không hợp lệ", what),
                 fmt::format("invalid address \"{}\"", what));
}

core::Status ReadCells(pugi::xml_node sheet_data, const CellContext& context,
                       const XlsxLimits& limits, XlsxSheet* sheet) {
  int row_number = 0;
  for (pugi::xml_node row = sheet_data.first_child(); row; row = row.next_sibling()) {
    if (row.type() != pugi::node_element || LocalName(row.name()) != "row") continue;
    // Rows and cells without an r attribute follow the previous one.
    if (const pugi::xml_attribute r = row.attribute("r")) {
      row_number = r.as_int(0);
    } else {
      ++row_number;
    }
    if (row_number < 1 || row_number > kXlsxMaxRows) {
      return tl::unexpected(BadAddress(context.path, row.attribute("r").value()));
    }
    int col_number = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != "c") continue;
      CellRef ref{row_number, col_number + 1};
      if (const pugi::xml_attribute r = c.attribute("r")) {
        auto parsed = ParseCellName(r.value());
        if (!parsed) return tl::unexpected(BadAddress(context.path, r.value()));
        ref = *parsed;
      } else if (ref.col > kXlsxMaxCols) {
        return tl::unexpected(BadAddress(context.path, "> XFD"));
      }
      col_number = ref.col;
      auto cell = ReadCell(c, ref, context);
      if (!cell) return tl::unexpected(cell.error());
      if (cell->kind == XlsxCell::Kind::kEmpty && !cell->is_formula) continue;
      if (sheet->cell_count() >= limits.max_cells) {
        return core::MakeError(
            ErrorCode::kResourceExhausted,
            fmt::format("Trang tính \"{}\" có hơn {} ô chứa dữ liệu, vượt giới hạn cho phép. Hãy "
                        "tách thành nhiều tệp nhỏ hơn.",
                        sheet->name, Count(limits.max_cells, core::Language::kVietnamese)),
            fmt::format("Sheet \"{}\" has more than {} non-empty cells, over the limit. Split it "
                        "into smaller files.",
                        sheet->name, Count(limits.max_cells, core::Language::kEnglish)));
      }
      sheet->Set(ref.row, ref.col, std::move(*cell));
    }
  }
  return {};
}

core::Status ReadMerges(pugi::xml_node merge_cells, const std::string& path, XlsxSheet* sheet) {
  for (pugi::xml_node m = merge_cells.first_child(); m; m = m.next_sibling()) {
    if (m.type() != pugi::node_element || LocalName(m.name()) != "mergeCell") continue;
    const std::string_view ref = m.attribute("ref").value();
    const std::size_t colon = ref.find(':');
    auto first = ParseCellName(ref.substr(0, colon));
    auto last = colon == std::string_view::npos ? first : ParseCellName(ref.substr(colon + 1));
    if (!first || !last) return tl::unexpected(BadAddress(path, ref));
    sheet->merges.push_back(
        MergedRange{{std::min(first->row, last->row), std::min(first->col, last->col)},
                    {std::max(first->row, last->row), std::max(first->col, last->col)}});
  }
  return {};
}

// Turns exceptions from allocation into an error value at the API boundary.
template <typename F>
auto NoThrow(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return core::MakeError(ErrorCode::kResourceExhausted,
                           fmt::format("Không đủ bộ nhớ để đọc tệp \"{}\".", path),
                           fmt::format("Out of memory reading \"{}\".", path));
  } catch (const std::exception& e) {
    return core::MakeError(ErrorCode::kInternal,
                           fmt::format("Lỗi nội bộ khi đọc tệp \"{}\": {}", path, e.what()),
                           fmt::format("Internal error reading \"{}\": {}", path, e.what()));
  }
}

const SheetEntry* FindSheet(const std::vector<SheetEntry>& sheets, std::string_view name) {
  if (name.empty()) {
    const auto visible =
        std::find_if(sheets.begin(), sheets.end(), [](const SheetEntry& s) { return !s.hidden; });
    return visible != sheets.end() ? &*visible : &sheets.front();
  }
  for (const SheetEntry& s : sheets) {
    if (s.name == name) return &s;
  }
  const std::string key = core::LowerNfc(core::TrimSpaces(name));
  for (const SheetEntry& s : sheets) {
    if (core::LowerNfc(core::TrimSpaces(s.name)) == key) return &s;
  }
  return nullptr;
}

std::uint64_t CellKey(int row, int col) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(row)) << 32) |
         static_cast<std::uint32_t>(col);
}

}  // namespace

std::string ColumnName(int col) {
  if (col < 1 || col > kXlsxMaxCols) return "";
  std::string name;
  for (; col > 0; col = (col - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (col - 1) % 26));
  return name;
}

std::string CellName(int row, int col) { return ColumnName(col) + std::to_string(row); }

core::Result<int> ParseColumnName(std::string_view name) {
  int col = 0;
  for (const char c : name) {
    const int letter = std::toupper(static_cast<unsigned char>(c)) - 'A';
    if (letter < 0 || letter >= 26 || col > kXlsxMaxCols) {
      col = kXlsxMaxCols + 1;
      break;
    }
    col = col * 26 + letter + 1;
  }
  if (name.empty() || col > kXlsxMaxCols) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           fmt::format("Tên cột \"{}\" không hợp lệ (cần từ A đến XFD).", name),
                           fmt::format("Invalid column name \"{}\" (expected A to XFD).", name));
  }
  return col;
}

core::Result<CellRef> ParseCellName(std::string_view name) {
  const auto invalid = [name] {
    return core::MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("Địa chỉ ô \"{}\" không hợp lệ (cần dạng như C7, từ A1 đến XFD1048576).", name),
        fmt::format("Invalid cell address \"{}\" (expected a form like C7, A1 to XFD1048576).",
                    name));
  };
  std::string_view rest = name;
  if (rest.starts_with('$')) rest.remove_prefix(1);
  std::size_t letters = 0;
  while (letters < rest.size() && std::isalpha(static_cast<unsigned char>(rest[letters]))) {
    ++letters;
  }
  auto col = ParseColumnName(rest.substr(0, letters));
  if (!col) return invalid();
  rest.remove_prefix(letters);
  if (rest.starts_with('$')) rest.remove_prefix(1);
  std::size_t row = 0;
  if (!ParseDigits(rest, &row) || row < 1 || row > kXlsxMaxRows) return invalid();
  return CellRef{static_cast<int>(row), *col};
}

const XlsxCell& XlsxSheet::At(int row, int col) const {
  static const XlsxCell kEmpty;
  const auto it = cells_.find(CellKey(row, col));
  return it == cells_.end() ? kEmpty : it->second;
}

const XlsxCell& XlsxSheet::Displayed(int row, int col) const {
  const XlsxCell& own = At(row, col);
  if (own.kind != XlsxCell::Kind::kEmpty || own.is_formula) return own;
  for (const MergedRange& m : merges) {
    if (m.Contains(row, col)) return At(m.first.row, m.first.col);
  }
  return own;
}

void XlsxSheet::Set(int row, int col, XlsxCell cell) {
  const std::uint64_t key = CellKey(row, col);
  if (cell.kind == XlsxCell::Kind::kEmpty && !cell.is_formula) {
    cells_.erase(key);
    return;
  }
  cells_[key] = std::move(cell);
  max_row = std::max(max_row, row);
  max_col = std::max(max_col, col);
}

core::Result<XlsxWorkbook> ListSheets(const std::string& path, const XlsxLimits& limits) {
  return NoThrow(path, [&]() -> core::Result<XlsxWorkbook> {
    auto workbook = OpenWorkbook(path, limits);
    if (!workbook) return tl::unexpected(workbook.error());
    XlsxWorkbook out;
    for (const SheetEntry& s : workbook->sheets) {
      out.sheet_names.push_back(s.name);
      out.hidden.push_back(s.hidden);
    }
    return out;
  });
}

core::Result<XlsxSheet> ReadSheet(const std::string& path, std::string_view sheet_name,
                                  const XlsxLimits& limits) {
  return NoThrow(path, [&]() -> core::Result<XlsxSheet> {
    auto workbook = OpenWorkbook(path, limits);
    if (!workbook) return tl::unexpected(workbook.error());
    const SheetEntry* entry = FindSheet(workbook->sheets, sheet_name);
    if (entry == nullptr) {
      std::string names;
      for (const SheetEntry& s : workbook->sheets) {
        names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.name);
      }
      return core::MakeError(
          ErrorCode::kNotFound,
          fmt::format("Không tìm thấy trang tính \"{}\" trong tệp \"{}\". Các trang tính có trong "
                      "tệp: {}.",
                      sheet_name, path, names),
          fmt::format("Sheet \"{}\" not found in \"{}\". The workbook has: {}.", sheet_name, path,
                      names));
    }
    auto shared_strings = ReadSharedStrings(*workbook);
    if (!shared_strings) return tl::unexpected(shared_strings.error());
    auto date_styles = ReadDateStyles(*workbook);
    if (!date_styles) return tl::unexpected(date_styles.error());

    pugi::xml_document doc;
    if (auto parsed = workbook->package.Parse(entry->part, &doc); !parsed) {
      return tl::unexpected(parsed.error());
    }
    XlsxSheet sheet;
    sheet.name = entry->name;
    sheet.date1904 = workbook->date1904;
    const pugi::xml_node root = doc.document_element();
    const CellContext context{path, *shared_strings, *date_styles};
    if (auto cells = ReadCells(Child(root, "sheetData"), context, limits, &sheet); !cells) {
      return tl::unexpected(cells.error());
    }
    if (auto merges = ReadMerges(Child(root, "mergeCells"), path, &sheet); !merges) {
      return tl::unexpected(merges.error());
    }
    return sheet;
  });
}

}  // namespace lienket::io
