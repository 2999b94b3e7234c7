// `litescope-cli convert`: the report, --check, the JSON report, and the errors (same file as the
// source, unknown extension, bad --input-shape, corrupt source) that leave no output behind.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/app/cli/cli_fixture.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using ConvertCommandTest = testing::CliTest;
using testing::CliRun;
using testing::ReadFile;

TEST_F(ConvertCommandTest, ReoptimizesATfliteWithCheckAndReport) {
  WriteSample();
  const std::string out = (dir_ / "out.tflite").string(), report = (dir_ / "report.json").string();
  CliRun run = Run({"convert", sample_, "-o", out, "--check", "--report", report});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("7 source ops -> 7 TFLite ops, 0 TRANSPOSE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(within tolerance)"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(out));
  const nlohmann::json j = nlohmann::json::parse(ReadFile(report));
  EXPECT_EQ(j["format"], "litescope.convert_report");
  EXPECT_EQ(j["source_format"], "tflite");
  EXPECT_EQ(j["tflite_ops"], 7);
  EXPECT_EQ(j["ops"].size(), 7u);
  // The converted model runs.
  CliRun again = Run({"run", out, "--random"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(ConvertCommandTest, ErrorsLeaveNoOutput) {
  WriteSample();
  const fs::path corrupt = dir_ / "corrupt.onnx";
  std::ofstream(corrupt) << "definitely not a protobuf \xff\xff\xff";
  const std::string out = (dir_ / "out.tflite").string();
  struct Case {
    std::vector<std::string> args;
    int code;
    const char* message;
  };
  const Case cases[] = {
      {{"convert", sample_, "-o", sample_}, 1, "onto itself"},
      {{"convert", (dir_ / "model.pb.txt").string(), "-o", out}, 1, "unknown extension '.txt'"},
      {{"convert", sample_, "-o", out, "--input-shape", "x=1,a"}, 2, "'a' is not a positive dimension"},
      {{"convert", sample_}, 2, "-o OUT.tflite is required"},
      {{"convert", corrupt.string(), "-o", out}, 1, "corrupt.onnx"},
  };
  for (const Case& c : cases) {
    CliRun run = Run(c.args);
    EXPECT_EQ(run.exit_code, c.code) << run.err;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(out)) << "a failed conversion left " << out;
  }
  EXPECT_GT(fs::file_size(sample_), 0u);  // the source is intact
}

}  // namespace
}  // namespace litescope
