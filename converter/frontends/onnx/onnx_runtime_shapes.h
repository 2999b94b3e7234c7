// Index arithmetic on runtime operands for the shape ops (onnx_shape_ops.cc): each returns the IR
// value of an INT32 shape, or the sliced tensor, computed by TFLite ops at run time.
//
//   const int shape = SqueezedShape(im, x_shape, im.In(1), axes_count);
#pragma once

#include "converter/frontends/onnx/onnx_importer.h"

namespace litescope {

// The static length of a runtime 1-D integer input.
Result<int32_t> Length(Importer& im, int v);
// Squeeze / Unsqueeze of a tensor of static shape `s` by `count` runtime axes (negative ones
// count from the end): the output shape.
int SqueezedShape(Importer& im, const ir::Dims& s, int axes, int32_t count);
int UnsqueezedShape(Importer& im, const ir::Dims& s, int axes, int32_t count);
// ONNX Slice (opset >= 10) of x (static shape `s`) by k specs whose starts/ends/axes/steps
// (inputs 1 to 4 of the current node) are known at run time.
int RuntimeSlice(Importer& im, int x, const ir::Dims& s, int32_t k);

}  // namespace litescope
