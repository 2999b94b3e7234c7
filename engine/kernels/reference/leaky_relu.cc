// LEAKY_RELU, float32: x above zero, alpha * x otherwise (alpha may be negative or above 1).
// INT8, UINT8 and INT16 are quantized (internal/quantized_unary.h).
#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/internal/quantized_unary.h"
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LeakyReluOp {
  float alpha = 0.0f;  // TFLite's value when the options table is absent

  Status Configure(const OpContext& ctx) {
    if (const auto* o = ctx.options<tflite::LeakyReluOptions>()) alpha = o->alpha();
    return Status::Ok();
  }
  float operator()(float x) const { return x > 0.0f ? x : x * alpha; }
};
}  // namespace

std::unique_ptr<Kernel> MakeLeakyRelu() {
  return Make<QuantizedOr<QuantizedUnary<QuantizedActivation::kLeakyRelu>, UnaryKernel<LeakyReluOp, float>>>();
}

}  // namespace litescope
