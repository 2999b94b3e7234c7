// Quantized TRANSPOSE_CONV (INT8 per-tensor and per-channel, 16x8 with an optional INT64 bias):
// values worked out by hand, random cases against real TFLite (16x8 exactly, INT8, which runs in
// XNNPACK, within 1 LSB), and the prepare errors particular to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_conv_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT64, tflite::TensorType_INT8;

tflite::BuiltinOptionsUnion TConv(tflite::Padding padding, int stride) {
  tflite::TransposeConvOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  return Options(o);
}

// Input {2, -2} (scale 1), 1x2 filter {1, 3} (scale 1), stride 2, VALID, output [1, 1, 4, 1] of
// scale 4: the sums 2, 6, -2, -6 times 0.25.
template <typename T>
std::vector<T> RunByHand(tflite::TensorType type) {
  OpCase c("by_hand", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_VALID, 2), 2);
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 1, 4, 1});
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 2, 1}, {1, 3}, PerTensor(1.0f, 0));
  c.Input<T>(type, {1, 1, 2, 1}, {2, -2}, PerTensor(1.0f, 0));
  c.Output(type, {1, 1, 4, 1}, PerTensor(4.0f, 0));
  return RunValues<T>(c);
}

TEST(QuantizedTransposeConv, Int8ByHand) {
  // 0.5 -> 1, 1.5 -> 2, -0.5 -> -1, -1.5 -> -2: the int32 requantization rounds ties away from zero.
  EXPECT_EQ(RunByHand<int8_t>(TensorType_INT8), (std::vector<int8_t>{1, 2, -1, -2}));
}

TEST(QuantizedTransposeConv, Int16ByHand) {
  // 0.5 -> 1, 1.5 -> 2, -0.5 -> 0, -1.5 -> -1: the int64 requantization rounds ties up.
  EXPECT_EQ(RunByHand<int16_t>(TensorType_INT16), (std::vector<int16_t>{1, 2, 0, -1}));
}

struct TConvSpec {
  std::string name;
  Shape input;  // NHWC
  int out_c = 3, k_h = 3, k_w = 3, stride = 2, out_h = 0, out_w = 0;
  tflite::Padding padding = tflite::Padding_SAME;
  bool per_channel = true, bias = true;
};

std::unique_ptr<OpCase> RandomTConv(const ConvTypes& t, const TConvSpec& s, uint32_t seed) {
  auto c = std::make_unique<OpCase>(std::string(t.name) + "_" + s.name, tflite::BuiltinOperator_TRANSPOSE_CONV,
                                    TConv(s.padding, s.stride), 3);
  const std::vector<int32_t> out_shape = {s.input[0], s.out_h, s.out_w, s.out_c};
  c->ConstInput<int32_t>(TensorType_INT32, {4}, out_shape);
  const QuantParams fq = FilterQuant(t, s.out_c, 0, s.per_channel, seed + 3);
  AddFilter(*c, t, {s.out_c, s.k_h, s.k_w, s.input[3]}, fq, seed + 5);
  const float in_scale = AddActivations(*c, t, s.input, seed);
  if (s.bias) AddBias(*c, t, s.out_c, in_scale, fq, seed + 6);
  const int taps = std::max(1, s.k_h * s.k_w * s.input[3] / (s.stride * s.stride));
  AddOutput(*c, t, out_shape, in_scale * fq.scale[0] * SumSpread(t, taps), seed + 7);
  return c;
}

std::vector<std::unique_ptr<OpCase>> RandomTConvs(const ConvTypes& t, bool bias) {
  using tflite::Padding_VALID;
  std::vector<TConvSpec> specs = {
      {.name = "same_s2", .input = {1, 4, 4, 3}, .out_h = 8, .out_w = 8},
      {.name = "valid_s2", .input = {2, 3, 5, 2}, .out_h = 7, .out_w = 11, .padding = Padding_VALID},
      {.name = "s1", .input = {1, 5, 4, 4}, .out_c = 5, .k_h = 2, .stride = 1, .out_h = 5, .out_w = 4},
      {.name = "crop", .input = {1, 4, 4, 3}, .out_c = 2, .out_h = 7, .out_w = 7},
      {.name = "per_tensor", .input = {1, 3, 3, 6}, .out_c = 4, .out_h = 6, .out_w = 6, .per_channel = false},
  };
  if (!bias) {
    specs = {{.name = "nobias", .input = {1, 3, 4, 5}, .out_c = 2, .k_h = 4, .k_w = 4, .out_h = 6, .out_w = 8},
             {.name = "nobias_s1", .input = {1, 4, 4, 3}, .out_c = 3, .stride = 1, .out_h = 4, .out_w = 4}};
    for (TConvSpec& s : specs) s.bias = false;
  }
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 700;
  for (const TConvSpec& s : specs) {
    for (int rep = 0; rep < 3; ++rep, seed += 10) {
      TConvSpec named = s;
      named.name += "_" + std::to_string(rep);
      owned.push_back(RandomTConv(t, named, seed));
    }
  }
  return owned;
}

TEST(QuantizedTransposeConv, Int16MatchesTfliteExactly) { ExpectMatchesTflite(RandomTConvs(k16x8, true), 0); }
// Without a bias (and zero points 0) TFLite's builtin runs an optimized 16x8 kernel that differs
// from reference_integer_ops::TransposeConv, which we compute, by 1 LSB in a few outputs.
TEST(QuantizedTransposeConv, Int16WithoutBiasMatchesTfliteWithin1Lsb) {
  ExpectMatchesTflite(RandomTConvs(k16x8, false), 1);
}
TEST(QuantizedTransposeConv, Int8MatchesTfliteWithin1Lsb) {
  for (bool bias : {true, false}) ExpectMatchesTflite(RandomTConvs(kConvInt8, bias), 1);
}

// A 1x1 stride-1 INT16 TRANSPOSE_CONV with this filter quantization and bias type; the prepare error.
std::string PrepareError(const QuantParams& filter, tflite::TensorType bias_type) {
  OpCase c("bad", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_VALID, 1), 4);
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 1, 1, 2});
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1, 1, 2}, {1, 2, 3, 4}, filter);
  c.Input<int16_t>(TensorType_INT16, {1, 1, 1, 2}, {1, 2}, PerTensor(0.5f, 0));
  if (bias_type == TensorType_INT64) {
    c.ConstInput<int64_t>(bias_type, {2}, {0, 0}, PerTensor(0.05f, 0));
  } else {
    c.ConstInput<int32_t>(bias_type, {2}, {0, 0}, PerTensor(0.05f, 0));
  }
  c.Output(TensorType_INT16, {1, 1, 1, 2}, PerTensor(1.0f, 0));
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(QuantizedTransposeConv, RejectsBadQuantization) {
  const QuantParams per_channel{.scale = {0.1f, 0.2f}, .zero_point = {0, 0}};
  EXPECT_EQ(PrepareError(per_channel, TensorType_INT64), "");
  auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << error;
  };
  expect_error(PrepareError(per_channel, TensorType_INT32), "the bias of a INT16 input is INT32; INT64 expected");
  expect_error(PrepareError({.scale = {0.1f, 0.2f}, .zero_point = {0, 0}, .quantized_dimension = 3}, TensorType_INT64),
               "the filter has 2 scales along dimension 3");
  expect_error(PrepareError(PerTensor(0.1f, 1), TensorType_INT64), "INT8 filters must have zero points 0");
}

}  // namespace
}  // namespace litescope::testing
