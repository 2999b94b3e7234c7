// FLOOR_MOD: the remainder of floor division, with the sign of b, with broadcasting. Float uses
// fmod then moves a remainder of the other sign by b (so fmod's NaN for b = 0 passes through);
// an integer zero divisor is an error; lowest % -1 is 0.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct FloorModOp {
  using Types = TypeList<float, int32_t, int64_t>;
  using Options = void;
  template <typename T>
  static T Apply(T a, T b) {
    T trunc;
    if constexpr (std::is_integral_v<T>)
      trunc = b == -1 ? T{0} : static_cast<T>(a % b);
    else
      trunc = std::fmod(a, b);
    return trunc != 0 && ((b < 0) != (trunc < 0)) ? static_cast<T>(trunc + b) : trunc;
  }
  template <typename T>
  static const char* Invalid(T b) {
    return std::is_integral_v<T> && b == 0 ? "division by zero (integer divisors must not be 0)" : nullptr;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeFloorMod() { return Make<BinaryKernel<FloorModOp>>(); }

}  // namespace litescope
