// The pieces the hybrid (dynamic-range) recurrent kernels share (SVDF, LSTM and
// UNIDIRECTIONAL_SEQUENCE_LSTM): constant INT8 weights with one scale and zero point 0, and float
// rows quantized to int8 at run time, multiplied as tensor_utils::MatrixBatchVectorMultiplyAccumulate
// does it:
//   out[r][u] += float(sum_k w[u][k] * q[r][k] - row_sum[u] * offset[r]) * (row_scale[r] * w_scale)
//
//   HybridMatrix w;
//   LITESCOPE_RETURN_IF_ERROR(PrepareHybridMatrix(ctx, 1, "weights_feature", &w));
//   QuantizedRows rows(batch, depth);
//   rows.Quantize(x, depth, asymmetric);
//   rows.MultiplyAccumulate(w, out, units);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernels/internal/hybrid_input.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// Weights [rows, depth] (a 1-D tensor is one row); the row sums serve the asymmetric offset.
struct HybridMatrix {
  const int8_t* data = nullptr;
  int rows = 0, depth = 0;
  float scale = 1.0f;
  std::vector<int32_t> row_sums;
};

// Prepare: input `input` must be constant INT8 with one finite scale > 0 and zero point 0. The row
// sums are taken here once, as TFLite does at its first invoke.
Status PrepareHybridMatrix(const OpContext& ctx, int input, const std::string& what, HybridMatrix* m);

// Prepare: the same rules; the weights dequantized to float (w * scale, as TFLite's
// VectorScalarMultiply and the SVDF's weights_time do).
Status DequantizeHybridWeights(const OpContext& ctx, int input, const std::string& what, std::vector<float>* out);

// A batch of float rows quantized per row (tensor_utils::BatchQuantizeFloats).
class QuantizedRows {
 public:
  QuantizedRows() = default;
  QuantizedRows(int rows, int depth);

  // Row r is x[r * stride .. r * stride + depth).
  void Quantize(const float* x, int64_t stride, bool asymmetric);
  // out[r * out_stride + u] += the scaled dot product of row r with weights row u.
  void MultiplyAccumulate(const HybridMatrix& m, float* out, int64_t out_stride) const;

 private:
  int rows_ = 0, depth_ = 0;
  std::vector<int8_t> q_;
  std::vector<InputQuantization> params_;
};

}  // namespace litescope
