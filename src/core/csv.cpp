#include "core/csv.hpp"

#include <fmt/format.h>

namespace lienket::core {

bool StripUtf8Bom(std::string_view* data) {
  if (data->size() >= 3 && static_cast<unsigned char>((*data)[0]) == 0xEF &&
      static_cast<unsigned char>((*data)[1]) == 0xBB &&
      static_cast<unsigned char>((*data)[2]) == 0xBF) {
    data->remove_prefix(3);
    return true;
  }
  return false;
}

char DetectCsvDelimiter(std::string_view data) {
  int comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : data) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++comma;
    if (c == ';') ++semicolon;
    if (c == '\t') ++tab;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

Result<bool> CsvReader::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  unescaped_.clear();
  if (pos_ >= data_.size()) return false;
  record_line_ = line_;
  const std::size_t n = data_.size();
  while (true) {
    if (pos_ < n && data_[pos_] == '"') {
      // Quoted field.
      std::size_t start = ++pos_;
      bool has_escape = false;
      int start_line = line_;
      while (true) {
        std::size_t q = data_.find('"', pos_);
        if (q == std::string_view::npos) {
          return MakeError(ErrorCode::kInvalidArgument,
                           fmt::format("Dấu ngoặc kép mở ở dòng {} không được đóng", start_line),
                           fmt::format("The quote opened on line {} is never closed", start_line));
        }
        for (std::size_t k = pos_; k < q; ++k) {
          if (data_[k] == '\n') ++line_;
        }
        if (q + 1 < n && data_[q + 1] == '"') {
          has_escape = true;
          pos_ = q + 2;
          continue;
        }
        std::string_view raw = data_.substr(start, q - start);
        if (has_escape) {
          std::string& s = unescaped_.emplace_back();
          s.reserve(raw.size());
          for (std::size_t k = 0; k < raw.size(); ++k) {
            s.push_back(raw[k]);
            if (raw[k] == '"') ++k;  // skip the second quote of ""
          }
          fields->push_back(s);
        } else {
          fields->push_back(raw);
        }
        pos_ = q + 1;
        break;
      }
      if (pos_ < n && data_[pos_] != delimiter_ && data_[pos_] != '\n' && data_[pos_] != '\r') {
        return MakeError(
            ErrorCode::kInvalidArgument,
            fmt::format("Dòng {}: có ký tự ngay sau dấu ngoặc kép đóng", line_),
            fmt::format("Line {}: there are characters right after a closing quote", line_));
      }
    } else {
      std::size_t start = pos_;
      while (pos_ < n && data_[pos_] != delimiter_ && data_[pos_] != '\n') ++pos_;
      std::size_t end = pos_;
      if (end > start && data_[end - 1] == '\r' && (pos_ >= n || data_[pos_] == '\n')) --end;
      fields->push_back(data_.substr(start, end - start));
    }
    if (pos_ >= n) return true;
    char c = data_[pos_];
    if (c == delimiter_) {
      ++pos_;
      if (pos_ >= n) {
        fields->emplace_back();
        return true;
      }
      continue;
    }
    if (c == '\r') ++pos_;
    if (pos_ < n && data_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

}  // namespace lienket::core
