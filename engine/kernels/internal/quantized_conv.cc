// Quantized convolutions' Prepare (see quantized_conv.h): the type and quantization checks of
// TFLite's conv.cc / depthwise_conv.cc / transpose_conv.cc and the multipliers of kernel_util.cc
// PopulateConvolutionQuantizationParams.
#include "engine/kernels/internal/quantized_conv.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace litescope {
namespace {

using tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT64, tflite::TensorType_INT8,
    tflite::TensorType_UINT8;

std::string TypeName(tflite::TensorType type) { return tflite::EnumNameTensorType(type); }

// TfLiteQuantizationParams, the legacy single scale TFLite's kernels read: 0 unless the tensor has
// exactly one scale.
double LegacyScale(const Tensor& t) { return t.quant.scale.size() == 1 ? t.quant.scale[0] : 0.0; }

}  // namespace

bool IsQuantizedInput(const OpContext& ctx, int i) {
  const Tensor* t = ctx.input(i);
  QuantizedRange range;
  return t != nullptr && GetQuantizedRange(t->type, &range);
}

Status QuantizedConv::Prepare(const OpContext& ctx, const Rules& rules, const ActivationRange& activation,
                              const Tensor& input, const Tensor& filter, const Tensor* bias, const Tensor& output) {
  if (output.type != input.type) {
    return ctx.Error("the output is " + TypeName(output.type) + "; the input's type " + TypeName(input.type) +
                     " expected");
  }
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, input, "input", &input_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, output, "output", &output_q_));
  LITESCOPE_RETURN_IF_ERROR(CheckFilter(ctx, rules, input, filter));
  LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, rules, input, filter, bias));
  // PopulateConvolutionQuantizationParams: one multiplier per output channel, a single filter scale
  // broadcast, input_scale * filter_scale / output_scale in double. UINT8 kernels use the legacy
  // multiplier instead (GetQuantizedConvolutionMultipler), whose two scales are multiplied in float.
  const std::vector<float>& scales = filter.quant.scale;
  const int channels = filter.shape[rules.channel_dim];
  const bool wide = input.type == TensorType_INT16;
  int64_sums_ = wide && (bias != nullptr ? bias->type == TensorType_INT64 : rules.int16_sums_int64);
  multiplier_.resize(static_cast<size_t>(channels));
  shift_.resize(static_cast<size_t>(channels));
  for (int c = 0; c < channels; ++c) {
    const float filter_scale = scales[scales.size() == 1 ? 0 : static_cast<size_t>(c)];
    const double real = input.type == TensorType_UINT8
                            ? static_cast<double>(input_q_.scale * filter_scale) / output_q_.scale
                            : static_cast<double>(input_q_.scale) * filter_scale / output_q_.scale;
    QuantizeMultiplier(real, &multiplier_[c], &shift_[c]);
    // The int32 requantization shifts left by at most 30, the int64 one right by 15 - shift >= 1.
    if (shift_[c] > (int64_sums_ ? 14 : 30)) {
      return ctx.Error("input scale * filter scale / output scale = " + std::to_string(real) +
                       " is too large for a fixed-point multiplier");
    }
  }
  if (!wide) {
    LITESCOPE_RETURN_IF_ERROR(CheckInt32Sums(ctx, filter.elements() / channels, input.type, input_q_.zero_point,
                                             filter.type, filter_zero_point_));
  }
  GetQuantizedRange(output.type, &clamp_);
  clamp_ = QuantizeActivationRange(activation, output_q_, clamp_);
  return Status::Ok();
}

Status QuantizedConv::CheckFilter(const OpContext& ctx, const Rules& rules, const Tensor& input,
                                  const Tensor& filter) {
  const tflite::TensorType expected = input.type == TensorType_UINT8 ? TensorType_UINT8 : TensorType_INT8;
  if (filter.type != expected) {
    return ctx.Error("the filter of a " + TypeName(input.type) + " input is " + TypeName(filter.type) + "; " +
                     TypeName(expected) + " expected");
  }
  const std::vector<float>& scales = filter.quant.scale;
  const std::vector<int64_t>& zero_points = filter.quant.zero_point;
  const int channels = filter.shape[rules.channel_dim];
  if (scales.size() > 1) {
    if (expected != TensorType_INT8) return ctx.Error("per-channel filter scales need an INT8 filter");
    if (scales.size() != static_cast<size_t>(channels) || filter.quant.axis != rules.channel_dim) {
      return ctx.Error("the filter has " + std::to_string(scales.size()) + " scales along dimension " +
                       std::to_string(filter.quant.axis) + "; 1, or " + std::to_string(channels) +
                       " (one per output channel) along dimension " + std::to_string(rules.channel_dim) + " expected");
    }
    if (zero_points.size() != scales.size()) {
      return ctx.Error("the filter has " + std::to_string(scales.size()) + " scales and " +
                       std::to_string(zero_points.size()) + " zero points");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, scales, "filter"));
    filter_zero_point_ = 0;
  } else {
    TensorQuantization fq;
    LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, filter, "filter", &fq));
    filter_zero_point_ = fq.zero_point;
  }
  // The integer kernels never subtract an INT8 filter's zero point: it must be 0 (symmetric).
  if (expected == TensorType_INT8 &&
      std::any_of(zero_points.begin(), zero_points.end(), [](int64_t zp) { return zp != 0; })) {
    return ctx.Error("INT8 filters must have zero points 0 (symmetric filters)");
  }
  return Status::Ok();
}

Status QuantizedConv::CheckBias(const OpContext& ctx, const Rules& rules, const Tensor& input, const Tensor& filter,
                                const Tensor* bias) const {
  if (bias == nullptr) return Status::Ok();
  const bool wide = input.type == TensorType_INT16;
  const bool int32_ok = !wide || rules.int16_takes_int32_bias;
  const bool ok = (wide && bias->type == TensorType_INT64) || (int32_ok && bias->type == TensorType_INT32);
  if (!ok) {
    const std::string expected = !wide ? "INT32" : rules.int16_takes_int32_bias ? "INT64 or INT32" : "INT64";
    return ctx.Error("the bias of a " + TypeName(input.type) + " input is " + TypeName(bias->type) + "; " + expected +
                     " expected");
  }
  const std::vector<int64_t>& zero_points = bias->quant.zero_point;
  if (std::any_of(zero_points.begin(), zero_points.end(), [](int64_t zp) { return zp != 0; })) {
    return ctx.Error("the bias must have zero points 0");
  }
  // kernel_util.cc GetQuantizedConvolutionMultipler (UINT8 only): the bias scale must be within 2%
  // of the output scale of input_scale * filter_scale.
  if (input.type == TensorType_UINT8) {
    const double product = static_cast<double>(input_q_.scale) * LegacyScale(filter);
    if (std::abs(product - LegacyScale(*bias)) / output_q_.scale > 0.02) {
      return ctx.Error("the bias scale " + std::to_string(LegacyScale(*bias)) + " is not input scale * filter scale (" +
                       std::to_string(product) + ") within 2% of the output scale, as TFLite requires");
    }
  }
  return Status::Ok();
}

}  // namespace litescope
