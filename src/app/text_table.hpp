// Plain-text tables for the terminal, aligned by the on-screen width of Vietnamese text
// (a letter with tone marks is one column however many bytes it takes).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lienket::app {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // Columns listed here are right-aligned (numbers).
  void AlignRight(std::size_t column) { right_.push_back(column); }
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> right_;
};

// Columns the text takes on a terminal: code points, not counting combining marks.
[[nodiscard]] std::size_t DisplayWidth(const std::string& utf8);

}  // namespace lienket::app
