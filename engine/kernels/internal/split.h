// The part shared by SPLIT and SPLIT_V: the input cut along one axis into the node's outputs.
//
//   std::vector<Shape> shapes = SplitShapes(in.shape, axis, {2, 3, 1});   // in Shapes()
//   SplitIntoOutputs(ctx, in, axis);                                      // in Run()
#pragma once

#include <vector>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// TFLite splits these (not BOOL).
inline constexpr TypeList kSplitTypes = {tflite::TensorType_FLOAT32, tflite::TensorType_INT8, tflite::TensorType_UINT8,
                                         tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT64};

inline std::vector<Shape> SplitShapes(const Shape& in, int axis, const std::vector<int64_t>& sizes) {
  std::vector<Shape> out;
  for (int64_t s : sizes) {
    out.push_back(in);
    out.back()[static_cast<size_t>(axis)] = static_cast<int32_t>(s);
  }
  return out;
}

// The outputs' shapes are set (by SplitShapes) before this runs.
inline void SplitIntoOutputs(OpContext& ctx, const Tensor& in, int axis) {
  const size_t elem = ElementSize(in.type);
  std::vector<Block> parts;
  for (int i = 0; i < ctx.output_count(); ++i) {
    Tensor& o = *ctx.output(i);
    parts.push_back({o.raw(), static_cast<size_t>(DimProduct(o.shape, static_cast<size_t>(axis), o.shape.size())) * elem});
  }
  SplitBlocks(in.raw(), DimProduct(in.shape, 0, static_cast<size_t>(axis)), parts);
}

}  // namespace litescope
