// QUANTIZE, per tensor, as TFLite's builtin kernel (kernels/quantize.cc): FLOAT32 to INT8, UINT8 or
// INT16 as clamp(round(x / scale) + zero_point), and requantization between INT8, UINT8 and INT16
// (INT8/UINT8 to INT8/UINT8, INT16 to INT8/INT16/INT32, INT8 to INT16, INT32 to INT8/INT16; INT32
// with zero point 0) with the fixed-point multiplier input_scale / output_scale:
// clamp(MultiplyByQuantizedMultiplier(q - in_zp, M, shift) + out_zp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/kernels/internal/element_type.h"
#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/wrapping_math.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

bool RequantizationSupported(tflite::TensorType in, tflite::TensorType out) {
  using tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_UINT8;
  const bool in8 = in == TensorType_INT8 || in == TensorType_UINT8;
  const bool out8 = out == TensorType_INT8 || out == TensorType_UINT8;
  const bool to8or16 = out == TensorType_INT8 || out == TensorType_INT16;
  return (in8 && out8) || ((in == TensorType_INT16 || in == tflite::TensorType_INT32) && to8or16) ||
         (in == TensorType_INT8 && out == TensorType_INT16) || (in == TensorType_INT16 && out == tflite::TensorType_INT32);
}

// A tensor's quantization: INT8/UINT8 as GetTensorQuantization checks it; INT16 with any zero
// point in its range (TFLite's own INT16 SOFTMAX output has -32768, and QUANTIZE takes it); INT32
// (the accumulators and scores some TFLite Micro models requantize) with zero point 0.
Status GetQuantization(const OpContext& ctx, const Tensor& t, const std::string& what, TensorQuantization* q) {
  const bool wide = t.type == tflite::TensorType_INT16 || t.type == tflite::TensorType_INT32;
  if (!wide) return GetTensorQuantization(ctx, t, what, q);
  const std::string type = tflite::EnumNameTensorType(t.type);
  if (t.quant.scale.size() != 1 || t.quant.zero_point.size() != 1) {
    return ctx.Error("an " + type + " " + what + " needs one scale and one zero point");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, t.quant.scale, what));
  const int64_t zp = t.quant.zero_point[0];
  if (t.type == tflite::TensorType_INT32 ? zp != 0 : (zp < -32768 || zp > 32767)) {
    return ctx.Error(what + " zero point " + std::to_string(zp) + " is out of range for " + type +
                     (t.type == tflite::TensorType_INT32 ? " (0 expected)" : ""));
  }
  *q = {t.quant.scale[0], static_cast<int32_t>(zp)};
  return Status::Ok();
}

class Quantize : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1 || ctx.input(0) == nullptr) {
      return ctx.Error("needs one input and one output");
    }
    const Tensor& in = *ctx.input(0);
    const Tensor& out = *ctx.output(0);
    if (in.type == tflite::TensorType_FLOAT32 && out.type == tflite::TensorType_INT32) {
      return ctx.Error("output is INT32; INT8, UINT8 or INT16 expected from FLOAT32");
    }
    LITESCOPE_RETURN_IF_ERROR(GetQuantization(ctx, out, "output", &out_q_));
    out_range_ = {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    GetQuantizedRange(out.type, &out_range_);
    if (in.type != tflite::TensorType_FLOAT32) {
      if (!RequantizationSupported(in.type, out.type)) {
        return ctx.Error(std::string("requantizing ") + tflite::EnumNameTensorType(in.type) + " to " +
                         tflite::EnumNameTensorType(out.type) + " is not supported");
      }
      LITESCOPE_RETURN_IF_ERROR(GetQuantization(ctx, in, "input", &in_q_));
      QuantizeMultiplier(static_cast<double>(in_q_.scale) / static_cast<double>(out_q_.scale), &multiplier_, &shift_);
      if (shift_ > 30) {
        return ctx.Error("input scale / output scale = " + std::to_string(in_q_.scale / out_q_.scale) +
                         " is too large for a fixed-point multiplier");
      }
    }
    return ctx.ResizeOutput(0, in.shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const int64_t n = in.elements();
    VisitElementType<int8_t, uint8_t, int16_t, int32_t>(out.type, [&](auto out_tag) {
      auto* y = out.data<decltype(out_tag)>();
      if (in.type == tflite::TensorType_FLOAT32) {
        AffineQuantize(in.data<float>(), n, y);
        return;
      }
      VisitElementType<int8_t, uint8_t, int16_t, int32_t>(in.type, [&](auto in_tag) {
        Requantize(in.data<decltype(in_tag)>(), n, y);
      });
    });
    return Status::Ok();
  }

 private:
  template <typename T>
  T Clamp(int32_t v) const {
    return static_cast<T>(std::clamp(v, out_range_.min, out_range_.max));
  }

  // TFLite's builtin QUANTIZE runs optimized_ops::AffineQuantize, which divides the float by the
  // scale widened to double (reference_ops divides in float: the two differ where the float
  // quotient rounds onto .5), rounds half away from zero and adds the zero point.
  template <typename T>
  void AffineQuantize(const float* x, int64_t n, T* y) const {
    const double scale = out_q_.scale;
    for (int64_t i = 0; i < n; ++i) {
      const int32_t q = SaturatingCast<int32_t>(std::round(static_cast<double>(x[i]) / scale));
      y[i] = Clamp<T>(WrappingAdd(q, out_q_.zero_point));
    }
  }

  template <typename In, typename Out>
  void Requantize(const In* x, int64_t n, Out* y) const {
    for (int64_t i = 0; i < n; ++i) {
      const int32_t d = static_cast<int32_t>(x[i]) - in_q_.zero_point;
      y[i] = Clamp<Out>(WrappingAdd(MultiplyByQuantizedMultiplier(d, multiplier_, shift_), out_q_.zero_point));
    }
  }

  TensorQuantization in_q_, out_q_;
  QuantizedRange out_range_;
  int32_t multiplier_ = 0;
  int shift_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeQuantize() { return Make<Quantize>(); }

}  // namespace litescope
