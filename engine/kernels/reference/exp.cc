// EXP, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct ExpOp {
  float operator()(float x) const { return std::exp(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeExp() { return Make<UnaryKernel<ExpOp, float>>(); }

}  // namespace litescope
