// Quantized FULLY_CONNECTED arithmetic (see quantized_fully_connected.h): Prepare-time checks and
// multipliers as TFLite's fully_connected.cc computes them, int32 sums and requantization.
#include "engine/kernels/internal/quantized_fully_connected.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace litescope {
namespace {

// TfLiteQuantizationParams, the legacy single scale TFLite's kernels read: 0 unless the tensor has
// exactly one scale.
double LegacyScale(const Tensor& t) { return t.quant.scale.size() == 1 ? t.quant.scale[0] : 0.0; }

}  // namespace

Status QuantizedFullyConnected::Prepare(const OpContext& ctx, const ActivationRange& activation, const Tensor& input,
                                        const Tensor& weights, const Tensor* bias, const Tensor& output) {
  const std::string type = tflite::EnumNameTensorType(input.type);
  if (weights.type != input.type || output.type != input.type) {
    return ctx.Error("quantized FULLY_CONNECTED needs input, weights and output of one type; got " + type + ", " +
                     tflite::EnumNameTensorType(weights.type) + ", " + tflite::EnumNameTensorType(output.type));
  }
  if (bias != nullptr && bias->type != tflite::TensorType_INT32) {
    return ctx.Error(std::string("the bias of a quantized FULLY_CONNECTED is ") +
                     tflite::EnumNameTensorType(bias->type) + "; INT32 expected");
  }
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, input, "input", &input_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, output, "output", &output_q_));
  const std::vector<float>& scales = weights.quant.scale;
  const int32_t units = weights.shape[0];
  const bool per_channel = scales.size() > 1;
  if (per_channel) {
    if (input.type != tflite::TensorType_INT8) return ctx.Error("per-channel weight scales need INT8 weights");
    if (scales.size() != static_cast<size_t>(units) || weights.quant.axis != 0) {
      return ctx.Error("the weights have " + std::to_string(scales.size()) + " scales along dimension " +
                       std::to_string(weights.quant.axis) + "; 1, or " + std::to_string(units) +
                       " (one per output unit) along dimension 0 expected");
    }
    if (weights.quant.zero_point.size() != scales.size()) {
      return ctx.Error("the weights have " + std::to_string(scales.size()) + " scales and " +
                       std::to_string(weights.quant.zero_point.size()) + " zero points");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, scales, "weights"));
    weights_zero_point_ = 0;
  } else {
    TensorQuantization wq;
    LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, weights, "weights", &wq));
    weights_zero_point_ = wq.zero_point;
  }
  const std::vector<int64_t>& zero_points = weights.quant.zero_point;
  if (input.type == tflite::TensorType_INT8 &&
      std::any_of(zero_points.begin(), zero_points.end(), [](int64_t zp) { return zp != 0; })) {
    return ctx.Error("INT8 weights must have zero points 0 (symmetric weights)");
  }
  // kernel_util.cc GetQuantizedConvolutionMultipler: the bias scale only has to be close to
  // input_scale * weights_scale (the legacy single scales, 0 for per-channel tensors), relative to
  // the output scale; the multiplier itself ignores the bias scale.
  if (bias != nullptr) {
    const double product = static_cast<double>(input_q_.scale) * LegacyScale(weights);
    if (std::abs(product - LegacyScale(*bias)) / output_q_.scale > 0.02) {
      return ctx.Error("the bias scale " + std::to_string(LegacyScale(*bias)) +
                       " is not input scale * weights scale (" +
                       std::to_string(product) + ") within 2% of the output scale, as TFLite requires");
    }
  }
  // Per tensor, TFLite multiplies the two scales in float; per channel in double.
  std::vector<double> real;
  if (per_channel) {
    for (float s : scales) real.push_back(static_cast<double>(input_q_.scale) * s / output_q_.scale);
  } else {
    real.push_back(static_cast<double>(input_q_.scale * scales[0]) / output_q_.scale);
  }
  multiplier_.resize(real.size());
  shift_.resize(real.size());
  for (size_t i = 0; i < real.size(); ++i) {
    QuantizeMultiplier(real[i], &multiplier_[i], &shift_[i]);
    if (shift_[i] > 30) {
      return ctx.Error("input scale * weights scale / output scale = " + std::to_string(real[i]) +
                       " is too large for a fixed-point multiplier");
    }
  }
  LITESCOPE_RETURN_IF_ERROR(
      CheckInt32Sums(ctx, weights.shape[1], input.type, input_q_.zero_point, weights.type, weights_zero_point_));
  GetQuantizedRange(output.type, &clamp_);
  clamp_ = QuantizeActivationRange(activation, output_q_, clamp_);
  return Status::Ok();
}

void QuantizedFullyConnected::Eval(const Tensor& input, const Tensor& weights, const Tensor* bias,
                                   Tensor& output) const {
  if (input.type == tflite::TensorType_INT8) {
    Compute<int8_t>(input, weights, bias, output);
  } else {
    Compute<uint8_t>(input, weights, bias, output);
  }
}

template <typename T>
void QuantizedFullyConnected::Compute(const Tensor& input, const Tensor& weights, const Tensor* bias,
                                      Tensor& output) const {
  const int units = weights.shape[0], depth = weights.shape[1];
  const int64_t batches = input.elements() / depth;
  const T* x = input.data<T>();
  const T* w = weights.data<T>();
  const int32_t* b = bias ? bias->data<int32_t>() : nullptr;
  T* y = output.data<T>();
  for (int64_t n = 0; n < batches; ++n) {
    const T* xn = x + n * depth;
    for (int u = 0; u < units; ++u) {
      const T* wu = w + static_cast<int64_t>(u) * depth;
      int32_t acc = b ? b[u] : 0;
      for (int k = 0; k < depth; ++k) {
        const int32_t xk = static_cast<int32_t>(xn[k]) - input_q_.zero_point;
        acc += xk * (static_cast<int32_t>(wu[k]) - weights_zero_point_);
      }
      const size_t c = multiplier_.size() == 1 ? 0 : static_cast<size_t>(u);
      const int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier_[c], shift_[c]) + output_q_.zero_point;
      y[n * units + u] = static_cast<T>(std::clamp(v, clamp_.min, clamp_.max));
    }
  }
}

}  // namespace litescope
