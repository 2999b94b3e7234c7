// Quantized MEAN and SUM (see quantized_reduce.h for TFLite's arithmetic, followed step by step).
#include "engine/kernels/internal/quantized_reduce.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace litescope {

Status QuantizedReduce::Prepare(const OpContext& ctx, Kind kind, const Tensor& in, const Tensor& out) {
  kind_ = kind;
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, in, "input", &in_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, out, "output", &out_q_));
  GetQuantizedRange(out.type, &range_);
  const bool same = in_q_.scale == out_q_.scale && in_q_.zero_point == out_q_.zero_point;
  const double ratio = static_cast<double>(in_q_.scale) / static_cast<double>(out_q_.scale);
  const std::string ratio_text = "input scale / output scale = " + std::to_string(ratio);
  if (kind == kMean) {
    path_ = same ? kTruncatedMean : kFloatMean;
    // The 4-D 8-bit path's multiplier s_x / (n s_y) must keep a shift <= 30.
    if (in.type != tflite::TensorType_INT16 && ratio >= 0x1p30) {
      return ctx.Error(ratio_text + " is too large (below 2^30 needed)");
    }
    return Status::Ok();
  }
  if (same || in.type == tflite::TensorType_INT16) {
    if (!same) {
      return ctx.Error(std::string("quantized SUM of INT16 needs the input's scale and zero point on the output") +
                       " (TFLite does not requantize it)");
    }
    path_ = kRawSum;
    return Status::Ok();
  }
  // TFLite casts round(S r + b) to int32 unchecked: every |x - zp_x| <= 255, at most every input
  // element in one sum.
  if (static_cast<double>(in.elements()) * 255.0 * ratio >= 0x1p30) {
    return ctx.Error("the requantized SUM of " + std::to_string(in.elements()) + " values could overflow int32 (" +
                     ratio_text + ")");
  }
  path_ = kFloatSum;
  return Status::Ok();
}

bool QuantizedReduce::Pooled(const Tensor& in, const Tensor& axes, bool keep_dims) const {
  if (kind_ != kMean || in.type == tflite::TensorType_INT16 || !keep_dims || in.shape.size() != 4 ||
      axes.elements() != 2) {
    return false;
  }
  const int32_t* a = axes.data<int32_t>();
  return (a[0] == 1 && a[1] == 2) || (a[0] == 2 && a[1] == 1);
}

void QuantizedReduce::Finish(const int32_t* sums, int64_t count, int64_t n, bool pooled, int32_t* y) const {
  if (pooled) {
    FinishPooled(sums, count, n, y);
    return;
  }
  const float scale = in_q_.scale / out_q_.scale;
  const auto zp_y = static_cast<float>(out_q_.zero_point);
  switch (path_) {
    case kRawSum:
      std::copy(sums, sums + count, y);
      break;
    case kTruncatedMean:
      for (int64_t i = 0; i < count; ++i) y[i] = static_cast<int32_t>(sums[i] / n);
      break;
    case kFloatMean: {
      const float bias = static_cast<float>(-in_q_.zero_point) * scale;
      const auto lo = static_cast<float>(range_.min), hi = static_cast<float>(range_.max);
      for (int64_t i = 0; i < count; ++i) {
        const float mean = static_cast<float>(sums[i]) / static_cast<float>(n);
        const float product = mean * scale;  // rounded on its own: WebAssembly has no fused multiply-add
        y[i] = static_cast<int32_t>(std::clamp(std::round(product + bias) + zp_y, lo, hi));
      }
      break;
    }
    case kFloatSum: {
      const float bias = static_cast<float>(-in_q_.zero_point) * scale * static_cast<float>(n);
      for (int64_t i = 0; i < count; ++i) {
        const float product = static_cast<float>(sums[i]) * scale;
        y[i] = static_cast<int32_t>(std::round(product + bias)) + out_q_.zero_point;
      }
      break;
    }
  }
}

void QuantizedReduce::FinishPooled(const int32_t* sums, int64_t count, int64_t n, int32_t* y) const {
  float moved = static_cast<float>(in_q_.zero_point) * in_q_.scale / out_q_.scale;
  moved = moved > 0 ? moved + 0.5f : moved - 0.5f;
  const int32_t bias = out_q_.zero_point - static_cast<int32_t>(moved);
  const float real_scale = in_q_.scale / (static_cast<float>(n) * out_q_.scale);
  int32_t multiplier = 0;
  int shift = 0;
  QuantizeMultiplier(real_scale, &multiplier, &shift);
  for (int64_t i = 0; i < count; ++i) {
    y[i] = std::clamp(MultiplyByQuantizedMultiplier(sums[i], multiplier, shift) + bias, range_.min, range_.max);
  }
}

}  // namespace litescope
