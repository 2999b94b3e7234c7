// Packed int8 GEMM for the optimized quantized kernels (INT8 or UINT8 activations and weights):
//   C[m][n] = clamp(MultiplyByQuantizedMultiplier(sum_k (A[m][k] - a_zp) (W[n][k] - w_zp) + bias[n],
//                                                M[n], shift[n]) + c_zp, min, max),
// bit for bit the reference quantized CONV_2D / FULLY_CONNECTED arithmetic. W is [n][k] row-major
// (OHWI filters, FC weights), packed once at Prepare with the folded offsets and multipliers; rows
// of A are copied (or read in place) block by block into scratch memory the kernel owns.
//
//   PackedI8Matrix w;                                     // Prepare
//   if (!w.Allocate(n, k)) return ctx.Error("out of memory ...");
//   w.Pack(filter_bytes, bias, quant);
//   scratch.resize(GemmI8ScratchBytes(PlanGemmI8(m, n, k, ctx.threads())));
//   GemmI8(kernels, ctx.pool(), I8Rows(x, geometry), w, y, n, scratch.data());   // Eval
//
// How the zero points fold (see int8_kernels.h for the operands). INT8 activations enter as
// a' = a + 128 (u8, a ^ 0x80), UINT8 ones as they are; INT8 weights as they are, UINT8 ones as
// w' = w - 128 (s8, w ^ 0x80). With za = a_zp (+128 for INT8) and zw = w_zp (-128 for UINT8),
//   sum (a - a_zp)(w - w_zp) = sum (a' - za)(w' - zw)
//                            = sum a'w' - za colsum(w') - zw rowsum(a') + k za zw,
// so offset[n] = bias[n] - za colsum(w'[n]) + k za zw is fixed at Pack, and the row term
// -zw rowsum(a') (zero for INT8 weights) is added per row of A. All of it wraps modulo 2^32, as
// the reference's int32 sums do.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/aligned_buffer.h"
#include "engine/kernels/internal/gemm_f32.h"
#include "engine/kernels/internal/int8_kernels.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// The quantization of one GEMM, as the reference kernel computed it at Prepare.
struct I8Quantization {
  bool int8 = true;  // INT8 activations and weights; else UINT8 ones
  int32_t input_zero_point = 0;
  int32_t weights_zero_point = 0;  // 0 for INT8
  std::vector<int32_t> multiplier;  // one per output column, or one for all
  std::vector<int> shift;
  int32_t output_zero_point = 0;
  int32_t min = 0, max = 0;  // the quantized activation range
};

class PackedI8Matrix {
 public:
  // Prepare: memory for an [n][k] matrix (once per shape); false when out of memory.
  [[nodiscard]] bool Allocate(int n, int k);
  // `w` is [n][k] row-major bytes (int8 or uint8, as q.int8 says); `bias` has n values or is nullptr.
  void Pack(const void* w, const int32_t* bias, const I8Quantization& q);

  int n() const { return n_; }
  int k() const { return k_; }
  int kp() const { return kp_; }  // k rounded up to kI8KStep
  int panels() const { return (n_ + kI8Nr - 1) / kI8Nr; }
  int64_t panel_stride() const { return static_cast<int64_t>(kp_) * kI8Nr; }
  const int8_t* data() const { return reinterpret_cast<const int8_t*>(data_.data()); }
  // The requantization of columns [col, n), col a multiple of kI8Nr.
  I8Requant requant(int col) const;
  uint8_t a_flip() const { return a_flip_; }          // a' = a ^ a_flip
  uint8_t a_padding() const { return a_padding_; }    // a' of the input zero point (padding taps)
  int32_t row_factor() const { return row_factor_; }  // -zw: row term = row_factor * rowsum(a')

 private:
  int n_ = 0, k_ = 0, kp_ = 0;
  AlignedBuffer data_;  // the panels
  // Per column, padded to whole panels.
  std::vector<int32_t> offset_, multiplier_, left_shift_, right_shift_;
  int32_t output_zero_point_ = 0, min_ = 0, max_ = 0;
  uint8_t a_flip_ = 0, a_padding_ = 0;
  int32_t row_factor_ = 0;
};

// Rows of A: row (n, oy, ox) is the input patch under output pixel (oy, ox) of image n in filter
// order (ky, kx, c), the input zero point where the window covers padding (the reference skips
// those taps: a - a_zp = 0 is the same). A matrix [rows][k] is the 1x1 geometry of `rows` images.
class I8Rows {
 public:
  I8Rows(const uint8_t* x, const ConvGeometry& g);
  static ConvGeometry Matrix(int64_t rows, int k);

  int64_t rows() const { return static_cast<int64_t>(g_.batches) * g_.out_h * g_.out_w; }
  int cols() const { return g_.k_h * g_.k_w * g_.in_c; }
  // Rows [begin, end) as a' (see PackedI8Matrix) with w.kp() readable bytes each: in place when
  // possible, else written to `scratch` ((end - begin) * w.kp() bytes). Sets the stride.
  const uint8_t* Rows(int64_t begin, int64_t end, const PackedI8Matrix& w, uint8_t* scratch, int64_t* stride) const;

 private:
  bool pointwise() const;  // a 1x1 stride-1 window without padding: row i is x + i * in_c
  const uint8_t* x_;
  ConvGeometry g_;
};

// How GemmI8 splits C over the threads: by blocks of rows, or (few rows) by column panels.
struct I8Plan {
  int64_t m = 0;
  int n = 0, k = 0;
  int threads = 1;
  bool split_columns = false;
};
I8Plan PlanGemmI8(int64_t m, int n, int k, int threads);
// Bytes of scratch memory GemmI8 needs for this plan.
size_t GemmI8ScratchBytes(const I8Plan& plan);

// C = requant(A W^T), C bytes with row stride ldc. `scratch` holds GemmI8ScratchBytes bytes for
// the plan PlanGemmI8 gives for these sizes and pool.threads(), 4-byte aligned.
void GemmI8(const Int8Kernels& kernels, ThreadPool& pool, const I8Rows& a, const PackedI8Matrix& w, uint8_t* c,
            int64_t ldc, uint8_t* scratch);

}  // namespace litescope
