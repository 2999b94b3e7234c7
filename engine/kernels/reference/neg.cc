// NEG: float32, int32, int64; the most negative integer wraps to itself.
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct NegOp {
  template <typename T>
  T operator()(T x) const {
    return WrappingNegate(x);
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeNeg() { return Make<UnaryKernel<NegOp, float, int32_t, int64_t>>(); }

}  // namespace litescope
