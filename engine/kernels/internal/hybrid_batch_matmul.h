// Hybrid (dynamic-range) BATCH_MATMUL: FLOAT32 x and output, INT8 y with one scale (zero point 0),
// as TFLite's batch_matmul.cc EvalHybrid computes it: every row of x (a row of the product, read
// along the inner dimension) is quantized to int8 at run time (symmetric, or asymmetric with the
// asymmetric_quantize_inputs option), the int32 dot products are scaled back to float:
//   dot = sum_k q[i][k] * y[k][j];  dot = int32(float(dot) - float(colsum_y[j]) * float(offset[i]))
//   out[i][j] = (row_scale[i] * y_scale) * float(dot)
// (TFLite subtracts the offset term in float and truncates, which matters only past 2^24.)
//
//   HybridBatchMatMul h;
//   LITESCOPE_RETURN_IF_ERROR(h.Prepare(ctx, geometry_, *ctx.input(1), *ctx.output(0), asymmetric));
//   h.Eval(geometry_, *ctx.input(0), *ctx.input(1), *ctx.output(0));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/batch_matmul.h"
#include "engine/kernels/internal/hybrid_input.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class HybridBatchMatMul {
 public:
  Status Prepare(const OpContext& ctx, const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y,
                 const Tensor& output, bool asymmetric);
  void Eval(const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y, Tensor& output);

 private:
  void QuantizeRows(const BatchMatMulGeometry& g, const float* x);
  void SumColumns(const BatchMatMulGeometry& g, const int8_t* y);

  bool asymmetric_ = false, constant_y_ = false;
  std::vector<float> row_;                 // one row of x, gathered (adj_x reads it strided)
  std::vector<int8_t> quantized_;          // every row of x, [x matrices][rows][depth]
  std::vector<InputQuantization> row_q_;   // per row of x
  std::vector<int32_t> column_sums_;       // of y, [y matrices][cols], for the asymmetric offset
};

}  // namespace litescope
