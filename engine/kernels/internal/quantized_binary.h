// Quantized ADD, SUB and MUL as TFLite's add.cc, sub.cc and mul.cc compute them (INT8, UINT8,
// INT16; both inputs and the output of one type; NumPy broadcasting; a fused activation).
//
// ADD, SUB (the general path; a and b are the stored values, zp their zero points):
//   a' = MultiplyByQuantizedMultiplier((a - zp_a) << left_shift, Ma, sa)     (b' alike)
//   y  = clamp(MultiplyByQuantizedMultiplier(a' +- b', Mo, so) + zp_y, activation range)
// with left_shift 20 (8-bit) or 15 (INT16), Ma = scale_a / (2 max(scale_a, scale_b)),
// Mb alike, Mo = 2 max(scale_a, scale_b) / (2^left_shift scale_y).
// INT16 with the option pot_scale_int16 (true unless the model says false; false when the op has
// no options table) and power-of-two scales (CheckedLog2, within 1e-3 of an integer log2) takes
// the LSTM path instead: one input may be finer than the output by 2^k and is divided by 2^k
// (rounding); the other must have the output's scale; y = saturate_int16(a +- b), clamped.
//
// MUL: y = clamp(MultiplyByQuantizedMultiplier((a - zp_a) (b - zp_b), M, s) + zp_y, range) with
// M = scale_a * scale_b / scale_y (multiplied in float, as TFLite does).
#pragma once

#include <cstdint>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/runtime/kernel.h"

namespace litescope {

enum class QuantizedArithmetic { kAdd, kSub, kMul };

template <QuantizedArithmetic kOp>
class QuantizedBinary : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 private:
  Status PrepareAddSub(const OpContext& ctx, bool pot_scale_int16, tflite::TensorType type);
  // One output value from two stored input values.
  int32_t Compute(int32_t a, int32_t b) const;
  template <typename T>
  void Run(OpContext& ctx) const;

  TensorQuantization a_q_, b_q_, out_q_;
  bool pot_int16_ = false;  // the INT16 power-of-two path of ADD and SUB
  int left_shift_ = 0;
  int32_t a_multiplier_ = 0, b_multiplier_ = 0, out_multiplier_ = 0;
  int a_shift_ = 0, b_shift_ = 0, out_shift_ = 0;  // POT path: a_shift_, b_shift_ are right shifts
  QuantizedRange clamp_;
};

// quantization_util.cc CheckedLog2: whether x is a power of two within 1e-3 in log2 (in float),
// and the rounded log2.
bool CheckedLog2(float x, int* log2_rounded);

}  // namespace litescope
