// Requantization set-up (see fixed_point.h): multipliers from real scales, quantization
// parameters checked in Prepare, quantized activation bounds.
#include "engine/kernels/internal/fixed_point.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernels/internal/element_type.h"

namespace litescope {

void QuantizeMultiplier(double m, int32_t* multiplier, int* shift) {
  if (m == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(m, shift);
  auto fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (fixed == (int64_t{1} << 31)) {  // q rounded up to 1.0
    fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {  // every bit would be shifted out
    fixed = 0;
    *shift = 0;
  }
  *multiplier = static_cast<int32_t>(fixed);
}

bool GetQuantizedRange(tflite::TensorType type, QuantizedRange* range) {
  return VisitElementType<int8_t, uint8_t, int16_t>(type, [&](auto tag) {
    using T = decltype(tag);
    *range = {std::numeric_limits<T>::min(), std::numeric_limits<T>::max()};
  });
}

Status CheckScales(const OpContext& ctx, const std::vector<float>& scales, const std::string& what) {
  for (size_t i = 0; i < scales.size(); ++i) {
    if (!std::isfinite(scales[i]) || scales[i] <= 0.0f) {
      return ctx.Error(what + " scale" + (scales.size() > 1 ? " " + std::to_string(i) : std::string()) + " is " +
                       std::to_string(scales[i]) + "; a finite value > 0 expected");
    }
  }
  return Status::Ok();
}

Status GetTensorQuantization(const OpContext& ctx, const Tensor& t, const std::string& what,
                             TensorQuantization* q) {
  const std::string type = tflite::EnumNameTensorType(t.type);
  QuantizedRange range;
  if (!GetQuantizedRange(t.type, &range)) return ctx.Error(what + " is " + type + "; INT8, UINT8 or INT16 expected");
  if (t.quant.scale.size() != 1 || t.quant.zero_point.size() != 1) {
    return ctx.Error(what + " (" + type + ") has " + std::to_string(t.quant.scale.size()) + " scales and " +
                     std::to_string(t.quant.zero_point.size()) + " zero points; one of each expected");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, t.quant.scale, what));
  const int64_t zp = t.quant.zero_point[0];
  if (zp < range.min || zp > range.max) {
    return ctx.Error(what + " zero point " + std::to_string(zp) + " is out of range for " + type);
  }
  if (t.type == tflite::TensorType_INT16 && zp != 0) {
    return ctx.Error(what + " zero point " + std::to_string(zp) + " is not 0 (TFLite requires 0 for INT16)");
  }
  *q = {t.quant.scale[0], static_cast<int32_t>(zp)};
  return Status::Ok();
}

Status CheckInt32Sums(const OpContext& ctx, int64_t terms, tflite::TensorType input_type, int32_t input_zp,
                      tflite::TensorType weights_type, int32_t weights_zp) {
  QuantizedRange x, w;
  if (!GetQuantizedRange(input_type, &x) || !GetQuantizedRange(weights_type, &w)) return Status::Ok();
  const int64_t max_x = std::max<int64_t>(int64_t{x.max} - input_zp, int64_t{input_zp} - x.min);
  const int64_t max_w = std::max<int64_t>(int64_t{w.max} - weights_zp, int64_t{weights_zp} - w.min);
  if (terms <= std::numeric_limits<int32_t>::max() / std::max<int64_t>(1, max_x * max_w)) return Status::Ok();
  return ctx.Error("sums of " + std::to_string(terms) + " products of up to " + std::to_string(max_x) + " * " +
                   std::to_string(max_w) + " can overflow the int32 accumulator (TFLite would wrap silently)");
}

QuantizedRange QuantizeActivationRange(const ActivationRange& activation, const TensorQuantization& output,
                                       QuantizedRange range) {
  // The bound is rounded in float (TfLiteRound(f / scale)) and clamped before it becomes an int, so
  // an infinite bound (no activation) leaves the type's limit.
  auto quantize = [&](float bound) {
    const float q = std::round(bound / output.scale) + static_cast<float>(output.zero_point);
    return static_cast<int32_t>(std::clamp(q, static_cast<float>(range.min), static_cast<float>(range.max)));
  };
  return {quantize(activation.min), quantize(activation.max)};
}

}  // namespace litescope
