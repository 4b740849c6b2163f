#include "app/observation_reader.hpp"

#include <functional>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "io/encoding.hpp"

namespace lienket::app {

using stats::Field;
using stats::Problem;
using stats::Severity;

core::Result<FileFormat> SniffFormat(std::string_view bytes) {
  auto starts = [&bytes](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (bytes.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "Tệp rỗng, không có dữ liệu",
                           "The file is empty");
  }
  if (starts("PK\x03\x04")) return FileFormat::kXlsx;
  if (starts("\xD0\xCF\x11\xE0")) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "Đây là tệp Excel 97-2003 (.xls) hoặc Word cũ; hãy mở bằng Excel/LibreOffice và lưu lại "
        "dạng .xlsx hoặc CSV UTF-8",
        "This is an old Excel 97-2003 (.xls) or Word file; open it in Excel/LibreOffice and save "
        "it as .xlsx or CSV UTF-8");
  }
  if (starts("%PDF")) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Đây là tệp PDF; cần tệp CSV hoặc Excel (.xlsx) chứa số liệu",
                           "This is a PDF file; a CSV or Excel (.xlsx) file with the figures is "
                           "needed");
  }
  return FileFormat::kCsv;
}

void ReadCsvObservations(std::string_view bytes, stats::ImportValidator* validator,
                         const std::function<void(std::size_t)>& progress) {
  if (auto utf8 = io::RequireUtf8(bytes); !utf8) {
    validator->AddProblem(Problem{Severity::kError, "not_utf8", 0, "", "",
                                  utf8.error().message_vi, utf8.error().message_en});
    return;
  }
  std::string_view data = bytes;
  core::StripUtf8Bom(&data);
  const std::size_t bom = bytes.size() - data.size();
  char delimiter = core::DetectCsvDelimiter(data);
  core::CsvReader reader(data, delimiter);
  std::vector<std::string_view> fields;
  std::vector<Problem> header_problems;

  auto header = reader.Next(&fields);
  if (!header || !*header) {
    validator->AddProblem(Problem{Severity::kError, "no_header", 1, "", "",
                                  "Tệp không có dòng tiêu đề (tên cột)",
                                  "The file has no header row (column names)"});
    return;
  }
  stats::HeaderMap map = stats::MapHeader(fields, &header_problems);
  bool fatal = false;
  for (Problem& p : header_problems) {
    fatal = fatal || p.severity == Severity::kError;
    validator->AddProblem(std::move(p));
  }
  if (fatal) return;

  stats::RowInput row;
  for (std::size_t f = 0; f < stats::kFieldCount; ++f) {
    int index = map.index[f];
    row.present[f] = index >= 0;
    if (index >= 0) row.column[f] = map.labels[static_cast<std::size_t>(index)];
  }
  const std::size_t columns = map.labels.size();
  std::size_t rows_seen = 0;
  while (true) {
    auto more = reader.Next(&fields);
    if (!more) {
      validator->AddProblem(Problem{Severity::kError, "bad_csv", reader.record_line(), "", "",
                                    more.error().message_vi, more.error().message_en});
      return;
    }
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    row.row = reader.record_line();
    if (fields.size() > columns) {
      bool extra_empty = true;
      for (std::size_t c = columns; c < fields.size(); ++c) extra_empty = extra_empty && fields[c].empty();
      if (!extra_empty) {
        validator->AddProblem(Problem{
            Severity::kError, "too_many_fields", row.row, "", "",
            fmt::format("Dòng có {} ô nhưng tiêu đề chỉ có {} cột (thừa dấu phân cách \"{}\"? "
                        "số có dấu phẩy cần đặt trong ngoặc kép)",
                        fields.size(), columns, delimiter),
            fmt::format("The row has {} fields but the header has {} columns (a stray \"{}\"? "
                        "numbers with commas must be quoted)",
                        fields.size(), columns, delimiter)});
        continue;
      }
    }
    for (std::size_t f = 0; f < stats::kFieldCount; ++f) {
      int index = map.index[f];
      row.value[f] = index >= 0 && static_cast<std::size_t>(index) < fields.size()
                         ? fields[static_cast<std::size_t>(index)]
                         : std::string_view();
    }
    validator->AddRow(row);
    if (progress && (++rows_seen & 0x3FFF) == 0) {
      progress(bom + reader.position());
    }
  }
  if (progress) progress(bytes.size());
}

}  // namespace lienket::app
