// DEPTHWISE_CONV_2D, float32: NHWC input, [1, KH, KW, C * multiplier] filter; output channel
// c * multiplier + m reads input channel c. Quantized (INT8, UINT8, INT16 input) through
// QuantizedConv; hybrid (FLOAT32 input, INT8 filter) through HybridDepthwiseConv2D.
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/depthwise_conv_2d.h"
#include "engine/kernels/internal/window_loops.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

Status ReferenceDepthwiseConv2D::Prepare(OpContext& ctx) {
  quantized_ = IsQuantizedInput(ctx, 0);
  const Tensor* filter = ctx.input(1);
  hybrid_ = !quantized_ && filter != nullptr && filter->type == tflite::TensorType_INT8;
  if (!quantized_) LITESCOPE_RETURN_IF_ERROR(hybrid_ ? CheckFloat32(ctx, {0, 2}) : CheckFloat32(ctx, {0, 1, 2}));
  LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 0, 4));
  LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 1, 4));
  const auto* o = ctx.options<tflite::DepthwiseConv2DOptions>();
  if (o == nullptr) return ctx.Error("has no DepthwiseConv2DOptions");
  if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
  const Shape& in = ctx.input(0)->shape;
  const Shape& f = ctx.input(1)->shape;
  // The output depth is the filter's; the multiplier follows from it (the option may be stale).
  if (in[3] <= 0 || f[3] % in[3] != 0) {
    return ctx.Error("filter depth " + std::to_string(f[3]) + " is not a multiple of the input depth " +
                     std::to_string(in[3]));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 2, f[3]));
  LITESCOPE_RETURN_IF_ERROR(w_.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(), o->dilation_h_factor(),
                                        o->dilation_w_factor(), in[1], in[2], f[1], f[2]));
  if (hybrid_) {
    LITESCOPE_RETURN_IF_ERROR(
        hybrid_depthwise_.Prepare(ctx, *ctx.input(0), *filter, *ctx.output(0), o->depth_multiplier()));
  }
  // TFLite's 16x8 DEPTHWISE_CONV_2D takes only an INT64 bias; per-channel scales lie along dimension 3.
  if (quantized_) {
    LITESCOPE_RETURN_IF_ERROR(quantized_conv_.Prepare(ctx, {.channel_dim = 3, .int16_takes_int32_bias = false},
                                                      range_, *ctx.input(0), *ctx.input(1), ctx.input(2),
                                                      *ctx.output(0)));
  }
  return ctx.ResizeOutput(0, {in[0], w_.out_h, w_.out_w, f[3]});
}

Status ReferenceDepthwiseConv2D::Eval(OpContext& ctx) {
  if (hybrid_) {
    hybrid_depthwise_.Eval(w_, range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  if (quantized_) {
    quantized_conv_.EvalDepthwise(w_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  const Tensor& input = *ctx.input(0);
  const Tensor& filter = *ctx.input(1);
  const Tensor* bias = ctx.input(2);
  Tensor& output = *ctx.output(0);
  const int in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
  const int k_h = filter.shape[1], k_w = filter.shape[2], out_c = filter.shape[3];
  const int mult = out_c / in_c;
  const float* x = input.data<float>();
  const float* w = filter.data<float>();
  ForEachWindowSum(w_, range_, in_h, in_w, k_h, k_w, output.shape, bias ? bias->data<float>() : nullptr,
                   output.data<float>(), [&](float& sum, int64_t n, int iy, int ix, int ky, int kx, int oc) {
                     sum += x[((n * in_h + iy) * in_w + ix) * in_c + oc / mult] *
                            w[(static_cast<int64_t>(ky) * k_w + kx) * out_c + oc];
                   });
  return Status::Ok();
}

std::unique_ptr<Kernel> MakeDepthwiseConv2D() { return Make<ReferenceDepthwiseConv2D>(); }

}  // namespace litescope
