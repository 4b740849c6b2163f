// Small edits of zip packages (.docx, .xlsx are zips of XML parts): read one entry, replace or
// add entries in place. For adjusting a package another program wrote, e.g. the pandoc reference
// document the DOCX report is styled from. Thread-safe as long as no two calls touch one file.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace lienket::io {

// The bytes of entry `name` (e.g. "word/styles.xml") in the zip at `path`, at most `max_bytes`.
// Errors: kUnavailable when the file cannot be opened or is not a zip; kNotFound when it has no
// such entry; kResourceExhausted when the entry is larger than `max_bytes`.
[[nodiscard]] core::Result<std::string> ReadZipEntry(const std::string& path,
                                                     const std::string& name,
                                                     std::size_t max_bytes);

struct ZipEntry {
  std::string name;   // path inside the zip, '/' separated
  std::string bytes;  // stored deflated
};

// Replaces the entries of the zip at `path` that `entries` name and adds the others; the rest
// stay as they are. The file is rewritten only when every change succeeded.
// Errors: kUnavailable when the file cannot be opened, is not a zip, or cannot be written.
[[nodiscard]] core::Status ReplaceZipEntries(const std::string& path,
                                             const std::vector<ZipEntry>& entries);

}  // namespace lienket::io
