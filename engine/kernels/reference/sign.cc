// SIGN: float32, float64, int32: 1, -1 or 0 (NaN gives 0, as in TFLite).
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SignOp {
  template <typename T>
  T operator()(T x) const {
    if (x > 0) return 1;
    if (x < 0) return -1;
    return 0;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeSign() { return Make<UnaryKernel<SignOp, float, double, int32_t>>(); }

}  // namespace litescope
