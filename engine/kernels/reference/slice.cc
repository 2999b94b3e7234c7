// SLICE: the box of input 0 that starts at `begin` (input 1) and spans `size` (input 2; -1 means
// "to the end"), both INT32/INT64 with one entry per dimension; the box must lie in the input.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Slice : public ValueShapedKernel {
 public:
  Slice() : ValueShapedKernel({1, 2}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 3, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "begin", kIndexTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(2), "size", kIndexTypes));
    const Shape expected{static_cast<int32_t>(in->shape.size())};
    if (ctx.input(1)->shape != expected || ctx.input(2)->shape != expected) {
      return ctx.Error("begin and size have shapes " + ShapeString(ctx.input(1)->shape) + " and " +
                       ShapeString(ctx.input(2)->shape) + "; " + ShapeString(expected) + " expected");
    }
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    std::vector<int64_t> size;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "begin", &begin_));
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(2), "size", &size));
    Shape shape;
    for (size_t d = 0; d < in.size(); ++d) {
      const int64_t b = begin_[d], s = size[d] == -1 ? in[d] - b : size[d];
      if (b < 0 || s < 0 || b + s > in[d]) {
        return ctx.Error("begin " + std::to_string(b) + " and size " + std::to_string(size[d]) + " leave dimension " +
                         std::to_string(d) + " of " + ShapeString(in));
      }
      shape.push_back(static_cast<int32_t>(s));
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const std::vector<int64_t> strides = ContiguousStrides(in.shape);
    DimOffsets offsets;
    for (size_t d = 0; d < in.shape.size(); ++d) offsets.push_back(AxisOffsets(out.shape[d], begin_[d], 1, strides[d]));
    CopyByOffsets(in.raw(), out.raw(), ElementSize(in.type), offsets, nullptr);
    return Status::Ok();
  }

 private:
  std::vector<int64_t> begin_;
};

}  // namespace

std::unique_ptr<Kernel> MakeSlice() { return Make<Slice>(); }

}  // namespace litescope
