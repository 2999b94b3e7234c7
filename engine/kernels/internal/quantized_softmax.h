// Quantized SOFTMAX over the last dimension as TFLite's builtin kernel (activations.cc) computes it.
//
// 8-bit inputs (UINT8 -> UINT8 or INT16, INT8 -> INT8 or INT16; PopulateSoftmaxLookupTable and the
// float-table Softmax of optimized_ops; TFLite uses its uint16 table variant only on aarch64):
//   table[255 - v] = expf(-s_x * beta * v), v = 0 .. 255 (in float)
//   per row: m = max x; e(x) = table[255 - m + x]
//   sum = e(x_0) + e(x_1) + ... (float, in order); inv = 1 / (sum * s_y)
//   y = clamp(round(e(x) * inv) + zp_y)   (UINT8 output: (int)(e(x) * inv + 0.5f) + zp_y)
// INT8 -> INT8 needs zp_y -128 and s_y within 0.1% of 1/256; other outputs take any quantization.
//
// INT16 -> INT16 (reference_ops::SoftmaxInt16; zero points 0, s_y within 0.1% of 1/32768):
//   d = MultiplyByQuantizedMultiplier(x - m, M, shift), M = s_x * beta / (10 / 65535), so that
//       [-65535, 0] is [-10, 0]; e = LookupInt16Lut(exp table over [-10, 0], clamp(d + 32767))
//   sum = sum of e (Q16.15); h = CountLeadingZeros(sum);
//   s = ((sum << (h - 1)) + 2^13) >> 14, sum normalized to [1, 2) in Q1.15 (as [32768, 65535]);
//   r = LookupInt16Lut(1 / (1 + x) table over [0, 1], clamp(s - 98304)), 1 / sum in Q0.15;
//   y = clamp((e * r + 2^(30 - h)) >> (31 - h), 0, 32767)
#pragma once

#include <array>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/quantized_lut.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class QuantizedSoftmax : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 private:
  template <typename In, typename Out>
  void RunTable(const Tensor& in, Tensor& out) const;
  void RunInt16(const Tensor& in, Tensor& out) const;

  std::array<float, 256> table_{};  // 8-bit inputs
  TensorQuantization out_q_;
  int32_t multiplier_ = 0;  // INT16 input
  int shift_ = 0;
};

}  // namespace litescope
