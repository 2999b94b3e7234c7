// Hybrid (dynamic-range) DEPTHWISE_CONV_2D: FLOAT32 input, INT8 filter with per-channel (dimension 3)
// or per-tensor scales, FLOAT32 bias and output: a value worked out by hand, random cases against
// real TFLite (its builtin EvalHybridPerChannel), and the prepare errors.
#include <gtest/gtest.h>

#include <limits>
#include <memory>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::ActivationFunctionType, tflite::Padding, tflite::TensorType_FLOAT32, tflite::TensorType_INT8;

tflite::BuiltinOptionsUnion Depthwise(Padding padding, int stride, int dil, int multiplier,
                                      ActivationFunctionType act) {
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.dilation_h_factor = o.dilation_w_factor = dil;
  o.depth_multiplier = multiplier;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(HybridDepthwiseConv2D, ByHand) {
  // Input [0, 2.55]: range [0, 2.55], scale 0.01, offset -128, q = [-128, 127].
  //   channel 0: 2 * (-128 + 128) = 0 -> 0 + bias 0.1
  //   channel 1: -3 * (127 + 128) = -765 -> -765 * 0.01 * 0.25 = -1.9125, + bias -0.2 = -2.1125
  OpCase c("hand", tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
           Depthwise(tflite::Padding_VALID, 1, 1, 1, tflite::ActivationFunctionType_NONE));
  c.Input<float>(TensorType_FLOAT32, {1, 1, 1, 2}, {0.0f, 2.55f});
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 1, 2}, {2, -3},
                       {.scale = {0.5f, 0.25f}, .zero_point = {0, 0}, .quantized_dimension = 3});
  c.ConstInput<float>(TensorType_FLOAT32, {2}, {0.1f, -0.2f});
  c.Output(TensorType_FLOAT32, {1, 1, 1, 2});
  const std::vector<float> y = RunValues<float>(c);
  ASSERT_EQ(y.size(), 2u);
  EXPECT_NEAR(y[0], 0.1f, 1e-6f);
  EXPECT_NEAR(y[1], -2.1125f, 1e-5f);
}

struct Spec {
  const char* name;
  Shape in;
  int k, multiplier;
  Padding padding;
  int stride, dil;
  ActivationFunctionType act;
  bool per_channel;
};

std::unique_ptr<OpCase> HybridCase(const Spec& s, uint32_t seed) {
  const int out_c = s.in[3] * s.multiplier;
  auto c = std::make_unique<OpCase>(s.name, tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
                                    Depthwise(s.padding, s.stride, s.dil, s.multiplier, s.act));
  c->Input<float>(TensorType_FLOAT32, s.in, RandomFloats(static_cast<size_t>(ElementCount(s.in)), seed, -1.2f, 2.0f));
  const Shape filter{1, s.k, s.k, out_c};
  std::vector<float> scales = s.per_channel ? RandomFloats(static_cast<size_t>(out_c), seed + 1, 0.002f, 0.03f)
                                            : std::vector<float>{0.0123f};
  const std::vector<int64_t> zero_points(scales.size(), 0);
  c->ConstInput<int8_t>(TensorType_INT8, filter,
                        RandomInts<int8_t>(static_cast<size_t>(ElementCount(filter)), seed + 2, -127, 127),
                        {.scale = std::move(scales),
                         .zero_point = zero_points,
                         .quantized_dimension = s.per_channel ? 3 : 0});
  c->ConstInput<float>(TensorType_FLOAT32, {out_c}, RandomFloats(static_cast<size_t>(out_c), seed + 3));
  // The declared output shape, computed here independently of the kernel.
  auto out_size = [&](int size) {
    const int eff = (s.k - 1) * s.dil + 1;
    return s.padding == tflite::Padding_SAME ? (size + s.stride - 1) / s.stride : (size - eff + s.stride) / s.stride;
  };
  c->Output(TensorType_FLOAT32, {s.in[0], out_size(s.in[1]), out_size(s.in[2]), out_c});
  return c;
}

TEST(HybridDepthwiseConv2D, MatchesTflite) {
  using tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
      tflite::ActivationFunctionType_RELU6, tflite::Padding_SAME, tflite::Padding_VALID;
  const Spec specs[] = {
      {"pc_same_3x3", {1, 7, 9, 4}, 3, 1, Padding_SAME, 1, 1, ActivationFunctionType_NONE, true},
      {"pc_valid_s2_b2", {2, 8, 8, 3}, 3, 1, Padding_VALID, 2, 1, ActivationFunctionType_RELU, true},
      {"pc_same_d2_m2", {1, 9, 9, 3}, 3, 2, Padding_SAME, 1, 2, ActivationFunctionType_RELU6, true},
      {"pc_same_5x5_m3_b3", {3, 6, 7, 2}, 5, 3, Padding_SAME, 1, 1, ActivationFunctionType_NONE, true},
      {"pc_valid_1x1_m4", {1, 4, 5, 5}, 1, 4, Padding_VALID, 1, 1, ActivationFunctionType_NONE, true},
      {"pc_same_s2_wide", {1, 6, 6, 40}, 3, 1, Padding_SAME, 2, 1, ActivationFunctionType_RELU, true},
      // One scale and one output channel: the only per-tensor filter TFLite reads correctly.
      {"pt_single_channel_b2", {2, 6, 5, 1}, 3, 1, Padding_SAME, 1, 1, ActivationFunctionType_NONE, false},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 1500;
  for (const Spec& s : specs) {
    owned.push_back(HybridCase(s, seed));
    seed += 4;
  }
  ExpectRunsAndMatchesTflite(owned, 1e-6);  // bit-exact today (checked with tolerance 0)
}

// One filter scale stands for every channel. Not compared with TFLite: its kernel indexes the
// scale array by output channel, reading past a one-element array.
TEST(HybridDepthwiseConv2D, OneScaleServesEveryChannel) {
  auto run = [](bool per_channel) {
    OpCase c("one_scale", tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
             Depthwise(tflite::Padding_SAME, 1, 1, 2, tflite::ActivationFunctionType_NONE));
    c.Input<float>(TensorType_FLOAT32, {1, 5, 5, 3}, RandomFloats(75, 1, -1.0f, 2.0f));
    const QuantParams q = per_channel
                              ? QuantParams{.scale = std::vector<float>(6, 0.02f),
                                            .zero_point = std::vector<int64_t>(6, 0),
                                            .quantized_dimension = 3}
                              : PerTensor(0.02f, 0);
    c.ConstInput<int8_t>(TensorType_INT8, {1, 3, 3, 6}, RandomInts<int8_t>(54, 2, -127, 127), q);
    c.ConstInput<float>(TensorType_FLOAT32, {6}, RandomFloats(6, 3));
    c.Output(TensorType_FLOAT32, {1, 5, 5, 6});
    return RunValues<float>(c);
  };
  const std::vector<float> one = run(false);
  ASSERT_EQ(one.size(), 150u);
  EXPECT_EQ(one, run(true));
}

// A 1x4 hybrid depthwise conv of 2 input channels (multiplier 2: 4 output channels) with this filter
// quantization; returns the prepare error.
std::string PrepareError(std::vector<float> scales, std::vector<int64_t> zero_points = {}, int axis = 3,
                         int multiplier_option = 2) {
  OpCase c("bad", tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
           Depthwise(tflite::Padding_VALID, 1, 1, multiplier_option, tflite::ActivationFunctionType_NONE));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 4, 2}, RandomFloats(16, 1));
  if (zero_points.empty()) zero_points.assign(scales.size(), 0);
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 4, 4}, RandomInts<int8_t>(16, 2, -127, 127),
                       {.scale = std::move(scales), .zero_point = std::move(zero_points), .quantized_dimension = axis});
  c.ConstInput<float>(TensorType_FLOAT32, {4}, RandomFloats(4, 3));
  c.Output(TensorType_FLOAT32, {1, 2, 1, 4});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(HybridDepthwiseConv2D, RejectsBadFilterQuantization) {
  auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << "'" << error << "' lacks '" << part << "'";
  };
  EXPECT_EQ(PrepareError({0.1f, 0.2f, 0.3f, 0.4f}), "");
  // A scale count that fits no dimension is refused by the model loader before Prepare.
  expect_error(PrepareError({0.1f, 0.2f}), "has 2 per-channel scales but dimension 3 has size 4");
  // 4 scales along the kernel width (the model loader accepts them: that dimension has 4).
  expect_error(PrepareError({0.1f, 0.2f, 0.3f, 0.4f}, {}, 2), "scales must be along dimension 3, not 2");
  expect_error(PrepareError({0.1f, 0.0f, 0.3f, 0.4f}), "filter scale 1 is 0.000000; a finite value > 0 expected");
  expect_error(PrepareError({std::numeric_limits<float>::infinity()}, {}, 0), "a finite value > 0 expected");
  expect_error(PrepareError({0.1f}, {2}, 0), "zero points 0");
  expect_error(PrepareError({0.1f}, {}, 0, 1),
               "the depth_multiplier option is 1; the filter depth 4 / input depth 2 = 2 expected");
}

}  // namespace
}  // namespace litescope::testing
