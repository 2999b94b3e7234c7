// SPACE_TO_DEPTH and DEPTH_TO_SPACE (NHWC, DCR order): blocks of block_size x block_size pixels
// become channels and back. One kernel; each is a row-major walk of the output viewed as 6-D.
//
//   std::unique_ptr<Kernel> MakeSpaceToDepth() {
//     return Make<DepthSpaceKernel<tflite::SpaceToDepthOptions, /*kToDepth=*/true>>();
//   }
#pragma once

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"

namespace litescope {

template <typename Options, bool kToDepth>
class DepthSpaceKernel : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    if (in->shape.size() != 4) return ctx.Error("the input has shape " + ShapeString(in->shape) + "; NHWC (rank 4) expected");
    const Options* o = ctx.template options<Options>();
    b_ = o != nullptr ? o->block_size() : 0;
    if (b_ < 1) return ctx.Error("block_size " + std::to_string(b_) + " must be >= 1");
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& s = ctx.input(0)->shape;
    const int64_t b = b_;
    if (kToDepth) {
      if (s[1] % b != 0 || s[2] % b != 0) {
        return ctx.Error("height and width of " + ShapeString(s) + " must be multiples of block_size " + std::to_string(b));
      }
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, s[3] * b * b, "the output depth"));
      out->push_back({s[0], static_cast<int32_t>(s[1] / b), static_cast<int32_t>(s[2] / b), static_cast<int32_t>(s[3] * b * b)});
    } else {
      if (s[3] % (b * b) != 0) {
        return ctx.Error("the depth of " + ShapeString(s) + " must be a multiple of block_size^2 = " + std::to_string(b * b));
      }
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, s[1] * b, "the output height"));
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, s[2] * b, "the output width"));
      out->push_back({s[0], static_cast<int32_t>(s[1] * b), static_cast<int32_t>(s[2] * b), static_cast<int32_t>(s[3] / (b * b))});
    }
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const Shape& s = in.shape;
    const int64_t b = b_, h = s[1], w = s[2], c = s[3];
    const std::vector<int64_t> st = ContiguousStrides(s);
    DimOffsets t;
    if (kToDepth) {
      // out[n][oy][ox][(by * b + bx) * c + ch] = in[n][oy * b + by][ox * b + bx][ch]
      t = {AxisOffsets(s[0], 0, 1, st[0]), AxisOffsets(h / b, 0, b, st[1]), AxisOffsets(w / b, 0, b, st[2]),
           AxisOffsets(b, 0, 1, st[1]),     AxisOffsets(b, 0, 1, st[2]),     AxisOffsets(c, 0, 1, 1)};
    } else {
      // out[n][y * b + by][x * b + bx][ch] = in[n][y][x][(by * b + bx) * c' + ch]
      const int64_t oc = c / (b * b);
      t = {AxisOffsets(s[0], 0, 1, st[0]), AxisOffsets(h, 0, 1, st[1]), AxisOffsets(b, 0, 1, b * oc),
           AxisOffsets(w, 0, 1, st[2]),    AxisOffsets(b, 0, 1, oc),    AxisOffsets(oc, 0, 1, 1)};
    }
    CopyByOffsets(in.raw(), ctx.output(0)->raw(), ElementSize(in.type), t, nullptr);
    return Status::Ok();
  }

 private:
  int b_ = 1;
};

}  // namespace litescope
