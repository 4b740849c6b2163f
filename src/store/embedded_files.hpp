// Files compiled into the binary (cmake/embed_files.cmake): the SQL migrations and the shipped
// data (reference CSVs, the real observed figures, the illustrative set), so the program runs
// from any folder and never reads the source tree at run time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace lienket::store {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root: "data/units.csv"
  std::string_view bytes;
};

[[nodiscard]] const std::vector<EmbeddedFile>& EmbeddedFiles();

// The file at `path`, or nothing.
[[nodiscard]] inline std::optional<std::string_view> FindEmbedded(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == path) return f.bytes;
  }
  return std::nullopt;
}

// Files whose path starts with `prefix`, in name order.
[[nodiscard]] inline std::vector<EmbeddedFile> EmbeddedUnder(std::string_view prefix) {
  std::vector<EmbeddedFile> out;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path.substr(0, prefix.size()) == prefix) out.push_back(f);
  }
  return out;
}

}  // namespace lienket::store
