#include "io/zip_file.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <memory>

namespace lienket::io {

namespace {

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;

core::Error Unavailable(const std::string& path, const std::string& reason) {
  return core::Error{core::ErrorCode::kUnavailable,
                     fmt::format("Không xử lý được tệp nén {}: {}", path, reason),
                     fmt::format("Cannot process the zip file {}: {}", path, reason)};
}

core::Result<ZipPtr> Open(const std::string& path, int flags) {
  int code = 0;
  ZipPtr zip(zip_open(path.c_str(), flags, &code), &zip_discard);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return tl::unexpected(Unavailable(path, reason));
  }
  return zip;
}

}  // namespace

core::Result<std::string> ReadZipEntry(const std::string& path, const std::string& name,
                                       std::size_t max_bytes) {
  LIENKET_ASSIGN_OR_RETURN(zip, Open(path, ZIP_RDONLY));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip.get(), name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("Tệp nén {} không có mục {}", path, name),
                           fmt::format("The zip file {} has no entry {}", path, name));
  }
  if (st.size > max_bytes) {
    return core::MakeError(
        core::ErrorCode::kResourceExhausted,
        fmt::format("Mục {} trong {} lớn hơn {} byte", name, path, max_bytes),
        fmt::format("Entry {} of {} is larger than {} bytes", name, path, max_bytes));
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip.get(), name.c_str(), 0),
                                                          &zip_fclose);
  if (!file) return tl::unexpected(Unavailable(path, zip_strerror(zip.get())));
  std::string bytes(static_cast<std::size_t>(st.size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    zip_int64_t n = zip_fread(file.get(), bytes.data() + done, bytes.size() - done);
    if (n <= 0) return tl::unexpected(Unavailable(path, zip_file_strerror(file.get())));
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

core::Status ReplaceZipEntries(const std::string& path, const std::vector<ZipEntry>& entries) {
  LIENKET_ASSIGN_OR_RETURN(zip, Open(path, 0));
  for (const ZipEntry& e : entries) {
    // libzip reads the buffer when the archive is closed; `entries` outlives zip_close below.
    zip_source_t* source = zip_source_buffer(zip.get(), e.bytes.data(), e.bytes.size(), 0);
    if (source == nullptr ||
        zip_file_add(zip.get(), e.name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      return tl::unexpected(Unavailable(path, zip_strerror(zip.get())));
    }
  }
  if (zip_close(zip.get()) != 0) return tl::unexpected(Unavailable(path, zip_strerror(zip.get())));
  zip.release();  // closed: zip_close freed it
  return {};
}

}  // namespace lienket::io
