// TFLite's integer requantization arithmetic (kernels/internal/common.h, quantization_util.cc,
// gemmlowp's fixedpoint.h), written from its semantics, and the per-tensor quantization
// parameters that quantized kernels validate in Prepare.
//
// A real multiplier m is stored as a Q31 `multiplier` in [2^30, 2^31) and a power-of-two `shift`:
// m ~= multiplier * 2^(shift - 31).
//
//   int32_t multiplier; int shift;
//   QuantizeMultiplier(input_scale / output_scale, &multiplier, &shift);
//   int32_t q = MultiplyByQuantizedMultiplier(x - input_zp, multiplier, shift) + output_zp;
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// quantization_util.cc QuantizeMultiplier: frexp splits m into q * 2^shift with q in [0.5, 1);
// q * 2^31 is rounded half away from zero; a q that rounds up to 2^31 becomes 2^30 with shift + 1;
// a shift below -31 (m < ~2^-32) gives multiplier 0, shift 0; m == 0 gives 0, 0. Shifts above
// 30 are left as they are (TFLite clamps them only with TFLITE_SINGLE_ROUNDING).
void QuantizeMultiplier(double m, int32_t* multiplier, int* shift);

// round(a * b / 2^31), half away from zero; the one product that overflows,
// INT32_MIN * INT32_MIN, saturates to INT32_MAX.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == std::numeric_limits<int32_t>::min() && b == a) return std::numeric_limits<int32_t>::max();
  const int64_t ab = static_cast<int64_t>(a) * b;
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));  // division truncates toward zero
}

// round(x / 2^exponent), half away from zero, for exponent in [0, 31].
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * multiplier * 2^(shift - 31) for shift in [-31, 30], rounded as TFLite's default build does.
// common.cc has two versions: with TFLITE_SINGLE_ROUNDING=1 one 64-bit product and one rounding
// shift; by default (common.h defines TFLITE_SINGLE_ROUNDING 0) this double-rounding one: an
// exact left shift for a positive shift (wrapping on overflow, as TFLite's int32 multiply does in
// practice), SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT for a negative shift.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  const auto shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, multiplier), right);
}

// common.cc's MultiplyByQuantizedMultiplier(int64_t x, ...), the requantization of the 16x8
// kernels' int64 sums, as TFLite's default (double-rounding) build computes it: the Q31
// multiplier is first rounded to Q15 (saturating at 0x7FFF), then x * multiplier is shifted right
// by 15 - shift with rounding half up, and the result truncated to int32. TFLite assumes
// |x| < 2^47 and shift in [-31, 7]; callers must keep shift <= 14.
inline int32_t MultiplyByQuantizedMultiplier64(int64_t x, int32_t multiplier, int shift) {
  const int64_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t rounded = x * reduced + (int64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

// The integer range of a quantized element type: INT8, UINT8, INT16 (false for any other).
struct QuantizedRange {
  int32_t min = 0;
  int32_t max = 0;
};
bool GetQuantizedRange(tflite::TensorType type, QuantizedRange* range);

// A tensor's per-tensor quantization: real = scale * (q - zero_point).
struct TensorQuantization {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Reads the single scale and zero point of `t` (called `what` in errors): one scale, finite and
// > 0, a zero point within the range of t's type (INT8, UINT8, INT16), 0 for INT16 as TFLite
// requires.
Status GetTensorQuantization(const OpContext& ctx, const Tensor& t, const std::string& what,
                             TensorQuantization* q);

// Checks that every scale in `scales` (of `what`) is finite and > 0.
Status CheckScales(const OpContext& ctx, const std::vector<float>& scales, const std::string& what);

// Prepare, for 8-bit kernels: int32 sums of `terms` products (x - input_zp) * (w - weights_zp)
// must not overflow, whatever the values (TFLite's kernels would wrap silently). The bound takes
// the largest |x - input_zp| and |w - weights_zp| the two types allow.
Status CheckInt32Sums(const OpContext& ctx, int64_t terms, tflite::TensorType input_type, int32_t input_zp,
                      tflite::TensorType weights_type, int32_t weights_zp);

// kernel_util.cc CalculateActivationRangeQuantized: the fused activation's bounds quantized with
// the output's scale and zero point (zero_point + round(bound / scale), in float), within `range`.
QuantizedRange QuantizeActivationRange(const ActivationRange& activation, const TensorQuantization& output,
                                       QuantizedRange range);

}  // namespace litescope
