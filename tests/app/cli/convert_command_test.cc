// `litescope-cli convert`: the report, --check, the JSON report, and the errors (same file as the
// source, unknown extension, bad --input-shape, corrupt source) that leave no output behind; a
// TensorFlow SavedModel directory (--signature) and a frozen .pb (--inputs / --outputs).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/app/cli/cli_fixture.h"
#include "tests/converter/tensorflow/tf_test_util.h"

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

// x [1, 3] -> Neg "a" -> Relu "b", and a second sink "c" = Abs(x).
tfproto::GraphDef SmallTfGraph() {
  tfproto::GraphDef g;
  testing::TfPlaceholder(&g, "x", {1, 3});
  testing::TfNode(&g, "Neg", "a", {"x"});
  testing::TfNode(&g, "Relu", "b", {"a"});
  testing::TfNode(&g, "Abs", "c", {"x"});
  return g;
}

TEST_F(ConvertCommandTest, TensorFlowSavedModelAndFrozenGraph) {
  const fs::path saved_model = dir_ / "saved_model";
  testing::WriteSavedModel(saved_model, SmallTfGraph(), "serving_default", {{"x", "x:0", {1, 3}}}, {{"y", "b:0", {}}});
  const std::string out = (dir_ / "sm.tflite").string();
  CliRun run = Run({"convert", saved_model.string(), "-o", out, "--signature", "serving_default"});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_EQ(Run({"run", out, "--random"}).exit_code, 0);

  const std::string pb = testing::SaveProto(SmallTfGraph(), dir_ / "frozen.pb"), pb_out = (dir_ / "pb.tflite").string();
  run = Run({"convert", pb, "-o", pb_out, "--inputs", "x", "--outputs", "a,c"});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  CliRun inspect = Run({"inspect", pb_out});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("NEG"), std::string::npos) << inspect.out;
  EXPECT_EQ(inspect.out.find("RELU"), std::string::npos) << "b is not an output: " << inspect.out;

  const std::string bad = (dir_ / "bad.tflite").string();
  run = Run({"convert", saved_model.string(), "-o", bad, "--signature", "nope"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no signature 'nope' (it has: serving_default)"), std::string::npos) << run.err;
  run = Run({"convert", pb, "-o", bad, "--outputs", "missing"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("output missing names no node"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(bad));
}

}  // namespace
}  // namespace litescope
