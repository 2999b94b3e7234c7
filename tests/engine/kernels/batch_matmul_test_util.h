// Shared by the BATCH_MATMUL tests: the options and the output shape, computed here
// independently of the kernel.
#pragma once

#include <algorithm>

#include "tests/support/op_case.h"

namespace litescope::testing {

inline tflite::BuiltinOptionsUnion Bmm(bool adj_x, bool adj_y, bool asymmetric = false) {
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_x;
  o.adj_y = adj_y;
  o.asymmetric_quantize_inputs = asymmetric;
  return Options(o);
}

inline Shape BmmOutputShape(const Shape& x, const Shape& y, bool adj_x, bool adj_y) {
  const size_t rank = std::max(x.size(), y.size());
  Shape out(rank, 1);
  for (size_t d = 0; d + 2 < rank; ++d) {
    const int32_t dx = d + x.size() >= rank ? x[d + x.size() - rank] : 1;
    const int32_t dy = d + y.size() >= rank ? y[d + y.size() - rank] : 1;
    out[d] = std::max(dx, dy);
  }
  out[rank - 2] = adj_x ? x.back() : x[x.size() - 2];
  out[rank - 1] = adj_y ? y[y.size() - 2] : y.back();
  return out;
}

}  // namespace litescope::testing
