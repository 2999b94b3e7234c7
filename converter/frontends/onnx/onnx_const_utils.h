// Small helpers on constant tensors for the op converters (weights permuted at import).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "converter/ir/graph.h"

namespace litescope {

// The elements of a C-order tensor of `shape` (element size `size`) permuted like TRANSPOSE:
// output dimension d is input dimension perm[d].
inline std::vector<uint8_t> PermuteBytes(const std::vector<uint8_t>& in, const ir::Dims& shape, const std::vector<int>& perm,
                                         size_t size, ir::Dims* out_shape) {
  const size_t rank = shape.size();
  std::vector<int64_t> stride(rank, 1);
  for (size_t d = rank; d-- > 1;) stride[d - 1] = stride[d] * shape[d];
  out_shape->clear();
  std::vector<int64_t> out_stride_in(rank);
  for (size_t d = 0; d < rank; ++d) {
    out_shape->push_back(shape[static_cast<size_t>(perm[d])]);
    out_stride_in[d] = stride[static_cast<size_t>(perm[d])];
  }
  std::vector<uint8_t> out(in.size());
  const int64_t count = size == 0 ? 0 : static_cast<int64_t>(in.size() / size);
  std::vector<int32_t> idx(rank, 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d) src += idx[d] * out_stride_in[d];
    std::memcpy(out.data() + static_cast<size_t>(i) * size, in.data() + static_cast<size_t>(src) * size, size);
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < (*out_shape)[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

}  // namespace litescope
