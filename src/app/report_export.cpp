#include "app/report_export.hpp"

#include <fmt/format.h>

#include <chrono>
#include <vector>

#include "app/docx_reference.hpp"
#include "app/external_tool.hpp"
#include "app/report_workbook.hpp"
#include "io/fs.hpp"
#include "io/xlsx_writer.hpp"
#include "report/report_html.hpp"
#include "store/embedded_files.hpp"

namespace lienket::app {

namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMaxConvertedBytes = 512u << 20;

struct FormatName {
  std::string_view name;
  ReportFormat format;
};
constexpr FormatName kFormats[] = {{"md", ReportFormat::kMarkdown}, {"json", ReportFormat::kJson},
                                   {"html", ReportFormat::kHtml},   {"docx", ReportFormat::kDocx},
                                   {"pdf", ReportFormat::kPdf},     {"xlsx", ReportFormat::kXlsx}};

core::Result<report::GeoShapes> ParseEmbedded(std::string_view path) {
  auto bytes = store::FindEmbedded(path);
  if (!bytes) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("Chương trình thiếu tệp ranh giới {}", path),
                           fmt::format("The boundary file {} is not embedded", path));
  }
  auto shapes = report::GeoShapes::Parse(*bytes);
  if (!shapes) {
    return core::MakeError(
        core::ErrorCode::kInternal,
        fmt::format("Tệp ranh giới {} hỏng: {}", path, shapes.error().message_vi),
        fmt::format("The boundary file {} is damaged: {}", path, shapes.error().message_en));
  }
  return shapes;
}

// Copies a converter's result over `path` atomically.
core::Status Deliver(const std::string& produced, const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(bytes, io::ReadFile(produced, kMaxConvertedBytes));
  return io::WriteFileAtomically(path, bytes);
}

// HTML -> DOCX: the page with its figures as PNG files beside it, read by pandoc.
core::Status WriteDocx(const report::RegionalReport& report, core::Language language,
                       const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(boundaries, LoadBoundaries(report));
  LIENKET_ASSIGN_OR_RETURN(page,
                           report::RenderHtmlWithImageFiles(report, language, boundaries, "png"));
  LIENKET_ASSIGN_OR_RETURN(scratch, ScratchDir::Create("lienket-docx-"));
  for (const report::HtmlFigure& figure : page.figures) {
    std::string svg_file = scratch.File(figure.file_name + ".svg");
    LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(svg_file, figure.svg));
    // Twice the drawn size: sharp when printed at the full text width (about 190 dpi).
    LIENKET_RETURN_IF_ERROR(RunTool({"rsvg-convert", "--zoom=2", "--format=png", "--output",
                                     scratch.File(figure.file_name), svg_file},
                                    60s));
  }
  LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(scratch.File("report.html"), page.html));
  LIENKET_RETURN_IF_ERROR(
      MakeReferenceDocx(scratch.File("reference.docx"), report.illustrative, language));
  // The page's h2 sections become Heading 1 (the title comes from <title>).
  LIENKET_RETURN_IF_ERROR(RunTool(
      {"pandoc", "--from=html", "--to=docx", "--shift-heading-level-by=-1",
       "--reference-doc=" + scratch.File("reference.docx"), "--resource-path=" + scratch.path(),
       "--output", scratch.File("report.docx"), scratch.File("report.html")},
      120s, scratch.path()));
  return Deliver(scratch.File("report.docx"), path);
}

// HTML -> PDF: Chromium prints the self-contained page with its print CSS. A private profile
// in the scratch folder, and no background network, sync, updates or first-run screens.
core::Status WritePdf(const report::RegionalReport& report, core::Language language,
                      const std::string& path) {
  LIENKET_ASSIGN_OR_RETURN(html, RenderReportText(report, language, ReportFormat::kHtml));
  LIENKET_ASSIGN_OR_RETURN(scratch, ScratchDir::Create("lienket-pdf-"));
  LIENKET_RETURN_IF_ERROR(io::WriteFileAtomically(scratch.File("report.html"), html));
  LIENKET_RETURN_IF_ERROR(RunTool(
      {"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
       "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--disable-extensions", "--disable-breakpad", "--no-pdf-header-footer",
       "--user-data-dir=" + scratch.File("profile"), "--print-to-pdf=" + scratch.File("report.pdf"),
       "file://" + scratch.File("report.html")},
      180s, scratch.path()));
  return Deliver(scratch.File("report.pdf"), path);
}

}  // namespace

core::Result<ReportFormat> ParseReportFormat(std::string_view name) {
  for (const FormatName& f : kFormats) {
    if (f.name == name) return f.format;
  }
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      fmt::format("Định dạng \"{}\" không có; chọn md, json, html, docx, pdf hoặc xlsx", name),
      fmt::format("No format \"{}\"; choose md, json, html, docx, pdf or xlsx", name));
}

bool NeedsOutputFile(ReportFormat format) {
  return format == ReportFormat::kDocx || format == ReportFormat::kPdf ||
         format == ReportFormat::kXlsx;
}

core::Result<report::GeoShapes> LoadBoundaries(const report::RegionalReport& report) {
  std::string_view first = report::BoundaryFileFor(report.period);
  LIENKET_ASSIGN_OR_RETURN(shapes, ParseEmbedded(first));
  std::vector<std::string> missing = report::CodesMissingFrom(shapes, report);
  if (missing.empty()) return shapes;
  // A member outside the period's boundary set (a region defined on the other side of the
  // merger): the other file may hold it.
  LIENKET_ASSIGN_OR_RETURN(other, ParseEmbedded(report::OtherBoundaryFile(first)));
  if (report::CodesMissingFrom(other, report).empty()) return other;
  return core::MakeError(
      core::ErrorCode::kNotFound,
      fmt::format("Không có ranh giới cho mã tỉnh {} để vẽ bản đồ", fmt::join(missing, ", ")),
      fmt::format("No boundary for province codes {} to draw the map", fmt::join(missing, ", ")));
}

core::Result<std::string> RenderReportText(const report::RegionalReport& report,
                                           core::Language language, ReportFormat format) {
  switch (format) {
    case ReportFormat::kMarkdown:
      return report::RenderMarkdown(report, language);
    case ReportFormat::kJson:
      return report::RenderJson(report).dump(2) + "\n";
    case ReportFormat::kHtml: {
      LIENKET_ASSIGN_OR_RETURN(boundaries, LoadBoundaries(report));
      return report::RenderHtml(report, language, boundaries);
    }
    case ReportFormat::kDocx:
    case ReportFormat::kPdf:
    case ReportFormat::kXlsx:
      break;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "Định dạng docx, pdf và xlsx cần tệp kết quả: thêm -o TỆP",
                         "The docx, pdf and xlsx formats need an output file: add -o FILE");
}

core::Status WriteReport(const report::RegionalReport& report, core::Language language,
                         ReportFormat format, const std::string& path) {
  switch (format) {
    case ReportFormat::kDocx:
      return WriteDocx(report, language, path);
    case ReportFormat::kPdf:
      return WritePdf(report, language, path);
    case ReportFormat::kXlsx:
      return io::WriteXlsx(ReportWorkbook(report, language), path);
    case ReportFormat::kMarkdown:
    case ReportFormat::kJson:
    case ReportFormat::kHtml:
      break;
  }
  LIENKET_ASSIGN_OR_RETURN(text, RenderReportText(report, language, format));
  return io::WriteFileAtomically(path, text);
}

}  // namespace lienket::app
