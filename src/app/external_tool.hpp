// Running the document converters (pandoc, rsvg-convert, Chromium) as child processes, and the
// scratch folders they work in. The argument vector is passed to the program as is (posix_spawn,
// no shell, so no quoting or injection through file names); standard input is /dev/null; standard
// output and error are captured together, the first 64 KiB kept. The child runs in a process
// group of its own, so a time limit ends it with every helper it started (Chromium forks several).
// Thread-safe: nothing is shared between calls.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lienket::app {

// The full path of `program` found in $PATH (or `program` itself when it contains a '/' and is
// executable), or nothing.
[[nodiscard]] std::optional<std::string> FindProgram(std::string_view program);

struct ToolOutput {
  std::string output;  // standard output and error, interleaved as written, at most 64 KiB
};

// Runs argv[0] (looked up in $PATH) with `argv` in `working_directory` (empty = the current one)
// and waits for it, at most `timeout`.
// Errors: kInvalidArgument for an empty argv; kFailedPrecondition when the program is not
// installed (the message says: install it with scripts/setup.sh); kResourceExhausted when the
// time limit ends it; kUnavailable when it cannot be started, is killed by a signal or exits
// with a non-zero status (the message quotes the end of its output).
[[nodiscard]] core::Result<ToolOutput> RunTool(const std::vector<std::string>& argv,
                                               std::chrono::seconds timeout,
                                               const std::string& working_directory = "");

// A fresh private folder (mode 0700) under the system's temporary directory, removed with all
// its content when the object is destroyed. Movable, not copyable.
class ScratchDir {
 public:
  // Errors: kUnavailable when the folder cannot be created.
  [[nodiscard]] static core::Result<ScratchDir> Create(std::string_view prefix);
  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&& other) noexcept;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir();

  [[nodiscard]] const std::string& path() const { return path_; }
  // path() + "/" + name.
  [[nodiscard]] std::string File(std::string_view name) const;

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace lienket::app
