#include "app/docx_reference.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/external_tool.hpp"
#include "io/zip_file.hpp"
#include "report/regional_report.hpp"
#include "report/svg_common.hpp"
#include "store/embedded_files.hpp"

namespace lienket::app {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view kStylesFile = "data/report/docx_styles.xml";
constexpr std::size_t kMaxPart = 1u << 20;
constexpr std::string_view kWordNs =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
constexpr std::string_view kHeaderId = "rIdLienketHeader";
constexpr std::string_view kFooterId = "rIdLienketFooter";

// A4 (210 x 297 mm) in twentieths of a point; margins top and bottom 20 mm, left 25 mm, right
// 15 mm, as the HTML page's print CSS.
std::string Document(bool with_header) {
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n<w:document {}><w:body><w:p/><w:sectPr>{}"
      R"(<w:footerReference w:type="default" r:id="{}"/>)"
      R"(<w:pgSz w:w="11906" w:h="16838"/>)"
      R"(<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1418" w:header="567" )"
      R"(w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>)",
      kWordNs,
      with_header ? fmt::format(R"(<w:headerReference w:type="default" r:id="{}"/>)", kHeaderId)
                  : "",
      kFooterId);
}

std::string Field(std::string_view instruction) {
  return fmt::format(R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r>)"
                     R"(<w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r>)"
                     R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>)"
                     R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)",
                     instruction);
}

// "3 / 12", centred.
std::string Footer() {
  return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                     "\n<w:ftr {}><w:p><w:pPr><w:pStyle w:val=\"PageFooter\"/></w:pPr>{}"
                     R"(<w:r><w:t xml:space="preserve"> / </w:t></w:r>{}</w:p></w:ftr>)",
                     kWordNs, Field("PAGE"), Field("NUMPAGES"));
}

std::string Header(core::Language language) {
  return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                     "\n<w:hdr {}><w:p><w:pPr><w:pStyle w:val=\"PageHeader\"/></w:pPr>"
                     "<w:r><w:t>{}</w:t></w:r></w:p></w:hdr>",
                     kWordNs, report::svg::Escape(report::IllustrativeNotice(language).headline));
}

// Inserts `addition` before the closing tag `close` of an XML part.
core::Result<std::string> InsertBefore(std::string part, std::string_view close,
                                       const std::string& addition, std::string_view name) {
  std::size_t at = part.rfind(close);
  if (at == std::string::npos) {
    return core::MakeError(
        core::ErrorCode::kUnavailable,
        fmt::format("Tài liệu mẫu của pandoc có phần {} không như dự kiến", name),
        fmt::format("The part {} of pandoc's reference document is not as expected", name));
  }
  part.insert(at, addition);
  return part;
}

}  // namespace

core::Status MakeReferenceDocx(const std::string& path, bool illustrative,
                               core::Language language) {
  auto styles = store::FindEmbedded(kStylesFile);
  if (!styles) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("Chương trình thiếu tệp {}", kStylesFile),
                           fmt::format("{} is not embedded", kStylesFile));
  }
  LIENKET_RETURN_IF_ERROR(
      RunTool({"pandoc", "--output", path, "--print-default-data-file", "reference.docx"}, 60s));
  LIENKET_ASSIGN_OR_RETURN(rels, io::ReadZipEntry(path, "word/_rels/document.xml.rels", kMaxPart));
  LIENKET_ASSIGN_OR_RETURN(types, io::ReadZipEntry(path, "[Content_Types].xml", kMaxPart));
  constexpr std::string_view kRelBase =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  constexpr std::string_view kTypeBase =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  std::string new_rels = fmt::format(
      R"(<Relationship Type="{}footer" Id="{}" Target="footer1.xml"/>)", kRelBase, kFooterId);
  std::string new_types = fmt::format(
      R"(<Override PartName="/word/footer1.xml" ContentType="{}footer+xml"/>)", kTypeBase);
  std::vector<io::ZipEntry> entries = {{"word/styles.xml", std::string(*styles)},
                                       {"word/document.xml", Document(illustrative)},
                                       {"word/footer1.xml", Footer()}};
  if (illustrative) {
    new_rels += fmt::format(R"(<Relationship Type="{}header" Id="{}" Target="header1.xml"/>)",
                            kRelBase, kHeaderId);
    new_types += fmt::format(
        R"(<Override PartName="/word/header1.xml" ContentType="{}header+xml"/>)", kTypeBase);
    entries.push_back({"word/header1.xml", Header(language)});
  }
  LIENKET_ASSIGN_OR_RETURN(patched_rels, InsertBefore(std::move(rels), "</Relationships>", new_rels,
                                                      "document.xml.rels"));
  LIENKET_ASSIGN_OR_RETURN(patched_types,
                           InsertBefore(std::move(types), "</Types>", new_types, "Content_Types"));
  entries.push_back({"word/_rels/document.xml.rels", std::move(patched_rels)});
  entries.push_back({"[Content_Types].xml", std::move(patched_types)});
  return io::ReplaceZipEntries(path, entries);
}

}  // namespace lienket::app
