// Quantized activations (see quantized_unary.h).
#include "engine/kernels/internal/quantized_unary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/kernels/internal/quantized_binary.h"

namespace litescope {
namespace {

constexpr const char* kName[] = {"RELU", "RELU6", "RELU_N1_TO_1", "LEAKY_RELU", "LOGISTIC", "TANH", "HARD_SWISH"};

// QuantizedReluX: zp_y + (int)roundf(bound / s_y), within the type's range.
int32_t QuantizeBound(float bound, const TensorQuantization& q, const QuantizedRange& range) {
  const double v = static_cast<double>(q.zero_point) + std::round(bound / q.scale);
  return static_cast<int32_t>(std::clamp(v, static_cast<double>(range.min), static_cast<double>(range.max)));
}

// gemmlowp's int16 SaturatingRoundingDoublingHighMul: round(a * b / 2^15), ties of negative
// products toward zero; -32768 * -32768 saturates.
int32_t RoundingHighMul16(int32_t a, int32_t b) {
  if (a == INT16_MIN && b == INT16_MIN) return INT16_MAX;
  const int32_t ab = a * b;
  return (ab + (ab >= 0 ? (1 << 14) : 1 - (1 << 14))) / (1 << 15);
}

// TFLite's SaturatingDoublingHighMul (int16): a * b / 2^15 truncated toward zero.
int32_t TruncatingHighMul16(int32_t a, int32_t b) {
  if (a == INT16_MIN && b == INT16_MIN) return INT16_MAX;
  return a * b / (1 << 15);
}

int32_t SaturatingLeftShift16(int32_t v, int amount) { return std::clamp(v * (1 << amount), INT16_MIN, INT16_MAX); }

// DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15 (saturating at 32767).
int32_t ToQ15(int32_t multiplier) {
  if (multiplier >= INT32_MAX - (1 << 15)) return INT16_MAX;
  return (multiplier + (1 << 15)) >> 16;
}

}  // namespace

template <QuantizedActivation kOp>
Status QuantizedUnary<kOp>::Prepare(OpContext& ctx) {
  if (ctx.input_count() != 1 || ctx.output_count() != 1) return ctx.Error("needs one input and one output");
  const Tensor* in = ctx.input(0);
  if (in == nullptr) return ctx.Error("the input is missing");
  const Tensor& out = *ctx.output(0);
  if (out.type != in->type) {
    return ctx.Error(std::string("quantized ") + kName[static_cast<int>(kOp)] + " needs input and output of one type; got " +
                     tflite::EnumNameTensorType(in->type) + " and " + tflite::EnumNameTensorType(out.type));
  }
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *in, "input", &in_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, out, "output", &out_q_));
  QuantizedRange type_range;
  GetQuantizedRange(in->type, &type_range);
  clamp_ = type_range;  // PrepareParameters narrows it for the RELU family
  type_min_ = type_range.min;
  LITESCOPE_RETURN_IF_ERROR(PrepareParameters(ctx, in->type));
  table_.resize(static_cast<size_t>(type_range.max - type_range.min) + 1);
  for (int32_t x = type_range.min; x <= type_range.max; ++x) table_[x - type_range.min] = Compute(x);
  return ctx.ResizeOutput(0, in->shape);
}

template <QuantizedActivation kOp>
Status QuantizedUnary<kOp>::PrepareParameters(const OpContext& ctx, tflite::TensorType type) {
  // activations.cc multiplies and divides the float scales in float, then quantizes in double.
  const double identity = in_q_.scale / out_q_.scale;
  QuantizeMultiplier(identity, &multiplier_, &shift_);
  if (shift_ > 30) return ctx.Error("input scale / output scale = " + std::to_string(identity) + " is too large");
  if constexpr (kOp == QuantizedActivation::kRelu || kOp == QuantizedActivation::kRelu6 ||
                kOp == QuantizedActivation::kReluN1To1) {
    const float lo = kOp == QuantizedActivation::kReluN1To1 ? -1.0f : 0.0f;
    const float hi = kOp == QuantizedActivation::kRelu6 ? 6.0f : 1.0f;
    const QuantizedRange type_range = clamp_;
    clamp_.min = QuantizeBound(lo, out_q_, type_range);
    if (kOp != QuantizedActivation::kRelu) clamp_.max = QuantizeBound(hi, out_q_, type_range);
  } else if constexpr (kOp == QuantizedActivation::kLeakyRelu) {
    float alpha = 0.0f;  // TFLite's value when the options table is absent
    if (const auto* o = ctx.options<tflite::LeakyReluOptions>()) alpha = o->alpha();
    const double m = in_q_.scale * alpha / out_q_.scale;
    QuantizeMultiplier(m, &multiplier2_, &shift2_);
    if (shift2_ > 30) return ctx.Error("input scale * alpha / output scale = " + std::to_string(m) + " is too large");
  } else if constexpr (kOp == QuantizedActivation::kHardSwish) {
    if (type == tflite::TensorType_INT16) return ctx.Error("quantized INT16 HARD_SWISH is not supported by TFLite");
    // activations.cc HardSwishPrepare, in float: the hires input scale s_x / 128, the output
    // multiplier hires / s_y and the "reluish" multiplier hires / (3 / 32768).
    const float hires = (1.0f / 128.0f) * in_q_.scale;
    QuantizeMultiplier(hires / out_q_.scale, &multiplier_, &shift_);
    multiplier_ = ToQ15(multiplier_);
    if (shift_ > 0) return ctx.Error("HARD_SWISH needs an output scale >= input scale / 128");
    QuantizeMultiplier(hires / (3.0f / 32768.0f), &multiplier2_, &shift2_);
    multiplier2_ = ToQ15(multiplier2_);
  } else {
    if (type == tflite::TensorType_INT16) return PrepareInt16Sigmoid(ctx);
    // TFLite's builtin LOGISTIC fixes the output scale (exactly), not the zero point.
    if (kOp == QuantizedActivation::kLogistic && out_q_.scale != 1.0f / 256) {
      return ctx.Error("the output of a quantized 8-bit LOGISTIC must have scale 1/256; got " +
                       std::to_string(out_q_.scale));
    }
  }
  return Status::Ok();
}

template <QuantizedActivation kOp>
Status QuantizedUnary<kOp>::PrepareInt16Sigmoid(const OpContext& ctx) {
  // activations.cc: LOGISTIC compares the output scale with 1/32768 exactly, TANH only its log2
  // (within 1e-3); both need zero points 0 (checked with the quantization).
  int out_log2 = 0;
  const bool q15 = kOp == QuantizedActivation::kLogistic ? out_q_.scale == 1.0f / 32768
                                                          : CheckedLog2(out_q_.scale, &out_log2) && out_log2 == -15;
  if (!q15) {
    return ctx.Error(std::string("the output of a quantized INT16 ") + kName[static_cast<int>(kOp)] +
                     " must have scale 1/32768; got " + std::to_string(out_q_.scale));
  }
  std::string error;
  const auto f = kOp == QuantizedActivation::kLogistic ? Int16Sigmoid::kLogistic : Int16Sigmoid::kTanh;
  if (!sigmoid_.Prepare(f, in_q_.scale, &error)) return ctx.Error(error);
  int16_sigmoid_ = true;
  return Status::Ok();
}

template <QuantizedActivation kOp>
int32_t QuantizedUnary<kOp>::Compute(int32_t x) const {
  if constexpr (kOp == QuantizedActivation::kLogistic || kOp == QuantizedActivation::kTanh) {
    if (int16_sigmoid_) return sigmoid_.Compute(static_cast<int16_t>(x));
    const float real = in_q_.scale * static_cast<float>(x - in_q_.zero_point);
    const float f = kOp == QuantizedActivation::kLogistic ? 1.0f / (1.0f + std::exp(-real)) : std::tanh(real);
    const float inverse_scale = 1.0f / out_q_.scale;
    const float q = std::round(f * inverse_scale) + static_cast<float>(out_q_.zero_point);
    return std::clamp(static_cast<int32_t>(q), clamp_.min, clamp_.max);
  } else if constexpr (kOp == QuantizedActivation::kHardSwish) {
    const int32_t hires = static_cast<int16_t>((x - in_q_.zero_point) * (1 << 7));
    const int32_t preshift = RoundingHighMul16(hires, multiplier_);
    int32_t r = hires;
    // Left shifts saturate: all but one bit before the multiplier, the last one after it.
    if (shift2_ > 0) r = SaturatingLeftShift16(r, shift2_ - 1);
    r = RoundingHighMul16(r, multiplier2_);
    if (shift2_ > 0) r = SaturatingLeftShift16(r, 1);
    if (shift2_ < 0) r = RoundingDivideByPOT(r, -shift2_);
    r = (r + (1 << 15)) >> 1;
    const int32_t v = RoundingDivideByPOT(TruncatingHighMul16(r, preshift), -shift_) + out_q_.zero_point;
    return std::clamp(v, clamp_.min, clamp_.max);
  } else {
    const int32_t d = x - in_q_.zero_point;
    const bool alpha = kOp == QuantizedActivation::kLeakyRelu && d < 0;
    const int32_t v = out_q_.zero_point + MultiplyByQuantizedMultiplier(d, alpha ? multiplier2_ : multiplier_,
                                                                        alpha ? shift2_ : shift_);
    return std::clamp(v, clamp_.min, clamp_.max);
  }
}

template <QuantizedActivation kOp>
Status QuantizedUnary<kOp>::Eval(OpContext& ctx) {
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  const int32_t* table = table_.data() - type_min_;
  const int64_t n = in.elements();
  auto run = [&](auto tag) {
    using T = decltype(tag);
    const T* x = in.data<T>();
    T* y = out.data<T>();
    for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(table[x[i]]);
  };
  switch (in.type) {
    case tflite::TensorType_INT8: run(int8_t{}); break;
    case tflite::TensorType_UINT8: run(uint8_t{}); break;
    default: run(int16_t{}); break;
  }
  return Status::Ok();
}

template class QuantizedUnary<QuantizedActivation::kRelu>;
template class QuantizedUnary<QuantizedActivation::kRelu6>;
template class QuantizedUnary<QuantizedActivation::kReluN1To1>;
template class QuantizedUnary<QuantizedActivation::kLeakyRelu>;
template class QuantizedUnary<QuantizedActivation::kLogistic>;
template class QuantizedUnary<QuantizedActivation::kTanh>;
template class QuantizedUnary<QuantizedActivation::kHardSwish>;

}  // namespace litescope
