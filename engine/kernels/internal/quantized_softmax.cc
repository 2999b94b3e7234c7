// Quantized SOFTMAX (see quantized_softmax.h).
#include "engine/kernels/internal/quantized_softmax.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace litescope {
namespace {

const Int16Lut& ExpLut() {
  static const Int16Lut lut = MakeInt16Lut([](double x) { return std::exp(x); }, -10.0, 0.0);
  return lut;
}

const Int16Lut& OneOverOnePlusXLut() {
  static const Int16Lut lut = MakeInt16Lut([](double x) { return 1.0 / (1.0 + x); }, 0.0, 1.0);
  return lut;
}

// The output's scale and zero point; INT16 outputs of 8-bit inputs may have any zero point
// (GetTensorQuantization insists on 0 for INT16).
Status GetOutputQuantization(const OpContext& ctx, const Tensor& out, bool any_int16_zero_point,
                             TensorQuantization* q) {
  if (!any_int16_zero_point) return GetTensorQuantization(ctx, out, "output", q);
  if (out.quant.scale.size() != 1 || out.quant.zero_point.size() != 1) {
    return ctx.Error("output (INT16) has " + std::to_string(out.quant.scale.size()) +
                     " scales and zero points; one of each expected");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, out.quant.scale, "output"));
  const int64_t zp = out.quant.zero_point[0];
  if (zp < INT16_MIN || zp > INT16_MAX) return ctx.Error("output zero point " + std::to_string(zp) + " is out of range");
  *q = {out.quant.scale[0], static_cast<int32_t>(zp)};
  return Status::Ok();
}

}  // namespace

Status QuantizedSoftmax::Prepare(OpContext& ctx) {
  if (ctx.input_count() != 1 || ctx.output_count() != 1) return ctx.Error("needs one input and one output");
  const Tensor& in = *ctx.input(0);
  const Tensor& out = *ctx.output(0);
  if (in.shape.empty()) return ctx.Error("needs an input of rank >= 1");
  const bool eight_bit = in.type != tflite::TensorType_INT16;
  if (out.type != in.type && !(eight_bit && out.type == tflite::TensorType_INT16)) {
    return ctx.Error(std::string("quantized SOFTMAX takes UINT8 -> UINT8 or INT16, INT8 -> INT8 or INT16, INT16 -> INT16; got ") +
                     tflite::EnumNameTensorType(in.type) + " -> " + tflite::EnumNameTensorType(out.type));
  }
  TensorQuantization in_q;
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, in, "input", &in_q));
  LITESCOPE_RETURN_IF_ERROR(GetOutputQuantization(ctx, out, eight_bit && out.type == tflite::TensorType_INT16, &out_q_));
  // TFLite fixes the output quantization of INT8 -> INT8 and INT16 -> INT16 only.
  const float want_scale = in.type == tflite::TensorType_INT16 ? 1.0f / 32768 : 1.0f / 256;
  const int32_t want_zp = in.type == tflite::TensorType_INT16 ? 0 : -128;
  if (in.type == out.type && in.type != tflite::TensorType_UINT8 &&
      (out_q_.zero_point != want_zp || !(std::abs(out_q_.scale - want_scale) <= 0.001f * want_scale))) {
    return ctx.Error("the output of a quantized " + std::string(tflite::EnumNameTensorType(in.type)) +
                     " SOFTMAX must have scale " + (eight_bit ? "1/256" : "1/32768") + " and zero point " +
                     std::to_string(want_zp) + "; got " + std::to_string(out_q_.scale) + ", " +
                     std::to_string(out_q_.zero_point));
  }
  const auto* o = ctx.options<tflite::SoftmaxOptions>();
  const float beta = o ? o->beta() : 1.0f;
  if (eight_bit) {
    const float scale = -in_q.scale * beta;
    for (int v = 0; v <= 255; ++v) table_[255 - v] = std::exp(scale * static_cast<float>(v));
  } else {
    const double m = (in_q.scale * beta) / (10.0 / 65535.0);  // the product in float, as TFLite
    QuantizeMultiplier(m, &multiplier_, &shift_);
    if (shift_ > 30) return ctx.Error("input scale * beta = " + std::to_string(in_q.scale * beta) + " is too large");
  }
  return ctx.ResizeOutput(0, in.shape);
}

template <typename In, typename Out>
void QuantizedSoftmax::RunTable(const Tensor& in, Tensor& out) const {
  const int64_t depth = in.shape.back();
  if (depth == 0) return;
  const int64_t rows = in.elements() / depth;
  const In* x = in.data<In>();
  Out* y = out.data<Out>();
  constexpr int32_t kMin = std::numeric_limits<Out>::min(), kMax = std::numeric_limits<Out>::max();
  for (int64_t r = 0; r < rows; ++r, x += depth, y += depth) {
    int32_t max = std::numeric_limits<In>::min();
    for (int64_t i = 0; i < depth; ++i) max = std::max<int32_t>(max, x[i]);
    const float* e = table_.data() + (255 - max);  // e[x] = exp(-s_x beta (max - x))
    float sum = 0.0f;
    for (int64_t i = 0; i < depth; ++i) sum += e[x[i]];
    const float inv = 1.0f / (sum * out_q_.scale);
    for (int64_t i = 0; i < depth; ++i) {
      const float p = e[x[i]] * inv;
      const int32_t q =
          std::is_same_v<Out, uint8_t> ? static_cast<int32_t>(p + 0.5f) : static_cast<int32_t>(std::round(p));
      y[i] = static_cast<Out>(std::clamp(q + out_q_.zero_point, kMin, kMax));
    }
  }
}

void QuantizedSoftmax::RunInt16(const Tensor& in, Tensor& out) const {
  const int64_t depth = in.shape.back();
  if (depth == 0) return;
  const int64_t rows = in.elements() / depth;
  const int16_t* x = in.data<int16_t>();
  int16_t* y = out.data<int16_t>();
  const auto saturate = [](int32_t v) { return static_cast<int16_t>(std::clamp<int32_t>(v, INT16_MIN, INT16_MAX)); };
  std::vector<int16_t> e(static_cast<size_t>(depth));
  for (int64_t r = 0; r < rows; ++r, x += depth, y += depth) {
    int16_t max = INT16_MIN;
    for (int64_t i = 0; i < depth; ++i) max = std::max(max, x[i]);
    int32_t sum = 0;  // Q16.15
    for (int64_t i = 0; i < depth; ++i) {
      const int32_t d = MultiplyByQuantizedMultiplier(x[i] - max, multiplier_, shift_);
      e[i] = LookupInt16Lut(ExpLut(), saturate(d + 32767));
      sum += e[i];
    }
    const int headroom_plus_one = std::countl_zero(static_cast<uint32_t>(sum));
    const auto shifted = static_cast<int32_t>(((static_cast<int64_t>(sum) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    // 1 / (1 + x) for x = sum - 1, recentred from [0, 65535] to [-32768, 32767].
    const int16_t reciprocal = LookupInt16Lut(OneOverOnePlusXLut(), saturate(shifted - ((1 << 15) + (1 << 16))));
    const int right_shift = 31 - headroom_plus_one;
    for (int64_t i = 0; i < depth; ++i) {
      const int64_t round = int64_t{1} << (right_shift - 1);
      const auto v = static_cast<int32_t>((static_cast<int64_t>(e[i]) * reciprocal + round) >> right_shift);
      y[i] = static_cast<int16_t>(std::clamp<int32_t>(v, 0, 32767));
    }
  }
}

Status QuantizedSoftmax::Eval(OpContext& ctx) {
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  const bool int16_out = out.type == tflite::TensorType_INT16;
  switch (in.type) {
    case tflite::TensorType_UINT8:
      int16_out ? RunTable<uint8_t, int16_t>(in, out) : RunTable<uint8_t, uint8_t>(in, out);
      break;
    case tflite::TensorType_INT8:
      int16_out ? RunTable<int8_t, int16_t>(in, out) : RunTable<int8_t, int8_t>(in, out);
      break;
    default: RunInt16(in, out); break;
  }
  return Status::Ok();
}

}  // namespace litescope
