// RELU6, float32: x clamped to [0, 6].
#include <algorithm>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Relu6Op {
  float operator()(float x) const { return std::min(std::max(0.0f, x), 6.0f); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRelu6() { return Make<UnaryKernel<Relu6Op, float>>(); }

}  // namespace litescope
