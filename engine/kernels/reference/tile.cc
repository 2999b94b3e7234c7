// TILE: the input repeated multiples[d] times along each dimension d (multiples: input 1,
// INT32/INT64, one entry >= 0 per dimension).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Tile : public ValueShapedKernel {
 public:
  Tile() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the multiples", kIndexTypes));
    if (ctx.input(1)->shape != Shape{static_cast<int32_t>(in->shape.size())}) {
      return ctx.Error("the multiples have shape " + ShapeString(ctx.input(1)->shape) + "; one per input dimension (" +
                       std::to_string(in->shape.size()) + ") expected");
    }
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    std::vector<int64_t> multiples;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "the multiples", &multiples));
    Shape shape;
    for (size_t d = 0; d < in.size(); ++d) {
      if (multiples[d] < 0) return ctx.Error("multiple " + std::to_string(multiples[d]) + " of dimension " + std::to_string(d) + " is negative");
      LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, in[d] * multiples[d], "tiled dimension " + std::to_string(d)));
      shape.push_back(static_cast<int32_t>(in[d] * multiples[d]));
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const std::vector<int64_t> strides = ContiguousStrides(in.shape);
    DimOffsets offsets(in.shape.size());
    for (size_t d = 0; d < in.shape.size(); ++d) {
      for (int64_t o = 0; o < out.shape[d]; ++o) offsets[d].push_back(o % in.shape[d] * strides[d]);
    }
    CopyByOffsets(in.raw(), out.raw(), ElementSize(in.type), offsets, nullptr);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeTile() { return Make<Tile>(); }

}  // namespace litescope
