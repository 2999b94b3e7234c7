// The kernel shared by elementwise unary ops (ABS, EXP, RELU, NEG, ...): the output has the
// input's shape and element type; each op file supplies the scalar function and the element
// types TFLite's kernel takes as plain (non-quantized) values.
//
//   struct NegOp {
//     template <typename T> T operator()(T x) const { return -x; }
//   };
//   std::unique_ptr<Kernel> MakeNeg() { return Make<UnaryKernel<NegOp, float, int32_t, int64_t>>(); }
//
// An op with options also defines `Status Configure(const OpContext& ctx)`; Prepare calls it.
#pragma once

#include <string>
#include <type_traits>

#include "engine/kernels/internal/element_type.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// "FLOAT32, INT32"
template <typename... Ts>
std::string ElementTypeNames() {
  std::string names;
  ((names += (names.empty() ? "" : ", ") + std::string(tflite::EnumNameTensorType(kTensorType<Ts>))), ...);
  return names;
}

// INT8/UINT8/INT16 tensors with quantization parameters hold quantized reals, which kernels
// must requantize; the plain-integer kernels do not do that.
inline bool IsQuantizedInteger(const Tensor& t) {
  return !t.quant.empty() && (t.type == tflite::TensorType_INT8 || t.type == tflite::TensorType_UINT8 ||
                              t.type == tflite::TensorType_INT16);
}

// -x, where for integers the most negative value wraps to itself (two's complement, as TFLite's
// kernels do in practice; C++ would call it overflow).
template <typename T>
T WrappingNegate(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    return -x;
  } else {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(U{0} - static_cast<U>(x)));
  }
}

template <typename Op, typename... Types>
class UnaryKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1) return ctx.Error("needs one input and one output");
    const Tensor* in = ctx.input(0);
    if (in == nullptr) return ctx.Error("the input is missing");
    const std::string type = tflite::EnumNameTensorType(in->type);
    if (!((in->type == kTensorType<Types>) || ...)) {
      const bool maybe_quantized = in->type == tflite::TensorType_INT8 || in->type == tflite::TensorType_UINT8 ||
                                   in->type == tflite::TensorType_INT16;
      return ctx.Error("input is " + type + "; supported: " + ElementTypeNames<Types...>() +
                       (maybe_quantized ? " (quantized kernels are not implemented yet)" : ""));
    }
    if (IsQuantizedInteger(*in)) return ctx.Error("quantized " + type + " input is not implemented yet");
    if (ctx.output(0)->type != in->type) {
      return ctx.Error("output is " + std::string(tflite::EnumNameTensorType(ctx.output(0)->type)) + "; it must be " +
                       type + " like the input");
    }
    if constexpr (requires { op_.Configure(ctx); }) LITESCOPE_RETURN_IF_ERROR(op_.Configure(ctx));
    return ctx.ResizeOutput(0, in->shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    VisitElementType<Types...>(in.type, [&](auto tag) {
      using T = decltype(tag);
      const T* x = in.data<T>();
      T* y = out.data<T>();
      for (int64_t i = 0, n = in.elements(); i < n; ++i) y[i] = op_(x[i]);
    });
    return Status::Ok();
  }

 private:
  Op op_;
};

}  // namespace litescope
