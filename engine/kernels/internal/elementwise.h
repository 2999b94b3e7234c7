// Elementwise binary ops with NumPy broadcasting, for every element type: one kernel template
// for ADD ... FLOOR_MOD, the comparisons and LOGICAL_AND/OR. Each op file supplies the scalar
// function, the element types TFLite supports for it and, optionally, its options table (for a
// fused activation) and a check of the second input's values (division by zero).
//
//   struct AddOp {
//     using Types = TypeList<float, int32_t, int64_t>;
//     using Options = tflite::AddOptions;  // void when the op has no fused activation
//     template <typename T> static T Apply(T a, T b) { return WrappingAdd(a, b); }
//   };
//   std::unique_ptr<Kernel> MakeAdd() { return Make<BinaryKernel<AddOp>>(); }
//
// BOOL elements are read as `byte != 0` and written as 0 or 1, so that no byte a model holds is
// ever loaded as a C++ bool. Integer arithmetic wraps (internal/wrapping_math.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/broadcast.h"
#include "engine/kernels/internal/element_type.h"
#include "engine/kernels/internal/wrapping_math.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// ---- element types ----------------------------------------------------------------------------

// How a tensor of element type T is stored: BOOL as one byte.
template <typename T>
using StorageOf = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;

template <typename T>
T LoadElement(const StorageOf<T>* data, int64_t i) {
  if constexpr (std::is_same_v<T, bool>)
    return data[i] != 0;
  else
    return data[i];
}

template <typename T>
void StoreElement(StorageOf<T>* data, int64_t i, T v) {
  data[i] = static_cast<StorageOf<T>>(v);
}

template <typename... Ts>
struct TypeList {
  static bool Contains(tflite::TensorType type) { return ((type == kTensorType<Ts>) || ...); }
  // Calls f.template operator()<T>() for the T whose tensor type is `type`; false when none is.
  template <typename F>
  static bool Dispatch(tflite::TensorType type, F&& f) {
    return ((type == kTensorType<Ts> ? (f.template operator()<Ts>(), true) : false) || ...);
  }
  // "FLOAT32, INT32, INT64"
  static std::string Names() {
    std::string s;
    ((s += (s.empty() ? "" : ", ") + std::string(tflite::EnumNameTensorType(kTensorType<Ts>))), ...);
    return s;
  }
};

// The message for an input type an op does not take; int8/uint8/int16 are where TFLite would
// requantize, which comes later.
template <typename Types>
Status UnsupportedType(const OpContext& ctx, const std::string& what, tflite::TensorType type) {
  std::string name = tflite::EnumNameTensorType(type);
  bool quantized =
      type == tflite::TensorType_INT8 || type == tflite::TensorType_UINT8 || type == tflite::TensorType_INT16;
  return ctx.Error(what + " is " + name + (quantized ? "; quantized " + name + " is not implemented yet" : "") +
                   "; supported: " + Types::Names());
}

// ---- fused activations on any arithmetic type --------------------------------------------------

// TFLite's CalculateActivationRange for float, int32 and int64 outputs.
template <typename T>
struct Clamp {
  T min = std::numeric_limits<T>::lowest();
  T max = std::numeric_limits<T>::max();
  T Apply(T v) const { return v < min ? min : (v > max ? max : v); }
};

// False for activations that are not a clamp (TANH, SIGN_BIT): no kernel fuses those.
template <typename T>
bool GetClamp(tflite::ActivationFunctionType act, Clamp<T>* clamp) {
  if constexpr (std::is_floating_point_v<T>) {
    // Float keeps infinities, as XNNPACK (TFLite's default float path) does.
    ActivationRange r;
    if (!GetActivationRange(act, &r)) return false;
    *clamp = {r.min, r.max};
    return true;
  } else {
    switch (act) {
      case tflite::ActivationFunctionType_NONE:
        *clamp = {};
        return true;
      case tflite::ActivationFunctionType_RELU:
        *clamp = {0, std::numeric_limits<T>::max()};
        return true;
      case tflite::ActivationFunctionType_RELU_N1_TO_1:
        *clamp = {-1, 1};
        return true;
      case tflite::ActivationFunctionType_RELU6:
        *clamp = {0, 6};
        return true;
      default:
        return false;
    }
  }
}

// ---- the kernel ---------------------------------------------------------------------------------

template <typename Op>
class BinaryKernel : public Kernel {
  using Options = typename Op::Options;
  static constexpr bool kFused = !std::is_void_v<Options>;
  template <typename T>
  using Out = decltype(Op::Apply(T{}, T{}));

 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 2 || ctx.output_count() != 1) return ctx.Error("needs 2 inputs and 1 output");
    const Tensor* a = ctx.input(0);
    const Tensor* b = ctx.input(1);
    if (a == nullptr || b == nullptr) return ctx.Error("needs two inputs");
    if (a->type != b->type) {
      return ctx.Error(std::string("the inputs are ") + tflite::EnumNameTensorType(a->type) + " and " +
                       tflite::EnumNameTensorType(b->type) + "; they must have the same type");
    }
    if (!Op::Types::Contains(a->type)) return UnsupportedType<typename Op::Types>(ctx, "input 0", a->type);
    tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
    if constexpr (kFused) {
      const Options* options = ctx.template options<Options>();
      if (options != nullptr) act = options->fused_activation_function();
    }
    Status status = Status::Ok();
    Op::Types::Dispatch(a->type, [&]<typename T>() { status = PrepareTyped<T>(ctx, act); });
    LITESCOPE_RETURN_IF_ERROR(status);
    Shape out;
    if (!BroadcastShapes(a->shape, b->shape, &out)) {
      return ctx.Error("input shapes " + ShapeString(a->shape) + " and " + ShapeString(b->shape) + " do not broadcast");
    }
    if (ctx.input_is_constant(1)) LITESCOPE_RETURN_IF_ERROR(CheckSecondInput(ctx));
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    if (!ctx.input_is_constant(1)) LITESCOPE_RETURN_IF_ERROR(CheckSecondInput(ctx));
    Op::Types::Dispatch(ctx.input(0)->type, [&]<typename T>() { Run<T>(ctx); });
    return Status::Ok();
  }

 private:
  template <typename T>
  Status PrepareTyped(OpContext& ctx, tflite::ActivationFunctionType act) {
    constexpr tflite::TensorType out_type = kTensorType<Out<T>>;
    if (ctx.output(0)->type != out_type) {
      return ctx.Error(std::string("the output is ") + tflite::EnumNameTensorType(ctx.output(0)->type) + "; " +
                       tflite::EnumNameTensorType(out_type) + " expected");
    }
    if constexpr (kFused) {
      if (!GetClamp(act, &std::get<Clamp<T>>(clamps_))) {
        return ctx.Error(std::string("fused activation ") + tflite::EnumNameActivationFunctionType(act) +
                         " is not supported");
      }
    }
    return Status::Ok();
  }

  // TFLite refuses some values of the second input (a zero divisor, a negative integer exponent)
  // when it evaluates; a constant second input is checked once, in Prepare.
  Status CheckSecondInput(const OpContext& ctx) {
    if constexpr (requires { Op::Invalid(int32_t{}); }) {
      const Tensor& b = *ctx.input(1);
      Status status = Status::Ok();
      Op::Types::Dispatch(b.type, [&]<typename T>() {
        const StorageOf<T>* pb = b.data<StorageOf<T>>();
        for (int64_t i = 0, n = b.elements(); i < n; ++i) {
          if (const char* why = Op::Invalid(LoadElement<T>(pb, i))) {
            status = ctx.Error("input 1, element " + std::to_string(i) + ": " + why);
            return;
          }
        }
      });
      return status;
    } else {
      return Status::Ok();
    }
  }

  template <typename T>
  void Run(OpContext& ctx) {
    const Tensor& a = *ctx.input(0);
    const Tensor& b = *ctx.input(1);
    Tensor& out = *ctx.output(0);
    const StorageOf<T>* pa = a.data<StorageOf<T>>();
    const StorageOf<T>* pb = b.data<StorageOf<T>>();
    StorageOf<Out<T>>* po = out.data<StorageOf<Out<T>>>();
    ForEachBroadcast(a.shape, b.shape, out.shape, [&](int64_t o, int64_t ia, int64_t ib) {
      Out<T> v = Op::Apply(LoadElement<T>(pa, ia), LoadElement<T>(pb, ib));
      if constexpr (kFused) v = std::get<Clamp<T>>(clamps_).Apply(v);
      StoreElement<Out<T>>(po, o, v);
    });
  }

  // One clamp per arithmetic type the op may fuse an activation into.
  std::tuple<Clamp<float>, Clamp<int32_t>, Clamp<int64_t>> clamps_;
};

}  // namespace litescope
