// RELU6, float32: x clamped to [0, 6].
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include <algorithm>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Relu6Op {
  float operator()(float x) const { return std::min(std::max(0.0f, x), 6.0f); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRelu6() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kRelu6>, UnaryKernel<Relu6Op, float>>>();
}

}  // namespace litescope
