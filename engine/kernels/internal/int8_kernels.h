// The instruction-set-specific inner loops of the int8 GEMM (gemm_i8.h), one table per ISA:
// int8_kernels_generic.cc (portable C++), int8_kernels_avx2.cc (AVX2: operands widened to int16,
// vpmaddwd), int8_kernels_avx512vnni.cc (AVX-512 VNNI vpdpbusd); each the only file built for its
// ISA. The driver picks the table at Prepare:
//
//   const Int8Kernels& k = Int8KernelsFor(SelectedInt8CpuIsa());
//
// Every path computes the same integers: exact int32 dot products (wrapping like the reference's
// int32 sums), then the reference requantization (fixed_point.h MultiplyByQuantizedMultiplier).
//
// Operands. A (activations) is unsigned bytes, B (weights) signed bytes; the driver maps INT8 and
// UINT8 tensors onto them (x ^ 0x80 turns an int8 x into the u8 x + 128, and a u8 w into the s8
// w - 128) and folds the constant offsets into `offset` and `row_offset` below. Depth is padded to
// a multiple of 4 (kI8KStep): padded weights are 0, so whatever padded A bytes hold adds nothing.
//
// B is packed in panels of kI8Nr columns: panel p, depth step s holds the 64 bytes
// B[k = 4s + t][column p * 16 + j] at byte j * 4 + t (zero past the last column), the layout of
// one vpdpbusd operand: lane j gets the four products of its column.
#pragma once

#include <cstdint>

#include "engine/kernels/internal/cpu_features.h"

namespace litescope {

inline constexpr int kI8Nr = 16;    // columns per packed panel
inline constexpr int kI8KStep = 4;  // depth per packed step (one int32 lane of bytes)

// Requantization of column j (padded to whole panels): the int32 sum s of row i becomes
//   clamp(MultiplyByQuantizedMultiplier(s + offset[j] + row_offset[i], multiplier[j], shift[j])
//         + output_zero_point, min, max)
// stored as one byte (the value's low byte: an int8 or uint8 in range).
struct I8Requant {
  const int32_t* offset = nullptr;      // bias and the constant zero-point terms
  const int32_t* multiplier = nullptr;  // Q31, in [2^30, 2^31) or 0
  const int32_t* left_shift = nullptr;  // max(shift, 0)
  const int32_t* right_shift = nullptr;  // max(-shift, 0), at most 31
  int32_t output_zero_point = 0;
  int32_t min = 0, max = 0;
};

// C[0..m)[0..n) = requant(A[0..m)[0..kp) * B), one block of rows against consecutive panels.
struct I8GemmBlock {
  const uint8_t* a = nullptr;  // row r starts at a + r * lda; kp bytes readable
  int64_t lda = 0;
  int m = 0;
  int kp = 0;                  // depth, a multiple of kI8KStep
  const int8_t* b = nullptr;   // the first panel
  int64_t b_panel_stride = 0;  // bytes from one panel to the next (kp * kI8Nr)
  int n = 0;                   // columns of C (the last panel may be partial)
  const int32_t* row_offset = nullptr;  // m values, or nullptr for none
  I8Requant rq;                // already offset to the block's first column
  uint8_t* c = nullptr;        // int8 or uint8 bytes
  int64_t ldc = 0;
};

// Depthwise pieces (quantized_depthwise.h), over n channels:
//   acc[c] += (x[c] - zero_point) * w[c], x int8 (x_int8) or uint8, wrapping like int32 sums;
//   out[c] = requant(acc[c]) with row offset 0 (rq at channel 0).
struct I8Taps {
  int32_t* acc = nullptr;
  const uint8_t* x = nullptr;
  const int32_t* w = nullptr;
  int n = 0;
  int32_t zero_point = 0;
  bool x_int8 = false;
};

struct Int8Kernels {
  CpuIsa isa;
  void (*gemm_block)(const I8GemmBlock&);
  void (*accumulate_taps)(const I8Taps&);
  void (*requantize_row)(const int32_t* acc, int n, const I8Requant& rq, uint8_t* out);
};

const Int8Kernels& GenericInt8Kernels();
// Only valid where SupportedInt8CpuIsas() lists kAvx2Fma.
const Int8Kernels& Avx2Int8Kernels();
// Only valid where SupportedInt8CpuIsas() lists kAvx512 (AVX-512 F/BW/VL + VNNI).
const Int8Kernels& Avx512VnniInt8Kernels();
const Int8Kernels& Int8KernelsFor(CpuIsa isa);

// The scalar requantization of one sum (the generic kernel's epilogue; the SIMD ones match it).
int32_t RequantizeI8(int32_t sum, int32_t row_offset, const I8Requant& rq, int j);
// The portable depthwise pieces, which the SIMD ones use for their tails.
void AccumulateTapsGeneric(const I8Taps& t, int begin);
void RequantizeRowGeneric(const int32_t* acc, int begin, int n, const I8Requant& rq, uint8_t* out);

}  // namespace litescope
