// HARD_SWISH, float32: x * relu6(x + 3) / 6; INT8 and UINT8 are quantized
// (internal/quantized_unary.h).
#include <algorithm>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct HardSwishOp {
  float operator()(float x) const { return x * std::min(6.0f, std::max(0.0f, x + 3.0f)) / 6.0f; }
};
}  // namespace

std::unique_ptr<Kernel> MakeHardSwish() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kHardSwish>, UnaryKernel<HardSwishOp, float>>>();
}

}  // namespace litescope
