// NumPy-style broadcasting of two shapes, as TFLite's elementwise binary ops do it.
//
//   Shape out;
//   if (!BroadcastShapes(a.shape, b.shape, &out)) return ctx.Error("shapes do not broadcast");
//   ForEachBroadcast(a.shape, b.shape, out, [&](int64_t o, int64_t ia, int64_t ib) { ... });
#pragma once

#include <algorithm>
#include <vector>

#include "engine/runtime/tensor.h"

namespace litescope {

inline bool BroadcastShapes(const Shape& a, const Shape& b, Shape* out) {
  size_t rank = std::max(a.size(), b.size());
  out->assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) return false;
    (*out)[i] = da == 1 ? db : da;
  }
  return true;
}

// Calls f(output_index, a_index, b_index) for every output element in order.
template <typename F>
void ForEachBroadcast(const Shape& a, const Shape& b, const Shape& out, F&& f) {
  const size_t rank = out.size();
  if (a == b) {  // the common case: no broadcasting
    int64_t n = ElementCount(out);
    for (int64_t i = 0; i < n; ++i) f(i, i, i);
    return;
  }
  auto strides = [&](const Shape& s) {
    std::vector<int64_t> st(rank, 0);
    int64_t stride = 1;
    for (size_t k = 0; k < s.size(); ++k) {
      size_t axis = s.size() - 1 - k;
      size_t o = rank - 1 - k;
      st[o] = s[axis] == 1 ? 0 : stride;
      stride *= s[axis];
    }
    return st;
  };
  std::vector<int64_t> sa = strides(a), sb = strides(b);
  std::vector<int32_t> idx(rank, 0);
  int64_t n = ElementCount(out), ia = 0, ib = 0;
  for (int64_t o = 0; o < n; ++o) {
    f(o, ia, ib);
    for (size_t k = rank; k-- > 0;) {  // odometer increment, innermost dimension first
      ++idx[k];
      ia += sa[k];
      ib += sb[k];
      if (idx[k] < out[k]) break;
      ia -= sa[k] * out[k];
      ib -= sb[k] * out[k];
      idx[k] = 0;
    }
  }
}

}  // namespace litescope
