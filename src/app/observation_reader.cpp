#include "app/observation_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

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

namespace {

// True when a data row is the header again (two exports pasted one under the other): its cells
// name the same columns in the same places. Cheap for real data: a period cell starts with a
// digit, so only rows whose period cell does not are mapped as a header.
bool RepeatsHeader(const std::vector<std::string_view>& fields, const stats::HeaderMap& header) {
  const int period = header.index[static_cast<std::size_t>(Field::kPeriod)];
  if (period < 0 || static_cast<std::size_t>(period) >= fields.size()) return false;
  std::string_view cell = fields[static_cast<std::size_t>(period)];
  if (cell.empty() || (cell.front() >= '0' && cell.front() <= '9')) return false;
  std::vector<Problem> ignored;
  stats::HeaderMap as_header = stats::MapHeader(fields, &ignored);
  for (Field f :
       {Field::kProvince, Field::kIndicator, Field::kPeriod, Field::kValue, Field::kUnit}) {
    if (as_header.index[static_cast<std::size_t>(f)] != header.index[static_cast<std::size_t>(f)]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void ReadCsvObservations(std::string_view bytes, stats::ImportValidator* validator,
                         const std::function<void(std::size_t)>& progress) {
  if (auto utf8 = io::RequireUtf8(bytes); !utf8) {
    std::string vi = utf8.error().message_vi, en = utf8.error().message_en;
    // Where the conversion is exact, lienket can do it itself when asked.
    io::TextEncoding guess = io::DetectEncoding(bytes).encoding;
    std::string_view flag = guess == io::TextEncoding::kWindows1258 ? "windows-1258"
                            : guess == io::TextEncoding::kUtf16Le   ? "utf-16le"
                            : guess == io::TextEncoding::kUtf16Be   ? "utf-16be"
                                                                    : "";
    if (!flag.empty()) {
      vi += fmt::format(" Hoặc chạy lại với --encoding {} để lienket tự chuyển.", flag);
      en += fmt::format(" Or run again with --encoding {} and lienket converts it.", flag);
    }
    validator->AddProblem(Problem{Severity::kError, "not_utf8", 0, "", "", vi, en});
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
  if (std::all_of(map.index.begin(), map.index.end(), [](int i) { return i < 0; })) {
    // Not one column name we know: the first line is data or a report title, not a header.
    // One clear problem says more than a warning per cell and an error per missing column.
    validator->AddProblem(Problem{
        Severity::kError, "no_header", 1, "", std::string(fields.empty() ? "" : fields[0]),
        "Dòng 1 không phải dòng tiêu đề: không có tên cột nào của định dạng nhập. Dòng đầu tiên "
        "của tệp phải là tên cột: province,indicator,period,value,unit (hoặc tỉnh, chỉ tiêu, kỳ, "
        "giá trị, đơn vị); hãy xóa các dòng tên báo cáo phía trên hoặc thêm dòng tiêu đề",
        "Line 1 is not a header row: none of its cells is a column name of the import format. "
        "The first line must name the columns: province,indicator,period,value,unit; delete any "
        "report title above it, or add the header row"});
    return;
  }
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
  validator->ExpectRows(data.size() / 48);  // canonical rows are rarely shorter than 48 bytes
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
    if (RepeatsHeader(fields, map)) {
      validator->AddProblem(Problem{
          Severity::kError, "repeated_header", row.row, "", "",
          fmt::format("Dòng {} lặp lại dòng tiêu đề (tên cột) giữa các dòng số liệu, thường do "
                      "ghép hai tệp; hãy xóa dòng này và kiểm tra số liệu của hai tệp không bị "
                      "trùng",
                      row.row),
          fmt::format("Row {} repeats the header row (column names) among the data, usually "
                      "because two files were joined; delete it and check that the two files' "
                      "figures do not overlap",
                      row.row)});
      continue;
    }
    if (fields.size() > columns) {
      bool extra_empty = true;
      for (std::size_t c = columns; c < fields.size(); ++c)
        extra_empty = extra_empty && fields[c].empty();
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
