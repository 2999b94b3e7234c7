// Quantized CONV_2D, FULLY_CONNECTED (int8 GEMM, gemm_i8.h) and DEPTHWISE_CONV_2D (depth multiplier
// 1, quantized_depthwise.h): the optimized kernels against the
// reference kernels, exactly, on random INT8 (per-tensor and per-channel) and UINT8 cases, at 1 and
// 2 threads on every int8 instruction set (ExpectMatchesReference).
#include <gtest/gtest.h>

#include "engine/kernels/internal/padding.h"
#include "tests/engine/conformance/conformance.h"
#include "tests/engine/kernels/quantized_conv_test_util.h"

namespace litescope::testing {
namespace {

const ConvTypes& Types(CaseRandom& r) { return r.Int(0, 1) == 0 ? kConvInt8 : kConvUint8; }

void CheckConv(const WindowCase& g, const ConvTypes& t, bool per_channel, uint32_t seed) {
  const int out_h = ComputeOutSize(g.padding, g.h, g.k_h, g.stride_h, g.dil_h);
  const int out_w = ComputeOutSize(g.padding, g.w, g.k_w, g.stride_w, g.dil_w);
  if (out_h <= 0 || out_w <= 0) return;
  std::string name = std::string("qconv_") + t.name + "_" + std::to_string(seed);
  for (int v : {g.batch, g.h, g.w, g.in_c, g.out_c, g.k_h, g.k_w, g.stride_h, g.stride_w, g.dil_h, g.dil_w}) {
    name += "_" + std::to_string(v);
  }
  OpCase c(name, tflite::BuiltinOperator_CONV_2D, Options(WindowOptions<tflite::Conv2DOptionsT>(g)));
  const float in_scale = AddActivations(c, t, {g.batch, g.h, g.w, g.in_c}, seed);
  const QuantParams fq = FilterQuant(t, g.out_c, 0, per_channel && t.filter == tflite::TensorType_INT8, seed + 10);
  AddFilter(c, t, {g.out_c, g.k_h, g.k_w, g.in_c}, fq, seed + 20);
  if (g.bias) AddBias(c, t, g.out_c, in_scale, fq, seed + 30);
  else c.OmittedInput();
  AddOutput(c, t, {g.batch, out_h, out_w, g.out_c}, in_scale * fq.scale[0] * SumSpread(t, g.k_h * g.k_w * g.in_c),
            seed + 40);
  ExpectMatchesReference(c, 0.0);
}

void CheckFc(const Shape& input, int units, const ConvTypes& t, bool per_channel, tflite::ActivationFunctionType act,
             bool bias, uint32_t seed) {
  tflite::FullyConnectedOptionsT o;
  o.fused_activation_function = act;
  const int depth = input.back();
  const int32_t rows = static_cast<int32_t>(ElementCount(input) / depth);
  OpCase c(std::string("qfc_") + t.name + "_" + std::to_string(seed) + "_" + ShapeString(input) + "_u" + std::to_string(units),
           tflite::BuiltinOperator_FULLY_CONNECTED, Options(o));
  const float in_scale = AddActivations(c, t, input, seed);
  const QuantParams fq = FilterQuant(t, units, 0, per_channel && t.filter == tflite::TensorType_INT8, seed + 10);
  AddFilter(c, t, {units, depth}, fq, seed + 20);
  if (bias) AddBias(c, t, units, in_scale, fq, seed + 30);
  else c.OmittedInput();
  AddOutput(c, t, {rows, units}, in_scale * fq.scale[0] * SumSpread(t, depth), seed + 40);
  ExpectMatchesReference(c, 0.0);
}

void CheckDepthwise(const WindowCase& g, const ConvTypes& t, bool per_channel, uint32_t seed) {
  const int out_h = ComputeOutSize(g.padding, g.h, g.k_h, g.stride_h, g.dil_h);
  const int out_w = ComputeOutSize(g.padding, g.w, g.k_w, g.stride_w, g.dil_w);
  if (out_h <= 0 || out_w <= 0) return;
  auto o = WindowOptions<tflite::DepthwiseConv2DOptionsT>(g);
  o.depth_multiplier = 1;
  OpCase c(std::string("qdw_") + t.name + "_" + std::to_string(seed), tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
           Options(o));
  const float in_scale = AddActivations(c, t, {g.batch, g.h, g.w, g.in_c}, seed);
  const QuantParams fq = FilterQuant(t, g.in_c, 3, per_channel && t.filter == tflite::TensorType_INT8, seed + 10);
  AddFilter(c, t, {1, g.k_h, g.k_w, g.in_c}, fq, seed + 20);
  if (g.bias) AddBias(c, t, g.in_c, in_scale, fq, seed + 30);
  else c.OmittedInput();
  AddOutput(c, t, {g.batch, out_h, out_w, g.in_c}, in_scale * fq.scale[0] * SumSpread(t, g.k_h * g.k_w), seed + 40);
  ExpectMatchesReference(c, 0.0);
}

TEST(QuantizedGemmConformance, RandomDepthwise) {
  CaseRandom r(13);
  for (uint32_t seed = 300; seed < 340; ++seed) {
    const int k = r.Int(1, 3);
    const int c = r.Int(1, 40);
    WindowCase g{r.Int(1, 2), r.Int(1, 12), r.Int(1, 12), c, c, k, r.Int(1, 3),
                 r.Int(1, 2),  r.Int(1, 2),  r.Int(1, 2),  r.Int(1, 2),  r.Int(0, 1) ? kSame : kValid,
                 r.Activation(), r.Int(0, 3) != 0};
    const ConvTypes& t = Types(r);
    CheckDepthwise(g, t, r.Int(0, 1) == 1, seed * 100);
  }
  CheckDepthwise({1, 28, 28, 144, 144, 3, 3, 2, 2, 1, 1, kSame, kRelu6}, kConvUint8, false, 1);  // MobileNetV2's
  CheckDepthwise({1, 14, 14, 96, 96, 3, 3, 1, 1, 1, 1, kSame, kRelu6}, kConvInt8, true, 2);
}

TEST(QuantizedGemmConformance, PointwiseAndMobileNetShapes) {
  for (const ConvTypes* t : {&kConvInt8, &kConvUint8}) {
    CheckConv({1, 14, 14, 96, 24, 1, 1, 1, 1, 1, 1, kSame, kNone}, *t, true, 1);      // projection
    CheckConv({1, 7, 7, 160, 960, 1, 1, 1, 1, 1, 1, kValid, kRelu6}, *t, true, 2);    // expansion
    CheckConv({1, 17, 17, 3, 32, 3, 3, 2, 2, 1, 1, kSame, kRelu6}, *t, false, 3);     // the RGB stem
    CheckConv({2, 9, 8, 19, 33, 3, 3, 1, 1, 1, 1, kSame, kRelu}, *t, true, 4);        // padded 3x3
    CheckConv({1, 10, 11, 5, 7, 3, 2, 2, 1, 2, 2, kSame, kReluN1, false}, *t, true, 5);  // dilated
    CheckFc({1, 1024}, 1000, *t, false, kNone, true, 6);                              // the classifier
    CheckFc({1, 1024}, 1000, *t, true, kRelu, true, 7);
  }
}

TEST(QuantizedGemmConformance, RandomConv) {
  CaseRandom r(11);
  for (uint32_t seed = 100; seed < 160; ++seed) {
    const int k = r.Int(1, 3);
    WindowCase g{r.Int(1, 2), r.Int(1, 12), r.Int(1, 12), r.Int(1, 40), r.Int(1, 40), k, r.Int(1, 3),
                 r.Int(1, 2),  r.Int(1, 2),  r.Int(1, 2),  r.Int(1, 2),  r.Int(0, 1) ? kSame : kValid,
                 r.Activation(), r.Int(0, 3) != 0};
    if (r.Int(0, 2) == 0) g.k_h = g.k_w = g.stride_h = g.stride_w = 1;  // pointwise, read in place
    const ConvTypes& t = Types(r);
    CheckConv(g, t, r.Int(0, 1) == 1, seed * 100);
  }
}

TEST(QuantizedGemmConformance, RandomFullyConnected) {
  CaseRandom r(12);
  for (uint32_t seed = 200; seed < 240; ++seed) {
    const Shape input{r.Int(1, 20), r.Int(1, 300)};
    const ConvTypes& t = Types(r);
    CheckFc(input, r.Int(1, 120), t, r.Int(0, 1) == 1, r.Activation(), r.Int(0, 3) != 0, seed * 100);
  }
}

}  // namespace
}  // namespace litescope::testing
