// BATCH_MATMUL's geometry, shared by its float, quantized and hybrid paths: x [..., rows, depth]
// (adj_x: [..., depth, rows]) times y [..., depth, cols] (adj_y: [..., cols, depth]); the batch
// dimensions (all but the last two) broadcast NumPy-style.
//
//   BatchMatMulGeometry g;
//   LITESCOPE_RETURN_IF_ERROR(g.Compute(ctx, x.shape, y.shape, adj_x, adj_y));
//   g.ForEachMatrix([&](int64_t ob, int64_t xb, int64_t yb) {
//     const float* xm = x + xb * g.XMatrix();  // xm[i * g.xi + k * g.xk] is x's (row i, inner k)
//   });
#pragma once

#include <cstdint>

#include "engine/kernels/internal/broadcast.h"
#include "engine/runtime/kernel.h"

namespace litescope {

struct BatchMatMulGeometry {
  bool adj_x = false, adj_y = false;
  int32_t rows = 0, depth = 0, cols = 0;
  Shape x_batch, y_batch, out_batch;
  // Element strides of (row i, inner k) in an x matrix and of (inner k, column j) in a y matrix.
  int64_t xi = 0, xk = 0, yk = 0, yj = 0;

  // Checks ranks (2 to 5), broadcasting and the inner dimensions; errors name both shapes.
  Status Compute(const OpContext& ctx, const Shape& x, const Shape& y, bool adjoint_x, bool adjoint_y);

  Shape OutputShape() const {
    Shape out = out_batch;
    out.push_back(rows);
    out.push_back(cols);
    return out;
  }

  // Elements per matrix.
  int64_t XMatrix() const { return int64_t{rows} * depth; }
  int64_t YMatrix() const { return int64_t{depth} * cols; }
  int64_t OutMatrix() const { return int64_t{rows} * cols; }

  // Calls f(out_matrix, x_matrix, y_matrix), the index of every output matrix in order and of the
  // x and y matrices it multiplies.
  template <typename F>
  void ForEachMatrix(F&& f) const {
    ForEachBroadcast(x_batch, y_batch, out_batch, f);
  }
};

}  // namespace litescope
