// PACK: values_count inputs of one shape stacked along a new dimension at `axis` (in
// [-rank - 1, rank]; negative counts from the end).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Pack : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::PackOptions>();
    if (o == nullptr) return ctx.Error("has no PackOptions");
    if (o->values_count() < 1 || o->values_count() != ctx.input_count()) {
      return ctx.Error("values_count " + std::to_string(o->values_count()) + " does not match the " +
                       std::to_string(ctx.input_count()) + " inputs");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, ctx.input_count(), 1));
    const Tensor* first = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, first, "input 0", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, first->type));
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, o->axis(), static_cast<int>(first->shape.size()) + 1, &axis_));
    for (int i = 0; i < ctx.input_count(); ++i) {
      const Tensor* t = ctx.input(i);
      const std::string what = "input " + std::to_string(i);
      if (t->type != first->type || t->shape != first->shape) {
        return ctx.Error(what + " is " + TypeName(t->type) + " " + ShapeString(t->shape) + ", input 0 is " +
                         TypeName(first->type) + " " + ShapeString(first->shape));
      }
      LITESCOPE_RETURN_IF_ERROR(CheckSameQuantization(ctx, *t, *ctx.output(0), what + " and the output"));
    }
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape shape = ctx.input(0)->shape;
    shape.insert(shape.begin() + axis_, ctx.input_count());
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Shape& in = ctx.input(0)->shape;
    const size_t bytes = static_cast<size_t>(DimProduct(in, axis_, in.size())) * ElementSize(ctx.input(0)->type);
    std::vector<ConstBlock> parts;
    for (int i = 0; i < ctx.input_count(); ++i) parts.push_back({ctx.input(i)->raw(), bytes});
    ConcatBlocks(parts, DimProduct(in, 0, static_cast<size_t>(axis_)), ctx.output(0)->raw());
    return Status::Ok();
  }

 private:
  int axis_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakePack() { return Make<Pack>(); }

}  // namespace litescope
