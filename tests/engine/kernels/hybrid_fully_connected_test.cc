// Hybrid FULLY_CONNECTED (FLOAT32 activations, INT8 weights): a value worked out by hand, random
// cases against real TFLite (its builtin hybrid kernel) with symmetric and asymmetric run-time
// input quantization, and the prepare errors.
#include <gtest/gtest.h>

#include <memory>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32, tflite::TensorType_INT8;

tflite::BuiltinOptionsUnion HybridFc(tflite::ActivationFunctionType act, bool asymmetric) {
  tflite::FullyConnectedOptionsT o;
  o.fused_activation_function = act;
  o.asymmetric_quantize_inputs = asymmetric;
  return Options(o);
}

TEST(HybridFullyConnected, ByHand) {
  // x = [1.27, -0.6]: max |x| = 1.27, scale 0.01, q = [127, -60].
  // Weights [2, -1] with scale 0.5: dot = 254 + 60 = 314 -> 314 * 0.01 * 0.5 = 1.57, + bias 0.25.
  OpCase c("hand", tflite::BuiltinOperator_FULLY_CONNECTED, HybridFc(tflite::ActivationFunctionType_NONE, false));
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {1.27f, -0.6f});
  c.ConstInput<int8_t>(TensorType_INT8, {1, 2}, {2, -1}, PerTensor(0.5f, 0));
  c.ConstInput<float>(TensorType_FLOAT32, {1}, {0.25f});
  c.Output(TensorType_FLOAT32, {1, 1});
  const std::vector<float> y = RunValues<float>(c);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_NEAR(y[0], 1.82f, 1e-5f);
}

TEST(HybridFullyConnected, MatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 700;
  for (bool asymmetric : {false, true}) {
    for (int batch : {1, 3}) {
      for (auto act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU}) {
        const int depth = 37, units = 11;
        auto c = std::make_unique<OpCase>("hybrid_" + std::to_string(owned.size()),
                                          tflite::BuiltinOperator_FULLY_CONNECTED, HybridFc(act, asymmetric));
        // Asymmetric rows are shifted so the run-time zero point is not 0.
        c->Input<float>(TensorType_FLOAT32, {batch, depth},
                        RandomFloats(static_cast<size_t>(batch * depth), seed++, asymmetric ? -0.5f : -2.0f, 2.0f));
        c->ConstInput<int8_t>(TensorType_INT8, {units, depth},
                              RandomInts<int8_t>(static_cast<size_t>(units * depth), seed++, -127, 127),
                              PerTensor(0.02f, 0));
        c->ConstInput<float>(TensorType_FLOAT32, {units}, RandomFloats(static_cast<size_t>(units), seed++));
        c->Output(TensorType_FLOAT32, {batch, units});
        owned.push_back(std::move(c));
      }
    }
  }
  std::vector<OpCase*> all;
  for (const auto& c : owned) all.push_back(c.get());
  ExpectMatchesTflite(all, 1e-6);
}

TEST(HybridFullyConnected, RejectsPerChannelAndAsymmetricWeights) {
  auto prepare = [](const QuantParams& wq) {
    OpCase c("bad", tflite::BuiltinOperator_FULLY_CONNECTED, HybridFc(tflite::ActivationFunctionType_NONE, false));
    c.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
    c.ConstInput<int8_t>(TensorType_INT8, {2, 2}, {1, 2, 3, 4}, wq);
    c.OmittedInput();
    c.Output(TensorType_FLOAT32, {1, 2});
    Result<std::vector<NpyArray>> out = c.RunOurs();
    return out.ok() ? std::string() : out.status().message();
  };
  EXPECT_NE(prepare({.scale = {0.1f, 0.2f}, .zero_point = {0, 0}}).find("per-channel hybrid weights"),
            std::string::npos);
  EXPECT_NE(prepare(PerTensor(0.1f, 4)).find("must have zero point 0"), std::string::npos);
  EXPECT_NE(prepare(PerTensor(0.0f, 0)).find("a finite value > 0 expected"), std::string::npos);
}

}  // namespace
}  // namespace litescope::testing
