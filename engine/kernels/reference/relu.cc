// RELU, float32: max(0, x).
#include <algorithm>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct ReluOp {
  float operator()(float x) const { return std::max(0.0f, x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRelu() { return Make<UnaryKernel<ReluOp, float>>(); }

}  // namespace litescope
