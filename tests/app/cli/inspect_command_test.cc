// Runs the litescope-cli binary: `sample` writes the bundled model, `inspect` reads it back.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string Quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class InspectCommandTest : public ::testing::Test {
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

TEST_F(InspectCommandTest, SampleThenInspectAsText) {
  WriteSample();
  CliRun run = Run({"inspect", sample_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
  for (const char* part : {"subgraphs: 1, tensors: 17, operators: 7", "CONV_2D  2", "SOFTMAX  1",
                           "subgraph 0 operators:", "min runtime version: 1.14.0"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << "missing \"" << part << "\" in\n" << run.out;
  }
}

TEST_F(InspectCommandTest, InspectAsJson) {
  WriteSample();
  CliRun run = Run({"inspect", sample_, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(j.is_discarded()) << "not JSON:\n" << run.out;
  for (const char* key : {"format", "format_version", "file", "op_histogram", "dtypes", "parameters", "inputs",
                          "outputs", "subgraphs", "signatures", "metadata", "operators"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["format"], "litescope.inspect");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["file"], sample_);
  EXPECT_EQ(j["file_bytes"], fs::file_size(sample_));
  EXPECT_EQ(j["op_histogram"]["CONV_2D"], 2);
  EXPECT_TRUE(j["parameters"]["by_dtype"].contains("FLOAT32"));
  EXPECT_EQ(j["signatures"][0]["key"], "serving_default");
  EXPECT_EQ(j["operators"][0]["options"]["padding"], "SAME");
}

TEST_F(InspectCommandTest, ACorruptFileFailsWithTheReasonOnStderr) {
  WriteSample();
  std::string bytes = ReadFile(sample_);
  std::string corrupt = (dir_ / "corrupt.tflite").string();
  std::ofstream(corrupt, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CliRun run = Run({"inspect", corrupt});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find("error: failed to load " + corrupt), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("truncated or damaged"), std::string::npos) << run.err;
}

TEST_F(InspectCommandTest, AMissingFileFails) {
  CliRun run = Run({"inspect", (dir_ / "absent.tflite").string(), "--json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cannot open"), std::string::npos) << run.err;
}

TEST_F(InspectCommandTest, UsageErrorsExitWithTwo) {
  CliRun unknown_option = Run({"inspect", sample_, "--frobnicate"});
  EXPECT_EQ(unknown_option.exit_code, 2);
  EXPECT_NE(unknown_option.err.find("unknown option --frobnicate"), std::string::npos) << unknown_option.err;
  EXPECT_NE(unknown_option.err.find("usage: litescope-cli inspect"), std::string::npos) << unknown_option.err;

  EXPECT_EQ(Run({"inspect"}).exit_code, 2);
  EXPECT_EQ(Run({"inspect", "a.tflite", "b.tflite"}).exit_code, 2);
  EXPECT_EQ(Run({"sample"}).exit_code, 2);
  EXPECT_EQ(Run({}).exit_code, 2);
  CliRun unknown_command = Run({"frobnicate"});
  EXPECT_EQ(unknown_command.exit_code, 2);
  EXPECT_NE(unknown_command.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown_command.err;
}

TEST_F(InspectCommandTest, HelpExitsWithZero) {
  CliRun run = Run({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("inspect MODEL [--json]"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace litescope
