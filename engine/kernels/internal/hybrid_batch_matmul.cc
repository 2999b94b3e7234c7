// Hybrid BATCH_MATMUL arithmetic (see hybrid_batch_matmul.h): run-time int8 quantization of the rows
// of x, int32 dot products with the int8 y, float rescaling.
#include "engine/kernels/internal/hybrid_batch_matmul.h"

#include <span>
#include <string>

#include "engine/kernels/internal/fixed_point.h"

namespace litescope {

Status HybridBatchMatMul::Prepare(const OpContext& ctx, const BatchMatMulGeometry& g, const Tensor& x,
                                  const Tensor& y, const Tensor& output, bool asymmetric) {
  if (output.type != tflite::TensorType_FLOAT32) {
    return ctx.Error(std::string("hybrid BATCH_MATMUL: the output is ") + tflite::EnumNameTensorType(output.type) +
                     "; FLOAT32 expected");
  }
  // TFLite's hybrid kernel (the versions we match) multiplies by the legacy single scale only.
  if (y.quant.scale.size() != 1) {
    return ctx.Error("hybrid BATCH_MATMUL: the INT8 y needs one scale, has " + std::to_string(y.quant.scale.size()) +
                     " (per-channel hybrid weights are not implemented)");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, y.quant.scale, "hybrid BATCH_MATMUL: y"));
  if (!y.quant.zero_point.empty() && y.quant.zero_point[0] != 0) {
    return ctx.Error("hybrid BATCH_MATMUL: the INT8 y must have zero point 0 (symmetric weights)");
  }
  // Quantized rows lie in [-128, 127] (asymmetric) and y in [-128, 127]; the offset term is apart.
  LITESCOPE_RETURN_IF_ERROR(CheckInt32Sums(ctx, g.depth, tflite::TensorType_INT8, 0, tflite::TensorType_INT8, 0));
  asymmetric_ = asymmetric;
  constant_y_ = ctx.input_is_constant(1);
  row_.assign(static_cast<size_t>(g.depth), 0.0f);
  quantized_.assign(static_cast<size_t>(x.elements()), 0);
  row_q_.assign(static_cast<size_t>(ElementCount(g.x_batch) * g.rows), {});
  if (asymmetric_ && constant_y_) SumColumns(g, y.data<int8_t>());
  return Status::Ok();
}

void HybridBatchMatMul::QuantizeRows(const BatchMatMulGeometry& g, const float* x) {
  const int64_t matrices = ElementCount(g.x_batch);
  for (int64_t m = 0; m < matrices; ++m) {
    for (int i = 0; i < g.rows; ++i) {
      const float* xm = x + m * g.XMatrix() + i * g.xi;
      for (int k = 0; k < g.depth; ++k) row_[static_cast<size_t>(k)] = xm[k * g.xk];
      const int64_t r = m * g.rows + i;
      int8_t* q = quantized_.data() + r * g.depth;
      row_q_[static_cast<size_t>(r)] = asymmetric_ ? AsymmetricQuantize(row_, q) : SymmetricQuantize(row_, q);
    }
  }
}

void HybridBatchMatMul::SumColumns(const BatchMatMulGeometry& g, const int8_t* y) {
  const int64_t matrices = ElementCount(g.y_batch);
  column_sums_.assign(static_cast<size_t>(matrices * g.cols), 0);
  for (int64_t m = 0; m < matrices; ++m) {
    for (int j = 0; j < g.cols; ++j) {
      int32_t sum = 0;
      for (int k = 0; k < g.depth; ++k) sum += y[m * g.YMatrix() + k * g.yk + j * g.yj];
      column_sums_[static_cast<size_t>(m * g.cols + j)] = sum;
    }
  }
}

void HybridBatchMatMul::Eval(const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y, Tensor& output) {
  const int8_t* w = y.data<int8_t>();
  const float y_scale = y.quant.scale[0];
  float* out = output.data<float>();
  QuantizeRows(g, x.data<float>());
  if (asymmetric_ && !constant_y_) SumColumns(g, w);  // y fed at run time
  g.ForEachMatrix([&](int64_t ob, int64_t xb, int64_t yb) {
    const int8_t* ym = w + yb * g.YMatrix();
    float* om = out + ob * g.OutMatrix();
    const int32_t* sums = asymmetric_ ? column_sums_.data() + yb * g.cols : nullptr;
    for (int i = 0; i < g.rows; ++i) {
      const int64_t r = xb * g.rows + i;  // quantized rows are stored [x matrix][row][depth]
      const InputQuantization& iq = row_q_[static_cast<size_t>(r)];
      const int8_t* q = quantized_.data() + r * g.depth;
      const float scale = iq.scale * y_scale;
      for (int j = 0; j < g.cols; ++j) {
        int32_t dot = 0;
        for (int k = 0; k < g.depth; ++k) dot += q[k] * ym[k * g.yk + j * g.yj];
        if (sums != nullptr) {
          dot = static_cast<int32_t>(static_cast<float>(dot) -
                                     static_cast<float>(sums[j]) * static_cast<float>(iq.offset));
        }
        om[int64_t{i} * g.cols + j] = scale * static_cast<float>(dot);
      }
    }
  });
}

}  // namespace litescope
