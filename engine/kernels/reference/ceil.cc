// CEIL, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct CeilOp {
  float operator()(float x) const { return std::ceil(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeCeil() { return Make<UnaryKernel<CeilOp, float>>(); }

}  // namespace litescope
