// SOFTMAX, float32: exp(beta * (x - max)) / sum over the last dimension; 8-bit inputs are
// quantized (internal/quantized_softmax.h).
#include <cmath>

#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_softmax.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Softmax : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0}));
    const Tensor& in = *ctx.input(0);
    if (in.shape.empty()) return ctx.Error("needs an input of rank >= 1");
    const auto* o = ctx.options<tflite::SoftmaxOptions>();
    beta_ = o ? o->beta() : 1.0f;
    return ctx.ResizeOutput(0, in.shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const int64_t depth = in.shape.back();
    if (depth == 0) return Status::Ok();
    const int64_t rows = in.elements() / depth;
    const float* x = in.data<float>();
    float* y = ctx.output(0)->data<float>();
    for (int64_t r = 0; r < rows; ++r) {
      const float* xr = x + r * depth;
      float* yr = y + r * depth;
      float max = xr[0];
      for (int64_t i = 1; i < depth; ++i) max = std::max(max, xr[i]);
      float sum = 0.0f;
      for (int64_t i = 0; i < depth; ++i) sum += (yr[i] = std::exp((xr[i] - max) * beta_));
      for (int64_t i = 0; i < depth; ++i) yr[i] /= sum;
    }
    return Status::Ok();
  }

 private:
  float beta_ = 1.0f;
};

}  // namespace

std::unique_ptr<Kernel> MakeSoftmax() { return Make<QuantizedOr<QuantizedSoftmax, Softmax>>(); }

}  // namespace litescope
