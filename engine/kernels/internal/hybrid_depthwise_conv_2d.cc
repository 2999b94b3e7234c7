// Hybrid DEPTHWISE_CONV_2D arithmetic (see hybrid_depthwise_conv_2d.h): asymmetric run-time int8
// quantization per batch, int32 window sums, float rescaling, bias and fused activation.
#include "engine/kernels/internal/hybrid_depthwise_conv_2d.h"

#include <algorithm>
#include <span>
#include <string>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/hybrid_input.h"
#include "engine/kernels/internal/window_loops.h"

namespace litescope {

Status HybridDepthwiseConv2D::Prepare(const OpContext& ctx, const Tensor& input, const Tensor& filter,
                                      const Tensor& output, int32_t depth_multiplier_option) {
  if (output.type != tflite::TensorType_FLOAT32) {
    return ctx.Error(std::string("hybrid DEPTHWISE_CONV_2D: the output is ") +
                     tflite::EnumNameTensorType(output.type) + "; FLOAT32 expected");
  }
  const std::vector<float>& scales = filter.quant.scale;
  const int32_t out_c = filter.shape[3];
  if (scales.size() != 1 && scales.size() != static_cast<size_t>(out_c)) {
    return ctx.Error("hybrid DEPTHWISE_CONV_2D: the INT8 filter has " + std::to_string(scales.size()) +
                     " scales for " + std::to_string(out_c) + " output channels; 1 or " + std::to_string(out_c) +
                     " expected");
  }
  if (scales.size() > 1 && filter.quant.axis != 3) {
    return ctx.Error("hybrid DEPTHWISE_CONV_2D: per-channel filter scales must be along dimension 3, not " +
                     std::to_string(filter.quant.axis));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, scales, "hybrid DEPTHWISE_CONV_2D: filter"));
  for (int64_t zp : filter.quant.zero_point) {
    if (zp != 0) {
      return ctx.Error("hybrid DEPTHWISE_CONV_2D: the INT8 filter must have zero points 0 (symmetric weights)");
    }
  }
  // TFLite's hybrid kernel loops over the option's multiplier, not the one the shapes imply.
  const int32_t multiplier = out_c / input.shape[3];
  if (depth_multiplier_option != multiplier) {
    return ctx.Error("hybrid DEPTHWISE_CONV_2D: the depth_multiplier option is " +
                     std::to_string(depth_multiplier_option) + "; the filter depth " + std::to_string(out_c) +
                     " / input depth " + std::to_string(input.shape[3]) + " = " + std::to_string(multiplier) +
                     " expected (TFLite's hybrid kernel reads the option)");
  }
  // Asymmetric quantization: |q - offset| <= 255, |w| <= 128.
  const int64_t taps = int64_t{filter.shape[1]} * filter.shape[2];
  LITESCOPE_RETURN_IF_ERROR(CheckInt32Sums(ctx, taps, tflite::TensorType_UINT8, 0, tflite::TensorType_INT8, 0));
  // One scale stands for every channel (TFLite would read past its one-element array).
  scales_.assign(static_cast<size_t>(out_c), scales[0]);
  if (scales.size() > 1) scales_.assign(scales.begin(), scales.end());
  quantized_.assign(static_cast<size_t>(input.elements() / std::max(input.shape[0], 1)), 0);
  return Status::Ok();
}

void HybridDepthwiseConv2D::Eval(const Window& w, const ActivationRange& range, const Tensor& input,
                                 const Tensor& filter, const Tensor* bias, Tensor& output) {
  const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
  const int out_h = output.shape[1], out_w = output.shape[2], out_c = output.shape[3];
  const int k_h = filter.shape[1], k_w = filter.shape[2];
  const int mult = out_c / in_c;
  const int8_t* weights = filter.data<int8_t>();
  const float* b = bias ? bias->data<float>() : nullptr;
  const size_t batch_size = quantized_.size();
  for (int n = 0; n < batches; ++n) {
    const std::span<const float> x(input.data<float>() + n * batch_size, batch_size);
    const InputQuantization iq = AsymmetricQuantize(x, quantized_.data());
    float* y = output.data<float>() + static_cast<int64_t>(n) * out_h * out_w * out_c;
    // Padding is skipped: it stands for a real 0, which quantizes to the offset.
    ForEachWindow<int32_t>(
        w, in_h, in_w, k_h, k_w, {1, out_h, out_w, out_c}, [](int) { return 0; },
        [&](int32_t& acc, int64_t, int iy, int ix, int ky, int kx, int oc) {
          const int32_t q = quantized_[(static_cast<size_t>(iy) * in_w + ix) * in_c + oc / mult];
          acc += weights[(static_cast<int64_t>(ky) * k_w + kx) * out_c + oc] * (q - iq.offset);
        },
        [&](int32_t acc, int64_t i, int oc) {
          const float v = static_cast<float>(acc) * iq.scale * scales_[static_cast<size_t>(oc)];
          y[i] = range.Apply(b ? v + b[oc] : v);
        });
  }
}

}  // namespace litescope
