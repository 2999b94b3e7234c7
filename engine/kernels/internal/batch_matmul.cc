// BATCH_MATMUL's shape rules (see batch_matmul.h), as TFLite's batch_matmul.cc Prepare checks them.
#include "engine/kernels/internal/batch_matmul.h"

#include <string>

namespace litescope {

Status BatchMatMulGeometry::Compute(const OpContext& ctx, const Shape& x, const Shape& y, bool adjoint_x,
                                    bool adjoint_y) {
  const Shape* inputs[] = {&x, &y};
  for (int i = 0; i < 2; ++i) {
    if (inputs[i]->size() < 2 || inputs[i]->size() > 5) {
      return ctx.Error("input " + std::to_string(i) + " has shape " + ShapeString(*inputs[i]) +
                       "; rank 2 to 5 expected");
    }
  }
  adj_x = adjoint_x;
  adj_y = adjoint_y;
  x_batch.assign(x.begin(), x.end() - 2);
  y_batch.assign(y.begin(), y.end() - 2);
  if (!BroadcastShapes(x_batch, y_batch, &out_batch)) {
    return ctx.Error("batch dimensions of " + ShapeString(x) + " and " + ShapeString(y) + " do not broadcast");
  }
  const size_t xr = x.size(), yr = y.size();
  rows = adj_x ? x[xr - 1] : x[xr - 2];
  depth = adj_x ? x[xr - 2] : x[xr - 1];
  cols = adj_y ? y[yr - 2] : y[yr - 1];
  const int32_t y_depth = adj_y ? y[yr - 1] : y[yr - 2];
  if (depth != y_depth) {
    return ctx.Error("cannot multiply " + ShapeString(x) + (adj_x ? " (adj_x)" : "") + " by " + ShapeString(y) +
                     (adj_y ? " (adj_y)" : "") + ": inner dimensions " + std::to_string(depth) + " and " +
                     std::to_string(y_depth) + " differ");
  }
  xi = adj_x ? 1 : depth;
  xk = adj_x ? rows : 1;
  yk = adj_y ? 1 : cols;
  yj = adj_y ? depth : 1;
  return Status::Ok();
}

}  // namespace litescope
