#include "app/external_tool.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace lienket::app {
namespace {

using namespace std::chrono_literals;

TEST(RunTool, AMissingProgramSaysHowToInstallIt) {
  auto run = RunTool({"lienket-no-such-converter", "--version"}, 10s);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(run.error().message_vi.find("cài đặt bằng scripts/setup.sh"), std::string::npos);
  EXPECT_NE(run.error().message_en.find("install it with scripts/setup.sh"), std::string::npos);
  EXPECT_FALSE(FindProgram("lienket-no-such-converter"));
  EXPECT_TRUE(FindProgram("sh"));
}

TEST(RunTool, ArgumentsReachTheProgramVerbatimWithoutAShell) {
  // A shell would split, expand and run these; the program must receive them as they are.
  auto run = RunTool({"printf", "[%s]", "a b", "$(echo x)", "; rm -rf /", "*", "Hà Nội"}, 10s);
  ASSERT_TRUE(run) << run.error().message_en;
  EXPECT_EQ(run->output, "[a b][$(echo x)][; rm -rf /][*][Hà Nội]");
}

TEST(RunTool, ANonZeroExitIsUnavailableAndQuotesTheOutput) {
  auto run = RunTool({"sh", "-c", "echo 'lỗi chuyển đổi' >&2; exit 3"}, 10s);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(run.error().message_en.find("status 3"), std::string::npos);
  EXPECT_NE(run.error().message_en.find("lỗi chuyển đổi"), std::string::npos);
}

TEST(RunTool, TheTimeLimitEndsTheProgramAndItsChildren) {
  auto start = std::chrono::steady_clock::now();
  // The child forks a grandchild that holds the output pipe open; both must end.
  auto run = RunTool({"sh", "-c", "sleep 30 & sleep 30"}, 1s);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, core::ErrorCode::kResourceExhausted);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST(RunTool, RunsInTheGivenFolder) {
  auto dir = ScratchDir::Create("lienket-tool-test-");
  ASSERT_TRUE(dir);
  auto run = RunTool({"pwd"}, 10s, dir->path());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->output, std::filesystem::canonical(dir->path()).string() + "\n");
}

TEST(ScratchDir, IsRemovedWithItsContent) {
  std::string path;
  {
    auto dir = ScratchDir::Create("lienket-scratch-test-");
    ASSERT_TRUE(dir);
    path = dir->path();
    std::filesystem::create_directories(dir->File("a/b"));
    std::ofstream(dir->File("a/b/c.txt")) << "x";
    ScratchDir moved = std::move(*dir);
    EXPECT_EQ(moved.path(), path);
    EXPECT_TRUE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace lienket::app
