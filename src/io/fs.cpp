#include "io/fs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace lienket::io {
namespace {

// The reason for an errno, in Vietnamese and English, for the common cases a user can fix.
struct Reason {
  std::string vi;
  std::string en;
};

Reason DescribeErrno(int err) {
  switch (err) {
    case ENOENT:
      return {"tệp hoặc thư mục không tồn tại", "no such file or directory"};
    case EACCES:
    case EPERM:
      return {"không có quyền truy cập", "permission denied"};
    case ENOSPC:
    case EDQUOT:
      return {"ổ đĩa đã đầy", "no space left on the disk"};
    case EROFS:
      return {"ổ đĩa chỉ cho phép đọc", "read-only file system"};
    case EISDIR:
      return {"đường dẫn là một thư mục", "the path is a directory"};
    case ENOTDIR:
      return {"một phần của đường dẫn không phải là thư mục",
              "a component of the path is not a directory"};
    default: {
      const std::string text = std::strerror(err);
      return {"lỗi hệ thống: " + text, text};
    }
  }
}

core::Error ReadError(const std::string& path, int err) {
  if (err == ENOENT) {
    return core::Error{core::ErrorCode::kUnavailable,
                       fmt::format("Không tìm thấy tệp \"{}\".", path),
                       fmt::format("File not found: \"{}\".", path)};
  }
  const Reason reason = DescribeErrno(err);
  return core::Error{core::ErrorCode::kUnavailable,
                     fmt::format("Không đọc được tệp \"{}\": {}.", path, reason.vi),
                     fmt::format("Cannot read \"{}\": {}.", path, reason.en)};
}

core::Error WriteError(const std::string& path, int err) {
  const Reason reason = DescribeErrno(err);
  return core::Error{core::ErrorCode::kUnavailable,
                     fmt::format("Không ghi được tệp \"{}\": {}.", path, reason.vi),
                     fmt::format("Cannot write \"{}\": {}.", path, reason.en)};
}

// Closes the descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  // Closes now, reporting the error close() may carry for buffered writes.
  [[nodiscard]] int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// Reads up to `limit` bytes from the file; sets *truncated when more remained.
core::Result<std::string> ReadUpTo(const std::string& path, std::size_t limit, bool* truncated) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return tl::unexpected(ReadError(path, errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return tl::unexpected(ReadError(path, errno));
  if (S_ISDIR(st.st_mode)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("\"{}\" là một thư mục, không phải tệp.", path),
                           fmt::format("\"{}\" is a directory, not a file.", path));
  }
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(std::min<std::size_t>(st.st_size, limit));
  char buffer[1 << 16];
  *truncated = false;
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(ReadError(path, errno));
    }
    if (n == 0) break;
    const std::size_t room = limit - bytes.size();
    if (static_cast<std::size_t>(n) > room) {
      bytes.append(buffer, room);
      *truncated = true;
      break;
    }
    bytes.append(buffer, n);
  }
  return bytes;
}

std::string HumanSize(std::size_t bytes) {
  if (bytes < (1u << 20)) return fmt::format("{} byte", bytes);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20));
}

// Writes everything; false with errno set on failure.
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(n);
  }
  return true;
}

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Creates a new empty file beside `path` with a name no other writer uses.
core::Result<std::string> CreateTempBeside(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = fmt::format("{}.tmp-{}-{}", path, ::getpid(), counter++);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return temp;
    }
    if (errno != EEXIST) return tl::unexpected(WriteError(path, errno));
  }
  return tl::unexpected(WriteError(path, EEXIST));
}

core::Status SyncFile(const std::string& path, int open_flags, const std::string& reported) {
  Fd fd(::open(path.c_str(), open_flags | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0 || fd.Close() != 0) {
    return tl::unexpected(WriteError(reported, errno));
  }
  return {};
}

}  // namespace

core::Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  bool truncated = false;
  auto bytes = ReadUpTo(path, max_bytes, &truncated);
  if (bytes && truncated) {
    return core::MakeError(
        core::ErrorCode::kResourceExhausted,
        fmt::format("Tệp \"{}\" quá lớn: vượt giới hạn {}.", path, HumanSize(max_bytes)),
        fmt::format("File \"{}\" is too large: over the limit of {}.", path, HumanSize(max_bytes)));
  }
  return bytes;
}

core::Result<std::string> ReadFileHead(const std::string& path, std::size_t max_bytes) {
  bool truncated = false;
  return ReadUpTo(path, max_bytes, &truncated);
}

core::Status ReplaceFileAtomically(const std::string& path,
                                   const std::function<core::Status(const std::string&)>& produce) {
  auto temp = CreateTempBeside(path);
  if (!temp) return tl::unexpected(temp.error());
  core::Status status = produce(*temp);
  if (status) status = SyncFile(*temp, O_RDONLY, path);
  if (status && ::rename(temp->c_str(), path.c_str()) != 0) {
    status = tl::unexpected(WriteError(path, errno));
  }
  if (!status) {
    ::unlink(temp->c_str());
    return status;
  }
  // The rename is durable only once the directory entry is on disk.
  return SyncFile(DirectoryOf(path), O_RDONLY | O_DIRECTORY, path);
}

core::Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  return ReplaceFileAtomically(path, [&](const std::string& temp) -> core::Status {
    Fd fd(::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (fd.get() < 0 || !WriteAll(fd.get(), bytes) || fd.Close() != 0) {
      return tl::unexpected(WriteError(path, errno));
    }
    return {};
  });
}

}  // namespace lienket::io
