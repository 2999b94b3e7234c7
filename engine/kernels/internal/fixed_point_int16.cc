#include "engine/kernels/internal/fixed_point_int16.h"

#include <algorithm>
#include <limits>

namespace litescope::fp16 {
namespace {

constexpr int16_t kOne = std::numeric_limits<int16_t>::max();  // 1 in Q0.15 (not representable)

// gemmlowp's int16 Add / Sub / Neg: int arithmetic cast back to int16 (wrapping).
int16_t Add(int16_t a, int16_t b) { return static_cast<int16_t>(a + b); }
int16_t Sub(int16_t a, int16_t b) { return static_cast<int16_t>(a - b); }
int16_t Neg(int16_t a) { return static_cast<int16_t>(-a); }
int16_t SaturatingAdd(int16_t a, int16_t b) { return static_cast<int16_t>(std::clamp(a + b, -32768, 32767)); }
int16_t Mul(int16_t a, int16_t b) { return SaturatingRoundingDoublingHighMul(a, b); }

// GEMMLOWP_CHECKED_FIXEDPOINT_CONSTANT for int16: the Q31 raw constant rounded by 2^-16.
int16_t Constant(int32_t raw32) {
  const int32_t mask = (1 << 16) - 1;
  const int32_t remainder = raw32 & mask;
  const int32_t threshold = (mask >> 1) + (raw32 < 0 ? 1 : 0);
  return static_cast<int16_t>((raw32 >> 16) + (remainder > threshold ? 1 : 0));
}

// (a + b) / 2 rounded half away from zero.
int16_t RoundingHalfSum(int16_t a, int16_t b) {
  const int32_t sum = int32_t{a} + b;
  return static_cast<int16_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a in [-1/4, 0), Q0.15: a Taylor expansion around -1/8.
int16_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int16_t a) {
  const int16_t constant_term = Constant(1895147668);  // exp(-1/8)
  const int16_t one_third = Constant(715827883);
  const int16_t x = Add(a, int16_t{1 << 12});  // a + 1/8
  const int16_t x2 = Mul(x, x), x3 = Mul(x2, x), x4 = Mul(x2, x2);
  const int16_t x4_over_4 = RoundingDivideByPOT(x4, 2);
  const int16_t poly = RoundingDivideByPOT(Add(Mul(Add(x4_over_4, x3), one_third), x2), 1);
  return SaturatingAdd(constant_term, Mul(constant_term, Add(x, poly)));
}

// Newton-Raphson reciprocal of half_denominator in [1/2, 1), in Q2.13 (three iterations).
int16_t ReciprocalOfHalfDenominator(int16_t half_denominator) {
  const int16_t c48_over_17 = Constant(1515870810), c_neg32_over_17 = Constant(-1010580540);
  constexpr int16_t kOneQ2 = 1 << 13;
  int16_t x = Add(c48_over_17, Mul(half_denominator, c_neg32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int16_t one_minus = Sub(kOneQ2, Mul(half_denominator, x));
    x = Add(x, SaturatingRoundingMultiplyByPOT(Mul(x, one_minus), 2));  // Q4.11 -> Q2.13
  }
  return x;
}

// 1 / (1 + a) for a in (0, 1), Q0.15.
int16_t OneOverOnePlusX(int16_t a) {
  return SaturatingRoundingMultiplyByPOT(ReciprocalOfHalfDenominator(RoundingHalfSum(a, kOne)), 1);
}

// (1 - a) / (1 + a) for a in (0, 1), Q0.15.
int16_t OneMinusXOverOnePlusX(int16_t a) {
  return SaturatingRoundingMultiplyByPOT(Sub(ReciprocalOfHalfDenominator(RoundingHalfSum(a, kOne)), int16_t{1 << 13}), 2);
}

}  // namespace

int16_t SaturatingRoundingDoublingHighMul(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
  const int32_t ab = int32_t{a} * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

int16_t RoundingDivideByPOT(int16_t x, int exponent) {
  const int32_t mask = (1 << exponent) - 1;
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

int16_t RoundingDivideByPOT32(int32_t x, int exponent) {
  const int64_t mask = (int64_t{1} << exponent) - 1;
  const int64_t remainder = x & mask;
  const int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

int16_t SaturatingRoundingMultiplyByPOT(int16_t x, int exponent) {
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  if (exponent == 0) return x;
  const int32_t threshold = (1 << (15 - exponent)) - 1;
  if (x > threshold) return std::numeric_limits<int16_t>::max();
  if (x < -threshold) return std::numeric_limits<int16_t>::min();
  return static_cast<int16_t>(x * (1 << exponent));
}

int16_t ExpOnNegativeValues(int16_t a, int integer_bits) {
  const int fractional_bits = 15 - integer_bits;
  const int16_t one_quarter = static_cast<int16_t>(1 << (fractional_bits - 2));
  const int16_t a_mod_quarter_minus_quarter = Sub(static_cast<int16_t>(a & (one_quarter - 1)), one_quarter);
  int16_t result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      SaturatingRoundingMultiplyByPOT(a_mod_quarter_minus_quarter, integer_bits));
  const int16_t remainder = Sub(a_mod_quarter_minus_quarter, a);
  // exp(-2^e) for e = -2 .. 4, applied for each bit of the remainder.
  static constexpr int32_t kMultipliers[] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int e = -2; e <= 4; ++e) {
    if (integer_bits > e && (remainder & (1 << (fractional_bits + e))) != 0) {
      result = Mul(result, Constant(kMultipliers[e + 2]));
    }
  }
  if (integer_bits > 5 && a < Constant(-(1 << (36 - integer_bits)))) result = 0;  // below -32
  return a == 0 ? kOne : result;
}

int16_t Logistic(int16_t a, int integer_bits) {
  if (a == 0) return 1 << 14;
  const int16_t magnitude = a > 0 ? a : Neg(a);
  const int16_t positive = OneOverOnePlusX(ExpOnNegativeValues(Neg(magnitude), integer_bits));
  return a > 0 ? positive : Sub(kOne, positive);
}

int16_t Tanh(int16_t a, int integer_bits) {
  if (a == 0) return 0;
  const int16_t non_positive = a < 0 ? a : Neg(a);
  // exp(2 * non_positive): the same raw with one more integer bit.
  const int16_t t = OneMinusXOverOnePlusX(ExpOnNegativeValues(non_positive, integer_bits + 1));
  return a < 0 ? Neg(t) : t;
}

}  // namespace litescope::fp16
