#include "engine/kernels/internal/hybrid_fully_connected.h"

#include <span>
#include <string>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/hybrid_input.h"

namespace litescope {

Status HybridFullyConnected::Prepare(const OpContext& ctx, const Tensor& weights, const Tensor& output,
                                     bool asymmetric) {
  if (output.type != tflite::TensorType_FLOAT32) {
    return ctx.Error(std::string("hybrid FULLY_CONNECTED: the output is ") + tflite::EnumNameTensorType(output.type) +
                     "; FLOAT32 expected");
  }
  if (weights.quant.scale.size() != 1) {
    return ctx.Error("hybrid FULLY_CONNECTED: the INT8 weights need one scale, have " +
                     std::to_string(weights.quant.scale.size()) + " (per-channel hybrid weights are not implemented)");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, weights.quant.scale, "hybrid FULLY_CONNECTED: weights"));
  if (!weights.quant.zero_point.empty() && weights.quant.zero_point[0] != 0) {
    return ctx.Error("hybrid FULLY_CONNECTED: the INT8 weights must have zero point 0 (symmetric weights)");
  }
  asymmetric_ = asymmetric;
  quantized_.assign(static_cast<size_t>(weights.shape[1]), 0);
  constant_weights_ = ctx.input_is_constant(1);
  if (asymmetric_ && constant_weights_) SumRows(weights);
  return Status::Ok();
}

void HybridFullyConnected::SumRows(const Tensor& weights) {
  const int units = weights.shape[0], depth = weights.shape[1];
  row_sums_.assign(static_cast<size_t>(units), 0);
  for (int u = 0; u < units; ++u) {
    int32_t sum = 0;
    for (int k = 0; k < depth; ++k) sum += weights.data<int8_t>()[int64_t{u} * depth + k];
    row_sums_[static_cast<size_t>(u)] = sum;
  }
}

void HybridFullyConnected::Eval(const ActivationRange& range, const Tensor& input, const Tensor& weights,
                                const Tensor* bias, Tensor& output) {
  const int units = weights.shape[0], depth = weights.shape[1];
  const int64_t batches = input.elements() / depth;
  const int8_t* w = weights.data<int8_t>();
  const float* b = bias ? bias->data<float>() : nullptr;
  const float weights_scale = weights.quant.scale[0];
  if (asymmetric_ && !constant_weights_) SumRows(weights);  // weights fed at run time
  for (int64_t n = 0; n < batches; ++n) {
    const std::span<const float> x(input.data<float>() + n * depth, static_cast<size_t>(depth));
    const InputQuantization iq =
        asymmetric_ ? AsymmetricQuantize(x, quantized_.data()) : SymmetricQuantize(x, quantized_.data());
    const float scale = iq.scale * weights_scale;
    float* y = output.data<float>() + n * units;
    for (int u = 0; u < units; ++u) {
      int32_t dot = 0;
      for (int k = 0; k < depth; ++k) dot += w[int64_t{u} * depth + k] * quantized_[static_cast<size_t>(k)];
      if (asymmetric_) dot -= row_sums_[static_cast<size_t>(u)] * iq.offset;
      y[u] = range.Apply((b ? b[u] : 0.0f) + static_cast<float>(dot) * scale);
    }
  }
}

}  // namespace litescope
