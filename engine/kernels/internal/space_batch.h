// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND share their inputs: an NHWC input of rank 4 (or rank 3,
// read as width 1), block_shape (INT32, one value >= 1 per spatial dimension) and paddings or
// crops (INT32, [spatial dims, 2], each >= 0).
//
//   SpaceBatch g;
//   LITESCOPE_RETURN_IF_ERROR(g.Read(ctx, "paddings"));   // in Shapes()
//   g.h, g.bh, g.before_h ...
#pragma once

#include <string>
#include <vector>

#include "engine/kernels/internal/data_movement.h"

namespace litescope {

struct SpaceBatch {
  int64_t batch = 1, h = 1, w = 1, c = 1;      // the input as 4-D
  int64_t bh = 1, bw = 1;                      // block
  int64_t before_h = 0, after_h = 0, before_w = 0, after_w = 0;  // paddings or crops

  static Status Check(OpContext& ctx, const std::string& pads_name) {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 3, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    if (in->shape.size() != 3 && in->shape.size() != 4) {
      return ctx.Error("the input has shape " + ShapeString(in->shape) + "; rank 3 or 4 expected");
    }
    const int32_t spatial = static_cast<int32_t>(in->shape.size()) - 2;
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "block_shape", {tflite::TensorType_INT32}));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(2), pads_name, {tflite::TensorType_INT32}));
    if (ctx.input(1)->shape != Shape{spatial} || ctx.input(2)->shape != Shape{spatial, 2}) {
      return ctx.Error("block_shape " + ShapeString(ctx.input(1)->shape) + " and " + pads_name + " " +
                       ShapeString(ctx.input(2)->shape) + " must have shapes [" + std::to_string(spatial) + "] and [" +
                       std::to_string(spatial) + ", 2]");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, in->type));
    return CheckSameQuantization(ctx, *in, *ctx.output(0), "the input and the output");
  }

  Status Read(const OpContext& ctx, const std::string& pads_name) {
    const Shape& s = ctx.input(0)->shape;
    batch = s[0], h = s[1];
    w = s.size() == 4 ? s[2] : 1;
    c = s.back();
    const int32_t* block = ctx.input(1)->data<int32_t>();
    const int32_t* pads = ctx.input(2)->data<int32_t>();
    bh = block[0];
    before_h = pads[0], after_h = pads[1];
    if (s.size() == 4) bw = block[1], before_w = pads[2], after_w = pads[3];
    if (bh < 1 || bw < 1) return ctx.Error("block_shape values must be >= 1");
    if (before_h < 0 || after_h < 0 || before_w < 0 || after_w < 0) return ctx.Error(pads_name + " must be >= 0");
    return Status::Ok();
  }

  // [n, h, w, c] as a shape of the input's rank.
  static Shape OutShape(const Tensor& in, int64_t n, int64_t oh, int64_t ow, int64_t oc) {
    if (in.shape.size() == 3) return {static_cast<int32_t>(n), static_cast<int32_t>(oh), static_cast<int32_t>(oc)};
    return {static_cast<int32_t>(n), static_cast<int32_t>(oh), static_cast<int32_t>(ow), static_cast<int32_t>(oc)};
  }
};

}  // namespace litescope
