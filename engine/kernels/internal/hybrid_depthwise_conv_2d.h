// Hybrid (dynamic-range) DEPTHWISE_CONV_2D: FLOAT32 input, bias and output, INT8 filter
// [1, KH, KW, C * multiplier] with one scale per output channel (along dimension 3) or one for
// all, zero points 0; computed as TFLite's builtin kernel does (depthwise_conv.cc
// EvalHybridPerChannel, with its generic optimized DepthwiseConvHybridPerChannel): each batch of
// the input is quantized asymmetrically to int8 at run time (scale and offset per batch), the
// window sums int8 products in int32, and
//   out = act(float(acc) * input_scale * filter_scale[oc] + bias[oc])
// evaluated left to right in float, as TFLite's kernel does.
//
//   HybridDepthwiseConv2D h;
//   LITESCOPE_RETURN_IF_ERROR(h.Prepare(ctx, *ctx.input(0), *ctx.input(1), *ctx.output(0), multiplier_option));
//   h.Eval(w_, range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class HybridDepthwiseConv2D {
 public:
  // Checks the output type, the filter's quantization (1 or C * multiplier scales along dimension 3,
  // finite and > 0, zero points 0) and the depth_multiplier option, and sizes the scratch.
  Status Prepare(const OpContext& ctx, const Tensor& input, const Tensor& filter, const Tensor& output,
                 int32_t depth_multiplier_option);
  void Eval(const Window& w, const ActivationRange& range, const Tensor& input, const Tensor& filter,
            const Tensor* bias, Tensor& output);

 private:
  std::vector<int8_t> quantized_;  // one batch of the input
  std::vector<float> scales_;      // one per output channel
};

}  // namespace litescope
