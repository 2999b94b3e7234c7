// CAST between FLOAT32, FLOAT16, FLOAT64, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64 and
// BOOL, as TFLite converts (quantization parameters are ignored, as in TFLite):
//   float to integer truncates toward zero and saturates at the integer's range (TFLite does
//   so for INT32, INT16 and UINT8 and leaves other overflows undefined); NaN gives 0, except
//   FLOAT32 to INT32 where TFLite gives INT32_MAX;
//   anything to BOOL is x != 0 (NaN is true); BOOL is 0 or 1;
//   integers wrap modulo 2^bits; FLOAT16 converts through FLOAT32 both ways, as in TFLite.
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "engine/kernels/internal/element_type.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

// Calls f(T{}) for the C++ type of a castable element type; false for other types.
template <typename F>
bool VisitCastType(tflite::TensorType type, F&& f) {
  return VisitElementType<float, Half, double, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, bool>(
      type, f);
}

// Rounds to nearest like the FPU, and to infinity beyond FLT_MAX, without undefined behaviour.
float DoubleToFloat(double x) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  if (std::fabs(x) >= 0x1.ffffffp127) return x > 0 ? kInf : -kInf;  // halfway past FLT_MAX and beyond
  return static_cast<float>(x);
}

template <typename From>
float ToFloat(From x) {
  if constexpr (std::is_same_v<From, double>) {
    return DoubleToFloat(x);
  } else {
    return static_cast<float>(x);
  }
}

template <typename To, typename From>
To SaturatingCast(From x) {
  if (std::isnan(x)) {
    return std::is_same_v<From, float> && std::is_same_v<To, int32_t> ? std::numeric_limits<To>::max() : To{0};
  }
  // The limits as From (a wide type's maximum rounds up, to the first value past the range).
  constexpr From lo = static_cast<From>(std::numeric_limits<To>::min());
  constexpr From hi = static_cast<From>(std::numeric_limits<To>::max());
  if (x <= lo) return std::numeric_limits<To>::min();
  if (x >= hi) return std::numeric_limits<To>::max();
  return static_cast<To>(x);
}

template <typename To, typename From>
To Convert(From x) {
  if constexpr (std::is_same_v<From, Half>) {
    return Convert<To>(HalfToFloat(x.bits));
  } else if constexpr (std::is_same_v<To, Half>) {
    return Half{FloatToHalf(ToFloat(x))};
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != 0;
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    return SaturatingCast<To>(x);
  } else if constexpr (std::is_same_v<From, double> && std::is_same_v<To, float>) {
    return DoubleToFloat(x);
  } else {
    return static_cast<To>(x);
  }
}

// BOOL elements are bytes: any nonzero byte reads as true, and true is written as 1.
template <typename T>
using Stored = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;

class Cast : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1 || ctx.input(0) == nullptr) {
      return ctx.Error("needs one input and one output");
    }
    for (const Tensor* t : {ctx.input(0), static_cast<const Tensor*>(ctx.output(0))}) {
      if (!VisitCastType(t->type, [](auto) {})) {
        return ctx.Error(
            std::string(t == ctx.input(0) ? "input" : "output") + " is " + tflite::EnumNameTensorType(t->type) +
            "; supported: FLOAT32, FLOAT16, FLOAT64, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, BOOL");
      }
    }
    return ctx.ResizeOutput(0, ctx.input(0)->shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    Tensor& out = *ctx.output(0);
    const int64_t n = in.elements();
    VisitCastType(in.type, [&](auto from) {
      using From = decltype(from);
      VisitCastType(out.type, [&](auto to) {
        using To = decltype(to);
        const Stored<From>* x = in.data<Stored<From>>();
        Stored<To>* y = out.data<Stored<To>>();
        for (int64_t i = 0; i < n; ++i) {
          const From v = static_cast<From>(x[i]);
          y[i] = static_cast<Stored<To>>(Convert<To>(v));
        }
      });
    });
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeCast() { return Make<Cast>(); }

}  // namespace litescope
