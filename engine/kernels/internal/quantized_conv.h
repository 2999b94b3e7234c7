// Quantized CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV, as TFLite's reference kernels compute
// them (reference_integer_ops conv.h / depthwise_conv.h / transpose_conv.h, reference_ops for
// UINT8), with the quantization parameters of kernel_util.cc PopulateConvolutionQuantizationParams:
//   INT8 input and output, INT8 filter (one scale, or one per output channel; zero points 0),
//   INT32 bias; UINT8 input and output, UINT8 filter (one scale, any zero point), INT32 bias;
//   16x8: INT16 input and output (zero points 0), INT8 filter as for INT8, INT64 bias, sums in int64.
//   CONV_2D also takes an INT32 bias, and then sums in int32, as TFLite's kernel does (its reference
//   ConvPerChannel accumulates in the bias type); without a bias it sums in int32 unless the option
//   quantized_bias_type says INT64.
//
//   acc = bias[oc] + sum over the window (x - input_zp) * (w - filter_zp)
//   y   = clamp(MultiplyByQuantizedMultiplier(acc, M[oc], shift[oc]) + output_zp, activation range)
//
// with M[oc], shift[oc] from input_scale * filter_scale[oc] / output_scale, in double (UINT8: the
// float product of the two scales, as TFLite's legacy per-tensor multiplier), and int64 sums
// requantized by MultiplyByQuantizedMultiplier64.
//
//   QuantizedConv q;
//   LITESCOPE_RETURN_IF_ERROR(q.Prepare(ctx, {.channel_dim = 0}, range_,
//                                       *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0)));
//   q.EvalConv(w_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// Whether input `i` is present and INT8, UINT8 or INT16 (the op then runs quantized).
bool IsQuantizedInput(const OpContext& ctx, int i);

class QuantizedConv {
 public:
  struct Rules {
    int channel_dim = 0;                  // the filter dimension of the output channels
    bool int16_takes_int32_bias = false;  // 16x8 bias: INT64, or INT32 too (int32 sums)
    bool int16_sums_int64 = true;         // 16x8 without a bias: int64 sums, or int32
  };

  // Checks types and quantization (errors name the rule broken) and computes the per-channel
  // multipliers and the quantized activation range.
  Status Prepare(const OpContext& ctx, const Rules& rules, const ActivationRange& activation, const Tensor& input,
                 const Tensor& filter, const Tensor* bias, const Tensor& output);

  // CONV_2D: OHWI filter, grouped when the filter has fewer input channels than the input.
  void EvalConv(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias, Tensor& output) const;
  // DEPTHWISE_CONV_2D: [1, KH, KW, C * multiplier] filter; output channel c * multiplier + m reads channel c.
  void EvalDepthwise(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias,
                     Tensor& output) const;
  // TRANSPOSE_CONV: OHWI filter; w's strides and padding. Every input pixel scatters its products
  // into `scratch` (sized here, one sum per output element), then bias and requantization.
  void EvalTransposeConv(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias,
                         Tensor& output, std::vector<int64_t>& scratch) const;

  // acc requantized for output channel oc: the int32 or (16x8) int64 MultiplyByQuantizedMultiplier,
  // plus the output zero point, clamped to the activation range.
  template <typename Acc>
  int32_t Requantize(Acc acc, int oc) const {
    int32_t v;
    if constexpr (sizeof(Acc) == sizeof(int64_t)) {
      v = MultiplyByQuantizedMultiplier64(acc, multiplier_[oc], shift_[oc]);
    } else {
      v = MultiplyByQuantizedMultiplier(acc, multiplier_[oc], shift_[oc]);
    }
    v += output_q_.zero_point;
    return v < clamp_.min ? clamp_.min : v > clamp_.max ? clamp_.max : v;
  }

  // What Prepare computed, for the optimized kernels (same arithmetic, gemm_i8.h).
  const TensorQuantization& input_quantization() const { return input_q_; }
  const TensorQuantization& output_quantization() const { return output_q_; }
  int32_t filter_zero_point() const { return filter_zero_point_; }
  const std::vector<int32_t>& multipliers() const { return multiplier_; }
  const std::vector<int>& shifts() const { return shift_; }
  const QuantizedRange& clamp() const { return clamp_; }

 private:
  Status CheckFilter(const OpContext& ctx, const Rules& rules, const Tensor& input, const Tensor& filter);
  // Needs input_q_ and output_q_.
  Status CheckBias(const OpContext& ctx, const Rules& rules, const Tensor& input, const Tensor& filter,
                   const Tensor* bias) const;

  // Calls f(In{}, Filter{}, Acc{}) with the element types of the input and filter and the sums' type.
  template <typename F>
  void VisitTypes(tflite::TensorType input_type, F f) const;

  TensorQuantization input_q_, output_q_;
  bool int64_sums_ = false;
  int32_t filter_zero_point_ = 0;  // UINT8 only
  std::vector<int32_t> multiplier_;  // one per output channel
  std::vector<int> shift_;
  QuantizedRange clamp_;
};

}  // namespace litescope
