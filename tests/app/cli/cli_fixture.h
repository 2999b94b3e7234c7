// The fixture of the CLI tests: runs the litescope-cli binary in a temporary folder per test and
// captures its exit code, stdout and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace litescope {
namespace testing {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string Quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    sample_ = (dir_ / "sample.tflite").string();
  }

  // Runs `litescope-cli ARGS`, each argument shell-quoted, capturing stdout and stderr.
  CliRun Run(const std::vector<std::string>& args) {
    std::string command = Quote(testing::CliPath());
    for (const std::string& a : args) command += " " + Quote(a);
    fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    command += " >" + Quote(out.string()) + " 2>" + Quote(err.string());
    int status = std::system(command.c_str());
    CliRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadFile(out);
    run.err = ReadFile(err);
    return run;
  }

  void WriteSample() {
    CliRun run = Run({"sample", "-o", sample_});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ASSERT_TRUE(fs::exists(sample_));
  }

  fs::path dir_;
  std::string sample_;
};

}  // namespace testing
}  // namespace litescope
