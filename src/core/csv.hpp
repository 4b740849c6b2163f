// CSV records from an in-memory UTF-8 buffer (RFC 4180 plus what spreadsheets really write):
// comma, semicolon or tab delimiters, quoted fields with "" escapes and embedded line breaks,
// CRLF or LF line ends, a UTF-8 byte-order mark. Pure parsing; reading the file is io's job.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lienket::core {

// Drops a UTF-8 byte-order mark if present; returns true if there was one.
bool StripUtf8Bom(std::string_view* data);

// The delimiter of the header line: the most frequent of ',', ';' and '\t' outside quotes
// (',' when none appears).
[[nodiscard]] char DetectCsvDelimiter(std::string_view data);

class CsvReader {
 public:
  CsvReader(std::string_view data, char delimiter) : data_(data), delimiter_(delimiter) {}

  // Reads the next record into `fields` (cleared first). Returns false at the end of the data.
  // The views stay valid until the next call. Blank lines are returned as one empty field.
  // Errors: kInvalidArgument for a quote that is never closed (with its line) or text right
  // after a closing quote ("ab"c).
  [[nodiscard]] Result<bool> Next(std::vector<std::string_view>* fields);

  // 1-based line on which the last record returned started.
  [[nodiscard]] int record_line() const { return record_line_; }
  // Bytes consumed so far.
  [[nodiscard]] std::size_t position() const { return pos_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  char delimiter_;
  int line_ = 1;
  int record_line_ = 0;
  std::deque<std::string> unescaped_;  // storage for quoted fields that contained ""
};

}  // namespace lienket::core
