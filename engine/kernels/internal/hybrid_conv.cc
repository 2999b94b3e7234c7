// Hybrid CONV_2D arithmetic (see hybrid_conv.h): run-time int8 quantization of float activations,
// int32 sums over the convolution window, float rescaling, bias and fused activation.
#include "engine/kernels/internal/hybrid_conv.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/window_loops.h"

namespace litescope {
Status HybridConv::Prepare(const OpContext& ctx, const Tensor& input, const Tensor& filter, const Tensor& output) {
  if (output.type != tflite::TensorType_FLOAT32) {
    return ctx.Error(std::string("hybrid CONV_2D: the output is ") + tflite::EnumNameTensorType(output.type) +
                     "; FLOAT32 expected");
  }
  const std::vector<float>& scales = filter.quant.scale;
  const int32_t out_c = filter.shape[0];
  if (scales.size() != 1 && scales.size() != static_cast<size_t>(out_c)) {
    return ctx.Error("hybrid CONV_2D: the INT8 filter has " + std::to_string(scales.size()) + " scales for " +
                     std::to_string(out_c) + " output channels; 1 or " + std::to_string(out_c) + " expected");
  }
  if (scales.size() > 1 && filter.quant.axis != 0) {
    return ctx.Error("hybrid CONV_2D: per-channel filter scales must be along axis 0, not " +
                     std::to_string(filter.quant.axis));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, scales, "hybrid CONV_2D: filter"));
  for (int64_t zp : filter.quant.zero_point) {
    if (zp != 0) return ctx.Error("hybrid CONV_2D: the INT8 filter must have zero points 0 (symmetric weights)");
  }
  if (input.shape[3] != filter.shape[3]) return ctx.Error("grouped hybrid CONV_2D is not implemented");
  // TFLite's per-channel (asymmetric) path only runs when the scales differ.
  asymmetric_ = std::any_of(scales.begin(), scales.end(), [&](float s) { return s != scales[0]; });
  quantized_.assign(static_cast<size_t>(input.elements() / std::max(input.shape[0], 1)), 0);
  return Status::Ok();
}

void HybridConv::Eval(const Window& w, const ActivationRange& range, const Tensor& input, const Tensor& filter,
                      const Tensor* bias, Tensor& output) {
  const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
  const int out_h = output.shape[1], out_w = output.shape[2], out_c = output.shape[3];
  const int k_h = filter.shape[1], k_w = filter.shape[2];
  const std::vector<float>& scales = filter.quant.scale;
  const int8_t* weights = filter.data<int8_t>();
  const float* b = bias ? bias->data<float>() : nullptr;
  const size_t batch_size = quantized_.size();
  for (int n = 0; n < batches; ++n) {
    const std::span<const float> x(input.data<float>() + n * batch_size, batch_size);
    const InputQuantization iq = asymmetric_ ? AsymmetricQuantize(x, quantized_.data())
                                             : SymmetricQuantize(x, quantized_.data());
    float* y = output.data<float>() + static_cast<int64_t>(n) * out_h * out_w * out_c;
    // Padding is skipped: it stands for a real 0, which quantizes to the offset.
    ForEachWindow<int32_t>(
        w, in_h, in_w, k_h, k_w, {1, out_h, out_w, out_c}, [](int) { return 0; },
        [&](int32_t& acc, int64_t, int iy, int ix, int ky, int kx, int oc) {
          const int8_t* qp = quantized_.data() + (static_cast<int64_t>(iy) * in_w + ix) * in_c;
          const int8_t* wp = weights + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * in_c;
          for (int ic = 0; ic < in_c; ++ic) acc += wp[ic] * (qp[ic] - iq.offset);
        },
        [&](int32_t acc, int64_t i, int oc) {
          const float scale = iq.scale * scales[scales.size() == 1 ? 0 : static_cast<size_t>(oc)];
          const float sum = static_cast<float>(acc) * scale;
          y[i] = range.Apply(b ? sum + b[oc] : sum);
        });
  }
}

}  // namespace litescope
