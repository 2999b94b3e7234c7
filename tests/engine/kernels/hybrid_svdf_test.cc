// Hybrid SVDF (FLOAT32 input, state and bias; INT8 weights_feature and weights_time): a value
// worked out by hand, random cases of rank 1 and 2 against real TFLite's builtin hybrid kernel
// (symmetric and asymmetric run-time quantization), and the prepare errors.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/hybrid_lstm_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32, tflite::TensorType_INT8;
constexpr auto kOp = tflite::BuiltinOperator_SVDF;

tflite::BuiltinOptionsUnion Svdf(int rank, tflite::ActivationFunctionType act, bool asymmetric) {
  tflite::SVDFOptionsT o;
  o.rank = rank;
  o.fused_activation_function = act;
  o.asymmetric_quantize_inputs = asymmetric;
  return Options(o);
}

struct Geometry {
  int batch, input, filters, memory, rank;
  bool bias;
  tflite::ActivationFunctionType act;
};

std::unique_ptr<OpCase> HybridSvdfCase(const std::string& name, const Geometry& g, bool asymmetric, uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, kOp, Svdf(g.rank, g.act, asymmetric));
  const int units = g.filters / g.rank;
  // Asymmetric rows are shifted so the run-time zero point is not 0.
  c->Input<float>(TensorType_FLOAT32, {g.batch, g.input},
                  RandomFloats(static_cast<size_t>(g.batch * g.input), seed, asymmetric ? -0.4f : -1.0f, 1.5f));
  HybridWeights(*c, {g.filters, g.input}, seed + 1);
  HybridWeights(*c, {g.filters, g.memory}, seed + 2);
  if (g.bias) {
    c->ConstInput<float>(TensorType_FLOAT32, {units}, RandomFloats(static_cast<size_t>(units), seed + 3));
  } else {
    c->OmittedInput();
  }
  VariableInput(*c, {g.batch, g.filters * g.memory});
  c->Output(TensorType_FLOAT32, {g.batch, units});
  return c;
}

TEST(HybridSvdf, ByHand) {
  // x = [1.27, -0.6]: scale 0.01, q = [127, -60]. weights_feature [[2, -1], [1, 1]] at 0.5:
  // filter 0: (254 + 60) * 0.005 = 1.57, filter 1: 67 * 0.005 = 0.335. Rank 2, memory 1,
  // weights_time [4, -2] at 0.25 = [1, -0.5]: 1.57 - 0.1675 + bias 0.25 = 1.6525.
  OpCase c("hand", kOp, Svdf(2, tflite::ActivationFunctionType_NONE, false));
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {1.27f, -0.6f});
  c.ConstInput<int8_t>(TensorType_INT8, {2, 2}, {2, -1, 1, 1}, PerTensor(0.5f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1}, {4, -2}, PerTensor(0.25f, 0));
  c.ConstInput<float>(TensorType_FLOAT32, {1}, {0.25f});
  VariableInput(c, {1, 2});
  c.Output(TensorType_FLOAT32, {1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_NEAR(Values<float>((*out)[0])[0], 1.6525f, 1e-5f);
}

TEST(HybridSvdf, MatchesTflite) {
  const Geometry geometries[] = {
      {1, 4, 3, 5, 1, true, tflite::ActivationFunctionType_NONE},
      {2, 5, 8, 3, 2, true, tflite::ActivationFunctionType_RELU},
      {3, 33, 16, 10, 1, false, tflite::ActivationFunctionType_RELU6},
      {4, 20, 12, 4, 2, true, tflite::ActivationFunctionType_TANH},
  };
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 6100;
  for (bool asymmetric : {false, true}) {
    for (const Geometry& g : geometries) {
      cases.push_back(HybridSvdfCase("hybrid_svdf_" + std::to_string(cases.size()), g, asymmetric, seed));
      seed += 10;
    }
  }
  ExpectRunsAndMatchesTflite(cases, 1e-5);
}

TEST(HybridSvdf, PrepareRejectsBadWeights) {
  const Geometry g{2, 3, 4, 2, 2, true, tflite::ActivationFunctionType_NONE};
  auto with = [&](const std::string& tensor, const QuantParams& q) {
    auto c = HybridSvdfCase("bad", g, false, 1);
    SetQuant(*c, tensor, q);
    return PrepareError(*c);
  };
  EXPECT_NE(with("input_1", {.scale = {0.1f, 0.2f, 0.1f, 0.1f}, .zero_point = {0, 0, 0, 0}})
                .find("input 1 (weights_feature) has 4 scales; hybrid weights need one"),
            std::string::npos);
  EXPECT_NE(with("input_2", PerTensor(0.1f, -5)).find("input 2 (weights_time) has zero point -5"), std::string::npos);
  EXPECT_NE(with("input_2", PerTensor(INFINITY, 0)).find("a finite value > 0 expected"), std::string::npos);

  // TFLite reads weights_time as int8 in its hybrid kernel: a FLOAT32 one is refused.
  OpCase mixed("mixed", kOp, Svdf(1, tflite::ActivationFunctionType_NONE, false));
  mixed.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  mixed.ConstInput<int8_t>(TensorType_INT8, {1, 2}, {1, 2}, PerTensor(0.1f, 0));
  mixed.ConstInput<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  mixed.OmittedInput();
  VariableInput(mixed, {1, 2});
  mixed.Output(TensorType_FLOAT32, {1, 1});
  EXPECT_NE(PrepareError(mixed).find("input 2 (weights_time) is FLOAT32; hybrid weights must be INT8"),
            std::string::npos);

  // Weights fed at run time cannot have their row sums taken once.
  OpCase fed("fed", kOp, Svdf(1, tflite::ActivationFunctionType_NONE, false));
  fed.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  fed.Input<int8_t>(TensorType_INT8, {1, 2}, {1, 2}, PerTensor(0.1f, 0));
  fed.ConstInput<int8_t>(TensorType_INT8, {1, 2}, {1, 2}, PerTensor(0.1f, 0));
  fed.OmittedInput();
  VariableInput(fed, {1, 2});
  fed.Output(TensorType_FLOAT32, {1, 1});
  EXPECT_NE(PrepareError(fed).find("input 1 (weights_feature) must be constant"), std::string::npos);
}

}  // namespace
}  // namespace litescope::testing
