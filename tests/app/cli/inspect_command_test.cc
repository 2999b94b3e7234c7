// Runs the litescope-cli binary: `sample` writes the bundled model, `inspect` reads it back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/app/cli/cli_fixture.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using InspectCommandTest = testing::CliTest;
using testing::CliRun;
using testing::ReadFile;

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
