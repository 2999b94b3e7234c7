#include "engine/kernels/internal/quantized_svdf.h"

#include <algorithm>
#include <limits>
#include <string>

#include "engine/kernels/internal/variable_state.h"
#include "engine/kernels/internal/wrapping_math.h"

namespace litescope {
namespace {

// The single scale of a constant-like tensor (weights), which must be valid.
Status SingleScale(const OpContext& ctx, const Tensor& t, const std::string& what, float* scale) {
  if (t.quant.scale.size() != 1) {
    return ctx.Error(what + " needs one scale, has " + std::to_string(t.quant.scale.size()));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, t.quant.scale, what));
  *scale = t.quant.scale[0];
  return Status::Ok();
}

Status ExpectType(const OpContext& ctx, const Tensor* t, tflite::TensorType type, const std::string& what) {
  if (t == nullptr || t->type == type) return Status::Ok();
  return ctx.Error("integer SVDF needs " + what + " of type " + tflite::EnumNameTensorType(type) + ", not " +
                   tflite::EnumNameTensorType(t->type));
}

}  // namespace

Status QuantizedSvdf::Prepare(OpContext& ctx, const SvdfShape& shape) {
  s_ = shape;
  const Tensor &input = *ctx.input(0), &wf = *ctx.input(1), &wt = *ctx.input(2), &output = *ctx.output(0);
  LITESCOPE_RETURN_IF_ERROR(ExpectType(ctx, &wf, tflite::TensorType_INT8, "weights_feature"));
  LITESCOPE_RETURN_IF_ERROR(ExpectType(ctx, &wt, tflite::TensorType_INT16, "weights_time"));
  LITESCOPE_RETURN_IF_ERROR(ExpectType(ctx, ctx.input(3), tflite::TensorType_INT32, "a bias"));
  LITESCOPE_RETURN_IF_ERROR(ExpectType(ctx, &output, tflite::TensorType_INT8, "an output"));
  LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 4, "activation state", int64_t{s_.batch} * s_.filters * s_.memory,
                                                 tflite::TensorType_INT16));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, input, "input", &input_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, output, "output", &output_q_));
  TensorQuantization state_q;
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.input(4), "activation state", &state_q));
  float wf_scale = 0, wt_scale = 0;
  LITESCOPE_RETURN_IF_ERROR(SingleScale(ctx, wf, "weights_feature", &wf_scale));
  LITESCOPE_RETURN_IF_ERROR(SingleScale(ctx, wt, "weights_time", &wt_scale));
  const float scale_1 = input_q_.scale * wf_scale / state_q.scale;
  const float scale_2 = state_q.scale * wt_scale / output_q_.scale;
  QuantizeMultiplier(scale_1, &multiplier_1_, &shift_1_);
  QuantizeMultiplier(scale_2, &multiplier_2_, &shift_2_);
  if (shift_1_ > 30 || shift_2_ > 30) return ctx.Error("the SVDF scales are too large for fixed-point multipliers");
  scratch_.assign(static_cast<size_t>(s_.filters), 0);
  return Status::Ok();
}

void QuantizedSvdf::Eval(OpContext& ctx) {
  const int8_t* x = ctx.input(0)->data<int8_t>();
  const int8_t* wf = ctx.input(1)->data<int8_t>();
  const int16_t* wt = ctx.input(2)->data<int16_t>();
  const int32_t* bias = ctx.input(3) ? ctx.input(3)->data<int32_t>() : nullptr;
  int16_t* state = MutableState<int16_t>(ctx, 4);
  int8_t* y = ctx.output(0)->data<int8_t>();
  constexpr int32_t kMin16 = std::numeric_limits<int16_t>::min(), kMax16 = std::numeric_limits<int16_t>::max();
  for (int b = 0; b < s_.batch; ++b) {
    const int8_t* xb = x + int64_t{b} * s_.input;
    for (int f = 0; f < s_.filters; ++f) {
      int16_t* mem = state + (int64_t{b} * s_.filters + f) * s_.memory;
      std::copy(mem + 1, mem + s_.memory, mem);
      int32_t dot = 0;
      for (int k = 0; k < s_.input; ++k) dot += wf[int64_t{f} * s_.input + k] * (xb[k] - input_q_.zero_point);
      mem[s_.memory - 1] =
          static_cast<int16_t>(std::clamp(MultiplyByQuantizedMultiplier(dot, multiplier_1_, shift_1_), kMin16, kMax16));
    }
    for (int f = 0; f < s_.filters; ++f) {
      const int16_t* mem = state + (int64_t{b} * s_.filters + f) * s_.memory;
      int32_t dot = 0;
      // int32 sums wrap on overflow, as TFLite's do in practice (the products reach 2^30).
      for (int m = 0; m < s_.memory; ++m) {
        dot = WrappingAdd(dot, int32_t{wt[int64_t{f} * s_.memory + m]} * mem[m]);
      }
      scratch_[static_cast<size_t>(f)] = dot;
    }
    for (int u = 0; u < s_.units; ++u) {
      int32_t acc = bias ? bias[u] : 0;
      for (int r = 0; r < s_.rank; ++r) acc = WrappingAdd(acc, scratch_[static_cast<size_t>(u * s_.rank + r)]);
      const int32_t v =
          WrappingAdd(MultiplyByQuantizedMultiplier(acc, multiplier_2_, shift_2_), output_q_.zero_point);
      y[int64_t{b} * s_.units + u] = static_cast<int8_t>(std::clamp(v, -128, 127));
    }
  }
}

}  // namespace litescope
