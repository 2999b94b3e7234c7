// LOGISTIC (sigmoid), float32, with TFLite's cut-offs: 1 above 16.619..., exp(x) below -9.
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include <cmath>

#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LogisticOp {
  float operator()(float x) const {
    if (x > 16.619047164916992188f) return 1.0f;
    if (x < -9.0f) return std::exp(x);
    return 1.0f / (1.0f + std::exp(-x));
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeLogistic() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kLogistic>, UnaryKernel<LogisticOp, float>>>();
}

}  // namespace litescope
