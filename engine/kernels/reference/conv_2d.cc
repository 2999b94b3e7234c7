// CONV_2D, float32: NHWC input, OHWI filter, optional bias, grouped when the filter has fewer
// input channels than the input; hybrid (FLOAT32 input, INT8 filter) through HybridConv;
// quantized (INT8, UINT8, INT16 input) through QuantizedConv.
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/conv_2d.h"
#include "engine/kernels/internal/window_loops.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

Status ReferenceConv2D::Prepare(OpContext& ctx) {
  const Tensor* filter = ctx.input(1);
  quantized_ = IsQuantizedInput(ctx, 0);
  hybrid_ = !quantized_ && filter != nullptr && filter->type == tflite::TensorType_INT8;
  if (!quantized_) LITESCOPE_RETURN_IF_ERROR(hybrid_ ? CheckFloat32(ctx, {0, 2}) : CheckFloat32(ctx, {0, 1, 2}));
  LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 0, 4));
  LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 1, 4));
  const auto* o = ctx.options<tflite::Conv2DOptions>();
  if (o == nullptr) return ctx.Error("has no Conv2DOptions");
  if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
  const Shape& in = ctx.input(0)->shape;
  const Shape& f = ctx.input(1)->shape;
  if (f[3] <= 0 || in[3] <= 0 || in[3] % f[3] != 0) {
    return ctx.Error("input depth " + std::to_string(in[3]) + " is not a multiple of the filter depth " +
                     std::to_string(f[3]));
  }
  if (f[0] % (in[3] / f[3]) != 0) return ctx.Error("output channels are not a multiple of the groups");
  LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 2, f[0]));
  LITESCOPE_RETURN_IF_ERROR(w_.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(), o->dilation_h_factor(),
                                        o->dilation_w_factor(), in[1], in[2], f[1], f[2]));
  if (hybrid_) LITESCOPE_RETURN_IF_ERROR(hybrid_conv_.Prepare(ctx, *ctx.input(0), *filter, *ctx.output(0)));
  // TFLite's 16x8 CONV_2D takes an INT64 or an INT32 bias and sums in the bias type; without a bias
  // in int32, unless the option quantized_bias_type asks for INT64.
  if (quantized_) {
    const QuantizedConv::Rules rules{.channel_dim = 0,
                                     .int16_takes_int32_bias = true,
                                     .int16_sums_int64 = o->quantized_bias_type() == tflite::TensorType_INT64};
    LITESCOPE_RETURN_IF_ERROR(
        quantized_conv_.Prepare(ctx, rules, range_, *ctx.input(0), *filter, ctx.input(2), *ctx.output(0)));
  }
  return ctx.ResizeOutput(0, {in[0], w_.out_h, w_.out_w, f[0]});
}

Status ReferenceConv2D::Eval(OpContext& ctx) {
  if (hybrid_) {
    hybrid_conv_.Eval(w_, range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  if (quantized_) {
    quantized_conv_.EvalConv(w_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  const Tensor& input = *ctx.input(0);
  const Tensor& filter = *ctx.input(1);
  const Tensor* bias = ctx.input(2);
  Tensor& output = *ctx.output(0);
  const int in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
  const int out_c = filter.shape[0], k_h = filter.shape[1], k_w = filter.shape[2], f_c = filter.shape[3];
  const int per_group = out_c / (in_c / f_c);
  const float* x = input.data<float>();
  const float* w = filter.data<float>();
  ForEachWindowSum(w_, range_, in_h, in_w, k_h, k_w, output.shape, bias ? bias->data<float>() : nullptr,
                   output.data<float>(), [&](float& sum, int64_t n, int iy, int ix, int ky, int kx, int oc) {
                     const int group = oc / per_group;
                     const float* xp = x + ((n * in_h + iy) * in_w + ix) * in_c + group * f_c;
                     const float* wp = w + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * f_c;
                     for (int ic = 0; ic < f_c; ++ic) sum += xp[ic] * wp[ic];
                   });
  return Status::Ok();
}

std::unique_ptr<Kernel> MakeConv2D() { return Make<ReferenceConv2D>(); }

}  // namespace litescope
