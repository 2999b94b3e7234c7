// SIN, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SinOp {
  float operator()(float x) const { return std::sin(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeSin() { return Make<UnaryKernel<SinOp, float>>(); }

}  // namespace litescope
