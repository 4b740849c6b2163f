#include "io/fs.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/test_scratch_dir.hpp"

namespace lienket::io {
namespace {

namespace stdfs = std::filesystem;

void Put(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(ReadFile, ReturnsBinaryBytesUnchanged) {
  TestScratchDir dir;
  const std::string bytes("a\0b\r\n\xff", 6);
  Put(dir.File("x.bin"), bytes);
  auto read = ReadFile(dir.File("x.bin"), 100);
  ASSERT_TRUE(read) << read.error().Bilingual();
  EXPECT_EQ(*read, bytes);
}

TEST(ReadFile, MissingFileIsUnavailableAndNamesThePath) {
  TestScratchDir dir;
  auto read = ReadFile(dir.File("khong_co.csv"), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(read.error().message_vi.find("Không tìm thấy tệp"), std::string::npos);
  EXPECT_NE(read.error().message_en.find("khong_co.csv"), std::string::npos);
}

TEST(ReadFile, DirectoryIsInvalidArgument) {
  TestScratchDir dir;
  stdfs::create_directory(dir.File("sub"));
  auto read = ReadFile(dir.File("sub"), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(read.error().message_en.find("is a directory"), std::string::npos);
}

TEST(ReadFile, LargerThanLimitIsResourceExhausted) {
  TestScratchDir dir;
  Put(dir.File("big"), std::string(101, 'x'));
  auto exact = ReadFile(dir.File("big"), 101);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->size(), 101u);
  auto read = ReadFile(dir.File("big"), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kResourceExhausted);
}

TEST(ReadFile, UnreadableFileIsUnavailable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files regardless of permissions";
  TestScratchDir dir;
  Put(dir.File("secret"), "x");
  ::chmod(dir.File("secret").c_str(), 0);
  auto read = ReadFile(dir.File("secret"), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(read.error().message_vi.find("không có quyền"), std::string::npos);
}

TEST(ReadFileHead, ReturnsOnlyThePrefix) {
  TestScratchDir dir;
  Put(dir.File("f"), "0123456789");
  auto head = ReadFileHead(dir.File("f"), 4);
  ASSERT_TRUE(head);
  EXPECT_EQ(*head, "0123");
  auto whole = ReadFileHead(dir.File("f"), 400);
  ASSERT_TRUE(whole);
  EXPECT_EQ(*whole, "0123456789");
}

TEST(WriteFileAtomically, CreatesThenReplacesLeavingNoTemporaryFiles) {
  TestScratchDir dir;
  const std::string path = dir.File("report.csv");
  ASSERT_TRUE(WriteFileAtomically(path, "old"));
  ASSERT_TRUE(WriteFileAtomically(path, std::string("Hà Nội\0", 10)));
  auto read = ReadFile(path, 100);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, std::string("Hà Nội\0", 10));
  EXPECT_EQ(dir.EntryCount(), 1);
}

TEST(WriteFileAtomically, MissingDirectoryIsUnavailable) {
  TestScratchDir dir;
  auto written = WriteFileAtomically(dir.File("no/such/dir.csv"), "x");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(written.error().message_vi.find("không tồn tại"), std::string::npos);
}

TEST(ReplaceFileAtomically, FailedProducerLeavesTargetUntouched) {
  TestScratchDir dir;
  const std::string path = dir.File("out.xlsx");
  ASSERT_TRUE(WriteFileAtomically(path, "previous"));
  auto status = ReplaceFileAtomically(path, [](const std::string& temp) -> core::Status {
    Put(temp, "half");
    return core::MakeError(core::ErrorCode::kInternal, "hỏng", "broken");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message_en, "broken");
  EXPECT_EQ(*ReadFile(path, 100), "previous");
  EXPECT_EQ(dir.EntryCount(), 1);
}

}  // namespace
}  // namespace lienket::io
