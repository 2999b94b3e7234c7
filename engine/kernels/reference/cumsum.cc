// CUMSUM: running sums along the axis in input 1 (one INT32 value; negative counts from the end);
// `exclusive` leaves the current element out, `reverse` runs from the end. FLOAT32, INT32, INT64.
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Cumsum : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", {tflite::TensorType_FLOAT32, tflite::TensorType_INT32,
                                                               tflite::TensorType_INT64}));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the axis", {tflite::TensorType_INT32}));
    if (ctx.input(1)->elements() != 1) return ctx.Error("the axis must be a single value");
    const auto* o = ctx.options<tflite::CumsumOptions>();
    exclusive_ = o != nullptr && o->exclusive();
    reverse_ = o != nullptr && o->reverse();
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    out->push_back(ctx.input(0)->shape);
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    // The axis does not change the shape, so a non-constant one is checked here.
    int axis = 0;
    const Tensor& in = *ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, ctx.input(1)->data<int32_t>()[0], static_cast<int>(in.shape.size()), &axis));
    switch (in.type) {
      case tflite::TensorType_FLOAT32: Sum<float>(in, *ctx.output(0), axis); break;
      case tflite::TensorType_INT32: Sum<int32_t>(in, *ctx.output(0), axis); break;
      default: Sum<int64_t>(in, *ctx.output(0), axis); break;
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void Sum(const Tensor& in, Tensor& out, int axis) const {
    const Shape& s = in.shape;
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < axis; ++d) outer *= s[static_cast<size_t>(d)];
    for (size_t d = static_cast<size_t>(axis) + 1; d < s.size(); ++d) inner *= s[d];
    const int64_t n = s[static_cast<size_t>(axis)];
    const T* x = in.data<T>();
    T* y = out.data<T>();
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        T acc = 0;
        for (int64_t j = 0; j < n; ++j) {
          const int64_t k = reverse_ ? n - 1 - j : j;
          const int64_t at = (o * n + k) * inner + i;
          if (exclusive_) {
            y[at] = acc;
            acc = WrappingAdd(acc, x[at]);
          } else {
            acc = WrappingAdd(acc, x[at]);
            y[at] = acc;
          }
        }
      }
    }
  }

  bool exclusive_ = false, reverse_ = false;
};

}  // namespace

std::unique_ptr<Kernel> MakeCumsum() { return Make<Cumsum>(); }

}  // namespace litescope
