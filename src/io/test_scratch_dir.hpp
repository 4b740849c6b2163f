// Test helper, used only by the *_test.cpp files of this folder: a fresh temporary directory,
// removed with everything in it when the object goes out of scope.
#pragma once

#include <stdlib.h>

#include <cstddef>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string>

namespace lienket::io {

class TestScratchDir {
 public:
  TestScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lienket_io_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TestScratchDir(const TestScratchDir&) = delete;
  TestScratchDir& operator=(const TestScratchDir&) = delete;
  ~TestScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::string& path() const { return path_; }
  // The path of `name` inside the directory.
  [[nodiscard]] std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Number of entries directly inside, to check that no temporary file was left behind.
  [[nodiscard]] std::ptrdiff_t EntryCount() const {
    return std::distance(std::filesystem::directory_iterator(path_),
                         std::filesystem::directory_iterator());
  }

 private:
  std::string path_;
};

}  // namespace lienket::io
