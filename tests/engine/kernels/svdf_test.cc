#include <gtest/gtest.h>

#include "tests/engine/kernels/lstm_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: VariableInput and the harness
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_SVDF;

tflite::BuiltinOptionsUnion Svdf(int rank, tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::SVDFOptionsT o;
  o.rank = rank;
  o.fused_activation_function = act;
  return Options(o);
}

struct SvdfGeometry {
  int batch, input, filters, memory, rank;
  bool bias;
  tflite::ActivationFunctionType act;
};

std::unique_ptr<OpCase> SvdfCase(const std::string& name, const SvdfGeometry& g, uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, kOp, Svdf(g.rank, g.act));
  auto random = [&](Shape shape) {
    return RandomFloats(static_cast<size_t>(ElementCount(shape)), seed++);
  };
  c->Input<float>(TensorType_FLOAT32, {g.batch, g.input}, random({g.batch, g.input}));
  c->ConstInput<float>(TensorType_FLOAT32, {g.filters, g.input}, random({g.filters, g.input}));
  c->ConstInput<float>(TensorType_FLOAT32, {g.filters, g.memory}, random({g.filters, g.memory}));
  const int units = g.filters / g.rank;
  if (g.bias) c->ConstInput<float>(TensorType_FLOAT32, {units}, random({units}));
  else c->OmittedInput();
  VariableInput(*c, {g.batch, g.filters * g.memory});
  c->Output(TensorType_FLOAT32, {g.batch, units});
  return c;
}

TEST(Svdf, HandComputedFirstStep) {
  // State starts at 0; the newest memory slot of each filter gets weights_feature . x.
  // filter 0: 2 * 3 = 6, filter 1: -1 * 3 = -3; rank 2 sums both into one unit:
  // 10 * 6 + 1 * -3 (weights_time on the newest slot) + bias 0.5 = 57.5.
  OpCase c("hand", kOp, Svdf(2));
  c.Input<float>(TensorType_FLOAT32, {1, 1}, {3});
  c.ConstInput<float>(TensorType_FLOAT32, {2, 1}, {2, -1});
  c.ConstInput<float>(TensorType_FLOAT32, {2, 2}, {100, 10, 100, 1});
  c.ConstInput<float>(TensorType_FLOAT32, {1}, {0.5f});
  VariableInput(c, {1, 4});
  c.Output(TensorType_FLOAT32, {1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{57.5f}));
}

TEST(Svdf, PrepareRejectsBadInputs) {
  auto bad_rank = SvdfCase("rank", {1, 3, 4, 2, 3, false, tflite::ActivationFunctionType_NONE}, 1);
  Result<std::vector<NpyArray>> out = bad_rank->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("rank 3 must be >= 1 and divide the 4 filters"), std::string::npos)
      << out.status().message();

  auto not_var = SvdfCase("not_variable", {1, 3, 4, 2, 2, false, tflite::ActivationFunctionType_NONE}, 1);
  for (auto& t : not_var->builder().model().subgraphs[0]->tensors) {
    if (t->name == "input_4") t->is_variable = false;
  }
  out = not_var->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("input 4 (activation state) must be a variable tensor"), std::string::npos)
      << out.status().message();

  auto bad_state = SvdfCase("state_shape", {2, 3, 4, 2, 2, false, tflite::ActivationFunctionType_NONE}, 1);
  for (auto& t : bad_state->builder().model().subgraphs[0]->tensors) {
    if (t->name == "input_4") t->shape = {2, 7};
  }
  out = bad_state->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("input 4 (activation state) has shape [2, 7]; 16 values expected"),
            std::string::npos)
      << out.status().message();
}

TEST(Svdf, MatchesTfliteOnRandomCases) {
  const SvdfGeometry geometries[] = {
      {1, 4, 3, 5, 1, true, tflite::ActivationFunctionType_NONE},
      {2, 5, 8, 3, 2, true, tflite::ActivationFunctionType_RELU},
      {3, 3, 6, 4, 3, false, tflite::ActivationFunctionType_RELU6},
      {2, 7, 4, 1, 4, true, tflite::ActivationFunctionType_TANH},
      {4, 2, 5, 6, 1, true, tflite::ActivationFunctionType_RELU_N1_TO_1},
  };
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1300;
  for (const SvdfGeometry& g : geometries) {
    cases.push_back(SvdfCase("svdf_" + std::to_string(cases.size()), g, seed));
    seed += 10;
  }
  ExpectLstmCasesMatchTflite(cases, 1e-5);
}

// TFLite's integer SVDF: INT8 input and output, INT8 weights_feature, INT16 weights_time and
// state, INT32 bias. One invoke from a zeroed state, as the oracle runs it.
std::unique_ptr<OpCase> IntegerSvdfCase(const std::string& name, const SvdfGeometry& g, uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, kOp, Svdf(g.rank, g.act));
  const int units = g.filters / g.rank;
  const float state_scale = 2e-4f, wt_scale = 2e-5f;
  c->Input<int8_t>(tflite::TensorType_INT8, {g.batch, g.input},
                   RandomInts<int8_t>(static_cast<size_t>(g.batch * g.input), seed, -128, 127), PerTensor(0.02f, 3));
  c->ConstInput<int8_t>(tflite::TensorType_INT8, {g.filters, g.input},
                        RandomInts<int8_t>(static_cast<size_t>(g.filters * g.input), seed + 1, -127, 127),
                        PerTensor(0.01f, 0));
  c->ConstInput<int16_t>(tflite::TensorType_INT16, {g.filters, g.memory},
                         RandomInts<int16_t>(static_cast<size_t>(g.filters * g.memory), seed + 2, -32767, 32767),
                         PerTensor(wt_scale, 0));
  if (g.bias) {
    c->ConstInput<int32_t>(tflite::TensorType_INT32, {units}, RandomInts<int32_t>(static_cast<size_t>(units), seed + 3, -40000, 40000),
                           PerTensor(state_scale * wt_scale, 0));
  } else {
    c->OmittedInput();
  }
  const int state = c->ConstInput<int16_t>(tflite::TensorType_INT16, {g.batch, g.filters * g.memory}, {},
                                           PerTensor(state_scale, 0));
  c->builder().model().subgraphs[0]->tensors[static_cast<size_t>(state)]->is_variable = true;
  c->Output(tflite::TensorType_INT8, {g.batch, units}, PerTensor(0.02f, -2));
  return c;
}

TEST(Svdf, IntegerMatchesTflite) {
  const SvdfGeometry geometries[] = {
      {1, 96, 64, 8, 1, true, tflite::ActivationFunctionType_RELU},
      {2, 16, 32, 4, 2, true, tflite::ActivationFunctionType_RELU},
      {3, 7, 6, 5, 3, false, tflite::ActivationFunctionType_RELU},
      {1, 32, 8, 32, 1, true, tflite::ActivationFunctionType_RELU},
  };
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1400;
  for (const SvdfGeometry& g : geometries) {
    cases.push_back(IntegerSvdfCase("svdf_int8_" + std::to_string(cases.size()), g, seed));
    seed += 10;
  }
  ExpectMatchesTflite(cases, 0);

  auto none = IntegerSvdfCase("none", {1, 4, 2, 3, 1, true, tflite::ActivationFunctionType_NONE}, 1);
  Result<std::vector<NpyArray>> out = none->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("integer SVDF runs only with the fused activation RELU"), std::string::npos);
}

}  // namespace
}  // namespace litescope
