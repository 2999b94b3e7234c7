// AVX-512 VNNI int8 GEMM loops (see int8_kernels.h): vpdpbusd multiplies 64 unsigned bytes of A
// by 64 signed bytes of B and adds each group of four products to an int32 lane, without
// saturation, so the sums are exact (wrapping like the reference's int32 sums). Built with
// -mavx512f -mavx512bw -mavx512vl -mavx512vnni (engine/CMakeLists.txt); it includes no header with
// inline functions, so no AVX-512 copy of a shared inline function can replace the portable one.
//
// A tile is up to 8 rows of C against up to two packed panels (32 columns): sixteen zmm
// accumulators; per depth step of 4, one load per panel and one broadcast of 4 bytes of A per row.
#include "engine/kernels/internal/int8_kernels.h"

#if defined(__x86_64__) && defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VNNI__)
#include <immintrin.h>

#include <cstring>

namespace litescope {
namespace {

constexpr int kRows = 8;

// MultiplyByQuantizedMultiplier (fixed_point.h) on 16 lanes, bit for bit:
//  * x << left, wrapping;
//  * SaturatingRoundingDoublingHighMul(x, m) = (x*m + nudge) / 2^31 truncated, nudge 2^30 or
//    1 - 2^30 by the product's sign, equals floor((x*m + 2^30) / 2^31) in both cases (for a
//    negative t = x*m + 1 - 2^30, truncation is ceil(t / 2^31) = floor((t + 2^31 - 1) / 2^31)).
//    m is never INT32_MIN (it is in [0, 2^31)), so the saturating case cannot occur. The 64-bit
//    products of even and odd lanes are formed separately and their bits 31..62 blended back;
//  * RoundingDivideByPOT(h, right) = (h >> right) + (remainder > (mask >> 1) + (h < 0)).
inline __m512i Requantize(__m512i x, __m512i multiplier, __m512i left, __m512i right) {
  x = _mm512_sllv_epi32(x, left);
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(x, multiplier), nudge);
  const __m512i odd =
      _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_srli_epi64(multiplier, 32)), nudge);
  const __m512i high = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 31), _mm512_slli_epi64(odd, 1));
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, right), one);
  const __m512i remainder = _mm512_and_si512(high, mask);
  __m512i threshold = _mm512_srli_epi32(mask, 1);
  threshold = _mm512_mask_add_epi32(threshold, _mm512_cmplt_epi32_mask(high, _mm512_setzero_si512()), threshold, one);
  const __m512i shifted = _mm512_srav_epi32(high, right);
  return _mm512_mask_add_epi32(shifted, _mm512_cmpgt_epi32_mask(remainder, threshold), shifted, one);
}

// Rows [0, MR) of C against NP panels: sums, offsets, requantization, byte stores.
template <int MR, int NP>
void Tile(const I8GemmBlock& g, const uint8_t* a, const int8_t* b, const int32_t* row_offset, int col0,
          uint8_t* c) {
  __m512i acc[MR][NP];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 2
    for (int q = 0; q < NP; ++q) acc[r][q] = _mm512_setzero_si512();
  }
  const int steps = g.kp / kI8KStep;
  for (int s = 0; s < steps; ++s) {
    __m512i w[NP];
#pragma GCC unroll 2
    for (int q = 0; q < NP; ++q) w[q] = _mm512_loadu_si512(b + q * g.b_panel_stride + s * kI8Nr * kI8KStep);
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      int32_t four;
      std::memcpy(&four, a + r * g.lda + s * kI8KStep, sizeof(four));
      const __m512i x = _mm512_set1_epi32(four);
#pragma GCC unroll 2
      for (int q = 0; q < NP; ++q) acc[r][q] = _mm512_dpbusd_epi32(acc[r][q], x, w[q]);
    }
  }
  const __m512i zero_point = _mm512_set1_epi32(g.rq.output_zero_point);
  const __m512i lo = _mm512_set1_epi32(g.rq.min), hi = _mm512_set1_epi32(g.rq.max);
#pragma GCC unroll 2
  for (int q = 0; q < NP; ++q) {
    const int col = col0 + q * kI8Nr;
    const int cols = g.n - col < kI8Nr ? g.n - col : kI8Nr;
    const __mmask16 store = static_cast<__mmask16>((1u << cols) - 1);
    const __m512i offset = _mm512_loadu_si512(g.rq.offset + col);
    const __m512i multiplier = _mm512_loadu_si512(g.rq.multiplier + col);
    const __m512i left = _mm512_loadu_si512(g.rq.left_shift + col);
    const __m512i right = _mm512_loadu_si512(g.rq.right_shift + col);
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      __m512i v = _mm512_add_epi32(acc[r][q], offset);
      if (row_offset != nullptr) v = _mm512_add_epi32(v, _mm512_set1_epi32(row_offset[r]));
      v = _mm512_add_epi32(Requantize(v, multiplier, left, right), zero_point);
      v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
      _mm512_mask_cvtepi32_storeu_epi8(c + r * g.ldc + col, store, v);  // vpmovdb: the low byte
    }
  }
}

template <int NP>
void RowTiles(const I8GemmBlock& g, const int8_t* b, int col0) {
  for (int r0 = 0; r0 < g.m; r0 += kRows) {
    const uint8_t* a = g.a + r0 * g.lda;
    const int32_t* ro = g.row_offset != nullptr ? g.row_offset + r0 : nullptr;
    uint8_t* c = g.c + r0 * g.ldc;
    switch (g.m - r0 < kRows ? g.m - r0 : kRows) {
      case 1: Tile<1, NP>(g, a, b, ro, col0, c); break;
      case 2: Tile<2, NP>(g, a, b, ro, col0, c); break;
      case 3: Tile<3, NP>(g, a, b, ro, col0, c); break;
      case 4: Tile<4, NP>(g, a, b, ro, col0, c); break;
      case 5: Tile<5, NP>(g, a, b, ro, col0, c); break;
      case 6: Tile<6, NP>(g, a, b, ro, col0, c); break;
      case 7: Tile<7, NP>(g, a, b, ro, col0, c); break;
      default: Tile<8, NP>(g, a, b, ro, col0, c); break;
    }
  }
}

void GemmBlockAvx512Vnni(const I8GemmBlock& g) {
  const int panels = (g.n + kI8Nr - 1) / kI8Nr;
  int p = 0;
  for (; p + 2 <= panels; p += 2) RowTiles<2>(g, g.b + p * g.b_panel_stride, p * kI8Nr);
  if (p < panels) RowTiles<1>(g, g.b + p * g.b_panel_stride, p * kI8Nr);
}

// acc += (x - zero_point) * w, 16 channels at a time (x widened to int32; exact products).
void AccumulateTaps(const I8Taps& t) {
  const __m512i zp = _mm512_set1_epi32(t.zero_point);
  int c = 0;
  for (; c + 16 <= t.n; c += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.x + c));
    const __m512i x = t.x_int8 ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
    const __m512i p = _mm512_mullo_epi32(_mm512_sub_epi32(x, zp), _mm512_loadu_si512(t.w + c));
    _mm512_storeu_si512(t.acc + c, _mm512_add_epi32(_mm512_loadu_si512(t.acc + c), p));
  }
  AccumulateTapsGeneric(t, c);
}

void RequantizeRow(const int32_t* acc, int n, const I8Requant& rq, uint8_t* out) {
  const __m512i zero_point = _mm512_set1_epi32(rq.output_zero_point);
  const __m512i lo = _mm512_set1_epi32(rq.min), hi = _mm512_set1_epi32(rq.max);
  int c = 0;
  for (; c + 16 <= n; c += 16) {
    __m512i v = _mm512_add_epi32(_mm512_loadu_si512(acc + c), _mm512_loadu_si512(rq.offset + c));
    v = Requantize(v, _mm512_loadu_si512(rq.multiplier + c), _mm512_loadu_si512(rq.left_shift + c),
                   _mm512_loadu_si512(rq.right_shift + c));
    v = _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(v, zero_point), lo), hi);
    _mm512_mask_cvtepi32_storeu_epi8(out + c, 0xFFFF, v);
  }
  RequantizeRowGeneric(acc, c, n, rq, out);
}

}  // namespace

const Int8Kernels& Avx512VnniInt8Kernels() {
  static const Int8Kernels kernels{CpuIsa::kAvx512, GemmBlockAvx512Vnni, AccumulateTaps, RequantizeRow};
  return kernels;
}

}  // namespace litescope

#else  // not built for x86-64 with AVX-512 VNNI: the AVX2 kernels stand in

namespace litescope {
const Int8Kernels& Avx512VnniInt8Kernels() { return Avx2Int8Kernels(); }
}  // namespace litescope

#endif
