#include "engine/kernels/internal/quantized_depthwise.h"

#include <algorithm>

namespace litescope {
namespace {

// Output rows per chunk of work: enough multiply-adds to be worth a thread.
constexpr int64_t kMinMacsPerChunk = int64_t{1} << 16;

}  // namespace

void QuantizedDepthwise::Prepare(const I8Quantization& q, const uint8_t* filter, const int32_t* bias,
                                 const ConvGeometry& g) {
  g_ = g;
  kernels_ = &Int8KernelsFor(SelectedInt8CpuIsa());
  int8_ = q.int8;
  input_zero_point_ = q.input_zero_point;
  const int c = g.in_c;
  taps_.resize(static_cast<size_t>(g.k_h) * g.k_w * c);
  for (size_t i = 0; i < taps_.size(); ++i) {
    const int32_t w = q.int8 ? int32_t{static_cast<int8_t>(filter[i])} : int32_t{filter[i]};
    taps_[i] = w - q.weights_zero_point;
  }
  offset_.assign(static_cast<size_t>(c), 0);
  multiplier_.resize(static_cast<size_t>(c));
  left_shift_.resize(static_cast<size_t>(c));
  right_shift_.resize(static_cast<size_t>(c));
  for (size_t i = 0; i < static_cast<size_t>(c); ++i) {
    if (bias != nullptr) offset_[i] = bias[i];
    const size_t m = q.multiplier.size() == 1 ? 0 : i;
    multiplier_[i] = q.multiplier[m];
    left_shift_[i] = std::max(q.shift[m], 0);
    right_shift_[i] = std::max(-q.shift[m], 0);
  }
  rq_ = I8Requant{offset_.data(), multiplier_.data(), left_shift_.data(), right_shift_.data(),
                  q.output_zero_point, q.min, q.max};
}

void QuantizedDepthwise::Rows(const uint8_t* x, uint8_t* y, int64_t begin, int64_t end,
                              std::vector<int32_t>& acc) const {
  const int c = g_.in_c;
  I8Taps taps;
  taps.acc = acc.data();
  taps.n = c;
  taps.zero_point = input_zero_point_;
  taps.x_int8 = int8_;
  for (int64_t r = begin; r < end; ++r) {
    const int64_t image = r / g_.out_h;
    const int oy = static_cast<int>(r % g_.out_h);
    const uint8_t* xi = x + image * g_.in_h * g_.in_w * c;
    for (int ox = 0; ox < g_.out_w; ++ox) {
      std::fill(acc.begin(), acc.end(), 0);
      for (int ky = 0; ky < g_.k_h; ++ky) {
        const int iy = oy * g_.stride_h - g_.pad_h + ky * g_.dil_h;
        if (iy < 0 || iy >= g_.in_h) continue;  // padded taps add nothing, as in the reference
        for (int kx = 0; kx < g_.k_w; ++kx) {
          const int ix = ox * g_.stride_w - g_.pad_w + kx * g_.dil_w;
          if (ix < 0 || ix >= g_.in_w) continue;
          taps.x = xi + (static_cast<int64_t>(iy) * g_.in_w + ix) * c;
          taps.w = taps_.data() + (static_cast<int64_t>(ky) * g_.k_w + kx) * c;
          kernels_->accumulate_taps(taps);
        }
      }
      uint8_t* out = y + ((image * g_.out_h + oy) * g_.out_w + ox) * c;
      kernels_->requantize_row(acc.data(), c, rq_, out);
    }
  }
}

void QuantizedDepthwise::Eval(ThreadPool& pool, const uint8_t* x, uint8_t* y) const {
  const int64_t rows = static_cast<int64_t>(g_.batches) * g_.out_h;
  const int64_t row_macs = std::max<int64_t>(1, int64_t{g_.k_h} * g_.k_w * g_.out_w * g_.in_c);
  pool.ParallelFor(rows, std::max<int64_t>(1, kMinMacsPerChunk / row_macs), [&](int64_t begin, int64_t end) {
    std::vector<int32_t> acc(static_cast<size_t>(g_.in_c));
    Rows(x, y, begin, end, acc);
  });
}

}  // namespace litescope
