// The `lienket` command line: parses arguments, opens the database, runs one command.
// In-process and stream-based so tests can drive it like a user.
#pragma once

#include <iosfwd>

namespace lienket::app {

// Runs the CLI. Returns the process exit code: 0 success, 1 failure, 2 rejected input,
// 3 warnings not accepted (import), 64 usage error.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace lienket::app
