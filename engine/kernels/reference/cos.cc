// COS, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct CosOp {
  float operator()(float x) const { return std::cos(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeCos() { return Make<UnaryKernel<CosOp, float>>(); }

}  // namespace litescope
