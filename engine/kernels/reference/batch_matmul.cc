// BATCH_MATMUL, float32: out[..., i, j] = sum_k x[..., i, k] * y[..., k, j] with x (adj_x) and y
// (adj_y) optionally transposed in their last two dimensions; ranks 2..5, and the batch
// dimensions (all but the last two) broadcast NumPy-style. INT8 and INT16 through
// QuantizedBatchMatMul; FLOAT32 x with INT8 y (hybrid) through HybridBatchMatMul.
#include "engine/kernels/internal/batch_matmul.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/hybrid_batch_matmul.h"
#include "engine/kernels/internal/quantized_batch_matmul.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class BatchMatMul : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 2) return ctx.Error("needs 2 inputs, got " + std::to_string(ctx.input_count()));
    for (int i = 0; i < 2; ++i) {
      if (ctx.input(i) == nullptr) return ctx.Error("input " + std::to_string(i) + " is missing");
    }
    const Tensor& x = *ctx.input(0);
    const Tensor& y = *ctx.input(1);
    quantized_ = x.type == tflite::TensorType_INT8 || x.type == tflite::TensorType_INT16;
    hybrid_ = x.type == tflite::TensorType_FLOAT32 && y.type == tflite::TensorType_INT8;
    const auto* o = ctx.options<tflite::BatchMatMulOptions>();
    LITESCOPE_RETURN_IF_ERROR(
        g_.Compute(ctx, x.shape, y.shape, o != nullptr && o->adj_x(), o != nullptr && o->adj_y()));
    if (quantized_) {
      LITESCOPE_RETURN_IF_ERROR(quantized_bmm_.Prepare(ctx, g_, x, y, *ctx.output(0)));
    } else if (hybrid_) {
      LITESCOPE_RETURN_IF_ERROR(
          hybrid_bmm_.Prepare(ctx, g_, x, y, *ctx.output(0), o != nullptr && o->asymmetric_quantize_inputs()));
    } else {
      LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1}));
      if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    }
    return ctx.ResizeOutput(0, g_.OutputShape());
  }

  Status Eval(OpContext& ctx) override {
    if (quantized_) {
      quantized_bmm_.Eval(g_, *ctx.input(0), *ctx.input(1), *ctx.output(0));
      return Status::Ok();
    }
    if (hybrid_) {
      hybrid_bmm_.Eval(g_, *ctx.input(0), *ctx.input(1), *ctx.output(0));
      return Status::Ok();
    }
    const float* x = ctx.input(0)->data<float>();
    const float* y = ctx.input(1)->data<float>();
    float* out = ctx.output(0)->data<float>();
    g_.ForEachMatrix([&](int64_t ob, int64_t xb, int64_t yb) {
      const float* xm = x + xb * g_.XMatrix();
      const float* ym = y + yb * g_.YMatrix();
      float* om = out + ob * g_.OutMatrix();
      for (int i = 0; i < g_.rows; ++i) {
        for (int j = 0; j < g_.cols; ++j) {
          float sum = 0.0f;
          for (int k = 0; k < g_.depth; ++k) sum += xm[i * g_.xi + k * g_.xk] * ym[k * g_.yk + j * g_.yj];
          om[static_cast<int64_t>(i) * g_.cols + j] = sum;
        }
      }
    });
    return Status::Ok();
  }

 private:
  BatchMatMulGeometry g_;
  bool quantized_ = false, hybrid_ = false;
  QuantizedBatchMatMul quantized_bmm_;
  HybridBatchMatMul hybrid_bmm_;
};

}  // namespace

std::unique_ptr<Kernel> MakeBatchMatMul() { return Make<BatchMatMul>(); }

}  // namespace litescope
