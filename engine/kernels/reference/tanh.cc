// TANH, float32.
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include <cmath>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct TanhOp {
  float operator()(float x) const { return std::tanh(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeTanh() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kTanh>, UnaryKernel<TanhOp, float>>>();
}

}  // namespace litescope
