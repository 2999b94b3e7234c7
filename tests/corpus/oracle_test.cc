// Models written by our ModelBuilder must load and run in real TensorFlow Lite (the WebAssembly
// build behind ../shared/oracle), and our interpreter must agree with it. Skips with a message
// when Node.js or the oracle's npm packages are not set up (../shared/oracle/setup.sh).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

TEST(Oracle, SampleClassifierRunsInRealTfliteAndMatches) {
  std::optional<std::filesystem::path> script = testing::TfliteOracleScript();
  if (!script) GTEST_SKIP() << "Node.js or the TFLite oracle is not set up (run ../shared/oracle/setup.sh)";
  std::filesystem::path dir = testing::TempDir("oracle_sample");
  ASSERT_TRUE(SampleClassifier().WriteFile((dir / "sample.tflite").string()).ok());

  NpyArray input{tflite::TensorType_FLOAT32, {1, 32, 32, 3}, {}};
  std::vector<float> values(32 * 32 * 3);
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> u(-1, 1);
  for (float& v : values) v = u(rng);
  input.data.resize(values.size() * 4);
  std::memcpy(input.data.data(), values.data(), input.data.size());
  ASSERT_TRUE(WriteNpy((dir / "input_0.npy").string(), input).ok());

  std::string cmd = "node " + script->string() + " " + (dir / "sample.tflite").string() + " --inputs " +
                    (dir / "input_0.npy").string() + " --outdir " + (dir / "tflite").string() + " > " +
                    (dir / "log.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "the oracle failed: see " << (dir / "log.txt");
  Result<NpyArray> expected = ReadNpy((dir / "tflite" / "output_0.npy").string());
  ASSERT_TRUE(expected.ok()) << expected.status().message();

  Result<std::unique_ptr<Model>> model = Model::Load((dir / "sample.tflite").string());
  ASSERT_TRUE(model.ok());
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**model, BuiltinOps());
  ASSERT_TRUE(it.ok()) << it.status().message();
  std::memcpy((*it)->input(0)->raw(), values.data(), input.data.size());
  ASSERT_TRUE((*it)->Invoke().ok());
  const float* ours = (*it)->output(0)->data<float>();
  const float* theirs = reinterpret_cast<const float*>(expected->data.data());
  ASSERT_EQ(expected->shape, (std::vector<int32_t>{1, 10}));
  for (int i = 0; i < 10; ++i) EXPECT_NEAR(ours[i], theirs[i], 1e-4f * std::fabs(theirs[i]) + 1e-7f) << i;
}

}  // namespace
}  // namespace litescope
