// ABS: float32, int32 and (non-quantized) int16; the most negative integer stays itself (TFLite does
// so for INT16 and leaves INT32 undefined).
#include <cmath>
#include <type_traits>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct AbsOp {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::fabs(x);
    else
      return x < 0 ? WrappingNegate(x) : x;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeAbs() { return Make<UnaryKernel<AbsOp, float, int32_t, int16_t>>(); }

}  // namespace litescope
