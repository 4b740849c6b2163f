#include "app/external_tool.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

extern char** environ;

namespace lienket::app {

namespace {

constexpr std::size_t kKeptOutput = 64 * 1024;

bool IsExecutableFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The last lines of a tool's output, for an error message.
std::string Tail(const std::string& output) {
  constexpr std::size_t kShown = 1200;
  std::string tail = output.size() > kShown ? "…" + output.substr(output.size() - kShown) : output;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return tail;
}

// Closes a descriptor on every path out of RunTool.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

struct SpawnAttributes {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attributes{};
  SpawnAttributes() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnAttributes() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
};

}  // namespace

std::optional<std::string> FindProgram(std::string_view program) {
  if (program.empty()) return std::nullopt;
  std::string name(program);
  if (name.find('/') != std::string::npos) {
    return IsExecutableFile(name) ? std::optional<std::string>(name) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (IsExecutableFile(candidate)) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

core::Result<ToolOutput> RunTool(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                                 const std::string& working_directory) {
  if (argv.empty() || argv[0].empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "Thiếu tên chương trình cần chạy",
                           "No program to run");
  }
  const std::string& name = argv[0];
  std::optional<std::string> program = FindProgram(name);
  if (!program) {
    return core::MakeError(
        core::ErrorCode::kFailedPrecondition,
        fmt::format("Chưa cài đặt chương trình {}; cài đặt bằng scripts/setup.sh", name),
        fmt::format("{} is not installed; install it with scripts/setup.sh", name));
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("Không tạo được ống dẫn: {}", std::strerror(errno)),
                           fmt::format("Cannot create a pipe: {}", std::strerror(errno)));
  }
  Fd read_end{pipe_fds[0]};
  Fd write_end{pipe_fds[1]};

  SpawnAttributes spawn;
  posix_spawn_file_actions_addopen(&spawn.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&spawn.actions, write_end.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&spawn.actions, write_end.fd, STDERR_FILENO);
  if (!working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&spawn.actions, working_directory.c_str());
  }
  // A process group of its own (so the time limit reaches the helpers it forks) and default
  // signal dispositions.
  posix_spawnattr_setflags(&spawn.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&spawn.attributes, 0);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&spawn.attributes, &all);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, program->c_str(), &spawn.actions, &spawn.attributes,
                              args.data(), environ);
  ::close(write_end.fd);
  write_end.fd = -1;
  if (spawned != 0) {
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("Không chạy được {}: {}", name, std::strerror(spawned)),
                           fmt::format("Cannot start {}: {}", name, std::strerror(spawned)));
  }

  // Read the output until the child exits; helpers it left behind may hold the pipe open, so
  // the child's exit (not end of file) ends the wait.
  ToolOutput result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  bool exited = false;
  bool timed_out = false;
  char buffer[8192];
  while (!exited) {
    pollfd p{read_end.fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 100);
    if (ready > 0) {
      ssize_t n = ::read(read_end.fd, buffer, sizeof buffer);
      if (n > 0 && result.output.size() < kKeptOutput) {
        result.output.append(buffer, std::min<std::size_t>(static_cast<std::size_t>(n),
                                                           kKeptOutput - result.output.size()));
      }
    }
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      exited = true;
    } else if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      exited = true;
      timed_out = true;
    }
  }
  // Drain what is already written, then end any helper still running in the group.
  while (true) {
    pollfd p{read_end.fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    ssize_t n = ::read(read_end.fd, buffer, sizeof buffer);
    if (n <= 0) break;
    if (result.output.size() < kKeptOutput) {
      result.output.append(buffer, std::min<std::size_t>(static_cast<std::size_t>(n),
                                                         kKeptOutput - result.output.size()));
    }
  }
  ::kill(-pid, SIGKILL);

  if (timed_out) {
    return core::MakeError(
        core::ErrorCode::kResourceExhausted,
        fmt::format("{} chạy quá {} giây và đã bị dừng", name, timeout.count()),
        fmt::format("{} ran longer than {} s and was stopped", name, timeout.count()));
  }
  if (WIFSIGNALED(status)) {
    return core::MakeError(
        core::ErrorCode::kUnavailable,
        fmt::format("{} bị dừng bởi tín hiệu {}: {}", name, WTERMSIG(status), Tail(result.output)),
        fmt::format("{} was killed by signal {}: {}", name, WTERMSIG(status), Tail(result.output)));
  }
  if (WEXITSTATUS(status) != 0) {
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("{} kết thúc với mã lỗi {}: {}", name, WEXITSTATUS(status),
                                       Tail(result.output)),
                           fmt::format("{} exited with status {}: {}", name, WEXITSTATUS(status),
                                       Tail(result.output)));
  }
  return result;
}

core::Result<ScratchDir> ScratchDir::Create(std::string_view prefix) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return core::MakeError(
        core::ErrorCode::kUnavailable,
        fmt::format("Không tạo được thư mục tạm: {}", std::strerror(errno)),
        fmt::format("Cannot create a temporary folder: {}", std::strerror(errno)));
  }
  return ScratchDir(std::move(pattern));
}

ScratchDir::ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

ScratchDir& ScratchDir::operator=(ScratchDir&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  // Best effort: a folder that cannot be removed is left in the temporary directory.
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string ScratchDir::File(std::string_view name) const {
  return path_ + "/" + std::string(name);
}

}  // namespace lienket::app
