// SPLIT: input 1 cut into num_splits equal parts along the axis in input 0 (a one-element INT32
// tensor; negative counts from the end). The dimension must divide evenly.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/split.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Split : public ValueShapedKernel {
 public:
  Split() : ValueShapedKernel({0}) {}

 protected:
  Status Check(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::SplitOptions>();
    if (o == nullptr) return ctx.Error("has no SplitOptions");
    if (o->num_splits() < 1 || o->num_splits() != ctx.output_count()) {
      return ctx.Error("num_splits " + std::to_string(o->num_splits()) + " does not match the " +
                       std::to_string(ctx.output_count()) + " outputs");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, ctx.output_count()));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the axis", {tflite::TensorType_INT32}));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the input", kSplitTypes));
    for (int i = 0; i < ctx.output_count(); ++i) LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, i, ctx.input(1)->type));
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(1)->shape;
    int64_t axis = 0;
    LITESCOPE_RETURN_IF_ERROR(ReadScalarInt(ctx, *ctx.input(0), "the axis", &axis));
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, axis, static_cast<int>(in.size()), &axis_));
    const int32_t dim = in[static_cast<size_t>(axis_)];
    const int n = ctx.output_count();
    if (dim % n != 0) {
      return ctx.Error("dimension " + std::to_string(axis_) + " of " + ShapeString(in) + " does not split into " +
                       std::to_string(n) + " equal parts");
    }
    *out = SplitShapes(in, axis_, std::vector<int64_t>(static_cast<size_t>(n), dim / n));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    SplitIntoOutputs(ctx, *ctx.input(1), axis_);
    return Status::Ok();
  }

 private:
  int axis_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeSplit() { return Make<Split>(); }

}  // namespace litescope
