// POW: a^b with broadcasting. INT32 refuses negative exponents (as TFLite does when it
// evaluates) and computes in double like TFLite's std::pow, saturating results beyond INT32.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct PowOp {
  using Types = TypeList<float, int32_t>;
  using Options = void;
  static float Apply(float a, float b) { return std::pow(a, b); }
  static int32_t Apply(int32_t a, int32_t b) {
    return SaturatingCast<int32_t>(std::pow(static_cast<double>(a), static_cast<double>(b)));
  }
  template <typename T>
  static const char* Invalid(T b) {
    return std::is_integral_v<T> && b < 0 ? "negative exponent (INT32 POW needs exponents >= 0)" : nullptr;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakePow() { return Make<BinaryKernel<PowOp>>(); }

}  // namespace litescope
