// The float32 kernel shared by ops that transform each vector along the last axis on its own
// (LOG_SOFTMAX, L2_NORMALIZATION, LOCAL_RESPONSE_NORMALIZATION): the output has the input's
// shape; each op file validates its options and rank and computes one row.
//
//   struct LogSoftmaxOp {
//     Status Configure(const OpContext& ctx, size_t rank) { return Status::Ok(); }
//     void Row(const float* x, float* y, int64_t depth) const { ... }
//   };
//   std::unique_ptr<Kernel> MakeLogSoftmax() { return Make<FloatRowsKernel<LogSoftmaxOp>>(); }
#pragma once

#include "engine/kernels/internal/checks.h"
#include "engine/runtime/kernel.h"

namespace litescope {

template <typename Op>
class FloatRowsKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1) return ctx.Error("needs one input and one output");
    if (ctx.input(0) == nullptr) return ctx.Error("the input is missing");
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0}));
    if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    const Shape& shape = ctx.input(0)->shape;
    if (shape.empty()) return ctx.Error("needs an input of rank >= 1 (got a scalar)");
    LITESCOPE_RETURN_IF_ERROR(op_.Configure(ctx, shape.size()));
    return ctx.ResizeOutput(0, shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const int64_t depth = in.shape.back();
    if (in.elements() == 0) return Status::Ok();
    const float* x = in.data<float>();
    float* y = ctx.output(0)->data<float>();
    for (int64_t r = 0, rows = in.elements() / depth; r < rows; ++r) op_.Row(x + r * depth, y + r * depth, depth);
    return Status::Ok();
  }

 private:
  Op op_;
};

}  // namespace litescope
