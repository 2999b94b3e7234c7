#include "engine/kernels/internal/gemm_f32.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace litescope {
namespace {

// Rows of A per block: the block's rows of A stay in L2 while every panel of W passes.
constexpr int64_t kMc = 120;
// Depths up to kKcMax run in one pass: the panel of W (up to 64 KiB) streams from L2 and is
// read, panel after panel, as one sequential stream (with passes over k, late MobileNet layers,
// whose few rows give each panel little reuse, waited on L3 at the start of every panel). Deeper
// products run in passes of about kKc, so that a pass's panel and rows of A stay in L2.
constexpr int kKc = 512;
constexpr int kKcMax = 1024;
// Below this many multiply-adds, waking a second thread costs more than it saves.
constexpr int64_t kMinParallelMacs = int64_t{1} << 17;

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// im2col copies runs as short as 3 floats (an RGB pixel): fixed-size pieces that may overlap
// compile to a few plain moves where a memcpy call would cost more than the copy.
inline void CopyFloats(float* dst, const float* src, size_t n) {
  constexpr size_t kF = sizeof(float);
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) std::memcpy(dst + i, src + i, 8 * kF);
    if (i < n) std::memcpy(dst + n - 8, src + n - 8, 8 * kF);
  } else if (n >= 4) {
    std::memcpy(dst, src, 4 * kF);
    std::memcpy(dst + n - 4, src + n - 4, 4 * kF);
  } else if (n >= 2) {
    std::memcpy(dst, src, 2 * kF);
    std::memcpy(dst + n - 2, src + n - 2, 2 * kF);
  } else if (n == 1) {
    *dst = *src;
  }
}

// Runs rows [0, rows) of A against panels [p0, p1) of W, in passes over k.
void RunBlock(const FloatKernels& kernels, const float* a, int64_t lda, int64_t rows, const PackedMatrix& w,
              int p0, int p1, const ActivationRange& range, float* c, int64_t ldc) {
  const int k = w.k();
  const int passes = k <= kKcMax ? 1 : static_cast<int>(CeilDiv(k, kKc));
  GemmBlock g;
  g.lda = lda;
  g.m = static_cast<int>(rows);
  g.b_panel_stride = w.panel_stride();
  g.n = std::min(w.n(), p1 * kGemmNr) - p0 * kGemmNr;
  g.bias = w.bias() + p0 * kGemmNr;
  g.c = c + p0 * kGemmNr;
  g.ldc = ldc;
  g.min = range.min;
  g.max = range.max;
  for (int pass = 0; pass < passes; ++pass) {
    const int k0 = static_cast<int>(static_cast<int64_t>(k) * pass / passes);
    const int k1 = static_cast<int>(static_cast<int64_t>(k) * (pass + 1) / passes);
    g.a = a + k0;
    g.k = k1 - k0;
    g.b = w.data() + p0 * w.panel_stride() + static_cast<int64_t>(k0) * kGemmNr;
    g.accumulate = pass > 0;
    g.clamp = pass + 1 == passes && Clamps(range);
    kernels.gemm_block(g);
  }
}

}  // namespace

bool PackedMatrix::Allocate(int n, int k) {
  if (n == n_ && k == k_ && data_.size() != 0) return true;
  n_ = n;
  k_ = k;
  const size_t floats = static_cast<size_t>(panels()) * (static_cast<size_t>(panel_stride()) + kGemmNr);
  try {
    data_ = AlignedBuffer(std::max<size_t>(1, floats) * sizeof(float));
  } catch (const std::bad_alloc&) {
    n_ = k_ = 0;
    return false;
  }
  return true;
}

void PackedMatrix::Pack(const float* w, const float* bias) {
  float* out = reinterpret_cast<float*>(data_.data());
  for (int p = 0; p < panels(); ++p) {
    float* panel = out + p * panel_stride();
    for (int j = 0; j < kGemmNr; ++j) {
      const int row = p * kGemmNr + j;
      const float* src = row < n_ ? w + static_cast<int64_t>(row) * k_ : nullptr;
      for (int kk = 0; kk < k_; ++kk) panel[static_cast<int64_t>(kk) * kGemmNr + j] = src ? src[kk] : 0.0f;
    }
  }
  float* padded_bias = out + panels() * panel_stride();
  for (int j = 0; j < panels() * kGemmNr; ++j) padded_bias[j] = bias != nullptr && j < n_ ? bias[j] : 0.0f;
}

const float* Im2colRows::Rows(int64_t begin, int64_t end, float* scratch, int64_t* stride) const {
  const int cols = this->cols();
  const size_t run = static_cast<size_t>(g_.k_w) * g_.in_c;  // one kernel row, when contiguous
  for (int64_t i = begin; i < end; ++i) {
    const int64_t image = i / (static_cast<int64_t>(g_.out_h) * g_.out_w);
    const int64_t pixel = i % (static_cast<int64_t>(g_.out_h) * g_.out_w);
    const int oy = static_cast<int>(pixel / g_.out_w), ox = static_cast<int>(pixel % g_.out_w);
    const int ix0 = ox * g_.stride_w - g_.pad_w;
    float* dst = scratch + (i - begin) * cols;
    for (int ky = 0; ky < g_.k_h; ++ky, dst += run) {
      const int iy = oy * g_.stride_h - g_.pad_h + ky * g_.dil_h;
      if (iy < 0 || iy >= g_.in_h) {
        std::memset(dst, 0, run * sizeof(float));
        continue;
      }
      const float* src = x_ + ((image * g_.in_h + iy) * g_.in_w) * g_.in_c;
      if (g_.dil_w == 1 && ix0 >= 0 && ix0 + g_.k_w <= g_.in_w) {
        CopyFloats(dst, src + static_cast<int64_t>(ix0) * g_.in_c, run);
        continue;
      }
      for (int kx = 0; kx < g_.k_w; ++kx) {
        const int ix = ix0 + kx * g_.dil_w;
        float* d = dst + static_cast<int64_t>(kx) * g_.in_c;
        if (ix < 0 || ix >= g_.in_w) std::memset(d, 0, static_cast<size_t>(g_.in_c) * sizeof(float));
        else CopyFloats(d, src + static_cast<int64_t>(ix) * g_.in_c, static_cast<size_t>(g_.in_c));
      }
    }
  }
  *stride = cols;
  return scratch;
}

GemmPlan PlanGemm(int64_t m, int n, int k, int threads, bool uses_scratch) {
  GemmPlan plan{m, n, k, std::max(1, threads), false, uses_scratch};
  if (m * n * static_cast<int64_t>(k) < kMinParallelMacs) plan.threads = 1;
  if (m == 1) {
    plan.split_columns = true;  // GEMV over column panels
    return plan;
  }
  if (plan.threads == 1) return plan;
  // Tiles each thread computes either way; by columns, A must be built whole first (serially).
  const int64_t tiles = CeilDiv(m, kGemmMr), panels = CeilDiv(n, kGemmNr), t = plan.threads;
  const int64_t by_rows = CeilDiv(tiles, t) * panels;
  const int64_t by_columns = tiles * CeilDiv(panels, t);
  plan.split_columns = (uses_scratch ? by_columns * 5 : by_columns * 4) < by_rows * 4;
  return plan;
}

size_t GemmScratchFloats(const GemmPlan& plan) {
  if (!plan.uses_scratch) return 0;
  const int64_t rows = plan.split_columns ? plan.m : plan.threads * std::min<int64_t>(kMc, plan.m);
  return static_cast<size_t>(rows) * static_cast<size_t>(plan.k);
}

void GemmF32(const FloatKernels& kernels, ThreadPool& pool, const GemmRows& a, const PackedMatrix& w,
             const ActivationRange& range, float* c, int64_t ldc, float* scratch) {
  const GemmPlan plan = PlanGemm(a.rows(), w.n(), w.k(), pool.threads(), a.uses_scratch());
  const int64_t m = plan.m;
  if (m == 0) return;
  const int panels = w.panels();
  const int64_t t_n = plan.threads;
  if (m == 1) {
    int64_t lda = 0;
    const float* x = a.Rows(0, 1, scratch, &lda);
    pool.ParallelFor(t_n, 1, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int p0 = static_cast<int>(panels * t / t_n), p1 = static_cast<int>(panels * (t + 1) / t_n);
        if (p0 == p1) continue;
        GemvArgs g;
        g.x = x;
        g.k = w.k();
        g.b = w.data() + p0 * w.panel_stride();
        g.b_panel_stride = w.panel_stride();
        g.n = std::min(w.n(), p1 * kGemmNr) - p0 * kGemmNr;
        g.bias = w.bias() + p0 * kGemmNr;
        g.y = c + p0 * kGemmNr;
        g.clamp = Clamps(range);
        g.min = range.min;
        g.max = range.max;
        kernels.gemv(g);
      }
    });
    return;
  }
  if (plan.split_columns) {
    int64_t lda = 0;
    const float* rows = a.Rows(0, m, scratch, &lda);
    pool.ParallelFor(t_n, 1, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int p0 = static_cast<int>(panels * t / t_n), p1 = static_cast<int>(panels * (t + 1) / t_n);
        if (p0 == p1) continue;
        for (int64_t r = 0; r < m; r += kMc) {
          RunBlock(kernels, rows + r * lda, lda, std::min(kMc, m - r), w, p0, p1, range, c + r * ldc, ldc);
        }
      }
    });
    return;
  }
  const int64_t tiles = CeilDiv(m, kGemmMr);
  pool.ParallelFor(t_n, 1, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t begin = tiles * t / t_n * kGemmMr, end = std::min(m, tiles * (t + 1) / t_n * kGemmMr);
      float* own = a.uses_scratch() ? scratch + t * std::min(kMc, m) * w.k() : nullptr;
      for (int64_t r = begin; r < end; r += kMc) {
        const int64_t r1 = std::min(end, r + kMc);
        int64_t lda = 0;
        const float* rows = a.Rows(r, r1, own, &lda);
        RunBlock(kernels, rows, lda, r1 - r, w, 0, panels, range, c + r * ldc, ldc);
      }
    }
  });
}

}  // namespace litescope
