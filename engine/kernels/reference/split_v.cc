// SPLIT_V: input 0 cut along the axis in input 2 (one INT32 value; negative counts from the end)
// into parts of the sizes in input 1 (INT32/INT64, one per output); one size may be -1: the rest.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/split.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class SplitV : public ValueShapedKernel {
 public:
  SplitV() : ValueShapedKernel({1, 2}) {}

 protected:
  Status Check(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::SplitVOptions>();
    if (o != nullptr && o->num_splits() != ctx.output_count()) {
      return ctx.Error("num_splits " + std::to_string(o->num_splits()) + " does not match the " +
                       std::to_string(ctx.output_count()) + " outputs");
    }
    if (ctx.output_count() < 1) return ctx.Error("needs at least one output");
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 3, ctx.output_count()));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the input", kSplitTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "size_splits", kIndexTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(2), "the axis", {tflite::TensorType_INT32}));
    if (ctx.input(1)->shape.size() != 1 || ctx.input(1)->elements() != ctx.output_count()) {
      return ctx.Error("size_splits has shape " + ShapeString(ctx.input(1)->shape) + "; one value per output (" +
                       std::to_string(ctx.output_count()) + ") expected");
    }
    for (int i = 0; i < ctx.output_count(); ++i) LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, i, ctx.input(0)->type));
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    int64_t axis = 0;
    LITESCOPE_RETURN_IF_ERROR(ReadScalarInt(ctx, *ctx.input(2), "the axis", &axis));
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, axis, static_cast<int>(in.size()), &axis_));
    std::vector<int64_t> sizes;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "size_splits", &sizes));
    const int64_t dim = in[static_cast<size_t>(axis_)];
    int64_t known = 0;
    int infer = -1;
    for (size_t i = 0; i < sizes.size(); ++i) {
      if (sizes[i] == -1 && infer < 0) {
        infer = static_cast<int>(i);
      } else if (sizes[i] < 0 || sizes[i] > dim) {
        return ctx.Error("size_splits value " + std::to_string(sizes[i]) + " is invalid for dimension " +
                         std::to_string(dim) + " (sizes are >= 0, and one may be -1)");
      } else {
        known += sizes[i];
      }
    }
    if (infer >= 0 && known <= dim) sizes[static_cast<size_t>(infer)] = dim - known, known = dim;
    if (known != dim) {
      return ctx.Error("size_splits add up to " + std::to_string(known) + ", not to dimension " +
                       std::to_string(axis_) + " of " + ShapeString(in));
    }
    *out = SplitShapes(in, axis_, sizes);
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    SplitIntoOutputs(ctx, *ctx.input(0), axis_);
    return Status::Ok();
  }

 private:
  int axis_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeSplitV() { return Make<SplitV>(); }

}  // namespace litescope
