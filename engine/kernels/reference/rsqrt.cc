// RSQRT, float32: 1 / sqrt(x).
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct RsqrtOp {
  float operator()(float x) const { return 1.0f / std::sqrt(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRsqrt() { return Make<UnaryKernel<RsqrtOp, float>>(); }

}  // namespace litescope
