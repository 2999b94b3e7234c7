// TFLite's requantization arithmetic (engine/kernels/internal/fixed_point.h) on edge values worked
// out by hand, and against straightforward 128-bit formulas over every shift from -31 to +30.
#include "engine/kernels/internal/fixed_point.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace litescope {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
constexpr int32_t kHalf = int32_t{1} << 30;  // 0.5 in Q31

std::pair<int32_t, int> Quantized(double m) {
  int32_t multiplier = -1;
  int shift = -100;
  QuantizeMultiplier(m, &multiplier, &shift);
  return {multiplier, shift};
}

TEST(FixedPoint, QuantizeMultiplierByHand) {
  EXPECT_EQ(Quantized(0.0), std::make_pair(0, 0));
  EXPECT_EQ(Quantized(0.5), std::make_pair(kHalf, 0));        // 0.5 * 2^0
  EXPECT_EQ(Quantized(1.0), std::make_pair(kHalf, 1));        // 0.5 * 2^1
  EXPECT_EQ(Quantized(0.75), std::make_pair(1610612736, 0));  // 0.75 * 2^31
  // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4 rounds down.
  EXPECT_EQ(Quantized(0.1), std::make_pair(1717986918, -3));
  // 0.5 + 2^-32: q * 2^31 = 2^30 + 0.5, a tie, rounds away from zero.
  EXPECT_EQ(Quantized(0.5 + std::ldexp(1.0, -32)), std::make_pair(kHalf + 1, 0));
  // 3 * 2^30 = 0.75 * 2^32: large multipliers keep their shift (no clamp in the default build).
  EXPECT_EQ(Quantized(3.0 * kHalf), std::make_pair(1610612736, 32));
}

TEST(FixedPoint, QuantizeMultiplierCarriesRoundingUpTo2Pow31) {
  // q = 1 - 2^-31: q * 2^31 = 2^31 - 1 fits.
  EXPECT_EQ(Quantized(1.0 - std::ldexp(1.0, -31)), std::make_pair(kMax, 0));
  // q = 1 - 2^-32: 2^31 - 0.5, a tie, rounds up to 2^31, which becomes 2^30 with shift + 1.
  EXPECT_EQ(Quantized(1.0 - std::ldexp(1.0, -32)), std::make_pair(kHalf, 1));
  // q = 1 - 2^-40 (times 2^-5): 2^31 - 2^-9 rounds up too.
  EXPECT_EQ(Quantized(std::ldexp(1.0 - std::ldexp(1.0, -40), -5)), std::make_pair(kHalf, -4));
}

TEST(FixedPoint, QuantizeMultiplierFlushesTinyValuesToZero) {
  EXPECT_EQ(Quantized(std::ldexp(1.0, -32)), std::make_pair(kHalf, -31));  // 0.5 * 2^-31: kept
  EXPECT_EQ(Quantized(std::ldexp(1.0, -33)), std::make_pair(0, 0));        // shift -32: all bits gone
  EXPECT_EQ(Quantized(1e-30), std::make_pair(0, 0));
}

TEST(FixedPoint, QuantizeMultiplierIsWithinHalfAnLsb) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> exponent(-31.0, 30.0);
  for (int i = 0; i < 10000; ++i) {
    const double m = std::exp2(exponent(rng));
    const auto [multiplier, shift] = Quantized(m);
    ASSERT_GE(multiplier, kHalf) << m;
    const double back = std::ldexp(static_cast<double>(multiplier), shift - 31);
    ASSERT_LE(std::abs(back - m), std::ldexp(0.5, shift - 31)) << m;
  }
}

TEST(FixedPoint, SaturatingRoundingDoublingHighMulByHand) {
  // The one overflowing product: (-1) * (-1) in Q31 is 1, which saturates.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, kMin), kMax);
  // (2^31 - 1)^2 / 2^31 = 2^31 - 2 + (2^-31 + tiny): rounds down.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMax, kMax), kMax - 1);
  // -2^31 * (2^31 - 1) / 2^31 = -(2^31 - 1), exact.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, kMax), kMin + 1);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMax, kMin), kMin + 1);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(0, kMin), 0);
  // Ties: 1 * 0.5 = 0.5 rounds up to 1, 3 * 0.5 = 1.5 to 2; negative ties round toward zero
  // (gemmlowp's nudge is 1 - 2^30 below zero): -0.5 -> 0, -1.5 -> -1.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1, kHalf), 1);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(3, kHalf), 2);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-1, kHalf), 0);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-3, kHalf), -1);
  // Not ties: 100 * 0.75 = 75; -7 * 0.75 = -5.25 -> -5; 7 * 0.75 = 5.25 -> 5.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(100, 1610612736), 75);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-7, 1610612736), -5);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(7, 1610612736), 5);
}

TEST(FixedPoint, RoundingDivideByPOTRoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundingDivideByPOT(3, 1), 2);     // 1.5
  EXPECT_EQ(RoundingDivideByPOT(-3, 1), -2);   // -1.5
  EXPECT_EQ(RoundingDivideByPOT(5, 1), 3);     // 2.5
  EXPECT_EQ(RoundingDivideByPOT(-5, 1), -3);   // -2.5
  EXPECT_EQ(RoundingDivideByPOT(-5, 2), -1);   // -1.25
  EXPECT_EQ(RoundingDivideByPOT(-6, 2), -2);   // -1.5
  EXPECT_EQ(RoundingDivideByPOT(-7, 2), -2);   // -1.75
  EXPECT_EQ(RoundingDivideByPOT(7, 0), 7);
  EXPECT_EQ(RoundingDivideByPOT(-7, 0), -7);
  EXPECT_EQ(RoundingDivideByPOT(kMax, 31), 1);   // 0.99999...
  EXPECT_EQ(RoundingDivideByPOT(kMin, 31), -1);  // exactly -1
  EXPECT_EQ(RoundingDivideByPOT(kHalf, 31), 1);  // 0.5
  EXPECT_EQ(RoundingDivideByPOT(-kHalf, 31), -1);
  EXPECT_EQ(RoundingDivideByPOT(kHalf - 1, 31), 0);
  EXPECT_EQ(RoundingDivideByPOT(kMin, 1), kMin / 2);
  EXPECT_EQ(RoundingDivideByPOT(kMax, 1), kHalf);  // 2^30 - 0.5 rounds up
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierByHand) {
  // 100 * 0.5 = 50; * 2^-1 = 25; * 2^-2 = 12.5 -> 13 (after an exact 50), -12.5 -> -13.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(100, kHalf, 0), 50);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(100, kHalf, -1), 25);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(100, kHalf, -2), 13);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-100, kHalf, -2), -13);
  // A positive shift is exact before the multiply: 1000 * 4 * 0.5.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(1000, kHalf, 2), 2000);
  // Double rounding: 1 * 0.75 * 2^-1 = 0.375 is 0 rounded once, but 0.75 first rounds to 1 and
  // 1 / 2 = 0.5 then rounds to 1. TFLite's default build gives 1.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(1, 1610612736, -1), 1);
  // Extremes: 0 stays 0; INT32_MIN * (2^31 - 1) / 2^31 / 2^31 = -1 + 2^-31 -> -1.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(0, kMax, 30), 0);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(kMin, kMax, -31), -1);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(kMax, kMax, -31), 1);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(kMin, kMin, 0), kMax);  // the saturating product
}

// The same computation from its definition, in 64 bits (|x * 2^left| < 2^31 and multiplier < 2^31,
// so the product fits): x * 2^left, then round(p / 2^31) with ties toward +infinity
// (floor(p / 2^31 + 1/2)), then round(v / 2^right) with ties away from zero.
int32_t ReferenceMultiply(int32_t x, int32_t multiplier, int shift) {
  const int left = std::max(shift, 0), right = std::max(-shift, 0);
  const int64_t p = (static_cast<int64_t>(x) << left) * multiplier;
  const int64_t v = (p + (int64_t{1} << 30)) >> 31;  // arithmetic shift: floor
  if (right == 0) return static_cast<int32_t>(v);
  const int64_t magnitude = ((v < 0 ? -v : v) + (int64_t{1} << (right - 1))) >> right;
  return static_cast<int32_t>(v < 0 ? -magnitude : magnitude);
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierMatchesItsDefinitionForEveryShift) {
  std::mt19937 rng(11);
  int checked = 0;
  for (int shift = -31; shift <= 30; ++shift) {
    const int left = std::max(shift, 0);
    // x * 2^left must fit in int32.
    const int32_t limit = static_cast<int32_t>((int64_t{1} << (31 - left)) - 1);
    std::uniform_int_distribution<int32_t> xs(-limit - 1, limit);
    std::uniform_int_distribution<int32_t> ms(kHalf, kMax);
    const int32_t edges[] = {0, 1, -1, limit, -limit - 1, limit / 2, -(limit / 2)};
    for (int i = 0; i < 2000; ++i) {
      const int32_t x = i < 7 ? edges[i] : xs(rng);
      const int32_t m = i % 3 == 0 ? kHalf : i % 3 == 1 ? kMax : ms(rng);
      ASSERT_EQ(MultiplyByQuantizedMultiplier(x, m, shift), ReferenceMultiply(x, m, shift))
          << "x " << x << " multiplier " << m << " shift " << shift;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 62 * 2000);
}

TEST(FixedPoint, QuantizedRanges) {
  QuantizedRange r;
  ASSERT_TRUE(GetQuantizedRange(tflite::TensorType_INT8, &r));
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, 127);
  ASSERT_TRUE(GetQuantizedRange(tflite::TensorType_UINT8, &r));
  EXPECT_EQ(r.max, 255);
  ASSERT_TRUE(GetQuantizedRange(tflite::TensorType_INT16, &r));
  EXPECT_EQ(r.min, -32768);
  EXPECT_FALSE(GetQuantizedRange(tflite::TensorType_INT32, &r));
}

TEST(FixedPoint, QuantizeActivationRange) {
  const QuantizedRange int8{-128, 127};
  auto range = [&](tflite::ActivationFunctionType act, float scale, int32_t zp) {
    ActivationRange a;
    EXPECT_TRUE(GetActivationRange(act, &a));
    const QuantizedRange q = QuantizeActivationRange(a, {scale, zp}, int8);
    return std::make_pair(q.min, q.max);
  };
  EXPECT_EQ(range(tflite::ActivationFunctionType_NONE, 0.05f, -10), std::make_pair(-128, 127));
  EXPECT_EQ(range(tflite::ActivationFunctionType_RELU, 0.05f, -10), std::make_pair(-10, 127));
  // 6 / 0.05 = 120 (in float): -10 + 120.
  EXPECT_EQ(range(tflite::ActivationFunctionType_RELU6, 0.05f, -10), std::make_pair(-10, 110));
  EXPECT_EQ(range(tflite::ActivationFunctionType_RELU6, 0.01f, 0), std::make_pair(0, 127));
  EXPECT_EQ(range(tflite::ActivationFunctionType_RELU_N1_TO_1, 0.1f, 3), std::make_pair(-7, 13));
  // 1 / 0.4f = 2.49999996 rounds to 2.5f in float, then away from zero: 3 and -3.
  EXPECT_EQ(range(tflite::ActivationFunctionType_RELU_N1_TO_1, 0.4f, 0), std::make_pair(-3, 3));
}

}  // namespace
}  // namespace litescope
