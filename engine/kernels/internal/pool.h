// The pooling kernel shared by AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D: each op file supplies
// how a window is reduced. Windows are clipped to the input: padding never enters a result, and
// the average divides by the number of input elements inside the window.
//
// Quantized (INT8, UINT8, INT16; only where the Reduce says kQuantized) the window is reduced on
// the raw integers in an int32 accumulator, as TFLite's reference kernels do: the input and output
// must share one scale and zero point (TFLite checks |scale difference| <= 1e-6 and equal zero
// points), and the fused activation clamps in the output's quantized range.
#pragma once

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/element_type.h"
#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/window.h"

namespace litescope {

// Reduce: struct { static constexpr bool kQuantized;
//                  template <typename Acc> static Acc Init();
//                  template <typename Acc> static Acc Add(Acc acc, Acc x);
//                  static float Finish(float acc, int count);
//                  static int32_t Finish(int32_t acc, int count);  // only when kQuantized }
template <typename Reduce>
class PoolKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const Tensor& input = *ctx.input(0);
    if (input.type != tflite::TensorType_FLOAT32) {
      if (!Reduce::kQuantized) return CheckFloat32(ctx, {0});
      LITESCOPE_RETURN_IF_ERROR(PrepareQuantized(ctx, input));
    } else {
      LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, tflite::TensorType_FLOAT32));
    }
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 0, 4));
    const auto* o = ctx.options<tflite::Pool2DOptions>();
    if (o == nullptr) return ctx.Error("has no Pool2DOptions");
    if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
    if (input.type != tflite::TensorType_FLOAT32) clamp_ = QuantizeActivationRange(range_, output_q_, clamp_);
    const Shape& in = input.shape;
    k_h_ = o->filter_height();
    k_w_ = o->filter_width();
    LITESCOPE_RETURN_IF_ERROR(w_.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(), 1, 1, in[1], in[2], k_h_, k_w_));
    return ctx.ResizeOutput(0, {in[0], w_.out_h, w_.out_w, in[3]});
  }

  Status Eval(OpContext& ctx) override {
    if constexpr (Reduce::kQuantized) {
      VisitElementType<float, int8_t, uint8_t, int16_t>(
          ctx.input(0)->type, [&](auto tag) { Pool<decltype(tag)>(*ctx.input(0), *ctx.output(0)); });
    } else {
      Pool<float>(*ctx.input(0), *ctx.output(0));
    }
    return Status::Ok();
  }

 private:
  Status PrepareQuantized(OpContext& ctx, const Tensor& input) {
    if (!GetQuantizedRange(input.type, &clamp_)) {
      return ctx.Error(std::string("input is ") + tflite::EnumNameTensorType(input.type) +
                       "; supported: FLOAT32, INT8, UINT8, INT16");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, input.type));
    TensorQuantization input_q;
    LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, input, "input", &input_q));
    LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.output(0), "output", &output_q_));
    if (std::abs(input_q.scale - output_q_.scale) > 1e-6f || input_q.zero_point != output_q_.zero_point) {
      return ctx.Error("quantized pooling needs the input's scale and zero point on the output; input (" +
                       std::to_string(input_q.scale) + ", " + std::to_string(input_q.zero_point) + "), output (" +
                       std::to_string(output_q_.scale) + ", " + std::to_string(output_q_.zero_point) + ")");
    }
    return Status::Ok();
  }

  template <typename T>
  void Pool(const Tensor& input, Tensor& output) const {
    using Acc = std::conditional_t<std::is_same_v<T, float>, float, int32_t>;
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], depth = input.shape[3];
    const T* x = input.data<T>();
    T* y = output.data<T>();
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < w_.out_h; ++oy) {
        for (int ox = 0; ox < w_.out_w; ++ox) {
          const int y0 = std::max(0, oy * w_.stride_h - w_.pad_h), y1 = std::min(in_h, oy * w_.stride_h - w_.pad_h + k_h_);
          const int x0 = std::max(0, ox * w_.stride_w - w_.pad_w), x1 = std::min(in_w, ox * w_.stride_w - w_.pad_w + k_w_);
          const int count = std::max(0, y1 - y0) * std::max(0, x1 - x0);
          for (int c = 0; c < depth; ++c) {
            Acc acc = Reduce::template Init<Acc>();
            for (int iy = y0; iy < y1; ++iy) {
              for (int ix = x0; ix < x1; ++ix) {
                acc = Reduce::Add(acc, static_cast<Acc>(x[((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * depth + c]));
              }
            }
            const int64_t i = ((static_cast<int64_t>(n) * w_.out_h + oy) * w_.out_w + ox) * depth + c;
            if constexpr (std::is_same_v<T, float>) {
              y[i] = range_.Apply(Reduce::Finish(acc, count));
            } else {
              y[i] = static_cast<T>(std::clamp(Reduce::Finish(acc, count), clamp_.min, clamp_.max));
            }
          }
        }
      }
    }
  }

  Window w_;
  int k_h_ = 1, k_w_ = 1;
  ActivationRange range_;
  TensorQuantization output_q_;
  QuantizedRange clamp_;
};

}  // namespace litescope
