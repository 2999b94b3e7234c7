// The float32 pooling kernel shared by AVERAGE_POOL_2D and MAX_POOL_2D: each op file supplies
// how a window is reduced. Windows are clipped to the input: padding never enters a result,
// and the average divides by the number of input elements inside the window.
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/window.h"

namespace litescope {

// Reduce: struct { static float Init(); static float Add(float acc, float x);
//                  static float Finish(float acc, int count); }
template <typename Reduce>
class FloatPoolKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0}));
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 0, 4));
    const auto* o = ctx.options<tflite::Pool2DOptions>();
    if (o == nullptr) return ctx.Error("has no Pool2DOptions");
    if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
    const Shape& in = ctx.input(0)->shape;
    k_h_ = o->filter_height();
    k_w_ = o->filter_width();
    LITESCOPE_RETURN_IF_ERROR(w_.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(), 1, 1, in[1], in[2], k_h_, k_w_));
    return ctx.ResizeOutput(0, {in[0], w_.out_h, w_.out_w, in[3]});
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& input = *ctx.input(0);
    Tensor& output = *ctx.output(0);
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], depth = input.shape[3];
    const float* x = input.data<float>();
    float* y = output.data<float>();
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < w_.out_h; ++oy) {
        for (int ox = 0; ox < w_.out_w; ++ox) {
          const int y0 = std::max(0, oy * w_.stride_h - w_.pad_h), y1 = std::min(in_h, oy * w_.stride_h - w_.pad_h + k_h_);
          const int x0 = std::max(0, ox * w_.stride_w - w_.pad_w), x1 = std::min(in_w, ox * w_.stride_w - w_.pad_w + k_w_);
          for (int c = 0; c < depth; ++c) {
            float acc = Reduce::Init();
            for (int iy = y0; iy < y1; ++iy) {
              for (int ix = x0; ix < x1; ++ix) {
                acc = Reduce::Add(acc, x[((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * depth + c]);
              }
            }
            const int count = std::max(0, y1 - y0) * std::max(0, x1 - x0);
            y[((static_cast<int64_t>(n) * w_.out_h + oy) * w_.out_w + ox) * depth + c] =
                range_.Apply(Reduce::Finish(acc, count));
          }
        }
      }
    }
    return Status::Ok();
  }

 private:
  Window w_;
  int k_h_ = 1, k_w_ = 1;
  ActivationRange range_;
};

}  // namespace litescope
