// FLOOR_DIV: floor(a / b) with broadcasting, computed in double as TFLite does (so INT64
// quotients beyond 2^53 round like TFLite's). A zero divisor is an error for every type, float
// included; results beyond the integer range saturate.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct FloorDivOp {
  using Types = TypeList<float, int32_t, int64_t>;
  using Options = void;
  template <typename T>
  static T Apply(T a, T b) {
    double q = std::floor(static_cast<double>(a) / static_cast<double>(b));
    if constexpr (std::is_integral_v<T>)
      return SaturatingCast<T>(q);
    else
      return static_cast<T>(q);
  }
  template <typename T>
  static const char* Invalid(T b) {
    return b == 0 ? "division by zero" : nullptr;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeFloorDiv() { return Make<BinaryKernel<FloorDivOp>>(); }

}  // namespace litescope
