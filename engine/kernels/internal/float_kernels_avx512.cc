// AVX-512F inner loops: the GEMM microkernel with 512-bit FMAs (twice the AVX2 peak on CPUs with
// two 512-bit FMA units). GEMV and depthwise stay on the AVX2 loops: batch-1 products wait on
// memory and the depthwise rows on loads, not on the FMA width. Built with -mavx512f -mavx2 -mfma
// (engine/CMakeLists.txt) and, like float_kernels_avx2.cc, it includes no header with inline
// functions, so no AVX-512 copy of a shared inline function can replace the portable one.
//
// A tile is up to 8 rows of C against two packed panels (32 columns): sixteen accumulators in
// named variables (GCC keeps an array of them in memory), one broadcast of A feeding two FMAs.
#include "engine/kernels/internal/float_kernels.h"

#if defined(__x86_64__) && defined(__AVX512F__)
#include <immintrin.h>

// GCC 12 reports the unset pass-through operand inside its own _mm512_max_ps / _mm512_min_ps.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace litescope {
namespace {

constexpr int kRows = 8;

inline int MinInt(int a, int b) { return a < b ? a : b; }

// Lanes [0, cols) of a panel, cols in [0, 16].
inline __mmask16 ColumnMask(int cols) {
  return cols >= 16 ? static_cast<__mmask16>(0xffff) : cols <= 0 ? 0 : static_cast<__mmask16>((1u << cols) - 1);
}

struct Epilogue {
  bool accumulate, clamp;
  __m512 lo, hi;
};

// max before min, with v second: a NaN sum stays NaN as in std::min(std::max(v, lo), hi).
inline __m512 Clamp(__m512 v, __m512 lo, __m512 hi) { return _mm512_min_ps(hi, _mm512_max_ps(lo, v)); }

// kR rows (1..8) of C against kP panels (1 or 2); m0 and m1 mask the columns of each panel.
// `next` (or nullptr) is the next pair of panels, fetched into the cache line by line alongside
// this pair's: weights used once per inference come from L3 or memory, and the hardware
// prefetchers stop at every 4 KiB page. Not inlined: inside the block loop GCC runs out of
// registers and spills a panel vector.
template <int kR, int kP>
__attribute__((noinline)) void Tile(const float* a, int64_t lda, int k, const float* b, int64_t panel_stride,
                                    const float* bias, float* c, int64_t ldc, __mmask16 m0, __mmask16 m1,
                                    const float* next, const Epilogue& e) {
  const float* b1 = b + (kP == 2 ? panel_stride : 0);
  __m512 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
#define LITESCOPE_INIT(r)                                                                       \
  if constexpr (kR > r) {                                                                      \
    c##r##0 = e.accumulate ? _mm512_maskz_loadu_ps(m0, c + r * ldc) : _mm512_load_ps(bias);    \
    if constexpr (kP == 2) {                                                                   \
      c##r##1 = e.accumulate ? _mm512_maskz_loadu_ps(m1, c + r * ldc + 16) : _mm512_load_ps(bias + 16); \
    }                                                                                          \
  }
  LITESCOPE_INIT(0)
  LITESCOPE_INIT(1)
  LITESCOPE_INIT(2)
  LITESCOPE_INIT(3)
  LITESCOPE_INIT(4)
  LITESCOPE_INIT(5)
  LITESCOPE_INIT(6)
  LITESCOPE_INIT(7)
#undef LITESCOPE_INIT
  for (int p = 0; p < k; ++p) {
    if (next != nullptr) {
      _mm_prefetch(reinterpret_cast<const char*>(next + static_cast<int64_t>(p) * kGemmNr), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(next + panel_stride + static_cast<int64_t>(p) * kGemmNr), _MM_HINT_T0);
    }
    const __m512 w0 = _mm512_load_ps(b + static_cast<int64_t>(p) * kGemmNr);
    __m512 w1;
    if constexpr (kP == 2) w1 = _mm512_load_ps(b1 + static_cast<int64_t>(p) * kGemmNr);
#define LITESCOPE_STEP(r)                                          \
  if constexpr (kR > r) {                                          \
    const __m512 av = _mm512_set1_ps(a[r * lda + p]);              \
    c##r##0 = _mm512_fmadd_ps(av, w0, c##r##0);                    \
    if constexpr (kP == 2) c##r##1 = _mm512_fmadd_ps(av, w1, c##r##1); \
  }
    LITESCOPE_STEP(0)
    LITESCOPE_STEP(1)
    LITESCOPE_STEP(2)
    LITESCOPE_STEP(3)
    LITESCOPE_STEP(4)
    LITESCOPE_STEP(5)
    LITESCOPE_STEP(6)
    LITESCOPE_STEP(7)
#undef LITESCOPE_STEP
  }
#define LITESCOPE_STORE(r)                                                                        \
  if constexpr (kR > r) {                                                                        \
    _mm512_mask_storeu_ps(c + r * ldc, m0, e.clamp ? Clamp(c##r##0, e.lo, e.hi) : c##r##0);       \
    if constexpr (kP == 2) {                                                                     \
      _mm512_mask_storeu_ps(c + r * ldc + 16, m1, e.clamp ? Clamp(c##r##1, e.lo, e.hi) : c##r##1); \
    }                                                                                            \
  }
  LITESCOPE_STORE(0)
  LITESCOPE_STORE(1)
  LITESCOPE_STORE(2)
  LITESCOPE_STORE(3)
  LITESCOPE_STORE(4)
  LITESCOPE_STORE(5)
  LITESCOPE_STORE(6)
  LITESCOPE_STORE(7)
#undef LITESCOPE_STORE
}

template <int kP>
void TileRows(int rows, const float* a, int64_t lda, int k, const float* b, int64_t panel_stride, const float* bias,
              float* c, int64_t ldc, __mmask16 m0, __mmask16 m1, const float* next, const Epilogue& e) {
  switch (rows) {
    case 8: return Tile<8, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 7: return Tile<7, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 6: return Tile<6, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 5: return Tile<5, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 4: return Tile<4, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 3: return Tile<3, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    case 2: return Tile<2, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
    default: return Tile<1, kP>(a, lda, k, b, panel_stride, bias, c, ldc, m0, m1, next, e);
  }
}

// Pairs of panels outside, rows inside: the pair stays in L1 or L2 while the block's rows of A
// stream past it. An odd last panel runs alone.
void GemmBlockAvx512(const GemmBlock& g) {
  const Epilogue e{g.accumulate, g.clamp, _mm512_set1_ps(g.min), _mm512_set1_ps(g.max)};
  const int panels = (g.n + kGemmNr - 1) / kGemmNr;
  for (int p = 0; p < panels; p += 2) {
    const int pair = MinInt(2, panels - p);
    const __mmask16 m0 = ColumnMask(g.n - p * kGemmNr), m1 = ColumnMask(g.n - (p + 1) * kGemmNr);
    const float* b = g.b + p * g.b_panel_stride;
    const float* bias = g.bias + p * kGemmNr;
    for (int r = 0; r < g.m; r += kRows) {
      const int rows = MinInt(kRows, g.m - r);
      const float* a = g.a + r * g.lda;
      float* c = g.c + r * g.ldc + p * kGemmNr;
      // The first tile of a pair fetches the next pair (both of its panels exist when it is whole).
      const float* next = r == 0 && p + 4 <= panels ? b + 2 * g.b_panel_stride : nullptr;
      if (pair == 2) TileRows<2>(rows, a, g.lda, g.k, b, g.b_panel_stride, bias, c, g.ldc, m0, m1, next, e);
      else TileRows<1>(rows, a, g.lda, g.k, b, g.b_panel_stride, bias, c, g.ldc, m0, m1, next, e);
    }
  }
}

}  // namespace

const FloatKernels& Avx512FloatKernels() {
  static const FloatKernels kernels{CpuIsa::kAvx512, GemmBlockAvx512, Avx2FmaFloatKernels().gemv,
                                    Avx2FmaFloatKernels().depthwise_3x3};
  return kernels;
}

}  // namespace litescope

#else  // not built for x86-64 with AVX-512: the AVX2 kernels stand in

namespace litescope {
const FloatKernels& Avx512FloatKernels() { return Avx2FmaFloatKernels(); }
}  // namespace litescope

#endif
