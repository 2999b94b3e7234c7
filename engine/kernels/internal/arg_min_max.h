// ARG_MAX and ARG_MIN: the index of the largest (smallest) value along the axis in input 1 (one
// INT32/INT64 value; negative counts from the end), as output_type (INT32 or INT64). Ties and
// NaNs keep the first index, as TFLite's strict comparison does.
//
//   std::unique_ptr<Kernel> MakeArgMax() { return Make<ArgMinMaxKernel<std::greater<>, tflite::ArgMaxOptions>>(); }
#pragma once

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"

namespace litescope {

template <typename Better, typename Options>
class ArgMinMaxKernel : public ValueShapedKernel {
 public:
  ArgMinMaxKernel() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", {tflite::TensorType_FLOAT32, tflite::TensorType_INT8,
                                                               tflite::TensorType_UINT8, tflite::TensorType_INT16,
                                                               tflite::TensorType_INT32, tflite::TensorType_INT64,
                                                               tflite::TensorType_BOOL}));
    if (in->shape.empty()) return ctx.Error("the input must have rank >= 1");
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(1), "the axis", kIndexTypes));
    const Options* o = ctx.template options<Options>();
    const tflite::TensorType type = o != nullptr ? o->output_type() : tflite::TensorType_INT64;
    if (type != tflite::TensorType_INT32 && type != tflite::TensorType_INT64) {
      return ctx.Error("output_type is " + TypeName(type) + "; INT32 or INT64 expected");
    }
    return CheckOutputType(ctx, 0, type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape shape = ctx.input(0)->shape;
    int64_t axis = 0;
    LITESCOPE_RETURN_IF_ERROR(ReadScalarInt(ctx, *ctx.input(1), "the axis", &axis));
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, axis, static_cast<int>(shape.size()), &axis_));
    shape.erase(shape.begin() + axis_);
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    switch (ctx.input(0)->type) {
      case tflite::TensorType_FLOAT32: return Arg<float>(ctx);
      case tflite::TensorType_INT8: return Arg<int8_t>(ctx);
      case tflite::TensorType_UINT8: return Arg<uint8_t>(ctx);
      case tflite::TensorType_INT16: return Arg<int16_t>(ctx);
      case tflite::TensorType_INT32: return Arg<int32_t>(ctx);
      case tflite::TensorType_INT64: return Arg<int64_t>(ctx);
      default: return Arg<bool>(ctx);
    }
  }

 private:
  template <typename T>
  Status Arg(OpContext& ctx) {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const Shape& s = in.shape;
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < axis_; ++d) outer *= s[static_cast<size_t>(d)];
    for (size_t d = static_cast<size_t>(axis_) + 1; d < s.size(); ++d) inner *= s[d];
    const int64_t n = s[static_cast<size_t>(axis_)];
    const T* x = in.data<T>();
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const T* row = x + o * n * inner + i;
        int64_t best = 0;
        for (int64_t k = 1; k < n; ++k) {
          if (Better()(row[k * inner], row[best * inner])) best = k;
        }
        if (out.type == tflite::TensorType_INT32) out.data<int32_t>()[o * inner + i] = static_cast<int32_t>(best);
        else out.data<int64_t>()[o * inner + i] = best;
      }
    }
    return Status::Ok();
  }

  int axis_ = 0;
};

}  // namespace litescope
