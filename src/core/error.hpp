// Errors as values. Every expected failure in lienket is returned as a Result<T>
// (tl::expected<T, Error>), never thrown: exceptions are reserved for start-up and
// third-party boundaries, where adapters catch them and turn them into an Error.
//
// Choosing a code (as in abseil's canonical codes):
//   kInvalidArgument     the caller's input is malformed, whatever the state (bad period "2024-H3")
//   kNotFound            a named thing does not exist (unknown province, unknown indicator)
//   kAlreadyExists       creating something whose key is taken
//   kFailedPrecondition  the input is well formed but the state forbids it (a province that did
//                        not exist in that period, a value conflicting with a stored vintage)
//   kPermissionDenied    authenticated but not allowed
//   kUnauthenticated     no valid identity
//   kResourceExhausted   a limit was hit (file too large, too many rows)
//   kUnavailable         a dependency could not be reached (database locked, file unreadable)
//   kInternal            a broken invariant: a bug, never the user's fault
// Each Error carries a message in Vietnamese and in English; user-facing output shows both.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace lienket::core {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// Stable lower-case name of a code ("invalid_argument"), used in JSON and logs.
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_vi;  // what went wrong, in Vietnamese, for the user
  std::string message_en;  // the same in English

  // "vi / en" on one line, the form the CLI prints.
  [[nodiscard]] std::string Bilingual() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

[[nodiscard]] inline tl::unexpected<Error> MakeError(ErrorCode code, std::string vi,
                                                     std::string en) {
  return tl::unexpected<Error>(Error{code, std::move(vi), std::move(en)});
}

// The one greppable way to drop an error on purpose (as rocksdb's PermitUncheckedError):
// write IgnoreError(status, "why it is safe") so reviewers can find every such place.
template <typename T>
inline void IgnoreError(const Result<T>& /*result*/, std::string_view /*why*/) {}

}  // namespace lienket::core

// Early return on error, as absl's ASSIGN_OR_RETURN: declares `var` holding the value of a
// Result-returning `expr`, or returns its error from the enclosing function.
#define LIENKET_CONCAT_INNER_(a, b) a##b
#define LIENKET_CONCAT_(a, b) LIENKET_CONCAT_INNER_(a, b)
#define LIENKET_ASSIGN_OR_RETURN(var, expr)                                    \
  auto LIENKET_CONCAT_(lienket_result_, __LINE__) = (expr);                    \
  if (!LIENKET_CONCAT_(lienket_result_, __LINE__)) {                           \
    return tl::unexpected(LIENKET_CONCAT_(lienket_result_, __LINE__).error()); \
  }                                                                            \
  auto var = std::move(*LIENKET_CONCAT_(lienket_result_, __LINE__))

// Returns the error of a Status-returning `expr` from the enclosing function.
#define LIENKET_RETURN_IF_ERROR(expr)                                     \
  do {                                                                    \
    auto lienket_status_ = (expr);                                        \
    if (!lienket_status_) return tl::unexpected(lienket_status_.error()); \
  } while (false)
