// INT8 / UINT8 DEPTHWISE_CONV_2D with depth multiplier 1 (any window), bit for bit the reference:
//   acc[c] = bias[c] + sum over the window's taps inside the input (x - input_zp) * (w - filter_zp)
// (the reference skips padded taps), requantized per channel (int8_kernels.h: accumulate_taps and
// requantize_row of the selected ISA). Each output pixel sums its taps into an int32 row over the
// channels; rows of the output are split over the pool.
//
//   QuantizedDepthwise d;
//   d.Prepare(q, filter_bytes, bias, geometry);          // Prepare (constant filter)
//   d.Eval(ctx.pool(), x_bytes, y_bytes);                 // Eval
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/gemm_i8.h"

namespace litescope {

class QuantizedDepthwise {
 public:
  // `filter` is [1][k_h][k_w][channels] bytes, `bias` channels values or nullptr; g.in_c = channels.
  void Prepare(const I8Quantization& q, const uint8_t* filter, const int32_t* bias, const ConvGeometry& g);
  void Eval(ThreadPool& pool, const uint8_t* x, uint8_t* y) const;

 private:
  void Rows(const uint8_t* x, uint8_t* y, int64_t begin, int64_t end, std::vector<int32_t>& acc) const;

  ConvGeometry g_;
  const Int8Kernels* kernels_ = nullptr;
  bool int8_ = true;
  int32_t input_zero_point_ = 0;
  std::vector<int32_t> taps_;  // [k_h][k_w][channels]: w - filter_zp
  std::vector<int32_t> offset_, multiplier_, left_shift_, right_shift_;  // per channel; offset = bias
  I8Requant rq_;
};

}  // namespace litescope
