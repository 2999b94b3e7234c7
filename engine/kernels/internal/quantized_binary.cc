// Quantized ADD, SUB and MUL (see quantized_binary.h).
#include "engine/kernels/internal/quantized_binary.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/internal/broadcast.h"

namespace litescope {
namespace {

constexpr const char* kName[] = {"ADD", "SUB", "MUL"};

// quantization_util.cc QuantizeMultiplierSmallerThanOneExp: m in (0, 1), shift <= 0.
Status QuantizeSmallMultiplier(const OpContext& ctx, double m, const std::string& what, int32_t* multiplier,
                               int* shift) {
  if (!(m > 0.0 && m < 1.0)) {
    return ctx.Error("the " + what + " rescale factor is " + std::to_string(m) + "; TFLite needs it in (0, 1)");
  }
  QuantizeMultiplier(m, multiplier, shift);
  return Status::Ok();
}

int32_t SaturateInt16(int32_t v) { return std::clamp<int32_t>(v, INT16_MIN, INT16_MAX); }

}  // namespace

bool CheckedLog2(float x, int* log2_rounded) {
  const float log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(log2);
  *log2_rounded = static_cast<int>(rounded);
  return std::abs(log2 - rounded) < 1e-3f;
}

template <QuantizedArithmetic kOp>
Status QuantizedBinary<kOp>::Prepare(OpContext& ctx) {
  if (ctx.input_count() != 2 || ctx.output_count() != 1) return ctx.Error("needs 2 inputs and 1 output");
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  const Tensor* out = ctx.output(0);
  if (a == nullptr || b == nullptr) return ctx.Error("needs two inputs");
  const std::string type = tflite::EnumNameTensorType(a->type);
  if (b->type != a->type || out->type != a->type) {
    return ctx.Error(std::string("quantized ") + kName[static_cast<int>(kOp)] +
                     " needs inputs and output of one type; got " + type + ", " +
                     tflite::EnumNameTensorType(b->type) + ", " + tflite::EnumNameTensorType(out->type));
  }
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *a, "input 0", &a_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *b, "input 1", &b_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *out, "output", &out_q_));

  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  bool pot_scale_int16 = false;  // TFLite's value when the options table is absent
  if constexpr (kOp == QuantizedArithmetic::kAdd) {
    if (const auto* o = ctx.options<tflite::AddOptions>()) {
      act = o->fused_activation_function();
      pot_scale_int16 = o->pot_scale_int16();
    }
  } else if constexpr (kOp == QuantizedArithmetic::kSub) {
    if (const auto* o = ctx.options<tflite::SubOptions>()) {
      act = o->fused_activation_function();
      pot_scale_int16 = o->pot_scale_int16();
    }
  } else {
    if (const auto* o = ctx.options<tflite::MulOptions>()) act = o->fused_activation_function();
  }
  ActivationRange range;
  if (!GetActivationRange(act, &range)) {
    return ctx.Error(std::string("fused activation ") + tflite::EnumNameActivationFunctionType(act) +
                     " is not supported");
  }
  GetQuantizedRange(out->type, &clamp_);
  clamp_ = QuantizeActivationRange(range, out_q_, clamp_);

  if constexpr (kOp == QuantizedArithmetic::kMul) {
    // mul.cc: input1_scale * input2_scale / output_scale in float, then a double multiplier.
    const double m = a_q_.scale * b_q_.scale / out_q_.scale;
    QuantizeMultiplier(m, &out_multiplier_, &out_shift_);
    if (out_shift_ > 30) return ctx.Error("the MUL rescale factor " + std::to_string(m) + " is too large");
  } else {
    LITESCOPE_RETURN_IF_ERROR(PrepareAddSub(ctx, pot_scale_int16, a->type));
  }
  Shape shape;
  if (!BroadcastShapes(a->shape, b->shape, &shape)) {
    return ctx.Error("input shapes " + ShapeString(a->shape) + " and " + ShapeString(b->shape) + " do not broadcast");
  }
  return ctx.ResizeOutput(0, std::move(shape));
}

template <QuantizedArithmetic kOp>
Status QuantizedBinary<kOp>::PrepareAddSub(const OpContext& ctx, bool pot_scale_int16, tflite::TensorType type) {
  // Zero points are 0 for INT16 (checked by GetTensorQuantization), so only the scales decide.
  int a_log2 = 0, b_log2 = 0, out_log2 = 0;
  pot_int16_ = type == tflite::TensorType_INT16 && pot_scale_int16 && CheckedLog2(a_q_.scale, &a_log2) &&
               CheckedLog2(b_q_.scale, &b_log2) && CheckedLog2(out_q_.scale, &out_log2);
  if (pot_int16_) {
    // One input may be shifted right; the other must have the output's scale.
    a_shift_ = out_log2 - a_log2;
    b_shift_ = out_log2 - b_log2;
    if ((a_shift_ != 0 && b_shift_ != 0) || a_shift_ < 0 || b_shift_ < 0) {
      return ctx.Error("power-of-two INT16 scales need one input with the output's scale and the other no coarser");
    }
    return Status::Ok();
  }
  left_shift_ = type == tflite::TensorType_INT16 ? 15 : 20;
  // The float scales are doubled and compared in float; the quotients are taken in double.
  const double twice_max = 2 * std::max(a_q_.scale, b_q_.scale);
  LITESCOPE_RETURN_IF_ERROR(QuantizeSmallMultiplier(ctx, a_q_.scale / twice_max, "input 0", &a_multiplier_, &a_shift_));
  LITESCOPE_RETURN_IF_ERROR(QuantizeSmallMultiplier(ctx, b_q_.scale / twice_max, "input 1", &b_multiplier_, &b_shift_));
  const float shifted_out_scale = static_cast<float>(1 << left_shift_) * out_q_.scale;
  return QuantizeSmallMultiplier(ctx, twice_max / shifted_out_scale, "output", &out_multiplier_, &out_shift_);
}

template <QuantizedArithmetic kOp>
int32_t QuantizedBinary<kOp>::Compute(int32_t a, int32_t b) const {
  constexpr bool kSub = kOp == QuantizedArithmetic::kSub;
  int32_t v;
  if constexpr (kOp == QuantizedArithmetic::kMul) {
    v = MultiplyByQuantizedMultiplier((a - a_q_.zero_point) * (b - b_q_.zero_point), out_multiplier_, out_shift_) +
        out_q_.zero_point;
  } else if (pot_int16_) {
    const int32_t sa = RoundingDivideByPOT(a, a_shift_), sb = RoundingDivideByPOT(b, b_shift_);
    v = SaturateInt16(kSub ? sa - sb : sa + sb);
  } else {
    const int32_t sa = MultiplyByQuantizedMultiplier((a - a_q_.zero_point) * (1 << left_shift_), a_multiplier_, a_shift_);
    const int32_t sb = MultiplyByQuantizedMultiplier((b - b_q_.zero_point) * (1 << left_shift_), b_multiplier_, b_shift_);
    v = MultiplyByQuantizedMultiplier(kSub ? sa - sb : sa + sb, out_multiplier_, out_shift_) + out_q_.zero_point;
  }
  return std::clamp(v, clamp_.min, clamp_.max);
}

template <QuantizedArithmetic kOp>
template <typename T>
void QuantizedBinary<kOp>::Run(OpContext& ctx) const {
  const Tensor& a = *ctx.input(0);
  const Tensor& b = *ctx.input(1);
  Tensor& out = *ctx.output(0);
  const T* pa = a.data<T>();
  const T* pb = b.data<T>();
  T* po = out.data<T>();
  ForEachBroadcast(a.shape, b.shape, out.shape, [&](int64_t o, int64_t ia, int64_t ib) {
    po[o] = static_cast<T>(Compute(pa[ia], pb[ib]));
  });
}

template <QuantizedArithmetic kOp>
Status QuantizedBinary<kOp>::Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case tflite::TensorType_INT8: Run<int8_t>(ctx); break;
    case tflite::TensorType_UINT8: Run<uint8_t>(ctx); break;
    default: Run<int16_t>(ctx); break;
  }
  return Status::Ok();
}

template class QuantizedBinary<QuantizedArithmetic::kAdd>;
template class QuantizedBinary<QuantizedArithmetic::kSub>;
template class QuantizedBinary<QuantizedArithmetic::kMul>;

}  // namespace litescope
