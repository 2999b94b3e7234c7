// Hybrid (dynamic-range) FULLY_CONNECTED: FLOAT32 input and output, INT8 weights with one scale
// (zero point 0), FLOAT32 bias, computed as TFLite's builtin kernel does (fully_connected.cc
// EvalHybrid): each input row is quantized to int8 at run time (symmetric, or asymmetric with
// the asymmetric_quantize_inputs option), the int32 dot products are scaled back to float,
//   out[u] = act(bias[u] + float(sum_k w[u][k] * (q[k] - offset)) * (row_scale * weights_scale))
// (the offset term as weights row sum * offset).
//
//   HybridFullyConnected h;
//   LITESCOPE_RETURN_IF_ERROR(h.Prepare(ctx, *ctx.input(1), *ctx.output(0), asymmetric));
//   h.Eval(range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class HybridFullyConnected {
 public:
  Status Prepare(const OpContext& ctx, const Tensor& weights, const Tensor& output, bool asymmetric);
  void Eval(const ActivationRange& range, const Tensor& input, const Tensor& weights, const Tensor* bias,
            Tensor& output);

 private:
  void SumRows(const Tensor& weights);

  bool asymmetric_ = false, constant_weights_ = false;
  std::vector<int8_t> quantized_;  // one input row
  std::vector<int32_t> row_sums_;  // of the weights, for the asymmetric offset
};

}  // namespace litescope
