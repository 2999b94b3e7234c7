// The portable inner loops: plain C++ the compiler vectorizes for its baseline target. They
// follow the AVX2 kernels' structure (same packing, same blocking) without intrinsics.
#include <algorithm>

#include "engine/kernels/internal/float_kernels.h"

namespace litescope {
namespace {

float Clamp(float v, float lo, float hi) { return std::min(std::max(v, lo), hi); }

void GemmBlockGeneric(const GemmBlock& g) {
  const int panels = (g.n + kGemmNr - 1) / kGemmNr;
  for (int p = 0; p < panels; ++p) {
    const float* b = g.b + p * g.b_panel_stride;
    const int cols = std::min(kGemmNr, g.n - p * kGemmNr);
    for (int r0 = 0; r0 < g.m; r0 += kGemmMr) {
      const int rows = std::min(kGemmMr, g.m - r0);
      float acc[kGemmMr][kGemmNr];
      for (int r = 0; r < rows; ++r) {
        const float* c = g.c + (r0 + r) * g.ldc + p * kGemmNr;
        for (int j = 0; j < kGemmNr; ++j) acc[r][j] = g.accumulate ? (j < cols ? c[j] : 0.0f) : g.bias[p * kGemmNr + j];
      }
      for (int k = 0; k < g.k; ++k) {
        const float* bk = b + k * kGemmNr;
        for (int r = 0; r < rows; ++r) {
          const float a = g.a[(r0 + r) * g.lda + k];
          for (int j = 0; j < kGemmNr; ++j) acc[r][j] += a * bk[j];
        }
      }
      for (int r = 0; r < rows; ++r) {
        float* c = g.c + (r0 + r) * g.ldc + p * kGemmNr;
        for (int j = 0; j < cols; ++j) c[j] = g.clamp ? Clamp(acc[r][j], g.min, g.max) : acc[r][j];
      }
    }
  }
}

void GemvGeneric(const GemvArgs& g) {
  const int panels = (g.n + kGemmNr - 1) / kGemmNr;
  for (int p = 0; p < panels; ++p) {
    const float* b = g.b + p * g.b_panel_stride;
    float acc[kGemmNr];
    for (int j = 0; j < kGemmNr; ++j) acc[j] = g.bias[p * kGemmNr + j];
    for (int k = 0; k < g.k; ++k) {
      for (int j = 0; j < kGemmNr; ++j) acc[j] += g.x[k] * b[k * kGemmNr + j];
    }
    const int cols = std::min(kGemmNr, g.n - p * kGemmNr);
    for (int j = 0; j < cols; ++j) g.y[p * kGemmNr + j] = g.clamp ? Clamp(acc[j], g.min, g.max) : acc[j];
  }
}

// Channels innermost: each tap adds a whole pixel's channel vector (auto-vectorized).
void Depthwise3x3Generic(const Depthwise3x3Args& d) {
  const int c_n = d.channels;
  for (int oy = d.row_begin; oy < d.row_end; ++oy) {
    for (int ox = 0; ox < d.out_w; ++ox) {
      float* y = d.y + (static_cast<int64_t>(oy) * d.out_w + ox) * c_n;
      std::copy(d.bias, d.bias + c_n, y);
      for (int ky = 0; ky < 3; ++ky) {
        const int iy = oy * d.stride_h - d.pad_h + ky;
        if (iy < 0 || iy >= d.in_h) continue;
        for (int kx = 0; kx < 3; ++kx) {
          const int ix = ox * d.stride_w - d.pad_w + kx;
          if (ix < 0 || ix >= d.in_w) continue;
          const float* x = d.x + (static_cast<int64_t>(iy) * d.in_w + ix) * c_n;
          const float* w = d.w + (ky * 3 + kx) * c_n;
          for (int c = 0; c < c_n; ++c) y[c] += x[c] * w[c];
        }
      }
      for (int c = 0; c < c_n; ++c) y[c] = Clamp(y[c], d.min, d.max);
    }
  }
}

}  // namespace

const FloatKernels& GenericFloatKernels() {
  static const FloatKernels kernels{CpuIsa::kGeneric, GemmBlockGeneric, GemvGeneric, Depthwise3x3Generic};
  return kernels;
}

const FloatKernels& FloatKernelsFor(CpuIsa isa) {
  switch (isa) {
    case CpuIsa::kAvx512: return Avx512FloatKernels();
    case CpuIsa::kAvx2Fma: return Avx2FmaFloatKernels();
    default: return GenericFloatKernels();
  }
}

}  // namespace litescope
