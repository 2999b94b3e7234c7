// Element copies of the data-movement ops, by element size (the bytes are moved, never converted).
//
// CopyByOffsets walks an output in row-major order over an "iteration shape" (the sizes of
// `offsets`, which may view the output with more dimensions than it has): offsets[d][o] is what
// coordinate o of dimension d adds to the source element index, or kPadOffset when that
// coordinate lies outside the source (then the whole sub-block takes the pad value). Transpose,
// slices, tile, broadcast, pads and depth/space rearrangements are all such tables.
//
//   DimOffsets t = {AxisOffsets(out_h, 0, 1, in_w), AxisOffsets(out_w, 0, 1, 1)};
//   CopyByOffsets(in.raw(), out.raw(), ElementSize(in.type), t, nullptr);
//
// ConcatBlocks / SplitBlocks move [outer, axis, inner] blocks (concatenation, pack, split, unpack).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/runtime/tensor.h"

namespace litescope {

using DimOffsets = std::vector<std::vector<int64_t>>;
inline constexpr int64_t kPadOffset = -1;

// {(start + i * step) * stride for i < count}
inline std::vector<int64_t> AxisOffsets(int64_t count, int64_t start, int64_t step, int64_t stride) {
  std::vector<int64_t> v(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) v[static_cast<size_t>(i)] = (start + i * step) * stride;
  return v;
}

// Row-major element strides of a shape.
inline std::vector<int64_t> ContiguousStrides(const Shape& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;) s[d - 1] = s[d] * shape[d];
  return s;
}

namespace internal {

template <typename T>
struct OffsetWalker {
  const T* src;
  T* dst;
  const DimOffsets& offsets;
  std::vector<int64_t> block;  // elements under one coordinate of each dimension
  T pad;

  void Walk(size_t d, int64_t base) {
    const std::vector<int64_t>& table = offsets[d];
    const bool inner = d + 1 == offsets.size();
    for (int64_t off : table) {
      if (off == kPadOffset) {
        for (int64_t i = 0; i < block[d]; ++i) *dst++ = pad;
      } else if (inner) {
        *dst++ = src[base + off];
      } else {
        Walk(d + 1, base + off);
      }
    }
  }
};

template <typename T>
void CopyByOffsetsT(const uint8_t* src, uint8_t* dst, const DimOffsets& offsets, const uint8_t* pad) {
  OffsetWalker<T> w{reinterpret_cast<const T*>(src), reinterpret_cast<T*>(dst), offsets, {}, T{}};
  if (pad != nullptr) std::memcpy(&w.pad, pad, sizeof(T));
  if (offsets.empty()) {  // a scalar
    *w.dst = *w.src;
    return;
  }
  w.block.assign(offsets.size(), 1);
  for (size_t d = offsets.size() - 1; d-- > 0;) w.block[d] = w.block[d + 1] * static_cast<int64_t>(offsets[d + 1].size());
  for (const auto& t : offsets) {
    if (t.empty()) return;  // nothing to write
  }
  w.Walk(0, 0);
}

}  // namespace internal

// `pad` points at one element of `elem` bytes (or is nullptr when no offset is kPadOffset).
inline void CopyByOffsets(const uint8_t* src, uint8_t* dst, size_t elem, const DimOffsets& offsets,
                          const uint8_t* pad) {
  switch (elem) {
    case 1: internal::CopyByOffsetsT<uint8_t>(src, dst, offsets, pad); break;
    case 2: internal::CopyByOffsetsT<uint16_t>(src, dst, offsets, pad); break;
    case 4: internal::CopyByOffsetsT<uint32_t>(src, dst, offsets, pad); break;
    case 8: internal::CopyByOffsetsT<uint64_t>(src, dst, offsets, pad); break;
    default: break;
  }
}

// Offsets that read `shape` (row-major) through permuted or broadcast strides: offsets[d][o] =
// o * strides[d].
inline DimOffsets StridedOffsets(const Shape& shape, const std::vector<int64_t>& strides) {
  DimOffsets t(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) t[d] = AxisOffsets(shape[d], 0, 1, strides[d]);
  return t;
}

// The whole of `in` into `out` (ops that only change the shape).
inline void CopyTensorBytes(const Tensor& in, Tensor& out) {
  if (in.bytes() != 0 && in.raw() != out.raw()) std::memcpy(out.raw(), in.raw(), in.bytes());
}

// The product of shape[begin, end).
inline int64_t DimProduct(const Shape& shape, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t d = begin; d < end && d < shape.size(); ++d) p *= shape[d];
  return p;
}

// One part of a concatenation (or split): its data and its bytes per outer index.
template <typename Byte>
struct BlockOf {
  Byte* data;
  size_t bytes;
};
using Block = BlockOf<uint8_t>;
using ConstBlock = BlockOf<const uint8_t>;

// dst[outer][part i] = parts[i][outer] for every outer index.
inline void ConcatBlocks(const std::vector<ConstBlock>& parts, int64_t outer, uint8_t* dst) {
  for (int64_t o = 0; o < outer; ++o) {
    for (const ConstBlock& p : parts) {
      if (p.bytes != 0) std::memcpy(dst, p.data + static_cast<size_t>(o) * p.bytes, p.bytes);
      dst += p.bytes;
    }
  }
}

// The inverse: parts[i][outer] = src[outer][part i].
inline void SplitBlocks(const uint8_t* src, int64_t outer, const std::vector<Block>& parts) {
  for (int64_t o = 0; o < outer; ++o) {
    for (const Block& p : parts) {
      if (p.bytes != 0) std::memcpy(p.data + static_cast<size_t>(o) * p.bytes, src, p.bytes);
      src += p.bytes;
    }
  }
}

}  // namespace litescope
