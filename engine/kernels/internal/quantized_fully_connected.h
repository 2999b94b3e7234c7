// Quantized FULLY_CONNECTED, as TFLite's reference kernels compute it
// (reference_integer_ops::FullyConnected / FullyConnectedPerChannel, reference_ops::FullyConnected
// for UINT8):
//   INT8 input, INT8 weights (one scale, or one per output unit, zero points 0), INT32 bias, INT8 output;
//   UINT8 input, UINT8 weights (one scale, any zero point), INT32 bias, UINT8 output.
//
//   acc = sum_k (x[k] - input_zp) * (w[u][k] - weights_zp) + bias[u]
//   y   = clamp(MultiplyByQuantizedMultiplier(acc, M[u], shift[u]) + output_zp, activation range)
//
// with M, shift from input_scale * weights_scale[u] / output_scale, computed once in Prepare.
//
//   QuantizedFullyConnected q;
//   LITESCOPE_RETURN_IF_ERROR(q.Prepare(ctx, range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0)));
//   q.Eval(*ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/fixed_point.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class QuantizedFullyConnected {
 public:
  // Checks the types and quantization of the tensors (weights [units, depth]) and computes the
  // output multipliers and the quantized activation range.
  Status Prepare(const OpContext& ctx, const ActivationRange& activation, const Tensor& input, const Tensor& weights,
                 const Tensor* bias, const Tensor& output);
  void Eval(const Tensor& input, const Tensor& weights, const Tensor* bias, Tensor& output) const;

  // What Prepare computed, for the optimized kernel (same arithmetic, gemm_i8.h).
  const TensorQuantization& input_quantization() const { return input_q_; }
  const TensorQuantization& output_quantization() const { return output_q_; }
  int32_t weights_zero_point() const { return weights_zero_point_; }
  const std::vector<int32_t>& multipliers() const { return multiplier_; }
  const std::vector<int>& shifts() const { return shift_; }
  const QuantizedRange& clamp() const { return clamp_; }

 private:
  template <typename T>
  void Compute(const Tensor& input, const Tensor& weights, const Tensor* bias, Tensor& output) const;

  TensorQuantization input_q_, output_q_;
  int32_t weights_zero_point_ = 0;
  std::vector<int32_t> multiplier_;  // one per output unit, or one for all
  std::vector<int> shift_;
  QuantizedRange clamp_;
};

}  // namespace litescope
