// SQUARED_DIFFERENCE: (a - b)^2 with broadcasting; INT32 wraps on overflow.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SquaredDifferenceOp {
  using Types = TypeList<float, int32_t>;
  using Options = void;
  template <typename T>
  static T Apply(T a, T b) {
    return WrappingMul(WrappingSub(a, b), WrappingSub(a, b));
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeSquaredDifference() { return Make<BinaryKernel<SquaredDifferenceOp>>(); }

}  // namespace litescope
