// ELU, float32: x for x >= 0, exp(x) - 1 below (alpha is always 1 in TFLite).
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct EluOp {
  float operator()(float x) const { return x < 0.0f ? std::expm1(x) : x; }
};
}  // namespace

std::unique_ptr<Kernel> MakeElu() { return Make<UnaryKernel<EluOp, float>>(); }

}  // namespace litescope
