// AVX2 + FMA inner loops. This is the only file built with -mavx2 -mfma (engine/CMakeLists.txt):
// it includes no header with inline functions (no <algorithm>, no std:: templates), so that no
// AVX2 copy of a shared inline function can replace the portable one at link time.
//
// The GEMM microkernel keeps its 6x16 tile of C in twelve named __m256 variables: GCC 12 keeps an
// `__m256 acc[12]` array in memory (about a third of the speed).
#include "engine/kernels/internal/float_kernels.h"

#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>

namespace litescope {
namespace {

inline int MinInt(int a, int b) { return a < b ? a : b; }
inline int MaxInt(int a, int b) { return a > b ? a : b; }

// Lanes [0, count) of the mask are set: loadu(kMaskBits + 8 - count), count in [0, 8].
alignas(64) const int32_t kMaskBits[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
inline __m256i FirstLanes(int count) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMaskBits + 8 - MaxInt(0, MinInt(8, count))));
}

// max before min, with v second, so that a NaN sum stays NaN as in std::min(std::max(v, lo), hi).
inline __m256 Clamp(__m256 v, __m256 lo, __m256 hi) { return _mm256_min_ps(hi, _mm256_max_ps(lo, v)); }

// ---- GEMM: one 6x16 tile of C ---------------------------------------------------------------

struct TileEpilogue {
  bool accumulate, clamp;
  __m256 lo, hi;
};

// kFull: 6 rows and 16 columns. Otherwise `rows` < 6 or `cols` < 16: missing rows read row 0
// again (their results are dropped) and partial columns go through masks.
template <bool kFull>
inline void Tile6x16(const float* a, int64_t lda, int rows, int k, const float* b, const float* bias, float* c,
                     int64_t ldc, int cols, const TileEpilogue& e) {
  const float* a0 = a;
  const float* a1 = a + (kFull || rows > 1 ? 1 : 0) * lda;
  const float* a2 = a + (kFull || rows > 2 ? 2 : 0) * lda;
  const float* a3 = a + (kFull || rows > 3 ? 3 : 0) * lda;
  const float* a4 = a + (kFull || rows > 4 ? 4 : 0) * lda;
  const float* a5 = a + (kFull || rows > 5 ? 5 : 0) * lda;
  const __m256i mask0 = FirstLanes(kFull ? 8 : cols);
  const __m256i mask1 = FirstLanes(kFull ? 8 : cols - 8);

  __m256 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
  if (e.accumulate) {
    const __m256 zero = _mm256_setzero_ps();
#define LITESCOPE_LOAD_ROW(r)                                                             \
  if (kFull) {                                                                           \
    c##r##0 = _mm256_loadu_ps(c + r * ldc);                                              \
    c##r##1 = _mm256_loadu_ps(c + r * ldc + 8);                                          \
  } else if (r < rows) {                                                                 \
    c##r##0 = _mm256_maskload_ps(c + r * ldc, mask0);                                    \
    c##r##1 = _mm256_maskload_ps(c + r * ldc + 8, mask1);                                \
  } else {                                                                               \
    c##r##0 = zero;                                                                      \
    c##r##1 = zero;                                                                      \
  }
    LITESCOPE_LOAD_ROW(0)
    LITESCOPE_LOAD_ROW(1)
    LITESCOPE_LOAD_ROW(2)
    LITESCOPE_LOAD_ROW(3)
    LITESCOPE_LOAD_ROW(4)
    LITESCOPE_LOAD_ROW(5)
#undef LITESCOPE_LOAD_ROW
  } else {
    const __m256 b0 = _mm256_load_ps(bias), b1 = _mm256_load_ps(bias + 8);
    c00 = c10 = c20 = c30 = c40 = c50 = b0;
    c01 = c11 = c21 = c31 = c41 = c51 = b1;
  }

  for (int p = 0; p < k; ++p) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    b += kGemmNr;
    __m256 av = _mm256_broadcast_ss(a0 + p);
    c00 = _mm256_fmadd_ps(av, b0, c00);
    c01 = _mm256_fmadd_ps(av, b1, c01);
    av = _mm256_broadcast_ss(a1 + p);
    c10 = _mm256_fmadd_ps(av, b0, c10);
    c11 = _mm256_fmadd_ps(av, b1, c11);
    av = _mm256_broadcast_ss(a2 + p);
    c20 = _mm256_fmadd_ps(av, b0, c20);
    c21 = _mm256_fmadd_ps(av, b1, c21);
    av = _mm256_broadcast_ss(a3 + p);
    c30 = _mm256_fmadd_ps(av, b0, c30);
    c31 = _mm256_fmadd_ps(av, b1, c31);
    av = _mm256_broadcast_ss(a4 + p);
    c40 = _mm256_fmadd_ps(av, b0, c40);
    c41 = _mm256_fmadd_ps(av, b1, c41);
    av = _mm256_broadcast_ss(a5 + p);
    c50 = _mm256_fmadd_ps(av, b0, c50);
    c51 = _mm256_fmadd_ps(av, b1, c51);
  }

#define LITESCOPE_STORE_ROW(r)                                                            \
  if (e.clamp) {                                                                         \
    c##r##0 = Clamp(c##r##0, e.lo, e.hi);                                                \
    c##r##1 = Clamp(c##r##1, e.lo, e.hi);                                                \
  }                                                                                      \
  if (kFull) {                                                                           \
    _mm256_storeu_ps(c + r * ldc, c##r##0);                                              \
    _mm256_storeu_ps(c + r * ldc + 8, c##r##1);                                          \
  } else if (r < rows) {                                                                 \
    _mm256_maskstore_ps(c + r * ldc, mask0, c##r##0);                                    \
    _mm256_maskstore_ps(c + r * ldc + 8, mask1, c##r##1);                                \
  }
  LITESCOPE_STORE_ROW(0)
  LITESCOPE_STORE_ROW(1)
  LITESCOPE_STORE_ROW(2)
  LITESCOPE_STORE_ROW(3)
  LITESCOPE_STORE_ROW(4)
  LITESCOPE_STORE_ROW(5)
#undef LITESCOPE_STORE_ROW
}

// The last one or two rows of a block (m % 6) against three full panels at once: a 6-row tile
// for them would cost a whole tile's time (late MobileNet layers have 49 rows: 8 tiles and 1 row).
// B is read as a memory operand of the FMAs (twelve accumulators leave no room for it).
template <int kRows>
inline void TileRowsx48(const float* a, int64_t lda, int k, const float* b, int64_t panel_stride, const float* bias,
                        float* c, int64_t ldc, const TileEpilogue& e) {
  const float* a0 = a;
  const float* a1 = a + (kRows > 1 ? lda : 0);
  const float* p0 = b;
  const float* p1 = b + panel_stride;
  const float* p2 = b + 2 * panel_stride;
  __m256 c00, c01, c02, c03, c04, c05, c10, c11, c12, c13, c14, c15;
  // The three panels' columns (and their padded bias) are contiguous in C (and in the bias).
  const float* init0 = e.accumulate ? c : bias;
  const float* init1 = e.accumulate ? c + ldc : bias;
  c00 = _mm256_loadu_ps(init0), c01 = _mm256_loadu_ps(init0 + 8), c02 = _mm256_loadu_ps(init0 + 16);
  c03 = _mm256_loadu_ps(init0 + 24), c04 = _mm256_loadu_ps(init0 + 32), c05 = _mm256_loadu_ps(init0 + 40);
  if (kRows > 1) {
    c10 = _mm256_loadu_ps(init1), c11 = _mm256_loadu_ps(init1 + 8), c12 = _mm256_loadu_ps(init1 + 16);
    c13 = _mm256_loadu_ps(init1 + 24), c14 = _mm256_loadu_ps(init1 + 32), c15 = _mm256_loadu_ps(init1 + 40);
  } else {
    c10 = c11 = c12 = c13 = c14 = c15 = _mm256_setzero_ps();
  }
  for (int p = 0; p < k; ++p) {
    const int64_t o = static_cast<int64_t>(p) * kGemmNr;
    __m256 av = _mm256_broadcast_ss(a0 + p);
    c00 = _mm256_fmadd_ps(av, _mm256_load_ps(p0 + o), c00);
    c01 = _mm256_fmadd_ps(av, _mm256_load_ps(p0 + o + 8), c01);
    c02 = _mm256_fmadd_ps(av, _mm256_load_ps(p1 + o), c02);
    c03 = _mm256_fmadd_ps(av, _mm256_load_ps(p1 + o + 8), c03);
    c04 = _mm256_fmadd_ps(av, _mm256_load_ps(p2 + o), c04);
    c05 = _mm256_fmadd_ps(av, _mm256_load_ps(p2 + o + 8), c05);
    if (kRows > 1) {
      av = _mm256_broadcast_ss(a1 + p);
      c10 = _mm256_fmadd_ps(av, _mm256_load_ps(p0 + o), c10);
      c11 = _mm256_fmadd_ps(av, _mm256_load_ps(p0 + o + 8), c11);
      c12 = _mm256_fmadd_ps(av, _mm256_load_ps(p1 + o), c12);
      c13 = _mm256_fmadd_ps(av, _mm256_load_ps(p1 + o + 8), c13);
      c14 = _mm256_fmadd_ps(av, _mm256_load_ps(p2 + o), c14);
      c15 = _mm256_fmadd_ps(av, _mm256_load_ps(p2 + o + 8), c15);
    }
  }
  auto out = [&](float* dst, __m256 v) { _mm256_storeu_ps(dst, e.clamp ? Clamp(v, e.lo, e.hi) : v); };
  out(c, c00), out(c + 8, c01), out(c + 16, c02), out(c + 24, c03), out(c + 32, c04), out(c + 40, c05);
  if (kRows > 1) {
    float* d = c + ldc;
    out(d, c10), out(d + 8, c11), out(d + 16, c12), out(d + 24, c13), out(d + 32, c14), out(d + 40, c15);
  }
}

// Panels outside, rows inside: one panel of B stays in L1 (or L2) while the block's rows of A
// stream past it. The rows past the last multiple of six go last, two at a time.
void GemmBlockAvx2(const GemmBlock& g) {
  const TileEpilogue e{g.accumulate, g.clamp, _mm256_set1_ps(g.min), _mm256_set1_ps(g.max)};
  const int panels = (g.n + kGemmNr - 1) / kGemmNr;
  const int full_panels = g.n / kGemmNr;
  const int full_rows = g.m / kGemmMr * kGemmMr;
  auto tile = [&](int r, int rows, int p) {
    const int cols = MinInt(kGemmNr, g.n - p * kGemmNr);
    const float* a = g.a + r * g.lda;
    const float* b = g.b + p * g.b_panel_stride;
    float* c = g.c + r * g.ldc + p * kGemmNr;
    if (rows == kGemmMr && cols == kGemmNr) Tile6x16<true>(a, g.lda, rows, g.k, b, g.bias + p * kGemmNr, c, g.ldc, cols, e);
    else Tile6x16<false>(a, g.lda, rows, g.k, b, g.bias + p * kGemmNr, c, g.ldc, cols, e);
  };
  for (int p = 0; p < panels; ++p) {
    for (int r = 0; r < full_rows; r += kGemmMr) tile(r, kGemmMr, p);
  }
  for (int r = full_rows; r < g.m; r += 2) {
    const int rows = MinInt(2, g.m - r);
    int p = 0;
    for (; p + 3 <= full_panels; p += 3) {
      const float* a = g.a + r * g.lda;
      const float* b = g.b + p * g.b_panel_stride;
      float* c = g.c + r * g.ldc + p * kGemmNr;
      if (rows == 2) TileRowsx48<2>(a, g.lda, g.k, b, g.b_panel_stride, g.bias + p * kGemmNr, c, g.ldc, e);
      else TileRowsx48<1>(a, g.lda, g.k, b, g.b_panel_stride, g.bias + p * kGemmNr, c, g.ldc, e);
    }
    for (; p < panels; ++p) tile(r, rows, p);
  }
}

// ---- GEMV: y = x B + bias, four k at a time into eight independent sums per panel ----------

constexpr uintptr_t kGemvPrefetchBytes = 2048;

void GemvAvx2(const GemvArgs& g) {
  const __m256 lo = _mm256_set1_ps(g.min), hi = _mm256_set1_ps(g.max);
  const int panels = (g.n + kGemmNr - 1) / kGemmNr;
  for (int p = 0; p < panels; ++p) {
    const float* b = g.b + p * g.b_panel_stride;
    __m256 s00 = _mm256_setzero_ps(), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
    int k = 0;
    for (; k + 4 <= g.k; k += 4, b += 4 * kGemmNr) {
      // B is read once, as one stream: fetch 2 KiB ahead (past the 4 KiB pages where the
      // hardware prefetchers stop). A fetch past the end of B does not fault; the address is
      // formed as an integer, as no pointer may point there.
      const uintptr_t ahead = reinterpret_cast<uintptr_t>(b) + kGemvPrefetchBytes;
      for (int line = 0; line < 4; ++line) _mm_prefetch(reinterpret_cast<const char*>(ahead + line * 64), _MM_HINT_T0);
      __m256 xv = _mm256_broadcast_ss(g.x + k);
      s00 = _mm256_fmadd_ps(xv, _mm256_load_ps(b), s00);
      s01 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 8), s01);
      xv = _mm256_broadcast_ss(g.x + k + 1);
      s10 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 16), s10);
      s11 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 24), s11);
      xv = _mm256_broadcast_ss(g.x + k + 2);
      s20 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 32), s20);
      s21 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 40), s21);
      xv = _mm256_broadcast_ss(g.x + k + 3);
      s30 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 48), s30);
      s31 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 56), s31);
    }
    for (; k < g.k; ++k, b += kGemmNr) {
      const __m256 xv = _mm256_broadcast_ss(g.x + k);
      s00 = _mm256_fmadd_ps(xv, _mm256_load_ps(b), s00);
      s01 = _mm256_fmadd_ps(xv, _mm256_load_ps(b + 8), s01);
    }
    __m256 y0 = _mm256_add_ps(_mm256_add_ps(s00, s10), _mm256_add_ps(s20, s30));
    __m256 y1 = _mm256_add_ps(_mm256_add_ps(s01, s11), _mm256_add_ps(s21, s31));
    y0 = _mm256_add_ps(y0, _mm256_load_ps(g.bias + p * kGemmNr));
    y1 = _mm256_add_ps(y1, _mm256_load_ps(g.bias + p * kGemmNr + 8));
    if (g.clamp) {
      y0 = Clamp(y0, lo, hi);
      y1 = Clamp(y1, lo, hi);
    }
    float* y = g.y + p * kGemmNr;
    const int cols = MinInt(kGemmNr, g.n - p * kGemmNr);
    if (cols == kGemmNr) {
      _mm256_storeu_ps(y, y0);
      _mm256_storeu_ps(y + 8, y1);
    } else {
      _mm256_maskstore_ps(y, FirstLanes(cols), y0);
      _mm256_maskstore_ps(y + 8, FirstLanes(cols - 8), y1);
    }
  }
}

// ---- Depthwise 3x3 ---------------------------------------------------------------------------

// One output row. Pixels go four at a time and, within a group, eight channels at a time (the
// last block masked): a group reads its input pixels' channels in order and writes whole output
// pixels, and the block's nine weight vectors stay in registers for its four pixels. Pixels whose
// window crosses the padding (left and right edges, and whole rows at the top and bottom) skip
// the taps outside the input, as the reference does (a zero weight would turn an infinite input
// into NaN).
struct DepthwiseRow {
  const Depthwise3x3Args* d;
  const float* row[3];  // input rows under kernel rows 0..2 (row 0 of the image when invalid)
  bool valid[3];
  float* y;  // the output row
  __m256 lo, hi;
};

template <bool kMasked>
inline __m256 Load(const float* p, __m256i mask) {
  return kMasked ? _mm256_maskload_ps(p, mask) : _mm256_loadu_ps(p);
}

template <bool kMasked>
inline void Store(float* p, __m256i mask, __m256 v) {
  if (kMasked) _mm256_maskstore_ps(p, mask, v);
  else _mm256_storeu_ps(p, v);
}

// kPixels (1 or 4) pixels from ox on, channels [c0, c0 + 8), whole windows inside the input.
template <bool kMasked, int kPixels>
inline void InteriorPixels(const DepthwiseRow& r, int ox, int c0, __m256i mask) {
  const Depthwise3x3Args& d = *r.d;
  const int64_t cn = d.channels;
  const float* w = d.w + c0;
  const __m256 w00 = Load<kMasked>(w, mask), w01 = Load<kMasked>(w + cn, mask), w02 = Load<kMasked>(w + 2 * cn, mask);
  const __m256 w10 = Load<kMasked>(w + 3 * cn, mask), w11 = Load<kMasked>(w + 4 * cn, mask),
               w12 = Load<kMasked>(w + 5 * cn, mask);
  const __m256 w20 = Load<kMasked>(w + 6 * cn, mask), w21 = Load<kMasked>(w + 7 * cn, mask),
               w22 = Load<kMasked>(w + 8 * cn, mask);
  const __m256 bias = Load<kMasked>(d.bias + c0, mask);
  const float* r0 = r.row[0] + c0;
  const float* r1 = r.row[1] + c0;
  const float* r2 = r.row[2] + c0;
  const int64_t step = d.stride_w * cn;
  const int64_t off = (ox * d.stride_w - d.pad_w) * cn;
#define LITESCOPE_DW_PIXEL(acc, o)                                                   \
  acc = _mm256_fmadd_ps(Load<kMasked>(r0 + (o), mask), w00, acc);                   \
  acc = _mm256_fmadd_ps(Load<kMasked>(r0 + (o) + cn, mask), w01, acc);              \
  acc = _mm256_fmadd_ps(Load<kMasked>(r0 + (o) + 2 * cn, mask), w02, acc);          \
  acc = _mm256_fmadd_ps(Load<kMasked>(r1 + (o), mask), w10, acc);                   \
  acc = _mm256_fmadd_ps(Load<kMasked>(r1 + (o) + cn, mask), w11, acc);              \
  acc = _mm256_fmadd_ps(Load<kMasked>(r1 + (o) + 2 * cn, mask), w12, acc);          \
  acc = _mm256_fmadd_ps(Load<kMasked>(r2 + (o), mask), w20, acc);                   \
  acc = _mm256_fmadd_ps(Load<kMasked>(r2 + (o) + cn, mask), w21, acc);              \
  acc = _mm256_fmadd_ps(Load<kMasked>(r2 + (o) + 2 * cn, mask), w22, acc);
  float* y = r.y + ox * cn + c0;
  __m256 acc0 = bias;
  LITESCOPE_DW_PIXEL(acc0, off)
  Store<kMasked>(y, mask, Clamp(acc0, r.lo, r.hi));
  if (kPixels == 4) {
    __m256 acc1 = bias, acc2 = bias, acc3 = bias;
    LITESCOPE_DW_PIXEL(acc1, off + step)
    LITESCOPE_DW_PIXEL(acc2, off + 2 * step)
    LITESCOPE_DW_PIXEL(acc3, off + 3 * step)
    Store<kMasked>(y + cn, mask, Clamp(acc1, r.lo, r.hi));
    Store<kMasked>(y + 2 * cn, mask, Clamp(acc2, r.lo, r.hi));
    Store<kMasked>(y + 3 * cn, mask, Clamp(acc3, r.lo, r.hi));
  }
#undef LITESCOPE_DW_PIXEL
}

// One pixel, channels [c0, c0 + 8), checking every tap.
template <bool kMasked>
inline void EdgePixel(const DepthwiseRow& r, int ox, int c0, __m256i mask) {
  const Depthwise3x3Args& d = *r.d;
  const int64_t cn = d.channels;
  __m256 acc = Load<kMasked>(d.bias + c0, mask);
  const int ix0 = ox * d.stride_w - d.pad_w;
  for (int ky = 0; ky < 3; ++ky) {
    if (!r.valid[ky]) continue;
    for (int kx = 0; kx < 3; ++kx) {
      const int ix = ix0 + kx;
      if (ix < 0 || ix >= d.in_w) continue;
      const __m256 x = Load<kMasked>(r.row[ky] + ix * cn + c0, mask);
      acc = _mm256_fmadd_ps(x, Load<kMasked>(d.w + (ky * 3 + kx) * cn + c0, mask), acc);
    }
  }
  Store<kMasked>(r.y + ox * cn + c0, mask, Clamp(acc, r.lo, r.hi));
}

template <int kPixels>
inline void InteriorGroup(const DepthwiseRow& r, int ox, int full, __m256i all, __m256i tail) {
  for (int c0 = 0; c0 < full; c0 += 8) InteriorPixels<false, kPixels>(r, ox, c0, all);
  if (full < r.d->channels) InteriorPixels<true, kPixels>(r, ox, full, tail);
}

inline void EdgeGroup(const DepthwiseRow& r, int ox, int full, __m256i all, __m256i tail) {
  for (int c0 = 0; c0 < full; c0 += 8) EdgePixel<false>(r, ox, c0, all);
  if (full < r.d->channels) EdgePixel<true>(r, ox, full, tail);
}

void Depthwise3x3Avx2(const Depthwise3x3Args& d) {
  const int full = d.channels / 8 * 8;
  const __m256i all = FirstLanes(8), tail = FirstLanes(d.channels - full);
  const int64_t cn = d.channels;
  // Pixels [ox_lo, ox_hi) have all three kernel columns inside the input.
  const int ox_lo = MinInt(d.out_w, (d.pad_w + d.stride_w - 1) / d.stride_w);
  const int ox_hi = d.in_w - 3 + d.pad_w < 0 ? 0 : MinInt(d.out_w, (d.in_w - 3 + d.pad_w) / d.stride_w + 1);
  for (int oy = d.row_begin; oy < d.row_end; ++oy) {
    DepthwiseRow r{&d, {}, {}, d.y + static_cast<int64_t>(oy) * d.out_w * cn, _mm256_set1_ps(d.min),
                   _mm256_set1_ps(d.max)};
    for (int ky = 0; ky < 3; ++ky) {
      const int iy = oy * d.stride_h - d.pad_h + ky;
      r.valid[ky] = iy >= 0 && iy < d.in_h;
      r.row[ky] = d.x + static_cast<int64_t>(r.valid[ky] ? iy : 0) * d.in_w * cn;
    }
    const bool all_rows = r.valid[0] && r.valid[1] && r.valid[2];
    const int lo = all_rows ? ox_lo : d.out_w, hi = all_rows ? ox_hi : 0;
    int ox = 0;
    for (; ox < lo; ++ox) EdgeGroup(r, ox, full, all, tail);
    for (; ox + 4 <= hi; ox += 4) InteriorGroup<4>(r, ox, full, all, tail);
    for (; ox < hi; ++ox) InteriorGroup<1>(r, ox, full, all, tail);
    for (; ox < d.out_w; ++ox) EdgeGroup(r, ox, full, all, tail);
  }
}

}  // namespace

const FloatKernels& Avx2FmaFloatKernels() {
  static const FloatKernels kernels{CpuIsa::kAvx2Fma, GemmBlockAvx2, GemvAvx2, Depthwise3x3Avx2};
  return kernels;
}

}  // namespace litescope

#else  // not built for x86-64 with AVX2: the portable kernels stand in

namespace litescope {
const FloatKernels& Avx2FmaFloatKernels() { return GenericFloatKernels(); }
}  // namespace litescope

#endif
