// Whole-file reads and crash-safe writes. Imports read a file into memory once, with a size
// limit chosen by the caller; exports replace their target atomically, so a crash or a full disk
// leaves either the old file or the new one, never a truncated mix.
//
// Error codes used throughout (see core/error.hpp):
//   kUnavailable        the file does not exist, cannot be read or written (permission, I/O error,
//                       disk full, read-only file system); the message names the reason
//   kInvalidArgument    the path names a directory
//   kResourceExhausted  the file is larger than the caller's limit
// All functions are thread-safe (they share no state).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lienket::io {

// Returns the bytes of the file at `path` (binary, no newline translation). Errors as above;
// kResourceExhausted when the file holds more than `max_bytes` bytes.
[[nodiscard]] core::Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes);

// Returns at most the first `max_bytes` bytes of the file, for sniffing its format; a shorter file
// is returned whole. Errors as ReadFile, never kResourceExhausted.
[[nodiscard]] core::Result<std::string> ReadFileHead(const std::string& path,
                                                     std::size_t max_bytes);

// Replaces (or creates) the file at `path` with `bytes`: writes a temporary file in the same
// directory, fsyncs it, renames it over `path` and fsyncs the directory. The new file gets the
// default permissions (0666 minus the umask). On error the temporary file is removed and `path`
// is unchanged.
[[nodiscard]] core::Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// The same guarantee for content that a library insists on writing itself (libxlsxwriter takes a
// file name): `produce` is called once with the path of a fresh, empty temporary file beside
// `path` and must write the complete content there. If it returns an error, that error is returned
// and the temporary file removed; otherwise the file is fsynced and renamed over `path`.
[[nodiscard]] core::Status ReplaceFileAtomically(
    const std::string& path, const std::function<core::Status(const std::string&)>& produce);

}  // namespace lienket::io
