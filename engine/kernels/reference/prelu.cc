// PRELU, float32: x where x >= 0, x * alpha elsewhere, with alpha broadcast against the input;
// as in TFLite the broadcast may not grow the input (the output keeps the input's shape).
#include "engine/kernels/internal/broadcast.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Prelu : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 2 || ctx.input(0) == nullptr || ctx.input(1) == nullptr) {
      return ctx.Error("needs two inputs: the input and alpha");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1}));
    if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    const Shape& in = ctx.input(0)->shape;
    const Shape& alpha = ctx.input(1)->shape;
    Shape out;
    if (!BroadcastShapes(in, alpha, &out) || out != in) {
      return ctx.Error("alpha of shape " + ShapeString(alpha) + " does not broadcast to the input shape " +
                       ShapeString(in));
    }
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const Tensor& alpha = *ctx.input(1);
    const float* x = in.data<float>();
    const float* a = alpha.data<float>();
    float* y = ctx.output(0)->data<float>();
    ForEachBroadcast(in.shape, alpha.shape, in.shape,
                     [&](int64_t o, int64_t ix, int64_t ia) { y[o] = x[ix] >= 0.0f ? x[ix] : x[ix] * a[ia]; });
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakePrelu() { return Make<Prelu>(); }

}  // namespace litescope
