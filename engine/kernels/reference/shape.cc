// SHAPE: the input's dimensions as a vector of out_type (INT32, the default, or INT64).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class ShapeOp : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.input(0) == nullptr || ctx.output_count() != 1) {
      return ctx.Error("needs one input and one output");
    }
    const auto* o = ctx.options<tflite::ShapeOptions>();
    const tflite::TensorType type = o != nullptr ? o->out_type() : tflite::TensorType_INT32;
    if (type != tflite::TensorType_INT32 && type != tflite::TensorType_INT64) {
      return ctx.Error("out_type is " + TypeName(type) + "; INT32 or INT64 expected");
    }
    return CheckOutputType(ctx, 0, type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    out->push_back({static_cast<int32_t>(ctx.input(0)->shape.size())});
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Shape& s = ctx.input(0)->shape;
    Tensor& out = *ctx.output(0);
    for (size_t d = 0; d < s.size(); ++d) {
      if (out.type == tflite::TensorType_INT64) out.data<int64_t>()[d] = s[d];
      else out.data<int32_t>()[d] = s[d];
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeShape() { return Make<ShapeOp>(); }

}  // namespace litescope
