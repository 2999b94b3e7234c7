// Output 0 of ops whose output shape follows from the VALUES of an input (an output_shape, a
// size, reduction axes): sized in Prepare when that input is constant, else in every Eval.
//
//   Status Prepare(OpContext& ctx) override {
//     ...validate everything else...
//     return PrepareValueShapedOutput(ctx, 1, [&](Shape* out) { return OutShape(ctx, out); });
//   }
//   Status Eval(OpContext& ctx) override {
//     LITESCOPE_RETURN_IF_ERROR(EvalValueShapedOutput(ctx, 1, [&](Shape* out) { return OutShape(ctx, out); }));
//     ...
//   }
#pragma once

#include "engine/runtime/kernel.h"

namespace litescope {

// `compute(Shape*)` returns a Status: it validates the input values and gives the shape.
template <typename F>
Status PrepareValueShapedOutput(OpContext& ctx, int shape_input, F&& compute) {
  if (!ctx.input_is_constant(shape_input)) {
    ctx.SetOutputDynamic(0);
    return Status::Ok();
  }
  Shape out;
  LITESCOPE_RETURN_IF_ERROR(compute(&out));
  return ctx.ResizeOutput(0, std::move(out));
}

template <typename F>
Status EvalValueShapedOutput(OpContext& ctx, int shape_input, F&& compute) {
  if (ctx.input_is_constant(shape_input)) return Status::Ok();
  Shape out;
  LITESCOPE_RETURN_IF_ERROR(compute(&out));
  return ctx.ResizeDynamicOutput(0, std::move(out));
}

}  // namespace litescope
