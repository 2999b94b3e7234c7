// DIV: a / b with broadcasting and a fused activation. Float division by zero gives IEEE
// infinities or NaN; an INT32 zero divisor is an error (TFLite checks the divisor when it
// evaluates) and INT32 quotients truncate toward zero (lowest / -1 wraps to lowest).
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct DivOp {
  using Types = TypeList<float, int32_t>;
  using Options = tflite::DivOptions;
  template <typename T>
  static T Apply(T a, T b) {
    return WrappingDiv(a, b);
  }
  template <typename T>
  static const char* Invalid(T b) {
    return std::is_integral_v<T> && b == 0 ? "division by zero (INT32 divisors must not be 0)" : nullptr;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeDiv() { return Make<BinaryKernel<DivOp>>(); }

}  // namespace litescope
