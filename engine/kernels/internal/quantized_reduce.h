// Quantized MEAN and SUM (INT8, UINT8, INT16) as the TFLite build of the oracle (mid-2023
// kernels/reduce.cc, optimized registrations) computes them, from the int32 sum S (wrapping) of
// the n stored values reduced into each output. x is the input, y the output, zp and s their
// zero points and scales, r = s_x / s_y in float. Every step below is float32 arithmetic where
// a float appears; round() is half away from zero.
//
//   MEAN, 8-bit, keep_dims, 4-D, axes given as {1, 2} or {2, 1} (values, not resolved axes;
//     optimized_ops::Mean, optimized_integer_ops::Mean): t = zp_x s_x / s_y, b = zp_y -
//     (int)(t +- 0.5f), M, shift = QuantizeMultiplier(s_x / (n s_y)),
//     y = clamp(MultiplyByQuantizedMultiplier(S, M, shift) + b).
//   MEAN, input and output quantization equal (reference_ops::Mean): y = S / n, truncated.
//   MEAN, otherwise (reference_ops::QuantizedMeanOrSum): y = clamp(round((S / n) r - zp_x r) + zp_y).
//   SUM, 8-bit, quantization not equal (optimized_ops::QuantizedMeanOrSum):
//     y = (int32)round(S r + (-zp_x r) n) + zp_y, not clamped: the cast to the type wraps.
//   SUM, otherwise (INT16 must keep the input's quantization): y = S, wrapped to the type.
//
// An empty input gives 0s. The oracle's XNNPACK delegate takes the 8-bit MEAN of a 4-D input
// over constant axes {1, 2} / {2, 1}; we follow the builtin kernel there (within 1 LSB).
//
//   QuantizedReduce q;
//   LITESCOPE_RETURN_IF_ERROR(q.Prepare(ctx, QuantizedReduce::kMean, *in, *out));
//   q.Finish(sums, count, n, q.Pooled(*in, *axes, keep_dims), sums);  // then cast each to T
#pragma once

#include <cstdint>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class QuantizedReduce {
 public:
  enum Kind { kMean, kSum };

  // Validates the quantization of `in` and `out` and picks the arithmetic.
  Status Prepare(const OpContext& ctx, Kind kind, const Tensor& in, const Tensor& out);
  // Whether the 4-D 8-bit MEAN path above applies (the axes' values as given).
  bool Pooled(const Tensor& in, const Tensor& axes, bool keep_dims) const;
  // y[i] from sums[i], each the sum of n > 0 stored values; y may be sums.
  void Finish(const int32_t* sums, int64_t count, int64_t n, bool pooled, int32_t* y) const;

 private:
  enum Path { kRawSum, kTruncatedMean, kFloatMean, kFloatSum };

  void FinishPooled(const int32_t* sums, int64_t count, int64_t n, int32_t* y) const;

  Kind kind_ = kMean;
  Path path_ = kRawSum;
  TensorQuantization in_q_, out_q_;
  QuantizedRange range_;
};

}  // namespace litescope
