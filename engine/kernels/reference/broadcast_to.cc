// BROADCAST_TO: the input broadcast (NumPy rules, aligned at the last dimension) to the shape in
// input 1 (INT32/INT64, rank up to 8, at least the input's rank).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class BroadcastTo : public ValueShapedKernel {
 public:
  BroadcastTo() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the shape", kIndexTypes));
    if (ctx.input(1)->shape.size() != 1) return ctx.Error("the shape must be a vector, not " + ShapeString(ctx.input(1)->shape));
    if (in->shape.size() > 8) return ctx.Error("inputs of rank " + std::to_string(in->shape.size()) + " > 8 are not supported");
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    std::vector<int64_t> target;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "the shape", &target));
    if (target.size() > 8 || target.size() < in.size()) {
      return ctx.Error("cannot broadcast " + ShapeString(in) + " to rank " + std::to_string(target.size()) +
                       " (the rank must be in [" + std::to_string(in.size()) + ", 8])");
    }
    Shape shape;
    const size_t lead = target.size() - in.size();
    for (size_t d = 0; d < target.size(); ++d) {
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, target[d], "dimension " + std::to_string(d)));
      shape.push_back(static_cast<int32_t>(target[d]));
      if (d >= lead && in[d - lead] != 1 && in[d - lead] != target[d]) {
        return ctx.Error("cannot broadcast " + ShapeString(in) + ": dimension " + std::to_string(d) +
                         " of the target shape is " + std::to_string(target[d]));
      }
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const std::vector<int64_t> in_strides = ContiguousStrides(in.shape);
    const size_t lead = out.shape.size() - in.shape.size();
    std::vector<int64_t> strides(out.shape.size(), 0);
    for (size_t d = lead; d < out.shape.size(); ++d) strides[d] = in.shape[d - lead] == 1 ? 0 : in_strides[d - lead];
    CopyByOffsets(in.raw(), out.raw(), ElementSize(in.type), StridedOffsets(out.shape, strides), nullptr);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeBroadcastTo() { return Make<BroadcastTo>(); }

}  // namespace litescope
