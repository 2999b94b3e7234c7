// The kernel shared by RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: an NHWC input resized to the
// [height, width] held by input 1 (INT32, 2 values, may be fed at run time), with TFLite's
// align_corners / half_pixel_centers options. Each op file supplies the sampling:
//
//   struct Bilinear {
//     using Options = tflite::ResizeBilinearOptions;
//     static constexpr bool kBothFlagsAllowed = false;
//     static bool Supports(tflite::TensorType type);  // the element types it runs
//     static void Run(const Tensor& in, Tensor& out, const ResizeScales& s);
//   };
//   std::unique_ptr<Kernel> MakeResizeBilinear() { return Make<ResizeKernel<Bilinear>>(); }
#pragma once

#include <string>

#include "engine/kernels/internal/value_shaped_output.h"
#include "engine/runtime/kernel.h"

namespace litescope {

struct ResizeScales {
  bool align_corners = false, half_pixel_centers = false;
  float height = 1.0f, width = 1.0f;  // input pixels per output pixel, as TFLite computes them
};

// TFLite's scale: in / out, or (in - 1) / (out - 1) with align_corners and more than one output.
inline float ResizeScale(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  return static_cast<float>(in) / static_cast<float>(out);
}

template <typename Op>
class ResizeKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 2) return ctx.Error("needs 2 inputs (input, size), got " + std::to_string(ctx.input_count()));
    const Tensor* in = ctx.input(0);
    if (in == nullptr) return ctx.Error("needs an input");
    if (!Op::Supports(in->type)) {
      return ctx.Error(std::string(tflite::EnumNameTensorType(in->type)) + " input is not implemented for this op");
    }
    if (ctx.output(0)->type != in->type) return ctx.Error("the output type must be the input type");
    if (in->shape.size() != 4) return ctx.Error("the input has shape " + ShapeString(in->shape) + "; rank 4 expected");
    if (in->shape[1] < 1 || in->shape[2] < 1) return ctx.Error("cannot resize an input of shape " + ShapeString(in->shape));
    const Tensor* size = ctx.input(1);
    if (size == nullptr || size->type != tflite::TensorType_INT32 || size->shape != Shape{2}) {
      return ctx.Error("the size input must be INT32 of shape [2]");
    }
    const auto* o = ctx.template options<typename Op::Options>();
    scales_.align_corners = o != nullptr && o->align_corners();
    scales_.half_pixel_centers = o != nullptr && o->half_pixel_centers();
    if (!Op::kBothFlagsAllowed && scales_.align_corners && scales_.half_pixel_centers) {
      return ctx.Error("align_corners and half_pixel_centers cannot both be true");
    }
    return PrepareValueShapedOutput(ctx, 1, [&](Shape* out) { return OutShape(ctx, out); });
  }

  Status Eval(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(EvalValueShapedOutput(ctx, 1, [&](Shape* out) { return OutShape(ctx, out); }));
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    scales_.height = ResizeScale(in.shape[1], out.shape[1], scales_.align_corners);
    scales_.width = ResizeScale(in.shape[2], out.shape[2], scales_.align_corners);
    Op::Run(in, out, scales_);
    return Status::Ok();
  }

 private:
  static Status OutShape(const OpContext& ctx, Shape* out) {
    const Shape& in = ctx.input(0)->shape;
    const int32_t* size = ctx.input(1)->data<int32_t>();
    if (size[0] < 0 || size[1] < 0) {
      return ctx.Error("the size [" + std::to_string(size[0]) + ", " + std::to_string(size[1]) + "] is negative");
    }
    *out = {in[0], size[0], size[1], in[3]};
    return Status::Ok();
  }

  ResizeScales scales_;
};

}  // namespace litescope
