#include "app/text_table.hpp"

#include <algorithm>

namespace lienket::app {

std::size_t DisplayWidth(const std::string& s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    // U+0300–U+036F (combining diacritics) are CC 80 – CD AF in UTF-8.
    bool combining =
        len == 2 && (c == 0xCC || (c == 0xCD && static_cast<unsigned char>(s[i + 1]) <= 0xAF));
    if (!combining) ++width;
    i += len;
  }
  return width;
}

void TextTable::Print(std::ostream& out) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  auto measure = [&widths](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      std::string cell = c < row.size() ? row[c] : "";
      std::string pad(widths[c] - DisplayWidth(cell), ' ');
      bool right = std::find(right_.begin(), right_.end(), c) != right_.end();
      line += right ? pad + cell : cell + pad;
      if (c + 1 < widths.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(header_);
  std::string rule;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    rule += std::string(widths[c], '-');
    if (c + 1 < widths.size()) rule += "  ";
  }
  out << rule << '\n';
  for (const auto& row : rows_) print_row(row);
}

}  // namespace lienket::app
