// Packed float32 GEMM for the optimized kernels: C[m][n] = act(A[m][k] * W^T + bias), where W is
// [n][k] row-major (CONV_2D filters in OHWI, FULLY_CONNECTED weights). W is packed once at
// Prepare into panels of kGemmNr columns; A is read in place (a matrix, or rows of an im2col
// built block by block in scratch memory the kernel owns); the work is split over the pool.
//
//   PackedMatrix w;                                    // Prepare
//   if (!w.Allocate(n, k)) return ctx.Error("out of memory ...");
//   w.Pack(filter, bias);
//   scratch.resize(GemmScratchFloats(plan));
//   MatrixRows a(x, m, k, k);                          // Eval
//   GemmF32(kernels, ctx.pool(), a, w, range, y, n, scratch.data());
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/aligned_buffer.h"
#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/float_kernels.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// W^T in panels: panel p, row k holds W[p*16 + j][k] for j in [0, 16), zero past n. The bias is
// padded the same way (zeros without a bias).
class PackedMatrix {
 public:
  // Prepare: memory for an [n][k] matrix (once per shape); false when out of memory.
  [[nodiscard]] bool Allocate(int n, int k);
  // `w` is [n][k] row-major; `bias` has n values or is nullptr.
  void Pack(const float* w, const float* bias);

  int n() const { return n_; }
  int k() const { return k_; }
  int panels() const { return (n_ + kGemmNr - 1) / kGemmNr; }
  int64_t panel_stride() const { return static_cast<int64_t>(k_) * kGemmNr; }
  const float* data() const { return reinterpret_cast<const float*>(data_.data()); }
  const float* bias() const { return data() + panels() * panel_stride(); }

 private:
  int n_ = 0, k_ = 0;
  AlignedBuffer data_;  // the panels, then the padded bias
};

// Where the rows of A come from.
class GemmRows {
 public:
  virtual ~GemmRows() = default;
  virtual int64_t rows() const = 0;
  virtual int cols() const = 0;
  // Whether Rows() writes into scratch (then it needs cols() floats per row).
  virtual bool uses_scratch() const = 0;
  // Rows [begin, end) of A: a pointer to the first and the stride between rows.
  virtual const float* Rows(int64_t begin, int64_t end, float* scratch, int64_t* stride) const = 0;
};

// A matrix already in memory (1x1 stride-1 convolutions, FULLY_CONNECTED inputs).
class MatrixRows : public GemmRows {
 public:
  MatrixRows(const float* a, int64_t rows, int cols, int64_t stride) : a_(a), rows_(rows), cols_(cols), stride_(stride) {}
  int64_t rows() const override { return rows_; }
  int cols() const override { return cols_; }
  bool uses_scratch() const override { return false; }
  const float* Rows(int64_t begin, int64_t, float*, int64_t* stride) const override {
    *stride = stride_;
    return a_ + begin * stride_;
  }

 private:
  const float* a_;
  int64_t rows_;
  int cols_;
  int64_t stride_;
};

// The geometry of a convolution over an NHWC input, for im2col.
struct ConvGeometry {
  int batches = 0, in_h = 0, in_w = 0, in_c = 0;
  int k_h = 0, k_w = 0;
  int stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1, pad_h = 0, pad_w = 0;
  int out_h = 0, out_w = 0;
};

// Row (n, oy, ox) of A holds the input patch under output pixel (oy, ox) of image n in filter
// order (ky, kx, c), zeros where the window covers padding.
class Im2colRows : public GemmRows {
 public:
  Im2colRows(const float* x, const ConvGeometry& g) : x_(x), g_(g) {}
  int64_t rows() const override { return static_cast<int64_t>(g_.batches) * g_.out_h * g_.out_w; }
  int cols() const override { return g_.k_h * g_.k_w * g_.in_c; }
  bool uses_scratch() const override { return true; }
  const float* Rows(int64_t begin, int64_t end, float* scratch, int64_t* stride) const override;

 private:
  const float* x_;
  ConvGeometry g_;
};

// How GemmF32 splits C over the threads: by blocks of rows, or (few rows) by column panels.
struct GemmPlan {
  int64_t m = 0;
  int n = 0, k = 0;
  int threads = 1;
  bool split_columns = false;
  bool uses_scratch = false;
};
GemmPlan PlanGemm(int64_t m, int n, int k, int threads, bool uses_scratch);
// Floats of scratch memory GemmF32 needs for this plan (0 when A is read in place).
size_t GemmScratchFloats(const GemmPlan& plan);

// C = act(A W^T + bias), C with row stride ldc. `scratch` holds GemmScratchFloats(plan) floats
// for the plan PlanGemm gives for these sizes and pool.threads().
void GemmF32(const FloatKernels& kernels, ThreadPool& pool, const GemmRows& a, const PackedMatrix& w,
             const ActivationRange& range, float* c, int64_t ldc, float* scratch);

// Whether the range clamps anything (NONE does not).
inline bool Clamps(const ActivationRange& r) {
  return r.min != -std::numeric_limits<float>::infinity() || r.max != std::numeric_limits<float>::infinity();
}

}  // namespace litescope
