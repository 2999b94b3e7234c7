// EXPAND_DIMS: the same elements with a dimension of size 1 inserted at the axis in input 1 (a
// one-element INT32/INT64 tensor; axis in [-rank - 1, rank], negative counts from the end).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class ExpandDims : public ShapeOnlyKernel {
 public:
  ExpandDims() : ShapeOnlyKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the axis", kIndexTypes));
    return CheckOutputType(ctx, 0, ctx.input(0)->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape shape = ctx.input(0)->shape;
    int64_t axis = 0;
    LITESCOPE_RETURN_IF_ERROR(ReadScalarInt(ctx, *ctx.input(1), "the axis", &axis));
    int a;
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, axis, static_cast<int>(shape.size()) + 1, &a));
    shape.insert(shape.begin() + a, 1);
    out->push_back(std::move(shape));
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeExpandDims() { return Make<ExpandDims>(); }

}  // namespace litescope
