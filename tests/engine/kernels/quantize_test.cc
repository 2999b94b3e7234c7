// QUANTIZE: FLOAT32 to INT8 / UINT8 / INT16 and requantization between integer types, on values
// worked out by hand, on random cases against real TFLite (bit-exact where TFLite runs its builtin
// kernel, within 1 LSB where it runs XNNPACK), and the prepare errors for bad quantization.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

#include "engine/kernels/internal/fixed_point.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32, tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_UINT8;

template <typename T>
std::unique_ptr<OpCase> QuantizeCase(const std::string& name, tflite::TensorType in_type, const std::vector<T>& values,
                                     const QuantParams& in_q, tflite::TensorType out_type, const QuantParams& out_q) {
  auto c = std::make_unique<OpCase>(name, tflite::BuiltinOperator_QUANTIZE);
  const Shape shape = {static_cast<int32_t>(values.size())};
  c->Input<T>(in_type, shape, values, in_q);
  c->Output(out_type, shape, out_q);
  return c;
}

TEST(Quantize, FloatToInt8ByHand) {
  // x / 0.5 = 0, 0.5, -0.5, 1.5, 2, 200, -200, -1.48; rounded half away from zero, + (-1), clamped.
  auto c = QuantizeCase<float>("f32_i8", TensorType_FLOAT32, {0, 0.25f, -0.25f, 0.75f, 1, 100, -100, -0.74f}, {},
                               TensorType_INT8, PerTensor(0.5f, -1));
  EXPECT_EQ(RunValues<int8_t>(*c), (std::vector<int8_t>{-1, 0, -2, 1, 1, 127, -128, -2}));
}

TEST(Quantize, FloatDividesByTheScaleInDouble) {
  // 0.25f / 0.1f is 2.49999996 in double (rounds to 2) but 2.5 in float (would round to 3): TFLite's
  // builtin (optimized) kernel divides in double. NaN converts to 0 (then + zero point), as on ARM
  // and WebAssembly; huge values saturate.
  auto c = QuantizeCase<float>("f32_u8", TensorType_FLOAT32, {0.25f, NAN, 1e30f, -1e30f}, {}, TensorType_UINT8,
                               PerTensor(0.1f, 0));
  EXPECT_EQ(RunValues<uint8_t>(*c), (std::vector<uint8_t>{2, 0, 255, 0}));
  auto i16 = QuantizeCase<float>("f32_i16", TensorType_FLOAT32, {1, -1, 40, -40}, {}, TensorType_INT16,
                                 PerTensor(0.001f, 0));
  EXPECT_EQ(RunValues<int16_t>(*i16), (std::vector<int16_t>{1000, -1000, 32767, -32768}));
}

TEST(Quantize, RequantizeByHand) {
  // Scale 0.5 -> 1: multiplier 0.5 (2^30, shift 0). 3 * 0.5 = 1.5 -> 2, 5 * 0.5 = 2.5 -> 3, but
  // -1.5 -> -1 and -2.5 -> -2: SaturatingRoundingDoublingHighMul rounds negative ties toward zero.
  auto half = QuantizeCase<int8_t>("i8_i8", TensorType_INT8, {3, -3, 5, -5, 127, -128}, PerTensor(0.5f, 0),
                                   TensorType_INT8, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int8_t>(*half), (std::vector<int8_t>{2, -1, 3, -2, 64, -64}));
  // Same scale, zero point 0 -> 128: a shift by 128.
  auto shift = QuantizeCase<int8_t>("i8_u8", TensorType_INT8, {-128, 0, 127}, PerTensor(0.1f, 0), TensorType_UINT8,
                                    PerTensor(0.1f, 128));
  EXPECT_EQ(RunValues<uint8_t>(*shift), (std::vector<uint8_t>{0, 128, 255}));
  // INT8 (scale 1, zero point 10) to INT16 (scale 1/4): (q - 10) * 4 exactly.
  auto widen = QuantizeCase<int8_t>("i8_i16", TensorType_INT8, {10, 11, -128, 127}, PerTensor(1.0f, 10),
                                    TensorType_INT16, PerTensor(0.25f, 0));
  EXPECT_EQ(RunValues<int16_t>(*widen), (std::vector<int16_t>{0, 4, -552, 468}));
}

// Random values of T over its whole range.
template <typename T>
std::vector<T> FullRange(size_t n, uint32_t seed) {
  return RandomInts<T>(n, seed, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
}

// A random per-tensor quantization for `type`: scale in [lo, hi], zero point in the middle half of
// the type's range (0 for INT16 and INT32).
QuantParams RandomQuant(tflite::TensorType type, uint32_t seed, float lo, float hi) {
  const bool symmetric = type == TensorType_INT16 || type == tflite::TensorType_INT32;
  QuantizedRange r;
  EXPECT_TRUE(symmetric || GetQuantizedRange(type, &r));
  const int zp = symmetric ? 0 : RandomInts<int>(1, seed, (3 * r.min + r.max) / 4, (r.min + 3 * r.max) / 4)[0];
  return PerTensor(RandomFloats(1, seed + 1, lo, hi)[0], zp);
}

std::string CaseName(tflite::TensorType in, tflite::TensorType out, uint32_t seed) {
  return std::string(tflite::EnumNameTensorType(in)) + "_to_" + tflite::EnumNameTensorType(out) + "_" +
         std::to_string(seed);
}

// A random requantization from `in` (elements of type T, over the whole range) to `out`, with
// output scale / input scale = 2^[log2_lo, log2_hi] (times 2^8 from INT16 to an 8-bit type).
template <typename T>
std::unique_ptr<OpCase> RandomRequantize(tflite::TensorType in, tflite::TensorType out, uint32_t seed,
                                         float log2_lo = -3, float log2_hi = 3) {
  const float in_lo = in == TensorType_INT16 ? 1e-5f : 1e-3f;
  const QuantParams in_q = RandomQuant(in, seed, in_lo, in_lo * 100);
  float ratio = std::exp2(RandomFloats(1, seed + 2, log2_lo, log2_hi)[0]);
  if (in == TensorType_INT16 && out != TensorType_INT16) ratio *= 256;
  const float out_scale = in_q.scale[0] * ratio;
  return QuantizeCase<T>(CaseName(in, out, seed), in, FullRange<T>(300, seed + 4), in_q, out,
                         RandomQuant(out, seed + 3, out_scale, out_scale));
}

// FLOAT32 to `out`: floats well beyond the output range, and values on rounding ties of x / scale.
std::unique_ptr<OpCase> RandomFloatQuantize(tflite::TensorType out, uint32_t seed) {
  const bool wide = out == TensorType_INT16;
  const QuantParams q = RandomQuant(out, seed, wide ? 1e-4f : 0.01f, wide ? 1e-3f : 0.1f);
  std::vector<float> x = RandomFloats(300, seed + 5, -3.0f, 3.0f);
  for (int k = -20; k <= 20; ++k) x.push_back((static_cast<float>(k) + 0.5f) * q.scale[0]);
  return QuantizeCase<float>(CaseName(TensorType_FLOAT32, out, seed), TensorType_FLOAT32, x, {}, out, q);
}

// The cases the oracle runs in TFLite's builtin kernel: they must match exactly. Its XNNPACK
// delegate takes FLOAT32 to INT8 / UINT8 and INT8 to INT8, UINT8 to UINT8 at ordinary scales (next
// test), but the requantizations below, with output scale / input scale above 2^8, match exactly.
TEST(Quantize, MatchesTfliteBuiltinExactly) {
  std::vector<std::unique_ptr<OpCase>> owned;
  // x / 0.1f: double and float quotients round to different integers on these (0.25f: 2 vs 3).
  owned.push_back(QuantizeCase<float>("float_to_INT16_ties", TensorType_FLOAT32,
                                      {0.25f, 0.35f, 0.45f, -0.25f, -0.35f, 0.05f, 0.15f, 1.25f, -2.45f, 3.35f}, {},
                                      TensorType_INT16, PerTensor(0.1f, 0)));
  for (uint32_t seed = 1; seed <= 40; seed += 10) {
    owned.push_back(RandomFloatQuantize(TensorType_INT16, seed));
    owned.push_back(RandomRequantize<int8_t>(TensorType_INT8, TensorType_UINT8, seed));
    owned.push_back(RandomRequantize<uint8_t>(TensorType_UINT8, TensorType_INT8, seed));
    owned.push_back(RandomRequantize<int16_t>(TensorType_INT16, TensorType_INT16, seed));
    owned.push_back(RandomRequantize<int16_t>(TensorType_INT16, TensorType_INT8, seed));
    // Outputs (q - zp) / 2^(8.05 .. 9): -1, 0 or 1, around ties.
    owned.push_back(RandomRequantize<int8_t>(TensorType_INT8, TensorType_INT8, seed, 8.05f, 9.0f));
    owned.push_back(RandomRequantize<uint8_t>(TensorType_UINT8, TensorType_UINT8, seed, 8.05f, 9.0f));
    // INT16 scores to INT32 (keyword_scrambled's output), output scale / input scale 2^-1 .. 2^-6.
    owned.push_back(RandomRequantize<int16_t>(TensorType_INT16, tflite::TensorType_INT32, seed, -6.0f, -1.0f));
    // INT32 accumulators (scale ~1e-7, as in the TFLite Micro seanet models) to INT16 and INT8.
    for (tflite::TensorType out : {TensorType_INT16, TensorType_INT8}) {
      const float in_scale = RandomFloats(1, seed + 6, 1e-7f, 2e-7f)[0];
      const float out_scale = in_scale * std::exp2(RandomFloats(1, seed + 7, 10.0f, 14.0f)[0]);
      owned.push_back(QuantizeCase<int32_t>(CaseName(tflite::TensorType_INT32, out, seed), tflite::TensorType_INT32,
                                            RandomInts<int32_t>(300, seed + 8, -(1 << 26), 1 << 26),
                                            PerTensor(in_scale, 0), out, PerTensor(out_scale, 0)));
    }
  }
  ExpectMatchesTflite(owned, 0);
}

// The cases the oracle runs in XNNPACK, whose rounding differs (FLOAT32 outputs differ on about
// half of the ties of x / scale we add): within 1 LSB, differences printed.
TEST(Quantize, MatchesTfliteXnnpackWithin1Lsb) {
  std::vector<std::unique_ptr<OpCase>> owned;
  for (uint32_t seed = 1; seed <= 40; seed += 10) {
    owned.push_back(RandomFloatQuantize(TensorType_INT8, seed));
    owned.push_back(RandomFloatQuantize(TensorType_UINT8, seed));
    owned.push_back(RandomRequantize<int8_t>(TensorType_INT8, TensorType_INT8, seed));
    owned.push_back(RandomRequantize<uint8_t>(TensorType_UINT8, TensorType_UINT8, seed));
  }
  ExpectMatchesTflite(owned, 1);
}

TEST(Quantize, RejectsBadQuantization) {
  const std::vector<int8_t> x = {1, 2};
  auto expect = [&](tflite::TensorType in, const QuantParams& in_q, tflite::TensorType out, const QuantParams& out_q,
                    const std::string& error) {
    auto c = QuantizeCase<int8_t>("bad", in, x, in_q, out, out_q);
    ExpectError(*c, error);
  };
  expect(TensorType_INT8, PerTensor(0.1f, 0), TensorType_INT8, {}, "output (INT8) has 0 scales and 0 zero points");
  expect(TensorType_INT8, PerTensor(0.1f, 0), TensorType_INT8, PerTensor(0.0f, 0),
         "output scale is 0.000000; a finite value > 0 expected");
  expect(TensorType_INT8, PerTensor(INFINITY, 0), TensorType_INT8, PerTensor(0.1f, 0),
         "input scale is inf; a finite value > 0 expected");
  expect(TensorType_INT8, PerTensor(0.1f, 200), TensorType_INT8, PerTensor(0.1f, 0),
         "input zero point 200 is out of range for INT8");
  expect(TensorType_INT8, PerTensor(0.1f, 0), TensorType_INT16, {.scale = {0.1f}, .zero_point = {40000}},
         "output zero point 40000 is out of range for INT16");
  expect(TensorType_UINT8, PerTensor(0.1f, 0), TensorType_INT16, PerTensor(0.1f, 0),
         "requantizing UINT8 to INT16 is not supported");
  expect(TensorType_INT8, PerTensor(1e6f, 0), TensorType_INT8, PerTensor(1e-6f, 0), "too large");
  auto int32_zp = QuantizeCase<int32_t>("i32_i16", tflite::TensorType_INT32, {1, 2}, PerTensor(1e-6f, 5),
                                        TensorType_INT16, PerTensor(0.1f, 0));
  ExpectError(*int32_zp, "input zero point 5 is out of range for INT32 (0 expected)");
  auto to_int32_zp = QuantizeCase<int16_t>("i16_i32", TensorType_INT16, {1, 2}, PerTensor(1e-3f, 0),
                                           tflite::TensorType_INT32, PerTensor(1e-6f, 1));
  ExpectError(*to_int32_zp, "output zero point 1 is out of range for INT32 (0 expected)");
  auto to_int32 = QuantizeCase<float>("f32_i32", TensorType_FLOAT32, {1.0f}, {}, tflite::TensorType_INT32,
                                      PerTensor(0.1f, 0));
  ExpectError(*to_int32, "output is INT32; INT8, UINT8 or INT16 expected from FLOAT32");
}

}  // namespace
}  // namespace litescope::testing
