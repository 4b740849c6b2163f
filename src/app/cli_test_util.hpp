// Test helper: runs the CLI in-process against a temporary database, as a user would from a
// shell; one folder per test, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "store/test_database.hpp"

namespace lienket::app::testing {

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lienket_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    database_ = std::make_unique<store::TestDatabase>((dir_ / "lienket.db").string());
    db_ = database_->url();
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }

  int Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"lienket", "--db", db_});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    out_.str("");
    err_.str("");
    return RunCli(static_cast<int>(argv.size()), argv.data(), out_, err_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(Path(name), std::ios::binary) << content;
    return Path(name);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::TestDatabase> database_;  // SQLite file or PostgreSQL schema
  std::string db_;
  std::ostringstream out_, err_;
};

}  // namespace lienket::app::testing
