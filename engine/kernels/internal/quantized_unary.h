// Quantized elementwise activations as TFLite's activations.cc computes them (INT8, UINT8,
// INT16; input and output of one type). x, y are stored values; zp, s zero points and scales.
//
//   RELU, RELU6, RELU_N1_TO_1 (QuantizedReluX): y = clamp(zp_y + MultiplyByQuantizedMultiplier(
//     x - zp_x, M, shift), lo, hi), M = s_x / s_y, lo/hi = zp_y + round(bound / s_y) within the type
//     (RELU: no upper bound).
//   LEAKY_RELU (QuantizeLeakyRelu): as RELU without the clamp to the bounds, with M = s_x / s_y for
//     x - zp_x >= 0 and M = s_x * alpha / s_y (in float) below.
//   LOGISTIC, TANH, 8-bit (PopulateLookupTable, the path of TFLite's builtin kernels): a table of
//     y = clamp(round(f(s_x (x - zp_x)) / s_y) + zp_y) in float; LOGISTIC needs s_y = 1/256
//     (exactly; any zero point, as TFLite).
//   LOGISTIC, TANH, INT16: internal/quantized_sigmoid_int16.h (a table interpolation, or
//     gemmlowp's fixed point for input scale 2^-12); the output must be Q0.15 (scale 1/32768).
//   HARD_SWISH, 8-bit (reference_ops::HardSwish, 16-bit fixed point): with d = x - zp_x and
//     h = d * 2^7 on the "hires" scale s_x / 128,
//       p = SRDHM16(h, Mo)               p on s_y (before Mo's right shift eo)
//       r = h scaled by Mr = (s_x / 128) / (3 / 32768), saturating: the input on a scale where
//           3.0 is 32768, i.e. relu6(x + 3) / 6 mapped to [-1, 1]; then r = (r + 2^15) >> 1 in [0, 1]
//       y = clamp(RoundingDivideByPOT(SaturatingDoublingHighMul16(r, p), -eo) + zp_y)
//     Mo, Mr are Q15 multipliers (QuantizeMultiplier rounded to 16 bits); eo must be <= 0.
//
// Every op here is a function of one stored value: Prepare tabulates it over the whole type
// (256 or 65536 entries) and Eval looks values up.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/quantized_sigmoid_int16.h"
#include "engine/runtime/kernel.h"

namespace litescope {

enum class QuantizedActivation { kRelu, kRelu6, kReluN1To1, kLeakyRelu, kLogistic, kTanh, kHardSwish };

template <QuantizedActivation kOp>
class QuantizedUnary : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 private:
  Status PrepareParameters(const OpContext& ctx, tflite::TensorType type);
  Status PrepareInt16Sigmoid(const OpContext& ctx);
  // The output value of one stored input value.
  int32_t Compute(int32_t x) const;

  TensorQuantization in_q_, out_q_;
  QuantizedRange clamp_;
  // multiplier_, shift_: s_x / s_y (HARD_SWISH: Mo, eo); multiplier2_, shift2_: the LEAKY_RELU
  // alpha multiplier (HARD_SWISH: Mr, er).
  int32_t multiplier_ = 0, multiplier2_ = 0;
  int shift_ = 0, shift2_ = 0;
  int32_t type_min_ = 0;
  bool int16_sigmoid_ = false;  // INT16 LOGISTIC or TANH: sigmoid_ computes
  Int16Sigmoid sigmoid_;
  std::vector<int32_t> table_;  // table_[x - type_min_]
};

}  // namespace litescope
