// Portable int8 GEMM loops (see int8_kernels.h) and the scalar requantization every path matches.
#include <cstdint>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/int8_kernels.h"

namespace litescope {
namespace {

void GemmBlockGeneric(const I8GemmBlock& g) {
  const int steps = g.kp / kI8KStep;
  for (int p = 0; p * kI8Nr < g.n; ++p) {
    const int8_t* panel = g.b + p * g.b_panel_stride;
    const int cols = g.n - p * kI8Nr < kI8Nr ? g.n - p * kI8Nr : kI8Nr;
    for (int i = 0; i < g.m; ++i) {
      const uint8_t* a = g.a + i * g.lda;
      const int32_t row_offset = g.row_offset != nullptr ? g.row_offset[i] : 0;
      for (int j = 0; j < cols; ++j) {
        // Products of a u8 and an s8 fit in int32 by far; the sum wraps as the reference's does.
        uint32_t sum = 0;
        for (int s = 0; s < steps; ++s) {
          const int8_t* b = panel + (s * kI8Nr + j) * kI8KStep;
          for (int t = 0; t < kI8KStep; ++t) sum += static_cast<uint32_t>(a[s * kI8KStep + t] * int32_t{b[t]});
        }
        const int col = p * kI8Nr + j;
        g.c[i * g.ldc + col] = static_cast<uint8_t>(RequantizeI8(static_cast<int32_t>(sum), row_offset, g.rq, col));
      }
    }
  }
}

void AccumulateTaps(const I8Taps& t) { AccumulateTapsGeneric(t, 0); }
void RequantizeRow(const int32_t* acc, int n, const I8Requant& rq, uint8_t* out) {
  RequantizeRowGeneric(acc, 0, n, rq, out);
}

}  // namespace

void AccumulateTapsGeneric(const I8Taps& t, int begin) {
  for (int c = begin; c < t.n; ++c) {
    const int32_t x = t.x_int8 ? int32_t{static_cast<int8_t>(t.x[c])} : int32_t{t.x[c]};
    t.acc[c] = static_cast<int32_t>(static_cast<uint32_t>(t.acc[c]) + static_cast<uint32_t>((x - t.zero_point) * t.w[c]));
  }
}

void RequantizeRowGeneric(const int32_t* acc, int begin, int n, const I8Requant& rq, uint8_t* out) {
  for (int c = begin; c < n; ++c) out[c] = static_cast<uint8_t>(RequantizeI8(acc[c], 0, rq, c));
}

int32_t RequantizeI8(int32_t sum, int32_t row_offset, const I8Requant& rq, int j) {
  // The offsets restore the reference's sum modulo 2^32: add without signed overflow.
  const auto acc = static_cast<int32_t>(static_cast<uint32_t>(sum) + static_cast<uint32_t>(rq.offset[j]) +
                                        static_cast<uint32_t>(row_offset));
  const int shift = rq.left_shift[j] - rq.right_shift[j];
  const int32_t v = MultiplyByQuantizedMultiplier(acc, rq.multiplier[j], shift) + rq.output_zero_point;
  return v < rq.min ? rq.min : v > rq.max ? rq.max : v;
}

const Int8Kernels& GenericInt8Kernels() {
  static const Int8Kernels kernels{CpuIsa::kGeneric, GemmBlockGeneric, AccumulateTaps, RequantizeRow};
  return kernels;
}

const Int8Kernels& Int8KernelsFor(CpuIsa isa) {
  switch (isa) {
    case CpuIsa::kAvx512: return Avx512VnniInt8Kernels();
    case CpuIsa::kAvx2Fma: return Avx2Int8Kernels();
    default: return GenericInt8Kernels();
  }
}

}  // namespace litescope
