// Quantized DEPTHWISE_CONV_2D (INT8 per-tensor and per-channel along dimension 3, UINT8, 16x8
// with an INT64 bias): values worked out by hand, random cases against real TFLite (16x8 exactly,
// INT8 and UINT8, which run in XNNPACK, within 1 LSB), and the prepare errors that differ from
// CONV_2D's.
#include <gtest/gtest.h>

#include <memory>

#include "engine/kernels/internal/padding.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_conv_test_util.h"

namespace litescope::testing {
namespace {

using tflite::ActivationFunctionType, tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT64,
    tflite::TensorType_INT8, tflite::TensorType_UINT8;

tflite::BuiltinOptionsUnion Depthwise(int multiplier, tflite::Padding padding = tflite::Padding_VALID, int stride = 1,
                                      int dilation = 1,
                                      ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.dilation_h_factor = o.dilation_w_factor = dilation;
  o.depth_multiplier = multiplier;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(QuantizedDepthwiseConv2D, PerChannelMultiplier2ByHand) {
  // Input 1x1x2x2: pixel 0 (2, -3), pixel 1 (4, 5); 1x2 filters, depth multiplier 2: output
  // channels 0, 1 read input channel 0, channels 2, 3 channel 1. Scales 1, 0.5, 1, 0.25 (dimension 3).
  //   oc 0 {1, -1}:  2*1 + 4*(-1) + bias 1 = -1
  //   oc 1 {2, 0}:   2*2 + 4*0 = 4 -> 2
  //   oc 2 {3, 1}:   -3*3 + 5*1 = -4
  //   oc 3 {4, 2}:   -3*4 + 5*2 = -2 -> -0.5 -> -1 (away from zero)
  OpCase c("per_channel", tflite::BuiltinOperator_DEPTHWISE_CONV_2D, Depthwise(2), 3);
  c.Input<int8_t>(TensorType_INT8, {1, 1, 2, 2}, {2, -3, 4, 5}, PerTensor(1.0f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 2, 4}, {1, 2, 3, 4, -1, 0, 1, 2},
                       {.scale = {1.0f, 0.5f, 1.0f, 0.25f}, .zero_point = {0, 0, 0, 0}, .quantized_dimension = 3});
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 0, 0, 0});
  c.Output(TensorType_INT8, {1, 1, 1, 4}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{-1, 2, -4, -1}));
}

TEST(QuantizedDepthwiseConv2D, Uint8ByHand) {
  // Zero points: input 10, filter 20, output 30; scales 1, 1, 4 -> multiplier 0.25.
  //   ch 0: (14-10)*(23-20) + (12-10)*(21-20) = 14 -> 3.5 -> 4 -> 34
  //   ch 1: (6-10)*(25-20) + (10-10)*(0-20) + bias -2 = -22 -> -5.5 -> -6 -> 24
  OpCase c("uint8", tflite::BuiltinOperator_DEPTHWISE_CONV_2D, Depthwise(1));
  c.Input<uint8_t>(TensorType_UINT8, {1, 1, 2, 2}, {14, 6, 12, 10}, PerTensor(1.0f, 10));
  c.ConstInput<uint8_t>(TensorType_UINT8, {1, 1, 2, 2}, {23, 25, 21, 0}, PerTensor(1.0f, 20));
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {0, -2}, PerTensor(1.0f, 0));
  c.Output(TensorType_UINT8, {1, 1, 1, 2}, PerTensor(4.0f, 30));
  EXPECT_EQ(RunValues<uint8_t>(c), (std::vector<uint8_t>{34, 24}));
}

TEST(QuantizedDepthwiseConv2D, Int16ByHand) {
  // Multiplier 0.25 on 1x1 filters {1, -1}, an INT64 bias of 0: inputs 22 and 22 give 5.5 -> 6 and
  // -5.5 -> -5 (the int64 requantization rounds ties up).
  OpCase c("int16", tflite::BuiltinOperator_DEPTHWISE_CONV_2D, Depthwise(1), 5);
  c.Input<int16_t>(TensorType_INT16, {1, 1, 1, 2}, {22, 22}, PerTensor(1.0f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 1, 2}, {1, -1}, PerTensor(0.25f, 0));
  c.ConstInput<int64_t>(TensorType_INT64, {2}, {0, 0}, PerTensor(0.25f, 0));
  c.Output(TensorType_INT16, {1, 1, 1, 2}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int16_t>(c), (std::vector<int16_t>{6, -5}));
}

struct DepthwiseSpec {
  std::string name;
  Shape input;  // NHWC
  int multiplier = 1, k_h = 3, k_w = 3, stride = 1, dilation = 1;
  tflite::Padding padding = tflite::Padding_SAME;
  ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  bool per_channel = true, bias = true;
};

std::unique_ptr<OpCase> RandomDepthwise(const ConvTypes& t, const DepthwiseSpec& s, uint32_t seed) {
  const int version = IsInt16(t) ? 5 : t.input == TensorType_INT8 ? 3 : 1;
  auto c = std::make_unique<OpCase>(std::string(t.name) + "_" + s.name, tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
                                    Depthwise(s.multiplier, s.padding, s.stride, s.dilation, s.act), version);
  const int out_c = s.input[3] * s.multiplier;
  const float in_scale = AddActivations(*c, t, s.input, seed);
  const QuantParams fq = FilterQuant(t, out_c, 3, s.per_channel && t.input != TensorType_UINT8, seed + 3);
  AddFilter(*c, t, {1, s.k_h, s.k_w, out_c}, fq, seed + 5);
  if (s.bias) AddBias(*c, t, out_c, in_scale, fq, seed + 6);  // TFLite refuses an omitted (-1) bias
  const int out_h = ComputeOutSize(s.padding, s.input[1], s.k_h, s.stride, s.dilation);
  const int out_w = ComputeOutSize(s.padding, s.input[2], s.k_w, s.stride, s.dilation);
  AddOutput(*c, t, {s.input[0], out_h, out_w, out_c}, in_scale * fq.scale[0] * SumSpread(t, s.k_h * s.k_w), seed + 7);
  return c;
}

std::vector<std::unique_ptr<OpCase>> RandomDepthwises(const ConvTypes& t) {
  using tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_RELU6, tflite::Padding_VALID;
  const DepthwiseSpec specs[] = {
      {.name = "same", .input = {1, 6, 6, 4}},
      {.name = "valid_s2", .input = {2, 7, 8, 3}, .stride = 2, .padding = Padding_VALID},
      {.name = "mult3", .input = {1, 5, 5, 2}, .multiplier = 3, .act = ActivationFunctionType_RELU},
      {.name = "dilated", .input = {1, 8, 8, 3}, .k_h = 2, .k_w = 3, .dilation = 2,
       .act = ActivationFunctionType_RELU6},
      {.name = "per_tensor", .input = {1, 5, 6, 5}, .per_channel = false},
      {.name = "nobias", .input = {1, 4, 4, 8}, .multiplier = 2, .stride = 2, .bias = false},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 500;
  for (const DepthwiseSpec& s : specs) {
    for (int rep = 0; rep < 3; ++rep, seed += 10) {
      DepthwiseSpec named = s;
      named.name += "_" + std::to_string(rep);
      owned.push_back(RandomDepthwise(t, named, seed));
    }
  }
  return owned;
}

TEST(QuantizedDepthwiseConv2D, Int16MatchesTfliteExactly) { ExpectMatchesTflite(RandomDepthwises(k16x8), 0); }
TEST(QuantizedDepthwiseConv2D, Int8MatchesTfliteWithin1Lsb) { ExpectMatchesTflite(RandomDepthwises(kConvInt8), 1); }
TEST(QuantizedDepthwiseConv2D, Uint8MatchesTfliteWithin1Lsb) { ExpectMatchesTflite(RandomDepthwises(kConvUint8), 1); }

// A 1x1 depthwise convolution of a [1, 1, 1, 2] input; returns the prepare error ("" if none).
std::string PrepareError(const ConvTypes& t, const QuantParams& filter) {
  OpCase c("bad", tflite::BuiltinOperator_DEPTHWISE_CONV_2D, Depthwise(1));
  c.Input<int16_t>(t.input, {1, 1, 1, 2}, {1, 2}, PerTensor(0.5f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 1, 2}, {1, 2}, filter);
  if (t.bias == TensorType_INT64) {
    c.ConstInput<int64_t>(t.bias, {2}, {0, 0}, PerTensor(0.05f, 0));
  } else {
    c.ConstInput<int32_t>(t.bias, {2}, {0, 0}, PerTensor(0.05f, 0));
  }
  c.Output(t.input, {1, 1, 1, 2}, PerTensor(1.0f, 0));
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(QuantizedDepthwiseConv2D, RejectsBadQuantization) {
  const QuantParams per_channel{.scale = {0.1f, 0.2f}, .zero_point = {0, 0}, .quantized_dimension = 3};
  EXPECT_EQ(PrepareError(k16x8, per_channel), "");
  // TFLite's 16x8 DEPTHWISE_CONV_2D takes only an INT64 bias.
  const std::string error = PrepareError(k16x8Bias32, per_channel);
  EXPECT_NE(error.find("the bias of a INT16 input is INT32; INT64 expected"), std::string::npos) << error;
  QuantParams axis0 = per_channel;
  axis0.quantized_dimension = 0;
  // The model loader already refuses scales along dimension 0 (of size 1).
  const std::string axis_error = PrepareError(k16x8, axis0);
  EXPECT_NE(axis_error.find("has 2 per-channel scales but dimension 0 has size 1"), std::string::npos) << axis_error;
}

}  // namespace
}  // namespace litescope::testing
