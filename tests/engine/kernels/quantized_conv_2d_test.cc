// Quantized CONV_2D (INT8 per-tensor and per-channel, UINT8, 16x8 with INT64 or INT32 bias): values
// worked out by hand, the int64 requantization of 16x8, random cases against real TFLite, and the
// prepare errors for bad quantization.
//
// TFLite runs 16x8 convolutions in its builtin reference kernels: they must match exactly. INT8 and
// UINT8 ones run in XNNPACK, which may round differently by 1 LSB; the harness prints how many
// outputs differ.
#include <gtest/gtest.h>

#include <memory>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/padding.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_conv_test_util.h"

namespace litescope::testing {
namespace {

using tflite::ActivationFunctionType, tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT64,
    tflite::TensorType_INT8, tflite::TensorType_UINT8;

tflite::BuiltinOptionsUnion Conv(tflite::Padding padding = tflite::Padding_VALID, int stride = 1, int dilation = 1,
                                 ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::Conv2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.dilation_h_factor = o.dilation_w_factor = dilation;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(QuantizedConv2D, MultiplyByQuantizedMultiplier64ByHand) {
  constexpr int32_t kHalf = 1 << 30;  // 0.5, reduced to Q15 as 2^14
  // (x * 2^14 + 2^14) >> 15: ties round up, also below zero.
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(100, kHalf, 0), 50);
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(11, kHalf, 0), 6);
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(-11, kHalf, 0), -5);
  // -22 * 0.25: the int32 one rounds the tie of its final shift away from zero.
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(-22, kHalf, -1), -5);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-22, kHalf, -1), -6);
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(int64_t{1} << 40, kHalf, -20), 1 << 19);
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(3, kHalf, 2), 6);
  // A multiplier of 0x7FFF0000 or more saturates to 0x7FFF: 1000 * 32767 / 32768 = 999.97 -> 1000.
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(1000, 0x7FFFFFFF, 0), 1000);
  // The Q15 rounding loses the low bits: 2^30 + 2^15 - 1 reduces to 2^14, as 0.5 does.
  EXPECT_EQ(MultiplyByQuantizedMultiplier64(int64_t{1} << 32, kHalf + (1 << 15) - 1, -1), 1 << 30);
}

TEST(QuantizedConv2D, Int8ByHand) {
  // Input scale 0.5, zero point 1; filter scale 0.25; output scale 1, zero point -3: multiplier 0.125.
  //   (3-1)*1 + (5-1)*2 + (1-1)*(-1) + (-1-1)*3 + bias 4 = 8 -> 1 -> -2
  OpCase c("int8", tflite::BuiltinOperator_CONV_2D, Conv(), 3);
  c.Input<int8_t>(TensorType_INT8, {1, 2, 2, 1}, {3, 5, 1, -1}, PerTensor(0.5f, 1));
  c.ConstInput<int8_t>(TensorType_INT8, {1, 2, 2, 1}, {1, 2, -1, 3}, PerTensor(0.25f, 0));
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {4}, PerTensor(0.125f, 0));
  c.Output(TensorType_INT8, {1, 1, 1, 1}, PerTensor(1.0f, -3));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{-2}));
}

TEST(QuantizedConv2D, PerChannelSamePaddingAndReluByHand) {
  // 1x1x2x1 input {4, -2}, 1x3 filters with per-channel scales 0.5 and 0.25, SAME padding: output
  // x 0 sees the padding (skipped), x, x+1; x 1 sees x-1, x, padding.
  //   ch 0 {1, 2, 3}:     x0: 4*2 + (-2)*3 = 2 -> 1;       x1: 4*1 + (-2)*2 = 0 -> 0
  //   ch 1 {-1, 3, -2}:   x0: 4*3 + (-2)*(-2) = 16 -> 4;   x1: 4*(-1) + (-2)*3 = -10 -> -2.5 -> -3, RELU 0
  OpCase c("per_channel", tflite::BuiltinOperator_CONV_2D,
           Conv(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU), 3);
  c.Input<int8_t>(TensorType_INT8, {1, 1, 2, 1}, {4, -2}, PerTensor(1.0f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1, 3, 1}, {1, 2, 3, -1, 3, -2},
                       {.scale = {0.5f, 0.25f}, .zero_point = {0, 0}});
  c.OmittedInput();
  c.Output(TensorType_INT8, {1, 1, 2, 2}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{1, 4, 0, 0}));
}

TEST(QuantizedConv2D, Uint8ByHand) {
  // Zero points: input 128, filter 100, output 128; scales 1, 0.5, 2 -> multiplier 0.25.
  //   (130-128)*(104-100) + (120-128)*(98-100) + bias 4 = 28 -> 7 -> 135
  OpCase c("uint8", tflite::BuiltinOperator_CONV_2D, Conv());
  c.Input<uint8_t>(TensorType_UINT8, {1, 1, 1, 2}, {130, 120}, PerTensor(1.0f, 128));
  c.ConstInput<uint8_t>(TensorType_UINT8, {1, 1, 1, 2}, {104, 98}, PerTensor(0.5f, 100));
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {4}, PerTensor(0.5f, 0));
  c.Output(TensorType_UINT8, {1, 1, 1, 1}, PerTensor(2.0f, 128));
  EXPECT_EQ(RunValues<uint8_t>(c), (std::vector<uint8_t>{135}));
}

TEST(QuantizedConv2D, Int16RoundsTiesUpByHand) {
  // Multiplier 0.25: sums -22 and 22 (plus an INT64 bias of 0) give -5.5 and 5.5, which the int64
  // requantization rounds up: -5 and 6 (the int32 one gives -6 and 6).
  OpCase c("int16", tflite::BuiltinOperator_CONV_2D, Conv(), 4);
  c.Input<int16_t>(TensorType_INT16, {1, 1, 2, 1}, {-22, 22}, PerTensor(1.0f, 0));
  c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 1, 1}, {1}, PerTensor(0.25f, 0));
  c.ConstInput<int64_t>(TensorType_INT64, {1}, {0}, PerTensor(0.25f, 0));
  c.Output(TensorType_INT16, {1, 1, 2, 1}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int16_t>(c), (std::vector<int16_t>{-5, 6}));
}

TEST(QuantizedConv2D, Int16WithInt32BiasOrNoneSumsInInt32ByHand) {
  // TFLite's ConvPerChannel for INT16 sums in the bias type: with an INT32 bias, or none, the int32
  // requantization rounds -22 * 0.25 = -5.5 away from zero, to -6.
  for (bool bias : {true, false}) {
    OpCase c("int16_int32", tflite::BuiltinOperator_CONV_2D, Conv(), 4);
    c.Input<int16_t>(TensorType_INT16, {1, 1, 2, 1}, {-22, 22}, PerTensor(1.0f, 0));
    c.ConstInput<int8_t>(TensorType_INT8, {1, 1, 1, 1}, {1}, PerTensor(0.25f, 0));
    if (bias) {
      c.ConstInput<int32_t>(TensorType_INT32, {1}, {0}, PerTensor(0.25f, 0));
    } else {
      c.OmittedInput();
    }
    c.Output(TensorType_INT16, {1, 1, 2, 1}, PerTensor(1.0f, 0));
    EXPECT_EQ(RunValues<int16_t>(c), (std::vector<int16_t>{-6, 6})) << "bias " << bias;
  }
}

struct ConvSpec {
  std::string name;
  Shape input;  // NHWC
  int out_c = 4, k_h = 3, k_w = 3, stride = 1, dilation = 1, groups = 1;
  tflite::Padding padding = tflite::Padding_SAME;
  ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  bool per_channel = true, bias = true;
};

std::unique_ptr<OpCase> RandomConv(const ConvTypes& t, const ConvSpec& s, uint32_t seed) {
  const int version = IsInt16(t) ? 4 : t.input == TensorType_INT8 ? 3 : 1;
  auto c = std::make_unique<OpCase>(std::string(t.name) + "_" + s.name, tflite::BuiltinOperator_CONV_2D,
                                    Conv(s.padding, s.stride, s.dilation, s.act), version);
  const int f_c = s.input[3] / s.groups;
  const float in_scale = AddActivations(*c, t, s.input, seed);
  const QuantParams fq = FilterQuant(t, s.out_c, 0, s.per_channel && t.input != TensorType_UINT8, seed + 3);
  AddFilter(*c, t, {s.out_c, s.k_h, s.k_w, f_c}, fq, seed + 5);
  if (s.bias) AddBias(*c, t, s.out_c, in_scale, fq, seed + 6);
  const int out_h = ComputeOutSize(s.padding, s.input[1], s.k_h, s.stride, s.dilation);
  const int out_w = ComputeOutSize(s.padding, s.input[2], s.k_w, s.stride, s.dilation);
  AddOutput(*c, t, {s.input[0], out_h, out_w, s.out_c}, in_scale * fq.scale[0] * SumSpread(t, s.k_h * s.k_w * f_c),
            seed + 7);
  return c;
}

// No case without a bias: TFLite's CONV_2D refuses one (its Prepare ensures has_bias); ours takes
// it as a bias of 0 (PerChannelSamePaddingAndReluByHand).
std::vector<ConvSpec> ConvSpecs() {
  using tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_RELU6,
      tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::Padding_VALID;
  return {
      {.name = "same", .input = {1, 5, 5, 3}},
      {.name = "valid_s2", .input = {2, 7, 6, 4}, .out_c = 5, .stride = 2, .padding = Padding_VALID},
      {.name = "pointwise", .input = {1, 4, 4, 16}, .out_c = 8, .k_h = 1, .k_w = 1},
      {.name = "dilated", .input = {1, 7, 7, 2}, .out_c = 3, .dilation = 2, .act = ActivationFunctionType_RELU},
      {.name = "relu6_s2", .input = {1, 6, 6, 5}, .out_c = 6, .k_h = 2, .k_w = 3, .stride = 2,
       .act = ActivationFunctionType_RELU6},
      {.name = "n1to1", .input = {1, 4, 5, 3}, .out_c = 2, .act = ActivationFunctionType_RELU_N1_TO_1},
      {.name = "per_tensor", .input = {1, 5, 5, 3}, .out_c = 3, .per_channel = false},
      {.name = "deep", .input = {1, 3, 3, 64}, .out_c = 7},
  };
}

// Three random cases per spec.
std::vector<std::unique_ptr<OpCase>> RandomConvs(const ConvTypes& t, const std::vector<ConvSpec>& specs) {
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 300;
  for (const ConvSpec& s : specs) {
    for (int rep = 0; rep < 3; ++rep, seed += 10) {
      ConvSpec named = s;
      named.name += "_" + std::to_string(rep);
      owned.push_back(RandomConv(t, named, seed));
    }
  }
  return owned;
}

TEST(QuantizedConv2D, Int16MatchesTfliteExactly) { ExpectMatchesTflite(RandomConvs(k16x8, ConvSpecs()), 0); }
// With an INT32 bias (or none) and zero points 0, TFLite's builtin CONV_2D runs its optimized 16x8
// kernel rather than reference_integer_ops::ConvPerChannel; it rounds differently (a few outputs
// differ by 1 LSB). We compute the reference kernel.
TEST(QuantizedConv2D, Int16WithInt32BiasMatchesTfliteWithin1Lsb) {
  ExpectMatchesTflite(RandomConvs(k16x8Bias32, ConvSpecs()), 1);
}
TEST(QuantizedConv2D, Int8MatchesTfliteWithin1Lsb) {
  std::vector<ConvSpec> specs = ConvSpecs();
  specs.push_back({.name = "grouped", .input = {1, 5, 5, 6}, .out_c = 4, .groups = 2});
  ExpectMatchesTflite(RandomConvs(kConvInt8, specs), 1);
}
TEST(QuantizedConv2D, Uint8MatchesTfliteWithin1Lsb) { ExpectMatchesTflite(RandomConvs(kConvUint8, ConvSpecs()), 1); }

// A 1x1 CONV_2D from a [1, 1, 1, 2] input to 2 channels with these quantization parameters;
// returns the prepare error ("" when it prepares).
struct BadCase {
  ConvTypes types = kConvInt8;
  QuantParams input = PerTensor(0.5f, 0), filter = PerTensor(0.1f, 0), bias = PerTensor(0.05f, 0);
  QuantParams output = PerTensor(1.0f, 0);
};

std::string PrepareError(const BadCase& b) {
  OpCase c("bad", tflite::BuiltinOperator_CONV_2D, Conv());
  const ConvTypes& t = b.types;
  if (t.input == TensorType_INT16) {
    c.Input<int16_t>(t.input, {1, 1, 1, 2}, {1, 2}, b.input);
  } else {
    c.Input<int8_t>(t.input, {1, 1, 1, 2}, {1, 2}, b.input);  // the bytes serve UINT8 too
  }
  c.ConstInput<int8_t>(t.filter, {2, 1, 1, 2}, {1, 2, 3, 4}, b.filter);
  if (t.bias == TensorType_INT64) {
    c.ConstInput<int64_t>(t.bias, {2}, {0, 0}, b.bias);
  } else if (t.bias == TensorType_INT32) {
    c.ConstInput<int32_t>(t.bias, {2}, {0, 0}, b.bias);
  } else {
    c.ConstInput<float>(t.bias, {2}, {0, 0}, b.bias);
  }
  c.Output(t.input, {1, 1, 1, 2}, b.output);
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

void ExpectError(const BadCase& b, const std::string& part) {
  const std::string error = PrepareError(b);
  EXPECT_NE(error.find(part), std::string::npos) << "error: '" << error << "', expected: '" << part << "'";
}

TEST(QuantizedConv2D, RejectsBadQuantization) {
  EXPECT_EQ(PrepareError({}), "");
  EXPECT_EQ(PrepareError({.types = k16x8}), "");
  EXPECT_EQ(PrepareError({.types = k16x8Bias32}), "");
  ExpectError({.input = PerTensor(0.0f, 0)}, "input scale is 0.000000; a finite value > 0 expected");
  ExpectError({.output = PerTensor(-1.0f, 0)}, "output scale is -1.000000");
  ExpectError({.filter = {.scale = {0.1f, NAN}, .zero_point = {0, 0}}}, "filter scale 1 is nan");
  ExpectError({.input = PerTensor(0.5f, 200)}, "input zero point 200 is out of range for INT8");
  ExpectError({.types = k16x8, .output = PerTensor(1.0f, 3)}, "output zero point 3 is not 0");
  ExpectError({.filter = PerTensor(0.1f, 3)}, "INT8 filters must have zero points 0");
  // The model loader already refuses a count that does not match the dimension named.
  ExpectError({.filter = {.scale = {0.1f, 0.1f, 0.1f}, .zero_point = {0, 0, 0}}},
              "has 3 per-channel scales but dimension 0 has size 2");
  ExpectError({.filter = {.scale = {0.1f, 0.1f}, .zero_point = {0, 0}, .quantized_dimension = 3}},
              "the filter has 2 scales along dimension 3; 1, or 2 (one per output channel) along dimension 0");
  ExpectError({.filter = {.scale = {0.1f, 0.1f}, .zero_point = {0}}}, "has 2 scales but 1 zero points");
  ExpectError({.types = {TensorType_INT8, TensorType_INT8, TensorType_INT64, ""}},
              "the bias of a INT8 input is INT64; INT32 expected");
  ExpectError({.types = {TensorType_INT16, TensorType_INT8, tflite::TensorType_FLOAT32, ""}},
              "the bias of a INT16 input is FLOAT32; INT64 or INT32 expected");
  ExpectError({.types = {TensorType_INT8, TensorType_UINT8, TensorType_INT32, ""}},
              "the filter of a INT8 input is UINT8; INT8 expected");
  ExpectError({.bias = PerTensor(0.05f, 1)}, "the bias must have zero points 0");
  // UINT8 only: |input_scale * filter_scale - bias_scale| <= 2% of the output scale.
  const BadCase u8{.types = kConvUint8, .input = PerTensor(0.5f, 128), .filter = PerTensor(0.1f, 128)};
  EXPECT_EQ(PrepareError(u8), "");
  BadCase u8_bias = u8;
  u8_bias.bias = PerTensor(0.1f, 0);
  ExpectError(u8_bias, "as TFLite requires");
  BadCase u8_per_channel = u8;
  u8_per_channel.filter = {.scale = {0.1f, 0.1f}, .zero_point = {128, 128}};
  ExpectError(u8_per_channel, "per-channel filter scales need an INT8 filter");
}

}  // namespace
}  // namespace litescope::testing
