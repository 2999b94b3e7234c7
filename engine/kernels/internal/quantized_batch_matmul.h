// Quantized BATCH_MATMUL, as TFLite's batch_matmul.cc computes it (reference_ops::BatchMatMul with
// FullyConnectedParams; TFLite's optimized INT8 path gives the same sums):
//   INT8: x, y and output INT8, one scale and zero point each (TFLite reads only the legacy
//   per-tensor scale, so per-channel y scales are rejected); sums in int32.
//   INT16: x, y and output INT16, zero points 0; sums in int64.
//
//   acc = sum_k (x[i][k] - x_zp) * (y[k][j] - y_zp)
//   out = clamp(MultiplyByQuantizedMultiplier(acc, M, shift) + out_zp, the output type's range)
//
// with M, shift from float(x_scale * y_scale) / out_scale (GetQuantizedConvolutionMultipler
// multiplies the two scales in float); BATCH_MATMUL has no fused activation.
//
//   QuantizedBatchMatMul q;
//   LITESCOPE_RETURN_IF_ERROR(q.Prepare(ctx, geometry_, *ctx.input(0), *ctx.input(1), *ctx.output(0)));
//   q.Eval(geometry_, *ctx.input(0), *ctx.input(1), *ctx.output(0));
#pragma once

#include <cstdint>

#include "engine/kernels/internal/batch_matmul.h"
#include "engine/kernels/internal/fixed_point.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class QuantizedBatchMatMul {
 public:
  // Checks types and quantization (errors name the tensor and the rule) and computes the multiplier.
  Status Prepare(const OpContext& ctx, const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y,
                 const Tensor& output);
  void Eval(const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y, Tensor& output) const;

 private:
  template <typename T, typename Acc>
  void Run(const BatchMatMulGeometry& g, const T* x, const T* y, T* out) const;

  TensorQuantization x_q_, y_q_, out_q_;
  int32_t multiplier_ = 0;
  int shift_ = 0;
  QuantizedRange clamp_;
};

}  // namespace litescope
