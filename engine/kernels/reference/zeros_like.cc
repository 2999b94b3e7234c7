// ZEROS_LIKE: zeros of the input's shape and type (INT32, INT64, FLOAT32, as TFLite supports).
#include <cstring>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class ZerosLike : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(0), "the input", {tflite::TensorType_FLOAT32,
                                                                         tflite::TensorType_INT32, tflite::TensorType_INT64}));
    return CheckOutputType(ctx, 0, ctx.input(0)->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    out->push_back(ctx.input(0)->shape);
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    Tensor& out = *ctx.output(0);
    if (out.bytes() != 0) std::memset(out.raw(), 0, out.bytes());
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeZerosLike() { return Make<ZerosLike>(); }

}  // namespace litescope
