// MAXIMUM: the larger of a and b with broadcasting (a > b ? a : b, so a NaN in a loses to b, as
// in TFLite's reference). int8/uint8/int16 compare raw values, as TFLite does.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct MaximumOp {
  using Types = TypeList<float, int32_t, int64_t, int8_t, uint8_t, int16_t>;
  using Options = void;
  template <typename T>
  static T Apply(T a, T b) {
    return a > b ? a : b;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeMaximum() { return Make<BinaryKernel<MaximumOp>>(); }

}  // namespace litescope
