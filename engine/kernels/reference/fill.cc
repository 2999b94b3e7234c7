// FILL: a tensor of the shape in input 0 (an INT32/INT64 vector of sizes >= 0) whose every
// element is the scalar input 1 (the output has its type).
#include <cstring>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Fill : public ValueShapedKernel {
 public:
  Fill() : ValueShapedKernel({0}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the dims", kIndexTypes));
    if (ctx.input(0)->shape.size() != 1) return ctx.Error("the dims must be a vector, not " + ShapeString(ctx.input(0)->shape));
    const Tensor* value = ctx.input(1);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, value, "the value", kMovableTypes));
    if (!value->shape.empty()) return ctx.Error("the value must be a scalar, not " + ShapeString(value->shape));
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, value->type));
    return CheckSameQuantization(ctx, *value, *ctx.output(0), "the value and the output");
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    std::vector<int64_t> dims;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(0), "the dims", &dims));
    Shape shape;
    int64_t total = 1;
    for (size_t d = 0; d < dims.size(); ++d) {
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, dims[d], "dimension " + std::to_string(d)));
      total = dims[d] == 0 ? 0 : total * dims[d];
      if (total > (int64_t{1} << 40)) return ctx.Error("the shape has too many elements");
      shape.push_back(static_cast<int32_t>(dims[d]));
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    Tensor& out = *ctx.output(0);
    const size_t elem = ElementSize(out.type);
    for (int64_t i = 0; i < out.elements(); ++i) std::memcpy(out.raw() + static_cast<size_t>(i) * elem, ctx.input(1)->raw(), elem);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeFill() { return Make<Fill>(); }

}  // namespace litescope
