// `litescope-cli run` and `bench` on the bundled sample: outputs written as .npy, a clear error for
// an input file that does not fit the model, NaN inputs counted, the per-op profile printed.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "engine/model/npy.h"
#include "tests/app/cli/cli_fixture.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using RunCommandTest = testing::CliTest;
using testing::CliRun;

// A float32 .npy of `shape`, every value `value`.
std::string WriteFloats(const fs::path& path, const std::vector<int32_t>& shape, float value) {
  size_t n = 1;
  for (int32_t d : shape) n *= static_cast<size_t>(d);
  std::vector<float> v(n, value);
  NpyArray a{tflite::TensorType_FLOAT32, shape, {}};
  a.data.resize(v.size() * sizeof(float));
  std::memcpy(a.data.data(), v.data(), a.data.size());
  EXPECT_TRUE(WriteNpy(path.string(), a).ok());
  return path.string();
}

TEST_F(RunCommandTest, WritesOutputsAndPrintsASummary) {
  WriteSample();
  CliRun run = Run({"run", sample_, "--random", "--output-dir", (dir_ / "out").string(), "--threads", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("output 0 probabilities FLOAT32[1, 10]"), std::string::npos) << run.out;
  Result<NpyArray> out = ReadNpy((dir_ / "out" / "output_0.npy").string());
  ASSERT_TRUE(out.ok()) << out.status().message();
  const float* p = reinterpret_cast<const float*>(out->data.data());
  float sum = 0;
  for (int i = 0; i < 10; ++i) sum += p[i];
  EXPECT_NEAR(sum, 1.0f, 1e-5f);  // a softmax
}

TEST_F(RunCommandTest, RefusesAnInputOfTheWrongType) {
  WriteSample();
  NpyArray ints{tflite::TensorType_INT32, {1, 32, 32, 3}, std::vector<uint8_t>(32 * 32 * 3 * 4)};
  ASSERT_TRUE(WriteNpy((dir_ / "ints.npy").string(), ints).ok());
  CliRun run = Run({"run", sample_, "--input", "input=" + (dir_ / "ints.npy").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("holds INT32 but input 'input' is FLOAT32"), std::string::npos) << run.err;
}

TEST_F(RunCommandTest, RefusesAnInputOfTheWrongShape) {
  WriteSample();
  const std::string npy = WriteFloats(dir_ / "small.npy", {1, 32, 32, 2}, 0.5f);
  CliRun run = Run({"run", sample_, "--input", "input=" + npy});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cannot resize input 0 (input) to [1, 32, 32, 2]"), std::string::npos) << run.err;
}

TEST_F(RunCommandTest, RefusesAnUnknownInputName) {
  WriteSample();
  const std::string npy = WriteFloats(dir_ / "x.npy", {1, 32, 32, 3}, 0.5f);
  CliRun run = Run({"run", sample_, "--input", "pixels=" + npy});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no input named 'pixels' (inputs: input)"), std::string::npos) << run.err;
}

TEST_F(RunCommandTest, CountsNanInputs) {
  WriteSample();
  const std::string npy = WriteFloats(dir_ / "nan.npy", {1, 32, 32, 3}, std::numeric_limits<float>::quiet_NaN());
  CliRun run = Run({"run", sample_, "--input", "input=" + npy});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("NaN 3072 Inf 0"), std::string::npos) << run.out;
}

// Two --input files in model order (the seanet ADD test has two inputs): the output is the
// TFLite reference golden, bit for bit.
TEST_F(RunCommandTest, FeedsEveryInputInOrder) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path shared = *testing::SharedDir();
  const fs::path golden = shared / "golden" / "tflite" / "seanet" / "add" / "add0";
  CliRun run = Run({"run", (shared / "models" / "tflite" / "seanet" / "add" / "add0.tflite").string(), "--input",
                    (golden / "input_0.npy").string(), "--input", (golden / "input_1.npy").string(), "--output-dir",
                    dir_.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(testing::ReadFile(dir_ / "output_0.npy"), testing::ReadFile(golden / "golden_csv" / "output_0.npy"));
}

TEST_F(RunCommandTest, BenchPrintsTheProfile) {
  WriteSample();
  CliRun run = Run({"bench", sample_, "--warmup", "1", "--runs", "3", "--profile"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part : {"latency ms: min", "CONV_2D", "SOFTMAX", "GFLOP/s", "total (sum of nodes)"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << "missing \"" << part << "\" in\n" << run.out;
  }
}

}  // namespace
}  // namespace litescope
