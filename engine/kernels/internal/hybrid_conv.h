// Hybrid (dynamic-range) CONV_2D: FLOAT32 activations, INT8 weights with per-tensor or
// per-output-channel scales, FLOAT32 bias and output, computed as TFLite's builtin kernel does
// (conv.cc EvalHybrid / EvalHybridPerChannel): each batch of the input is quantized to int8 at run
// time, the convolution sums int8 products in int32, and the sum is scaled back to float.
//
//   One weight scale (or several, all equal): symmetric input quantization, scale = max|x| / 127,
//   zero offset. Scales that differ per channel: asymmetric quantization over [min(x, 0),
//   max(x, 0)] to [-128, 127] with an offset, which the sums subtract.
//   out = range(float(sum) * (input_scale * weight_scale[oc]) + bias[oc])
//
//   HybridConv h;
//   LITESCOPE_RETURN_IF_ERROR(h.Prepare(ctx, *ctx.input(0), *ctx.input(1), *ctx.output(0)));
//   h.Eval(w_, range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/hybrid_input.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class HybridConv {
 public:
  // Checks the output type and the weights' quantization (1 or out-channels scales along axis 0,
  // finite and > 0, zero points 0), picks the input quantization and sizes the scratch.
  Status Prepare(const OpContext& ctx, const Tensor& input, const Tensor& filter, const Tensor& output);
  void Eval(const Window& w, const ActivationRange& range, const Tensor& input, const Tensor& filter,
            const Tensor* bias, Tensor& output);

 private:
  bool asymmetric_ = false;
  std::vector<int8_t> quantized_;  // one batch of the input
};

}  // namespace litescope
