// Quantized BATCH_MATMUL (see quantized_batch_matmul.h): the checks of TFLite's batch_matmul.cc
// Prepare, and its integer sums and requantization.
#include "engine/kernels/internal/quantized_batch_matmul.h"

#include <limits>
#include <string>

namespace litescope {
namespace {

std::string TypeName(tflite::TensorType type) { return tflite::EnumNameTensorType(type); }

}  // namespace

Status QuantizedBatchMatMul::Prepare(const OpContext& ctx, const BatchMatMulGeometry& g, const Tensor& x,
                                     const Tensor& y, const Tensor& output) {
  if (x.type != tflite::TensorType_INT8 && x.type != tflite::TensorType_INT16) {
    return ctx.Error("quantized BATCH_MATMUL: x is " + TypeName(x.type) + "; INT8 or INT16 expected");
  }
  if (y.type != x.type) {
    return ctx.Error("quantized BATCH_MATMUL: y is " + TypeName(y.type) + "; x's type " + TypeName(x.type) +
                     " expected");
  }
  // TFLite's INT8 x INT8 -> INT32 variant (raw sums) is newer than the runtimes we match.
  if (output.type != x.type) {
    return ctx.Error("quantized BATCH_MATMUL: the output is " + TypeName(output.type) + "; x's type " +
                     TypeName(x.type) + " expected");
  }
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, x, "BATCH_MATMUL x", &x_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, y, "BATCH_MATMUL y", &y_q_));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, output, "BATCH_MATMUL output", &out_q_));
  const bool wide = x.type == tflite::TensorType_INT16;
  const double real = static_cast<double>(x_q_.scale * y_q_.scale) / out_q_.scale;
  QuantizeMultiplier(real, &multiplier_, &shift_);
  // The int32 requantization shifts left by at most 30, the int64 one right by 15 - shift >= 1.
  if (shift_ > (wide ? 14 : 30)) {
    return ctx.Error("quantized BATCH_MATMUL: x scale * y scale / output scale = " + std::to_string(real) +
                     " is too large for a fixed-point multiplier");
  }
  if (wide) {
    // The int64 requantization multiplies the sum by a Q15 multiplier: |sum| * 2^15 must fit in
    // int64, so depth * 2^30 (the largest |product|) must stay below 2^48 (TFLite assumes 2^47).
    if (g.depth >= (int64_t{1} << 18)) {
      return ctx.Error("quantized BATCH_MATMUL: int64 sums of " + std::to_string(g.depth) +
                       " INT16 products can overflow the requantization; depth below 262144 expected");
    }
  } else {
    LITESCOPE_RETURN_IF_ERROR(CheckInt32Sums(ctx, g.depth, x.type, x_q_.zero_point, y.type, y_q_.zero_point));
  }
  GetQuantizedRange(output.type, &clamp_);
  return Status::Ok();
}

template <typename T, typename Acc>
void QuantizedBatchMatMul::Run(const BatchMatMulGeometry& g, const T* x, const T* y, T* out) const {
  g.ForEachMatrix([&](int64_t ob, int64_t xb, int64_t yb) {
    const T* xm = x + xb * g.XMatrix();
    const T* ym = y + yb * g.YMatrix();
    T* om = out + ob * g.OutMatrix();
    for (int i = 0; i < g.rows; ++i) {
      for (int j = 0; j < g.cols; ++j) {
        Acc acc = 0;
        for (int k = 0; k < g.depth; ++k) {
          const Acc xv = Acc{xm[i * g.xi + k * g.xk]} - x_q_.zero_point;
          const Acc yv = Acc{ym[k * g.yk + j * g.yj]} - y_q_.zero_point;
          acc += xv * yv;
        }
        int32_t v;
        if constexpr (sizeof(Acc) == sizeof(int64_t)) {
          v = MultiplyByQuantizedMultiplier64(acc, multiplier_, shift_);
        } else {
          v = MultiplyByQuantizedMultiplier(acc, multiplier_, shift_);
        }
        v += out_q_.zero_point;
        om[int64_t{i} * g.cols + j] = static_cast<T>(v < clamp_.min ? clamp_.min : v > clamp_.max ? clamp_.max : v);
      }
    }
  });
}

void QuantizedBatchMatMul::Eval(const BatchMatMulGeometry& g, const Tensor& x, const Tensor& y,
                                Tensor& output) const {
  if (x.type == tflite::TensorType_INT16) {
    Run<int16_t, int64_t>(g, x.data<int16_t>(), y.data<int16_t>(), output.data<int16_t>());
  } else {
    Run<int8_t, int32_t>(g, x.data<int8_t>(), y.data<int8_t>(), output.data<int8_t>());
  }
}

}  // namespace litescope
