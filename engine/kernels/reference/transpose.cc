// TRANSPOSE: output dimension d is input dimension perm[d] (perm: input 1, INT32, a permutation of
// 0..rank-1; rank up to 6).
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Transpose : public ValueShapedKernel {
 public:
  Transpose() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the permutation", {tflite::TensorType_INT32}));
    if (in->shape.size() > 6) return ctx.Error("inputs of rank " + std::to_string(in->shape.size()) + " > 6 are not supported");
    if (ctx.input(1)->shape != Shape{static_cast<int32_t>(in->shape.size())}) {
      return ctx.Error("the permutation has shape " + ShapeString(ctx.input(1)->shape) + "; one entry per input dimension (" +
                       std::to_string(in->shape.size()) + ") expected");
    }
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& in = ctx.input(0)->shape;
    const int32_t* perm = ctx.input(1)->data<int32_t>();
    const std::vector<int64_t> in_strides = ContiguousStrides(in);
    std::vector<bool> used(in.size(), false);
    Shape shape;
    strides_.clear();
    for (size_t d = 0; d < in.size(); ++d) {
      const int32_t p = perm[d];
      if (p < 0 || p >= static_cast<int32_t>(in.size()) || used[static_cast<size_t>(p)]) {
        return ctx.Error("the permutation has entry " + std::to_string(p) + " at " + std::to_string(d) +
                         "; a permutation of 0.." + std::to_string(in.size()) + " - 1 expected");
      }
      used[static_cast<size_t>(p)] = true;
      shape.push_back(in[static_cast<size_t>(p)]);
      strides_.push_back(in_strides[static_cast<size_t>(p)]);
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    Tensor& out = *ctx.output(0);
    CopyByOffsets(ctx.input(0)->raw(), out.raw(), ElementSize(out.type), StridedOffsets(out.shape, strides_), nullptr);
    return Status::Ok();
  }

 private:
  std::vector<int64_t> strides_;  // the input stride of each output dimension
};

}  // namespace

std::unique_ptr<Kernel> MakeTranspose() { return Make<Transpose>(); }

}  // namespace litescope
