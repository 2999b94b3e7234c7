#include "engine/kernels/internal/gemm_i8.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace litescope {
namespace {

// Rows of A per block: the block's rows stay in L2 while every panel of W passes.
constexpr int64_t kMc = 96;
// Rows of C per AVX-512 tile and columns per pair of panels, for the split between threads.
constexpr int64_t kTileRows = 8, kTileCols = 2 * kI8Nr;
// Below this many multiply-adds, waking a second thread costs more than it saves.
constexpr int64_t kMinParallelMacs = int64_t{1} << 18;

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
int RoundUp(int a, int b) { return static_cast<int>(CeilDiv(a, b) * b); }

// dst[i] = src[i] ^ flip: an int8 value to its u8 a' (flip 0x80), or a plain copy (flip 0).
inline void CopyFlipped(uint8_t* dst, const uint8_t* src, size_t n, uint8_t flip) {
  if (flip == 0) {
    std::memcpy(dst, src, n);
    return;
  }
  for (size_t i = 0; i < n; ++i) dst[i] = static_cast<uint8_t>(src[i] ^ flip);
}

// Bytes of one thread's block: `rows` row terms (int32), then `rows` rows of kp bytes.
size_t BlockBytes(int64_t rows, int kp) { return static_cast<size_t>(rows) * (sizeof(int32_t) + static_cast<size_t>(kp)); }

// The row terms -zw rowsum(a') of rows [0, rows) of A' into `out`; nullptr when W needs none
// (INT8 weights, or UINT8 weights with zero point 128).
const int32_t* RowTerms(const uint8_t* a, int64_t lda, int64_t rows, const PackedI8Matrix& w, int32_t* out) {
  if (w.row_factor() == 0) return nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    uint32_t sum = 0;
    const uint8_t* row = a + i * lda;
    for (int j = 0; j < w.k(); ++j) sum += row[j];
    out[i] = static_cast<int32_t>(sum * static_cast<uint32_t>(w.row_factor()));
  }
  return out;
}

// Rows [0, rows) of A' (stride lda, row terms or nullptr) against panels [p0, p1) of W.
void RunBlock(const Int8Kernels& kernels, const uint8_t* a, int64_t lda, int64_t rows, const int32_t* row_terms,
              const PackedI8Matrix& w, int p0, int p1, uint8_t* c, int64_t ldc) {
  I8GemmBlock g;
  g.a = a;
  g.lda = lda;
  g.m = static_cast<int>(rows);
  g.kp = w.kp();
  g.b = w.data() + p0 * w.panel_stride();
  g.b_panel_stride = w.panel_stride();
  g.n = std::min(w.n(), p1 * kI8Nr) - p0 * kI8Nr;
  g.row_offset = row_terms;
  g.rq = w.requant(p0 * kI8Nr);
  g.c = c + p0 * kI8Nr;
  g.ldc = ldc;
  kernels.gemm_block(g);
}

}  // namespace

bool PackedI8Matrix::Allocate(int n, int k) {
  if (n == n_ && k == k_ && data_.size() != 0) return true;
  n_ = n;
  k_ = k;
  kp_ = RoundUp(std::max(k, 1), kI8KStep);
  const size_t padded = static_cast<size_t>(panels()) * kI8Nr;
  try {
    data_ = AlignedBuffer(std::max<size_t>(1, static_cast<size_t>(panels()) * static_cast<size_t>(panel_stride())));
    for (auto* v : {&offset_, &multiplier_, &left_shift_, &right_shift_}) v->assign(padded, 0);
  } catch (const std::bad_alloc&) {
    n_ = k_ = kp_ = 0;
    return false;
  }
  return true;
}

void PackedI8Matrix::Pack(const void* w, const int32_t* bias, const I8Quantization& q) {
  const auto* bytes = static_cast<const uint8_t*>(w);
  a_flip_ = q.int8 ? 0x80 : 0;
  const uint8_t w_flip = q.int8 ? 0 : 0x80;
  const int32_t za = q.input_zero_point + (q.int8 ? 128 : 0);
  const int32_t zw = q.weights_zero_point - (q.int8 ? 0 : 128);
  a_padding_ = static_cast<uint8_t>(static_cast<uint8_t>(q.input_zero_point) ^ a_flip_);
  row_factor_ = -zw;
  int8_t* out = reinterpret_cast<int8_t*>(data_.data());
  for (int p = 0; p < panels(); ++p) {
    int8_t* panel = out + p * panel_stride();
    for (int j = 0; j < kI8Nr; ++j) {
      const int col = p * kI8Nr + j;
      const uint8_t* src = col < n_ ? bytes + static_cast<int64_t>(col) * k_ : nullptr;
      for (int kk = 0; kk < kp_; ++kk) {
        const bool real = src != nullptr && kk < k_;
        const int64_t at = static_cast<int64_t>(kk / kI8KStep) * kI8Nr * kI8KStep + j * kI8KStep + kk % kI8KStep;
        panel[at] = real ? static_cast<int8_t>(src[kk] ^ w_flip) : int8_t{0};
      }
    }
  }
  // offset = bias - za colsum(w') + k za zw, in wrapping uint32 arithmetic.
  const auto uza = static_cast<uint32_t>(za), uzw = static_cast<uint32_t>(zw);
  for (int col = 0; col < n_; ++col) {
    uint32_t colsum = 0;
    for (int kk = 0; kk < k_; ++kk) {
      colsum += static_cast<uint32_t>(int32_t{static_cast<int8_t>(bytes[static_cast<int64_t>(col) * k_ + kk] ^ w_flip)});
    }
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[col]) : 0u;
    offset_[col] = static_cast<int32_t>(b - uza * colsum + static_cast<uint32_t>(k_) * uza * uzw);
    const size_t c = q.multiplier.size() == 1 ? 0 : static_cast<size_t>(col);
    multiplier_[col] = q.multiplier[c];
    left_shift_[col] = std::max(q.shift[c], 0);
    right_shift_[col] = std::max(-q.shift[c], 0);
  }
  output_zero_point_ = q.output_zero_point;
  min_ = q.min;
  max_ = q.max;
}

I8Requant PackedI8Matrix::requant(int col) const {
  I8Requant rq;
  rq.offset = offset_.data() + col;
  rq.multiplier = multiplier_.data() + col;
  rq.left_shift = left_shift_.data() + col;
  rq.right_shift = right_shift_.data() + col;
  rq.output_zero_point = output_zero_point_;
  rq.min = min_;
  rq.max = max_;
  return rq;
}

I8Rows::I8Rows(const uint8_t* x, const ConvGeometry& g) : x_(x), g_(g) {}

ConvGeometry I8Rows::Matrix(int64_t rows, int k) {
  ConvGeometry g;
  g.batches = static_cast<int>(rows);
  g.in_h = g.in_w = g.out_h = g.out_w = g.k_h = g.k_w = 1;
  g.in_c = k;
  return g;
}

bool I8Rows::pointwise() const {
  return g_.k_h == 1 && g_.k_w == 1 && g_.stride_h == 1 && g_.stride_w == 1 && g_.pad_h == 0 && g_.pad_w == 0 &&
         g_.out_h == g_.in_h && g_.out_w == g_.in_w;
}

const uint8_t* I8Rows::Rows(int64_t begin, int64_t end, const PackedI8Matrix& w, uint8_t* scratch,
                            int64_t* stride) const {
  const uint8_t flip = w.a_flip();
  const int kp = w.kp();
  if (pointwise() && flip == 0 && g_.in_c == kp) {  // UINT8 rows of whole depth steps: in place
    *stride = g_.in_c;
    return x_ + begin * g_.in_c;
  }
  const auto c = static_cast<size_t>(g_.in_c);
  const size_t run = static_cast<size_t>(g_.k_w) * c;  // one kernel row, when contiguous
  const int cols = this->cols();
  for (int64_t i = begin; i < end; ++i) {
    const int64_t image = i / (static_cast<int64_t>(g_.out_h) * g_.out_w);
    const int64_t pixel = i % (static_cast<int64_t>(g_.out_h) * g_.out_w);
    const int oy = static_cast<int>(pixel / g_.out_w), ox = static_cast<int>(pixel % g_.out_w);
    const int ix0 = ox * g_.stride_w - g_.pad_w;
    uint8_t* row = scratch + (i - begin) * kp;
    uint8_t* dst = row;
    for (int ky = 0; ky < g_.k_h; ++ky, dst += run) {
      const int iy = oy * g_.stride_h - g_.pad_h + ky * g_.dil_h;
      if (iy < 0 || iy >= g_.in_h) {
        std::memset(dst, w.a_padding(), run);
        continue;
      }
      const uint8_t* src = x_ + ((image * g_.in_h + iy) * g_.in_w) * g_.in_c;
      if (g_.dil_w == 1 && ix0 >= 0 && ix0 + g_.k_w <= g_.in_w) {
        CopyFlipped(dst, src + static_cast<int64_t>(ix0) * g_.in_c, run, flip);
        continue;
      }
      for (int kx = 0; kx < g_.k_w; ++kx) {
        const int ix = ix0 + kx * g_.dil_w;
        uint8_t* d = dst + static_cast<int64_t>(kx) * g_.in_c;
        if (ix < 0 || ix >= g_.in_w) std::memset(d, w.a_padding(), c);
        else CopyFlipped(d, src + static_cast<int64_t>(ix) * g_.in_c, c, flip);
      }
    }
    std::memset(row + cols, 0, static_cast<size_t>(kp - cols));  // times weights of 0
  }
  *stride = kp;
  return scratch;
}

I8Plan PlanGemmI8(int64_t m, int n, int k, int threads) {
  I8Plan plan{m, n, k, std::max(1, threads), false};
  if (m * n * static_cast<int64_t>(k) < kMinParallelMacs) plan.threads = 1;
  if (m == 1) {
    plan.split_columns = true;
    return plan;
  }
  if (plan.threads == 1) return plan;
  // Tiles each thread computes either way; by columns, A is built whole first (serially).
  const int64_t tiles = CeilDiv(m, kTileRows), pairs = CeilDiv(n, kTileCols), t = plan.threads;
  const int64_t by_rows = CeilDiv(tiles, t) * pairs;
  const int64_t by_columns = tiles * CeilDiv(pairs, t);
  plan.split_columns = by_columns * 5 < by_rows * 4;
  return plan;
}

size_t GemmI8ScratchBytes(const I8Plan& plan) {
  const int kp = RoundUp(std::max(plan.k, 1), kI8KStep);
  const int64_t rows = plan.split_columns ? plan.m : plan.threads * std::min<int64_t>(kMc, plan.m);
  return BlockBytes(rows, kp);
}

void GemmI8(const Int8Kernels& kernels, ThreadPool& pool, const I8Rows& a, const PackedI8Matrix& w, uint8_t* c,
            int64_t ldc, uint8_t* scratch) {
  const I8Plan plan = PlanGemmI8(a.rows(), w.n(), w.k(), pool.threads());
  const int64_t m = plan.m;
  if (m == 0) return;
  const int panels = w.panels();
  const int64_t t_n = plan.threads;
  if (plan.split_columns) {
    // A and its row terms built whole, serially; the threads share them and split the panels,
    // in pairs (an AVX-512 tile is two panels wide).
    int64_t lda = 0;
    const uint8_t* rows = a.Rows(0, m, w, scratch + m * sizeof(int32_t), &lda);
    const int32_t* terms = RowTerms(rows, lda, m, w, reinterpret_cast<int32_t*>(scratch));
    const int64_t pairs = CeilDiv(panels, 2);
    pool.ParallelFor(t_n, 1, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int p0 = static_cast<int>(std::min<int64_t>(panels, pairs * t / t_n * 2));
        const int p1 = static_cast<int>(std::min<int64_t>(panels, pairs * (t + 1) / t_n * 2));
        if (p0 == p1) continue;
        for (int64_t r = 0; r < m; r += kMc) {
          RunBlock(kernels, rows + r * lda, lda, std::min(kMc, m - r), terms ? terms + r : nullptr, w, p0, p1,
                   c + r * ldc, ldc);
        }
      }
    });
    return;
  }
  const int64_t tiles = CeilDiv(m, kTileRows);
  const size_t slot = BlockBytes(std::min(kMc, m), w.kp());
  pool.ParallelFor(t_n, 1, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t begin = tiles * t / t_n * kTileRows, end = std::min(m, tiles * (t + 1) / t_n * kTileRows);
      uint8_t* own = scratch + static_cast<size_t>(t) * slot;
      auto* row_terms = reinterpret_cast<int32_t*>(own);
      for (int64_t r = begin; r < end; r += kMc) {
        const int64_t r1 = std::min(end, r + kMc);
        int64_t lda = 0;
        const uint8_t* rows = a.Rows(r, r1, w, own + std::min(kMc, m) * sizeof(int32_t), &lda);
        RunBlock(kernels, rows, lda, r1 - r, RowTerms(rows, lda, r1 - r, w, row_terms), w, 0, panels, c + r * ldc,
                 ldc);
      }
    }
  });
}

}  // namespace litescope
