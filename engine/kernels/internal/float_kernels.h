// The instruction-set-specific inner loops of the optimized float32 kernels, one table per ISA
// (float_kernels_generic.cc: portable C++; float_kernels_avx2.cc: AVX2 + FMA intrinsics;
// float_kernels_avx512.cc: AVX-512F; each the only file built for its ISA). Drivers (gemm_f32.cc, optimized/*.cc) pick the table at Prepare:
//
//   const FloatKernels& k = FloatKernelsFor(SelectedCpuIsa());
//   k.gemm_block(block);
//
// B matrices are packed in panels of kGemmNr columns (see PackedMatrix in gemm_f32.h): panel p
// holds, for each k, the kGemmNr values B[k][p*16 .. p*16+15] (zero past the last column).
#pragma once

#include <cstdint>

#include "engine/kernels/internal/cpu_features.h"

namespace litescope {

inline constexpr int kGemmMr = 6;   // rows of C per microkernel call
inline constexpr int kGemmNr = 16;  // columns of C per microkernel call (one packed panel)

// C[0..m)[0..n) (+)= A[0..m)[0..k) * B + bias, then optionally clamped to [min, max].
struct GemmBlock {
  const float* a = nullptr;  // row r starts at a + r * lda
  int64_t lda = 0;
  int m = 0;
  int k = 0;
  const float* b = nullptr;  // the first panel, already offset to the block's first k
  int64_t b_panel_stride = 0;  // floats from one panel to the next
  int n = 0;                   // columns of C (the last panel may be partial)
  const float* bias = nullptr;  // padded bias of the first panel; unused when accumulating
  float* c = nullptr;
  int64_t ldc = 0;
  bool accumulate = false;  // add to C (a later block of k) instead of starting from the bias
  bool clamp = false;       // the last block of k applies the fused activation
  float min = 0, max = 0;
};

// y[0..n) = x[0..k) * B + bias (B packed as above), optionally clamped: batch-1 FULLY_CONNECTED.
struct GemvArgs {
  const float* x = nullptr;
  int k = 0;
  const float* b = nullptr;
  int64_t b_panel_stride = 0;
  int n = 0;
  const float* bias = nullptr;  // padded
  float* y = nullptr;
  bool clamp = false;
  float min = 0, max = 0;
};

// Depthwise 3x3, depth multiplier 1, dilation 1, NHWC, one image: output rows [row_begin, row_end).
struct Depthwise3x3Args {
  const float* x = nullptr;
  int in_h = 0, in_w = 0, channels = 0;
  const float* w = nullptr;     // [3][3][channels]
  const float* bias = nullptr;  // channels values (zeros when the model has no bias)
  float* y = nullptr;
  int out_h = 0, out_w = 0;
  int stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
  float min = 0, max = 0;
  int row_begin = 0, row_end = 0;
};

struct FloatKernels {
  CpuIsa isa;
  void (*gemm_block)(const GemmBlock&);
  void (*gemv)(const GemvArgs&);
  void (*depthwise_3x3)(const Depthwise3x3Args&);
};

const FloatKernels& GenericFloatKernels();
// Only valid where HostCpuFeatures() reports AVX2, FMA and OS support.
const FloatKernels& Avx2FmaFloatKernels();
// Only valid where HostCpuFeatures() also reports AVX-512F and OS support.
const FloatKernels& Avx512FloatKernels();
const FloatKernels& FloatKernelsFor(CpuIsa isa);

}  // namespace litescope
