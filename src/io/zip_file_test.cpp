#include "io/zip_file.hpp"

#include <gtest/gtest.h>

#include "io/fs.hpp"
#include "io/test_scratch_dir.hpp"
#include "io/xlsx_writer.hpp"

namespace lienket::io {
namespace {

// A real package to edit: a one-sheet workbook written by libxlsxwriter.
std::string SmallPackage(const TestScratchDir& dir) {
  std::string path = dir.File("book.xlsx");
  WriteSheet sheet{.name = "Biểu"};
  sheet.cells = {{1, 1, std::string("Hà Nội")}};
  EXPECT_TRUE(WriteXlsx(WriteWorkbook{.sheets = {sheet}}, path));
  return path;
}

TEST(ZipFile, ReplacesAndAddsEntriesAndKeepsTheRest) {
  TestScratchDir dir;
  std::string path = SmallPackage(dir);
  auto before = ReadZipEntry(path, "xl/workbook.xml", 1 << 20);
  ASSERT_TRUE(before) << before.error().message_en;
  ASSERT_TRUE(ReplaceZipEntries(
      path, {{"docProps/app.xml", "<x>thay thế</x>"}, {"word/new.xml", "<y>mới</y>"}}));
  EXPECT_EQ(*ReadZipEntry(path, "docProps/app.xml", 1 << 20), "<x>thay thế</x>");
  EXPECT_EQ(*ReadZipEntry(path, "word/new.xml", 1 << 20), "<y>mới</y>");
  EXPECT_EQ(*ReadZipEntry(path, "xl/workbook.xml", 1 << 20), *before);
}

TEST(ZipFile, MissingEntryIsNotFoundAndLargeEntryIsRefused) {
  TestScratchDir dir;
  std::string path = SmallPackage(dir);
  auto missing = ReadZipEntry(path, "word/styles.xml", 1 << 20);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  auto large = ReadZipEntry(path, "xl/workbook.xml", 10);
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().code, core::ErrorCode::kResourceExhausted);
}

TEST(ZipFile, NotAZipIsUnavailableAndLeftAlone) {
  TestScratchDir dir;
  std::string path = dir.File("plain.txt");
  ASSERT_TRUE(WriteFileAtomically(path, "không phải zip"));
  auto edited = ReplaceZipEntries(path, {{"a.xml", "<a/>"}});
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(*ReadFile(path, 100), "không phải zip");
  EXPECT_EQ(ReadZipEntry(path, "a.xml", 100).error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace lienket::io
