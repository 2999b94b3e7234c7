// CONV_2D, float32: NHWC input, OHWI filter, optional bias, grouped when the filter has fewer
// input channels than the input.
#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/window.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Conv2D : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1, 2}));
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 0, 4));
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 1, 4));
    const auto* o = ctx.options<tflite::Conv2DOptions>();
    if (o == nullptr) return ctx.Error("has no Conv2DOptions");
    if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
    const Shape& in = ctx.input(0)->shape;
    const Shape& f = ctx.input(1)->shape;
    if (f[3] <= 0 || in[3] % f[3] != 0) {
      return ctx.Error("input depth " + std::to_string(in[3]) + " is not a multiple of the filter depth " +
                       std::to_string(f[3]));
    }
    if (f[0] % (in[3] / f[3]) != 0) return ctx.Error("output channels are not a multiple of the groups");
    LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 2, f[0]));
    LITESCOPE_RETURN_IF_ERROR(w_.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(), o->dilation_h_factor(),
                                          o->dilation_w_factor(), in[1], in[2], f[1], f[2]));
    return ctx.ResizeOutput(0, {in[0], w_.out_h, w_.out_w, f[0]});
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& input = *ctx.input(0);
    const Tensor& filter = *ctx.input(1);
    const Tensor* bias = ctx.input(2);
    Tensor& output = *ctx.output(0);
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
    const int out_c = filter.shape[0], k_h = filter.shape[1], k_w = filter.shape[2], f_c = filter.shape[3];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const int per_group = out_c / (in_c / f_c);
    const float* x = input.data<float>();
    const float* w = filter.data<float>();
    const float* b = bias ? bias->data<float>() : nullptr;
    float* y = output.data<float>();
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < out_h; ++oy) {
        for (int ox = 0; ox < out_w; ++ox) {
          for (int oc = 0; oc < out_c; ++oc) {
            const int group = oc / per_group;
            float sum = b ? b[oc] : 0.0f;
            for (int ky = 0; ky < k_h; ++ky) {
              const int iy = oy * w_.stride_h - w_.pad_h + ky * w_.dil_h;
              if (iy < 0 || iy >= in_h) continue;
              for (int kx = 0; kx < k_w; ++kx) {
                const int ix = ox * w_.stride_w - w_.pad_w + kx * w_.dil_w;
                if (ix < 0 || ix >= in_w) continue;
                const float* xp = x + ((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * in_c + group * f_c;
                const float* wp = w + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * f_c;
                for (int ic = 0; ic < f_c; ++ic) sum += xp[ic] * wp[ic];
              }
            }
            y[((static_cast<int64_t>(n) * out_h + oy) * out_w + ox) * out_c + oc] = range_.Apply(sum);
          }
        }
      }
    }
    return Status::Ok();
  }

 private:
  Window w_;
  ActivationRange range_;
};

}  // namespace

std::unique_ptr<Kernel> MakeConv2D() { return Make<Conv2D>(); }

}  // namespace litescope
