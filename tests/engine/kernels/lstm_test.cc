#include <cmath>

#include "tests/engine/kernels/lstm_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared LSTM helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_LSTM;

tflite::BuiltinOptionsUnion Lstm(float cell_clip = 0, float proj_clip = 0,
                                 tflite::LSTMKernelType kernel = tflite::LSTMKernelType_FULL) {
  tflite::LSTMOptionsT o;
  o.fused_activation_function = tflite::ActivationFunctionType_TANH;
  o.cell_clip = cell_clip;
  o.proj_clip = proj_clip;
  o.kernel_type = kernel;
  return Options(o);
}

TEST(Lstm, HandComputedCifgStep) {
  // CIFG (no input gate), one cell: f = sigmoid(0) = 1/2 so i = 1 - f = 1/2; g = tanh(2 * 0.5 + 0.25);
  // c = 1/2 * g; o = sigmoid(0.5 * 1); h = o * tanh(c).
  OpCase c("hand", kOp, Lstm());
  c.Input<float>(TensorType_FLOAT32, {1, 1}, {0.5f});
  c.OmittedInput();
  for (float w : {0.0f, 2.0f, 1.0f}) c.ConstInput<float>(TensorType_FLOAT32, {1, 1}, {w});
  c.OmittedInput();
  for (int i = 0; i < 3; ++i) c.ConstInput<float>(TensorType_FLOAT32, {1, 1}, {0.0f});
  for (int i = 0; i < 3; ++i) c.OmittedInput();
  c.OmittedInput();
  for (float b : {0.0f, 0.25f, 0.0f}) c.ConstInput<float>(TensorType_FLOAT32, {1}, {b});
  c.OmittedInput();
  c.OmittedInput();
  VariableInput(c, {1, 1});
  VariableInput(c, {1, 1});
  c.Output(TensorType_FLOAT32, {1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  const float cell = 0.5f * std::tanh(1.25f);
  const float o = 1.0f / (1.0f + std::exp(-0.5f));
  EXPECT_NEAR(Values<float>((*out)[0])[0], o * std::tanh(cell), 1e-6);
}

TEST(Lstm, RefusesTheBasicKernelType) {
  auto full = LstmCase("basic24", kOp, Lstm(0, 0, tflite::LSTMKernelType_BASIC), LstmConfig{1, 2, 3, 4, 4}, false, 1);
  Result<std::vector<NpyArray>> out = full->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("the BASIC LSTM kernel type is not implemented"), std::string::npos)
      << out.status().message();
}

TEST(Lstm, RejectsProjectionBiasWithoutWeights) {
  LstmConfig g{1, 2, 3, 4, 4};
  g.proj_bias = true;
  auto c = LstmCase("proj_bias", kOp, Lstm(), g, false, 1);
  Result<std::vector<NpyArray>> out = c->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("a projection bias (input 17) needs projection weights"), std::string::npos)
      << out.status().message();
}

TEST(Lstm, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1100;
  for (const LstmConfig& g : LstmConfigs()) {
    cases.push_back(LstmCase("lstm_" + std::to_string(cases.size()), kOp, Lstm(g.cell_clip, g.proj_clip), g, false, seed));
    seed += 100;
  }
  ExpectLstmCasesMatchTflite(cases, 1e-5);
}

}  // namespace
}  // namespace litescope
