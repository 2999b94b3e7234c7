// BATCH_MATMUL, float32: out[..., i, j] = sum_k x[..., i, k] * y[..., k, j] with x (adj_x) and y
// (adj_y) optionally transposed in their last two dimensions; ranks 2..5, and the batch
// dimensions (all but the last two) broadcast NumPy-style.
#include "engine/kernels/internal/broadcast.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class BatchMatMul : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 2) return ctx.Error("needs 2 inputs, got " + std::to_string(ctx.input_count()));
    for (int i = 0; i < 2; ++i) {
      const Tensor* t = ctx.input(i);
      if (t == nullptr) return ctx.Error("input " + std::to_string(i) + " is missing");
      if (t->type == tflite::TensorType_INT8 || t->type == tflite::TensorType_INT16) {
        return ctx.Error("quantized BATCH_MATMUL is not implemented yet");
      }
      if (t->shape.size() < 2 || t->shape.size() > 5) {
        return ctx.Error("input " + std::to_string(i) + " has shape " + ShapeString(t->shape) + "; rank 2 to 5 expected");
      }
    }
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1}));
    if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    const auto* o = ctx.options<tflite::BatchMatMulOptions>();
    adj_x_ = o != nullptr && o->adj_x();
    adj_y_ = o != nullptr && o->adj_y();
    const Shape& x = ctx.input(0)->shape;
    const Shape& y = ctx.input(1)->shape;
    x_batch_.assign(x.begin(), x.end() - 2);
    y_batch_.assign(y.begin(), y.end() - 2);
    if (!BroadcastShapes(x_batch_, y_batch_, &out_batch_)) {
      return ctx.Error("batch dimensions of " + ShapeString(x) + " and " + ShapeString(y) + " do not broadcast");
    }
    const size_t xr = x.size(), yr = y.size();
    rows_ = adj_x_ ? x[xr - 1] : x[xr - 2];
    depth_ = adj_x_ ? x[xr - 2] : x[xr - 1];
    cols_ = adj_y_ ? y[yr - 2] : y[yr - 1];
    const int32_t y_depth = adj_y_ ? y[yr - 1] : y[yr - 2];
    if (depth_ != y_depth) {
      return ctx.Error("cannot multiply " + ShapeString(x) + (adj_x_ ? " (adj_x)" : "") + " by " + ShapeString(y) +
                       (adj_y_ ? " (adj_y)" : "") + ": inner dimensions " + std::to_string(depth_) + " and " +
                       std::to_string(y_depth) + " differ");
    }
    Shape out = out_batch_;
    out.push_back(rows_);
    out.push_back(cols_);
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    const float* x = ctx.input(0)->data<float>();
    const float* y = ctx.input(1)->data<float>();
    float* out = ctx.output(0)->data<float>();
    const int64_t x_mat = static_cast<int64_t>(rows_) * depth_, y_mat = static_cast<int64_t>(depth_) * cols_;
    const int64_t out_mat = static_cast<int64_t>(rows_) * cols_;
    // Element strides of (row i, inner k) in x and (inner k, column j) in y.
    const int64_t xi = adj_x_ ? 1 : depth_, xk = adj_x_ ? rows_ : 1;
    const int64_t yk = adj_y_ ? 1 : cols_, yj = adj_y_ ? depth_ : 1;
    ForEachBroadcast(x_batch_, y_batch_, out_batch_, [&](int64_t ob, int64_t xb, int64_t yb) {
      const float* xm = x + xb * x_mat;
      const float* ym = y + yb * y_mat;
      float* om = out + ob * out_mat;
      for (int i = 0; i < rows_; ++i) {
        for (int j = 0; j < cols_; ++j) {
          float sum = 0.0f;
          for (int k = 0; k < depth_; ++k) sum += xm[i * xi + k * xk] * ym[k * yk + j * yj];
          om[static_cast<int64_t>(i) * cols_ + j] = sum;
        }
      }
    });
    return Status::Ok();
  }

 private:
  bool adj_x_ = false, adj_y_ = false;
  int32_t rows_ = 0, depth_ = 0, cols_ = 0;
  Shape x_batch_, y_batch_, out_batch_;
};

}  // namespace

std::unique_ptr<Kernel> MakeBatchMatMul() { return Make<BatchMatMul>(); }

}  // namespace litescope
