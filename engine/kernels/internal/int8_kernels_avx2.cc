// AVX2 int8 GEMM loops (see int8_kernels.h), for CPUs without VNNI. vpmaddubsw would multiply the
// bytes directly but saturates its int16 pair sums (255 * 127 * 2 > 32767), so both operands are
// widened to int16 instead (A zero-extended, B sign-extended) and vpmaddwd forms exact int32 sums
// of pairs. Built with -mavx2 (engine/CMakeLists.txt); it includes no header with inline functions.
//
// A depth step of a panel is 64 bytes: columns 4q..4q+3 x 4 depths in bytes 16q..16q+15, widened
// to one ymm of int16. vpmaddwd with the row's 4 A values (as int16, repeated) gives int32 lanes
// [c0 k01, c0 k23, c1 k01, c1 k23 | c2 k01, c2 k23, c3 k01, c3 k23]: four accumulators per row
// and panel, pairs added horizontally once at the end. A tile is 2 rows by one panel (8 ymm
// accumulators, 4 widened weights and one A operand of the 16 registers).
#include "engine/kernels/internal/int8_kernels.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

#include <cstring>

namespace litescope {
namespace {

constexpr int kRows = 2;

// MultiplyByQuantizedMultiplier on 8 lanes, bit for bit; the arithmetic is explained at the
// AVX-512 copy (int8_kernels_avx512vnni.cc): floor((x*m + 2^30) / 2^31) from even and odd 64-bit
// products, then the rounding right shift.
inline __m256i Requantize(__m256i x, __m256i multiplier, __m256i left, __m256i right) {
  x = _mm256_sllv_epi32(x, left);
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, multiplier), nudge);
  const __m256i odd =
      _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(multiplier, 32)), nudge);
  const __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
  const __m256i remainder = _mm256_and_si256(high, mask);
  // cmpgt gives -1 where true: subtracting it adds 1.
  const __m256i threshold =
      _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_cmpgt_epi32(_mm256_setzero_si256(), high));
  return _mm256_sub_epi32(_mm256_srav_epi32(high, right), _mm256_cmpgt_epi32(remainder, threshold));
}

// Two accumulators of one row (8 columns, two lanes each) to 8 sums in column order (by value:
// an array passed by address would keep the accumulators in memory).
inline __m256i Reduce(__m256i a, __m256i b) {
  // hadd within 128-bit lanes gives [c0 c1 c4 c5 | c2 c3 c6 c7] (columns of the pair of inputs).
  return _mm256_permutevar8x32_epi32(_mm256_hadd_epi32(a, b), _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
}

// Stores the low byte of each of the first `cols` lanes.
inline void StoreBytes(__m256i v, uint8_t* c, int cols) {
  const __m256i pick = _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  //
                                        0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(v, pick), _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0));
  const int64_t eight = _mm_cvtsi128_si64(_mm256_castsi256_si128(bytes));
  if (cols >= 8) std::memcpy(c, &eight, 8);
  else if (cols > 0) std::memcpy(c, &eight, static_cast<size_t>(cols));
}

template <int MR>
void Tile(const I8GemmBlock& g, const uint8_t* a, const int8_t* b, const int32_t* row_offset, int col0,
          uint8_t* c) {
  __m256i acc[MR][4];
#pragma GCC unroll 2
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) acc[r][q] = _mm256_setzero_si256();
  }
  const int steps = g.kp / kI8KStep;
  for (int s = 0; s < steps; ++s) {
    const int8_t* bs = b + s * kI8Nr * kI8KStep;
    __m256i w[4];
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) w[q] = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bs + 16 * q)));
#pragma GCC unroll 2
    for (int r = 0; r < MR; ++r) {
      int32_t four;
      std::memcpy(&four, a + r * g.lda + s * kI8KStep, sizeof(four));
      const __m256i x = _mm256_broadcastq_epi64(_mm_cvtepu8_epi16(_mm_cvtsi32_si128(four)));
#pragma GCC unroll 4
      for (int q = 0; q < 4; ++q) acc[r][q] = _mm256_add_epi32(acc[r][q], _mm256_madd_epi16(x, w[q]));
    }
  }
  const __m256i zero_point = _mm256_set1_epi32(g.rq.output_zero_point);
  const __m256i lo = _mm256_set1_epi32(g.rq.min), hi = _mm256_set1_epi32(g.rq.max);
  for (int r = 0; r < MR; ++r) {
    const __m256i sums[2] = {Reduce(acc[r][0], acc[r][1]), Reduce(acc[r][2], acc[r][3])};
    const __m256i ro = _mm256_set1_epi32(row_offset != nullptr ? row_offset[r] : 0);
    for (int h = 0; h < 2; ++h) {
      const int col = col0 + 8 * h;
      const auto* off = reinterpret_cast<const __m256i*>(g.rq.offset + col);
      __m256i v = _mm256_add_epi32(_mm256_add_epi32(sums[h], _mm256_loadu_si256(off)), ro);
      v = Requantize(v, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.rq.multiplier + col)),
                     _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.rq.left_shift + col)),
                     _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.rq.right_shift + col)));
      v = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(v, zero_point), lo), hi);
      StoreBytes(v, c + r * g.ldc + col, g.n - col);
    }
  }
}

void GemmBlockAvx2(const I8GemmBlock& g) {
  for (int p = 0; p * kI8Nr < g.n; ++p) {
    const int8_t* b = g.b + p * g.b_panel_stride;
    for (int r0 = 0; r0 < g.m; r0 += kRows) {
      const int32_t* ro = g.row_offset != nullptr ? g.row_offset + r0 : nullptr;
      if (g.m - r0 >= 2) Tile<2>(g, g.a + r0 * g.lda, b, ro, p * kI8Nr, g.c + r0 * g.ldc);
      else Tile<1>(g, g.a + r0 * g.lda, b, ro, p * kI8Nr, g.c + r0 * g.ldc);
    }
  }
}

// acc += (x - zero_point) * w, 8 channels at a time (x widened to int32; exact products).
void AccumulateTaps(const I8Taps& t) {
  const __m256i zp = _mm256_set1_epi32(t.zero_point);
  int c = 0;
  for (; c + 8 <= t.n; c += 8) {
    const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(t.x + c));
    const __m256i x = t.x_int8 ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
    auto* a = reinterpret_cast<__m256i*>(t.acc + c);
    const __m256i p =
        _mm256_mullo_epi32(_mm256_sub_epi32(x, zp), _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.w + c)));
    _mm256_storeu_si256(a, _mm256_add_epi32(_mm256_loadu_si256(a), p));
  }
  AccumulateTapsGeneric(t, c);
}

void RequantizeRow(const int32_t* acc, int n, const I8Requant& rq, uint8_t* out) {
  const __m256i zero_point = _mm256_set1_epi32(rq.output_zero_point);
  const __m256i lo = _mm256_set1_epi32(rq.min), hi = _mm256_set1_epi32(rq.max);
  const auto load = [](const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); };
  int c = 0;
  for (; c + 8 <= n; c += 8) {
    __m256i v = _mm256_add_epi32(load(acc + c), load(rq.offset + c));
    v = Requantize(v, load(rq.multiplier + c), load(rq.left_shift + c), load(rq.right_shift + c));
    v = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(v, zero_point), lo), hi);
    StoreBytes(v, out + c, 8);
  }
  RequantizeRowGeneric(acc, c, n, rq, out);
}

}  // namespace

const Int8Kernels& Avx2Int8Kernels() {
  static const Int8Kernels kernels{CpuIsa::kAvx2Fma, GemmBlockAvx2, AccumulateTaps, RequantizeRow};
  return kernels;
}

}  // namespace litescope

#else  // not built for x86-64 with AVX2: the portable kernels stand in

namespace litescope {
const Int8Kernels& Avx2Int8Kernels() { return GenericInt8Kernels(); }
}  // namespace litescope

#endif
