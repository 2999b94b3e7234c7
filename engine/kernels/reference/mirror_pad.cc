// MIRROR_PAD: the input padded by the counts in input 1 ([rank, 2] before/after) with its own
// mirror image: REFLECT leaves the edge out (padding <= size - 1), SYMMETRIC repeats it
// (padding <= size).
#include <algorithm>

#include "engine/kernels/internal/pad.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class MirrorPad : public ValueShapedKernel {
 public:
  MirrorPad() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const auto* o = ctx.options<tflite::MirrorPadOptions>();
    if (o == nullptr) return ctx.Error("has no MirrorPadOptions");
    if (o->mode() != tflite::MirrorPadMode_REFLECT && o->mode() != tflite::MirrorPadMode_SYMMETRIC) {
      return ctx.Error("unknown mirror pad mode " + std::to_string(o->mode()));
    }
    reflect_ = o->mode() == tflite::MirrorPadMode_REFLECT;
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckPaddingsShape(ctx, *in, *ctx.input(1)));
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Tensor& in = *ctx.input(0);
    Shape padded;
    LITESCOPE_RETURN_IF_ERROR(ReadPaddings(ctx, in, *ctx.input(1), &pads_, &padded));
    for (size_t d = 0; d < in.shape.size(); ++d) {
      const int64_t limit = reflect_ ? std::max<int64_t>(in.shape[d] - 1, 0) : in.shape[d];
      if (pads_[d][0] > limit || pads_[d][1] > limit) {
        return ctx.Error("the paddings of dimension " + std::to_string(d) + " (" + std::to_string(pads_[d][0]) + ", " +
                         std::to_string(pads_[d][1]) + ") exceed " + std::to_string(limit) + ", the most " +
                         (reflect_ ? "REFLECT" : "SYMMETRIC") + " allows for size " + std::to_string(in.shape[d]));
      }
    }
    out->push_back(std::move(padded));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const std::vector<int64_t> strides = ContiguousStrides(in.shape);
    const int64_t skip = reflect_ ? 1 : 0;  // REFLECT does not repeat the edge element
    DimOffsets offsets(in.shape.size());
    for (size_t d = 0; d < in.shape.size(); ++d) {
      const int64_t n = in.shape[d];
      for (int64_t o = 0; o < ctx.output(0)->shape[d]; ++o) {
        int64_t i = o - pads_[d][0];
        if (i < 0) i = -i - 1 + skip;
        else if (i >= n) i = 2 * n - 1 - skip - i;
        offsets[d].push_back(i * strides[d]);
      }
    }
    CopyByOffsets(in.raw(), ctx.output(0)->raw(), ElementSize(in.type), offsets, nullptr);
    return Status::Ok();
  }

 private:
  bool reflect_ = true;
  Paddings pads_;
};

}  // namespace

std::unique_ptr<Kernel> MakeMirrorPad() { return Make<MirrorPad>(); }

}  // namespace litescope
