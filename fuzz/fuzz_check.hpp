// Invariant checks for the fuzz targets: a failed FUZZ_CHECK prints what broke, with the input
// it was checking, and aborts, so libFuzzer saves the input as a crash and the replay runner
// fails. Used instead of assert so that it also fires in release builds.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lienket::fuzz {

[[noreturn]] inline void CheckFailed(const char* condition, const char* file, int line,
                                     std::string_view context) {
  std::fprintf(stderr, "%s:%d: invariant failed: %s\n  on: \"", file, line, condition);
  for (char c : context.substr(0, 400)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\')
      std::fputc(c, stderr);
    else
      std::fprintf(stderr, "\\x%02x", u);
  }
  std::fprintf(stderr, "\"\n");
  std::abort();
}

}  // namespace lienket::fuzz

// Checks `condition`; `context` is the text being checked (any std::string_view-convertible).
#define FUZZ_CHECK(condition, context)                                              \
  do {                                                                              \
    if (!(condition))                                                               \
      ::lienket::fuzz::CheckFailed(#condition, __FILE__, __LINE__, (context));      \
  } while (false)
