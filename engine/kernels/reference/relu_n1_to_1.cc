// RELU_N1_TO_1, float32: x clamped to [-1, 1].
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include <algorithm>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct ReluN1To1Op {
  float operator()(float x) const { return std::min(std::max(-1.0f, x), 1.0f); }
};
}  // namespace

std::unique_ptr<Kernel> MakeReluN1To1() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kReluN1To1>, UnaryKernel<ReluN1To1Op, float>>>();
}

}  // namespace litescope
