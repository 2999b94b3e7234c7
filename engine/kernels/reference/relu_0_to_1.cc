// RELU_0_TO_1, float32: x clamped to [0, 1].
#include <algorithm>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Relu0To1Op {
  float operator()(float x) const { return std::min(std::max(0.0f, x), 1.0f); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRelu0To1() { return Make<UnaryKernel<Relu0To1Op, float>>(); }

}  // namespace litescope
