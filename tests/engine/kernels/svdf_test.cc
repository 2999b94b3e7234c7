#include <gtest/gtest.h>

#include "tests/engine/kernels/lstm_test_util.h"

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

}  // namespace
}  // namespace litescope
