// Hybrid (dynamic-range) CONV_2D: FLOAT32 input, INT8 filter with per-tensor or per-channel scales,
// FLOAT32 bias and output, against real TFLite; and the prepare errors for bad filter scales.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/kernels/internal/hybrid_conv.h"
#include "tests/support/op_case.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::RandomFloats;
using testing::RandomInts;
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT8;

tflite::BuiltinOptionsUnion Conv(tflite::Padding padding, int stride, int dil, tflite::ActivationFunctionType act) {
  tflite::Conv2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.dilation_h_factor = o.dilation_w_factor = dil;
  o.fused_activation_function = act;
  return Options(o);
}

// A hybrid conv with random data: `scales` holds the filter's scales (1 or out_c of them).
std::unique_ptr<OpCase> HybridCase(const std::string& name, Shape in, Shape filter, tflite::Padding padding,
                                   int stride, int dil, tflite::ActivationFunctionType act, std::vector<float> scales,
                                   uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, tflite::BuiltinOperator_CONV_2D, Conv(padding, stride, dil, act));
  c->Input<float>(TensorType_FLOAT32, in, RandomFloats(static_cast<size_t>(ElementCount(in)), seed, -2.0f, 1.5f));
  const std::vector<int64_t> zero_points(scales.size(), 0);
  c->ConstInput<int8_t>(TensorType_INT8, filter,
                        RandomInts<int8_t>(static_cast<size_t>(ElementCount(filter)), seed + 1, -127, 127),
                        {.scale = std::move(scales), .zero_point = zero_points});
  c->ConstInput<float>(TensorType_FLOAT32, {filter[0]}, RandomFloats(static_cast<size_t>(filter[0]), seed + 2));
  // The declared output shape, computed here independently of the kernel.
  auto out_size = [&](int size, int k) {
    const int eff = (k - 1) * dil + 1;
    return padding == tflite::Padding_SAME ? (size + stride - 1) / stride : (size - eff + stride) / stride;
  };
  c->Output(TensorType_FLOAT32, {in[0], out_size(in[1], filter[1]), out_size(in[2], filter[2]), filter[0]});
  return c;
}

std::vector<float> ChannelScales(int n, uint32_t seed) {
  return RandomFloats(static_cast<size_t>(n), seed, 0.002f, 0.03f);
}

TEST(HybridConv2D, SymmetricQuantizationRoundsHalfAwayFromZero) {
  // max|x| = 127: scale 1, so 0.5 -> 1 and -1.5 -> -2.
  const std::vector<float> x = {0.5f, -1.5f, 127.0f, -50.4f, 0.0f};
  std::vector<int8_t> q(x.size());
  InputQuantization iq = SymmetricQuantize(x, q.data());
  EXPECT_EQ(iq.scale, 1.0f);
  EXPECT_EQ(iq.offset, 0);
  EXPECT_EQ(q, (std::vector<int8_t>{1, -2, 127, -50, 0}));
}

TEST(HybridConv2D, AsymmetricQuantizationCoversZero) {
  // Range [0, 2.55] (0 is always inside): scale 0.01, zero point -128.
  const std::vector<float> x = {0.5f, 2.55f, 1.0f};
  std::vector<int8_t> q(x.size());
  InputQuantization iq = AsymmetricQuantize(x, q.data());
  EXPECT_FLOAT_EQ(iq.scale, 0.01f);
  EXPECT_EQ(iq.offset, -128);
  EXPECT_EQ(q, (std::vector<int8_t>{-78, 127, -28}));
  // All zeros: scale 1, offset 0, zeros.
  const std::vector<float> zeros(4, 0.0f);
  q.assign(zeros.size(), 1);
  iq = AsymmetricQuantize(zeros, q.data());
  EXPECT_EQ(iq.scale, 1.0f);
  EXPECT_EQ(iq.offset, 0);
  EXPECT_EQ(q, std::vector<int8_t>(4, 0));
}

TEST(HybridConv2D, MatchesTfliteOnRandomCases) {
  using tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
      tflite::ActivationFunctionType_RELU6, tflite::Padding_SAME, tflite::Padding_VALID;
  std::vector<std::unique_ptr<OpCase>> owned;
  // Per-tensor scale (symmetric input quantization).
  owned.push_back(HybridCase("pt_same", {1, 7, 9, 3}, {5, 3, 3, 3}, Padding_SAME, 1, 1, ActivationFunctionType_NONE,
                             {0.01f}, 10));
  owned.push_back(HybridCase("pt_valid_s2_b2", {2, 8, 8, 4}, {6, 3, 3, 4}, Padding_VALID, 2, 1,
                             ActivationFunctionType_RELU, {0.02f}, 20));
  owned.push_back(HybridCase("pt_same_d2", {1, 9, 9, 3}, {4, 3, 3, 3}, Padding_SAME, 1, 2,
                             ActivationFunctionType_RELU6, {0.005f}, 30));
  owned.push_back(HybridCase("pt_pointwise_b2", {2, 5, 5, 8}, {16, 1, 1, 8}, Padding_VALID, 1, 1,
                             ActivationFunctionType_NONE, {0.0123f}, 40));
  // Per-channel scales (asymmetric input quantization with an offset).
  owned.push_back(HybridCase("pc_same", {1, 7, 9, 3}, {5, 3, 3, 3}, Padding_SAME, 1, 1, ActivationFunctionType_NONE,
                             ChannelScales(5, 50), 50));
  owned.push_back(HybridCase("pc_same_s2_b2", {2, 8, 8, 4}, {6, 3, 3, 4}, Padding_SAME, 2, 1,
                             ActivationFunctionType_RELU, ChannelScales(6, 60), 60));
  owned.push_back(HybridCase("pc_valid_d2", {1, 9, 9, 3}, {4, 3, 3, 3}, Padding_VALID, 1, 2,
                             ActivationFunctionType_RELU6, ChannelScales(4, 70), 70));
  owned.push_back(HybridCase("pc_same_d2_b2", {2, 9, 8, 2}, {3, 3, 2, 2}, Padding_SAME, 1, 2,
                             ActivationFunctionType_NONE, ChannelScales(3, 80), 80));
  owned.push_back(HybridCase("pc_pointwise", {1, 5, 5, 8}, {16, 1, 1, 8}, Padding_VALID, 1, 1,
                             ActivationFunctionType_NONE, ChannelScales(16, 90), 90));
  std::vector<OpCase*> all;
  for (auto& c : owned) {
    Result<std::vector<NpyArray>> out = c->RunOurs();
    ASSERT_TRUE(out.ok()) << c->name() << ": " << out.status().message();
    all.push_back(c.get());
  }
  testing::ExpectMatchesTflite(all, 1e-6);  // bit-exact today
}

// Several scales, all equal, take the per-tensor (symmetric) path, as in TFLite, which picks its
// per-channel path only when the scales differ. Not compared with TFLite: its per-tensor hybrid
// kernel multiplies by the tensor's legacy single scale, which is 0 for a tensor with several scales,
// so it outputs the bias alone (max diff 8.1 on this case).
TEST(HybridConv2D, EqualChannelScalesRunThePerTensorPath) {
  auto run = [](std::vector<float> scales) {
    return HybridCase("equal", {1, 6, 6, 3}, {4, 3, 3, 3}, tflite::Padding_SAME, 1, 1,
                      tflite::ActivationFunctionType_NONE, std::move(scales), 100)
        ->RunOurs();
  };
  Result<std::vector<NpyArray>> equal = run(std::vector<float>(4, 0.01f));
  Result<std::vector<NpyArray>> single = run({0.01f});
  ASSERT_TRUE(equal.ok() && single.ok());
  EXPECT_EQ(testing::Values<float>((*equal)[0]), testing::Values<float>((*single)[0]));
}

// Runs a 1x1 hybrid conv from 3 to 2 channels with this filter quantization; returns the prepare error.
std::string PrepareError(std::vector<float> scales, std::vector<int64_t> zero_points = {}, int axis = 0) {
  OpCase c("bad", tflite::BuiltinOperator_CONV_2D,
           Conv(tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_NONE));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 3}, RandomFloats(12, 1));
  if (zero_points.empty()) zero_points.assign(scales.size(), 0);
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1, 1, 3}, RandomInts<int8_t>(6, 2, -127, 127),
                       {.scale = std::move(scales), .zero_point = std::move(zero_points), .quantized_dimension = axis});
  c.ConstInput<float>(TensorType_FLOAT32, {2}, RandomFloats(2, 3));
  c.Output(TensorType_FLOAT32, {1, 2, 2, 2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(HybridConv2D, RejectsBadFilterQuantization) {
  auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << error;
  };
  // 3 scales along the input channels (the model loader accepts them: that dimension has 3).
  expect_error(PrepareError({0.1f, 0.2f, 0.3f}, {}, 3), "has 3 scales for 2 output channels; 1 or 2 expected");
  expect_error(PrepareError({0.1f, 0.0f}), "filter scale 1 is 0.000000; a finite value > 0 expected");
  expect_error(PrepareError({std::numeric_limits<float>::infinity()}), "a finite value > 0 expected");
  expect_error(PrepareError({0.1f}, {3}), "zero points 0");
}

}  // namespace
}  // namespace litescope
