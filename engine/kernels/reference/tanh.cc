// TANH, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct TanhOp {
  float operator()(float x) const { return std::tanh(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeTanh() { return Make<UnaryKernel<TanhOp, float>>(); }

}  // namespace litescope
