// RELU, float32: max(0, x).
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include <algorithm>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct ReluOp {
  float operator()(float x) const { return std::max(0.0f, x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeRelu() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kRelu>, UnaryKernel<ReluOp, float>>>();
}

}  // namespace litescope
