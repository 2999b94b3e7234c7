// The geometry of a windowed op over an NHWC input (convolutions, pooling): strides, dilations,
// padding before the first element, and the output size, as TFLite computes them.
//
//   Window w;
//   LITESCOPE_RETURN_IF_ERROR(w.Compute(ctx, o->padding(), o->stride_h(), o->stride_w(),
//                                       o->dilation_h_factor(), o->dilation_w_factor(),
//                                       in[1], in[2], k_h, k_w));
//   int iy = oy * w.stride_h - w.pad_h + ky * w.dil_h;
#pragma once

#include "engine/kernels/internal/padding.h"
#include "engine/runtime/kernel.h"

namespace litescope {

struct Window {
  int stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1;
  int pad_h = 0, pad_w = 0;
  int out_h = 0, out_w = 0;

  Status Compute(const OpContext& ctx, tflite::Padding padding, int s_h, int s_w, int d_h, int d_w, int in_h,
                 int in_w, int k_h, int k_w) {
    if (s_h < 1 || s_w < 1 || d_h < 1 || d_w < 1) return ctx.Error("strides and dilations must be >= 1");
    if (k_h < 1 || k_w < 1) return ctx.Error("the window must be at least 1x1");
    if (padding != tflite::Padding_SAME && padding != tflite::Padding_VALID) return ctx.Error("unknown padding");
    stride_h = s_h, stride_w = s_w, dil_h = d_h, dil_w = d_w;
    out_h = ComputeOutSize(padding, in_h, k_h, s_h, d_h);
    out_w = ComputeOutSize(padding, in_w, k_w, s_w, d_w);
    if (out_h <= 0 || out_w <= 0) return ctx.Error("the window is larger than the padded input");
    pad_h = padding == tflite::Padding_SAME ? ComputePadding(s_h, d_h, in_h, k_h, out_h) : 0;
    pad_w = padding == tflite::Padding_SAME ? ComputePadding(s_w, d_w, in_w, k_w, out_w) : 0;
    return Status::Ok();
  }
};

}  // namespace litescope
