// SQUEEZE: the same elements without dimensions of size 1: the ones listed in squeeze_dims
// (negative dims count from the end; each must have size 1), or all of them when the list is
// empty.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Squeeze : public ShapeOnlyKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the input", kMovableTypes));
    return CheckOutputType(ctx, 0, ctx.input(0)->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    const int rank = static_cast<int>(in.size());
    std::vector<bool> drop(in.size(), false);
    const auto* o = ctx.options<tflite::SqueezeOptions>();
    if (o == nullptr || o->squeeze_dims() == nullptr || o->squeeze_dims()->size() == 0) {
      for (size_t d = 0; d < in.size(); ++d) drop[d] = in[d] == 1;
    } else {
      for (int32_t dim : *o->squeeze_dims()) {
        int d;
        LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, dim, rank, &d));
        if (in[static_cast<size_t>(d)] != 1) {
          return ctx.Error("cannot squeeze dimension " + std::to_string(dim) + " of " + ShapeString(in) +
                           ": its size is not 1");
        }
        drop[static_cast<size_t>(d)] = true;
      }
    }
    Shape shape;
    for (size_t d = 0; d < in.size(); ++d) {
      if (!drop[d]) shape.push_back(in[d]);
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeSqueeze() { return Make<Squeeze>(); }

}  // namespace litescope
