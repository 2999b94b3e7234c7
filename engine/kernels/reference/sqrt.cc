// SQRT, float32 (NaN below zero, as in TFLite).
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SqrtOp {
  float operator()(float x) const { return std::sqrt(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeSqrt() { return Make<UnaryKernel<SqrtOp, float>>(); }

}  // namespace litescope
