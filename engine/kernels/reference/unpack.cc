// UNPACK: the input cut along `axis` (negative counts from the end) into `num` outputs without
// that dimension; num must equal the dimension's size.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Unpack : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::UnpackOptions>();
    if (o == nullptr) return ctx.Error("has no UnpackOptions");
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 1, ctx.output_count()));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    if (in->shape.empty()) return ctx.Error("cannot unpack a scalar");
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, o->axis(), static_cast<int>(in->shape.size()), &axis_));
    const int32_t dim = in->shape[static_cast<size_t>(axis_)];
    if (o->num() != dim || ctx.output_count() != dim) {
      return ctx.Error("num " + std::to_string(o->num()) + " and the " + std::to_string(ctx.output_count()) +
                       " outputs must equal dimension " + std::to_string(axis_) + " of " + ShapeString(in->shape));
    }
    for (int i = 0; i < ctx.output_count(); ++i) LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, i, in->type));
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape shape = ctx.input(0)->shape;
    shape.erase(shape.begin() + axis_);
    out->assign(static_cast<size_t>(ctx.output_count()), shape);
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const size_t bytes = static_cast<size_t>(DimProduct(in.shape, axis_ + 1, in.shape.size())) * ElementSize(in.type);
    std::vector<Block> parts;
    for (int i = 0; i < ctx.output_count(); ++i) parts.push_back({ctx.output(i)->raw(), bytes});
    SplitBlocks(in.raw(), DimProduct(in.shape, 0, static_cast<size_t>(axis_)), parts);
    return Status::Ok();
  }

 private:
  int axis_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeUnpack() { return Make<Unpack>(); }

}  // namespace litescope
